/*
 * certfit_check_opts.skip is 64 bits wide: a rule numbered 32 or more is
 * skipped like any other. Built against a copy of the rule table with four
 * rules put in front of it (tests/CMakeLists.txt), so that serial-number
 * is rule 32 whatever rules the real table appends after it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "certfit/certfit.h"

static const char *g_fixtures = "fixtures";

typedef struct seen {
    unsigned serial, other;
} seen;

static void on_finding(void *ctx, const certfit_finding *f)
{
    seen *s = ctx;
    if (f->rule == CERTFIT_RULE_SERIAL_NUMBER)
        s->serial++;
    else
        s->other++;
}

/* fixtures/gen/serial-zero.pem checked with skip: its findings */
static seen check_with(uint64_t skip)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/gen/serial-zero.pem", g_fixtures);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static uint8_t text[8192];
    size_t len = fread(text, 1, sizeof(text), fp);
    fclose(fp);
    assert_true(len > 0 && len < sizeof(text));

    certfit_profile pf;
    assert_int_equal(certfit_profile_get("nrf91", &pf), 0);
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.verify_signatures = false;
    o.clock_set = true;
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01T00:00:00Z", &o.now), 0);
    o.skip = skip;
    certfit_item item = {CERTFIT_FORMAT_PEM, {text, len}, 1, true};
    static uint8_t work[16384];
    assert_true(certfit_check_work_size(&item) <= sizeof(work));
    seen s = {0, 0};
    certfit_sink sink = {NULL, on_finding, &s};
    certfit_result res;
    assert_int_equal(certfit_check(&item, &o, work, sizeof(work), &sink, &res), 0);
    return s;
}

static void test_skip_rule_32(void **state)
{
    (void)state;
    /* the widened table: four rules in front, serial-number at bit 32 */
    assert_int_equal(CERTFIT_RULE_SERIAL_NUMBER, 32);
    assert_true(CERTFIT_RULE_COUNT > 32 && CERTFIT_RULE_COUNT <= 64);
    assert_string_equal(certfit_rule_id((certfit_rule)32), "serial-number");

    seen all = check_with(0);
    assert_int_equal(all.serial, 1); /* serial number zero */

    seen skipped = check_with((uint64_t)1 << CERTFIT_RULE_SERIAL_NUMBER);
    assert_int_equal(skipped.serial, 0);
    assert_int_equal(skipped.other, all.other);

    /* bit 0 skips its own rule only (wide-0, which no check reports) */
    seen low = check_with(1);
    assert_int_equal(low.serial, 1);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        g_fixtures = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_skip_rule_32)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
