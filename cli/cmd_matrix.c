/* certfit matrix: every profile against every item in one table
 * (docs/design.md section 12, docs/cli.md). Each profile is one pass of the
 * ordinary check over the paths; a cell is the item's verdict under that
 * profile and, when it fails, its first finding. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "json.h"

static const char k_matrix_usage[] =
    "usage: certfit matrix [options] PATH...\n"
    "\n"
    "Every built-in profile (and each --policy FILE) against every item: one row per\n"
    "profile, one column per item, each cell 'ok' or the first failing rule with its\n"
    "figure and limit.\n"
    "\n"
    "  -r, --role ca|server   ca (default): a CA credential; server: a served chain\n"
    "      --policy FILE      add the profile of a policy file (its 'name =' names the\n"
    "                         row); may be given more than once\n"
    "      --require LIST     PROFILE[,PROFILE...]: exit 1 when one of them fails an item\n"
    "      --now TIME         RFC 3339 time to check validity at (default: now)\n"
    "  -f, --format F         text (default), json\n"
    "      --no-signatures    do not verify signatures (nor run mbedtls-parse)\n"
    "  -h, --help             this help\n"
    "Exit codes: 0 unless a --require profile fails an item (1); 2 on a usage error or\n"
    "an input that could not be evaluated.\n";

typedef struct cell {
    bool passed;
    bool error;     /* the item could not be evaluated */
    bool has_first; /* a failing finding */
    certfit_rule rule;
    uint64_t value, limit;
} cell;

typedef struct matrix {
    char **items; /* item labels, from the first profile's pass */
    size_t nitems, items_cap;
    cell *cells; /* profile-major: cells[p * nitems + i] */
    size_t ncells, cells_cap;
    size_t at; /* the item being collected in this pass */
    bool first_pass;
    bool oom;
} matrix;

static bool grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * elem);
    if (p == NULL)
        return false;
    *v = p;
    *cap = n;
    return true;
}

static void m_begin(reporter *r)
{
    (void)r;
}

static void m_end(reporter *r, const summary *s)
{
    (void)r;
    (void)s;
}

static void m_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    (void)fs;
    matrix *m = r->state;
    if (m->first_pass) {
        if (error != NULL) {
            char path[1100];
            fprintf(stderr, "certfit: matrix: %s: %s\n", text_escape(it->path, path, sizeof(path)),
                    error);
        }
        size_t n = strlen(it->path) + (it->name ? strlen(it->name) + 1 : 0) + 1;
        char *label = malloc(n);
        if (label == NULL ||
            !grow((void **)&m->items, &m->items_cap, m->nitems + 1, sizeof(*m->items))) {
            free(label);
            m->oom = true;
            return;
        }
        snprintf(label, n, "%s%s%s", it->path, it->name ? ":" : "", it->name ? it->name : "");
        m->items[m->nitems++] = label;
    } else if (m->at >= m->nitems) {
        return; /* an input that changed between passes: its cell is not kept */
    }
    m->at++;
    cell c;
    memset(&c, 0, sizeof(c));
    c.error = error != NULL;
    c.passed = !failed;
    if (failed && res->has_first && res->first.severity >= CERTFIT_SEV_ERROR) {
        c.has_first = true;
        c.rule = res->first.rule;
        c.value = res->first.value;
        c.limit = res->first.limit;
    }
    if (!grow((void **)&m->cells, &m->cells_cap, m->ncells + 1, sizeof(*m->cells))) {
        m->oom = true;
        return;
    }
    m->cells[m->ncells++] = c;
}

/* The cell as text: "ok", "error", or "RULE VALUE>LIMIT", "RULE VALUE"
 * without a limit, "RULE" without a figure (mbedtls-parse: "RULE -0xCODE"). */
static void cell_text(const cell *c, char *out, size_t size)
{
    if (c->error)
        snprintf(out, size, "error");
    else if (c->passed)
        snprintf(out, size, "ok");
    else if (!c->has_first)
        snprintf(out, size, "fail");
    else if (c->rule == CERTFIT_RULE_MBEDTLS_PARSE)
        snprintf(out, size, "%s -0x%04llX", certfit_rule_id(c->rule), (unsigned long long)c->value);
    else if (c->limit != 0)
        snprintf(out, size, "%s %llu>%llu", certfit_rule_id(c->rule), (unsigned long long)c->value,
                 (unsigned long long)c->limit);
    else if (c->value != 0)
        snprintf(out, size, "%s %llu", certfit_rule_id(c->rule), (unsigned long long)c->value);
    else /* a finding without a figure */
        snprintf(out, size, "%s", certfit_rule_id(c->rule));
}

static void print_text(const matrix *m, const certfit_profile *pf, size_t np)
{
    size_t *w = calloc(m->nitems + 1, sizeof(*w));
    if (w == NULL)
        return;
    char buf[96];
    w[0] = strlen("profile");
    for (size_t p = 0; p < np; p++)
        if (strlen(pf[p].name) > w[0])
            w[0] = strlen(pf[p].name);
    for (size_t i = 0; i < m->nitems; i++) {
        w[i + 1] = strlen(m->items[i]);
        for (size_t p = 0; p < np; p++) {
            cell_text(&m->cells[p * m->nitems + i], buf, sizeof(buf));
            if (strlen(buf) > w[i + 1])
                w[i + 1] = strlen(buf);
        }
    }
    char esc[1100];
    printf("%-*s", (int)w[0], "profile");
    /* the last column unpadded: no trailing blanks */
    for (size_t i = 0; i < m->nitems; i++)
        printf("  %-*s", i + 1 < m->nitems ? (int)w[i + 1] : 0,
               text_escape(m->items[i], esc, sizeof(esc)));
    putchar('\n');
    for (size_t p = 0; p < np; p++) {
        printf("%-*s", (int)w[0], pf[p].name);
        for (size_t i = 0; i < m->nitems; i++) {
            cell_text(&m->cells[p * m->nitems + i], buf, sizeof(buf));
            printf("  %-*s", i + 1 < m->nitems ? (int)w[i + 1] : 0, buf);
        }
        putchar('\n');
    }
    free(w);
}

static void print_json(const matrix *m, const certfit_profile *pf, size_t np)
{
    jw w;
    jw_init(&w, stdout, true);
    jw_obj(&w);
    jw_key(&w, "schema");
    jw_int(&w, 1);
    jw_key(&w, "matrix");
    jw_arr(&w);
    for (size_t p = 0; p < np; p++) {
        for (size_t i = 0; i < m->nitems; i++) {
            const cell *c = &m->cells[p * m->nitems + i];
            jw_obj(&w);
            jw_kstr(&w, "profile", pf[p].name);
            jw_kstr(&w, "item", m->items[i]);
            jw_key(&w, "passed");
            jw_bool(&w, c->passed);
            jw_key(&w, "first");
            if (!c->has_first) {
                jw_null(&w);
            } else {
                jw_obj(&w);
                jw_kstr(&w, "rule", certfit_rule_id(c->rule));
                jw_key(&w, "value");
                if (c->rule == CERTFIT_RULE_MBEDTLS_PARSE) /* Mbed TLS's own (negative) code */
                    jw_int(&w, -(long long)c->value);
                else
                    jw_uint(&w, c->value);
                jw_key(&w, "limit");
                if (c->limit != 0)
                    jw_uint(&w, c->limit);
                else
                    jw_null(&w);
                jw_obj_end(&w);
            }
            jw_obj_end(&w);
        }
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    jw_end(&w);
}

/* The index of the profile named [s, s + len), or np. */
static size_t profile_index(const certfit_profile *pf, size_t np, const char *s, size_t len)
{
    for (size_t p = 0; p < np; p++)
        if (strlen(pf[p].name) == len && memcmp(pf[p].name, s, len) == 0)
            return p;
    return np;
}

int cmd_matrix(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"role", required_argument, NULL, 'r'},    {"policy", required_argument, NULL, 'P'},
        {"require", required_argument, NULL, 'R'}, {"now", required_argument, NULL, 'N'},
        {"format", required_argument, NULL, 'f'},  {"no-signatures", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    cli_opts o;
    memset(&o, 0, sizeof(o));
    o.role = CERTFIT_ROLE_CA;
    o.now = (int64_t)time(NULL);
    o.sec_tag = CERTFIT_SEC_TAG_MAX;
    o.format = FMT_TEXT;
    o.fail_on = CERTFIT_SEV_ERROR;
    o.signatures = true;
    o.max_size = DEFAULT_MAX_SIZE;
    o.extensions = "pem,crt,cer,der,h";
    const char *require = NULL;
    size_t nbuiltin = certfit_profile_count(), np = nbuiltin;
    /* at most one policy per argument */
    certfit_profile *pf = calloc(nbuiltin + (size_t)argc, sizeof(*pf));
    if (pf == NULL) {
        fprintf(stderr, "certfit: matrix: out of memory\n");
        return EXIT_USAGE;
    }
    for (size_t p = 0; p < nbuiltin; p++)
        pf[p] = *certfit_profile_at(p);
    int rc = EXIT_PASS, c;
    while ((c = cli_getopt(argc, argv, "-:r:f:h", longopts)) != -1) {
        switch (c) {
        case 'r':
            if (strcmp(optarg, "ca") == 0)
                o.role = CERTFIT_ROLE_CA;
            else if (strcmp(optarg, "server") == 0)
                o.role = CERTFIT_ROLE_SERVER;
            else
                rc = EXIT_USAGE,
                usage_error("matrix", "--role must be ca or server, not '%s'", optarg);
            break;
        case 'P':
            if (read_policy(optarg, "nrf91", &pf[np]) != 0)
                rc = EXIT_USAGE;
            else if (profile_index(pf, np, pf[np].name, strlen(pf[np].name)) < np)
                rc = EXIT_USAGE,
                usage_error("matrix",
                            "--policy: a profile named '%s' is already in the matrix "
                            "(give the file a 'name = ...' line)",
                            pf[np].name);
            else
                np++;
            break;
        case 'R':
            require = optarg;
            break;
        case 'N':
            if (certfit_time_parse_rfc3339(optarg, &o.now) != 0)
                rc = EXIT_USAGE, usage_error("matrix",
                                             "--now: '%s' is not an RFC 3339 time "
                                             "(e.g. 2026-01-01T00:00:00Z)",
                                             optarg);
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                o.format = FMT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                o.format = FMT_JSON;
            else
                rc = EXIT_USAGE,
                usage_error("matrix", "--format must be text or json, not '%s'", optarg);
            break;
        case 'n':
            o.signatures = false;
            break;
        case 'h':
            fputs(k_matrix_usage, stdout);
            free(pf);
            return EXIT_PASS;
        default:
            option_error("matrix", c, argv, longopts);
            rc = EXIT_USAGE;
            break;
        }
        if (rc != EXIT_PASS) {
            free(pf);
            return rc;
        }
    }
    int first = optind;
    if (first >= argc) {
        usage_error("matrix", "%s", "no PATH given");
        free(pf);
        return EXIT_USAGE;
    }
    for (int i = first; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            /* each profile reads the paths again: standard input cannot be */
            usage_error("matrix", "%s",
                        "'-' (standard input) cannot be read once per profile; "
                        "give a file");
            free(pf);
            return EXIT_USAGE;
        }
    }
    /* --require names profiles of the matrix */
    bool *required = calloc(np, sizeof(*required));
    if (required == NULL) {
        free(pf);
        return EXIT_USAGE;
    }
    for (const char *s = require; s != NULL && rc == EXIT_PASS;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        size_t p = profile_index(pf, np, s, len);
        if (p == np) {
            char name[64];
            snprintf(name, sizeof(name), "%.*s", (int)(len < 63 ? len : 63), s);
            unknown_profile("matrix", name);
            rc = EXIT_USAGE;
        } else {
            required[p] = true;
        }
        s = comma ? comma + 1 : NULL;
    }
    matrix m;
    memset(&m, 0, sizeof(m));
    reporter r;
    memset(&r, 0, sizeof(r));
    r.begin = m_begin;
    r.item_end = m_item_end;
    r.end = m_end;
    r.out = stdout;
    r.state = &m;
    bool input_error = false;
    for (size_t p = 0; p < np && rc == EXIT_PASS && !m.oom; p++) {
        o.profile = pf[p];
        r.o = &o;
        m.first_pass = p == 0;
        m.at = 0;
        summary s;
        if (run_paths(&o, argv + first, argc - first, &r, &s) == EXIT_USAGE)
            input_error = true;
        while (m.ncells < (p + 1) * m.nitems) { /* a pass that saw fewer items */
            cell e;
            memset(&e, 0, sizeof(e));
            e.error = true;
            if (!grow((void **)&m.cells, &m.cells_cap, m.ncells + 1, sizeof(*m.cells))) {
                m.oom = true;
                break;
            }
            m.cells[m.ncells++] = e;
        }
        if (input_error && m.nitems == 0)
            break;
    }
    if (m.oom) {
        fprintf(stderr, "certfit: matrix: out of memory\n");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_PASS && m.nitems > 0) {
        if (o.format == FMT_JSON)
            print_json(&m, pf, np);
        else
            print_text(&m, pf, np);
        for (size_t p = 0; p < np; p++) {
            size_t fails = 0;
            for (size_t i = 0; i < m.nitems; i++)
                fails += !m.cells[p * m.nitems + i].passed;
            if (required[p] && fails > 0) {
                fprintf(stderr, "certfit: matrix: required profile %s fails %zu item%s\n",
                        pf[p].name, fails, fails == 1 ? "" : "s");
                rc = EXIT_FINDINGS;
            }
        }
    }
    if (input_error)
        rc = EXIT_USAGE;
    for (size_t i = 0; i < m.nitems; i++)
        free(m.items[i]);
    free(m.items);
    free(m.cells);
    free(required);
    free(pf);
    return rc;
}
