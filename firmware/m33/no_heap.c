/*
 * The embedded hook must not allocate (docs/design.md §9), so the test image has
 * no heap: every `_sbrk` fails, `malloc` returns NULL, and the attempt is
 * reported at once and again at exit, where it turns the exit status into
 * CERTFIT_M33_EXIT_HEAP_USED (see startup.c).  This replaces librdimon's
 * weak `_sbrk`.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

void *_sbrk(ptrdiff_t increment);

extern unsigned certfit_m33_sbrk_calls;

void *_sbrk(ptrdiff_t increment)
{
    static const char msg[] =
        "certfit-m33: FAIL: heap allocation attempted (malloc/_sbrk)\n";
    register uint32_t r0 __asm__("r0") = 0x04u; /* SYS_WRITE0 */
    register const char *r1 __asm__("r1") = msg;

    (void)increment;
    certfit_m33_sbrk_calls++;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    errno = ENOMEM;
    return (void *)-1;
}
