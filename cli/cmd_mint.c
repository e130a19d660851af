/* certfit mint: an EC key and a self-signed CA certificate made with Mbed TLS
 * x509write that passes nrf91-p384-selfsigned, for a broker the modem trusts. */
#define _XOPEN_SOURCE 700
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CERTFIT_COMPAT_X509WRITE
#include "compat.h"
#include <mbedtls/asn1write.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>

#include "cli.h"

#if !defined(MBEDTLS_X509_CRT_WRITE_C) || !defined(MBEDTLS_PK_WRITE_C) ||                          \
    !defined(MBEDTLS_PEM_WRITE_C) || !defined(MBEDTLS_ECP_C) || !defined(MBEDTLS_CTR_DRBG_C) ||    \
    !defined(MBEDTLS_ENTROPY_C)
#error                                                                                             \
    "certfit mint needs Mbed TLS with X509_CRT_WRITE_C, PK_WRITE_C, PEM_WRITE_C, ECP_C, CTR_DRBG_C, ENTROPY_C"
#endif

/* ---- Mbed TLS 2.28 / 3.x differences ------------------------------------- */

/*
 * "CN=<value>" for mbedtls_x509_string_to_names(). 2.28's parser knows one
 * escape, "\,", and cannot express a backslash; 3.x follows RFC 4514
 * (backslash before a special, and a leading '#' means hex DER).
 * Returns 0, or -1 when the value cannot be expressed.
 */
static int compat_cn_string(const char *cn, char *out, size_t size)
{
    size_t o = 0;
    if (size < 4)
        return -1;
    memcpy(out, "CN=", 3);
    o = 3;
    for (const char *p = cn; *p; p++) {
        bool esc;
#if CERTFIT_COMPAT_X509_NAME_RFC4514
        esc = strchr(",=+<>#;\"\\", *p) != NULL;
#else
        if (*p == '\\')
            return -1;
        esc = *p == ',';
#endif
        if (o + (esc ? 2u : 1u) + 1 > size)
            return -1;
        if (esc)
            out[o++] = '\\';
        out[o++] = *p;
    }
    out[o] = '\0';
    return 0;
}

#if CERTFIT_COMPAT_ECDSA_ALGID_NULL
/* The signature AlgorithmIdentifier content at p: OID TLV followed by NULL (05 00)? */
static bool algid_has_null(const unsigned char *p, size_t len)
{
    return len >= 4 && p[0] == MBEDTLS_ASN1_OID && (size_t)p[1] + 4 == len && p[len - 2] == 0x05 &&
           p[len - 1] == 0x00;
}
#endif

/*
 * Mbed TLS 2.x writes ECDSA AlgorithmIdentifiers with NULL parameters, which
 * RFC 5758 3.2 forbids (strict parsers such as webpki reject them; 3.x omits
 * them). Re-encode the TBSCertificate and the Certificate without them and
 * sign again. der/der_len: the certificate, rewritten in place (it only
 * shrinks). A no-op on 3.x and when there is no NULL.
 */
static int compat_ecdsa_algid(unsigned char *der, size_t *der_len, mbedtls_pk_context *key,
                              mbedtls_md_type_t md, mbedtls_ctr_drbg_context *drbg)
{
#if !CERTFIT_COMPAT_ECDSA_ALGID_NULL
    (void)der, (void)der_len, (void)key, (void)md, (void)drbg;
    return 0;
#else
    unsigned char *p = der, *end = der + *der_len, *tbs, *tbs_end, *q, *alg;
    size_t len, l, alg_len;
    int ret;
    if ((ret = mbedtls_asn1_get_tag(&p, end, &len,
                                    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) != 0 ||
        (ret = mbedtls_asn1_get_tag(&p, end, &len,
                                    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) != 0)
        return ret;
    tbs = p;
    tbs_end = p + len;
    q = tbs;
    if ((ret = mbedtls_asn1_get_tag(
             &q, tbs_end, &l, MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0)) != 0)
        return ret;
    q += l;
    if ((ret = mbedtls_asn1_get_tag(&q, tbs_end, &l, MBEDTLS_ASN1_INTEGER)) != 0)
        return ret;
    q += l;
    unsigned char *alg_tlv = q;
    if ((ret = mbedtls_asn1_get_tag(&q, tbs_end, &alg_len,
                                    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) != 0)
        return ret;
    alg = q;
    if (!algid_has_null(alg, alg_len))
        return 0;
    unsigned char oid[32];
    size_t oid_len = alg_len - 2; /* the OID TLV */
    if (oid_len > sizeof(oid))
        return MBEDTLS_ERR_ASN1_BUF_TOO_SMALL;
    memcpy(oid, alg, oid_len);

    unsigned char buf[4096], *w = buf + sizeof(buf);
    size_t n = 0;
#define W(call)                                                                                    \
    do {                                                                                           \
        int r_ = (call);                                                                           \
        if (r_ < 0)                                                                                \
            return r_;                                                                             \
        n += (size_t)r_;                                                                           \
    } while (0)
    /* TBSCertificate: what follows the AlgorithmIdentifier, the new one, what precedes it */
    W(mbedtls_asn1_write_raw_buffer(&w, buf, alg + alg_len, (size_t)(tbs_end - (alg + alg_len))));
    W(mbedtls_asn1_write_raw_buffer(&w, buf, oid, oid_len));
    W(mbedtls_asn1_write_len(&w, buf, oid_len));
    W(mbedtls_asn1_write_tag(&w, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
    W(mbedtls_asn1_write_raw_buffer(&w, buf, tbs, (size_t)(alg_tlv - tbs)));
    W(mbedtls_asn1_write_len(&w, buf, n));
    W(mbedtls_asn1_write_tag(&w, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
    unsigned char *new_tbs = w;
    size_t new_tbs_len = n;

    unsigned char hash[MBEDTLS_MD_MAX_SIZE], sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    size_t sig_len = 0;
    const mbedtls_md_info_t *mi = mbedtls_md_info_from_type(md);
    if (mi == NULL)
        return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
    if ((ret = mbedtls_md(mi, new_tbs, new_tbs_len, hash)) != 0 ||
        (ret = mbedtls_pk_sign(key, md, hash, 0, sig, &sig_len, mbedtls_ctr_drbg_random, drbg)) !=
            0)
        return ret;

    /* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
    unsigned char cbuf[4096], *c = cbuf + sizeof(cbuf);
    n = 0;
    W(mbedtls_asn1_write_bitstring(&c, cbuf, sig, sig_len * 8));
    W(mbedtls_asn1_write_raw_buffer(&c, cbuf, oid, oid_len));
    W(mbedtls_asn1_write_len(&c, cbuf, oid_len));
    W(mbedtls_asn1_write_tag(&c, cbuf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
    W(mbedtls_asn1_write_raw_buffer(&c, cbuf, new_tbs, new_tbs_len));
    W(mbedtls_asn1_write_len(&c, cbuf, n));
    W(mbedtls_asn1_write_tag(&c, cbuf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
#undef W
    if (n > *der_len)
        return MBEDTLS_ERR_ASN1_BUF_TOO_SMALL;
    memcpy(der, c, n);
    *der_len = n;
    return 0;
#endif
}

/* ---- options ------------------------------------------------------------- */

#define MINT_MAX_NAMES     32
#define MINT_MAX_CN        64 /* ub-common-name, RFC 5280 */
#define MINT_MAX_DNS       253
#define MINT_MAX_SAN_BYTES 1500 /* keeps the PEM well under the 4096-byte credential limit */

static const char k_mint_usage[] =
    "usage: certfit mint --cn NAME [options] --key-out FILE --cert-out FILE\n"
    "\n"
    "Make an EC key and a self-signed CA certificate with Mbed TLS that passes\n"
    "'certfit check --profile nrf91-p384-selfsigned' as a CA credential and as a\n"
    "server chain: the broker serves it, the device stores it as its CA.\n"
    "\n"
    "      --cn NAME          the subject's commonName (at most 64 bytes)\n"
    "      --dns NAME         a subjectAltName dNSName (repeatable)\n"
    "      --ip ADDR          a subjectAltName iPAddress, IPv4 or IPv6 (repeatable)\n"
    "      --curve C          secp384r1 (default, ecdsa-with-SHA384) or secp256r1\n"
    "                         (ecdsa-with-SHA256)\n"
    "      --years N          validity in calendar years (default 30, 1..100)\n"
    "      --key-out FILE     the private key (PEM), created with mode 0600\n"
    "      --cert-out FILE    the certificate (PEM)\n"
    "      --force            overwrite existing files\n"
    "      --now TIME         RFC 3339 notBefore (default: now)\n"
    "  -h, --help             this help\n"
    "\n"
    "The key is never printed. Exit codes: 0 written, 2 usage error, an existing\n"
    "file without --force, or a failure to make or write the files.\n";

typedef struct mint_opts {
    const char *cn;
    const char *dns[MINT_MAX_NAMES];
    size_t ndns;
    unsigned char ip[MINT_MAX_NAMES][16];
    size_t iplen[MINT_MAX_NAMES];
    const char *ipstr[MINT_MAX_NAMES];
    size_t nip;
    bool p256;
    unsigned years;
    const char *key_out, *cert_out;
    bool force;
    int64_t now;
} mint_opts;

static bool valid_dns(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MINT_MAX_DNS)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || (c == '*' && i == 0 && s[1] == '.')))
            return false;
    }
    return true;
}

static bool valid_cn(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MINT_MAX_CN)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

static int parse_mint_opts(int argc, char **argv, mint_opts *o)
{
    static const struct option longopts[] = {
        {"cn", required_argument, NULL, 'c'},
        {"dns", required_argument, NULL, 'd'},
        {"ip", required_argument, NULL, 'i'},
        {"curve", required_argument, NULL, 'C'},
        {"years", required_argument, NULL, 'y'},
        {"key-out", required_argument, NULL, 'k'},
        {"cert-out", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, 'f'},
        {"now", required_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof(*o));
    o->years = 30;
    o->now = (int64_t)time(NULL);
    int c;
    while ((c = cli_getopt(argc, argv, "-:h", longopts)) != -1) {
        switch (c) {
        case 'c':
            if (!valid_cn(optarg))
                return usage_error("mint",
                                   "--cn: '%s' must be 1..64 bytes without control "
                                   "characters",
                                   optarg),
                       -1;
            o->cn = optarg;
            break;
        case 'd':
            if (o->ndns == MINT_MAX_NAMES)
                return usage_error("mint", "at most %s --dns names", "32"), -1;
            if (!valid_dns(optarg))
                return usage_error("mint",
                                   "--dns: '%s' is not a DNS name (letters, digits, "
                                   "'-', '.', a leading '*.')",
                                   optarg),
                       -1;
            o->dns[o->ndns++] = optarg;
            break;
        case 'i': {
            if (o->nip == MINT_MAX_NAMES)
                return usage_error("mint", "at most %s --ip addresses", "32"), -1;
            size_t k = o->nip;
            if (inet_pton(AF_INET, optarg, o->ip[k]) == 1)
                o->iplen[k] = 4;
            else if (inet_pton(AF_INET6, optarg, o->ip[k]) == 1)
                o->iplen[k] = 16;
            else
                return usage_error("mint", "--ip: '%s' is not an IPv4 or IPv6 address", optarg), -1;
            o->ipstr[k] = optarg;
            o->nip++;
            break;
        }
        case 'C':
            if (strcmp(optarg, "secp384r1") == 0 || strcmp(optarg, "P-384") == 0)
                o->p256 = false;
            else if (strcmp(optarg, "secp256r1") == 0 || strcmp(optarg, "P-256") == 0)
                o->p256 = true;
            else
                return usage_error("mint", "--curve must be secp384r1 or secp256r1, not '%s'",
                                   optarg),
                       -1;
            break;
        case 'y': {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 1 || v > 100)
                return usage_error("mint", "--years: '%s' is not in 1..100", optarg), -1;
            o->years = (unsigned)v;
            break;
        }
        case 'k':
            o->key_out = optarg;
            break;
        case 'o':
            o->cert_out = optarg;
            break;
        case 'f':
            o->force = true;
            break;
        case 'N':
            if (certfit_time_parse_rfc3339(optarg, &o->now) != 0)
                return usage_error("mint",
                                   "--now: '%s' is not an RFC 3339 time "
                                   "(e.g. 2026-01-01T00:00:00Z)",
                                   optarg),
                       -1;
            break;
        case 'h':
            fputs(k_mint_usage, stdout);
            exit(EXIT_PASS);
        default:
            return option_error("mint", c, argv, longopts);
        }
    }
    if (optind < argc)
        return usage_error("mint", "unexpected argument '%s'", argv[optind]), -1;
    if (o->cn == NULL)
        return usage_error("mint", "%s", "--cn NAME is required"), -1;
    if (o->key_out == NULL || o->cert_out == NULL)
        return usage_error("mint", "%s", "--key-out FILE and --cert-out FILE are required"), -1;
    size_t names = 0;
    for (size_t i = 0; i < o->ndns; i++)
        names += strlen(o->dns[i]) + 2;
    if (names + o->nip * 18 > MINT_MAX_SAN_BYTES)
        return usage_error("mint", "%s",
                           "the --dns/--ip names take more than 1500 bytes: the "
                           "certificate would not fit the modem's 4096-byte "
                           "credential limit"),
               -1;
    if (strcmp(o->key_out, o->cert_out) == 0)
        return usage_error("mint", "--key-out and --cert-out are the same file '%s'", o->key_out),
               -1;
    return 0;
}

/* ---- the certificate ----------------------------------------------------- */

/* "YYYYMMDDhhmmss" for mbedtls_x509write_crt_set_validity(). */
static int x509_time(int64_t t, char out[32])
{
    int64_t y;
    unsigned mo, d, h, mi, s;
    certfit_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    if (y < 1950 || y > 9999)
        return -1;
    snprintf(out, 32, "%04d%02u%02u%02u%02u%02u", (int)y, mo, d, h, mi, s);
    return 0;
}

/*
 * GeneralNames DER (RFC 5280 4.2.1.6): dNSName [2] IA5String, then
 * iPAddress [7] OCTET STRING, in the order given. Written backwards.
 */
static int san_der(const mint_opts *o, unsigned char *buf, size_t size, unsigned char **start,
                   size_t *len)
{
    unsigned char *p = buf + size;
    size_t n = 0;
#define SAN_ADD(call)                                                                              \
    do {                                                                                           \
        int r_ = (call);                                                                           \
        if (r_ < 0)                                                                                \
            return r_;                                                                             \
        n += (size_t)r_;                                                                           \
    } while (0)
    for (size_t k = o->nip; k-- > 0;) {
        SAN_ADD(mbedtls_asn1_write_raw_buffer(&p, buf, o->ip[k], o->iplen[k]));
        SAN_ADD(mbedtls_asn1_write_len(&p, buf, o->iplen[k]));
        SAN_ADD(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7));
    }
    for (size_t k = o->ndns; k-- > 0;) {
        size_t dl = strlen(o->dns[k]);
        SAN_ADD(mbedtls_asn1_write_raw_buffer(&p, buf, (const unsigned char *)o->dns[k], dl));
        SAN_ADD(mbedtls_asn1_write_len(&p, buf, dl));
        SAN_ADD(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2));
    }
    SAN_ADD(mbedtls_asn1_write_len(&p, buf, n));
    SAN_ADD(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
#undef SAN_ADD
    *start = p;
    *len = n;
    return 0;
}

typedef struct minted {
    unsigned char key_pem[1024];
    unsigned char cert_pem[4096];
    size_t key_len, cert_len;
    unsigned char serial[16];
    size_t serial_len;
} minted;

static void mbed_error(const char *what, int ret)
{
    fprintf(stderr, "certfit mint: %s failed (Mbed TLS error -0x%04x)\n", what,
            (unsigned)(ret < 0 ? -ret : ret));
}

static int mint(const mint_opts *o, const char *nb, const char *na, minted *m)
{
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_pk_context key;
    mbedtls_x509write_cert crt;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_pk_init(&key);
    mbedtls_x509write_crt_init(&crt);
    int ret, rc = -1;
    static const char pers[] = "certfit mint";
    char subject[3 + 2 * MINT_MAX_CN + 1];
    unsigned char san[MINT_MAX_NAMES * (MINT_MAX_DNS + 4) + MINT_MAX_NAMES * 18 + 8];
    const mbedtls_md_type_t md = o->p256 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA384;
    unsigned char raw[16] = {0};

    if (compat_cn_string(o->cn, subject, sizeof(subject)) != 0) {
        fprintf(stderr,
                "certfit mint: --cn: this Mbed TLS (%s) cannot write a backslash in a "
                "name\n",
                MBEDTLS_VERSION_STRING);
        goto out;
    }
    if (certfit_compat_crypto_init() != 0) {
        fprintf(stderr, "certfit mint: PSA crypto initialisation failed\n");
        goto out;
    }
    if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                     (const unsigned char *)pers, sizeof(pers) - 1)) != 0) {
        mbed_error("seeding the random generator", ret);
        goto out;
    }
    if ((ret = mbedtls_pk_setup(&key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))) != 0 ||
        (ret = mbedtls_ecp_gen_key(o->p256 ? MBEDTLS_ECP_DP_SECP256R1 : MBEDTLS_ECP_DP_SECP384R1,
                                   mbedtls_pk_ec(key), mbedtls_ctr_drbg_random, &drbg)) != 0) {
        mbed_error("generating the EC key", ret);
        goto out;
    }

    /* serial: 16 random octets, positive, non-zero, minimal */
    do {
        if ((ret = mbedtls_ctr_drbg_random(&drbg, raw, sizeof(raw))) != 0) {
            mbed_error("drawing the serial number", ret);
            goto out;
        }
        raw[0] &= 0x7f;
        m->serial_len = 0;
        for (size_t i = 0; i < sizeof(raw); i++)
            if (m->serial_len > 0 || raw[i] != 0)
                m->serial[m->serial_len++] = raw[i];
    } while (m->serial_len == 0);

    mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
    mbedtls_x509write_crt_set_md_alg(&crt, md);
    mbedtls_x509write_crt_set_subject_key(&crt, &key);
    mbedtls_x509write_crt_set_issuer_key(&crt, &key);
    if ((ret = mbedtls_x509write_crt_set_subject_name(&crt, subject)) != 0 ||
        (ret = mbedtls_x509write_crt_set_issuer_name(&crt, subject)) != 0) {
        mbed_error("setting the name", ret);
        goto out;
    }
    if ((ret = certfit_compat_set_serial(&crt, m->serial, m->serial_len)) != 0) {
        mbed_error("setting the serial number", ret);
        goto out;
    }
    if ((ret = mbedtls_x509write_crt_set_validity(&crt, nb, na)) != 0) {
        mbed_error("setting the validity", ret);
        goto out;
    }
    /* basicConstraints CA:TRUE (critical), keyUsage (critical), SKI, SAN */
    if ((ret = mbedtls_x509write_crt_set_basic_constraints(&crt, 1, -1)) != 0) {
        mbed_error("basicConstraints", ret);
        goto out;
    }
    if ((ret = mbedtls_x509write_crt_set_key_usage(&crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE |
                                                             MBEDTLS_X509_KU_KEY_CERT_SIGN)) != 0) {
        mbed_error("keyUsage", ret);
        goto out;
    }
    if ((ret = mbedtls_x509write_crt_set_subject_key_identifier(&crt)) != 0) {
        mbed_error("subjectKeyIdentifier", ret);
        goto out;
    }
    if (o->ndns + o->nip > 0) {
        unsigned char *sp;
        size_t sl;
        if ((ret = san_der(o, san, sizeof(san), &sp, &sl)) != 0 ||
            (ret = mbedtls_x509write_crt_set_extension(
                 &crt, MBEDTLS_OID_SUBJECT_ALT_NAME, MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME),
                 0, sp, sl)) != 0) {
            mbed_error("subjectAltName", ret);
            goto out;
        }
    }
    unsigned char der[3072];
    if ((ret = mbedtls_x509write_crt_der(&crt, der, sizeof(der), mbedtls_ctr_drbg_random, &drbg)) <
        0) {
        mbed_error("writing the certificate", ret);
        goto out;
    }
    /* x509write writes at the end of the buffer */
    size_t der_len = (size_t)ret;
    memmove(der, der + sizeof(der) - der_len, der_len);
    size_t pem_len = 0;
    if ((ret = compat_ecdsa_algid(der, &der_len, &key, md, &drbg)) != 0) {
        mbed_error("re-encoding the signature algorithm", ret);
        goto out;
    }
    if ((ret = mbedtls_pem_write_buffer("-----BEGIN CERTIFICATE-----\n",
                                        "-----END CERTIFICATE-----\n", der, der_len, m->cert_pem,
                                        sizeof(m->cert_pem), &pem_len)) != 0) {
        mbed_error("writing the certificate as PEM", ret);
        goto out;
    }
    m->cert_len = strlen((const char *)m->cert_pem);
    if ((ret = mbedtls_pk_write_key_pem(&key, m->key_pem, sizeof(m->key_pem))) != 0) {
        mbed_error("writing the key", ret);
        goto out;
    }
    m->key_len = strlen((const char *)m->key_pem);
    rc = 0;
out:
    mbedtls_platform_zeroize(raw, sizeof(raw));
    mbedtls_x509write_crt_free(&crt);
    mbedtls_pk_free(&key);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return rc;
}

/* ---- files --------------------------------------------------------------- */

/*
 * Both files go to temporary files (the key 0600) and reach their names
 * only when both are complete: without --force by link(), which never
 * replaces a file, with it by rename(). A failure leaves the old pair (or
 * none) as it was. The key is not buffered by stdio: its bytes stay in m.
 */
static int write_files(const mint_opts *o, const minted *m)
{
    unsigned keep = o->force ? 0u : OUT_NEW;
    out_file key, cert;
    if (!out_open(&key, "certfit mint", "--key-out", o->key_out, OUT_KEY | keep))
        return -1;
    if (!out_open(&cert, "certfit mint", "--cert-out", o->cert_out, keep)) {
        out_discard(&key);
        return -1;
    }
    setvbuf(key.f, NULL, _IONBF, 0);
    if (fwrite(m->key_pem, 1, m->key_len, key.f) != m->key_len ||
        fwrite(m->cert_pem, 1, m->cert_len, cert.f) != m->cert_len) {
        fprintf(stderr, "certfit mint: writing %s and %s failed: %s\n", o->key_out, o->cert_out,
                strerror(errno));
        out_discard(&key);
        out_discard(&cert);
        return -1;
    }
    if (!out_close(&key)) {
        out_discard(&cert);
        return -1;
    }
    if (!out_close(&cert)) {
        if (!o->force)
            unlink(o->key_out); /* it is new: the pair or nothing */
        return -1;
    }
    return 0;
}

/* ---- the report ---------------------------------------------------------- */

/* A path as one shell word. */
static void print_shell_word(const char *s)
{
    bool plain = *s != '\0';
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("-_./+:,@%", *p) != NULL))
            plain = false;
    if (plain) {
        fputs(s, stdout);
        return;
    }
    putchar('\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*p);
    }
    putchar('\'');
}

/*
 * Mosquitto started as root drops to its own user before it loads the
 * certificate and the key ("Unable to load server key file ... Permission
 * denied" with a 0600 key owned by root): say what that user needs.
 */
static void broker_access(const char *cert, const char *key)
{
    struct stat st;
    bool cert_private = stat(cert, &st) == 0 && !(st.st_mode & S_IROTH);
    printf("\nMosquitto reads these files as its own user ('user' in mosquitto.conf, default\n"
           "mosquitto), not as root, and the key is readable by its owner alone (0600).\n"
           "Give the key to that user before you start the broker:\n  chown mosquitto: ");
    print_shell_word(key);
    if (cert_private) {
        putchar(' ');
        print_shell_word(cert);
    }
    putchar('\n');
    /* every directory above the files must let that user through */
    const char *paths[2] = {cert, key};
    for (int k = 0; k < 2; k++) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof(dir), "%s", paths[k]);
        char *slash;
        while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
            *slash = '\0';
            if (stat(dir, &st) == 0 && !(st.st_mode & S_IXOTH)) {
                printf("  %s (mode %04o) keeps other users out: move both files where the\n"
                       "  broker can reach them (e.g. /etc/mosquitto/certs) or open it to that "
                       "user\n",
                       dir, (unsigned)(st.st_mode & 07777));
                return;
            }
        }
    }
}

static void print_lint(const char *label, const lint_result *L)
{
    char msg[512];
    if (L->rc != 0) {
        printf("  %-12s could not be evaluated: %s\n", label, certfit_strerror(L->rc));
        return;
    }
    unsigned long total = (unsigned long)L->res.counts[1] + L->res.counts[2] + L->res.counts[3];
    if (total == 0) {
        printf("  %-12s PASS, no findings\n", label);
        return;
    }
    printf("  %-12s %s, %lu finding%s\n", label, L->res.counts[3] > 0 ? "FAIL" : "PASS", total,
           total == 1 ? "" : "s");
    for (size_t i = 0; i < L->fs.n; i++) {
        certfit_finding_message(&L->fs.v[i], msg, sizeof(msg));
        printf("               %s %s: %s\n", certfit_severity_name(L->fs.v[i].severity),
               certfit_rule_id(L->fs.v[i].rule), msg);
    }
}

static void report(const mint_opts *o, const minted *m, int64_t nb, int64_t na)
{
    certfit_profile pf;
    const char *pname = o->p256 ? "nrf91" : "nrf91-p384-selfsigned";
    if (certfit_profile_get(pname, &pf) != 0)
        return;
    lint_result ca, server;
    lint_text(&pf, CERTFIT_ROLE_CA, nb, m->cert_pem, m->cert_len, &ca);
    lint_text(&pf, CERTFIT_ROLE_SERVER, nb, m->cert_pem, m->cert_len, &server);
    const lint_cert *c = &ca.certs[0];
    char t0[21], t1[21];
    certfit_time_format(nb, t0);
    certfit_time_format(na, t1);

    printf("minted a self-signed CA certificate and its key\n");
    printf("  certificate %s\n", o->cert_out);
    printf("  key         %s (mode 0600; keep it on the broker, never on the device)\n",
           o->key_out);
    printf("  subject     %s\n", ca.ncerts > 0 && c->parsed ? c->subject : o->cn);
    printf("  key type    EC %s, %s\n", o->p256 ? "secp256r1" : "secp384r1",
           o->p256 ? "ecdsa-with-SHA256" : "ecdsa-with-SHA384");
    printf("  serial      ");
    for (size_t i = 0; i < m->serial_len; i++)
        printf("%02x", m->serial[i]);
    printf("\n  validity    %s .. %s (%u year%s)\n", t0, t1, o->years, o->years == 1 ? "" : "s");
    printf("  extensions  basicConstraints CA:TRUE (critical), keyUsage digitalSignature "
           "keyCertSign (critical), subjectKeyIdentifier");
    if (o->ndns + o->nip > 0)
        printf(",\n              subjectAltName");
    for (size_t i = 0; i < o->ndns; i++)
        printf("%s DNS:%s", i == 0 ? "" : ",", o->dns[i]);
    for (size_t i = 0; i < o->nip; i++)
        printf("%s IP:%s", i + o->ndns == 0 ? "" : ",", o->ipstr[i]);
    printf("\n  sizes       credential (%%CMNG text) %llu bytes of %u, DER %llu bytes, "
           "TLS 1.2 Certificate message %llu bytes of %u\n",
           (unsigned long long)ca.res.sizes.credential_bytes, (unsigned)pf.credential_limit,
           (unsigned long long)ca.res.sizes.der_total,
           (unsigned long long)server.res.sizes.tls12_certificate_message,
           (unsigned)pf.chain_limit);
    printf("\ncertfit check --profile %s\n", pf.name);
    print_lint("role ca", &ca);
    print_lint("role server", &server);

    char *cert_abs = realpath(o->cert_out, NULL), *key_abs = realpath(o->key_out, NULL);
    const char *cert = cert_abs ? cert_abs : o->cert_out, *key = key_abs ? key_abs : o->key_out;
    printf("\nmosquitto.conf (the broker serves the certificate):\n");
    printf("  listener 8883\n  certfile %s\n  keyfile %s\n  tls_version tlsv1.2\n", cert, key);
    broker_access(cert, key);
    printf("\nfirmware (the device stores the same certificate as its CA):\n  certfit header "
           "--name CA_CERTIFICATE ");
    print_shell_word(o->cert_out);
    printf(" -o ca_certificate.h\n");
    free(cert_abs);
    free(key_abs);
    lint_free(&ca);
    lint_free(&server);
}

int cmd_mint(int argc, char **argv)
{
    mint_opts o;
    if (parse_mint_opts(argc, argv, &o) != 0)
        return EXIT_USAGE;
    int64_t nb = o.now, na = certfit_time_add_years(o.now, o.years);
    char nbs[32], nas[32];
    if (x509_time(nb, nbs) != 0 || x509_time(na, nas) != 0) {
        usage_error("mint", "%s", "--now and --years must give a validity within 1950..9999");
        return EXIT_USAGE;
    }
    /* refuse early, before a key exists; open() with O_EXCL decides races */
    if (!o.force) {
        const char *paths[2] = {o.key_out, o.cert_out};
        for (int i = 0; i < 2; i++) {
            struct stat st;
            if (lstat(paths[i], &st) == 0) {
                fprintf(stderr,
                        "certfit mint: %s exists; not overwritten (--force replaces "
                        "it)\n",
                        paths[i]);
                return EXIT_USAGE;
            }
        }
    }
    minted *m = calloc(1, sizeof(*m));
    if (m == NULL) {
        fprintf(stderr, "certfit mint: out of memory\n");
        return EXIT_USAGE;
    }
    int rc = EXIT_USAGE;
    if (mint(&o, nbs, nas, m) == 0 && write_files(&o, m) == 0) {
        rc = EXIT_PASS;
        /* the key is written; only the certificate is reported */
        mbedtls_platform_zeroize(m->key_pem, sizeof(m->key_pem));
        report(&o, m, nb, na);
    }
    mbedtls_platform_zeroize(m, sizeof(*m));
    free(m);
    return rc;
}
