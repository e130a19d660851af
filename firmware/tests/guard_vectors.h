/*
 * The hook's test vectors: one row per rule it can report, on the real and
 * generated fixtures (tests/manifest.txt gives each fixture's findings).
 * Shared by the host test (test_guard.c) and the Cortex-M33 image
 * (m33/guard_m33.c), so that both run the same cases.
 */
#ifndef CERTFIT_GUARD_VECTORS_H
#define CERTFIT_GUARD_VECTORS_H

#include <stdbool.h>
#include <stdint.h>

#include "certfit/guard.h"

#define T_2026    1767225600 /* 2026-01-01T00:00:00Z, the manifest's usual now */
#define T_2024_06 1717200000 /* 2024-06-01T00:00:00Z, when the bundle shipped */
#define NOW_UNSET (-1)
#define NO_LIMIT  UINT64_MAX /* value/limit not asserted */
#define R(name)   CERTFIT_RULE_##name

/*
 * The table: one row per rule the hook can report (cipher-suite and
 * tls-version come from `certfit probe`, never from a credential). `rule`
 * is the verdict's rule (the most severe finding, ties in table order);
 * `also` a further rule the callback must have seen.
 */
typedef struct gcase {
    const char *file;
    const char *prof;
    certfit_role role;
    int64_t now;
    certfit_severity fail_on;
    const char *host;
    uint64_t skip;
    bool pass;
    certfit_rule rule;
    certfit_severity sev;
    int32_t cert;
    uint64_t value, limit;
    certfit_rule also;
    int32_t also_cert;
    bool needs_signatures;
} gcase;

#define CA      CERTFIT_ROLE_CA
#define SRV     CERTFIT_ROLE_SERVER
#define ERR     CERTFIT_SEV_ERROR
#define WARN    CERTFIT_SEV_WARNING
#define NOTE    CERTFIT_SEV_NOTICE
#define NONE    CERTFIT_RULE_COUNT
#define SKIP(r) ((uint64_t)1 << CERTFIT_RULE_##r)

static const gcase k_cases[] = {
    /* size */
    {"real/academy-mqtt-2024-06-bundle.pem", "nrf91", CA, T_2024_06, ERR, NULL, 0, false,
     R(CREDENTIAL_SIZE), ERR, -1, 5278, 4096, R(CA_SLOT_BUNDLE), 2, false},
    {"real/academy-mqtt-2024-06-bundle.pem", "nrf91", CA, T_2024_06, WARN, NULL,
     SKIP(CREDENTIAL_SIZE), false, R(CREDENTIAL_READBACK), WARN, -1, 5374, 4096, NONE, 0, false},
    {"gen/bigchain-full.pem", "nrf91", SRV, T_2026, ERR, NULL, 0, false, R(CHAIN_SIZE), ERR, -1,
     4826, 4096, R(ROOT_IN_CHAIN), 2, false},
    {"gen/size-headroom.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(SIZE_HEADROOM), WARN, -1,
     3877, 4096, NONE, 0, false},
    {"gen/size-headroom.pem", "nrf91", CA, T_2026, ERR, NULL, 0, true, R(SIZE_HEADROOM), WARN, -1,
     3877, 4096, NONE, 0, false},
    {"gen/depth-11.pem", "nrf91", SRV, T_2026, ERR, NULL, 0, false, R(CHAIN_DEPTH), ERR, -1, 11, 10,
     NONE, 0, false},
    {"gen/depth-10.pem", "nrf91", SRV, T_2026, NOTE, NULL, 0, true, NONE, CERTFIT_SEV_OFF, -1, 0, 0,
     NONE, 0, false},
    {"gen/chain-full.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(CA_SLOT_BUNDLE), WARN, 2,
     2545, 790, NONE, 0, false},
    {"gen/chain-full.pem", "nrf91", SRV, T_2026, WARN, NULL, 0, false, R(ROOT_IN_CHAIN), WARN, 2,
     545, NO_LIMIT, NONE, 0, false},
    /* keys and signatures */
    {"gen/key-p521.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(KEY_ALGORITHM), ERR, 0, 521,
     NO_LIMIT, NONE, 0, false},
    {"gen/key-p256.pem", "nrf91-p384-selfsigned", CA, T_2026, ERR, NULL, 0, false, R(KEY_ALGORITHM),
     ERR, 0, 256, NO_LIMIT, R(LIFETIME_MIN), 0, false},
    {"gen/key-rsa1024.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(RSA_KEY_SIZE), ERR, 0, 1024,
     2048, NONE, 0, false},
    {"gen/key-rsa4096.pem", "nrf91", CA, T_2026, NOTE, NULL, 0, true, NONE, CERTFIT_SEV_OFF, -1, 0,
     0, NONE, 0, false},
    {"gen/sig-sha1-leaf.pem", "nrf91", SRV, T_2026, ERR, NULL, 0, false, R(SIGNATURE_ALGORITHM),
     ERR, 0, CERTFIT_HASH_SHA1, NO_LIMIT, NONE, 0, false},
    /* a self-signed SHA-1 root is only a notice (RFC 5280 6.1) */
    {"gen/sig-sha1-root.pem", "nrf91", CA, T_2026, ERR, NULL, 0, true, R(SIGNATURE_ALGORITHM), NOTE,
     0, CERTFIT_HASH_SHA1, NO_LIMIT, NONE, 0, true},
    {"gen/sig-p384-sha256.pem", "nrf91", CA, T_2026, NOTE, NULL, 0, false,
     R(SIGNATURE_HASH_STRENGTH), NOTE, 0, CERTFIT_HASH_SHA256, CERTFIT_HASH_SHA384, NONE, 0, false},
    /* trust */
    {"real/letsencrypt/e5.pem", "nrf91-p384-selfsigned", CA, T_2026, ERR, NULL, 0, false,
     R(SELF_SIGNED), ERR, 0, NO_LIMIT, NO_LIMIT, R(LIFETIME_MIN), 0, false},
    {"gen/trust-selfsigned-badsig.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false,
     R(SELF_SIGNED_SIGNATURE), ERR, 0, NO_LIMIT, NO_LIMIT, NONE, 0, true},
    {"gen/chain-out-of-order.pem", "nrf91", SRV, T_2026, ERR, NULL, 0, false, R(CHAIN_ORDER), ERR,
     0, NO_LIMIT, NO_LIMIT, R(CHAIN_ORDER), 1, false},
    {"gen/chain-duplicate.pem", "nrf91", SRV, T_2026, WARN, NULL, SKIP(ROOT_IN_CHAIN), false,
     R(CHAIN_DUPLICATE), WARN, 3, 542, NO_LIMIT, NONE, 0, false},
    {"gen/chain-int-no-bc.pem", "nrf91", SRV, T_2026, WARN, NULL, 0, false, R(CA_BASIC_CONSTRAINTS),
     WARN, 1, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/trust-ca-no-bc.pem", "nrf91", CA, T_2026, WARN, NULL, SKIP(CA_SLOT_BUNDLE), false,
     R(CA_BASIC_CONSTRAINTS), WARN, 0, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/chain-served.pem", "nrf91", SRV, T_2026, ERR, "iot.example.com", 0, false,
     R(HOSTNAME_MISMATCH), ERR, 0, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/chain-served.pem", "nrf91", SRV, T_2026, ERR, "a.iot.example.com", 0, true, NONE,
     CERTFIT_SEV_OFF, -1, 0, 0, NONE, 0, false},
    /* time */
    {"real/academy-mqtt-2024-10-rootca.pem", "nrf91-p384-selfsigned", CA, T_2026, ERR, NULL, 0,
     false, R(LIFETIME_MIN), ERR, 0, 1024, 30, R(SIGNATURE_HASH_STRENGTH), 0, false},
    {"gen/time-29y-p384.pem", "nrf91-p384-selfsigned", CA, T_2026, ERR, NULL, 0, false,
     R(LIFETIME_MIN), ERR, 0, 10592, 30, NONE, 0, false},
    {"gen/time-30y-p384.pem", "nrf91-p384-selfsigned", CA, T_2026, NOTE, NULL, 0, true, NONE,
     CERTFIT_SEV_OFF, -1, 0, 0, NONE, 0, false},
    {"gen/time-expired.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(EXPIRED), ERR, 0, 214,
     NO_LIMIT, NONE, 0, false},
    {"gen/time-not-yet-valid.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(NOT_YET_VALID), ERR,
     0, 365, NO_LIMIT, NONE, 0, false},
    {"gen/time-expires-soon.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(EXPIRES_SOON), WARN,
     0, 14, 30, NONE, 0, false},
    {"gen/time-gentime-2035.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(TIME_ENCODING), ERR,
     0, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/time-utctime-noseconds.pem", "nrf91", CA, NOW_UNSET, ERR, NULL, 0, false,
     R(TIME_ENCODING), ERR, 0, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    /* encoding and hygiene */
    {"gen/der-nonminimal-length.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(DER_STRICT), ERR,
     0, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/der-trailing-inside.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(DER_STRICT), ERR, 0,
     NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/der-trailing-junk.der", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(TRAILING_DATA), WARN,
     -1, 3, NO_LIMIT, NONE, 0, false},
    {"gen/pem-crlf.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(PEM_LINE_ENDINGS), WARN, -1,
     14, NO_LIMIT, NONE, 0, false},
    {"gen/pem-crlf.pem", "nrf91", SRV, T_2026, NOTE, NULL, 0, true, NONE, CERTFIT_SEV_OFF, -1, 0, 0,
     NONE, 0, false},
    {"gen/pem-label-x509.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(PEM_LABEL), WARN, 0, 0,
     NO_LIMIT, NONE, 0, false},
    {"gen/pem-stray-text.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(PEM_STRAY_TEXT), WARN,
     -1, 1249, NO_LIMIT, NONE, 0, false},
    {"gen/pem-privkey-pkcs8.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(PRIVATE_KEY_PRESENT),
     ERR, -1, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/pem-privkey-ec.pem", "nrf91", CA, T_2026, ERR, NULL, 0, false, R(PRIVATE_KEY_PRESENT),
     ERR, -1, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/pem-pubkey.pem", "nrf91", CA, T_2026, NOTE, NULL, 0, false, R(NON_CERTIFICATE_BLOCK),
     NOTE, -1, NO_LIMIT, NO_LIMIT, NONE, 0, false},
    {"gen/serial-21-octets.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(SERIAL_NUMBER), WARN,
     0, 21, 20, NONE, 0, false},
    {"gen/serial-zero.pem", "nrf91", CA, T_2026, WARN, NULL, 0, false, R(SERIAL_NUMBER), WARN, 0, 1,
     20, NONE, 0, false},
    /* ISRG Root X1 (1391 bytes DER) over the NINA firmware's 1300 */
    {"real/letsencrypt/isrgrootx1.pem", "nina-fw", CA, T_2026, ERR, NULL, 0, false,
     R(CERTIFICATE_SIZE), ERR, 0, 1391, 1300, NONE, 0, false},
};

#define GV_COUNT (sizeof(k_cases) / sizeof(k_cases[0]))

#endif
