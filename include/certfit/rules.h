/**
 * \file rules.h
 * \brief The rule table: stable ids, default severities, roles and texts.
 */
#ifndef CERTFIT_RULES_H
#define CERTFIT_RULES_H

#include <stdbool.h>

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

/** \brief rules.def's severity column PROFILE(sev): a rule whose severity
 *         each built-in profile gives (lib/profiles.def); sev is its default.
 *         A row macro that pastes CERTFIT_SEV_##severity gets the default. */
#define CERTFIT_SEV_PROFILE(sev) CERTFIT_SEV_##sev

/** \brief Roles an item can play; rules declare the roles they apply to. */
typedef enum certfit_role {
    CERTFIT_ROLE_CA = 1,     /**< a credential for the modem's CA slot */
    CERTFIT_ROLE_SERVER = 2, /**< the chain a TLS server sends, leaf first */
    CERTFIT_ROLE_BOTH = 3
} certfit_role;

#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    CERTFIT_RULE_##name,
/** \brief Rule numbers, in table order (mirrors the kebab-case ids). */
typedef enum certfit_rule {
#include "rules.def"
    CERTFIT_RULE_COUNT
} certfit_rule;
#undef CERTFIT_RULE_ROW

/** \brief What a rule is about (rules.def's category column). */
typedef enum certfit_rule_category {
    CERTFIT_CATEGORY_SIZE = 0,
    CERTFIT_CATEGORY_KEY = 1,
    CERTFIT_CATEGORY_TRUST = 2,
    CERTFIT_CATEGORY_TIME = 3,
    CERTFIT_CATEGORY_ENCODING = 4,
    CERTFIT_CATEGORY_HANDSHAKE = 5
} certfit_rule_category;

/**
 * \brief The profile limits that can enable a rule (rules.def's limit
 *        column): X(NAME, profile key). A rule with a limit
 *        is off while the profile's limit is 0; with ANY_CURVE, while the
 *        profile limits the curves (ec-curve: a profile with a curve list
 *        reports another curve as key-algorithm).
 */
#define CERTFIT_LIMIT_ROWS(X)                                                                      \
    X(NONE, NULL)                                                                                  \
    X(CREDENTIAL_LIMIT, "credential_limit")                                                        \
    X(READBACK_LIMIT, "readback_limit")                                                            \
    X(CHAIN_LIMIT, "chain_limit")                                                                  \
    X(HEADROOM_PERCENT, "headroom_percent")                                                        \
    X(MAX_DEPTH, "max_depth")                                                                      \
    X(REQUIRE_SELF_SIGNED, "require_self_signed")                                                  \
    X(LIFETIME_MIN_YEARS, "lifetime_min_years")                                                    \
    X(CERT_LIMIT, "certificate_limit")                                                             \
    X(KEY_CREDENTIAL_LIMIT, "key_credential_limit")                                                \
    X(ANY_CURVE, "curves")

#define CERTFIT_LIMIT_ENUM_(name, key) CERTFIT_LIMIT_##name,
/** \brief A profile limit that enables a rule (CERTFIT_LIMIT_NONE: none). */
typedef enum certfit_rule_limit {
    CERTFIT_LIMIT_ROWS(CERTFIT_LIMIT_ENUM_) CERTFIT_LIMIT_COUNT
} certfit_rule_limit;
#undef CERTFIT_LIMIT_ENUM_

/**
 * \brief Named values of certfit_finding.detail, per rule:
 *        CERTFIT_DETAIL_<RULE>_<CODE> (rules.def's CERTFIT_RULE_DETAIL rows).
 *        Rules whose detail is another enum say so with
 *        CERTFIT_RULE_DETAIL_TYPE (key-algorithm: certfit_key_type,
 *        signature-algorithm: certfit_sig_alg, der-strict: certfit_strict).
 */
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)
#define CERTFIT_RULE_DETAIL(rule, code, value, meaning) CERTFIT_DETAIL_##rule##_##code = (value),
typedef enum certfit_detail {
#include "rules.def"
    CERTFIT_DETAIL_NONE = 0
} certfit_detail;
#undef CERTFIT_RULE_DETAIL
#undef CERTFIT_RULE_ROW

/** \brief One named detail code of a rule (docs/rules.md lists them). */
typedef struct certfit_rule_detail_text {
    certfit_rule rule;
    int32_t value;       /**< the code, or -1 when the detail is a value of type */
    const char *name;    /**< the code's C name, e.g. "CERTFIT_DETAIL_CHAIN_ORDER_NAMES",
                              or the enum type's name, e.g. "certfit_key_type" */
    const char *meaning; /**< one line */
} certfit_rule_detail_text;

/** \brief The text of a rule, for listings, explain, SARIF and docs. */
typedef struct certfit_rule_text {
    const char *id;       /**< kebab-case id, e.g. "chain-size" */
    const char *summary;  /**< one line */
    const char *why;      /**< why it matters */
    const char *citation; /**< RFC section or vendor document */
    const char *fix;      /**< how to fix */
} certfit_rule_text;

/** \brief Kebab-case id of a rule, or NULL if out of range or not built
 *         (a device build: rules.def's scope column, config.h). */
CERTFIT_API const char *certfit_rule_id(certfit_rule rule);
/** \brief Default severity of a rule (before a profile changes it). */
CERTFIT_API certfit_severity certfit_rule_default_severity(certfit_rule rule);
/** \brief Roles (bitmask of certfit_role) a rule applies to. */
CERTFIT_API unsigned certfit_rule_roles(certfit_rule rule);
/* The category, limit, zlint and detail functions and certfit_rule_text_of()
 * are host-side (lib/rules_text.c): firmware images link the ids,
 * severities, roles and the clock and size columns only. */
/** \brief Category of a rule (CERTFIT_CATEGORY_SIZE for one out of range). */
CERTFIT_API certfit_rule_category certfit_rule_category_of(certfit_rule rule);
/** \brief "size", "key", "trust", "time", "encoding", "handshake"; NULL if out of range. */
CERTFIT_API const char *certfit_rule_category_name(certfit_rule_category c);
/** \brief The profile limit that enables a rule (CERTFIT_LIMIT_NONE: always on). */
CERTFIT_API certfit_rule_limit certfit_rule_limit_of(certfit_rule rule);
/** \brief The profile key of a limit ("credential_limit"), NULL for NONE or out of range. */
CERTFIT_API const char *certfit_rule_limit_name(certfit_rule_limit l);
/** \brief Whether a rule reads the current time (expired, not-yet-valid, expires-soon). */
CERTFIT_API bool certfit_rule_reads_clock(certfit_rule rule);
/** \brief The rules that read the clock, as a certfit_check_opts.skip mask. */
CERTFIT_API uint64_t certfit_rule_clock_mask(void);
/** \brief Whether a rule is a size rule (the firmware glue refuses with -EFBIG). */
CERTFIT_API bool certfit_rule_is_size(certfit_rule rule);
/** \brief Whether a rule is a hard size limit: firmware refuses it at error
 *         severity whatever its fail-on level. */
CERTFIT_API bool certfit_rule_is_hard_limit(certfit_rule rule);
/** \brief The zlint lints a rule corresponds to (docs/design.md section 13: on the
 *         same certificate the rule fires exactly when one of them returns
 *         warn or error), space-separated ("" when none); NULL if out of range. */
CERTFIT_API const char *certfit_rule_zlint(certfit_rule rule);
/**
 * \brief The named detail codes of a rule.
 * \param rule  the rule
 * \param i     0, 1, ... (the rule's i-th CERTFIT_RULE_DETAIL or _TYPE row)
 * \return the detail, or NULL past the last one
 */
CERTFIT_API const certfit_rule_detail_text *certfit_rule_detail_at(certfit_rule rule, size_t i);
/** \brief Full text of a rule, or NULL if out of range. */
CERTFIT_API const certfit_rule_text *certfit_rule_text_of(certfit_rule rule);
/**
 * \brief Look up a rule by its id.
 * \param id   the kebab-case id (need not be NUL-terminated)
 * \param len  its length
 * \return the rule, or CERTFIT_RULE_COUNT when unknown
 */
CERTFIT_API certfit_rule certfit_rule_from_id(const char *id, size_t len);
/** \brief "error", "warning", "notice" or "off". */
CERTFIT_API const char *certfit_severity_name(certfit_severity sev);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_RULES_H */
