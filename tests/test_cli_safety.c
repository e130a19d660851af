/*
 * The command line as a CI gate relies on it (docs/design.md section 14): no
 * output overwrites an input, a failed write keeps the old file, a walk that
 * finds nothing is an error, and what mint, header and size promise holds.
 * Each case runs the built binary in a fresh temporary directory and checks
 * the exit code, the stderr line and the files before and after.
 * argv[1] = the certfit binary, argv[2] = the fixtures directory,
 * argv[3] = the mosquitto binary.
 */
#define _XOPEN_SOURCE 700
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "cli_run.h"
#include "json_path.h"

static const char *g_bin;
static const char *g_fx;
static const char *g_mosquitto;
static char g_dir[128]; /* this case's directory; the current directory of every command */
static pid_t g_child = -1;
static const char *NOW = "--now 2026-01-01T00:00:00Z";
/* a P-384 certificate that passes nrf91 with no finding at NOW */
static const char *GOOD = "gen/time-30y-p384.pem";

/* ---- files and commands ----------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 4096) {
            buf = realloc(buf, cap *= 2);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

/* A file of the case's directory. */
static char *path_of(const char *name)
{
    static char p[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof(p[k]), "%s/%s", g_dir, name);
    return p[k];
}

static void put(const char *name, const char *text)
{
    FILE *f = fopen(path_of(name), "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* A fixture copied into the case's directory; its bytes returned. */
static char *copy_fixture(const char *rel, const char *name)
{
    char src[512];
    snprintf(src, sizeof(src), "%s/%s", g_fx, rel);
    char *t = slurp(src, NULL);
    assert_non_null(t);
    put(name, t);
    return t;
}

/* The file holds exactly want (the input untouched). */
static void assert_file(const char *name, const char *want)
{
    size_t n;
    char *got = slurp(path_of(name), &n);
    assert_non_null(got);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(got, want, n);
    free(got);
}

static void assert_no_file(const char *name)
{
    struct stat st;
    assert_int_equal(lstat(path_of(name), &st), -1);
}

/* No temporary file of ours left in the case's directory. */
static void assert_no_temp(void)
{
    DIR *d = opendir(g_dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        bool tmp =
            e->d_name[0] == '.' && n > 7 && e->d_name[n - 7] == '.' && strcmp(e->d_name, "..") != 0;
        if (tmp)
            fprintf(stderr, "left behind: %s\n", e->d_name);
        assert_false(tmp);
    }
    closedir(d);
}

static cli_out sh(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd %s && %s 2>%s/.stderr", g_dir, args, g_dir);
    return cli_capture(cmd);
}

/* "certfit ARGS" in the case's directory, under timeout(1); stderr kept. */
static cli_out run(const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    return sh("timeout 60 %s %s", g_bin, args);
}

static char *err_text(void)
{
    static char buf[8192];
    char *t = slurp(path_of(".stderr"), NULL);
    snprintf(buf, sizeof(buf), "%s", t ? t : "");
    free(t);
    return buf;
}

/* The command's stderr is exactly these lines. */
static void assert_stderr(const char *want)
{
    const char *got = err_text();
    if (strcmp(got, want) != 0)
        fprintf(stderr, "stderr:\n%s\nwanted:\n%s\n", got, want);
    assert_string_equal(got, want);
}

static void free_out(cli_out *o)
{
    free(o->text);
    o->text = NULL;
}

/* ---- set-up ----------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(g_dir, sizeof(g_dir), "%s/certfit-safety.XXXXXX", base);
    if (mkdtemp(g_dir) == NULL)
        return -1;
    /* other users pass through (Mosquitto's user reads the minted files) */
    return chmod(g_dir, 0755);
}

static void stop_child(void)
{
    if (g_child <= 0)
        return;
    kill(g_child, SIGTERM);
    waitpid(g_child, NULL, 0);
    g_child = -1;
}

static int teardown(void **state)
{
    (void)state;
    stop_child();
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "chmod -R u+rwx %s 2>/dev/null; rm -rf %s", g_dir, g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- an output is never an input ----------------------------------------------- */

static void check_o_is_input(void **state)
{
    (void)state;
    char *before = copy_fixture(GOOD, "victim.pem");
    cli_out o = run("check %s -o victim.pem victim.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_int_equal(o.len, 0);
    assert_stderr("certfit: -o victim.pem is an input (victim.pem); nothing written\n");
    assert_file("victim.pem", before);
    assert_no_temp();
    free_out(&o);
    free(before);
}

static void check_o_symlink_to_input(void **state)
{
    (void)state;
    char *before = copy_fixture(GOOD, "victim.pem");
    assert_int_equal(symlink("victim.pem", path_of("link.pem")), 0);
    cli_out o = run("check %s -o link.pem victim.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o link.pem is an input (victim.pem); nothing written\n");
    assert_file("victim.pem", before);
    struct stat st;
    assert_int_equal(lstat(path_of("link.pem"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    free_out(&o);
    free(before);
}

static void check_o_hard_link_to_input(void **state)
{
    (void)state;
    char *before = copy_fixture(GOOD, "victim.pem");
    assert_int_equal(link(path_of("victim.pem"), path_of("twin.pem")), 0);
    cli_out o = run("check %s -f json -o twin.pem victim.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o twin.pem is an input (victim.pem); nothing written\n");
    assert_file("victim.pem", before);
    assert_file("twin.pem", before);
    free_out(&o);
    free(before);
}

/* the output is a file the walk reaches: the run stops, nothing is written */
static void check_o_inside_walked_dir(void **state)
{
    (void)state;
    assert_int_equal(mkdir(path_of("certs"), 0755), 0);
    char *a = copy_fixture(GOOD, "certs/a.pem");
    char *b = copy_fixture("gen/chain-root-p384.pem", "certs/b.pem");
    cli_out o = run("check %s -o certs/b.pem certs", NOW);
    assert_int_equal(o.code, 2);
    assert_int_equal(o.len, 0);
    assert_stderr("certfit: -o certs/b.pem is an input (certs/b.pem); nothing written\n");
    assert_file("certs/a.pem", a);
    assert_file("certs/b.pem", b);
    free_out(&o);
    /* a new report in the walked directory is fine: its temporary file is skipped */
    o = run("check %s -f json -o certs/report.json certs", NOW);
    assert_int_equal(o.code, 0);
    char *rep = slurp(path_of("certs/report.json"), NULL);
    assert_non_null(rep);
    cJSON *j = cJSON_Parse(rep);
    assert_non_null(j);
    assert_int_equal((int)num(j, "summary.items"), 2);
    cJSON_Delete(j);
    free(rep);
    free_out(&o);
    free(a);
    free(b);
}

static void check_o_is_stdin(void **state)
{
    (void)state;
    char *before = copy_fixture(GOOD, "victim.pem");
    cli_out o = run("check %s -o victim.pem - < victim.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o victim.pem is an input (standard input); nothing written\n");
    assert_file("victim.pem", before);
    free_out(&o);
    free(before);
}

static void check_o_is_policy(void **state)
{
    (void)state;
    free(copy_fixture(GOOD, "a.pem"));
    const char *policy = "base = nrf91\ncredential_limit = 3500\n";
    put("tight.policy", policy);
    cli_out o = run("check %s --policy tight.policy -o tight.policy a.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o tight.policy is an input (tight.policy); nothing written\n");
    assert_file("tight.policy", policy);
    free_out(&o);
}

static void header_o_is_input(void **state)
{
    (void)state;
    char *before = copy_fixture(GOOD, "m2.pem");
    cli_out o = run("header --name X %s -o m2.pem m2.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit header: -o m2.pem is an input (m2.pem); nothing written\n");
    assert_file("m2.pem", before);
    assert_no_temp();
    free_out(&o);
    /* the same header to another file is written */
    o = run("header --name X %s -o m2.h m2.pem", NOW);
    assert_int_equal(o.code, 0);
    char *h = slurp(path_of("m2.h"), NULL);
    assert_non_null(h);
    assert_non_null(strstr(h, "#define X \\\n\"-----BEGIN CERTIFICATE-----\\n\""));
    free(h);
    free_out(&o);
    free(before);
}

/* --key-out and --cert-out that are one file under two names: the key
 * would be replaced by the certificate */
static void mint_key_out_is_cert_out(void **state)
{
    (void)state;
    put("pair.pem", "old pair\n");
    cli_out o = run("mint --cn t --force --key-out pair.pem --cert-out ./pair.pem");
    assert_int_equal(o.code, 2);
    assert_stderr("certfit mint: --cert-out ./pair.pem is also --key-out pair.pem; nothing "
                  "written\n");
    assert_file("pair.pem", "old pair\n");
    assert_no_temp();
    free_out(&o);
    assert_int_equal(symlink("pair.pem", path_of("alias.pem")), 0);
    o = run("mint --cn t --force --key-out pair.pem --cert-out alias.pem");
    assert_int_equal(o.code, 2);
    assert_stderr("certfit mint: --cert-out alias.pem is also --key-out pair.pem; nothing "
                  "written\n");
    assert_file("pair.pem", "old pair\n");
    free_out(&o);
    /* the key never goes to a terminal or a pipe */
    o = run("mint --cn t --force --key-out /dev/stdout --cert-out c.pem");
    assert_int_equal(o.code, 2);
    assert_int_equal(o.len, 0);
    assert_stderr("certfit mint: --key-out /dev/stdout: not a regular file\n");
    assert_no_file("c.pem");
    free_out(&o);
}

/* ---- write failures ------------------------------------------------------------- */

static void check_o_dev_full(void **state)
{
    (void)state;
    free(copy_fixture(GOOD, "a.pem"));
    cli_out o = run("check %s -o /dev/full a.pem", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o /dev/full: No space left on device\n");
    free_out(&o);
    o = run("check %s -q a.pem > /dev/full", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: writing to standard output: No space left on device\n");
    free_out(&o);
    o = run("check %s -q -o /dev/stdout a.pem > /dev/full", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o /dev/stdout: No space left on device\n");
    free_out(&o);
    /* -o /dev/stdout is the stream itself: reopening it would truncate the
     * file standard output goes to, and what was written there before */
    o = sh("{ echo before; %s check %s -q -o /dev/stdout a.pem; } > both.txt", g_bin, NOW);
    assert_int_equal(o.code, 0);
    assert_file("both.txt",
                "before\n1 item: 1 passed, 0 failed; 0 errors, 0 warnings, 0 notices\n");
    free_out(&o);
}

/* The report outgrows the file size limit (RLIMIT_FSIZE, 512 bytes): the old
 * report stays whole and no temporary file is left. */
static void failed_write_keeps_old_target(void **state)
{
    (void)state;
    free(copy_fixture(GOOD, "a.pem"));
    put("report.txt", "the old report\n");
    cli_out o = sh("ulimit -f 1; trap '' XFSZ; %s check %s -o report.txt a.pem a.pem a.pem a.pem",
                   g_bin, NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: -o report.txt: File too large (the old file is kept)\n");
    assert_file("report.txt", "the old report\n");
    assert_no_temp();
    free_out(&o);
    /* and without the limit the report replaces it */
    o = run("check %s -o report.txt a.pem a.pem a.pem a.pem", NOW);
    assert_int_equal(o.code, 0);
    char *rep = slurp(path_of("report.txt"), NULL);
    assert_non_null(rep);
    assert_non_null(strstr(rep, "4 items: 4 passed, 0 failed"));
    free(rep);
    free_out(&o);
}

/* Run argv (a NULL-terminated list) in the case's directory as g_child,
 * stdout and stderr to LOG; wait until port accepts (5 s at most). */
static bool start_server(char *const argv[], int port, const char *log)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (chdir(g_dir) != 0 || freopen(path_of(log), "w", stderr) == NULL ||
            freopen("/dev/null", "r", stdin) == NULL)
            _exit(127);
        dup2(2, 1);
        alarm(60); /* never outlive the test */
        execvp(argv[0], argv);
        _exit(127);
    }
    g_child = pid;
    for (int i = 0; i < 100; i++) {
        if (port_open(port))
            return true;
        if (waitpid(pid, NULL, WNOHANG) == pid) {
            g_child = -1;
            return false;
        }
        struct timespec t = {0, 50000000L};
        nanosleep(&t, NULL);
    }
    return false;
}

/* Run argv like start_server() and wait for it to exit by itself (10 s at
 * most): its exit status, or -1 when it was still running. Mosquitto opens
 * its listening socket before it loads the key, so a broker that refuses
 * the key is seen by its exit, not by the port. */
static int run_server_to_exit(char *const argv[], const char *log)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (chdir(g_dir) != 0 || freopen(path_of(log), "w", stderr) == NULL ||
            freopen("/dev/null", "r", stdin) == NULL)
            _exit(127);
        dup2(2, 1);
        alarm(60); /* never outlive the test */
        execvp(argv[0], argv);
        _exit(127);
    }
    for (int i = 0; i < 200; i++) {
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
        struct timespec t = {0, 50000000L};
        nanosleep(&t, NULL);
    }
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    return -1;
}

/* probe --save to a file that cannot be written: exit 2 with the reason,
 * against a TLS server of our own on 127.0.0.1 (openssl s_server) */
static void probe_save_write_failure(void **state)
{
    (void)state;
    cli_out o = sh("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes "
                   "-keyout srv.key -out srv.pem -subj /CN=localhost -days 11000 2>&1");
    assert_int_equal(o.code, 0);
    free_out(&o);
    int port = free_port();
    char accept[32];
    snprintf(accept, sizeof(accept), "127.0.0.1:%d", port);
    char *argv[] = {"openssl", "s_server", "-quiet", "-accept", accept,
                    "-cert",   "srv.pem",  "-key",   "srv.key", NULL};
    assert_true(start_server(argv, port, "s_server.log"));

    o = run("probe --timeout 10 --fail-on never --save /dev/full 127.0.0.1:%d", port);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(o.text, "1 item: 1 passed"));
    assert_stderr("certfit probe: --save /dev/full: No space left on device\n");
    free_out(&o);

    o = run("probe --timeout 10 --fail-on never --save no-such-dir/chain.pem 127.0.0.1:%d", port);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit probe: --save no-such-dir/chain.pem: No such file or directory\n");
    free_out(&o);

    /* --save and -o naming one file: refused, the old file kept */
    put("chain.pem", "old chain\n");
    o = run("probe --timeout 10 --fail-on never --save chain.pem -o chain.pem 127.0.0.1:%d", port);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit probe: -o chain.pem is also --save chain.pem; nothing written\n");
    assert_file("chain.pem", "old chain\n");
    free_out(&o);

    /* and a writable file gets the chain */
    o = run("probe --timeout 10 --fail-on never --save chain.pem 127.0.0.1:%d", port);
    assert_int_equal(o.code, 0);
    char *chain = slurp(path_of("chain.pem"), NULL);
    char *sent = slurp(path_of("srv.pem"), NULL);
    assert_non_null(chain);
    assert_non_null(sent);
    assert_string_equal(chain, sent);
    free(chain);
    free(sent);
    free_out(&o);
    stop_child();
}

/* ---- a gate that cannot pass on nothing ------------------------------------------- */

static void walk_finds_nothing(void **state)
{
    (void)state;
    assert_int_equal(mkdir(path_of("empty"), 0755), 0);
    free(copy_fixture(GOOD, "a.pem"));
    cli_out o = run("check %s empty", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: no certificate files under empty "
                  "(extensions: pem,crt,cer,der,h)\n");
    free_out(&o);
    /* the other paths are still checked */
    o = run("check %s -f json empty a.pem", NOW);
    assert_int_equal(o.code, 2);
    cJSON *j = cJSON_Parse(o.text);
    assert_non_null(j);
    assert_int_equal((int)num(j, "summary.items"), 2);
    assert_int_equal((int)num(j, "summary.input_errors"), 1);
    assert_string_equal(str(j, "items.0.path"), "empty");
    assert_string_equal(str(j, "items.0.error"),
                        "no certificate files under empty (extensions: pem,crt,cer,der,h)");
    assert_string_equal(str(j, "items.1.path"), "a.pem");
    assert_true(cJSON_IsTrue(at(j, "items.1.passed")));
    cJSON_Delete(j);
    free_out(&o);
}

static void extensions_with_dots(void **state)
{
    (void)state;
    assert_int_equal(mkdir(path_of("certs"), 0755), 0);
    free(copy_fixture(GOOD, "certs/a.pem"));
    free(copy_fixture("gen/chain-root-p384.pem", "certs/b.crt"));
    const char *lists[] = {".pem", "pem", ".pem,.crt", "crt,.pem", ".crt"};
    const int items[] = {1, 1, 2, 2, 1};
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        cli_out o = run("check %s -f json --extensions %s certs", NOW, lists[i]);
        assert_int_equal(o.code, 0);
        cJSON *j = cJSON_Parse(o.text);
        assert_non_null(j);
        assert_int_equal((int)num(j, "summary.items"), items[i]);
        cJSON_Delete(j);
        free_out(&o);
    }
    cli_out o = run("check %s --extensions .der,.cer certs", NOW);
    assert_int_equal(o.code, 2);
    assert_stderr("certfit: no certificate files under certs (extensions: der,cer)\n");
    free_out(&o);
}

/* ---- size --fail-on ---------------------------------------------------------------- */

static void size_fail_on(void **state)
{
    (void)state;
    free(copy_fixture("gen/time-expires-soon.pem", "soon.pem")); /* one warning: expires-soon */
    cli_out o = run("size %s soon.pem", NOW);
    assert_int_equal(o.code, 0); /* size reports */
    free_out(&o);
    o = run("size %s --fail-on warning soon.pem", NOW);
    assert_int_equal(o.code, 1); /* and gates when asked */
    free_out(&o);
    o = run("size %s --fail-on error soon.pem", NOW);
    assert_int_equal(o.code, 0);
    free_out(&o);
    o = run("size %s --fail-on notice -f json soon.pem", NOW);
    assert_int_equal(o.code, 1);
    cJSON *j = cJSON_Parse(o.text);
    assert_non_null(j);
    assert_true(cJSON_IsFalse(at(j, "summary.passed")));
    assert_int_equal((int)num(j, "summary.warnings"), 1);
    cJSON_Delete(j);
    free_out(&o);
}

/* ---- self-signed by names alone ------------------------------------------------------ */

static const char *NOTE = "self-signed was decided by names alone: signatures were not verified "
                          "(--no-signatures)";

/* A certificate whose issuer is its own subject but signed by another key
 * (of a certificate with the same name). */
static void make_forged(void)
{
    put("ext.cnf", "basicConstraints = critical, CA:TRUE\n"
                   "keyUsage = critical, keyCertSign, digitalSignature\n"
                   "subjectKeyIdentifier = hash\n");
    cli_out o = sh("openssl ecparam -name secp384r1 -genkey -noout -out other.key && "
                   "openssl ecparam -name secp384r1 -genkey -noout -out own.key && "
                   "openssl req -x509 -new -key other.key -subj /CN=forged -days 11000 "
                   "-out other.pem && "
                   "openssl req -new -key own.key -subj /CN=forged -out own.csr && "
                   "openssl x509 -req -in own.csr -CA other.pem -CAkey other.key -set_serial 2 "
                   "-days 11000 -sha384 -extfile ext.cnf -out forged.pem 2>&1");
    assert_int_equal(o.code, 0);
    free_out(&o);
}

static void selfsigned_names_only_notice(void **state)
{
    (void)state;
    make_forged();
    /* with signatures: caught */
    cli_out o = run("check -p nrf91-p384-selfsigned -f json forged.pem");
    assert_int_equal(o.code, 1);
    assert_non_null(strstr(o.text, "\"rule\": \"self-signed-signature\""));
    assert_null(strstr(o.text, "\"notes\""));
    free_out(&o);
    /* without: it passes, and says on what grounds */
    o = run("check -p nrf91-p384-selfsigned --no-signatures forged.pem");
    assert_int_equal(o.code, 0);
    char line[300];
    snprintf(line, sizeof(line), "PASS  forged.pem\n  note: %s\n", NOTE);
    assert_non_null(strstr(o.text, line));
    free_out(&o);
    o = run("check -p nrf91-p384-selfsigned --no-signatures -f json forged.pem");
    assert_int_equal(o.code, 0);
    cJSON *j = cJSON_Parse(o.text);
    assert_non_null(j);
    assert_string_equal(str(j, "items.0.notes.0"), NOTE);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.notes")), 1);
    cJSON_Delete(j);
    free_out(&o);
    /* a profile that does not require self-signed has nothing to say */
    o = run("check -p nrf91 --no-signatures forged.pem");
    assert_null(strstr(o.text, "note:"));
    free_out(&o);
}

/* ---- header --name ------------------------------------------------------------------- */

static void header_name_not_a_c_name(void **state)
{
    (void)state;
    free(copy_fixture(GOOD, "ca.pem"));
    static const struct {
        const char *name, *why;
    } cases[] = {
        {"int", "'int' is a C keyword: choose another name"},
        {"bool", "'bool' is a C keyword: choose another name"},
        {"_Foo", "'_Foo' is reserved in C (a leading underscore and a capital letter): choose "
                 "another name"},
        {"a__b", "'a__b' is reserved in C (a double underscore): choose another name"},
        {"9x", "'9x' is not a C identifier (letters, digits, '_'; at most 64)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cli_out o = run("header --name %s %s -o ca.h ca.pem", cases[i].name, NOW);
        assert_int_equal(o.code, 2);
        char want[300];
        snprintf(want, sizeof(want), "certfit header: --name: %s\nTry 'certfit header --help'.\n",
                 cases[i].why);
        assert_stderr(want);
        assert_no_file("ca.h");
        free_out(&o);
    }
    /* near misses are fine */
    cli_out o = run("header --name _foo_Int %s -o ca.h ca.pem", NOW);
    assert_int_equal(o.code, 0);
    free_out(&o);
}

/* ---- mint's instructions -------------------------------------------------------------- */

/* The printed line that starts with prefix (after the indent), without it. */
static char *line_after(const char *text, const char *prefix, char *buf, size_t size)
{
    const char *p = strstr(text, prefix);
    if (p == NULL)
        return NULL;
    p += strlen(prefix);
    size_t n = strcspn(p, "\n");
    snprintf(buf, size, "%.*s", (int)n, p);
    return buf;
}

static void mint_broker_lines(void **state)
{
    (void)state;
    cli_out o = run("mint --cn localhost --dns localhost --ip 127.0.0.1 --key-out broker.key "
                    "--cert-out broker.pem");
    assert_int_equal(o.code, 0);
    char *dir = realpath(g_dir, NULL);
    assert_non_null(dir);
    char want[1200];
    snprintf(want, sizeof(want),
             "mosquitto.conf (the broker serves the certificate):\n"
             "  listener 8883\n"
             "  certfile %s/broker.pem\n"
             "  keyfile %s/broker.key\n"
             "  tls_version tlsv1.2\n"
             "\n"
             "Mosquitto reads these files as its own user ('user' in mosquitto.conf, default\n"
             "mosquitto), not as root, and the key is readable by its owner alone (0600).\n"
             "Give the key to that user before you start the broker:\n"
             "  chown mosquitto: %s/broker.key\n"
             "\n"
             "firmware (the device stores the same certificate as its CA):\n"
             "  certfit header --name CA_CERTIFICATE broker.pem -o ca_certificate.h\n",
             dir, dir, dir);
    if (strstr(o.text, want) == NULL)
        fprintf(stderr, "stdout:\n%s\n", o.text);
    assert_non_null(strstr(o.text, want));
    assert_null(strstr(o.text, "> ca_certificate.h"));
    assert_null(strstr(o.text, "keeps other users out"));
    free(dir);

    /* the header line works as printed */
    char cmd[400];
    assert_non_null(line_after(o.text, "  certfit header ", cmd, sizeof(cmd)));
    cli_out h = run("header %s", cmd);
    assert_int_equal(h.code, 0);
    char *hdr = slurp(path_of("ca_certificate.h"), NULL);
    assert_non_null(hdr);
    assert_non_null(strstr(hdr, "#define CA_CERTIFICATE_LEN "));
    free(hdr);
    free_out(&h);

    /*
     * The broker lines work when followed, with Debian's Mosquitto on
     * 127.0.0.1. Started as root it drops to its user "mosquitto" before it
     * loads the key: first as printed without the chown (refused: the
     * reason the line is there), then after running the printed chown.
     */
    char certfile[300], keyfile[300], tlsv[64], chown_cmd[400], conf[2048];
    assert_non_null(line_after(o.text, "  certfile ", certfile, sizeof(certfile)));
    assert_non_null(line_after(o.text, "  keyfile ", keyfile, sizeof(keyfile)));
    assert_non_null(line_after(o.text, "  tls_version ", tlsv, sizeof(tlsv)));
    assert_non_null(line_after(o.text, "  chown ", chown_cmd, sizeof(chown_cmd)));
    int port = free_port();
    snprintf(conf, sizeof(conf),
             "persistence false\nlog_dest stderr\nallow_anonymous true\n"
             "listener %d 127.0.0.1\ncertfile %s\nkeyfile %s\ntls_version %s\n",
             port, certfile, keyfile, tlsv);
    put("mosquitto.conf", conf);
    char *argv[] = {(char *)g_mosquitto, "-c", "mosquitto.conf", NULL};
    if (geteuid() == 0) {
        int st = run_server_to_exit(argv, "mosquitto-before.log");
        assert_true(st > 0);
        char *log = slurp(path_of("mosquitto-before.log"), NULL);
        assert_non_null(log);
        assert_non_null(strstr(log, "Unable to load server key file"));
        free(log);
        cli_out c = sh("chown %s", chown_cmd);
        assert_int_equal(c.code, 0);
        free_out(&c);
    }
    assert_true(start_server(argv, port, "mosquitto.log"));
    /* a retained message: the subscriber gets it whenever it subscribes,
     * so a loaded machine cannot make it miss the publication */
    cli_out s = sh("timeout 10 mosquitto_pub -h localhost -p %d --cafile broker.pem -t t -r "
                   "-m online && timeout 20 mosquitto_sub -h localhost -p %d --cafile "
                   "broker.pem -t t -C 1 -W 15",
                   port, port);
    assert_int_equal(s.code, 0);
    assert_string_equal(s.text, "online\n");
    free_out(&s);
    stop_child();
    free_out(&o);

    /* files in a directory the broker's user cannot enter: said */
    assert_int_equal(mkdir(path_of("private"), 0700), 0);
    assert_int_equal(chmod(path_of("private"), 0700), 0);
    o = run("mint --cn localhost --key-out private/k.pem --cert-out private/c.pem");
    assert_int_equal(o.code, 0);
    dir = realpath(path_of("private"), NULL);
    assert_non_null(dir);
    snprintf(want, sizeof(want),
             "  chown mosquitto: %s/k.pem\n"
             "  %s (mode 0700) keeps other users out: move both files where the\n"
             "  broker can reach them (e.g. /etc/mosquitto/certs) or open it to that user\n",
             dir, dir);
    assert_non_null(strstr(o.text, want));
    free(dir);
    free_out(&o);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s CERTFIT FIXTURES MOSQUITTO\n", argv[0]);
        return 2;
    }
    g_bin = argv[1];
    g_fx = argv[2];
    g_mosquitto = argv[3];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(check_o_is_input, setup, teardown),
        cmocka_unit_test_setup_teardown(check_o_symlink_to_input, setup, teardown),
        cmocka_unit_test_setup_teardown(check_o_hard_link_to_input, setup, teardown),
        cmocka_unit_test_setup_teardown(check_o_inside_walked_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(check_o_is_stdin, setup, teardown),
        cmocka_unit_test_setup_teardown(check_o_is_policy, setup, teardown),
        cmocka_unit_test_setup_teardown(header_o_is_input, setup, teardown),
        cmocka_unit_test_setup_teardown(mint_key_out_is_cert_out, setup, teardown),
        cmocka_unit_test_setup_teardown(check_o_dev_full, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_write_keeps_old_target, setup, teardown),
        cmocka_unit_test_setup_teardown(probe_save_write_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(walk_finds_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(extensions_with_dots, setup, teardown),
        cmocka_unit_test_setup_teardown(size_fail_on, setup, teardown),
        cmocka_unit_test_setup_teardown(selfsigned_names_only_notice, setup, teardown),
        cmocka_unit_test_setup_teardown(header_name_not_a_c_name, setup, teardown),
        cmocka_unit_test_setup_teardown(mint_broker_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
