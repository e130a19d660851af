/*
 * The glue's log line for each rule: it names the rule and its figures in
 * every configuration. Built twice by CMake, failing on notices (so that
 * every finding refuses and is logged as the error line):
 *   test_modem_lines_text    the host library: CONFIG_CERTFIT_FINDING_TEXT
 *   test_modem_lines_device  the device's library: no finding text
 * Each case gives the figures and the text the line adds with
 * CONFIG_CERTFIT_FINDING_TEXT (a name, an algorithm, a PEM label).
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

typedef struct line_case {
    const char *fixture;
    enum modem_key_mgmt_cred_type type;
    bool clock;       /* the clock set (2026-01-01) */
    int err;          /* certfit_modem_provision()'s result */
    const char *line; /* the line logged */
} line_case;

#define CA  MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN
#define PUB MODEM_KEY_MGMT_CRED_TYPE_PUBLIC_CERT

/* "certfit: <rule>: <figures>[ (<text>)], not written to sec_tag 24": the
 * text only with CONFIG_CERTFIT_FINDING_TEXT. */
#if CERTFIT_CONFIG_FINDING_TEXT
#define L(figures, text) "certfit: " figures text ", not written to sec_tag 24"
#else
#define L(figures, text) "certfit: " figures ", not written to sec_tag 24"
#endif

static const line_case k_cases[] = {
    {"gen/sig-p384-sha256.pem", CA, false, -EINVAL,
     L("signature-hash-strength: certificate 0: 256-bit hash with a 384-bit EC key, needs 384",
       " (ecdsa-with-SHA256)")},
    {"gen/pem-privkey-ec.pem", CA, false, -EINVAL,
     L("private-key-present: block at byte 688", " (EC PRIVATE KEY)")},
    {"gen/pem-pubkey.pem", CA, false, -EINVAL,
     L("non-certificate-block: block at byte 688", " (PUBLIC KEY)")},
    {"gen/key-brainpoolp256r1.pem", CA, false, -EINVAL,
     L("key-algorithm: certificate 0: 256-bit key of type 2", " (brainpoolP256r1)")},
    {"gen/key-rsa1024.pem", CA, false, -EINVAL,
     L("rsa-key-size: certificate 0: RSA 1024 bits, limit 2048", "")},
    {"gen/sig-sha1-root.pem", CA, false, -EINVAL,
     L("signature-algorithm: certificate 0: signed with a 160-bit hash, algorithm 3",
       " (sha1WithRSAEncryption)")},
    {"gen/serial-negative.pem", CA, false, -EINVAL,
     L("serial-number: certificate 0: 16-octet serial, case 1", "")},
    {"gen/serial-21-octets.pem", CA, false, -EINVAL,
     L("serial-number: certificate 0: 21-octet serial, case 2", "")},
    {"gen/pem-crlf.pem", CA, false, -EINVAL,
     L("pem-line-endings: 14 CR bytes, first at byte 27", "")},
    {"gen/pem-stray-text.pem", CA, false, -EINVAL,
     L("pem-stray-text: 1249 bytes outside PEM blocks, first at byte 0", "")},
    {"gen/chain-duplicate.pem", CA, false, -EFBIG,
     L("ca-slot-bundle: 4 certificates in 3335 bytes, keep certificate 3 (790 bytes)",
       " (certfit Test Root P-384)")},
    {"gen/der-nonminimal-length.pem", CA, false, -EINVAL,
     L("der-strict: certificate 0: DER case 1 at offset 14", " (non-minimal length encoding)")},
    {"gen/der-trailing-inside.pem", CA, false, -EINVAL,
     L("der-strict: certificate 0: DER case 5 at offset 493", " (bytes left inside a structure)")},
    {"gen/time-utctime-noseconds.pem", CA, false, -EINVAL,
     L("time-encoding: certificate 0: time of tag 23, case 17", "")},
    {"gen/trust-ca-no-bc.pem", CA, false, -EFBIG,
     L("ca-slot-bundle: certificate 0 is not a CA", " (certfit CA without basicConstraints)")},
    {"gen/chain-out-of-order.pem", PUB, false, -EINVAL,
     L("chain-order: certificate 0 not issued by certificate 1 (case 1)", "")},
    {"gen/chain-full.pem", PUB, false, -EFBIG,
     L("root-in-chain: certificate 2 is a root, 545 bytes sent for nothing",
       " (certfit Test Root P-384)")},
    {"gen/depth-11.pem", PUB, false, -EFBIG, L("chain-depth: 11 certificates > 10", "")},
    {"gen/time-expires-soon.pem", CA, true, -EINVAL,
     L("expires-soon: certificate 0 expires in 14 days (< 30)", "")},
    {"gen/time-not-yet-valid.pem", CA, true, -EINVAL,
     L("not-yet-valid: certificate 0 valid only in 365 days", "")},
    {"gen/size-headroom.pem", CA, false, -EFBIG,
     L("size-headroom: 3877 bytes, within 10% of 4096", "")},
};

static void test_lines(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(k_cases) / sizeof(k_cases[0]); i++) {
        const line_case *c = &k_cases[i];
        size_t len;
        uint8_t *pem = load(c->fixture, &len);
        fw_reset(c->clock ? T_2026 : 0);
        int err = certfit_modem_provision(TAG, c->type, pem, len);
        const char *line = fake_log_line(LOG_LEVEL_ERR, 0);
        print_message("%s: %d %s\n", c->fixture, err, line != NULL ? line : "(none)");
        assert_int_equal(err, c->err);
        assert_int_equal(fake_modem_calls(), 0);
        assert_int_equal(fake_log_total(), 1);
        assert_string_equal(line, c->line);
        free(pem);
    }
}

int main(int argc, char **argv)
{
    fw_fixture_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_lines, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
