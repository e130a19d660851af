/* The device's anchors against the server's chain (docs/design.md section 11):
 * loading --ca files, the trust store and --server-chain, decoding an item's
 * certificates for libcertfit's trust path, and the words around its
 * findings that need file names. The path itself is the library's
 * (certfit_trust_check()). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define DEFAULT_TRUST_STORE "/etc/ssl/certs/ca-certificates.crt"

typedef struct certset {
    certfit_trust_anchor *v;
    uint8_t **der; /* each certificate's DER, owned: v[i].cert points into it */
    size_t n, cap;
} certset;

struct trust_ctx {
    const char **files; /* by certfit_trust_anchor.file */
    size_t nfiles;
    certset ca;    /* --ca */
    certset store; /* --trust-store (or the system's) */
    const char *store_path;
    certfit_cert *store_certs;
    certset server; /* --server-chain */
    certfit_cert *server_certs;
    certset item; /* the item being checked */
    certfit_cert *item_certs;
    size_t item_certs_cap;
    findings pending; /* role ca: found before the check, reported after it */
    certfit_trust_result pending_res;
    uint32_t keep;
    trust_report rep;
};

static void set_clear(certset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->der[i]);
    s->n = 0;
}

static void set_free(certset *s)
{
    set_clear(s);
    free(s->v);
    free(s->der);
    memset(s, 0, sizeof(*s));
}

/* Scan one certificate's DER (copied) into the set; -1 out of memory, 1
 * when it does not scan (not added). */
static int set_add(certset *s, const uint8_t *der, size_t len, uint32_t file, uint32_t index)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        certfit_trust_anchor *v = realloc(s->v, cap * sizeof(*v));
        if (v == NULL)
            return -1;
        s->v = v;
        uint8_t **d = realloc(s->der, cap * sizeof(*d));
        if (d == NULL)
            return -1;
        s->der = d;
        s->cap = cap;
    }
    uint8_t *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, der, len);
    certfit_trust_anchor *a = &s->v[s->n];
    memset(a, 0, sizeof(*a));
    if (certfit_cert_scan(copy, len, &a->cert) != 0) {
        free(copy);
        return 1;
    }
    a->file = file;
    a->index = index;
    s->der[s->n++] = copy;
    return 0;
}

#define NO_BAD ((size_t)-1)

/* The certificates of PEM text or concatenated DER, in order, up to the
 * first one that does not decode or scan (its offset in *bad, else NO_BAD);
 * with skip_bad (a trust store) such a PEM block is passed over instead.
 * Returns how many were added, -1 when out of memory. */
static long add_text(certset *s, certfit_format fmt, const uint8_t *p, size_t len, uint32_t file,
                     uint32_t *index, bool skip_bad, size_t *bad)
{
    long added = 0;
    *bad = NO_BAD;
    if (fmt == CERTFIT_FORMAT_DER) {
        size_t pos = 0, tl;
        while (pos < len) {
            int rc = certfit_der_element_len(p + pos, len - pos, &tl) == 0
                         ? set_add(s, p + pos, tl, file, *index)
                         : 1;
            if (rc != 0) {
                *bad = pos;
                return rc < 0 ? -1 : added;
            }
            (*index)++;
            added++;
            pos += tl;
        }
        return added;
    }
    certfit_pem_iter it;
    certfit_pem_block blk;
    certfit_pem_iter_init(&it, p, len);
    int more;
    while ((more = certfit_pem_next(&it, &blk)) == 1) {
        if (blk.kind != CERTFIT_PEM_CERTIFICATE)
            continue;
        size_t cap = certfit_base64_max_decoded(blk.body.len), dl, at;
        uint8_t *buf = malloc(cap > 0 ? cap : 1);
        if (buf == NULL)
            return -1;
        size_t tl;
        int add = 1;
        if (certfit_base64_decode(blk.body.p, blk.body.len, buf, cap, &dl, &at) == 0 &&
            certfit_der_element_len(buf, dl, &tl) == 0)
            add = set_add(s, buf, tl, file, *index);
        free(buf);
        if (add < 0)
            return -1;
        if (add > 0 && !skip_bad) {
            *bad = blk.begin_offset;
            return added;
        }
        if (add == 0) {
            (*index)++;
            added++;
        }
    }
    if (more < 0 && !skip_bad)
        *bad = it.error_offset;
    return added;
}

/* A whole file: PEM, DER, or a C header whose CA literals are credentials. */
static int load_file(certset *s, const char *opt, const char *path, size_t max, uint32_t file)
{
    bool store = strcmp(opt, "--trust-store") == 0; /* a bad root is passed over */
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "certfit: %s %s: cannot read: %s\n", opt, path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > max) {
        fprintf(stderr, "certfit: %s %s: not a regular file of at most %zu bytes\n", opt, path,
                max);
        fclose(f);
        return -1;
    }
    size_t len = (size_t)st.st_size;
    uint8_t *buf = malloc(len + 1);
    if (buf == NULL || fread(buf, 1, len, f) != len) {
        fprintf(stderr, "certfit: %s %s: cannot read\n", opt, path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    uint32_t index = 0;
    long got = 0;
    size_t bad = NO_BAD;
    char where[200] = "";
    certfit_format fmt = certfit_input_detect(buf, len);
    if (fmt == CERTFIT_FORMAT_C) {
        certfit_c_iter it;
        certfit_c_literal lit;
        certfit_c_iter_init(&it, buf, len);
        while (got >= 0 && bad == NO_BAD && certfit_c_next(&it, &lit) == 1) {
            uint8_t *text = malloc(lit.source.len + 1);
            size_t tl, esc;
            if (text == NULL) {
                got = -1;
                break;
            }
            if (lit.has_begin &&
                certfit_c_unescape(&lit, text, lit.source.len + 1, &tl, &esc) == 0 &&
                certfit_c_literal_type(&lit, text, tl) == CERTFIT_CRED_CA) {
                long n = add_text(s, CERTFIT_FORMAT_PEM, text, tl, file, &index, store, &bad);
                got = n < 0 ? -1 : got + n;
                if (bad != NO_BAD)
                    snprintf(where, sizeof(where), " of the literal %.*s (line %u)",
                             (int)(lit.name.len < 64 ? lit.name.len : 64), (const char *)lit.name.p,
                             lit.line);
            }
            free(text);
        }
    } else if (fmt == CERTFIT_FORMAT_PEM || fmt == CERTFIT_FORMAT_DER) {
        got = add_text(s, fmt, buf, len, file, &index, store, &bad);
    }
    free(buf);
    if (got < 0) {
        fprintf(stderr, "certfit: %s %s: out of memory\n", opt, path);
        return -1;
    }
    if (bad != NO_BAD) {
        fprintf(stderr,
                "certfit: %s %s: certificate %u at offset %zu%s is not a certificate certfit "
                "can read (check it: certfit check %s)\n",
                opt, path, (unsigned)index, bad, where, path);
        return -1;
    }
    if (got == 0) {
        fprintf(stderr, "certfit: %s %s: no certificate found%s\n", opt, path,
                fmt == CERTFIT_FORMAT_C ? " in a CA literal" : "");
        return -1;
    }
    return 0;
}

static certfit_cert *certs_of(const certset *s)
{
    certfit_cert *c = malloc((s->n > 0 ? s->n : 1) * sizeof(*c));
    for (size_t i = 0; c != NULL && i < s->n; i++)
        c[i] = s->v[i].cert;
    return c;
}

void trust_free(cli_opts *o)
{
    free(o->ca);
    free(o->types);
    o->ca = o->types = NULL;
    o->n_ca = o->n_types = 0;
    trust_ctx *t = o->trust;
    if (t == NULL)
        return;
    set_free(&t->ca);
    set_free(&t->store);
    set_free(&t->server);
    set_free(&t->item);
    free(t->store_certs);
    free(t->server_certs);
    free(t->item_certs);
    free(t->pending.v);
    free(t->files);
    free(t);
    o->trust = NULL;
}

int trust_setup(cli_opts *o, const char *cmd, bool server_role)
{
    if (o->n_ca == 0 && o->server_chain == NULL) {
        if (o->trust_store != NULL) {
            usage_error(cmd, "%s", "--trust-store needs --ca (or --server-chain)");
            return -1;
        }
        return 0;
    }
    if (o->n_ca > 0 && !server_role) {
        usage_error(cmd, "%s",
                    "--ca is for --role server (the device's anchors against a served chain); "
                    "for a CA credential, give the server's chain with --server-chain");
        return -1;
    }
    if (o->server_chain != NULL && server_role) {
        usage_error(cmd, "%s", "--server-chain is for --role ca; with --role server use --ca");
        return -1;
    }
    trust_ctx *t = calloc(1, sizeof(*t));
    if (t == NULL)
        return -1;
    o->trust = t;
    t->nfiles = (size_t)o->n_ca;
    t->files = calloc(t->nfiles + 1, sizeof(*t->files));
    if (t->files == NULL)
        return -1;
    for (int i = 0; i < o->n_ca; i++) {
        t->files[i] = o->ca[i];
        if (load_file(&t->ca, "--ca", o->ca[i], o->max_size, (uint32_t)i) != 0)
            return -1;
    }
    if (o->server_chain != NULL) {
        if (load_file(&t->server, "--server-chain", o->server_chain, o->max_size, 0) != 0)
            return -1;
        t->server_certs = certs_of(&t->server);
        if (t->server_certs == NULL)
            return -1;
    }
    /* the trust store names the root to provision: an explicit one must
     * load, the system's is used when it is there */
    t->store_path = o->trust_store != NULL ? o->trust_store : DEFAULT_TRUST_STORE;
    struct stat st;
    if (o->trust_store != NULL || stat(t->store_path, &st) == 0) {
        if (load_file(&t->store, "--trust-store", t->store_path, o->max_size, 0) != 0)
            return -1;
    } else {
        t->store_path = NULL;
    }
    t->store_certs = certs_of(&t->store);
    return t->store_certs == NULL ? -1 : 0;
}

static void trust_opts(const cli_opts *o, certfit_trust_opts *to, certfit_role role)
{
    const trust_ctx *t = o->trust;
    certfit_trust_opts_init(to, &o->profile);
    to->role = role;
    to->now = o->now;
    to->clock_set = true;
    to->verify_signatures = o->signatures;
    to->skip = o->skip;
    to->store = t->store_certs;
    to->store_len = t->store.n;
}

/* The item's certificates into t->item (and t->item_certs). */
static int decode_item(trust_ctx *t, const certfit_item *item)
{
    set_clear(&t->item);
    uint32_t index = 0;
    size_t bad; /* certfit_check() reports it; the path ends before it */
    if (add_text(&t->item, item->format, item->text.p, item->text.len, 0, &index, false, &bad) < 0)
        return -1;
    if (t->item.n > t->item_certs_cap) {
        certfit_cert *c = realloc(t->item_certs, t->item.n * sizeof(*c));
        if (c == NULL)
            return -1;
        t->item_certs = c;
        t->item_certs_cap = t->item.n;
    }
    for (size_t i = 0; i < t->item.n; i++)
        t->item_certs[i] = t->item.v[i].cert;
    return 0;
}

static void keep_pending(void *ctx, const certfit_finding *f)
{
    findings *fs = ctx;
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 4;
        certfit_finding *v = realloc(fs->v, cap * sizeof(*v));
        if (v == NULL)
            return;
        fs->v = v;
        fs->cap = cap;
    }
    fs->v[fs->n++] = *f;
}

void trust_item_before(const cli_opts *o, const certfit_item *item, certfit_check_opts *co)
{
    trust_ctx *t = o->trust;
    if (t == NULL)
        return;
    t->pending.n = 0;
    t->keep = 0;
    memset(&t->pending_res, 0, sizeof(t->pending_res));
    memset(&t->rep, 0, sizeof(t->rep));
    t->rep.anchor = -1;
    if (t->server_certs == NULL || co->role != CERTFIT_ROLE_CA || co->cred_type != 0)
        return;
    /* the reverse: the item's certificates are the anchors, the saved
     * chain is what the server sends */
    if (decode_item(t, item) != 0 || t->item.n == 0)
        return;
    certfit_trust_opts to;
    trust_opts(o, &to, CERTFIT_ROLE_CA);
    certfit_sink sink = {NULL, keep_pending, &t->pending};
    if (certfit_trust_check(t->server_certs, t->server.n, t->item.v, t->item.n, &to, &sink,
                            &t->pending_res) != 0)
        return;
    if (t->pending_res.anchor >= 0)
        co->keep = t->keep = (uint32_t)t->pending_res.anchor + 1;
    t->rep.ca_side = true;
    t->rep.valid = true;
}

static void add_result(certfit_result *res, const certfit_trust_result *tr)
{
    for (int s = 1; s < 4; s++)
        res->counts[s] += tr->counts[s];
    if (tr->has_first && (!res->has_first || tr->first.severity > res->first.severity)) {
        res->first = tr->first;
        res->has_first = true;
    }
}

const trust_report *trust_item_after(const cli_opts *o, const certfit_item *item,
                                     const certfit_sink *sink, certfit_result *res)
{
    trust_ctx *t = o->trust;
    if (t == NULL || res->error != 0)
        return NULL;
    trust_report *rep = &t->rep;
    certfit_trust_result tr;
    if (rep->ca_side) {
        for (size_t i = 0; i < t->pending.n; i++)
            sink->finding(sink->ctx, &t->pending.v[i]);
        tr = t->pending_res;
        rep->anchors = t->item.v;
        rep->n_anchors = t->item.n;
        rep->files = NULL;
        rep->item_path_file = true;
    } else {
        if (t->ca.n == 0 || decode_item(t, item) != 0)
            return NULL;
        certfit_trust_opts to;
        trust_opts(o, &to, CERTFIT_ROLE_SERVER);
        if (certfit_trust_check(t->item_certs, t->item.n, t->ca.v, t->ca.n, &to, sink, &tr) != 0)
            return NULL;
        rep->anchors = t->ca.v;
        rep->n_anchors = t->ca.n;
        rep->files = t->files;
        rep->valid = true;
    }
    if (!rep->valid)
        return NULL;
    add_result(res, &tr);
    rep->path_len = tr.path_len;
    rep->anchor = tr.anchor;
    rep->trusted = tr.anchor >= 0 && tr.trusted;
    rep->store_path = t->store_path;
    rep->server_chain = rep->ca_side ? o->server_chain : NULL;
    return rep;
}

const char *trust_anchor_file(const trust_report *rep, const item_info *it, size_t a)
{
    return rep->files != NULL ? rep->files[rep->anchors[a].file] : it->path;
}

size_t trust_finding_message(const item_info *it, const certfit_finding *f, char *out, size_t size)
{
    size_t n = certfit_finding_message(f, out, size);
    const trust_report *rep = it->trust;
    if (rep == NULL || n + 1 >= size)
        return n;
    bool anchor_time = (f->rule == CERTFIT_RULE_EXPIRED || f->rule == CERTFIT_RULE_NOT_YET_VALID) &&
                       f->detail == 1;
    if (anchor_time && f->limit < rep->n_anchors) {
        const certfit_trust_anchor *a = &rep->anchors[f->limit];
        int k = snprintf(out + n, size - n, " (%s, certificate %u)",
                         trust_anchor_file(rep, it, (size_t)f->limit), (unsigned)a->index);
        return k < 0 ? n : n + (size_t)k >= size ? size - 1 : n + (size_t)k;
    }
    if (f->rule != CERTFIT_RULE_ANCHOR_MISSING)
        return n;
    /* the subjects the CA credentials hold, a few of them */
    size_t shown = rep->n_anchors < 4 ? rep->n_anchors : 3;
    for (size_t a = 0; a < shown && n + 1 < size; a++) {
        char subject[256];
        cert_subject(&rep->anchors[a].cert, subject, sizeof(subject));
        int k = snprintf(out + n, size - n, "%s%s (%s, certificate %u)", a == 0 ? ": " : "; ",
                         subject, trust_anchor_file(rep, it, a), (unsigned)rep->anchors[a].index);
        n = k < 0 ? n : n + (size_t)k >= size ? size - 1 : n + (size_t)k;
    }
    if (rep->n_anchors > shown && n + 1 < size) {
        int k = snprintf(out + n, size - n, "; and %zu more", rep->n_anchors - shown);
        n = k < 0 ? n : n + (size_t)k >= size ? size - 1 : n + (size_t)k;
    }
    return n;
}

size_t trust_finding_fix(const item_info *it, const certfit_finding *f, char *out, size_t size)
{
    size_t n = certfit_finding_fix(f, out, size);
    const trust_report *rep = it->trust;
    if (rep == NULL || f->rule != CERTFIT_RULE_ANCHOR_MISSING || (f->detail & 1u) == 0 ||
        rep->store_path == NULL || n + 1 >= size)
        return n;
    int k = snprintf(out + n, size - n, " (it is in the trust store %s)", rep->store_path);
    return k < 0 ? n : n + (size_t)k >= size ? size - 1 : n + (size_t)k;
}

const char *type_forced(const cli_opts *o, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < o->n_types; i++) {
        const char *eq = strchr(o->types[i], '=');
        if (eq != NULL && (size_t)(eq - o->types[i]) == n && strncmp(o->types[i], name, n) == 0)
            return eq + 1;
    }
    return NULL;
}
