/* certfit rules | profiles | explain, and the size table. */
#include <string.h>

#include "cli.h"
#include "json.h"

/* Output formats of the listing commands: markdown feeds docs/rules.md and
 * docs/profiles.md (scripts/gen-docs.sh), so the docs come from the tables. */
enum list_fmt { LIST_TEXT, LIST_JSON, LIST_MARKDOWN };

static int want_format(const char *cmd, int argc, char **argv, enum list_fmt *fmt)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *fmt = LIST_TEXT;
    int c;
    while ((c = cli_getopt(argc, argv, "-:f:h", longopts)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                *fmt = LIST_JSON;
            else if (strcmp(optarg, "markdown") == 0)
                *fmt = LIST_MARKDOWN;
            else if (strcmp(optarg, "text") == 0)
                *fmt = LIST_TEXT;
            else
                return usage_error(cmd, "--format must be text, json or markdown, not '%s'",
                                   optarg),
                       -1;
            break;
        case 'h':
            printf("usage: certfit %s [-f, --format text|json|markdown]\n", cmd);
            return 1;
        default:
            return option_error(cmd, c, argv, longopts);
        }
    }
    if (optind < argc)
        return usage_error(cmd, "unexpected argument '%s'", argv[optind]), -1;
    return 0;
}

/* A markdown table cell: '|' escaped, newlines as spaces. */
static void md_cell(const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", stdout);
        else if (*s == '\n')
            putchar(' ');
        else
            putchar(*s);
    }
}

static const char *roles_str(unsigned roles)
{
    return roles == CERTFIT_ROLE_BOTH ? "ca,server" : roles == CERTFIT_ROLE_CA ? "ca" : "server";
}

/* The table's columns that are not texts, for one rule: "size, no limit,
 * reads the clock". */
static const char *limit_str(certfit_rule r)
{
    const char *l = certfit_rule_limit_name(certfit_rule_limit_of(r));
    return l != NULL ? l : "none";
}

static const char *size_str(certfit_rule r)
{
    return certfit_rule_is_hard_limit(r) ? "yes, a hard limit (refused by firmware at any fail-on)"
           : certfit_rule_is_size(r)     ? "yes (firmware: -EFBIG)"
                                         : "no";
}

static void rules_markdown(void)
{
    printf("| id | severity | roles | category | summary |\n| --- | --- | --- | --- | --- |\n");
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++) {
        certfit_rule r = (certfit_rule)i;
        const certfit_rule_text *t = certfit_rule_text_of(r);
        printf("| [`%s`](#%s) | %s | %s | %s | ", t->id, t->id,
               certfit_severity_name(certfit_rule_default_severity(r)),
               roles_str(certfit_rule_roles(r)),
               certfit_rule_category_name(certfit_rule_category_of(r)));
        md_cell(t->summary);
        printf(" |\n");
    }
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++) {
        certfit_rule r = (certfit_rule)i;
        const certfit_rule_text *t = certfit_rule_text_of(r);
        printf("\n## %s\n\n%s\n\n- severity: %s (the default; a profile or policy file may "
               "change it)\n- roles: %s\n- category: %s\n- enabled by the profile limit: %s\n"
               "- reads the clock: %s\n- size rule: %s\n",
               t->id, t->summary, certfit_severity_name(certfit_rule_default_severity(r)),
               roles_str(certfit_rule_roles(r)),
               certfit_rule_category_name(certfit_rule_category_of(r)), limit_str(r),
               certfit_rule_reads_clock(r) ? "yes" : "no", size_str(r));
        const char *z = certfit_rule_zlint(r);
        printf("- zlint lints: %s\n", z[0] != '\0' ? z : "none");
        const certfit_rule_detail_text *d = certfit_rule_detail_at(r, 0);
        if (d == NULL) {
            printf("- detail codes: none (`detail` is 0)\n");
        } else {
            printf("- detail codes (`detail` in the finding):\n");
            for (size_t k = 0; (d = certfit_rule_detail_at(r, k)) != NULL; k++) {
                if (d->value < 0)
                    printf("  - a value of `%s`: %s\n", d->name, d->meaning);
                else
                    printf("  - %d `%s`: %s\n", (int)d->value, d->name, d->meaning);
            }
        }
        printf("- why it matters: %s\n- fix: %s\n- citation: %s\n", t->why, t->fix, t->citation);
    }
}

/* One rule as `certfit rules --format json` gives it. */
static void rule_json(jw *w, certfit_rule r)
{
    const certfit_rule_text *t = certfit_rule_text_of(r);
    jw_obj(w);
    jw_kstr(w, "id", t->id);
    jw_kstr(w, "severity", certfit_severity_name(certfit_rule_default_severity(r)));
    jw_kstr(w, "roles", roles_str(certfit_rule_roles(r)));
    jw_kstr(w, "summary", t->summary);
    jw_kstr(w, "citation", t->citation);
    jw_kstr(w, "category", certfit_rule_category_name(certfit_rule_category_of(r)));
    jw_kstr(w, "limit", certfit_rule_limit_name(certfit_rule_limit_of(r)));
    jw_kbool(w, "clock", certfit_rule_reads_clock(r));
    jw_kbool(w, "size", certfit_rule_is_size(r));
    jw_kbool(w, "hard_limit", certfit_rule_is_hard_limit(r));
    jw_key(w, "details");
    jw_arr(w);
    const certfit_rule_detail_text *d;
    for (size_t k = 0; (d = certfit_rule_detail_at(r, k)) != NULL; k++) {
        jw_obj(w);
        if (d->value < 0)
            jw_knull(w, "code");
        else
            jw_kint(w, "code", d->value);
        jw_kstr(w, "name", d->name);
        jw_kstr(w, "meaning", d->meaning);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "zlint");
    jw_arr(w);
    for (const char *z = certfit_rule_zlint(r); *z != '\0';) {
        size_t n = strcspn(z, " ");
        if (n > 0)
            jw_strn(w, z, n);
        z += n;
        z += strspn(z, " ");
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

int cmd_rules(int argc, char **argv)
{
    enum list_fmt fmt;
    int rc = want_format("rules", argc, argv, &fmt);
    if (rc != 0)
        return rc < 0 ? EXIT_USAGE : EXIT_PASS;
    if (fmt == LIST_MARKDOWN) {
        rules_markdown();
        return EXIT_PASS;
    }
    bool json = fmt == LIST_JSON;
    jw w;
    if (json) {
        jw_init(&w, stdout, true);
        jw_arr(&w);
    }
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++) {
        certfit_rule r = (certfit_rule)i;
        const certfit_rule_text *t = certfit_rule_text_of(r);
        if (json)
            rule_json(&w, r);
        else
            printf("%-24s %-8s %-10s %s\n", t->id,
                   certfit_severity_name(certfit_rule_default_severity(r)),
                   roles_str(certfit_rule_roles(r)), t->summary);
    }
    if (json) {
        jw_arr_end(&w);
        jw_end(&w);
    }
    return EXIT_PASS;
}

static void profiles_markdown(void)
{
    for (size_t i = 0; i < certfit_profile_count(); i++) {
        const certfit_profile *p = certfit_profile_at(i);
        size_t n;
        const certfit_limit_doc *docs = certfit_profile_limit_docs(i, &n);
        printf("%s## %s\n\n%s\n\n| key | value | status | source |\n| --- | --- | --- | --- |\n",
               i ? "\n" : "", p->name, certfit_profile_summary(i));
        for (size_t k = 0; k < n; k++) {
            char v[128];
            if (certfit_profile_value(p, docs[k].key, v, sizeof(v)) != 0)
                strcpy(v, "?");
            printf("| `%s` | `%s` | %s | ", docs[k].key, v,
                   docs[k].confirmed ? "confirmed" : "**assumed**");
            md_cell(docs[k].source);
            printf(" |\n");
        }
        bool any = false;
        for (unsigned r = 0; r < CERTFIT_RULE_COUNT; r++) {
            certfit_severity d = certfit_rule_default_severity((certfit_rule)r);
            certfit_severity e = certfit_profile_severity(p, (certfit_rule)r);
            if (d == e)
                continue;
            if (!any)
                printf("\nSeverities that differ from the rule table's defaults:\n\n");
            any = true;
            printf("- `%s`: %s (default %s)\n", certfit_rule_id((certfit_rule)r),
                   e == CERTFIT_SEV_OFF ? "off" : certfit_severity_name(e),
                   certfit_severity_name(d));
        }
        if (!any)
            printf("\nEvery rule has the rule table's default severity.\n");
    }
}

int cmd_profiles(int argc, char **argv)
{
    enum list_fmt fmt;
    int rc = want_format("profiles", argc, argv, &fmt);
    if (rc != 0)
        return rc < 0 ? EXIT_USAGE : EXIT_PASS;
    if (fmt == LIST_MARKDOWN) {
        profiles_markdown();
        return EXIT_PASS;
    }
    bool json = fmt == LIST_JSON;
    jw w;
    if (json) {
        jw_init(&w, stdout, true);
        jw_arr(&w);
    }
    for (size_t i = 0; i < certfit_profile_count(); i++) {
        const certfit_profile *p = certfit_profile_at(i);
        size_t n;
        const certfit_limit_doc *docs = certfit_profile_limit_docs(i, &n);
        if (json) {
            jw_obj(&w);
            jw_kstr(&w, "name", p->name);
            jw_kstr(&w, "summary", certfit_profile_summary(i));
            jw_key(&w, "limits");
            jw_arr(&w);
        } else {
            printf("%s%s\n  %s\n", i ? "\n" : "", p->name, certfit_profile_summary(i));
        }
        for (size_t k = 0; k < n; k++) {
            char v[128];
            if (certfit_profile_value(p, docs[k].key, v, sizeof(v)) != 0)
                strcpy(v, "?");
            if (json) {
                jw_obj(&w);
                jw_kstr(&w, "key", docs[k].key);
                jw_kstr(&w, "value", v);
                jw_kbool(&w, "confirmed", docs[k].confirmed);
                jw_kstr(&w, "source", docs[k].source);
                jw_obj_end(&w);
            } else {
                printf("  %-26s %-22s %s: %s\n", docs[k].key, v,
                       docs[k].confirmed ? "confirmed" : "ASSUMED", docs[k].source);
            }
        }
        if (json) {
            jw_arr_end(&w);
            jw_obj_end(&w);
        }
    }
    if (json) {
        jw_arr_end(&w);
        jw_end(&w);
    }
    return EXIT_PASS;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = cli_getopt(argc, argv, "-:h", longopts)) != -1) {
        if (c == 'h') {
            printf("usage: certfit explain RULE\n");
            return EXIT_PASS;
        }
        return option_error("explain", c, argv, longopts), EXIT_USAGE;
    }
    if (optind + 1 != argc) {
        usage_error("explain", "%s", "give exactly one RULE (see 'certfit rules')");
        return EXIT_USAGE;
    }
    const char *id = argv[optind];
    certfit_rule r = certfit_rule_from_id(id, strlen(id));
    if (r == CERTFIT_RULE_COUNT) {
        unknown_rule("explain", "", id, strlen(id));
        return EXIT_USAGE;
    }
    const certfit_rule_text *t = certfit_rule_text_of(r);
    printf("%s (%s; roles: %s)\n\n%s\n\nWhy it matters:\n  %s\n\nHow to fix:\n  %s\n\nSource:\n  "
           "%s\n",
           t->id, certfit_severity_name(certfit_rule_default_severity(r)),
           roles_str(certfit_rule_roles(r)), t->summary, t->why, t->fix, t->citation);
    return EXIT_PASS;
}

/* ---- certfit size: the size model as a table --------------------------------- */

static void z_begin(reporter *r)
{
    fprintf(r->out, "profile %s, role %s, sec_tag %u\n\n", r->o->profile.name,
            role_name(r->o->role), (unsigned)r->o->sec_tag);
}

static void z_row(reporter *r, const char *name, uint64_t v, uint32_t limit)
{
    if (limit == 0)
        fprintf(r->out, "  %-27s %8llu %8s %9s\n", name, (unsigned long long)v, "-", "-");
    else
        fprintf(r->out, "  %-27s %8llu %8u %+9lld\n", name, (unsigned long long)v, limit,
                (long long)limit - (long long)v);
}

static void z_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    (void)fs;
    (void)failed;
    const certfit_sizes *s = &res->sizes;
    const certfit_profile *p = &r->o->profile;
    bool ca = r->o->role == CERTFIT_ROLE_CA;
    char path[1100];
    text_escape(it->path, path, sizeof(path));
    if (it->name)
        fprintf(r->out, "%s: %s (%u certificate%s)\n", path, it->name, s->certs,
                s->certs == 1 ? "" : "s");
    else
        fprintf(r->out, "%s (%u certificate%s)\n", path, s->certs, s->certs == 1 ? "" : "s");
    if (error != NULL)
        fprintf(r->out, "  error: %s\n", error);
    if (s->certs > 0) {
        fprintf(r->out, "  %-27s %8s %8s %9s\n", "figure", "bytes", "limit", "headroom");
        z_row(r, "der_total", s->der_total, 0);
        z_row(r, "pem_canonical", s->pem_canonical, 0);
        z_row(r, "credential_bytes", s->credential_bytes, ca ? p->credential_limit : 0);
        z_row(r, "cmng_read_response", s->cmng_read_response, ca ? p->readback_limit : 0);
        z_row(r, "tls12_certificate_message", s->tls12_certificate_message,
              ca ? 0 : p->chain_limit);
        z_row(r, "tls13_certificate_message", s->tls13_certificate_message, 0);
    }
    fputc('\n', r->out);
}

static void z_end(reporter *r, const summary *s)
{
    (void)r;
    (void)s;
}

void reporter_sizes(reporter *r)
{
    r->begin = z_begin;
    r->item_begin = NULL;
    r->cert = NULL;
    r->item_end = z_item_end;
    r->end = z_end;
}
