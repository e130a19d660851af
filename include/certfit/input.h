/**
 * \file input.h
 * \brief Finding certificates in input bytes: format detection, PEM blocks,
 *        strict base64, concatenated DER, and C string literals.
 *
 * Nothing here allocates. Views point into the caller's buffer.
 */
#ifndef CERTFIT_INPUT_H
#define CERTFIT_INPUT_H

#include <stdbool.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief How an input's bytes are laid out. */
typedef enum certfit_format {
    CERTFIT_FORMAT_UNKNOWN = 0,
    CERTFIT_FORMAT_PEM,
    CERTFIT_FORMAT_DER,
    CERTFIT_FORMAT_C
} certfit_format;

/**
 * \brief Detect the format by content, not by name.
 *
 * DER: starts with a SEQUENCE tag (0x30) and a length byte. C: the first
 * "-----BEGIN" stands inside a string literal. PEM: a "-----BEGIN" line.
 */
CERTFIT_API certfit_format certfit_input_detect(const uint8_t *p, size_t len);

/** \brief "pem", "der", "c" or "unknown". */
CERTFIT_API const char *certfit_format_name(certfit_format f);

/** \brief What a PEM block holds, by its label. */
typedef enum certfit_pem_kind {
    CERTFIT_PEM_CERTIFICATE = 0, /**< CERTIFICATE, X509 CERTIFICATE */
    CERTFIT_PEM_PRIVATE_KEY,     /**< any label ending in PRIVATE KEY */
    CERTFIT_PEM_OTHER            /**< anything else */
} certfit_pem_kind;

/** \brief One BEGIN/END block of PEM text. */
typedef struct certfit_pem_block {
    certfit_pem_kind kind;
    certfit_view label;  /**< the label, e.g. "CERTIFICATE" */
    certfit_view body;   /**< base64 lines between BEGIN and END lines */
    size_t begin_offset; /**< offset of "-----BEGIN" */
    size_t end_offset;   /**< offset just past the END line's line ending */
    uint32_t line;       /**< 1-based line number of the BEGIN line (0 when built with
                              CERTFIT_CONFIG_LINES 0: lines are not counted) */
} certfit_pem_block;

/** \brief Iterator state over the blocks of one PEM text. */
typedef struct certfit_pem_iter {
    const uint8_t *text;
    size_t len;
    size_t pos;          /**< where the next search starts */
    uint32_t line;       /**< 1-based line number at pos (0 with CERTFIT_CONFIG_LINES 0) */
    size_t stray_bytes;  /**< non-blank bytes seen outside blocks so far */
    size_t stray_offset; /**< offset of the first of them */
    uint32_t stray_line; /**< its line (0 with CERTFIT_CONFIG_LINES 0) */
    size_t error_offset; /**< offset of the error, after a negative return */
} certfit_pem_iter;

/** \brief Start iterating over text[0..len). */
CERTFIT_API void certfit_pem_iter_init(certfit_pem_iter *it, const uint8_t *text, size_t len);

/**
 * \brief Find the next PEM block.
 * \return 1 with *blk filled, 0 when no block remains, or a negative
 *         CERTFIT_ERR_PEM_* with it->error_offset set.
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_pem_next(certfit_pem_iter *it, certfit_pem_block *blk);

/** \brief Upper bound of the decoded size of a base64 body of len bytes. */
CERTFIT_API size_t certfit_base64_max_decoded(size_t len);

/**
 * \brief Strict base64 decoding of a PEM body (whitespace between groups is
 *        skipped; any other non-alphabet byte, misplaced '=' or a partial
 *        final group is an error).
 * \param src      base64 text
 * \param len      its length
 * \param dst      output buffer
 * \param size     its capacity
 * \param out_len  decoded length on success
 * \param bad      on CERTFIT_ERR_BASE64, the offset in src of the bad byte
 * \return 0, CERTFIT_ERR_BASE64 or CERTFIT_ERR_BUFFER_TOO_SMALL
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_base64_decode(const uint8_t *src, size_t len,
                                                         uint8_t *dst, size_t size, size_t *out_len,
                                                         size_t *bad);

/**
 * \brief Length of the DER TLV at p: header plus content.
 * \param p       bytes
 * \param len     available
 * \param tlv_len total length of the element on success
 * \return 0, or CERTFIT_ERR_DER when the header is malformed or the element
 *         runs past len
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_der_element_len(const uint8_t *p, size_t len,
                                                           size_t *tlv_len);

/** \brief One named string literal in C source. */
typedef struct certfit_c_literal {
    certfit_view name;   /**< the identifier (#define NAME / NAME[] =) */
    certfit_view source; /**< from the first '"' to just past the last */
    uint32_t line;       /**< 1-based line of the first literal */
    size_t offset;       /**< offset of the first '"' */
    bool has_begin;      /**< the literal text contains "-----BEGIN" */
} certfit_c_literal;

/** \brief Iterator over named string literals of C source text. */
typedef struct certfit_c_iter {
    const uint8_t *text;
    size_t len;
    size_t pos;
    uint32_t line;
    size_t error_offset;
    uint32_t error_line;
} certfit_c_iter;

/** \brief Start iterating over C source text. */
CERTFIT_API void certfit_c_iter_init(certfit_c_iter *it, const uint8_t *text, size_t len);

/**
 * \brief Find the next named group of adjacent string literals: the value of
 *        `#define NAME "..." "..."` or of `NAME[] = "...";` / `*NAME = "...";`.
 *        Comments, character literals and line continuations are handled.
 * \return 1 with *lit filled, 0 at the end, CERTFIT_ERR_C_SYNTAX with
 *         it->error_offset and it->error_line on an unterminated literal or
 *         comment.
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_c_next(certfit_c_iter *it, certfit_c_literal *lit);

/**
 * \brief Decode the escapes of a literal group into its content
 *        (\\n \\r \\t \\" \\\\ \\' \\? \\a \\b \\f \\v \\xHH, octal, line splices).
 * \param lit     a literal from certfit_c_next()
 * \param out     output; the content is never longer than lit->source.len
 * \param size    its capacity
 * \param out_len content length (without a terminating NUL)
 * \param bad     on error, offset of the bad escape in the source text
 */
CERTFIT_API CERTFIT_MUST_CHECK int certfit_c_unescape(const certfit_c_literal *lit, uint8_t *out,
                                                      size_t size, size_t *out_len, size_t *bad);

/** \brief The %CMNG credential type a credential is written as (docs/design.md section 11). */
typedef enum certfit_cred_type {
    CERTFIT_CRED_CA = 0,     /**< a CA credential (root or chain the device trusts) */
    CERTFIT_CRED_CLIENT = 1, /**< the device's own (client) certificate */
    CERTFIT_CRED_KEY = 2     /**< the device's private key: measured, never decoded */
} certfit_cred_type;

/**
 * \brief The credential type of a C literal, by content and by name: a
 *        literal that holds a PRIVATE KEY block and no certificate is a key;
 *        otherwise a name with the word CLIENT, DEVICE or THING (words split
 *        at '_', any case: CLIENT_CERTIFICATE, device_cert) is a client
 *        certificate; anything else a CA credential.
 * \param lit      the literal (its name is read)
 * \param content  its decoded content (certfit_c_unescape())
 * \param len      the content's length
 */
CERTFIT_API certfit_cred_type certfit_c_literal_type(const certfit_c_literal *lit,
                                                     const uint8_t *content, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_INPUT_H */
