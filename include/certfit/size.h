/**
 * \file size.h
 * \brief The size model (docs/design.md section 3): every figure in bytes.
 */
#ifndef CERTFIT_SIZE_H
#define CERTFIT_SIZE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief The widest security tag, the default for cmng_read_response. */
#define CERTFIT_SEC_TAG_MAX 2147483647u

/** \brief Every size figure of one item. */
typedef struct certfit_sizes {
    uint32_t certs;                     /**< number of certificates */
    uint64_t der_total;                 /**< sum of DER lengths */
    uint64_t pem_canonical;             /**< as canonical PEM with LF */
    uint64_t credential_bytes;          /**< the text written with %CMNG */
    uint64_t cmng_read_response;        /**< AT%CMNG=2 response + NUL */
    uint64_t tls12_certificate_message; /**< RFC 5246 7.4.2 */
    uint64_t tls13_certificate_message; /**< RFC 8446 4.4.2, empty extensions */
} certfit_sizes;

/** \brief Canonical PEM size of one DER certificate of der_len bytes. */
CERTFIT_API uint64_t certfit_size_pem(uint64_t der_len);

/** \brief Zero all figures. */
CERTFIT_API void certfit_sizes_init(certfit_sizes *s);

/** \brief Account for one more certificate of der_len bytes. */
CERTFIT_API void certfit_sizes_add(certfit_sizes *s, uint64_t der_len);

/**
 * \brief Compute the figures that depend on the whole item.
 * \param s                 sizes after every certfit_sizes_add()
 * \param credential_bytes  the credential text's length; pass
 *                          s->pem_canonical for DER input
 * \param sec_tag           the %CMNG security tag (CERTFIT_SEC_TAG_MAX: widest)
 * \param cred_type         the %CMNG credential type (0 = CA)
 */
CERTFIT_API void certfit_sizes_finish(certfit_sizes *s, uint64_t credential_bytes, uint32_t sec_tag,
                                      uint8_t cred_type);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_SIZE_H */
