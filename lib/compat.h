/*
 * The one place where Mbed TLS 2.28 (Debian 12) and 3.6 (nRF Connect SDK)
 * differ for certfit: every MBEDTLS_VERSION_NUMBER test lives here. Other
 * files include this header first and use the names below, never the
 * version number.
 *
 * Opt-in parts, for files that use those modules (define before including):
 *   CERTFIT_COMPAT_SSL        the TLS client (cli/cmd_probe.c)
 *   CERTFIT_COMPAT_X509WRITE  certificate writing (cli/cmd_mint.c)
 */
#ifndef CERTFIT_COMPAT_H
#define CERTFIT_COMPAT_H

#include <mbedtls/version.h>

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <mbedtls/build_info.h>
#else
#if !defined(MBEDTLS_CONFIG_FILE)
#include <mbedtls/config.h>
#else
#include MBEDTLS_CONFIG_FILE
#endif
#endif

#include <mbedtls/asn1.h>

#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
#include <psa/crypto.h>
#define CERTFIT_COMPAT_PSA 1
#else
#define CERTFIT_COMPAT_PSA 0
#endif

/* 3.x parses "CN=..." strings per RFC 4514 (backslash before any special,
 * '#' for hex DER); 2.28 knows only "\," and cannot express a backslash. */
#define CERTFIT_COMPAT_X509_NAME_RFC4514 (MBEDTLS_VERSION_NUMBER >= 0x03000000)

/* 2.28 writes ECDSA AlgorithmIdentifiers with NULL parameters (RFC 5758 3.2
 * forbids them); 3.x omits them. */
#define CERTFIT_COMPAT_ECDSA_ALGID_NULL (MBEDTLS_VERSION_NUMBER < 0x03000000)

/* 3.x with PSA crypto must initialise PSA before md, pk or TLS are used. */
static inline int certfit_compat_crypto_init(void)
{
#if CERTFIT_COMPAT_PSA
    return psa_crypto_init() == PSA_SUCCESS ? 0 : -1;
#else
    return 0;
#endif
}

#if defined(CERTFIT_COMPAT_SSL)
#include <mbedtls/ssl.h>
/* TLS 1.2 and nothing else: min = max = 1.2 (the 3.2+ setters, or the
 * major/minor pair they replaced). */
static inline void certfit_compat_tls12_only(mbedtls_ssl_config *conf)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03020000
    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
    mbedtls_ssl_conf_max_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
}
#endif

#if defined(CERTFIT_COMPAT_X509WRITE)
#include <mbedtls/bignum.h>
#include <mbedtls/x509_crt.h>
/* The serial as raw big-endian octets: set_serial_raw (3.4+) or an mpi. */
static inline int certfit_compat_set_serial(mbedtls_x509write_cert *crt, unsigned char *serial,
                                            size_t len)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03040000
    return mbedtls_x509write_crt_set_serial_raw(crt, serial, len);
#else
    mbedtls_mpi mpi;
    mbedtls_mpi_init(&mpi);
    int ret = mbedtls_mpi_read_binary(&mpi, serial, len);
    if (ret == 0)
        ret = mbedtls_x509write_crt_set_serial(crt, &mpi);
    mbedtls_mpi_free(&mpi);
    return ret;
#endif
}
#endif

#endif /* CERTFIT_COMPAT_H */
