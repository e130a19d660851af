/*
 * The device build decides what the host build decides. This program runs
 * the hook (certfit_guard_check) over every input it is given, under every
 * built-in profile, both roles and three clock states, and prints each
 * finding and the verdict as numbers. tests/CMakeLists.txt builds it twice:
 * against the host library and against the core compiled with the device's
 * configuration (config.h: no finding text, no host names, no line numbers,
 * PEM only, state in the work buffer, base64 without its table), and
 * tests/equiv.cmake requires the two outputs to be identical.
 *
 * Printed: rule, severity, certificate, value, limit, extra, detail and
 * offset of each finding, in order; the verdict (error, pass, rule, cert,
 * value, limit), the counts per severity and the size figures. Not printed:
 * what the device build leaves out by design (text, line numbers) and the
 * work size, which includes the check's state only on the device. DER
 * inputs are skipped by both builds (the device takes PEM only). Each input
 * is also checked truncated and with bytes changed at a stride, so that the
 * error paths are compared too.
 *
 * Usage: device_equiv FILE... (prints to stdout; exit 0 unless a file
 * cannot be read).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certfit/guard.h"
#include "certfit/input.h"

/* 2026-01-01T00:00:00Z: inside most fixtures' validity, after some. */
#define NOW 1767225600

static uint8_t g_work[64 * 1024] __attribute__((aligned(8)));

static void on_finding(void *ctx, const certfit_finding *f)
{
    (void)ctx;
    /* the rule's id too: the device's library holds the ids of the rules
     * it can report only (rules.def's scope), and must name every one its
     * hook reports */
    const char *id = certfit_rule_id(f->rule);
    printf("  f %d %s %d %" PRId32 " %" PRIu64 " %" PRIu64 " %" PRId64 " %" PRIu32 " %lld\n",
           (int)f->rule, id != NULL ? id : "(not built)", (int)f->severity, f->cert, f->value,
           f->limit, f->extra, f->detail,
           f->offset == CERTFIT_NO_OFFSET ? -1LL : (long long)f->offset);
}

static void run(const uint8_t *p, size_t n)
{
    if (certfit_input_detect(p, n) == CERTFIT_FORMAT_DER) {
        printf(" der: skipped\n");
        return;
    }
    for (size_t pi = 0; pi < certfit_profile_count(); pi++) {
        for (int role = 0; role < 2; role++) {
            for (int clock = 0; clock < 3; clock++) {
                certfit_guard_opts o;
                certfit_guard_opts_init(&o);
                o.profile = certfit_profile_at(pi);
                o.role = role == 0 ? CERTFIT_ROLE_CA : CERTFIT_ROLE_SERVER;
                o.verify_signatures = false;
                o.clock_set = clock == 0;
                o.now = NOW;
                o.unset_clock =
                    clock == 2 ? CERTFIT_GUARD_UNSET_CLOCK_SKIP : CERTFIT_GUARD_UNSET_CLOCK_PROFILE;
                o.sec_tag = 42;
                o.on_finding = on_finding;
                certfit_guard_verdict v;
                printf(" run %zu %d %d\n", pi, role, clock);
                int rc = certfit_guard_check(p, n, &o, g_work, sizeof(g_work), &v);
                const certfit_result *r = &v.check;
                printf("  v %d %d %d %d %" PRId32 " %" PRIu64 " %" PRIu64 " c %" PRIu32 " %" PRIu32
                       " %" PRIu32 " eo %zu\n",
                       rc, v.error, v.pass, (int)v.rule, v.cert, v.value, v.limit, r->counts[1],
                       r->counts[2], r->counts[3], r->error != 0 ? r->error_offset : 0);
                printf("  s %" PRIu32 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
                       " %" PRIu64 "\n",
                       r->sizes.certs, r->sizes.der_total, r->sizes.pem_canonical,
                       r->sizes.credential_bytes, r->sizes.cmng_read_response,
                       r->sizes.tls12_certificate_message, r->sizes.tls13_certificate_message);
            }
        }
    }
}

int main(int argc, char **argv)
{
    static uint8_t buf[256 * 1024], m[256 * 1024];
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "device_equiv: cannot open %s\n", argv[i]);
            return 2;
        }
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        const char *name = strrchr(argv[i], '/');
        printf("file %s %zu\n", name != NULL ? name + 1 : argv[i], n);
        run(buf, n);
        /* truncated at a stride, then one byte changed at a stride */
        size_t stride = n / 7 + 1;
        for (size_t cut = stride / 2; cut < n; cut += stride) {
            printf(" cut %zu\n", cut);
            run(buf, cut);
        }
        /* four base64 characters more in the first certificate: trailing-data */
        const char *end = "\n-----END CERTIFICATE";
        for (size_t at = 0; at + strlen(end) <= n && n + 5 <= sizeof(m); at++) {
            if (memcmp(buf + at, end, strlen(end)) == 0) {
                memcpy(m, buf, at + 1);
                memcpy(m + at + 1, "AAAA\n", 5);
                memcpy(m + at + 6, buf + at + 1, n - at - 1);
                printf(" pad %zu\n", at);
                run(m, n + 5);
                break;
            }
        }
        for (size_t at = stride / 3; at < n; at += stride) {
            memcpy(m, buf, n);
            m[at] = (uint8_t)(m[at] ^ 0x41);
            printf(" flip %zu\n", at);
            run(m, n);
        }
    }
    return 0;
}
