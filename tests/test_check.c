/*
 * lib/check.c: the streaming check over one item, with the figures issue 2
 * requires to hold exactly, the work buffer contract, inputs that carry
 * private keys, signatures on and off, and the rule semantics around chains.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report_internal.h"
#include "test_support.h"

#define U8(s) ((const uint8_t *)(s))
#define NOW   "2026-01-01T00:00:00Z"

#ifndef CERTFIT_WITH_SIGNATURES
#define CERTFIT_WITH_SIGNATURES 1
#endif
/* What a self-signature check gives: without signature support, UNKNOWN. */
#define SIG(x) (CERTFIT_WITH_SIGNATURES ? (x) : CERTFIT_SELFSIG_UNKNOWN)

static ts_collect *new_collect(void)
{
    ts_collect *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    return c;
}

static void opts_for(certfit_check_opts *o, certfit_profile *pf, const char *profile,
                     certfit_role role, const char *now)
{
    assert_int_equal(certfit_profile_get(profile, pf), 0);
    certfit_check_opts_init(o, pf);
    o->role = role;
    o->now = ts_time(now);
    o->clock_set = true;
}

static size_t severity_count(const ts_collect *c, certfit_severity s)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nfind; i++)
        n += c->findings[i].severity == s;
    return n;
}

/* ---- the 2024-06 bundle ------------------------------------------------------------ */

static void test_bundle_ca(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    ts_collect *c = new_collect();
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);

    assert_int_equal(c->ncert, 3);
    assert_int_equal(c->certs[0].der_len, 1076);
    assert_int_equal(c->certs[1].der_len, 1306);
    assert_int_equal(c->certs[2].der_len, 1391);
    assert_int_equal(c->certs[0].line, 1);
    assert_int_equal(c->certs[1].line, 26);
    assert_int_equal(c->certs[2].line, 56);
    assert_int_equal(c->certs[0].self, SIG(CERTFIT_SELFSIG_NO));
    assert_int_equal(c->certs[2].self, SIG(CERTFIT_SELFSIG_YES));
    assert_string_equal(c->certs[0].subject, "CN=mqtt.nordicsemi.academy");
    assert_string_equal(c->certs[2].subject,
                        "CN=ISRG Root X1,O=Internet Security Research Group,C=US");

    const certfit_sizes *s = &c->res.sizes;
    assert_int_equal(s->certs, 3);
    assert_int_equal(s->der_total, 3773);
    assert_int_equal(s->pem_canonical, 5278);
    assert_int_equal(s->credential_bytes, 5278);
    assert_int_equal(s->cmng_read_response, 5374);
    assert_int_equal(s->tls12_certificate_message, 3789);
    assert_int_equal(s->tls13_certificate_message, 3796);

    const certfit_finding *f = ts_find(c, CERTFIT_RULE_CREDENTIAL_SIZE, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_ERROR);
    assert_int_equal(f->value, 5278);
    assert_int_equal(f->limit, 4096);
    assert_int_equal(f->cert, CERTFIT_NO_CERT);
    char msg[256];
    certfit_finding_message(f, msg, sizeof(msg));
    assert_string_equal(msg, "credential is 5278 bytes; the limit is 4096 (1182 over)");

    f = ts_find(c, CERTFIT_RULE_CREDENTIAL_READBACK, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_WARNING);
    assert_int_equal(f->value, 5374);
    assert_int_equal(f->limit, 4096);

    f = ts_find(c, CERTFIT_RULE_CA_SLOT_BUNDLE, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_WARNING);
    assert_string_equal(f->text, "ISRG Root X1");
    assert_int_equal(f->limit, 1939);
    assert_int_equal(f->value, 5278);
    assert_int_equal(f->cert, 2);
    assert_int_equal(f->line, 56);
    certfit_finding_fix(f, msg, sizeof(msg));
    assert_string_equal(msg, "keep only ISRG Root X1 in the CA slot: 1939 bytes instead of 5278");

    f = ts_find(c, CERTFIT_RULE_EXPIRED, 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_ERROR);
    assert_int_equal(f->extra, 1723554024); /* 2024-08-13T13:00:24Z */
    assert_int_equal(f->line, 1);
    assert_non_null(ts_find(c, CERTFIT_RULE_EXPIRED, 1)); /* R3: 2025-09-15 */
    assert_null(ts_find(c, CERTFIT_RULE_EXPIRED, 2));

    /* nothing else: the chain is in order and its signatures verify */
    assert_int_equal(c->nfind, 5);
    assert_int_equal(c->res.counts[CERTFIT_SEV_ERROR], 3);
    assert_int_equal(c->res.counts[CERTFIT_SEV_WARNING], 2);
    assert_int_equal(c->res.counts[CERTFIT_SEV_NOTICE], 0);
    assert_int_equal(severity_count(c, CERTFIT_SEV_ERROR), 3);
    assert_true(c->res.has_first);
    assert_int_equal(c->res.first.severity, CERTFIT_SEV_ERROR);
    /* the most severe finding; among equals the first in the rule table */
    assert_int_equal(c->res.first.rule, CERTFIT_RULE_CREDENTIAL_SIZE);
    assert_int_equal(c->res.error, 0);

    /* firmware passes the C string with its NUL: not part of the credential */
    uint8_t *z = malloc(len + 1);
    memcpy(z, t, len);
    z[len] = 0;
    assert_int_equal(ts_check_pem(z, len + 1, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    assert_int_equal(c->res.sizes.credential_bytes, 5278);
    assert_int_equal(c->res.sizes.cmng_read_response, 5374);
    assert_null(ts_find(c, CERTFIT_RULE_PEM_STRAY_TEXT, TS_ANY_CERT));
    free(z);
    free(c);
    free(t);
}

static void test_bundle_server(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    ts_collect *c = new_collect();
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_SERVER, "2024-06-01", c), 0);
    assert_int_equal(c->res.sizes.tls12_certificate_message, 3789);
    assert_null(ts_find(c, CERTFIT_RULE_CHAIN_SIZE, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_CREDENTIAL_SIZE, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_CHAIN_ORDER, TS_ANY_CERT));
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_SIZE_HEADROOM, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->value, 3789);
    assert_int_equal(f->limit, 4096);
    assert_int_equal(f->detail, 2);
    f = ts_find(c, CERTFIT_RULE_ROOT_IN_CHAIN, 2);
    assert_non_null(f);
    assert_int_equal(f->value, 3 + 1391);
    assert_string_equal(f->text, "ISRG Root X1");
    assert_int_equal(c->nfind, 2);
    free(c);
    free(t);
}

static void test_bundle_c_header(void **state)
{
    (void)state;
    size_t len;
    uint8_t *h = ts_fixture("real/academy-mqtt-2024-06-certificate.h", &len);
    ts_literal l[2];
    assert_int_equal(ts_c_literals(h, len, l, 2), 1);
    assert_string_equal(l[0].name, "CA_CERTIFICATE");
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    certfit_item item = {CERTFIT_FORMAT_PEM, {l[0].content, l[0].len}, l[0].line, false};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->res.sizes.credential_bytes, 5278);
    assert_int_equal(c->res.sizes.pem_canonical, 5278);
    assert_int_equal(c->res.sizes.tls12_certificate_message, 3789);
    assert_non_null(ts_find(c, CERTFIT_RULE_CREDENTIAL_SIZE, TS_ANY_CERT));
    assert_non_null(ts_find(c, CERTFIT_RULE_EXPIRED, 0));
    /* lines do not map into the header: every certificate is at the literal's line */
    assert_int_equal(c->certs[0].line, 2);
    assert_int_equal(c->certs[2].line, 2);
    /* with the NUL that sizeof(CA_CERTIFICATE) counts (5279) */
    l[0].content[l[0].len] = 0;
    item.text.len = l[0].len + 1;
    assert_int_equal(item.text.len, 5279);
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->res.sizes.credential_bytes, 5278);
    ts_free_literals(l, 1);
    free(c);
    free(h);
}

/* ---- the 2024-10 RootCA ------------------------------------------------------------ */

static void test_rootca(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    ts_collect *c = new_collect();
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    assert_int_equal(c->ncert, 1);
    assert_int_equal(c->certs[0].der_len, 626);
    assert_int_equal(c->certs[0].self, SIG(CERTFIT_SELFSIG_YES));
    assert_int_equal(c->certs[0].key_type, CERTFIT_KEY_EC);
    assert_int_equal(c->certs[0].curve, CERTFIT_CURVE_SECP384R1);
    assert_int_equal(c->certs[0].key_bits, 384);
    assert_int_equal(c->certs[0].sig_alg, CERTFIT_SIG_ECDSA_SHA256);
    assert_true(c->certs[0].ca);
    assert_int_equal(c->certs[0].not_before, 1726151171);
    assert_int_equal(c->certs[0].not_after, 1814624771);
    assert_int_equal(c->res.sizes.der_total, 626);
    assert_int_equal(c->res.sizes.pem_canonical, 904);
    assert_int_equal(c->res.sizes.credential_bytes, 904);
    assert_int_equal(c->res.sizes.cmng_read_response, 1000);
    assert_int_equal(c->res.sizes.tls12_certificate_message, 636);
    assert_int_equal(c->res.sizes.tls13_certificate_message, 639);
    /* nrf91: no error; the notice about SHA-256 on a P-384 key, and the
     * warning that the CA has no keyUsage (RFC 5280 4.2.1.3) */
    assert_int_equal(c->res.counts[CERTFIT_SEV_ERROR], 0);
    assert_int_equal(c->res.counts[CERTFIT_SEV_WARNING], 1);
    assert_int_equal(c->nfind, 2);
    const certfit_finding *ku = ts_find(c, CERTFIT_RULE_CA_KEY_USAGE, 0);
    assert_non_null(ku);
    assert_int_equal(ku->detail, 0); /* no keyUsage extension */
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH, 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_NOTICE);
    assert_int_equal(f->value, CERTFIT_HASH_SHA256);
    assert_int_equal(f->limit, CERTFIT_HASH_SHA384);
    assert_int_equal(f->extra, 384);
    assert_string_equal(f->text, "ecdsa-with-SHA256");

    /* the vendor's profile: 30 years required, 2.8 given */
    assert_int_equal(ts_check_pem(t, len, "nrf91-p384-selfsigned", CERTFIT_ROLE_CA, NOW, c), 0);
    f = ts_find(c, CERTFIT_RULE_LIFETIME_MIN, 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_ERROR);
    assert_int_equal(f->limit, 30);
    assert_int_equal(f->value, (1814624771 - 1726151171) / 86400);
    assert_int_equal(f->value, 1024);
    assert_int_equal(f->extra, 1814624771);
    assert_non_null(ts_find(c, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH, 0));
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_KEY_ALGORITHM, TS_ANY_CERT));
    assert_int_equal(c->res.counts[CERTFIT_SEV_ERROR], 1);
    assert_int_equal(c->res.first.rule, CERTFIT_RULE_LIFETIME_MIN);
    char msg[256];
    certfit_finding_message(f, msg, sizeof(msg));
    assert_string_equal(msg, "valid for 1024 days (until 2027-07-03T14:26:11Z); the profile "
                             "requires 30 years");

    /* without signature verification nothing is known about the self-signature */
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91-p384-selfsigned", CERTFIT_ROLE_CA, NOW);
    o.verify_signatures = false;
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->certs[0].self, CERTFIT_SELFSIG_UNKNOWN);
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED_SIGNATURE, TS_ANY_CERT));
    assert_non_null(ts_find(c, CERTFIT_RULE_LIFETIME_MIN, 0));
    free(c);
    free(t);
}

/* ---- work buffer, empty and broken inputs --------------------------------------------- */

static void test_work_buffer(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    size_t ws = certfit_check_work_size(&item);
    assert_true(ws >= 2 * 1391);
    assert_true(ws < 8192);
    certfit_result res;

    /* one pass: the pass itself finds what certfit_check_work_size() walks
     * for, the largest pair of blocks (1416 after 1336) + the table + 8 of
     * alignment slack (twice the largest block, 2968, before one pass) */
    assert_int_equal(ws, 2888 + CERTFIT_CHECK_STATE_SIZE);
    assert_true(certfit_check_work_bound(&item) >= ws);

    /* exactly certfit_check_work_size() bytes: enough at every alignment */
    uint8_t *raw = malloc(ws + 8);
    for (size_t skew = 0; skew < 8; skew++) {
        assert_int_equal(certfit_check(&item, &o, raw + skew, ws, NULL, &res), 0);
        assert_int_equal(res.error, 0);
        assert_int_equal(res.sizes.certs, 3);
        assert_int_equal(res.counts[CERTFIT_SEV_ERROR], 3);
        assert_int_equal(res.work_needed, ws);
    }
    /* aligned, the slack is not needed; 8 bytes fewer than that are too few */
    uint8_t *w = (uint8_t *)(((uintptr_t)raw + 7) & ~(uintptr_t)7);
    assert_int_equal(certfit_check(&item, &o, w, ws - 8, NULL, &res), 0);
    assert_int_equal(certfit_check(&item, &o, w, ws - 16, NULL, &res), CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(res.error_offset, 3339); /* ISRG Root X1, with the one before it */
    assert_int_equal(res.error_line, 56);
    assert_int_equal(res.work_needed, ws); /* the rest walked to size it */
    free(raw);

    /* 2048 bytes: the first certificate fits, the second not beside it
     * (before one pass: the first did not fit, line 1) */
    w = malloc(2048);
    assert_int_equal(certfit_check(&item, &o, w, 2048, NULL, &res), CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(res.error, CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(res.error_line, 26);
    assert_int_equal(res.work_needed, ws);
    free(w);
    assert_int_equal(certfit_check(&item, &o, NULL, 0, NULL, &res), CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(res.work_needed, ws);
    free(t);

    /* DER needs no work buffer */
    uint8_t *der = ts_fixture("gen/der-two-certs.der", &len);
    certfit_item ditem = {CERTFIT_FORMAT_DER, {der, len}, 0, false};
    assert_int_equal(certfit_check(&ditem, &o, NULL, 0, NULL, &res), 0);
    assert_int_equal(res.sizes.certs, 2);
    free(der);
}

/* PEM text of n bytes of DER in 64-column lines, appended at out. */
static size_t pem_put(char *out, const uint8_t *der, size_t n)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = (size_t)sprintf(out, "-----BEGIN CERTIFICATE-----\n"), col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)der[i] << 16 | (i + 1 < n ? (uint32_t)der[i + 1] << 8 : 0) |
                     (i + 2 < n ? der[i + 2] : 0);
        for (size_t j = 0; j < 4; j++)
            out[o++] = j <= n - i ? a[v >> (18 - 6 * j) & 63] : '=';
        if ((col += 4) == 64 || i + 3 >= n) {
            out[o++] = '\n';
            col = 0;
        }
    }
    return o + (size_t)sprintf(out + o, "-----END CERTIFICATE-----\n");
}

static void count_duplicates(void *ctx, const certfit_finding *f)
{
    int32_t *last = ctx;
    if (f->rule == CERTFIT_RULE_CHAIN_DUPLICATE)
        last[last[0] < 8 ? ++last[0] : 0] = f->cert;
}

/* The duplicate table grows during the pass: 40 distinct certificates then
 * the first again, checked with exactly the work_needed the pass reports. */
static void test_duplicate_table_grows(void **state)
{
    (void)state;
    size_t len, dlen;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    uint8_t *der = ts_pem_first_der(t, len, &dlen);
    assert_int_equal(dlen, 626);
    char *text = malloc(41 * 1024);
    size_t n = 0;
    for (unsigned i = 0; i <= 40; i++) {
        der[dlen - 1] = (uint8_t)(i % 40); /* the signature's last byte */
        n += pem_put(text + n, der, dlen);
    }
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_SERVER, NOW);
    o.verify_signatures = false;
    certfit_item item = {CERTFIT_FORMAT_PEM, {(const uint8_t *)text, n}, 1, true};
    /* two blocks of 640, a table of 64 entries and, while it grew from 32,
     * the old one beside it (768), 8 of slack: 2304 before one pass */
    size_t ws = certfit_check_work_size(&item);
    assert_int_equal(ws, 2 * 640 + 768 + 8 + CERTFIT_CHECK_STATE_SIZE);
    uint8_t *w = malloc(ws);
    int32_t dups[9] = {0};
    certfit_sink sink = {NULL, count_duplicates, dups};
    certfit_result res;
    assert_int_equal(certfit_check(&item, &o, w, ws, &sink, &res), 0);
    assert_int_equal(res.sizes.certs, 41);
    assert_int_equal(res.work_needed, ws);
    assert_int_equal(dups[0], 1);
    assert_int_equal(dups[1], 40);
    /* a buffer that cannot hold the grown table: the check still runs, the
     * copy goes unseen and work_needed says what would have held it */
    size_t small = 2 * 640 + 128 + 8 + CERTFIT_CHECK_STATE_SIZE;
    memset(dups, 0, sizeof(dups));
    assert_int_equal(certfit_check(&item, &o, w, small, &sink, &res), 0);
    assert_int_equal(dups[0], 0);
    assert_int_equal(res.work_needed, ws);
    free(w);
    free(text);
    free(der);
    free(t);
}

/* The bound from the length holds for the densest text: empty
 * CERTIFICATE blocks, 53 bytes each, every one counted. */
static void test_work_bound_dense(void **state)
{
    (void)state;
    static const char blk[] = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----";
    const size_t bn = sizeof(blk) - 1, nblk = 100;
    assert_int_equal(bn, 53);
    char *text = malloc(bn * nblk);
    for (size_t i = 0; i < nblk; i++)
        memcpy(text + i * bn, blk, bn);
    certfit_item item = {CERTFIT_FORMAT_PEM, {(const uint8_t *)text, bn * nblk}, 1, true};
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    size_t bound = certfit_check_work_bound(&item);
    uint8_t *w = malloc(bound);
    certfit_result res;
    /* the first block is empty: an error at its offset, the other 99 only
     * counted: two blocks' bounds (3, rounded to 8) and the table for 100
     * certificates (256 entries, and 128 beside them while growing: 3072) */
    assert_int_equal(certfit_check(&item, &o, w, bound, NULL, &res), CERTFIT_ERR_DER);
    assert_int_equal(res.error_offset, 0);
    assert_int_equal(res.work_needed, 2 * 8 + 3072 + 8 + CERTFIT_CHECK_STATE_SIZE);
    assert_int_equal(res.work_needed, certfit_check_work_size(&item));
    assert_true(bound >= res.work_needed);
    free(w);
    free(text);
}

static void test_empty_and_errors(void **state)
{
    (void)state;
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    certfit_result res;
    uint8_t work[64];

    certfit_item empty = {CERTFIT_FORMAT_PEM, {NULL, 0}, 1, true};
    assert_int_equal(certfit_check(&empty, &o, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_NO_CERTIFICATE);
    assert_int_equal(res.error, CERTFIT_ERR_NO_CERTIFICATE);
    assert_int_equal(res.sizes.certs, 0);
    certfit_item nul = {CERTFIT_FORMAT_PEM, {U8(""), 1}, 1, true};
    assert_int_equal(certfit_check(&nul, &o, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_NO_CERTIFICATE);
    assert_int_equal(res.sizes.credential_bytes, 0);
    certfit_item der0 = {CERTFIT_FORMAT_DER, {NULL, 0}, 0, false};
    assert_int_equal(certfit_check(&der0, &o, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_NO_CERTIFICATE);
    static const char text[] = "just some text\n";
    certfit_item txt = {CERTFIT_FORMAT_PEM, {U8(text), sizeof(text) - 1}, 1, true};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&txt, &o, c), CERTFIT_ERR_NO_CERTIFICATE);
    certfit_item unk = {CERTFIT_FORMAT_UNKNOWN, {U8(text), sizeof(text) - 1}, 1, true};
    assert_int_equal(certfit_check(&unk, &o, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_UNKNOWN_FORMAT);
    certfit_item c_fmt = {CERTFIT_FORMAT_C, {U8(text), sizeof(text) - 1}, 1, true};
    assert_int_equal(certfit_check(&c_fmt, &o, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_UNKNOWN_FORMAT);

    /* invalid arguments */
    assert_int_equal(certfit_check(&txt, NULL, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_INVALID_ARG);
    assert_int_equal(certfit_check(NULL, &o, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_INVALID_ARG);
    assert_int_equal(certfit_check(&txt, &o, work, sizeof(work), NULL, NULL),
                     CERTFIT_ERR_INVALID_ARG);
    assert_int_equal(certfit_check(&txt, &o, NULL, 10, NULL, &res), CERTFIT_ERR_INVALID_ARG);
    certfit_check_opts bad = o;
    bad.role = CERTFIT_ROLE_BOTH;
    assert_int_equal(certfit_check(&txt, &bad, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_INVALID_ARG);
    bad = o;
    bad.profile = NULL;
    assert_int_equal(certfit_check(&txt, &bad, work, sizeof(work), NULL, &res),
                     CERTFIT_ERR_INVALID_ARG);

    /* a PEM error: where, in the item and in the file */
    static const char b64bad[] = "# note\n"
                                 "-----BEGIN CERTIFICATE-----\n"
                                 "MIIB*AAA\n"
                                 "-----END CERTIFICATE-----\n";
    certfit_item bi = {CERTFIT_FORMAT_PEM, {U8(b64bad), sizeof(b64bad) - 1}, 10, true};
    assert_int_equal(ts_run(&bi, &o, c), CERTFIT_ERR_BASE64);
    assert_int_equal(c->res.error, CERTFIT_ERR_BASE64);
    assert_int_equal(c->res.error_offset, 7 + 28 + 4);
    assert_int_equal(c->res.error_line, 12);
    static const char noend[] = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    certfit_item ne = {CERTFIT_FORMAT_PEM, {U8(noend), sizeof(noend) - 1}, 1, true};
    assert_int_equal(ts_run(&ne, &o, c), CERTFIT_ERR_PEM_NO_END);
    assert_int_equal(c->res.error_offset, 0);
    assert_int_equal(c->res.error_line, 1);
    /* an empty CERTIFICATE block */
    static const char emptyblk[] = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
    certfit_item eb = {CERTFIT_FORMAT_PEM, {U8(emptyblk), sizeof(emptyblk) - 1}, 1, true};
    assert_int_equal(ts_run(&eb, &o, c), CERTFIT_ERR_DER);
    /* a block that is not DER: der-strict on certificate 0, the check goes on */
    static const char notder[] = "-----BEGIN CERTIFICATE-----\nTWFu\n-----END CERTIFICATE-----\n";
    certfit_item nd = {CERTFIT_FORMAT_PEM, {U8(notder), sizeof(notder) - 1}, 1, true};
    assert_int_equal(ts_run(&nd, &o, c), 0);
    assert_int_equal(c->ncert, 1);
    assert_false(c->certs[0].parsed);
    assert_non_null(ts_find(c, CERTFIT_RULE_DER_STRICT, 0));
    assert_int_equal(c->res.sizes.der_total, 3);
    free(c);
}

/* ---- private keys never leak -------------------------------------------------------- */

static bool contains(const char *hay, const uint8_t *needle, size_t n)
{
    size_t h = strlen(hay);
    for (size_t i = 0; i + n <= h; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return true;
    return false;
}

static void check_key_file(const char *file, const char *label, uint32_t key_line)
{
    size_t len;
    uint8_t *t = ts_fixture(file, &len);
    ts_collect *c = new_collect();
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    assert_int_equal(c->ncert, 1);
    assert_int_equal(c->res.sizes.certs, 1);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_PRIVATE_KEY_PRESENT, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_ERROR);
    assert_int_equal(f->cert, CERTFIT_NO_CERT);
    assert_int_equal(f->line, key_line);
    assert_string_equal(f->text, label);
    assert_memory_equal(t + f->offset, "-----BEGIN ", 11);
    assert_int_equal(ts_count(c, CERTFIT_RULE_PRIVATE_KEY_PRESENT), 1);
    assert_null(ts_find(c, CERTFIT_RULE_NON_CERTIFICATE_BLOCK, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_PEM_STRAY_TEXT, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_CA_SLOT_BUNDLE, TS_ANY_CERT));

    /* find the key's base64 and its DER; no 8-byte run of either appears in any
     * finding's text, message or fix */
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, t, len);
    const certfit_pem_block *key = NULL;
    certfit_pem_block kb;
    while (certfit_pem_next(&it, &b) == 1)
        if (b.kind == CERTFIT_PEM_PRIVATE_KEY) {
            kb = b;
            key = &kb;
        }
    assert_non_null(key);
    uint8_t kder[512];
    size_t kdlen, bad;
    assert_int_equal(
        certfit_base64_decode(key->body.p, key->body.len, kder, sizeof(kder), &kdlen, &bad), 0);
    for (size_t i = 0; i < c->nfind; i++) {
        char msg[512], fix[512];
        certfit_finding_message(&c->findings[i], msg, sizeof(msg));
        certfit_finding_fix(&c->findings[i], fix, sizeof(fix));
        const char *texts[3] = {c->findings[i].text, msg, fix};
        for (int k = 0; k < 3; k++) {
            for (size_t j = 0; j + 8 <= key->body.len; j++)
                assert_false(contains(texts[k], key->body.p + j, 8));
            for (size_t j = 0; j + 8 <= kdlen; j++)
                assert_false(contains(texts[k], kder + j, 8));
        }
    }
    free(c);
    free(t);
}

static void test_private_keys(void **state)
{
    (void)state;
    check_key_file("gen/pem-privkey-ec.pem", "EC PRIVATE KEY", 13);
    check_key_file("gen/pem-privkey-pkcs8.pem", "PRIVATE KEY", 13);

    /* the line is the file's: an item that starts at line 100 */
    size_t len;
    uint8_t *t = ts_fixture("gen/pem-privkey-ec.pem", &len);
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_SERVER, NOW);
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 100, true};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_PRIVATE_KEY_PRESENT, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->line, 112);
    assert_int_equal(c->certs[0].line, 100);
    free(t);

    /* a key inside a CERTIFICATE block, and a key as DER */
    static const char keyder[] = "\x30\x0d\x02\x01\x01\x04\x08SECRETKY";
    char b64[64];
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const uint8_t *k = U8(keyder);
    size_t o64 = 0;
    for (size_t i = 0; i < 15; i += 3) {
        uint32_t v = (uint32_t)k[i] << 16 | (uint32_t)k[i + 1] << 8 | k[i + 2];
        b64[o64++] = alphabet[v >> 18 & 63];
        b64[o64++] = alphabet[v >> 12 & 63];
        b64[o64++] = alphabet[v >> 6 & 63];
        b64[o64++] = alphabet[v & 63];
    }
    b64[o64] = 0;
    char pem[256];
    snprintf(pem, sizeof(pem), "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n", b64);
    item.text.p = U8(pem);
    item.text.len = strlen(pem);
    item.first_line = 1;
    assert_int_equal(ts_run(&item, &o, c), CERTFIT_ERR_NO_CERTIFICATE);
    f = ts_find(c, CERTFIT_RULE_PRIVATE_KEY_PRESENT, TS_ANY_CERT);
    assert_non_null(f);
    assert_string_equal(f->text, "private key in a CERTIFICATE block");
    assert_int_equal(c->ncert, 0);
    certfit_item ditem = {CERTFIT_FORMAT_DER, {k, 15}, 0, false};
    assert_int_equal(ts_run(&ditem, &o, c), CERTFIT_ERR_NO_CERTIFICATE);
    f = ts_find(c, CERTFIT_RULE_PRIVATE_KEY_PRESENT, TS_ANY_CERT);
    assert_non_null(f);
    assert_string_equal(f->text, "DER private key");
    assert_int_equal(f->offset, 0);
    for (size_t i = 0; i < c->nfind; i++)
        assert_false(contains(c->findings[i].text, U8("SECRETKY"), 8));
    free(c);
}

static void test_pem_hygiene(void **state)
{
    (void)state;
    size_t len;
    ts_collect *c = new_collect();

    uint8_t *t = ts_fixture("gen/pem-pubkey.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_NON_CERTIFICATE_BLOCK, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_NOTICE);
    assert_string_equal(f->text, "PUBLIC KEY");
    assert_int_equal(f->line, 13);
    assert_null(ts_find(c, CERTFIT_RULE_PRIVATE_KEY_PRESENT, TS_ANY_CERT));
    assert_int_equal(c->res.sizes.credential_bytes, len);
    free(t);

    t = ts_fixture("gen/pem-crlf.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    f = ts_find(c, CERTFIT_RULE_PEM_LINE_ENDINGS, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->value, 14);
    assert_int_equal(f->offset, 27);
    assert_int_equal(f->line, 1);
    assert_int_equal(c->res.sizes.credential_bytes, 804);
    assert_int_equal(c->res.sizes.pem_canonical, 790);
    assert_int_equal(c->nfind, 1);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_SERVER, NOW, c), 0);
    assert_int_equal(c->nfind, 0);
    free(t);

    t = ts_fixture("gen/pem-stray-text.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    f = ts_find(c, CERTFIT_RULE_PEM_STRAY_TEXT, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->offset, 0);
    assert_int_equal(f->line, 1);
    assert_true(f->value > 100);
    assert_int_equal(c->certs[0].line, 40);
    free(t);

    /* trailing bytes inside a PEM block and after a DER certificate */
    t = ts_fixture("gen/der-trailing-junk.der", &len);
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    certfit_item ditem = {CERTFIT_FORMAT_DER, {t, len}, 0, false};
    assert_int_equal(ts_run(&ditem, &o, c), 0);
    f = ts_find(c, CERTFIT_RULE_TRAILING_DATA, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->offset, 542);
    assert_int_equal(f->value, 3);
    assert_int_equal(f->cert, CERTFIT_NO_CERT);
    assert_int_equal(c->res.sizes.credential_bytes, 790); /* DER: canonical PEM */
    free(t);
    free(c);
}

/* ---- chains ---------------------------------------------------------------------------- */

static void test_chain_rules(void **state)
{
    (void)state;
    size_t len;
    ts_collect *c = new_collect();
    uint8_t *t = ts_fixture("gen/chain-out-of-order.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_SERVER, NOW, c), 0);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_CHAIN_ORDER, 0);
    assert_non_null(f);
    assert_int_equal(f->line, 1); /* the line of certificate 0, not of its successor */
    assert_int_equal(f->extra, 1);
    assert_int_equal(f->detail, 1);
    f = ts_find(c, CERTFIT_RULE_CHAIN_ORDER, 1);
    assert_non_null(f);
    assert_int_equal(f->line, 16);
    /* the leaf in second place does not issue anything: that is chain-order only */
    assert_null(ts_find(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS, TS_ANY_CERT));
    free(t);

    t = ts_fixture("gen/chain-int-no-bc.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_SERVER, NOW, c), 0);
    f = ts_find(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS, 1);
    assert_non_null(f);
    assert_int_equal(f->detail, 0);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS), 1);
    /* as a CA credential its last certificate is also the anchor: reported once */
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS), 1);
    assert_non_null(ts_find(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS, 1));
    free(t);

    t = ts_fixture("gen/chain-duplicate.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_SERVER, NOW, c), 0);
    f = ts_find(c, CERTFIT_RULE_CHAIN_DUPLICATE, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->cert, 3);
    assert_int_equal(f->line, 46);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CHAIN_DUPLICATE), 1);
    assert_null(ts_find(c, CERTFIT_RULE_CHAIN_ORDER, TS_ANY_CERT));
    free(t);

    /* a single leaf in the CA slot: not a CA, reported once as the anchor */
    t = ts_fixture("gen/chain-leaf-p256.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    f = ts_find(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS, 0);
    assert_non_null(f);
    assert_int_equal(f->detail, 2);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CA_BASIC_CONSTRAINTS), 1);
    f = ts_find(c, CERTFIT_RULE_CA_SLOT_BUNDLE, 0);
    assert_non_null(f);
    assert_int_equal(f->detail, 2);
    free(t);

    /* signatures: the bad self-signature, and chain-order by signature */
    t = ts_fixture("gen/trust-selfsigned-badsig.pem", &len);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    assert_int_equal(c->certs[0].self, SIG(CERTFIT_SELFSIG_NO));
    if (CERTFIT_WITH_SIGNATURES)
        assert_non_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED_SIGNATURE, 0));
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    o.verify_signatures = false;
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->certs[0].self, CERTFIT_SELFSIG_UNKNOWN);
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED_SIGNATURE, TS_ANY_CERT));
    free(t);

    /* leaf + a root with the intermediate's name would need the signature: use the
     * real leaf followed by the cross-signed R3 (same name, other key) */
    size_t l1, l2;
    uint8_t *bundle = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &l1);
    uint8_t *r3x = ts_fixture("real/letsencrypt/lets-encrypt-r3-cross-signed.pem", &l2);
    size_t leaf_end = 0;
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, bundle, l1);
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    leaf_end = b.end_offset;
    uint8_t *mix = malloc(leaf_end + l2);
    memcpy(mix, bundle, leaf_end);
    memcpy(mix + leaf_end, r3x, l2);
    assert_int_equal(
        ts_check_pem(mix, leaf_end + l2, "nrf91", CERTFIT_ROLE_SERVER, "2024-06-01", c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_CHAIN_ORDER, TS_ANY_CERT)); /* same key: R3 re-signed */
    free(mix);
    free(r3x);
    free(bundle);

    /* the intermediate's name with another key: chain-order by signature */
    size_t ll, il, rl;
    uint8_t *leafd = ts_fixture_der("gen/chain-leaf-p256.pem", &ll);
    uint8_t *intd = ts_fixture_der("gen/chain-int-p384.pem", &il);
    uint8_t *rootd = ts_fixture_der("gen/chain-root-p384.pem", &rl);
    certfit_cert ci, cr;
    assert_int_equal(certfit_cert_scan(intd, il, &ci), 0);
    assert_int_equal(certfit_cert_scan(rootd, rl, &cr), 0);
    assert_int_equal(ci.spki.len, cr.spki.len);
    uint8_t *chain = malloc(ll + il);
    memcpy(chain, leafd, ll);
    memcpy(chain + ll, intd, il);
    memcpy(chain + ll + (size_t)(ci.spki.p - intd), cr.spki.p, cr.spki.len);
    certfit_item ditem = {CERTFIT_FORMAT_DER, {chain, ll + il}, 0, false};
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_SERVER, NOW);
    assert_int_equal(ts_run(&ditem, &o, c), 0);
    f = ts_find(c, CERTFIT_RULE_CHAIN_ORDER, 0);
#if CERTFIT_WITH_SIGNATURES
    assert_non_null(f);
    assert_int_equal(f->detail, 2);
    assert_int_equal(f->extra, 1);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CHAIN_ORDER), 1);
#else
    assert_null(f); /* names match; the signature cannot be checked */
#endif
    o.verify_signatures = false;
    assert_int_equal(ts_run(&ditem, &o, c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_CHAIN_ORDER, TS_ANY_CERT));
    /* the unmodified pair is in order */
    memcpy(chain + ll, intd, il);
    o.verify_signatures = true;
    assert_int_equal(ts_run(&ditem, &o, c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_CHAIN_ORDER, TS_ANY_CERT));
    free(chain);
    free(leafd);
    free(intd);
    free(rootd);
    free(c);
}

static void test_options(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("gen/chain-served.pem", &len);
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_SERVER, NOW);
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    ts_collect *c = new_collect();

    o.host = "broker.example.com";
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->nfind, 0);
    o.host = "a.iot.example.com";
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->nfind, 0);
    o.host = "iot.example.com";
    assert_int_equal(ts_run(&item, &o, c), 0);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_HOSTNAME_MISMATCH, 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_ERROR);
    assert_string_equal(f->text, "iot.example.com");
    assert_int_equal(c->nfind, 1);
    o.host = NULL;
    free(t);

    /* clock unset: no time rules unless the profile asks for them */
    t = ts_fixture("gen/time-expired.pem", &len);
    item.text.p = t;
    item.text.len = len;
    o.role = CERTFIT_ROLE_CA;
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_non_null(ts_find(c, CERTFIT_RULE_EXPIRED, 0));
    o.clock_set = false;
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_EXPIRED, 0));
    pf.time_rules_without_clock = true;
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_non_null(ts_find(c, CERTFIT_RULE_EXPIRED, 0));
    /* skip */
    o.clock_set = true;
    o.skip = (uint64_t)1 << CERTFIT_RULE_EXPIRED;
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_EXPIRED, 0));
    o.skip = 0;
    /* a policy severity */
    pf.severity[CERTFIT_RULE_EXPIRED] = CERTFIT_SEV_NOTICE;
    assert_int_equal(ts_run(&item, &o, c), 0);
    f = ts_find(c, CERTFIT_RULE_EXPIRED, 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_NOTICE);
    assert_int_equal(c->res.counts[CERTFIT_SEV_NOTICE], 1);
    assert_int_equal(c->res.counts[CERTFIT_SEV_ERROR], 0);
    free(t);

    /* sec_tag and type in the read-back figure */
    t = ts_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    item.text.p = t;
    item.text.len = len;
    assert_int_equal(certfit_profile_get("nrf91", &pf), 0);
    o.sec_tag = 0;
    o.cred_type = 1;
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->res.sizes.cmng_read_response, 904 + 87);
    certfit_check_opts d;
    certfit_check_opts_init(&d, &pf);
    assert_int_equal(d.sec_tag, CERTFIT_SEC_TAG_MAX);
    assert_int_equal(d.role, CERTFIT_ROLE_CA);
    assert_true(d.verify_signatures);
    assert_false(d.clock_set);
    assert_ptr_equal(d.profile, &pf);
    free(t);
    free(c);
}

/* A policy file drives the same check (docs/design.md section 5). */
static void test_policy_driven(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    static const char policy[] = "# a modem with more room\n"
                                 "base = nrf91\n"
                                 "credential_limit = 6000\n"
                                 "readback_limit = 5400\n"
                                 "skip = ca-slot-bundle\n"
                                 "severity.expired = warning\n";
    certfit_profile pf;
    certfit_policy_error e;
    assert_int_equal(certfit_policy_parse(policy, sizeof(policy) - 1, &pf, &e), 0);
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.now = ts_time(NOW);
    o.clock_set = true;
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_CREDENTIAL_SIZE, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_CREDENTIAL_READBACK, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_CA_SLOT_BUNDLE, TS_ANY_CERT));
    /* 5374 of 5400: within 10% of the read-back limit (the credential, 5278 of
     * 6000, is not) */
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_SIZE_HEADROOM, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->detail, 1);
    assert_int_equal(f->value, 5374);
    assert_int_equal(f->limit, 5400);
    f = ts_find(c, CERTFIT_RULE_EXPIRED, 0);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_WARNING);
    assert_int_equal(c->res.counts[CERTFIT_SEV_ERROR], 0);
    assert_int_equal(c->res.counts[CERTFIT_SEV_WARNING], 3);
    free(c);
    free(t);
}

/* ---- the limits of other clients (docs/design.md section 12) ------------------------ */

static unsigned g_parse_calls;

/* A stand-in for Mbed TLS's parser: refuses the second certificate. */
static int refuse_second(const uint8_t *der, size_t len)
{
    (void)der;
    (void)len;
    return ++g_parse_calls == 2 ? -0x2500 : 0;
}

/* The bundle under a profile with the stand-in parser; the collected findings. */
static ts_collect *bundle_with_parser(const char *profile, bool signatures,
                                      int (*parser)(const uint8_t *, size_t))
{
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, profile, CERTFIT_ROLE_CA, "2024-07-01T00:00:00Z");
    o.verify_signatures = signatures;
    o.x509_parse = parser;
    g_parse_calls = 0;
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    free(t);
    return c;
}

static void test_client_limits(void **state)
{
    (void)state;
    /* mbedtls-parse: the parser's own code, on the certificate it refused */
    ts_collect *c = bundle_with_parser("mbedtls-default", true, refuse_second);
    assert_int_equal(g_parse_calls, 3);
    assert_int_equal(ts_count(c, CERTFIT_RULE_MBEDTLS_PARSE), 1);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_MBEDTLS_PARSE, 1);
    assert_non_null(f);
    assert_int_equal(f->value, 0x2500);
    assert_int_equal(f->severity, CERTFIT_SEV_ERROR);
    assert_int_equal(c->res.first.rule, CERTFIT_RULE_MBEDTLS_PARSE);
    free(c);
    c = bundle_with_parser("nrf91", true, refuse_second);
    f = ts_find(c, CERTFIT_RULE_MBEDTLS_PARSE, 1);
    assert_non_null(f);
    assert_int_equal(f->severity, CERTFIT_SEV_NOTICE);
    free(c);
    c = bundle_with_parser("generic", true, refuse_second); /* off */
    assert_int_equal(ts_count(c, CERTFIT_RULE_MBEDTLS_PARSE), 0);
    free(c);
    c = bundle_with_parser("mbedtls-default", false, refuse_second); /* --no-signatures */
    assert_int_equal(g_parse_calls, 0);
    assert_int_equal(ts_count(c, CERTFIT_RULE_MBEDTLS_PARSE), 0);
    free(c);
    c = bundle_with_parser("mbedtls-default", true, NULL); /* no parser given */
    assert_int_equal(ts_count(c, CERTFIT_RULE_MBEDTLS_PARSE), 0);
    assert_int_equal(c->res.counts[CERTFIT_SEV_ERROR], 0);
    free(c);

    /* certificate-size: each certificate over nina-fw's 1300 bytes */
    c = bundle_with_parser("nina-fw", true, NULL);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CERTIFICATE_SIZE), 2);
    assert_int_equal(c->res.first.rule, CERTFIT_RULE_CERTIFICATE_SIZE);
    assert_int_equal(c->res.first.value, 1306);
    assert_int_equal(c->res.first.limit, 1300);
    f = ts_find(c, CERTFIT_RULE_CERTIFICATE_SIZE, 2);
    assert_non_null(f);
    assert_int_equal(f->value, 1391);
    free(c);

    /* ec_max_bits: a P-521 key over a 384-bit maximum is key-algorithm with the limit */
    static const char policy[] = "base = generic\nec_max_bits = 384\n";
    certfit_profile pf;
    certfit_policy_error e;
    assert_int_equal(certfit_policy_parse(policy, sizeof(policy) - 1, &pf, &e), 0);
    size_t len;
    uint8_t *t = ts_fixture("gen/key-p521.pem", &len);
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.now = ts_time(NOW);
    o.clock_set = true;
    certfit_item item = {CERTFIT_FORMAT_PEM, {t, len}, 1, true};
    c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    f = ts_find(c, CERTFIT_RULE_KEY_ALGORITHM, 0);
    assert_non_null(f);
    assert_int_equal(f->value, 521);
    assert_int_equal(f->limit, 384);
    free(c);
    free(t);

    /* pem_size_without_cr: Sequans counts 8076 of the 8208 bytes of a CRLF file */
    static const char *const parts[] = {"real/academy-mqtt-2024-06-bundle.pem",
                                        "real/letsencrypt/e5.pem", "real/letsencrypt/r10.pem"};
    uint8_t *crlf = malloc(9000);
    assert_non_null(crlf);
    size_t n = 0;
    for (size_t i = 0; i < 3; i++) {
        t = ts_fixture(parts[i], &len);
        for (size_t j = 0; j < len; j++) {
            if (t[j] == '\n')
                crlf[n++] = '\r';
            crlf[n++] = t[j];
        }
        free(t);
    }
    assert_int_equal(n, 8208);
    certfit_item citem = {CERTFIT_FORMAT_PEM, {crlf, n}, 1, true};
    c = new_collect();
    assert_int_equal(
        ts_check_pem(crlf, n, "sequans-monarch2", CERTFIT_ROLE_CA, "2024-07-01T00:00:00Z", c), 0);
    assert_int_equal(ts_count(c, CERTFIT_RULE_CREDENTIAL_SIZE), 0);
    f = ts_find(c, CERTFIT_RULE_SIZE_HEADROOM, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->value, 8076);
    assert_int_equal(f->limit, 8192);
    assert_int_equal(c->res.sizes.credential_bytes, 8208); /* the figure itself keeps them */
    free(c);
    c = new_collect();
    assert_int_equal(ts_check_pem(citem.text.p, citem.text.len, "ubxlib", CERTFIT_ROLE_CA,
                                  "2024-07-01T00:00:00Z", c),
                     0);
    f = ts_find(c, CERTFIT_RULE_CREDENTIAL_SIZE, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->value, 8208);
    free(c);
    free(crlf);

    /* key-credential-size: the key block's bytes, never its content */
    uint8_t *cert = ts_fixture("real/letsencrypt/isrg-root-x2.pem", &len);
    size_t klen;
    uint8_t *key = ts_fixture("gen/keys/rsa4096.key", &klen);
    uint8_t *both = malloc(len + klen);
    assert_non_null(both);
    memcpy(both, cert, len);
    memcpy(both + len, key, klen);
    c = new_collect();
    assert_int_equal(ts_check_pem(both, len + klen, "sequans-monarch2", CERTFIT_ROLE_CA,
                                  "2026-01-01T00:00:00Z", c),
                     0);
    f = ts_find(c, CERTFIT_RULE_KEY_CREDENTIAL_SIZE, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->value, klen);
    assert_int_equal(f->limit, 2048);
    assert_int_equal(f->offset, len);
    free(c);
    c = new_collect();
    assert_int_equal(
        ts_check_pem(both, len + klen, "esp-at", CERTFIT_ROLE_CA, "2026-01-01T00:00:00Z", c), 0);
    assert_int_equal(ts_count(c, CERTFIT_RULE_KEY_CREDENTIAL_SIZE), 0); /* 8 KB partition */
    free(c);
    free(both);
    free(key);
    free(cert);
}

static void test_der_items(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("gen/der-two-certs.der", &len);
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_SERVER, NOW);
    certfit_item item = {CERTFIT_FORMAT_DER, {t, len}, 0, false};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->ncert, 2);
    assert_int_equal(c->certs[0].offset, 0);
    assert_int_equal(c->certs[1].offset, c->certs[0].der_len);
    assert_int_equal(c->certs[0].der_len + c->certs[1].der_len, 1212);
    assert_int_equal(c->certs[0].line, 0);
    assert_int_equal(c->res.sizes.credential_bytes, 1755);
    assert_int_equal(c->res.sizes.tls12_certificate_message, 1225);
    assert_int_equal(c->nfind, 0);

    /* truncated DER: the first certificate is broken */
    item.text.len = 300;
    assert_int_equal(ts_run(&item, &o, c), 0);
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_DER_STRICT, 0);
    assert_non_null(f);
    assert_int_equal(f->detail, CERTFIT_STRICT_TRUNCATED);
    /* the second one truncated: trailing data after the first */
    item.text.len = 1000;
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_int_equal(c->ncert, 1);
    f = ts_find(c, CERTFIT_RULE_TRAILING_DATA, TS_ANY_CERT);
    assert_non_null(f);
    assert_int_equal(f->offset, c->certs[0].der_len);
    assert_int_equal(f->value, 1000 - c->certs[0].der_len);
    free(t);
    free(c);
}

/* ---- time rules ------------------------------------------------------------------ */

static const certfit_finding *check_file(const char *file, const char *profile, const char *now,
                                         ts_collect *c, certfit_rule rule)
{
    size_t len;
    uint8_t *t = ts_fixture(file, &len);
    assert_int_equal(ts_check_pem(t, len, profile, CERTFIT_ROLE_CA, now, c), 0);
    free(t);
    return ts_find(c, rule, 0);
}

static void test_time_rules(void **state)
{
    (void)state;
    ts_collect *c = new_collect();
    char msg[256];

    /* GeneralizedTime before 2050 */
    const certfit_finding *f =
        check_file("gen/time-gentime-2035.pem", "nrf91", NOW, c, CERTFIT_RULE_TIME_ENCODING);
    assert_non_null(f);
    assert_int_equal(f->detail, 0x12); /* notAfter, GeneralizedTime before 2050 */
    assert_int_equal(f->value, CERTFIT_TIME_GENERALIZED);
    assert_int_equal(f->extra, 2051222400);
    assert_int_equal(ts_count(c, CERTFIT_RULE_TIME_ENCODING), 1);
    certfit_finding_message(f, msg, sizeof(msg));
    assert_string_equal(msg, "notAfter 2035-01-01T00:00:00Z uses GeneralizedTime for a date "
                             "before 2050");

    /* UTCTime without seconds */
    f = check_file("gen/time-utctime-noseconds.pem", "nrf91", NOW, c, CERTFIT_RULE_TIME_ENCODING);
    assert_non_null(f);
    assert_int_equal(f->detail, 0x11);
    assert_int_equal(f->value, CERTFIT_TIME_UTC);
    certfit_finding_message(f, msg, sizeof(msg));
    assert_string_equal(msg, "notAfter UTCTime is not in the exact form YYMMDDHHMMSSZ");
    assert_null(ts_find(c, CERTFIT_RULE_EXPIRED, TS_ANY_CERT));

    /* UTCTime 55 meant as 2055: reads as 1955, before notBefore. Intended: both
     * expired (what a verifier sees) and time-encoding (the cause). */
    f = check_file("gen/time-utctime-1955.pem", "nrf91", NOW, c, CERTFIT_RULE_TIME_ENCODING);
    assert_non_null(f);
    assert_int_equal(f->detail, 0x13);
    assert_int_equal(f->extra, -473385600);
    certfit_finding_message(f, msg, sizeof(msg));
    assert_string_equal(msg, "notAfter UTCTime reads as 1955-01-01T00:00:00Z, before notBefore: a "
                             "date from 2050 on needs GeneralizedTime");
    f = ts_find(c, CERTFIT_RULE_EXPIRED, 0);
    assert_non_null(f);
    assert_int_equal(f->value, (INT64_C(1767225600) + 473385600) / 86400);
    assert_null(ts_find(c, CERTFIT_RULE_DER_STRICT, TS_ANY_CERT));
    f = check_file("gen/time-utctime-1955.pem", "nrf91-p384-selfsigned", NOW, c,
                   CERTFIT_RULE_LIFETIME_MIN);
    assert_non_null(f);
    assert_int_equal(f->value, 0);

    /* the vendor's certificate: GeneralizedTime for 2055 is right, 30 years exactly */
    check_file("gen/time-30y-p384.pem", "nrf91-p384-selfsigned", NOW, c, CERTFIT_RULE_COUNT);
    assert_int_equal(c->nfind, 0);
    f = check_file("gen/time-29y-p384.pem", "nrf91-p384-selfsigned", NOW, c,
                   CERTFIT_RULE_LIFETIME_MIN);
    assert_non_null(f);
    assert_int_equal(f->limit, 30);

    /* expiry boundaries: valid through notAfter inclusive */
    check_file("gen/time-expired.pem", "nrf91", NOW, c, CERTFIT_RULE_COUNT);
    int64_t na = c->certs[0].not_after, nb = c->certs[0].not_before;
    char at[21];
    certfit_time_format(na, at);
    assert_null(check_file("gen/time-expired.pem", "nrf91", at, c, CERTFIT_RULE_EXPIRED));
    f = ts_find(c, CERTFIT_RULE_EXPIRES_SOON, 0);
    assert_non_null(f);
    assert_int_equal(f->value, 0);
    certfit_time_format(na + 1, at);
    f = check_file("gen/time-expired.pem", "nrf91", at, c, CERTFIT_RULE_EXPIRED);
    assert_non_null(f);
    assert_int_equal(f->value, 0);
    assert_null(ts_find(c, CERTFIT_RULE_EXPIRES_SOON, 0));
    certfit_time_format(nb, at);
    assert_null(check_file("gen/time-expired.pem", "nrf91", at, c, CERTFIT_RULE_NOT_YET_VALID));
    certfit_time_format(nb - 1, at);
    f = check_file("gen/time-expired.pem", "nrf91", at, c, CERTFIT_RULE_NOT_YET_VALID);
    assert_non_null(f);
    assert_int_equal(f->extra, nb);
    /* 30 days before notAfter: just outside the window; a second later inside */
    certfit_time_format(na - 30 * 86400, at);
    assert_null(check_file("gen/time-expired.pem", "nrf91", at, c, CERTFIT_RULE_EXPIRES_SOON));
    certfit_time_format(na - 30 * 86400 + 1, at);
    f = check_file("gen/time-expired.pem", "nrf91", at, c, CERTFIT_RULE_EXPIRES_SOON);
    assert_non_null(f);
    assert_int_equal(f->value, 29);
    assert_int_equal(f->limit, 30);

    f = check_file("gen/time-expires-soon.pem", "nrf91", NOW, c, CERTFIT_RULE_EXPIRES_SOON);
    assert_non_null(f);
    assert_int_equal(f->value, 14);
    assert_int_equal(f->severity, CERTFIT_SEV_WARNING);
    f = check_file("gen/time-not-yet-valid.pem", "nrf91", NOW, c, CERTFIT_RULE_NOT_YET_VALID);
    assert_non_null(f);
    assert_int_equal(f->value, 365);
    /* the modem's clock after a reset: 2015-02-01, everything is "not yet valid" */
    f = check_file("gen/chain-root-p384.pem", "nrf91", "2015-02-01T00:00:00Z", c,
                   CERTFIT_RULE_NOT_YET_VALID);
    assert_non_null(f);
    free(c);
}

/* A key Mbed TLS cannot use is "not verified", not "does not verify". */
static void test_unsupported_key(void **state)
{
    (void)state;
    size_t dlen;
    uint8_t *der = ts_fixture_der("gen/chain-root-p384.pem", &dlen);
    certfit_cert c0;
    assert_int_equal(certfit_cert_scan(der, dlen, &c0), 0);
    /* secp384r1 (1.3.132.0.34) -> sect571r1 (1.3.132.0.39), a curve Mbed TLS lacks */
    static const uint8_t p384[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
    size_t at = 0;
    for (size_t i = (size_t)(c0.spki.p - der); i + sizeof(p384) <= dlen; i++)
        if (memcmp(der + i, p384, sizeof(p384)) == 0) {
            at = i;
            break;
        }
    assert_int_not_equal(at, 0);
    der[at + 6] = 0x27;
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91", CERTFIT_ROLE_CA, NOW);
    certfit_item item = {CERTFIT_FORMAT_DER, {der, dlen}, 0, false};
    ts_collect *c = new_collect();
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_true(c->certs[0].parsed);
    assert_int_equal(c->certs[0].curve, CERTFIT_CURVE_OTHER);
    assert_int_equal(c->certs[0].key_bits, 384);
    assert_int_equal(c->certs[0].self, CERTFIT_SELFSIG_UNKNOWN);
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED_SIGNATURE, TS_ANY_CERT));
    const certfit_finding *f = ts_find(c, CERTFIT_RULE_KEY_ALGORITHM, 0);
    assert_non_null(f);
    assert_string_equal(f->text, "other");
    /* the vendor profile cannot confirm self-signed either: not an error by itself */
    opts_for(&o, &pf, "nrf91-p384-selfsigned", CERTFIT_ROLE_CA, NOW);
    assert_int_equal(ts_run(&item, &o, c), 0);
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED, TS_ANY_CERT));
    assert_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED_SIGNATURE, TS_ANY_CERT));
    free(c);
    free(der);
}

/* ---- robustness: mutated items through the whole check ---------------------------- */

static uint32_t rng(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_mutations(void **state)
{
    (void)state;
    static const char *const files[] = {"real/academy-mqtt-2024-06-bundle.pem",
                                        "gen/chain-duplicate.pem", "gen/der-two-certs.der",
                                        "gen/pem-privkey-ec.pem"};
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n-";
    certfit_profile pf;
    certfit_check_opts o;
    opts_for(&o, &pf, "nrf91-p384-selfsigned", CERTFIT_ROLE_SERVER, NOW);
    o.host = "broker.example.com";
    ts_collect *c = new_collect();
    uint32_t seed = 777;
    size_t evaluated = 0;
    for (size_t fi = 0; fi < sizeof(files) / sizeof(files[0]); fi++) {
        size_t len;
        uint8_t *t = ts_fixture(files[fi], &len);
        certfit_format fmt = certfit_input_detect(t, len);
        for (int iter = 0; iter < 400; iter++) {
            size_t n = len - (rng(&seed) % 4 == 0 ? rng(&seed) % len : 0);
            uint8_t *m = malloc(n ? n : 1);
            memcpy(m, t, n);
            int flips = 1 + (int)(rng(&seed) % 3);
            for (int k = 0; k < flips && n > 0; k++) {
                size_t at = rng(&seed) % n;
                m[at] = fmt == CERTFIT_FORMAT_PEM ? (uint8_t)b64[rng(&seed) % (sizeof(b64) - 1)]
                                                  : (uint8_t)rng(&seed);
            }
            o.role = iter % 2 ? CERTFIT_ROLE_CA : CERTFIT_ROLE_SERVER;
            o.verify_signatures = iter % 8 == 0; /* ECDSA verification is slow */
            certfit_item item = {fmt, {m, n}, 1, fmt == CERTFIT_FORMAT_PEM};
            int rc = ts_run(&item, &o, c);
            /* the pass finds the walk's figure; the bound from the length
             * (what the CLI gives) is never less */
            assert_int_equal(c->res.work_needed, certfit_check_work_size(&item));
            assert_true(certfit_check_work_bound(&item) >= c->res.work_needed);
            if (rc == 0) {
                evaluated++;
                assert_true(c->res.sizes.certs >= 1);
            } else {
                assert_int_equal(c->res.error, rc);
                assert_true(c->res.error_offset <= n);
            }
            for (size_t i = 0; i < c->nfind; i++) {
                assert_true(c->findings[i].rule < CERTFIT_RULE_COUNT);
                assert_true(c->findings[i].severity >= CERTFIT_SEV_NOTICE);
                assert_true(memchr(c->findings[i].text, 0, sizeof(c->findings[i].text)) != NULL);
                char msg[512];
                certfit_finding_message(&c->findings[i], msg, sizeof(msg));
            }
            free(m);
        }
        free(t);
    }
    fprintf(stderr, "mutations: %zu of 1600 items evaluated\n", evaluated);
    assert_true(evaluated > 200);
    free(c);
}

/* The finding texts' formatter: its conversions match snprintf(), and one
 * it does not know shows in the text instead of ending it silently. */
static void test_report_fmt(void **state)
{
    (void)state;
    char o[64], ref[64];
    int n = certfit_report_fmt(o, sizeof(o), "%s|%d|%lld|%llu|%zu|%%", "a", -12, -3LL, 45ULL,
                               (size_t)6);
    int m = snprintf(ref, sizeof(ref), "%s|%d|%lld|%llu|%zu|%%", "a", -12, -3LL, 45ULL, (size_t)6);
    assert_string_equal(o, ref);
    assert_int_equal(n, m);
    /* cut at size - 1, the full length returned */
    assert_int_equal(certfit_report_fmt(o, 5, "%s and %d", "abcdef", 7), 12);
    assert_string_equal(o, "abcd");
    /* %x is not one of its conversions: the rest of the format stands,
     * and no argument after it is read */
    n = certfit_report_fmt(o, sizeof(o), "a %d %x b %s", 1, 255u, "z");
    assert_string_equal(o, "a 1 %x b %s");
    assert_int_equal(n, 11);
}

/* The handshake rules, decided by the library from what a probe observed. */
typedef struct hs_seen {
    unsigned n;
    certfit_finding f;
} hs_seen;

static void hs_on_finding(void *ctx, const certfit_finding *f)
{
    hs_seen *s = ctx;
    s->n++;
    s->f = *f;
}

static hs_seen handshake(const certfit_handshake *hs, certfit_role role, uint64_t skip,
                         certfit_result *res)
{
    static certfit_profile pf;
    assert_int_equal(certfit_profile_get("nrf91", &pf), 0);
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.role = role;
    o.skip = skip;
    hs_seen s = {0};
    certfit_sink sink = {NULL, hs_on_finding, &s};
    assert_int_equal(certfit_check_handshake(hs, &o, &sink, res), 0);
    return s;
}

static void test_handshake_rules(void **state)
{
    (void)state;
    char msg[128];
    certfit_result res;

    certfit_handshake old = {.server_hello = true, .version = 0x0301, .suites_offered = 14};
    hs_seen s = handshake(&old, CERTFIT_ROLE_SERVER, 0, &res);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.f.rule, CERTFIT_RULE_TLS_VERSION);
    assert_int_equal(s.f.severity, CERTFIT_SEV_ERROR);
    assert_int_equal(s.f.detail, CERTFIT_DETAIL_TLS_VERSION_VERSION);
    assert_int_equal(s.f.value, 0x0301);
    assert_int_equal(s.f.limit, 0x0303);
    assert_int_equal(res.counts[CERTFIT_SEV_ERROR], 1);
    assert_true(res.has_first);
    certfit_finding_message(&s.f, msg, sizeof(msg));
    assert_string_equal(msg, "server answered TLS 1.0 to a TLS 1.2 ClientHello");

    certfit_handshake proto = {.alert = true, .alert_description = 70, .suites_offered = 14};
    s = handshake(&proto, CERTFIT_ROLE_SERVER, 0, &res);
    assert_int_equal(s.f.rule, CERTFIT_RULE_TLS_VERSION);
    certfit_finding_message(&s.f, msg, sizeof(msg));
    assert_string_equal(msg, "server: alert protocol_version (70) to a TLS 1.2 ClientHello");

    certfit_handshake none = {.alert = true, .alert_description = 40, .suites_offered = 14};
    s = handshake(&none, CERTFIT_ROLE_SERVER, 0, &res);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.f.rule, CERTFIT_RULE_CIPHER_SUITE);
    assert_int_equal(s.f.detail, CERTFIT_DETAIL_CIPHER_SUITE_ALERT);
    certfit_finding_message(&s.f, msg, sizeof(msg));
    assert_string_equal(msg, "server: alert handshake_failure (40) to the 14 modem suites");

    /* skipped, outside its role, or an alert the rules do not decide: none */
    s = handshake(&none, CERTFIT_ROLE_SERVER, (uint64_t)1 << CERTFIT_RULE_CIPHER_SUITE, &res);
    assert_int_equal(s.n, 0);
    assert_int_equal(res.counts[CERTFIT_SEV_ERROR], 0);
    s = handshake(&none, CERTFIT_ROLE_CA, 0, &res);
    assert_int_equal(s.n, 0);
    certfit_handshake other = {.alert = true, .alert_description = 80};
    s = handshake(&other, CERTFIT_ROLE_SERVER, 0, &res);
    assert_int_equal(s.n, 0);
    assert_false(res.has_first);

    assert_string_equal(certfit_tls_alert_name(71), "insufficient_security");
    assert_string_equal(certfit_tls_alert_name(255), "unknown alert");
    assert_string_equal(certfit_tls_version_name(0x0304), "TLS 1.3");
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundle_ca),        cmocka_unit_test(test_bundle_server),
        cmocka_unit_test(test_bundle_c_header),  cmocka_unit_test(test_rootca),
        cmocka_unit_test(test_work_buffer),      cmocka_unit_test(test_duplicate_table_grows),
        cmocka_unit_test(test_work_bound_dense), cmocka_unit_test(test_empty_and_errors),
        cmocka_unit_test(test_private_keys),     cmocka_unit_test(test_pem_hygiene),
        cmocka_unit_test(test_chain_rules),      cmocka_unit_test(test_options),
        cmocka_unit_test(test_policy_driven),    cmocka_unit_test(test_der_items),
        cmocka_unit_test(test_time_rules),       cmocka_unit_test(test_unsupported_key),
        cmocka_unit_test(test_mutations),        cmocka_unit_test(test_report_fmt),
        cmocka_unit_test(test_client_limits),    cmocka_unit_test(test_handshake_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
