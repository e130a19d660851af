/* libFuzzer target: the embedded hook as firmware calls it. The credential
 * is checked with the default work buffer (CERTFIT_GUARD_WORK_SIZE, on the
 * heap at its exact size), then with a buffer of half the size verdict says
 * it needs: a credential that does not fit must give WORK_TOO_SMALL, never
 * an overrun. Clock unset, as after a modem reset. */
#include "fuzz_common.h"

static void on_finding(void *ctx, const certfit_finding *f)
{
    (void)ctx;
    if ((unsigned)f->rule >= CERTFIT_RULE_COUNT)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *cred = fuzz_copy(data, size);
    certfit_guard_opts o;
    certfit_guard_opts_init(&o);
    o.on_finding = on_finding;
    o.verify_signatures = (size & 3) == 0;
    if (size & 4) {
        o.clock_set = true;
        o.now = FUZZ_NOW;
    }
    certfit_guard_verdict v;
    uint8_t *work = malloc(CERTFIT_GUARD_WORK_SIZE);
    int rc = certfit_guard_check(cred, size, &o, work, CERTFIT_GUARD_WORK_SIZE, &v);
    fuzz_rc(rc);
    if (rc != v.error || (rc != 0 && v.pass))
        abort();
    free(work);
    if (v.work_needed > 16) {
        size_t half = v.work_needed / 2;
        work = malloc(half);
        rc = certfit_guard_check(cred, size, &o, work, half, &v);
        fuzz_rc(rc);
        free(work);
    }
    free(cred);
    return 0;
}
