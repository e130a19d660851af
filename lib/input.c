/*
 * Finding certificates in input bytes: format detection, PEM blocks, strict
 * base64, DER element lengths and C string literals. No allocation; every
 * read is bounded by the caller's length.
 */
#include <string.h>

#include "certfit/config.h"
#include "certfit/input.h"
#include "der.h"
#include "simd.h"
#if CERTFIT_CONFIG_STREAM
#include "stream_internal.h"
#endif

static const char k_begin[] = "-----BEGIN ";
static const char k_end[] = "-----END ";
#define K_BEGIN_LEN (sizeof(k_begin) - 1)
#define K_END_LEN (sizeof(k_end) - 1)
#define K_DASHES_LEN 5 /* "-----" */
#define PEM_LABEL_MAX 64

/* memcmp(a, b, n) == 0 for the short compares of PEM markers and labels
 * (at most PEM_LABEL_MAX + 5 bytes): a loop, so that the device links no
 * libc memcmp() for them (62 B less on the M33 image, scripts/footprint.sh). */
static bool same(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    while (n > 0 && *x == *y) {
        x++;
        y++;
        n--;
    }
    return n == 0;
}

static bool has_prefix(const uint8_t *p, size_t avail, const char *s, size_t n)
{
    return avail >= n && same(p, s, n);
}

#if CERTFIT_HAVE_SIMD
/* The SIMD scan (lib/simd.h) finds the markers and counts a block body's
 * lines on the way. */

/* Offset of the first "-----" at or after from, or len. */
static size_t find_dashes(const uint8_t *p, size_t len, size_t from)
{
    uint32_t lf = 0;
    return certfit_simd_find_dashes_lf(p, len, from, &lf);
}

/* Offset of the first "-----BEGIN " at or after at, or len. */
static size_t find_begin(const uint8_t *p, size_t len, size_t at)
{
    while ((at = find_dashes(p, len, at)) < len &&
           !has_prefix(p + at, len - at, k_begin, K_BEGIN_LEN))
        at++; /* a dash run that is not BEGIN */
    return at;
}

/* The END marker of a block whose body starts at body, counting the body's
 * lines on the way. */
static size_t find_end(const uint8_t *p, size_t len, size_t body, uint32_t *body_lines)
{
    return certfit_simd_find_dashes_lf(p, len, body, body_lines);
}

#if CERTFIT_CONFIG_LINES
/* The LF bytes of a whole block, p[at, after). The BEGIN line is printable
 * text up to its one LF at body - 1 (none when it ends the text), the END
 * line likewise up to after - 1 (none when text follows its marker): only
 * the body needed counting. */
static uint32_t block_lines(const uint8_t *p, size_t at, size_t body, size_t after,
                            uint32_t body_lines)
{
    (void)at;
    return (uint32_t)(p[body - 1] == '\n') + body_lines + (uint32_t)(p[after - 1] == '\n');
}
#endif
#else
/*
 * The portable scan: the device, and hosts built with CERTFIT_SIMD=OFF.
 * Offset of the first copy of k_begin's first n bytes ("-----" or the whole
 * "-----BEGIN ") at or after from, or len, in one pass over the bytes. m of
 * them are matched so far. k_begin is five dashes then no dash, so a '-'
 * that breaks a match either extends a run of dashes (m stays 5) or starts
 * a new match, and any other byte leaves nothing matched.
 */
static size_t find_mark(const uint8_t *p, size_t len, size_t from, size_t n)
{
    size_t m = 0;
    for (size_t i = from; i < len; i++) {
        if (p[i] == (uint8_t)k_begin[m])
            m++;
        else if (p[i] == '-')
            m = m == K_DASHES_LEN ? m : 1;
        else
            m = 0;
        if (m == n)
            return i + 1 - n;
    }
    return len;
}

static size_t find_dashes(const uint8_t *p, size_t len, size_t from)
{
    return find_mark(p, len, from, K_DASHES_LEN);
}

static size_t find_begin(const uint8_t *p, size_t len, size_t from)
{
    return find_mark(p, len, from, K_BEGIN_LEN);
}

static size_t find_end(const uint8_t *p, size_t len, size_t body, uint32_t *body_lines)
{
    (void)body_lines;
    return find_dashes(p, len, body);
}

#if CERTFIT_CONFIG_LINES
static uint32_t block_lines(const uint8_t *p, size_t at, size_t body, size_t after,
                            uint32_t body_lines)
{
    (void)body;
    (void)body_lines;
    uint32_t n = 0;
    for (size_t i = at; i < after; i++)
        n += p[i] == '\n';
    return n;
}
#endif
#endif

/* The blanks of PEM text and of base64 bodies: space, HT, LF, VT, FF, CR. */
static bool is_blank(uint8_t c)
{
    return c == ' ' || (uint8_t)(c - '\t') <= '\r' - '\t';
}

certfit_format certfit_input_detect(const uint8_t *p, size_t len)
{
    if (p == NULL)
        return CERTFIT_FORMAT_UNKNOWN;
    /* A DER SEQUENCE: tag 0x30, a short or long-form length, then the tag of
     * the first element: a SEQUENCE (a certificate's TBSCertificate) or an
     * INTEGER (a private key). Text that merely starts with '0' is not DER. */
    if (len >= 2 && p[0] == 0x30 && p[1] <= 0x84) {
        size_t hdr = p[1] > 0x80 ? p[1] - 0x7eu : 2u;
        if (len > hdr && (p[hdr] == 0x30 || p[hdr] == 0x02))
            return CERTFIT_FORMAT_DER;
    }
    size_t at = find_begin(p, len, 0);
    if (at == len)
        return CERTFIT_FORMAT_UNKNOWN;
    /* Inside a C string literal the BEGIN follows a '"' on its line. */
    while (at > 0 && p[at - 1] != '\n') {
        if (p[--at] == '"')
            return CERTFIT_FORMAT_C;
    }
    return CERTFIT_FORMAT_PEM;
}

const char *certfit_format_name(certfit_format f)
{
    switch (f) {
    case CERTFIT_FORMAT_PEM:
        return "pem";
    case CERTFIT_FORMAT_DER:
        return "der";
    case CERTFIT_FORMAT_C:
        return "c";
    default:
        return "unknown";
    }
}

void certfit_pem_iter_init(certfit_pem_iter *it, const uint8_t *text, size_t len)
{
    *it = (certfit_pem_iter){.text = text, .len = len, .line = CERTFIT_CONFIG_LINES ? 1 : 0};
}

/* The text from it->pos to to, outside any block: its non-blank bytes are
 * stray, and its LF bytes move it->line on. */
static void note_stray(certfit_pem_iter *it, size_t to)
{
    for (size_t i = it->pos; i < to; i++) {
        uint8_t c = it->text[i];
        if (!is_blank(c) && it->stray_bytes++ == 0) {
            it->stray_offset = i;
#if CERTFIT_CONFIG_LINES
            it->stray_line = it->line;
#endif
        }
#if CERTFIT_CONFIG_LINES
        it->line += c == '\n';
#endif
    }
}

static certfit_pem_kind label_kind(const uint8_t *l, size_t n)
{
    /* "CERTIFICATE" is the tail of "X509 CERTIFICATE" */
    static const char x509[] = "X509 CERTIFICATE";
    static const char pk[] = "PRIVATE KEY";
    const size_t xn = sizeof(x509) - 1, pkn = sizeof(pk) - 1;
    if ((n == xn || n == xn - 5) && same(l, x509 + xn - n, n))
        return CERTFIT_PEM_CERTIFICATE;
    /* OpenSSL's certificate with trust settings appended (check.c warns:
     * Mbed TLS and the modem read only "CERTIFICATE") */
    if (n == 19 && same(l, "TRUSTED ", 8) && same(l + 8, x509 + 5, 11))
        return CERTFIT_PEM_CERTIFICATE;
    if (n >= pkn && same(l + n - pkn, pk, pkn))
        return CERTFIT_PEM_PRIVATE_KEY;
    return CERTFIT_PEM_OTHER;
}

/* Skip trailing blanks then one LF or CR LF. Returns the position after it,
 * or other when the line does not end there. */
static size_t line_end(const uint8_t *p, size_t len, size_t at, size_t other)
{
    while (at < len && (p[at] == ' ' || p[at] == '\t'))
        at++;
    if (at < len && p[at] == '\r')
        at++;
    if (at == len)
        return len; /* the last line may lack its line ending */
    return p[at] == '\n' ? at + 1 : other;
}

int certfit_pem_next(certfit_pem_iter *it, certfit_pem_block *blk)
{
    const uint8_t *p = it->text;
    size_t len = it->len;
    size_t at = find_begin(p, len, it->pos);
    note_stray(it, at);
    if (at >= len) {
        it->pos = len;
        return 0;
    }

    memset(blk, 0, sizeof(*blk));
    blk->begin_offset = at;
#if CERTFIT_CONFIG_LINES
    blk->line = it->line;
#endif
    /* what a failure from here on reports: rc at err */
    int rc = CERTFIT_ERR_PEM_NO_END;
    size_t err = at;
    size_t lab = at + K_BEGIN_LEN;
    size_t lab_end = find_dashes(p, len, lab);
    size_t n = lab_end - lab;
    if (lab_end >= len || n > PEM_LABEL_MAX)
        goto fail;
    rc = CERTFIT_ERR_PEM_LABEL;
    for (err = lab; err < lab_end; err++) {
        if ((uint8_t)(p[err] - 0x20) > 0x7e - 0x20)
            goto fail;
    }
    blk->label.p = p + lab;
    blk->label.len = n;
    blk->kind = label_kind(p + lab, n);
    err = lab_end + K_DASHES_LEN;
    size_t body = line_end(p, len, err, 0);
    if (body == 0)
        goto fail;
    uint32_t body_lines = 0;
    size_t end = find_end(p, len, body, &body_lines);
    rc = CERTFIT_ERR_PEM_NO_END;
    err = at;
    if (end >= len)
        goto fail;
    err = end;
    if (!has_prefix(p + end, len - end, k_end, K_END_LEN)) {
        rc = find_begin(p, len, end) == end ? CERTFIT_ERR_PEM_NESTED : CERTFIT_ERR_BASE64;
        goto fail;
    }
    /* the END label and its dashes: the same bytes as the BEGIN line's */
    rc = CERTFIT_ERR_PEM_LABEL;
    size_t elab = end + K_END_LEN, mark = n + K_DASHES_LEN;
    if (len - elab < mark || !same(p + elab, p + lab, mark))
        goto fail;
    /* text right after the END marker on the same line is stray */
    size_t after = line_end(p, len, elab + mark, elab + mark);
    blk->body.p = p + body;
    blk->body.len = end - body;
    blk->end_offset = after;
#if CERTFIT_CONFIG_LINES
    it->line += block_lines(p, at, body, after, body_lines);
#endif
    it->pos = after;
    return 1;
fail:
    it->error_offset = err;
    return rc;
}

/* Base64 alphabet: 0..63 value, 64 '=', 65 blank, 0xFF invalid. */
#define B64_PAD 64
#define B64_BLANK 65
#define B64_BAD 0xFF
/* The alphabet as a constant expression of the byte c. */
#define B64_VALUE(c)                                                                               \
    ((c) >= 'A' && (c) <= 'Z'                ? (c) - 'A'                                           \
     : (c) >= 'a' && (c) <= 'z'              ? (c) - 'a' + 26                                      \
     : (c) >= '0' && (c) <= '9'              ? (c) - '0' + 52                                      \
     : (c) == '+'                            ? 62                                                  \
     : (c) == '/'                            ? 63                                                  \
     : (c) == '='                            ? B64_PAD                                             \
     : (c) == ' ' || ((c) >= 9 && (c) <= 13) ? B64_BLANK                                           \
                                             : B64_BAD)
#if CERTFIT_CONFIG_FAST_BASE64
/* 256 entries of F(0) .. F(255). */
#define B64_T4(F, b)  F(b), F((b) + 1), F((b) + 2), F((b) + 3)
#define B64_T16(F, b) B64_T4(F, b), B64_T4(F, (b) + 4), B64_T4(F, (b) + 8), B64_T4(F, (b) + 12)
#define B64_T64(F, b)                                                                              \
    B64_T16(F, b), B64_T16(F, (b) + 16), B64_T16(F, (b) + 32), B64_T16(F, (b) + 48)
#define B64_T256(F) B64_T64(F, 0), B64_T64(F, 64), B64_T64(F, 128), B64_T64(F, 192)

#define B64(c) k_b64[c]
#define B64_BYTE(c) (uint8_t)(B64_VALUE(c))
static const uint8_t k_b64[256] = {B64_T256(B64_BYTE)};

/*
 * The group decoder's tables: k_b64_group[k][c] is the value of c placed
 * where the k-th character of a group goes in the 24-bit result (bits
 * 23..18, 17..12, 11..6, 5..0); anything but the 64 alphabet characters
 * ('=', blanks, bad bytes) sets bits 24..31. The four entries of a group
 * ORed together are its three bytes, and one test of the top byte finds
 * any character the fast path does not take.
 */
#define B64_OUT(c, shift)                                                                          \
    (B64_VALUE(c) < 64 ? (uint32_t)(B64_VALUE(c)) << (shift) : UINT32_C(0xFF000000))
#define B64_G0(c) B64_OUT(c, 18)
#define B64_G1(c) B64_OUT(c, 12)
#define B64_G2(c) B64_OUT(c, 6)
#define B64_G3(c) B64_OUT(c, 0)
static const uint32_t k_b64_group[4][256] = {
    {B64_T256(B64_G0)}, {B64_T256(B64_G1)}, {B64_T256(B64_G2)}, {B64_T256(B64_G3)}};

/* One group of four characters at s: its 24 bits, or a value with bits
 * 24..31 set when a character is not in the alphabet. */
static uint32_t b64_group(const uint8_t *s)
{
    return k_b64_group[0][s[0]] | k_b64_group[1][s[1]] | k_b64_group[2][s[2]] |
           k_b64_group[3][s[3]];
}

/* Store a group's three bytes; the fourth byte written is overwritten by
 * the next group, or lies within the room the caller reserved. */
static void b64_store(uint8_t *d, uint32_t v)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap32(v << 8);
    memcpy(d, &v, 4);
#else
    d[0] = (uint8_t)(v >> 16);
    d[1] = (uint8_t)(v >> 8);
    d[2] = (uint8_t)v;
#endif
}

/* The fast path of certfit_base64_decode(), from src[*i] at a group
 * boundary: whole groups, four at a time with one test for all of them
 * (16 characters at a time with SIMD, lib/simd.h), and the blanks between
 * groups, while the output has room for a 4-byte store per group. */
static void b64_runs(const uint8_t *src, size_t len, size_t *i, uint8_t *dst, size_t size,
                     size_t *o)
{
    for (;;) {
        size_t start = *i;
        const uint8_t *s = src + *i;
        uint8_t *d = dst + *o;
#if CERTFIT_HAVE_SIMD
        if (size - *o >= 16) {
            certfit_simd_b64_run(&s, src + len, &d, dst + size);
            *i = (size_t)(s - src);
            *o = (size_t)(d - dst);
        }
#endif
        size_t groups = (len - *i) / 4;
        size_t room = *o < size ? (size - *o - 1) / 3 : 0; /* each group stores 4 bytes */
        if (groups > room)
            groups = room;
        for (; groups >= 4; groups -= 4, s += 16, d += 12) {
            uint32_t a = b64_group(s), b = b64_group(s + 4), c = b64_group(s + 8),
                     e = b64_group(s + 12);
            if ((a | b | c | e) >> 24 != 0)
                break;
            b64_store(d, a);
            b64_store(d + 3, b);
            b64_store(d + 6, c);
            b64_store(d + 9, e);
        }
        for (; groups > 0; groups--, s += 4, d += 3) {
            uint32_t v = b64_group(s);
            if (v >> 24 != 0)
                break;
            b64_store(d, v);
        }
        *i = (size_t)(s - src);
        *o = (size_t)(d - dst);
        while (*i < len && B64(src[*i]) == B64_BLANK)
            (*i)++;
        if (*i == start || *i >= len)
            return;
    }
}
#else
/* The same alphabet computed (config.h): no 256-byte table on a device.
 * Out of line: inlined, -Os copies the decoder's tests into each of its
 * branches. */
#if defined(__GNUC__) || defined(__clang__)
#define B64_NOINLINE __attribute__((noinline))
#else
#define B64_NOINLINE
#endif
#define B64(c) b64_value(c)
B64_NOINLINE static unsigned b64_value(unsigned c)
{
    if (c - 'A' < 26)
        return c - 'A';
    if (c - 'a' < 26)
        return c - 'a' + 26;
    if (c - '0' < 10)
        return c - '0' + 52;
    if ((c | 4) == '/')
        return (c >> 2) + 52; /* '+' (0x2b) is 62, '/' (0x2f) 63 */
    if (c == '=')
        return B64_PAD;
    return c == ' ' || c - '\t' <= '\r' - '\t' ? B64_BLANK : B64_BAD;
}
#endif

size_t certfit_base64_max_decoded(size_t len)
{
    return len / 4 * 3 + 3;
}

/*
 * Certificates are public data, so this decoder is table-driven and not
 * constant-time: the path a group takes and the table entries it reads
 * depend on its characters, which is harmless for a certificate. Blocks
 * labelled as private keys are never decoded (check.c reports them by their
 * label); a key mislabelled CERTIFICATE is decoded once, recognised and
 * wiped. Mbed TLS's constant-time mbedtls_base64_decode costs several times more per byte.
 * It stays strict: any byte outside the alphabet and blanks, a '=' that is
 * not final padding, or a partial last group is rejected with its offset.
 */
int certfit_base64_decode(const uint8_t *src, size_t len, uint8_t *dst, size_t size,
                          size_t *out_len, size_t *bad)
{
    size_t o = 0, i;
    uint32_t acc = 0;
    unsigned n = 0, pads = 0;
    *out_len = 0;

    for (i = 0; i < len; i++) {
#if CERTFIT_CONFIG_FAST_BASE64
        if (n == 0) {
            /* Fast path, between whole groups: runs of groups of four
             * alphabet characters (a 64-column PEM line is 16 of them) and
             * the blanks between runs. Anything else (a blank inside a
             * group, '=', a bad byte, the output nearly full) goes to the
             * byte loop below, which decodes it or rejects it with its
             * offset: both paths give the same result. */
            b64_runs(src, len, &i, dst, size, &o);
            if (i >= len)
                break;
        }
#endif
        unsigned v = B64(src[i]);
        if (v == B64_BLANK)
            continue;
        /* '=' completes a group of two or three characters (a second '='
         * after two), then only blanks may follow. Any other byte after the
         * first '=' makes that '=' the bad byte. */
        if (v == B64_PAD ? n < 2 : v > 63 || pads != 0)
            goto bad_byte;
        pads += v >> 6;
        acc = acc << 6 | (v & 63u);
        if (++n < 4)
            continue;
        n = 0;
        while (pads != 0 && ++i < len) {
            if (B64(src[i]) != B64_BLANK)
                goto bad_byte;
        }
        unsigned bytes = 3 - pads;
        if (size - o < bytes)
            return CERTFIT_ERR_BUFFER_TOO_SMALL;
        for (; bytes > 0; bytes--, acc <<= 8)
            dst[o++] = (uint8_t)(acc >> 16);
    }
    if (n == 0) {
        *out_len = o;
        return 0;
    }
    /* a partial last group: the bad byte is the end of the text */
bad_byte:
    if (pads != 0) {
        /* the first '=' (none is skipped on the way) */
        for (i = 0; i < len && src[i] != '='; i++)
            ;
    }
    *bad = i;
    return CERTFIT_ERR_BASE64;
}

#if CERTFIT_CONFIG_STREAM
/* certfit_base64_decode()'s byte loop, one decoded byte per call: the same
 * characters accepted, the same error at the same offset. */
void certfit_b64_cursor_init(certfit_b64_cursor *c, const uint8_t *src, size_t len)
{
    memset(c, 0, sizeof(*c));
    c->src = src;
    c->len = len;
}

int certfit_b64_cursor_next(certfit_b64_cursor *c, size_t *bad)
{
    if (c->iout < c->nout)
        return c->out[c->iout++];
    size_t i = c->i;
    while (i < c->len) {
        unsigned v = B64(c->src[i]);
        if (v == B64_BLANK) {
            i++;
            continue;
        }
        if (v == B64_PAD ? c->n < 2 : v > 63 || c->pads != 0)
            goto bad_byte;
        c->pads = (uint8_t)(c->pads + (v >> 6));
        c->acc = c->acc << 6 | (v & 63u);
        i++;
        if (++c->n < 4)
            continue;
        c->n = 0;
        /* after padding only blanks may follow */
        for (; c->pads != 0 && i < c->len; i++)
            if (B64(c->src[i]) != B64_BLANK)
                goto bad_byte;
        c->nout = (uint8_t)(3 - c->pads);
        for (unsigned k = 0; k < c->nout; k++, c->acc <<= 8)
            c->out[k] = (uint8_t)(c->acc >> 16);
        c->i = i;
        c->iout = 1;
        return c->out[0];
    }
    c->i = i;
    if (c->n == 0)
        return -1;
    /* a partial last group: the bad byte is the end of the text */
bad_byte:
    if (c->pads != 0)
        for (i = 0; i < c->len && c->src[i] != '='; i++)
            ;
    *bad = i;
    c->i = c->len;
    c->n = 1; /* stays an error */
    c->nout = c->iout = 0;
    return -2;
}
#endif

int certfit_der_element_len(const uint8_t *p, size_t len, size_t *tlv_len)
{
    size_t hdr, n;
    int rc = certfit_der_header(p, len, &hdr, &n);
    if (rc == 0)
        *tlv_len = hdr + n;
    return rc;
}

/* ---- C source ---------------------------------------------------------- */

static bool is_ident_start(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident(uint8_t c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

void certfit_c_iter_init(certfit_c_iter *it, const uint8_t *text, size_t len)
{
    memset(it, 0, sizeof(*it));
    it->text = text;
    it->len = len;
    it->line = 1;
}

/*
 * Skip blanks, comments and line splices from *pos. With stop_at_newline
 * (inside a #define) an unspliced newline stops the skip. Returns 0, or
 * CERTFIT_ERR_C_SYNTAX for an unterminated comment.
 */
static int c_skip(certfit_c_iter *it, size_t *pos, bool stop_at_newline)
{
    const uint8_t *p = it->text;
    size_t i = *pos, len = it->len;
    while (i < len) {
        uint8_t c = p[i];
        if (c == '\n') {
            if (stop_at_newline)
                break;
            it->line++;
            i++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
        } else if (c == '\\' && i + 1 < len && (p[i + 1] == '\n' || p[i + 1] == '\r')) {
            i++;
            if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
                i++;
            if (p[i] == '\n')
                it->line++;
            i++;
        } else if (c == '/' && i + 1 < len && p[i + 1] == '*') {
            size_t start = i;
            uint32_t start_line = it->line;
            i += 2;
            for (;;) {
                if (i + 1 >= len) {
                    it->error_offset = start;
                    it->error_line = start_line;
                    return CERTFIT_ERR_C_SYNTAX;
                }
                if (p[i] == '*' && p[i + 1] == '/')
                    break;
                if (p[i] == '\n')
                    it->line++;
                i++;
            }
            i += 2;
        } else if (c == '/' && i + 1 < len && p[i + 1] == '/') {
            while (i < len && p[i] != '\n') {
                if (p[i] == '\\' && i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n') {
                    it->line++; /* a CR LF splice continues the comment too */
                    i += 3;
                    continue;
                }
                if (p[i] == '\\' && i + 1 < len && p[i + 1] == '\n') {
                    it->line++;
                    i++;
                }
                i++;
            }
        } else {
            break;
        }
    }
    *pos = i;
    return 0;
}

/* Skip a string or character literal that starts at *pos (the quote). */
static int c_skip_literal(certfit_c_iter *it, size_t *pos)
{
    const uint8_t *p = it->text;
    size_t i = *pos, len = it->len;
    uint8_t q = p[i++];
    while (i < len && p[i] != q) {
        if (p[i] == '\n') {
            break;
        }
        if (p[i] == '\\' && i + 1 < len) {
            /* a line splice, LF or CR LF (a header saved on Windows) */
            if (p[i + 1] == '\r' && i + 2 < len && p[i + 2] == '\n')
                i++;
            if (p[i + 1] == '\n')
                it->line++;
            i++;
        }
        i++;
    }
    if (i >= len || p[i] != q) {
        it->error_offset = *pos;
        it->error_line = it->line;
        return CERTFIT_ERR_C_SYNTAX;
    }
    *pos = i + 1;
    return 0;
}

static bool span_has_begin(const uint8_t *p, size_t len)
{
    return find_begin(p, len, 0) != len;
}

/* Read a group of adjacent string literals at *pos into lit. */
static int c_read_group(certfit_c_iter *it, size_t *pos, bool in_define, certfit_c_literal *lit)
{
    size_t i = *pos;
    lit->offset = i;
    lit->line = it->line;
    size_t last_end = i;
    for (;;) {
        int rc = c_skip_literal(it, &i);
        if (rc != 0)
            return rc;
        last_end = i;
        size_t j = i;
        uint32_t line_before = it->line;
        rc = c_skip(it, &j, in_define);
        if (rc != 0)
            return rc;
        if (j < it->len && it->text[j] == '"') {
            i = j;
            continue;
        }
        /* not followed by another literal: rewind the line count to the end */
        it->line = line_before;
        break;
    }
    lit->source.p = it->text + lit->offset;
    lit->source.len = last_end - lit->offset;
    lit->has_begin = span_has_begin(lit->source.p, lit->source.len);
    *pos = last_end;
    return 0;
}

int certfit_c_next(certfit_c_iter *it, certfit_c_literal *lit)
{
    const uint8_t *p = it->text;
    size_t len = it->len;
    size_t i = it->pos;
    certfit_view cand = {NULL, 0};   /* last identifier at bracket depth 0 */
    certfit_view assign = {NULL, 0}; /* identifier before '=' */
    bool line_start = true;
    unsigned depth = 0;

    while (i < len) {
        size_t before = i;
        int rc = c_skip(it, &i, false);
        if (rc != 0)
            return rc;
        if (i >= len)
            break;
        if (i != before && memchr(p + before, '\n', i - before) != NULL)
            line_start = true;
        uint8_t c = p[i];
        if (c == '#' && line_start) {
            size_t j = i + 1;
            rc = c_skip(it, &j, true);
            if (rc != 0)
                return rc;
            size_t d = j;
            while (j < len && is_ident(p[j]))
                j++;
            bool is_define = (j - d == 6 && memcmp(p + d, "define", 6) == 0);
            if (is_define) {
                rc = c_skip(it, &j, true);
                if (rc != 0)
                    return rc;
                size_t n0 = j;
                while (j < len && is_ident(p[j]))
                    j++;
                certfit_view name = {p + n0, j - n0};
                if (name.len > 0 && (j >= len || p[j] != '(')) {
                    rc = c_skip(it, &j, true);
                    if (rc != 0)
                        return rc;
                    if (j < len && p[j] == '"') {
                        rc = c_read_group(it, &j, true, lit);
                        if (rc != 0)
                            return rc;
                        lit->name = name;
                        it->pos = j;
                        return 1;
                    }
                }
            }
            /* skip the rest of the directive line */
            while (j < len) {
                rc = c_skip(it, &j, true);
                if (rc != 0)
                    return rc;
                if (j >= len || p[j] == '\n')
                    break;
                if (p[j] == '"' || p[j] == '\'') {
                    rc = c_skip_literal(it, &j);
                    if (rc != 0)
                        return rc;
                } else {
                    j++;
                }
            }
            i = j;
            line_start = true;
            continue;
        }
        line_start = false;
        if (c == '"') {
            if (assign.len > 0) {
                rc = c_read_group(it, &i, false, lit);
                if (rc != 0)
                    return rc;
                lit->name = assign;
                it->pos = i;
                return 1;
            }
            rc = c_skip_literal(it, &i);
            if (rc != 0)
                return rc;
            continue;
        }
        if (c == '\'') {
            rc = c_skip_literal(it, &i);
            if (rc != 0)
                return rc;
            continue;
        }
        if (is_ident_start(c)) {
            size_t s = i;
            while (i < len && is_ident(p[i]))
                i++;
            if (depth == 0) {
                cand.p = p + s;
                cand.len = i - s;
            }
            continue;
        }
        if (c == '[') {
            depth++;
        } else if (c == ']') {
            if (depth > 0)
                depth--;
        } else if (c == '=' && depth == 0 && !(i + 1 < len && p[i + 1] == '=')) {
            assign = cand;
        } else if (c != '*') {
            if (depth == 0) {
                assign.len = 0;
                cand.len = 0;
            }
        }
        i++;
    }
    it->pos = len;
    return 0;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int certfit_c_unescape(const certfit_c_literal *lit, uint8_t *out, size_t size, size_t *out_len,
                       size_t *bad)
{
    const uint8_t *p = lit->source.p;
    size_t len = lit->source.len, i = 0, o = 0;
    *out_len = 0;
    while (i < len) {
        /* between literals: blanks, splices and comments */
        if (p[i] != '"') {
            if (p[i] == '/' && i + 1 < len && p[i + 1] == '*') {
                i += 2;
                while (i + 1 < len && !(p[i] == '*' && p[i + 1] == '/'))
                    i++;
                i += 2;
            } else if (p[i] == '/' && i + 1 < len && p[i + 1] == '/') {
                while (i < len && p[i] != '\n')
                    i++;
            } else {
                i++;
            }
            continue;
        }
        i++; /* opening quote */
        while (i < len && p[i] != '"') {
            uint8_t c = p[i];
            if (c == '\\') {
                size_t esc = i;
                if (++i >= len) {
                    *bad = lit->offset + esc;
                    return CERTFIT_ERR_C_SYNTAX;
                }
                c = p[i++];
                unsigned v;
                switch (c) {
                case 'n': v = '\n'; break;
                case 'r': v = '\r'; break;
                case 't': v = '\t'; break;
                case 'a': v = 7; break;
                case 'b': v = 8; break;
                case 'f': v = 12; break;
                case 'v': v = 11; break;
                case '"': case '\\': case '\'': case '?': v = c; break;
                case '\r':
                    if (i < len && p[i] == '\n')
                        i++;
                    continue;
                case '\n':
                    continue; /* line splice inside the literal */
                case 'x': {
                    int h = hexval(i < len ? p[i] : 0);
                    if (h < 0) {
                        *bad = lit->offset + esc;
                        return CERTFIT_ERR_C_SYNTAX;
                    }
                    v = 0;
                    while (i < len && (h = hexval(p[i])) >= 0) {
                        v = v * 16 + (unsigned)h;
                        if (v > 0xff) {
                            *bad = lit->offset + esc;
                            return CERTFIT_ERR_C_SYNTAX;
                        }
                        i++;
                    }
                    break;
                }
                default:
                    if (c >= '0' && c <= '7') {
                        v = (unsigned)(c - '0');
                        for (int k = 0; k < 2 && i < len && p[i] >= '0' && p[i] <= '7'; k++)
                            v = v * 8 + (unsigned)(p[i++] - '0');
                        if (v > 0xff) {
                            *bad = lit->offset + esc;
                            return CERTFIT_ERR_C_SYNTAX;
                        }
                    } else {
                        *bad = lit->offset + esc;
                        return CERTFIT_ERR_C_SYNTAX;
                    }
                }
                if (o >= size)
                    return CERTFIT_ERR_BUFFER_TOO_SMALL;
                out[o++] = (uint8_t)v;
                continue;
            }
            if (o >= size)
                return CERTFIT_ERR_BUFFER_TOO_SMALL;
            out[o++] = c;
            i++;
        }
        i++; /* closing quote */
    }
    *out_len = o;
    return 0;
}

/* Whether the identifier has `word` as one of its '_'-separated words. */
static bool has_word(certfit_view name, const char *word)
{
    size_t wl = strlen(word), i = 0;
    while (i < name.len) {
        size_t j = i;
        while (j < name.len && name.p[j] != '_')
            j++;
        bool same = j - i == wl;
        for (size_t k = 0; same && k < wl; k++)
            same = (name.p[i + k] | 0x20) == (uint8_t)(word[k] | 0x20);
        if (same)
            return true;
        i = j + 1;
    }
    return false;
}

certfit_cred_type certfit_c_literal_type(const certfit_c_literal *lit, const uint8_t *content,
                                         size_t len)
{
    certfit_pem_iter it;
    certfit_pem_block blk;
    bool cert = false, key = false;
    certfit_pem_iter_init(&it, content, len);
    while (certfit_pem_next(&it, &blk) == 1) {
        cert = cert || blk.kind == CERTFIT_PEM_CERTIFICATE;
        key = key || blk.kind == CERTFIT_PEM_PRIVATE_KEY;
    }
    if (key && !cert)
        return CERTFIT_CRED_KEY;
    if (has_word(lit->name, "client") || has_word(lit->name, "device") ||
        has_word(lit->name, "thing"))
        return CERTFIT_CRED_CLIENT;
    return CERTFIT_CRED_CA;
}
