/*
 * The CLI's x86-64 fast paths (cli/cli_simd.h says which and why). Built
 * only with CMake's CERTFIT_SIMD.
 */
#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

#include "cli_simd.h"

static const uint32_t k_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

__attribute__((target("sha,ssse3,sse4.1"))) static void
sha256_ni_blocks(uint32_t st[8], const uint8_t *p, size_t blocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)(const void *)&st[0]);
    __m128i s1 = _mm_loadu_si128((const __m128i *)(const void *)&st[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xB1);       /* CDAB */
    s1 = _mm_shuffle_epi32(s1, 0x1B);         /* EFGH */
    __m128i s0 = _mm_alignr_epi8(tmp, s1, 8); /* ABEF */
    s1 = _mm_blend_epi16(s1, tmp, 0xF0);      /* CDGH */
    /* four rounds with message words w (and the constants from k) */
#define SHA_ROUNDS(w, k)                                                                           \
    do {                                                                                           \
        __m128i m_ = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)(const void *)(k)));        \
        s1 = _mm_sha256rnds2_epu32(s1, s0, m_);                                                    \
        s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m_, 0x0E));                           \
    } while (0)
    /* the next four message words into a, from a..d (the four before) */
#define SHA_SCHEDULE(a, b, c, d)                                                                   \
    a = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(a, b), _mm_alignr_epi8(d, c, 4)), d)
    for (; blocks > 0; blocks--, p += 64) {
        /* the schedule in four registers, not an array: an array indexed
         * by the round went through memory at every round */
        __m128i save0 = s0, save1 = s1;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), bswap);
        __m128i w1 =
            _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), bswap);
        __m128i w2 =
            _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 32)), bswap);
        __m128i w3 =
            _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 48)), bswap);
        SHA_ROUNDS(w0, k_sha256_k);
        SHA_ROUNDS(w1, k_sha256_k + 4);
        SHA_ROUNDS(w2, k_sha256_k + 8);
        SHA_ROUNDS(w3, k_sha256_k + 12);
        for (int g = 16; g < 64; g += 16) {
            SHA_SCHEDULE(w0, w1, w2, w3);
            SHA_ROUNDS(w0, k_sha256_k + g);
            SHA_SCHEDULE(w1, w2, w3, w0);
            SHA_ROUNDS(w1, k_sha256_k + g + 4);
            SHA_SCHEDULE(w2, w3, w0, w1);
            SHA_ROUNDS(w2, k_sha256_k + g + 8);
            SHA_SCHEDULE(w3, w0, w1, w2);
            SHA_ROUNDS(w3, k_sha256_k + g + 12);
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
#undef SHA_SCHEDULE
#undef SHA_ROUNDS
    tmp = _mm_shuffle_epi32(s0, 0x1B);   /* FEBA */
    s1 = _mm_shuffle_epi32(s1, 0xB1);    /* DCHG */
    s0 = _mm_blend_epi16(tmp, s1, 0xF0); /* DCBA */
    s1 = _mm_alignr_epi8(s1, tmp, 8);    /* HGFE */
    _mm_storeu_si128((__m128i *)(void *)&st[0], s0);
    _mm_storeu_si128((__m128i *)(void *)&st[4], s1);
}

static bool sha256_ni_usable(void)
{
    static int known = -1;
    if (known < 0) {
        unsigned a, b, c, d;
        known = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) && (c & bit_SSE4_1) &&
                __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
    }
    return known == 1;
}

bool cli_simd_sha256(const uint8_t *p, size_t len, uint8_t h[32])
{
    if (!sha256_ni_usable())
        return false;
    uint32_t st[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t full = len / 64;
    sha256_ni_blocks(st, p, full);
    /* the tail, 0x80, zeros and the bit length: one or two blocks */
    uint8_t last[128];
    size_t rest = len - full * 64, n = rest + 9 <= 64 ? 64 : 128;
    memset(last, 0, sizeof(last));
    if (rest > 0)
        memcpy(last, p + full * 64, rest);
    last[rest] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        last[n - 1 - (size_t)i] = (uint8_t)(bits >> (8 * i));
    sha256_ni_blocks(st, last, n / 64);
    for (int i = 0; i < 8; i++) {
        h[4 * i] = (uint8_t)(st[i] >> 24);
        h[4 * i + 1] = (uint8_t)(st[i] >> 16);
        h[4 * i + 2] = (uint8_t)(st[i] >> 8);
        h[4 * i + 3] = (uint8_t)st[i];
    }
    return true;
}
