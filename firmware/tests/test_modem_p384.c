/*
 * The Zephyr glue under the other Kconfig choices (set by CMake):
 * CONFIG_CERTFIT_PROFILE_NRF91_P384_SELFSIGNED, CONFIG_CERTFIT_FAIL_ON_WARNING,
 * CONFIG_CERTFIT_TIME_RULES_WITHOUT_CLOCK=y and a work buffer
 * of 3000 bytes on the host library (buffered: a certificate of about 2,957
 * bytes of DER does not fit, the -ENOMEM path).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "certfit_modem.h"
#include "fw_glue_test.h"
#include <zephyr/logging/log.h>

#define T_2054_12_20 2681337600 /* 12 days before notAfter 2055-01-01 */

static int setup(void **state)
{
    (void)state;
    fw_reset(T_2026);
    return 0;
}

static void provision_file(const char *rel, int expect)
{
    size_t len;
    uint8_t *pem = load(rel, &len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len),
                     expect);
    free(pem);
}

/* The course's 2024-10 RootCA fails the vendor's own 30-year rule. */
static void test_rootca_lifetime(void **state)
{
    (void)state;
    provision_file("real/academy-mqtt-2024-10-rootca.pem", -EINVAL);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 1);
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: lifetime-min [0]: valid for 1024 days (until 2027-07-03T14:26:11Z); the profile "
        "requires 30 years, not written to sec_tag 24");
}

/* What the vendor asked for passes and is written. */
static void test_thirty_years_written(void **state)
{
    (void)state;
    provision_file("gen/time-30y-p384.pem", 0);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.stored_len, 790);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 0);
}

/* Without network time the modem's clock says 2015-02-01: not yet valid. */
static void test_time_rules_without_clock(void **state)
{
    (void)state;
    g_clock_set = false;
    provision_file("gen/time-30y-p384.pem", -EINVAL);
    assert_int_equal(fake_modem_calls(), 0);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: not-yet-valid [0]: not valid before 2025-01-01T00:00:00Z (3622 "
                        "days from now), not written to sec_tag 24");
}

/* Fail on warnings: expires-soon (a warning) refuses the credential. */
static void test_fail_on_warning(void **state)
{
    (void)state;
    g_now = T_2054_12_20;
    provision_file("gen/time-30y-p384.pem", -EINVAL);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: expires-soon [0]: expires 2055-01-01T00:00:00Z, in 12 days "
                        "(warning window 30 days), not written to sec_tag 24");
    assert_int_equal(certfit_modem_last_verdict()->severity, CERTFIT_SEV_WARNING);
}

/* A certificate larger than the work buffer: refused with the size needed. */
static void test_work_buffer_too_small(void **state)
{
    (void)state;
    provision_file("gen/size-readback.pem", -ENOMEM);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 1);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: cannot check credential: work buffer 3000 bytes, needs 3136 "
                        "(CONFIG_CERTFIT_WORK_BUFFER_SIZE), not written to sec_tag 24");
    assert_int_equal(certfit_modem_last_verdict()->error, CERTFIT_ERR_WORK_TOO_SMALL);
}

/* A credential over the modem's limit that the work buffer cannot check:
 * refused by its length (credential-size, -EFBIG), not -ENOMEM. */
static void test_too_small_but_over_limit(void **state)
{
    (void)state;
    provision_file("gen/bigchain-full.pem", -EFBIG);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(certfit_modem_last_verdict()->error, CERTFIT_ERR_WORK_TOO_SMALL);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 1);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: credential-size: credential is 6684 bytes; the limit is 4096 "
                        "(2588 over), not written to sec_tag 24");
}

int main(int argc, char **argv)
{
    fw_fixture_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rootca_lifetime, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thirty_years_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_time_rules_without_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_on_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_work_buffer_too_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_small_but_over_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
