/* A small streaming JSON writer: output stays valid UTF-8 JSON whatever
 * bytes it is given, and nothing is held in memory but a nesting stack and
 * an output buffer of fixed size, so a 100,000-certificate bundle streams in
 * constant memory. cJSON builds a whole tree first; the tests use it to
 * parse and check this output. */
#ifndef CERTFIT_CLI_JSON_H
#define CERTFIT_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 32
#define JW_OWN_SIZE  512 /* the buffer of a writer that writes through */

typedef struct jw {
    FILE *f;
    char *buf;   /* own, or the caller's (jw_init_buffered) */
    size_t size; /* its capacity */
    size_t n;    /* bytes not yet handed to f */
    bool hold;   /* keep bytes between calls until the buffer is full */
    bool failed; /* a write to f failed: nothing more is written */
    int depth;
    bool first[JW_MAX_DEPTH];
    bool after_key;
    bool pretty;
    char own[JW_OWN_SIZE];
} jw;

/* A key of the program's own for the hot paths, quoted when the program
 * is built: JW_K("name") stands for two arguments, the key between quotes
 * and that length. The literal must need no escaping (letters, digits,
 * '_', '$') and have at most JW_KEY_MAX characters, else it does not
 * compile. */
#define JW_KEY_MAX 30
#define JW_K(lit)                                                                                  \
    "\"" lit "\"", (sizeof(lit) + 1 + 0 * sizeof(char[sizeof(lit) <= JW_KEY_MAX + 1 ? 1 : -1]))

/* Every call hands its text to f before it returns: the caller may mix its
 * own writes to f with the writer's. */
void jw_init(jw *w, FILE *f, bool pretty);
/* Text waits in buf (size bytes, at least JW_OWN_SIZE; smaller: written
 * through) and goes to f in large writes: when buf is full, at jw_flush()
 * and at jw_end(). Nothing else may write to f in between. */
void jw_init_buffered(jw *w, FILE *f, bool pretty, char *buf, size_t size);
void jw_flush(jw *w);
void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *key);
void jw_str(jw *w, const char *s);
void jw_strn(jw *w, const char *s, size_t n);
void jw_int(jw *w, long long v);
void jw_uint(jw *w, unsigned long long v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* key + value helpers */
void jw_kstr(jw *w, const char *key, const char *s); /* NULL → null */
void jw_kstrn(jw *w, const char *key, const char *s, size_t n);
void jw_kuint(jw *w, const char *key, unsigned long long v);
void jw_kint(jw *w, const char *key, long long v);
void jw_kbool(jw *w, const char *key, bool v);
void jw_knull(jw *w, const char *key);
/* the same with a JW_K() key */
void jw_lkey(jw *w, const char *qkey, size_t qlen);
void jw_lstr(jw *w, const char *qkey, size_t qlen, const char *s); /* NULL → null */
void jw_lstrn(jw *w, const char *qkey, size_t qlen, const char *s, size_t n);
void jw_luint(jw *w, const char *qkey, size_t qlen, unsigned long long v);
void jw_lint(jw *w, const char *qkey, size_t qlen, long long v);
void jw_lbool(jw *w, const char *qkey, size_t qlen, bool v);
void jw_lnull(jw *w, const char *qkey, size_t qlen);
void jw_end(jw *w); /* final newline, then everything held goes to f */

#endif
