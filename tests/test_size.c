/*
 * lib/size.c: the size model of docs/design.md section 3.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_support.h"

static void test_pem_formula(void **state)
{
    (void)state;
    assert_int_equal(certfit_size_pem(626), 904);
    assert_int_equal(certfit_size_pem(0), 54);
    assert_int_equal(certfit_size_pem(1), 59);   /* "AA==" and one LF */
    assert_int_equal(certfit_size_pem(48), 119); /* exactly one 64-column line */
    assert_int_equal(certfit_size_pem(49), 124); /* a second line of 4 */
    assert_int_equal(certfit_size_pem(1076), 1513);
    assert_int_equal(certfit_size_pem(1306), 1826);
    assert_int_equal(certfit_size_pem(1391), 1939);
    assert_int_equal(certfit_size_pem(1076) + certfit_size_pem(1306) + certfit_size_pem(1391),
                     5278);
    /* the formula, for every length up to 4 kB */
    for (uint64_t d = 0; d < 4096; d++) {
        uint64_t b = 4 * ((d + 2) / 3);
        assert_int_equal(certfit_size_pem(d), 28 + b + (b + 63) / 64 + 26);
    }
}

/* Canonical PEM files (openssl output, LF): their length is the formula. */
static void test_pem_formula_matches_files(void **state)
{
    (void)state;
    static const char *const files[] = {
        "real/academy-mqtt-2024-10-rootca.pem",
        "real/test-mosquitto-org-ca.pem",
        "real/letsencrypt/isrgrootx1.pem",
        "real/letsencrypt/isrg-root-x2.pem",
        "real/letsencrypt/e5.pem",
        "real/letsencrypt/r10.pem",
        "gen/key-rsa1024.pem",
        "gen/key-rsa4096.pem",
        "gen/key-p256.pem",
        "gen/key-ed25519.pem",
        "gen/size-headroom.pem",
        "gen/size-readback.pem",
    };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t len, dlen;
        uint8_t *pem = ts_fixture(files[i], &len);
        uint8_t *der = ts_pem_first_der(pem, len, &dlen);
        assert_non_null(der);
        if (certfit_size_pem(dlen) != len)
            print_error("%s: DER %zu, file %zu, formula %llu\n", files[i], dlen, len,
                        (unsigned long long)certfit_size_pem(dlen));
        assert_int_equal(certfit_size_pem(dlen), len);
        free(der);
        free(pem);
    }
}

static void test_bundle_figures(void **state)
{
    (void)state;
    certfit_sizes s;
    certfit_sizes_init(&s);
    assert_int_equal(s.certs, 0);
    assert_int_equal(s.der_total, 0);
    certfit_sizes_add(&s, 1076);
    certfit_sizes_add(&s, 1306);
    certfit_sizes_add(&s, 1391);
    assert_int_equal(s.certs, 3);
    assert_int_equal(s.der_total, 3773);
    assert_int_equal(s.pem_canonical, 5278);
    certfit_sizes_finish(&s, s.pem_canonical, CERTFIT_SEC_TAG_MAX, 0);
    assert_int_equal(s.credential_bytes, 5278);
    assert_int_equal(s.cmng_read_response, 5278 + 96);
    assert_int_equal(s.tls12_certificate_message, 3789);
    assert_int_equal(s.tls13_certificate_message, 3796);
    /* 4 + 3 + sum(3 + d) and 4 + 1 + 3 + sum(3 + d + 2) */
    assert_int_equal(s.tls12_certificate_message, 4 + 3 + (3 + 1076) + (3 + 1306) + (3 + 1391));
    assert_int_equal(s.tls13_certificate_message, 4 + 1 + 3 + (5 + 1076) + (5 + 1306) + (5 + 1391));
}

static void test_rootca_figures(void **state)
{
    (void)state;
    certfit_sizes s;
    certfit_sizes_init(&s);
    certfit_sizes_add(&s, 626);
    certfit_sizes_finish(&s, s.pem_canonical, CERTFIT_SEC_TAG_MAX, 0);
    assert_int_equal(s.certs, 1);
    assert_int_equal(s.der_total, 626);
    assert_int_equal(s.pem_canonical, 904);
    assert_int_equal(s.credential_bytes, 904);
    assert_int_equal(s.cmng_read_response, 1000);
    assert_int_equal(s.tls12_certificate_message, 636);
    assert_int_equal(s.tls13_certificate_message, 639);
}

static void test_cmng_digits(void **state)
{
    (void)state;
    certfit_sizes s;
    certfit_sizes_init(&s);
    certfit_sizes_add(&s, 626);
    /* %CMNG: <tag>,<type>,"<64 hex>","<content>"\r\nOK\r\n + NUL */
    static const char fixed[] = "%CMNG: ,,\"\",\"\"\r\nOK\r\n";
    uint64_t overhead = (sizeof(fixed) - 1) + 64 + 1;
    assert_int_equal(overhead, 85);
    struct {
        uint32_t tag;
        uint8_t type;
        uint64_t digits;
    } k[] = {
        {CERTFIT_SEC_TAG_MAX, 0, 11},
        {0, 0, 2},
        {0, 1, 2},
        {9, 5, 2},
        {10, 0, 3},
        {999999999, 2, 10},
        {1000000000, 0, 11},
        {42, 10, 4},
        {4294967295u, 255, 13},
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        certfit_sizes_finish(&s, 904, k[i].tag, k[i].type);
        assert_int_equal(s.credential_bytes, 904);
        assert_int_equal(s.cmng_read_response, 904 + overhead + k[i].digits);
    }
    certfit_sizes_finish(&s, 904, 0, 1);
    assert_int_equal(s.cmng_read_response, 904 + 87);
    certfit_sizes_finish(&s, 904, CERTFIT_SEC_TAG_MAX, 0);
    assert_int_equal(s.cmng_read_response, 904 + 96);
    /* credential_bytes is what the caller says (e.g. CRLF text), not the canonical PEM */
    certfit_sizes_finish(&s, 1954, CERTFIT_SEC_TAG_MAX, 0);
    assert_int_equal(s.credential_bytes, 1954);
    assert_int_equal(s.cmng_read_response, 2050);
    assert_int_equal(s.pem_canonical, 904);
}

static void test_empty_item(void **state)
{
    (void)state;
    certfit_sizes s;
    certfit_sizes_init(&s);
    certfit_sizes_finish(&s, 0, CERTFIT_SEC_TAG_MAX, 0);
    assert_int_equal(s.tls12_certificate_message, 7);
    assert_int_equal(s.tls13_certificate_message, 8);
    assert_int_equal(s.cmng_read_response, 96);
    assert_int_equal(s.pem_canonical, 0);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pem_formula),    cmocka_unit_test(test_pem_formula_matches_files),
        cmocka_unit_test(test_bundle_figures), cmocka_unit_test(test_rootca_figures),
        cmocka_unit_test(test_cmng_digits),    cmocka_unit_test(test_empty_item),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
