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
    "  -p, --profile NAME     nrf91 (default), nrf91-p384-selfsigned, generic\n"
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
    "  -q, --quiet            only failing items and the summary\n"
    "      --no-color         no colour (also NO_COLOR=1; colour only on a terminal)\n"
    "  -o, --output FILE      write the report to FILE\n"
    "      --max-size BYTES   refuse larger input files (default 16777216)\n"
    "      --extensions LIST  file extensions a directory walk reads\n"
    "                         (default pem,crt,cer,der,h)\n"
    "  -h, --help             this help\n";

void usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s%s%s: ", g_prog, cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s%s%s --help'.\n", g_prog, cmd ? " " : "", cmd ? cmd : "");
}

static int parse_skip(const char *list, uint64_t *skip)
{
    const char *p = list;
    while (*p) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        certfit_rule r = certfit_rule_from_id(p, n);
        if (r == CERTFIT_RULE_COUNT)
            return -1;
        *skip |= (uint64_t)1 << r;
        p += n + (c ? 1 : 0);
    }
    return 0;
}

static int read_policy(const char *path, const char *profile, certfit_profile *out)
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
        fprintf(stderr, "certfit: unknown profile '%s' (see 'certfit profiles')\n", profile);
        return -1;
    }
    if (certfit_policy_parse_from(&start, buf, n, out, &err) != 0) {
        fprintf(stderr, "certfit: %s:%u: %s\n", path, err.line, err.message);
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
        {"output", required_argument, NULL, 'o'},
        {"max-size", required_argument, NULL, 'M'},
        {"extensions", required_argument, NULL, 'E'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof(*o));
    const char *profile = "nrf91", *policy = NULL;
    o->role = CERTFIT_ROLE_CA;
    o->now = (int64_t)time(NULL);
    o->sec_tag = CERTFIT_SEC_TAG_MAX;
    o->format = FMT_TEXT;
    o->fail_on = CERTFIT_SEV_ERROR;
    o->signatures = true;
    o->max_size = DEFAULT_MAX_SIZE;
    o->extensions = "pem,crt,cer,der,h";
    bool no_color = getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0] != '\0';
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "+p:r:f:qo:h", longopts, NULL)) != -1) {
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
            if (parse_skip(optarg, &o->skip) != 0)
                return usage_error(cmd, "--skip: unknown rule in '%s' (see 'certfit rules')",
                                   optarg), -1;
            break;
        case 'n':
            o->signatures = false;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'C':
            no_color = true;
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
        case 'h':
            fputs(k_check_usage, stdout);
            exit(EXIT_PASS);
        case ':':
            return usage_error(cmd, "option '%s' needs a value", argv[optind - 1]), -1;
        default:
            return usage_error(cmd, "unknown option '%s'", argv[optind - 1]), -1;
        }
    }
    if (policy != NULL) {
        /* --profile is the base unless the policy file names its own */
        if (read_policy(policy, profile, &o->profile) != 0)
            return -1;
    } else if (certfit_profile_get(profile, &o->profile) != 0) {
        return usage_error(cmd, "unknown profile '%s' (see 'certfit profiles')", profile), -1;
    }
    o->color = !no_color && o->output == NULL && isatty(STDOUT_FILENO);
    *first = optind;
    return 0;
}

static int run_report(const char *cmd, int argc, char **argv, bool sizes_only)
{
    cli_opts o;
    int first;
    if (parse_check_opts(cmd, argc, argv, &o, &first) != 0)
        return EXIT_USAGE;
    if (first >= argc) {
        usage_error(cmd, "%s", "no PATH given ('-' reads standard input)");
        return EXIT_USAGE;
    }
    out_file out;
    if (!out_open(&out, "certfit", "-o", o.output, 0))
        return EXIT_USAGE;
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
    summary s;
    int rc = run_paths(&o, argv + first, argc - first, &r, &s);
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(k_usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {
        {"check", cmd_check},     {"size", cmd_size},       {"rules", cmd_rules},
        {"profiles", cmd_profiles}, {"explain", cmd_explain}, {"version", cmd_version},
        {"mint", cmd_mint},       {"header", cmd_header},   {"probe", cmd_probe},
    };
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(k_usage, stdout);
        return EXIT_PASS;
    }
    if (strcmp(cmd, "--version") == 0)
        return cmd_version(1, argv);
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        if (strcmp(cmd, cmds[i].name) == 0)
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "certfit: unknown command '%s'\n\n%s", cmd, k_usage);
    return EXIT_USAGE;
}
