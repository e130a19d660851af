/* Text output for people: one block per item, the verdict first. */
#include <string.h>

#include "cli.h"

#define MAX_CERT_LINES 16
/* a subject longer than this many bytes is cut, and the cut marked "…" */
#define SUBJECT_MAX 96

typedef struct cert_line {
    uint32_t index;
    bool parsed;
    char subject[SUBJECT_MAX + sizeof("\xe2\x80\xa6")];
    char key[40];
    char sig[32];
    char nb[11], na[11];
    size_t der;
    const char *unverified; /* an EdDSA self-signature Mbed TLS cannot check, or NULL */
} cert_line;

typedef struct text_state {
    cert_line lines[MAX_CERT_LINES];
    uint32_t ncerts;
} text_state;

static text_state g_text;

static const char *col(const reporter *r, const char *code)
{
    return r->o->color ? code : "";
}
#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static void t_begin(reporter *r)
{
    char now[21];
    certfit_time_format(r->o->now, now);
    if (!r->o->quiet)
        fprintf(r->out, "certfit %s: profile %s, role %s, now %s\n\n", CERTFIT_VERSION_STRING,
                r->o->profile.name, role_name(r->o->role), now);
}

static void t_item_begin(reporter *r, const item_info *it)
{
    (void)r;
    (void)it;
    g_text.ncerts = 0;
}

static void t_cert(reporter *r, const certfit_cert_event *ev)
{
    uint32_t i = g_text.ncerts++;
    if (i >= MAX_CERT_LINES)
        return;
    cert_line *l = &g_text.lines[i];
    memset(l, 0, sizeof(*l));
    l->index = ev->index;
    l->der = ev->der.len;
    if (ev->cert == NULL)
        return;
    const certfit_cert *c = ev->cert;
    l->parsed = true;
    char full[1024];
    size_t n = cert_subject(c, full, sizeof(full));
    if (n > SUBJECT_MAX || n >= sizeof(full) - 1) {
        /* keep whole UTF-8 characters, room for the ellipsis */
        n = utf8_cut(full, n, SUBJECT_MAX - 3);
        memcpy(l->subject, full, n);
        memcpy(l->subject + n, "\xe2\x80\xa6", 4);
    } else {
        memcpy(l->subject, full, n + 1);
    }
    if (c->key_type == CERTFIT_KEY_EC)
        snprintf(l->key, sizeof(l->key), "EC %s", certfit_curve_name(c->curve));
    else if (c->key_type == CERTFIT_KEY_RSA)
        snprintf(l->key, sizeof(l->key), "RSA %u", (unsigned)c->key_bits);
    else if (c->key_type == CERTFIT_KEY_DSA)
        snprintf(l->key, sizeof(l->key), "DSA %u", (unsigned)c->key_bits);
    else if (c->key_type == CERTFIT_KEY_GOST)
        snprintf(l->key, sizeof(l->key), "GOST R 34.10 %u", (unsigned)c->key_bits);
    else if (c->key_type == CERTFIT_KEY_X25519 || c->key_type == CERTFIT_KEY_X448)
        snprintf(l->key, sizeof(l->key), "%s (key agreement only)",
                 c->key_type == CERTFIT_KEY_X25519 ? "X25519" : "X448");
    else
        snprintf(l->key, sizeof(l->key), "%s", certfit_key_type_name(c->key_type));
    const char *sn = certfit_sig_alg_name(c->sig_alg);
    snprintf(l->sig, sizeof(l->sig), "%s", sn ? sn : "unknown signature");
    char t[21];
    certfit_time_format(c->not_before.t, t);
    memcpy(l->nb, t, 10);
    certfit_time_format(c->not_after.t, t);
    memcpy(l->na, t, 10);
    /* self_signed is null for an EdDSA self-signature: say why, rather
     * than nothing (the JSON keeps null) */
    if (r->o->signatures && ev->self_signed == CERTFIT_SELFSIG_UNKNOWN &&
        certfit_cert_is_issuer_subject(c) &&
        (c->sig_alg == CERTFIT_SIG_ED25519 || c->sig_alg == CERTFIT_SIG_ED448))
        l->unverified = c->sig_alg == CERTFIT_SIG_ED25519
                            ? "self-signature not verified: Ed25519 is not supported by Mbed TLS"
                            : "self-signature not verified: Ed448 is not supported by Mbed TLS";
}

static void size_line(reporter *r, const char *label, uint64_t v, uint32_t limit)
{
    if (limit == 0) {
        fprintf(r->out, "    %-28s %6llu\n", label, (unsigned long long)v);
    } else if (v > limit) {
        fprintf(r->out, "    %-28s %6llu / %-6u %s%llu over%s\n", label, (unsigned long long)v,
                limit, col(r, RED), (unsigned long long)(v - limit), col(r, RESET));
    } else {
        fprintf(r->out, "    %-28s %6llu / %-6u %llu left\n", label, (unsigned long long)v, limit,
                (unsigned long long)(limit - v));
    }
}

/* Several roots in a CA credential: what the slot weighs with each alone
 * (its canonical PEM), for the certificates listed above. */
static void alone_sizes(reporter *r)
{
    uint32_t shown = g_text.ncerts < MAX_CERT_LINES ? g_text.ncerts : MAX_CERT_LINES;
    fprintf(r->out, "            alone:");
    for (uint32_t i = 0; i < shown; i++)
        fprintf(r->out, "%s [%u] %llu bytes", i > 0 ? "," : "", g_text.lines[i].index,
                (unsigned long long)certfit_size_pem(g_text.lines[i].der));
    if (g_text.ncerts > shown)
        fprintf(r->out, ", ... (--format json: pem_bytes)");
    fputc('\n', r->out);
}

/* "trusted by FILE (SUBJECT)" or why not (docs/design.md section 11) */
static void trust_line(reporter *r, const item_info *it)
{
    const trust_report *t = it->trust;
    char subject[SUBJECT_MAX + 8], file[1100];
    if (t->anchor >= 0) {
        cert_subject(&t->anchors[t->anchor].cert, subject, sizeof(subject));
        text_escape(trust_anchor_file(t, it, (size_t)t->anchor), file, sizeof(file));
        fprintf(r->out, "  %s%s by %s (%s)%s, certificate %u; path [0..%u]%s\n",
                col(r, t->trusted ? GREEN : RED), t->trusted ? "trusted" : "NOT trusted: anchored",
                file, subject, t->trusted ? "" : " but it is not valid now",
                (unsigned)t->anchors[t->anchor].index, (unsigned)(t->path_len - 1),
                col(r, RESET));
    } else {
        fprintf(r->out, "  %sNOT trusted%s: no CA credential anchors the chain (path [0..%u]; "
                        "see anchor-missing / chain-incomplete)\n",
                col(r, RED), col(r, RESET), (unsigned)(t->path_len > 0 ? t->path_len - 1 : 0));
    }
    if (t->server_chain != NULL) {
        text_escape(t->server_chain, file, sizeof(file));
        fprintf(r->out, "  (the path is the chain in %s; the anchors are this credential)\n", file);
    }
}

static void t_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    const cli_opts *o = r->o;
    if (o->quiet && !failed)
        return;
    char where[1200], path[1100];
    text_escape(it->path, path, sizeof(path)); /* a file name is not for the terminal to run */
    if (it->name != NULL)
        snprintf(where, sizeof(where), "%s: %s (line %u)", path, it->name, it->line);
    else
        snprintf(where, sizeof(where), "%s", path);
    char msg[512];
    if (error != NULL) {
        fprintf(r->out, "%sERROR%s %s: %s\n", col(r, RED BOLD), col(r, RESET), where, error);
        if (res->sizes.certs == 0 && fs->n == 0) {
            fputc('\n', r->out);
            return;
        }
    } else if (failed && res->has_first) {
        trust_finding_message(it, &res->first, msg, sizeof(msg));
        unsigned long more = res->counts[1] + res->counts[2] + res->counts[3] - 1;
        fprintf(r->out, "%sFAIL%s  %s: %s: %s", col(r, RED BOLD), col(r, RESET), where,
                certfit_rule_id(res->first.rule), msg);
        if (more > 0)
            fprintf(r->out, " (+%lu more)", more);
        fputc('\n', r->out);
    } else {
        unsigned long w = res->counts[CERTFIT_SEV_WARNING], n = res->counts[CERTFIT_SEV_NOTICE];
        fprintf(r->out, "%sPASS%s  %s", col(r, GREEN BOLD), col(r, RESET), where);
        if (w + n > 0)
            fprintf(r->out, " (%lu warning%s, %lu notice%s)", w, w == 1 ? "" : "s", n,
                    n == 1 ? "" : "s");
        fputc('\n', r->out);
    }
    if (it->note != NULL)
        fprintf(r->out, "  note: %s\n", it->note);
    if (it->type != NULL)
        fprintf(r->out, "  type: %s (%%CMNG type %d)\n", it->type,
                it->type[0] == 'k' ? 2 : it->type[1] == 'l' ? 1 : 0);
    if (it->trust != NULL)
        trust_line(r, it);
    const certfit_sizes *s = &res->sizes;
    if (!o->quiet) {
        fprintf(r->out, "  %u certificate%s (%s)\n", s->certs, s->certs == 1 ? "" : "s",
                certfit_format_name(it->format));
        uint32_t shown = g_text.ncerts < MAX_CERT_LINES ? g_text.ncerts : MAX_CERT_LINES;
        for (uint32_t i = 0; i < shown; i++) {
            const cert_line *l = &g_text.lines[i];
            if (!l->parsed)
                fprintf(r->out, "    [%u] unparsable certificate, %zu bytes DER\n", l->index,
                        l->der);
            else
                fprintf(r->out, "    [%u] %s\n        %s, %s, %s .. %s, %zu bytes DER\n", l->index,
                        l->subject, l->key, l->sig, l->nb, l->na, l->der);
            if (l->parsed && l->unverified != NULL)
                fprintf(r->out, "        %s\n", l->unverified);
        }
        if (g_text.ncerts > shown)
            fprintf(r->out, "    ... %u more (use --format json for all)\n",
                    g_text.ncerts - shown);
        fprintf(r->out, "  sizes\n");
        const certfit_profile *pf = &o->profile;
        bool ca = o->role == CERTFIT_ROLE_CA;
        size_line(r, "credential (%CMNG text)", s->credential_bytes, ca ? pf->credential_limit : 0);
        size_line(r, "%CMNG read-back response", s->cmng_read_response, ca ? pf->readback_limit : 0);
        size_line(r, "TLS 1.2 Certificate message", s->tls12_certificate_message,
                  ca ? 0 : pf->chain_limit);
        size_line(r, "TLS 1.3 Certificate message", s->tls13_certificate_message, 0);
        size_line(r, "DER total", s->der_total, 0);
        size_line(r, "PEM canonical", s->pem_canonical, 0);
    }
    if (fs->n > 0) {
        fprintf(r->out, "  findings\n");
        /* most severe first, in the order found within a severity */
        for (size_t k = 0; k < 3 * fs->n; k++) {
            const certfit_finding *f = findings_at(fs, k % fs->n);
            if (f == NULL)
                break;
            if ((int)f->severity != CERTFIT_SEV_ERROR - (int)(k / fs->n))
                continue;
            if (o->quiet && !(o->fail_on != CERTFIT_SEV_OFF && f->severity >= o->fail_on))
                continue;
            const char *c = f->severity == CERTFIT_SEV_ERROR     ? RED
                            : f->severity == CERTFIT_SEV_WARNING ? YELLOW
                                                                 : DIM;
            char fix[512], at[32] = "";
            trust_finding_message(it, f, msg, sizeof(msg));
            trust_finding_fix(it, f, fix, sizeof(fix));
            if (f->cert >= 0)
                snprintf(at, sizeof(at), " [%d]", (int)f->cert);
            fprintf(r->out, "    %s%-7s%s %s%s: %s\n            fix: %s\n", col(r, c),
                    certfit_severity_name(f->severity), col(r, RESET), certfit_rule_id(f->rule), at,
                    msg, fix);
            if (f->rule == CERTFIT_RULE_CA_SLOT_BUNDLE && (f->detail == 3 || f->detail == 5))
                alone_sizes(r);
        }
    }
    fputc('\n', r->out);
}

static void t_end(reporter *r, const summary *s)
{
    fprintf(r->out, "%s%lu item%s: %lu passed, %lu failed", col(r, BOLD), s->items,
            s->items == 1 ? "" : "s", s->passed, s->failed);
    if (s->input_errors)
        fprintf(r->out, " (%lu could not be evaluated)", s->input_errors);
    fprintf(r->out, "; %lu error%s, %lu warning%s, %lu notice%s%s\n", s->counts[3],
            s->counts[3] == 1 ? "" : "s", s->counts[2], s->counts[2] == 1 ? "" : "s", s->counts[1],
            s->counts[1] == 1 ? "" : "s", col(r, RESET));
}

void reporter_text(reporter *r)
{
    r->begin = t_begin;
    r->item_begin = t_item_begin;
    r->cert = t_cert;
    r->item_end = t_item_end;
    r->end = t_end;
}
