/*
 * Names: OIDs in dotted form, RFC 4514 strings (always valid UTF-8, so JSON
 * and SARIF stay valid whatever bytes a certificate carries), the common
 * name, and RFC 6125 host matching against the subjectAltName.
 */
#include <string.h>

#include "certfit/cert.h"
#include "certfit/config.h"
#include "certfit/input.h"
#include "der.h"
#if CERTFIT_CONFIG_STREAM
#include "stream_internal.h"
#endif

/* A bounds-checked TLV step over already-scanned or untrusted bytes, with
 * certfit_der_element_len()'s acceptance, read in place. */
static inline int tlv(const uint8_t **p, const uint8_t *end, uint8_t *tag, certfit_view *v)
{
    const uint8_t *q = *p;
    size_t hdr, n;
    if (q >= end || certfit_der_header(q, (size_t)(end - q), &hdr, &n) != 0)
        return CERTFIT_ERR_DER;
    *tag = q[0];
    v->p = q + hdr;
    v->len = n;
    *p = q + hdr + n;
    return 0;
}

int certfit_oid_format(certfit_view oid, char *out, size_t size)
{
    size_t o = 0;
    uint64_t v = 0;
    bool first = true;
    if (oid.len == 0 || (oid.p[oid.len - 1] & 0x80))
        return CERTFIT_ERR_DER;
    for (size_t i = 0; i < oid.len; i++) {
        if (v > (UINT64_MAX >> 7))
            return CERTFIT_ERR_DER;
        v = v << 7 | (oid.p[i] & 0x7f);
        if (oid.p[i] & 0x80)
            continue;
        char num[2][24];
        uint64_t parts[2];
        int np = 0;
        if (first) {
            uint64_t a = v < 40 ? 0 : v < 80 ? 1 : 2;
            parts[np++] = a;
            parts[np++] = v - a * 40;
            first = false;
        } else {
            parts[np++] = v;
        }
        for (int k = 0; k < np; k++) {
            size_t n = 0;
            uint64_t x = parts[k];
            do {
                num[k][n++] = (char)('0' + x % 10);
                x /= 10;
            } while (x > 0);
            if (o + n + 2 > size)
                return CERTFIT_ERR_BUFFER_TOO_SMALL;
            if (o > 0)
                out[o++] = '.';
            while (n > 0)
                out[o++] = num[k][--n];
        }
        v = 0;
    }
    if (o >= size)
        return CERTFIT_ERR_BUFFER_TOO_SMALL;
    out[o] = '\0';
    return 0;
}

typedef struct sbuf {
    char *out;
    size_t size, len;
    bool full;
} sbuf;

/* Append n bytes atomically: all of them or none (keeps UTF-8 whole). */
static void put(sbuf *b, const char *s, size_t n)
{
    if (b->full || b->len + n + 1 > b->size) {
        b->full = true;
        return;
    }
    memcpy(b->out + b->len, s, n);
    b->len += n;
    b->out[b->len] = '\0';
}

/* Append n single-byte characters: as put() of each in turn, so a run cut
 * by the end of the buffer keeps the part that fits. */
static void put_run(sbuf *b, const uint8_t *s, size_t n)
{
    if (b->full)
        return;
    size_t room = b->size - b->len - 1; /* size > len always holds */
    if (n > room) {
        n = room;
        b->full = true;
    }
    memcpy(b->out + b->len, s, n);
    b->len += n;
    b->out[b->len] = '\0';
}

static void put_hex(sbuf *b, uint8_t c)
{
    static const char hx[] = "0123456789ABCDEF";
    char e[3] = {'\\', hx[c >> 4], hx[c & 15]};
    put(b, e, 3);
}

static void put_cp(sbuf *b, uint32_t cp)
{
    char u[4];
    if (cp < 0x80) {
        u[0] = (char)cp;
        put(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3f));
        put(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        put(b, u, 3);
    } else {
        u[0] = (char)(0xf0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        put(b, u, 4);
    }
}

/* Length of a valid UTF-8 sequence at p, or 0 (RFC 3629: no overlongs,
 * no surrogates, nothing above U+10FFFF). */
static size_t utf8_len(const uint8_t *p, size_t n)
{
    uint8_t c = p[0];
    if (c < 0x80)
        return 1;
    size_t k;
    uint32_t cp, min;
    if ((c & 0xe0) == 0xc0) {
        k = 2, cp = c & 0x1fu, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        k = 3, cp = c & 0x0fu, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        k = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return k;
}

/* Emit one code point of an attribute value with RFC 4514 escaping. */
static void put_value_cp(sbuf *b, uint32_t cp, bool first, bool last)
{
    if (cp < 0x20 || cp == 0x7f) {
        put_hex(b, (uint8_t)cp);
        return;
    }
    if (cp == '"' || cp == '+' || cp == ',' || cp == ';' || cp == '<' || cp == '>' || cp == '\\' ||
        (first && (cp == '#' || cp == ' ')) || (last && cp == ' ')) {
        char e[2] = {'\\', (char)cp};
        put(b, e, 2);
        return;
    }
    put_cp(b, cp);
}

/* ASCII copied as it is at any place in a value: printable, and none of
 * the characters RFC 4514 section 2.4 escapes everywhere ("+,;<>\\); '#'
 * and ' ' are escaped only first (and ' ' last), which put_value() sees to.
 * A table of all 256 bytes: this test runs for every byte of every name. */
#define VALUE_PLAIN(c)                                                                             \
    ((c) >= 0x20 && (c) < 0x7f && (c) != '"' && (c) != '+' && (c) != ',' && (c) != ';' &&          \
     (c) != '<' && (c) != '>' && (c) != '\\')
#define VP4(b)  VALUE_PLAIN(b), VALUE_PLAIN((b) + 1), VALUE_PLAIN((b) + 2), VALUE_PLAIN((b) + 3)
#define VP16(b) VP4(b), VP4((b) + 4), VP4((b) + 8), VP4((b) + 12)
#define VP64(b) VP16(b), VP16((b) + 16), VP16((b) + 32), VP16((b) + 48)
static const bool k_value_plain[256] = {VP64(0), VP64(64), VP64(128), VP64(192)};
#undef VP64
#undef VP16
#undef VP4
#undef VALUE_PLAIN

static void put_value(sbuf *b, uint8_t tag, certfit_view v)
{
    size_t i = 0;
    if (tag == 0x1e || tag == 0x1c) { /* BMPString (UCS-2), UniversalString (UCS-4) */
        size_t w = tag == 0x1e ? 2 : 4;
        if (v.len % w != 0) {
            for (; i < v.len; i++)
                put_hex(b, v.p[i]);
            return;
        }
        for (; i < v.len; i += w) {
            uint32_t cp = 0;
            for (size_t k = 0; k < w; k++)
                cp = cp << 8 | v.p[i + k];
            if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                for (size_t k = 0; k < w; k++)
                    put_hex(b, v.p[i + k]);
                continue;
            }
            put_value_cp(b, cp, i == 0, i + w == v.len);
        }
        return;
    }
    while (i < v.len) {
        /* a run of ASCII that needs no escaping, copied at once */
        size_t j = i;
        while (j < v.len && k_value_plain[v.p[j]])
            j++;
        if (j > i) {
            size_t a = i, z = j;
            if (a == 0 && (v.p[0] == '#' || v.p[0] == ' ')) {
                put_value_cp(b, v.p[0], true, j == 1 && v.len == 1);
                a = 1;
            }
            bool last_space = z == v.len && z > a && v.p[z - 1] == ' ';
            if (last_space)
                z--;
            put_run(b, v.p + a, z - a);
            if (last_space)
                put_value_cp(b, ' ', false, true);
            i = j;
            continue;
        }
        size_t k = utf8_len(v.p + i, v.len - i);
        if (k == 0) {
            put_hex(b, v.p[i]); /* not UTF-8: keep the byte visible, stay valid */
            i++;
            continue;
        }
        if (k == 1) {
            put_value_cp(b, v.p[i], i == 0, i + 1 == v.len);
        } else {
            put(b, (const char *)v.p + i, k);
        }
        i += k;
    }
}

/* Short names of the attribute types (RFC 4514 section 3 and the usual
 * OpenSSL ones); the length is the name's. */
typedef struct attr_name {
    const char *name;
    uint8_t len;
} attr_name;

static attr_name short_name_of(certfit_view oid)
{
    static const attr_name none = {NULL, 0};
    if (oid.len == 3 && oid.p[0] == 0x55 && oid.p[1] == 0x04) { /* 2.5.4.x */
#define A(s)                                                                                       \
    {                                                                                              \
        s, (uint8_t)(sizeof(s) - 1)                                                                \
    }
        static const struct {
            uint8_t arc;
            attr_name n;
        } x520[] = {
            {0x03, A("CN")},
            {0x04, A("SN")},
            {0x05, A("serialNumber")},
            {0x06, A("C")},
            {0x07, A("L")},
            {0x08, A("ST")},
            {0x09, A("street")},
            {0x0a, A("O")},
            {0x0b, A("OU")},
            {0x0c, A("title")},
            {0x0f, A("businessCategory")},
            {0x11, A("postalCode")},
            {0x2a, A("GN")},
            {0x2b, A("initials")},
            {0x2c, A("generationQualifier")},
            {0x2e, A("dnQualifier")},
            {0x41, A("pseudonym")},
            {0x61, A("organizationIdentifier")},
        };
        for (size_t i = 0; i < sizeof(x520) / sizeof(x520[0]); i++)
            if (x520[i].arc == oid.p[2])
                return x520[i].n;
        return none;
    }
    static const attr_name email = A("emailAddress"), dc = A("DC"), uid = A("UID");
#undef A
    if (oid.len == 9 && memcmp(oid.p, "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01", 9) == 0)
        return email;
    if (oid.len == 10 && memcmp(oid.p, "\x09\x92\x26\x89\x93\xf2\x2c\x64\x01", 9) == 0) {
        if (oid.p[9] == 0x19)
            return dc;
        if (oid.p[9] == 0x01)
            return uid;
    }
    return none;
}

int certfit_name_format(certfit_view name, char *out, size_t size, size_t *out_len)
{
    if (out == NULL || size == 0)
        return CERTFIT_ERR_BUFFER_TOO_SMALL;
    sbuf b = {out, size, 0, false};
    out[0] = '\0';
    *out_len = 0;
    if (name.len == 0) /* p may be NULL: no NULL + 0 */
        return CERTFIT_ERR_DER;
    const uint8_t *p = name.p, *end = name.p + name.len;
    uint8_t tag;
    certfit_view seq;
    if (tlv(&p, end, &tag, &seq) != 0 || tag != 0x30)
        return CERTFIT_ERR_DER;
    /* RFC 4514 2.1: the last RDN first. Find the RDNs, then walk back. */
    enum { MAX_RDN = 64 };
    certfit_view rdns[MAX_RDN];
    size_t nrdn = 0;
    const uint8_t *q = seq.p, *qend = seq.p + seq.len;
    while (q < qend) {
        certfit_view set;
        if (tlv(&q, qend, &tag, &set) != 0 || tag != 0x31)
            return CERTFIT_ERR_DER;
        if (nrdn == MAX_RDN)
            return CERTFIT_ERR_DER;
        rdns[nrdn++] = set;
    }
    for (size_t r = nrdn; r-- > 0;) {
        if (r + 1 != nrdn)
            put(&b, ",", 1);
        const uint8_t *a = rdns[r].p, *aend = rdns[r].p + rdns[r].len;
        bool firstattr = true;
        while (a < aend) {
            certfit_view atv, oid, val;
            uint8_t vtag;
            if (tlv(&a, aend, &tag, &atv) != 0 || tag != 0x30)
                return CERTFIT_ERR_DER;
            const uint8_t *t = atv.p, *tend = atv.p + atv.len;
            if (tlv(&t, tend, &tag, &oid) != 0 || tag != 0x06 || tlv(&t, tend, &vtag, &val) != 0)
                return CERTFIT_ERR_DER;
            if (!firstattr)
                put(&b, "+", 1);
            firstattr = false;
            attr_name an = short_name_of(oid);
            if (an.name != NULL) {
                put(&b, an.name, an.len);
            } else {
                char dotted[96];
                if (certfit_oid_format(oid, dotted, sizeof(dotted)) != 0)
                    return CERTFIT_ERR_DER;
                put(&b, dotted, strlen(dotted));
            }
            put(&b, "=", 1);
            put_value(&b, vtag, val);
        }
    }
    *out_len = b.len;
    return b.full ? CERTFIT_ERR_BUFFER_TOO_SMALL : 0;
}

int certfit_name_common_name(certfit_view name, char *out, size_t size, size_t *out_len)
{
    if (out == NULL || size == 0)
        return CERTFIT_ERR_BUFFER_TOO_SMALL;
    out[0] = '\0';
    *out_len = 0;
    certfit_view cnv = {NULL, 0};
    uint8_t cntag = 0;
    if (name.len == 0) /* p may be NULL: no NULL + 0 */
        return CERTFIT_ERR_DER;
    const uint8_t *p = name.p, *end = name.p + name.len;
    uint8_t tag;
    certfit_view seq;
    int found = CERTFIT_ERR_NOT_FOUND;
    if (tlv(&p, end, &tag, &seq) != 0)
        return CERTFIT_ERR_DER;
    const uint8_t *q = seq.p, *qend = seq.p + seq.len;
    while (q < qend) {
        certfit_view set;
        if (tlv(&q, qend, &tag, &set) != 0)
            return CERTFIT_ERR_DER;
        const uint8_t *a = set.p, *aend = set.p + set.len;
        while (a < aend) {
            certfit_view atv, oid, val;
            uint8_t vtag;
            if (tlv(&a, aend, &tag, &atv) != 0)
                return CERTFIT_ERR_DER;
            const uint8_t *t = atv.p, *tend = atv.p + atv.len;
            if (tlv(&t, tend, &tag, &oid) != 0 || tlv(&t, tend, &vtag, &val) != 0)
                return CERTFIT_ERR_DER;
            if (oid.len == 3 && memcmp(oid.p, "\x55\x04\x03", 3) == 0) {
                cnv = val;
                cntag = vtag;
                found = 0;
            }
        }
    }
    if (found != 0)
        return found;
    sbuf b = {out, size, 0, false};
    put_value(&b, cntag, cnv);
    *out_len = b.len;
    return b.full ? CERTFIT_ERR_BUFFER_TOO_SMALL : 0;
}

static uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

static bool eq_nocase(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

/* RFC 6125 6.4.3: "*" may only be the complete left-most label, and
 * matches exactly one label. A trailing dot on either side is ignored. */
static bool dns_match(certfit_view pat, const uint8_t *host, size_t hlen)
{
    if (hlen > 0 && host[hlen - 1] == '.')
        hlen--;
    if (pat.len > 0 && pat.p[pat.len - 1] == '.')
        pat.len--;
    if (pat.len == 0 || hlen == 0)
        return false;
    if (pat.len >= 3 && pat.p[0] == '*' && pat.p[1] == '.') {
        const uint8_t *dot = memchr(host, '.', hlen);
        if (dot == NULL || dot == host)
            return false;
        size_t rest = hlen - (size_t)(dot - host);
        /* the wildcard must not stand for a public suffix: need 2+ labels after it */
        if (memchr(pat.p + 2, '.', pat.len - 2) == NULL)
            return false;
        return rest == pat.len - 1 && eq_nocase(dot, pat.p + 1, rest);
    }
    return pat.len == hlen && memchr(pat.p, '*', pat.len) == NULL && eq_nocase(pat.p, host, hlen);
}

static bool parse_ipv4(const char *s, size_t n, uint8_t out[4])
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
        unsigned v = 0, digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 4) {
            v = v * 10 + (unsigned)(s[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || v > 255 || (digits > 1 && s[i - digits] == '0'))
            return false;
        out[part] = (uint8_t)v;
    }
    return i == n;
}

static bool parse_ipv6(const char *s, size_t n, uint8_t out[16])
{
    uint16_t w[8];
    int nw = 0, gap = -1;
    size_t i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    }
    while (i < n) {
        if (nw == 8)
            return false;
        size_t start = i;
        unsigned v = 0;
        int digits = 0;
        while (i < n && digits < 5) {
            char c = s[i];
            int h = (c >= '0' && c <= '9') ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (h < 0)
                break;
            v = v * 16 + (unsigned)h;
            i++;
            digits++;
        }
        if (i < n && s[i] == '.' && nw <= 6) { /* embedded IPv4 */
            uint8_t v4[4];
            if (!parse_ipv4(s + start, n - start, v4))
                return false;
            w[nw++] = (uint16_t)(v4[0] << 8 | v4[1]);
            w[nw++] = (uint16_t)(v4[2] << 8 | v4[3]);
            i = n;
            break;
        }
        if (digits == 0 || digits > 4)
            return false;
        w[nw++] = (uint16_t)v;
        if (i == n)
            break;
        if (s[i] != ':')
            return false;
        i++;
        if (i < n && s[i] == ':') {
            if (gap >= 0)
                return false;
            gap = nw;
            i++;
        } else if (i == n) {
            return false;
        }
    }
    if (gap < 0 && nw != 8)
        return false;
    if (gap >= 0 && nw > 7)
        return false;
    int k = 0;
    for (int j = 0; j < 8; j++) {
        uint16_t x;
        if (gap >= 0 && j >= gap && j < gap + (8 - nw))
            x = 0;
        else
            x = w[k++];
        out[2 * j] = (uint8_t)(x >> 8);
        out[2 * j + 1] = (uint8_t)x;
    }
    return true;
}

/* The host as an IP literal: its 4 or 16 octets into ip, 0 when it is a
 * name. */
static size_t host_ip(const char *host, size_t host_len, uint8_t ip[16])
{
    if (parse_ipv4(host, host_len, ip))
        return 4;
    if (memchr(host, ':', host_len) != NULL && parse_ipv6(host, host_len, ip))
        return 16;
    return 0;
}

static bool entry_matches(uint8_t tag, certfit_view v, const uint8_t *ip, size_t iplen,
                          const char *host, size_t host_len)
{
    if (iplen == 0 && tag == 0x82 && dns_match(v, (const uint8_t *)host, host_len))
        return true;
    return iplen != 0 && tag == 0x87 && v.len == iplen && memcmp(v.p, ip, iplen) == 0;
}

bool certfit_cert_matches_host(const certfit_cert *c, const char *host, size_t host_len)
{
    uint8_t ip[16];
    size_t iplen = host_ip(host, host_len, ip);
    if (c->san.len == 0)
        return false; /* no SAN: san.p is NULL, and NULL + 0 is undefined */
    const uint8_t *p = c->san.p, *end = c->san.p + c->san.len;
    while (p < end) {
        uint8_t tag;
        certfit_view v;
        if (tlv(&p, end, &tag, &v) != 0)
            return false;
        if (entry_matches(tag, v, ip, iplen, host, host_len))
            return true;
    }
    return false;
}

#if CERTFIT_CONFIG_STREAM
bool certfit_san_entry_matches(uint8_t tag, certfit_view v, const char *host, size_t host_len)
{
    uint8_t ip[16];
    size_t iplen = host_ip(host, host_len, ip);
    return entry_matches(tag, v, ip, iplen, host, host_len);
}
#endif
