/*
 * Constant memory (config.h, CERTFIT_CONFIG_STREAM): the hook, built as on
 * the device (cmake/device_config.cmake), checks every credential the modem
 * can hold with a work buffer of at most 1,536 bytes. Two extremes of a
 * 4096-byte credential:
 *   - one certificate as large as fits: gen/size-readback.pem (2947 bytes
 *     of DER, a P-256 key and 79 SAN names) in the narrowest lines
 *     that keep it within 4096 bytes (firmware/tests/fw_widest.h);
 *   - as many certificates as fit: 29 of the smallest the scanner accepts
 *     (63 bytes of DER, 139 bytes of PEM each), the last a copy of the
 *     first, so that the duplicate table holds 29 entries and finds it.
 * The findings asserted are the ones the buffered scanner gives for the
 * same text (tests/stream_equiv compares the two scanners over every
 * fixture; `certfit check` prints these).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "certfit/guard.h"
#include "fw_widest.h"

#define WORK 1536u
static uint8_t g_work[WORK] __attribute__((aligned(8)));
static const char *g_fixtures = CERTFIT_FIXTURES_DIR;

typedef struct seen {
    unsigned n;
    certfit_rule rule[256];
    int32_t cert[256];
    uint64_t value[256];
} seen;

static void on_finding(void *ctx, const certfit_finding *f)
{
    seen *s = ctx;
    if (getenv("STREAM_WORK_PRINT") != NULL)
        printf("finding rule %d cert %d value %llu limit %llu\n", (int)f->rule, (int)f->cert,
               (unsigned long long)f->value, (unsigned long long)f->limit);
    if (s->n < 256) {
        s->rule[s->n] = f->rule;
        s->cert[s->n] = f->cert;
        s->value[s->n] = f->value;
        s->n++;
    }
}

static int check(const void *cred, size_t len, seen *s, certfit_guard_verdict *v)
{
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.now = 1767225600; /* 2026-01-01T00:00:00Z */
    o.clock_set = true;
    o.on_finding = on_finding;
    o.ctx = s;
    memset(s, 0, sizeof(*s));
    return certfit_guard_check(cred, len, &o, g_work, sizeof(g_work), v);
}

static void test_largest_certificate(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof(path), "%s/gen/size-readback.pem", g_fixtures);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static uint8_t pem[8192];
    size_t len = fread(pem, 1, sizeof(pem), f);
    fclose(f);
    assert_int_equal(len, 4048);
    static char cred[FW_WIDEST_LIMIT];
    unsigned width = 0;
    size_t n = fw_widest_credential(pem, len, cred, &width);
    assert_int_equal(n, 4096);
    assert_int_equal(width, 36);

    seen s;
    certfit_guard_verdict v;
    assert_int_equal(check(cred, n, &s, &v), 0);
    assert_int_equal(v.check.sizes.certs, 1);
    assert_int_equal(v.check.sizes.der_total, 2947);
    /* the state, the 16-entry table, the alignment slack: nothing decoded */
    assert_int_equal(v.work_needed, CERTFIT_CHECK_STATE_SIZE + 136);
    assert_true(v.work_needed <= WORK);
    assert_true(CERTFIT_GUARD_WORK_SIZE_FOR_PEM(4096) <= WORK);
    /* as `certfit check` reports this text: size-headroom (4096 of 4096)
     * and credential-readback (4192 > 4096), nothing about the certificate */
    assert_int_equal(s.n, 2);
    assert_int_equal(s.rule[0], CERTFIT_RULE_SIZE_HEADROOM);
    assert_int_equal(s.value[0], 4096);
    assert_int_equal(s.rule[1], CERTFIT_RULE_CREDENTIAL_READBACK);
    assert_int_equal(s.value[1], 4192);
}

/* The smallest certificate with a one-octet serial: 63 bytes of DER. */
static size_t tiny_cert(uint8_t serial, uint8_t *out)
{
    static const uint8_t k[] = {
        0x30, 0x3d, 0x30, 0x34, 0x02, 0x01, 0x00, /* serial, patched */
        0x30, 0x02, 0x06, 0x00, 0x30, 0x00, 0x30, 0x1e,
        0x17, 0x0d, '2', '5', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z',
        0x17, 0x0d, '3', '5', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z',
        0x30, 0x00, 0x30, 0x07, 0x30, 0x02, 0x06, 0x00, 0x03, 0x01, 0x00,
        0x30, 0x02, 0x06, 0x00, 0x03, 0x01, 0x00};
    memcpy(out, k, sizeof(k));
    out[6] = serial;
    return sizeof(k);
}

static size_t pem_block(const uint8_t *der, size_t n, char *out)
{
    static const char b[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = (size_t)sprintf(out, "-----BEGIN CERTIFICATE-----\n");
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)der[i] << 16 | (i + 1 < n ? (uint32_t)der[i + 1] << 8 : 0) |
                     (i + 2 < n ? der[i + 2] : 0);
        out[o++] = b[v >> 18];
        out[o++] = b[v >> 12 & 63];
        out[o++] = i + 1 < n ? b[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? b[v & 63] : '=';
    }
    o += (size_t)sprintf(out + o, "\n-----END CERTIFICATE-----\n");
    return o;
}

static void test_most_certificates(void **state)
{
    (void)state;
    static char cred[4096 + 256];
    size_t len = 0;
    uint8_t der[256];
    for (unsigned i = 0; i < 29; i++) {
        size_t n = tiny_cert((uint8_t)(i == 28 ? 1 : i + 1), der); /* the last: a copy of the first */
        assert_int_equal(n, 63);
        len += pem_block(der, n, cred + len);
    }
    assert_int_equal(len, 29 * 139);
    assert_true(len <= 4096);

    seen s;
    certfit_guard_verdict v;
    assert_int_equal(check(cred, len, &s, &v), 0);
    assert_int_equal(v.check.sizes.certs, 29);
    assert_int_equal(v.check.sizes.der_total, 29 * 63);
    /* 29 certificates: the table grew to 64 entries (768 bytes, with the
     * old one beside it while it grew), as for any 4096-byte text */
    assert_int_equal(v.work_needed, CERTFIT_CHECK_STATE_SIZE + 8 + 768);
    assert_int_equal(v.work_needed, CERTFIT_GUARD_WORK_SIZE_FOR_PEM(4096));
    assert_true(v.work_needed <= WORK);
    unsigned dups = 0;
    for (unsigned i = 0; i < s.n; i++) {
        if (s.rule[i] == CERTFIT_RULE_CHAIN_DUPLICATE) {
            dups++;
            assert_int_equal(s.cert[i], 28);
            assert_int_equal(s.value[i], 63);
        }
    }
    assert_int_equal(dups, 1);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        g_fixtures = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_largest_certificate),
        cmocka_unit_test(test_most_certificates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
