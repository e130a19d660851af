/*
 * The trust path (lib/trust.c), the credential types of C literals
 * (certfit_c_literal_type) and the CA-slot rules by type and by chain shape
 * (lib/check.c), on real material: the course bundle of fixtures/real
 * (leaf + Let's Encrypt R3 + ISRG Root X1), the course's 2024-10 RootCA,
 * and ISRG Root X1 / X2 from Debian's ca-certificates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_support.h"

#define MOZILLA "/usr/share/ca-certificates/mozilla/"

static int64_t at(const char *rfc3339)
{
    int64_t t = 0;
    assert_int_equal(certfit_time_parse_rfc3339(rfc3339, &t), 0);
    return t;
}

/* Certificate n of a PEM file, scanned (the DER is kept for the views). */
static void load(const char *path, size_t n, certfit_cert *c)
{
    size_t len, dl;
    uint8_t *pem = ts_read_file(path, &len);
    assert_non_null(pem);
    uint8_t *der = ts_pem_nth_der(pem, len, n, &dl);
    assert_non_null(der);
    free(pem);
    assert_int_equal(certfit_cert_scan(der, dl, c), 0); /* der lives to the end of the run */
}

static const char *fixture(const char *rel)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", ts_fixtures_dir, rel);
    return buf[k];
}

typedef struct rec {
    certfit_finding f[8];
    size_t n;
} rec;

static void on_finding(void *ctx, const certfit_finding *f)
{
    rec *r = ctx;
    if (r->n < 8)
        r->f[r->n++] = *f;
}

static const char *message(const certfit_finding *f, char *buf, size_t size, bool fix)
{
    if (fix)
        certfit_finding_fix(f, buf, size);
    else
        certfit_finding_message(f, buf, size);
    return buf;
}

/* leaf + R3 of the 2024-06 course bundle */
static certfit_cert g_chain[2];
static certfit_trust_anchor g_x1, g_rootca;
static certfit_cert g_store[2];
static certfit_profile g_pf;

static int setup(void **state)
{
    (void)state;
    const char *bundle = fixture("real/academy-mqtt-2024-06-bundle.pem");
    load(bundle, 0, &g_chain[0]);
    load(bundle, 1, &g_chain[1]);
    memset(&g_x1, 0, sizeof(g_x1));
    load(MOZILLA "ISRG_Root_X1.crt", 0, &g_x1.cert);
    memset(&g_rootca, 0, sizeof(g_rootca));
    load(fixture("real/academy-mqtt-2024-10-rootca.pem"), 0, &g_rootca.cert);
    load(MOZILLA "ISRG_Root_X2.crt", 0, &g_store[0]);
    load(MOZILLA "ISRG_Root_X1.crt", 0, &g_store[1]);
    assert_int_equal(certfit_profile_get("nrf91", &g_pf), 0);
    return 0;
}

static void opts(certfit_trust_opts *o, const char *now)
{
    certfit_trust_opts_init(o, &g_pf);
    o->now = at(now);
    o->clock_set = true;
}

/* The course case: ISRG Root X1 anchors leaf + R3 at a date they were valid. */
static void test_course_trusted(void **state)
{
    (void)state;
    certfit_trust_opts o;
    opts(&o, "2024-06-15T00:00:00Z");
    rec r = {0};
    certfit_sink sink = {NULL, on_finding, &r};
    certfit_trust_result res;
    assert_int_equal(certfit_trust_check(g_chain, 2, &g_x1, 1, &o, &sink, &res), 0);
    assert_int_equal(res.path_len, 2);
    assert_int_equal(res.anchor, 0);
    assert_true(res.trusted);
    assert_int_equal(r.n, 0);
    assert_true(certfit_trust_issued_by(&g_chain[1], &g_x1.cert, true));
    assert_false(certfit_trust_issued_by(&g_chain[1], &g_rootca.cert, true));
}

/* The 2024-10 RootCA does not anchor it: anchor-missing names ISRG Root X1
 * and, from the store, its 1939-byte credential. */
static void test_course_anchor_missing(void **state)
{
    (void)state;
    certfit_trust_opts o;
    opts(&o, "2024-06-15T00:00:00Z");
    o.store = g_store;
    o.store_len = 2;
    rec r = {0};
    certfit_sink sink = {NULL, on_finding, &r};
    certfit_trust_result res;
    assert_int_equal(certfit_trust_check(g_chain, 2, &g_rootca, 1, &o, &sink, &res), 0);
    assert_int_equal(res.anchor, -1);
    assert_false(res.trusted);
    assert_int_equal(res.path_len, 2);
    assert_int_equal(res.store_root, 1);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.f[0].rule, CERTFIT_RULE_ANCHOR_MISSING);
    assert_int_equal(r.f[0].severity, CERTFIT_SEV_ERROR);
    assert_int_equal(r.f[0].cert, 1);
    assert_int_equal(r.f[0].limit, 1939);
    assert_int_equal(r.f[0].value, 1);
    assert_string_equal(r.f[0].text, "ISRG Root X1");
    assert_int_equal(res.counts[CERTFIT_SEV_ERROR], 1);
    char buf[400];
    assert_string_equal(message(&r.f[0], buf, sizeof(buf), false),
                        "no CA credential anchors the chain: it needs ISRG Root X1 (the issuer of "
                        "certificate 1); the CA credentials hold 1 other certificate");
    assert_string_equal(message(&r.f[0], buf, sizeof(buf), true),
                        "provision ISRG Root X1 as the CA credential: 1939 bytes");
    /* without a store the issuer is still named, no size */
    o.store_len = 0;
    o.store = NULL;
    r.n = 0;
    assert_int_equal(certfit_trust_check(g_chain, 2, &g_rootca, 1, &o, &sink, &res), 0);
    assert_int_equal(r.f[0].limit, 0);
    assert_string_equal(r.f[0].text, "ISRG Root X1");
    /* skipped: nothing reported, still not trusted */
    o.skip = (uint64_t)1 << CERTFIT_RULE_ANCHOR_MISSING;
    r.n = 0;
    assert_int_equal(certfit_trust_check(g_chain, 2, &g_rootca, 1, &o, &sink, &res), 0);
    assert_int_equal(r.n, 0);
    assert_false(res.trusted);
}

/* The leaf alone, with R3 left out: chain-incomplete is for a served
 * certificate whose next one is not its issuer; served [leaf, X1]. */
static void test_chain_incomplete(void **state)
{
    (void)state;
    certfit_cert served[2] = {g_chain[0], g_x1.cert};
    certfit_trust_opts o;
    opts(&o, "2024-06-15T00:00:00Z");
    rec r = {0};
    certfit_sink sink = {NULL, on_finding, &r};
    certfit_trust_result res;
    assert_int_equal(certfit_trust_check(served, 2, &g_x1, 1, &o, &sink, &res), 0);
    assert_int_equal(res.anchor, -1);
    assert_int_equal(res.path_len, 1);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.f[0].rule, CERTFIT_RULE_CHAIN_INCOMPLETE);
    assert_int_equal(r.f[0].cert, 0);
    assert_string_equal(r.f[0].text, "R3");
    char buf[400];
    assert_string_equal(message(&r.f[0], buf, sizeof(buf), false),
                        "certificate 0 is issued by R3, which is neither the next served "
                        "certificate (1) nor a CA credential: an intermediate is missing");
}

/* The anchor that completes the path, out of its validity at now: expired
 * with the anchor's index; not trusted. */
static void test_anchor_time(void **state)
{
    (void)state;
    certfit_trust_anchor anchors[2] = {g_rootca, g_x1};
    anchors[1].file = 1;
    certfit_trust_opts o;
    opts(&o, "2036-01-01T00:00:00Z"); /* X1 notAfter 2035-06-04 */
    rec r = {0};
    certfit_sink sink = {NULL, on_finding, &r};
    certfit_trust_result res;
    assert_int_equal(certfit_trust_check(g_chain, 2, anchors, 2, &o, &sink, &res), 0);
    assert_int_equal(res.anchor, 1);
    assert_false(res.trusted);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.f[0].rule, CERTFIT_RULE_EXPIRED);
    assert_int_equal(r.f[0].detail, 1);
    assert_int_equal(r.f[0].limit, 1);
    assert_int_equal(r.f[0].cert, CERTFIT_NO_CERT);
    char buf[400];
    assert_string_equal(message(&r.f[0], buf, sizeof(buf), false),
                        "the anchor ISRG Root X1 expired 2035-06-04T11:04:38Z (210 days ago)");
    /* before its notBefore (2015-06-04) */
    opts(&o, "2015-01-01T00:00:00Z");
    r.n = 0;
    assert_int_equal(certfit_trust_check(g_chain, 2, anchors, 2, &o, &sink, &res), 0);
    assert_int_equal(r.f[0].rule, CERTFIT_RULE_NOT_YET_VALID);
    assert_false(res.trusted);
    /* without a clock (nrf91 does not apply time rules then): trusted */
    o.clock_set = false;
    r.n = 0;
    assert_int_equal(certfit_trust_check(g_chain, 2, anchors, 2, &o, &sink, &res), 0);
    assert_int_equal(r.n, 0);
    assert_true(res.trusted);
}

/* A served copy of an anchor (same subject and key) counts as the anchor. */
static void test_same_ca(void **state)
{
    (void)state;
    assert_true(certfit_trust_same_ca(&g_x1.cert, &g_store[1]));
    assert_false(certfit_trust_same_ca(&g_x1.cert, &g_store[0]));
    certfit_trust_opts o;
    opts(&o, "2024-06-15T00:00:00Z");
    certfit_trust_result res;
    certfit_cert served[1] = {g_x1.cert};
    assert_int_equal(certfit_trust_check(served, 1, &g_x1, 1, &o, NULL, &res), 0);
    assert_int_equal(res.anchor, 0);
    assert_int_equal(res.path_len, 1);
    assert_true(res.trusted);
    assert_int_equal(certfit_trust_check(NULL, 1, &g_x1, 1, &o, NULL, &res),
                     CERTFIT_ERR_INVALID_ARG);
}

static const struct {
    const char *src;
    certfit_cred_type type;
} k_types[] = {
    {"#define CA_CERTIFICATE \"-----BEGIN CERTIFICATE-----\\nAA==\\n-----END "
     "CERTIFICATE-----\\n\"\n",
     CERTFIT_CRED_CA},
    {"#define CLIENT_CERTIFICATE \"-----BEGIN CERTIFICATE-----\\nAA==\\n-----END "
     "CERTIFICATE-----\\n\"\n",
     CERTFIT_CRED_CLIENT},
    {"static const char device_cert[] = \"-----BEGIN CERTIFICATE-----\\nAA==\\n-----END "
     "CERTIFICATE-----\\n\";\n",
     CERTFIT_CRED_CLIENT},
    {"#define PRIVATE_KEY \"-----BEGIN EC PRIVATE KEY-----\\nAA==\\n-----END EC PRIVATE "
     "KEY-----\\n\"\n",
     CERTFIT_CRED_KEY},
    /* a key under a client name is still a key; CLIENTS is not the word CLIENT */
    {"#define CLIENT_KEY \"-----BEGIN PRIVATE KEY-----\\nAA==\\n-----END PRIVATE KEY-----\\n\"\n",
     CERTFIT_CRED_KEY},
    {"#define CLIENTS_ROOT \"-----BEGIN CERTIFICATE-----\\nAA==\\n-----END CERTIFICATE-----\\n\"\n",
     CERTFIT_CRED_CA},
};

static void test_literal_types(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(k_types) / sizeof(k_types[0]); i++) {
        const char *src = k_types[i].src;
        certfit_c_iter it;
        certfit_c_literal lit;
        certfit_c_iter_init(&it, (const uint8_t *)src, strlen(src));
        assert_int_equal(certfit_c_next(&it, &lit), 1);
        uint8_t out[256];
        size_t n, bad;
        assert_int_equal(certfit_c_unescape(&lit, out, sizeof(out), &n, &bad), 0);
        assert_int_equal(certfit_c_literal_type(&lit, out, n), k_types[i].type);
    }
}

/* certfit_check on a CA credential: run with these options and text. */
static void check(const char *text, size_t len, uint8_t type, uint32_t keep, rec *r,
                  certfit_result *res)
{
    certfit_check_opts co;
    certfit_check_opts_init(&co, &g_pf);
    co.now = at("2024-06-15T00:00:00Z");
    co.clock_set = true;
    co.cred_type = type;
    co.keep = keep;
    certfit_item item = {CERTFIT_FORMAT_PEM, {(const uint8_t *)text, len}, 1, true};
    size_t need = certfit_check_work_size(&item);
    uint8_t *work = malloc(need);
    certfit_sink sink = {NULL, on_finding, r};
    r->n = 0;
    assert_int_equal(certfit_check(&item, &co, work, need, &sink, res), 0);
    free(work);
}

static const certfit_finding *find(const rec *r, certfit_rule rule)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->f[i].rule == rule)
            return &r->f[i];
    return NULL;
}

/* ca-slot-bundle tells the truth: one chain -> "the anchor"; two unrelated
 * roots -> said so; with the server's choice -> that one and its size. */
static void test_ca_slot_bundle(void **state)
{
    (void)state;
    size_t l1, l2, lb;
    uint8_t *x1 = ts_read_file(MOZILLA "ISRG_Root_X1.crt", &l1);
    uint8_t *x2 = ts_read_file(MOZILLA "ISRG_Root_X2.crt", &l2);
    uint8_t *bundle = ts_read_file(fixture("real/academy-mqtt-2024-06-bundle.pem"), &lb);
    assert_non_null(x1);
    assert_non_null(x2);
    assert_non_null(bundle);
    char *both = malloc(l1 + l2);
    memcpy(both, x1, l1);
    memcpy(both + l1, x2, l2);
    rec r;
    certfit_result res;
    char buf[400];

    check((const char *)bundle, lb, 0, 0, &r, &res);
    const certfit_finding *f = find(&r, CERTFIT_RULE_CA_SLOT_BUNDLE);
    assert_non_null(f);
    assert_string_equal(message(f, buf, sizeof(buf), false),
                        "the CA credential holds 3 certificates; only the anchor (certificate 2, "
                        "ISRG Root X1) is needed");

    check(both, l1 + l2, 0, 0, &r, &res);
    f = find(&r, CERTFIT_RULE_CA_SLOT_BUNDLE);
    assert_non_null(f);
    assert_int_equal(f->detail, 5);
    assert_int_equal(f->cert, CERTFIT_NO_CERT);
    assert_int_equal(f->value, l1 + l2);
    assert_int_equal(f->limit, 790); /* X2 alone */
    assert_string_equal(message(f, buf, sizeof(buf), false),
                        "2 unrelated roots: keep the one the server chains to");

    check(both, l1 + l2, 0, 1, &r, &res); /* the server's chain needs certificate 0 */
    f = find(&r, CERTFIT_RULE_CA_SLOT_BUNDLE);
    assert_non_null(f);
    assert_int_equal(f->detail, 4);
    assert_int_equal(f->cert, 0);
    assert_int_equal(f->limit, 1939);
    assert_string_equal(message(f, buf, sizeof(buf), false),
                        "the CA credential holds 2 certificates; the server's chain needs only "
                        "certificate 0 (ISRG Root X1)");
    assert_string_equal(message(f, buf, sizeof(buf), true),
                        "keep only ISRG Root X1 in the CA slot: 1939 bytes instead of 2729");

    /* a client certificate (type 1) with its chain: no CA-slot rule */
    check((const char *)bundle, lb, 1, 0, &r, &res);
    assert_null(find(&r, CERTFIT_RULE_CA_SLOT_BUNDLE));
    assert_int_equal(res.sizes.cmng_read_response, 96 + lb);
    free(both);
    free(x1);
    free(x2);
    free(bundle);
}

/* A key credential (type 2): measured, private-key-present, no "no
 * certificate" error. */
static void test_key_credential(void **state)
{
    (void)state;
    static const char key[] =
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
    rec r;
    certfit_result res;
    check(key, sizeof(key) - 1, 2, 0, &r, &res);
    assert_int_equal(res.error, 0);
    assert_int_equal(res.sizes.credential_bytes, sizeof(key) - 1);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.f[0].rule, CERTFIT_RULE_PRIVATE_KEY_PRESENT);
    /* measured against the profile's limit: a 5000-byte key credential */
    char big[5200];
    size_t n = (size_t)snprintf(big, sizeof(big), "-----BEGIN PRIVATE KEY-----\n");
    while (n < 4950) {
        memset(big + n, 'A', 64);
        big[n + 64] = '\n';
        n += 65;
    }
    n += (size_t)snprintf(big + n, sizeof(big) - n, "-----END PRIVATE KEY-----\n");
    check(big, n, 2, 0, &r, &res);
    assert_int_equal(res.error, 0);
    assert_non_null(find(&r, CERTFIT_RULE_CREDENTIAL_SIZE));
    assert_int_equal(find(&r, CERTFIT_RULE_CREDENTIAL_SIZE)->value, n);
    assert_int_equal(find(&r, CERTFIT_RULE_CREDENTIAL_SIZE)->limit, 4096);
    /* as a CA credential it holds no certificate: an input error */
    certfit_check_opts co;
    certfit_check_opts_init(&co, &g_pf);
    certfit_item item = {CERTFIT_FORMAT_PEM, {(const uint8_t *)key, sizeof(key) - 1}, 1, true};
    uint8_t work[512];
    assert_int_equal(certfit_check(&item, &co, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_NO_CERTIFICATE);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_course_trusted),   cmocka_unit_test(test_course_anchor_missing),
        cmocka_unit_test(test_chain_incomplete), cmocka_unit_test(test_anchor_time),
        cmocka_unit_test(test_same_ca),          cmocka_unit_test(test_literal_types),
        cmocka_unit_test(test_ca_slot_bundle),   cmocka_unit_test(test_key_credential),
    };
    return cmocka_run_group_tests_name("trust", tests, setup, NULL);
}
