/**
 * \file container.h
 * \brief Files that are not certificates but are often mistaken for them
 *        (docs/design.md section 2): PKCS#12, PKCS#7, a CSR, a CRL, a Java
 *        keystore. Recognised by content, named, and never checked as a
 *        broken certificate.
 */
#ifndef CERTFIT_CONTAINER_H
#define CERTFIT_CONTAINER_H

#include <stdbool.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief What a file is when it is not certificates. */
typedef enum certfit_container {
    CERTFIT_CONTAINER_NONE = 0, /**< certificates (or not recognised) */
    CERTFIT_CONTAINER_PKCS12,   /**< PKCS#12 (.p12, .pfx), RFC 7292 */
    CERTFIT_CONTAINER_PKCS7,    /**< PKCS#7 / CMS SignedData (.p7b, .p7c), RFC 2315 */
    CERTFIT_CONTAINER_CSR,      /**< PKCS#10 certificate signing request, RFC 2986 */
    CERTFIT_CONTAINER_CRL,      /**< certificate revocation list, RFC 5280 section 5 */
    CERTFIT_CONTAINER_JKS,      /**< Java KeyStore or JCEKS */
    CERTFIT_CONTAINER_COUNT
} certfit_container;

/**
 * \brief Recognise a container by content: a DER structure, or PEM text
 *        whose only blocks are PKCS7, CERTIFICATE REQUEST or X509 CRL
 *        (a file with any certificate block is certificates), or the
 *        Java keystore magic.
 * \param p    the file's bytes
 * \param len  their number
 * \return the container, or CERTFIT_CONTAINER_NONE
 */
CERTFIT_API certfit_container certfit_container_detect(const uint8_t *p, size_t len);

/** \brief What it is, for a message: "a PKCS#12 file", …; NULL for NONE. */
CERTFIT_API const char *certfit_container_name(certfit_container c);

/**
 * \brief The command that yields PEM certificates from it (FILE stands for
 *        the file's name), or says that it holds none; NULL for NONE.
 */
CERTFIT_API const char *certfit_container_command(certfit_container c, bool der);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_CONTAINER_H */
