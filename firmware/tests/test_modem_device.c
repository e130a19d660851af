/*
 * The Zephyr glue on the device's library (certfit_core_device: no finding
 * text, the check's state in the work buffer) with Kconfig's default work
 * buffer, built twice by CMake:
 *   test_modem_device  CONFIG_CERTFIT_FAIL_ON_ERROR (Kconfig's default)
 *   test_modem_never   CONFIG_CERTFIT_FAIL_ON_NEVER: only the modem's hard
 *                      limits refuse
 * and the fake modem_key_mgmt's nRF Connect SDK semantics (read's -ENOMEM
 * with the size needed, cmp's trailing-newline strip and 0/1 result).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "certfit_modem.h"
#include "fw_glue_test.h"
#include "fw_widest.h"
#include <zephyr/logging/log.h>

static int setup(void **state)
{
    (void)state;
    fw_reset(0);
    return 0;
}

static const enum modem_key_mgmt_cred_type ca = MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN;

/* The default is the buffer for every credential the modem can hold. The
 * device's library streams (config.h, CERTFIT_CONFIG_STREAM): the 768-byte
 * duplicate table for the 30 certificates 4096 bytes can hold, 8 bytes of
 * alignment slack, and the state (544 bytes on the Cortex-M33: 1320,
 * Kconfig's default, which certfit_m33_glue checks there; more on a 64-bit
 * host). Buffered: 2 * 3080 (a 4096-byte block's decoded bound) + 136. */
#if CERTFIT_CONFIG_STREAM
#define STREAM_OR(a, b) (a)
#else
#define STREAM_OR(a, b) (b)
#endif
static void test_default_work_size(void **state)
{
    (void)state;
    assert_int_equal(CERTFIT_MODEM_WORK_SIZE - CERTFIT_CHECK_STATE_SIZE, STREAM_OR(776, 6296));
}

/* One large certificate filling a 4096-byte credential: gen/size-readback.pem
 * (one certificate of 2957 bytes of DER) in the narrowest lines
 * (fw_widest.h). */
static void test_large_certificate_checked(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("gen/size-readback.pem", &len);
    assert_int_equal(len, 4048);
    static char cred[4096];
    unsigned width = 0;
    size_t n = fw_widest_credential(pem, len, cred, &width);
    for (int round = 0; round < 2; round++) {
        fake_modem_reset();
        fake_log_reset();
        const char *buf = round == 0 ? (const char *)pem : cred;
        size_t blen = round == 0 ? len : n;
        /* checked, not -ENOMEM; written without the read-back compare */
        assert_int_equal(certfit_modem_provision(TAG, ca, buf, blen), 0);
        const certfit_guard_verdict *v = certfit_modem_last_verdict();
        assert_int_equal(v->error, 0);
        /* one pass: the certificate alone in the arena, so even the
         * 2048-byte-DER default (4376 + the state) would do */
        assert_true(v->work_needed <= CERTFIT_GUARD_WORK_SIZE);
        assert_true(v->work_needed <= CERTFIT_MODEM_WORK_SIZE);
        assert_int_equal(g_modem.write_calls, 1);
        assert_int_equal(g_modem.stored_len, blen);
        assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 0);
        if (round == 0)
            assert_int_equal(v->work_needed - CERTFIT_CHECK_STATE_SIZE, STREAM_OR(136, 3136));
    }
    /* the widest: 4096 bytes in 36-column lines, needing 3176 + the state
     * (3040 for the block, 128 for the table, 8 of alignment slack) */
    assert_int_equal(width, 36);
    assert_int_equal(n, 4096);
    assert_int_equal(certfit_modem_last_verdict()->work_needed - CERTFIT_CHECK_STATE_SIZE,
                     STREAM_OR(136, 3176));
    free(pem);
}

/* The course's bundle: refused at every fail-on level, nothing written. */
static void test_bundle_refused(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-06-bundle.pem", &len);
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len + 1), -EFBIG);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(fake_log_total(), 1);
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: credential-size: value=5278 limit=4096, not written to sec_tag 24");
    /* with a clock two of its certificates are expired too: still the size */
    g_clock_set = true;
    g_now = T_2028;
    fake_log_reset();
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -EFBIG);
    assert_int_equal(g_modem.write_calls, 0);
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: credential-size: value=5278 limit=4096, not written to sec_tag 24");
    free(pem);
}

/* A client certificate's chain over the modem's credential limit: the hook
 * judges it by chain-size, which "never" lets through; the glue still
 * refuses it by its length, as credential-size, and the modem is untouched. */
static void test_client_chain_over_limit(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("gen/bigchain-full.pem", &len);
    assert_int_equal(
        certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_PUBLIC_CERT, pem, len), -EFBIG);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 1);
#if CONFIG_CERTFIT_FAIL_ON_LEVEL == 0
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: credential-size: value=6684 limit=4096, not written to sec_tag 24");
#else
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: chain-size: value=4826 limit=4096, not written to sec_tag 24");
#endif
    free(pem);
}

/* A key over the credential limit: not checked by the hook, but refused by
 * its length; the line has numbers only, nothing of the key. */
static void test_key_over_limit(void **state)
{
    (void)state;
    static char key[5001];
    memset(key, 'A', sizeof(key) - 1);
    memcpy(key, "-----BEGIN PRIVATE KEY-----\n", 28);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_PRIVATE_CERT, key,
                                             sizeof(key)),
                     -EFBIG); /* the C string's NUL is not counted: 5000 bytes */
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(fake_log_total(), 1);
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: credential-size: value=5000 limit=4096, not written to sec_tag 24");
    /* at the limit it is written */
    key[4096] = '\0';
    assert_int_equal(
        certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_PRIVATE_CERT, key, 4097), 0);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.stored_len, 4096);
}

/* Other rules follow the fail-on level: an expired CA. */
static void test_other_rules_follow_fail_on(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    g_clock_set = true;
    g_now = T_2028;
#if CONFIG_CERTFIT_FAIL_ON_LEVEL == 0
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), 0);
    assert_int_equal(g_modem.write_calls, 1);
    assert_string_equal(fake_log_line(LOG_LEVEL_WRN, 0),
                        "certfit: expired [0]: value=181 extra=1814624771 (error)");
#else
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -EINVAL);
    assert_int_equal(fake_modem_calls(), 0);
    assert_string_equal(
        fake_log_line(LOG_LEVEL_ERR, 0),
        "certfit: expired [0]: value=181 extra=1814624771, not written to sec_tag 24");
#endif
    free(pem);
}

/* An unreadable credential: the error's code and where (no message table
 * without CONFIG_CERTFIT_FINDING_TEXT). */
static void test_unreadable_line(void **state)
{
    (void)state;
    static const char cut[] = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    assert_int_equal(certfit_modem_provision(TAG, ca, cut, sizeof(cut)), -EINVAL);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(CERTFIT_ERR_PEM_NO_END, -6);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: cannot check credential: error -6 at byte 0, not written to "
                        "sec_tag 24");
}

/* cmp strips one trailing newline: the same credential without it is
 * already provisioned (compared, not rewritten). */
static void test_cmp_trailing_newline(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    assert_int_equal(pem[len - 1], '\n');
    fake_modem_store(TAG, ca, pem, len);
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len - 1), 0);
    assert_int_equal(g_modem.cmp_calls, 1);
    assert_int_equal(g_modem.delete_calls, 0);
    assert_int_equal(g_modem.write_calls, 0);
    assert_int_equal(g_modem.stored_len, len);
    assert_string_equal(fake_log_line(LOG_LEVEL_INF, 0),
                        "certfit: sec_tag 24: credential already provisioned");
    /* another credential: 1 (different), deleted and written */
    size_t other_len;
    uint8_t *other = load("real/test-mosquitto-org-ca.pem", &other_len);
    assert_int_equal(modem_key_mgmt_cmp(TAG, ca, other, other_len), 1);
    assert_int_equal(certfit_modem_provision(TAG, ca, other, other_len), 0);
    assert_int_equal(g_modem.cmp_calls, 3);
    assert_int_equal(g_modem.delete_calls, 1);
    assert_int_equal(g_modem.write_calls, 1);
    assert_memory_equal(g_modem.stored, other, other_len);
    assert_int_equal(modem_key_mgmt_cmp(TAG, ca, NULL, len), -EINVAL);
    free(other);
    free(pem);
}

/* read: -ENOMEM with the size needed when the buffer is short. */
static void test_read_enomem(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    fake_modem_store(TAG, ca, pem, len);
    char buf[904];
    size_t n = 100;
    assert_int_equal(modem_key_mgmt_read(TAG, ca, buf, &n), -ENOMEM);
    assert_int_equal(n, 904);
    assert_int_equal(modem_key_mgmt_read(TAG, ca, buf, &n), 0);
    assert_memory_equal(buf, pem, 904);
    assert_int_equal(modem_key_mgmt_read(TAG + 1, ca, buf, &n), -ENOENT);
    free(pem);
}

int main(int argc, char **argv)
{
    fw_fixture_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default_work_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_certificate_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bundle_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_client_chain_over_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_over_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_rules_follow_fail_on, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cmp_trailing_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_enomem, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
