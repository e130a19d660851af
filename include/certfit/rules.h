/**
 * \file rules.h
 * \brief The rule table: stable ids, default severities, roles and texts.
 */
#ifndef CERTFIT_RULES_H
#define CERTFIT_RULES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief Severity of a finding; OFF disables a rule in a profile. */
typedef enum certfit_severity {
    CERTFIT_SEV_OFF = 0,
    CERTFIT_SEV_NOTICE = 1,
    CERTFIT_SEV_WARNING = 2,
    CERTFIT_SEV_ERROR = 3
} certfit_severity;

/** \brief Roles an item can play; rules declare the roles they apply to. */
typedef enum certfit_role {
    CERTFIT_ROLE_CA = 1,     /**< a credential for the modem's CA slot */
    CERTFIT_ROLE_SERVER = 2, /**< the chain a TLS server sends, leaf first */
    CERTFIT_ROLE_BOTH = 3
} certfit_role;

#define CERTFIT_RULE_ROW(name, id, sev, roles, summary, why, cite, fix) CERTFIT_RULE_##name,
/** \brief Rule numbers, in table order (mirrors the kebab-case ids). */
typedef enum certfit_rule {
#include "rules.def"
    CERTFIT_RULE_COUNT
} certfit_rule;
#undef CERTFIT_RULE_ROW

/** \brief The text of a rule, for listings, explain, SARIF and docs. */
typedef struct certfit_rule_text {
    const char *id;       /**< kebab-case id, e.g. "chain-size" */
    const char *summary;  /**< one line */
    const char *why;      /**< why it matters */
    const char *citation; /**< RFC section or vendor document */
    const char *fix;      /**< how to fix */
} certfit_rule_text;

/** \brief Kebab-case id of a rule, or NULL if out of range. */
CERTFIT_API const char *certfit_rule_id(certfit_rule rule);
/** \brief Default severity of a rule (before a profile changes it). */
CERTFIT_API certfit_severity certfit_rule_default_severity(certfit_rule rule);
/** \brief Roles (bitmask of certfit_role) a rule applies to. */
CERTFIT_API unsigned certfit_rule_roles(certfit_rule rule);
/** \brief Full text of a rule, or NULL if out of range. */
CERTFIT_API const certfit_rule_text *certfit_rule_text_of(certfit_rule rule);
/**
 * \brief Look up a rule by its id.
 * \param id   the kebab-case id (need not be NUL-terminated)
 * \param len  its length
 * \return the rule, or CERTFIT_RULE_COUNT when unknown
 */
CERTFIT_API certfit_rule certfit_rule_from_id(const char *id, size_t len);
/**
 * \brief The zlint lints a rule corresponds to (DESIGN.md section 13): on the
 *        same certificate the rule fires exactly when one of them returns
 *        warn or error.
 * \return the lint names separated by single spaces, "" when none, NULL
 *         when rule is out of range
 */
CERTFIT_API const char *certfit_rule_zlint(certfit_rule rule);
/** \brief "error", "warning", "notice" or "off". */
CERTFIT_API const char *certfit_severity_name(certfit_severity sev);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_RULES_H */
