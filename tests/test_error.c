/* The error table (common.h, lib/error.c): codes in certfit's terms, the
 * crypto backend's own code kept beside CERTFIT_ERR_CRYPTO. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#if CERTFIT_WITH_SIGNATURES
#include <mbedtls/ecp.h>
#endif

#include "test_support.h"

#define NOW "2026-01-01T00:00:00Z"

static void test_codes_and_messages(void **state)
{
    (void)state;
    assert_int_equal(CERTFIT_ERR_CRYPTO, -15);
    assert_string_equal(certfit_strerror(CERTFIT_ERR_CRYPTO), "crypto backend error");
    assert_int_equal(CERTFIT_ERR_NO_MEMORY, -20);
    assert_string_equal(certfit_strerror(CERTFIT_ERR_NO_MEMORY), "out of memory");
    /* retired codes (never returned): their values are not reused */
    assert_string_equal(certfit_strerror(-14), "unknown error");
    assert_string_equal(certfit_strerror(-18), "unknown error");
    assert_string_equal(certfit_strerror(-21), "unknown error");
}

/* A self-signed P-384 certificate whose signature does not verify: the
 * finding is self-signed-signature, and the result keeps what Mbed TLS said. */
static void test_crypto_error_kept(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("gen/trust-selfsigned-badsig.pem", &len);
    ts_collect *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
#if CERTFIT_WITH_SIGNATURES
    assert_non_null(ts_find(c, CERTFIT_RULE_SELF_SIGNED_SIGNATURE, 0));
    assert_int_equal(c->res.crypto_error, MBEDTLS_ERR_ECP_VERIFY_FAILED);
#else
    assert_int_equal(c->res.crypto_error, 0);
#endif
    free(c);
    free(t);

    /* a chain whose signatures all verify: nothing kept */
    t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    c = calloc(1, sizeof(*c));
    assert_non_null(c);
    assert_int_equal(ts_check_pem(t, len, "nrf91", CERTFIT_ROLE_CA, NOW, c), 0);
    assert_int_equal(c->res.crypto_error, 0);
    free(c);
    free(t);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_and_messages),
        cmocka_unit_test(test_crypto_error_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
