/*
 * Rule mbedtls-parse: would a client built on Mbed TLS (its defaults,
 * ESP-IDF) parse the certificate? Asked of the Mbed TLS certfit is linked
 * with, on the host only: mbedtls_x509_crt allocates, and the device build
 * leaves this file out (docs/design.md section 12, docs/profiles.md). check.c
 * reaches it through certfit_check_opts.x509_parse, so that a static link
 * that does not name it needs no libmbedx509.
 */
#include "certfit/check.h"

#ifndef CERTFIT_WITH_MBEDTLS_PARSE
#define CERTFIT_WITH_MBEDTLS_PARSE 0
#endif
#if CERTFIT_WITH_MBEDTLS_PARSE
#include <mbedtls/x509_crt.h>
#endif

int certfit_mbedtls_parse(const uint8_t *der, size_t len)
{
#if !CERTFIT_WITH_MBEDTLS_PARSE /* a build without Mbed TLS */
    (void)der;
    (void)len;
    return CERTFIT_ERR_UNSUPPORTED;
#else
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int rc = mbedtls_x509_crt_parse_der(&crt, der, len);
    mbedtls_x509_crt_free(&crt);
    return rc;
#endif
}
