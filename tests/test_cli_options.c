/*
 * The command line as people type it (issue 14): options after operands,
 * "--", missing arguments, --color, did-you-mean, --skip's empty element,
 * escaped file names and cut subjects in text output, the progress line.
 * Each case runs the built binary and asserts its exit code and a stdout
 * JSON field or a stderr line.
 * argv[1] = path of the certfit binary, argv[2] = the fixtures directory.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "cli_run.h"
#include "json_path.h"

static const char *g_bin;
static const char *g_fx;
static char g_tmp[256];
static char g_err[16384];
#define NOW "--now 2026-01-01T00:00:00Z"

/* Run "cd DIR && [ENV] certfit ARGS": stdout returned, stderr in g_err. */
static cli_out run_in(const char *dir, const char *env, const char *fmt, ...)
{
    char args[4096], cmd[8192], errpath[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(errpath, sizeof(errpath), "%s/stderr.txt", g_tmp);
    snprintf(cmd, sizeof(cmd), "cd '%s' && %s '%s' %s 2>'%s'", dir, env, g_bin, args, errpath);
    cli_out o = cli_capture(cmd);
    FILE *f = fopen(errpath, "rb");
    size_t n = f ? fread(g_err, 1, sizeof(g_err) - 1, f) : 0;
    if (f)
        fclose(f);
    g_err[n] = '\0';
    return o;
}

#define run(...) run_in(g_fx, "", __VA_ARGS__)

static void expect_stderr(const char *line)
{
    if (strstr(g_err, line) == NULL)
        fail_msg("stderr lacks \"%s\"; it was:\n%s", line, g_err);
}

static cJSON *json_of(cli_out *o)
{
    cJSON *j = cJSON_Parse(o->text);
    if (j == NULL)
        fail_msg("stdout is not JSON:\n%.600s", o->text);
    return j;
}

/* A table of usage errors: each exits 2 with its line on stderr. */
typedef struct usage_case {
    const char *args, *line;
} usage_case;

static void expect_usage_errors(const usage_case *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cli_out o = run("%s", k[i].args);
        if (o.code != 2)
            fail_msg("'%s' exited %d, not 2", k[i].args, o.code);
        expect_stderr(k[i].line);
        free(o.text);
    }
}

/* ---- options anywhere, "--" ------------------------------------------------ */

static void test_options_after_paths(void **state)
{
    (void)state;
    cli_out o = run("check gen/key-p384.pem -f json --now 2026-01-01T00:00:00Z");
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    assert_int_equal((int)num(j, "schema"), 1);
    assert_string_equal(str(j, "items.0.path"), "gen/key-p384.pem");
    assert_string_equal(str(j, "now"), "2026-01-01T00:00:00Z");
    assert_int_equal((int)num(j, "summary.items"), 1);
    cJSON_Delete(j);
    free(o.text);
    assert_string_equal(g_err, "");
    /* the same when POSIXLY_CORRECT asks getopt to stop at the first operand */
    o = run_in(g_fx, "POSIXLY_CORRECT=1", "check gen/key-p384.pem --format=json " NOW);
    assert_int_equal(o.code, 0);
    j = json_of(&o);
    assert_string_equal(str(j, "items.0.path"), "gen/key-p384.pem");
    assert_int_equal((int)num(j, "summary.items"), 1);
    cJSON_Delete(j);
    free(o.text);
}

static void test_double_dash_ends_options(void **state)
{
    (void)state;
    /* a file named "-f" after "--"; an option between the operands before it */
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "cp '%s/gen/key-p384.pem' '%s/-f' && cp '%s/gen/key-p256.pem' '%s/a.pem'", g_fx, g_tmp,
             g_fx, g_tmp);
    assert_int_equal(system(cmd), 0);
    cli_out o = run_in(g_tmp, "", "check -f json a.pem " NOW " -- -f");
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    assert_int_equal((int)num(j, "summary.items"), 2);
    assert_string_equal(str(j, "items.0.path"), "a.pem");
    assert_string_equal(str(j, "items.1.path"), "-f");
    assert_int_equal((int)num(j, "items.1.certificates.0.der_bytes"), 528);
    assert_string_equal(str(j, "now"), "2026-01-01T00:00:00Z");
    cJSON_Delete(j);
    free(o.text);
}

static void test_options_anywhere_other_commands(void **state)
{
    (void)state;
    cli_out o = run("size gen/key-p384.pem " NOW " -f json");
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    assert_int_equal((int)num(j, "items.0.sizes.der_total"), 528);
    cJSON_Delete(j);
    free(o.text);
    o = run("explain expired --help");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "usage: certfit explain RULE"));
    free(o.text);
}

/* ---- a missing argument ---------------------------------------------------- */

static void test_missing_argument(void **state)
{
    (void)state;
    static const usage_case k[] = {
        {"check --host", "certfit check: option '--host' needs an argument"},
        {"check gen/key-p384.pem -o", "certfit check: option '-o' needs an argument"},
        {"size gen/key-p384.pem --format", "certfit size: option '--format' needs an argument"},
        {"rules -f", "certfit rules: option '-f' needs an argument"},
        {"header gen/key-p384.pem --name", "certfit header: option '--name' needs an argument"},
        {"mint --cn", "certfit mint: option '--cn' needs an argument"},
        {"probe 127.0.0.1 --timeout", "certfit probe: option '--timeout' needs an argument"},
        {"check --quiet=yes x.pem", "certfit check: option '--quiet' takes no argument"},
        {"check --bogus x.pem", "certfit check: unknown option '--bogus'"},
    };
    expect_usage_errors(k, sizeof(k) / sizeof(k[0]));
}

/* ---- --color --------------------------------------------------------------- */

static void test_color(void **state)
{
    (void)state;
    /* always: colour into a pipe, even with NO_COLOR set */
    cli_out o = run_in(g_fx, "NO_COLOR=1", "check --color always " NOW " gen/key-p384.pem");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "\033[32m\033[1mPASS\033[0m  gen/key-p384.pem"));
    free(o.text);
    /* never and --no-color: none */
    o = run("check --color never " NOW " gen/key-p384.pem");
    assert_int_equal(o.code, 0);
    assert_null(strchr(o.text, '\033'));
    free(o.text);
    /* auto: colour on a terminal (script(1) gives one), not with NO_COLOR */
    o = run_in(g_fx, "script -qc \"", "check --color auto " NOW " gen/key-p384.pem\" /dev/null");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "\033[32m\033[1mPASS"));
    free(o.text);
    o = run_in(g_fx, "NO_COLOR=1 script -qc \"",
               "check --color auto " NOW " gen/key-p384.pem\" /dev/null");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "PASS  gen/key-p384.pem"));
    assert_null(strstr(o.text, "\033[32m"));
    free(o.text);
    o = run("check --color sometimes gen/key-p384.pem");
    assert_int_equal(o.code, 2);
    expect_stderr("certfit check: --color must be auto, always or never, not 'sometimes'");
    free(o.text);
}

/* ---- did you mean ---------------------------------------------------------- */

static void test_did_you_mean(void **state)
{
    (void)state;
    static const usage_case k[] = {
        {"check --skip expired,credential-sise gen/key-p384.pem",
         "certfit check: --skip: unknown rule 'credential-sise'; did you mean 'credential-size'?"},
        {"check -p nrf19 gen/key-p384.pem",
         "certfit check: unknown profile 'nrf19'; did you mean 'nrf91'?"},
        {"explain credentail-size",
         "certfit explain: unknown rule 'credentail-size'; did you mean 'credential-size'?"},
        {"chekc gen/key-p384.pem", "certfit: unknown command 'chekc'; did you mean 'check'?"},
        {"check --skip expired,,chain-size gen/key-p384.pem",
         "certfit check: --skip: empty rule name at position 2 in 'expired,,chain-size'"},
        {"check --skip , gen/key-p384.pem",
         "certfit check: --skip: empty rule name at position 1 in ','"},
    };
    expect_usage_errors(k, sizeof(k) / sizeof(k[0]));
    /* far from every name: no suggestion */
    cli_out o = run("explain zzzzzzzz");
    assert_int_equal(o.code, 2);
    expect_stderr("certfit explain: unknown rule 'zzzzzzzz' (see 'certfit rules')");
    free(o.text);
}

static void test_policy_unknown_key(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof(path), "%s/policy.txt", g_tmp);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# a typo\ncredential_limt = 5000\n", f);
    fclose(f);
    cli_out o = run("check --policy '%s' gen/key-p384.pem", path);
    assert_int_equal(o.code, 2);
    expect_stderr(":2: unknown key 'credential_limt'\n");
    expect_stderr("certfit: did you mean 'credential_limit'?\n");
    expect_stderr("certfit: valid keys: base, name, skip, severity.RULE, credential_limit, "
                  "readback_limit, chain_limit,");
    expect_stderr(", time_rules_without_clock\n");
    free(o.text);
}

/* ---- text output: subjects and file names ---------------------------------- */

static void test_subject_cut_with_ellipsis(void **state)
{
    (void)state;
    /* 102 characters: the first 93 and "…" */
    cli_out o = run("check " NOW " --fail-on never gen/bigchain-leaf.pem");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "    [0] CN=localhost,OU=certfit oversized RSA-4096 chain,"
                                   "O=certfit test fixtures,L=Trondheim,ST=Trond\xe2\x80\xa6\n"));
    free(o.text);
    /* 95 characters: whole, no mark */
    o = run("check " NOW " --fail-on never real/test-mosquitto-org-ca.pem");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "    [0] emailAddress=roger@atchoo.org,CN=mosquitto.org,OU=CA,"
                                   "O=Mosquitto,L=Derby,ST=United Kingdom,C=GB\n"));
    free(o.text);
}

static void test_file_names_escaped(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "mkdir -p '%s/names' && cp '%s/gen/key-p384.pem' \"%s/names/new$(printf '\\nline')"
             ".pem\" && cp '%s/gen/key-p384.pem' \"%s/names/esc$(printf '\\033')[31m.pem\"",
             g_tmp, g_fx, g_tmp, g_fx, g_tmp);
    assert_int_equal(system(cmd), 0);
    cli_out o = run_in(g_tmp, "", "check " NOW " names");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "PASS  names/new\\nline.pem\n"));
    assert_non_null(strstr(o.text, "PASS  names/esc\\x1b[31m.pem\n"));
    assert_null(strchr(o.text, '\033'));
    free(o.text);
    o = run_in(g_tmp, "", "size " NOW " names");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "names/new\\nline.pem (1 certificate)\n"));
    free(o.text);
}

/* ---- progress on a terminal only ------------------------------------------- */

static void test_progress_on_terminal_only(void **state)
{
    (void)state;
    /* stderr not a terminal: nothing there */
    cli_out o = run("check " NOW " --fail-on never -q gen");
    assert_int_equal(o.code, 0);
    assert_string_equal(g_err, "");
    free(o.text);
    /* under a pseudo-terminal: the line, then cleared before the summary */
    o = run_in(g_fx, "script -qc \"",
               "check " NOW
               " --fail-on never -q -o /dev/null gen/key-p384.pem gen/chain-full.pem\" "
               "/dev/null");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "\rcertfit: 1 file, 1 item\xe2\x80\xa6"));
    assert_non_null(strstr(o.text, "\r\033[K"));
    free(o.text);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s CERTFIT FIXTURES\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    g_fx = argv[2];
    snprintf(g_tmp, sizeof(g_tmp), "%s/certfit-opts.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(g_tmp) == NULL)
        return 2;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options_after_paths),
        cmocka_unit_test(test_double_dash_ends_options),
        cmocka_unit_test(test_options_anywhere_other_commands),
        cmocka_unit_test(test_missing_argument),
        cmocka_unit_test(test_color),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_policy_unknown_key),
        cmocka_unit_test(test_subject_cut_with_ellipsis),
        cmocka_unit_test(test_file_names_escaped),
        cmocka_unit_test(test_progress_on_terminal_only),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_tmp);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
