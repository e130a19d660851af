/*
 * The streaming certificate scanner (CERTFIT_CONFIG_STREAM, config.h):
 * what certfit_check() keeps of a certificate when it does not keep the
 * DER, and the reader that decodes base64 as the scanner asks for bytes.
 * Internal to the library (lib/cert.c, lib/input.c, lib/check.c).
 */
#ifndef CERTFIT_STREAM_INTERNAL_H
#define CERTFIT_STREAM_INTERNAL_H

#include "certfit/cert.h"
#include "certfit/check.h"

/* A base64 body read one decoded byte at a time, with the strictness and
 * the error offsets of certfit_base64_decode() (lib/input.c). */
typedef struct certfit_b64_cursor {
    const uint8_t *src;
    size_t len, i;
    uint32_t acc;
    uint8_t n, pads;
    uint8_t out[3], nout, iout;
} certfit_b64_cursor;

void certfit_b64_cursor_init(certfit_b64_cursor *c, const uint8_t *src, size_t len);
/* The next decoded byte (0..255); -1 at the end of a valid body; -2 on an
 * error, its offset in src in *bad (the offset certfit_base64_decode()
 * gives). */
int certfit_b64_cursor_next(certfit_b64_cursor *c, size_t *bad);

/* What the rules read of one certificate: certfit_cert's fields by the same
 * names where the value is a number, names and key identifiers as length
 * and FNV-1a hash (64 bits: two different names collide with a chance of
 * about 2^-64 - a guard against mistakes, not against a forged name). */
typedef struct certfit_scert {
    uint64_t issuer_h, subject_h, ski_h, aki_h;
    uint64_t der_h;             /* chain-duplicate's hash (check.c, dup_seen()) */
    certfit_time not_before;
    certfit_time not_after;
    uint32_t len;               /* certfit_cert.raw.len */
    uint32_t issuer_len, subject_len, ski_len, aki_len;
    uint32_t serial_len;
    uint32_t key_bits;
    uint32_t strict_count;
    uint32_t strict_offset;
    int32_t path_len;
    certfit_sig_alg sig_alg;
    certfit_hash sig_hash;
    certfit_key_type key_type;
    certfit_curve curve;
    certfit_strict strict;
    uint16_t key_usage;
    uint8_t version;
    bool serial_zero;           /* every octet 0 (or none) */
    bool serial_negative;       /* the first octet's top bit */
    bool has_basic_constraints;
    bool ca;
    bool has_key_usage;
    bool host_match;            /* a subjectAltName entry matched the host */
#if CERTFIT_CONFIG_FINDING_TEXT
    uint8_t sig_oid_len;        /* bytes held (at most sizeof sig_oid) */
    uint8_t sig_oid[32];        /* signatureAlgorithm's OID, its first 32 octets */
    char label[CERTFIT_FINDING_TEXT_SIZE]; /* the name findings print (cert_label) */
#endif
} certfit_scert;

/* The bytes behind the read position the scanner may read again (a header
 * it peeked at, an INTEGER's first octets): the longest step back is a
 * header of at most 6 bytes plus one, so 32 leaves room. */
#define CERTFIT_STREAM_BACK 32u
/* The subject Name kept for cert_label() (finding text only): longer names
 * are labelled "". */
#define CERTFIT_STREAM_NAME_COPY 256u
/* A subjectAltName entry kept while it is matched against the host
 * (hostname-mismatch only): a DNS name has at most 253 characters. */
#define CERTFIT_STREAM_SAN_COPY 256u

/* The scanner's state while it reads one certificate. */
typedef struct certfit_sscan {
    certfit_b64_cursor b64;
    const uint8_t *mem;         /* DER in memory, or NULL: read b64 */
    certfit_scert *c;
    const char *host;           /* hostname-mismatch's host, or NULL */
    size_t pos;                 /* bytes read so far */
    size_t rfrom, rto;          /* the range being recorded ... */
    uint64_t *rh;               /* ... into this hash ... */
    uint8_t *rcopy;             /* ... and, when not NULL, copied here */
    size_t rn;                  /* bytes of the range seen */
    uint64_t len_h, head_h;     /* the DER length hashed, then its first 32 bytes */
    bool failed;
    bool lost;                  /* a read further back than CERTFIT_STREAM_BACK */
    uint8_t back[CERTFIT_STREAM_BACK];
#if CERTFIT_CONFIG_FINDING_TEXT
    uint8_t name[CERTFIT_STREAM_NAME_COPY];
    size_t name_len;
#endif
#if CERTFIT_CONFIG_HOSTNAME
    uint8_t san[CERTFIT_STREAM_SAN_COPY];
#endif
} certfit_sscan;

/*
 * Scan one certificate of len bytes, read from mem (DER in memory; only a
 * build with CERTFIT_CONFIG_DER_INPUT reads it) or, when mem is NULL,
 * decoded from the base64 body b64[0..b64_len) (valid: the caller decoded
 * it once already). host: match the subjectAltName against
 * it, or NULL. The same verdict, strict-DER kind, count and offset as
 * certfit_cert_scan() over the same bytes. Returns 0 or CERTFIT_ERR_DER.
 */
int certfit_stream_scan(certfit_sscan *s, const uint8_t *mem, const uint8_t *b64, size_t b64_len,
                        size_t len, const char *host, certfit_scert *c);

/* certfit_cert_lifetime_end() from the notBefore time alone. */
int64_t certfit_lifetime_end_at(int64_t not_before, uint16_t years);

/* One subjectAltName entry (its tag and content) against a host name or
 * IP literal, as certfit_cert_matches_host() matches each entry. */
bool certfit_san_entry_matches(uint8_t tag, certfit_view v, const char *host, size_t host_len);

#endif /* CERTFIT_STREAM_INTERNAL_H */
