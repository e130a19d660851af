/*
 * Signature verification with Mbed TLS pk + md over the TBS span. The
 * certificate is never handed to mbedtls_x509_crt: certfit has already
 * scanned it strictly, and the x509 module would pull in its own parser.
 */
#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "compat.h"
#include "verify_internal.h"

static mbedtls_md_type_t md_of(certfit_hash h)
{
    switch (h) {
    case CERTFIT_HASH_MD5:
        return MBEDTLS_MD_MD5;
    case CERTFIT_HASH_SHA1:
        return MBEDTLS_MD_SHA1;
    case CERTFIT_HASH_SHA224:
        return MBEDTLS_MD_SHA224;
    case CERTFIT_HASH_SHA256:
        return MBEDTLS_MD_SHA256;
    case CERTFIT_HASH_SHA384:
        return MBEDTLS_MD_SHA384;
    case CERTFIT_HASH_SHA512:
        return MBEDTLS_MD_SHA512;
    default:
        return MBEDTLS_MD_NONE;
    }
}

/* Mbed TLS could not check this key or scheme at all (an unknown key
 * algorithm, a curve it lacks, a feature compiled out): that is "not
 * verified", not "does not verify". A code may add a low-level part
 * (bits 0..6) to a high-level one: compare the high-level part too. */
static bool unsupported(int rc)
{
    int hi = -((-rc) & 0xFF80);
    return hi == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG || hi == MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE ||
           hi == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE || hi == MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE;
}

/* A failure in Mbed TLS, as certfit reports it: CERTFIT_ERR_CRYPTO, with the
 * backend's own code kept for whoever asked for it. */
static int crypto_error(int rc, int *backend_err)
{
    if (backend_err != NULL)
        *backend_err = rc;
    return CERTFIT_ERR_CRYPTO;
}

int certfit_verify_signature(const certfit_cert *c, certfit_view issuer_spki, int *backend_err)
{
    bool rsa, pss = false;
    switch (c->sig_alg) {
    case CERTFIT_SIG_RSA_MD5:
    case CERTFIT_SIG_RSA_SHA1:
    case CERTFIT_SIG_RSA_SHA224:
    case CERTFIT_SIG_RSA_SHA256:
    case CERTFIT_SIG_RSA_SHA384:
    case CERTFIT_SIG_RSA_SHA512:
        rsa = true;
        break;
    case CERTFIT_SIG_RSA_PSS:
        rsa = pss = true;
        break;
    case CERTFIT_SIG_ECDSA_SHA1:
    case CERTFIT_SIG_ECDSA_SHA224:
    case CERTFIT_SIG_ECDSA_SHA256:
    case CERTFIT_SIG_ECDSA_SHA384:
    case CERTFIT_SIG_ECDSA_SHA512:
        rsa = false;
        break;
    default:
        return CERTFIT_ERR_UNSUPPORTED;
    }
    mbedtls_md_type_t md = md_of(c->sig_hash);
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
    if (info == NULL)
        return CERTFIT_ERR_UNSUPPORTED;
    unsigned char hash[MBEDTLS_MD_MAX_SIZE];
    int rc = mbedtls_md(info, c->tbs.p, c->tbs.len, hash);
    if (rc != 0)
        return crypto_error(rc, backend_err);
    size_t hlen = mbedtls_md_get_size(info);

    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    rc = mbedtls_pk_parse_public_key(&pk, issuer_spki.p, issuer_spki.len);
    if (rc != 0 && unsupported(rc)) {
        mbedtls_pk_free(&pk);
        return CERTFIT_ERR_UNSUPPORTED;
    }
    if (rc == 0) {
        if (rsa != (mbedtls_pk_get_type(&pk) == MBEDTLS_PK_RSA)) {
            rc = -1; /* the issuer's key cannot have made this signature */
        } else if (pss) {
            mbedtls_pk_rsassa_pss_options opt;
            opt.mgf1_hash_id = md;
            opt.expected_salt_len = MBEDTLS_RSA_SALT_LEN_ANY;
            rc = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &opt, &pk, md, hash, hlen,
                                       c->sig_value.p, c->sig_value.len);
        } else {
            rc = mbedtls_pk_verify(&pk, md, hash, hlen, c->sig_value.p, c->sig_value.len);
        }
    }
    mbedtls_pk_free(&pk);
    if (rc != 0 && unsupported(rc))
        return CERTFIT_ERR_UNSUPPORTED;
    return rc == 0 ? 0 : crypto_error(rc, backend_err);
}
