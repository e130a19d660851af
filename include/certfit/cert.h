/**
 * \file cert.h
 * \brief The strict-DER X.509 certificate scanner: views into the caller's
 *        buffer, no allocation, every read bounds-checked.
 */
#ifndef CERTFIT_CERT_H
#define CERTFIT_CERT_H

#include <stdbool.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief Public key types (JSON spellings: certfit_key_type_name()). */
typedef enum certfit_key_type {
    CERTFIT_KEY_OTHER = 0,
    CERTFIT_KEY_RSA,
    CERTFIT_KEY_EC,
    CERTFIT_KEY_ED25519,
    CERTFIT_KEY_ED448,
    CERTFIT_KEY_DSA,    /**< named so that a report says what it is */
    CERTFIT_KEY_X25519, /**< key agreement only (RFC 8410) */
    CERTFIT_KEY_X448,
    CERTFIT_KEY_GOST, /**< GOST R 34.10-2001 / 34.10-2012 */
    CERTFIT_KEY_TYPE_COUNT
} certfit_key_type;

/** \brief Named curves. */
typedef enum certfit_curve {
    CERTFIT_CURVE_NONE = 0, /**< not an EC key */
    CERTFIT_CURVE_SECP256R1,
    CERTFIT_CURVE_SECP384R1,
    CERTFIT_CURVE_SECP521R1,
    CERTFIT_CURVE_BRAINPOOLP256R1,
    CERTFIT_CURVE_BRAINPOOLP384R1,
    CERTFIT_CURVE_BRAINPOOLP512R1,
    CERTFIT_CURVE_SECP224R1,
    CERTFIT_CURVE_SECP256K1,
    CERTFIT_CURVE_OTHER, /**< an EC key on another or explicit curve */
    CERTFIT_CURVE_COUNT
} certfit_curve;

/** \brief Hash functions named in signature algorithms. */
typedef enum certfit_hash {
    CERTFIT_HASH_NONE = 0, /**< unknown, or intrinsic to the scheme (EdDSA) */
    CERTFIT_HASH_MD2,
    CERTFIT_HASH_MD5,
    CERTFIT_HASH_SHA1,
    CERTFIT_HASH_SHA224,
    CERTFIT_HASH_SHA256,
    CERTFIT_HASH_SHA384,
    CERTFIT_HASH_SHA512,
    CERTFIT_HASH_COUNT
} certfit_hash;

/** \brief Signature algorithms (names: OpenSSL long names). */
typedef enum certfit_sig_alg {
    CERTFIT_SIG_UNKNOWN = 0,
    CERTFIT_SIG_RSA_MD2,
    CERTFIT_SIG_RSA_MD5,
    CERTFIT_SIG_RSA_SHA1,
    CERTFIT_SIG_RSA_SHA224,
    CERTFIT_SIG_RSA_SHA256,
    CERTFIT_SIG_RSA_SHA384,
    CERTFIT_SIG_RSA_SHA512,
    CERTFIT_SIG_RSA_PSS,
    CERTFIT_SIG_ECDSA_SHA1,
    CERTFIT_SIG_ECDSA_SHA224,
    CERTFIT_SIG_ECDSA_SHA256,
    CERTFIT_SIG_ECDSA_SHA384,
    CERTFIT_SIG_ECDSA_SHA512,
    CERTFIT_SIG_ED25519,
    CERTFIT_SIG_ED448,
    CERTFIT_SIG_DSA_SHA1,
    CERTFIT_SIG_DSA_SHA256,
    CERTFIT_SIG_COUNT
} certfit_sig_alg;

/** \brief The ASN.1 type a validity time was encoded with. */
typedef enum certfit_time_type {
    CERTFIT_TIME_UTC = 0x17,        /**< UTCTime */
    CERTFIT_TIME_GENERALIZED = 0x18 /**< GeneralizedTime */
} certfit_time_type;

/** \brief A validity time. */
typedef struct certfit_time {
    int64_t t;    /**< seconds since 1970-01-01T00:00:00Z */
    uint8_t type; /**< certfit_time_type */
    bool exact;   /**< YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ exactly */
} certfit_time;

/** \brief Kinds of strict-DER violation, for der-strict findings. */
typedef enum certfit_strict {
    CERTFIT_STRICT_NONE = 0,
    CERTFIT_STRICT_NONMINIMAL_LENGTH,
    CERTFIT_STRICT_INDEFINITE_LENGTH,
    CERTFIT_STRICT_WRONG_TAG,
    CERTFIT_STRICT_TRUNCATED,
    CERTFIT_STRICT_TRAILING_INSIDE,
    CERTFIT_STRICT_BAD_VALUE,
    CERTFIT_STRICT_BAD_TIME
} certfit_strict;

/** \brief keyUsage bits (RFC 5280 4.2.1.3), bit 0 = digitalSignature. */
#define CERTFIT_KU_DIGITAL_SIGNATURE 0x0001u
#define CERTFIT_KU_KEY_CERT_SIGN 0x0020u

/** \brief Scanned fields of one certificate: views into the DER. */
typedef struct certfit_cert {
    certfit_view raw;        /**< the whole Certificate TLV */
    certfit_view tbs;        /**< the TBSCertificate TLV (what is signed) */
    uint8_t version;         /**< 1, 2 or 3 */
    certfit_view serial;     /**< INTEGER content octets */
    certfit_sig_alg sig_alg; /**< signatureAlgorithm (outer) */
    certfit_hash sig_hash;   /**< its hash (from the parameters for RSASSA-PSS) */
    certfit_view sig_oid;    /**< its OID content octets */
    certfit_view issuer;     /**< Name TLV */
    certfit_view subject;    /**< Name TLV */
    certfit_time not_before;
    certfit_time not_after;
    certfit_view spki;       /**< SubjectPublicKeyInfo TLV */
    certfit_key_type key_type;
    certfit_curve curve;
    uint32_t key_bits;       /**< RSA modulus bits, curve bits, 253/456 for EdDSA */
    bool has_basic_constraints;
    bool ca;                 /**< basicConstraints cA */
    int32_t path_len;        /**< pathLenConstraint, -1 when absent */
    bool has_key_usage;
    uint16_t key_usage;      /**< CERTFIT_KU_* bits */
    certfit_view san;        /**< GeneralNames content octets, or empty */
    certfit_view ski;        /**< subjectKeyIdentifier octets */
    certfit_view aki;        /**< authorityKeyIdentifier keyIdentifier octets */
    certfit_view sig_value;  /**< signature BIT STRING octets (no unused-bits byte) */
    uint32_t strict_count;   /**< strict-DER violations seen */
    certfit_strict strict;   /**< the first one */
    size_t strict_offset;    /**< its offset from raw.p */
} certfit_cert;

/** \brief Extensions the details scan names (certfit_cert_details.seen). */
#define CERTFIT_EXT_SKI 0x01u /**< subjectKeyIdentifier */
#define CERTFIT_EXT_KU  0x02u /**< keyUsage */
#define CERTFIT_EXT_SAN 0x04u /**< subjectAltName */
#define CERTFIT_EXT_BC  0x08u /**< basicConstraints */
#define CERTFIT_EXT_AKI 0x10u /**< authorityKeyIdentifier */
#define CERTFIT_EXT_EKU 0x20u /**< extKeyUsage */

/**
 * \brief The fields RFC 5280 hygiene needs beyond certfit_cert: how the
 *        extensions are marked and encoded, the unique identifiers, the
 *        algorithm parameters. Views into the same DER.
 */
typedef struct certfit_cert_details {
    uint8_t seen;                /**< CERTFIT_EXT_* present */
    uint8_t critical;            /**< CERTFIT_EXT_* marked critical */
    bool has_extensions;         /**< the [3] extensions field is there */
    bool duplicate_extension;    /**< an extension OID appears twice */
    certfit_view duplicate_oid;  /**< the first repeated OID's content octets */
    bool issuer_uid;             /**< issuerUniqueID [1] present */
    bool subject_uid;            /**< subjectUniqueID [2] present */
    bool aki_key_id;             /**< authorityKeyIdentifier has keyIdentifier */
    certfit_view ku_bits;        /**< keyUsage BIT STRING content (unused-bits octet first) */
    certfit_view rsa_exponent;   /**< RSA publicExponent INTEGER content */
    certfit_view spki_alg;       /**< subjectPublicKeyInfo algorithm: AlgorithmIdentifier TLV */
    certfit_view spki_params;    /**< its parameters TLV, empty when absent */
    certfit_view tbs_sig_alg;    /**< TBSCertificate.signature: AlgorithmIdentifier TLV */
    certfit_view sig_alg;        /**< Certificate.signatureAlgorithm TLV */
    certfit_view sig_params;     /**< signatureAlgorithm parameters TLV, empty when absent */
    certfit_view tbs_sig_params; /**< TBSCertificate.signature parameters TLV */
} certfit_cert_details;

/**
 * \brief Read the details of a certificate certfit_cert_scan() accepted.
 *
 * A second walk over c->raw with the same strict reader; it records
 * nothing about DER violations (the scan did). The host's RFC 5280
 * hygiene rules (lib/hygiene.c) use it; a device build without them does
 * not link it.
 *
 * \param c  a certificate certfit_cert_scan() returned 0 for
 * \param d  output
 * \return 0, or CERTFIT_ERR_DER when c was not scanned successfully
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_cert_details_read(const certfit_cert *c,
                                                             certfit_cert_details *d);

/**
 * \brief Scan one certificate at the start of p.
 *
 * Non-minimal lengths, bytes left inside a structure and non-canonical
 * times are recorded in strict_count/strict/strict_offset and scanning goes
 * on. Structural errors (wrong tag, indefinite length, truncation) stop it.
 *
 * \param p    DER bytes; the certificate may be followed by other bytes
 * \param len  available bytes
 * \param c    output; on error, strict/strict_offset say what and where and
 *             raw.len is the outer element's length when it was readable
 * \return 0 on success, CERTFIT_ERR_DER on a structural error
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_cert_scan(const uint8_t *p, size_t len, certfit_cert *c);

/** \brief Whether the issuer and subject Names are the same bytes. */
CERTFIT_API bool certfit_cert_is_issuer_subject(const certfit_cert *c);

/** \brief Whether a's issuer Name equals b's subject Name. */
CERTFIT_API bool certfit_cert_is_issued_by(const certfit_cert *a, const certfit_cert *b);

/** \brief JSON spelling of a key type: "rsa", "ec", "ed25519", "ed448", "dsa",
 *         "x25519", "x448", "gost", "other". */
CERTFIT_API const char *certfit_key_type_name(certfit_key_type t);
/** \brief Curve name ("secp384r1", …), or NULL for CERTFIT_CURVE_NONE. */
CERTFIT_API const char *certfit_curve_name(certfit_curve c);
/** \brief Bits of a curve's field (256, 384, 521, …), 0 if unknown. */
CERTFIT_API uint32_t certfit_curve_bits(certfit_curve c);
/** \brief OpenSSL long name of a signature algorithm; NULL if unknown. */
CERTFIT_API const char *certfit_sig_alg_name(certfit_sig_alg a);
/** \brief The hash a signature algorithm uses. */
CERTFIT_API certfit_hash certfit_sig_alg_hash(certfit_sig_alg a);
/** \brief "sha256", …; "none" for CERTFIT_HASH_NONE. */
CERTFIT_API const char *certfit_hash_name(certfit_hash h);
/** \brief A description of a strict-DER violation kind. */
CERTFIT_API const char *certfit_strict_name(certfit_strict s);

/**
 * \brief Write an OID's content octets in dotted form.
 * \return 0, CERTFIT_ERR_BUFFER_TOO_SMALL or CERTFIT_ERR_DER
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_oid_format(certfit_view oid, char *out, size_t size);

/**
 * \brief Format a Name as an RFC 4514 string (last RDN first), always valid
 *        UTF-8: specials are backslash-escaped, control characters and bytes
 *        that are not valid UTF-8 are written as \\XX.
 * \param name    a Name TLV (certfit_cert.issuer / subject)
 * \param out     output, NUL-terminated on success
 * \param size    its capacity
 * \param out_len string length without the NUL
 * \return 0, CERTFIT_ERR_BUFFER_TOO_SMALL (out holds a truncated, still
 *         valid prefix) or CERTFIT_ERR_DER
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_name_format(certfit_view name, char *out, size_t size,
                                                       size_t *out_len);

/**
 * \brief The value of the last commonName attribute of a Name, escaped as in
 *        certfit_name_format() (always valid UTF-8, NUL-terminated).
 * \return 0, CERTFIT_ERR_NOT_FOUND when there is none, CERTFIT_ERR_DER, or
 *         CERTFIT_ERR_BUFFER_TOO_SMALL (out holds a valid prefix)
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_name_common_name(certfit_view name, char *out,
                                                            size_t size, size_t *out_len);

/**
 * \brief RFC 6125 host name check against the subjectAltName: dNSName
 *        entries (case-insensitive, "*." wildcard for exactly the left-most
 *        label) or, when host is an IPv4/IPv6 literal, iPAddress entries.
 * \return true when an entry matches
 */
CERTFIT_API bool certfit_cert_matches_host(const certfit_cert *c, const char *host,
                                           size_t host_len);

/** \brief Days-from-civil conversion used for times (proleptic Gregorian). */
CERTFIT_API int64_t certfit_time_from_civil(int64_t year, unsigned month, unsigned day,
                                            unsigned hour, unsigned min, unsigned sec);
/**
 * \brief Split seconds since the epoch into civil fields.
 */
CERTFIT_API void certfit_time_to_civil(int64_t t, int64_t *year, unsigned *month, unsigned *day,
                                       unsigned *hour, unsigned *min, unsigned *sec);
/**
 * \brief Add calendar years: the same month, day and time N years later;
 *        29 February becomes 1 March in a year that has no 29 February.
 */
CERTFIT_API int64_t certfit_time_add_years(int64_t t, unsigned years);
/**
 * \brief The end of a lifetime of `years` years from c's notBefore, for the
 *        lifetime-min rule without certfit_time_to_civil() and its 64-bit
 *        division (32-bit day arithmetic).
 * \param c     a certificate as certfit_cert_scan() filled it: its times lie
 *              within years -1 to 10000 (0000..9999 and an offset of up to
 *              23:59), or are 0 when not read
 * \param years whole years (a profile's lifetime_min_years)
 * \return exactly certfit_time_add_years(c->not_before.t, years); exact for a
 *         notBefore in years -400 to 16,000
 */
CERTFIT_API int64_t certfit_cert_lifetime_end(const certfit_cert *c, uint16_t years);
/**
 * \brief Format as YYYY-MM-DDTHH:MM:SSZ into out (at least 21 bytes).
 */
CERTFIT_API void certfit_time_format(int64_t t, char out[21]);
/**
 * \brief Parse RFC 3339 "YYYY-MM-DDTHH:MM:SS" with "Z" or "+hh:mm"/"-hh:mm"
 *        (fractions allowed and dropped); a date alone means 00:00:00Z.
 * \return 0 or CERTFIT_ERR_TIME
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_time_parse_rfc3339(const char *s, int64_t *t);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_CERT_H */
