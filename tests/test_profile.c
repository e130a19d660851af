/*
 * lib/profile.c and lib/rules.c: built-in profiles, severity gating, the
 * policy-file parser, profile values, and the rule table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "certfit/profile_objects.h"
#include "test_support.h"

#define BIT(x) (1u << (x))

static certfit_profile get(const char *name)
{
    certfit_profile p;
    memset(&p, 0x5a, sizeof(p));
    assert_int_equal(certfit_profile_get(name, &p), 0);
    return p;
}

static int parse(const char *text, certfit_profile *p, certfit_policy_error *e)
{
    memset(p, 0, sizeof(*p));
    memset(e, 0x5a, sizeof(*e));
    return certfit_policy_parse(text, strlen(text), p, e);
}

static void assert_same_limits(const certfit_profile *a, const certfit_profile *b)
{
    assert_int_equal(a->credential_limit, b->credential_limit);
    assert_int_equal(a->readback_limit, b->readback_limit);
    assert_int_equal(a->chain_limit, b->chain_limit);
    assert_int_equal(a->max_depth, b->max_depth);
    assert_int_equal(a->headroom_percent, b->headroom_percent);
    assert_int_equal(a->key_types, b->key_types);
    assert_int_equal(a->curves, b->curves);
    assert_int_equal(a->hashes, b->hashes);
    assert_int_equal(a->rsa_min_bits, b->rsa_min_bits);
    assert_int_equal(a->rsa_max_bits, b->rsa_max_bits);
    assert_int_equal(a->lifetime_min_years, b->lifetime_min_years);
    assert_int_equal(a->expires_soon_days, b->expires_soon_days);
    assert_int_equal(a->require_self_signed, b->require_self_signed);
    assert_int_equal(a->time_rules_without_clock, b->time_rules_without_clock);
    assert_int_equal(a->cert_limit, b->cert_limit);
    assert_int_equal(a->key_credential_limit, b->key_credential_limit);
    assert_int_equal(a->ec_max_bits, b->ec_max_bits);
    assert_int_equal(a->pem_size_without_cr, b->pem_size_without_cr);
    assert_memory_equal(a->severity, b->severity, sizeof(a->severity));
}

/* ---- built-ins ---------------------------------------------------------------- */

static void test_builtins(void **state)
{
    (void)state;
    assert_int_equal(certfit_profile_count(), 12);
    assert_string_equal(certfit_profile_at(0)->name, "nrf91");
    assert_string_equal(certfit_profile_at(1)->name, "nrf91-p384-selfsigned");
    assert_string_equal(certfit_profile_at(2)->name, "generic");
    assert_null(certfit_profile_at(12));
    /* the named objects are the table's entries, in its order */
    assert_ptr_equal(certfit_profile_at(0), &certfit_profile_nrf91);
    assert_ptr_equal(certfit_profile_at(1), &certfit_profile_nrf91_p384_selfsigned);
    assert_ptr_equal(certfit_profile_at(2), &certfit_profile_generic);
    for (size_t i = 0; i < 12; i++)
        assert_non_null(certfit_profile_summary(i));
    assert_null(certfit_profile_summary(12));

    certfit_profile p = get("nrf91");
    assert_string_equal(p.name, "nrf91");
    assert_int_equal(p.credential_limit, 4096);
    assert_int_equal(p.readback_limit, 4096);
    assert_int_equal(p.chain_limit, 4096);
    assert_int_equal(p.max_depth, 10);
    assert_int_equal(p.headroom_percent, 10);
    assert_int_equal(p.key_types, BIT(CERTFIT_KEY_EC) | BIT(CERTFIT_KEY_RSA));
    assert_int_equal(p.curves, BIT(CERTFIT_CURVE_SECP256R1) | BIT(CERTFIT_CURVE_SECP384R1));
    assert_int_equal(p.hashes, BIT(CERTFIT_HASH_SHA256) | BIT(CERTFIT_HASH_SHA384) |
                                   BIT(CERTFIT_HASH_SHA512));
    assert_int_equal(p.rsa_min_bits, 2048);
    assert_int_equal(p.rsa_max_bits, 4096);
    assert_int_equal(p.lifetime_min_years, 0);
    assert_int_equal(p.expires_soon_days, 30);
    assert_false(p.require_self_signed);
    assert_false(p.time_rules_without_clock);

    certfit_profile q = get("nrf91-p384-selfsigned");
    assert_int_equal(q.credential_limit, 4096);
    assert_int_equal(q.chain_limit, 4096);
    assert_int_equal(q.key_types, BIT(CERTFIT_KEY_EC));
    assert_int_equal(q.curves, BIT(CERTFIT_CURVE_SECP384R1));
    assert_int_equal(q.hashes, p.hashes);
    assert_int_equal(q.lifetime_min_years, 30);
    assert_true(q.require_self_signed);
    assert_int_equal(q.expires_soon_days, 30);

    certfit_profile g = get("generic");
    assert_int_equal(g.credential_limit, 0);
    assert_int_equal(g.readback_limit, 0);
    assert_int_equal(g.chain_limit, 0);
    assert_int_equal(g.max_depth, 0);
    assert_int_equal(g.rsa_min_bits, 0);
    assert_int_equal(g.rsa_max_bits, 0);
    assert_int_equal(g.lifetime_min_years, 0);
    assert_false(g.require_self_signed);
    assert_false(g.hashes & BIT(CERTFIT_HASH_SHA1));
    assert_false(g.hashes & BIT(CERTFIT_HASH_MD5));
    assert_true(g.hashes & BIT(CERTFIT_HASH_SHA256));
    for (unsigned k = 0; k < CERTFIT_KEY_TYPE_COUNT; k++)
        assert_true(g.key_types & BIT(k));
    for (unsigned c = 1; c < CERTFIT_CURVE_COUNT; c++)
        assert_true(g.curves & BIT(c));

    certfit_profile x;
    assert_int_equal(certfit_profile_get("nrf9160", &x), CERTFIT_ERR_UNKNOWN_PROFILE);
    assert_int_equal(certfit_profile_get("", &x), CERTFIT_ERR_UNKNOWN_PROFILE);
}

static void test_limit_docs(void **state)
{
    (void)state;
    size_t n = 99;
    const certfit_limit_doc *d = certfit_profile_limit_docs(0, &n);
    assert_non_null(d);
    assert_int_equal(n, 18);
    char buf[128];
    certfit_profile p = get("nrf91");
    for (size_t i = 0; i < n; i++) {
        assert_non_null(d[i].source);
        /* every documented key is a real key */
        assert_int_equal(certfit_profile_value(&p, d[i].key, buf, sizeof(buf)), 0);
        if (strcmp(d[i].key, "credential_limit") == 0 || strcmp(d[i].key, "readback_limit") == 0)
            assert_true(d[i].confirmed);
        if (strcmp(d[i].key, "curves") == 0 || strcmp(d[i].key, "key_types") == 0 ||
            strcmp(d[i].key, "rsa_max_bits") == 0 || strcmp(d[i].key, "max_depth") == 0)
            assert_false(d[i].confirmed); /* assumptions until a source confirms them */
    }
    d = certfit_profile_limit_docs(1, &n);
    assert_non_null(d);
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].key, "curves") == 0)
            assert_true(d[i].confirmed);
    assert_non_null(certfit_profile_limit_docs(2, &n));
    assert_null(certfit_profile_limit_docs(12, &n));
    assert_int_equal(n, 0);
}

/* ---- severities ------------------------------------------------------------------ */

static void test_severity_gating(void **state)
{
    (void)state;
    certfit_profile p = get("nrf91"), q = get("nrf91-p384-selfsigned"), g = get("generic");

    /* the built-in severities are the rule table's defaults, but for
     * mbedtls-parse: a notice on the nRF91 profiles, off on generic;
     * ec-curve: on only without a curve limit (the nrf91 profiles report
     * another curve as key-algorithm) */
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_EC_CURVE), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&q, CERTFIT_RULE_EC_CURVE), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_EC_CURVE), CERTFIT_SEV_WARNING);
    assert_int_equal(p.severity[CERTFIT_RULE_MBEDTLS_PARSE], CERTFIT_SEV_NOTICE);
    assert_int_equal(q.severity[CERTFIT_RULE_MBEDTLS_PARSE], CERTFIT_SEV_NOTICE);
    assert_int_equal(g.severity[CERTFIT_RULE_MBEDTLS_PARSE], CERTFIT_SEV_OFF);
    for (unsigned r = 0; r < CERTFIT_RULE_COUNT; r++) {
        if (r == CERTFIT_RULE_MBEDTLS_PARSE)
            continue;
        assert_int_equal(p.severity[r], certfit_rule_default_severity((certfit_rule)r));
        assert_int_equal(q.severity[r], certfit_rule_default_severity((certfit_rule)r));
        assert_int_equal(g.severity[r], certfit_rule_default_severity((certfit_rule)r));
    }
    assert_int_equal(g.severity[CERTFIT_RULE_EC_CURVE], CERTFIT_SEV_WARNING);

    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_SELF_SIGNED), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_LIFETIME_MIN), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_CREDENTIAL_SIZE), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_CREDENTIAL_READBACK),
                     CERTFIT_SEV_WARNING);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_CHAIN_SIZE), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_SIZE_HEADROOM), CERTFIT_SEV_WARNING);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_CHAIN_DEPTH), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_SELF_SIGNED_SIGNATURE),
                     CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_SIGNATURE_HASH_STRENGTH),
                     CERTFIT_SEV_NOTICE);

    assert_int_equal(certfit_profile_severity(&q, CERTFIT_RULE_SELF_SIGNED), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&q, CERTFIT_RULE_LIFETIME_MIN), CERTFIT_SEV_ERROR);

    /* generic: no size limits, so no size rule */
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_CREDENTIAL_SIZE), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_CREDENTIAL_READBACK),
                     CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_CHAIN_SIZE), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_CHAIN_DEPTH), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_SIZE_HEADROOM), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_SELF_SIGNED), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_LIFETIME_MIN), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_EXPIRED), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_SERIAL_NUMBER), CERTFIT_SEV_WARNING);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_COUNT), CERTFIT_SEV_OFF);

    /* a limit switches its rule on, a zero headroom switches size-headroom off */
    g.readback_limit = 4096;
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_CREDENTIAL_READBACK),
                     CERTFIT_SEV_WARNING);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_SIZE_HEADROOM), CERTFIT_SEV_WARNING);
    p.headroom_percent = 0;
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_SIZE_HEADROOM), CERTFIT_SEV_OFF);
    /* an explicit OFF wins over a limit */
    p.severity[CERTFIT_RULE_CREDENTIAL_SIZE] = CERTFIT_SEV_OFF;
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_CREDENTIAL_SIZE), CERTFIT_SEV_OFF);
}

/* docs/design.md section 4: default severities and roles. */
static void test_rule_table(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        certfit_severity sev;
        unsigned roles;
    } k[] = {
        {"credential-size", CERTFIT_SEV_ERROR, CERTFIT_ROLE_CA},
        {"credential-readback", CERTFIT_SEV_WARNING, CERTFIT_ROLE_CA},
        {"chain-size", CERTFIT_SEV_ERROR, CERTFIT_ROLE_SERVER},
        {"size-headroom", CERTFIT_SEV_WARNING, CERTFIT_ROLE_BOTH},
        {"chain-depth", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"ca-slot-bundle", CERTFIT_SEV_WARNING, CERTFIT_ROLE_CA},
        {"root-in-chain", CERTFIT_SEV_WARNING, CERTFIT_ROLE_SERVER},
        {"key-algorithm", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"rsa-key-size", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"signature-algorithm", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"signature-hash-strength", CERTFIT_SEV_NOTICE, CERTFIT_ROLE_BOTH},
        {"self-signed", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"self-signed-signature", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"chain-order", CERTFIT_SEV_ERROR, CERTFIT_ROLE_SERVER},
        {"chain-duplicate", CERTFIT_SEV_WARNING, CERTFIT_ROLE_BOTH},
        {"ca-basic-constraints", CERTFIT_SEV_WARNING, CERTFIT_ROLE_BOTH},
        {"hostname-mismatch", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"lifetime-min", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"expired", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"not-yet-valid", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"expires-soon", CERTFIT_SEV_WARNING, CERTFIT_ROLE_BOTH},
        {"time-encoding", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"der-strict", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"trailing-data", CERTFIT_SEV_WARNING, CERTFIT_ROLE_BOTH},
        {"pem-line-endings", CERTFIT_SEV_WARNING, CERTFIT_ROLE_CA},
        {"pem-stray-text", CERTFIT_SEV_WARNING, CERTFIT_ROLE_CA},
        {"private-key-present", CERTFIT_SEV_ERROR, CERTFIT_ROLE_BOTH},
        {"non-certificate-block", CERTFIT_SEV_NOTICE, CERTFIT_ROLE_BOTH},
        {"serial-number", CERTFIT_SEV_WARNING, CERTFIT_ROLE_BOTH},
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        certfit_rule r = certfit_rule_from_id(k[i].id, strlen(k[i].id));
        assert_int_not_equal(r, CERTFIT_RULE_COUNT);
        assert_string_equal(certfit_rule_id(r), k[i].id);
        assert_int_equal(certfit_rule_default_severity(r), k[i].sev);
        assert_int_equal(certfit_rule_roles(r), k[i].roles);
    }
    assert_int_equal(certfit_rule_from_id("credential-size", 15), CERTFIT_RULE_CREDENTIAL_SIZE);
    assert_int_equal(certfit_rule_from_id("expired-x", 7), CERTFIT_RULE_EXPIRED);
    assert_int_equal(certfit_rule_from_id("credential", 10), CERTFIT_RULE_COUNT);
    assert_int_equal(certfit_rule_from_id("Expired", 7), CERTFIT_RULE_COUNT);
    assert_int_equal(certfit_rule_from_id("", 0), CERTFIT_RULE_COUNT);
    assert_null(certfit_rule_id(CERTFIT_RULE_COUNT));
    assert_int_equal(certfit_rule_default_severity(CERTFIT_RULE_COUNT), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_rule_roles(CERTFIT_RULE_COUNT), 0);
    for (unsigned r = 0; r < CERTFIT_RULE_COUNT; r++) {
        const char *id = certfit_rule_id((certfit_rule)r);
        assert_non_null(id);
        assert_int_equal(certfit_rule_from_id(id, strlen(id)), r);
        const certfit_rule_text *t = certfit_rule_text_of((certfit_rule)r);
        assert_non_null(t);
        assert_string_equal(t->id, id);
        assert_true(strlen(t->summary) > 10 && strlen(t->citation) > 5 && strlen(t->fix) > 5);
    }
    assert_true(CERTFIT_RULE_COUNT <= 64); /* certfit_check_opts.skip is a 64-bit mask */
    assert_string_equal(certfit_severity_name(CERTFIT_SEV_ERROR), "error");
    assert_string_equal(certfit_severity_name(CERTFIT_SEV_WARNING), "warning");
    assert_string_equal(certfit_severity_name(CERTFIT_SEV_NOTICE), "notice");
    assert_string_equal(certfit_severity_name(CERTFIT_SEV_OFF), "off");
    assert_string_equal(certfit_strerror(CERTFIT_ERR_POLICY), "invalid policy file");
    assert_string_equal(certfit_strerror(0), "success");
    assert_string_equal(certfit_strerror(-999), "unknown error");
}

/* ---- policy files ------------------------------------------------------------------ */

static void test_policy_ok(void **state)
{
    (void)state;
    certfit_profile p;
    certfit_policy_error e;

    /* empty: nrf91 */
    assert_int_equal(parse("", &p, &e), 0);
    assert_string_equal(p.name, "nrf91+policy");
    certfit_profile n = get("nrf91");
    assert_same_limits(&p, &n);
    assert_int_equal(e.line, 0);

    /* base, wherever it stands, is applied first */
    assert_int_equal(parse("credential_limit = 3000\n"
                           "base = nrf91-p384-selfsigned\n",
                           &p, &e),
                     0);
    assert_string_equal(p.name, "nrf91-p384-selfsigned+policy");
    assert_int_equal(p.credential_limit, 3000);
    assert_int_equal(p.curves, BIT(CERTFIT_CURVE_SECP384R1));
    assert_true(p.require_self_signed);

    assert_int_equal(parse("base = generic\n", &p, &e), 0);
    assert_string_equal(p.name, "generic+policy");
    assert_int_equal(p.credential_limit, 0);

    /* every kind of key; comments, blank lines, CRLF, blanks around '=' */
    static const char text[] = "# site policy\r\n"
                               "\r\n"
                               "base=nrf91\r\n"
                               "  credential_limit   =  2000  # bytes\r\n"
                               "readback_limit = 4000\n"
                               "chain_limit = 3500\n"
                               "max_depth = 4\n"
                               "headroom_percent = 20\n"
                               "key_types = ec, rsa ,ed25519\n"
                               "curves = secp256r1,secp384r1,brainpoolP256r1\n"
                               "signature_hashes = sha384,sha512\n"
                               "rsa_min_bits = 3072\n"
                               "rsa_max_bits = 8192\n"
                               "lifetime_min_years = 25\n"
                               "expires_soon_days = 60\n"
                               "require_self_signed = yes\n"
                               "time_rules_without_clock = true\n"
                               "skip = expired, not-yet-valid\n"
                               "skip=serial-number\n"
                               "severity.expires-soon = error\n"
                               "severity.signature-hash-strength = off\n"
                               "severity.pem-stray-text = notice\n"
                               "\t# done\n";
    assert_int_equal(parse(text, &p, &e), 0);
    assert_int_equal(p.credential_limit, 2000);
    assert_int_equal(p.readback_limit, 4000);
    assert_int_equal(p.chain_limit, 3500);
    assert_int_equal(p.max_depth, 4);
    assert_int_equal(p.headroom_percent, 20);
    assert_int_equal(p.key_types,
                     BIT(CERTFIT_KEY_EC) | BIT(CERTFIT_KEY_RSA) | BIT(CERTFIT_KEY_ED25519));
    assert_int_equal(p.curves, BIT(CERTFIT_CURVE_SECP256R1) | BIT(CERTFIT_CURVE_SECP384R1) |
                                   BIT(CERTFIT_CURVE_BRAINPOOLP256R1));
    assert_int_equal(p.hashes, BIT(CERTFIT_HASH_SHA384) | BIT(CERTFIT_HASH_SHA512));
    assert_int_equal(p.rsa_min_bits, 3072);
    assert_int_equal(p.rsa_max_bits, 8192);
    assert_int_equal(p.lifetime_min_years, 25);
    assert_int_equal(p.expires_soon_days, 60);
    assert_true(p.require_self_signed);
    assert_true(p.time_rules_without_clock);
    assert_int_equal(p.severity[CERTFIT_RULE_EXPIRED], CERTFIT_SEV_OFF);
    assert_int_equal(p.severity[CERTFIT_RULE_NOT_YET_VALID], CERTFIT_SEV_OFF);
    assert_int_equal(p.severity[CERTFIT_RULE_SERIAL_NUMBER], CERTFIT_SEV_OFF);
    assert_int_equal(p.severity[CERTFIT_RULE_EXPIRES_SOON], CERTFIT_SEV_ERROR);
    assert_int_equal(p.severity[CERTFIT_RULE_SIGNATURE_HASH_STRENGTH], CERTFIT_SEV_OFF);
    assert_int_equal(p.severity[CERTFIT_RULE_PEM_STRAY_TEXT], CERTFIT_SEV_NOTICE);
    assert_int_equal(p.severity[CERTFIT_RULE_CREDENTIAL_SIZE], CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_SELF_SIGNED), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_LIFETIME_MIN), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&p, CERTFIT_RULE_EXPIRED), CERTFIT_SEV_OFF);

    /* a later line overrides an earlier one; an empty list allows nothing */
    assert_int_equal(parse("credential_limit = 1\ncredential_limit = 2\ncurves =\n"
                           "require_self_signed = 1\nrequire_self_signed = no\n",
                           &p, &e),
                     0);
    assert_int_equal(p.credential_limit, 2);
    assert_int_equal(p.curves, 0);
    assert_false(p.require_self_signed);
    /* the last line may lack its LF; limits at their maximum */
    assert_int_equal(parse("credential_limit = 4294967295\nheadroom_percent = 100\n"
                           "rsa_max_bits = 65535\nlifetime_min_years = 1000",
                           &p, &e),
                     0);
    assert_int_equal(p.credential_limit, 4294967295u);
    assert_int_equal(p.headroom_percent, 100);
    assert_int_equal(p.rsa_max_bits, 65535);
    assert_int_equal(p.lifetime_min_years, 1000);
}

static void test_policy_errors(void **state)
{
    (void)state;
    certfit_profile p;
    certfit_policy_error e;
    static const struct {
        const char *text;
        uint32_t line;
        const char *message;
    } k[] = {
        {"credential_limit = 4096\n# ok\ncredential_limt = 4000\n", 3,
         "unknown key 'credential_limt'"},
        {"credential_limit = abc\n", 1, "'abc' is not a whole number in range"},
        {"credential_limit = -1\n", 1, "'-1' is not a whole number in range"},
        {"credential_limit = 4294967296\n", 1, "'4294967296' is not a whole number in range"},
        {"credential_limit =\n", 1, "'' is not a whole number in range"},
        {"\n\nheadroom_percent = 101\n", 3, "'101' is not a whole number in range"},
        {"rsa_min_bits = 65536\n", 1, "'65536' is not a whole number in range"},
        {"lifetime_min_years = 30 years\n", 1, "'30 years' is not a whole number in range"},
        {"require_self_signed = maybe\n", 1, "'maybe' is not true or false"},
        {"curves = secp256r1, secp999r1\n", 1, "unknown name 'secp999r1' in list"},
        {"key_types = ec,\n", 1, "unknown name '' in list"},
        {"signature_hashes = sha256,SHA384\n", 1, "unknown name 'SHA384' in list"},
        {"severity.expired = fatal\n", 1,
         "severity must be error, warning, notice or off, not 'fatal'"},
        {"severity.expird = error\n", 1, "unknown rule 'expird'"},
        {"skip = expired, nope\n", 1, "skip: unknown rule 'nope'"},
        {"base = nrf91\nbase = generic\n", 2, "a second 'base' line ('generic')"},
        {"credential_limit 4096\n", 1, "expected 'key = value', got 'credential_limit 4096'"},
        {"ok = 1\n", 1, "unknown key 'ok'"},
        {"= 5\n", 1, "unknown key ''"},
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        int rc = parse(k[i].text, &p, &e);
        if (rc != CERTFIT_ERR_POLICY || e.line != k[i].line || strcmp(e.message, k[i].message) != 0)
            print_error("policy %zu: rc %d line %u '%s'\n", i, rc, e.line, e.message);
        assert_int_equal(rc, CERTFIT_ERR_POLICY);
        assert_int_equal(e.line, k[i].line);
        assert_string_equal(e.message, k[i].message);
    }
    /* an unknown base is CERTFIT_ERR_UNKNOWN_PROFILE, as profile.h says,
     * also when the name is longer than any profile's */
    static const struct {
        const char *text, *message;
    } b[] = {
        {"# a\nbase = nrf9160\n", "unknown profile 'nrf9160'"},
        {"# a\nbase = nrf91-p384-selfsigned-and-then-some\n",
         "unknown profile 'nrf91-p384-selfsigned-and-then-some'"},
    };
    for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
        assert_int_equal(parse(b[i].text, &p, &e), CERTFIT_ERR_UNKNOWN_PROFILE);
        assert_int_equal(e.line, 2);
        assert_string_equal(e.message, b[i].message);
    }
    /* long values are cut in the message, which stays NUL-terminated */
    char longline[512];
    memset(longline, 'x', sizeof(longline));
    memcpy(longline, "key_", 4);
    memcpy(longline + 300, " = 1\n", 6);
    assert_int_equal(certfit_policy_parse(longline, strlen(longline), &p, &e), CERTFIT_ERR_POLICY);
    assert_int_equal(e.line, 1);
    assert_true(strlen(e.message) < sizeof(e.message));
    assert_memory_equal(e.message, "unknown key 'key_xxxx", 21);
    /* a NULL error pointer is allowed */
    assert_int_equal(certfit_policy_parse("x = 1", 5, &p, NULL), CERTFIT_ERR_POLICY);
}

/* ---- certfit_profile_value ------------------------------------------------------- */

static const char *const k_keys[] = {
    "credential_limit",
    "readback_limit",
    "chain_limit",
    "max_depth",
    "headroom_percent",
    "key_types",
    "curves",
    "signature_hashes",
    "rsa_min_bits",
    "rsa_max_bits",
    "lifetime_min_years",
    "expires_soon_days",
    "require_self_signed",
    "time_rules_without_clock",
    "certificate_limit",
    "key_credential_limit",
    "ec_max_bits",
    "pem_size_without_cr",
};

static void test_profile_value(void **state)
{
    (void)state;
    char buf[256];
    certfit_profile p = get("nrf91");
    assert_int_equal(certfit_profile_value(&p, "credential_limit", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "4096");
    assert_int_equal(certfit_profile_value(&p, "key_types", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "rsa,ec");
    assert_int_equal(certfit_profile_value(&p, "curves", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "secp256r1,secp384r1");
    assert_int_equal(certfit_profile_value(&p, "signature_hashes", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "sha256,sha384,sha512");
    assert_int_equal(certfit_profile_value(&p, "require_self_signed", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "false");
    assert_int_equal(certfit_profile_value(&p, "headroom_percent", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "10");
    assert_int_equal(certfit_profile_value(&p, "rsa_min_bits", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "2048");
    assert_int_equal(certfit_profile_value(&p, "nope", buf, sizeof(buf)), CERTFIT_ERR_INVALID_ARG);
    assert_int_equal(certfit_profile_value(&p, "credential_limit", buf, 4),
                     CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(certfit_profile_value(&p, "credential_limit", buf, 5), 0);
    assert_int_equal(certfit_profile_value(&p, "curves", buf, 10), CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(certfit_profile_value(&p, "curves", buf, 20), 0);
    certfit_profile q = get("nrf91-p384-selfsigned");
    assert_int_equal(certfit_profile_value(&q, "require_self_signed", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "true");
    assert_int_equal(certfit_profile_value(&q, "lifetime_min_years", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "30");
    q.curves = 0;
    assert_int_equal(certfit_profile_value(&q, "curves", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
}

/* Every built-in profile, written back as a policy file, parses to itself. */
static void test_profile_round_trip(void **state)
{
    (void)state;
    for (size_t i = 0; i < certfit_profile_count(); i++) {
        const certfit_profile *src = certfit_profile_at(i);
        /* start from another base so that every value has to come from the text */
        char text[4096];
        size_t o = (size_t)snprintf(text, sizeof(text), "base = %s\n",
                                    certfit_profile_at((i + 1) % certfit_profile_count())->name);
        for (size_t k = 0; k < sizeof(k_keys) / sizeof(k_keys[0]); k++) {
            char v[256];
            assert_int_equal(certfit_profile_value(src, k_keys[k], v, sizeof(v)), 0);
            o += (size_t)snprintf(text + o, sizeof(text) - o, "%s = %s\n", k_keys[k], v);
        }
        for (unsigned r = 0; r < CERTFIT_RULE_COUNT; r++)
            o += (size_t)snprintf(text + o, sizeof(text) - o, "severity.%s = %s\n",
                                  certfit_rule_id((certfit_rule)r),
                                  certfit_severity_name((certfit_severity)src->severity[r]));
        assert_true(o < sizeof(text));
        certfit_profile back;
        certfit_policy_error e;
        int rc = certfit_policy_parse(text, o, &back, &e);
        if (rc != 0)
            print_error("%s: line %u: %s\n", src->name, e.line, e.message);
        assert_int_equal(rc, 0);
        assert_same_limits(&back, src);
        for (size_t k = 0; k < sizeof(k_keys) / sizeof(k_keys[0]); k++) {
            char a[256], b[256];
            assert_int_equal(certfit_profile_value(src, k_keys[k], a, sizeof(a)), 0);
            assert_int_equal(certfit_profile_value(&back, k_keys[k], b, sizeof(b)), 0);
            assert_string_equal(a, b);
        }
    }
}

/* ---- the other clients (docs/design.md section 12, lib/profiles.def) -------------- */

/* The documented limit key of profile i, or NULL. */
static const certfit_limit_doc *doc_of(size_t i, const char *key)
{
    size_t n;
    const certfit_limit_doc *d = certfit_profile_limit_docs(i, &n);
    for (size_t k = 0; k < n; k++)
        if (strcmp(d[k].key, key) == 0)
            return &d[k];
    return NULL;
}

static size_t index_of(const char *name)
{
    for (size_t i = 0; i < certfit_profile_count(); i++)
        if (strcmp(certfit_profile_at(i)->name, name) == 0)
            return i;
    fail_msg("no profile %s", name);
    return 0;
}

static void test_client_profiles(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t credential, chain, depth, cert, keycred;
        uint16_t rsa_max, ec_max;
        bool no_cr;
        certfit_severity mbedtls;
        const char *confirmed_key; /* a limit whose vendor source confirms it */
        const char *source_start;  /* its source */
    } k_clients[] = {
        {"mbedtls-default", 0, 16384, 10, 0, 0, 0, 0, false, CERTFIT_SEV_ERROR, "chain_limit",
         "Mbed-TLS/mbedtls include/mbedtls/mbedtls_config.h MBEDTLS_SSL_IN_CONTENT_LEN 16384"},
        {"esp-idf", 0, 16384, 10, 0, 0, 0, 0, false, CERTFIT_SEV_ERROR, "chain_limit",
         "espressif/esp-idf components/mbedtls/Kconfig"},
        {"esp-at", 8192, 0, 0, 0, 8192, 0, 0, false, CERTFIT_SEV_OFF, "credential_limit",
         "espressif/esp-at module_config/*/at_customize.csv"},
        {"esp8266-at", 0, 4096, 0, 0, 0, 0, 0, false, CERTFIT_SEV_OFF, "chain_limit",
         "espressif/ESP8266_NONOS_SDK issue 116"},
        {"sequans-monarch2", 8192, 0, 0, 0, 2048, 0, 0, true, CERTFIT_SEV_OFF, NULL, NULL},
        {"ubxlib", 8192, 0, 0, 0, 8192, 0, 0, false, CERTFIT_SEV_OFF, "key_credential_limit",
         "u-blox/ubxlib common/security/api/u_security_credential.h"},
        {"nina-fw", 0, 0, 0, 1300, 0, 0, 0, false, CERTFIT_SEV_OFF, "certificate_limit",
         "adafruit/nina-fw issue 42"},
        {"wolfssl-default", 0, 18466, 9, 2048, 0, 0, 0, false, CERTFIT_SEV_OFF, "max_depth",
         "wolfSSL/wolfssl wolfssl/internal.h MAX_CHAIN_DEPTH 9"},
        {"bearssl-default", 0, 0, 0, 0, 0, 4096, 528, false, CERTFIT_SEV_OFF, "ec_max_bits",
         "BearSSL src/inner.h BR_MAX_EC_SIZE 528"},
    };
    for (size_t c = 0; c < sizeof(k_clients) / sizeof(k_clients[0]); c++) {
        size_t i = index_of(k_clients[c].name);
        certfit_profile p = get(k_clients[c].name);
        assert_int_equal(p.credential_limit, k_clients[c].credential);
        assert_int_equal(p.readback_limit, 0);
        assert_int_equal(p.chain_limit, k_clients[c].chain);
        assert_int_equal(p.max_depth, k_clients[c].depth);
        assert_int_equal(p.cert_limit, k_clients[c].cert);
        assert_int_equal(p.key_credential_limit, k_clients[c].keycred);
        assert_int_equal(p.rsa_max_bits, k_clients[c].rsa_max);
        assert_int_equal(p.ec_max_bits, k_clients[c].ec_max);
        assert_int_equal(p.pem_size_without_cr, k_clients[c].no_cr);
        assert_int_equal(p.severity[CERTFIT_RULE_MBEDTLS_PARSE], k_clients[c].mbedtls);
        /* every limit documented, in the order of the policy keys */
        size_t n;
        const certfit_limit_doc *d = certfit_profile_limit_docs(i, &n);
        assert_int_equal(n, sizeof(k_keys) / sizeof(k_keys[0]));
        for (size_t k = 0; k < n; k++) {
            assert_non_null(doc_of(i, k_keys[k]));
            assert_true(strlen(d[k].source) > 10);
            /* a limit left unset says why, and is not a confirmed value */
            char v[128];
            assert_int_equal(certfit_profile_value(&p, d[k].key, v, sizeof(v)), 0);
            if (strncmp(d[k].source, "not found", 9) == 0) {
                assert_false(d[k].confirmed);
                assert_true(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
                            strchr(v, ',') != NULL);
            }
        }
        if (k_clients[c].confirmed_key != NULL) {
            const certfit_limit_doc *e = doc_of(i, k_clients[c].confirmed_key);
            assert_true(e->confirmed);
            assert_memory_equal(e->source, k_clients[c].source_start,
                                strlen(k_clients[c].source_start));
        }
    }
    /* Sequans' figures are quoted by a third party: assumptions */
    size_t s = index_of("sequans-monarch2");
    assert_false(doc_of(s, "credential_limit")->confirmed);
    assert_false(doc_of(s, "key_credential_limit")->confirmed);
    assert_false(doc_of(s, "pem_size_without_cr")->confirmed);
    /* the gates of the new limits */
    certfit_profile g = get("generic"), nina = get("nina-fw"), seq = get("sequans-monarch2");
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_CERTIFICATE_SIZE), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&nina, CERTFIT_RULE_CERTIFICATE_SIZE),
                     CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_profile_severity(&g, CERTFIT_RULE_KEY_CREDENTIAL_SIZE),
                     CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&seq, CERTFIT_RULE_KEY_CREDENTIAL_SIZE),
                     CERTFIT_SEV_ERROR);
}

static void test_policy_name(void **state)
{
    (void)state;
    certfit_profile p;
    certfit_policy_error e;
    assert_int_equal(parse("name = gateway-v2\nbase = esp-at\nec_max_bits = 384\n", &p, &e), 0);
    assert_string_equal(p.name, "gateway-v2");
    assert_int_equal(p.credential_limit, 8192);
    assert_int_equal(p.ec_max_bits, 384);
    assert_int_equal(parse("base = esp-at\n", &p, &e), 0);
    assert_string_equal(p.name, "esp-at+policy");
    assert_int_equal(parse("name = a b\n", &p, &e), CERTFIT_ERR_POLICY);
    assert_int_equal(e.line, 1);
    assert_string_equal(e.message, "name: 'a b' is not 1..31 of A-Z a-z 0-9 - _ . +");
    assert_int_equal(parse("name = \n", &p, &e), CERTFIT_ERR_POLICY);
    assert_int_equal(parse("name = abcdefghijklmnopqrstuvwxyz012345\n", &p, &e),
                     CERTFIT_ERR_POLICY);
    assert_int_equal(parse("pem_size_without_cr = true\ncertificate_limit = 1300\n"
                           "key_credential_limit = 2048\n",
                           &p, &e),
                     0);
    assert_true(p.pem_size_without_cr);
    assert_int_equal(p.cert_limit, 1300);
    assert_int_equal(p.key_credential_limit, 2048);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins),        cmocka_unit_test(test_limit_docs),
        cmocka_unit_test(test_severity_gating), cmocka_unit_test(test_rule_table),
        cmocka_unit_test(test_policy_ok),       cmocka_unit_test(test_policy_errors),
        cmocka_unit_test(test_profile_value),   cmocka_unit_test(test_profile_round_trip),
        cmocka_unit_test(test_client_profiles), cmocka_unit_test(test_policy_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
