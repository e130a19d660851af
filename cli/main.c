/* certfit: the command line. Parses options, then calls libcertfit. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/version.h>

#include "cli.h"
#include "json.h"

static const char *g_prog = "certfit";

static const char k_usage[] =
    "usage: certfit COMMAND [options] ...\n"
    "\n"
    "commands:\n"
    "  check [options] PATH...   lint certificate files and directories ('-' = stdin)\n"
    "  size [options] PATH...    the size model as a table against the profile's limits\n"
    "  matrix [options] PATH...  every profile against every item in one table\n"
    "  rules [--format text|json]      list the rules\n"
    "  profiles [--format text|json]   list the profiles and their limits\n"
    "  mint --cn NAME [options] --key-out FILE --cert-out FILE\n"
    "                            an EC key and a self-signed CA certificate that passes\n"
    "                            nrf91-p384-selfsigned (for the broker and the device)\n"
    "  header --name NAME [options] PATH\n"
    "                            a PEM credential as a C header for firmware, with its\n"
    "                            length and a compile-time size assert\n"
    "  probe [options] HOST[:PORT]\n"
    "                            a TLS 1.2 handshake offering the modem's cipher suites;\n"
    "                            lint the chain the server sends (role server)\n"
    "  explain RULE              the long form of a rule\n"
    "  version                   version, Mbed TLS version, signature support\n"
    "\n"
    "Run 'certfit COMMAND --help' for a command's options.\n"
    "Exit codes: 0 pass, 1 findings at or above --fail-on, 2 usage error or an input that\n"
    "could not be evaluated.\n";

static const char k_check_usage[] =
    "usage: certfit check [options] PATH...\n"
    "       certfit size [options] PATH...\n"
    "\n"
    "  -p, --profile NAME     nrf91 (default), or another of 'certfit profiles'\n"
    "  -r, --role ca|server   ca (default): a credential for the modem's CA slot;\n"
    "                         server: the chain a TLS server sends, leaf first\n"
    "      --policy FILE      a policy file (key = value) overriding the profile\n"
    "      --host NAME        check the leaf's subjectAltName against NAME (or an IP)\n"
    "      --now TIME         RFC 3339 time to check validity at (default: now)\n"
    "      --sec-tag N        security tag for the %CMNG read-back size (default 2147483647)\n"
    "  -f, --format F         text (default), json, sarif\n"
    "      --fail-on LEVEL    error (default), warning, notice, never\n"
    "      --skip RULE[,..]   skip rules\n"
"      --no-signatures    do not verify signatures (self_signed is then null)\n"
    "      --ca FILE          (role server, repeatable) a CA credential the device holds\n"
    "                         (PEM, DER or a C header's CA literals): is the chain trusted?\n"
    "      --trust-store PATH roots that name what to provision (default\n"
    "                         /etc/ssl/certs/ca-certificates.crt, when present)\n"
    "      --server-chain FILE (role ca) the chain a server sends (probe --save, or PEM):\n"
    "                         which certificate of the CA credential it needs\n"
    "      --type NAME=T      a C literal's credential type: ca, client or key\n"
    "  -q, --quiet            only failing items and the summary\n"
    "      --color WHEN       auto (default: colour on a terminal without -o, unless\n"
    "                         NO_COLOR is set), always, never\n"
    "      --no-color         the same as --color never\n"
    "  -o, --output FILE      write the report to FILE\n"
    "      --max-size BYTES   refuse larger input files (default 16777216)\n"
    "      --extensions LIST  file extensions a directory walk reads\n"
    "                         (default pem,crt,cer,der,h)\n"
    "  -h, --help             this help\n"
    "Options may follow the paths; '--' ends the options.\n";

void usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s%s%s: ", g_prog, cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s%s%s --help'.\n", g_prog, cmd ? " " : "", cmd ? cmd : "");
}

/* The operands seen so far by cli_getopt(), in their order. */
static char **g_operands;
static int g_noperands;

int cli_getopt(int argc, char **argv, const char *opts, const struct option *longopts)
{
    if (g_operands == NULL) {
        g_operands = calloc((size_t)argc + 1, sizeof(*g_operands));
        if (g_operands == NULL) {
            fputs("certfit: out of memory\n", stderr);
            exit(EXIT_USAGE);
        }
        g_noperands = 0;
        optind = 0; /* glibc: start over, reading opts afresh */
        opterr = 0;
    }
    for (;;) {
        /* a leading '-' in opts: operands come back as 1, in order, so the
         * result does not depend on POSIXLY_CORRECT */
        int c = getopt_long(argc, argv, opts, longopts, NULL);
        if (c == 1) {
            g_operands[g_noperands++] = optarg;
            continue;
        }
        if (c != -1)
            return c;
        while (optind < argc) /* the operands after "--" */
            g_operands[g_noperands++] = argv[optind++];
        memcpy(argv + argc - g_noperands, g_operands, (size_t)g_noperands * sizeof(*argv));
        optind = argc - g_noperands;
        free(g_operands);
        g_operands = NULL;
        return -1;
    }
}

int option_error(const char *cmd, int c, char **argv, const struct option *longopts)
{
    const char *a = argv[optind - 1];
    char name[72];
    bool is_long = strncmp(a, "--", 2) == 0 && a[2] != '\0';
    if (is_long && optopt != 0) {
        /* a long option's error gives its val in optopt: make sure the
         * argument just read is that option, not an earlier one */
        size_t n = strcspn(a + 2, "=");
        is_long = false;
        for (const struct option *l = longopts; l->name != NULL; l++)
            is_long = is_long || (l->val == optopt && strncmp(l->name, a + 2, n) == 0);
    }
    if (is_long)
        snprintf(name, sizeof(name), "%.*s", (int)strcspn(a, "="), a);
    else
        snprintf(name, sizeof(name), "-%c", optopt);
    if (c == ':')
        usage_error(cmd, "option '%s' needs an argument", name);
    else if (is_long && optopt != 0)
        usage_error(cmd, "option '%s' takes no argument", name);
    else
        usage_error(cmd, "unknown option '%s'", name);
    return -1;
}

/* The i-th rule id, profile name or command name (for did_you_mean). */
static const char *rule_at(size_t i)
{
    return i < CERTFIT_RULE_COUNT ? certfit_rule_id((certfit_rule)i) : NULL;
}

static const char *profile_at(size_t i)
{
    const certfit_profile *p = certfit_profile_at(i);
    return p != NULL ? p->name : NULL;
}

/* A name that is not one of name_at(0..n): the message, the nearest name,
 * and where to see them all; with cmd, the usage hint too. */
static void unknown_name(const char *cmd, const char *what, const char *kind, const char *name,
                         size_t len, const char *(*name_at)(size_t i), size_t n, const char *list)
{
    const char *near = did_you_mean(name, len, name_at, n);
    char msg[512];
    int k = snprintf(msg, sizeof(msg), "%sunknown %s '%.*s'", what, kind, (int)len, name);
    if (near != NULL && k > 0 && (size_t)k < sizeof(msg))
        k += snprintf(msg + k, sizeof(msg) - (size_t)k, "; did you mean '%s'?", near);
    if (k > 0 && (size_t)k < sizeof(msg))
        snprintf(msg + k, sizeof(msg) - (size_t)k, " (see 'certfit %s')", list);
    if (cmd != NULL)
        usage_error(cmd, "%s", msg);
    else
        fprintf(stderr, "%s: %s\n", g_prog, msg);
}

void unknown_rule(const char *cmd, const char *what, const char *id, size_t len)
{
    unknown_name(cmd, what, "rule", id, len, rule_at, CERTFIT_RULE_COUNT, "rules");
}

void unknown_profile(const char *cmd, const char *name)
{
    unknown_name(cmd, "", "profile", name, strlen(name), profile_at, certfit_profile_count(),
                 "profiles");
}

/* --skip RULE[,RULE...]: every element a rule id, none empty. */
static int parse_skip(const char *cmd, const char *list, uint64_t *skip)
{
    const char *p = list;
    for (unsigned pos = 1;; pos++) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n == 0) {
            fprintf(stderr, "%s %s: --skip: empty rule name at position %u in '%s'\n", g_prog, cmd,
                    pos, list);
            return -1;
        }
        certfit_rule r = certfit_rule_from_id(p, n);
        if (r == CERTFIT_RULE_COUNT) {
            unknown_rule(cmd, "--skip: ", p, n);
            return -1;
        }
        *skip |= (uint64_t)1 << r;
        if (c == NULL)
            return 0;
        p = c + 1;
    }
}

/* After "unknown key" in a policy file: the keys there are, and the nearest. */
#define N_POLICY_EXTRA 4
static const char *policy_key_at(size_t i)
{
    static const char *const extra[] = {"base", "name", "skip", "severity.RULE"};
    size_t n;
    const certfit_limit_doc *d = certfit_profile_limit_docs(0, &n);
    if (i < N_POLICY_EXTRA)
        return extra[i];
    return d != NULL && i - N_POLICY_EXTRA < n ? d[i - N_POLICY_EXTRA].key : NULL;
}

static void policy_keys(const char *message)
{
    const char *q = strchr(message, '\'');
    const char *e = q ? strchr(q + 1, '\'') : NULL;
    size_t n;
    (void)certfit_profile_limit_docs(0, &n);
    if (q != NULL && e != NULL) {
        const char *near = did_you_mean(q + 1, (size_t)(e - q - 1), policy_key_at,
                                       n + N_POLICY_EXTRA);
        if (near != NULL)
            fprintf(stderr, "certfit: did you mean '%s'?\n", near);
    }
    fputs("certfit: valid keys:", stderr);
    for (size_t i = 0; i < n + N_POLICY_EXTRA; i++)
        fprintf(stderr, "%s %s", i ? "," : "", policy_key_at(i));
    fputc('\n', stderr);
}

int read_policy(const char *path, const char *profile, certfit_profile *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "certfit: --policy %s: %s\n", path, strerror(errno));
        return -1;
    }
    (void)input_check(path, fileno(f)); /* an input: -o may not name it */
    char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf), f);
    int big = !feof(f);
    fclose(f);
    if (big) {
        fprintf(stderr, "certfit: --policy %s: larger than 64 KiB\n", path);
        return -1;
    }
    certfit_policy_error err;
    certfit_profile start;
    if (certfit_profile_get(profile, &start) != 0) {
        unknown_profile(NULL, profile);
        return -1;
    }
    if (certfit_policy_parse_from(&start, buf, n, out, &err) != 0) {
        fprintf(stderr, "certfit: %s:%u: %s\n", path, err.line, err.message);
        if (strncmp(err.message, "unknown key ", 12) == 0)
            policy_keys(err.message);
        return -1;
    }
    return 0;
}

int parse_check_opts(const char *cmd, int argc, char **argv, cli_opts *o, int *first)
{
    static const struct option longopts[] = {
        {"profile", required_argument, NULL, 'p'},
        {"role", required_argument, NULL, 'r'},
        {"policy", required_argument, NULL, 'P'},
        {"host", required_argument, NULL, 'H'},
        {"now", required_argument, NULL, 'N'},
        {"sec-tag", required_argument, NULL, 'T'},
        {"format", required_argument, NULL, 'f'},
        {"fail-on", required_argument, NULL, 'F'},
        {"skip", required_argument, NULL, 'S'},
        {"no-signatures", no_argument, NULL, 'n'},
        {"quiet", no_argument, NULL, 'q'},
        {"no-color", no_argument, NULL, 'C'},
        {"color", required_argument, NULL, 'K'},
        {"output", required_argument, NULL, 'o'},
        {"max-size", required_argument, NULL, 'M'},
        {"extensions", required_argument, NULL, 'E'},
        {"ca", required_argument, NULL, 'A'},
        {"trust-store", required_argument, NULL, 'R'},
        {"server-chain", required_argument, NULL, 'V'},
        {"type", required_argument, NULL, 'Y'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof(*o));
    /* --ca and --type repeat: at most one each per argument */
    o->ca = calloc((size_t)argc + 1, sizeof(*o->ca));
    o->types = calloc((size_t)argc + 1, sizeof(*o->types));
    if (o->ca == NULL || o->types == NULL) {
        fputs("certfit: out of memory\n", stderr);
        return -1;
    }
    const char *profile = "nrf91", *policy = NULL;
    o->role = CERTFIT_ROLE_CA;
    o->now = (int64_t)time(NULL);
    o->sec_tag = CERTFIT_SEC_TAG_MAX;
    o->format = FMT_TEXT;
    o->fail_on = CERTFIT_SEV_ERROR;
    o->signatures = true;
    o->max_size = DEFAULT_MAX_SIZE;
    o->extensions = "pem,crt,cer,der,h";
    enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color = COLOR_AUTO;
    int c;
    while ((c = cli_getopt(argc, argv, "-:p:r:f:qo:h", longopts)) != -1) {
        switch (c) {
        case 'p':
            profile = optarg;
            break;
        case 'r':
            if (strcmp(optarg, "ca") == 0)
                o->role = CERTFIT_ROLE_CA;
            else if (strcmp(optarg, "server") == 0)
                o->role = CERTFIT_ROLE_SERVER;
            else
                return usage_error(cmd, "--role must be ca or server, not '%s'", optarg), -1;
            break;
        case 'P':
            policy = optarg;
            break;
        case 'H':
            o->host = optarg;
            break;
        case 'N':
            if (certfit_time_parse_rfc3339(optarg, &o->now) != 0)
                return usage_error(cmd, "--now: '%s' is not an RFC 3339 time "
                                        "(e.g. 2026-01-01T00:00:00Z)", optarg), -1;
            break;
        case 'T': {
            char *end;
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-' || v > CERTFIT_SEC_TAG_MAX)
                return usage_error(cmd, "--sec-tag: '%s' is not in 0..2147483647", optarg), -1;
            o->sec_tag = (uint32_t)v;
            break;
        }
        case 'f':
            if (strcmp(optarg, "text") == 0)
                o->format = FMT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                o->format = FMT_JSON;
            else if (strcmp(optarg, "sarif") == 0)
                o->format = FMT_SARIF;
            else
                return usage_error(cmd, "--format must be text, json or sarif, not '%s'", optarg), -1;
            break;
        case 'F':
            if (strcmp(optarg, "error") == 0)
                o->fail_on = CERTFIT_SEV_ERROR;
            else if (strcmp(optarg, "warning") == 0)
                o->fail_on = CERTFIT_SEV_WARNING;
            else if (strcmp(optarg, "notice") == 0)
                o->fail_on = CERTFIT_SEV_NOTICE;
            else if (strcmp(optarg, "never") == 0)
                o->fail_on = CERTFIT_SEV_OFF;
            else
                return usage_error(cmd, "--fail-on must be error, warning, notice or never, "
                                        "not '%s'", optarg), -1;
            o->fail_on_given = true;
            break;
        case 'S':
            if (parse_skip(cmd, optarg, &o->skip) != 0)
                return -1;
            break;
        case 'n':
            o->signatures = false;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'C':
            color = COLOR_NEVER;
            break;
        case 'K':
            if (strcmp(optarg, "auto") == 0)
                color = COLOR_AUTO;
            else if (strcmp(optarg, "always") == 0)
                color = COLOR_ALWAYS;
            else if (strcmp(optarg, "never") == 0)
                color = COLOR_NEVER;
            else
                return usage_error(cmd, "--color must be auto, always or never, not '%s'", optarg),
                       -1;
            break;
        case 'o':
            o->output = optarg;
            break;
        case 'M': {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-' || v == 0)
                return usage_error(cmd, "--max-size: '%s' is not a byte count", optarg), -1;
            o->max_size = (size_t)v;
            break;
        }
        case 'E':
            o->extensions = optarg;
            break;
        case 'A':
            o->ca[o->n_ca++] = optarg;
            break;
        case 'R':
            o->trust_store = optarg;
            break;
        case 'V':
            o->server_chain = optarg;
            break;
        case 'Y': {
            const char *eq = strchr(optarg, '=');
            if (eq == NULL || eq == optarg ||
                (strcmp(eq + 1, "ca") != 0 && strcmp(eq + 1, "client") != 0 &&
                 strcmp(eq + 1, "key") != 0))
                return usage_error(cmd, "--type: '%s' is not NAME=ca, NAME=client or NAME=key",
                                   optarg), -1;
            o->types[o->n_types++] = optarg;
            break;
        }
        case 'h':
            fputs(k_check_usage, stdout);
            exit(EXIT_PASS);
        default:
            return option_error(cmd, c, argv, longopts);
        }
    }
    if (policy != NULL) {
        /* --profile is the base unless the policy file names its own */
        if (read_policy(policy, profile, &o->profile) != 0)
            return -1;
    } else if (certfit_profile_get(profile, &o->profile) != 0) {
        unknown_profile(cmd, profile);
        return -1;
    }
    /* always: asked for, even with NO_COLOR; auto: a terminal, no -o, and
     * NO_COLOR (https://no-color.org) unset or empty */
    const char *nc = getenv("NO_COLOR");
    if (color == COLOR_AUTO)
        o->color = (nc == NULL || nc[0] == '\0') && o->output == NULL && isatty(STDOUT_FILENO);
    else
        o->color = color == COLOR_ALWAYS;
    *first = optind;
    bool server = o->role == CERTFIT_ROLE_SERVER || strcmp(cmd, "probe") == 0;
    return trust_setup(o, cmd, server);
}

/* ---- progress: a line on stderr while a walk runs, on a terminal only ---- */

static struct progress {
    void (*item_end)(reporter *r, const item_info *it, const certfit_result *res,
                     const findings *fs, const char *error, bool failed);
    void (*end)(reporter *r, const summary *s);
    unsigned long files, items;
    char last[1024];
    struct timespec at;
    bool shown;
    bool tty_out; /* the report goes to a terminal too: clear before it writes */
} g_progress;

static void progress_item_end(reporter *r, const item_info *it, const certfit_result *res,
                              const findings *fs, const char *error, bool failed)
{
    struct progress *p = &g_progress;
    if (p->shown && p->tty_out)
        fputs("\r\033[K", stderr);
    p->item_end(r, it, res, fs, error, failed);
    fflush(r->out);
    p->items++;
    if (p->files == 0 || strncmp(p->last, it->path, sizeof(p->last) - 1) != 0) {
        p->files++;
        snprintf(p->last, sizeof(p->last), "%s", it->path);
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    long ms = (long)(t.tv_sec - p->at.tv_sec) * 1000 + (t.tv_nsec - p->at.tv_nsec) / 1000000;
    /* the first item at once, then ten times a second (each item when the
     * report shares the terminal and the line was cleared for it) */
    if (!p->shown || p->tty_out || ms >= 100) {
        fprintf(stderr, "\rcertfit: %lu file%s, %lu item%s\xe2\x80\xa6", p->files,
                p->files == 1 ? "" : "s", p->items, p->items == 1 ? "" : "s");
        fflush(stderr);
        p->at = t;
        p->shown = true;
    }
}

static void progress_end(reporter *r, const summary *s)
{
    if (g_progress.shown)
        fputs("\r\033[K", stderr); /* clear the line before the summary */
    g_progress.end(r, s);
}

/* Wrap the reporter when stderr is a terminal; otherwise nothing changes. */
static void progress_wrap(reporter *r)
{
    if (!isatty(STDERR_FILENO))
        return;
    memset(&g_progress, 0, sizeof(g_progress));
    g_progress.item_end = r->item_end;
    g_progress.end = r->end;
    g_progress.tty_out = isatty(fileno(r->out)) != 0;
    r->item_end = progress_item_end;
    r->end = progress_end;
}

static int run_report(const char *cmd, int argc, char **argv, bool sizes_only)
{
    cli_opts o;
    int first;
    if (parse_check_opts(cmd, argc, argv, &o, &first) != 0) {
        trust_free(&o);
        return EXIT_USAGE;
    }
    out_file out;
    if (first >= argc) {
        usage_error(cmd, "%s", "no PATH given ('-' reads standard input)");
        trust_free(&o);
        return EXIT_USAGE;
    }
    if (!out_open(&out, "certfit", "-o", o.output, 0)) {
        trust_free(&o);
        return EXIT_USAGE;
    }
    reporter r;
    memset(&r, 0, sizeof(r));
    r.out = out.f;
    r.o = &o;
    if (sizes_only && o.format == FMT_TEXT)
        reporter_sizes(&r);
    else if (o.format == FMT_JSON)
        reporter_json(&r);
    else if (o.format == FMT_SARIF)
        reporter_sarif(&r);
    else
        reporter_text(&r);
    progress_wrap(&r);
    summary s;
    int rc = run_paths(&o, argv + first, argc - first, &r, &s);
    trust_free(&o);
    if (!out_close(&out))
        return EXIT_USAGE;
    if (sizes_only && rc == EXIT_FINDINGS && !o.fail_on_given)
        rc = EXIT_PASS; /* size reports; it gates only when --fail-on is given */
    return rc;
}

int cmd_check(int argc, char **argv)
{
    return run_report("check", argc, argv, false);
}

int cmd_size(int argc, char **argv)
{
    return run_report("size", argc, argv, true);
}

int cmd_version(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        usage_error("version", "unexpected argument '%s'", argv[1]);
        return EXIT_USAGE;
    }
    printf("certfit %s\nMbed TLS %s\nsignature verification: %s\n", CERTFIT_VERSION_STRING,
           MBEDTLS_VERSION_STRING, CERTFIT_WITH_SIGNATURES ? "compiled in" : "not compiled in");
    return EXIT_PASS;
}

static const struct {
    const char *name;
    int (*fn)(int, char **);
} k_cmds[] = {
    {"check", cmd_check},       {"size", cmd_size},       {"rules", cmd_rules},
    {"profiles", cmd_profiles}, {"explain", cmd_explain}, {"version", cmd_version},
    {"mint", cmd_mint},         {"header", cmd_header},   {"probe", cmd_probe},
    {"matrix", cmd_matrix},
};
#define N_COMMANDS (sizeof(k_cmds) / sizeof(k_cmds[0]))

static const char *command_at(size_t i)
{
    return i < N_COMMANDS ? k_cmds[i].name : NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(k_usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(k_usage, stdout);
        return EXIT_PASS;
    }
    if (strcmp(cmd, "--version") == 0)
        return cmd_version(1, argv);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(cmd, k_cmds[i].name) == 0)
            return k_cmds[i].fn(argc - 1, argv + 1);
    const char *near = did_you_mean(cmd, strlen(cmd), command_at, N_COMMANDS);
    fprintf(stderr, "certfit: unknown command '%s'", cmd);
    if (near != NULL)
        fprintf(stderr, "; did you mean '%s'?", near);
    fprintf(stderr, "\n\n%s", k_usage);
    return EXIT_USAGE;
}
