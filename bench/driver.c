/*
 * The library's hot path alone, for callgrind and for in-process timing:
 * load a PEM bundle, run certfit_check over it (profile nrf91, role CA,
 * signatures off, a sink that drops everything), and print the certificate
 * count and, with -t, nanoseconds per certificate.
 *
 *   certfit-bench-driver [-r REPEAT] [-s] [-t] BUNDLE
 *     -r N  run the check N times (default 1)
 *     -s    verify signatures (default off: scan + size + rules only)
 *     -t    time the checks with CLOCK_MONOTONIC
 *
 * Under `valgrind --tool=callgrind --toggle-collect=certfit_check` only the
 * check is counted, not the file loading.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certfit/certfit.h"
#include "load.h"

static void drop_cert(void *ctx, const certfit_cert_event *ev)
{
    (void)ctx;
    (void)ev;
}

static void drop_finding(void *ctx, const certfit_finding *f)
{
    (void)ctx;
    (void)f;
}

int main(int argc, char **argv)
{
    long repeat = 1;
    bool sigs = false, timed = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-s") == 0)
            sigs = true;
        else if (strcmp(argv[i], "-t") == 0)
            timed = true;
        else
            break;
    }
    if (i != argc - 1 || repeat < 1) {
        fprintf(stderr, "usage: %s [-r REPEAT] [-s] [-t] BUNDLE\n", argv[0]);
        return 2;
    }
    size_t len;
    uint8_t *text = bench_load(argv[i], &len);
    if (text == NULL) {
        fprintf(stderr, "%s: cannot read\n", argv[i]);
        return 2;
    }
    certfit_profile pf;
    if (certfit_profile_get("nrf91", &pf) != 0)
        return 2;
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.now = 1764115200; /* 2025-11-26T00:00:00Z: fixed, so findings are stable */
    o.clock_set = true;
    o.verify_signatures = sigs;
    certfit_item item = {certfit_input_detect(text, len), {text, len}, 1, true};
    size_t work_size = certfit_check_work_size(&item);
    uint8_t *work = malloc(work_size + 8);
    if (work == NULL)
        return 2;
    certfit_sink sink = {drop_cert, drop_finding, NULL};
    certfit_result res;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long r = 0; r < repeat; r++) {
        int rc = certfit_check(&item, &o, work, work_size, &sink, &res);
        if (rc != 0) {
            fprintf(stderr, "%s: %s at offset %zu\n", argv[i], certfit_strerror(rc),
                    res.error_offset);
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
    printf("certificates %u findings %u\n", (unsigned)res.sizes.certs,
           (unsigned)(res.counts[1] + res.counts[2] + res.counts[3]));
    if (timed)
        printf("ns_per_cert %.1f\n", ns / (double)repeat / (double)res.sizes.certs);
    free(work);
    free(text);
    return 0;
}
