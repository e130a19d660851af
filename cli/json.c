#include "json.h"

#include <string.h>

/*
 * Each call composes its text (comma, indentation, key, value) in a small
 * buffer on the stack and hands it to stdio with one fwrite: a character at
 * a time through fputc was most of the time of `certfit check --format json`
 * on a large bundle (issue 7). Nothing is held between calls, so callers may
 * still mix their own writes to the FILE with the writer's.
 */
typedef struct ob {
    FILE *f;
    size_t n;
    char b[512];
} ob;

static void ob_flush(ob *o)
{
    if (o->n > 0)
        fwrite(o->b, 1, o->n, o->f);
    o->n = 0;
}

static void ob_put(ob *o, const char *s, size_t n)
{
    if (n > sizeof(o->b) - o->n) {
        ob_flush(o);
        if (n > sizeof(o->b)) {
            fwrite(s, 1, n, o->f);
            return;
        }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}

static void ob_putc(ob *o, char c)
{
    if (o->n == sizeof(o->b))
        ob_flush(o);
    o->b[o->n++] = c;
}

static void ob_init(ob *o, jw *w)
{
    o->f = w->f;
    o->n = 0;
}

void jw_init(jw *w, FILE *f, bool pretty)
{
    memset(w, 0, sizeof(*w));
    w->f = f;
    w->pretty = pretty;
    w->first[0] = true;
}

static void indent(jw *w, ob *o)
{
    static const char spaces[2 * JW_MAX_DEPTH] =
        "                                                                ";
    if (!w->pretty)
        return;
    ob_putc(o, '\n');
    ob_put(o, spaces, 2 * (size_t)w->depth);
}

/* Before a value: comma and indentation, unless it follows a key. */
static void pre(jw *w, ob *o)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (!w->first[w->depth])
            ob_putc(o, ',');
        indent(w, o);
    }
    w->first[w->depth] = false;
}

static void open(jw *w, char c)
{
    ob o;
    ob_init(&o, w);
    pre(w, &o);
    ob_putc(&o, c);
    if (w->depth < JW_MAX_DEPTH - 1)
        w->depth++;
    w->first[w->depth] = true;
    ob_flush(&o);
}

static void close_(jw *w, char c)
{
    ob o;
    ob_init(&o, w);
    bool empty = w->first[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (!empty)
        indent(w, &o);
    ob_putc(&o, c);
    ob_flush(&o);
}

void jw_obj(jw *w) { open(w, '{'); }
void jw_obj_end(jw *w) { close_(w, '}'); }
void jw_arr(jw *w) { open(w, '['); }
void jw_arr_end(jw *w) { close_(w, ']'); }

static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t k;
    unsigned long cp, min;
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0)
        k = 2, cp = c & 0x1fu, min = 0x80;
    else if ((c & 0xf0) == 0xe0)
        k = 3, cp = c & 0x0fu, min = 0x800;
    else if ((c & 0xf8) == 0xf0)
        k = 4, cp = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return k;
}

/* Characters copied as they are: printable ASCII but '"' and '\\' (a table:
 * this test runs for every byte of the output). */
/* clang-format off */
#define P8 1, 1, 1, 1, 1, 1, 1, 1
static const unsigned char k_plain[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20 */ 1, 1, 0, 1, 1, 1, 1, 1, P8,
    /* 0x30 */ P8, P8, P8, P8,
    /* 0x50 */ P8, 1, 1, 1, 1, 0, 1, 1, 1,
    /* 0x60 */ P8, P8, P8, 1, 1, 1, 1, 1, 1, 1, 0,
    /* 0x80 and up: 0 (UTF-8, checked) */
};
#undef P8
/* clang-format on */

static bool plain(unsigned char c)
{
    return k_plain[c] != 0;
}

static void put_string(ob *o, const char *s, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    ob_putc(o, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && plain(p[run]))
            run++;
        if (run > i) {
            ob_put(o, s + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            ob_put(o, e, 2);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            switch (c) {
            case '\n':
                ob_put(o, "\\n", 2);
                break;
            case '\r':
                ob_put(o, "\\r", 2);
                break;
            case '\t':
                ob_put(o, "\\t", 2);
                break;
            default: {
                char u[6] = {'\\', 'u', '0', '0', hx[c >> 4], hx[c & 15]};
                ob_put(o, u, 6);
                break;
            }
            }
            i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (k == 0) {
                ob_put(o, "\\ufffd", 6); /* not UTF-8: keep the output valid */
                i++;
            } else {
                ob_put(o, s + i, k);
                i += k;
            }
        }
    }
    ob_putc(o, '"');
}

static void key_(jw *w, ob *o, const char *key)
{
    pre(w, o);
    put_string(o, key, strlen(key));
    if (w->pretty)
        ob_put(o, ": ", 2);
    else
        ob_putc(o, ':');
    w->after_key = true;
}

static void uint_(jw *w, ob *o, unsigned long long v, bool neg)
{
    char d[24];
    size_t i = sizeof(d);
    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (neg)
        d[--i] = '-';
    pre(w, o);
    ob_put(o, d + i, sizeof(d) - i);
}

static void int_(jw *w, ob *o, long long v)
{
    unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    uint_(w, o, m, v < 0);
}

static void str_(jw *w, ob *o, const char *s)
{
    pre(w, o);
    if (s == NULL)
        ob_put(o, "null", 4);
    else
        put_string(o, s, strlen(s));
}

void jw_key(jw *w, const char *key)
{
    ob o;
    ob_init(&o, w);
    key_(w, &o, key);
    ob_flush(&o);
}

void jw_strn(jw *w, const char *s, size_t n)
{
    ob o;
    ob_init(&o, w);
    pre(w, &o);
    put_string(&o, s, n);
    ob_flush(&o);
}

void jw_str(jw *w, const char *s)
{
    ob o;
    ob_init(&o, w);
    str_(w, &o, s);
    ob_flush(&o);
}

void jw_int(jw *w, long long v)
{
    ob o;
    ob_init(&o, w);
    int_(w, &o, v);
    ob_flush(&o);
}

void jw_uint(jw *w, unsigned long long v)
{
    ob o;
    ob_init(&o, w);
    uint_(w, &o, v, false);
    ob_flush(&o);
}

void jw_bool(jw *w, bool v)
{
    ob o;
    ob_init(&o, w);
    pre(w, &o);
    ob_put(&o, v ? "true" : "false", v ? 4 : 5);
    ob_flush(&o);
}

void jw_null(jw *w)
{
    ob o;
    ob_init(&o, w);
    pre(w, &o);
    ob_put(&o, "null", 4);
    ob_flush(&o);
}

void jw_kstr(jw *w, const char *key, const char *s)
{
    ob o;
    ob_init(&o, w);
    key_(w, &o, key);
    str_(w, &o, s);
    ob_flush(&o);
}

void jw_kuint(jw *w, const char *key, unsigned long long v)
{
    ob o;
    ob_init(&o, w);
    key_(w, &o, key);
    uint_(w, &o, v, false);
    ob_flush(&o);
}

void jw_kint(jw *w, const char *key, long long v)
{
    ob o;
    ob_init(&o, w);
    key_(w, &o, key);
    int_(w, &o, v);
    ob_flush(&o);
}

void jw_kbool(jw *w, const char *key, bool v)
{
    ob o;
    ob_init(&o, w);
    key_(w, &o, key);
    pre(w, &o);
    ob_put(&o, v ? "true" : "false", v ? 4 : 5);
    ob_flush(&o);
}

void jw_knull(jw *w, const char *key)
{
    ob o;
    ob_init(&o, w);
    key_(w, &o, key);
    pre(w, &o);
    ob_put(&o, "null", 4);
    ob_flush(&o);
}

void jw_end(jw *w)
{
    fputc('\n', w->f);
}
