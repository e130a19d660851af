/**
 * \file check.h
 * \brief Running the rules over one item: a streaming, allocation-free
 *        check that reports certificates and findings through callbacks.
 */
#ifndef CERTFIT_CHECK_H
#define CERTFIT_CHECK_H

#include <stdbool.h>

#include "cert.h"
#include "common.h"
#include "config.h"
#include "input.h"
#include "profile.h"
#include "rules.h"
#include "size.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief Capacity of certfit_finding.text (names, algorithms, hosts): 64, or
 *        1 (always "") when built with CERTFIT_CONFIG_FINDING_TEXT 0.
 */
#if CERTFIT_CONFIG_FINDING_TEXT
#define CERTFIT_FINDING_TEXT_SIZE 64
#else
#define CERTFIT_FINDING_TEXT_SIZE 1
#endif

/** \brief No certificate index / no offset. */
#define CERTFIT_NO_CERT (-1)
#define CERTFIT_NO_OFFSET ((size_t)-1)

/**
 * \brief A finding: data, not an error. Its fields are numbers so that a
 *        device can log them without formatting code; certfit_finding_message()
 *        turns them into text on a host. What value/limit/extra mean depends
 *        on the rule: detail holds one of the rule's certfit_detail codes
 *        (rules.def, listed per rule in docs/rules.md).
 */
typedef struct certfit_finding {
    certfit_rule rule;
    certfit_severity severity;
    int32_t cert;      /**< certificate index, or CERTFIT_NO_CERT */
    uint64_t value;    /**< the measured figure */
    uint64_t limit;    /**< the limit it is compared with */
    int64_t extra;     /**< a second figure (e.g. a time, an index) */
    uint32_t detail;   /**< rule-specific code (a certfit_strict, a key type, …) */
    size_t offset;     /**< byte offset in the item text, or CERTFIT_NO_OFFSET */
    uint32_t line;     /**< 1-based source line, 0 when unknown */
    char text[CERTFIT_FINDING_TEXT_SIZE]; /**< rule-specific text, NUL-terminated
                                               ("" without CERTFIT_CONFIG_FINDING_TEXT) */
} certfit_finding;

/** \brief One input item: a credential or a chain. */
typedef struct certfit_item {
    certfit_format format; /**< PEM (also for C literal content) or DER */
    certfit_view text;     /**< the exact credential text, or the DER bytes */
    uint32_t first_line;   /**< line of text[0] in its file (C: the literal's line) */
    bool lines_known;      /**< false when text lines do not map to file lines */
} certfit_item;

/** \brief Options of one check. */
typedef struct certfit_check_opts {
    const certfit_profile *profile; /**< required */
    certfit_role role;              /**< CERTFIT_ROLE_CA or CERTFIT_ROLE_SERVER */
    int64_t now;                    /**< seconds since the epoch */
    bool clock_set;                 /**< false: see profile->time_rules_without_clock */
    const char *host;               /**< NULL, or the host name / IP for hostname-mismatch
                                         (CERTFIT_ERR_UNSUPPORTED without CERTFIT_CONFIG_HOSTNAME) */
    uint32_t sec_tag;               /**< for cmng_read_response */
    uint8_t cred_type;              /**< %CMNG type, 0 = CA */
    bool verify_signatures;         /**< ignored without CERTFIT_WITH_SIGNATURES */
    uint64_t skip;                  /**< bit (1 << rule) set: rule skipped */
    uint32_t keep;                  /**< role CA: 1 + the index of the certificate a server's
                                         chain needs (certfit_trust_check()), which ca-slot-bundle
                                         then names; 0: not known */
    /** NULL, or a second X.509 parser for rule mbedtls-parse, run on each
     *  certificate when verify_signatures is set: 0 when it accepts the DER,
     *  else its own negative code (on a host: certfit_mbedtls_parse()) */
    int (*x509_parse)(const uint8_t *der, size_t len);
} certfit_check_opts;

/** \brief The rules that read the clock (rules.def's clock column: expired,
 *         not-yet-valid, expires-soon) as certfit_check_opts.skip bits:
 *         without a clock they apply only when the profile says so. */
#define CERTFIT_CLOCK_RULES (certfit_rule_clock_mask())

/**
 * \brief Parse a certificate with mbedtls_x509_crt_parse_der() of the Mbed TLS
 *        the library is linked with (host builds with Mbed TLS; it allocates
 *        inside Mbed TLS). Give it as certfit_check_opts.x509_parse.
 * \return 0 when Mbed TLS accepts the DER, else Mbed TLS's negative code;
 *         CERTFIT_ERR_UNSUPPORTED in a build without Mbed TLS
 */
CERTFIT_API int certfit_mbedtls_parse(const uint8_t *der, size_t len);

/** \brief Set defaults: role CA, widest sec_tag, signatures on, clock unset,
 *         no x509_parse. */
CERTFIT_API void certfit_check_opts_init(certfit_check_opts *o, const certfit_profile *profile);

/** \brief Signature state of a certificate. */
typedef enum certfit_selfsig {
    CERTFIT_SELFSIG_NO = 0,      /**< issuer != subject, or signature fails */
    CERTFIT_SELFSIG_YES = 1,     /**< issuer == subject and the signature verifies */
    CERTFIT_SELFSIG_UNKNOWN = 2  /**< not verified (off, or unsupported algorithm) */
} certfit_selfsig;

/** \brief What the sink is told about each certificate. */
typedef struct certfit_cert_event {
    uint32_t index;            /**< position in the item */
    const certfit_cert *cert;  /**< valid during the callback only; NULL if unparsable */
    certfit_view der;          /**< the certificate's DER, valid during the callback */
    certfit_selfsig self_signed;
    uint32_t line;             /**< line of the BEGIN line (PEM), 0 for DER */
    size_t offset;             /**< offset of the block or DER in the item */
} certfit_cert_event;

/** \brief Where a check reports to. Either callback may be NULL. */
typedef struct certfit_sink {
    void (*cert)(void *ctx, const certfit_cert_event *ev);
    void (*finding)(void *ctx, const certfit_finding *f);
    void *ctx;
} certfit_sink;

/** \brief The outcome of checking one item. */
typedef struct certfit_result {
    certfit_sizes sizes;
    uint32_t counts[4];      /**< findings per certfit_severity (index 0 unused) */
    certfit_finding first;   /**< the most severe finding; ties: the earliest rule in the table */
    bool has_first;
    int error;               /**< 0, or why the item could not be fully evaluated */
    size_t error_offset;     /**< offset of the error in the item text */
    uint32_t error_line;     /**< its line, 0 when unknown */
    int crypto_error;        /**< the crypto backend's own code (Mbed TLS: a negative
                                  MBEDTLS_ERR_*) of the last signature check that did
                                  not verify, 0 when none; what it meant is a finding */
    size_t work_needed;      /**< the work buffer that checks the whole item, alignment
                                  slack included: found by the pass itself (after a
                                  CERTFIT_ERR_WORK_TOO_SMALL or another error in a
                                  block, the blocks after it are only counted) and equal
                                  to certfit_check_work_size(); before the pass could
                                  start (invalid options, a buffer that does not hold
                                  CERTFIT_CHECK_STATE_SIZE) certfit_check_work_bound().
                                  Greater than the buffer given after a check that
                                  returned 0: the duplicate table could not grow, and
                                  copies past its capacity went unreported */
} certfit_result;

/**
 * \brief Bytes of the work buffer that hold certfit_check()'s own state when
 *        built with CERTFIT_CONFIG_STATE_IN_WORK (two certfit_cert, one
 *        certfit_finding, counters, and a severity byte for each of at
 *        most 64 rules, the width of the skip mask, so that adding a rule
 *        does not change it: a bound, checked when check.c is compiled);
 *        0 otherwise (the state is on the stack).
 */
#if CERTFIT_CONFIG_STATE_IN_WORK && CERTFIT_CONFIG_STREAM
/* streaming (config.h): two certificates' summaries (numbers and hashes),
 * the scanner's state and, with finding text, the subject it formats the
 * label from, with hostname-mismatch the subjectAltName entry it matches:
 * 528 bytes on a 32-bit device without either (a bound, checked when
 * check.c is compiled) */
#define CERTFIT_CHECK_STATE_SIZE                                                                   \
    ((sizeof(certfit_finding) + 3u * CERTFIT_FINDING_TEXT_SIZE + 34u * sizeof(void *) + 352u +    \
      (CERTFIT_CONFIG_FINDING_TEXT ? 2u * 40u + 264u : 0u) +                                       \
      (CERTFIT_CONFIG_HOSTNAME ? 256u : 0u) + 7u) & ~(size_t)7u)
#elif CERTFIT_CONFIG_STATE_IN_WORK
#define CERTFIT_CHECK_STATE_SIZE                                                                   \
    ((2u * sizeof(certfit_cert) + sizeof(certfit_finding) + CERTFIT_FINDING_TEXT_SIZE +           \
      32u * sizeof(void *) + 64u + 7u) & ~(size_t)7u)
#else
#define CERTFIT_CHECK_STATE_SIZE 0u
#endif

/**
 * \brief Work buffer size an item needs, found by walking its blocks
 *        without decoding them: twice the largest block's decoded-size
 *        bound rounded up to 8 (certfit_check() keeps the current
 *        certificate and the one before it), the duplicate table,
 *        CERTFIT_CHECK_STATE_SIZE and 8 bytes for a buffer that is not
 *        8-aligned. certfit_check() does not call it: it needs no sizing in
 *        advance and reports the same figure as certfit_result.work_needed.
 */
CERTFIT_API size_t certfit_check_work_size(const certfit_item *item);

/**
 * \brief A work buffer size that checks any item of item->text.len bytes in
 *        item->format, found from the length alone (nothing is read): for a
 *        host that wants every item checked at the first call. PEM: three
 *        quarters of the text plus the duplicate table for as many
 *        certificates as the text can hold; DER: the table alone (DER is
 *        checked where it lies). Pages of the buffer that the check does
 *        not use are never written.
 */
CERTFIT_API size_t certfit_check_work_bound(const certfit_item *item);

/**
 * \brief Check one item against the options' profile and role.
 *
 * The item is read once: each certificate is decoded into the work buffer
 * as its block is found, nothing is scanned in advance. The current
 * certificate and the one before it share the buffer (a block fits when it
 * and the block before it fit together); the sink sees each certificate,
 * then findings as they are known. Nothing is allocated (signature
 * verification, when enabled, uses Mbed TLS pk).
 *
 * \param item       the item
 * \param opts       options
 * \param work       caller-owned work buffer, aligned to 8
 * \param work_size  its size: any; a block that does not fit (with the one
 *                   before it) gives CERTFIT_ERR_WORK_TOO_SMALL and
 *                   res->work_needed says what would do
 * \param sink       callbacks, or NULL
 * \param res        the outcome
 * \return 0 when the item was evaluated (findings or not), else a negative
 *         error also stored in res->error
 */
CERTFIT_API int certfit_check(const certfit_item *item, const certfit_check_opts *opts,
                              uint8_t *work, size_t work_size, const certfit_sink *sink,
                              certfit_result *res);

/** \brief What a TLS 1.2 handshake that offered the client's cipher suites
 *         observed (certfit probe fills it from the bytes it received). */
typedef struct certfit_handshake {
    bool server_hello;         /**< a ServerHello arrived */
    uint16_t version;          /**< its version (0x0303: TLS 1.2) */
    bool alert;                /**< the server sent an alert */
    uint8_t alert_description; /**< its description (RFC 5246 section 7.2) */
    uint32_t suites_offered;   /**< cipher suites offered, signalling values not counted */
} certfit_handshake;

/**
 * \brief The handshake rules (tls-version, cipher-suite) over what a
 *        handshake observed: a ServerHello of another version, or a
 *        protocol_version alert, is tls-version; a handshake_failure or
 *        insufficient_security alert is cipher-suite. The finding's value
 *        is the version or the alert, its detail a CERTFIT_DETAIL_TLS_VERSION_*
 *        or CERTFIT_DETAIL_CIPHER_SUITE_* code, extra the suites offered.
 * \param hs    what was observed
 * \param opts  the profile (severities), role and skip mask
 * \param sink  callbacks, or NULL (only \c finding is called)
 * \param res   the outcome: counts and the finding (sizes are 0)
 * \return 0 (with or without a finding), or CERTFIT_ERR_INVALID_ARG
 */
CERTFIT_API int certfit_check_handshake(const certfit_handshake *hs,
                                        const certfit_check_opts *opts, const certfit_sink *sink,
                                        certfit_result *res);

/** \brief "TLS 1.2", "TLS 1.3", ... or "an unknown version". */
CERTFIT_API const char *certfit_tls_version_name(uint16_t version);
/** \brief The RFC 5246 / RFC 8446 name of an alert description, or "unknown". */
CERTFIT_API const char *certfit_tls_alert_name(uint8_t description);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_CHECK_H */
