/*
 * The glue's log line for each rule the device can report: it names the
 * rule, the certificate and the figures in every configuration. Built four
 * times by CMake, failing on notices (so that every finding refuses and is
 * logged as the error line), with each Kconfig profile:
 *   test_modem_lines[_p384]_text    the host library: CONFIG_CERTFIT_FINDING_TEXT,
 *                                   the rule table's words (what the CLI says)
 *   test_modem_lines[_p384]_device  the device's library: the finding's numbers
 * tests/test_message.c covers the rules no fixture reaches through the glue
 * (chain-duplicate behind root-in-chain, self-signed-signature without
 * signatures, trailing-data in DER, the size rules no Kconfig profile sets).
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

/* "certfit: <rule>[ [<certificate>]]: <message>, not written to sec_tag 24":
 * the message in words with CONFIG_CERTFIT_FINDING_TEXT, else in numbers */
#if CERTFIT_CONFIG_FINDING_TEXT
#define L(words, numbers) "certfit: " words ", not written to sec_tag 24"
#else
#define L(words, numbers) "certfit: " numbers ", not written to sec_tag 24"
#endif

static const line_case k_cases[] = {
#if defined(CONFIG_CERTFIT_PROFILE_NRF91_P384_SELFSIGNED)
    {"gen/chain-int-p384.pem", CA, false, -22,
     L("self-signed [0]: the profile requires a self-signed certificate; its issuer is another CA",
       "self-signed [0]: detail=0")},
    {"gen/time-29y-p384.pem", CA, false, -22,
     L("lifetime-min [0]: valid for 10592 days (until 2054-01-01T00:00:00Z); the profile requires "
       "30 years",
       "lifetime-min [0]: value=10592 limit=30 extra=2650838400")},
#else
    {"gen/sig-p384-sha256.pem", CA, false, -22,
     L("signature-hash-strength [0]: signed with ecdsa-with-SHA256 by a 384-bit EC key, which "
       "needs sha384 or stronger",
       "signature-hash-strength [0]: value=5 limit=6 extra=384")},
    {"gen/pem-privkey-ec.pem", CA, false, -22,
     L("private-key-present: a private key (EC PRIVATE KEY) at offset 688; it was not decoded or "
       "copied",
       "private-key-present: offset=688")},
    {"gen/pem-pubkey.pem", CA, false, -22,
     L("non-certificate-block: a 'PUBLIC KEY' PEM block at offset 688",
       "non-certificate-block: offset=688")},
    {"gen/key-brainpoolp256r1.pem", CA, false, -22,
     L("key-algorithm [0]: key brainpoolP256r1 (256 bits) is not allowed by the profile",
       "key-algorithm [0]: value=256 extra=4 detail=2")},
    {"gen/key-rsa1024.pem", CA, false, -22,
     L("rsa-key-size [0]: RSA key is 1024 bits; the profile's minimum is 2048",
       "rsa-key-size [0]: value=1024 limit=2048")},
    {"gen/sig-sha1-root.pem", CA, false, -22,
     L("signature-algorithm [0]: signed with sha1WithRSAEncryption (a self-signed anchor's own "
       "signature is not relied on)",
       "signature-algorithm [0]: value=3 detail=3")},
    {"gen/sig-sha1-chain.pem", PUB, false, -22,
     L("signature-algorithm [0]: signed with sha1WithRSAEncryption, which the profile does not "
       "allow",
       "signature-algorithm [0]: value=3 detail=3")},
    {"gen/serial-negative.pem", CA, false, -22,
     L("serial-number [0]: serial number is negative",
       "serial-number [0]: value=16 limit=20 detail=1")},
    {"gen/serial-21-octets.pem", CA, false, -22,
     L("serial-number [0]: serial number is longer than 20 octets (21)",
       "serial-number [0]: value=21 limit=20 detail=2")},
    {"gen/serial-zero.pem", CA, false, -22,
     L("serial-number [0]: serial number is zero", "serial-number [0]: value=1 limit=20")},
    {"gen/pem-crlf.pem", CA, false, -22,
     L("pem-line-endings: 14 CR LF line endings (first at offset 27)",
       "pem-line-endings: value=14 offset=27")},
    {"gen/pem-stray-text.pem", CA, false, -22,
     L("pem-stray-text: 1249 bytes of text outside the PEM blocks (first at offset 0)",
       "pem-stray-text: value=1249 offset=0")},
    {"gen/chain-duplicate.pem", CA, false, -27,
     L("ca-slot-bundle [3]: the CA credential holds 4 certificates; only the anchor (certificate "
       "3, certfit Test Root P-384) is needed",
       "ca-slot-bundle [3]: value=3335 limit=790 extra=4 detail=1")},
    {"gen/der-nonminimal-length.pem", CA, false, -22,
     L("der-strict [0]: non-minimal length encoding at DER offset 14 of the certificate",
       "der-strict [0]: value=1 detail=1 offset=14")},
    {"gen/der-trailing-inside.pem", CA, false, -22,
     L("der-strict [0]: bytes left inside a structure at DER offset 493 of the certificate",
       "der-strict [0]: value=1 detail=5 offset=493")},
    {"gen/time-utctime-noseconds.pem", CA, false, -22,
     L("time-encoding [0]: notAfter UTCTime is not in the exact form YYMMDDHHMMSSZ",
       "time-encoding [0]: value=23 extra=2051222400 detail=17")},
    {"gen/time-utctime-1955.pem", CA, false, -22,
     L("time-encoding [0]: notAfter UTCTime reads as 1955-01-01T00:00:00Z, before notBefore: a "
       "date from 2050 on needs GeneralizedTime",
       "time-encoding [0]: value=23 extra=-473385600 detail=19")},
    {"gen/time-gentime-2035.pem", CA, false, -22,
     L("time-encoding [0]: notAfter 2035-01-01T00:00:00Z uses GeneralizedTime for a date before "
       "2050",
       "time-encoding [0]: value=24 extra=2051222400 detail=18")},
    {"gen/trust-ca-no-bc.pem", CA, false, -27,
     L("ca-slot-bundle [0]: the CA credential's certificate (certfit CA without basicConstraints) "
       "is not a CA",
       "ca-slot-bundle [0]: value=696 limit=696 extra=1 detail=2")},
    {"gen/chain-out-of-order.pem", PUB, false, -22,
     L("chain-order [0]: certificate 0 is not issued by certificate 1 (issuer and subject names "
       "differ)",
       "chain-order [0]: extra=1 detail=1")},
    {"gen/chain-full.pem", PUB, false, -27,
     L("root-in-chain [2]: the served chain carries its self-signed root (certfit Test Root "
       "P-384): 545 bytes wasted",
       "root-in-chain [2]: value=545")},
    {"gen/depth-11.pem", PUB, false, -27,
     L("chain-depth: 11 certificates; the limit is 10", "chain-depth: value=11 limit=10")},
    {"gen/chain-int-no-bc.pem", PUB, false, -22,
     L("ca-basic-constraints [1]: an issuing certificate is without basicConstraints CA:TRUE (no "
       "basicConstraints extension)",
       "ca-basic-constraints [1]: detail=0")},
    {"gen/time-expires-soon.pem", CA, true, -22,
     L("expires-soon [0]: expires 2026-01-15T00:00:00Z, in 14 days (warning window 30 days)",
       "expires-soon [0]: value=14 limit=30 extra=1768435200")},
    {"gen/time-not-yet-valid.pem", CA, true, -22,
     L("not-yet-valid [0]: not valid before 2027-01-01T00:00:00Z (365 days from now)",
       "not-yet-valid [0]: value=365 extra=1798761600")},
    {"gen/time-expired.pem", CA, true, -22,
     L("expired [0]: expired 2025-06-01T00:00:00Z (214 days ago)",
       "expired [0]: value=214 extra=1748736000")},
    {"gen/size-headroom.pem", CA, false, -27,
     L("size-headroom: credential is 3877 bytes: within 10% of the 4096-byte limit (219 left)",
       "size-headroom: value=3877 limit=4096 extra=10")},
    {"gen/bigchain-full.pem", CA, false, -27,
     L("credential-size: credential is 6684 bytes; the limit is 4096 (2588 over)",
       "credential-size: value=6684 limit=4096")},
    {"gen/size-readback.pem", CA, false, -27,
     L("credential-readback: %CMNG read response would be 4136 bytes; modem_key_mgmt's buffer is "
       "4096 (40 over)",
       "credential-readback: value=4136 limit=4096")},
    {"gen/bigchain-full.pem", PUB, false, -27,
     L("chain-size: TLS 1.2 Certificate message is 4826 bytes; the limit is 4096 (730 over)",
       "chain-size: value=4826 limit=4096")},
    {"gen/pem-label-x509.pem", CA, false, -22,
     L("pem-label [0]: certificate 0 is in an X509 CERTIFICATE block; Mbed TLS reads only "
       "CERTIFICATE",
       "pem-label [0]: detail=1 offset=0")},
#endif
};

static void test_lines(void **state)
{
    (void)state;
    size_t wrong = 0;
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
        assert_non_null(line);
        if (strcmp(line, c->line) != 0) {
            print_message("  expected %s\n", c->line);
            wrong++;
        }
        free(pem);
    }
    assert_int_equal(wrong, 0);
}

int main(int argc, char **argv)
{
    fw_fixture_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_lines, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
