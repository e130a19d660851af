#define _POSIX_C_SOURCE 200809L
/* JSON (schema 1, docs/design.md section 8) and SARIF 2.1.0 output, streamed. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"

static jw g_jw;
/* The report waits here and goes out in large writes (json.c); nothing
 * else writes to the report's FILE while a JSON or SARIF report runs. */
static char g_jw_buf[1 << 16];

static void k_time(jw *w, const char *qkey, size_t qlen, int64_t t)
{
    char s[21];
    certfit_time_format(t, s);
    jw_lstr(w, qkey, qlen, s);
}

static void j_begin(reporter *r)
{
    jw *w = &g_jw;
    jw_init_buffered(w, r->out, true, g_jw_buf, sizeof(g_jw_buf));
    jw_obj(w);
    jw_luint(w, JW_K("schema"), 1);
    jw_lkey(w, JW_K("tool"));
    jw_obj(w);
    jw_lstr(w, JW_K("name"), "certfit");
    jw_lstr(w, JW_K("version"), CERTFIT_VERSION_STRING);
    jw_obj_end(w);
    jw_lstr(w, JW_K("profile"), r->o->profile.name);
    jw_lstr(w, JW_K("role"), role_name(r->o->role));
    k_time(w, JW_K("now"), r->o->now);
    jw_lkey(w, JW_K("items"));
    jw_arr(w);
}

static void j_item_begin(reporter *r, const item_info *it)
{
    jw *w = &g_jw;
    jw_obj(w);
    jw_lstr(w, JW_K("path"), it->path);
    jw_lstr(w, JW_K("name"), it->name);
    jw_lstr(w, JW_K("format"),
            it->format == CERTFIT_FORMAT_UNKNOWN ? NULL : certfit_format_name(it->format));
    jw_luint(w, JW_K("line"), it->line);
    /* extension (docs/design.md section 11): the %CMNG type the item is written as */
    jw_lstr(w, JW_K("type"),
            it->type != NULL                ? it->type
            : r->o->role == CERTFIT_ROLE_CA ? "ca"
                                            : NULL);
    jw_lkey(w, JW_K("certificates"));
    jw_arr(w);
}

static void j_cert(reporter *r, const certfit_cert_event *ev)
{
    (void)r;
    jw *w = &g_jw;
    const certfit_cert *c = ev->cert;
    char buf[2048];
    jw_obj(w);
    jw_luint(w, JW_K("index"), ev->index);
    if (c != NULL) {
        size_t n = cert_subject(c, buf, sizeof(buf));
        jw_lstrn(w, JW_K("subject"), buf, n);
        /* a self-issued certificate (every root of a trust store): the
         * issuer is the same bytes, so the same text */
        if (c->issuer.len != c->subject.len ||
            (c->issuer.len > 0 && memcmp(c->issuer.p, c->subject.p, c->issuer.len) != 0))
            n = cert_issuer(c, buf, sizeof(buf));
        jw_lstrn(w, JW_K("issuer"), buf, n);
        serial_hex(c, buf, sizeof(buf));
        jw_lstr(w, JW_K("serial"), buf);
    } else {
        jw_lnull(w, JW_K("subject"));
        jw_lnull(w, JW_K("issuer"));
        jw_lnull(w, JW_K("serial"));
    }
    char h[65];
    sha256_hex(ev->der, h);
    jw_lstr(w, JW_K("sha256"), h);
    jw_luint(w, JW_K("der_bytes"), ev->der.len);
    jw_luint(w, JW_K("pem_bytes"), certfit_size_pem(ev->der.len));
    if (c != NULL) {
        jw_lkey(w, JW_K("key"));
        jw_obj(w);
        jw_lstr(w, JW_K("type"), certfit_key_type_name(c->key_type));
        jw_lstr(w, JW_K("curve"), certfit_curve_name(c->curve));
        jw_luint(w, JW_K("bits"), c->key_bits);
        jw_obj_end(w);
        const char *sn = certfit_sig_alg_name(c->sig_alg);
        if (sn == NULL && certfit_oid_format(c->sig_oid, buf, sizeof(buf)) == 0)
            sn = buf;
        jw_lstr(w, JW_K("signature_algorithm"), sn);
        k_time(w, JW_K("not_before"), c->not_before.t);
        k_time(w, JW_K("not_after"), c->not_after.t);
    } else {
        jw_lnull(w, JW_K("key"));
        jw_lnull(w, JW_K("signature_algorithm"));
        jw_lnull(w, JW_K("not_before"));
        jw_lnull(w, JW_K("not_after"));
    }
    jw_lkey(w, JW_K("self_signed"));
    if (ev->self_signed == CERTFIT_SELFSIG_UNKNOWN)
        jw_null(w);
    else
        jw_bool(w, ev->self_signed == CERTFIT_SELFSIG_YES);
    if (c != NULL)
        jw_lbool(w, JW_K("ca"), c->ca);
    else
        jw_lnull(w, JW_K("ca"));
    jw_luint(w, JW_K("line"), ev->line);
    jw_obj_end(w);
}

/* "trust": {"anchors": [{"file", "index", "subject"}], "path": [indices],
 * "anchor": {...} | null, "trusted": bool} (docs/design.md section 11) */
static void anchor_json(jw *w, const item_info *it, size_t a)
{
    const trust_report *t = it->trust;
    char subject[2048];
    jw_obj(w);
    jw_lstr(w, JW_K("file"), trust_anchor_file(t, it, a));
    jw_luint(w, JW_K("index"), t->anchors[a].index);
    size_t n = cert_subject(&t->anchors[a].cert, subject, sizeof(subject));
    jw_lstrn(w, JW_K("subject"), subject, n);
    jw_obj_end(w);
}

static void trust_json(jw *w, const item_info *it)
{
    const trust_report *t = it->trust;
    jw_lkey(w, JW_K("trust"));
    jw_obj(w);
    jw_lkey(w, JW_K("anchors"));
    jw_arr(w);
    for (size_t a = 0; a < t->n_anchors; a++)
        anchor_json(w, it, a);
    jw_arr_end(w);
    jw_lkey(w, JW_K("path"));
    jw_arr(w);
    for (uint32_t i = 0; i < t->path_len; i++)
        jw_uint(w, i);
    jw_arr_end(w);
    jw_lkey(w, JW_K("anchor"));
    if (t->anchor >= 0)
        anchor_json(w, it, (size_t)t->anchor);
    else
        jw_null(w);
    jw_lbool(w, JW_K("trusted"), t->trusted);
    if (t->server_chain != NULL) /* --server-chain: the path runs through that file's chain */
        jw_lstr(w, JW_K("server_chain"), t->server_chain);
    jw_obj_end(w);
}

static void j_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    (void)r;
    (void)it;
    jw *w = &g_jw;
    jw_arr_end(w);
    jw_lkey(w, JW_K("sizes"));
    const certfit_sizes *s = &res->sizes;
    if (s->certs == 0) {
        jw_null(w);
    } else {
        jw_obj(w);
        jw_luint(w, JW_K("der_total"), s->der_total);
        jw_luint(w, JW_K("pem_canonical"), s->pem_canonical);
        jw_luint(w, JW_K("credential_bytes"), s->credential_bytes);
        jw_luint(w, JW_K("cmng_read_response"), s->cmng_read_response);
        jw_luint(w, JW_K("tls12_certificate_message"), s->tls12_certificate_message);
        jw_luint(w, JW_K("tls13_certificate_message"), s->tls13_certificate_message);
        jw_obj_end(w);
    }
    jw_lkey(w, JW_K("findings"));
    jw_arr(w);
    char msg[512];
    for (size_t i = 0; i < fs->n; i++) {
        const certfit_finding *f = findings_at(fs, i);
        if (f == NULL)
            break;
        jw_obj(w);
        jw_lstr(w, JW_K("rule"), certfit_rule_id(f->rule));
        jw_lstr(w, JW_K("severity"), certfit_severity_name(f->severity));
        jw_lkey(w, JW_K("certificate"));
        if (f->cert >= 0)
            jw_int(w, f->cert);
        else
            jw_null(w);
        trust_finding_message(it, f, msg, sizeof(msg));
        jw_lstr(w, JW_K("message"), msg);
        trust_finding_fix(it, f, msg, sizeof(msg));
        jw_lstr(w, JW_K("fix"), msg);
        jw_luint(w, JW_K("value"), f->value);
        jw_luint(w, JW_K("limit"), f->limit);
        jw_lkey(w, JW_K("offset"));
        if (f->offset != CERTFIT_NO_OFFSET)
            jw_uint(w, f->offset);
        else
            jw_null(w);
        jw_luint(w, JW_K("line"), f->line ? f->line : it->line);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    if (it->trust != NULL)
        trust_json(w, it);
    if (it->note != NULL) { /* extension: how the verdict was reached */
        jw_lkey(w, JW_K("notes"));
        jw_arr(w);
        jw_str(w, it->note);
        jw_arr_end(w);
    }
    jw_lstr(w, JW_K("error"), error);
    jw_lbool(w, JW_K("passed"), !failed);
    jw_obj_end(w);
}

static void j_end(reporter *r, const summary *s)
{
    jw *w = &g_jw;
    jw_arr_end(w);
    jw_lkey(w, JW_K("summary"));
    jw_obj(w);
    jw_luint(w, JW_K("items"), s->items);
    jw_luint(w, JW_K("errors"), s->counts[CERTFIT_SEV_ERROR]);
    jw_luint(w, JW_K("warnings"), s->counts[CERTFIT_SEV_WARNING]);
    jw_luint(w, JW_K("notices"), s->counts[CERTFIT_SEV_NOTICE]);
    jw_luint(w, JW_K("input_errors"), s->input_errors);
    jw_lbool(w, JW_K("passed"), s->failed == 0);
    jw_obj_end(w);
    if (r->members != NULL)
        r->members(r->members_ctx, w);
    jw_obj_end(w);
    jw_end(w);
}

void reporter_json(reporter *r)
{
    r->begin = j_begin;
    r->item_begin = j_item_begin;
    r->cert = j_cert;
    r->item_end = j_item_end;
    r->end = j_end;
}

/* ---- SARIF 2.1.0 ----------------------------------------------------------- */

typedef struct note {
    char *text;
    char *uri;
    bool relative;
} note;
static note *g_notes;
static size_t g_nnotes;

/* The SARIF base of relative artifact URIs: the directory they are relative to. */
#define SRCROOT "%SRCROOT%"

/* RFC 3986 percent-encoding of path onto out[o..size) (keeps '/' and the
 * unreserved characters); returns the new length. */
static size_t uri_encode(const char *path, char *out, size_t o, size_t size)
{
    static const char hx[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p && o + 4 < size; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hx[c >> 4];
            out[o++] = hx[c & 15];
        }
    }
    out[o] = '\0';
    return o;
}

/* An absolute path as a file:// URI (RFC 8089); a relative one stays a
 * relative reference, resolved against SRCROOT. Returns true if relative. */
static bool uri_of(const char *path, char *out, size_t size)
{
    bool abs = path[0] == '/';
    size_t o = 0;
    if (abs) {
        memcpy(out, "file://", 7);
        o = 7;
    }
    uri_encode(path, out, o, size);
    return !abs;
}

/* "uri": ..., and "uriBaseId" for a relative path */
static void artifact_location(jw *w, const char *uri, bool relative)
{
    jw_lkey(w, JW_K("artifactLocation"));
    jw_obj(w);
    jw_lstr(w, JW_K("uri"), uri);
    if (relative)
        jw_lstr(w, JW_K("uriBaseId"), SRCROOT);
    jw_obj_end(w);
}

static void s_begin(reporter *r)
{
    jw *w = &g_jw;
    jw_init_buffered(w, r->out, true, g_jw_buf, sizeof(g_jw_buf));
    jw_obj(w);
    jw_lstr(w, JW_K("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    jw_lstr(w, JW_K("version"), "2.1.0");
    jw_lkey(w, JW_K("runs"));
    jw_arr(w);
    jw_obj(w);
    jw_lkey(w, JW_K("tool"));
    jw_obj(w);
    jw_lkey(w, JW_K("driver"));
    jw_obj(w);
    jw_lstr(w, JW_K("name"), "certfit");
    jw_lstr(w, JW_K("version"), CERTFIT_VERSION_STRING);
    jw_lstr(w, JW_K("semanticVersion"), CERTFIT_VERSION_STRING);
    jw_lstr(w, JW_K("informationUri"), CERTFIT_INFORMATION_URI);
    jw_lkey(w, JW_K("rules"));
    jw_arr(w);
    char buf[2048];
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++) {
        const certfit_rule_text *t = certfit_rule_text_of((certfit_rule)i);
        jw_obj(w);
        jw_lstr(w, JW_K("id"), t->id);
        jw_lkey(w, JW_K("shortDescription"));
        jw_obj(w);
        jw_lstr(w, JW_K("text"), t->summary);
        jw_obj_end(w);
        jw_lkey(w, JW_K("fullDescription"));
        jw_obj(w);
        jw_lstr(w, JW_K("text"), t->why);
        jw_obj_end(w);
        jw_lkey(w, JW_K("help"));
        jw_obj(w);
        snprintf(buf, sizeof(buf), "%s Fix: %s Source: %s", t->why, t->fix, t->citation);
        jw_lstr(w, JW_K("text"), buf);
        jw_obj_end(w);
        jw_lkey(w, JW_K("defaultConfiguration"));
        jw_obj(w);
        jw_lstr(w, JW_K("level"), level_name(certfit_rule_default_severity((certfit_rule)i)));
        jw_obj_end(w);
        jw_lkey(w, JW_K("properties"));
        jw_obj(w);
        unsigned roles = certfit_rule_roles((certfit_rule)i);
        jw_lstr(w, JW_K("roles"),
                roles == CERTFIT_ROLE_BOTH ? "ca,server"
                : roles == CERTFIT_ROLE_CA ? "ca"
                                           : "server");
        jw_lstr(w, JW_K("citation"), t->citation);
        jw_obj_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    jw_obj_end(w);
    /* relative paths are relative to the working directory */
    char cwd[4096], uri[3 * sizeof(cwd) + 16];
    if (getcwd(cwd, sizeof(cwd) - 1) != NULL) {
        size_t n = strlen(cwd);
        if (n == 0 || cwd[n - 1] != '/')
            memcpy(cwd + n, "/", 2);
        uri_of(cwd, uri, sizeof(uri));
        jw_lkey(w, JW_K("originalUriBaseIds"));
        jw_obj(w);
        jw_lkey(w, JW_K(SRCROOT));
        jw_obj(w);
        jw_lstr(w, JW_K("uri"), uri);
        jw_obj_end(w);
        jw_obj_end(w);
    }
    jw_lkey(w, JW_K("results"));
    jw_arr(w);
}

static void s_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    (void)r;
    (void)res;
    (void)failed;
    jw *w = &g_jw;
    char uri[3 * 1024 + 16], msg[640], fix[512];
    bool rel = uri_of(it->path, uri, sizeof(uri));
    for (size_t i = 0; i < fs->n; i++) {
        const certfit_finding *f = findings_at(fs, i);
        if (f == NULL)
            break;
        jw_obj(w);
        jw_lstr(w, JW_K("ruleId"), certfit_rule_id(f->rule));
        jw_luint(w, JW_K("ruleIndex"), (unsigned)f->rule);
        jw_lstr(w, JW_K("level"), level_name(f->severity));
        jw_lkey(w, JW_K("message"));
        jw_obj(w);
        trust_finding_message(it, f, msg, sizeof(msg));
        trust_finding_fix(it, f, fix, sizeof(fix));
        char full[1400], cert[32] = "";
        if (f->cert >= 0)
            snprintf(cert, sizeof(cert), "certificate %d: ", (int)f->cert);
        snprintf(full, sizeof(full), "%s%s%s%s. Fix: %s", it->name ? it->name : "",
                 it->name ? ": " : "", cert, msg, fix);
        jw_lstr(w, JW_K("text"), full);
        jw_obj_end(w);
        jw_lkey(w, JW_K("locations"));
        jw_arr(w);
        jw_obj(w);
        jw_lkey(w, JW_K("physicalLocation"));
        jw_obj(w);
        artifact_location(w, uri, rel);
        uint32_t line = f->line ? f->line : it->line;
        if (line > 0) {
            jw_lkey(w, JW_K("region"));
            jw_obj(w);
            jw_luint(w, JW_K("startLine"), line);
            jw_obj_end(w);
        }
        jw_obj_end(w);
        jw_obj_end(w);
        jw_arr_end(w);
        jw_lkey(w, JW_K("properties"));
        jw_obj(w);
        jw_lkey(w, JW_K("certificate"));
        if (f->cert >= 0)
            jw_int(w, f->cert);
        else
            jw_null(w);
        jw_luint(w, JW_K("value"), f->value);
        jw_luint(w, JW_K("limit"), f->limit);
        jw_obj_end(w);
        jw_obj_end(w);
    }
    if (error != NULL) {
        note *nn = realloc(g_notes, (g_nnotes + 1) * sizeof(*nn));
        if (nn != NULL) {
            g_notes = nn;
            size_t tl = strlen(it->path) + strlen(error) + 4;
            g_notes[g_nnotes].text = malloc(tl);
            g_notes[g_nnotes].uri = strdup(uri);
            g_notes[g_nnotes].relative = rel;
            if (g_notes[g_nnotes].text != NULL)
                snprintf(g_notes[g_nnotes].text, tl, "%s: %s", it->path, error);
            g_nnotes++;
        }
    }
}

static void s_end(reporter *r, const summary *s)
{
    (void)r;
    jw *w = &g_jw;
    jw_arr_end(w); /* results */
    jw_lkey(w, JW_K("invocations"));
    jw_arr(w);
    jw_obj(w);
    jw_lbool(w, JW_K("executionSuccessful"), s->input_errors == 0);
    jw_lkey(w, JW_K("toolExecutionNotifications"));
    jw_arr(w);
    for (size_t i = 0; i < g_nnotes; i++) {
        jw_obj(w);
        jw_lstr(w, JW_K("level"), "error");
        jw_lkey(w, JW_K("message"));
        jw_obj(w);
        jw_lstr(w, JW_K("text"), g_notes[i].text ? g_notes[i].text : "input error");
        jw_obj_end(w);
        jw_lkey(w, JW_K("locations"));
        jw_arr(w);
        jw_obj(w);
        jw_lkey(w, JW_K("physicalLocation"));
        jw_obj(w);
        artifact_location(w, g_notes[i].uri ? g_notes[i].uri : "", g_notes[i].relative);
        jw_obj_end(w);
        jw_obj_end(w);
        jw_arr_end(w);
        jw_obj_end(w);
        free(g_notes[i].text);
        free(g_notes[i].uri);
    }
    free(g_notes);
    g_notes = NULL;
    g_nnotes = 0;
    jw_arr_end(w);
    jw_obj_end(w);
    jw_arr_end(w); /* invocations */
    jw_obj_end(w); /* run */
    jw_arr_end(w); /* runs */
    jw_obj_end(w);
    jw_end(w);
}

void reporter_sarif(reporter *r)
{
    r->begin = s_begin;
    r->item_begin = NULL;
    r->cert = NULL;
    r->item_end = s_item_end;
    r->end = s_end;
}
