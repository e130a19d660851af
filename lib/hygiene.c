/*
 * RFC 5280 / CA/Browser Forum hygiene (docs/design.md section 13). The zlint lints
 * each rule corresponds to are rules.def's zlint column: on the same
 * certificate a rule fires exactly when one of them returns warn or error
 * (tests/zlint/).
 * The facts come from the strict scanner (certfit_cert) and its details
 * walk (certfit_cert_details_read); nothing here reads DER itself.
 */
#include <string.h>

#include "hygiene_internal.h"

/* keyUsage bits (RFC 5280 4.2.1.3), bit 0 = digitalSignature */
#define KU_DS  0x001u /* digitalSignature */
#define KU_NR  0x002u /* nonRepudiation */
#define KU_KE  0x004u /* keyEncipherment */
#define KU_DE  0x008u /* dataEncipherment */
#define KU_KA  0x010u /* keyAgreement */
#define KU_KCS 0x020u /* keyCertSign */
#define KU_CRL 0x040u /* cRLSign */

#if CERTFIT_CONFIG_HYGIENE

static bool same(certfit_view a, certfit_view b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* Whether params is the DER NULL (05 00). */
static bool is_null(certfit_view params)
{
    return params.len == 2 && params.p[0] == 0x05 && params.p[1] == 0x00;
}

/* keyUsage BIT STRING as DER (X.690 11.2.2): 0 fine, else a detail code. */
static uint32_t ku_encoding(certfit_view b)
{
    if (b.len < 1)
        return CERTFIT_DETAIL_KEY_USAGE_ENCODING_UNUSED_BITS;
    size_t n = b.len - 1;
    unsigned unused = b.p[0];
    bool any = false;
    for (size_t i = 1; i < b.len; i++)
        any = any || b.p[i] != 0;
    if (!any)
        return CERTFIT_DETAIL_KEY_USAGE_ENCODING_NO_BIT;
    uint8_t lastb = b.p[n];
    if (lastb == 0)
        return CERTFIT_DETAIL_KEY_USAGE_ENCODING_TRAILING_ZERO;
    unsigned tz = 0;
    while (!(lastb >> tz & 1))
        tz++;
    if (unused != tz)
        return CERTFIT_DETAIL_KEY_USAGE_ENCODING_UNUSED_BITS;
    if (n > 2 || (n == 2 && (b.p[2] & 0x7f) != 0))
        return CERTFIT_DETAIL_KEY_USAGE_ENCODING_TOO_LONG; /* beyond decipherOnly */
    return 0;
}

/* The RSA exponent: 0 fine, else a detail code. */
static uint32_t rsa_exponent(certfit_view e, uint64_t *value)
{
    if (e.len == 0 || (e.p[0] & 0x80))
        return CERTFIT_DETAIL_RSA_EXPONENT_NOT_ABOVE_1; /* not positive */
    size_t i = 0;
    while (i < e.len && e.p[i] == 0)
        i++;
    size_t n = e.len - i;
    uint64_t v = 0;
    for (size_t j = i; j < e.len && j < i + 8; j++)
        v = v << 8 | e.p[j];
    *value = n <= 8 ? v : UINT64_MAX;
    if (n == 0 || (n == 1 && e.p[i] == 1))
        return CERTFIT_DETAIL_RSA_EXPONENT_NOT_ABOVE_1;
    if ((e.p[e.len - 1] & 1) == 0)
        return CERTFIT_DETAIL_RSA_EXPONENT_EVEN;
    if (n <= 8 && v < 65537)
        return CERTFIT_DETAIL_RSA_EXPONENT_SMALL; /* below 2^16+1 */
    if (n > 32)
        return CERTFIT_DETAIL_RSA_EXPONENT_LARGE; /* above 2^256-1 */
    return 0;
}

/* Whether an AlgorithmIdentifier TLV names rsaEncryption (1.2.840.113549.1.1.1;
 * an RSASSA-PSS key's parameters are another matter). */
static bool is_rsa_encryption(certfit_view alg)
{
    static const uint8_t oid[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
    return alg.len >= 2 + sizeof(oid) && alg.p[1] < 0x80 &&
           memcmp(alg.p + 2, oid, sizeof(oid)) == 0;
}

static bool is_rsa_pkcs1(certfit_sig_alg a)
{
    return a >= CERTFIT_SIG_RSA_MD2 && a <= CERTFIT_SIG_RSA_SHA512;
}

void certfit_hygiene_cert(const certfit_cert *c, bool self_signed, bool server_leaf,
                          certfit_hygiene_report report, void *ctx)
{
    certfit_cert_details d;
    if (certfit_cert_details_read(c, &d) != 0)
        return;
    bool ca = c->has_basic_constraints && c->ca;
    bool has_ku = (d.seen & CERTFIT_EXT_KU) != 0;
    unsigned ku = c->key_usage;

    if (ca && (!has_ku || !(ku & KU_KCS) || !(d.critical & CERTFIT_EXT_KU)))
        report(ctx, CERTFIT_RULE_CA_KEY_USAGE,
               !has_ku          ? CERTFIT_DETAIL_CA_KEY_USAGE_MISSING
               : !(ku & KU_KCS) ? CERTFIT_DETAIL_CA_KEY_USAGE_NO_CERT_SIGN
                                : CERTFIT_DETAIL_CA_KEY_USAGE_NOT_CRITICAL,
               ku);
    if ((d.seen & CERTFIT_EXT_BC) && !(d.critical & CERTFIT_EXT_BC))
        report(ctx, CERTFIT_RULE_BASIC_CONSTRAINTS_CRITICAL,
               ca ? CERTFIT_DETAIL_BASIC_CONSTRAINTS_CRITICAL_CA
                  : CERTFIT_DETAIL_BASIC_CONSTRAINTS_CRITICAL_NOT_CA,
               0);
    if ((ca && !(d.seen & CERTFIT_EXT_SKI)) || (d.critical & CERTFIT_EXT_SKI))
        report(ctx, CERTFIT_RULE_SUBJECT_KEY_IDENTIFIER,
               (d.critical & CERTFIT_EXT_SKI) ? CERTFIT_DETAIL_SUBJECT_KEY_IDENTIFIER_CRITICAL
                                              : CERTFIT_DETAIL_SUBJECT_KEY_IDENTIFIER_MISSING,
               0);
    if ((!d.aki_key_id && !(ca && self_signed)) || (d.critical & CERTFIT_EXT_AKI))
        report(ctx, CERTFIT_RULE_AUTHORITY_KEY_IDENTIFIER,
               (d.critical & CERTFIT_EXT_AKI) ? CERTFIT_DETAIL_AUTHORITY_KEY_IDENTIFIER_CRITICAL
               : (d.seen & CERTFIT_EXT_AKI)   ? CERTFIT_DETAIL_AUTHORITY_KEY_IDENTIFIER_NO_KEY_ID
                                              : CERTFIT_DETAIL_AUTHORITY_KEY_IDENTIFIER_MISSING,
               0);
    if (has_ku) {
        uint32_t why = ku_encoding(d.ku_bits);
        if (why != 0)
            report(ctx, CERTFIT_RULE_KEY_USAGE_ENCODING, why, d.ku_bits.len);
        uint32_t bad = 0;
        if (c->key_type == CERTFIT_KEY_EC)
            bad = ku & (KU_KE | KU_DE);
        else if (c->key_type == CERTFIT_KEY_RSA) {
            unsigned allowed = KU_DS | KU_NR | KU_KE | KU_DE | (ca ? KU_KCS | KU_CRL : 0u);
            bad = ku & 0x1ffu & ~allowed;
            if (ca && (ku & (KU_KCS | KU_CRL)) && (ku & (KU_KE | KU_DE)))
                bad |= ku & (KU_KE | KU_DE);
        }
        if (bad != 0)
            report(ctx, CERTFIT_RULE_KEY_USAGE_KEY_TYPE, c->key_type, bad);
        if (!ca && (ku & (KU_KCS | KU_CRL)))
            report(ctx, CERTFIT_RULE_KEY_USAGE_CERT_SIGN, 0, ku & (KU_KCS | KU_CRL));
    }
    if (d.duplicate_extension)
        report(ctx, CERTFIT_RULE_DUPLICATE_EXTENSION, 0, d.duplicate_oid.len);
    if (d.issuer_uid || d.subject_uid)
        report(ctx, CERTFIT_RULE_UNIQUE_IDENTIFIERS,
               (d.issuer_uid ? (uint32_t)CERTFIT_DETAIL_UNIQUE_IDENTIFIERS_ISSUER : 0u) |
                   (d.subject_uid ? (uint32_t)CERTFIT_DETAIL_UNIQUE_IDENTIFIERS_SUBJECT : 0u),
               c->version);
    if (c->version != 3)
        report(ctx, CERTFIT_RULE_CERTIFICATE_VERSION,
               d.has_extensions ? CERTFIT_DETAIL_CERTIFICATE_VERSION_EXTENSIONS
                                : CERTFIT_DETAIL_CERTIFICATE_VERSION_NOT_3,
               c->version);
    if (c->key_type == CERTFIT_KEY_RSA) {
        uint64_t e = 0;
        uint32_t why = rsa_exponent(d.rsa_exponent, &e);
        if (why != 0)
            report(ctx, CERTFIT_RULE_RSA_EXPONENT, why, e);
    }
    {
        uint32_t why = 0;
        if (is_rsa_encryption(d.spki_alg) && !is_null(d.spki_params))
            why |= CERTFIT_DETAIL_ALGORITHM_PARAMETERS_RSA_KEY;
        if (is_rsa_pkcs1(c->sig_alg) && !is_null(d.tbs_sig_params))
            why |= CERTFIT_DETAIL_ALGORITHM_PARAMETERS_RSA_SIGNATURE;
        if (c->sig_alg >= CERTFIT_SIG_ECDSA_SHA1 && c->sig_alg <= CERTFIT_SIG_ECDSA_SHA512 &&
            (d.sig_params.len > 0 || d.tbs_sig_params.len > 0))
            why |= CERTFIT_DETAIL_ALGORITHM_PARAMETERS_ECDSA; /* RFC 5758 3.2: absent */
        if (why != 0)
            report(ctx, CERTFIT_RULE_ALGORITHM_PARAMETERS, why, 0);
    }
    if (!same(d.tbs_sig_alg, d.sig_alg))
        report(ctx, CERTFIT_RULE_SIGNATURE_ALGORITHM_MISMATCH, 0, 0);
    if (server_leaf && !ca && !(d.seen & CERTFIT_EXT_SAN))
        report(ctx, CERTFIT_RULE_SERVER_SAN_MISSING, 0, 0);
    if (c->key_type == CERTFIT_KEY_EC && c->curve != CERTFIT_CURVE_SECP256R1 &&
        c->curve != CERTFIT_CURVE_SECP384R1 && c->curve != CERTFIT_CURVE_SECP521R1)
        report(ctx, CERTFIT_RULE_EC_CURVE, c->curve, c->key_bits);
}

#endif /* CERTFIT_CONFIG_HYGIENE */
