#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>

#include <cmocka.h>

#include "test_support.h"

const char *ts_fixtures_dir = CERTFIT_FIXTURES_DIR;

void ts_args(int argc, char **argv)
{
    if (argc > 1 && argv[1] != NULL && argv[1][0] != '\0')
        ts_fixtures_dir = argv[1];
}

uint8_t *ts_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + 1);
    if (buf == NULL) {
        fclose(f);
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2 + 1);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

uint8_t *ts_fixture(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", ts_fixtures_dir, rel);
    uint8_t *p = ts_read_file(path, len);
    if (p == NULL) {
        print_error("cannot read fixture %s\n", path);
        fail();
    }
    return p;
}

uint8_t *ts_pem_nth_der(const uint8_t *pem, size_t len, size_t n, size_t *der_len)
{
    certfit_pem_iter it;
    certfit_pem_block blk;
    certfit_pem_iter_init(&it, pem, len);
    size_t seen = 0;
    while (certfit_pem_next(&it, &blk) == 1) {
        if (blk.kind != CERTFIT_PEM_CERTIFICATE)
            continue;
        if (seen++ != n)
            continue;
        size_t cap = certfit_base64_max_decoded(blk.body.len), bad = 0;
        uint8_t *der = malloc(cap);
        if (der == NULL)
            return NULL;
        if (certfit_base64_decode(blk.body.p, blk.body.len, der, cap, der_len, &bad) != 0) {
            free(der);
            return NULL;
        }
        return der;
    }
    return NULL;
}

uint8_t *ts_pem_first_der(const uint8_t *pem, size_t len, size_t *der_len)
{
    return ts_pem_nth_der(pem, len, 0, der_len);
}

uint8_t *ts_fixture_der(const char *rel, size_t *der_len)
{
    size_t len;
    uint8_t *pem = ts_fixture(rel, &len);
    uint8_t *der = ts_pem_first_der(pem, len, der_len);
    free(pem);
    if (der == NULL) {
        print_error("no certificate in %s\n", rel);
        fail();
    }
    return der;
}

int ts_c_literals(const uint8_t *text, size_t len, ts_literal *out, size_t max)
{
    certfit_c_iter it;
    certfit_c_literal lit;
    certfit_c_iter_init(&it, text, len);
    size_t n = 0;
    int rc;
    while ((rc = certfit_c_next(&it, &lit)) == 1) {
        if (n == max)
            break;
        ts_literal *l = &out[n];
        memset(l, 0, sizeof(*l));
        size_t nl = lit.name.len < sizeof(l->name) - 1 ? lit.name.len : sizeof(l->name) - 1;
        memcpy(l->name, lit.name.p, nl);
        l->line = lit.line;
        l->has_begin = lit.has_begin;
        l->content = malloc(lit.source.len + 1);
        if (l->content == NULL)
            return CERTFIT_ERR_INVALID_ARG;
        size_t bad = 0;
        rc = certfit_c_unescape(&lit, l->content, lit.source.len, &l->len, &bad);
        if (rc != 0) {
            free(l->content);
            l->content = NULL;
            ts_free_literals(out, n);
            return rc;
        }
        l->content[l->len] = 0;
        n++;
    }
    if (rc < 0) {
        ts_free_literals(out, n);
        return rc;
    }
    return (int)n;
}

void ts_free_literals(ts_literal *l, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(l[i].content);
        l[i].content = NULL;
    }
}

static void each_pem(const uint8_t *pem, size_t len, ts_cert_fn fn, void *ctx,
                     const char *literal)
{
    uint8_t *der;
    size_t dlen;
    for (size_t i = 0; (der = ts_pem_nth_der(pem, len, i, &dlen)) != NULL; i++) {
        fn(ctx, der, dlen, i, literal);
        free(der);
    }
}

void ts_each_cert(const uint8_t *text, size_t len, ts_cert_fn fn, void *ctx)
{
    certfit_format f = certfit_input_detect(text, len);
    if (f == CERTFIT_FORMAT_DER) {
        size_t pos = 0, tl, i = 0;
        while (pos < len && text[pos] == 0x30 &&
               certfit_der_element_len(text + pos, len - pos, &tl) == 0) {
            fn(ctx, text + pos, tl, i++, NULL);
            pos += tl;
        }
    } else if (f == CERTFIT_FORMAT_PEM) {
        each_pem(text, len, fn, ctx, NULL);
    } else if (f == CERTFIT_FORMAT_C) {
        ts_literal l[8];
        int n = ts_c_literals(text, len, l, 8);
        for (int k = 0; k < n; k++)
            each_pem(l[k].content, l[k].len, fn, ctx, l[k].name);
        if (n > 0)
            ts_free_literals(l, (size_t)n);
    }
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t ts_list_dir(const char *dir, char **names, size_t max)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while (n < max && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        size_t l = strlen(de->d_name) + 1;
        names[n] = malloc(l);
        if (names[n] != NULL)
            memcpy(names[n++], de->d_name, l);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp_name);
    return n;
}

static void on_cert(void *ctx, const certfit_cert_event *ev)
{
    ts_collect *c = ctx;
    if (c->ncert >= TS_MAX_CERTS)
        return;
    ts_cert_info *ci = &c->certs[c->ncert++];
    memset(ci, 0, sizeof(*ci));
    ci->index = ev->index;
    ci->der_len = ev->der.len;
    ci->self = ev->self_signed;
    ci->line = ev->line;
    ci->offset = ev->offset;
    if (ev->cert != NULL) {
        const certfit_cert *x = ev->cert;
        size_t n;
        ci->parsed = true;
        if (certfit_name_format(x->subject, ci->subject, sizeof(ci->subject), &n) != 0)
            ci->subject[0] = '\0';
        ci->key_type = x->key_type;
        ci->curve = x->curve;
        ci->key_bits = x->key_bits;
        ci->sig_alg = x->sig_alg;
        ci->not_before = x->not_before.t;
        ci->not_after = x->not_after.t;
        ci->ca = x->ca;
    }
}

static void on_finding(void *ctx, const certfit_finding *f)
{
    ts_collect *c = ctx;
    if (c->nfind < TS_MAX_FINDINGS)
        c->findings[c->nfind++] = *f;
}

int ts_run(const certfit_item *item, const certfit_check_opts *o, ts_collect *c)
{
    memset(c, 0, sizeof(*c));
    size_t ws = certfit_check_work_size(item);
    uint8_t *work = malloc(ws); /* the alignment slack is in ws */
    if (work == NULL)
        return CERTFIT_ERR_INVALID_ARG;
    certfit_sink sink = {on_cert, on_finding, c};
    c->rc = certfit_check(item, o, work, ws, &sink, &c->res);
    free(work);
    return c->rc;
}

int64_t ts_time(const char *s)
{
    int64_t t = 0;
    if (certfit_time_parse_rfc3339(s, &t) != 0) {
        print_error("bad time %s\n", s);
        fail();
    }
    return t;
}

int ts_check_pem(const uint8_t *text, size_t len, const char *profile, certfit_role role,
                 const char *now, ts_collect *c)
{
    static certfit_profile pf;
    if (certfit_profile_get(profile, &pf) != 0) {
        print_error("unknown profile %s\n", profile);
        fail();
    }
    certfit_check_opts o;
    certfit_check_opts_init(&o, &pf);
    o.role = role;
    o.now = ts_time(now);
    o.clock_set = true;
    certfit_item item = {CERTFIT_FORMAT_PEM, {text, len}, 1, true};
    return ts_run(&item, &o, c);
}

const certfit_finding *ts_find(const ts_collect *c, certfit_rule r, int32_t cert)
{
    for (size_t i = 0; i < c->nfind; i++)
        if (c->findings[i].rule == r && (cert == TS_ANY_CERT || c->findings[i].cert == cert))
            return &c->findings[i];
    return NULL;
}

size_t ts_count(const ts_collect *c, certfit_rule r)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nfind; i++)
        n += c->findings[i].rule == r;
    return n;
}
