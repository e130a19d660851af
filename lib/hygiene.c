/*
 * RFC 5280 / CA/Browser Forum hygiene (DESIGN.md section 13), and the zlint
 * lints each rule corresponds to: on the same certificate a rule fires
 * exactly when one of its lints returns warn or error (tests/zlint/).
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

/*
 * The zlint lints of each rule, one string per rule: names separated by
 * spaces, "" when none. Keyed by rule so that the table can move into
 * rules.def as a column.
 */
static const struct {
    certfit_rule rule;
    const char *lints;
} k_zlint[] = {
    {CERTFIT_RULE_SERIAL_NUMBER,
     "e_serial_number_not_positive e_serial_number_longer_than_20_octets"},
    {CERTFIT_RULE_TIME_ENCODING,
     "e_wrong_time_format_pre2050 e_utc_time_not_in_zulu e_utc_time_does_not_include_seconds "
     "e_generalized_time_does_not_include_seconds e_generalized_time_includes_fraction_seconds "
     "e_generalized_time_not_in_zulu"},
    {CERTFIT_RULE_CA_KEY_USAGE,
     "e_ca_key_usage_missing e_ca_key_cert_sign_not_set e_ca_key_usage_not_critical "
     "e_root_ca_key_usage_present e_root_ca_key_usage_must_be_critical"},
    {CERTFIT_RULE_BASIC_CONSTRAINTS_CRITICAL,
     "e_basic_constraints_not_critical e_sub_cert_basic_constraints_not_critical"},
    {CERTFIT_RULE_SUBJECT_KEY_IDENTIFIER,
     "e_ext_subject_key_identifier_missing_ca e_ext_subject_key_identifier_critical"},
    {CERTFIT_RULE_AUTHORITY_KEY_IDENTIFIER,
     "e_ext_authority_key_identifier_no_key_identifier e_ext_authority_key_identifier_critical"},
    {CERTFIT_RULE_KEY_USAGE_ENCODING,
     "e_incorrect_ku_encoding e_superfluous_ku_encoding e_ext_key_usage_without_bits "
     "e_key_usage_incorrect_length"},
    {CERTFIT_RULE_KEY_USAGE_KEY_TYPE, "e_ecdsa_allowed_ku e_rsa_allowed_ku_ca e_rsa_allowed_ku_ee "
                                      "e_rsa_allowed_ku_no_encipherment_ca"},
    {CERTFIT_RULE_KEY_USAGE_CERT_SIGN,
     "e_ext_key_usage_cert_sign_without_ca e_sub_cert_key_usage_cert_sign_bit_set "
     "e_sub_cert_key_usage_crl_sign_bit_set"},
    {CERTFIT_RULE_DUPLICATE_EXTENSION, "e_ext_duplicate_extension"},
    {CERTFIT_RULE_UNIQUE_IDENTIFIERS,
     "e_cert_contains_unique_identifier e_cert_unique_identifier_version_not_2_or_3"},
    {CERTFIT_RULE_CERTIFICATE_VERSION,
     "e_invalid_certificate_version e_cert_extensions_version_not_3"},
    {CERTFIT_RULE_RSA_EXPONENT,
     "w_rsa_public_exponent_not_in_range e_rsa_public_exponent_not_odd "
     "e_rsa_public_exponent_too_small e_rsa_exp_negative e_mp_exponent_cannot_be_one"},
    {CERTFIT_RULE_ALGORITHM_PARAMETERS,
     "e_spki_rsa_encryption_parameter_not_null e_tbs_signature_rsa_encryption_parameter_not_null"},
    {CERTFIT_RULE_SIGNATURE_ALGORITHM_MISMATCH, "e_cert_sig_alg_not_match_tbs_sig_alg"},
    {CERTFIT_RULE_SERVER_SAN_MISSING, "e_ext_san_missing"},
    {CERTFIT_RULE_EC_CURVE, "e_ec_improper_curves"},
};

const char *certfit_rule_zlint(certfit_rule rule)
{
    for (size_t i = 0; i < sizeof(k_zlint) / sizeof(k_zlint[0]); i++)
        if (k_zlint[i].rule == rule)
            return k_zlint[i].lints;
    return (unsigned)rule < CERTFIT_RULE_COUNT ? "" : NULL;
}

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
        return 1;
    size_t n = b.len - 1;
    unsigned unused = b.p[0];
    bool any = false;
    for (size_t i = 1; i < b.len; i++)
        any = any || b.p[i] != 0;
    if (!any)
        return 3; /* no bit set */
    uint8_t lastb = b.p[n];
    if (lastb == 0)
        return 2; /* trailing zero octets */
    unsigned tz = 0;
    while (!(lastb >> tz & 1))
        tz++;
    if (unused != tz)
        return 1; /* unused-bit count is not the trailing zero bits */
    if (n > 2 || (n == 2 && (b.p[2] & 0x7f) != 0))
        return 4; /* bits beyond decipherOnly */
    return 0;
}

/* The RSA exponent: 0 fine, else a detail code. */
static uint32_t rsa_exponent(certfit_view e, uint64_t *value)
{
    if (e.len == 0 || (e.p[0] & 0x80))
        return 1; /* not positive */
    size_t i = 0;
    while (i < e.len && e.p[i] == 0)
        i++;
    size_t n = e.len - i;
    uint64_t v = 0;
    for (size_t j = i; j < e.len && j < i + 8; j++)
        v = v << 8 | e.p[j];
    *value = n <= 8 ? v : UINT64_MAX;
    if (n == 0 || (n == 1 && e.p[i] == 1))
        return 1;
    if ((e.p[e.len - 1] & 1) == 0)
        return 2; /* even */
    if (n <= 8 && v < 65537)
        return 3; /* below 2^16+1 */
    if (n > 32)
        return 4; /* above 2^256-1 */
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
        report(ctx, CERTFIT_RULE_CA_KEY_USAGE, !has_ku ? 0u : !(ku & KU_KCS) ? 1u : 2u, ku);
    if ((d.seen & CERTFIT_EXT_BC) && !(d.critical & CERTFIT_EXT_BC))
        report(ctx, CERTFIT_RULE_BASIC_CONSTRAINTS_CRITICAL, ca ? 1u : 0u, 0);
    if ((ca && !(d.seen & CERTFIT_EXT_SKI)) || (d.critical & CERTFIT_EXT_SKI))
        report(ctx, CERTFIT_RULE_SUBJECT_KEY_IDENTIFIER, (d.critical & CERTFIT_EXT_SKI) ? 1u : 0u,
               0);
    if ((!d.aki_key_id && !(ca && self_signed)) || (d.critical & CERTFIT_EXT_AKI))
        report(ctx, CERTFIT_RULE_AUTHORITY_KEY_IDENTIFIER,
               (d.critical & CERTFIT_EXT_AKI) ? 2u
               : (d.seen & CERTFIT_EXT_AKI)   ? 1u
                                              : 0u,
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
               (d.issuer_uid ? 1u : 0u) | (d.subject_uid ? 2u : 0u), c->version);
    if (c->version != 3)
        report(ctx, CERTFIT_RULE_CERTIFICATE_VERSION, d.has_extensions ? 1u : 0u, c->version);
    if (c->key_type == CERTFIT_KEY_RSA) {
        uint64_t e = 0;
        uint32_t why = rsa_exponent(d.rsa_exponent, &e);
        if (why != 0)
            report(ctx, CERTFIT_RULE_RSA_EXPONENT, why, e);
    }
    {
        uint32_t why = 0;
        if (is_rsa_encryption(d.spki_alg) && !is_null(d.spki_params))
            why |= 1;
        if (is_rsa_pkcs1(c->sig_alg) && !is_null(d.tbs_sig_params))
            why |= 2;
        if (c->sig_alg >= CERTFIT_SIG_ECDSA_SHA1 && c->sig_alg <= CERTFIT_SIG_ECDSA_SHA512 &&
            (d.sig_params.len > 0 || d.tbs_sig_params.len > 0))
            why |= 4; /* RFC 5758 3.2: ECDSA parameters absent */
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
