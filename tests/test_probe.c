/*
 * certfit probe against a real broker: Debian's mosquitto, started by each
 * test on 127.0.0.1 on a free port with its config and certificates in a
 * temporary directory, and always stopped in the test's teardown.
 * argv[1] = the certfit binary, argv[2] = the fixtures directory,
 * argv[3] = the mosquitto binary (mosquitto_pub/_sub are found on PATH).
 * Every command runs under timeout(1); the test has a ctest TIMEOUT too.
 */
#define _XOPEN_SOURCE 700
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
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

#include "cli_run.h"
#include "json_path.h"
#include <cmocka.h>
#include <mbedtls/base64.h>

static const char *g_bin;
static const char *g_fx;
static const char *g_mosquitto;
static char g_tmp[256];
static const char *NOW = "--now 2026-01-01T00:00:00Z";

/* ---- processes ------------------------------------------------------------- */

static pid_t g_broker = -1;
static pid_t g_server = -1; /* the test's own socket server (non-TLS peers) */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void stop(pid_t *pid)
{
    if (*pid <= 0)
        return;
    kill(*pid, SIGTERM);
    for (int i = 0; i < 50; i++) {
        if (waitpid(*pid, NULL, WNOHANG) == *pid) {
            *pid = -1;
            return;
        }
        sleep_ms(100);
    }
    kill(*pid, SIGKILL);
    waitpid(*pid, NULL, 0);
    *pid = -1;
}

static int teardown(void **state)
{
    (void)state;
    stop(&g_broker);
    stop(&g_server);
    return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 4096)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Copy a fixture into the temp dir (mode 0600 for keys, as a broker keeps them). */
static void copy_fixture(const char *rel, const char *name, mode_t mode)
{
    char src[512], dst[512];
    snprintf(src, sizeof(src), "%s/%s", g_fx, rel);
    snprintf(dst, sizeof(dst), "%s/%s", g_tmp, name);
    char *t = read_all(src, NULL);
    assert_non_null(t);
    write_file(dst, t, mode);
    free(t);
}

/*
 * Start mosquitto with one listener on a free port: `listener` holds the
 * listener's lines (certfile, keyfile, ...). Waits until the port accepts.
 */
static int broker_start(const char *listener)
{
    int port = free_port();
    char conf[4096], path[300], log[300];
    snprintf(conf, sizeof(conf),
             "# written by test_probe\n"
             "%s"
             "per_listener_settings true\n"
             "persistence false\n"
             "log_dest stderr\n"
             "listener %d 127.0.0.1\n"
             "allow_anonymous true\n"
             "%s",
             /* as root mosquitto drops to user "mosquitto", which cannot read 0600 keys */
             geteuid() == 0 ? "user root\n" : "", port, listener);
    snprintf(path, sizeof(path), "%s/mosquitto.conf", g_tmp);
    snprintf(log, sizeof(log), "%s/mosquitto.log", g_tmp);
    write_file(path, conf, 0644);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *l = freopen(log, "w", stderr);
        (void)l;
        dup2(2, 1);
        execl(g_mosquitto, "mosquitto", "-c", path, (char *)NULL);
        fprintf(stderr, "test_probe: cannot run %s: %s (scripts/setup.sh installs mosquitto)\n",
                g_mosquitto, strerror(errno));
        _exit(127);
    }
    g_broker = pid;
    for (int i = 0; i < 100; i++) {
        if (port_open(port))
            return port;
        if (waitpid(pid, NULL, WNOHANG) == pid) {
            g_broker = -1;
            break;
        }
        sleep_ms(50);
    }
    char *l = read_all(log, NULL);
    fprintf(stderr, "mosquitto did not start; its log:\n%s\n", l ? l : "(none)");
    free(l);
    fail();
    return -1;
}

/* A non-TLS peer: accepts one connection at a time and writes `reply`
 * (or nothing when NULL: a peer that never answers). */
static int server_start(const void *reply, size_t reply_len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    socklen_t l = sizeof(a);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &l), 0);
    assert_int_equal(listen(fd, 8), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(60); /* never outlive the test */
        for (;;) {
            int c = accept(fd, NULL, NULL);
            if (c < 0)
                continue;
            if (reply != NULL) {
                char buf[512];
                ssize_t n = read(c, buf, sizeof(buf)); /* the ClientHello */
                (void)n;
                n = write(c, reply, reply_len);
                (void)n;
                close(c);
            }
            /* without a reply the connection stays open and silent */
        }
    }
    close(fd);
    g_server = pid;
    return ntohs(a.sin_port);
}

/* ---- running the CLI --------------------------------------------------------- */

typedef struct out {
    int code;
    char *text;
    double secs;
} out;

static out run(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd %s && timeout 30 %s %s 2>%s/stderr.txt", g_tmp, g_bin, args,
             g_tmp);
    double t0 = now_s();
    cli_out c = cli_capture(cmd);
    out o = {c.code, c.text, now_s() - t0};
    return o;
}

static char *err_text(void)
{
    static char buf[8192];
    char path[300];
    snprintf(path, sizeof(path), "%s/stderr.txt", g_tmp);
    char *t = read_all(path, NULL);
    snprintf(buf, sizeof(buf), "%s", t ? t : "");
    free(t);
    return buf;
}

/* Exit code of a shell command (bounded by the caller's timeout(1)). */
static int sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static cJSON *json_of(const out *o)
{
    cJSON *j = cJSON_Parse(o->text);
    if (j == NULL)
        fprintf(stderr, "invalid JSON:\n%.3000s\nstderr: %s\n", o->text, err_text());
    assert_non_null(j);
    return j;
}

/* The item's rule ids as " id id " for strstr. */
static void rules_of(cJSON *j, char *buf, size_t size)
{
    size_t o = 0;
    buf[o++] = ' ';
    buf[o] = '\0';
    cJSON *f;
    cJSON_ArrayForEach(f, at(j, "items.0.findings"))
    {
        int n = snprintf(buf + o, size - o, "%s ", cJSON_GetObjectItem(f, "rule")->valuestring);
        if (n > 0)
            o += (size_t)n;
    }
}

/* The TLS 1.2 Certificate message the chain file makes, computed here from
 * its own base64: 4 + 3 + sum(3 + der_i) (docs/design.md section 3). */
static unsigned long tls12_of_file(const char *path, int *ncerts)
{
    char *t = read_all(path, NULL);
    assert_non_null(t);
    unsigned long total = 7;
    *ncerts = 0;
    const char *p = t;
    static const char begin[] = "-----BEGIN CERTIFICATE-----", end[] = "-----END CERTIFICATE-----";
    while ((p = strstr(p, begin)) != NULL) {
        p += sizeof(begin) - 1;
        const char *e = strstr(p, end);
        assert_non_null(e);
        unsigned char b64[16384], der[12288];
        size_t n = 0, dl = 0;
        for (const char *q = p; q < e; q++)
            if (*q != '\n' && *q != '\r')
                b64[n++] = (unsigned char)*q;
        assert_int_equal(mbedtls_base64_decode(der, sizeof(der), &dl, b64, n), 0);
        total += 3 + dl;
        (*ncerts)++;
        p = e;
    }
    free(t);
    return total;
}

/* ---- 1. an RSA-4096 chain over 4096 bytes ------------------------------------ */

static void test_bigchain(void **state)
{
    (void)state;
    copy_fixture("gen/bigchain-full.pem", "big-full.pem", 0644);
    copy_fixture("gen/bigchain-server.pem", "big-server.pem", 0644);
    copy_fixture("gen/keys/bigchain-leaf-rsa4096.key", "big-leaf.key", 0600);
    char l[1024];
    snprintf(l, sizeof(l),
             "certfile %s/big-full.pem\nkeyfile %s/big-leaf.key\n"
             "tls_version tlsv1.2\n",
             g_tmp, g_tmp);
    int port = broker_start(l);

    char path[300];
    snprintf(path, sizeof(path), "%s/big-full.pem", g_tmp);
    int n;
    unsigned long want = tls12_of_file(path, &n);
    assert_int_equal(n, 3);
    assert_int_equal(want, 4826); /* fixtures/gen/README.md */

    out o = run("probe %s --format json --save saved.pem 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    char rules[512];
    rules_of(j, rules, sizeof(rules));
    assert_non_null(strstr(rules, " chain-size "));
    assert_non_null(strstr(rules, " root-in-chain "));
    assert_null(strstr(rules, " cipher-suite "));
    assert_int_equal((unsigned long)num(j, "items.0.sizes.tls12_certificate_message"), want);
    assert_int_equal((unsigned long)num(j, "probe.certificate_message_bytes"), want);
    assert_string_equal(str(j, "role"), "server");
    assert_string_equal(str(j, "items.0.format"), "der");
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.certificates")), 3);
    assert_string_equal(str(j, "probe.negotiated.version"), "TLS 1.2");
    assert_true(cJSON_IsTrue(at(j, "probe.handshake")));
    assert_true(cJSON_IsNull(at(j, "probe.alert")));
    assert_string_equal(str(j, "probe.offered.version"), "TLS 1.2");
    /* the finding's own figures */
    cJSON *f;
    bool seen = false;
    cJSON_ArrayForEach(f, at(j, "items.0.findings"))
    {
        if (strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, "chain-size") != 0)
            continue;
        seen = true;
        assert_int_equal((unsigned long)cJSON_GetObjectItem(f, "value")->valuedouble, want);
        assert_int_equal((unsigned long)cJSON_GetObjectItem(f, "limit")->valuedouble, 4096);
        assert_string_equal(cJSON_GetObjectItem(f, "severity")->valuestring, "error");
    }
    assert_true(seen);
    cJSON_Delete(j);
    free(o.text);

    /* --save wrote exactly the chain the broker serves */
    size_t la, lb;
    char *a = read_all(path, &la);
    snprintf(path, sizeof(path), "%s/saved.pem", g_tmp);
    char *b = read_all(path, &lb);
    assert_non_null(b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);

    /* text and SARIF carry the same verdict */
    o = run("probe %s 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 1);
    assert_non_null(strstr(o.text, "negotiated TLS 1.2, TLS-ECDHE-RSA-"));
    assert_non_null(strstr(o.text, "received   Certificate message of 4826 bytes, 3 certificates"));
    assert_non_null(strstr(o.text, "FAIL  127.0.0.1:"));
    assert_non_null(strstr(o.text, "chain-size: TLS 1.2 Certificate message is 4826 bytes; the "
                                   "limit is 4096 (730 over)"));
    free(o.text);
    o = run("probe %s --format sarif 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 1);
    j = json_of(&o);
    assert_string_equal(str(j, "runs.0.results.0.ruleId"), "root-in-chain");
    assert_string_equal(str(j, "runs.0.results.1.ruleId"), "chain-size");
    assert_string_equal(str(j, "runs.0.results.1.level"), "error");
    cJSON_Delete(j);
    free(o.text);
    /* --skip and --fail-on work as in check */
    o = run("probe %s --skip chain-size -q 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 0);
    free(o.text);
    o = run("probe %s --skip chain-size --fail-on warning -q 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 1);
    free(o.text);
    stop(&g_broker);

    /* the fix: serve leaf + intermediate only */
    snprintf(l, sizeof(l),
             "certfile %s/big-server.pem\nkeyfile %s/big-leaf.key\n"
             "tls_version tlsv1.2\n",
             g_tmp, g_tmp);
    port = broker_start(l);
    snprintf(path, sizeof(path), "%s/big-server.pem", g_tmp);
    want = tls12_of_file(path, &n);
    assert_int_equal(n, 2);
    o = run("probe %s -f json 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 0);
    j = json_of(&o);
    assert_int_equal((unsigned long)num(j, "items.0.sizes.tls12_certificate_message"), want);
    assert_int_equal(want, 3261);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.findings")), 0);
    cJSON_Delete(j);
    free(o.text);
    /* --host defaults to HOST: the leaf has IP:127.0.0.1 but not this name */
    o = run("probe %s -f json --host broker.example.com 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 1);
    j = json_of(&o);
    rules_of(j, rules, sizeof(rules));
    assert_string_equal(rules, " hostname-mismatch ");
    cJSON_Delete(j);
    free(o.text);
}

/* ---- 2. the minted P-384 certificate, and real MQTT over it -------------------- */

static void mint(void)
{
    out o = run("mint --cn localhost --dns localhost --ip 127.0.0.1 --force "
                "--key-out broker.key --cert-out broker.pem");
    assert_int_equal(o.code, 0);
    free(o.text);
}

/* Mint a certificate and start a broker serving it: TLS `version`, plus
 * the listener lines in `extra`. Returns the port. */
static int minted_broker(const char *version, const char *extra)
{
    mint();
    char l[1024];
    snprintf(l, sizeof(l), "certfile %s/broker.pem\nkeyfile %s/broker.key\ntls_version %s\n%s",
             g_tmp, g_tmp, version, extra);
    return broker_start(l);
}

static void test_minted(void **state)
{
    (void)state;
    int port = minted_broker("tlsv1.2", "");
    out o = run("probe --profile nrf91-p384-selfsigned -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.findings")), 0);
    assert_true(cJSON_IsTrue(at(j, "summary.passed")));
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.certificates")), 1);
    assert_string_equal(str(j, "items.0.certificates.0.key.curve"), "secp384r1");
    assert_string_equal(str(j, "items.0.certificates.0.signature_algorithm"), "ecdsa-with-SHA384");
    /* an ECDSA suite of the modem's list: the server chose C024 or C02B-class */
    const char *suite = str(j, "probe.negotiated.cipher_suite");
    assert_non_null(strstr(" C024 C00A C023 C009 C02B ", suite));
    assert_int_equal((unsigned long)num(j, "probe.certificate_message_bytes"),
                     (unsigned long)num(j, "items.0.sizes.tls12_certificate_message"));
    cJSON_Delete(j);
    free(o.text);

    /* MQTT over TLS with the minted certificate as the client's CA: a
     * retained message, so the subscriber cannot miss it */
    assert_int_equal(sh("cd %s && timeout 15 mosquitto_pub -h 127.0.0.1 -p %d --cafile broker.pem "
                        "-t certfit/probe -m 'hello from certfit' -r -q 1 >%s/pub.txt 2>&1",
                        g_tmp, port, g_tmp),
                     0);
    assert_int_equal(sh("cd %s && timeout 15 mosquitto_sub -h 127.0.0.1 -p %d --cafile broker.pem "
                        "-t certfit/probe -C 1 -W 10 >%s/sub.txt 2>&1",
                        g_tmp, port, g_tmp),
                     0);
    char path[300];
    snprintf(path, sizeof(path), "%s/sub.txt", g_tmp);
    char *got = read_all(path, NULL);
    assert_non_null(got);
    assert_string_equal(got, "hello from certfit\n");
    free(got);
    /* and a client that does not trust it is refused (the check is real) */
    copy_fixture("gen/chain-root-p384.pem", "other-ca.pem", 0644);
    assert_int_not_equal(sh("cd %s && timeout 15 mosquitto_sub -h 127.0.0.1 -p %d --cafile "
                            "other-ca.pem -t certfit/probe -C 1 -W 5 >/dev/null 2>&1",
                            g_tmp, port),
                         0);
}

/* ---- 2b. --ca: would a device holding these anchors connect? -------------------- */

/* A broker serving leaf + intermediate (tests/trust_chains.sh): trusted by
 * root A, anchor-missing with root B; serving the leaf alone, the issuer the
 * chain needs is named; the chain saved by --save picks the root to keep
 * from a CA credential of two roots. */
static void test_trust_ca(void **state)
{
    (void)state;
    assert_int_equal(sh("sh %s/../tests/trust_chains.sh %s/tc", g_fx, g_tmp), 0);
    char l[1024];
    snprintf(l, sizeof(l), "certfile %s/tc/chain-li.pem\nkeyfile %s/tc/leaf.key\n", g_tmp, g_tmp);
    int port = broker_start(l);
    out o = run("probe --ca tc/root-a.pem --save served.pem -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 0);
    cJSON *j = json_of(&o);
    assert_true(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_string_equal(str(j, "items.0.trust.anchor.file"), "tc/root-a.pem");
    assert_string_equal(str(j, "items.0.trust.anchor.subject"), "CN=Trust Test Root A");
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.path")), 2);
    cJSON_Delete(j);
    free(o.text);

    o = run("probe --ca tc/root-b.pem -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    j = json_of(&o);
    assert_false(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_string_equal(str(j, "items.0.findings.0.rule"), "anchor-missing");
    assert_non_null(strstr(str(j, "items.0.findings.0.message"), "it needs Trust Test Root A"));
    cJSON_Delete(j);
    free(o.text);

    o = run("probe --ca tc/root-a.pem 127.0.0.1:%d", port);
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "  trusted by tc/root-a.pem (CN=Trust Test Root A), "
                                   "certificate 0; path [0..1]\n"));
    free(o.text);

    /* the reverse, from the saved chain: of root B + root A, keep A */
    assert_int_equal(sh("cd %s && cat tc/root-b.pem tc/root-a.pem >slot.pem", g_tmp), 0);
    o = run("check --server-chain served.pem -f json slot.pem");
    assert_int_equal(o.code, 0);
    j = json_of(&o);
    assert_string_equal(str(j, "items.0.findings.0.rule"), "ca-slot-bundle");
    assert_string_equal(str(j, "items.0.findings.0.message"),
                        "the CA credential holds 2 certificates; the server's chain needs only "
                        "certificate 1 (Trust Test Root A)");
    cJSON_Delete(j);
    free(o.text);
    stop(&g_broker);

    /* a broker that leaves its intermediate out */
    snprintf(l, sizeof(l), "certfile %s/tc/chain-l.pem\nkeyfile %s/tc/leaf.key\n", g_tmp, g_tmp);
    port = broker_start(l);
    o = run("probe --ca tc/root-a.pem -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    j = json_of(&o);
    assert_string_equal(str(j, "items.0.findings.0.rule"), "anchor-missing");
    assert_non_null(
        strstr(str(j, "items.0.findings.0.message"), "it needs Trust Test Intermediate"));
    assert_non_null(
        strstr(str(j, "items.0.findings.0.fix"),
               "if Trust Test Intermediate is an intermediate, the server must send it"));
    cJSON_Delete(j);
    free(o.text);
}

/* ---- 3. a suite the modem lacks ------------------------------------------------ */

static void test_cipher_suite(void **state)
{
    (void)state;
    int port = minted_broker("tlsv1.2", "ciphers ECDHE-ECDSA-AES256-GCM-SHA384\n");
    out o = run("probe -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    char rules[512];
    rules_of(j, rules, sizeof(rules));
    assert_string_equal(rules, " cipher-suite ");
    assert_string_equal(str(j, "items.0.findings.0.severity"), "error");
    assert_non_null(strstr(str(j, "items.0.findings.0.message"), "handshake_failure (40)"));
    assert_int_equal((int)num(j, "probe.alert.description"), 40);
    assert_string_equal(str(j, "probe.alert.name"), "handshake_failure");
    assert_true(cJSON_IsFalse(at(j, "probe.handshake")));
    assert_true(cJSON_IsNull(at(j, "probe.negotiated")));
    assert_true(cJSON_IsNull(at(j, "items.0.sizes")));
    /* exactly the modem's offer went out: 14 suites and the SCSV, no C02C */
    static const char *const modem[] = {"C024", "C00A", "C023", "C009", "C014",
                                        "C027", "C013", "008D", "00AE", "008C",
                                        "C0A8", "C02B", "C030", "C02F", "00FF"};
    cJSON *list = at(j, "probe.offered.cipher_suites");
    assert_int_equal(cJSON_GetArraySize(list), 15);
    for (int i = 0; i < 15; i++)
        assert_string_equal(cJSON_GetArrayItem(list, i)->valuestring, modem[i]);
    cJSON_Delete(j);
    free(o.text);

    o = run("probe 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    assert_non_null(strstr(o.text, "server     alert handshake_failure (40) in answer to the "
                                   "ClientHello"));
    assert_non_null(strstr(o.text, "cipher-suite: server: alert handshake_failure (40) to the 14 "
                                   "modem suites"));
    free(o.text);
    o = run("probe -f sarif 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    j = json_of(&o);
    assert_string_equal(str(j, "runs.0.results.0.ruleId"), "cipher-suite");
    cJSON_Delete(j);
    free(o.text);
    o = run("probe --fail-on never -q 127.0.0.1:%d", port);
    assert_int_equal(o.code, 0);
    free(o.text);
    /* a policy can lower it like any rule */
    char pol[300];
    snprintf(pol, sizeof(pol), "%s/policy.txt", g_tmp);
    write_file(pol, "severity.cipher-suite = warning\n", 0644);
    o = run("probe --policy policy.txt -f json 127.0.0.1:%d", port);
    if (o.code != 0)
        fprintf(stderr, "policy run: %s\n", err_text());
    assert_int_equal(o.code, 0);
    j = json_of(&o);
    assert_string_equal(str(j, "items.0.findings.0.severity"), "warning");
    cJSON_Delete(j);
    free(o.text);
}

/* ---- 4. TLS 1.3 only ------------------------------------------------------------- */

static void test_tls_version(void **state)
{
    (void)state;
    int port = minted_broker("tlsv1.3", "");
    out o = run("probe -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    char rules[512];
    rules_of(j, rules, sizeof(rules));
    assert_string_equal(rules, " tls-version ");
    assert_int_equal((int)num(j, "probe.alert.description"), 70);
    assert_string_equal(str(j, "probe.alert.name"), "protocol_version");
    assert_non_null(strstr(str(j, "items.0.findings.0.message"), "protocol_version (70)"));
    cJSON_Delete(j);
    free(o.text);
    o = run("probe 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    assert_non_null(strstr(o.text, "FAIL  127.0.0.1:"));
    assert_non_null(strstr(o.text, "tls-version: server: alert protocol_version (70) to a TLS 1.2 "
                                   "ClientHello"));
    free(o.text);
}

/* ---- 5. peers that are not TLS servers -------------------------------------------- */

static void expect_error(out o, const char *needle, double max_secs)
{
    const char *e = err_text();
    if (o.code != 2 || strstr(e, needle) == NULL)
        fprintf(stderr, "exit %d after %.1f s, stderr: %s\n", o.code, o.secs, e);
    assert_int_equal(o.code, 2);
    assert_non_null(strstr(e, needle));
    assert_string_equal(o.text, ""); /* nothing on stdout */
    /* one line */
    assert_non_null(strchr(e, '\n'));
    assert_string_equal(strchr(e, '\n'), "\n");
    assert_true(o.secs < max_secs);
    free(o.text);
}

static void test_not_tls(void **state)
{
    (void)state;
    /* a plain MQTT listener: it drops the ClientHello */
    int port = broker_start("");
    out o = run("probe --timeout 5 127.0.0.1:%d", port);
    expect_error(o, "without answering the TLS ClientHello: not a TLS server", 5.0);
    o = run("probe -f json --timeout 5 127.0.0.1:%d", port);
    expect_error(o, "not a TLS server", 5.0);
    stop(&g_broker);

    /* a closed port */
    port = free_port();
    o = run("probe --timeout 5 127.0.0.1:%d", port);
    expect_error(o, "cannot connect to 127.0.0.1:", 5.0);
    assert_true(port > 0);

    /* a peer that answers with something else */
    static const char http[] = "HTTP/1.1 400 Bad Request\r\n\r\n";
    port = server_start(http, sizeof(http) - 1);
    o = run("probe --timeout 5 127.0.0.1:%d", port);
    expect_error(o,
                 "is not a TLS server: its first bytes are not a TLS record (48 54 54 50 2f "
                 "'HTTP/')",
                 5.0);
    stop(&g_server);

    /* a peer that accepts and never answers: the timeout holds */
    port = server_start(NULL, 0);
    o = run("probe --timeout 2 127.0.0.1:%d", port);
    assert_true(o.secs >= 1.5);
    expect_error(o, "no TLS handshake within the 2-second timeout (0 bytes received)", 4.0);
    stop(&g_server);

    /* a name that does not resolve (RFC 6761: .invalid never does) */
    o = run("probe --timeout 5 no-such-broker.invalid");
    expect_error(o, "cannot resolve 'no-such-broker.invalid'", 25.0);
}

/* ---- the bytes on the wire, from a scripted server ---------------------------- */

/* The DER of the first certificate in a fixture. */
static size_t der_of(const char *rel, unsigned char *der, size_t size)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", g_fx, rel);
    char *t = read_all(path, NULL);
    assert_non_null(t);
    const char *p = strstr(t, "-----BEGIN CERTIFICATE-----");
    assert_non_null(p);
    p += 27;
    const char *e = strstr(p, "-----END CERTIFICATE-----");
    assert_non_null(e);
    unsigned char b64[16384];
    size_t n = 0, dl = 0;
    for (; p < e; p++)
        if (*p != '\n' && *p != '\r')
            b64[n++] = (unsigned char)*p;
    assert_int_equal(mbedtls_base64_decode(der, size, &dl, b64, n), 0);
    free(t);
    return dl;
}

static size_t put24(unsigned char *p, size_t v)
{
    p[0] = (unsigned char)(v >> 16);
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)v;
    return 3;
}

/* One handshake record: ServerHello (version, suite C02B, renegotiation_info)
 * and, when der != NULL, a Certificate message with that one certificate. */
static size_t server_flight(unsigned char *rec, unsigned version, const unsigned char *der,
                            size_t der_len)
{
    unsigned char *p = rec + 5;
    size_t o = 0;
    static const unsigned char tail[] = {0x00, 0xC0, 0x2B, 0x00, 0x00, 0x05,
                                         0xFF, 0x01, 0x00, 0x01, 0x00};
    p[o++] = 2; /* ServerHello */
    o += put24(p + o, 2 + 32 + sizeof(tail));
    p[o++] = (unsigned char)(version >> 8);
    p[o++] = (unsigned char)version;
    for (int i = 0; i < 32; i++)
        p[o++] = (unsigned char)(0x40 + i);
    memcpy(p + o, tail, sizeof(tail)); /* empty session id, C02B, no compression, ext */
    o += sizeof(tail);
    if (der != NULL) {
        p[o++] = 11; /* Certificate */
        o += put24(p + o, 3 + 3 + der_len);
        o += put24(p + o, 3 + der_len);
        o += put24(p + o, der_len);
        memcpy(p + o, der, der_len);
        o += der_len;
    }
    rec[0] = 22;
    rec[1] = 3;
    rec[2] = 3;
    rec[3] = (unsigned char)(o >> 8);
    rec[4] = (unsigned char)o;
    return 5 + o;
}

static void test_wire(void **state)
{
    (void)state;
    static unsigned char der[8192], flight[9000];
    /* an Ed25519 certificate: Mbed TLS's X.509 parser refuses it and aborts
     * the handshake, certfit still lints what was sent */
    size_t dl = der_of("gen/key-ed25519.pem", der, sizeof(der));
    size_t fl = server_flight(flight, 0x0303, der, dl);
    int port = server_start(flight, fl);
    out o = run("probe %s -f json --save wire.pem 127.0.0.1:%d", NOW, port);
    assert_int_equal(o.code, 1);
    cJSON *j = json_of(&o);
    char rules[512];
    rules_of(j, rules, sizeof(rules));
    assert_non_null(strstr(rules, " key-algorithm "));
    assert_string_equal(str(j, "items.0.certificates.0.key.type"), "ed25519");
    assert_int_equal((unsigned long)num(j, "items.0.certificates.0.der_bytes"), dl);
    assert_int_equal((unsigned long)num(j, "probe.certificate_message_bytes"), 4 + 3 + 3 + dl);
    assert_int_equal((unsigned long)num(j, "items.0.sizes.tls12_certificate_message"),
                     4 + 3 + 3 + dl);
    assert_true(cJSON_IsFalse(at(j, "probe.handshake")));
    assert_string_equal(str(j, "probe.negotiated.cipher_suite"), "C02B");
    assert_true(cJSON_IsString(at(j, "probe.handshake_error")));
    assert_non_null(strstr(err_text(), "note: the handshake failed after the Certificate message"));
    cJSON_Delete(j);
    free(o.text);
    /* --save wrote the certificate as sent: the same DER */
    char path[300];
    snprintf(path, sizeof(path), "%s/wire.pem", g_tmp);
    char *a = read_all(path, NULL);
    snprintf(path, sizeof(path), "%s/gen/key-ed25519.pem", g_fx);
    char *b = read_all(path, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(strstr(b, a)); /* the fixture may carry text before its block */
    free(a);
    free(b);
    stop(&g_server);

    /* a server that answers TLS 1.0 */
    fl = server_flight(flight, 0x0301, NULL, 0);
    port = server_start(flight, fl);
    o = run("probe -f json 127.0.0.1:%d", port);
    assert_int_equal(o.code, 1);
    j = json_of(&o);
    rules_of(j, rules, sizeof(rules));
    assert_string_equal(rules, " tls-version ");
    assert_string_equal(str(j, "items.0.findings.0.message"),
                        "server answered TLS 1.0 to a TLS 1.2 ClientHello");
    assert_string_equal(str(j, "probe.negotiated.version"), "TLS 1.0");
    cJSON_Delete(j);
    free(o.text);
}

static void test_usage(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "probe",
        "probe 127.0.0.1:0",
        "probe 127.0.0.1:65536",
        "probe 127.0.0.1:x",
        "probe --timeout 0 127.0.0.1",
        "probe --timeout ten 127.0.0.1",
        "probe --role ca 127.0.0.1",
        "probe 127.0.0.1 -r server",
        "probe --role=server 127.0.0.1",
        "probe a b",
        "probe --profile nope 127.0.0.1",
        "probe '[::1' ",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        out o = run("%s", bad[i]);
        if (o.code != 2)
            fprintf(stderr, "'%s' exited %d\n", bad[i], o.code);
        assert_int_equal(o.code, 2);
        /* a usage error, not a failed connection */
        assert_non_null(strstr(err_text(), "certfit probe: "));
        assert_non_null(strstr(err_text(), "Try 'certfit probe --help'."));
        free(o.text);
    }
    out o = run("probe --help");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "usage: certfit probe [options] HOST[:PORT]"));
    assert_non_null(strstr(o.text, "--timeout SECONDS"));
    free(o.text);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(g_tmp, sizeof(g_tmp), "/tmp/certfit-probe-XXXXXX");
    return mkdtemp(g_tmp) == NULL ? -1 : 0;
}

static int group_teardown(void **state)
{
    (void)state;
    stop(&g_broker);
    stop(&g_server);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_tmp);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_probe CERTFIT FIXTURES MOSQUITTO\n");
        return 2;
    }
    /* the commands run in the temp dir: absolute paths */
    static char bin[PATH_MAX], fx[PATH_MAX];
    if (realpath(argv[1], bin) == NULL || realpath(argv[2], fx) == NULL) {
        fprintf(stderr, "test_probe: %s or %s: %s\n", argv[1], argv[2], strerror(errno));
        return 2;
    }
    g_bin = bin;
    g_fx = fx;
    g_mosquitto = argv[3];
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_bigchain, teardown),
        cmocka_unit_test_teardown(test_minted, teardown),
        cmocka_unit_test_teardown(test_trust_ca, teardown),
        cmocka_unit_test_teardown(test_cipher_suite, teardown),
        cmocka_unit_test_teardown(test_tls_version, teardown),
        cmocka_unit_test_teardown(test_not_tls, teardown),
        cmocka_unit_test_teardown(test_wire, teardown),
        cmocka_unit_test_teardown(test_usage, teardown),
    };
    return cmocka_run_group_tests_name("probe", tests, group_setup, group_teardown);
}
