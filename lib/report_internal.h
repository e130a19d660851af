/*
 * report.c's formatter, for its unit test. Internal to the library.
 */
#ifndef CERTFIT_REPORT_INTERNAL_H
#define CERTFIT_REPORT_INTERNAL_H

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

#endif /* CERTFIT_REPORT_INTERNAL_H */
