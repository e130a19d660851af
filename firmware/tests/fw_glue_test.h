/*
 * What every host test of the glue (test_modem*.c) shares: the
 * application's clock (it overrides the glue's weak time source), a fresh
 * fake modem and log per test, the checks after each test, fixture loading.
 * Include after <cmocka.h>.
 */
#ifndef CERTFIT_FW_GLUE_TEST_H
#define CERTFIT_FW_GLUE_TEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "fake_log.h"
#include "fake_modem.h"
#include "fw_fixture.h"

#define TAG    24
#define T_2026 1767225600 /* 2026-01-01T00:00:00Z */
#define T_2028 1830297600 /* 2028-01-01T00:00:00Z */

extern int fake_kernel_lock_depth;

static int64_t g_now;
static bool g_clock_set;

int certfit_modem_now(int64_t *now_s)
{
    if (!g_clock_set)
        return -ENODATA;
    *now_s = g_now;
    return 0;
}

/* An empty modem, no lines, the clock as given (set when now != 0). */
static void fw_reset(int64_t now)
{
    fake_modem_reset();
    fake_log_reset();
    g_clock_set = now != 0;
    g_now = now;
}

static int teardown(void **state)
{
    (void)state;
    /* every path releases the lock, and nothing read past the buffer */
    assert_int_equal(fake_kernel_lock_depth, 0);
    assert_false(g_modem.crashed);
    return 0;
}

static uint8_t *load(const char *rel, size_t *len)
{
    uint8_t *p = fw_fixture(rel, len);
    assert_non_null(p);
    return p;
}

#endif
