/*
 * The smallest program around one hook call, for scripts/footprint.sh: with
 * --gc-sections, what the image keeps of the library and of Mbed TLS is
 * what the hook path needs. The credential is the sample's CA (the 2024-10
 * RootCA, 904 bytes of PEM). FOOTPRINT_MODE:
 *   1  certfit_guard_check, no signatures (the device default)
 *   2  certfit_guard_check with signature verification (Mbed TLS pk)
 *   3  mbedtls_x509_crt_parse of the same PEM, for comparison
 *   4  certfit_modem_provision: the hook and the Zephyr glue
 *      (firmware/src/certfit_modem.c), no signatures, with the host fakes of
 *      logging, the kernel and modem_key_mgmt (firmware/tests/fakes) and the
 *      glue's Kconfig defaults (scripts/footprint.sh passes
 *      CONFIG_CERTFIT_WORK_BUFFER_SIZE from firmware/Kconfig)
 * Modes 2 and 3 give Mbed TLS a static pool as its heap and print the peak;
 * every mode prints the stack its call used. Exit 0 when the call behaved.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "certificate.h"
#include "m33_harness.h"

#if FOOTPRINT_MODE == 1 || FOOTPRINT_MODE == 2
#include "certfit/guard.h"
#endif
#if FOOTPRINT_MODE == 2 || FOOTPRINT_MODE == 3
#include <mbedtls/platform.h>
#endif
#if FOOTPRINT_MODE == 3
#include <mbedtls/x509_crt.h>
#endif
#if FOOTPRINT_MODE == 4
#include "certfit_modem.h"
#include "fake_modem.h"
/* Kconfig's default work buffer is the glue's CERTFIT_MODEM_WORK_SIZE on
 * the device: every credential the modem can hold is checked. */
typedef char kconfig_default_is_modem_work_size
    [CONFIG_CERTFIT_WORK_BUFFER_SIZE == CERTFIT_MODEM_WORK_SIZE ? 1 : -1];
#endif

static const char k_cred[] = CA_CERTIFICATE;

#if FOOTPRINT_MODE == 2 || FOOTPRINT_MODE == 3
/* Mbed TLS's heap: a first-fit pool with its peak (the footprint's "heap"). */
#define POOL_SIZE (64 * 1024)
typedef struct blk {
    size_t size;
    bool used;
} blk;
static uint8_t g_pool[POOL_SIZE] __attribute__((aligned(8)));
static size_t g_used, g_peak;

static void *pool_calloc(size_t n, size_t size)
{
    if (n != 0 && size > POOL_SIZE / n)
        return NULL;
    size_t want = (n * size + 7u) & ~(size_t)7u;
    for (uint8_t *p = g_pool; p < g_pool + POOL_SIZE;) {
        blk *b = (blk *)(void *)p;
        if (!b->used) {
            uint8_t *q = p + sizeof(blk) + b->size;
            while (q < g_pool + POOL_SIZE && !((blk *)(void *)q)->used) {
                b->size += sizeof(blk) + ((blk *)(void *)q)->size;
                q = p + sizeof(blk) + b->size;
            }
            if (b->size >= want) {
                if (b->size >= want + sizeof(blk) + 8) {
                    blk *rest = (blk *)(void *)(p + sizeof(blk) + want);
                    rest->size = b->size - want - sizeof(blk);
                    rest->used = false;
                    b->size = want;
                }
                b->used = true;
                g_used += b->size + sizeof(blk);
                if (g_used > g_peak)
                    g_peak = g_used;
                memset(p + sizeof(blk), 0, b->size);
                return p + sizeof(blk);
            }
        }
        p += sizeof(blk) + b->size;
    }
    return NULL;
}

static void pool_free(void *ptr)
{
    if (ptr == NULL)
        return;
    blk *b = (blk *)(void *)((uint8_t *)ptr - sizeof(blk));
    b->used = false;
    g_used -= b->size + sizeof(blk);
}
#endif

#if FOOTPRINT_MODE == 1 || FOOTPRINT_MODE == 2
static uint8_t g_work[CERTFIT_GUARD_WORK_SIZE] __attribute__((aligned(8)));
static certfit_guard_verdict g_verdict;

static bool call(void)
{
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.sec_tag = 24;
    int rc = certfit_guard_check(k_cred, sizeof(k_cred), &o, g_work, sizeof(g_work), &g_verdict);
    return rc == 0 && g_verdict.pass && g_verdict.check.sizes.credential_bytes == 904;
}
#elif FOOTPRINT_MODE == 4
static bool call(void)
{
    fake_modem_reset();
    int err =
        certfit_modem_provision(24, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, k_cred, sizeof(k_cred));
    return err == 0 && g_modem.write_calls == 1 && g_modem.stored_len == 904;
}
#else
static bool call(void)
{
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    /* PEM input must count the NUL (Mbed TLS's rule) */
    int rc = mbedtls_x509_crt_parse(&crt, (const unsigned char *)k_cred, sizeof(k_cred));
    bool ok = rc == 0 && crt.raw.len == 626;
    mbedtls_x509_crt_free(&crt);
    return ok;
}
#endif

int main(void)
{
#if FOOTPRINT_MODE == 2 || FOOTPRINT_MODE == 3
    blk *b = (blk *)(void *)g_pool;
    b->size = POOL_SIZE - sizeof(blk);
    b->used = false;
    mbedtls_platform_set_calloc_free(pool_calloc, pool_free);
#endif
    size_t depth = certfit_m33_stack_depth();
    certfit_m33_stack_paint();
    bool ok = call();
    size_t used = certfit_m33_stack_high_water() - depth;
    printf("footprint: mode %d: %s\n", FOOTPRINT_MODE, ok ? "ok" : "FAILED");
    printf("footprint: stack %u\n", (unsigned)used);
#if FOOTPRINT_MODE == 2 || FOOTPRINT_MODE == 3
    printf("footprint: heap %u\n", (unsigned)g_peak);
#else
    printf("footprint: heap 0\n");
#endif
#if FOOTPRINT_MODE == 1 || FOOTPRINT_MODE == 2
    printf("footprint: work %u\n", (unsigned)sizeof(g_work));
#elif FOOTPRINT_MODE == 4
    printf("footprint: work %u\n", (unsigned)CONFIG_CERTFIT_WORK_BUFFER_SIZE);
#endif
    return ok ? 0 : 1;
}
