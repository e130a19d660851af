/*
 * Bare-metal start-up of the Cortex-M33 test image (QEMU mps2-an505):
 * vector table, reset handler, fault handlers and the harness checks
 * described in m33_harness.h.  Semihosting (Arm's "Semihosting for AArch32
 * and AArch64", v2.0) carries output and the exit status to the host.
 */
#include "m33_harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Symbols from m33.ld. */
extern uint32_t __data_load__[];
extern uint32_t __data_start__[];
extern uint32_t __data_end__[];
extern uint32_t __bss_start__[];
extern uint32_t __bss_end__[];
extern uint32_t __stack_limit[];
extern uint32_t __stack_top[];

extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(void);

void Reset_Handler(void);
void certfit_m33_fault_entry(void);
void certfit_m33_unexpected(void);
void certfit_m33_fault(uint32_t ipsr, uint32_t pc, uint32_t lr);
void _exit(int status);


/* Semihosting operations (Arm semihosting v2.0, §5). */
#define SEMIHOST_SYS_WRITE0 0x04u
#define SEMIHOST_SYS_EXIT_EXTENDED 0x20u
#define SEMIHOST_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* UsageFault status: stack-limit violation (ARMv8-M ARM, D1.2.9). */
#define CFSR_STKOF (1u << 20)

unsigned certfit_m33_sbrk_calls;

static uint32_t semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

/* Output that needs neither stdio nor the heap, safe in a fault. */
static void semihost_puts(const char *s)
{
    (void)semihost_call(SEMIHOST_SYS_WRITE0, s);
}

static void semihost_hex(uint32_t v)
{
    char buf[11];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 8; i++) {
        uint32_t nibble = (v >> (28 - 4 * i)) & 0xFu;
        buf[2 + i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
    buf[10] = '\0';
    semihost_puts(buf);
}

static void semihost_dec(uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && i > 0);
    semihost_puts(&buf[i]);
}

static __attribute__((noreturn)) void semihost_exit(int status)
{
    uint32_t block[2] = {SEMIHOST_ADP_STOPPED_APPLICATION_EXIT,
                         (uint32_t)status};
    for (;;) {
        (void)semihost_call(SEMIHOST_SYS_EXIT_EXTENDED, block);
    }
}

size_t certfit_m33_stack_size(void)
{
    return (size_t)((uintptr_t)__stack_top - (uintptr_t)__stack_limit);
}

static uintptr_t current_sp(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

size_t certfit_m33_stack_depth(void)
{
    return (size_t)((uintptr_t)__stack_top - current_sp());
}

size_t certfit_m33_stack_high_water(void)
{
    const volatile uint32_t *p = __stack_limit;
    while (p < __stack_top && *p == CERTFIT_M33_STACK_PAINT) {
        p++;
    }
    return (size_t)((uintptr_t)__stack_top - (uintptr_t)p);
}

unsigned certfit_m33_heap_attempts(void)
{
    return certfit_m33_sbrk_calls;
}

/*
 * newlib's exit() ends here after atexit handlers and stdio flushing.
 * Defining it keeps librdimon's _exit out of the link.
 */
void _exit(int status)
{
    semihost_puts("certfit-m33: stack high-water ");
    semihost_dec((uint32_t)certfit_m33_stack_high_water());
    semihost_puts(" of ");
    semihost_dec((uint32_t)certfit_m33_stack_size());
    semihost_puts(" bytes\n");
    if (certfit_m33_sbrk_calls != 0) {
        semihost_puts("certfit-m33: FAIL: ");
        semihost_dec(certfit_m33_sbrk_calls);
        semihost_puts(" heap allocation attempt(s); the heap is disabled\n");
        status = CERTFIT_M33_EXIT_HEAP_USED;
    }
    semihost_exit(status);
}

void certfit_m33_fault(uint32_t ipsr, uint32_t pc, uint32_t lr)
{
    volatile const uint32_t *scb_cfsr = (volatile const uint32_t *)0xE000ED28u;
    volatile const uint32_t *scb_hfsr = (volatile const uint32_t *)0xE000ED2Cu;
    uint32_t exception = ipsr & 0x1FFu;

    semihost_puts("certfit-m33: FAIL: exception ");
    semihost_dec(exception);
    if (exception >= 3 && exception <= 7) {
        semihost_puts(" pc=");
        semihost_hex(pc);
        semihost_puts(" lr=");
        semihost_hex(lr);
        semihost_puts(" cfsr=");
        semihost_hex(*scb_cfsr);
        semihost_puts(" hfsr=");
        semihost_hex(*scb_hfsr);
        if ((*scb_cfsr & CFSR_STKOF) != 0) {
            semihost_puts(" (stack overflow: MSPLIM reached)");
        }
    }
    semihost_puts("\n");
    semihost_exit(exception >= 3 && exception <= 7
                      ? CERTFIT_M33_EXIT_FAULT
                      : CERTFIT_M33_EXIT_UNEXPECTED_IRQ);
}

/*
 * Every exception lands here: read the stacked PC and LR (words 6 and 5 of
 * the exception frame, ARMv8-M ARM B3.19), then restart on a fresh stack,
 * as the fault may be a stack overflow, and report.
 */
__attribute__((naked)) void certfit_m33_fault_entry(void)
{
    __asm__ volatile("tst lr, #4\n\t"
                     "ite eq\n\t"
                     "mrseq r3, msp\n\t"
                     "mrsne r3, psp\n\t"
                     "mrs r0, ipsr\n\t"
                     "ldr r1, [r3, #24]\n\t"
                     "ldr r2, [r3, #20]\n\t"
                     "ldr r3, =__stack_top\n\t"
                     "mov sp, r3\n\t"
                     "b certfit_m33_fault\n\t"
                     ".ltorg");
}

void Reset_Handler(void)
{
    uint32_t *dst;
    const uint32_t *src;

    /* Stack overflow traps instead of overwriting .bss (ARMv8-M MSPLIM). */
    __asm__ volatile("msr msplim, %0" : : "r"(__stack_limit));

    src = __data_load__;
    for (dst = __data_start__; dst < __data_end__;) {
        *dst++ = *src++;
    }
    for (dst = __bss_start__; dst < __bss_end__;) {
        *dst++ = 0;
    }

    /* Inline: paints everything below this function's own frame. */
    certfit_m33_stack_paint();

    initialise_monitor_handles();
    /* Unbuffered stdio: a buffer would come from malloc. */
    setvbuf(stdout, NULL, _IONBF, 0);
    setvbuf(stderr, NULL, _IONBF, 0);
    __libc_init_array();

    exit(main());
}

/* -nostartfiles: crti/crtn are not linked; __libc_init_array calls these. */
void _init(void)
{
}

void _fini(void)
{
}

typedef void (*vector_fn)(void);

/* 16 system exceptions + the AN505's external interrupts (none enabled). */
#define VECTOR_COUNT (16 + 96)

__attribute__((section(".vectors"), used))
const vector_fn certfit_m33_vectors[VECTOR_COUNT] = {
    [0] = (vector_fn)(uintptr_t)__stack_top,
    [1] = Reset_Handler,
    [2 ... VECTOR_COUNT - 1] = certfit_m33_fault_entry,
};
