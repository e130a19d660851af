/*
 * The library's ISA-specific fast paths, selected here and only here.
 * CMake's CERTFIT_SIMD option (ON by default on x86-64 hosts) compiles
 * lib/simd_x86.c and defines CERTFIT_SIMD=1 for the library; without it
 * (CERTFIT_SIMD=OFF, other hosts, every device build) the portable C in
 * input.c and check.c does the same work. SSE2 is part of x86-64, so that
 * choice is made at build time; the SSSE3 decoder asks the CPU. Each entry
 * is kept because the benchmark (docs/performance.md) measured what it
 * buys.
 * Internal to the library.
 */
#ifndef CERTFIT_SIMD_H
#define CERTFIT_SIMD_H

#include <stddef.h>
#include <stdint.h>

#if defined(CERTFIT_SIMD) && CERTFIT_SIMD
#define CERTFIT_HAVE_SIMD 1

/*
 * Offset of the first "-----" at or after from in p[0, len), or len; the
 * LF bytes before it (from from on) are added to *lf. SSE2, 32 bytes a
 * step. Without it the 10k-certificate bundle (`certfit check --format
 * json --no-signatures`) takes +77% instructions (callgrind) and 2.3x the
 * time, which misses the 20x target.
 */
size_t certfit_simd_find_dashes_lf(const uint8_t *p, size_t len, size_t from, uint32_t *lf);

/*
 * Offset of the first byte c in p[0, len), or len: the C library's
 * vectorised memchr. Without it the CR count of check.c costs +8%
 * instructions on the 10k-certificate bundle (callgrind).
 */
size_t certfit_simd_find_byte(const uint8_t *p, size_t len, uint8_t c);

/*
 * From *sp, blocks of 16 base64 characters decoded into *dp, 12 bytes each
 * (16 stored: dend - *dp >= 16 before each), and the LF or CR LF between
 * them skipped; stops before anything else or at the end, and does nothing
 * on a CPU without SSSE3 (libgcc reads CPUID once, at start-up). *sp
 * and *dp advance. Without it certfit_check() takes 15,161 instead of
 * 11,995 instructions per certificate over the trust store (+26%,
 * callgrind, bench/driver.c), the 10k-certificate bundle +3%.
 */
void certfit_simd_b64_run(const uint8_t **sp, const uint8_t *end, uint8_t **dp,
                          const uint8_t *dend);
#else
#define CERTFIT_HAVE_SIMD 0
#endif

#endif /* CERTFIT_SIMD_H */
