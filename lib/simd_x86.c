/*
 * The library's x86-64 fast paths (lib/simd.h says which and why). Built
 * only with CMake's CERTFIT_SIMD; SSE2 is part of x86-64.
 */
#include <emmintrin.h>
#include <stdbool.h>
#include <string.h>

#include "simd.h"

/* From p[i], skip whole 32-byte blocks without a '-' before to; add their
 * LF bytes to *lf. */
static size_t skip_blocks(const uint8_t *p, size_t i, size_t to, uint32_t *lf)
{
    const __m128i dash = _mm_set1_epi8('-'), nl = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    while (to - i >= 32) {
        /* per-byte LF counters (+2 at most a step) are summed before they
         * can wrap */
        const uint8_t *q = p + i, *qend = q + (to - i < 127 * 32 ? (to - i) / 32 * 32 : 127 * 32);
        __m128i acc = zero;
        for (; q < qend; q += 32) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
            __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(q + 16));
            if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, dash), _mm_cmpeq_epi8(y, dash))))
                break;
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, nl));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(y, nl));
        }
        __m128i sum = _mm_sad_epu8(acc, zero);
        *lf +=
            (uint32_t)_mm_cvtsi128_si32(sum) + (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
        i = (size_t)(q - p);
        if (q < qend)
            break;
    }
    return i;
}

static bool is_dashes(const uint8_t *p, size_t avail)
{
    return avail >= 5 && memcmp(p, "-----", 5) == 0;
}

/* Blocks without a '-' are skipped whole and their LF bytes counted; in
 * the block with a '-' the bit masks of dashes and LFs locate the marker;
 * the last bytes go one by one. */
size_t certfit_simd_find_dashes_lf(const uint8_t *p, size_t len, size_t from, uint32_t *lf)
{
    const __m128i dash = _mm_set1_epi8('-'), nl = _mm_set1_epi8('\n');
    size_t i = from;
    uint32_t n = 0;
    while (i < len) {
        i = skip_blocks(p, i, len, &n);
        if (len - i >= 32) {
            /* the block with a '-': its dashes and LFs as bit masks */
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16));
            uint32_t dm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, dash)) |
                          (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(y, dash)) << 16;
            uint32_t lm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, nl)) |
                          (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(y, nl)) << 16;
            for (; dm != 0; dm &= dm - 1) {
                unsigned k = (unsigned)__builtin_ctz(dm);
                if (is_dashes(p + i + k, len - i - k)) {
                    lm &= (UINT32_C(1) << k) - 1; /* the LFs before it */
                    for (; lm != 0; lm &= lm - 1)
                        n++;
                    *lf += n;
                    return i + k;
                }
            }
            for (; lm != 0; lm &= lm - 1)
                n++;
            i += 32;
            continue;
        }
        /* the tail, byte by byte */
        for (; i < len; i++) {
            if (p[i] == '\n') {
                n++;
            } else if (p[i] == '-' && is_dashes(p + i, len - i)) {
                *lf += n;
                return i;
            }
        }
    }
    *lf += n;
    return len;
}

size_t certfit_simd_find_byte(const uint8_t *p, size_t len, uint8_t c)
{
    const uint8_t *q = len > 0 ? memchr(p, c, len) : NULL; /* p may be NULL when len is 0 */
    return q != NULL ? (size_t)(q - p) : len;
}
