/* Shared helpers of the fuzz targets: a fixed clock, the error table check,
 * and an exact-size heap copy of the input so that ASan sees any over-read. */
#ifndef CERTFIT_FUZZ_COMMON_H
#define CERTFIT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certfit/certfit.h"

/* 2026-11-26T00:00:00Z: findings depend on the clock; keep runs reproducible. */
#define FUZZ_NOW INT64_C(1795651200)

/* Every return code must be 0 or one of the table's negative codes. */
static inline void fuzz_rc(int rc)
{
    if (rc > 1 || rc < CERTFIT_ERR_NOT_FOUND ||
        strcmp(certfit_strerror(rc), "unknown error") == 0) {
        fprintf(stderr, "unexpected return code %d\n", rc);
        abort();
    }
}

/* A heap copy of exactly len bytes (len 0: one byte allocated, none readable
 * by contract), so that an over-read is an ASan report. */
static inline uint8_t *fuzz_copy(const uint8_t *data, size_t len)
{
    uint8_t *p = malloc(len ? len : 1);
    if (p == NULL)
        abort();
    if (len)
        memcpy(p, data, len);
    return p;
}

#endif
