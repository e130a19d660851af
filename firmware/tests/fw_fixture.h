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

#include "test_support.h" /* ts_read_file */

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
    return ts_read_file(path, len);
}

#endif
