/*
 * The Zephyr glue (firmware/src/certfit_modem.c) on the host, against the
 * fake modem_key_mgmt, logging and kernel in firmware/tests/fakes.
 * Configuration (CMake): profile nrf91, fail on errors, the default work
 * buffer (CERTFIT_MODEM_WORK_SIZE), time rules skipped without a clock.
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

static int setup(void **state)
{
    (void)state;
    fw_reset(0);
    return 0;
}

static void test_bundle_refused(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-06-bundle.pem", &len);
    /* as the course's firmware passed it: the C string with its NUL */
    for (size_t extra = 0; extra <= 1; extra++) {
        fake_log_reset();
        int err = certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len + extra);
        assert_int_equal(err, -EFBIG);
        assert_int_equal(fake_modem_calls(), 0);
        assert_int_equal(g_modem.write_calls, 0);
        assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 1);
        assert_int_equal(fake_log_total(), 1);
        assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                            "certfit: credential-size: credential is 5278 bytes; the limit is 4096 "
                            "(1182 over), not written to sec_tag 24");
        const certfit_guard_verdict *v = certfit_modem_last_verdict();
        assert_int_equal(v->rule, CERTFIT_RULE_CREDENTIAL_SIZE);
        assert_int_equal(v->value, 5278);
        /* with the real tag and type: %CMNG: 24,0,"<64>","<5278>"\r\nOK\r\n + NUL */
        assert_int_equal(v->check.sizes.cmng_read_response, 5366);
    }
    /* with a clock in 2026 two certificates are expired too: still the size */
    g_clock_set = true;
    g_now = T_2026;
    fake_log_reset();
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len),
                     -EFBIG);
    assert_non_null(strstr(fake_log_line(LOG_LEVEL_ERR, 0), "credential-size"));
    assert_non_null(strstr(fake_log_line(LOG_LEVEL_ERR, 0), "5278"));
    assert_int_equal(fake_modem_calls(), 0);
    free(pem);
}

static void test_rootca_written_once(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    assert_int_equal(len, 904);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len + 1),
                     0);
    assert_int_equal(g_modem.exists_calls, 1);
    assert_int_equal(g_modem.cmp_calls, 0);
    assert_int_equal(g_modem.delete_calls, 0);
    assert_int_equal(g_modem.write_calls, 1);
    assert_true(g_modem.present);
    assert_int_equal(g_modem.sec_tag, TAG);
    assert_int_equal(g_modem.cred_type, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN);
    /* the bytes written are the credential, without the NUL */
    assert_int_equal(g_modem.stored_len, 904);
    assert_memory_equal(g_modem.stored, pem, 904);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 0);
    assert_int_equal(fake_log_count(LOG_LEVEL_WRN), 0); /* a notice is not logged */
    assert_string_equal(fake_log_line(LOG_LEVEL_INF, 0),
                        "certfit: sec_tag 24: credential written (904 bytes)");
    free(pem);
}

static void test_identical_not_rewritten(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    fake_modem_store(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len), 0);
    assert_int_equal(g_modem.exists_calls, 1);
    assert_int_equal(g_modem.cmp_calls, 1);
    assert_int_equal(g_modem.delete_calls, 0);
    assert_int_equal(g_modem.write_calls, 0);
    assert_string_equal(fake_log_line(LOG_LEVEL_INF, 0),
                        "certfit: sec_tag 24: credential already provisioned");
    free(pem);
}

static void test_different_rewritten(void **state)
{
    (void)state;
    size_t old_len, len;
    uint8_t *old = load("real/test-mosquitto-org-ca.pem", &old_len);
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    fake_modem_store(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, old, old_len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len), 0);
    assert_int_equal(g_modem.cmp_calls, 1);
    assert_int_equal(g_modem.delete_calls, 1);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.stored_len, 904);
    assert_memory_equal(g_modem.stored, pem, len);
    /* another tag's credential is not this one: no compare, no delete */
    fake_modem_reset();
    fake_modem_store(TAG + 1, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, old, old_len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len), 0);
    assert_int_equal(g_modem.cmp_calls, 0);
    assert_int_equal(g_modem.delete_calls, 0);
    assert_int_equal(g_modem.write_calls, 1);
    free(old);
    free(pem);
}

/* 4048 bytes of PEM: it fits the credential limit but its read-back (4136
 * bytes for sec_tag 24) does not fit the buffer, so it is never compared. */
static void test_readback_never_compared(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("gen/size-readback.pem", &len);
    assert_int_equal(len, 4048);
    fake_modem_store(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len), 0);
    assert_int_equal(g_modem.cmp_calls, 0);
    assert_int_equal(g_modem.read_calls, 0);
    assert_int_equal(g_modem.delete_calls, 1);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.stored_len, 4048);
    assert_int_equal(certfit_modem_last_verdict()->check.sizes.cmng_read_response, 4136);
    /* the hook's warnings (headroom, read-back), then the skipped compare */
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 0);
    assert_int_equal(fake_log_count(LOG_LEVEL_WRN), 2);
    assert_string_equal(fake_log_line(LOG_LEVEL_WRN, 0),
                        "certfit: credential-readback: %CMNG read response would be 4136 bytes; "
                        "modem_key_mgmt's buffer is 4096 (40 over) (warning)");
    assert_string_equal(fake_log_line(LOG_LEVEL_WRN, 1),
                        "certfit: sec_tag 24: read-back would be 4136 bytes > 4096, not compared: "
                        "rewriting");
    free(pem);
}

/* Just under the read-back limit: compared as usual. */
static void test_readback_fits_compared(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("gen/size-headroom.pem", &len);
    fake_modem_store(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len), 0);
    assert_int_equal(certfit_modem_last_verdict()->check.sizes.cmng_read_response, 3965);
    assert_int_equal(g_modem.cmp_calls, 1);
    assert_int_equal(g_modem.write_calls, 0);
    assert_string_equal(fake_log_line(LOG_LEVEL_WRN, 0),
                        "certfit: size-headroom: credential is 3877 bytes: within 10% of the "
                        "4096-byte limit (219 left) (warning)");
    free(pem);
}

static void test_modem_errors_propagate(void **state)
{
    (void)state;
    size_t len, old_len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    uint8_t *old = load("real/test-mosquitto-org-ca.pem", &old_len);
    const enum modem_key_mgmt_cred_type ca = MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN;

    g_modem.exists_err = -EACCES;
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -EACCES);
    assert_int_equal(g_modem.write_calls, 0);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: modem_key_mgmt_exists(sec_tag 24): -13");

    fake_modem_reset();
    fake_log_reset();
    g_modem.write_err = -EPERM; /* LTE link active */
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -EPERM);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 1);

    fake_modem_reset();
    fake_log_reset();
    fake_modem_store(TAG, ca, old, old_len);
    g_modem.cmp_err = -ENOBUFS;
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -ENOBUFS);
    assert_int_equal(g_modem.delete_calls, 0);
    assert_int_equal(g_modem.write_calls, 0);

    fake_modem_reset();
    fake_modem_store(TAG, ca, old, old_len);
    g_modem.delete_err = -ECANCELED;
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -ECANCELED);
    assert_int_equal(g_modem.write_calls, 0);

    fake_modem_reset();
    g_modem.write_err = -ENOMEM;
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, len), -ENOMEM);
    free(pem);
    free(old);
}

static void test_sec_tag_range(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    const enum modem_key_mgmt_cred_type ca = MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN;
    assert_int_equal(certfit_modem_provision(2147483648u, ca, pem, len), -EINVAL);
    assert_int_equal(certfit_modem_provision(UINT32_MAX, ca, pem, len), -EINVAL);
    assert_int_equal(fake_modem_calls(), 0);
    assert_int_equal(fake_log_count(LOG_LEVEL_ERR), 2);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: invalid credential (sec_tag 2147483648, 904 bytes), not written");
    assert_int_equal(certfit_modem_provision(2147483647u, ca, pem, len), 0);
    assert_int_equal(g_modem.sec_tag, 2147483647u);
    fake_modem_reset();
    assert_int_equal(certfit_modem_provision(0, ca, pem, len), 0);
    assert_int_equal(g_modem.write_calls, 1);
    /* no buffer, nothing in it */
    assert_int_equal(certfit_modem_provision(TAG, ca, NULL, 10), -EINVAL);
    assert_int_equal(certfit_modem_provision(TAG, ca, pem, 0), -EINVAL);
    assert_int_equal(certfit_modem_provision(TAG, ca, "", 1), -EINVAL);
    free(pem);
}

/* A rule that is not about size: -EINVAL, the figures in the line. */
static void test_other_rules_einval(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("real/academy-mqtt-2024-10-rootca.pem", &len);
    g_clock_set = true;
    g_now = T_2028; /* notAfter 2027-07-03T14:26:11Z */
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len),
                     -EINVAL);
    assert_int_equal(fake_modem_calls(), 0);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: expired [0]: expired 2027-07-03T14:26:11Z (181 days ago), not "
                        "written to sec_tag 24");
    free(pem);

    /* a private key in the CA credential: named by its label, never echoed */
    fake_log_reset();
    pem = load("gen/pem-privkey-ec.pem", &len);
    assert_int_equal(certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, pem, len),
                     -EINVAL);
    assert_int_equal(fake_log_total(), 1);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: private-key-present: a private key (EC PRIVATE KEY) at offset "
                        "688; it was not decoded or copied, not written to sec_tag 24");
    free(pem);

    /* an unreadable credential */
    fake_log_reset();
    static const char cut[] = "-----BEGIN CERTIFICATE-----\nMIIB\n";
    assert_int_equal(
        certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, cut, sizeof(cut)), -EINVAL);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: cannot check credential: PEM block has no END line at byte 0, "
                        "not written to sec_tag 24");
    assert_int_equal(fake_modem_calls(), 0);
}

/* Client certificates are checked as the chain the device presents. */
static void test_public_cert_role(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = load("gen/bigchain-full.pem", &len);
    const enum modem_key_mgmt_cred_type pub = MODEM_KEY_MGMT_CRED_TYPE_PUBLIC_CERT;
    assert_int_equal(certfit_modem_provision(TAG, pub, pem, len), -EFBIG);
    assert_string_equal(fake_log_line(LOG_LEVEL_ERR, 0),
                        "certfit: chain-size: TLS 1.2 Certificate message is 4826 bytes; the limit "
                        "is 4096 (730 over), not written to sec_tag 24");
    assert_int_equal(fake_modem_calls(), 0);
    free(pem);
    pem = load("gen/chain-served.pem", &len);
    assert_int_equal(certfit_modem_provision(TAG, pub, pem, len), 0);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.cred_type, pub);
    free(pem);
}

/* Keys and PSKs are not certificates: never parsed, never logged. */
static void test_private_key_passes_through(void **state)
{
    (void)state;
    size_t len;
    uint8_t *key = load("gen/keys/p256.key", &len);
    const enum modem_key_mgmt_cred_type priv = MODEM_KEY_MGMT_CRED_TYPE_PRIVATE_CERT;
    assert_int_equal(certfit_modem_provision(TAG, priv, key, len), 0);
    assert_int_equal(g_modem.write_calls, 1);
    assert_int_equal(g_modem.stored_len, len);
    /* stored again, identical: compared (the read-back fits), not rewritten */
    assert_int_equal(certfit_modem_provision(TAG, priv, key, len), 0);
    assert_int_equal(g_modem.cmp_calls, 1);
    assert_int_equal(g_modem.write_calls, 1);
    for (size_t i = 0; i < fake_log_total(); i++)
        assert_null(strstr(fake_log_any(i), "PRIVATE"));
    free(key);

    static const char psk[] = "000102030405060708090a0b0c0d0e0f";
    assert_int_equal(
        certfit_modem_provision(TAG, MODEM_KEY_MGMT_CRED_TYPE_PSK, psk, sizeof(psk) - 1), 0);
    assert_int_equal(g_modem.stored_len, 32);
}

int main(int argc, char **argv)
{
    fw_fixture_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bundle_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rootca_written_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_identical_not_rewritten, setup, teardown),
        cmocka_unit_test_setup_teardown(test_different_rewritten, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readback_never_compared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readback_fits_compared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modem_errors_propagate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sec_tag_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_rules_einval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_public_cert_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private_key_passes_through, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
