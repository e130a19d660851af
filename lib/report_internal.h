/*
 * report.c's formatter, for its unit test, and the text helpers it shares
 * with lib/message.c. Internal to the library.
 */
#ifndef CERTFIT_REPORT_INTERNAL_H
#define CERTFIT_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define CERTFIT_REPORT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CERTFIT_REPORT_PRINTF(f, a)
#endif

/*
 * snprintf() for the conversions the finding texts use (%s %d %lld %llu
 * %zu %%), with the same bytes, the same cut at size - 1 and the same
 * return value; the format attribute keeps the compiler's argument checks.
 * Any other conversion is not guessed at: from it on the format is copied
 * as it stands and no further argument is read, so that the mistake shows
 * in the text.
 */
int certfit_report_fmt(char *o, size_t size, const char *f, ...) CERTFIT_REPORT_PRINTF(3, 4);

/* Append n bytes of s at *at in o: the part that fits before the last
 * byte of size; *at counts them all, as snprintf() does (lib/message.c). */
void certfit_text_append(char *o, size_t size, size_t *at, const char *s, size_t n);
/* The decimal text of v, minus sign first when neg, ending at end: returns
 * its first character (at most 21 bytes before end). */
const char *certfit_text_decimal(char *end, unsigned long long v, bool neg);
/* Mbed TLS's text for its error code (mbedtls_strerror()), "" in a build
 * without it: in report.c, a host source, so that the core (message.c's
 * {mbedtls-error}) calls no Mbed TLS function itself. */
void certfit_mbedtls_error_text(int code, char *out, size_t size);

#endif /* CERTFIT_REPORT_INTERNAL_H */
