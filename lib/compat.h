/*
 * The one place where Mbed TLS 2.28 (Debian 12) and 3.6 (nRF Connect SDK)
 * differ for certfit. Everything else includes this instead of choosing.
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

#endif /* CERTFIT_COMPAT_H */
