/* certfit header: a PEM credential as a C header for firmware, with its
 * length, a compile-time assert against the profile's credential limit and
 * the lint verdict in a comment. Also the lint helper mint shares. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define HEADER_MAX_INPUT (1024u * 1024u)
#define HEADER_MAX_NAME  64

static const char k_header_usage[] =
    "usage: certfit header --name NAME [options] PATH\n"
    "\n"
    "Write a PEM credential as a C header for firmware: #define NAME \"...\" (the\n"
    "credential byte for byte), NAME_LEN (bytes without the NUL), a compile-time\n"
    "assert that NAME_LEN fits the profile's credential limit, and the verdict of\n"
    "'certfit check --role ca' in a comment. A credential that fails the profile\n"
    "(a finding at error level) is refused: exit 1, nothing written.\n"
    "\n"
    "  -n, --name NAME        the macro name, a C identifier (e.g. CA_CERTIFICATE)\n"
    "  -p, --profile NAME     nrf91 (default), nrf91-p384-selfsigned, generic\n"
    "      --now TIME         RFC 3339 time to check validity at (default: now)\n"
    "      --force            write the header even when the credential fails\n"
    "  -o, --output FILE      write to FILE (replaced atomically) instead of stdout\n"
    "  -h, --help             this help\n";

/* ---- the lint helper (shared with mint) ---------------------------------- */

static void lint_on_cert(void *ctx, const certfit_cert_event *ev)
{
    lint_result *L = ctx;
    uint32_t i = L->ncerts++;
    if (i >= LINT_MAX_CERTS)
        return;
    lint_cert *l = &L->certs[i];
    memset(l, 0, sizeof(*l));
    l->der = ev->der.len;
    if (ev->cert == NULL)
        return;
    const certfit_cert *c = ev->cert;
    l->parsed = true;
    cert_subject(c, l->subject, sizeof(l->subject));
    if (c->key_type == CERTFIT_KEY_EC)
        snprintf(l->key, sizeof(l->key), "EC %s", certfit_curve_name(c->curve));
    else if (c->key_type == CERTFIT_KEY_RSA)
        snprintf(l->key, sizeof(l->key), "RSA %u", (unsigned)c->key_bits);
    else
        snprintf(l->key, sizeof(l->key), "%s", certfit_key_type_name(c->key_type));
    const char *sn = certfit_sig_alg_name(c->sig_alg);
    snprintf(l->sig, sizeof(l->sig), "%s", sn ? sn : "unknown signature");
    certfit_time_format(c->not_before.t, l->nb);
    certfit_time_format(c->not_after.t, l->na);
    l->self_signed = ev->self_signed == CERTFIT_SELFSIG_YES;
}

static void lint_on_finding(void *ctx, const certfit_finding *f)
{
    lint_result *L = ctx;
    findings *fs = &L->fs;
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 16;
        certfit_finding *v = realloc(fs->v, cap * sizeof(*v));
        if (v == NULL)
            return; /* the counts in the result still hold */
        fs->v = v;
        fs->cap = cap;
    }
    fs->v[fs->n++] = *f;
}

int lint_text(const certfit_profile *p, certfit_role role, int64_t now, const uint8_t *text,
              size_t len, lint_result *L)
{
    memset(L, 0, sizeof(*L));
    certfit_format fmt = certfit_input_detect(text, len);
    certfit_item item = {
        fmt == CERTFIT_FORMAT_DER ? CERTFIT_FORMAT_DER : CERTFIT_FORMAT_PEM, {text, len}, 1, true};
    certfit_check_opts co;
    certfit_check_opts_init(&co, p);
    co.role = role;
    co.now = now;
    co.clock_set = true;
    uint8_t *work = NULL;
    size_t work_size = 0;
    certfit_sink sink = {lint_on_cert, lint_on_finding, L};
    L->rc = cli_check_item(NULL, NULL, &item, &co, &sink, &work, &work_size, &L->res, NULL);
    free(work);
    return L->rc;
}

void lint_free(lint_result *L)
{
    free(L->fs.v);
    L->fs.v = NULL;
    L->fs.n = L->fs.cap = 0;
}

/* ---- header -------------------------------------------------------------- */

static bool is_identifier(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > HEADER_MAX_NAME || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    }
    return true;
}

/* Why an identifier cannot name the macro, or NULL: a keyword of C99, C11
 * or C23 (or "defined"), or a name reserved to the implementation (C11
 * 7.1.3: a leading underscore and a capital, or a double underscore). */
static const char *name_unusable(const char *s)
{
    static const char *const k_keywords[] = {
        "auto",    "break",  "case",          "char",   "const",    "continue",      "default",
        "do",      "double", "else",          "enum",   "extern",   "float",         "for",
        "goto",    "if",     "inline",        "int",    "long",     "register",      "restrict",
        "return",  "short",  "signed",        "sizeof", "static",   "struct",        "switch",
        "typedef", "union",  "unsigned",      "void",   "volatile", "while",         "alignas",
        "alignof", "bool",   "constexpr",     "false",  "nullptr",  "static_assert", "thread_local",
        "true",    "typeof", "typeof_unqual", "defined"};
    for (size_t i = 0; i < sizeof(k_keywords) / sizeof(k_keywords[0]); i++)
        if (strcmp(s, k_keywords[i]) == 0)
            return "is a C keyword";
    if (s[0] == '_' && s[1] >= 'A' && s[1] <= 'Z')
        return "is reserved in C (a leading underscore and a capital letter)";
    if (strstr(s, "__") != NULL)
        return "is reserved in C (a double underscore)";
    return NULL;
}

/* Text inside a block comment: no comment end, no trigraph, no control bytes. */
static void comment_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '*' && s[1] == '/')
            fputs("* ", f);
        else if (c == '?' && s[1] == '?')
            fputs("? ", f);
        else if (c < 0x20 || c == 0x7f)
            fputc(' ', f);
        else
            fputc(c, f);
    }
}

/* One literal per line of the credential, byte for byte; the output is ASCII. */
static void literal_lines(FILE *f, const uint8_t *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        fputc('"', f);
        for (; i < len; i++) {
            uint8_t c = p[i];
            if (c == '\n') {
                fputs("\\n", f);
                i++;
                break;
            }
            switch (c) {
            case '\\':
                fputs("\\\\", f);
                break;
            case '"':
                fputs("\\\"", f);
                break;
            case '\r':
                fputs("\\r", f);
                break;
            case '\t':
                fputs("\\t", f);
                break;
            case '?':
                fputs("\\?", f);
                break; /* no trigraphs */
            default:
                if (c < 0x20 || c >= 0x7f)
                    fprintf(f, "\\%03o", (unsigned)c);
                else
                    fputc(c, f);
            }
        }
        fputs(i < len ? "\" \\\n" : "\"\n", f);
    }
}

static int read_file(const char *path, uint8_t **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "certfit header: %s: %s\n", path, strerror(errno));
        return -1;
    }
    (void)input_check(path, fileno(f)); /* -o may not name it */
    uint8_t *buf = malloc(HEADER_MAX_INPUT + 1);
    if (buf == NULL) {
        fprintf(stderr, "certfit header: out of memory\n");
        if (f != stdin)
            fclose(f);
        return -1;
    }
    size_t n = fread(buf, 1, HEADER_MAX_INPUT + 1, f);
    int err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (err) {
        fprintf(stderr, "certfit header: %s: read error\n", path);
        free(buf);
        return -1;
    }
    if (n > HEADER_MAX_INPUT) {
        fprintf(stderr, "certfit header: %s: larger than %u bytes\n", path, HEADER_MAX_INPUT);
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

static void write_header(FILE *f, const char *name, const char *path, const certfit_profile *pf,
                         int64_t now, const uint8_t *text, size_t len, const lint_result *L,
                         bool failed)
{
    const certfit_result *res = &L->res;
    char t[21], msg[512];
    certfit_time_format(now, t);
    fprintf(f, "/*\n * %s: generated by certfit %s header from ", name, CERTFIT_VERSION_STRING);
    comment_text(f, path);
    fprintf(f, "\n *\n * certfit check --role ca --profile %s at %s: %s\n", pf->name, t,
            failed ? "FAIL (written with --force)" : "PASS");
    fprintf(f, " *   %u error%s, %u warning%s, %u notice%s\n", (unsigned)res->counts[3],
            res->counts[3] == 1 ? "" : "s", (unsigned)res->counts[2],
            res->counts[2] == 1 ? "" : "s", (unsigned)res->counts[1],
            res->counts[1] == 1 ? "" : "s");
    if (pf->credential_limit > 0)
        fprintf(f, " *   credential (%%CMNG text): %llu bytes of %u\n",
                (unsigned long long)res->sizes.credential_bytes, (unsigned)pf->credential_limit);
    else
        fprintf(f, " *   credential (%%CMNG text): %llu bytes (no limit in this profile)\n",
                (unsigned long long)res->sizes.credential_bytes);
    fprintf(f, " *\n * %u certificate%s\n", (unsigned)res->sizes.certs,
            res->sizes.certs == 1 ? "" : "s");
    uint32_t shown = L->ncerts < LINT_MAX_CERTS ? L->ncerts : LINT_MAX_CERTS;
    for (uint32_t i = 0; i < shown; i++) {
        const lint_cert *l = &L->certs[i];
        if (!l->parsed) {
            fprintf(f, " * [%u] unparsable, %zu bytes DER\n", (unsigned)i, l->der);
            continue;
        }
        fprintf(f, " * [%u] subject  ", (unsigned)i);
        comment_text(f, l->subject);
        fprintf(f, "\n *     key      %s, %s%s\n", l->key, l->sig,
                l->self_signed ? ", self-signed" : "");
        fprintf(f, " *     validity %s .. %s\n", l->nb, l->na);
    }
    if (L->ncerts > shown)
        fprintf(f, " * ... %u more\n", (unsigned)(L->ncerts - shown));
    if (L->fs.n > 0) {
        fprintf(f, " *\n * findings\n");
        for (size_t i = 0; i < L->fs.n; i++) {
            const certfit_finding *fd = &L->fs.v[i];
            certfit_finding_message(fd, msg, sizeof(msg));
            fprintf(f, " *   %s %s", certfit_severity_name(fd->severity),
                    certfit_rule_id(fd->rule));
            if (fd->cert >= 0)
                fprintf(f, " [%d]", (int)fd->cert);
            fputs(": ", f);
            comment_text(f, msg);
            fputc('\n', f);
        }
    }
    fprintf(f, " */\n#ifndef CERTFIT_%s_H\n#define CERTFIT_%s_H\n\n", name, name);
    fprintf(f, "#define %s \\\n", name);
    literal_lines(f, text, len);
    fprintf(f, "\n/* bytes without the terminating NUL */\n#define %s_LEN %zu\n", name, len);
    if (pf->credential_limit > 0) {
        fprintf(f,
                "\n/* compile-time assert: the credential fits the %u-byte %%CMNG limit of "
                "profile %s */\n",
                (unsigned)pf->credential_limit, pf->name);
        fprintf(f, "typedef char %s_fits_credential_limit[(%s_LEN <= %u) ? 1 : -1];\n", name, name,
                (unsigned)pf->credential_limit);
    }
    fprintf(f, "\n#endif /* CERTFIT_%s_H */\n", name);
}

int cmd_header(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"name", required_argument, NULL, 'n'},
        {"profile", required_argument, NULL, 'p'},
        {"now", required_argument, NULL, 'N'},
        {"force", no_argument, NULL, 'F'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *name = NULL, *profile = "nrf91", *output = NULL;
    bool force = false;
    int64_t now = (int64_t)time(NULL);
    int c;
    while ((c = cli_getopt(argc, argv, "-:n:p:o:h", longopts)) != -1) {
        switch (c) {
        case 'n':
            name = optarg;
            break;
        case 'p':
            profile = optarg;
            break;
        case 'N':
            if (certfit_time_parse_rfc3339(optarg, &now) != 0)
                return usage_error("header",
                                   "--now: '%s' is not an RFC 3339 time "
                                   "(e.g. 2026-01-01T00:00:00Z)",
                                   optarg),
                       EXIT_USAGE;
            break;
        case 'F':
            force = true;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(k_header_usage, stdout);
            return EXIT_PASS;
        default:
            return option_error("header", c, argv, longopts), EXIT_USAGE;
        }
    }
    if (name == NULL)
        return usage_error("header", "%s", "--name NAME is required"), EXIT_USAGE;
    if (!is_identifier(name))
        return usage_error("header",
                           "--name: '%s' is not a C identifier (letters, digits, '_'; "
                           "at most 64)",
                           name),
               EXIT_USAGE;
    const char *why = name_unusable(name);
    if (why != NULL) {
        char fmt[160];
        snprintf(fmt, sizeof(fmt), "--name: '%%s' %s: choose another name", why);
        return usage_error("header", fmt, name), EXIT_USAGE;
    }
    if (optind >= argc)
        return usage_error("header", "%s", "no PATH given"), EXIT_USAGE;
    if (optind + 1 < argc)
        return usage_error("header", "one PATH only, not also '%s'", argv[optind + 1]), EXIT_USAGE;
    const char *path = argv[optind];
    certfit_profile pf;
    if (certfit_profile_get(profile, &pf) != 0)
        return unknown_profile("header", profile), EXIT_USAGE;

    uint8_t *text;
    size_t len;
    if (read_file(path, &text, &len) != 0)
        return EXIT_USAGE;
    /* before any verdict: an output that is the input is refused first */
    out_file out;
    if (!out_open(&out, "certfit header", "-o", output, 0)) {
        free(text);
        return EXIT_USAGE;
    }
    int ret = EXIT_USAGE;
    char *buf = NULL;
    size_t blen = 0;
    lint_result L;
    memset(&L, 0, sizeof(L));
    if (certfit_input_detect(text, len) != CERTFIT_FORMAT_PEM) {
        fprintf(stderr,
                "certfit header: %s: not a PEM file (the header holds the PEM text "
                "the modem is given)\n",
                path);
        goto done;
    }
    int rc = lint_text(&pf, CERTFIT_ROLE_CA, now, text, len, &L);
    if (rc != 0) {
        fprintf(stderr, "certfit header: %s: %s at offset %zu; nothing written\n", path,
                certfit_strerror(rc), L.res.error_offset);
        goto done;
    }
    bool failed = L.res.counts[CERTFIT_SEV_ERROR] > 0;
    if (failed) {
        char msg[512];
        certfit_finding_message(&L.res.first, msg, sizeof(msg));
        unsigned long more = (unsigned long)L.res.counts[1] + L.res.counts[2] + L.res.counts[3] - 1;
        fprintf(stderr, "certfit header: %s fails profile %s: %s: %s", path, pf.name,
                certfit_rule_id(L.res.first.rule), msg);
        if (more > 0)
            fprintf(stderr, " (+%lu more)", more);
        if (!force) {
            fprintf(stderr,
                    "\nnothing written ('certfit check %s' for details; --force writes "
                    "it anyway)\n",
                    path);
            ret = EXIT_FINDINGS;
            goto done;
        }
        fprintf(stderr, "\nwritten anyway (--force)\n");
    }
    /* in memory first: nothing reaches stdout unless the whole header does */
    FILE *mf = open_memstream(&buf, &blen);
    if (mf == NULL) {
        fprintf(stderr, "certfit header: out of memory\n");
        goto done;
    }
    write_header(mf, name, path, &pf, now, text, len, &L, failed);
    if (fclose(mf) != 0) {
        fprintf(stderr, "certfit header: out of memory\n");
        goto done;
    }
    if (fwrite(buf, 1, blen, out.f) == blen) {
        ret = out_close(&out) ? EXIT_PASS : EXIT_USAGE;
    } else {
        out_close(&out); /* says why */
    }
done:
    out_discard(&out); /* when not closed: the old file is kept */
    lint_free(&L);
    free(text);
    free(buf);
    return ret;
}
