/* Signature verification (CERTFIT_WITH_SIGNATURES): Mbed TLS pk + md over
 * the TBS span, without mbedtls_x509_crt. */
#ifndef CERTFIT_VERIFY_INTERNAL_H
#define CERTFIT_VERIFY_INTERNAL_H

#include "certfit/cert.h"

/**
 * \brief Verify c's signature with the key in issuer_spki.
 * \param backend_err  NULL, or set to Mbed TLS's own code when the result is
 *                     CERTFIT_ERR_CRYPTO (-1: the key type cannot have made
 *                     the signature), else left alone
 * \return 0 when it verifies, CERTFIT_ERR_CRYPTO when it does not (or the
 *         key cannot be parsed), CERTFIT_ERR_UNSUPPORTED for algorithms
 *         Mbed TLS cannot check (EdDSA, DSA, unknown)
 */
int certfit_verify_signature(const certfit_cert *c, certfit_view issuer_spki, int *backend_err);

#endif
