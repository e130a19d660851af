/*
 * Hostile inputs, deterministic: every certificate of fixtures/real, cut at
 * every length (as DER and as canonical PEM) and changed one byte at a time
 * (0x00, 0xFF, 0x80, 0x7F and x ^ 0x01) at every offset of its first 256
 * bytes and of its validity and subjectPublicKeyInfo fields.
 *
 * Library (in-process; under ASan in `make test-asan`):
 *   - every return code is 0 or a code of the error table, and res.error
 *     agrees with it;
 *   - every view the scanner returns lies inside the input;
 *   - a cut certificate is never "clean": an error, or findings;
 *   - a changed certificate that passes with no finding scans with no
 *     strict-DER violation (it is a well-formed certificate, just another one).
 * CLI: every 16th mutant is written to a file and the CLI runs over them in
 * batches: it exits 0, 1 or 2 (never a signal) and its JSON summary counts
 * one item per file.
 *
 *   test_hostile_mutations FIXTURES_DIR CERTFIT_CLI WORK_DIR
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

#define CLI_EVERY      16
#define CLI_BATCH      64
#define NOW_2026_11_26 INT64_C(1795651200)

static const char *g_cli, *g_work;
static unsigned g_failures;
static unsigned long g_checks, g_errors, g_findings, g_clean, g_cli_runs, g_cli_files;
static unsigned long g_mutant_seq;
static char *g_batch[CLI_BATCH];
static size_t g_nbatch;

static void failure(const char *where, const char *fmt, const char *a, size_t b)
{
    fprintf(stderr, "FAIL %s: ", where);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    if (++g_failures > 50) {
        fprintf(stderr, "too many failures\n");
        exit(1);
    }
}

static bool known_rc(int rc)
{
    return rc == 0 || (rc < 0 && rc >= CERTFIT_ERR_NOT_FOUND &&
                       strcmp(certfit_strerror(rc), "unknown error") != 0);
}

static bool inside(certfit_view v, const uint8_t *p, size_t len)
{
    if (v.len == 0)
        return true;
    return v.p >= p && v.p <= p + len && v.len <= (size_t)(p + len - v.p);
}

static void sink_finding(void *ctx, const certfit_finding *f)
{
    char buf[256];
    (void)ctx;
    /* the host formats every finding: exercise it on hostile values too */
    (void)certfit_finding_message(f, buf, sizeof(buf));
    (void)certfit_finding_fix(f, buf, sizeof(buf));
}

/* Run the CLI over the files of the current batch. */
static void flush_cli(void)
{
    if (g_nbatch == 0 || g_cli == NULL)
        return;
    char out[512];
    snprintf(out, sizeof(out), "%s/cli-out.json", g_work);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        FILE *o = freopen(out, "w", stdout);
        if (o == NULL)
            _exit(126);
        char *argv[CLI_BATCH + 8];
        int n = 0;
        argv[n++] = (char *)g_cli;
        argv[n++] = "check";
        argv[n++] = "--format";
        argv[n++] = "json";
        argv[n++] = "--now";
        argv[n++] = "2026-11-26T00:00:00Z";
        for (size_t i = 0; i < g_nbatch; i++)
            argv[n++] = g_batch[i];
        argv[n] = NULL;
        execv(g_cli, argv);
        _exit(127);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid) {
        failure("cli", "cannot run %s%zu", g_cli, 0);
        return;
    }
    g_cli_runs++;
    if (WIFSIGNALED(st)) {
        failure(g_batch[0], "CLI killed by signal %s%zu (batch starts here)", "",
                (size_t)WTERMSIG(st));
    } else if (WEXITSTATUS(st) > 2) {
        failure(g_batch[0], "CLI exit %s%zu (batch starts here)", "", (size_t)WEXITSTATUS(st));
    } else {
        size_t len;
        uint8_t *json = ts_read_file(out, &len);
        char want[64];
        snprintf(want, sizeof(want), "\"items\": %zu,", g_nbatch);
        const char *summary = json ? strstr((const char *)json, "\"summary\"") : NULL;
        if (summary == NULL || strstr(summary, want) == NULL)
            failure(g_batch[0], "CLI JSON summary lacks %s (%zu files)", want, g_nbatch);
        free(json);
    }
    for (size_t i = 0; i < g_nbatch; i++) {
        unlink(g_batch[i]);
        free(g_batch[i]);
    }
    g_cli_files += g_nbatch;
    g_nbatch = 0;
}

static void to_cli(const uint8_t *p, size_t len, const char *ext)
{
    if (g_cli == NULL || g_mutant_seq++ % CLI_EVERY != 0)
        return;
    char path[512];
    snprintf(path, sizeof(path), "%s/m%06lu.%s", g_work, g_mutant_seq, ext);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (len > 0 && fwrite(p, 1, len, f) != len) || fclose(f) != 0) {
        failure(path, "cannot write %s%zu", "", 0);
        return;
    }
    g_batch[g_nbatch++] = strdup(path);
    if (g_nbatch == CLI_BATCH)
        flush_cli();
}

typedef enum expect { EXPECT_NOT_CLEAN, EXPECT_CONSISTENT } expect;

/* One mutant: an exact-size heap copy, so that ASan sees any over-read. */
static void one(const char *where, const uint8_t *bytes, size_t len, certfit_format fmt, expect ex)
{
    uint8_t *p = malloc(len ? len : 1);
    if (len)
        memcpy(p, bytes, len);
    g_checks++;

    certfit_cert c;
    int src = CERTFIT_OK;
    if (fmt == CERTFIT_FORMAT_DER) {
        src = certfit_cert_scan(p, len, &c);
        if (!known_rc(src))
            failure(where, "scan returned unknown code %s%zu", "", (size_t)-src);
        if (src == 0) {
            const certfit_view vs[] = {c.raw,  c.tbs, c.serial, c.sig_oid, c.issuer,   c.subject,
                                       c.spki, c.san, c.ski,    c.aki,     c.sig_value};
            for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
                if (!inside(vs[i], p, len))
                    failure(where, "scanner view %s%zu lies outside the input", "#", i);
        }
    }

    certfit_profile pf;
    if (certfit_profile_get("nrf91", &pf) != 0)
        abort();
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.now = NOW_2026_11_26;
    o.clock_set = true;
    o.verify_signatures = g_checks % 16 == 0;
    certfit_item item = {fmt, {len ? p : NULL, len}, 1, true};
    size_t need = certfit_check_work_size(&item);
    uint8_t *work = malloc(need ? need : 1);
    certfit_sink sink = {NULL, sink_finding, NULL};
    certfit_result res;
    int rc = certfit_check(&item, &o, need ? work : NULL, need, &sink, &res);
    if (!known_rc(rc) || rc != res.error)
        failure(where, "check returned %s%zu", rc < 0 ? "-" : "", (size_t)(rc < 0 ? -rc : rc));
    bool findings = res.counts[1] + res.counts[2] + res.counts[3] > 0;
    if (rc != 0)
        g_errors++;
    else if (findings)
        g_findings++;
    else
        g_clean++;
    if (rc == 0 && !findings) {
        if (ex == EXPECT_NOT_CLEAN)
            failure(where, "a cut certificate passed with no finding%s (%zu bytes)", "", len);
        else if (fmt == CERTFIT_FORMAT_DER && (src != 0 || c.strict_count != 0))
            failure(where, "malformed certificate passed with no finding%s (%zu bytes)", "", len);
    }
    free(work);
    to_cli(p, len, fmt == CERTFIT_FORMAT_DER ? "der" : "pem");
    free(p);
}

/* Header length of the DER element at p (p[0] tag, p[1] length). */
static size_t hdr_len(const uint8_t *p)
{
    return p[1] < 0x80 ? 2u : 2u + (p[1] & 0x7Fu);
}

/* Offsets [off, off+len) of TBS fields: validity (index 3 after the
 * optional version) and subjectPublicKeyInfo (index 5). */
static bool field_ranges(const uint8_t *der, size_t len, size_t val[2], size_t key[2])
{
    size_t tl;
    size_t pos = hdr_len(der); /* inside Certificate */
    size_t tbs_end;
    if (certfit_der_element_len(der + pos, len - pos, &tl) != 0)
        return false;
    tbs_end = pos + tl;
    pos += hdr_len(der + pos); /* inside TBSCertificate */
    if (der[pos] == 0xA0) {
        if (certfit_der_element_len(der + pos, tbs_end - pos, &tl) != 0)
            return false;
        pos += tl;
    }
    for (int i = 0; i < 6; i++) {
        if (certfit_der_element_len(der + pos, tbs_end - pos, &tl) != 0)
            return false;
        if (i == 3) {
            val[0] = pos;
            val[1] = tl;
        }
        if (i == 5) {
            key[0] = pos;
            key[1] = tl;
        }
        pos += tl;
    }
    return true;
}

static void pem_of(const uint8_t *der, size_t len, char **pem, size_t *pem_len)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t cap = 64 + len * 2;
    char *s = malloc(cap);
    size_t n = (size_t)sprintf(s, "-----BEGIN CERTIFICATE-----\n");
    size_t col = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)der[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)der[i + 1] << 8;
        if (i + 2 < len)
            v |= der[i + 2];
        s[n++] = b64[(v >> 18) & 63];
        s[n++] = b64[(v >> 12) & 63];
        s[n++] = i + 1 < len ? b64[(v >> 6) & 63] : '=';
        s[n++] = i + 2 < len ? b64[v & 63] : '=';
        col += 4;
        if (col == 64) {
            s[n++] = '\n';
            col = 0;
        }
    }
    if (col)
        s[n++] = '\n';
    n += (size_t)sprintf(s + n, "-----END CERTIFICATE-----\n");
    *pem = s;
    *pem_len = n;
}

static void one_cert(const char *name, const uint8_t *der, size_t len)
{
    char where[2400];
    unsigned long before = g_checks;
    snprintf(where, sizeof(where), "%s (intact)", name);
    one(where, der, len, CERTFIT_FORMAT_DER, EXPECT_CONSISTENT);

    /* every truncation, DER */
    for (size_t l = 0; l < len; l++) {
        snprintf(where, sizeof(where), "%s cut to %zu DER bytes", name, l);
        one(where, der, l, CERTFIT_FORMAT_DER, EXPECT_NOT_CLEAN);
    }
    /* every truncation of its canonical PEM text */
    char *pem;
    size_t pem_len;
    pem_of(der, len, &pem, &pem_len);
    for (size_t l = 0; l < pem_len; l++) {
        snprintf(where, sizeof(where), "%s cut to %zu PEM bytes", name, l);
        /* the END line cut after "-----END CERTIFICATE-----" is still whole */
        one(where, (const uint8_t *)pem, l, CERTFIT_FORMAT_PEM,
            l + 1 >= pem_len ? EXPECT_CONSISTENT : EXPECT_NOT_CLEAN);
    }
    free(pem);

    /* single-byte changes */
    size_t ranges[3][2] = {{0, len < 256 ? len : 256}, {0, 0}, {0, 0}};
    if (!field_ranges(der, len, ranges[1], ranges[2])) {
        failure(name, "cannot locate validity and key fields%s%zu", "", 0);
        return;
    }
    uint8_t *m = malloc(len);
    for (int r = 0; r < 3; r++) {
        for (size_t off = ranges[r][0]; off < ranges[r][0] + ranges[r][1]; off++) {
            if (r > 0 && off < 256)
                continue; /* already done */
            const uint8_t vals[5] = {0x00, 0xFF, 0x80, 0x7F, (uint8_t)(der[off] ^ 0x01)};
            for (int k = 0; k < 5; k++) {
                if (vals[k] == der[off] || (k == 4 && (vals[4] == 0x00 || vals[4] == 0xFF ||
                                                       vals[4] == 0x80 || vals[4] == 0x7F)))
                    continue;
                memcpy(m, der, len);
                m[off] = vals[k];
                snprintf(where, sizeof(where), "%s byte %zu = 0x%02x", name, off, vals[k]);
                one(where, m, len, CERTFIT_FORMAT_DER, EXPECT_CONSISTENT);
            }
        }
    }
    free(m);
    printf("%-60s %4zu bytes DER, validity @%zu+%zu, key @%zu+%zu: %lu mutants\n", name, len,
           ranges[1][0], ranges[1][1], ranges[2][0], ranges[2][1], g_checks - before);
}

static void file_cert(void *ctx, const uint8_t *der, size_t len, size_t index, const char *literal)
{
    const char *rel = ctx;
    char name[2048];
    if (literal != NULL)
        snprintf(name, sizeof(name), "%s:%s#%zu", rel, literal, index);
    else
        snprintf(name, sizeof(name), "%s#%zu", rel, index);
    one_cert(name, der, len);
}

static void one_file(const char *path, const char *rel)
{
    size_t len;
    uint8_t *t = ts_read_file(path, &len);
    if (t == NULL)
        return;
    /* PEM files and C headers (the walk picks no DER) */
    ts_each_cert(t, len, file_cert, (void *)(uintptr_t)rel);
    free(t);
}

static void walk(const char *dir, const char *rel)
{
    char *names[256];
    size_t n = ts_list_dir(dir, names, 256);
    for (size_t i = 0; i < n; i++) {
        char path[1024], r[512];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        snprintf(r, sizeof(r), "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(path, r);
        else if (strstr(names[i], ".pem") != NULL || strstr(names[i], ".h") != NULL)
            one_file(path, r);
        free(names[i]);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIXTURES_DIR [CERTFIT_CLI WORK_DIR]\n", argv[0]);
        return 2;
    }
    if (argc >= 4) {
        g_cli = argv[2];
        g_work = argv[3];
        if (mkdir(g_work, 0755) != 0 && errno != EEXIST) {
            perror(g_work);
            return 2;
        }
    }
    char real[1024];
    snprintf(real, sizeof(real), "%s/real", argv[1]);
    walk(real, "real");
    flush_cli();
    printf("%lu library checks: %lu errors, %lu with findings, %lu clean; "
           "CLI: %lu runs over %lu mutants\n",
           g_checks, g_errors, g_findings, g_clean, g_cli_runs, g_cli_files);
    if (g_checks < 1000) {
        fprintf(stderr, "FAIL: only %lu checks: fixtures missing?\n", g_checks);
        return 1;
    }
    return g_failures ? 1 : 0;
}
