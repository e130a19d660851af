/*
 * "Will the device connect?" through the binary (issue 18): check --role
 * server --ca, check --role ca --server-chain, ca-slot-bundle on several
 * roots, the credential types of a firmware header, and the usage errors.
 * Chains come from tests/trust_chains.sh (openssl) in a temporary
 * directory; the roots from Debian's ca-certificates; the course chain from
 * fixtures/real. No network.
 * argv[1] = the certfit binary, argv[2] = the fixtures directory.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cli_run.h"
#include "json_path.h"
#include <cmocka.h>

#define MOZILLA "/usr/share/ca-certificates/mozilla/"

static const char *g_bin;
static const char *g_fx;
static char g_tmp[256];

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

/* certfit ARGS in the temporary directory; stderr to stderr.txt */
static cli_out run(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd %s && timeout 60 %s %s 2>stderr.txt", g_tmp, g_bin, args);
    return cli_capture(cmd);
}

static char *file_text(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", g_tmp, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static cJSON *json(cli_out *o)
{
    cJSON *j = cJSON_Parse(o->text);
    if (j == NULL)
        fprintf(stderr, "invalid JSON:\n%.2000s\n", o->text);
    assert_non_null(j);
    return j;
}

/* The first finding of item i with this rule, or NULL. */
static cJSON *finding(cJSON *j, int item, const char *rule)
{
    char path[64];
    snprintf(path, sizeof(path), "items.%d.findings", item);
    cJSON *f;
    cJSON_ArrayForEach(f, at(j, path))
    {
        if (strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, rule) == 0)
            return f;
    }
    return NULL;
}

static int count_rule(cJSON *j, int item, const char *rule)
{
    char path[64];
    snprintf(path, sizeof(path), "items.%d.findings", item);
    int n = 0;
    cJSON *f;
    cJSON_ArrayForEach(f, at(j, path))
    {
        n += strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, rule) == 0;
    }
    return n;
}

static const char *now_plus_days(int days)
{
    static char buf[32];
    time_t t = time(NULL) + (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%dT00:00:00Z", &tm);
    return buf;
}

/* ---- check --role server --ca ------------------------------------------------ */

/* The course case: ISRG Root X1 anchors leaf + R3 at a date they were valid;
 * the 2024-10 RootCA does not: anchor-missing names ISRG Root X1 and its
 * 1939-byte credential (from the system's trust store, the default). */
static void test_course(void **state)
{
    (void)state;
    assert_int_equal(sh("awk '/BEGIN/{n++} n<=2' %s/real/academy-mqtt-2024-06-bundle.pem "
                        ">%s/course-chain.pem",
                        g_fx, g_tmp),
                     0);
    cli_out o = run("check -r server --now 2024-06-15T00:00:00Z --ca " MOZILLA
                    "ISRG_Root_X1.crt -f json course-chain.pem");
    assert_int_equal(o.code, 0);
    cJSON *j = json(&o);
    assert_true(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_string_equal(str(j, "items.0.trust.anchor.file"), MOZILLA "ISRG_Root_X1.crt");
    assert_int_equal((int)num(j, "items.0.trust.anchor.index"), 0);
    assert_string_equal(str(j, "items.0.trust.anchor.subject"),
                        "CN=ISRG Root X1,O=Internet Security Research Group,C=US");
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.path")), 2);
    assert_int_equal((int)num(j, "items.0.trust.path.1"), 1);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.anchors")), 1);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.findings")), 0);
    cJSON_Delete(j);
    free(o.text);

    o = run(
        "check -r server --now 2024-06-15T00:00:00Z --ca %s/real/academy-mqtt-2024-10-rootca.pem "
        "-f json course-chain.pem",
        g_fx);
    assert_int_equal(o.code, 1);
    j = json(&o);
    assert_false(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_true(cJSON_IsNull(at(j, "items.0.trust.anchor")));
    cJSON *f = finding(j, 0, "anchor-missing");
    assert_non_null(f);
    assert_string_equal(str(f, "severity"), "error");
    assert_int_equal((int)num(f, "certificate"), 1);
    assert_int_equal((int)num(f, "limit"), 1939);
    assert_non_null(
        strstr(str(f, "message"), "it needs ISRG Root X1 (the issuer of certificate 1)"));
    assert_non_null(strstr(str(f, "message"), "CN=RootCA,OU=Academy,O=NordicSemi"));
    assert_string_equal(str(f, "fix"),
                        "provision ISRG Root X1 as the CA credential: 1939 bytes (it "
                        "is in the trust store /etc/ssl/certs/ca-certificates.crt)");
    cJSON_Delete(j);
    free(o.text);

    /* text: the verdict line and the trust line */
    o = run("check -r server --now 2024-06-15T00:00:00Z --ca " MOZILLA
            "ISRG_Root_X1.crt course-chain.pem");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "  trusted by " MOZILLA "ISRG_Root_X1.crt (CN=ISRG Root X1,"
                                   "O=Internet Security Research Group,C=US), certificate 0; "
                                   "path [0..1]\n"));
    free(o.text);
}

/* Generated chains: an intermediate under a root, a cross-sign of that
 * root by another, the intermediate left out, the leaf alone. */
static void test_generated(void **state)
{
    (void)state;
    cli_out o = run("check -r server --ca root-a.pem -f json chain-li.pem");
    assert_int_equal(o.code, 0);
    cJSON *j = json(&o);
    assert_true(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_string_equal(str(j, "items.0.trust.anchor.subject"), "CN=Trust Test Root A");
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.path")), 2);
    cJSON_Delete(j);
    free(o.text);

    /* the cross-signed copy of A served last: B anchors the whole chain,
     * A anchors it at the intermediate */
    o = run("check -r server --ca root-b.pem -f json chain-lix.pem");
    assert_int_equal(o.code, 0);
    j = json(&o);
    assert_true(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_string_equal(str(j, "items.0.trust.anchor.subject"), "CN=Trust Test Root B");
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.path")), 3);
    cJSON_Delete(j);
    free(o.text);
    o = run("check -r server --ca root-b.pem --ca root-a.pem -f json chain-lix.pem");
    assert_int_equal(o.code, 0);
    j = json(&o);
    assert_string_equal(str(j, "items.0.trust.anchor.file"), "root-a.pem");
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.path")), 2);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.anchors")), 2);
    assert_string_equal(str(j, "items.0.trust.anchors.0.file"), "root-b.pem");
    cJSON_Delete(j);
    free(o.text);
    /* the cross-signed copy as the device's anchor: same subject and key */
    o = run("check -r server --ca cross-a.pem -f json chain-li.pem");
    assert_int_equal(o.code, 0);
    j = json(&o);
    assert_string_equal(str(j, "items.0.trust.anchor.file"), "cross-a.pem");
    cJSON_Delete(j);
    free(o.text);

    /* the intermediate left out of leaf + root */
    o = run("check -r server --ca root-a.pem -f json chain-la.pem");
    assert_int_equal(o.code, 1);
    j = json(&o);
    cJSON *f = finding(j, 0, "chain-incomplete");
    assert_non_null(f);
    assert_int_equal((int)num(f, "certificate"), 0);
    assert_string_equal(str(f, "message"),
                        "certificate 0 is issued by Trust Test Intermediate, which is neither the "
                        "next served certificate (1) nor a CA credential: an intermediate is "
                        "missing");
    assert_int_equal(count_rule(j, 0, "anchor-missing"), 0);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.path")), 1);
    assert_false(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    cJSON_Delete(j);
    free(o.text);

    /* the wrong root: anchor-missing names the one needed; a trust store
     * that holds it gives its size (root A: 421 bytes DER -> 632 of PEM) */
    assert_int_equal(sh("cd %s && cat root-b.pem root-a.pem >store.pem", g_tmp), 0);
    o = run("check -r server --ca root-b.pem --trust-store store.pem -f json chain-li.pem");
    assert_int_equal(o.code, 1);
    j = json(&o);
    f = finding(j, 0, "anchor-missing");
    assert_non_null(f);
    assert_int_equal((int)num(f, "certificate"), 1);
    assert_non_null(
        strstr(str(f, "message"), "it needs Trust Test Root A (the issuer of certificate 1)"));
    assert_non_null(
        strstr(str(f, "message"), ": CN=Trust Test Root B (root-b.pem, certificate 0)"));
    char fix[200];
    snprintf(fix, sizeof(fix),
             "provision Trust Test Root A as the CA credential: %d bytes (it is in the trust "
             "store store.pem)",
             (int)num(f, "limit"));
    assert_string_equal(str(f, "fix"), fix);
    cJSON_Delete(j);
    free(o.text);
    o = run("size -f json root-a.pem");
    j = json(&o);
    int root_a_pem = (int)num(j, "items.0.sizes.pem_canonical");
    cJSON_Delete(j);
    free(o.text);
    o = run("check -r server --ca root-b.pem --trust-store store.pem -f json chain-li.pem");
    j = json(&o);
    assert_int_equal((int)num(finding(j, 0, "anchor-missing"), "limit"), root_a_pem);
    cJSON_Delete(j);
    free(o.text);

    /* --skip anchor-missing: the run passes, the item is still not trusted */
    o = run("check -r server --ca root-b.pem --skip anchor-missing -f json chain-li.pem");
    assert_int_equal(o.code, 0);
    j = json(&o);
    assert_false(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    cJSON_Delete(j);
    free(o.text);

    /* --no-signatures: the same path by names and key identifiers */
    o = run("check -r server --no-signatures --ca root-a.pem -f json chain-li.pem");
    assert_int_equal(o.code, 0);
    free(o.text);
}

/* The anchor that completes the path expired at --now: expired with the
 * anchor's file and index; not trusted. */
static void test_expired_anchor(void **state)
{
    (void)state;
    cli_out o =
        run("check -r server --ca root-e.pem --now %s -f json chain-e.pem", now_plus_days(60));
    assert_int_equal(o.code, 1);
    cJSON *j = json(&o);
    cJSON *f = finding(j, 0, "expired");
    assert_non_null(f);
    assert_true(cJSON_IsNull(at(f, "certificate")));
    assert_non_null(strstr(str(f, "message"), "the anchor Trust Test Root E expired "));
    assert_non_null(strstr(str(f, "message"), " (root-e.pem, certificate 0)"));
    assert_int_equal(count_rule(j, 0, "expired"), 1); /* the served ones are valid */
    assert_string_equal(str(j, "items.0.trust.anchor.file"), "root-e.pem");
    assert_false(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    cJSON_Delete(j);
    free(o.text);
    o = run("check -r server --ca root-e.pem --now %s -f json chain-e.pem", now_plus_days(1));
    assert_int_equal(o.code, 0);
    j = json(&o);
    assert_true(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    cJSON_Delete(j);
    free(o.text);
}

/* ---- agreement with OpenSSL ------------------------------------------------------ */

/* certfit's "trusted" against `openssl verify -partial_chain` (any
 * certificate of -CAfile is an anchor, as a device's CA credential is) with
 * the served chain's leaf as the target and the rest as -untrusted, at the
 * same time. */
static void test_openssl_agreement(void **state)
{
    (void)state;
    static const struct {
        const char *ca, *chain;
        int days; /* --now: midnight UTC, today + days (the chains are made today) */
        bool trusted;
    } k[] = {
        {"root-a.pem", "chain-li.pem", 1, true},  {"root-b.pem", "chain-lix.pem", 1, true},
        {"root-a.pem", "chain-lix.pem", 1, true}, {"cross-a.pem", "chain-li.pem", 1, true},
        {"root-a.pem", "chain-la.pem", 1, false}, {"root-b.pem", "chain-li.pem", 1, false},
        {"root-a.pem", "chain-l.pem", 1, false},  {"root-e.pem", "chain-e.pem", 60, false},
        {"root-e.pem", "chain-e.pem", 2, true},   {"root-b.pem", "chain-e.pem", 1, false},
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        const char *now = now_plus_days(k[i].days);
        cli_out o = run("check -r server --ca %s --now %s -f json %s", k[i].ca, now, k[i].chain);
        cJSON *j = json(&o);
        bool trusted = cJSON_IsTrue(at(j, "items.0.trust.trusted"));
        cJSON_Delete(j);
        free(o.text);
        long t = (long)time(NULL) + (long)k[i].days * 86400;
        t -= t % 86400; /* now_plus_days() is midnight UTC */
        int v =
            sh("cd %s && awk '/BEGIN/{n++} n==1' %s >v-leaf.pem && awk '/BEGIN/{n++} n>1' %s "
               ">v-rest.pem && if [ -s v-rest.pem ]; then u='-untrusted v-rest.pem'; else u=''; "
               "fi && openssl verify -partial_chain -attime %ld -CAfile %s $u v-leaf.pem "
               ">/dev/null 2>&1",
               g_tmp, k[i].chain, k[i].chain, t, k[i].ca);
        if (trusted != k[i].trusted || (v == 0) != k[i].trusted)
            fail_msg("%s against --ca %s: certfit %s, openssl verify %d, expected %s", k[i].chain,
                     k[i].ca, trusted ? "trusted" : "not trusted", v,
                     k[i].trusted ? "trusted" : "not trusted");
    }
}

/* ---- check --role ca --server-chain, ca-slot-bundle ---------------------------- */

static void test_server_chain(void **state)
{
    (void)state;
    assert_int_equal(
        sh("cat " MOZILLA "ISRG_Root_X1.crt " MOZILLA "ISRG_Root_X2.crt >%s/x1x2.pem", g_tmp), 0);
    /* two unrelated roots: said so, not "the anchor" */
    cli_out o = run("check -f json x1x2.pem");
    assert_int_equal(o.code, 0);
    cJSON *j = json(&o);
    cJSON *f = finding(j, 0, "ca-slot-bundle");
    assert_non_null(f);
    assert_string_equal(str(f, "message"), "2 unrelated roots: keep the one the server chains to");
    assert_true(cJSON_IsNull(at(f, "certificate")));
    assert_int_equal((int)num(f, "limit"), 790);
    assert_string_equal(str(j, "items.0.type"), "ca");
    cJSON_Delete(j);
    free(o.text);

    /* text: each root with the slot's weight holding it alone */
    o = run("check x1x2.pem");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "\n            alone: [0] 1939 bytes, [1] 790 bytes\n"));
    free(o.text);

    /* the server's chain names the one to keep and the slot's weight with it alone */
    o = run("check --now 2024-06-15T00:00:00Z --server-chain course-chain.pem -f json x1x2.pem");
    assert_int_equal(o.code, 0);
    j = json(&o);
    f = finding(j, 0, "ca-slot-bundle");
    assert_non_null(f);
    assert_int_equal((int)num(f, "certificate"), 0);
    assert_string_equal(str(f, "message"), "the CA credential holds 2 certificates; the server's "
                                           "chain needs only certificate 0 (ISRG Root X1)");
    assert_string_equal(str(f, "fix"),
                        "keep only ISRG Root X1 in the CA slot: 1939 bytes instead of 2729");
    assert_true(cJSON_IsTrue(at(j, "items.0.trust.trusted")));
    assert_int_equal((int)num(j, "items.0.trust.anchor.index"), 0);
    assert_string_equal(str(j, "items.0.trust.server_chain"), "course-chain.pem");
    cJSON_Delete(j);
    free(o.text);

    /* a credential that holds none of them: anchor-missing in role ca */
    o = run("check --now 2024-09-20T00:00:00Z --server-chain course-chain.pem -f json "
            "%s/real/academy-mqtt-2024-10-rootca.pem",
            g_fx);
    assert_int_equal(o.code, 1);
    j = json(&o);
    f = finding(j, 0, "anchor-missing");
    assert_non_null(f);
    assert_true(cJSON_IsNull(at(f, "certificate")));
    assert_non_null(
        strstr(str(f, "fix"), "provision ISRG Root X1 as the CA credential: 1939 bytes"));
    cJSON_Delete(j);
    free(o.text);

    /* the system's store: as many unrelated roots as it holds */
    o = run("check -f json /etc/ssl/certs/ca-certificates.crt");
    j = json(&o);
    int n = cJSON_GetArraySize(at(j, "items.0.certificates"));
    assert_true(n > 100);
    char want[100];
    snprintf(want, sizeof(want), "%d unrelated roots: keep the one the server chains to", n);
    assert_string_equal(str(finding(j, 0, "ca-slot-bundle"), "message"), want);
    cJSON_Delete(j);
    free(o.text);
}

/* ---- a firmware identity in one header --------------------------------------- */

/* the nRF samples' certificates.h: CA_CERTIFICATE, CLIENT_CERTIFICATE and
 * PRIVATE_KEY as #define literals, one "...\n" per line */
static void make_header(void)
{
    static const char *const parts[][2] = {
        {"CA_CERTIFICATE", "root-a.pem"},
        {"CLIENT_CERTIFICATE", "chain-li.pem"},
        {"PRIVATE_KEY", "leaf.key"},
    };
    char path[512];
    snprintf(path, sizeof(path), "%s/certificates.h", g_tmp);
    FILE *h = fopen(path, "w");
    assert_non_null(h);
    for (size_t i = 0; i < 3; i++) {
        fprintf(h, "#define %s \\\n", parts[i][0]);
        const char *t = file_text(parts[i][1]);
        while (*t != '\0') {
            size_t n = strcspn(t, "\n");
            fprintf(h, "    \"%.*s\\n\"%s\n", (int)n, t,
                    t[n] == '\n' && t[n + 1] != '\0' ? " \\" : "");
            t += n + (t[n] == '\n');
        }
        fputc('\n', h);
    }
    assert_int_equal(fclose(h), 0);
}

static void test_header_types(void **state)
{
    (void)state;
    make_header();
    cli_out o = run("check -f json certificates.h");
    assert_int_equal(o.code, 1); /* the key literal: private-key-present, no input error */
    cJSON *j = json(&o);
    assert_int_equal(cJSON_GetArraySize(at(j, "items")), 3);
    assert_string_equal(str(j, "items.0.name"), "CA_CERTIFICATE");
    assert_string_equal(str(j, "items.0.type"), "ca");
    assert_string_equal(str(j, "items.1.name"), "CLIENT_CERTIFICATE");
    assert_string_equal(str(j, "items.1.type"), "client");
    assert_string_equal(str(j, "items.2.name"), "PRIVATE_KEY");
    assert_string_equal(str(j, "items.2.type"), "key");
    /* the client certificate with its chain: no CA-slot rule */
    assert_int_equal(count_rule(j, 1, "ca-slot-bundle"), 0);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.1.findings")), 0);
    /* the key: measured (type 2 in the read-back), never decoded */
    assert_true(cJSON_IsNull(at(j, "items.2.error")));
    assert_int_equal(cJSON_GetArraySize(at(j, "items.2.findings")), 1);
    assert_string_equal(str(j, "items.2.findings.0.rule"), "private-key-present");
    assert_int_equal((int)num(j, "summary.input_errors"), 0);
    cJSON_Delete(j);
    free(o.text);
    /* the key's base64 appears nowhere in the output */
    char line[128];
    const char *k = file_text("leaf.key");
    const char *l2 = strchr(k, '\n');
    assert_non_null(l2);
    snprintf(line, sizeof(line), "%.40s", l2 + 1);
    o = run("check -f json certificates.h");
    assert_null(strstr(o.text, line));
    free(o.text);

    o = run("check --skip private-key-present certificates.h");
    assert_int_equal(o.code, 0);
    assert_non_null(strstr(o.text, "  type: client (%CMNG type 1)\n"));
    assert_non_null(strstr(o.text, "  type: key (%CMNG type 2)\n"));
    free(o.text);

    /* --type forces it: the client chain read as a CA credential */
    o = run("check --skip private-key-present --type CLIENT_CERTIFICATE=ca -f json certificates.h");
    j = json(&o);
    assert_string_equal(str(j, "items.1.type"), "ca");
    assert_int_equal(count_rule(j, 1, "ca-slot-bundle"), 1);
    cJSON_Delete(j);
    free(o.text);

    /* --ca takes the header: its CA literal is the anchor */
    o = run("check -r server --ca certificates.h -f json chain-li.pem");
    assert_int_equal(o.code, 0);
    j = json(&o);
    assert_int_equal(cJSON_GetArraySize(at(j, "items.0.trust.anchors")), 1);
    assert_string_equal(str(j, "items.0.trust.anchor.subject"), "CN=Trust Test Root A");
    assert_string_equal(str(j, "items.0.trust.anchor.file"), "certificates.h");
    cJSON_Delete(j);
    free(o.text);
}

/* ---- usage ----------------------------------------------------------------------- */

static void test_usage(void **state)
{
    (void)state;
    cli_out o = run("check --ca root-a.pem chain-li.pem");
    assert_int_equal(o.code, 2); /* --ca needs role server */
    free(o.text);
    assert_non_null(strstr(file_text("stderr.txt"), "--ca is for --role server"));
    o = run("check -r server --server-chain chain-li.pem root-a.pem");
    assert_int_equal(o.code, 2);
    free(o.text);
    o = run("check -r server --ca no-such.pem chain-li.pem");
    assert_int_equal(o.code, 2);
    free(o.text);
    assert_non_null(strstr(file_text("stderr.txt"), "certfit: --ca no-such.pem: cannot read"));
    o = run("check -r server --ca leaf.key chain-li.pem");
    assert_int_equal(o.code, 2);
    free(o.text);
    assert_non_null(strstr(file_text("stderr.txt"), "--ca leaf.key: no certificate found"));
    /* a CA credential with a broken second certificate: named with its offset */
    assert_int_equal(sh("cd %s && head -c 300 root-a.pem >cut.pem && printf 'xx\\n-----END "
                        "CERTIFICATE-----\\n' >>cut.pem && cat root-b.pem cut.pem >rb-cut.pem",
                        g_tmp),
                     0);
    o = run("check -r server --ca rb-cut.pem chain-li.pem");
    assert_int_equal(o.code, 2);
    free(o.text);
    char want[200];
    snprintf(want, sizeof(want),
             "certfit: --ca rb-cut.pem: certificate 1 at offset %zu is not a "
             "certificate certfit can read",
             strlen(file_text("root-b.pem")));
    assert_non_null(strstr(file_text("stderr.txt"), want));
    /* in a trust store it is passed over */
    o = run("check -r server --ca root-a.pem --trust-store rb-cut.pem chain-li.pem");
    assert_int_equal(o.code, 0);
    free(o.text);
    o = run("check --type CA_CERTIFICATE=root certificates.h");
    assert_int_equal(o.code, 2);
    free(o.text);
    o = run("check -r server --trust-store store.pem chain-li.pem");
    assert_int_equal(o.code, 2);
    free(o.text);
    o = run("check -r server --ca root-a.pem --trust-store no-such.pem chain-li.pem");
    assert_int_equal(o.code, 2);
    free(o.text);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(g_tmp, sizeof(g_tmp), "%s/certfit-trust.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(g_tmp) == NULL)
        return -1;
    return sh("sh %s/../tests/trust_chains.sh %s", g_fx, g_tmp) == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return sh("rm -rf '%s'", g_tmp) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_cli_trust CERTFIT FIXTURES\n");
        return 2;
    }
    static char bin[PATH_MAX], fx[PATH_MAX];
    if (realpath(argv[1], bin) == NULL || realpath(argv[2], fx) == NULL) {
        fprintf(stderr, "test_cli_trust: %s or %s: %s\n", argv[1], argv[2], strerror(errno));
        return 2;
    }
    g_bin = bin;
    g_fx = fx;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_course),         cmocka_unit_test(test_generated),
        cmocka_unit_test(test_expired_anchor), cmocka_unit_test(test_openssl_agreement),
        cmocka_unit_test(test_server_chain),   cmocka_unit_test(test_header_types),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests_name("cli_trust", tests, group_setup, group_teardown);
}
