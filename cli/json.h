/* A small streaming JSON writer: output stays valid UTF-8 JSON whatever
 * bytes it is given, and nothing is held in memory but a nesting stack,
 * so a 100,000-certificate bundle streams in constant memory. cJSON builds
 * a whole tree first; the tests use it to parse and check this output. */
#ifndef CERTFIT_CLI_JSON_H
#define CERTFIT_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 32

typedef struct jw {
    FILE *f;
    int depth;
    bool first[JW_MAX_DEPTH];
    bool after_key;
    bool pretty;
} jw;

void jw_init(jw *w, FILE *f, bool pretty);
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
void jw_kuint(jw *w, const char *key, unsigned long long v);
void jw_kint(jw *w, const char *key, long long v);
void jw_kbool(jw *w, const char *key, bool v);
void jw_knull(jw *w, const char *key);
void jw_end(jw *w); /* final newline */

#endif
