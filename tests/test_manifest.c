/*
 * Table-driven run over tests/manifest.txt: every line names a fixture, a
 * profile, a role and a time, then the rules that must (+) or must not (-)
 * fire and the size figures. Every line is checked; failures are printed
 * with the manifest line and the test fails at the end.
 *
 * Usage: test_manifest [FIXTURES_DIR [MANIFEST]]
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_support.h"

#ifndef CERTFIT_MANIFEST
#define CERTFIT_MANIFEST "manifest.txt"
#endif

static const char *g_manifest = CERTFIT_MANIFEST;

#ifndef CERTFIT_WITH_SIGNATURES
#define CERTFIT_WITH_SIGNATURES 1
#endif

/* Rules that need signature verification to fire. */
static bool needs_signatures(certfit_rule r)
{
    return r == CERTFIT_RULE_SELF_SIGNED || r == CERTFIT_RULE_SELF_SIGNED_SIGNATURE;
}

static int g_skipped;

#define MAX_ITEMS 8

typedef struct run {
    /* union over items */
    bool fired[CERTFIT_RULE_COUNT];
    uint64_t fired_on[CERTFIT_RULE_COUNT]; /* bit per certificate index < 64 */
    certfit_sizes sizes;
    size_t items;
    char list[1024]; /* what fired, for messages */
} run;

static void record(run *r, const ts_collect *c)
{
    for (size_t i = 0; i < c->nfind; i++) {
        const certfit_finding *f = &c->findings[i];
        r->fired[f->rule] = true;
        if (f->cert >= 0 && f->cert < 64)
            r->fired_on[f->rule] |= (uint64_t)1 << f->cert;
        size_t n = strlen(r->list);
        char one[96];
        if (f->cert >= 0)
            snprintf(one, sizeof(one), "%s%s@%d(%s)", n ? " " : "", certfit_rule_id(f->rule),
                     (int)f->cert, certfit_severity_name(f->severity));
        else
            snprintf(one, sizeof(one), "%s%s(%s)", n ? " " : "", certfit_rule_id(f->rule),
                     certfit_severity_name(f->severity));
        if (n + strlen(one) + 1 < sizeof(r->list))
            strcat(r->list, one);
    }
}

static int g_failures, g_lines;

static void failf(const char *file, unsigned ln, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "manifest.txt:%u: %s: ", ln, file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    g_failures++;
}

static int check_one(const certfit_item *item, const certfit_check_opts *o, run *r,
                     const char *file, unsigned ln)
{
    ts_collect *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    int rc = ts_run(item, o, c);
    if (rc != 0) {
        failf(file, ln, "certfit_check returned %d (%s) at offset %zu", rc, certfit_strerror(rc),
              c->res.error_offset);
    }
    record(r, c);
    r->sizes = c->res.sizes;
    r->items++;
    free(c);
    return rc;
}

static bool figure(const certfit_sizes *s, const char *name, uint64_t *v)
{
    static const struct {
        const char *name;
        size_t off;
        bool u32;
    } k[] = {
        {"certs", offsetof(certfit_sizes, certs), true},
        {"der_total", offsetof(certfit_sizes, der_total), false},
        {"pem_canonical", offsetof(certfit_sizes, pem_canonical), false},
        {"credential_bytes", offsetof(certfit_sizes, credential_bytes), false},
        {"cmng_read_response", offsetof(certfit_sizes, cmng_read_response), false},
        {"tls12_certificate_message", offsetof(certfit_sizes, tls12_certificate_message), false},
        {"tls13_certificate_message", offsetof(certfit_sizes, tls13_certificate_message), false},
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        if (strcmp(k[i].name, name) != 0)
            continue;
        const uint8_t *p = (const uint8_t *)s + k[i].off;
        if (k[i].u32) {
            uint32_t x;
            memcpy(&x, p, sizeof(x));
            *v = x;
        } else {
            memcpy(v, p, sizeof(*v));
        }
        return true;
    }
    return false;
}

static void run_line(char *line, unsigned ln)
{
    char *save = NULL;
    char *file = strtok_r(line, " \t\r\n", &save);
    if (file == NULL || file[0] == '#')
        return;
    char *prof = strtok_r(NULL, " \t\r\n", &save);
    char *role = strtok_r(NULL, " \t\r\n", &save);
    char *now = strtok_r(NULL, " \t\r\n", &save);
    if (prof == NULL || role == NULL || now == NULL) {
        failf(file, ln, "malformed line");
        return;
    }
    g_lines++;
    certfit_profile pf;
    if (certfit_profile_get(prof, &pf) != 0) {
        failf(file, ln, "unknown profile %s", prof);
        return;
    }
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    if (strcmp(role, "ca") == 0) {
        o.role = CERTFIT_ROLE_CA;
    } else if (strcmp(role, "server") == 0) {
        o.role = CERTFIT_ROLE_SERVER;
    } else {
        failf(file, ln, "unknown role %s", role);
        return;
    }
    if (certfit_time_parse_rfc3339(now, &o.now) != 0) {
        failf(file, ln, "bad time %s", now);
        return;
    }
    o.clock_set = true;

    size_t len;
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", ts_fixtures_dir, file);
    uint8_t *text = ts_read_file(path, &len);
    if (text == NULL) {
        failf(file, ln, "cannot read %s", path);
        return;
    }
    run *r = calloc(1, sizeof(*r));
    assert_non_null(r);
    certfit_format fmt = certfit_input_detect(text, len);
    if (fmt == CERTFIT_FORMAT_C) {
        ts_literal lits[MAX_ITEMS];
        int n = ts_c_literals(text, len, lits, MAX_ITEMS);
        if (n < 0)
            failf(file, ln, "C literals: %s", certfit_strerror(n));
        for (int i = 0; i < n; i++) {
            if (!lits[i].has_begin)
                continue;
            certfit_item item = {
                CERTFIT_FORMAT_PEM, {lits[i].content, lits[i].len}, lits[i].line, false};
            check_one(&item, &o, r, file, ln);
        }
        if (n > 0)
            ts_free_literals(lits, (size_t)n);
    } else if (fmt == CERTFIT_FORMAT_PEM || fmt == CERTFIT_FORMAT_DER) {
        certfit_item item = {
            fmt, {text, len}, fmt == CERTFIT_FORMAT_PEM ? 1u : 0u, fmt == CERTFIT_FORMAT_PEM};
        check_one(&item, &o, r, file, ln);
    } else {
        failf(file, ln, "format not detected");
    }
    if (r->items == 0)
        failf(file, ln, "no item found");
    if (getenv("CERTFIT_MANIFEST_VERBOSE") != NULL)
        fprintf(stderr, "manifest.txt:%u: %s %s %s %s: [%s]\n", ln, file, prof, role, now, r->list);

    char *tok;
    while ((tok = strtok_r(NULL, " \t\r\n", &save)) != NULL) {
        if (tok[0] == '+' || tok[0] == '-') {
            char *at = strchr(tok + 1, '@');
            size_t idlen = at ? (size_t)(at - tok - 1) : strlen(tok + 1);
            certfit_rule rule = certfit_rule_from_id(tok + 1, idlen);
            if (rule == CERTFIT_RULE_COUNT) {
                failf(file, ln, "unknown rule in %s", tok);
                continue;
            }
            int cert = at ? atoi(at + 1) : -1;
            if (tok[0] == '+') {
                bool ok = cert >= 0 ? (r->fired_on[rule] >> cert) & 1 : r->fired[rule];
                if (!ok && !CERTFIT_WITH_SIGNATURES && needs_signatures(rule)) {
                    g_skipped++; /* built without CERTFIT_WITH_SIGNATURES */
                    continue;
                }
                if (!ok)
                    failf(file, ln, "%s %s %s: expected %s; fired: [%s]", prof, role, now, tok,
                          r->list);
            } else {
                bool bad = cert >= 0 ? (r->fired_on[rule] >> cert) & 1 : r->fired[rule];
                if (bad)
                    failf(file, ln, "%s %s %s: expected %s; fired: [%s]", prof, role, now, tok,
                          r->list);
            }
            continue;
        }
        char *eq = strchr(tok, '=');
        if (eq == NULL) {
            failf(file, ln, "bad token %s", tok);
            continue;
        }
        *eq = '\0';
        uint64_t want = strtoull(eq + 1, NULL, 10), got = 0;
        if (!figure(&r->sizes, tok, &got)) {
            failf(file, ln, "unknown figure %s", tok);
            continue;
        }
        if (r->items != 1) {
            failf(file, ln, "figure %s given for a file with %zu items", tok, r->items);
            continue;
        }
        if (got != want)
            failf(file, ln, "%s %s: %s is %llu, expected %llu", prof, role, tok,
                  (unsigned long long)got, (unsigned long long)want);
    }
    free(r);
    free(text);
}

static void test_manifest(void **state)
{
    (void)state;
    size_t len;
    uint8_t *m = ts_read_file(g_manifest, &len);
    if (m == NULL) {
        print_error("cannot read manifest %s\n", g_manifest);
        fail();
    }
    char *p = (char *)m;
    unsigned ln = 0;
    while (*p != '\0') {
        char *nl = strchr(p, '\n');
        if (nl != NULL)
            *nl = '\0';
        ln++;
        run_line(p, ln);
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    free(m);
    fprintf(stderr, "manifest: %d cases, %d failures, %d expectations skipped (no signatures)\n",
            g_lines, g_failures, g_skipped);
    assert_true(g_lines >= 90);
    assert_int_equal(g_failures, 0);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    if (argc > 2)
        g_manifest = argv[2];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manifest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
