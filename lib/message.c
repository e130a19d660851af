/*
 * certfit_finding_message(): one formatter for every finding, on the host
 * (the CLI's text, JSON and SARIF reports) and on the device (the firmware
 * glue's log line). With CERTFIT_CONFIG_FINDING_TEXT it reads the message
 * rows of the rule table (rules.def CERTFIT_RULE_MESSAGE: parts, tests,
 * templates with fields in braces); without it (the device's default) the
 * rows are not built and the message is the finding's numbers, named as
 * the fields of certfit_finding, so that a log line still carries every
 * figure in a few bytes of flash.
 */
#include <string.h>

#include "arith.h"
#include "certfit/report.h"
#include "report_internal.h"
#include "rules_internal.h"
#ifndef CERTFIT_WITH_MBEDTLS_PARSE
#define CERTFIT_WITH_MBEDTLS_PARSE 0
#endif
#if CERTFIT_WITH_MBEDTLS_PARSE && CERTFIT_CONFIG_FINDING_TEXT
#include <mbedtls/version.h>
#define MBEDTLS_VERSION_TEXT " " MBEDTLS_VERSION_STRING
#else
#define MBEDTLS_VERSION_TEXT ""
#endif

void certfit_text_append(char *o, size_t size, size_t *at, const char *s, size_t n)
{
    if (*at + 1 < size) {
        size_t k = size - 1 - *at;
        memcpy(o + *at, s, n < k ? n : k);
    }
    *at += n;
}

const char *certfit_text_decimal(char *end, unsigned long long v, bool neg)
{
    char *p = end;
    do {
        uint32_t digit;
        v = certfit_udiv(v, 10, &digit); /* no 64-bit divide on the device (arith.h) */
        *--p = (char)('0' + digit);
    } while (v > 0);
    if (neg)
        *--p = '-';
    return p;
}

/* the decimal text of v (negative when neg) at *at */
static void number(char *o, size_t size, size_t *at, unsigned long long v, bool neg)
{
    char num[24], *end = num + sizeof(num);
    for (const char *s = certfit_text_decimal(end, v, neg); s < end; s++, (*at)++)
        if (*at + 1 < size)
            o[*at] = *s;
}

#if CERTFIT_CONFIG_FINDING_TEXT

static void signed_number(char *o, size_t size, size_t *at, long long v)
{
    number(o, size, at, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

/* The field a row's test reads. */
enum { F_ALWAYS, F_DETAIL, F_VALUE, F_LIMIT, F_SEVERITY, F_CERT_SET };
/* How: (field & mask) == value, != value, or field > value. */
enum { OP_EQ, OP_NE, OP_GT };

#define ALWAYS               F_ALWAYS, OP_EQ, 0, 0
#define IF_DETAIL(code)      F_DETAIL, OP_EQ, ~0ull, CERTFIT_DETAIL_##code
#define IF_DETAIL_IS(v)      F_DETAIL, OP_EQ, ~0ull, (v)
#define IF_DETAIL_BITS(code) F_DETAIL, OP_EQ, CERTFIT_DETAIL_##code, CERTFIT_DETAIL_##code
#define IF_DETAIL_MASK(m, v) F_DETAIL, OP_EQ, (uint64_t)(int64_t)(m), (v)
#define IF_VALUE_BITS(m)     F_VALUE, OP_EQ, (uint64_t)(m), (uint64_t)(m)
#define IF_VALUE_ANY(m)      F_VALUE, OP_NE, (uint64_t)(int64_t)(m), 0
#define IF_VALUE_ABOVE(n)    F_VALUE, OP_GT, 0, (n)
#define IF_LIMIT(n)          F_LIMIT, OP_EQ, ~0ull, (n)
#define IF_SEVERITY(sev)     F_SEVERITY, OP_EQ, ~0ull, (sev)
#define IF_CERT              F_CERT_SET, OP_EQ, ~0ull, 1

typedef struct msg_row {
    uint8_t rule;
    uint8_t part;
    uint8_t field;
    uint8_t op;
    uint64_t mask;
    uint64_t value;
    const char *template;
} msg_row;

/* Whether this build can report each rule (rules.def's scope column): the
 * words of a rule it cannot report are not linked (a device with
 * CERTFIT_CONFIG_FINDING_TEXT leaves out those of the host-only and hygiene
 * rules; measured on the Cortex-M33 glue image with finding text). */
enum {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    MSG_ON_##name = CERTFIT_RULE_SCOPE_##scope,
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
    MSG_ON_COUNT_
};

static const msg_row k_rows[] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)
#define CERTFIT_RULE_MESSAGE(name, part, when, template)                                           \
    {CERTFIT_RULE_##name, part, when, MSG_ON_##name ? (template) : NULL},
#include "certfit/rules.def"
#undef CERTFIT_RULE_MESSAGE
#undef CERTFIT_RULE_ROW
};

static bool holds(const msg_row *r, const certfit_finding *f)
{
    uint64_t x;
    switch (r->field) {
    case F_DETAIL:
        x = f->detail;
        break;
    case F_VALUE:
        x = f->value;
        break;
    case F_LIMIT:
        x = f->limit;
        break;
    case F_SEVERITY:
        x = (uint64_t)f->severity;
        break;
    case F_CERT_SET:
        x = f->cert >= 0;
        break;
    default:
        return true;
    }
    switch (r->op) {
    case OP_NE:
        return (x & r->mask) != r->value;
    case OP_GT:
        return x > r->value;
    default:
        return (x & r->mask) == r->value;
    }
}

/* The template fields (rules.def documents them). */
enum {
    X_VALUE,
    X_LIMIT,
    X_EXTRA,
    X_CERT,
    X_OFFSET,
    X_OVER,
    X_LEFT,
    X_TEXT,
    X_DATE,
    X_HASH,
    X_HASH_LIMIT,
    X_S,
    X_TIME_TYPE,
    X_TIME_FORM,
    X_TLS_VERSION,
    X_TLS_ALERT,
    X_CURVE,
    X_MBEDTLS_VERSION,
    X_MBEDTLS_CODE,
    X_MBEDTLS_ERROR,
    X_COUNT
};
static const char *const k_fields[X_COUNT] = {
    "value",        "limit",         "extra",       "cert",      "offset",     "over",
    "left",         "text",          "date",        "hash",      "hash-limit", "s",
    "time-type",    "time-form",     "tls-version", "tls-alert", "curve",      "mbedtls-version",
    "mbedtls-code", "mbedtls-error",
};

/* s at *at; a name function's NULL (a value out of its range) as the
 * report formatter prints it */
static void text(char *o, size_t size, size_t *at, const char *s)
{
    if (s == NULL)
        s = "(null)";
    certfit_text_append(o, size, at, s, strlen(s));
}

/* Field x of f at *at; false when x is not a field name. */
static bool field(char *o, size_t size, size_t *at, const certfit_finding *f, const char *x,
                  size_t n)
{
    unsigned k = 0;
    while (k < X_COUNT && !(strlen(k_fields[k]) == n && memcmp(k_fields[k], x, n) == 0))
        k++;
    unsigned long long v = f->value, l = f->limit;
    char t[21];
    switch (k) {
    case X_VALUE:
        number(o, size, at, v, false);
        break;
    case X_LIMIT:
        number(o, size, at, l, false);
        break;
    case X_EXTRA:
        signed_number(o, size, at, f->extra);
        break;
    case X_CERT:
        signed_number(o, size, at, f->cert);
        break;
    case X_OFFSET:
        number(o, size, at, f->offset, false);
        break;
    case X_OVER:
        number(o, size, at, v - l, false);
        break;
    case X_LEFT:
        number(o, size, at, l - v, false);
        break;
    case X_TEXT:
        text(o, size, at, f->text);
        break;
    case X_DATE:
        certfit_time_format(f->extra, t);
        text(o, size, at, t);
        break;
    case X_HASH:
        /* RSASSA-PSS names its hash in its parameters, which may name none we know */
        text(o, size, at,
             v != CERTFIT_HASH_NONE ? certfit_hash_name((certfit_hash)v) : "an unknown hash");
        break;
    case X_HASH_LIMIT:
        text(o, size, at, certfit_hash_name((certfit_hash)l));
        break;
    case X_S:
        text(o, size, at, v == 1 ? "" : "s");
        break;
    case X_TIME_TYPE: /* 0x18: GeneralizedTime, else UTCTime (0x17) */
        text(o, size, at, v == 0x18 ? "GeneralizedTime" : "UTCTime");
        break;
    case X_TIME_FORM:
        text(o, size, at, v == 0x18 ? "YYYYMMDDHHMMSSZ" : "YYMMDDHHMMSSZ");
        break;
    case X_TLS_VERSION:
        text(o, size, at, certfit_tls_version_name((uint16_t)v));
        break;
    case X_TLS_ALERT:
        text(o, size, at, certfit_tls_alert_name((uint8_t)v));
        break;
    case X_CURVE:
        text(o, size, at, certfit_curve_name((certfit_curve)f->detail));
        break;
    case X_MBEDTLS_VERSION:
        text(o, size, at, MBEDTLS_VERSION_TEXT);
        break;
    case X_MBEDTLS_CODE: {
        static const char hex[] = "0123456789ABCDEF";
        char code[8] = "-0x0000";
        for (int i = 0; i < 4; i++)
            code[6 - i] = hex[(v >> (4 * i)) & 15];
        text(o, size, at, code);
        break;
    }
    case X_MBEDTLS_ERROR: {
        char err[120] = "";
#if CERTFIT_WITH_MBEDTLS_PARSE
        certfit_mbedtls_error_text(-(int)v, err, sizeof(err));
#endif
        text(o, size, at, err);
        break;
    }
    default:
        return false;
    }
    return true;
}

/* Template t with f's fields at *at; a brace that opens no known field is
 * copied as it stands (tests/test_message.c finds none in the table). */
static void expand(char *o, size_t size, size_t *at, const char *t, const certfit_finding *f)
{
    while (*t != '\0') {
        const char *open = strchr(t, '{');
        const char *close = open != NULL ? strchr(open, '}') : NULL;
        if (close == NULL) {
            text(o, size, at, t);
            return;
        }
        certfit_text_append(o, size, at, t, (size_t)(open - t));
        if (!field(o, size, at, f, open + 1, (size_t)(close - open - 1)))
            certfit_text_append(o, size, at, open, (size_t)(close + 1 - open));
        t = close + 1;
    }
}

size_t certfit_finding_message(const certfit_finding *f, char *o, size_t size)
{
    size_t at = 0;
    bool any = false;
    int done = -1; /* the last part written */
    for (size_t i = 0; i < sizeof(k_rows) / sizeof(k_rows[0]); i++) {
        const msg_row *r = &k_rows[i];
        if (r->rule != (unsigned)f->rule || r->template == NULL)
            continue;
        any = true;
        if ((int)r->part != done && holds(r, f)) {
            expand(o, size, &at, r->template, f);
            done = r->part;
        }
    }
    if (!any)
        text(o, size, &at, f->text);
    if (size > 0)
        o[at < size ? at : size - 1] = '\0';
    return at < size ? at : (size > 0 ? size - 1 : 0);
}

#else /* !CERTFIT_CONFIG_FINDING_TEXT */

/*
 * Without the rows: the finding's numbers as name=number in the order of
 * certfit_finding, value, limit, extra and detail when not 0 (the detail
 * also when it would otherwise be the only thing, "detail=0"), then the
 * offset when there is one, e.g. "value=5278 limit=4096"
 * (docs/rules.md says what they mean per rule). The certificate index is
 * the caller's, as on the host. One loop over the five and byte copies, no
 * memcpy() or strlen(): the device links neither for this (measured with
 * scripts/footprint.sh: 328 bytes of newlib's memcpy and strlen otherwise).
 */
size_t certfit_finding_message(const certfit_finding *f, char *o, size_t size)
{
    static const char names[] = " value= limit= extra= detail= offset=";
    unsigned long long v[5] = {f->value, f->limit, (unsigned long long)f->extra, f->detail,
                               f->offset};
    bool neg[5] = {false, false, f->extra < 0, false, false};
    if (neg[2])
        v[2] = 0ull - v[2];
    size_t at = 0;
    const char *name = names;
    for (unsigned i = 0; i < 5; i++) {
        const char *end = name;
        while (*++end != ' ' && *end != '\0')
            ;
        /* offset when known; the others when not 0; a detail of 0 only
         * when the line would otherwise say nothing */
        bool show = i == 4   ? f->offset != CERTFIT_NO_OFFSET
                    : i == 3 ? v[3] != 0 || (at == 0 && f->offset == CERTFIT_NO_OFFSET)
                             : v[i] != 0;
        if (show) {
            const char *from = at > 0 ? name : name + 1; /* no space first */
            while (from < end) {
                if (at + 1 < size)
                    o[at] = *from;
                at++;
                from++;
            }
            number(o, size, &at, v[i], neg[i]);
        }
        name = end;
    }
    if (size > 0)
        o[at < size ? at : size - 1] = '\0';
    return at < size ? at : (size > 0 ? size - 1 : 0);
}

#endif /* CERTFIT_CONFIG_FINDING_TEXT */
