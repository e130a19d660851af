/*
 * certfit's glue around nRF Connect SDK's modem_key_mgmt (DESIGN.md section
 * 9): the hook refuses what the modem cannot take, with one log line that
 * names the rule and the numbers; what passes is written with the
 * exists/compare/write sequence, minus the compare whose read-back would
 * not fit modem_key_mgmt's 4096-byte buffer (DESIGN.md section 1).
 */
#include <errno.h>
#include <stdio.h>

#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>

#include <modem/modem_key_mgmt.h>

#if defined(CONFIG_CERTFIT_TIME_SOURCE_DATE_TIME)
#include <date_time.h>
#endif

#include "certfit/guard.h"
#include "certfit/profile_objects.h"
#include "certfit/size.h"
#include "certfit_modem.h"

#ifndef CONFIG_CERTFIT_LOG_LEVEL
#define CONFIG_CERTFIT_LOG_LEVEL LOG_LEVEL_INF
#endif
#ifndef CONFIG_CERTFIT_FAIL_ON_LEVEL
#define CONFIG_CERTFIT_FAIL_ON_LEVEL 3 /* error */
#endif
#ifndef CONFIG_CERTFIT_WORK_BUFFER_SIZE
#define CONFIG_CERTFIT_WORK_BUFFER_SIZE CERTFIT_GUARD_WORK_SIZE
#endif

LOG_MODULE_REGISTER(certfit, CONFIG_CERTFIT_LOG_LEVEL);

/* One provisioning at a time: the work buffer and the verdict are shared. */
static K_MUTEX_DEFINE(certfit_lock);
static uint8_t certfit_work[CONFIG_CERTFIT_WORK_BUFFER_SIZE] __aligned(8);
static certfit_guard_verdict certfit_verdict;

#define LINE_SIZE 128

__weak int certfit_modem_now(int64_t *now_s)
{
#if defined(CONFIG_CERTFIT_TIME_SOURCE_DATE_TIME)
    int64_t ms;
    int err = date_time_now(&ms);
    if (err != 0)
        return err;
    *now_s = ms / 1000;
    return 0;
#else
    ARG_UNUSED(now_s);
    return -ENODATA;
#endif
}

const certfit_guard_verdict *certfit_modem_last_verdict(void)
{
    return &certfit_verdict;
}

/* The Kconfig profile, named by its object: the image links only that one. */
#if defined(CONFIG_CERTFIT_PROFILE_NRF91_P384_SELFSIGNED)
#define CONFIGURED_PROFILE (&certfit_profile_nrf91_p384_selfsigned)
#else
#define CONFIGURED_PROFILE (&certfit_profile_nrf91)
#endif

/* The figures of a finding, as a short phrase ("5278 bytes > 4096"). */
static void describe(const certfit_guard_verdict *v, char *out, size_t size)
{
    unsigned long value = (unsigned long)v->value, limit = (unsigned long)v->limit;
    int cert = (int)v->cert;
    switch (v->rule) {
    case CERTFIT_RULE_CREDENTIAL_SIZE:
        snprintf(out, size, "%lu bytes > %lu", value, limit);
        break;
    case CERTFIT_RULE_CREDENTIAL_READBACK:
        snprintf(out, size, "read-back %lu bytes > %lu", value, limit);
        break;
    case CERTFIT_RULE_CHAIN_SIZE:
        snprintf(out, size, "TLS Certificate message %lu bytes > %lu", value, limit);
        break;
    case CERTFIT_RULE_SIZE_HEADROOM:
        snprintf(out, size, "%lu bytes, within %lu%% of %lu", value,
                 (unsigned long)v->check.first.extra, limit);
        break;
    case CERTFIT_RULE_CHAIN_DEPTH:
        snprintf(out, size, "%lu certificates > %lu", value, limit);
        break;
    case CERTFIT_RULE_CA_SLOT_BUNDLE:
        snprintf(out, size, "%lu certificates in %lu bytes, keep certificate %d (%lu bytes)",
                 (unsigned long)v->check.first.extra, value, cert, limit);
        break;
    case CERTFIT_RULE_ROOT_IN_CHAIN:
        snprintf(out, size, "certificate %d is a root, %lu bytes sent for nothing", cert, value);
        break;
    case CERTFIT_RULE_RSA_KEY_SIZE:
        snprintf(out, size, "certificate %d: RSA %lu bits %s %lu", cert, value,
                 v->check.first.detail == 0 ? "<" : ">", limit);
        break;
    case CERTFIT_RULE_LIFETIME_MIN:
        snprintf(out, size, "certificate %d valid %lu days < %lu years", cert, value, limit);
        break;
    case CERTFIT_RULE_EXPIRED:
        snprintf(out, size, "certificate %d expired %lu days ago", cert, value);
        break;
    case CERTFIT_RULE_NOT_YET_VALID:
        snprintf(out, size, "certificate %d valid only in %lu days", cert, value);
        break;
    case CERTFIT_RULE_EXPIRES_SOON:
        snprintf(out, size, "certificate %d expires in %lu days (< %lu)", cert, value, limit);
        break;
    case CERTFIT_RULE_PEM_LINE_ENDINGS:
        snprintf(out, size, "%lu CR bytes", value);
        break;
    case CERTFIT_RULE_PEM_STRAY_TEXT:
        snprintf(out, size, "%lu bytes outside PEM blocks", value);
        break;
    case CERTFIT_RULE_TRAILING_DATA:
        snprintf(out, size, "%lu bytes after a certificate", value);
        break;
    case CERTFIT_RULE_SERIAL_NUMBER:
        snprintf(out, size, "certificate %d: %lu-octet serial", cert, value);
        break;
    case CERTFIT_RULE_PRIVATE_KEY_PRESENT:
    case CERTFIT_RULE_NON_CERTIFICATE_BLOCK:
        /* the text is the block's label, never its content; "" without
         * CONFIG_CERTFIT_FINDING_TEXT */
        snprintf(out, size, "%s block",
                 v->check.first.text[0] != '\0' ? v->check.first.text : "PEM");
        break;
    default:
        if (v->check.first.text[0] != '\0' && cert >= 0)
            snprintf(out, size, "certificate %d: %s", cert, v->check.first.text);
        else if (cert >= 0)
            snprintf(out, size, "certificate %d", cert);
        else
            snprintf(out, size, "%s",
                     v->check.first.text[0] != '\0' ? v->check.first.text : "credential");
        break;
    }
}

/* Run the hook; 0 when the credential may be written, else the errno. */
static int check(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type, const void *buf,
                 size_t len)
{
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.profile = CONFIGURED_PROFILE;
    o.role = cred_type == MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN ? CERTFIT_ROLE_CA : CERTFIT_ROLE_SERVER;
    o.fail_on = (certfit_severity)CONFIG_CERTFIT_FAIL_ON_LEVEL;
    o.sec_tag = sec_tag;
    o.cred_type = (uint8_t)cred_type;
#if defined(CONFIG_CERTFIT_VERIFY_SIGNATURES)
    o.verify_signatures = true;
#else
    o.verify_signatures = false;
#endif
    int64_t now;
    if (certfit_modem_now(&now) == 0) {
        o.now = now;
        o.clock_set = true;
    } else {
#if defined(CONFIG_CERTFIT_TIME_RULES_WITHOUT_CLOCK)
        /* judge as the modem will: its clock restarts at 2015-02-01 */
        o.now = CERTFIT_MODEM_RESET_TIME;
        o.unset_clock = CERTFIT_GUARD_UNSET_CLOCK_APPLY;
#else
        o.unset_clock = CERTFIT_GUARD_UNSET_CLOCK_SKIP;
#endif
    }

    certfit_guard_verdict *v = &certfit_verdict;
    int rc = certfit_guard_check(buf, len, &o, certfit_work, sizeof(certfit_work), v);
    char what[LINE_SIZE] = "";
    if (rc == CERTFIT_ERR_WORK_TOO_SMALL) {
        LOG_ERR("cannot check credential: work buffer %u bytes, needs %u "
                "(CONFIG_CERTFIT_WORK_BUFFER_SIZE), not written to sec_tag %u",
                (unsigned)sizeof(certfit_work), (unsigned)v->work_needed, (unsigned)sec_tag);
        return -ENOMEM;
    }
    if (rc != 0) {
        LOG_ERR("cannot check credential: %s at byte %u, not written to sec_tag %u",
                certfit_strerror(rc), (unsigned)v->check.error_offset, (unsigned)sec_tag);
        return -EINVAL;
    }
    if (v->rule < CERTFIT_RULE_COUNT)
        describe(v, what, sizeof(what));
    if (!v->pass) {
        LOG_ERR("%s: %s, not written to sec_tag %u", certfit_rule_id(v->rule), what,
                (unsigned)sec_tag);
        return certfit_guard_is_size_rule(v->rule) ? -EFBIG : -EINVAL;
    }
    if (v->rule < CERTFIT_RULE_COUNT && v->severity >= CERTFIT_SEV_WARNING)
        LOG_WRN("%s: %s (%s)", certfit_rule_id(v->rule), what, certfit_severity_name(v->severity));
    return 0;
}

static int provision(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                     const void *buf, size_t len)
{
    if (sec_tag > CERTFIT_MODEM_SEC_TAG_MAX || buf == NULL || len == 0) {
        LOG_ERR("invalid credential (sec_tag %u, %u bytes), not written", (unsigned)sec_tag,
                (unsigned)len);
        return -EINVAL;
    }
    /* the C string's NUL is not part of the credential */
    if (((const uint8_t *)buf)[len - 1] == 0)
        len--;
    if (len == 0) {
        LOG_ERR("empty credential, not written to sec_tag %u", (unsigned)sec_tag);
        return -EINVAL;
    }

    certfit_sizes s;
    if (cred_type == MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN ||
        cred_type == MODEM_KEY_MGMT_CRED_TYPE_PUBLIC_CERT) {
        int err = check(sec_tag, cred_type, buf, len);
        if (err != 0)
            return err;
        s = certfit_verdict.check.sizes;
    } else {
        /* keys, PSKs, identities: only the size model, for the read-back */
        certfit_sizes_init(&s);
        certfit_sizes_finish(&s, len, sec_tag, (uint8_t)cred_type);
    }

    bool exists = false;
    int err = modem_key_mgmt_exists(sec_tag, cred_type, &exists);
    if (err != 0) {
        LOG_ERR("modem_key_mgmt_exists(sec_tag %u): %d", (unsigned)sec_tag, err);
        return err;
    }
    if (exists) {
        if (s.cmng_read_response <= CERTFIT_MODEM_READBACK_SIZE) {
            err = modem_key_mgmt_cmp(sec_tag, cred_type, buf, len);
            if (err == 0) {
                LOG_INF("sec_tag %u: credential already provisioned", (unsigned)sec_tag);
                return 0;
            }
            if (err < 0) {
                LOG_ERR("modem_key_mgmt_cmp(sec_tag %u): %d", (unsigned)sec_tag, err);
                return err;
            }
        } else {
            LOG_WRN("sec_tag %u: read-back would be %u bytes > %u, not compared: rewriting",
                    (unsigned)sec_tag, (unsigned)s.cmng_read_response,
                    (unsigned)CERTFIT_MODEM_READBACK_SIZE);
        }
        err = modem_key_mgmt_delete(sec_tag, cred_type);
        if (err != 0) {
            LOG_ERR("modem_key_mgmt_delete(sec_tag %u): %d", (unsigned)sec_tag, err);
            return err;
        }
    }
    err = modem_key_mgmt_write(sec_tag, cred_type, buf, len);
    if (err != 0) {
        LOG_ERR("modem_key_mgmt_write(sec_tag %u): %d", (unsigned)sec_tag, err);
        return err;
    }
    LOG_INF("sec_tag %u: credential written (%u bytes)", (unsigned)sec_tag, (unsigned)len);
    return 0;
}

int certfit_modem_provision(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                            const void *buf, size_t len)
{
    k_mutex_lock(&certfit_lock, K_FOREVER);
    int err = provision(sec_tag, cred_type, buf, len);
    k_mutex_unlock(&certfit_lock);
    return err;
}
