/*
 * certfit's glue around nRF Connect SDK's modem_key_mgmt (docs/design.md section
 * 9): the hook refuses what the modem cannot take, with one log line that
 * names the rule and the numbers; what passes is written with the
 * exists/compare/write sequence, minus the compare whose read-back would
 * not fit modem_key_mgmt's 4096-byte buffer (docs/design.md section 1).
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
#include "certfit/report.h"
#include "certfit/size.h"
#include "certfit_modem.h"

#ifndef CONFIG_CERTFIT_LOG_LEVEL
#define CONFIG_CERTFIT_LOG_LEVEL LOG_LEVEL_INF
#endif
#ifndef CONFIG_CERTFIT_FAIL_ON_LEVEL
#define CONFIG_CERTFIT_FAIL_ON_LEVEL 3 /* error */
#endif
#ifndef CONFIG_CERTFIT_WORK_BUFFER_SIZE
#define CONFIG_CERTFIT_WORK_BUFFER_SIZE CERTFIT_MODEM_WORK_SIZE
#endif

LOG_MODULE_REGISTER(certfit, CONFIG_CERTFIT_LOG_LEVEL);

/* One provisioning at a time: the work buffer and the verdict are shared. */
static K_MUTEX_DEFINE(certfit_lock);
static uint8_t certfit_work[CONFIG_CERTFIT_WORK_BUFFER_SIZE] __aligned(8);
static certfit_guard_verdict certfit_verdict;

/* the log line's finding: the words of the rule table take more room */
#if CERTFIT_CONFIG_FINDING_TEXT
#define LINE_SIZE 224
#else
#define LINE_SIZE 128
#endif

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

/*
 * "<rule> [<certificate>]: <message>", as the CLI's text report writes a
 * finding; the message is the library's certfit_finding_message(): the
 * rule table's words with CONFIG_CERTFIT_FINDING_TEXT (what the host
 * says), the finding's numbers without ("value=5278 limit=4096").
 */
static void describe(const certfit_finding *f, char *out, size_t size)
{
    const char *id = certfit_rule_id(f->rule);
    /* the device's library holds the ids of the rules it can report
     * (rules.def's scope column; tests/device_equiv checks it names every
     * rule its hook reports): "?" would be a rule it cannot name */
    int n = snprintf(out, size, f->cert >= 0 ? "%s [%d]: " : "%s: ", id != NULL ? id : "?",
                     (int)f->cert);
    if (n > 0 && (size_t)n < size)
        certfit_finding_message(f, out + n, size - (size_t)n);
}

/*
 * The modem's hard limits (rules.def's HARD_SIZE rules: credential-size, a
 * credential over 4096 bytes, and credential-readback, a read-back that
 * overflows modem_key_mgmt's buffer) at error severity are refused whatever
 * CONFIG_CERTFIT_FAIL_ON says: at "never" the course's 5278-byte bundle
 * would otherwise be written, the very write this module exists to prevent.
 * The rule table lists these two first and the verdict names the most
 * severe finding, first in table order among equals, so one of them at
 * error is always the verdict's rule.
 */
#define HARD_HARD_SIZE 1
#define HARD_SIZE      0
#define HARD_NO_SIZE   0
/* the HARD_SIZE rules are rules 0 .. n-1: n distinct numbers whose sum is
 * n(n-1)/2 are exactly those */
enum {
    HARD_COUNT = 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    +HARD_##size
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
    ,
    HARD_INDEX_SUM = 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    +HARD_##size *CERTFIT_RULE_##name
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};
typedef char hard_limits_first[HARD_COUNT > 0 && HARD_INDEX_SUM == HARD_COUNT *(HARD_COUNT - 1) / 2
                                   ? 1
                                   : -1];

static bool over_hard_limit(const certfit_guard_verdict *v)
{
    return certfit_rule_is_hard_limit(v->rule) && v->severity >= CERTFIT_SEV_ERROR;
}

/*
 * The stack of one provisioning is the glue's frames along the hook's call
 * chain plus the hook's own (docs/firmware.md: <= 1 KiB). So the functions
 * on that chain (certfit_modem_provision, provision, run_hook) hold no log
 * line and no text buffer: Zephyr's logging macros take a few hundred
 * bytes of frame each, which a noinline function that runs after the hook
 * (judge, refuse_size, store, bad_input) keeps off the chain.
 */
#define GLUE_NOINLINE __attribute__((noinline))

/* Run the hook over a certificate credential; its return code. */
static GLUE_NOINLINE int run_hook(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                                  const void *buf, size_t len)
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
    return certfit_guard_check(buf, len, &o, certfit_work, sizeof(certfit_work), &certfit_verdict);
}

/*
 * A credential over the modem's credential limit, of any type: the modem
 * cannot hold it, whatever CONFIG_CERTFIT_FAIL_ON says and whatever the
 * hook could say about it (a client certificate's chain is judged by
 * chain-size, which "never" lets through; a key is not checked at all; a
 * work buffer too small to check it). Logged as the hook's credential-size
 * finding would be.
 */
static GLUE_NOINLINE int refuse_size(nrf_sec_tag_t sec_tag, size_t len)
{
    certfit_finding f = {.rule = CERTFIT_RULE_CREDENTIAL_SIZE,
                         .severity = CERTFIT_SEV_ERROR,
                         .cert = CERTFIT_NO_CERT,
                         .offset = CERTFIT_NO_OFFSET,
                         .value = len,
                         .limit = CERTFIT_MODEM_CREDENTIAL_SIZE};
    char what[LINE_SIZE];
    describe(&f, what, sizeof(what));
    LOG_ERR("%s, not written to sec_tag %u", what, (unsigned)sec_tag);
    return -EFBIG;
}

/* The hook's verdict (run_hook returned rc): 0 when the credential may be
 * written, else the errno, with its log line. */
static GLUE_NOINLINE int judge(int rc, nrf_sec_tag_t sec_tag, size_t len)
{
    const certfit_guard_verdict *v = &certfit_verdict;
    char what[LINE_SIZE] = "";
    if (v->rule < CERTFIT_RULE_COUNT)
        describe(&v->check.first, what, sizeof(what));
    if (rc == 0 && (!v->pass || over_hard_limit(v))) {
        LOG_ERR("%s, not written to sec_tag %u", what, (unsigned)sec_tag);
        return certfit_rule_is_size(v->rule) ? -EFBIG : -EINVAL;
    }
    if (len > CERTFIT_MODEM_CREDENTIAL_SIZE)
        return refuse_size(sec_tag, len);
    if (rc == CERTFIT_ERR_WORK_TOO_SMALL) {
        LOG_ERR("cannot check credential: work buffer %u bytes, needs %u "
                "(CONFIG_CERTFIT_WORK_BUFFER_SIZE), not written to sec_tag %u",
                (unsigned)sizeof(certfit_work), (unsigned)v->work_needed, (unsigned)sec_tag);
        return -ENOMEM;
    }
    if (rc != 0) {
#if CERTFIT_CONFIG_FINDING_TEXT
        LOG_ERR("cannot check credential: %s at byte %u, not written to sec_tag %u",
                certfit_strerror(rc), (unsigned)v->check.error_offset, (unsigned)sec_tag);
#else /* the error's code (certfit/common.h), without the message table */
        LOG_ERR("cannot check credential: error %d at byte %u, not written to sec_tag %u", rc,
                (unsigned)v->check.error_offset, (unsigned)sec_tag);
#endif
        return -EINVAL;
    }
    if (v->rule < CERTFIT_RULE_COUNT && v->severity >= CERTFIT_SEV_WARNING)
        LOG_WRN("%s (%s)", what, certfit_severity_name(v->severity));
    return 0;
}

/* A modem_key_mgmt call failed: one line, its errno returned as it is. */
static int modem_failed(const char *call, nrf_sec_tag_t sec_tag, int err)
{
    LOG_ERR("modem_key_mgmt_%s(sec_tag %u): %d", call, (unsigned)sec_tag, err);
    return err;
}

/* An argument no credential can have, or an empty one: its log line. */
static GLUE_NOINLINE int bad_input(nrf_sec_tag_t sec_tag, size_t len, bool empty)
{
    if (empty)
        LOG_ERR("empty credential, not written to sec_tag %u", (unsigned)sec_tag);
    else
        LOG_ERR("invalid credential (sec_tag %u, %u bytes), not written", (unsigned)sec_tag,
                (unsigned)len);
    return -EINVAL;
}

/* exists / compare / delete / write, without the compare whose read-back
 * (s: the hook's size model; NULL: worked out here) would not fit
 * modem_key_mgmt's buffer. */
static GLUE_NOINLINE int store(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                               const void *buf, size_t len, const certfit_sizes *s)
{
    certfit_sizes own;
    if (s == NULL) { /* keys, PSKs, identities: only the size model, for the read-back */
        certfit_sizes_init(&own);
        certfit_sizes_finish(&own, len, sec_tag, (uint8_t)cred_type);
        s = &own;
    }
    bool exists = false;
    int err = modem_key_mgmt_exists(sec_tag, cred_type, &exists);
    if (err != 0)
        return modem_failed("exists", sec_tag, err);
    if (exists) {
        if (s->cmng_read_response <= CERTFIT_MODEM_READBACK_SIZE) {
            err = modem_key_mgmt_cmp(sec_tag, cred_type, buf, len);
            if (err == 0) {
                LOG_INF("sec_tag %u: credential already provisioned", (unsigned)sec_tag);
                return 0;
            }
            if (err < 0)
                return modem_failed("cmp", sec_tag, err);
        } else {
            LOG_WRN("sec_tag %u: read-back would be %u bytes > %u, not compared: rewriting",
                    (unsigned)sec_tag, (unsigned)s->cmng_read_response,
                    (unsigned)CERTFIT_MODEM_READBACK_SIZE);
        }
        err = modem_key_mgmt_delete(sec_tag, cred_type);
        if (err != 0)
            return modem_failed("delete", sec_tag, err);
    }
    err = modem_key_mgmt_write(sec_tag, cred_type, buf, len);
    if (err != 0)
        return modem_failed("write", sec_tag, err);
    LOG_INF("sec_tag %u: credential written (%u bytes)", (unsigned)sec_tag, (unsigned)len);
    return 0;
}

static int provision(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                     const void *buf, size_t len)
{
    if (sec_tag > CERTFIT_MODEM_SEC_TAG_MAX || buf == NULL || len == 0)
        return bad_input(sec_tag, len, false);
    /* the C string's NUL is not part of the credential */
    if (((const uint8_t *)buf)[len - 1] == 0)
        len--;
    if (len == 0)
        return bad_input(sec_tag, 0, true);

    if (cred_type == MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN ||
        cred_type == MODEM_KEY_MGMT_CRED_TYPE_PUBLIC_CERT) {
        int err = judge(run_hook(sec_tag, cred_type, buf, len), sec_tag, len);
        return err != 0 ? err : store(sec_tag, cred_type, buf, len, &certfit_verdict.check.sizes);
    }
    /* keys, PSKs, identities: not checked, but held to the credential limit */
    if (len > CERTFIT_MODEM_CREDENTIAL_SIZE)
        return refuse_size(sec_tag, len);
    return store(sec_tag, cred_type, buf, len, NULL);
}

int certfit_modem_provision(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                            const void *buf, size_t len)
{
    k_mutex_lock(&certfit_lock, K_FOREVER);
    int err = provision(sec_tag, cred_type, buf, len);
    k_mutex_unlock(&certfit_lock);
    return err;
}
