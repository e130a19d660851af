/**
 * \file certfit_modem.h
 * \brief certfit's Zephyr glue around nRF Connect SDK's modem_key_mgmt:
 *        check a credential with the embedded hook, then write it safely.
 *
 * Call certfit_modem_provision() instead of modem_key_mgmt_write(), while
 * the modem is offline (before lte_lc connects). A credential that the
 * configured profile refuses is never sent to the modem: one LOG_ERR line
 * names the rule and the numbers, e.g. (the message is the library's
 * certfit_finding_message(): the finding's numbers by default, the rule
 * table's words with CONFIG_CERTFIT_FINDING_TEXT)
 *
 *     certfit: credential-size: value=5278 limit=4096, not written to sec_tag 24
 *     certfit: credential-size: credential is 5278 bytes; the limit is 4096 (1182 over), not
 *              written to sec_tag 24
 *
 * Configuration: Kconfig (firmware/Kconfig, docs/firmware.md).
 */
#ifndef CERTFIT_MODEM_H
#define CERTFIT_MODEM_H

#include <stddef.h>
#include <stdint.h>

#include <modem/modem_key_mgmt.h>

#include "certfit/guard.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief modem_key_mgmt reads credentials back (AT%CMNG=2) into this many bytes. */
#define CERTFIT_MODEM_READBACK_SIZE 4096u
/** \brief The modem's credential limit, bytes of PEM (credential-size). */
#define CERTFIT_MODEM_CREDENTIAL_SIZE 4096u
/**
 * \brief Work buffer that checks every credential the modem can hold: any
 *        CERTFIT_MODEM_CREDENTIAL_SIZE bytes of text, certificates of any
 *        size within them (1320 bytes in the device's configuration, 1912
 *        with CONFIG_CERTFIT_FINDING_TEXT; 6864 and 6984 with
 *        CONFIG_CERTFIT_VERIFY_SIGNATURES, which decodes the DER): the
 *        default of CONFIG_CERTFIT_WORK_BUFFER_SIZE.
 */
#define CERTFIT_MODEM_WORK_SIZE CERTFIT_GUARD_WORK_SIZE_FOR_PEM(CERTFIT_MODEM_CREDENTIAL_SIZE)
/** \brief Highest security tag a credential may use; above are reserved. */
#define CERTFIT_MODEM_SEC_TAG_MAX 2147483647u
/** \brief The modem's clock after a power-on reset: 2015-02-01T00:00:00Z. */
#define CERTFIT_MODEM_RESET_TIME 1422748800

/**
 * \brief Check a credential, then provision it: exists, compare, write.
 *
 * 1. sec_tag above 2147483647, buf NULL or len 0: -EINVAL.
 * 2. CA chains (role ca) and client certificates (role server: the chain the
 *    device presents) go through certfit_guard_check() with the Kconfig
 *    profile and fail-on level; keys, PSKs and identities are not
 *    certificates and are never parsed or logged. A trailing NUL counted in
 *    len is not written.
 * 3. Refused: one LOG_ERR line that names the rule and its figures, the
 *    modem is not touched. The fail-on level decides, except for the
 *    modem's hard limits: credential-size or credential-readback at error
 *    refuse at every level, CONFIG_CERTFIT_FAIL_ON_NEVER included.
 *    -EFBIG for a size rule (certfit_guard_is_size_rule()), -EINVAL for any
 *    other rule or an unreadable credential, -ENOMEM when
 *    CONFIG_CERTFIT_WORK_BUFFER_SIZE is too small for it (the line says how
 *    much is needed; the default, CERTFIT_MODEM_WORK_SIZE, never is for a
 *    credential of at most 4096 bytes).
 * 4. Accepted: modem_key_mgmt_exists(); if present and the read-back
 *    (cmng_read_response for this sec_tag and type) fits the 4096-byte
 *    buffer, modem_key_mgmt_cmp() and return 0 when identical; a read-back
 *    that would not fit is never attempted (that read crashed the modem).
 *    Otherwise modem_key_mgmt_delete() when present, then
 *    modem_key_mgmt_write().
 *
 * \param sec_tag    security tag, 0..2147483647
 * \param cred_type  credential type
 * \param buf        the credential (PEM text for certificates)
 * \param len        its length, with or without the C string's NUL
 * \return 0 (written, or already identical), a negative errno from the
 *         checks above, or the negative errno of the failing modem_key_mgmt
 *         call (e.g. -EPERM while the LTE link is active)
 */
int certfit_modem_provision(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                            const void *buf, size_t len);

/**
 * \brief The time source: seconds since the epoch, UTC.
 *
 * A weak function: the default returns date_time_now() (nRF Connect SDK's
 * date_time library) when CONFIG_CERTFIT_TIME_SOURCE_DATE_TIME is set, and
 * -ENODATA ("clock not set") otherwise. Define it in the application to use
 * another clock. While it fails, the time rules (expired, not-yet-valid,
 * expires-soon) are skipped, or with CONFIG_CERTFIT_TIME_RULES_WITHOUT_CLOCK
 * applied against the modem's reset clock, CERTFIT_MODEM_RESET_TIME.
 *
 * \param now_s  receives the time on success
 * \return 0, or a negative errno when the clock is not known
 */
int certfit_modem_now(int64_t *now_s);

/**
 * \brief The verdict of the last certfit_modem_provision() call that ran
 *        the hook (for diagnostics: e.g. to report the figures upstream).
 */
const certfit_guard_verdict *certfit_modem_last_verdict(void);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_MODEM_H */
