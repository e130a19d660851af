#include "json.h"

#include <string.h>

/*
 * Text is composed in the writer's buffer and handed to stdio in large
 * pieces: with a buffer of the caller's (jw_init_buffered) only when it is
 * full, at jw_flush() and at jw_end(); with the writer's own small buffer
 * (jw_init) at the end of every call, so that callers may still mix their
 * own writes to the FILE with the writer's. One fwrite per token would be
 * a quarter of `certfit check --format json` on a large bundle (issue 7).
 * After a failed write the rest is dropped, and jw_end() sees to it that
 * the caller's fflush() reports the error.
 */
static void flush_(jw *w)
{
    if (w->n > 0 && !w->failed && fwrite(w->buf, 1, w->n, w->f) != w->n)
        w->failed = true; /* the rest of the report is dropped */
    w->n = 0;
}

/* The end of a public call. */
static void done(jw *w)
{
    if (!w->hold)
        flush_(w);
}

/* Room for need bytes (need <= JW_OWN_SIZE); returns where they go. */
static char *room(jw *w, size_t need)
{
    if (w->size - w->n < need)
        flush_(w);
    return w->buf + w->n;
}

static void put_slow(jw *w, const char *s, size_t n)
{
    flush_(w);
    if (n > w->size) {
        if (!w->failed && fwrite(s, 1, n, w->f) != n)
            w->failed = true;
        return;
    }
    memcpy(w->buf, s, n);
    w->n = n;
}

/* Copy n bytes: up to 32 with a few fixed-size moves instead of a call
 * (most of what the writer copies is a few bytes long). */
static void copy(char *d, const char *s, size_t n)
{
    if (n > 32) {
        memcpy(d, s, n);
    } else if (n >= 16) {
        memcpy(d, s, 16);
        memcpy(d + n - 16, s + n - 16, 16);
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n > 0) {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

static void put(jw *w, const char *s, size_t n)
{
    if (n > w->size - w->n) {
        put_slow(w, s, n);
        return;
    }
    copy(w->buf + w->n, s, n);
    w->n += n;
}

static void putc_(jw *w, char c)
{
    *room(w, 1) = c;
    w->n++;
}

void jw_init(jw *w, FILE *f, bool pretty)
{
    memset(w, 0, sizeof(*w));
    w->f = f;
    w->buf = w->own;
    w->size = sizeof(w->own);
    w->pretty = pretty;
    w->first[0] = true;
}

void jw_init_buffered(jw *w, FILE *f, bool pretty, char *buf, size_t size)
{
    jw_init(w, f, pretty);
    if (buf != NULL && size >= JW_OWN_SIZE) {
        w->buf = buf;
        w->size = size;
        w->hold = true;
    }
}

void jw_flush(jw *w)
{
    flush_(w);
}

/* A comma, a newline and the deepest indentation (JW_MAX_DEPTH - 1 levels
 * of two spaces), copied whole and cut by the count of bytes kept. */
#define SEP_MAX (2 + 2 * JW_MAX_DEPTH)
static const char k_sep[SEP_MAX + 1] =
    ",\n                                                                ";

/* Before a value: comma and indentation, unless it follows a key; written
 * at o, where the caller reserved SEP_MAX bytes. Returns the end. */
static char *sep_at(jw *w, char *o)
{
    if (w->after_key) {
        w->after_key = false;
        return o;
    }
    int d = w->depth;
    if (d > 0) {
        bool comma = !w->first[d];
        if (w->pretty) {
            if (d <= 7)
                memcpy(o, k_sep + !comma, 16); /* the usual depths: one move */
            else
                memcpy(o, k_sep + !comma, SEP_MAX);
            o += (size_t)comma + 1 + 2 * (size_t)d;
        } else if (comma) {
            *o++ = ',';
        }
    }
    w->first[d] = false;
    return o;
}

static void pre(jw *w)
{
    w->n = (size_t)(sep_at(w, room(w, SEP_MAX)) - w->buf);
}

static void open(jw *w, char c)
{
    pre(w);
    putc_(w, c);
    if (w->depth < JW_MAX_DEPTH - 1)
        w->depth++;
    w->first[w->depth] = true;
    done(w);
}

static void close_(jw *w, char c)
{
    bool empty = w->first[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (!empty && w->pretty) {
        char *o = room(w, SEP_MAX);
        memcpy(o, k_sep + 1, SEP_MAX);
        w->n += 1 + 2 * (size_t)w->depth;
    }
    putc_(w, c);
    done(w);
}

void jw_obj(jw *w)
{
    open(w, '{');
}
void jw_obj_end(jw *w)
{
    close_(w, '}');
}
void jw_arr(jw *w)
{
    open(w, '[');
}
void jw_arr_end(jw *w)
{
    close_(w, ']');
}

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

/* Characters copied as they are: printable ASCII but '"' and '\\'. */
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

/* Length of the run of plain bytes (k_plain) at the start of p: the
 * escaper copies such a run at once. */
static size_t plain_run(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && k_plain[p[i]])
        i++;
    return i;
}

static void put_string(jw *w, const char *s, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t run = plain_run(p, n);
    if (run == n && n + 2 <= w->size - w->n) {
        /* the common case: nothing to escape, and it fits */
        char *o = w->buf + w->n;
        o[0] = '"';
        copy(o + 1, s, n);
        o[n + 1] = '"';
        w->n += n + 2;
        return;
    }
    putc_(w, '"');
    size_t i = 0;
    for (;;) {
        put(w, s + i, run);
        i += run;
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(w, e, 2);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            switch (c) {
            case '\n':
                put(w, "\\n", 2);
                break;
            case '\r':
                put(w, "\\r", 2);
                break;
            case '\t':
                put(w, "\\t", 2);
                break;
            default: {
                char u[6] = {'\\', 'u', '0', '0', hx[c >> 4], hx[c & 15]};
                put(w, u, 6);
                break;
            }
            }
            i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (k == 0) {
                put(w, "\\ufffd", 6); /* not UTF-8: keep the output valid */
                i++;
            } else {
                put(w, s + i, k);
                i += k;
            }
        }
        run = plain_run(p + i, n - i);
    }
    putc_(w, '"');
}

/* After a key: ": " (pretty) or ":". */
static void colon(jw *w)
{
    char *o = room(w, 2);
    o[0] = ':';
    o[1] = ' ';
    w->n += w->pretty ? 2 : 1;
    w->after_key = true;
}

static void key_(jw *w, const char *key)
{
    pre(w);
    put_string(w, key, strlen(key));
    colon(w);
}

/* Separator, JW_K() key and colon in one stretch of the buffer, reserved
 * with extra bytes more for the value; returns where the value goes. */
static char *lkey_at(jw *w, const char *qkey, size_t qlen, size_t extra)
{
    char *o = sep_at(w, room(w, SEP_MAX + JW_KEY_MAX + 4 + extra));
    copy(o, qkey, qlen);
    o += qlen;
    o[0] = ':';
    o[1] = ' ';
    return o + (w->pretty ? 2 : 1);
}

static void lkey_(jw *w, const char *qkey, size_t qlen)
{
    w->n = (size_t)(lkey_at(w, qkey, qlen, 0) - w->buf);
}

/* Two decimal digits at a time. */
static const char k_digits[201] = "00010203040506070809"
                                  "10111213141516171819"
                                  "20212223242526272829"
                                  "30313233343536373839"
                                  "40414243444546474849"
                                  "50515253545556575859"
                                  "60616263646566676869"
                                  "70717273747576777879"
                                  "80818283848586878889"
                                  "90919293949596979899";

/* Decimal digits of v (after a '-' when neg) at o; returns the end. */
static char *uint_at(char *o, unsigned long long v, bool neg)
{
    size_t n = 1; /* digits */
    for (unsigned long long t = v; t >= 10; t /= 10)
        n++;
    if (neg)
        *o++ = '-';
    size_t i = n;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        i -= 2;
        memcpy(o + i, k_digits + 2 * r, 2);
    }
    if (v >= 10)
        memcpy(o, k_digits + 2 * v, 2);
    else
        o[0] = (char)('0' + v);
    return o + n;
}

static void uint_(jw *w, unsigned long long v, bool neg)
{
    pre(w);
    w->n = (size_t)(uint_at(room(w, 21), v, neg) - w->buf);
}

static void int_(jw *w, long long v)
{
    unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    uint_(w, m, v < 0);
}

static void str_(jw *w, const char *s)
{
    pre(w);
    if (s == NULL)
        put(w, "null", 4);
    else
        put_string(w, s, strlen(s));
}

void jw_key(jw *w, const char *key)
{
    key_(w, key);
    done(w);
}

void jw_strn(jw *w, const char *s, size_t n)
{
    pre(w);
    put_string(w, s, n);
    done(w);
}

void jw_str(jw *w, const char *s)
{
    str_(w, s);
    done(w);
}

void jw_int(jw *w, long long v)
{
    int_(w, v);
    done(w);
}

void jw_uint(jw *w, unsigned long long v)
{
    uint_(w, v, false);
    done(w);
}

void jw_bool(jw *w, bool v)
{
    pre(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
    done(w);
}

void jw_null(jw *w)
{
    pre(w);
    put(w, "null", 4);
    done(w);
}

void jw_kstr(jw *w, const char *key, const char *s)
{
    key_(w, key);
    str_(w, s);
    done(w);
}

void jw_kstrn(jw *w, const char *key, const char *s, size_t n)
{
    key_(w, key);
    pre(w);
    put_string(w, s, n);
    done(w);
}

void jw_kuint(jw *w, const char *key, unsigned long long v)
{
    key_(w, key);
    uint_(w, v, false);
    done(w);
}

void jw_kint(jw *w, const char *key, long long v)
{
    key_(w, key);
    int_(w, v);
    done(w);
}

void jw_kbool(jw *w, const char *key, bool v)
{
    key_(w, key);
    pre(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
    done(w);
}

void jw_knull(jw *w, const char *key)
{
    key_(w, key);
    pre(w);
    put(w, "null", 4);
    done(w);
}

void jw_lkey(jw *w, const char *qkey, size_t qlen)
{
    lkey_(w, qkey, qlen);
    w->after_key = true;
    done(w);
}

void jw_lstr(jw *w, const char *qkey, size_t qlen, const char *s)
{
    lkey_(w, qkey, qlen);
    if (s == NULL)
        put(w, "null", 4);
    else
        put_string(w, s, strlen(s));
    done(w);
}

void jw_lstrn(jw *w, const char *qkey, size_t qlen, const char *s, size_t n)
{
    lkey_(w, qkey, qlen);
    put_string(w, s, n);
    done(w);
}

void jw_luint(jw *w, const char *qkey, size_t qlen, unsigned long long v)
{
    char *o = lkey_at(w, qkey, qlen, 21);
    w->n = (size_t)(uint_at(o, v, false) - w->buf);
    done(w);
}

void jw_lint(jw *w, const char *qkey, size_t qlen, long long v)
{
    char *o = lkey_at(w, qkey, qlen, 21);
    unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    w->n = (size_t)(uint_at(o, m, v < 0) - w->buf);
    done(w);
}

void jw_lbool(jw *w, const char *qkey, size_t qlen, bool v)
{
    char *o = lkey_at(w, qkey, qlen, 5);
    memcpy(o, v ? "true " : "false", 5);
    w->n = (size_t)(o - w->buf) + (v ? 4u : 5u);
    done(w);
}

void jw_lnull(jw *w, const char *qkey, size_t qlen)
{
    char *o = lkey_at(w, qkey, qlen, 4);
    memcpy(o, "null", 4);
    w->n = (size_t)(o - w->buf) + 4;
    done(w);
}

/* The final newline goes through stdio's own buffer, as it always did:
 * after a failed write that buffer is empty, so the newline is still
 * pending when the caller's fflush() runs, and that fflush() reports the
 * error (writing to a full disk exits 2). */
void jw_end(jw *w)
{
    flush_(w);
    fputc('\n', w->f);
}
