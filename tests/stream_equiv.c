/*
 * The streaming scanner decides what the buffered one decides. This program
 * runs certfit_check() over every input it is given and over cases it
 * builds from them, and prints each finding and each result as text.
 * tests/CMakeLists.txt builds it twice, against the core compiled with
 * CERTFIT_CONFIG_STREAM=1 and against the same core with
 * CERTFIT_CONFIG_STREAM=0 (both: state in the work buffer, no hygiene, no
 * signatures; finding text, host matching, line numbers and DER input on),
 * and tests/equiv.cmake requires the two outputs to be identical.
 *
 * Printed for every finding: rule, severity, certificate, value, limit,
 * extra, detail, offset, line and text; for every check: the return code,
 * error, its offset and line, the counts, the first finding's rule and
 * the sizes. Not printed: work_needed, which is smaller when streaming by
 * design (tests/stream_work checks it).
 *
 * Cases built from each PEM input's first certificate (its DER D):
 *   - D as PEM and as DER, with every element's length in turn re-encoded
 *     one octet longer (non-minimal) and as an indefinite length;
 *   - D cut at every length 1 .. |D| - 1, as PEM (valid base64 of the
 *     shorter DER) and as DER;
 *   - D's PEM with one character replaced by '!' or '=' at a stride;
 *   - D twice (chain-duplicate), D after and before the input's second
 *     certificate (chain order), D with 5 trailing bytes, D labelled
 *     TRUSTED CERTIFICATE with trust settings after it, and a key
 *     (SEQUENCE { INTEGER 0, ... }) labelled CERTIFICATE.
 *
 * Usage: stream_equiv FILE... (prints to stdout; exit 0 unless a file
 * cannot be read).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certfit/check.h"
#include "certfit/input.h"

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

static uint8_t g_work[64 * 1024] __attribute__((aligned(8)));
static unsigned long g_checks, g_findings;

static void on_finding(void *ctx, const certfit_finding *f)
{
    (void)ctx;
    g_findings++;
    printf("  f %d %d %" PRId32 " %" PRIu64 " %" PRIu64 " %" PRId64 " %" PRIu32 " %lld %" PRIu32
           " [%s]\n",
           (int)f->rule, (int)f->severity, f->cert, f->value, f->limit, f->extra, f->detail,
           f->offset == CERTFIT_NO_OFFSET ? -1LL : (long long)f->offset, f->line, f->text);
}

static const char *const k_hosts[] = {NULL, "mqtt.nordicsemi.academy", "www.example.com",
                                      "127.0.0.1", "::1"};

/* One item under profiles x roles x hosts (all: wide; else the first
 * profile, both roles, two hosts). */
static void run(const uint8_t *p, size_t n, certfit_format format, int wide)
{
    size_t profiles = wide ? certfit_profile_count() : 1;
    size_t hosts = wide ? sizeof(k_hosts) / sizeof(k_hosts[0]) : 2;
    for (size_t pi = 0; pi < profiles; pi++) {
        for (int role = 0; role < 2; role++) {
            for (size_t hi = 0; hi < hosts; hi++) {
                certfit_check_opts o;
                certfit_check_opts_init(&o, certfit_profile_at(pi));
                o.role = role == 0 ? CERTFIT_ROLE_CA : CERTFIT_ROLE_SERVER;
                o.now = NOW;
                o.clock_set = (hi & 1) == 0;
                o.verify_signatures = false;
                o.host = k_hosts[hi];
                certfit_item item = {format, {p, n}, 1, true};
                certfit_sink sink = {NULL, on_finding, NULL};
                certfit_result r;
                printf(" run %zu %d %zu\n", pi, role, hi);
                int rc = certfit_check(&item, &o, g_work, sizeof(g_work), &sink, &r);
                g_checks++;
                printf("  r %d %d %zu %" PRIu32 " c %" PRIu32 " %" PRIu32 " %" PRIu32 " first %d %d\n",
                       rc, r.error, r.error != 0 ? r.error_offset : 0, r.error_line, r.counts[1],
                       r.counts[2], r.counts[3], r.has_first, r.has_first ? (int)r.first.rule : -1);
                printf("  s %" PRIu32 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
                       " %" PRIu64 "\n",
                       r.sizes.certs, r.sizes.der_total, r.sizes.pem_canonical,
                       r.sizes.credential_bytes, r.sizes.cmng_read_response,
                       r.sizes.tls12_certificate_message, r.sizes.tls13_certificate_message);
            }
        }
    }
}

/* ---- building cases ------------------------------------------------------ */

static uint8_t g_pem[256 * 1024];

/* PEM of der under label, 64-column lines, appended at g_pem + *at. */
static void pem_put(size_t *at, const char *label, const uint8_t *der, size_t n)
{
    static const char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = *at;
    o += (size_t)sprintf((char *)g_pem + o, "-----BEGIN %s-----\n", label);
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)der[i] << 16 | (i + 1 < n ? (uint32_t)der[i + 1] << 8 : 0) |
                     (i + 2 < n ? der[i + 2] : 0);
        g_pem[o++] = (uint8_t)k[v >> 18];
        g_pem[o++] = (uint8_t)k[v >> 12 & 63];
        g_pem[o++] = i + 1 < n ? (uint8_t)k[v >> 6 & 63] : '=';
        g_pem[o++] = i + 2 < n ? (uint8_t)k[v & 63] : '=';
        if ((col += 4) == 64) {
            g_pem[o++] = '\n';
            col = 0;
        }
    }
    if (col != 0)
        g_pem[o++] = '\n';
    o += (size_t)sprintf((char *)g_pem + o, "-----END %s-----\n", label);
    *at = o;
}

static void run_pem(const char *label, const uint8_t *der, size_t n)
{
    size_t at = 0;
    pem_put(&at, label, der, n);
    run(g_pem, at, CERTFIT_FORMAT_PEM, 0);
}

/* A DER tree re-encoded with element `target` (in walk order) given a
 * non-minimal length (mode 1) or an indefinite one (mode 2: 0x80 and an
 * end-of-contents pair). Returns the bytes written to out. */
typedef struct enc {
    size_t count, target;
    int mode;
} enc;

static size_t put_len(uint8_t *out, size_t len, int form)
{
    size_t o = 0;
    if (form == 2) {
        out[o++] = 0x80;
        return o;
    }
    if (len < 0x80 && form == 0) {
        out[o++] = (uint8_t)len;
        return o;
    }
    size_t bytes = len < 0x100 ? 1 : len < 0x10000 ? 2 : 3;
    if (form == 1 && len >= 0x80)
        bytes++; /* one octet more than needed: a leading 0 */
    out[o++] = (uint8_t)(0x80 | bytes);
    for (size_t b = bytes; b-- > 0;)
        out[o++] = (uint8_t)(b >= 3 ? 0 : len >> (8 * b));
    return o;
}

static size_t reenc(enc *e, const uint8_t *p, size_t n, uint8_t *out)
{
    size_t o = 0, i = 0;
    while (i < n) {
        size_t hdr, len;
        uint8_t tag = p[i];
        if (n - i < 2)
            goto raw;
        len = p[i + 1];
        hdr = 2;
        if (len & 0x80) {
            size_t k = len & 0x7f;
            if (k == 0 || k > 3 || n - i < 2 + k)
                goto raw;
            len = 0;
            for (size_t j = 0; j < k; j++)
                len = len << 8 | p[i + 2 + j];
            hdr = 2 + k;
        }
        if (len > n - i - hdr)
            goto raw;
        size_t me = e->count++;
        int form = me == e->target ? e->mode : 0;
        uint8_t body[8192];
        size_t blen;
        if ((tag & 0x20) && len <= sizeof(body)) {
            blen = reenc(e, p + i + hdr, len, body);
        } else {
            blen = len;
            memcpy(body, p + i + hdr, len < sizeof(body) ? len : sizeof(body));
        }
        out[o++] = tag;
        o += put_len(out + o, blen, form);
        memcpy(out + o, body, blen);
        o += blen;
        if (form == 2) {
            out[o++] = 0;
            out[o++] = 0;
        }
        i += hdr + len;
        continue;
    raw:
        memcpy(out + o, p + i, n - i);
        return o + n - i;
    }
    return o;
}

/* The first two CERTIFICATE blocks of a PEM text, decoded. */
static size_t first_certs(const uint8_t *p, size_t n, uint8_t *a, size_t *alen, uint8_t *b,
                          size_t *blen)
{
    certfit_pem_iter it;
    certfit_pem_block blk;
    size_t found = 0, bad;
    certfit_pem_iter_init(&it, p, n);
    while (found < 2 && certfit_pem_next(&it, &blk) == 1) {
        if (blk.kind != CERTFIT_PEM_CERTIFICATE)
            continue;
        uint8_t *dst = found == 0 ? a : b;
        size_t *len = found == 0 ? alen : blen;
        if (certfit_base64_decode(blk.body.p, blk.body.len, dst, 16384, len, &bad) == 0 && *len > 0)
            found++;
    }
    return found;
}

static void cases(const uint8_t *p, size_t n)
{
    static uint8_t d[16384], d2[16384], m[40000];
    size_t dn = 0, d2n = 0;
    size_t found = first_certs(p, n, d, &dn, d2, &d2n);
    if (found == 0 || dn > 6000)
        return;
    /* non-minimal and indefinite lengths, element by element */
    enc probe = {0, (size_t)-1, 0};
    (void)reenc(&probe, d, dn, m);
    for (size_t t = 0; t < probe.count; t++) {
        for (int mode = 1; mode <= 2; mode++) {
            enc e = {0, t, mode};
            size_t mn = reenc(&e, d, dn, m);
            printf(" len %zu %d\n", t, mode);
            run_pem("CERTIFICATE", m, mn);
            run(m, mn, CERTFIT_FORMAT_DER, 0);
        }
    }
    /* truncation at every byte */
    for (size_t cut = 1; cut < dn; cut++) {
        printf(" cut %zu\n", cut);
        run_pem("CERTIFICATE", d, cut);
        run(d, cut, CERTFIT_FORMAT_DER, 0);
    }
    /* bad base64 */
    size_t at = 0;
    pem_put(&at, "CERTIFICATE", d, dn);
    for (size_t i = 28, k = 0; i < at; i += at / 9 + 1, k++) {
        memcpy(m, g_pem, at);
        m[i] = k & 1 ? '=' : '!';
        printf(" b64 %zu\n", i);
        run(m, at, CERTFIT_FORMAT_PEM, 0);
    }
    /* duplicates, chain order, trailing data, trust settings, a key */
    at = 0;
    pem_put(&at, "CERTIFICATE", d, dn);
    pem_put(&at, "CERTIFICATE", d, dn);
    printf(" dup\n");
    run(g_pem, at, CERTFIT_FORMAT_PEM, 1);
    if (found == 2) {
        for (int order = 0; order < 2; order++) {
            at = 0;
            pem_put(&at, "CERTIFICATE", order ? d2 : d, order ? d2n : dn);
            pem_put(&at, "CERTIFICATE", order ? d : d2, order ? dn : d2n);
            printf(" pair %d\n", order);
            run(g_pem, at, CERTFIT_FORMAT_PEM, 1);
            memcpy(m, order ? d2 : d, order ? d2n : dn);
            memcpy(m + (order ? d2n : dn), order ? d : d2, order ? dn : d2n);
            run(m, dn + d2n, CERTFIT_FORMAT_DER, 0);
        }
    }
    memcpy(m, d, dn);
    memcpy(m + dn, "\x30\x03\x06\x01\x00", 5);
    printf(" trailing\n");
    run_pem("CERTIFICATE", m, dn + 5);
    run_pem("TRUSTED CERTIFICATE", m, dn + 5);
    run_pem("X509 CERTIFICATE", m, dn);
    static const uint8_t key[] = {0x30, 0x0b, 0x02, 0x01, 0x00, 0x30, 0x03, 0x06,
                                  0x01, 0x00, 0x04, 0x01, 0x00};
    printf(" key\n");
    run_pem("CERTIFICATE", key, sizeof(key));
}

int main(int argc, char **argv)
{
    static uint8_t buf[256 * 1024];
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "stream_equiv: cannot open %s\n", argv[i]);
            return 2;
        }
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        const char *name = strrchr(argv[i], '/');
        printf("file %s %zu\n", name != NULL ? name + 1 : argv[i], n);
        certfit_format fmt = certfit_input_detect(buf, n);
        run(buf, n, fmt == CERTFIT_FORMAT_DER ? CERTFIT_FORMAT_DER : CERTFIT_FORMAT_PEM, 1);
        if (fmt != CERTFIT_FORMAT_DER)
            cases(buf, n);
    }
    fprintf(stderr, "stream_equiv: %lu checks, %lu findings\n", g_checks, g_findings);
    return 0;
}
