/**
 * \file profile.h
 * \brief Profiles (limits, allowed algorithms, severities) and policy files.
 */
#ifndef CERTFIT_PROFILE_H
#define CERTFIT_PROFILE_H

#include <stdbool.h>

#include "cert.h"
#include "common.h"
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CERTFIT_PROFILE_NAME_SIZE 32

/** \brief A profile: every limit a check compares with. 0 = no limit. */
typedef struct certfit_profile {
    char name[CERTFIT_PROFILE_NAME_SIZE];
    uint32_t credential_limit;   /**< credential_bytes limit */
    uint32_t readback_limit;     /**< cmng_read_response limit */
    uint32_t chain_limit;        /**< tls12_certificate_message limit */
    uint32_t max_depth;          /**< certificates per item */
    uint8_t headroom_percent;    /**< size-headroom window */
    uint16_t key_types;          /**< allowed: bit (1 << certfit_key_type) */
    uint16_t curves;             /**< allowed: bit (1 << certfit_curve) */
    uint16_t hashes;             /**< allowed signature hashes: bit (1 << certfit_hash) */
    uint16_t rsa_min_bits;
    uint16_t rsa_max_bits;
    uint16_t lifetime_min_years; /**< 0: lifetime-min off */
    uint16_t expires_soon_days;
    bool require_self_signed;    /**< self-signed rule on */
    bool time_rules_without_clock; /**< apply time rules when the clock is unset */
    uint32_t cert_limit;         /**< largest single certificate, DER bytes (certificate-size) */
    uint32_t key_credential_limit; /**< largest private-key block, bytes (key-credential-size) */
    uint16_t ec_max_bits;        /**< largest EC key in bits (key-algorithm) */
    bool pem_size_without_cr;    /**< the client counts a PEM credential without its CR bytes */
    uint8_t severity[CERTFIT_RULE_COUNT]; /**< certfit_severity per rule */
} certfit_profile;

/** \brief Number of built-in profiles. */
CERTFIT_API size_t certfit_profile_count(void);
/** \brief Built-in profile i (0 = the default, nrf91), or NULL. The profiles
 *         are reached through functions only: their size follows the rule
 *         count, so they are not exported as data (docs/abi.md). */
CERTFIT_API const certfit_profile *certfit_profile_at(size_t i);
/** \brief A one-line description of built-in profile i. */
CERTFIT_API const char *certfit_profile_summary(size_t i);
/**
 * \brief Copy a built-in profile by name.
 * \return 0 or CERTFIT_ERR_UNKNOWN_PROFILE
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_profile_get(const char *name, certfit_profile *out);

/** \brief Documentation of one limit of a profile: value, source, status. */
typedef struct certfit_limit_doc {
    const char *key;      /**< policy-file key */
    const char *source;   /**< where the value comes from */
    bool confirmed;       /**< false: an assumption */
} certfit_limit_doc;

/**
 * \brief The documented limits of built-in profile i.
 * \param count number of entries
 * \return the array (static), or NULL
 */
CERTFIT_API const certfit_limit_doc *certfit_profile_limit_docs(size_t i, size_t *count);

/**
 * \brief Write a limit's value as policy-file text ("4096", "ec,rsa", "true").
 * \return 0, CERTFIT_ERR_INVALID_ARG (unknown key) or CERTFIT_ERR_BUFFER_TOO_SMALL
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_profile_value(const certfit_profile *p, const char *key,
                                                         char *out, size_t size);

/** \brief Where a policy file went wrong. */
typedef struct certfit_policy_error {
    uint32_t line;       /**< 1-based line number, 0 when not line-specific */
    char message[96];    /**< what is wrong */
} certfit_policy_error;

/**
 * \brief Parse a policy file: `key = value` lines, `#` comments, an optional
 *        `base = PROFILE` line (applied first, wherever it stands). Keys are
 *        the limit keys of certfit_profile_value(), `skip = rule[,rule]`,
 *        `severity.RULE = error|warning|notice|off`, and `name = NAME` (1..31
 *        of A-Z a-z 0-9 - _ . +; default: the base's name and "+policy").
 * \param text  the file's bytes
 * \param len   their number
 * \param out   the resulting profile (base defaults to nrf91)
 * \param err   filled on failure
 * \return 0 or CERTFIT_ERR_POLICY / CERTFIT_ERR_UNKNOWN_PROFILE
 */
CERTFIT_API CERTFIT_MUST_CHECK int
certfit_policy_parse(const char *text, size_t len, certfit_profile *out, certfit_policy_error *err);

/**
 * \brief Like certfit_policy_parse(), starting from *start instead of nrf91
 *        when the file has no `base` line.
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_policy_parse_from(const certfit_profile *start,
                                                             const char *text, size_t len,
                                                             certfit_profile *out,
                                                             certfit_policy_error *err);

/**
 * \brief Effective severity of a rule under a profile (OFF when disabled).
 */
CERTFIT_API certfit_severity certfit_profile_severity(const certfit_profile *p, certfit_rule rule);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_PROFILE_H */
