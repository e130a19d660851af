#define _POSIX_C_SOURCE 200809L
/* JSON (schema 1, DESIGN.md section 8) and SARIF 2.1.0 output, streamed. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

static jw g_jw;
/* The report waits here and goes out in large writes (json.c); nothing
 * else writes to the report's FILE while a JSON or SARIF report runs. */
static char g_jw_buf[1 << 16];

static void k_time(jw *w, const char *key, int64_t t)
{
    char s[21];
    certfit_time_format(t, s);
    jw_kstr(w, key, s);
}

static void j_begin(reporter *r)
{
    jw *w = &g_jw;
    jw_init_buffered(w, r->out, true, g_jw_buf, sizeof(g_jw_buf));
    jw_obj(w);
    jw_kuint(w, "schema", 1);
    jw_key(w, "tool");
    jw_obj(w);
    jw_kstr(w, "name", "certfit");
    jw_kstr(w, "version", CERTFIT_VERSION_STRING);
    jw_obj_end(w);
    jw_kstr(w, "profile", r->o->profile.name);
    jw_kstr(w, "role", role_name(r->o->role));
    k_time(w, "now", r->o->now);
    jw_key(w, "items");
    jw_arr(w);
}

static void j_item_begin(reporter *r, const item_info *it)
{
    (void)r;
    jw *w = &g_jw;
    jw_obj(w);
    jw_kstr(w, "path", it->path);
    jw_kstr(w, "name", it->name);
    jw_kstr(w, "format", it->format == CERTFIT_FORMAT_UNKNOWN ? NULL : certfit_format_name(it->format));
    jw_kuint(w, "line", it->line);
    jw_key(w, "certificates");
    jw_arr(w);
}

static void j_cert(reporter *r, const certfit_cert_event *ev)
{
    (void)r;
    jw *w = &g_jw;
    const certfit_cert *c = ev->cert;
    char buf[2048];
    jw_obj(w);
    jw_kuint(w, "index", ev->index);
    if (c != NULL) {
        size_t n = cert_subject(c, buf, sizeof(buf));
        jw_kstrn(w, "subject", buf, n);
        /* a self-issued certificate (every root of a trust store): the
         * issuer is the same bytes, so the same text */
        if (c->issuer.len != c->subject.len ||
            (c->issuer.len > 0 && memcmp(c->issuer.p, c->subject.p, c->issuer.len) != 0))
            n = cert_issuer(c, buf, sizeof(buf));
        jw_kstrn(w, "issuer", buf, n);
        serial_hex(c, buf, sizeof(buf));
        jw_kstr(w, "serial", buf);
    } else {
        jw_knull(w, "subject");
        jw_knull(w, "issuer");
        jw_knull(w, "serial");
    }
    char h[65];
    sha256_hex(ev->der, h);
    jw_kstr(w, "sha256", h);
    jw_kuint(w, "der_bytes", ev->der.len);
    jw_kuint(w, "pem_bytes", certfit_size_pem(ev->der.len));
    if (c != NULL) {
        jw_key(w, "key");
        jw_obj(w);
        jw_kstr(w, "type", certfit_key_type_name(c->key_type));
        jw_kstr(w, "curve", certfit_curve_name(c->curve));
        jw_kuint(w, "bits", c->key_bits);
        jw_obj_end(w);
        const char *sn = certfit_sig_alg_name(c->sig_alg);
        if (sn == NULL && certfit_oid_format(c->sig_oid, buf, sizeof(buf)) == 0)
            sn = buf;
        jw_kstr(w, "signature_algorithm", sn);
        k_time(w, "not_before", c->not_before.t);
        k_time(w, "not_after", c->not_after.t);
    } else {
        jw_knull(w, "key");
        jw_knull(w, "signature_algorithm");
        jw_knull(w, "not_before");
        jw_knull(w, "not_after");
    }
    jw_key(w, "self_signed");
    if (ev->self_signed == CERTFIT_SELFSIG_UNKNOWN)
        jw_null(w);
    else
        jw_bool(w, ev->self_signed == CERTFIT_SELFSIG_YES);
    if (c != NULL)
        jw_kbool(w, "ca", c->ca);
    else
        jw_knull(w, "ca");
    jw_kuint(w, "line", ev->line);
    jw_obj_end(w);
}

static void j_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    (void)r;
    (void)it;
    jw *w = &g_jw;
    jw_arr_end(w);
    jw_key(w, "sizes");
    const certfit_sizes *s = &res->sizes;
    if (s->certs == 0) {
        jw_null(w);
    } else {
        jw_obj(w);
        jw_kuint(w, "der_total", s->der_total);
        jw_kuint(w, "pem_canonical", s->pem_canonical);
        jw_kuint(w, "credential_bytes", s->credential_bytes);
        jw_kuint(w, "cmng_read_response", s->cmng_read_response);
        jw_kuint(w, "tls12_certificate_message", s->tls12_certificate_message);
        jw_kuint(w, "tls13_certificate_message", s->tls13_certificate_message);
        jw_obj_end(w);
    }
    jw_key(w, "findings");
    jw_arr(w);
    char msg[512];
    for (size_t i = 0; i < fs->n; i++) {
        const certfit_finding *f = findings_at(fs, i);
        if (f == NULL)
            break;
        jw_obj(w);
        jw_kstr(w, "rule", certfit_rule_id(f->rule));
        jw_kstr(w, "severity", certfit_severity_name(f->severity));
        jw_key(w, "certificate");
        if (f->cert >= 0)
            jw_int(w, f->cert);
        else
            jw_null(w);
        certfit_finding_message(f, msg, sizeof(msg));
        jw_kstr(w, "message", msg);
        certfit_finding_fix(f, msg, sizeof(msg));
        jw_kstr(w, "fix", msg);
        jw_kuint(w, "value", f->value);
        jw_kuint(w, "limit", f->limit);
        jw_key(w, "offset");
        if (f->offset != CERTFIT_NO_OFFSET)
            jw_uint(w, f->offset);
        else
            jw_null(w);
        jw_kuint(w, "line", f->line ? f->line : it->line);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kstr(w, "error", error);
    jw_kbool(w, "passed", !failed);
    jw_obj_end(w);
}

static void j_end(reporter *r, const summary *s)
{
    (void)r;
    jw *w = &g_jw;
    jw_arr_end(w);
    jw_key(w, "summary");
    jw_obj(w);
    jw_kuint(w, "items", s->items);
    jw_kuint(w, "errors", s->counts[CERTFIT_SEV_ERROR]);
    jw_kuint(w, "warnings", s->counts[CERTFIT_SEV_WARNING]);
    jw_kuint(w, "notices", s->counts[CERTFIT_SEV_NOTICE]);
    jw_kuint(w, "input_errors", s->input_errors);
    jw_kbool(w, "passed", s->failed == 0);
    jw_obj_end(w);
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
} note;
static note *g_notes;
static size_t g_nnotes;

/* RFC 3986 percent-encoding of a relative path (keeps '/'). */
static void uri_of(const char *path, char *out, size_t size)
{
    static const char hx[] = "0123456789ABCDEF";
    size_t o = 0;
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
}

static void s_begin(reporter *r)
{
    jw *w = &g_jw;
    jw_init_buffered(w, r->out, true, g_jw_buf, sizeof(g_jw_buf));
    jw_obj(w);
    jw_kstr(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    jw_kstr(w, "version", "2.1.0");
    jw_key(w, "runs");
    jw_arr(w);
    jw_obj(w);
    jw_key(w, "tool");
    jw_obj(w);
    jw_key(w, "driver");
    jw_obj(w);
    jw_kstr(w, "name", "certfit");
    jw_kstr(w, "version", CERTFIT_VERSION_STRING);
    jw_kstr(w, "semanticVersion", CERTFIT_VERSION_STRING);
    jw_key(w, "rules");
    jw_arr(w);
    char buf[2048];
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++) {
        const certfit_rule_text *t = certfit_rule_text_of((certfit_rule)i);
        jw_obj(w);
        jw_kstr(w, "id", t->id);
        jw_key(w, "shortDescription");
        jw_obj(w);
        jw_kstr(w, "text", t->summary);
        jw_obj_end(w);
        jw_key(w, "fullDescription");
        jw_obj(w);
        jw_kstr(w, "text", t->why);
        jw_obj_end(w);
        jw_key(w, "help");
        jw_obj(w);
        snprintf(buf, sizeof(buf), "%s Fix: %s Source: %s", t->why, t->fix, t->citation);
        jw_kstr(w, "text", buf);
        jw_obj_end(w);
        jw_key(w, "defaultConfiguration");
        jw_obj(w);
        jw_kstr(w, "level", level_name(certfit_rule_default_severity((certfit_rule)i)));
        jw_obj_end(w);
        jw_key(w, "properties");
        jw_obj(w);
        unsigned roles = certfit_rule_roles((certfit_rule)i);
        jw_kstr(w, "roles", roles == CERTFIT_ROLE_BOTH ? "ca,server" : roles == CERTFIT_ROLE_CA ? "ca" : "server");
        jw_kstr(w, "citation", t->citation);
        jw_obj_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    jw_obj_end(w);
    jw_key(w, "results");
    jw_arr(w);
}

static void s_item_end(reporter *r, const item_info *it, const certfit_result *res,
                       const findings *fs, const char *error, bool failed)
{
    (void)r;
    (void)res;
    (void)failed;
    jw *w = &g_jw;
    char uri[2048], msg[640], fix[512];
    uri_of(it->path, uri, sizeof(uri));
    for (size_t i = 0; i < fs->n; i++) {
        const certfit_finding *f = findings_at(fs, i);
        if (f == NULL)
            break;
        jw_obj(w);
        jw_kstr(w, "ruleId", certfit_rule_id(f->rule));
        jw_kuint(w, "ruleIndex", (unsigned)f->rule);
        jw_kstr(w, "level", level_name(f->severity));
        jw_key(w, "message");
        jw_obj(w);
        certfit_finding_message(f, msg, sizeof(msg));
        certfit_finding_fix(f, fix, sizeof(fix));
        char full[1400], cert[32] = "";
        if (f->cert >= 0)
            snprintf(cert, sizeof(cert), "certificate %d: ", (int)f->cert);
        snprintf(full, sizeof(full), "%s%s%s%s. Fix: %s", it->name ? it->name : "",
                 it->name ? ": " : "", cert, msg, fix);
        jw_kstr(w, "text", full);
        jw_obj_end(w);
        jw_key(w, "locations");
        jw_arr(w);
        jw_obj(w);
        jw_key(w, "physicalLocation");
        jw_obj(w);
        jw_key(w, "artifactLocation");
        jw_obj(w);
        jw_kstr(w, "uri", uri);
        jw_obj_end(w);
        uint32_t line = f->line ? f->line : it->line;
        if (line > 0) {
            jw_key(w, "region");
            jw_obj(w);
            jw_kuint(w, "startLine", line);
            jw_obj_end(w);
        }
        jw_obj_end(w);
        jw_obj_end(w);
        jw_arr_end(w);
        jw_key(w, "properties");
        jw_obj(w);
        jw_key(w, "certificate");
        if (f->cert >= 0)
            jw_int(w, f->cert);
        else
            jw_null(w);
        jw_kuint(w, "value", f->value);
        jw_kuint(w, "limit", f->limit);
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
    jw_key(w, "invocations");
    jw_arr(w);
    jw_obj(w);
    jw_kbool(w, "executionSuccessful", s->input_errors == 0);
    jw_key(w, "toolExecutionNotifications");
    jw_arr(w);
    for (size_t i = 0; i < g_nnotes; i++) {
        jw_obj(w);
        jw_kstr(w, "level", "error");
        jw_key(w, "message");
        jw_obj(w);
        jw_kstr(w, "text", g_notes[i].text ? g_notes[i].text : "input error");
        jw_obj_end(w);
        jw_key(w, "locations");
        jw_arr(w);
        jw_obj(w);
        jw_key(w, "physicalLocation");
        jw_obj(w);
        jw_key(w, "artifactLocation");
        jw_obj(w);
        jw_kstr(w, "uri", g_notes[i].uri ? g_notes[i].uri : "");
        jw_obj_end(w);
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
