/*
 * 64-bit division by a 32-bit divisor without the C library's 64-bit
 * divide on 32-bit targets: a Cortex-M33 has a 32-bit divide instruction
 * only, and __aeabi_ldivmod / __udivmoddi4 cost about 0.8 KB of flash for
 * the few divisions of times and sizes. Values below 2^32 (every size, and
 * every day count of a certificate) take the divide instruction; larger
 * ones a shift-and-subtract loop (certfit_udiv64_slow, size.c). Exact for
 * every input; on 64-bit hosts this is plain C division.
 */
#ifndef CERTFIT_ARITH_H
#define CERTFIT_ARITH_H

#include <stdint.h>

#if UINTPTR_MAX > 0xffffffffu
static inline uint64_t certfit_udiv(uint64_t n, uint32_t d, uint32_t *rem)
{
    if (rem != 0)
        *rem = (uint32_t)(n % d);
    return n / d;
}
#else
/* n / d and n % d for n of 2^32 or more. */
uint64_t certfit_udiv64_slow(uint64_t n, uint32_t d, uint32_t *rem);

static inline uint64_t certfit_udiv(uint64_t n, uint32_t d, uint32_t *rem)
{
    if ((n >> 32) != 0)
        return certfit_udiv64_slow(n, d, rem);
    uint32_t q = (uint32_t)n / d;
    if (rem != 0)
        *rem = (uint32_t)n - q * d;
    return q;
}
#endif

/* Floor division: the quotient rounded towards minus infinity, and a
 * remainder in [0, d). */
static inline int64_t certfit_floordiv(int64_t n, uint32_t d, uint32_t *rem)
{
    if (n >= 0)
        return (int64_t)certfit_udiv((uint64_t)n, d, rem);
    uint32_t r;
    int64_t q = -(int64_t)certfit_udiv((uint64_t)(-(n + 1)), d, &r) - 1;
    if (rem != 0)
        *rem = d - 1 - r;
    return q;
}

#endif /* CERTFIT_ARITH_H */
