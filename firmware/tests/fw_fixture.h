/*
 * Reading fixtures in the firmware host tests (test code may allocate).
 * The directory is CERTFIT_FIXTURES_DIR, or argv[1] through fw_fixture_args().
 */
#ifndef CERTFIT_FW_FIXTURE_H
#define CERTFIT_FW_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CERTFIT_FIXTURES_DIR
#define CERTFIT_FIXTURES_DIR "fixtures"
#endif

static const char *fw_fixtures_dir = CERTFIT_FIXTURES_DIR;

static void fw_fixture_args(int argc, char **argv)
{
    if (argc > 1)
        fw_fixtures_dir = argv[1];
}

/* fixtures/<rel> with a NUL appended (not counted in *len); NULL if unreadable. */
static uint8_t *fw_fixture(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", fw_fixtures_dir, rel);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            uint8_t *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf == NULL)
        return NULL;
    buf[n] = 0;
    *len = n;
    return buf;
}

#endif
