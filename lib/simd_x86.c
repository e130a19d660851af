/*
 * The library's x86-64 fast paths (lib/simd.h says which and why). Built
 * only with CMake's CERTFIT_SIMD; SSE2 is part of x86-64.
 */
#include <emmintrin.h>
#include <stdbool.h>
#include <string.h>
#include <tmmintrin.h>

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

/*
 * Base64 with SSSE3, 16 characters at a time:
 * each byte is classified by its two nibbles (a table per nibble of bit
 * classes: '+' '/' share high nibble 2, digits 3, 'A'-'O' and 'a'-'o' 4 and
 * 6 with low nibbles 1..F, 'P'-'Z' and 'p'-'z' 5 and 7 with 0..A; a byte is
 * in the alphabet when the two entries share a bit), its value is the byte
 * plus an offset chosen by the high nibble ('/' by a compare), and the 16
 * six-bit values are packed into 12 bytes by two multiply-adds and a byte
 * shuffle. A block with any other byte is left to input.c's group loop.
 */
__attribute__((target("ssse3"))) static void b64_run_ssse3(const uint8_t **sp, const uint8_t *end,
                                                           uint8_t **dp, const uint8_t *dend)
{
    const __m128i lo_class = _mm_setr_epi8(0x0A, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E,
                                           0x0E, 0x0C, 0x05, 0x04, 0x04, 0x04, 0x05);
    const __m128i hi_class = _mm_setr_epi8(0, 0, 1, 2, 4, 8, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i offset = _mm_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i nibble = _mm_set1_epi8(0x0f), slash = _mm_set1_epi8('/');
    const __m128i zero = _mm_setzero_si128();
    const __m128i pairs = _mm_set1_epi32(0x01400140); /* v0 * 64 + v1 */
    const __m128i quads = _mm_set1_epi32(0x00011000); /* w0 * 4096 + w1 */
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const uint8_t *s = *sp;
    uint8_t *d = *dp;
    for (;;) {
        if (end - s >= 16 && dend - d >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
            __m128i lo = _mm_and_si128(x, nibble);
            __m128i hi = _mm_and_si128(_mm_srli_epi16(x, 4), nibble);
            __m128i cls =
                _mm_and_si128(_mm_shuffle_epi8(lo_class, lo), _mm_shuffle_epi8(hi_class, hi));
            if (_mm_movemask_epi8(_mm_cmpeq_epi8(cls, zero)) == 0) {
                /* '/' (-1 from the compare) takes the offset at index 1 */
                __m128i v = _mm_add_epi8(
                    x, _mm_shuffle_epi8(offset, _mm_add_epi8(hi, _mm_cmpeq_epi8(x, slash))));
                __m128i w = _mm_madd_epi16(_mm_maddubs_epi16(v, pairs), quads);
                _mm_storeu_si128((__m128i *)(void *)d, _mm_shuffle_epi8(w, order));
                s += 16;
                d += 12;
                continue;
            }
        }
        if (s < end && s[0] == '\n')
            s++;
        else if (end - s >= 2 && s[0] == '\r' && s[1] == '\n')
            s += 2;
        else
            break;
    }
    *sp = s;
    *dp = d;
}

void certfit_simd_b64_run(const uint8_t **sp, const uint8_t *end, uint8_t **dp, const uint8_t *dend)
{
    if (__builtin_cpu_supports("ssse3"))
        b64_run_ssse3(sp, end, dp, dend);
}
