/**
 * \file common.h
 * \brief Types shared by every certfit module: byte views, error codes,
 *        version, and the attribute macros.
 */
#ifndef CERTFIT_COMMON_H
#define CERTFIT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CERTFIT_VERSION_MAJOR 0
#define CERTFIT_VERSION_MINOR 1
#define CERTFIT_VERSION_PATCH 0
#define CERTFIT_VERSION_STRING "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define CERTFIT_MUST_CHECK __attribute__((warn_unused_result))
#else
#define CERTFIT_MUST_CHECK
#endif

/** \brief A read-only view of bytes owned by someone else. */
typedef struct certfit_view {
    const uint8_t *p; /**< first byte, or NULL when len is 0 */
    size_t len;       /**< number of bytes */
} certfit_view;

/**
 * One table of error codes: X(NAME, value, message). Negative values;
 * 0 is success. certfit_strerror() and the docs are generated from it.
 * Codes say what went wrong in certfit's terms, never which backend: a
 * failure inside Mbed TLS is CERTFIT_ERR_CRYPTO, and Mbed TLS's own code is
 * kept beside it (certfit_result.crypto_error). A value once used keeps its
 * meaning: -14 and -18 are retired, not reused (docs/abi.md).
 */
#define CERTFIT_ERRORS(X)                                                                          \
    X(CERTFIT_OK, 0, "success")                                                                    \
    X(CERTFIT_ERR_INVALID_ARG, -1, "invalid argument")                                             \
    X(CERTFIT_ERR_BUFFER_TOO_SMALL, -2, "output buffer too small")                                 \
    X(CERTFIT_ERR_WORK_TOO_SMALL, -3, "work buffer too small for this certificate")                \
    X(CERTFIT_ERR_NO_CERTIFICATE, -4, "no certificate found")                                      \
    X(CERTFIT_ERR_UNKNOWN_FORMAT, -5, "not PEM, DER or C source with a certificate")               \
    X(CERTFIT_ERR_PEM_NO_END, -6, "PEM block has no END line")                                     \
    X(CERTFIT_ERR_PEM_NESTED, -7, "BEGIN line inside a PEM block")                                 \
    X(CERTFIT_ERR_PEM_LABEL, -8, "END label does not match BEGIN label")                           \
    X(CERTFIT_ERR_BASE64, -9, "invalid base64 in PEM block")                                       \
    X(CERTFIT_ERR_DER, -10, "malformed DER")                                                       \
    X(CERTFIT_ERR_C_SYNTAX, -11, "malformed C string literal")                                     \
    X(CERTFIT_ERR_POLICY, -12, "invalid policy file")                                              \
    X(CERTFIT_ERR_UNKNOWN_PROFILE, -13, "unknown profile")                                         \
    X(CERTFIT_ERR_CRYPTO, -15, "crypto backend error")                                             \
    X(CERTFIT_ERR_UNSUPPORTED, -16, "algorithm not supported for signature verification")          \
    X(CERTFIT_ERR_TIME, -17, "invalid time")                                                       \
    X(CERTFIT_ERR_NOT_FOUND, -19, "not found")                                                     \
    X(CERTFIT_ERR_NO_MEMORY, -20, "out of memory")

#define CERTFIT_X_ENUM(name, value, msg) name = value,
/** \brief Error codes returned by certfit functions (0 is success). */
typedef enum certfit_error { CERTFIT_ERRORS(CERTFIT_X_ENUM) } certfit_error;
#undef CERTFIT_X_ENUM

/**
 * \brief A static, human-readable message for an error code.
 * \param err a value returned by a certfit function
 * \return never NULL; "unknown error" for values outside the table
 */
CERTFIT_API const char *certfit_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_COMMON_H */
