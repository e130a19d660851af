/*
 * The hook's test vectors (guard_vectors.h, the same table as the host test)
 * on the nRF9160's core: a Cortex-M33 image for QEMU mps2-an505 with the
 * real and generated fixtures embedded (m33_fixtures.c, generated at build
 * time). The exit status is the result (firmware/m33/m33_harness.h: 0 pass,
 * 1 a check failed, 120 something allocated, 121 a fault or stack overflow).
 *
 * Built as the device builds the library (config.h: no finding text, no
 * hostname matching, the check's state in the work buffer), twice: without
 * signature verification (the device default: no heap, and the hook's stack
 * must stay within M33_GUARD_STACK_LIMIT, the 1 KiB target;
 * scripts/footprint.sh gives the worst case along the call graph) and
 * with it (CERTFIT_WITH_SIGNATURES=1: Mbed TLS pk/ECP/RSA need a heap,
 * given here as a static pool whose peak is reported).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "certfit/guard.h"
#include "guard_vectors.h"
#include "m33_harness.h"

#if CERTFIT_WITH_SIGNATURES
#include <mbedtls/platform.h>
#endif

#ifndef M33_GUARD_STACK_LIMIT
#define M33_GUARD_STACK_LIMIT 0 /* 0: report only */
#endif

const uint8_t *m33_fixture(const char *name, size_t *len);

static uint8_t g_work[CERTFIT_GUARD_WORK_SIZE_FOR_PEM(8192)] __attribute__((aligned(8)));
static int g_failures;
static size_t g_stack_max;
static const char *g_stack_max_file = "";

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            g_failures++;                                                                          \
        }                                                                                          \
    } while (0)

#if CERTFIT_WITH_SIGNATURES
/* A first-fit pool for Mbed TLS (bignum, pk contexts), with its peak. */
#define POOL_SIZE (64 * 1024)
typedef struct blk {
    size_t size; /* payload bytes */
    bool used;
} blk;
static uint8_t g_pool[POOL_SIZE] __attribute__((aligned(8)));
static size_t g_pool_used, g_pool_peak;

static void pool_init(void)
{
    blk *b = (blk *)(void *)g_pool;
    b->size = POOL_SIZE - sizeof(blk);
    b->used = false;
}

static void *pool_calloc(size_t n, size_t size)
{
    if (n != 0 && size > (POOL_SIZE / n))
        return NULL;
    size_t want = (n * size + 7u) & ~(size_t)7u;
    for (uint8_t *p = g_pool; p < g_pool + POOL_SIZE;) {
        blk *b = (blk *)(void *)p;
        if (!b->used) {
            /* merge the free blocks that follow */
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
                g_pool_used += b->size + sizeof(blk);
                if (g_pool_used > g_pool_peak)
                    g_pool_peak = g_pool_used;
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
    g_pool_used -= b->size + sizeof(blk);
}
#endif

static const certfit_profile *profile(const char *name)
{
    for (size_t i = 0; i < certfit_profile_count(); i++) {
        if (strcmp(certfit_profile_at(i)->name, name) == 0)
            return certfit_profile_at(i);
    }
    return certfit_profile_at(0);
}

/* What the callback saw. */
typedef struct seen {
    unsigned n;
    certfit_rule rule[32];
    int32_t cert[32];
} seen;

static void record(void *ctx, const certfit_finding *f)
{
    seen *s = ctx;
    if (s->n < 32) {
        s->rule[s->n] = f->rule;
        s->cert[s->n] = f->cert;
    }
    s->n++;
}

static bool saw(const seen *s, certfit_rule rule, int32_t cert)
{
    for (unsigned i = 0; i < s->n && i < 32; i++) {
        if (s->rule[i] == rule && s->cert[i] == cert)
            return true;
    }
    return false;
}

/* certfit_guard_check(), with the stack it used below this frame. */
static int guard(const char *name, const uint8_t *cred, size_t len, const certfit_guard_opts *o,
                 size_t work_size, certfit_guard_verdict *v)
{
    size_t depth = certfit_m33_stack_depth();
    certfit_m33_stack_paint();
    int rc = certfit_guard_check(cred, len, o, g_work, work_size, v);
    size_t used = certfit_m33_stack_high_water() - depth;
    if (used > g_stack_max) {
        g_stack_max = used;
        g_stack_max_file = name;
    }
    return rc;
}

static void run_vectors(void)
{
    unsigned ran = 0;
    for (size_t i = 0; i < GV_COUNT; i++) {
        const gcase *c = &k_cases[i];
        if (c->needs_signatures && !CERTFIT_WITH_SIGNATURES)
            continue;
        size_t len;
        const uint8_t *cred = m33_fixture(c->file, &len);
        CHECK(cred != NULL, "fixture %s not embedded", c->file);
        if (cred == NULL)
            continue;
        certfit_guard_opts o;
        certfit_guard_opts_init(&o);
        o.profile = profile(c->prof);
        o.role = c->role;
        if (c->now != NOW_UNSET) {
            o.now = c->now;
            o.clock_set = true;
        }
        o.fail_on = c->fail_on;
        o.host = c->host;
        o.skip = c->skip;
        seen s;
        memset(&s, 0, sizeof(s));
        o.on_finding = record;
        o.ctx = &s;
        certfit_guard_verdict v;
        int rc = guard(c->file, cred, len, &o, sizeof(g_work), &v);
#if !CERTFIT_CONFIG_HOSTNAME
        if (c->host != NULL) {
            /* built without hostname matching (config.h): refused, not skipped */
            CHECK(rc == CERTFIT_ERR_UNSUPPORTED && !v.pass, "%s: host %s: rc %d", c->file,
                  c->host, rc);
            continue;
        }
#endif
#if !CERTFIT_CONFIG_DER_INPUT
        size_t fl = strlen(c->file);
        if (fl > 4 && strcmp(c->file + fl - 4, ".der") == 0) {
            /* a PEM-only build (config.h) reads a DER blob as text without
             * a BEGIN line: not evaluated, refused */
            CHECK(rc == CERTFIT_ERR_NO_CERTIFICATE && !v.pass, "%s: DER: rc %d", c->file, rc);
            continue;
        }
#endif
        CHECK(rc == 0, "%s: rc %d", c->file, rc);
        CHECK(v.pass == c->pass, "%s: pass %d", c->file, v.pass);
        CHECK(v.rule == c->rule, "%s: rule %d, expected %d", c->file, (int)v.rule, (int)c->rule);
        if (c->rule != NONE) {
            CHECK(v.severity == c->sev, "%s: severity %d", c->file, (int)v.severity);
            CHECK(v.cert == c->cert, "%s: cert %d", c->file, (int)v.cert);
        }
        if (c->value != NO_LIMIT)
            CHECK(v.value == c->value, "%s: value %lu", c->file, (unsigned long)v.value);
        if (c->limit != NO_LIMIT)
            CHECK(v.limit == c->limit, "%s: limit %lu", c->file, (unsigned long)v.limit);
        if (c->also != NONE)
            CHECK(saw(&s, c->also, c->also_cert), "%s: %s not reported", c->file,
                  certfit_rule_id(c->also));
        CHECK(s.n == v.check.counts[1] + v.check.counts[2] + v.check.counts[3], "%s: %u callbacks",
              c->file, s.n);
        ran++;
    }
    printf("guard vectors: %u run\n", ran);
}

/* docs/design.md section 1 and the cases, as on the host. */
static void run_named_cases(void)
{
    size_t len;
    const uint8_t *bundle = m33_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    CHECK(bundle != NULL && len == 5278, "bundle embedded");
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.sec_tag = 24;
    certfit_guard_verdict v;
    /* the modem's credential text, then with the C string's NUL: a copy with a NUL */
    static uint8_t with_nul[5279];
    memcpy(with_nul, bundle, len);
    with_nul[len] = 0;
    for (size_t extra = 0; extra <= 1; extra++) {
        int rc = guard("bundle", with_nul, len + extra, &o, CERTFIT_GUARD_WORK_SIZE, &v);
        CHECK(rc == 0 && !v.pass, "bundle: refused");
        CHECK(v.rule == CERTFIT_RULE_CREDENTIAL_SIZE, "bundle: rule %d", (int)v.rule);
        CHECK(v.value == 5278 && v.limit == 4096, "bundle: %lu > %lu", (unsigned long)v.value,
              (unsigned long)v.limit);
        CHECK(v.check.sizes.cmng_read_response == 5366, "bundle: read-back %lu",
              (unsigned long)v.check.sizes.cmng_read_response);
    }

    const uint8_t *root = m33_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    CHECK(root != NULL && len == 904, "RootCA embedded");
    certfit_guard_opts_init(&o);
    o.now = T_2026;
    o.clock_set = true;
    int rc = guard("rootca", root, len, &o, CERTFIT_GUARD_WORK_SIZE, &v);
    CHECK(rc == 0 && v.pass, "RootCA passes nrf91");
    o.profile = profile("nrf91-p384-selfsigned");
    rc = guard("rootca", root, len, &o, CERTFIT_GUARD_WORK_SIZE, &v);
    CHECK(rc == 0 && !v.pass && v.rule == CERTFIT_RULE_LIFETIME_MIN && v.value == 1024 &&
              v.limit == 30,
          "RootCA: lifetime-min 1024 days < 30 years");

    /* a work buffer too small: an error code, no overrun (776 bytes as on
     * the host: one block of 640, the table, the slack; plus the check's
     * state when it lives in the work buffer) */
#if CERTFIT_CONFIG_STREAM
    /* streaming (config.h): the state, the 16-entry table and the slack,
     * whatever the certificate's size; only a buffer without room for the
     * state is too small, and then the bound for 904 bytes of text says */
    const size_t need = 136 + CERTFIT_CHECK_STATE_SIZE;
    rc = guard("rootca", root, len, &o, CERTFIT_CHECK_STATE_SIZE - 8, &v);
#else
    const size_t need = 776 + CERTFIT_CHECK_STATE_SIZE;
    rc = guard("rootca", root, len, &o, 1024, &v);
#endif
    CHECK(rc == CERTFIT_ERR_WORK_TOO_SMALL && v.work_needed == need, "work too small: %d %u", rc,
          (unsigned)v.work_needed);
    rc = guard("rootca", root, len, &o, need, &v);
    CHECK(rc == 0, "work %u is enough", (unsigned)need);
}

int main(void)
{
#if CERTFIT_WITH_SIGNATURES
    pool_init();
    mbedtls_platform_set_calloc_free(pool_calloc, pool_free);
#endif
    run_vectors();
    run_named_cases();
    printf("certfit_guard_check stack: %u bytes at most (%s)\n", (unsigned)g_stack_max,
           g_stack_max_file);
#if CERTFIT_WITH_SIGNATURES
    printf("Mbed TLS heap peak: %u bytes\n", (unsigned)g_pool_peak);
#endif
    if (M33_GUARD_STACK_LIMIT > 0 && g_stack_max > M33_GUARD_STACK_LIMIT) {
        printf("FAIL: the hook used %u bytes of stack, limit %u\n", (unsigned)g_stack_max,
               (unsigned)M33_GUARD_STACK_LIMIT);
        g_failures++;
    }
    printf("%s (%d failed)\n", g_failures ? "FAIL" : "ok", g_failures);
    return g_failures ? 1 : 0;
}
