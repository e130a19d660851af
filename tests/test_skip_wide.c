/*
 * certfit_check_opts.skip is 64 bits wide: a rule numbered 32 or more is
 * skipped like any other. Built against a copy of the rule table with four
 * rules put in front of it (tests/CMakeLists.txt), so that serial-number
 * is rule 32 whatever rules the real table appends after it. The four rows
 * set different columns, and test_one_row checks that each column reaches
 * every list generated from the table (clock set, size rules, profile
 * gating, severities, details, zlint) with no other change.
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

static void test_one_row(void **state)
{
    (void)state;
    /* clock: wide-0 joins expired, not-yet-valid and expires-soon */
    uint64_t clock = ((uint64_t)1 << 0) | ((uint64_t)1 << CERTFIT_RULE_EXPIRED) |
                     ((uint64_t)1 << CERTFIT_RULE_NOT_YET_VALID) |
                     ((uint64_t)1 << CERTFIT_RULE_EXPIRES_SOON);
    assert_true(CERTFIT_CLOCK_RULES == clock);
    assert_true(certfit_rule_reads_clock((certfit_rule)0));
    assert_false(certfit_rule_reads_clock((certfit_rule)1));

    /* size: wide-1 and wide-2 are size rules (firmware: -EFBIG), wide-2 a hard limit */
    assert_false(certfit_guard_is_size_rule((certfit_rule)0));
    assert_true(certfit_guard_is_size_rule((certfit_rule)1));
    assert_true(certfit_guard_is_size_rule((certfit_rule)2));
    assert_false(certfit_rule_is_hard_limit((certfit_rule)1));
    assert_true(certfit_rule_is_hard_limit((certfit_rule)2));
    assert_true(certfit_rule_is_hard_limit(CERTFIT_RULE_CREDENTIAL_SIZE));

    /* severity and gating: wide-1 is a notice while max_depth is set, off without it */
    certfit_profile pf;
    assert_int_equal(certfit_profile_get("nrf91", &pf), 0);
    assert_int_equal(certfit_profile_severity(&pf, (certfit_rule)0), CERTFIT_SEV_WARNING);
    assert_int_equal(certfit_profile_severity(&pf, (certfit_rule)1), CERTFIT_SEV_NOTICE);
    assert_int_equal(certfit_profile_severity(&pf, (certfit_rule)2), CERTFIT_SEV_ERROR);
    assert_int_equal(certfit_rule_limit_of((certfit_rule)1), CERTFIT_LIMIT_MAX_DEPTH);
    pf.max_depth = 0;
    assert_int_equal(certfit_profile_severity(&pf, (certfit_rule)1), CERTFIT_SEV_OFF);
    assert_int_equal(certfit_profile_severity(&pf, (certfit_rule)0), CERTFIT_SEV_WARNING);

    /* category, detail codes, zlint */
    assert_string_equal(certfit_rule_category_name(certfit_rule_category_of((certfit_rule)0)),
                        "time");
    assert_int_equal(CERTFIT_DETAIL_WIDE_3_ODD, 7);
    const certfit_rule_detail_text *d = certfit_rule_detail_at((certfit_rule)3, 0);
    assert_non_null(d);
    assert_int_equal(d->value, 7);
    assert_string_equal(d->name, "CERTFIT_DETAIL_WIDE_3_ODD");
    assert_null(certfit_rule_detail_at((certfit_rule)3, 1));
    assert_string_equal(certfit_rule_zlint((certfit_rule)3), "e_wide_a w_wide_b");
    assert_string_equal(certfit_rule_zlint(CERTFIT_RULE_CHAIN_SIZE), "");
}

int main(int argc, char **argv)
{
    if (argc > 1)
        g_fixtures = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_skip_rule_32),
                                       cmocka_unit_test(test_one_row)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
