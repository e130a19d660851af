/*
 * Agreement with independent implementations: for every certificate of the
 * given files and directories (PEM blocks, concatenated DER, C literals),
 * certfit's scanner and check must report the same
 *   DER length, serial, notBefore, notAfter, key type, curve, key bits,
 *   signature algorithm and self-signed verdict
 * as OpenSSL (`openssl x509 -text -serial -dates`, its PEM re-encoding, and
 * `openssl verify -check_ss_sig` for the self-signature) and, where
 * mbedtls_x509_crt_parse_der accepts the certificate, as Mbed TLS (fields,
 * signature algorithm family and hash, and the self-signature checked with
 * mbedtls_pk_verify_ext).
 * A disagreement fails and names the certificate. Certificates that one
 * implementation rejects and certfit accepts (or the reverse) are listed;
 * docs/reliability.md explains them.
 *
 *   test_agreement WORK_DIR PATH...
 */
#define _POSIX_C_SOURCE 200809L
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "mbedtls_map.h"
#include "test_support.h"

#ifndef MBEDTLS_PRIVATE
#define MBEDTLS_PRIVATE(member) member
#endif

static const char *g_work;
static unsigned g_certs, g_failures, g_mbed_compared, g_ossl_compared;
static unsigned g_selfsigned;
static char g_listed[8192];

static void list(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    size_t n = strlen(g_listed);
    snprintf(g_listed + n, sizeof(g_listed) - n, "  %s\n", line);
}

static void differ(const char *where, const char *field, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "DISAGREE %s: %s: ", where, field);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    g_failures++;
}

/* ---- certfit's view ---------------------------------------------------- */

typedef struct view {
    certfit_cert c;
    certfit_selfsig self;
    bool got_event;
} view;

static void on_cert(void *ctx, const certfit_cert_event *ev)
{
    view *v = ctx;
    if (ev->index == 0) {
        v->self = ev->self_signed;
        v->got_event = true;
    }
}

static certfit_selfsig certfit_self(const uint8_t *der, size_t len)
{
    certfit_profile pf;
    if (certfit_profile_get("generic", &pf) != 0)
        abort();
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.verify_signatures = true;
    certfit_item item = {CERTFIT_FORMAT_DER, {der, len}, 1, false};
    size_t need = certfit_check_work_size(&item);
    uint8_t *work = malloc(need ? need : 1);
    view v;
    memset(&v, 0, sizeof(v));
    v.self = CERTFIT_SELFSIG_UNKNOWN;
    certfit_sink sink = {on_cert, NULL, &v};
    certfit_result res;
    (void)certfit_check(&item, &o, work, need, &sink, &res);
    free(work);
    return v.self;
}

/* Serial as OpenSSL prints it: hex of the magnitude, '-' when negative. */
static void serial_text(certfit_view s, char *out, size_t size)
{
    uint8_t mag[64];
    size_t n = s.len < sizeof(mag) ? s.len : sizeof(mag);
    memcpy(mag, s.p, n);
    size_t o = 0;
    if (n > 0 && (mag[0] & 0x80)) {
        /* two's complement magnitude */
        unsigned carry = 1;
        for (size_t i = n; i-- > 0;) {
            unsigned v = (unsigned)(uint8_t)~mag[i] + carry;
            mag[i] = (uint8_t)v;
            carry = v >> 8;
        }
        out[o++] = '-';
    }
    size_t i = 0;
    while (i + 1 < n && mag[i] == 0)
        i++;
    for (; i < n && o + 3 < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%02X", mag[i]);
    out[o] = '\0';
}

/* ---- OpenSSL's view ---------------------------------------------------- */

typedef struct ossl {
    bool parsed;
    size_t der_len;
    char serial[160];
    int64_t not_before, not_after;
    char sig_alg[64];
    char key_alg[64];
    unsigned key_bits;
    char curve[64];
    bool self_signed;
    char verify[256];
} ossl;

static int run(const char *cmd, char *out, size_t size)
{
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    return pclose(p);
}

static bool field(const char *text, const char *key, char *out, size_t size)
{
    const char *p = strstr(text, key);
    if (p == NULL)
        return false;
    p += strlen(key);
    while (*p == ' ')
        p++;
    size_t n = strcspn(p, "\n");
    while (n > 0 && p[n - 1] == ' ')
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

static int64_t ossl_time(const char *s)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char m[4];
    unsigned d, h, mi, se;
    long long y;
    if (sscanf(s, "%3s %u %u:%u:%u %lld", m, &d, &h, &mi, &se, &y) != 6)
        return INT64_MIN;
    for (unsigned k = 0; k < 12; k++)
        if (strcmp(m, mon[k]) == 0)
            return certfit_time_from_civil(y, k + 1, d, h, mi, se);
    return INT64_MIN;
}

static void openssl_view(const uint8_t *der, size_t len, ossl *o)
{
    memset(o, 0, sizeof(*o));
    char path[512], cmd[4096];
    static char text[65536];
    snprintf(path, sizeof(path), "%s/cert.der", g_work);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(der, 1, len, f) != len || fclose(f) != 0)
        abort();
    /* one run: the fields, then the certificate re-encoded as PEM (text
     * before BEGIN is ignored by PEM readers, so the output is also the
     * file `openssl verify` reads) */
    snprintf(cmd, sizeof(cmd),
             "openssl x509 -inform der -in '%s' -text -serial -dates -subject -issuer "
             "-nameopt RFC2253 2>&1",
             path);
    text[0] = '\n'; /* every field starts a line */
    if (run(cmd, text + 1, sizeof(text) - 1) != 0)
        return;
    o->parsed = true;
    char v[160];
    if (field(text, "\nserial=", v, sizeof(v)))
        snprintf(o->serial, sizeof(o->serial), "%s", v);
    if (field(text, "\nnotBefore=", v, sizeof(v)))
        o->not_before = ossl_time(v);
    if (field(text, "\nnotAfter=", v, sizeof(v)))
        o->not_after = ossl_time(v);
    field(text, "Signature Algorithm:", o->sig_alg, sizeof(o->sig_alg));
    field(text, "Public Key Algorithm:", o->key_alg, sizeof(o->key_alg));
    if (field(text, "Public-Key: (", v, sizeof(v)))
        o->key_bits = (unsigned)strtoul(v, NULL, 10);
    field(text, "ASN1 OID:", o->curve, sizeof(o->curve));
    char subject[1024] = "", issuer[1024] = "";
    field(text, "\nsubject=", subject, sizeof(subject));
    field(text, "\nissuer=", issuer, sizeof(issuer));
    bool self_issued = subject[0] != '\0' && strcmp(subject, issuer) == 0;

    /* OpenSSL's DER encoding of what it parsed */
    size_t tl = strlen(text), dl = 0;
    uint8_t *re = ts_pem_nth_der((const uint8_t *)text, tl, 0, &dl);
    if (re != NULL)
        o->der_len = dl;
    free(re);
    char pem[600];
    snprintf(pem, sizeof(pem), "%s.pem", path);
    f = fopen(pem, "wb");
    if (f == NULL || fwrite(text, 1, tl, f) != tl || fclose(f) != 0)
        abort();

    /* self-signed: issuer == subject, and the signature verifies with the
     * certificate's own key: the certificate as its own trust anchor with
     * its own signature checked (-check_ss_sig), no time or security-level
     * checks (verify alone also accepts a trusted intermediate) */
    if (self_issued) {
        snprintf(cmd, sizeof(cmd),
                 "openssl verify -no_check_time -check_ss_sig -auth_level 0 -CAfile '%s' "
                 "'%s' 2>&1",
                 pem, pem);
        o->self_signed = run(cmd, text, sizeof(text)) == 0;
    } else {
        snprintf(text, sizeof(text), "issuer %s != subject %s", issuer, subject);
    }
    snprintf(o->verify, sizeof(o->verify), "%.*s", (int)strcspn(text, "\n"), text);
}

static const char *curve_ossl(certfit_curve c)
{
    switch (c) {
    case CERTFIT_CURVE_SECP256R1:
        return "prime256v1";
    default:
        return certfit_curve_name(c);
    }
}

static const char *key_ossl(certfit_key_type k)
{
    switch (k) {
    case CERTFIT_KEY_RSA:
        return "rsaEncryption";
    case CERTFIT_KEY_EC:
        return "id-ecPublicKey";
    case CERTFIT_KEY_ED25519:
        return "ED25519";
    case CERTFIT_KEY_ED448:
        return "ED448";
    default:
        return "?";
    }
}

/* ---- Mbed TLS's view --------------------------------------------------- */


static bool mbed_self_signed(mbedtls_x509_crt *crt)
{
    if (crt->issuer_raw.len != crt->subject_raw.len ||
        memcmp(crt->issuer_raw.p, crt->subject_raw.p, crt->issuer_raw.len) != 0)
        return false;
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(crt->MBEDTLS_PRIVATE(sig_md));
    if (md == NULL)
        return false;
    unsigned char hash[MBEDTLS_MD_MAX_SIZE];
    if (mbedtls_md(md, crt->tbs.p, crt->tbs.len, hash) != 0)
        return false;
    return mbedtls_pk_verify_ext(crt->MBEDTLS_PRIVATE(sig_pk), crt->MBEDTLS_PRIVATE(sig_opts),
                                 &crt->pk, crt->MBEDTLS_PRIVATE(sig_md), hash,
                                 mbedtls_md_get_size(md), crt->MBEDTLS_PRIVATE(sig).p,
                                 crt->MBEDTLS_PRIVATE(sig).len) == 0;
}

static void time_text(int64_t t, char out[21])
{
    if (t == INT64_MIN)
        snprintf(out, 21, "(none)");
    else
        certfit_time_format(t, out);
}

static void compare_time(const char *where, const char *field_name, int64_t cf, int64_t other,
                         const char *who)
{
    if (cf != other) {
        char a[21], b[21];
        time_text(cf, a);
        time_text(other, b);
        differ(where, field_name, "certfit %s, %s %s", a, who, b);
    }
}

/* ---- one certificate --------------------------------------------------- */

static void one_cert(const char *where, const uint8_t *der, size_t len)
{
    g_certs++;
    certfit_cert c;
    int crc = certfit_cert_scan(der, len, &c);
    certfit_selfsig self = crc == 0 ? certfit_self(der, len) : CERTFIT_SELFSIG_UNKNOWN;
    if (crc == 0 && self == CERTFIT_SELFSIG_YES)
        g_selfsigned++;

    ossl o;
    openssl_view(der, len, &o);
    if (!o.parsed || crc != 0) {
        if (o.parsed != (crc == 0))
            list("%s: OpenSSL %s, certfit %s", where, o.parsed ? "parses" : "rejects",
                 crc == 0 ? "scans" : certfit_strict_name(c.strict));
    } else {
        g_ossl_compared++;
        if (o.der_len != c.raw.len)
            differ(where, "DER length", "certfit %zu, OpenSSL %zu", c.raw.len, o.der_len);
        char s[160];
        serial_text(c.serial, s, sizeof(s));
        if (strcmp(s, o.serial) != 0)
            differ(where, "serial", "certfit %s, OpenSSL %s", s, o.serial);
        compare_time(where, "notBefore", c.not_before.t, o.not_before, "OpenSSL");
        compare_time(where, "notAfter", c.not_after.t, o.not_after, "OpenSSL");
        const char *sn = certfit_sig_alg_name(c.sig_alg);
        if (sn == NULL || strcmp(sn, o.sig_alg) != 0)
            differ(where, "signature algorithm", "certfit %s, OpenSSL %s", sn ? sn : "(null)",
                   o.sig_alg);
        if (strcmp(key_ossl(c.key_type), o.key_alg) != 0)
            differ(where, "key type", "certfit %s, OpenSSL %s", certfit_key_type_name(c.key_type),
                   o.key_alg);
        if (c.key_type == CERTFIT_KEY_RSA || c.key_type == CERTFIT_KEY_EC) {
            if (o.key_bits != c.key_bits)
                differ(where, "key bits", "certfit %u, OpenSSL %u", c.key_bits, o.key_bits);
        }
        if (c.key_type == CERTFIT_KEY_EC && strcmp(curve_ossl(c.curve), o.curve) != 0)
            differ(where, "curve", "certfit %s, OpenSSL %s", certfit_curve_name(c.curve), o.curve);
        if (self == CERTFIT_SELFSIG_UNKNOWN)
            list("%s: certfit cannot verify the signature (%s); OpenSSL: %s", where, sn,
                 o.self_signed ? "self-signed" : "not self-signed");
        else if ((self == CERTFIT_SELFSIG_YES) != o.self_signed)
            differ(where, "self-signed", "certfit %s, OpenSSL %s (%s)",
                   self == CERTFIT_SELFSIG_YES ? "yes" : "no", o.self_signed ? "yes" : "no",
                   o.verify);
    }

    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int mrc = mbedtls_x509_crt_parse_der(&crt, der, len);
    if (mrc != 0 || crc != 0) {
        if ((mrc == 0) != (crc == 0))
            list("%s: Mbed TLS %s (-0x%04x), certfit %s", where, mrc == 0 ? "parses" : "rejects",
                 (unsigned)-mrc, crc == 0 ? "scans" : certfit_strict_name(c.strict));
        else if (mrc != 0)
            list("%s: Mbed TLS rejects (-0x%04x), certfit rejects (%s)", where, (unsigned)-mrc,
                 certfit_strict_name(c.strict));
        mbedtls_x509_crt_free(&crt);
        return;
    }
    g_mbed_compared++;
    if (crt.raw.len != c.raw.len)
        differ(where, "DER length", "certfit %zu, Mbed TLS %zu", c.raw.len, crt.raw.len);
    if (crt.serial.len != c.serial.len || memcmp(crt.serial.p, c.serial.p, c.serial.len) != 0)
        differ(where, "serial", "certfit %zu bytes, Mbed TLS %zu", c.serial.len, crt.serial.len);
    int64_t mb = certfit_time_from_civil(
        crt.valid_from.year, (unsigned)crt.valid_from.mon, (unsigned)crt.valid_from.day,
        (unsigned)crt.valid_from.hour, (unsigned)crt.valid_from.min, (unsigned)crt.valid_from.sec);
    int64_t ma = certfit_time_from_civil(crt.valid_to.year, (unsigned)crt.valid_to.mon,
                                         (unsigned)crt.valid_to.day, (unsigned)crt.valid_to.hour,
                                         (unsigned)crt.valid_to.min, (unsigned)crt.valid_to.sec);
    compare_time(where, "notBefore", c.not_before.t, mb, "Mbed TLS");
    compare_time(where, "notAfter", c.not_after.t, ma, "Mbed TLS");
    mbedtls_pk_type_t pt = mbedtls_pk_get_type(&crt.pk);
    certfit_key_type kt = pt == MBEDTLS_PK_RSA     ? CERTFIT_KEY_RSA
                          : pt == MBEDTLS_PK_ECKEY ? CERTFIT_KEY_EC
                                                   : CERTFIT_KEY_OTHER;
    if (kt != c.key_type)
        differ(where, "key type", "certfit %s, Mbed TLS %s", certfit_key_type_name(c.key_type),
               mbedtls_pk_get_name(&crt.pk));
    if (mbedtls_pk_get_bitlen(&crt.pk) != c.key_bits)
        differ(where, "key bits", "certfit %u, Mbed TLS %zu", c.key_bits,
               mbedtls_pk_get_bitlen(&crt.pk));
    if (pt == MBEDTLS_PK_ECKEY) {
        certfit_curve cv = curve_of(mbedtls_pk_ec(crt.pk)->MBEDTLS_PRIVATE(grp).id);
        if (cv != c.curve)
            differ(where, "curve", "certfit %s, Mbed TLS %s", certfit_curve_name(c.curve),
                   certfit_curve_name(cv));
    }
    if (sig_pk_of(c.sig_alg) != crt.MBEDTLS_PRIVATE(sig_pk) ||
        hash_of(crt.MBEDTLS_PRIVATE(sig_md)) != c.sig_hash)
        differ(where, "signature algorithm", "certfit %s (%s), Mbed TLS sig_pk %d md %d",
               certfit_sig_alg_name(c.sig_alg), certfit_hash_name(c.sig_hash),
               (int)crt.MBEDTLS_PRIVATE(sig_pk), (int)crt.MBEDTLS_PRIVATE(sig_md));
    if (self != CERTFIT_SELFSIG_UNKNOWN && (self == CERTFIT_SELFSIG_YES) != mbed_self_signed(&crt))
        differ(where, "self-signed", "certfit %s, Mbed TLS %s",
               self == CERTFIT_SELFSIG_YES ? "yes" : "no", mbed_self_signed(&crt) ? "yes" : "no");
    mbedtls_x509_crt_free(&crt);
}

/* Each certificate gets a name: the file, the literal, its index, and for
 * PEM its subject's CN (trust stores are bundles). */
typedef struct file_ctx {
    const char *path;
    certfit_format format;
} file_ctx;

static void file_cert(void *ctx, const uint8_t *der, size_t len, size_t index, const char *literal)
{
    const file_ctx *fc = ctx;
    const char *path = fc->path;
    char where[2048];
    if (literal != NULL) {
        snprintf(where, sizeof(where), "%s:%s#%zu", path, literal, index);
    } else if (fc->format == CERTFIT_FORMAT_DER) {
        snprintf(where, sizeof(where), "%s#%zu", path, index);
    } else {
        certfit_cert c;
        char cn[128] = "?";
        size_t cl;
        if (certfit_cert_scan(der, len, &c) == 0 &&
            certfit_name_common_name(c.subject, cn, sizeof(cn), &cl) != 0 &&
            certfit_name_format(c.subject, cn, sizeof(cn), &cl) != 0)
            snprintf(cn, sizeof(cn), "?");
        snprintf(where, sizeof(where), "%s#%zu (%s)", path, index, cn);
    }
    one_cert(where, der, len);
}

static void one_file(const char *path)
{
    size_t len;
    uint8_t *t = ts_read_file(path, &len);
    if (t == NULL)
        return;
    file_ctx fc = {path, certfit_input_detect(t, len)};
    ts_each_cert(t, len, file_cert, &fc);
    free(t);
}

static void walk(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        const char *dot = strrchr(path, '.');
        if (dot && (strcmp(dot, ".pem") == 0 || strcmp(dot, ".crt") == 0 ||
                    strcmp(dot, ".der") == 0 || strcmp(dot, ".h") == 0))
            one_file(path);
        return;
    }
    char *names[512];
    size_t n = ts_list_dir(path, names, 512);
    for (size_t i = 0; i < n; i++) {
        char p[1024];
        snprintf(p, sizeof(p), "%s/%s", path, names[i]);
        if (strcmp(names[i], "keys") != 0)
            walk(p);
        free(names[i]);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s WORK_DIR PATH...\n", argv[0]);
        return 2;
    }
    g_work = argv[1];
    if (mkdir(g_work, 0755) != 0 && errno != EEXIST) {
        perror(g_work);
        return 2;
    }
    for (int i = 2; i < argc; i++)
        walk(argv[i]);
    printf("%u certificates (%u self-signed per certfit): %u compared with OpenSSL, "
           "%u with Mbed TLS; %u disagreements\n",
           g_certs, g_selfsigned, g_ossl_compared, g_mbed_compared, g_failures);
    if (g_listed[0])
        printf("accepted by one side only, or not verifiable:\n%s", g_listed);
    if (g_certs == 0) {
        fprintf(stderr, "no certificates found\n");
        return 1;
    }
    return g_failures ? 1 : 0;
}
