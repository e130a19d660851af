/*
 * Host fake of the parts of <zephyr/kernel.h> the glue and the sample use: a
 * mutex whose lock depth the tests can check, a semaphore, the toolchain
 * macros.
 */
#ifndef ZEPHYR_INCLUDE_KERNEL_H_
#define ZEPHYR_INCLUDE_KERNEL_H_

#include <stdint.h>

#ifndef __weak
#define __weak __attribute__((weak))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((aligned(x)))
#endif
#define ARG_UNUSED(x) (void)(x)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    int64_t ticks;
} k_timeout_t;
#define K_FOREVER ((k_timeout_t){-1})

struct k_mutex {
    int depth;
};
#define K_MUTEX_DEFINE(name) struct k_mutex name = {0}

extern int fake_kernel_lock_depth;

static inline int k_mutex_lock(struct k_mutex *m, k_timeout_t timeout)
{
    (void)timeout;
    m->depth++;
    fake_kernel_lock_depth++;
    return 0;
}

static inline int k_mutex_unlock(struct k_mutex *m)
{
    m->depth--;
    fake_kernel_lock_depth--;
    return 0;
}

/* A semaphore that never blocks: a take without a give returns -EAGAIN. */
struct k_sem {
    unsigned count, limit;
};
#define K_SEM_DEFINE(name, initial, max) struct k_sem name = {(initial), (max)}

static inline void k_sem_give(struct k_sem *s)
{
    if (s->count < s->limit)
        s->count++;
}

static inline int k_sem_take(struct k_sem *s, k_timeout_t timeout)
{
    (void)timeout;
    if (s->count == 0)
        return -11; /* -EAGAIN */
    s->count--;
    return 0;
}

#endif
