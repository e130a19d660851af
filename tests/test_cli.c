/*
 * CLI tests: run the built certfit binary, check exit codes, and parse its
 * JSON and SARIF with cJSON (an independent parser) field by field.
 * argv[1] = path of the certfit binary, argv[2] = the fixtures directory.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "cli_run.h"
#include "json_path.h"
#include <mbedtls/base64.h>

static const char *g_bin;
static const char *g_fx;
static char g_tmp[256];
static const char *NOW = "--now 2026-01-01T00:00:00Z";

typedef cli_out out;

/* Run "certfit ARGS" through the shell; capture stdout (stderr to a file). */
static out run(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd %s && %s %s 2>%s/stderr.txt", g_fx, g_bin, args, g_tmp);
    return cli_capture(cmd);
}

static char *read_stderr(void)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/stderr.txt", g_tmp);
    FILE *f = fopen(path, "rb");
    static char buf[8192];
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

static cJSON *json_of(out *o)
{
    cJSON *j = cJSON_Parse(o->text);
    if (j == NULL)
        fprintf(stderr, "invalid JSON:\n%.2000s\n", o->text);
    assert_non_null(j);
    return j;
}

/* Rule ids of an item's findings, as " id@cert id@cert " for strstr. */
static void rules_of(cJSON *item, char *buf, size_t size)
{
    size_t o = 0;
    buf[o++] = ' ';
    cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItem(item, "findings"))
    {
        cJSON *c = cJSON_GetObjectItem(f, "certificate");
        int n = snprintf(buf + o, size - o, "%s@%s ", cJSON_GetObjectItem(f, "rule")->valuestring,
                         cJSON_IsNumber(c) ? (c->valueint == 0 ? "0" : c->valueint == 1 ? "1" : c->valueint == 2 ? "2" : "n") : "-");
        o += (size_t)n;
    }
    buf[o] = '\0';
}

static void free_out(out *o)
{
    free(o->text);
}

static void test_exit_codes(void **state)
{
    (void)state;
    out o;
    o = run("check %s real/academy-mqtt-2024-10-rootca.pem", NOW);
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = run("check %s real/academy-mqtt-2024-06-bundle.pem", NOW);
    assert_int_equal(o.code, 1);
    free_out(&o);
    o = run("check %s --fail-on notice real/academy-mqtt-2024-10-rootca.pem", NOW);
    assert_int_equal(o.code, 1); /* signature-hash-strength is a notice */
    free_out(&o);
    o = run("check %s --fail-on warning real/academy-mqtt-2024-10-rootca.pem", NOW);
    assert_int_equal(o.code, 1); /* ca-key-usage: the RootCA has no keyUsage */
    free_out(&o);
    o = run("check %s --fail-on warning --skip ca-key-usage real/academy-mqtt-2024-10-rootca.pem",
            NOW);
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = run("check %s --fail-on never real/academy-mqtt-2024-06-bundle.pem", NOW);
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = run("check %s real/does-not-exist.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(o.text, "cannot read"));
    free_out(&o);
    o = run("check %s real/README.md", NOW);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(o.text, "no certificate found"));
    free_out(&o);
    o = run("check --bogus real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "unknown option '--bogus'"));
    free_out(&o);
    o = run("check --now yesterday real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "RFC 3339"));
    free_out(&o);
    o = run("check --profile nrf92 real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "unknown profile 'nrf92'"));
    free_out(&o);
    o = run("check --format xml real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("check --skip no-such-rule real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("check");
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("frobnicate");
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "unknown command 'frobnicate'"));
    free_out(&o);
    o = run("check --help");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "--fail-on"));
    free_out(&o);
    o = run("--help");
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = run("version");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "certfit 0.1.0"));
    assert_non_null(strstr(o.text, "\nMbed TLS "));
    assert_non_null(strstr(o.text, "signature verification: compiled in"));
    free_out(&o);
}

static void test_json_bundle(void **state)
{
    (void)state;
    out o = run("check %s -f json real/academy-mqtt-2024-06-bundle.pem "
                "real/academy-mqtt-2024-06-certificate.h real/academy-mqtt-2024-10-rootca.pem",
                NOW);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    assert_int_equal((int)num(j, "schema"), 1);
    assert_string_equal(str(j, "tool.name"), "certfit");
    assert_string_equal(str(j, "profile"), "nrf91");
    assert_string_equal(str(j, "role"), "ca");
    assert_string_equal(str(j, "now"), "2026-01-01T00:00:00Z");
    assert_int_equal(cJSON_GetArraySize(at(j, "items")), 3);
    /* the bundle */
    assert_string_equal(str(j, "items.0.path"), "real/academy-mqtt-2024-06-bundle.pem");
    assert_true(cJSON_IsNull(at(j, "items.0.name")));
    assert_string_equal(str(j, "items.0.format"), "pem");
    assert_int_equal((int)num(j, "items.0.certificates.0.der_bytes"), 1076);
    assert_int_equal((int)num(j, "items.0.certificates.1.der_bytes"), 1306);
    assert_int_equal((int)num(j, "items.0.certificates.2.der_bytes"), 1391);
    assert_int_equal((int)num(j, "items.0.certificates.2.pem_bytes"), 1939);
    assert_string_equal(str(j, "items.0.certificates.2.subject"),
                        "CN=ISRG Root X1,O=Internet Security Research Group,C=US");
    assert_true(cJSON_IsTrue(at(j, "items.0.certificates.2.self_signed")));
    assert_true(cJSON_IsFalse(at(j, "items.0.certificates.0.ca")));
    assert_int_equal((int)num(j, "items.0.sizes.der_total"), 3773);
    assert_int_equal((int)num(j, "items.0.sizes.pem_canonical"), 5278);
    assert_int_equal((int)num(j, "items.0.sizes.credential_bytes"), 5278);
    assert_int_equal((int)num(j, "items.0.sizes.cmng_read_response"), 5374);
    assert_int_equal((int)num(j, "items.0.sizes.tls12_certificate_message"), 3789);
    assert_int_equal((int)num(j, "items.0.sizes.tls13_certificate_message"), 3796);
    assert_true(cJSON_IsNull(at(j, "items.0.error")));
    char rules[2048];
    rules_of(at(j, "items.0"), rules, sizeof(rules));
    assert_non_null(strstr(rules, " credential-size@- "));
    assert_non_null(strstr(rules, " credential-readback@- "));
    assert_non_null(strstr(rules, " ca-slot-bundle@2 "));
    assert_non_null(strstr(rules, " expired@0 "));
    cJSON *f;
    cJSON_ArrayForEach(f, at(j, "items.0.findings"))
    {
        if (strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, "credential-size") == 0) {
            assert_string_equal(cJSON_GetObjectItem(f, "severity")->valuestring, "error");
            assert_non_null(strstr(cJSON_GetObjectItem(f, "message")->valuestring, "5278"));
        }
        if (strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, "ca-slot-bundle") == 0)
            assert_string_equal(cJSON_GetObjectItem(f, "fix")->valuestring,
                                "keep only ISRG Root X1 in the CA slot: 1939 bytes instead of 5278");
    }
    /* the C header: same figures, named */
    assert_string_equal(str(j, "items.1.name"), "CA_CERTIFICATE");
    assert_string_equal(str(j, "items.1.format"), "c");
    assert_int_equal((int)num(j, "items.1.sizes.credential_bytes"), 5278);
    assert_int_equal((int)num(j, "items.1.sizes.tls12_certificate_message"), 3789);
    /* RootCA */
    assert_string_equal(str(j, "items.2.certificates.0.key.type"), "ec");
    assert_string_equal(str(j, "items.2.certificates.0.key.curve"), "secp384r1");
    assert_int_equal((int)num(j, "items.2.certificates.0.key.bits"), 384);
    assert_string_equal(str(j, "items.2.certificates.0.signature_algorithm"), "ecdsa-with-SHA256");
    assert_string_equal(str(j, "items.2.certificates.0.not_before"), "2024-09-12T14:26:11Z");
    assert_string_equal(str(j, "items.2.certificates.0.not_after"), "2027-07-03T14:26:11Z");
    assert_string_equal(str(j, "items.2.certificates.0.serial"),
                        "7f215493e7e405736a56bdd5cbaa48f16b288a53");
    assert_string_equal(str(j, "items.2.certificates.0.sha256"),
                        "d0f9d6472b76695541d8c9b8031754293ca61b870feb8f1d278d0520aa3acd18");
    assert_true(cJSON_IsTrue(at(j, "items.2.certificates.0.self_signed")));
    assert_true(cJSON_IsTrue(at(j, "items.2.certificates.0.ca")));
    assert_int_equal((int)num(j, "items.2.sizes.der_total"), 626);
    assert_int_equal((int)num(j, "items.2.sizes.credential_bytes"), 904);
    assert_int_equal((int)num(j, "items.2.sizes.cmng_read_response"), 1000);
    assert_int_equal((int)num(j, "items.2.sizes.tls12_certificate_message"), 636);
    assert_int_equal((int)num(j, "items.2.sizes.tls13_certificate_message"), 639);
    assert_int_equal((int)num(j, "summary.items"), 3);
    assert_true(cJSON_IsFalse(at(j, "summary.passed")));
    cJSON_Delete(j);
    free_out(&o);

    /* --no-signatures: self_signed is null */
    o = run("check %s -f json --no-signatures real/academy-mqtt-2024-10-rootca.pem", NOW);
    j = json_of(&o);
    assert_true(cJSON_IsNull(at(j, "items.0.certificates.0.self_signed")));
    cJSON_Delete(j);
    free_out(&o);
    /* --sec-tag changes the read-back figure: 1 digit instead of 10 */
    o = run("check %s -f json --sec-tag 7 real/academy-mqtt-2024-10-rootca.pem", NOW);
    j = json_of(&o);
    assert_int_equal((int)num(j, "items.0.sizes.cmng_read_response"), 991);
    cJSON_Delete(j);
    free_out(&o);
}

static void test_profile_lifetime(void **state)
{
    (void)state;
    out o = run("check %s -f json -p nrf91-p384-selfsigned real/academy-mqtt-2024-10-rootca.pem",
                NOW);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    char rules[1024];
    rules_of(at(j, "items.0"), rules, sizeof(rules));
    assert_non_null(strstr(rules, " lifetime-min@0 "));
    assert_non_null(strstr(rules, " signature-hash-strength@0 "));
    assert_string_equal(str(j, "profile"), "nrf91-p384-selfsigned");
    cJSON_Delete(j);
    free_out(&o);
}

static void test_skip_and_policy(void **state)
{
    (void)state;
    out o = run("check %s --skip expired,credential-size real/academy-mqtt-2024-06-bundle.pem",
                NOW);
    assert_int_equal(o.code, 0); /* what remains are warnings */
    free_out(&o);
    char pol[300];
    snprintf(pol, sizeof(pol), "%s/tight.policy", g_tmp);
    FILE *f = fopen(pol, "w");
    fputs("# a tighter slot\nbase = nrf91\ncredential_limit = 800\n", f);
    fclose(f);
    o = run("check %s -f json --policy %s real/academy-mqtt-2024-10-rootca.pem", NOW, pol);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    char rules[1024];
    rules_of(at(j, "items.0"), rules, sizeof(rules));
    assert_non_null(strstr(rules, " credential-size@- "));
    cJSON_Delete(j);
    free_out(&o);
    f = fopen(pol, "w");
    fputs("credential_limit = 6000\nreadback_limit = 6000\nskip = expired\n", f);
    fclose(f);
    o = run("check %s --policy %s real/academy-mqtt-2024-06-bundle.pem", NOW, pol);
    assert_int_equal(o.code, 0);
    free_out(&o);
    f = fopen(pol, "w");
    fputs("base = nrf91\n\ncredential_limt = 6000\n", f);
    fclose(f);
    o = run("check %s --policy %s real/academy-mqtt-2024-06-bundle.pem", NOW, pol);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "tight.policy:3: unknown key 'credential_limt'"));
    free_out(&o);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void copy_file(const char *from, const char *to)
{
    char cmd[2560];
    snprintf(cmd, sizeof(cmd), "cp %s/%s %s", g_fx, from, to);
    assert_int_equal(system(cmd), 0);
}

static void test_directory_walk(void **state)
{
    (void)state;
    char d[300], p[1024];
    snprintf(d, sizeof(d), "%s/walk", g_tmp);
    snprintf(p, sizeof(p), "rm -rf %s && mkdir -p %s/sub", d, d);
    assert_int_equal(system(p), 0);
    snprintf(p, sizeof(p), "%s/good.pem", d);
    copy_file("real/academy-mqtt-2024-10-rootca.pem", p);
    snprintf(p, sizeof(p), "%s/sub/good2.crt", d);
    copy_file("real/letsencrypt/isrg-root-x2.pem", p);
    snprintf(p, sizeof(p), "%s/bad.pem", d);
    write_file(p, "-----BEGIN CERTIFICATE-----\nMIIB@@@@\n-----END CERTIFICATE-----\n");
    snprintf(p, sizeof(p), "%s/notes.txt", d);
    write_file(p, "not a certificate, and not read\n");
    snprintf(p, sizeof(p), "%s/plain.h", d);
    write_file(p, "#define VERSION \"1.0\"\n");
    snprintf(p, sizeof(p), "ln -s .. %s/sub/loop", d);
    assert_int_equal(system(p), 0);
    out o = run("check %s -f json %s", NOW, d);
    assert_int_equal(o.code, 2);
    cJSON *j = json_of(&o);
    int n = cJSON_GetArraySize(at(j, "items"));
    int good = 0, bad = 0, loop = 0;
    for (int i = 0; i < n; i++) {
        cJSON *it = cJSON_GetArrayItem(at(j, "items"), i);
        const char *path = cJSON_GetObjectItem(it, "path")->valuestring;
        cJSON *err = cJSON_GetObjectItem(it, "error");
        if (strstr(path, "good") != NULL) {
            assert_true(cJSON_IsNull(err));
            assert_true(cJSON_IsObject(cJSON_GetObjectItem(it, "sizes")));
            good++;
        } else if (strstr(path, "bad.pem") != NULL) {
            assert_true(cJSON_IsString(err));
            assert_non_null(strstr(err->valuestring, "invalid base64"));
            assert_non_null(strstr(err->valuestring, "offset 32"));
            bad++;
        } else if (strstr(path, "loop") != NULL) {
            assert_non_null(strstr(err->valuestring, "loop"));
            loop++;
        } else {
            fail_msg("unexpected item %s", path);
        }
    }
    assert_int_equal(good, 2);
    assert_int_equal(bad, 1);
    assert_int_equal(loop, 1);
    cJSON_Delete(j);
    free_out(&o);
}

static void test_stdin(void **state)
{
    (void)state;
    out o = run("check %s -f json - < real/academy-mqtt-2024-10-rootca.pem", NOW);
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    assert_string_equal(str(j, "items.0.path"), "-");
    assert_int_equal((int)num(j, "items.0.sizes.credential_bytes"), 904);
    cJSON_Delete(j);
    free_out(&o);
}

static void test_host(void **state)
{
    (void)state;
    out o = run("check %s -f json -r server --host mqtt.example.org gen/chain-served.pem", NOW);
    cJSON *j = json_of(&o);
    char rules[1024];
    rules_of(at(j, "items.0"), rules, sizeof(rules));
    assert_non_null(strstr(rules, " hostname-mismatch@0 "));
    assert_int_equal(o.code, 1);
    cJSON_Delete(j);
    free_out(&o);
    o = run("check %s -f json -r server --host a.iot.example.com gen/chain-served.pem", NOW);
    j = json_of(&o);
    rules_of(at(j, "items.0"), rules, sizeof(rules));
    assert_null(strstr(rules, "hostname-mismatch"));
    cJSON_Delete(j);
    free_out(&o);
}

static void test_sarif(void **state)
{
    (void)state;
    out o = run("check %s -f sarif real/academy-mqtt-2024-06-bundle.pem "
                "real/academy-mqtt-2024-06-certificate.h",
                NOW);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    assert_string_equal(str(j, "version"), "2.1.0");
    assert_int_equal(cJSON_GetArraySize(at(j, "runs")), 1);
    assert_string_equal(str(j, "runs.0.tool.driver.name"), "certfit");
    cJSON *rules = at(j, "runs.0.tool.driver.rules");
    out r = run("rules -f json");
    cJSON *rl = json_of(&r);
    assert_int_equal(cJSON_GetArraySize(rules), cJSON_GetArraySize(rl));
    cJSON *rule;
    int i = 0;
    cJSON_ArrayForEach(rule, rules)
    {
        assert_string_equal(cJSON_GetObjectItem(rule, "id")->valuestring,
                            cJSON_GetObjectItem(cJSON_GetArrayItem(rl, i), "id")->valuestring);
        assert_true(cJSON_IsString(at(rule, "shortDescription.text")));
        assert_true(cJSON_IsString(at(rule, "help.text")));
        const char *lvl = str(rule, "defaultConfiguration.level");
        assert_true(!strcmp(lvl, "error") || !strcmp(lvl, "warning") || !strcmp(lvl, "note"));
        i++;
    }
    cJSON_Delete(rl);
    free_out(&r);
    int seen_r3 = 0, seen_h = 0;
    cJSON *res;
    cJSON_ArrayForEach(res, at(j, "runs.0.results"))
    {
        const char *id = str(res, "ruleId");
        assert_true(cJSON_IsNumber(at(res, "ruleIndex")));
        assert_string_equal(
            cJSON_GetObjectItem(cJSON_GetArrayItem(rules, at(res, "ruleIndex")->valueint), "id")
                ->valuestring,
            id);
        assert_true(cJSON_IsString(at(res, "message.text")));
        const char *uri = str(res, "locations.0.physicalLocation.artifactLocation.uri");
        int line = (int)num(res, "locations.0.physicalLocation.region.startLine");
        cJSON *cert = at(res, "properties.certificate");
        if (strcmp(id, "expired") == 0 && cJSON_IsNumber(cert) && cert->valueint == 1 &&
            strstr(uri, "bundle.pem")) {
            assert_int_equal(line, 26); /* R3's BEGIN line */
            assert_string_equal(str(res, "level"), "error");
            seen_r3++;
        }
        if (strstr(uri, "certificate.h")) {
            assert_int_equal(line, 2); /* the literal's line */
            seen_h++;
        }
        if (strcmp(id, "credential-readback") == 0)
            assert_string_equal(str(res, "level"), "warning");
    }
    assert_int_equal(seen_r3, 1);
    assert_true(seen_h >= 5);
    assert_true(cJSON_IsTrue(at(j, "runs.0.invocations.0.executionSuccessful")));
    cJSON_Delete(j);
    free_out(&o);
}

/* rules --format json: every column of the rule table (rules.def) */
static void test_rules_columns(void **state)
{
    (void)state;
    out r = run("rules -f json");
    assert_int_equal(r.code, 0);
    cJSON *rl = json_of(&r);
    int n = 0, clock = 0, size = 0, hard = 0, zlint = 0;
    cJSON *rule;
    cJSON_ArrayForEach(rule, rl)
    {
        const char *id = cJSON_GetObjectItem(rule, "id")->valuestring;
        assert_true(cJSON_IsString(cJSON_GetObjectItem(rule, "category")));
        assert_true(cJSON_IsArray(cJSON_GetObjectItem(rule, "details")));
        cJSON *z = cJSON_GetObjectItem(rule, "zlint");
        assert_true(cJSON_IsArray(z));
        zlint += cJSON_GetArraySize(z) > 0;
        if (strcmp(id, "ec-curve") == 0) {
            assert_int_equal(cJSON_GetArraySize(z), 1);
            assert_string_equal(cJSON_GetArrayItem(z, 0)->valuestring, "e_ec_improper_curves");
            assert_string_equal(str(rule, "limit"), "curves");
        }
        if (strcmp(id, "certificate-size") == 0)
            assert_string_equal(str(rule, "limit"), "certificate_limit");
        if (strcmp(id, "chain-size") == 0)
            assert_int_equal(cJSON_GetArraySize(z), 0);
        clock += cJSON_IsTrue(cJSON_GetObjectItem(rule, "clock"));
        size += cJSON_IsTrue(cJSON_GetObjectItem(rule, "size"));
        hard += cJSON_IsTrue(cJSON_GetObjectItem(rule, "hard_limit"));
        if (strcmp(id, "credential-size") == 0) {
            assert_string_equal(str(rule, "category"), "size");
            assert_string_equal(str(rule, "limit"), "credential_limit");
            assert_true(cJSON_IsTrue(cJSON_GetObjectItem(rule, "hard_limit")));
        }
        if (strcmp(id, "expires-soon") == 0) {
            assert_string_equal(str(rule, "category"), "time");
            assert_true(cJSON_IsTrue(cJSON_GetObjectItem(rule, "clock")));
            assert_true(cJSON_IsNull(cJSON_GetObjectItem(rule, "limit")));
        }
        if (strcmp(id, "tls-version") == 0)
            assert_string_equal(str(rule, "category"), "handshake");
        if (strcmp(id, "chain-order") == 0) {
            cJSON *d = cJSON_GetObjectItem(rule, "details");
            assert_int_equal(cJSON_GetArraySize(d), 2);
            assert_int_equal(at(d, "0.code")->valueint, 1);
            assert_string_equal(str(d, "0.name"), "CERTFIT_DETAIL_CHAIN_ORDER_NAMES");
            assert_int_equal(at(d, "1.code")->valueint, 2);
        }
        if (strcmp(id, "der-strict") == 0) {
            cJSON *d = cJSON_GetObjectItem(rule, "details");
            assert_true(cJSON_IsNull(at(d, "0.code")));
            assert_string_equal(str(d, "0.name"), "certfit_strict");
        }
        n++;
    }
    assert_true(n >= 31);
    assert_int_equal(clock, 3);  /* expired, not-yet-valid, expires-soon */
    assert_int_equal(size, 7);   /* docs/design.md section 4 "Size" */
    assert_int_equal(hard, 2);   /* credential-size, credential-readback */
    assert_int_equal(zlint, 17); /* serial-number, time-encoding and the 15 hygiene rules */
    cJSON_Delete(rl);
    free_out(&r);
}

static void test_rules_explained(void **state)
{
    (void)state;
    out r = run("rules -f json");
    assert_int_equal(r.code, 0);
    cJSON *rl = json_of(&r);
    int n = 0;
    cJSON *rule;
    cJSON_ArrayForEach(rule, rl)
    {
        const char *id = cJSON_GetObjectItem(rule, "id")->valuestring;
        out e = run("explain %s", id);
        assert_int_equal(e.code, 0);
        assert_non_null(strstr(e.text, id));
        assert_non_null(strstr(e.text, "Why it matters"));
        assert_non_null(strstr(e.text, "How to fix"));
        free_out(&e);
        n++;
    }
    assert_int_equal(n, 52);
    cJSON_Delete(rl);
    free_out(&r);
    out e = run("explain no-such-rule");
    assert_int_equal(e.code, 2);
    free_out(&e);
    out p = run("profiles -f json");
    assert_int_equal(p.code, 0);
    cJSON *pj = json_of(&p);
    assert_string_equal(str(pj, "0.name"), "nrf91");
    assert_string_equal(str(pj, "0.limits.0.key"), "credential_limit");
    assert_string_equal(str(pj, "0.limits.0.value"), "4096");
    cJSON_Delete(pj);
    free_out(&p);
}

/* A certificate whose names hold a quote, a backslash, a control character
 * and bytes that are not UTF-8: the JSON must still parse. */
static void test_json_hostile_names(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof(path), "%s/rootca.der", g_tmp);
    char cmd[800];
    snprintf(cmd, sizeof(cmd),
             "openssl x509 -in %s/real/academy-mqtt-2024-10-rootca.pem -outform DER -out %s", g_fx,
             path);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(path, "rb");
    unsigned char der[2048];
    size_t n = fread(der, 1, sizeof(der), f);
    fclose(f);
    int replaced = 0;
    for (size_t i = 0; i + 6 <= n; i++) {
        if (memcmp(der + i, "RootCA", 6) == 0) {
            memcpy(der + i, "\"\\\x01\xff\xc3<", 6);
            replaced++;
        }
    }
    assert_int_equal(replaced, 2);
    unsigned char b64[4096];
    size_t bl;
    assert_int_equal(mbedtls_base64_encode(b64, sizeof(b64), &bl, der, n), 0);
    snprintf(path, sizeof(path), "%s/hostile.pem", g_tmp);
    f = fopen(path, "w");
    fputs("-----BEGIN CERTIFICATE-----\n", f);
    for (size_t i = 0; i < bl; i += 64)
        fprintf(f, "%.*s\n", (int)(bl - i < 64 ? bl - i : 64), b64 + i);
    fputs("-----END CERTIFICATE-----\n", f);
    fclose(f);
    for (int fmt = 0; fmt < 2; fmt++) {
        out o = run("check %s -f %s %s", NOW, fmt ? "sarif" : "json", path);
        cJSON *j = json_of(&o);
        if (fmt == 0) {
            const char *subj = str(j, "items.0.certificates.0.subject");
            /* RFC 4514 escapes, then JSON: the parsed string holds them verbatim */
            assert_non_null(strstr(subj, "CN=\\\"\\\\\\01\\FF\\C3\\<"));
            char rules[512];
            rules_of(at(j, "items.0"), rules, sizeof(rules));
            assert_non_null(strstr(rules, " self-signed-signature@0 "));
        }
        cJSON_Delete(j);
        free_out(&o);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_cli CERTFIT FIXTURES\n");
        return 2;
    }
    g_bin = argv[1];
    g_fx = argv[2];
    snprintf(g_tmp, sizeof(g_tmp), "/tmp/certfit-test-cli-%ld", (long)getpid());
    mkdir(g_tmp, 0700);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_codes),     cmocka_unit_test(test_json_bundle),
        cmocka_unit_test(test_profile_lifetime), cmocka_unit_test(test_skip_and_policy),
        cmocka_unit_test(test_directory_walk), cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_host),           cmocka_unit_test(test_sarif),
        cmocka_unit_test(test_rules_explained), cmocka_unit_test(test_rules_columns), cmocka_unit_test(test_json_hostile_names),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", g_tmp);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
