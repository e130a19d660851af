/*
 * The sample (firmware/samples/mqtt_tls_provision/src/main.c, its main()
 * renamed sample_main by CMake) on the host against fakes of Zephyr and nRF
 * Connect SDK, built three times: with Zephyr 3.4's <version.h> (nRF
 * Connect SDK 2.4/2.5: no <zephyr/version.h> yet), a Zephyr 3.7
 * <zephyr/version.h> (nRF Connect SDK 2.6+, one-argument mqtt_disconnect)
 * and a Zephyr 4.3 one (nRF Connect SDK 3.x, two arguments). A sample that does not build against
 * either breaks the build; this checks that it runs through: the CA
 * provisioned through the glue, MQTT connected, one message published, the
 * client disconnected with the version's call.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_log.h"
#include "fake_modem.h"
#include "fake_sample.h"
#include <zephyr/logging/log.h>
#if __has_include(<zephyr/version.h>)
#include <zephyr/version.h>
#else
#include <version.h>
#endif

int sample_main(void);

/* the version header this build was meant to find (CMake: 34, 3 or 4) */
#if CERTFIT_TEST_ZEPHYR == 34
#define EXPECTED_VERSION ZEPHYR_VERSION(3, 4, 99)
#elif CERTFIT_TEST_ZEPHYR == 3
#define EXPECTED_VERSION ZEPHYR_VERSION(3, 7, 0)
#else
#define EXPECTED_VERSION ZEPHYR_VERSION(4, 3, 0)
#endif

static void test_sample_runs(void **state)
{
    (void)state;
    assert_int_equal(ZEPHYR_VERSION_CODE, EXPECTED_VERSION);
    fake_modem_reset();
    fake_log_reset();
    assert_int_equal(sample_main(), 0);
    assert_int_equal(g_sample.modem_init_calls, 1);
    /* the CA, through certfit_modem_provision() before LTE: 904 bytes */
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.sec_tag, 24);
    assert_int_equal(g_modem.cred_type, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN);
    assert_int_equal(g_modem.stored_len, 904);
    assert_string_equal(fake_log_line(LOG_LEVEL_INF, 1),
                        "mqtt_tls_provision: CA certificate: 904 bytes, read-back 992 bytes");
    assert_string_equal(g_sample.host, "mqtt.nordicsemi.academy");
    assert_int_equal(g_sample.connect_calls, 1);
    assert_int_equal(g_sample.sec_tag, 24);
    assert_int_equal(g_sample.publish_calls, 1);
    assert_int_equal(g_sample.publish_len, 43);
    assert_int_equal(g_sample.disconnect_calls, 1);
#if ZEPHYR_VERSION_CODE >= ZEPHYR_VERSION(4, 2, 0)
    assert_int_equal(g_sample.disconnect_args, 2);
    assert_true(g_sample.disconnect_param_null); /* MQTT 3.1.1: no parameters */
#else
    assert_int_equal(g_sample.disconnect_args, 1);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
