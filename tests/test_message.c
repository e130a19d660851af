/*
 * certfit_finding_message() (lib/message.c) on findings made here, for the
 * rules no fixture reaches through the firmware glue's log-line test
 * (firmware/tests/test_modem_lines.c), and over every rule of the table.
 * Built twice: test_message against the host library (the rule table's
 * words, CERTFIT_CONFIG_FINDING_TEXT) and test_message_device against the
 * library as the device builds it (the finding's numbers, and the ids of
 * the rules it can report only).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "certfit/report.h"

#if CERTFIT_CONFIG_FINDING_TEXT
#define M(words, numbers) words
#else
#define M(words, numbers) numbers
#endif

typedef struct msg_case {
    certfit_rule rule;
    uint32_t detail;
    uint64_t value, limit;
    int64_t extra;
    int32_t cert;
    size_t offset;
    const char *text;
    const char *message;
} msg_case;

#define NO CERTFIT_NO_OFFSET

static const msg_case k_cases[] = {
    {CERTFIT_RULE_CHAIN_DUPLICATE, 0, 545, 0, 0, 2, NO, "certfit Test Root P-384",
     M("certificate 2 (certfit Test Root P-384) appears earlier in the item: 545 bytes repeated",
       "value=545")},
    {CERTFIT_RULE_SELF_SIGNED_SIGNATURE, 0, 0, 0, 0, 0, NO, "",
     M("issuer equals subject but the signature does not verify with its own key", "detail=0")},
    {CERTFIT_RULE_SELF_SIGNED_SIGNATURE, CERTFIT_DETAIL_SELF_SIGNED_SIGNATURE_SAME_NAME_CA, 0, 0, 0,
     0, NO, "",
     M("issuer equals subject, but another CA with the same name issued it: its "
       "authorityKeyIdentifier is not its own subjectKeyIdentifier",
       "detail=1")},
    {CERTFIT_RULE_CHAIN_ORDER, CERTFIT_DETAIL_CHAIN_ORDER_SIGNATURE, 0, 0, 1, 0, NO, "",
     M("certificate 0 is not issued by certificate 1 (the signature does not verify)",
       "extra=1 detail=2")},
    {CERTFIT_RULE_TRAILING_DATA, 0, 12, 0, 0, 0, 900, "",
     M("12 bytes follow certificate 0 inside its PEM block", "value=12 offset=900")},
    {CERTFIT_RULE_TRAILING_DATA, 0, 40, 0, 0, CERTFIT_NO_CERT, 1800, "",
     M("40 bytes at offset 1800 are not a certificate", "value=40 offset=1800")},
    {CERTFIT_RULE_CERTIFICATE_SIZE, 0, 1645, 1300, 0, 1, NO, "",
     M("certificate 1 is 1645 bytes (DER); the profile's largest certificate is 1300 (345 over)",
       "value=1645 limit=1300")},
    {CERTFIT_RULE_KEY_CREDENTIAL_SIZE, 0, 3243, 2048, 0, CERTFIT_NO_CERT, 0, "",
     M("the private key block at offset 0 is 3243 bytes; the limit is 2048 (1195 over); it was "
       "not decoded or copied",
       "value=3243 limit=2048 offset=0")},
    {CERTFIT_RULE_HOSTNAME_MISMATCH, 0, 0, 0, 0, 0, NO, "mqtt.example.com",
     M("no subjectAltName entry matches 'mqtt.example.com'", "detail=0")},
    {CERTFIT_RULE_CA_SLOT_BUNDLE, CERTFIT_DETAIL_CA_SLOT_BUNDLE_KEEP, 3335, 790, 4, 1, NO, "ISRG",
     M("the CA credential holds 4 certificates; the server's chain needs only certificate 1 (ISRG)",
       "value=3335 limit=790 extra=4 detail=4")},
    {CERTFIT_RULE_SIZE_HEADROOM, CERTFIT_DETAIL_SIZE_HEADROOM_READBACK, 3990, 4096, 10, -1, NO, "",
     M("%CMNG read response is 3990 bytes: within 10% of the 4096-byte limit (106 left)",
       "value=3990 limit=4096 extra=10 detail=1")},
    {CERTFIT_RULE_TIME_ENCODING, CERTFIT_DETAIL_TIME_ENCODING_NOT_EXACT, 0x18, 0, 0, 0, NO, "",
     M("notBefore GeneralizedTime is not in the exact form YYYYMMDDHHMMSSZ", "value=24 detail=1")},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(k_cases) / sizeof(k_cases[0]); i++) {
        const msg_case *c = &k_cases[i];
        certfit_finding f;
        memset(&f, 0, sizeof(f));
        f.rule = c->rule;
        f.severity = CERTFIT_SEV_ERROR;
        f.detail = c->detail;
        f.value = c->value;
        f.limit = c->limit;
        f.extra = c->extra;
        f.cert = c->cert;
        f.offset = c->offset;
#if CERTFIT_CONFIG_FINDING_TEXT
        strcpy(f.text, c->text);
#endif
        char out[256];
        size_t n = certfit_finding_message(&f, out, sizeof(out));
        print_message("%s\n", out);
        assert_string_equal(out, c->message);
        assert_int_equal(n, strlen(c->message));
        /* cut as snprintf cuts: 6 bytes hold the first 5 */
        char small[6];
        n = certfit_finding_message(&f, small, sizeof(small));
        assert_int_equal(n, 5);
        assert_memory_equal(small, c->message, 5);
        assert_int_equal(small[5], '\0');
    }
}

/* Every rule, every detail code up to 40, a few values: the message is
 * not empty and every template field was known (no brace left). */
static void test_every_rule(void **state)
{
    (void)state;
    static const uint64_t values[] = {0, 1, 2, 0x18, 0x60, 5278};
    size_t messages = 0;
    for (int r = 0; r < CERTFIT_RULE_COUNT; r++) {
        for (uint32_t d = 0; d < 40; d++) {
            for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
                certfit_finding f;
                memset(&f, 0, sizeof(f));
                f.rule = (certfit_rule)r;
                f.severity = CERTFIT_SEV_WARNING;
                f.cert = 1;
                f.detail = d;
                f.value = values[v];
                f.limit = 4096;
                f.offset = CERTFIT_NO_OFFSET;
                char out[512];
                size_t n = certfit_finding_message(&f, out, sizeof(out));
                assert_true(n > 0 && n < sizeof(out) - 1);
                assert_int_equal(n, strlen(out));
                assert_null(strchr(out, '{'));
                messages++;
            }
        }
    }
    assert_int_equal(messages, (size_t)CERTFIT_RULE_COUNT * 40 * 6);
}

/* The rules whose ids the build holds (rules.def's scope column against
 * config.h): all on the host; on the device the 31 certfit_check() reports
 * there, not the hygiene rules, hostname-mismatch or the host's rules. */
static void test_built_ids(void **state)
{
    (void)state;
    static const char *const device[] = {"credential-size",
                                         "credential-readback",
                                         "chain-size",
                                         "size-headroom",
                                         "chain-depth",
                                         "ca-slot-bundle",
                                         "root-in-chain",
                                         "key-algorithm",
                                         "rsa-key-size",
                                         "signature-algorithm",
                                         "signature-hash-strength",
                                         "self-signed",
                                         "self-signed-signature",
                                         "chain-order",
                                         "chain-duplicate",
                                         "ca-basic-constraints",
                                         "lifetime-min",
                                         "expired",
                                         "not-yet-valid",
                                         "expires-soon",
                                         "time-encoding",
                                         "der-strict",
                                         "trailing-data",
                                         "pem-line-endings",
                                         "pem-stray-text",
                                         "private-key-present",
                                         "non-certificate-block",
                                         "serial-number",
                                         "certificate-size",
                                         "key-credential-size",
                                         "pem-label"};
    size_t built = 0, listed = 0;
    for (int r = 0; r < CERTFIT_RULE_COUNT; r++) {
        const char *id = certfit_rule_id((certfit_rule)r);
        bool in_device = false;
        for (size_t i = 0; i < sizeof(device) / sizeof(device[0]); i++)
            if (id != NULL && strcmp(id, device[i]) == 0)
                in_device = true;
        built += id != NULL;
        listed += in_device;
        if (id != NULL) /* the id names its rule */
            assert_int_equal(certfit_rule_from_id(id, strlen(id)), r);
    }
    assert_int_equal(listed, 31);
#if CERTFIT_CONFIG_HOST_RULES
    assert_int_equal(built, CERTFIT_RULE_COUNT);
    assert_string_equal(certfit_rule_id(CERTFIT_RULE_ANCHOR_MISSING), "anchor-missing");
#else
    assert_int_equal(built, 31);
    assert_null(certfit_rule_id(CERTFIT_RULE_ANCHOR_MISSING));
    assert_null(certfit_rule_id(CERTFIT_RULE_CA_KEY_USAGE));
    assert_null(certfit_rule_id(CERTFIT_RULE_HOSTNAME_MISMATCH));
    assert_int_equal(certfit_rule_from_id("anchor-missing", 14), CERTFIT_RULE_COUNT);
#endif
    assert_string_equal(certfit_rule_id(CERTFIT_RULE_PEM_LABEL), "pem-label");
    assert_null(certfit_rule_id(CERTFIT_RULE_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_every_rule),
        cmocka_unit_test(test_built_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
