/**
 * \file guard.h
 * \brief The embedded hook (docs/design.md section 9): the one call firmware
 *        makes before it writes a credential into the modem.
 *
 * certfit_guard_check() is a thin layer over certfit_check(): the same rule
 * table, the same profiles, the same size model. It adds what a device
 * needs: a fixed-size verdict instead of a report, a fail-on threshold, the
 * firmware's view of the credential (PEM text with or without the C
 * string's NUL), and an explicit "clock unset" state. No heap; the stack is
 * bounded (measured on a Cortex-M33: docs/firmware.md); the only variable
 * memory is the caller's work buffer.
 */
#ifndef CERTFIT_GUARD_H
#define CERTFIT_GUARD_H

#include <stdbool.h>

#include "check.h"
#include "common.h"
#include "profile.h"
#include "rules.h"
#include "size.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Work buffer. certfit_check() reads the credential once, decoding each
 * certificate into the buffer as its block is found: the current
 * certificate beside the one before it (for the chain rules), and a table
 * of certificate hashes (duplicates) that starts at 128 bytes (16 entries,
 * enough for 11 certificates) and grows while there is room. It needs
 *
 *     A + B + 128 + 8 bytes
 *
 * where A + B is the largest pair of blocks that meet (a block and the
 * largest one before it), each block's decoded-size bound rounded up to 8
 * (base64 body length / 4 * 3 + 3; the body counts its line ends), and 8
 * covers a buffer that is not 8-aligned; a build with
 * CERTFIT_CONFIG_STATE_IN_WORK (the device: config.h) adds
 * CERTFIT_CHECK_STATE_SIZE for certfit_check()'s own state, which every
 * macro below includes. A credential of one certificate needs one block.
 * The macros below allow two blocks of the largest size, so they hold for
 * any credential within their bound. A block that does not fit gives
 * CERTFIT_ERR_WORK_TOO_SMALL (and verdict.work_needed says how much would
 * do), never an overrun; nothing is scanned in advance.
 */

/*
 * Built with CERTFIT_CONFIG_STREAM (the device without signatures:
 * config.h), nothing decoded is kept: the work buffer is the check's state
 * and the duplicate table, whatever the certificates' sizes,
 *
 *     CERTFIT_CHECK_STATE_SIZE + T + 8 bytes
 *
 * where T is the table for the blocks that can hold a certificate (a body
 * of 80 characters or more): 128 bytes up to 11 of them, 384 up to 23, 768
 * up to 47 (CERTFIT_GUARD_DUP_BYTES). A 4096-byte text holds at most 30
 * such blocks (each takes 133 bytes or more): 1320 bytes on a Cortex-M33
 * without finding text (the state is 544 of them).
 */
#if CERTFIT_CONFIG_STREAM
/** \brief The duplicate table for n certificates, as it grows: 16 entries
 *         of 8 bytes while n + 1 fill at most three quarters, then doubled
 *         (the old table beside the new while it is rehashed). */
#define CERTFIT_GUARD_DUP_BYTES(n)                                                                 \
    (((n) + 1u) * 4u <= 48u    ? 128u                                                               \
     : ((n) + 1u) * 4u <= 96u  ? 384u                                                               \
     : ((n) + 1u) * 4u <= 192u ? 768u                                                               \
     : ((n) + 1u) * 4u <= 384u ? 1536u                                                              \
     : ((n) + 1u) * 4u <= 768u ? 3072u                                                              \
                               : 32u * ((n) + 1u))
/** \brief Work buffer that checks any credential of up to 11 certificates,
 *         whatever their size (der is not used). */
#define CERTFIT_GUARD_WORK_SIZE_FOR(der) (128u + 8u + CERTFIT_CHECK_STATE_SIZE)
/** \brief Work buffer that checks any credential of at most len bytes of
 *         text: 1320 bytes for the modem's 4096-byte limit on a Cortex-M33. */
#define CERTFIT_GUARD_WORK_SIZE_FOR_PEM(len)                                                       \
    (CERTFIT_GUARD_DUP_BYTES((len) / 133u + 1u) + 8u + CERTFIT_CHECK_STATE_SIZE)
/** \brief Default work buffer: CERTFIT_GUARD_WORK_SIZE_FOR(any), 680 bytes on
 *         a Cortex-M33; CERTFIT_GUARD_WORK_SIZE_FOR_PEM(4096) also covers
 *         a credential of many small certificates. */
#define CERTFIT_GUARD_WORK_SIZE CERTFIT_GUARD_WORK_SIZE_FOR(2048u)
#else
/** \brief Base64 characters of der bytes. */
#define CERTFIT_GUARD_B64_LEN(der) (4u * (((der) + 2u) / 3u))
/** \brief Body length of a PEM block of der bytes: 64-column lines, CRLF worst case. */
#define CERTFIT_GUARD_BODY_LEN(der)                                                                \
    (CERTFIT_GUARD_B64_LEN(der) + 2u * ((CERTFIT_GUARD_B64_LEN(der) + 63u) / 64u))
/** \brief One decoding slot for a block of der bytes (the library's bound, 8-aligned). */
#define CERTFIT_GUARD_SLOT_SIZE(der) (((CERTFIT_GUARD_BODY_LEN(der) / 4u * 3u + 3u) + 7u) & ~7u)
/**
 * \brief Work buffer that checks any credential whose largest certificate
 *        has at most der bytes of DER (PEM in 64-column lines, LF or CRLF).
 */
#define CERTFIT_GUARD_WORK_SIZE_FOR(der)                                                           \
    (2u * CERTFIT_GUARD_SLOT_SIZE(der) + 128u + 8u + CERTFIT_CHECK_STATE_SIZE)
/**
 * \brief Work buffer that checks any credential of at most len bytes of text
 *        (no block's body can be longer than the text): 6296 bytes for the
 *        modem's 4096-byte credential limit.
 */
#define CERTFIT_GUARD_WORK_SIZE_FOR_PEM(len)                                                       \
    (2u * ((((len) / 4u * 3u + 3u) + 7u) & ~7u) + 128u + 8u + CERTFIT_CHECK_STATE_SIZE)
/**
 * \brief Default work buffer: certificates of up to 2048 bytes of DER, 4376
 *        bytes. That covers every certificate of the real fixtures (RootCA
 *        626, ISRG Root X1 1391, RSA-4096 certificates about 1400); use
 *        CERTFIT_GUARD_WORK_SIZE_FOR_PEM(4096) to be sure that every
 *        credential the modem can hold is evaluated.
 */
#define CERTFIT_GUARD_WORK_SIZE CERTFIT_GUARD_WORK_SIZE_FOR(2048u)
#endif

/** \brief What time rules do when the caller's clock is not set. */
typedef enum certfit_guard_unset_clock {
    CERTFIT_GUARD_UNSET_CLOCK_PROFILE = 0, /**< the profile's time_rules_without_clock decides */
    CERTFIT_GUARD_UNSET_CLOCK_SKIP,        /**< skip expired, not-yet-valid, expires-soon */
    CERTFIT_GUARD_UNSET_CLOCK_APPLY        /**< apply them against `now` as given */
} certfit_guard_unset_clock;

/** \brief Called for every finding, in stream order (may be NULL). */
typedef void (*certfit_guard_finding_fn)(void *ctx, const certfit_finding *f);

/** \brief Options of one guard call; certfit_guard_opts_init() sets defaults. */
typedef struct certfit_guard_opts {
    const certfit_profile *profile;        /**< NULL: the default profile (nrf91) */
    certfit_role role;                     /**< CERTFIT_ROLE_CA (the CA slot) by default */
    int64_t now;                           /**< seconds since the epoch, UTC */
    bool clock_set;                        /**< false: `now` is not known, see unset_clock */
    certfit_guard_unset_clock unset_clock; /**< time rules while the clock is unset */
    certfit_severity fail_on;              /**< fail at this severity or above (ERROR);
                                                CERTFIT_SEV_OFF: never fail on findings */
    bool verify_signatures;                /**< only with CERTFIT_WITH_SIGNATURES builds */
    uint32_t sec_tag;                      /**< %CMNG security tag, for cmng_read_response */
    uint8_t cred_type;                     /**< %CMNG credential type (0 = CA) */
    const char *host;                      /**< NULL, or the server name for hostname-mismatch
                                                (not with CERTFIT_CONFIG_HOSTNAME 0:
                                                CERTFIT_ERR_UNSUPPORTED) */
    uint64_t skip;                         /**< bit (1 << rule): rule skipped */
    certfit_guard_finding_fn on_finding;   /**< optional per-finding callback */
    void *ctx;                             /**< passed to on_finding */
} certfit_guard_opts;

/**
 * \brief The fixed-size outcome of one guard call.
 *
 * rule/severity/cert/value/limit describe the verdict's finding,
 * check.first: the most severe finding, and among equals the rule that
 * comes first in the rule table (sizes before keys before time). When pass
 * is false because of findings, that is the rule that failed; the callback
 * sees every finding. When there is no finding, rule is CERTFIT_RULE_COUNT
 * and cert is CERTFIT_NO_CERT. The whole certfit_check() result is kept in
 * `check` (it lives here rather than on the stack): the size figures
 * (check.sizes), the counts per severity (check.counts), and the finding's
 * other fields (check.first.extra, .detail, .text: never key material).
 */
typedef struct certfit_guard_verdict {
    bool pass;                 /**< evaluated, nothing at or above fail_on */
    int error;                 /**< 0, or why the credential could not be evaluated */
    certfit_rule rule;         /**< the (failing) rule, or CERTFIT_RULE_COUNT */
    certfit_severity severity; /**< its severity */
    int32_t cert;              /**< its certificate index, or CERTFIT_NO_CERT */
    uint64_t value;            /**< the measured figure (e.g. 5278 bytes) */
    uint64_t limit;            /**< the limit it was compared with (e.g. 4096) */
    size_t work_needed;        /**< work buffer that evaluates this credential with a
                                    duplicate table sized for its certificate count */
    certfit_result check;      /**< what certfit_check() reported (sizes, counts,
                                    first, error_offset) */
} certfit_guard_verdict;

/**
 * \brief Defaults: nrf91, role CA, clock unset (the profile decides), fail on
 *        errors, signatures verified when built in, the widest sec_tag,
 *        type 0, no host, no callback.
 */
CERTFIT_API void certfit_guard_opts_init(certfit_guard_opts *o);

/**
 * \brief Check a credential before it is written.
 *
 * \param cred       the credential as firmware holds it: PEM text (a trailing
 *                   NUL, if counted in len, is not part of the credential) or
 *                   DER (not in a CERTFIT_CONFIG_DER_INPUT 0 build, which reads
 *                   everything as PEM: CERTFIT_ERR_NO_CERTIFICATE)
 * \param len        its length
 * \param opts       options (certfit_guard_opts_init())
 * \param work       caller-owned work buffer (see CERTFIT_GUARD_WORK_SIZE);
 *                   DER input needs none
 * \param work_size  its size
 * \param verdict    the outcome, always written
 * \return 0 when the credential was evaluated (verdict->pass says whether it
 *         may be written), else the negative CERTFIT_ERR_* also stored in
 *         verdict->error: CERTFIT_ERR_WORK_TOO_SMALL (verdict->work_needed
 *         says how much would do), CERTFIT_ERR_INVALID_ARG, PEM/base64/DER
 *         errors, CERTFIT_ERR_NO_CERTIFICATE. Findings reported through the
 *         callback before an error stay reported.
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_guard_check(const void *cred, size_t len,
                                                       const certfit_guard_opts *opts,
                                                       uint8_t *work, size_t work_size,
                                                       certfit_guard_verdict *verdict);

/**
 * \brief Is this rule about size (docs/design.md section 4 "Size": credential-size,
 *        credential-readback, chain-size, size-headroom, chain-depth,
 *        ca-slot-bundle, root-in-chain)? Firmware maps these to -EFBIG.
 */
CERTFIT_API bool certfit_guard_is_size_rule(certfit_rule rule);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_GUARD_H */
