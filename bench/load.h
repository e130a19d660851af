/* Reading a whole bundle into memory, for the bench programs. */
#ifndef CERTFIT_BENCH_LOAD_H
#define CERTFIT_BENCH_LOAD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The whole file, with a NUL after its len bytes; NULL when unreadable or
 * out of memory. */
static uint8_t *bench_load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    uint8_t *buf = malloc(cap + 1);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *b = realloc(buf, cap * 2 + 1);
        if (b == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = b;
        cap *= 2;
    }
    fclose(f);
    if (buf != NULL)
        buf[n] = '\0';
    *len = n;
    return buf;
}

#endif
