/*
 * certfit mint and certfit header, through the built binary: the minted
 * certificate passes nrf91-p384-selfsigned in both roles, OpenSSL accepts
 * it, the key stays private; headers compile, round-trip through check, and
 * a failing credential is refused.
 * argv[1] = certfit binary, argv[2] = fixtures directory, argv[3] = C compiler.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli_run.h"
#include "json_path.h"
#include <cmocka.h>

static const char *g_bin;
static const char *g_fx;
static const char *g_cc = "cc";
static char g_tmp[256];

typedef cli_out out;

/* Run a shell command in the fixtures directory; capture stdout (stderr to a file). */
static out sh(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd %s && %s 2>%s/stderr.txt", g_fx, args, g_tmp);
    return cli_capture(cmd);
}

/* "certfit ARGS" */
static out run(const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    return sh("%s %s", g_bin, args);
}

static char *read_stderr(void)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/stderr.txt", g_tmp);
    FILE *f = fopen(path, "rb");
    static char buf[16384];
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

static void free_out(out *o)
{
    free(o->text);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static cJSON *json_of(out *o)
{
    cJSON *j = cJSON_Parse(o->text);
    if (j == NULL)
        fprintf(stderr, "invalid JSON:\n%.2000s\n", o->text);
    assert_non_null(j);
    return j;
}

/* A per-test directory under g_tmp. */
static void dir(char *out_, size_t size, const char *name)
{
    snprintf(out_, size, "%s/%s", g_tmp, name);
    mkdir(out_, 0700);
}

/* mint into D/key.pem, D/cert.pem */
static out mint(const char *d, const char *extra)
{
    return run("mint --cn 'certfit test broker' --dns localhost --ip 127.0.0.1 "
               "--key-out %s/key.pem --cert-out %s/cert.pem %s",
               d, d, extra);
}

static void assert_no_findings(const char *cert, const char *role, const char *profile)
{
    out o = run("check --profile %s --role %s -f json %s", profile, role, cert);
    if (o.code != 0)
        fprintf(stderr, "%s\n", o.text);
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    cJSON *fs = at(j, "items.0.findings");
    assert_true(cJSON_IsArray(fs));
    if (cJSON_GetArraySize(fs) != 0)
        fprintf(stderr, "%s\n", o.text);
    assert_int_equal(cJSON_GetArraySize(fs), 0);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.certificates")), 1);
    cJSON_Delete(j);
    free_out(&o);
}

static void test_mint_p384(void **state)
{
    (void)state;
    char d[300], cert[400], key[400];
    dir(d, sizeof(d), "p384");
    snprintf(cert, sizeof(cert), "%s/cert.pem", d);
    snprintf(key, sizeof(key), "%s/key.pem", d);
    out o = mint(d, "--curve secp384r1 --years 30");
    char *err = read_stderr();
    if (o.code != 0)
        fprintf(stderr, "%s%s\n", o.text, err);
    assert_int_equal(o.code, 0);

    /* the key: 0600, never printed */
    struct stat st;
    assert_int_equal(stat(key, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    size_t klen;
    char *ktext = slurp(key, &klen);
    assert_non_null(ktext);
    assert_non_null(strstr(ktext, "-----BEGIN EC PRIVATE KEY-----\n"));
    char *body = strchr(ktext, '\n') + 1; /* the first base64 line */
    char line[128];
    size_t ll = strcspn(body, "\n");
    assert_true(ll > 16 && ll < sizeof(line));
    memcpy(line, body, ll);
    line[ll] = '\0';
    assert_null(strstr(o.text, line));
    assert_null(strstr(err, line));
    assert_null(strstr(o.text, "PRIVATE KEY"));
    assert_null(strstr(err, "PRIVATE KEY"));

    /* what mint prints */
    assert_non_null(strstr(o.text, "CN=certfit test broker"));
    assert_non_null(strstr(o.text, "EC secp384r1"));
    assert_non_null(strstr(o.text, "listener 8883\n"));
    assert_non_null(strstr(o.text, "certfile "));
    assert_non_null(strstr(o.text, "/cert.pem\n"));
    assert_non_null(strstr(o.text, "keyfile "));
    assert_non_null(strstr(o.text, "/key.pem\n"));
    assert_non_null(strstr(o.text, "tls_version tlsv1.2\n"));
    assert_non_null(strstr(o.text, "certfit header --name CA_CERTIFICATE "));
    assert_non_null(strstr(o.text, "credential (%CMNG text)"));
    free_out(&o);

    /* certfit: no findings as a CA credential and as a served chain */
    assert_no_findings(cert, "ca", "nrf91-p384-selfsigned");
    assert_no_findings(cert, "server", "nrf91-p384-selfsigned");
    assert_no_findings(cert, "ca", "nrf91");

    /* OpenSSL */
    o = sh("openssl verify -CAfile %s %s", cert, cert);
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = sh("openssl x509 -noout -text -in %s", cert);
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "Signature Algorithm: ecdsa-with-SHA384"));
    assert_non_null(strstr(o.text, "CA:TRUE"));
    assert_non_null(strstr(o.text, "X509v3 Basic Constraints: critical"));
    assert_non_null(strstr(o.text, "X509v3 Key Usage: critical"));
    assert_non_null(strstr(o.text, "Digital Signature, Certificate Sign"));
    assert_non_null(strstr(o.text, "X509v3 Subject Key Identifier"));
    assert_non_null(strstr(o.text, "DNS:localhost"));
    assert_non_null(strstr(o.text, "IP Address:127.0.0.1"));
    assert_non_null(strstr(o.text, "NIST CURVE: P-384"));
    free_out(&o);
    o = sh("openssl asn1parse -in %s", cert);
    assert_int_equal(o.code, 0);
    /* notBefore (now) is UTCTime, notAfter (30 years on, after 2049) GeneralizedTime */
    char *u = strstr(o.text, "UTCTIME");
    char *g = strstr(o.text, "GENERALIZEDTIME");
    assert_non_null(u);
    assert_non_null(g);
    assert_true(u < g);
    /* ecdsa-with-SHA384 without parameters (RFC 5758 3.2; Mbed TLS 2.28 writes a NULL) */
    assert_non_null(strstr(o.text, "l=  10 cons: SEQUENCE          \n"));
    assert_null(strstr(o.text, "NULL"));
    free_out(&o);
    o = sh("openssl x509 -noout -serial -in %s", cert);
    assert_int_equal(o.code, 0);
    /* serial=HEX: positive, at most 16 octets here (<= 20 allowed) */
    assert_true(strncmp(o.text, "serial=", 7) == 0);
    size_t hexlen = strcspn(o.text + 7, "\n");
    assert_true(hexlen >= 2 && hexlen <= 32);
    free_out(&o);

    /* no overwrite without --force: exit 2, files unchanged */
    size_t clen;
    char *ctext = slurp(cert, &clen);
    o = mint(d, "");
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "exists"));
    free_out(&o);
    char *k2 = slurp(key, NULL), *c2 = slurp(cert, NULL);
    assert_string_equal(k2, ktext);
    assert_string_equal(c2, ctext);
    free(k2);
    free(c2);
    /* only the certificate exists: still refused, and no key is created */
    char lone[400];
    snprintf(lone, sizeof(lone), "%s/other-key.pem", d);
    o = run("mint --cn x --key-out %s --cert-out %s", lone, cert);
    assert_int_equal(o.code, 2);
    assert_false(exists(lone));
    free_out(&o);

    /* --force that cannot write the certificate leaves the old pair alone */
    o = run("mint --cn x --force --key-out %s --cert-out %s/no-such-dir/cert.pem", key, d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    k2 = slurp(key, NULL);
    assert_string_equal(k2, ktext);
    free(k2);
    o = sh("ls -a %s", d); /* no temporary files left behind */
    assert_null(strstr(o.text, ".pem."));
    free_out(&o);

    /* --force replaces both; the key is 0600 again even if it was not */
    assert_int_equal(chmod(key, 0644), 0);
    o = mint(d, "--force");
    assert_int_equal(o.code, 0);
    free_out(&o);
    assert_int_equal(stat(key, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    k2 = slurp(key, NULL);
    c2 = slurp(cert, NULL);
    assert_true(strcmp(k2, ktext) != 0);
    assert_true(strcmp(c2, ctext) != 0);
    free(k2);
    free(c2);
    free(ktext);
    free(ctext);
    assert_no_findings(cert, "server", "nrf91-p384-selfsigned");
}

static void test_mint_p256_and_time(void **state)
{
    (void)state;
    char d[300], cert[400];
    dir(d, sizeof(d), "p256");
    snprintf(cert, sizeof(cert), "%s/cert.pem", d);
    /* a fixed notBefore; 10 years stays before 2050: both UTCTime */
    out o = run("mint --cn 'a, b' --curve secp256r1 --years 10 --now 2026-02-28T12:00:00Z "
                "--key-out %s/key.pem --cert-out %s",
                d, cert);
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "2026-02-28T12:00:00Z .. 2036-02-28T12:00:00Z"));
    free_out(&o);
    o = sh("openssl x509 -noout -text -in %s", cert);
    assert_non_null(strstr(o.text, "Signature Algorithm: ecdsa-with-SHA256"));
    assert_non_null(strstr(o.text, "NIST CURVE: P-256"));
    /* the comma is escaped for Mbed TLS: one CN, not two attributes */
    assert_non_null(strstr(o.text, "Subject: CN = \"a, b\""));
    assert_null(strstr(o.text, "Subject Alternative Name"));
    free_out(&o);
    o = sh("openssl asn1parse -in %s", cert);
    assert_null(strstr(o.text, "GENERALIZEDTIME"));
    free_out(&o);
    o = sh("openssl verify -CAfile %s %s", cert, cert);
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = run("check --now 2026-03-01T00:00:00Z -f json %s", cert);
    assert_int_equal(o.code, 0);
    free_out(&o);
    /* the p384 profile says why it is not for the modem's recommendation */
    o = run("check --now 2026-03-01T00:00:00Z --profile nrf91-p384-selfsigned %s", cert);
    assert_int_equal(o.code, 1);
    assert_non_null(strstr(o.text, "key-algorithm"));
    assert_non_null(strstr(o.text, "lifetime-min"));
    free_out(&o);
}

static void test_mint_usage(void **state)
{
    (void)state;
    char d[300];
    dir(d, sizeof(d), "usage");
    out o = run("mint --key-out %s/k --cert-out %s/c", d, d);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "--cn"));
    free_out(&o);
    o = run("mint --cn x --cert-out %s/c", d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("mint --cn x --curve secp521r1 --key-out %s/k --cert-out %s/c", d, d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("mint --cn x --ip 300.1.1.1 --key-out %s/k --cert-out %s/c", d, d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("mint --cn x --dns 'a b' --key-out %s/k --cert-out %s/c", d, d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("mint --cn x --years 0 --key-out %s/k --cert-out %s/c", d, d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    char many[2200] = "";
    for (int i = 0; i < 10; i++)
        strcat(many,
               " --dns aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
               "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    o = run("mint --cn x %s --key-out %s/k --cert-out %s/c", many, d, d);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(read_stderr(), "credential limit"));
    free_out(&o);
    o = run("mint --cn x --key-out %s/same --cert-out %s/same", d, d);
    assert_int_equal(o.code, 2);
    free_out(&o);
    char k[400];
    snprintf(k, sizeof(k), "%s/k", d);
    assert_false(exists(k));

    /* a backslash: Mbed TLS 3.x writes it, 2.28 cannot (refused before any file exists) */
    o = run("mint --cn 'a\\b' --key-out %s/k --cert-out %s/c", d, d);
    if (o.code == 0) {
        free_out(&o);
        o = sh("openssl x509 -noout -subject -nameopt utf8 -in %s/c", d);
        assert_non_null(strstr(o.text, "CN=a\\b\n"));
    } else {
        assert_int_equal(o.code, 2);
        assert_non_null(strstr(read_stderr(), "backslash"));
        assert_false(exists(k));
    }
    free_out(&o);
}

/* Compile a C file that includes the header and asserts sizeof(NAME) - 1 == NAME_LEN. */
static int compile_header(const char *header, const char *name, bool expect_ok)
{
    char c[400], obj[400];
    snprintf(c, sizeof(c), "%s/%s_test.c", g_tmp, name);
    snprintf(obj, sizeof(obj), "%s/%s_test.o", g_tmp, name);
    FILE *f = fopen(c, "w");
    assert_non_null(f);
    fprintf(f,
            "#include \"%s\"\n"
            "#include \"%s\" /* the include guard */\n"
            "typedef char %s_sizeof_matches[(sizeof(%s) - 1 == %s_LEN) ? 1 : -1];\n"
            "const char *%s_get(void);\n"
            "const char *%s_get(void) { return %s; }\n",
            header, header, name, name, name, name, name, name);
    fclose(f);
    out o = sh("%s -std=c99 -pedantic-errors -Wall -Wextra -Werror -c %s -o %s", g_cc, c, obj);
    int code = o.code;
    if (code != 0 && expect_ok)
        fprintf(stderr, "%s\n", read_stderr());
    if (!expect_ok) /* the size assert, not something else, stops it */
        assert_non_null(strstr(read_stderr(), "fits_credential_limit"));
    free_out(&o);
    return code;
}

static void same_sizes(const char *pem, const char *header)
{
    out a = run("check --now 2026-01-01T00:00:00Z -f json %s", pem);
    out b = run("check --now 2026-01-01T00:00:00Z -f json %s", header);
    assert_int_equal(a.code, b.code);
    cJSON *ja = json_of(&a), *jb = json_of(&b);
    static const char *const keys[] = {"items.0.sizes.credential_bytes",
                                       "items.0.sizes.cmng_read_response",
                                       "items.0.sizes.der_total",
                                       "items.0.sizes.pem_canonical",
                                       "items.0.sizes.tls12_certificate_message",
                                       "items.0.sizes.tls13_certificate_message"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        assert_int_equal((long)num(ja, keys[i]), (long)num(jb, keys[i]));
    assert_int_equal(cJSON_GetArraySize(at(ja, "items.0.certificates")),
                     cJSON_GetArraySize(at(jb, "items.0.certificates")));
    assert_int_equal(cJSON_GetArraySize(at(ja, "items.0.findings")),
                     cJSON_GetArraySize(at(jb, "items.0.findings")));
    cJSON_Delete(ja);
    cJSON_Delete(jb);
    free_out(&a);
    free_out(&b);
}

static void test_header_roundtrip(void **state)
{
    (void)state;
    char d[300], cert[400], h[400];
    dir(d, sizeof(d), "header");
    snprintf(cert, sizeof(cert), "%s/cert.pem", d);

    /* a minted certificate */
    out o = run("mint --cn broker --dns localhost --key-out %s/key.pem --cert-out %s", d, cert);
    assert_int_equal(o.code, 0);
    free_out(&o);
    snprintf(h, sizeof(h), "%s/ca_certificate.h", d);
    o = run("header --name CA_CERTIFICATE --profile nrf91-p384-selfsigned -o %s %s", h, cert);
    assert_int_equal(o.code, 0);
    assert_int_equal(o.len, 0); /* -o: nothing on stdout */
    free_out(&o);
    char *ht = slurp(h, NULL);
    assert_non_null(ht);
    assert_non_null(strstr(ht, "#ifndef CERTFIT_CA_CERTIFICATE_H\n"));
    assert_non_null(
        strstr(ht, "#define CA_CERTIFICATE \\\n\"-----BEGIN CERTIFICATE-----\\n\" \\\n"));
    assert_non_null(strstr(ht, "\"-----END CERTIFICATE-----\\n\"\n"));
    assert_non_null(strstr(ht, "typedef char CA_CERTIFICATE_fits_credential_limit"
                               "[(CA_CERTIFICATE_LEN <= 4096) ? 1 : -1];"));
    assert_non_null(strstr(ht, "nrf91-p384-selfsigned"));
    assert_non_null(strstr(ht, ": PASS"));
    assert_non_null(strstr(ht, "CN=broker"));
    assert_non_null(strstr(ht, "EC secp384r1, ecdsa-with-SHA384"));
    size_t plen = 0;
    free(slurp(cert, &plen));
    char lenline[80];
    snprintf(lenline, sizeof(lenline), "#define CA_CERTIFICATE_LEN %zu\n", plen);
    assert_non_null(strstr(ht, lenline));
    free(ht);
    assert_int_equal(compile_header(h, "CA_CERTIFICATE", true), 0);
    same_sizes(cert, h);

    /* the Academy's replacement root: 904 bytes, as PEM and as header */
    snprintf(h, sizeof(h), "%s/rootca.h", d);
    o = run("header --name ROOT_CA --now 2026-01-01T00:00:00Z -o %s "
            "real/academy-mqtt-2024-10-rootca.pem",
            h);
    assert_int_equal(o.code, 0);
    free_out(&o);
    assert_int_equal(compile_header(h, "ROOT_CA", true), 0);
    same_sizes("real/academy-mqtt-2024-10-rootca.pem", h);
    o = run("check -f json --now 2026-01-01T00:00:00Z %s", h);
    cJSON *j = json_of(&o);
    assert_int_equal((int)num(j, "items.0.sizes.credential_bytes"), 904);
    cJSON_Delete(j);
    free_out(&o);
    ht = slurp(h, NULL);
    assert_non_null(strstr(ht, "#define ROOT_CA_LEN 904\n"));
    assert_non_null(strstr(ht, "signature-hash-strength")); /* the notice, in the comment */
    free(ht);

    /* stdout without -o: the same header */
    o = run("header --name ROOT_CA --now 2026-01-01T00:00:00Z "
            "real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 0);
    ht = slurp(h, NULL);
    assert_string_equal(o.text, ht);
    free(ht);
    free_out(&o);
}

static void test_header_refuses(void **state)
{
    (void)state;
    char d[300], h[400];
    dir(d, sizeof(d), "refuse");
    snprintf(h, sizeof(h), "%s/bundle.h", d);
    out o = run("header --name CA_CERTIFICATE -o %s real/academy-mqtt-2024-06-bundle.pem", h);
    assert_int_equal(o.code, 1);
    assert_int_equal(o.len, 0);
    assert_non_null(strstr(read_stderr(), "credential-size"));
    assert_non_null(strstr(read_stderr(), "nothing written"));
    free_out(&o);
    assert_false(exists(h));
    /* without -o: nothing on stdout either */
    o = run("header --name CA_CERTIFICATE real/academy-mqtt-2024-06-bundle.pem");
    assert_int_equal(o.code, 1);
    assert_int_equal(o.len, 0);
    free_out(&o);

    /* --force writes it; its compile-time assert then stops the build */
    o = run("header --force --name CA_CERTIFICATE -o %s real/academy-mqtt-2024-06-bundle.pem", h);
    assert_int_equal(o.code, 0);
    free_out(&o);
    assert_true(exists(h));
    char *ht = slurp(h, NULL);
    assert_non_null(strstr(ht, "FAIL"));
    assert_non_null(strstr(ht, "#define CA_CERTIFICATE_LEN 5278\n"));
    free(ht);
    same_sizes("real/academy-mqtt-2024-06-bundle.pem", h);
    assert_int_not_equal(compile_header(h, "CA_CERTIFICATE", false), 0);

    /* usage errors */
    o = run("header real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("header --name 9BAD real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("header --name X --profile nope real/academy-mqtt-2024-10-rootca.pem");
    assert_int_equal(o.code, 2);
    free_out(&o);
    o = run("header --name X %s/does-not-exist.pem", d);
    assert_int_equal(o.code, 2);
    free_out(&o);
}

/* CRLF and characters C would misread survive byte for byte. */
static void test_header_escapes(void **state)
{
    (void)state;
    char d[300], pem[400], h[400];
    dir(d, sizeof(d), "escapes");
    snprintf(pem, sizeof(pem), "%s/crlf.pem", d);
    snprintf(h, sizeof(h), "%s/crlf.h", d);
    size_t len = 0;
    char path[400];
    snprintf(path, sizeof(path), "%s/real/academy-mqtt-2024-10-rootca.pem", g_fx);
    char *src = slurp(path, &len);
    assert_non_null(src);
    FILE *f = fopen(pem, "wb");
    assert_non_null(f);
    fputs("note: \"quoted\" \\ ?\?/ trigraph\r\n", f); /* ?\? : no trigraph here */
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\n')
            fputc('\r', f);
        fputc(src[i], f);
    }
    fclose(f);
    free(src);
    out o = run("header --name CRLF --now 2026-01-01T00:00:00Z -o %s %s", h, pem);
    assert_int_equal(o.code, 0); /* CRLF and stray text are warnings */
    free_out(&o);
    char *ht = slurp(h, NULL);
    assert_non_null(strstr(ht, "\"-----BEGIN CERTIFICATE-----\\r\\n\" \\\n"));
    assert_non_null(strstr(ht, "\"note: \\\"quoted\\\" \\\\ \\?\\?/ trigraph\\r\\n\" \\\n"));
    free(ht);
    assert_int_equal(compile_header(h, "CRLF", true), 0);
    same_sizes(pem, h);
}

static int setup(void **state)
{
    (void)state;
    snprintf(g_tmp, sizeof(g_tmp), "/tmp/certfit-mint-XXXXXX");
    assert_non_null(mkdtemp(g_tmp));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_tmp);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_mint_header CERTFIT FIXTURES [CC]\n");
        return 2;
    }
    g_bin = argv[1];
    g_fx = argv[2];
    if (argc > 3)
        g_cc = argv[3];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mint_p384),      cmocka_unit_test(test_mint_p256_and_time),
        cmocka_unit_test(test_mint_usage),     cmocka_unit_test(test_header_roundtrip),
        cmocka_unit_test(test_header_refuses), cmocka_unit_test(test_header_escapes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
