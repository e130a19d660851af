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

/* fixtures/<rel> with a NUL appended (not counted in *len); NULL if
 * unreadable. Self-contained: the glue tests built against the device's core
 * (certfit_core_device) link no host library. */
static uint8_t *fw_fixture(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", fw_fixtures_dir, rel);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    uint8_t *p = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)size + 1)) != NULL) {
        *len = fread(p, 1, (size_t)size, f);
        p[*len] = 0;
    }
    fclose(f);
    return p;
}

#endif
