/*
 * Proves the Cortex-M33 test image end to end: semihosted printf, the exit
 * status reaching the host, the no-heap rule and the stack measurement.
 * Build-time switch CERTFIT_M33_DEMO_MODE picks what it does:
 *   0  pass (exit 0)       1  a failed check (exit 1)
 *   2  calls malloc (the harness turns the exit into 120)
 *   3  reads unmapped memory (a fault: exit 121)
 *   4  recurses past the stack (MSPLIM stack-limit fault: exit 121)
 */
#include "m33_harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CERTFIT_M33_DEMO_MODE
#define CERTFIT_M33_DEMO_MODE 0
#endif

/* Stand-in for a library check: sum of a DER length's bytes. */
static unsigned demo_sum(const uint8_t *p, size_t len)
{
    unsigned s = 0;
    for (size_t i = 0; i < len; i++) {
        s += p[i];
    }
    return s;
}

#if CERTFIT_M33_DEMO_MODE == 4
/* Uses its frame after the call, so it cannot become a loop. */
static __attribute__((noinline)) unsigned demo_recurse(volatile uint8_t *prev)
{
    volatile uint8_t frame[256];
    frame[0] = (uint8_t)(prev[0] + 1u);
    (void)demo_recurse(frame);
    return frame[0];
}
#endif

int main(void)
{
    static const uint8_t der[] = {0x30, 0x82, 0x01, 0x0a};
    char line[32];
    size_t depth = certfit_m33_stack_depth();
    unsigned sum = demo_sum(der, sizeof der);
    size_t used;
    int failed = 0;

    /* How the stack of one call is measured (here newlib's snprintf). */
    certfit_m33_stack_paint();
    (void)snprintf(line, sizeof line, "sum %u", sum);
    used = certfit_m33_stack_high_water() - depth;

    printf("selftest_demo: mode %d, %s, snprintf used %u stack bytes\n",
           CERTFIT_M33_DEMO_MODE, line, (unsigned)used);
    if (sum != 0xbdu) {
        printf("FAIL: sum is %u, expected 189\n", sum);
        failed = 1;
    }
#if CERTFIT_M33_DEMO_MODE == 1
    printf("FAIL: forced failure (mode 1)\n");
    failed = 1;
#elif CERTFIT_M33_DEMO_MODE == 2
    {
        void *p = malloc(16);
        printf("malloc(16) returned %s\n", p == NULL ? "NULL" : "memory");
        free(p);
    }
#elif CERTFIT_M33_DEMO_MODE == 3
    {
        volatile uint32_t *bad = (volatile uint32_t *)0xF0000000u;
        printf("reading 0x%08lx\n", (unsigned long)(uintptr_t)bad);
        failed = (int)*bad;
    }
#elif CERTFIT_M33_DEMO_MODE == 4
    {
        volatile uint8_t start[1] = {0};
        failed = (int)demo_recurse(start);
    }
#endif
    printf("stack so far: %u of %u bytes; heap attempts: %u\n",
           (unsigned)certfit_m33_stack_high_water(),
           (unsigned)certfit_m33_stack_size(), certfit_m33_heap_attempts());
    printf("%s\n", failed ? "1 failed" : "ok");
    return failed;
}
