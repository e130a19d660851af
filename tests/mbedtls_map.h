/* Mapping Mbed TLS's identifiers to certfit's, for the tests that compare
 * the scanner with mbedtls_x509_crt_parse_der (test_differential and
 * tests/hostile/test_agreement). */
#ifndef CERTFIT_TESTS_MBEDTLS_MAP_H
#define CERTFIT_TESTS_MBEDTLS_MAP_H

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>

#include "certfit/cert.h"

static inline certfit_curve curve_of(mbedtls_ecp_group_id id)
{
    switch (id) {
    case MBEDTLS_ECP_DP_SECP256R1:
        return CERTFIT_CURVE_SECP256R1;
    case MBEDTLS_ECP_DP_SECP384R1:
        return CERTFIT_CURVE_SECP384R1;
    case MBEDTLS_ECP_DP_SECP521R1:
        return CERTFIT_CURVE_SECP521R1;
    case MBEDTLS_ECP_DP_BP256R1:
        return CERTFIT_CURVE_BRAINPOOLP256R1;
    case MBEDTLS_ECP_DP_BP384R1:
        return CERTFIT_CURVE_BRAINPOOLP384R1;
    case MBEDTLS_ECP_DP_BP512R1:
        return CERTFIT_CURVE_BRAINPOOLP512R1;
    case MBEDTLS_ECP_DP_SECP224R1:
        return CERTFIT_CURVE_SECP224R1;
    case MBEDTLS_ECP_DP_SECP256K1:
        return CERTFIT_CURVE_SECP256K1;
    default:
        return CERTFIT_CURVE_OTHER;
    }
}

static inline certfit_hash hash_of(mbedtls_md_type_t md)
{
    switch (md) {
    case MBEDTLS_MD_MD5:
        return CERTFIT_HASH_MD5;
    case MBEDTLS_MD_SHA1:
        return CERTFIT_HASH_SHA1;
    case MBEDTLS_MD_SHA224:
        return CERTFIT_HASH_SHA224;
    case MBEDTLS_MD_SHA256:
        return CERTFIT_HASH_SHA256;
    case MBEDTLS_MD_SHA384:
        return CERTFIT_HASH_SHA384;
    case MBEDTLS_MD_SHA512:
        return CERTFIT_HASH_SHA512;
    default:
        return CERTFIT_HASH_NONE;
    }
}

/* The signature algorithm family as Mbed TLS names it (sig_pk). */
static inline mbedtls_pk_type_t sig_pk_of(certfit_sig_alg a)
{
    switch (a) {
    case CERTFIT_SIG_RSA_MD5:
    case CERTFIT_SIG_RSA_SHA1:
    case CERTFIT_SIG_RSA_SHA224:
    case CERTFIT_SIG_RSA_SHA256:
    case CERTFIT_SIG_RSA_SHA384:
    case CERTFIT_SIG_RSA_SHA512:
        return MBEDTLS_PK_RSA;
    case CERTFIT_SIG_RSA_PSS:
        return MBEDTLS_PK_RSASSA_PSS;
    case CERTFIT_SIG_ECDSA_SHA1:
    case CERTFIT_SIG_ECDSA_SHA224:
    case CERTFIT_SIG_ECDSA_SHA256:
    case CERTFIT_SIG_ECDSA_SHA384:
    case CERTFIT_SIG_ECDSA_SHA512:
        return MBEDTLS_PK_ECDSA;
    default:
        return MBEDTLS_PK_NONE;
    }
}

#endif
