/**
 * \file m33_harness.h
 * \brief Test harness of the Cortex-M33 test image (QEMU mps2-an505).
 *
 * A test image is a plain C program: `main()` returns 0 on success, and
 * its printf output goes to the host through semihosting.  The harness
 * enforces the embedded hook's contract (docs/design.md §9):
 *
 * - no heap: `_sbrk` always fails, so `malloc` returns NULL; each attempt
 *   prints a line on the host's stderr, and the image then exits with
 *   #CERTFIT_M33_EXIT_HEAP_USED whatever `main` returned;
 * - a bounded stack: the stack is painted before `main` and its high-water
 *   mark is printed at exit; the Cortex-M33 stack-limit register (MSPLIM)
 *   turns an overflow into a fault;
 * - faults exit with #CERTFIT_M33_EXIT_FAULT instead of hanging QEMU.
 */
#ifndef CERTFIT_M33_HARNESS_H
#define CERTFIT_M33_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/** Exit status when code called `malloc`/`_sbrk` (the heap is disabled). */
#define CERTFIT_M33_EXIT_HEAP_USED 120
/** Exit status after a HardFault, MemManage, BusFault or UsageFault. */
#define CERTFIT_M33_EXIT_FAULT 121
/** Exit status after an unexpected interrupt or exception. */
#define CERTFIT_M33_EXIT_UNEXPECTED_IRQ 122

/**
 * \brief Bytes of stack used so far (painted high-water mark).
 * \return the deepest extent of the main stack, measured from its top,
 *         since reset or the last certfit_m33_stack_paint().
 */
size_t certfit_m33_stack_high_water(void);

/** Pattern of unused stack words (see certfit_m33_stack_paint()). */
#define CERTFIT_M33_STACK_PAINT 0xC5C5C5C5u

/**
 * \brief Paint the unused part of the stack again, to measure one call.
 *
 * Always inlined, so that everything below the caller's own frame is
 * painted.  Measure a function's stack as: `d = certfit_m33_stack_depth();
 * certfit_m33_stack_paint(); f(); used = certfit_m33_stack_high_water() -
 * d;` in one function.
 */
static inline __attribute__((always_inline)) void certfit_m33_stack_paint(void)
{
    extern uint32_t __stack_limit[];
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (volatile uint32_t *p = __stack_limit; (uintptr_t)p < sp; p++) {
        *p = CERTFIT_M33_STACK_PAINT;
    }
}

/**
 * \brief Bytes of stack in use at the call.
 * \return the distance from the top of the stack to the current SP.
 */
size_t certfit_m33_stack_depth(void);

/**
 * \brief Capacity of the main stack, in bytes.
 * \return the size of the stack region the linker script reserved.
 */
size_t certfit_m33_stack_size(void);

/**
 * \brief Number of heap allocation attempts (calls to `_sbrk`).
 * \return 0 when nothing has tried to allocate.
 */
unsigned certfit_m33_heap_attempts(void);

#endif /* CERTFIT_M33_HARNESS_H */
