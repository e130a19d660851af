/*
 * Helpers shared by the cmocka unit tests: loading fixtures, turning files
 * into items (PEM, DER, C literals), and a sink that records every
 * certificate and finding of a certfit_check() run. Test code may allocate.
 */
#ifndef CERTFIT_TEST_SUPPORT_H
#define CERTFIT_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "certfit/certfit.h"

#ifndef CERTFIT_FIXTURES_DIR
#define CERTFIT_FIXTURES_DIR "fixtures"
#endif

/* The fixtures directory; main() may replace it from argv. */
extern const char *ts_fixtures_dir;

/* Take the fixtures directory from argv[1] when given. */
void ts_args(int argc, char **argv);

/* Read a whole file (NUL appended, not counted). NULL when unreadable. */
uint8_t *ts_read_file(const char *path, size_t *len);

/* Read fixtures/<rel>; aborts the test (cmocka fail) when missing. */
uint8_t *ts_fixture(const char *rel, size_t *len);

/* Decode the first CERTIFICATE block of PEM text into a malloc'd DER. */
uint8_t *ts_pem_first_der(const uint8_t *pem, size_t len, size_t *der_len);

/* Decode the n-th (0-based) CERTIFICATE block of PEM text. */
uint8_t *ts_pem_nth_der(const uint8_t *pem, size_t len, size_t n, size_t *der_len);

/* Load a fixture PEM file's first certificate as DER. */
uint8_t *ts_fixture_der(const char *rel, size_t *der_len);

/* One C literal group, decoded. */
typedef struct ts_literal {
    char name[64];
    uint32_t line;
    bool has_begin;
    uint8_t *content; /* malloc'd, NUL-terminated */
    size_t len;
} ts_literal;

/* Every named literal of C text (up to max); returns the count, or a
 * negative certfit error. */
int ts_c_literals(const uint8_t *text, size_t len, ts_literal *out, size_t max);
void ts_free_literals(ts_literal *l, size_t n);

/* Every certificate of a credential text: concatenated DER, the
 * CERTIFICATE blocks of PEM, or those of each C literal's PEM. fn gets the
 * DER, its index in its source and the literal's name (NULL outside C). */
typedef void (*ts_cert_fn)(void *ctx, const uint8_t *der, size_t len, size_t index,
                           const char *literal);
void ts_each_cert(const uint8_t *text, size_t len, ts_cert_fn fn, void *ctx);

/* The entries of dir except those starting with '.', sorted, up to max
 * (each malloc'd: the caller frees them). Returns the count. */
size_t ts_list_dir(const char *dir, char **names, size_t max);

#define TS_MAX_FINDINGS 256
#define TS_MAX_CERTS    32

typedef struct ts_cert_info {
    uint32_t index;
    bool parsed;
    size_t der_len;
    certfit_selfsig self;
    uint32_t line;
    size_t offset;
    char subject[256];
    certfit_key_type key_type;
    certfit_curve curve;
    uint32_t key_bits;
    certfit_sig_alg sig_alg;
    int64_t not_before, not_after;
    bool ca;
} ts_cert_info;

typedef struct ts_collect {
    certfit_finding findings[TS_MAX_FINDINGS];
    size_t nfind;
    ts_cert_info certs[TS_MAX_CERTS];
    size_t ncert;
    certfit_result res;
    int rc;
} ts_collect;

/* Run certfit_check with a work buffer of certfit_check_work_size(). */
int ts_run(const certfit_item *item, const certfit_check_opts *o, ts_collect *c);

/* Check PEM text as one item under a profile/role/now (clock set). */
int ts_check_pem(const uint8_t *text, size_t len, const char *profile, certfit_role role,
                 const char *now, ts_collect *c);

/* The first finding of rule (cert: -2 = any certificate index), or NULL. */
const certfit_finding *ts_find(const ts_collect *c, certfit_rule r, int32_t cert);
/* How many findings of rule. */
size_t ts_count(const ts_collect *c, certfit_rule r);

/* Parse an RFC 3339 time; fails the test on error. */
int64_t ts_time(const char *s);

#define TS_ANY_CERT (-2)

#endif
