/*
 * The embedded hook (include/certfit/guard.h) on the host: every rule it can
 * report, with the real and generated fixtures (tests/manifest.txt gives the
 * expected findings per fixture), the work-buffer contract, the clock states
 * and the fail-on threshold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "certfit/certfit.h"
#include "certfit/guard.h"
#include "fw_fixture.h"
#include "guard_vectors.h"

/* the sample's CA (firmware/samples/mqtt_tls_provision/src/certificate.h) */
#include "certificate.h"

#ifndef CERTFIT_WITH_SIGNATURES
#define CERTFIT_WITH_SIGNATURES 0
#endif

static uint8_t g_work[CERTFIT_GUARD_WORK_SIZE_FOR_PEM(8192)];

static const certfit_profile *profile(const char *name)
{
    for (size_t i = 0; i < certfit_profile_count(); i++) {
        if (strcmp(certfit_profile_at(i)->name, name) == 0)
            return certfit_profile_at(i);
    }
    fail_msg("no profile %s", name);
    return NULL;
}

/* Every finding the callback saw. */
typedef struct seen {
    size_t n;
    certfit_finding f[64];
} seen;

static void record(void *ctx, const certfit_finding *f)
{
    seen *s = ctx;
    if (s->n < sizeof(s->f) / sizeof(s->f[0]))
        s->f[s->n++] = *f;
}

static bool saw(const seen *s, certfit_rule rule, int32_t cert)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->f[i].rule == rule && (cert == -2 || s->f[i].cert == cert))
            return true;
    }
    return false;
}

/* One guard call on a fixture. */
static int run(const char *file, const char *prof, certfit_role role, int64_t now,
               certfit_severity fail_on, const char *host, uint64_t skip, seen *s,
               certfit_guard_verdict *v)
{
    size_t len;
    uint8_t *cred = fw_fixture(file, &len);
    assert_non_null(cred);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.profile = profile(prof);
    o.role = role;
    if (now != NOW_UNSET) {
        o.now = now;
        o.clock_set = true;
    }
    o.fail_on = fail_on;
    o.host = host;
    o.skip = skip;
    o.on_finding = record;
    o.ctx = s;
    memset(s, 0, sizeof(*s));
    int rc = certfit_guard_check(cred, len, &o, g_work, sizeof(g_work), v);
    free(cred);
    return rc;
}

static void test_rule_table(void **state)
{
    (void)state;
    bool covered[CERTFIT_RULE_COUNT] = {false};
    for (size_t i = 0; i < sizeof(k_cases) / sizeof(k_cases[0]); i++) {
        const gcase *c = &k_cases[i];
        if (c->needs_signatures && !CERTFIT_WITH_SIGNATURES)
            continue;
        seen s;
        certfit_guard_verdict v;
        int rc = run(c->file, c->prof, c->role, c->now, c->fail_on, c->host, c->skip, &s, &v);
        print_message("case %zu: %s %s -> %s\n", i, c->file, c->prof,
                      v.rule < CERTFIT_RULE_COUNT ? certfit_rule_id(v.rule) : "(none)");
        assert_int_equal(rc, 0);
        assert_int_equal(v.error, 0);
        assert_int_equal(v.pass, c->pass);
        assert_int_equal(v.rule, c->rule);
        if (c->rule != NONE) {
            assert_int_equal(v.severity, c->sev);
            /* the severity comes from the profile's table, not from the hook */
            if (c->sev != NOTE)
                assert_int_equal(v.severity, certfit_profile_severity(profile(c->prof), c->rule));
            assert_int_equal(v.cert, c->cert);
            assert_true(saw(&s, c->rule, c->cert));
            covered[c->rule] = true;
        } else {
            assert_int_equal(v.cert, CERTFIT_NO_CERT);
            assert_int_equal(v.check.counts[1] + v.check.counts[2] + v.check.counts[3], 0);
        }
        if (c->value != NO_LIMIT)
            assert_int_equal(v.value, c->value);
        if (c->limit != NO_LIMIT)
            assert_int_equal(v.limit, c->limit);
        if (c->also != NONE) {
            assert_true(saw(&s, c->also, c->also_cert));
            covered[c->also] = true;
        }
        /* the callback saw exactly what the counts say */
        assert_int_equal(s.n, v.check.counts[1] + v.check.counts[2] + v.check.counts[3]);
    }
    /* every rule a credential can trigger has a row (probe-only rules excepted) */
    for (int r = 0; r < CERTFIT_RULE_COUNT; r++) {
        if (r == R(CIPHER_SUITE) || r == R(TLS_VERSION))
            continue;
        /* the trust path needs the device's anchors and a served chain (host
         * only); mbedtls-parse runs Mbed TLS's X.509 parser: host only, never
         * the hook's; key-credential-size needs a key block over a built-in
         * limit (2048 bytes), which no fixture holds: tests/matrix.sh
         * covers both with generated files */
        if (r == R(ANCHOR_MISSING) || r == R(CHAIN_INCOMPLETE) || r == R(MBEDTLS_PARSE) ||
            r == R(KEY_CREDENTIAL_SIZE) ||
            /* the RFC 5280 hygiene rules are host-only: the hook skips them */
            (r >= R(CA_KEY_USAGE) && r <= R(EC_CURVE)))
            continue;
        if (!CERTFIT_WITH_SIGNATURES && r == R(SELF_SIGNED_SIGNATURE))
            continue;
        if (!covered[r])
            fail_msg("rule %s has no guard test", certfit_rule_id((certfit_rule)r));
    }
}

/* docs/design.md section 1: the bundle that crashed the modem. */
static void test_bundle_2024_06(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = fw_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    assert_non_null(pem);
    assert_int_equal(len, 5278);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.sec_tag = 24;
    certfit_guard_verdict v;
    /* clock unset (a device at boot), then with the C string's NUL counted */
    for (size_t extra = 0; extra <= 1; extra++) {
        assert_int_equal(
            certfit_guard_check(pem, len + extra, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
        assert_false(v.pass);
        assert_int_equal(v.rule, CERTFIT_RULE_CREDENTIAL_SIZE);
        assert_int_equal(v.severity, CERTFIT_SEV_ERROR);
        assert_int_equal(v.cert, CERTFIT_NO_CERT);
        assert_int_equal(v.value, 5278);
        assert_int_equal(v.limit, 4096);
        assert_int_equal(v.check.sizes.certs, 3);
        assert_int_equal(v.check.sizes.der_total, 3773);
        assert_int_equal(v.check.sizes.credential_bytes, 5278);
        /* %CMNG: 24,0,"<64>","<5278>"\r\nOK\r\n + NUL */
        assert_int_equal(v.check.sizes.cmng_read_response, 5366);
        assert_int_equal(v.check.sizes.tls12_certificate_message, 3789);
        assert_int_equal(v.check.counts[CERTFIT_SEV_ERROR], 1);
        assert_int_equal(v.check.counts[CERTFIT_SEV_WARNING], 2); /* readback, ca-slot-bundle */
        /* ISRG Root X1 (a 1416-byte block) after one of 1336: 1416 + 1336 +
         * 128 + 8 (twice the largest block, 2968, before one pass) */
        assert_int_equal(v.work_needed, 2888);
    }
    /* at 2026 two certificates have expired too; among errors the size rule
     * comes first in the rule table, so the verdict still names it */
    o.now = T_2026;
    o.clock_set = true;
    seen s;
    memset(&s, 0, sizeof(s));
    o.on_finding = record;
    o.ctx = &s;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_int_equal(v.rule, CERTFIT_RULE_CREDENTIAL_SIZE);
    assert_int_equal(v.value, 5278);
    assert_int_equal(v.check.counts[CERTFIT_SEV_ERROR], 3);
    assert_true(saw(&s, CERTFIT_RULE_EXPIRED, 0));
    assert_true(saw(&s, CERTFIT_RULE_EXPIRED, 1));
    assert_int_equal(s.n, 5);
    /* fail_on never: findings are reported, nothing fails */
    o.fail_on = CERTFIT_SEV_OFF;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_true(v.pass);
    assert_int_equal(v.check.counts[CERTFIT_SEV_ERROR], 3);
    free(pem);
}

/* The 2024-10 replacement: passes nrf91 (a notice only), fails the vendor's rule. */
static void test_rootca_2024_10(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = fw_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    assert_non_null(pem);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.now = T_2026;
    o.clock_set = true;
    certfit_guard_verdict v;
    assert_int_equal(certfit_guard_check(pem, len + 1, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_true(v.pass);
    assert_int_equal(v.check.sizes.credential_bytes, 904);
    assert_int_equal(v.check.sizes.der_total, 626);
    assert_int_equal(v.check.counts[CERTFIT_SEV_ERROR] + v.check.counts[CERTFIT_SEV_WARNING], 0);
    assert_int_equal(v.check.counts[CERTFIT_SEV_NOTICE], 1);
    assert_int_equal(v.rule, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH);
    /* fail on notices: the same notice now fails */
    o.fail_on = CERTFIT_SEV_NOTICE;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_false(v.pass);
    assert_int_equal(v.rule, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH);

    o.fail_on = CERTFIT_SEV_ERROR;
    o.profile = profile("nrf91-p384-selfsigned");
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_false(v.pass);
    assert_int_equal(v.rule, CERTFIT_RULE_LIFETIME_MIN);
    assert_int_equal(v.cert, 0);
    assert_int_equal(v.value, 1024);                   /* days, 2024-09-12 .. 2027-07-03 */
    assert_int_equal(v.limit, 30);                     /* years */
    assert_int_equal(v.check.first.extra, 1814624771); /* notAfter 2027-07-03T14:26:11Z */
    /* lifetime-min does not read the clock: the same without one */
    o.clock_set = false;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_int_equal(v.rule, CERTFIT_RULE_LIFETIME_MIN);
    free(pem);
}

static void test_work_too_small(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = fw_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    assert_non_null(pem);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    certfit_guard_verdict v;
    static uint8_t small[512];
    int rc = certfit_guard_check(pem, len, &o, small, sizeof(small), &v);
    assert_int_equal(rc, CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(v.error, CERTFIT_ERR_WORK_TOO_SMALL);
    assert_false(v.pass);
    assert_int_equal(v.rule, CERTFIT_RULE_COUNT);
    /* 626 bytes of DER: body 836 base64 + 14 LF = 850 -> bound 639 -> one
     * block of 640 (no certificate before it to keep) + 128 + 8 */
    assert_int_equal(v.work_needed, 776);
    assert_string_equal(certfit_strerror(rc), "work buffer too small for this certificate");
    /* no buffer at all: the same error, no crash */
    assert_int_equal(certfit_guard_check(pem, len, &o, NULL, 0, &v), CERTFIT_ERR_WORK_TOO_SMALL);
    /* exactly what the verdict asked for is enough, at any alignment (1416,
     * room for two such blocks, before one pass) */
    for (size_t skew = 0; skew < 8; skew++) {
        assert_int_equal(certfit_guard_check(pem, len, &o, g_work + skew, 776, &v), 0);
        assert_true(v.pass);
    }
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, 776, &v), 0);
    assert_true(v.pass);
    free(pem);

    /* a bundle needs only its largest pair of blocks: 2888, not twice the
     * largest (2968) */
    pem = fw_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    assert_non_null(pem);
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, 2888, &v), 0);
    assert_int_equal(v.rule, CERTFIT_RULE_CREDENTIAL_SIZE);
    free(pem);

    /* DER needs no decoding slot */
    pem = fw_fixture("gen/der-two-certs.der", &len);
    assert_non_null(pem);
    o.role = CERTFIT_ROLE_SERVER;
    assert_int_equal(certfit_guard_check(pem, len, &o, NULL, 0, &v), 0);
    assert_true(v.pass);
    assert_int_equal(v.check.sizes.certs, 2);
    free(pem);
}

/* The documented sizes cover every fixture the hook is tested with. */
static void test_work_size_macros(void **state)
{
    (void)state;
    assert_int_equal(CERTFIT_GUARD_WORK_SIZE, 4376);
    assert_int_equal(CERTFIT_GUARD_WORK_SIZE_FOR_PEM(4096), 6296);
    static const char *const files[] = {
        "real/academy-mqtt-2024-06-bundle.pem",
        "real/academy-mqtt-2024-10-rootca.pem",
        "real/test-mosquitto-org-ca.pem",
        "real/letsencrypt/isrgrootx1.pem",
        "real/letsencrypt/isrg-root-x1-cross-signed.pem",
        "gen/bigchain-full.pem",
        "gen/size-headroom.pem",
        "gen/size-readback.pem",
        "gen/pem-crlf.pem",
        "gen/depth-11.pem",
        "gen/key-rsa4096.pem",
    };
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t len;
        uint8_t *pem = fw_fixture(files[i], &len);
        assert_non_null(pem);
        certfit_guard_verdict v;
        assert_int_equal(certfit_guard_check(pem, len, &o, g_work, sizeof(g_work), &v), 0);
        size_t max_der = 0;
        certfit_pem_iter it;
        certfit_pem_block blk;
        certfit_pem_iter_init(&it, pem, len);
        while (certfit_pem_next(&it, &blk) == 1) {
            size_t dlen, bad;
            static uint8_t der[8192];
            if (certfit_base64_decode(blk.body.p, blk.body.len, der, sizeof(der), &dlen, &bad) ==
                    0 &&
                dlen > max_der)
                max_der = dlen;
        }
        /* work_needed sizes the duplicate table for the certificate count;
         * the macros assume the smallest table, which the check falls back to */
        if (v.check.sizes.certs <= 8)
            assert_true(v.work_needed <= CERTFIT_GUARD_WORK_SIZE_FOR(max_der));
        /* the bounds are enough: the same verdict with exactly that much */
        certfit_guard_verdict w;
        assert_int_equal(
            certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE_FOR(max_der), &w), 0);
        assert_int_equal(w.rule, v.rule);
        assert_memory_equal(w.check.counts, v.check.counts, sizeof(v.check.counts));
        if (CERTFIT_GUARD_WORK_SIZE_FOR_PEM(len) <= sizeof(g_work)) {
            assert_int_equal(
                certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE_FOR_PEM(len), &w),
                0);
            assert_int_equal(w.rule, v.rule);
        }
        free(pem);
    }
    /* size-readback.pem (2947 bytes of DER, one certificate): beyond the
     * default's 2048 bytes of DER, but alone in the buffer it fits the
     * default's two slots (before one pass: too small, 6136 needed) */
    size_t len;
    uint8_t *pem = fw_fixture("gen/size-readback.pem", &len);
    assert_non_null(pem);
    certfit_guard_verdict v;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_int_equal(v.work_needed, 3136);
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, 3000, &v),
                     CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(v.work_needed, 3136);
    assert_int_equal(
        certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE_FOR_PEM(4096), &v), 0);
    free(pem);
}

static void test_clock_states(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = fw_fixture("gen/time-expired.pem", &len);
    assert_non_null(pem);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    certfit_guard_verdict v;
    /* nrf91 does not apply time rules without a clock */
    o.now = T_2026;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_true(v.pass);
    /* the caller may apply them anyway, against its `now` */
    o.unset_clock = CERTFIT_GUARD_UNSET_CLOCK_APPLY;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_false(v.pass);
    assert_int_equal(v.rule, CERTFIT_RULE_EXPIRED);
    assert_int_equal(v.value, 214);
    /* the modem's clock after a reset (2015-02-01): not yet valid */
    o.now = 1422748800;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_int_equal(v.rule, CERTFIT_RULE_NOT_YET_VALID);
    /* a profile that applies time rules without a clock, overridden by SKIP */
    certfit_profile p = *certfit_profile_at(0);
    p.time_rules_without_clock = true;
    o.profile = &p;
    o.now = T_2026;
    o.unset_clock = CERTFIT_GUARD_UNSET_CLOCK_PROFILE;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_int_equal(v.rule, CERTFIT_RULE_EXPIRED);
    o.unset_clock = CERTFIT_GUARD_UNSET_CLOCK_SKIP;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_true(v.pass);
    /* a set clock always applies them */
    o.clock_set = true;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v), 0);
    assert_int_equal(v.rule, CERTFIT_RULE_EXPIRED);
    free(pem);
}

/* A policy can make the read-back an error (same parser as `--policy`). */
static void test_policy(void **state)
{
    (void)state;
    static const char policy[] = "base = nrf91\nseverity.credential-readback = error\n";
    certfit_profile p;
    certfit_policy_error perr;
    assert_int_equal(certfit_policy_parse(policy, sizeof(policy) - 1, &p, &perr), 0);
    size_t len;
    uint8_t *pem = fw_fixture("gen/size-readback.pem", &len);
    assert_non_null(pem);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.profile = &p;
    certfit_guard_verdict v;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, sizeof(g_work), &v), 0);
    assert_false(v.pass);
    assert_int_equal(v.rule, CERTFIT_RULE_CREDENTIAL_READBACK);
    assert_int_equal(v.value, 4144);
    assert_int_equal(v.limit, 4096);
    /* the real sec_tag shortens the response: 24 instead of 2147483647 */
    o.sec_tag = 24;
    assert_int_equal(certfit_guard_check(pem, len, &o, g_work, sizeof(g_work), &v), 0);
    assert_int_equal(v.value, 4136);
    free(pem);
}

/* A private key is reported by its label only: no key byte reaches a finding. */
static void test_private_key_never_echoed(void **state)
{
    (void)state;
    static const char *const files[] = {"gen/pem-privkey-pkcs8.pem", "gen/pem-privkey-ec.pem"};
    for (size_t i = 0; i < 2; i++) {
        seen s;
        certfit_guard_verdict v;
        assert_int_equal(run(files[i], "nrf91", CA, T_2026, ERR, NULL, 0, &s, &v), 0);
        assert_int_equal(v.rule, CERTFIT_RULE_PRIVATE_KEY_PRESENT);
        assert_string_equal(v.check.first.text, i == 0 ? "PRIVATE KEY" : "EC PRIVATE KEY");
        size_t len;
        uint8_t *pem = fw_fixture(files[i], &len);
        assert_non_null(pem);
        const char *key = strstr((const char *)pem, "PRIVATE KEY-----\n");
        assert_non_null(key);
        key += strlen("PRIVATE KEY-----\n");
        /* no 8-byte run of the key's base64 appears in any finding text */
        for (size_t k = 0; k < s.n; k++) {
            for (const char *q = key; q[8] != '\0' && q[0] != '-'; q++) {
                char probe[9];
                memcpy(probe, q, 8);
                probe[8] = '\0';
                assert_null(strstr(s.f[k].text, probe));
            }
        }
        free(pem);
    }
}

static void test_bad_input(void **state)
{
    (void)state;
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    certfit_guard_verdict v;
    assert_int_equal(certfit_guard_check("x", 1, &o, g_work, sizeof(g_work), NULL),
                     CERTFIT_ERR_INVALID_ARG);
    assert_int_equal(certfit_guard_check("x", 1, NULL, g_work, sizeof(g_work), &v),
                     CERTFIT_ERR_INVALID_ARG);
    assert_false(v.pass);
    assert_int_equal(certfit_guard_check(NULL, 5, &o, g_work, sizeof(g_work), &v),
                     CERTFIT_ERR_INVALID_ARG);
    o.fail_on = (certfit_severity)7;
    assert_int_equal(certfit_guard_check("x", 1, &o, g_work, sizeof(g_work), &v),
                     CERTFIT_ERR_INVALID_ARG);
    certfit_guard_opts_init(&o);
    static const char text[] = "hello modem\n";
    assert_int_equal(certfit_guard_check(text, sizeof(text), &o, g_work, sizeof(g_work), &v),
                     CERTFIT_ERR_NO_CERTIFICATE);
    assert_false(v.pass);
    assert_int_equal(v.error, CERTFIT_ERR_NO_CERTIFICATE);
    static const char cut[] = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    assert_int_equal(certfit_guard_check(cut, sizeof(cut) - 1, &o, g_work, sizeof(g_work), &v),
                     CERTFIT_ERR_PEM_NO_END);
    assert_false(v.pass);
    assert_int_equal(v.check.error_offset, 0);
    /* the bundle truncated in its middle: evaluated no further, never passes */
    size_t len;
    uint8_t *pem = fw_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    assert_non_null(pem);
    assert_int_not_equal(certfit_guard_check(pem, 3000, &o, g_work, sizeof(g_work), &v), 0);
    assert_false(v.pass);
    free(pem);
}

/* The sample provisions this header with sizeof(), NUL included. */
static void test_sample_certificate(void **state)
{
    (void)state;
    static const char ca[] = CA_CERTIFICATE;
    assert_int_equal(sizeof(ca), 905);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.sec_tag = 24;
    certfit_guard_verdict v;
    assert_int_equal(certfit_guard_check(ca, sizeof(ca), &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v),
                     0);
    assert_true(v.pass);
    assert_int_equal(v.check.sizes.credential_bytes, 904);
    assert_int_equal(v.check.sizes.cmng_read_response, 992);
    o.profile = profile("nrf91-p384-selfsigned");
    assert_int_equal(certfit_guard_check(ca, sizeof(ca), &o, g_work, CERTFIT_GUARD_WORK_SIZE, &v),
                     0);
    assert_false(v.pass);
    assert_int_equal(v.rule, CERTFIT_RULE_LIFETIME_MIN);
}

int main(int argc, char **argv)
{
    fw_fixture_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundle_2024_06),   cmocka_unit_test(test_rootca_2024_10),
        cmocka_unit_test(test_rule_table),       cmocka_unit_test(test_work_too_small),
        cmocka_unit_test(test_work_size_macros), cmocka_unit_test(test_clock_states),
        cmocka_unit_test(test_policy),           cmocka_unit_test(test_private_key_never_echoed),
        cmocka_unit_test(test_bad_input),        cmocka_unit_test(test_sample_certificate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
