/* libFuzzer target: one item through the whole check, as the CLI runs it.
 * The input is split by content (C source: every named literal is unescaped
 * and checked as PEM text), then certfit_check() runs with an exact-size
 * heap work buffer of certfit_check_work_size() bytes: the scanner, the size
 * model and every rule. The sink formats names, OIDs and every finding's
 * message and fix, as the reporters do. */
#include "fuzz_common.h"

static void on_cert(void *ctx, const certfit_cert_event *ev)
{
    (void)ctx;
    if (ev->cert == NULL)
        return;
    char buf[512];
    size_t n;
    fuzz_rc(certfit_name_format(ev->cert->subject, buf, sizeof(buf), &n));
    fuzz_rc(certfit_name_format(ev->cert->issuer, buf, 17, &n));
    fuzz_rc(certfit_name_common_name(ev->cert->subject, buf, sizeof(buf), &n));
    fuzz_rc(certfit_oid_format(ev->cert->sig_oid, buf, sizeof(buf)));
    (void)certfit_cert_matches_host(ev->cert, "*.example.com", 13);
    (void)certfit_cert_matches_host(ev->cert, "192.0.2.1", 9);
    (void)certfit_cert_matches_host(ev->cert, "2001:db8::1", 11);
    (void)certfit_key_type_name(ev->cert->key_type);
    (void)certfit_curve_name(ev->cert->curve);
    (void)certfit_sig_alg_name(ev->cert->sig_alg);
    (void)certfit_strict_name(ev->cert->strict);
}

static void on_finding(void *ctx, const certfit_finding *f)
{
    (void)ctx;
    char buf[512];
    if ((unsigned)f->rule >= CERTFIT_RULE_COUNT || f->severity > CERTFIT_SEV_ERROR ||
        memchr(f->text, '\0', sizeof(f->text)) == NULL)
        abort();
    (void)certfit_finding_message(f, buf, sizeof(buf));
    (void)certfit_finding_fix(f, buf, sizeof(buf));
    (void)certfit_finding_message(f, buf, 8);
}

static void check_one(const certfit_item *item, size_t variant)
{
    certfit_profile pf;
    static const char *const profiles[] = {"nrf91", "nrf91-p384-selfsigned", "generic"};
    if (certfit_profile_get(profiles[variant % 3], &pf) != 0)
        abort();
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.now = FUZZ_NOW;
    o.clock_set = true;
    o.role = (variant & 4) ? CERTFIT_ROLE_SERVER : CERTFIT_ROLE_CA;
    o.host = (variant & 8) ? "test.mosquitto.org" : NULL;
    /* signatures cost a public-key operation per certificate: one run in 4 */
    o.verify_signatures = (variant & 3) == 0;

    size_t need = certfit_check_work_size(item);
    uint8_t *work = malloc(need ? need : 1);
    certfit_sink sink = {on_cert, on_finding, NULL};
    certfit_result res;
    int rc = certfit_check(item, &o, need ? work : NULL, need, &sink, &res);
    fuzz_rc(rc);
    if (rc != res.error || rc == CERTFIT_ERR_WORK_TOO_SMALL)
        abort(); /* the documented size is always enough */
    if (rc != 0 && res.error_offset > item->text.len && res.error_offset != CERTFIT_NO_OFFSET)
        abort();
    free(work);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *p = fuzz_copy(data, size);
    size_t variant = size > 0 ? (size_t)data[size - 1] ^ size : 0;
    certfit_format f = certfit_input_detect(p, size);
    if (f == CERTFIT_FORMAT_C) {
        certfit_c_iter it;
        certfit_c_literal lit;
        certfit_c_iter_init(&it, p, size);
        while (certfit_c_next(&it, &lit) == 1) {
            if (!lit.has_begin)
                continue;
            uint8_t *text = malloc(lit.source.len + 1);
            size_t tlen = 0, bad = 0;
            if (certfit_c_unescape(&lit, text, lit.source.len + 1, &tlen, &bad) == 0) {
                uint8_t *exact = fuzz_copy(text, tlen);
                certfit_item item = {CERTFIT_FORMAT_PEM, {exact, tlen}, lit.line, false};
                check_one(&item, variant);
                free(exact);
            }
            free(text);
        }
    } else {
        /* unknown formats too: the check must refuse them cleanly */
        certfit_item item = {
            f == CERTFIT_FORMAT_DER ? CERTFIT_FORMAT_DER : CERTFIT_FORMAT_PEM, {p, size}, 1, true};
        check_one(&item, variant);
    }
    free(p);
    return 0;
}
