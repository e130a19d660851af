/*
 * The CLI's ISA-specific fast paths, selected here and only here (the
 * library's are in lib/simd.h). CMake's CERTFIT_SIMD option (ON by default
 * on x86-64 hosts) compiles cli/simd_x86.c and defines CERTFIT_SIMD=1;
 * without it the portable code (Mbed TLS) does the same work.
 */
#ifndef CERTFIT_CLI_SIMD_H
#define CERTFIT_CLI_SIMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(CERTFIT_SIMD) && CERTFIT_SIMD
#define CERTFIT_HAVE_SIMD 1

/*
 * SHA-256 of p[0, len) into h with the x86 SHA extensions, for the JSON
 * "sha256" field; false (h untouched) when the CPU lacks SHA, SSSE3 or
 * SSE4.1, tested once. Mbed TLS's portable SHA-256 in its place takes the
 * 10k-certificate bundle (`certfit check --format json --no-signatures`)
 * from 41 to 89 ms (hyperfine medians), which misses the 20x target.
 */
bool cli_simd_sha256(const uint8_t *p, size_t len, uint8_t h[32]);
#else
#define CERTFIT_HAVE_SIMD 0
#endif

#endif /* CERTFIT_CLI_SIMD_H */
