/*
 * The strict-DER X.509 scanner: its own TLV reader (next), with the checks a
 * BER reader leaves out: minimal length encodings, no indefinite lengths,
 * no bytes left inside a structure, DER booleans and integers, exact time
 * forms (X.690 10, RFC 5280 4.1). Fields are views into the caller's
 * buffer. It accepts what Mbed TLS's mbedtls_asn1_get_tag accepts (one-byte
 * tags, lengths of up to four octets): tests/test_differential.c holds the
 * two side by side.
 */
#include <string.h>

#include "arith.h"
#include "certfit/cert.h"
#include "certfit/input.h"
#include "stream_internal.h"

typedef struct scan scan;

/* A span of DER: [p, end), and the scan it belongs to (so that the reader
 * needs no separate argument for it). */
typedef struct span {
    const uint8_t *p, *end;
    scan *s;
} span;

/* The scan's state. A structural error is sticky: once failed is set,
 * next() reads nothing and returns empty spans, so the code after it runs
 * through without reading and without recording anything more. */
struct scan {
    const uint8_t *base;
    certfit_cert *c;
    bool failed;
};

/* A strict-DER violation at `at`: kind, with HARD for a structural error.
 * The first violation is the one reported, but a structural error
 * replaces a softer one; after a structural error nothing is recorded. */
#define HARD 0x80u

static void flag(scan *s, unsigned kind, const uint8_t *at)
{
    certfit_cert *c = s->c;
    if (s->failed)
        return;
    if (c->strict_count++ == 0 || (kind & HARD) != 0) {
        c->strict = (certfit_strict)(kind & ~HARD);
        c->strict_offset = (size_t)(at - s->base);
    }
    s->failed = (kind & HARD) != 0;
}

static certfit_view view(span x)
{
    certfit_view v = {x.p, (size_t)(x.end - x.p)};
    return v;
}

/* Whether two views hold the same octets. */
static bool same(certfit_view a, certfit_view b)
{
    return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

/* The reader's functions are inlined where speed is asked for (the host's
 * -O2: each call site then knows its tag); one copy where size is (the
 * device's -Os). Device flash: 0 B either way (-Os gets plain static). */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define READER __attribute__((always_inline)) inline static
#else
#define READER static
#endif

/*
 * The next TLV of *in, its tag `tag` (0: any one-byte tag): *out is its
 * content and in->p moves past it. Returns the tag read; on a failure
 * (recorded) 0, an empty *out, and *in is used up. One-byte tags and
 * lengths of up to four octets, as Mbed TLS's mbedtls_asn1_get_tag allows;
 * the order of the checks decides which violation a broken element is
 * reported as: a high tag number (any tag) or an indefinite length first,
 * then the tag, then truncation.
 */
READER int next(span *in, int tag, span *out)
{
    scan *s = in->s;
    const uint8_t *start = in->p, *end = in->end;
    out->p = out->end = start;
    out->s = s;
    certfit_strict why = CERTFIT_STRICT_TRUNCATED;
    const uint8_t *at = start;
    if (s->failed || start >= end)
        goto bad;
    size_t avail = (size_t)(end - start);
    if (tag == 0) {
        tag = start[0];
        if ((tag & 0x1f) == 0x1f) {
            why = CERTFIT_STRICT_WRONG_TAG;
            goto bad;
        }
    }
    if (avail >= 2 && start[1] == 0x80) {
        why = CERTFIT_STRICT_INDEFINITE_LENGTH;
        at = start + 1;
        goto bad;
    }
    if (start[0] != tag) {
        why = CERTFIT_STRICT_WRONG_TAG;
        goto bad;
    }
    if (avail < 2)
        goto bad;
    const uint8_t *q = start + 2;
    size_t l = start[1];
    if (l & 0x80) {
        size_t k = l & 0x7f; /* 1..127: 0x80 was taken above */
        if (k > 4 || avail - 2 < k)
            goto bad;
        l = 0;
        while (k-- > 0)
            l = l << 8 | *q++;
    }
    if (l > (size_t)(end - q))
        goto bad;
    /* DER: the short form below 128, else the fewest octets (X.690 10.1) */
    if (q - start > 2 && (l < 0x80 || start[2] == 0))
        flag(s, CERTFIT_STRICT_NONMINIMAL_LENGTH, start + 1);
    out->p = q;
    out->end = in->p = q + l;
    return tag;
bad:
    flag(s, HARD | why, at);
    in->p = end;
    return 0;
}

/* Bytes left at the end of a structure. */
static void done(const span *x)
{
    if (x->p != x->end)
        flag(x->s, CERTFIT_STRICT_TRAILING_INSIDE, x->p);
}

/* The last element of *in: next(), then done(). */
READER int last(span *in, int tag, span *out)
{
    int t = next(in, tag, out);
    done(in);
    return t;
}

/* An OPTIONAL element: read when the next one has this tag; returns the
 * tag read, 0 when it is not there (or on a failure). */
READER int opt(span *in, int tag, span *out)
{
    return in->p < in->end && *in->p == tag ? next(in, tag, out) : 0;
}

/* X.690 identifier octets */
#define BOOLEAN 0x01
#define INTEGER 0x02
#define BIT_STRING 0x03
#define OCTET_STRING 0x04
#define OID 0x06
#define CONTEXT 0x80
#define SEQ 0x30
#define SET 0x31
#define CTX(n) (0xa0 | (n))

/*
 * The OIDs the scanner names, one table per kind, front-coded: each entry
 * is a byte (octets shared with the previous entry's OID) << 4 | (octets
 * that follow), those octets, then the value; a 0 byte ends the table.
 * Shared prefixes (PKCS #1, X9.62, SECG, brainpool, NIST) are held once,
 * and the common OIDs come first. The OIDs are held in the tables (not as
 * pointers to string literals), so that the display names below stay out of
 * a build that never prints them. Front coding and its matcher save 146 B
 * of device flash against full OIDs in plain tables (length, octets, value)
 * and a plain memcmp() loop (scripts/footprint.sh, module: 11,835 B
 * against 11,981 B).
 */
#define AT(shared, n) ((shared) << 4 | (n))

static const uint8_t k_key_oids[] = {
    /* 1.2.840.113549.1.1.1 and .10 (PKCS #1, RSASSA-PSS) */
    AT(0, 9), 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, CERTFIT_KEY_RSA,
    AT(8, 1), 0x0a, CERTFIT_KEY_RSA,
    /* 1.2.840.10045.2.1 (X9.62) */
    AT(3, 4), 0xce, 0x3d, 0x02, 0x01, CERTFIT_KEY_EC,
    /* 1.2.840.10040.4.1 (X9.57 DSA) */
    AT(4, 3), 0x38, 0x04, 0x01, CERTFIT_KEY_DSA,
    /* 1.3.101.112, .113, .110, .111 (RFC 8410) */
    AT(0, 3), 0x2b, 0x65, 0x70, CERTFIT_KEY_ED25519,
    AT(2, 1), 0x71, CERTFIT_KEY_ED448,
    AT(2, 1), 0x6e, CERTFIT_KEY_X25519,
    AT(2, 1), 0x6f, CERTFIT_KEY_X448,
    /* 1.2.643.2.2.19 (GOST R 34.10-2001), 1.2.643.7.1.1.1.1 and .2 (2012) */
    AT(0, 6), 0x2a, 0x85, 0x03, 0x02, 0x02, 0x13, CERTFIT_KEY_GOST,
    AT(3, 5), 0x07, 0x01, 0x01, 0x01, 0x01, CERTFIT_KEY_GOST,
    AT(7, 1), 0x02, CERTFIT_KEY_GOST,
    0,
};

/* A signature algorithm and its hash (certfit_sig_alg_hash()) in one byte:
 * 34 B of device flash less than looking the hash up in k_sig_hash
 * (scripts/footprint.sh, module). */
#define SIG(alg, hash) (CERTFIT_SIG_##alg | CERTFIT_HASH_##hash << 5)

static const uint8_t k_sig_oids[] = {
    /* 1.2.840.113549.1.1.n (PKCS #1) */
    AT(0, 9), 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, SIG(RSA_SHA256, SHA256),
    AT(8, 1), 0x0c, SIG(RSA_SHA384, SHA384),
    AT(8, 1), 0x0d, SIG(RSA_SHA512, SHA512),
    AT(8, 1), 0x05, SIG(RSA_SHA1, SHA1),
    AT(8, 1), 0x0e, SIG(RSA_SHA224, SHA224),
    AT(8, 1), 0x04, SIG(RSA_MD5, MD5),
    AT(8, 1), 0x02, SIG(RSA_MD2, MD2),
    AT(8, 1), 0x0a, SIG(RSA_PSS, NONE), /* the hash is in the parameters */
    /* 1.2.840.10045.4.n (X9.62) */
    AT(3, 5), 0xce, 0x3d, 0x04, 0x03, 0x02, SIG(ECDSA_SHA256, SHA256),
    AT(7, 1), 0x03, SIG(ECDSA_SHA384, SHA384),
    AT(7, 1), 0x04, SIG(ECDSA_SHA512, SHA512),
    AT(7, 1), 0x01, SIG(ECDSA_SHA224, SHA224),
    AT(6, 1), 0x01, SIG(ECDSA_SHA1, SHA1),
    /* 1.2.840.10040.4.3 (X9.57 DSA with SHA-1) */
    AT(4, 3), 0x38, 0x04, 0x03, SIG(DSA_SHA1, SHA1),
    /* 1.3.101.112, 1.3.101.113 (RFC 8410) */
    AT(0, 3), 0x2b, 0x65, 0x70, SIG(ED25519, NONE),
    AT(2, 1), 0x71, SIG(ED448, NONE),
    /* 2.16.840.1.101.3.4.3.2 (NIST DSA with SHA-256) */
    AT(0, 9), 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02, SIG(DSA_SHA256, SHA256),
    0,
};

static const uint8_t k_curve_oids[] = {
    /* 1.2.840.10045.3.1.7 (X9.62) */
    AT(0, 8), 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, CERTFIT_CURVE_SECP256R1,
    /* 1.3.132.0.n (SECG) */
    AT(0, 5), 0x2b, 0x81, 0x04, 0x00, 0x22, CERTFIT_CURVE_SECP384R1,
    AT(4, 1), 0x23, CERTFIT_CURVE_SECP521R1,
    AT(4, 1), 0x21, CERTFIT_CURVE_SECP224R1,
    AT(4, 1), 0x0a, CERTFIT_CURVE_SECP256K1,
    /* 1.3.36.3.3.2.8.1.1.n (brainpool) */
    AT(1, 8), 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07, CERTFIT_CURVE_BRAINPOOLP256R1,
    AT(8, 1), 0x0b, CERTFIT_CURVE_BRAINPOOLP384R1,
    AT(8, 1), 0x0d, CERTFIT_CURVE_BRAINPOOLP512R1,
    0,
};

/* The hash functions of RSASSA-PSS-params (RFC 4055 2.1, RFC 8017 A.2.3):
 * NIST 2.16.840.1.101.3.4.2.n, SHA-1 1.3.14.3.2.26, and MD5
 * 1.2.840.113549.2.5, which signature-algorithm must name; any other OID
 * (MD2 too) is a hash we do not name. */
static const uint8_t k_hash_oids[] = {
    AT(0, 9), 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, CERTFIT_HASH_SHA256,
    AT(8, 1), 0x02, CERTFIT_HASH_SHA384,
    AT(8, 1), 0x03, CERTFIT_HASH_SHA512,
    AT(8, 1), 0x04, CERTFIT_HASH_SHA224,
    AT(0, 5), 0x2b, 0x0e, 0x03, 0x02, 0x1a, CERTFIT_HASH_SHA1,
    AT(0, 8), 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, CERTFIT_HASH_MD5,
    0,
};

/* The value of the OID with content octets o[0..n) in table t, 0 when it
 * is not there. m is how many leading octets of o the current entry's OID
 * matches: an entry that shares more than m octets with the one before
 * differs from o where that one did, so only entries sharing at most m are
 * compared, and only from their new octets on. */
static unsigned oid_find(const uint8_t *o, size_t n, const uint8_t *t)
{
    size_t m = 0;
    for (const uint8_t *e = t; *e != 0; e += (*e & 15) + 2) {
        size_t shared = *e >> 4, len = shared + (*e & 15);
        if (shared <= m)
            for (m = shared; m < len && m < n && e[1 + m - shared] == o[m]; m++)
                ;
        if (m == n && len == n)
            return e[1 + len - shared];
    }
    return 0;
}

static const char *const k_sig_names[CERTFIT_SIG_COUNT] = {
    [CERTFIT_SIG_UNKNOWN] = NULL,
    [CERTFIT_SIG_RSA_MD2] = "md2WithRSAEncryption",
    [CERTFIT_SIG_RSA_MD5] = "md5WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA1] = "sha1WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA224] = "sha224WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA256] = "sha256WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA384] = "sha384WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA512] = "sha512WithRSAEncryption",
    [CERTFIT_SIG_RSA_PSS] = "rsassaPss",
    [CERTFIT_SIG_ECDSA_SHA1] = "ecdsa-with-SHA1",
    [CERTFIT_SIG_ECDSA_SHA224] = "ecdsa-with-SHA224",
    [CERTFIT_SIG_ECDSA_SHA256] = "ecdsa-with-SHA256",
    [CERTFIT_SIG_ECDSA_SHA384] = "ecdsa-with-SHA384",
    [CERTFIT_SIG_ECDSA_SHA512] = "ecdsa-with-SHA512",
    [CERTFIT_SIG_ED25519] = "ED25519",
    [CERTFIT_SIG_ED448] = "ED448",
    [CERTFIT_SIG_DSA_SHA1] = "dsaWithSHA1",
    [CERTFIT_SIG_DSA_SHA256] = "dsa_with_SHA256",
};

static const uint8_t k_sig_hash[CERTFIT_SIG_COUNT] = {
    [CERTFIT_SIG_UNKNOWN] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_RSA_MD2] = CERTFIT_HASH_MD2,
    [CERTFIT_SIG_RSA_MD5] = CERTFIT_HASH_MD5,
    [CERTFIT_SIG_RSA_SHA1] = CERTFIT_HASH_SHA1,
    [CERTFIT_SIG_RSA_SHA224] = CERTFIT_HASH_SHA224,
    [CERTFIT_SIG_RSA_SHA256] = CERTFIT_HASH_SHA256,
    [CERTFIT_SIG_RSA_SHA384] = CERTFIT_HASH_SHA384,
    [CERTFIT_SIG_RSA_SHA512] = CERTFIT_HASH_SHA512,
    [CERTFIT_SIG_RSA_PSS] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_ECDSA_SHA1] = CERTFIT_HASH_SHA1,
    [CERTFIT_SIG_ECDSA_SHA224] = CERTFIT_HASH_SHA224,
    [CERTFIT_SIG_ECDSA_SHA256] = CERTFIT_HASH_SHA256,
    [CERTFIT_SIG_ECDSA_SHA384] = CERTFIT_HASH_SHA384,
    [CERTFIT_SIG_ECDSA_SHA512] = CERTFIT_HASH_SHA512,
    [CERTFIT_SIG_ED25519] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_ED448] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_DSA_SHA1] = CERTFIT_HASH_SHA1,
    [CERTFIT_SIG_DSA_SHA256] = CERTFIT_HASH_SHA256,
};

const char *certfit_sig_alg_name(certfit_sig_alg a)
{
    return (unsigned)a < CERTFIT_SIG_COUNT ? k_sig_names[a] : NULL;
}

certfit_hash certfit_sig_alg_hash(certfit_sig_alg a)
{
    return (unsigned)a < CERTFIT_SIG_COUNT ? (certfit_hash)k_sig_hash[a] : CERTFIT_HASH_NONE;
}

const char *certfit_hash_name(certfit_hash h)
{
    static const char *const names[CERTFIT_HASH_COUNT] = {"none",   "md2",    "md5",   "sha1",
                                                          "sha224", "sha256", "sha384", "sha512"};
    return (unsigned)h < CERTFIT_HASH_COUNT ? names[h] : "none";
}

static const uint16_t k_curve_bits[CERTFIT_CURVE_COUNT] = {
    [CERTFIT_CURVE_SECP256R1] = 256,       [CERTFIT_CURVE_SECP384R1] = 384,
    [CERTFIT_CURVE_SECP521R1] = 521,       [CERTFIT_CURVE_BRAINPOOLP256R1] = 256,
    [CERTFIT_CURVE_BRAINPOOLP384R1] = 384, [CERTFIT_CURVE_BRAINPOOLP512R1] = 512,
    [CERTFIT_CURVE_SECP224R1] = 224,       [CERTFIT_CURVE_SECP256K1] = 256,
};

static const char *const k_curve_names[CERTFIT_CURVE_COUNT] = {
    [CERTFIT_CURVE_NONE] = NULL,
    [CERTFIT_CURVE_SECP256R1] = "secp256r1",
    [CERTFIT_CURVE_SECP384R1] = "secp384r1",
    [CERTFIT_CURVE_SECP521R1] = "secp521r1",
    [CERTFIT_CURVE_BRAINPOOLP256R1] = "brainpoolP256r1",
    [CERTFIT_CURVE_BRAINPOOLP384R1] = "brainpoolP384r1",
    [CERTFIT_CURVE_BRAINPOOLP512R1] = "brainpoolP512r1",
    [CERTFIT_CURVE_SECP224R1] = "secp224r1",
    [CERTFIT_CURVE_SECP256K1] = "secp256k1",
    [CERTFIT_CURVE_OTHER] = "other",
};

const char *certfit_curve_name(certfit_curve c)
{
    return (unsigned)c < CERTFIT_CURVE_COUNT ? k_curve_names[c] : NULL;
}

uint32_t certfit_curve_bits(certfit_curve c)
{
    return (unsigned)c < CERTFIT_CURVE_COUNT ? k_curve_bits[c] : 0;
}

const char *certfit_key_type_name(certfit_key_type t)
{
    switch (t) {
    case CERTFIT_KEY_RSA:
        return "rsa";
    case CERTFIT_KEY_EC:
        return "ec";
    case CERTFIT_KEY_ED25519:
        return "ed25519";
    case CERTFIT_KEY_ED448:
        return "ed448";
    case CERTFIT_KEY_DSA:
        return "dsa";
    case CERTFIT_KEY_X25519:
        return "x25519";
    case CERTFIT_KEY_X448:
        return "x448";
    case CERTFIT_KEY_GOST:
        return "gost";
    default:
        return "other";
    }
}

const char *certfit_strict_name(certfit_strict s)
{
    switch (s) {
    case CERTFIT_STRICT_NONMINIMAL_LENGTH:
        return "non-minimal length encoding";
    case CERTFIT_STRICT_INDEFINITE_LENGTH:
        return "indefinite length";
    case CERTFIT_STRICT_WRONG_TAG:
        return "unexpected tag";
    case CERTFIT_STRICT_TRUNCATED:
        return "element runs past its container";
    case CERTFIT_STRICT_TRAILING_INSIDE:
        return "bytes left inside a structure";
    case CERTFIT_STRICT_BAD_VALUE:
        return "non-DER value encoding";
    case CERTFIT_STRICT_BAD_TIME:
        return "malformed time";
    default:
        return "none";
    }
}

/* An INTEGER from *in, its content in *out: DER requires the shortest
 * two's-complement form. */
READER void integer(span *in, span *out)
{
    next(in, INTEGER, out);
    span v = *out;
    /* more than one octet, and the first nine bits all 0 or all 1: then
     * octet 0 plus the top bit of octet 1 is 0 or 0x100 */
    if (v.p == v.end || (v.end - v.p > 1 && (uint8_t)(v.p[0] + (v.p[1] >> 7)) == 0))
        flag(v.s, CERTFIT_STRICT_BAD_VALUE, v.p);
}

/* AlgorithmIdentifier: *params is the one element after the OID, if any. */
static void get_alg(span *in, span *oid, span *params)
{
    span a, v;
    next(in, SEQ, &a);
    next(&a, OID, oid);
    *params = a;
    if (a.p < a.end) {
        last(&a, 0, &v);
        params->end = a.p;
    }
}

static int two(const uint8_t *d, unsigned *v)
{
    if (d[0] < '0' || d[0] > '9' || d[1] < '0' || d[1] > '9')
        return -1;
    *v = (unsigned)(d[0] - '0') * 10u + (unsigned)(d[1] - '0');
    return 0;
}

/*
 * The calendar (proleptic Gregorian; Hinnant's days_from_civil and
 * civil_from_days) on unsigned 32-bit day numbers: day 0 is 0000-03-01 of
 * the era ERAS 400-year eras back, so years from -1,000,000 to 4,000,000
 * need no signed or 64-bit arithmetic. Years outside that range are
 * clamped to it; certificate times (years 0 to 9999) plus a lifetime of up
 * to 65,535 years stay far inside. Years start in March here, so that a
 * leap day is the last day of its year.
 */
#define ERAS 2500
#define YEAR_MIN (-400 * ERAS)
#define YEAR_MAX 4000000
#define EPOCH_DAY (719468u + ERAS * 146097u) /* the day number of 1970-01-01 */

static int32_t clamp_year(int64_t y)
{
    return (int32_t)(y < YEAR_MIN ? YEAR_MIN : y > YEAR_MAX ? YEAR_MAX : y);
}

/* The day number of 1 March of year y (counted from YEAR_MIN): 365 days a
 * year and the leap days before it. */
static uint32_t year_start(uint32_t y)
{
    return y * 365 + y / 4 - y / 100 + y / 400;
}

/* The day number of a date in year y (counted from YEAR_MIN); days past
 * the end of the month run on into the next one. */
static uint32_t day_number(uint32_t y, unsigned m, unsigned d)
{
    y -= m <= 2; /* January and February end the year before */
    return year_start(y) + (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
}

/* Seconds since the epoch at the start of a day. */
static int64_t day_seconds(uint32_t day)
{
    return ((int64_t)day - EPOCH_DAY) * 86400;
}

/* The day number of day d of month m (1..12) in year y (counted from
 * YEAR_MIN), 0 when the month has no such day: it would not come before
 * the 1st of the next month (month 13 is January of the next year). Day 0
 * is in year 0 of the count, which no parsed time is. */
static uint32_t date_day(uint32_t y, unsigned m, unsigned d)
{
    uint32_t n = day_number(y, m, d);
    return m - 1 < 12 && d >= 1 && n < day_number(y, m + 1, 1) ? n : 0;
}

/* The day number of t and the seconds into that day. A t outside day 0 ..
 * YEAR_MAX-12-31 wraps past the upper end and is taken to the nearer end. */
static uint32_t day_of(int64_t t, uint32_t *sec)
{
    uint64_t u = (uint64_t)t + (uint64_t)EPOCH_DAY * 86400;
    if (u >= (uint64_t)1826212806 * 86400)
        u = t < 0 ? 0 : (uint64_t)1826212806 * 86400 - 1;
    return (uint32_t)certfit_udiv(u, 86400, sec);
}

/* The year (counted from YEAR_MIN, starting in March) of day number n, and
 * in *doy the day of that year (0 is 1 March). */
static uint32_t year_of(uint32_t n, uint32_t *doy)
{
    uint32_t doe = n % 146097;
    uint32_t y = n / 146097 * 400 + (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    *doy = n - year_start(y);
    return y;
}

int64_t certfit_time_from_civil(int64_t year, unsigned m, unsigned d, unsigned hh, unsigned mm,
                                unsigned ss)
{
    return day_seconds(day_number((uint32_t)(clamp_year(year) - YEAR_MIN), m, d)) +
           (int64_t)(hh * 3600 + mm * 60 + ss);
}

void certfit_time_to_civil(int64_t t, int64_t *year, unsigned *month, unsigned *day,
                           unsigned *hour, unsigned *min, unsigned *sec)
{
    uint32_t rem, doy, y = year_of(day_of(t, &rem), &doy);
    *hour = rem / 3600;
    *min = rem / 60 % 60;
    *sec = rem % 60;
    uint32_t mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = (int64_t)y + YEAR_MIN + (*month <= 2);
}

/* The same day of the year and time of day, whole years on: the date's day
 * of its March-based year does not change, so 29 February (the last day
 * of such a year) becomes 1 March in a year without one. No month or day
 * is worked out, and no second 64-bit division. */
int64_t certfit_time_add_years(int64_t t, unsigned years)
{
    uint32_t rem, doy, y = year_of(day_of(t, &rem), &doy);
    /* January and February belong to the March-based year before: the
     * calendar year is y + 1, and that is what is clamped to YEAR_MAX */
    uint32_t room = (uint32_t)(YEAR_MAX - YEAR_MIN) - y - (doy >= 306);
    y += years < room ? years : room;
    return day_seconds(year_start(y) + doy) + rem;
}

/*
 * certfit_time_add_years(c->not_before.t, years) without its 64-bit
 * division: a time the scanner sets lies within years -1..10000 (0000..9999
 * and an offset of up to 23:59). Counted from -0400-03-01 (whole 400-year
 * eras from YEAR_MIN's day 0, so year_start() differences are the same),
 * its seconds stay below 2^39 for years up to 16,000, so 86400 = 128 * 675
 * divides in 32 bits, and 400 * the day number stays below 2^32. Up to
 * 65,535 years on, the year stays far below YEAR_MAX. It saves 164 B of
 * device flash over calling certfit_time_add_years() (scripts/footprint.sh,
 * module).
 */
#define LIFE_DAY0 (719468u + 146097u) /* days from -0400-03-01 to 1970-01-01 */

int64_t certfit_cert_lifetime_end(const certfit_cert *c, uint16_t years)
{
    return certfit_lifetime_end_at(c->not_before.t, years);
}

int64_t certfit_lifetime_end_at(int64_t t, uint16_t years)
{
    uint64_t u = (uint64_t)(t + (int64_t)LIFE_DAY0 * 86400);
    uint32_t n = (uint32_t)(u >> 7) / 675;
    /* the March-based year: a 400-year era has 146,097 days, so the
     * estimate is the year or the one before; the day of that year stays */
    uint32_t y = n * 400 / 146097;
    y += year_start(y + 1) <= n;
    return t + (int64_t)(year_start(y + years) - year_start(y)) * 86400;
}

void certfit_time_format(int64_t t, char out[21])
{
    int64_t y;
    unsigned mo, d, h, mi, s;
    certfit_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    if (y < 0 || y > 9999) {
        memcpy(out, "0000-00-00T00:00:00Z", 21);
        return;
    }
    unsigned v[6] = {(unsigned)y, mo, d, h, mi, s};
    static const char sep[] = "--T::Z";
    size_t o = 0;
    for (int i = 0; i < 6; i++) {
        if (i == 0) {
            out[o++] = (char)('0' + v[0] / 1000);
            out[o++] = (char)('0' + v[0] / 100 % 10);
        }
        out[o++] = (char)('0' + v[i] / 10 % 10);
        out[o++] = (char)('0' + v[i] % 10);
        out[o++] = sep[i];
    }
    out[o] = '\0';
}

int certfit_time_parse_rfc3339(const char *str, int64_t *t)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t n = strlen(str);
    unsigned c, yy, mo, d, h = 0, mi = 0, sec = 0;
    if (n < 10 || two(s, &c) || two(s + 2, &yy) || s[4] != '-' || two(s + 5, &mo) ||
        s[7] != '-' || two(s + 8, &d))
        return CERTFIT_ERR_TIME;
    uint32_t y = c * 100 + yy + 400u * ERAS; /* counted from YEAR_MIN */
    size_t i = 10;
    int64_t off = 0;
    if (i < n) {
        if ((s[i] != 'T' && s[i] != 't' && s[i] != ' ') || n < i + 9 || two(s + i + 1, &h) ||
            s[i + 3] != ':' || two(s + i + 4, &mi) || s[i + 6] != ':' || two(s + i + 7, &sec))
            return CERTFIT_ERR_TIME;
        i += 9;
        if (i < n && s[i] == '.') {
            i++;
            if (i >= n || s[i] < '0' || s[i] > '9')
                return CERTFIT_ERR_TIME;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
        }
        if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
            i++;
        } else if (i < n && (s[i] == '+' || s[i] == '-')) {
            unsigned oh, om;
            if (n < i + 6 || two(s + i + 1, &oh) || s[i + 3] != ':' || two(s + i + 4, &om) ||
                oh > 23 || om > 59)
                return CERTFIT_ERR_TIME;
            off = (int64_t)(oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
            i += 6;
        } else {
            return CERTFIT_ERR_TIME;
        }
    }
    uint32_t day = date_day(y, mo, d);
    if (i != n || day == 0 || h > 23 || mi > 59 || sec > 60)
        return CERTFIT_ERR_TIME;
    if (sec == 60)
        sec = 59;
    *t = day_seconds(day) + (int64_t)(h * 3600 + mi * 60 + sec) - off;
    return 0;
}

static bool digit(uint8_t c)
{
    return (uint8_t)(c - '0') <= 9;
}

/* Two decimal digits' value, 255 when they are not digits. */
static unsigned pair(const uint8_t *d)
{
    unsigned a = (unsigned)d[0] - '0', b = (unsigned)d[1] - '0';
    return a < 10 && b < 10 ? a * 10 + b : 255;
}

/* UTCTime / GeneralizedTime content into *out (X.680 46, 47; RFC 5280 4.1.2.5):
 * [CC]YYMMDDHHMM, optional seconds, a fraction (GeneralizedTime only), then
 * Z, an offset or nothing; only [CC]YYMMDDHHMMSSZ is exact. */
static bool time_value(uint8_t tag, const uint8_t *p, const uint8_t *e, certfit_time *out)
{
    /* the most each field may be; month and day are checked on the calendar */
    static const uint8_t k_max[7] = {99, 99, 99, 99, 23, 59, 59};
    unsigned f[7]; /* century, year, month, day, hour, minute, second */
    unsigned k = tag == CERTFIT_TIME_UTC ? 1 : 0;
    out->type = tag;
    if (e - p < 13 - 2 * (int)k)
        goto bad;
    f[6] = 0;
    for (; k < 7; k++, p += 2) {
        if (k == 6 && (e - p < 2 || !digit(*p)))
            break; /* no seconds */
        if ((f[k] = pair(p)) > k_max[k])
            goto bad;
    }
    bool exact = k == 7;
    if (tag == CERTFIT_TIME_UTC)
        f[0] = f[1] < 50 ? 20 : 19; /* RFC 5280 4.1.2.5.1 */
    else if (p < e && (*p == '.' || *p == ',')) {
        exact = false;
        const uint8_t *q = ++p;
        while (p < e && digit(*p))
            p++;
        if (p == q)
            goto bad;
    }
    int32_t off = 0;
    if (p < e && *p == 'Z') {
        p++;
    } else {
        exact = false;
        if (p < e && (*p == '+' || *p == '-')) {
            unsigned oh, om;
            if (e - p < 5 || (oh = pair(p + 1)) > 23 || (om = pair(p + 3)) > 59)
                goto bad;
            off = (int32_t)(oh * 60 + om) * 60;
            if (*p == '-')
                off = -off;
            p += 5;
        }
    }
    uint32_t day = date_day(f[0] * 100 + f[1] + 400u * ERAS, f[2], f[3]);
    if (p != e || day == 0)
        goto bad;
    out->exact = exact;
    /* the days from 1970 and the seconds fit in 32 bits for years 0..9999 */
    int32_t sec = (int32_t)((f[4] * 60 + f[5]) * 60 + f[6]) - off;
    out->t = (int64_t)(int32_t)(day - EPOCH_DAY) * 86400 + sec;
    return true;
bad:
    return false;
}

static void parse_time(uint8_t tag, span v, certfit_time *out)
{
    if (!time_value(tag, v.p, v.end, out))
        flag(v.s, HARD | CERTFIT_STRICT_BAD_TIME, v.p);
}

static uint32_t bit_length(span v)
{
    while (v.p < v.end && v.p[0] == 0)
        v.p++;
    if (v.p == v.end)
        return 0;
    uint32_t bits = (uint32_t)(v.end - v.p - 1) * 8;
    for (uint8_t b = v.p[0]; b != 0; b >>= 1)
        bits++;
    return bits;
}

/* A BIT STRING's content after next(): the unused-bits octet must be
 * there, and 0 (keys and signatures are whole octets); b is left on the
 * bits. Returns false when the octet is missing. */
static bool whole_octets(span *b)
{
    scan *s = b->s;
    if (b->p == b->end) {
        flag(s, HARD | CERTFIT_STRICT_BAD_VALUE, b->p);
        return false;
    }
    if (*b->p != 0)
        flag(s, CERTFIT_STRICT_BAD_VALUE, b->p);
    b->p++;
    return true;
}

static void scan_spki(span *in, certfit_cert *c)
{
    const uint8_t *start = in->p;
    span k, oid, params, key;
    next(in, SEQ, &k);
    c->spki.p = start;
    c->spki.len = (size_t)(in->p - start);
    get_alg(&k, &oid, &params);
    last(&k, BIT_STRING, &key);
    if (!whole_octets(&key))
        return;

    c->key_type = (certfit_key_type)oid_find(oid.p, (size_t)(oid.end - oid.p), k_key_oids);
    if (c->key_type == CERTFIT_KEY_RSA) {
        span r, n, e;
        next(&key, SEQ, &r);
        integer(&r, &n);
        c->key_bits = bit_length(n);
        last(&r, INTEGER, &e);
        done(&key);
    } else if (c->key_type == CERTFIT_KEY_EC) {
        span cv;
        unsigned curve = 0;
        /* the curve OID; anything else (explicit parameters) is "other".
         * get_alg read this element already, so this second read does not
         * fail; a non-minimal length in it counts twice in der-strict's
         * value (the number of strict-DER faults) */
        if (params.p < params.end && next(&params, 0, &cv) == OID)
            curve = oid_find(cv.p, (size_t)(cv.end - cv.p), k_curve_oids);
        if (curve == CERTFIT_CURVE_NONE)
            curve = CERTFIT_CURVE_OTHER;
        c->curve = (certfit_curve)curve;
        uint32_t bits = k_curve_bits[curve];
        if (bits == 0 && key.end - key.p > 1)
            bits = (uint32_t)(key.end - key.p - 1) / 2 * 8;
        c->key_bits = bits;
    } else if (c->key_type == CERTFIT_KEY_DSA) {
        span d, pv; /* Dss-Parms: SEQUENCE { p, q, g }; the size is p's */
        if (params.p < params.end && next(&params, SEQ, &d) == SEQ && next(&d, INTEGER, &pv))
            c->key_bits = bit_length(pv);
    } else if (c->key_type == CERTFIT_KEY_GOST) {
        /* an OCTET STRING of the point's two coordinates */
        size_t n = (size_t)(key.end - key.p);
        c->key_bits = n > 2 ? (uint32_t)(n - 2) * 4 : 0;
    } else if (c->key_type != CERTFIT_KEY_OTHER) {
        c->key_bits = c->key_type == CERTFIT_KEY_ED25519 || c->key_type == CERTFIT_KEY_X25519
                          ? 253
                      : c->key_type == CERTFIT_KEY_X448 ? 448
                                                        : 456; /* Ed448 */
    }
}

static void scan_name(span *in, certfit_view *name)
{
    const uint8_t *start = in->p;
    span n, r, a, v;
    next(in, SEQ, &n);
    while (n.p < n.end) {
        next(&n, SET, &r);
        if (r.p == r.end)
            flag(r.s, CERTFIT_STRICT_BAD_VALUE, r.p);
        while (r.p < r.end) {
            next(&r, SEQ, &a);
            next(&a, OID, &v);
            last(&a, 0, &v);
        }
    }
    name->p = start;
    name->len = (size_t)(in->p - start);
}

/* An OPTIONAL DER BOOLEAN in *in: its value in *v when it is there. TRUE
 * is 0xFF (FALSE, the DEFAULT, is absent). */
READER void boolean(span *in, bool *v)
{
    span b;
    if (!opt(in, BOOLEAN, &b))
        return;
    if (b.end - b.p != 1 || b.p[0] != 0xff)
        flag(b.s, CERTFIT_STRICT_BAD_VALUE, b.p);
    *v = b.end - b.p == 1 && b.p[0] != 0;
}

/* The extensions read here are all id-ce (2.5.29.n). */
#define EXT_SKI 0x0e
#define EXT_KU 0x0f
#define EXT_SAN 0x11
#define EXT_BC 0x13
#define EXT_AKI 0x23

static void scan_extension(span *list, certfit_cert *c)
{
    scan *s = list->s;
    span e, oid, v, x, y;
    next(list, SEQ, &e);
    next(&e, OID, &oid);
    bool critical; /* read for its DER form only */
    boolean(&e, &critical);
    last(&e, OCTET_STRING, &v);
    if (s->failed)
        return;

    int id = oid.end - oid.p == 3 && (oid.p[0] << 8 | oid.p[1]) == 0x551d ? oid.p[2] : 0;
    if (id == EXT_KU) {
        next(&v, BIT_STRING, &x);
        size_t n = (size_t)(x.end - x.p);
        if (n < 1 || x.p[0] > 7) {
            flag(s, HARD | CERTFIT_STRICT_BAD_VALUE, x.p);
            return;
        }
        c->has_key_usage = true;
        /* bit 0 is the most significant bit of the first octet: the first
         * two octets, bits reversed */
        unsigned w = (n > 1 ? (unsigned)x.p[1] << 8 : 0) | (n > 2 ? x.p[2] : 0), ku = 0;
        for (unsigned b = 0; b < 16; b++, w >>= 1)
            ku = ku << 1 | (w & 1);
        c->key_usage = (uint16_t)ku; /* a second keyUsage replaces the first */
    } else if (id == EXT_SKI) {
        next(&v, OCTET_STRING, &x);
        c->ski = view(x);
    } else if (id == EXT_SAN || id == EXT_AKI || id == EXT_BC) {
        next(&v, SEQ, &x);
        if (id == EXT_BC) {
            c->has_basic_constraints = true;
            boolean(&x, &c->ca);
            if (x.p < x.end) {
                integer(&x, &y);
                size_t n = (size_t)(y.end - y.p);
                int32_t pl = INT32_MAX; /* too large, negative, or not DER (noted above) */
                if (n >= 1 && n <= 3 && y.p[0] < 0x80)
                    for (pl = 0; y.p < y.end; y.p++)
                        pl = pl << 8 | *y.p;
                c->path_len = pl;
            }
            done(&x);
            v.p = x.p; /* bytes left in the SEQUENCE count again below */
        } else {
            if (id == EXT_SAN)
                c->san = view(x);
            while (x.p < x.end)
                if (next(&x, 0, &y) == (CONTEXT | 0) && id == EXT_AKI)
                    c->aki = view(y);
        }
    } else {
        v.p = v.end; /* other extensions: only their framing is checked */
    }
    done(&v);
}

int certfit_cert_scan(const uint8_t *der, size_t dlen, certfit_cert *c)
{
    memset(c, 0, sizeof(*c));
    c->path_len = -1;
    scan sc = {der, c, false};
    scan *s = &sc;
    if (der == NULL || dlen == 0) { /* an empty view may have p NULL: no NULL + 0 */
        flag(s, HARD | CERTFIT_STRICT_TRUNCATED, der);
        return CERTFIT_ERR_DER;
    }
    span all = {der, der + dlen, s}, ce, t, x, u;
    size_t outer;
    if (certfit_der_element_len(der, dlen, &outer) == 0)
        c->raw.len = outer;
    next(&all, SEQ, &ce);
    if (s->failed)
        return CERTFIT_ERR_DER;
    c->raw.p = der;
    c->raw.len = (size_t)(ce.end - der);

    /* TBSCertificate */
    const uint8_t *tstart = ce.p;
    next(&ce, SEQ, &t);
    c->tbs.p = tstart;
    c->tbs.len = (size_t)(ce.p - tstart);
    c->version = 1;
    if (opt(&t, CTX(0), &x)) {
        next(&x, INTEGER, &u);
        unsigned v = u.end - u.p == 1 ? u.p[0] : 3; /* v1, v2, v3 are 0, 1, 2 */
        if (v > 2) {
            flag(s, HARD | CERTFIT_STRICT_BAD_VALUE, u.p);
        } else {
            if (v == 0)
                flag(s, CERTFIT_STRICT_BAD_VALUE, u.p); /* DEFAULT v1 must be absent */
            c->version = (uint8_t)(v + 1);
        }
        done(&x);
    }
    integer(&t, &u);
    c->serial = view(u);
    span tbs_oid, tbs_params;
    get_alg(&t, &tbs_oid, &tbs_params);
    scan_name(&t, &c->issuer);

    next(&t, SEQ, &x);
    /* notBefore, then notAfter; the exit test at the end keeps -Os from
     * peeling the first pass into a second copy of the body */
    for (certfit_time *tm = &c->not_before;; tm = &c->not_after) {
        const uint8_t *at = x.p;
        int tag = next(&x, 0, &u);
        if (tag != CERTFIT_TIME_UTC && tag != CERTFIT_TIME_GENERALIZED)
            flag(s, HARD | CERTFIT_STRICT_WRONG_TAG, at);
        else
            parse_time((uint8_t)tag, u, tm);
        if (tm == &c->not_after)
            break;
    }
    done(&x);

    scan_name(&t, &c->subject);
    scan_spki(&t, c);
    int n = 1; /* issuerUniqueID [1], subjectUniqueID [2] */
    do {
        if (t.p < t.end && (*t.p & ~0x20) == (CONTEXT | n)) /* primitive or constructed */
            next(&t, 0, &u);
    } while (++n <= 2);
    if (opt(&t, CTX(3), &x)) {
        next(&x, SEQ, &u);
        while (u.p < u.end)
            scan_extension(&u, c);
        done(&x);
    }
    done(&t);

    /* signatureAlgorithm, signatureValue */
    span sig_oid, params;
    get_alg(&ce, &sig_oid, &params);
    c->sig_oid = view(sig_oid);
    if (!same(c->sig_oid, view(tbs_oid)))
        flag(s, CERTFIT_STRICT_BAD_VALUE, c->sig_oid.p);
    unsigned alg = oid_find(c->sig_oid.p, c->sig_oid.len, k_sig_oids);
    c->sig_alg = (certfit_sig_alg)(alg & 31);
    c->sig_hash = (certfit_hash)(alg >> 5);
    if (c->sig_alg == CERTFIT_SIG_RSA_PSS && !s->failed) {
        /* RSASSA-PSS-params: [0] hashAlgorithm, default SHA-1 (RFC 4055 3.1);
         * a broken element here is recorded without ending the scan. The
         * [0]'s content is read up to the end of the SEQUENCE (q.end). */
        c->sig_hash = CERTFIT_HASH_SHA1;
        span q = params, hoid, hparams;
        if (q.p < q.end) {
            next(&q, SEQ, &x);
            q.p = x.p;
            if (opt(&q, CTX(0), &x)) {
                /* the hash it names; none when unreadable or not one we name */
                q.p = x.p;
                get_alg(&q, &hoid, &hparams);
                c->sig_hash = s->failed ? CERTFIT_HASH_NONE
                                        : (certfit_hash)oid_find(hoid.p, (size_t)(hoid.end - hoid.p),
                                                                 k_hash_oids);
            }
        }
        s->failed = false;
    }
    next(&ce, BIT_STRING, &u);
    if (whole_octets(&u))
        c->sig_value = view(u);
    done(&ce);
    return s->failed ? CERTFIT_ERR_DER : 0;
}

bool certfit_cert_is_issuer_subject(const certfit_cert *c)
{
    return certfit_cert_is_issued_by(c, c);
}

bool certfit_cert_is_issued_by(const certfit_cert *a, const certfit_cert *b)
{
    return a->issuer.len > 0 && same(a->issuer, b->subject);
}

/* An AlgorithmIdentifier: its whole TLV in *alg, its parameters TLV in
 * *params (empty when absent). */
static void alg_tlv(span *in, certfit_view *alg, certfit_view *params)
{
    const uint8_t *start = in->p;
    span oid, pr;
    get_alg(in, &oid, &pr);
    alg->p = start;
    alg->len = (size_t)(in->p - start);
    *params = view(pr);
}

/* One extension of the details walk: which one, critical, its encoding. */
static void detail_extension(span *list, certfit_cert_details *d)
{
    span e, oid, v, x, y;
    next(list, SEQ, &e);
    next(&e, OID, &oid);
    bool critical = false;
    boolean(&e, &critical);
    last(&e, OCTET_STRING, &v);
    /* a repeated OID among the ones after this extension (RFC 5280 4.2) */
    for (span rest = *list; !d->duplicate_extension && rest.p < rest.end;) {
        span e2, oid2;
        next(&rest, SEQ, &e2);
        next(&e2, OID, &oid2);
        if (same(view(oid), view(oid2))) {
            d->duplicate_extension = true;
            d->duplicate_oid = view(oid);
        }
    }
    unsigned bit = 0;
    if (oid.end - oid.p == 3 && (oid.p[0] << 8 | oid.p[1]) == 0x551d) {
        switch (oid.p[2]) {
        case EXT_SKI:
            bit = CERTFIT_EXT_SKI;
            break;
        case EXT_KU:
            bit = CERTFIT_EXT_KU;
            if (next(&v, BIT_STRING, &x) == BIT_STRING)
                d->ku_bits = view(x);
            break;
        case EXT_SAN:
            bit = CERTFIT_EXT_SAN;
            break;
        case EXT_BC:
            bit = CERTFIT_EXT_BC;
            break;
        case EXT_AKI:
            bit = CERTFIT_EXT_AKI;
            if (next(&v, SEQ, &x) == SEQ)
                while (x.p < x.end)
                    if (next(&x, 0, &y) == (CONTEXT | 0))
                        d->aki_key_id = true;
            break;
        case 0x25:
            bit = CERTFIT_EXT_EKU;
            break;
        default:
            break;
        }
    }
    d->seen |= (uint8_t)bit;
    if (critical)
        d->critical |= (uint8_t)bit;
}

int certfit_cert_details_read(const certfit_cert *c, certfit_cert_details *d)
{
    memset(d, 0, sizeof(*d));
    if (c == NULL || c->raw.p == NULL || c->raw.len == 0)
        return CERTFIT_ERR_DER;
    certfit_cert scratch; /* flag() counts into it; the scan counted already */
    memset(&scratch, 0, sizeof(scratch));
    scan sc = {c->raw.p, &scratch, false};
    span all = {c->raw.p, c->raw.p + c->raw.len, &sc}, ce, t, x, u;
    next(&all, SEQ, &ce);
    next(&ce, SEQ, &t);
    if (opt(&t, CTX(0), &x))
        next(&x, INTEGER, &u);
    next(&t, INTEGER, &u);
    alg_tlv(&t, &d->tbs_sig_alg, &d->tbs_sig_params);
    next(&t, SEQ, &u); /* issuer */
    next(&t, SEQ, &u); /* validity */
    next(&t, SEQ, &u); /* subject */
    span k, key, r, n, e;
    next(&t, SEQ, &k);
    alg_tlv(&k, &d->spki_alg, &d->spki_params);
    next(&k, BIT_STRING, &key);
    if (c->key_type == CERTFIT_KEY_RSA && key.p < key.end) {
        key.p++; /* the unused-bits octet (the scan checked it) */
        next(&key, SEQ, &r);
        next(&r, INTEGER, &n);
        if (next(&r, INTEGER, &e) == INTEGER)
            d->rsa_exponent = view(e);
    }
    for (int i = 1; i <= 2; i++) {
        if (t.p < t.end && (*t.p & ~0x20) == (CONTEXT | i)) {
            next(&t, 0, &u);
            if (i == 1)
                d->issuer_uid = true;
            else
                d->subject_uid = true;
        }
    }
    if (opt(&t, CTX(3), &x)) {
        d->has_extensions = true;
        next(&x, SEQ, &u);
        while (u.p < u.end && !sc.failed)
            detail_extension(&u, d);
    }
    alg_tlv(&ce, &d->sig_alg, &d->sig_params);
    return sc.failed ? CERTFIT_ERR_DER : 0;
}

#if CERTFIT_CONFIG_STREAM
/*
 * The streaming scanner (CERTFIT_CONFIG_STREAM, config.h): certfit_cert_scan()
 * step for step, over offsets instead of pointers, reading each byte as it
 * first asks for it (decoded from base64 then, or read from memory) and
 * keeping the last CERTFIT_STREAM_BACK bytes for the few reads that look
 * back (a header peeked at, an INTEGER's first octets). Nothing else of the
 * DER is kept: names, key identifiers and OIDs are hashed as their bytes
 * pass (one recorded range at a time), the whole DER too. The two places
 * where certfit_cert_scan() reads a part of the certificate again long
 * after it (the curve or DSA parameters of the key, read after the key's
 * BIT STRING) are read here when they pass, and their strict-DER
 * violations are applied where the other scanner meets them (deferred()).
 * tests/stream_equiv holds the two scanners to the same findings.
 */
typedef struct sspan {
    size_t p, end;
} sspan;

typedef certfit_sscan ss;

#if defined(__GNUC__) || defined(__clang__)
#define S_NOINLINE __attribute__((noinline))
#else
#define S_NOINLINE
#endif

#define FNV_SEED 0xcbf29ce484222325ull
/* one function, not a macro: each inlined 64-bit multiply costs the M33
 * image its own umull/mla sequence (28 B less, scripts/footprint.sh) */
static S_NOINLINE uint64_t fnv_step(uint64_t h, uint8_t b)
{
    return (h ^ b) * 0x100000001b3ull;
}
#define FNV_STEP(h, b) fnv_step((h), (b))

/* The next byte of the certificate: into the look-back ring, the whole
 * hash and the recorded range. */
static void deliver(ss *s)
{
    size_t bad;
    /* DER in memory comes only from run_der() (check.c): a PEM-only build
     * always reads base64 (14 B less on the M33 image, scripts/footprint.sh) */
    int b = CERTFIT_CONFIG_DER_INPUT && s->mem != NULL ? s->mem[s->pos]
                                                       : certfit_b64_cursor_next(&s->b64, &bad);
    uint8_t v = (uint8_t)(b < 0 ? 0 : b); /* the body was decoded once: never < 0 */
    s->back[s->pos % CERTFIT_STREAM_BACK] = v;
    if (s->pos < 32) /* the DER's first 32 bytes, for dup_hash() */
        s->head_h = FNV_STEP(s->head_h, v);
    if (s->pos >= s->rfrom && s->pos < s->rto && s->rh != NULL) {
        *s->rh = FNV_STEP(*s->rh, v);
        if (s->rcopy != NULL && s->rn < CERTFIT_STREAM_NAME_COPY)
            s->rcopy[s->rn] = v;
        s->rn++;
    }
    s->pos++;
}

/* The byte at offset off (within the certificate's length). */
static uint8_t B(ss *s, size_t off)
{
    while (s->pos <= off)
        deliver(s);
    if (s->pos - off > CERTFIT_STREAM_BACK) {
        s->lost = true; /* not reached: every look-back is a few bytes */
        return 0;
    }
    return s->back[off % CERTFIT_STREAM_BACK];
}

/* Read everything before off. */
static void upto(ss *s, size_t off)
{
    while (s->pos < off)
        deliver(s);
}

/* Hash (and copy, when copy is not NULL) the bytes [from, to) into *h as
 * they pass; to may be moved on later (s->rto). Not inlined: its three
 * callers share one copy (94 B less on the M33 image, scripts/footprint.sh). */
static S_NOINLINE void record(ss *s, size_t from, size_t to, uint64_t *h, uint8_t *copy)
{
    upto(s, from); /* the range before this one is complete */
    s->rfrom = from;
    s->rto = to;
    s->rh = h;
    s->rcopy = copy;
    s->rn = 0;
    *h = FNV_SEED;
}

/*
 * What check.c's dup_seen() hashes of a certificate in memory: the DER
 * length (its size_t's bytes), then the first and the last 32 bytes of the
 * signature value [p, end) (of the whole DER when the signature is empty).
 * The signature's last bytes are the last ones read, in the look-back ring.
 */
static uint64_t dup_hash(ss *s, size_t p, size_t end)
{
    size_t n = end - p, head = n < 32 ? n : 32;
    uint64_t h = s->head_h;
    if (n > 0) {
        h = s->len_h;
        for (size_t i = 0; i < head; i++)
            h = FNV_STEP(h, B(s, p + i));
    } else {
        p = 0;
        end = s->c->len;
        head = end < 32 ? end : 32;
    }
    upto(s, end);
    for (size_t i = end - head; i < end; i++)
        h = FNV_STEP(h, B(s, i));
    return h;
}

static void sflag(ss *s, unsigned kind, size_t at)
{
    certfit_scert *c = s->c;
    if (s->failed)
        return;
    if (c->strict_count++ == 0 || (kind & HARD) != 0) {
        c->strict = (certfit_strict)(kind & ~HARD);
        c->strict_offset = (uint32_t)at;
    }
    s->failed = (kind & HARD) != 0;
}

/* next() over offsets, the same checks in the same order. */
static int snext(ss *s, sspan *in, int tag, sspan *out)
{
    size_t start = in->p, end = in->end;
    out->p = out->end = start;
    certfit_strict why = CERTFIT_STRICT_TRUNCATED;
    size_t at = start;
    if (s->failed || start >= end)
        goto bad;
    size_t avail = end - start;
    unsigned b0 = B(s, start);
    if (tag == 0) {
        tag = (int)b0;
        if ((tag & 0x1f) == 0x1f) {
            why = CERTFIT_STRICT_WRONG_TAG;
            goto bad;
        }
    }
    if (avail >= 2 && B(s, start + 1) == 0x80) {
        why = CERTFIT_STRICT_INDEFINITE_LENGTH;
        at = start + 1;
        goto bad;
    }
    if (b0 != (unsigned)tag) {
        why = CERTFIT_STRICT_WRONG_TAG;
        goto bad;
    }
    if (avail < 2)
        goto bad;
    size_t q = start + 2;
    size_t l = B(s, start + 1);
    if (l & 0x80) {
        size_t k = l & 0x7f;
        if (k > 4 || avail - 2 < k)
            goto bad;
        l = 0;
        while (k-- > 0)
            l = l << 8 | B(s, q++);
    }
    if (l > end - q)
        goto bad;
    if (q - start > 2 && (l < 0x80 || B(s, start + 2) == 0))
        sflag(s, CERTFIT_STRICT_NONMINIMAL_LENGTH, start + 1);
    out->p = q;
    out->end = in->p = q + l;
    return tag;
bad:
    sflag(s, HARD | why, at);
    in->p = end;
    return 0;
}

/* snext() of a SEQUENCE, the most frequent call: 20 B less on the M33
 * image than the tag at each of its 13 calls (scripts/footprint.sh). */
static S_NOINLINE int sseq(ss *s, sspan *in, sspan *out)
{
    return snext(s, in, SEQ, out);
}

static void sdone(ss *s, const sspan *x)
{
    if (x->p != x->end)
        sflag(s, CERTFIT_STRICT_TRAILING_INSIDE, x->p);
}

/* A soft bad-value violation at at: 26 B less on the M33 image than the
 * kind at each of its 6 calls (scripts/footprint.sh). */
static S_NOINLINE void sbad(ss *s, size_t at)
{
    sflag(s, CERTFIT_STRICT_BAD_VALUE, at);
}

static int slast(ss *s, sspan *in, int tag, sspan *out)
{
    int t = snext(s, in, tag, out);
    sdone(s, in);
    return t;
}

static int sopt(ss *s, sspan *in, int tag, sspan *out)
{
    return in->p < in->end && B(s, in->p) == tag ? snext(s, in, tag, out) : 0;
}

static void sinteger(ss *s, sspan *in, sspan *out)
{
    snext(s, in, INTEGER, out);
    sspan v = *out;
    if (v.p == v.end || (v.end - v.p > 1 && (uint8_t)(B(s, v.p) + (B(s, v.p + 1) >> 7)) == 0))
        sbad(s, v.p);
}

/* An OID's content as it passes (before anything after it is read): its
 * first cap octets into o, its hash into *h; returns its length. */
static size_t soid(ss *s, sspan v, uint8_t *o, size_t cap, uint64_t *h)
{
    uint64_t x = FNV_SEED;
    for (size_t i = v.p; i < v.end; i++) {
        uint8_t b = B(s, i);
        if (i - v.p < cap)
            o[i - v.p] = b;
        x = FNV_STEP(x, b);
    }
    *h = x;
    return v.end - v.p;
}

/* oid_find() on an OID's content; an OID longer than o is in no table.
 * Not inlined into its four callers: 8 B less on the M33 image. */
static S_NOINLINE unsigned sfind(const uint8_t *o, size_t n, size_t cap, const uint8_t *t)
{
    return n <= cap ? oid_find(o, n, t) : 0;
}

/* An AlgorithmIdentifier as sget_alg() reads it: the OID, its hash and
 * length, and the parameters. One struct instead of four out-arguments:
 * 36 B less on the M33 image (scripts/footprint.sh). */
typedef struct salg {
    sspan oid, params;
    uint64_t h;
    size_t n;
} salg;

/* get_alg(), the OID read as it passes: soid() into o (cap octets). */
static void sget_alg(ss *s, sspan *in, salg *alg, uint8_t *o, size_t cap)
{
    sspan a, v;
    sseq(s, in, &a);
    snext(s, &a, OID, &alg->oid);
    alg->n = soid(s, alg->oid, o, cap, &alg->h);
    alg->params = a;
    if (a.p < a.end) {
        slast(s, &a, 0, &v);
        alg->params.end = a.p;
    }
}

static uint32_t sbit_length(ss *s, sspan v)
{
    while (v.p < v.end && B(s, v.p) == 0)
        v.p++;
    if (v.p == v.end)
        return 0;
    uint32_t bits = (uint32_t)(v.end - v.p - 1) * 8;
    for (unsigned b = B(s, v.p); b != 0; b >>= 1)
        bits++;
    return bits;
}

static bool swhole_octets(ss *s, sspan *b)
{
    if (b->p == b->end) {
        sflag(s, HARD | CERTFIT_STRICT_BAD_VALUE, b->p);
        return false;
    }
    if (B(s, b->p) != 0)
        sbad(s, b->p);
    b->p++;
    return true;
}

/* A time's content: up to 32 characters as they are; a longer one (only
 * a GeneralizedTime fraction makes it long and still valid) as its first
 * 16 and last 8, which parse the same when the characters between are
 * digits of the fraction, and not at all otherwise. */
static void stime(ss *s, uint8_t tag, sspan v, certfit_time *out)
{
    uint8_t t[32];
    size_t len = v.end - v.p, n = len;
    bool ok = true;
    if (len <= sizeof(t)) {
        for (size_t i = 0; i < len; i++)
            t[i] = B(s, v.p + i);
    } else {
        n = 24;
        for (size_t i = 0; i < len; i++) {
            uint8_t b = B(s, v.p + i);
            if (i < 16)
                t[i] = b;
            else if (i >= len - 8)
                t[i - (len - 24)] = b;
            else
                ok = ok && digit(b);
        }
    }
    if (!time_value(tag, t, t + n, out) || !ok) {
        out->type = tag;
        sflag(s, HARD | CERTFIT_STRICT_BAD_TIME, v.p);
    }
}

/* A strict-DER record kept aside: what a read long after its bytes passed
 * would record (deferred()), applied by replay() where certfit_cert_scan()
 * makes that read. */
typedef struct later {
    uint32_t count, offset;
    certfit_strict kind;
    bool failed;
} later;

static void replay(ss *s, const later *l)
{
    certfit_scert *c = s->c;
    if (s->failed || l->count == 0)
        return;
    if (c->strict_count == 0 || l->failed) {
        c->strict = l->kind;
        c->strict_offset = l->offset;
    }
    c->strict_count += l->count;
    s->failed = l->failed;
}

/* The key's parameters read now as certfit_cert_scan() reads them after
 * the key: the curve OID (EC) or the size of Dss-Parms' p (DSA). */
static void deferred(ss *s, sspan params, certfit_key_type kt, later *l, uint32_t *value)
{
    certfit_scert *c = s->c;
    uint32_t count = c->strict_count, off = c->strict_offset;
    certfit_strict kind = c->strict;
    c->strict_count = 0;
    sspan cv, d, pv;
    if (kt == CERTFIT_KEY_EC) {
        uint8_t o[16];
        uint64_t h;
        if (snext(s, &params, 0, &cv) == OID) {
            size_t on = soid(s, cv, o, sizeof(o), &h);
            *value = sfind(o, on, sizeof(o), k_curve_oids);
        }
    } else if (sseq(s, &params, &d) == SEQ && snext(s, &d, INTEGER, &pv)) {
        *value = sbit_length(s, pv);
    }
    l->count = c->strict_count;
    l->kind = c->strict;
    l->offset = c->strict_offset;
    l->failed = s->failed;
    c->strict_count = count;
    c->strict = kind;
    c->strict_offset = off;
    s->failed = false;
}

static void sscan_spki(ss *s, sspan *in)
{
    certfit_scert *c = s->c;
    sspan k, key;
    sseq(s, in, &k);
    uint8_t o[16];
    salg alg;
    sget_alg(s, &k, &alg, o, sizeof(o));
    sspan params = alg.params;
    certfit_key_type kt = (certfit_key_type)sfind(o, alg.n, sizeof(o), k_key_oids);
    later l = {0, 0, CERTFIT_STRICT_NONE, false};
    uint32_t value = 0;
    bool has_params = params.p < params.end;
    if (has_params && !s->failed && (kt == CERTFIT_KEY_EC || kt == CERTFIT_KEY_DSA))
        deferred(s, params, kt, &l, &value);
    slast(s, &k, BIT_STRING, &key);
    if (!swhole_octets(s, &key))
        return;

    c->key_type = kt;
    if (kt == CERTFIT_KEY_RSA) {
        sspan r, n, e;
        sseq(s, &key, &r);
        sinteger(s, &r, &n);
        c->key_bits = sbit_length(s, n);
        slast(s, &r, INTEGER, &e);
        sdone(s, &key);
    } else if (kt == CERTFIT_KEY_EC) {
        unsigned curve = 0;
        if (has_params) {
            replay(s, &l);
            curve = value;
        }
        if (curve == CERTFIT_CURVE_NONE)
            curve = CERTFIT_CURVE_OTHER;
        c->curve = (certfit_curve)curve;
        uint32_t bits = k_curve_bits[curve];
        if (bits == 0 && key.end - key.p > 1)
            bits = (uint32_t)(key.end - key.p - 1) / 2 * 8;
        c->key_bits = bits;
    } else if (kt == CERTFIT_KEY_DSA) {
        if (has_params) {
            replay(s, &l);
            c->key_bits = value;
        }
    } else if (kt == CERTFIT_KEY_GOST) {
        size_t n = key.end - key.p;
        c->key_bits = n > 2 ? (uint32_t)(n - 2) * 4 : 0;
    } else if (kt != CERTFIT_KEY_OTHER) {
        c->key_bits = kt == CERTFIT_KEY_ED25519 || kt == CERTFIT_KEY_X25519 ? 253
                      : kt == CERTFIT_KEY_X448                              ? 448
                                                                            : 456;
    }
}

/* A Name: its whole TLV hashed (and copied into copy when not NULL). */
static void sscan_name(ss *s, sspan *in, uint64_t *h, uint32_t *len, uint8_t *copy)
{
    size_t start = in->p;
    sspan n, r, a, v;
    record(s, start, (size_t)-1, h, copy);
    sseq(s, in, &n);
    s->rto = in->p;
    while (n.p < n.end) {
        snext(s, &n, SET, &r);
        if (r.p == r.end)
            sbad(s, r.p);
        while (r.p < r.end) {
            sseq(s, &r, &a);
            snext(s, &a, OID, &v);
            slast(s, &a, 0, &v);
        }
    }
    *len = (uint32_t)(in->p - start);
}

static void sboolean(ss *s, sspan *in, bool *v)
{
    sspan b;
    if (!sopt(s, in, BOOLEAN, &b))
        return;
    bool one = b.end - b.p == 1;
    if (!one || B(s, b.p) != 0xff)
        sbad(s, b.p);
    *v = one && B(s, b.p) != 0;
}

#if CERTFIT_CONFIG_HOSTNAME
/* One subjectAltName entry against the host: dNSName and iPAddress are
 * copied (at most CERTFIT_STREAM_SAN_COPY bytes: a longer entry matches
 * no host) and matched as certfit_cert_matches_host() does. */
static void san_entry(ss *s, int tag, sspan y)
{
    size_t n = y.end - y.p;
    if (s->host == NULL || (tag != 0x82 && tag != 0x87) || n > CERTFIT_STREAM_SAN_COPY)
        return;
    for (size_t i = 0; i < n; i++)
        s->san[i] = B(s, y.p + i);
    certfit_view v = {s->san, n};
    if (certfit_san_entry_matches((uint8_t)tag, v, s->host, strlen(s->host)))
        s->c->host_match = true;
}
#endif

static void sscan_extension(ss *s, sspan *list)
{
    certfit_scert *c = s->c;
    sspan e, oid, v, x, y;
    sseq(s, list, &e);
    snext(s, &e, OID, &oid);
    bool critical;
    sboolean(s, &e, &critical);
    slast(s, &e, OCTET_STRING, &v);
    if (s->failed)
        return;

    int id = oid.end - oid.p == 3 && (B(s, oid.p) << 8 | B(s, oid.p + 1)) == 0x551d
                 ? B(s, oid.p + 2)
                 : 0;
    if (id == EXT_KU) {
        snext(s, &v, BIT_STRING, &x);
        size_t n = x.end - x.p;
        if (n < 1 || B(s, x.p) > 7) {
            sflag(s, HARD | CERTFIT_STRICT_BAD_VALUE, x.p);
            return;
        }
        c->has_key_usage = true;
        unsigned w = (n > 1 ? (unsigned)B(s, x.p + 1) << 8 : 0) | (n > 2 ? B(s, x.p + 2) : 0),
                 ku = 0;
        for (unsigned b = 0; b < 16; b++, w >>= 1)
            ku = ku << 1 | (w & 1);
        c->key_usage = (uint16_t)ku;
    } else if (id == EXT_SKI) {
        snext(s, &v, OCTET_STRING, &x);
        record(s, x.p, x.end, &c->ski_h, NULL);
        c->ski_len = (uint32_t)(x.end - x.p);
    } else if (id == EXT_SAN || id == EXT_AKI || id == EXT_BC) {
        sseq(s, &v, &x);
        if (id == EXT_BC) {
            c->has_basic_constraints = true;
            sboolean(s, &x, &c->ca);
            if (x.p < x.end) {
                sinteger(s, &x, &y);
                size_t n = y.end - y.p;
                int32_t pl = INT32_MAX;
                if (n >= 1 && n <= 3 && B(s, y.p) < 0x80)
                    for (pl = 0; y.p < y.end; y.p++)
                        pl = pl << 8 | B(s, y.p);
                c->path_len = pl;
            }
            sdone(s, &x);
            v.p = x.p;
        } else {
            if (id == EXT_SAN)
                c->host_match = false; /* the last subjectAltName counts */
            while (x.p < x.end) {
                int tag = snext(s, &x, 0, &y);
                if (tag == (CONTEXT | 0) && id == EXT_AKI) {
                    record(s, y.p, y.end, &c->aki_h, NULL);
                    c->aki_len = (uint32_t)(y.end - y.p);
                }
#if CERTFIT_CONFIG_HOSTNAME
                if (id == EXT_SAN)
                    san_entry(s, tag, y);
#endif
            }
        }
    } else {
        v.p = v.end;
    }
    sdone(s, &v);
}

int certfit_stream_scan(certfit_sscan *s, const uint8_t *mem, const uint8_t *b64, size_t b64_len,
                        size_t len, const char *host, certfit_scert *c)
{
    memset(c, 0, sizeof(*c));
    c->path_len = -1;
    s->len_h = FNV_SEED;
    for (size_t i = 0; i < sizeof(len); i++)
        s->len_h = FNV_STEP(s->len_h, ((const uint8_t *)&len)[i]);
    s->head_h = s->len_h;
    s->mem = mem;
    if (!CERTFIT_CONFIG_DER_INPUT || mem == NULL)
        certfit_b64_cursor_init(&s->b64, b64, b64_len);
    s->c = c;
    s->host = host;
    s->pos = 0;
    s->rfrom = s->rto = 0;
    s->rh = NULL;
    s->failed = s->lost = false;
    if (len == 0) {
        sflag(s, HARD | CERTFIT_STRICT_TRUNCATED, 0);
        return CERTFIT_ERR_DER;
    }
    sspan all = {0, len}, ce, t, x, u;
    sseq(s, &all, &ce);
    if (s->failed)
        return CERTFIT_ERR_DER;
    c->len = (uint32_t)ce.end;

    sseq(s, &ce, &t);
    c->version = 1;
    if (sopt(s, &t, CTX(0), &x)) {
        snext(s, &x, INTEGER, &u);
        unsigned v = u.end - u.p == 1 ? B(s, u.p) : 3;
        if (v > 2) {
            sflag(s, HARD | CERTFIT_STRICT_BAD_VALUE, u.p);
        } else {
            if (v == 0)
                sbad(s, u.p);
            c->version = (uint8_t)(v + 1);
        }
        sdone(s, &x);
    }
    sinteger(s, &t, &u);
    c->serial_len = (uint32_t)(u.end - u.p);
    c->serial_zero = true;
    for (size_t i = u.p; i < u.end; i++) {
        uint8_t b = B(s, i);
        if (i == u.p)
            c->serial_negative = (b & 0x80) != 0;
        c->serial_zero = c->serial_zero && b == 0;
    }
    salg tbs;
    sget_alg(s, &t, &tbs, NULL, 0);
    sscan_name(s, &t, &c->issuer_h, &c->issuer_len, NULL);

    sseq(s, &t, &x);
    for (certfit_time *tm = &c->not_before;; tm = &c->not_after) {
        size_t at = x.p;
        int tag = snext(s, &x, 0, &u);
        if (tag != CERTFIT_TIME_UTC && tag != CERTFIT_TIME_GENERALIZED)
            sflag(s, HARD | CERTFIT_STRICT_WRONG_TAG, at);
        else
            stime(s, (uint8_t)tag, u, tm);
        if (tm == &c->not_after)
            break;
    }
    sdone(s, &x);

#if CERTFIT_CONFIG_FINDING_TEXT
    sscan_name(s, &t, &c->subject_h, &c->subject_len, s->name);
#else
    sscan_name(s, &t, &c->subject_h, &c->subject_len, NULL);
#endif
    sscan_spki(s, &t);
    int n = 1;
    do {
        if (t.p < t.end && (B(s, t.p) & ~0x20) == (CONTEXT | n))
            snext(s, &t, 0, &u);
    } while (++n <= 2);
    if (sopt(s, &t, CTX(3), &x)) {
        sseq(s, &x, &u);
        while (u.p < u.end)
            sscan_extension(s, &u);
        sdone(s, &x);
    }
    sdone(s, &t);

    salg sig;
    uint8_t o[CERTFIT_CONFIG_FINDING_TEXT ? 32 : 16]; /* the text's copy, else oid_find()'s */
    sget_alg(s, &ce, &sig, o, sizeof(o));
#if CERTFIT_CONFIG_FINDING_TEXT
    c->sig_oid_len = (uint8_t)(sig.n < sizeof(c->sig_oid) ? sig.n : sizeof(c->sig_oid));
    memcpy(c->sig_oid, o, c->sig_oid_len);
#endif
    if (sig.n != tbs.n || sig.h != tbs.h)
        sbad(s, sig.oid.p);
    unsigned alg = sfind(o, sig.n, sizeof(o), k_sig_oids);
    c->sig_alg = (certfit_sig_alg)(alg & 31);
    c->sig_hash = (certfit_hash)(alg >> 5);
    if (c->sig_alg == CERTFIT_SIG_RSA_PSS && !s->failed) {
        c->sig_hash = CERTFIT_HASH_SHA1;
        sspan q = sig.params;
        if (q.p < q.end) {
            sseq(s, &q, &x);
            q.p = x.p;
            if (sopt(s, &q, CTX(0), &x)) {
                q.p = x.p;
                salg hash;
                sget_alg(s, &q, &hash, o, sizeof(o));
                c->sig_hash = s->failed ? CERTFIT_HASH_NONE
                                        : (certfit_hash)sfind(o, hash.n, sizeof(o), k_hash_oids);
            }
        }
        s->failed = false;
    }
    snext(s, &ce, BIT_STRING, &u);
    if (swhole_octets(s, &u) && !s->failed)
        c->der_h = dup_hash(s, u.p, u.end);
    sdone(s, &ce);
    if (s->failed || s->lost)
        return CERTFIT_ERR_DER;
#if CERTFIT_CONFIG_FINDING_TEXT
    /* the name findings print, while the subject is at hand */
    c->label[0] = '\0';
    if (c->subject_len <= CERTFIT_STREAM_NAME_COPY) {
        certfit_view name = {s->name, c->subject_len};
        size_t nl;
        int rc = certfit_name_common_name(name, c->label, sizeof(c->label), &nl);
        if ((rc == CERTFIT_ERR_NOT_FOUND || rc == CERTFIT_ERR_DER) &&
            certfit_name_format(name, c->label, sizeof(c->label), &nl) != 0) {
            /* the label keeps a valid, possibly empty, prefix */
        }
    }
#endif
    return 0;
}
#endif /* CERTFIT_CONFIG_STREAM */
