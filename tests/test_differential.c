/*
 * The certfit scanner against Mbed TLS's own X.509 parser: for every
 * certificate in fixtures/real and fixtures/gen that mbedtls_x509_crt_parse_der
 * accepts, the DER length, serial, validity, key and signature algorithm must
 * agree. Certificates Mbed TLS rejects are listed, and the list is pinned.
 */
#define _POSIX_C_SOURCE 200809L
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "compat.h"
#include <mbedtls/ecp.h>
#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "mbedtls_map.h"
#include "test_support.h"

#ifndef MBEDTLS_PRIVATE
#define MBEDTLS_PRIVATE(member) member
#endif

/* Certificates Mbed TLS 2.28 rejects, by "file#index". */
static const char *const k_expected_rejects[] = {
    "gen/der-trailing-inside.pem#0",    /* bytes after the signature inside the certificate */
    "gen/key-ed25519.pem#0",            /* no EdDSA in Mbed TLS 2.28 */
    "gen/time-utctime-noseconds.pem#0", /* UTCTime without seconds: date invalid */
};

#define MAX_REJECTS 32

typedef struct diff_state {
    size_t compared;
    size_t failures;
    char rejects[MAX_REJECTS][160];
    size_t nrejects;
} diff_state;

static void mismatch(diff_state *st, const char *where, const char *field, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: %s differs: ", where, field);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    st->failures++;
}


static void compare_time(diff_state *st, const char *where, const char *field, int64_t t,
                         const mbedtls_x509_time *m)
{
    int64_t y;
    unsigned mo, d, h, mi, s;
    certfit_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    if (y != m->year || (int)mo != m->mon || (int)d != m->day || (int)h != m->hour ||
        (int)mi != m->min || (int)s != m->sec)
        mismatch(st, where, field,
                 "certfit %04lld-%02u-%02uT%02u:%02u:%02uZ, mbedtls %04d-%02d-%02dT%02d:%02d:%02dZ",
                 (long long)y, mo, d, h, mi, s, m->year, m->mon, m->day, m->hour, m->min, m->sec);
}

static void one_cert(diff_state *st, const char *rel, size_t index, const uint8_t *der, size_t len)
{
    char where[160];
    snprintf(where, sizeof(where), "%s#%zu", rel, index);
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int mrc = mbedtls_x509_crt_parse_der(&crt, der, len);
    certfit_cert c;
    int crc = certfit_cert_scan(der, len, &c);
    if (mrc != 0) {
        char err[128];
        mbedtls_strerror(mrc, err, sizeof(err));
        fprintf(stderr, "mbedtls rejects %s: -0x%04x %s (certfit: %s, %s)\n", where, (unsigned)-mrc,
                err, crc == 0 ? "scanned" : "structural error", certfit_strict_name(c.strict));
        if (st->nrejects < MAX_REJECTS)
            snprintf(st->rejects[st->nrejects++], sizeof(st->rejects[0]), "%s", where);
        mbedtls_x509_crt_free(&crt);
        return;
    }
    st->compared++;
    if (crc != 0) {
        mismatch(st, where, "acceptance", "certfit: %s at %zu; mbedtls accepts",
                 certfit_strict_name(c.strict), c.strict_offset);
        mbedtls_x509_crt_free(&crt);
        return;
    }
    if (crt.raw.len != c.raw.len)
        mismatch(st, where, "DER length", "certfit %zu, mbedtls %zu", c.raw.len, crt.raw.len);
    if (crt.tbs.len != c.tbs.len || memcmp(crt.tbs.p, c.tbs.p, c.tbs.len) != 0)
        mismatch(st, where, "TBS", "certfit %zu bytes, mbedtls %zu", c.tbs.len, crt.tbs.len);
    if (crt.serial.len != c.serial.len || memcmp(crt.serial.p, c.serial.p, c.serial.len) != 0)
        mismatch(st, where, "serial", "certfit %zu bytes, mbedtls %zu", c.serial.len,
                 crt.serial.len);
    if (crt.version != c.version)
        mismatch(st, where, "version", "certfit %u, mbedtls %d", c.version, crt.version);
    compare_time(st, where, "notBefore", c.not_before.t, &crt.valid_from);
    compare_time(st, where, "notAfter", c.not_after.t, &crt.valid_to);

    mbedtls_pk_type_t pt = mbedtls_pk_get_type(&crt.pk);
    certfit_key_type kt = pt == MBEDTLS_PK_RSA     ? CERTFIT_KEY_RSA
                          : pt == MBEDTLS_PK_ECKEY ? CERTFIT_KEY_EC
                                                   : CERTFIT_KEY_OTHER;
    if (kt != c.key_type)
        mismatch(st, where, "key type", "certfit %s, mbedtls %s", certfit_key_type_name(c.key_type),
                 mbedtls_pk_get_name(&crt.pk));
    size_t bits = mbedtls_pk_get_bitlen(&crt.pk);
    if (bits != c.key_bits)
        mismatch(st, where, "key bits", "certfit %u, mbedtls %zu", c.key_bits, bits);
    if (pt == MBEDTLS_PK_ECKEY) {
        certfit_curve cv = curve_of(mbedtls_pk_ec(crt.pk)->MBEDTLS_PRIVATE(grp).id);
        if (cv != c.curve)
            mismatch(st, where, "curve", "certfit %s, mbedtls %s", certfit_curve_name(c.curve),
                     certfit_curve_name(cv));
    }
    if (sig_pk_of(c.sig_alg) != crt.MBEDTLS_PRIVATE(sig_pk))
        mismatch(st, where, "signature algorithm", "certfit %s, mbedtls sig_pk %d",
                 certfit_sig_alg_name(c.sig_alg), (int)crt.MBEDTLS_PRIVATE(sig_pk));
    if (hash_of(crt.MBEDTLS_PRIVATE(sig_md)) != c.sig_hash)
        mismatch(st, where, "signature hash", "certfit %s, mbedtls md %d",
                 certfit_hash_name(c.sig_hash), (int)crt.MBEDTLS_PRIVATE(sig_md));
    if (crt.sig.len != c.sig_value.len || memcmp(crt.sig.p, c.sig_value.p, c.sig_value.len) != 0)
        mismatch(st, where, "signature value", "certfit %zu bytes, mbedtls %zu", c.sig_value.len,
                 crt.sig.len);
    bool mb_ca = crt.ca_istrue != 0;
    if ((crt.ext_types & MBEDTLS_X509_EXT_BASIC_CONSTRAINTS) != 0) {
        if (!c.has_basic_constraints || mb_ca != c.ca)
            mismatch(st, where, "basicConstraints", "certfit ca=%d, mbedtls ca=%d", c.ca, mb_ca);
        /* Mbed TLS stores pathLenConstraint + 1 (0 when absent) */
        if (c.ca && crt.max_pathlen != (c.path_len < 0 ? 0 : c.path_len + 1))
            mismatch(st, where, "pathLenConstraint", "certfit %d, mbedtls %d - 1", c.path_len,
                     crt.max_pathlen);
    } else if (c.has_basic_constraints) {
        mismatch(st, where, "basicConstraints", "certfit present, mbedtls absent");
    }
    mbedtls_x509_crt_free(&crt);
}

/* Every certificate of one file: PEM blocks, concatenated DER, or C literals. */
static void one_file(diff_state *st, const char *rel)
{
    size_t len;
    uint8_t *t = ts_fixture(rel, &len);
    certfit_format f = certfit_input_detect(t, len);
    if (f == CERTFIT_FORMAT_DER) {
        size_t pos = 0, tl, i = 0;
        while (pos < len && t[pos] == 0x30 &&
               certfit_der_element_len(t + pos, len - pos, &tl) == 0) {
            one_cert(st, rel, i++, t + pos, tl);
            pos += tl;
        }
    } else if (f == CERTFIT_FORMAT_PEM) {
        uint8_t *der;
        size_t dlen;
        for (size_t i = 0; (der = ts_pem_nth_der(t, len, i, &dlen)) != NULL; i++) {
            one_cert(st, rel, i, der, dlen);
            free(der);
        }
    } else if (f == CERTFIT_FORMAT_C) {
        ts_literal l[8];
        int n = ts_c_literals(t, len, l, 8);
        assert_true(n > 0);
        size_t idx = 0;
        for (int k = 0; k < n; k++) {
            uint8_t *der;
            size_t dlen;
            for (size_t i = 0; (der = ts_pem_nth_der(l[k].content, l[k].len, i, &dlen)) != NULL;
                 i++) {
                one_cert(st, rel, idx++, der, dlen);
                free(der);
            }
        }
        ts_free_literals(l, (size_t)n);
    }
    free(t);
}

static bool wanted(const char *name)
{
    size_t n = strlen(name);
    static const char *const ext[] = {".pem", ".der", ".crt", ".cer", ".h"};
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        size_t e = strlen(ext[i]);
        if (n > e && strcmp(name + n - e, ext[i]) == 0)
            return true;
    }
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Walk fixtures/<rel> recursively (sorted, skipping keys/), one_file on each. */
static size_t walk(diff_state *st, const char *rel) /* rel: at most 511 bytes */
{
    char path[2048];
    snprintf(path, sizeof(path), "%s/%s", ts_fixtures_dir, rel);
    DIR *d = opendir(path);
    assert_non_null(d);
    char *names[512];
    size_t n = 0, files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512) {
        if (e->d_name[0] == '.')
            continue;
        names[n] = malloc(strlen(e->d_name) + 1);
        strcpy(names[n++], e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp_str);
    for (size_t i = 0; i < n; i++) {
        char sub[512];
        snprintf(sub, sizeof(sub), "%.250s/%.250s", rel, names[i]);
        snprintf(path, sizeof(path), "%s/%s", ts_fixtures_dir, sub);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (strcmp(names[i], "keys") != 0)
                files += walk(st, sub);
        } else if (wanted(names[i])) {
            one_file(st, sub);
            files++;
        }
        free(names[i]);
    }
    return files;
}

static void test_against_mbedtls(void **state)
{
    (void)state;
    diff_state *st = calloc(1, sizeof(*st));
    assert_non_null(st);
    size_t files = walk(st, "real") + walk(st, "gen");
    fprintf(stderr,
            "differential: %zu files, %zu certificates compared, %zu rejected by Mbed TLS, "
            "%zu differences\n",
            files, st->compared, st->nrejects, st->failures);
    assert_true(files >= 70);
    assert_true(st->compared >= 100);
    assert_int_equal(st->failures, 0);
    /* the rejected set is exactly the expected one */
    size_t nexp = sizeof(k_expected_rejects) / sizeof(k_expected_rejects[0]);
    for (size_t i = 0; i < st->nrejects; i++) {
        bool known = false;
        for (size_t k = 0; k < nexp; k++)
            known = known || strcmp(st->rejects[i], k_expected_rejects[k]) == 0;
        if (!known)
            print_error("unexpected rejection: %s\n", st->rejects[i]);
        assert_true(known);
    }
    assert_int_equal(st->nrejects, nexp);
    free(st);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_mbedtls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
