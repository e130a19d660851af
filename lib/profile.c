/* Built-in profiles (docs/design.md sections 5 and 12; their data in
 * lib/profiles.def), and the `key = value` policy-file parser. */
#include <stdio.h>
#include <string.h>

#include "certfit/profile.h"
#include "certfit/profile_objects.h"

#define BIT(x) (uint16_t)(1u << (x))
/* The severity of each rule in a profile object: the rule table's severity
 * column, but for a rule whose column says PROFILE(default) (mbedtls-parse):
 * its severity says how far the profile's client is Mbed TLS (ERROR: it is;
 * NOTICE: it may be; OFF: it is not) and comes from the profile's entry in
 * profiles.def. No rule is initialised twice (-Woverride-init). */
#define SEV_INIT_ERROR(name)   [CERTFIT_RULE_##name] = CERTFIT_SEV_ERROR,
#define SEV_INIT_WARNING(name) [CERTFIT_RULE_##name] = CERTFIT_SEV_WARNING,
#define SEV_INIT_NOTICE(name)  [CERTFIT_RULE_##name] = CERTFIT_SEV_NOTICE,
#define SEV_INIT_PROFILE(sev)  SEV_INIT_FROM_ENTRY_
#define SEV_INIT_FROM_ENTRY_(name)
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    SEV_INIT_##sev(name)
#define ERROR  CERTFIT_SEV_ERROR
#define NOTICE CERTFIT_SEV_NOTICE
#define OFF    CERTFIT_SEV_OFF

/* Allowed sets: every nameable key type and curve (not 0xffff: a policy
 * file written from a profile must parse back to the same masks). */
#define KEYS_ANY   (uint16_t)((1u << CERTFIT_KEY_TYPE_COUNT) - 1u)
#define CURVES_ANY (uint16_t)(((1u << CERTFIT_CURVE_COUNT) - 1u) & ~1u)
#define HASHES_SHA2                                                                                \
    (uint16_t)(BIT(CERTFIT_HASH_SHA256) | BIT(CERTFIT_HASH_SHA384) | BIT(CERTFIT_HASH_SHA512))
#define HASHES_ANY                                                                                 \
    (uint16_t)(BIT(CERTFIT_HASH_NONE) | BIT(CERTFIT_HASH_SHA224) | BIT(CERTFIT_HASH_SHA256) |      \
               BIT(CERTFIT_HASH_SHA384) | BIT(CERTFIT_HASH_SHA512))
#define CONFIRMED true
#define ASSUMED   false

/* The built-in profiles, one entry each in lib/profiles.def with every
 * limit's value, source and status. Each becomes its own object, so that
 * firmware which names one (certfit_profile_nrf91, the hook's default)
 * links only that one; the documentation arrays and the table of
 * certfit_profile_at() are reached only through functions the device does
 * not call. An entry opens its object up to the severities; profile_end.h,
 * which profiles.def includes after each entry, adds the rule table's rows
 * and closes it (an #include cannot stand inside a macro). */
#define CERTFIT_LIMIT(key, field, value, status, source) .field = value,
#define CERTFIT_PROFILE(id, name_, mbedtls_sev, summary, ...)                                      \
    const certfit_profile certfit_profile_##id = {                                                 \
        .name = name_, __VA_ARGS__.severity = {[CERTFIT_RULE_MBEDTLS_PARSE] = mbedtls_sev,
#define CERTFIT_PROFILE_OBJECTS_
#include "profiles.def"
#undef CERTFIT_PROFILE_OBJECTS_
#undef CERTFIT_LIMIT
#undef CERTFIT_PROFILE
#undef CERTFIT_RULE_ROW

#define CERTFIT_LIMIT(key, field, value, status, source) {key, source, status},
#define CERTFIT_PROFILE(id, name_, mbedtls_sev, summary, ...)                                      \
    static const certfit_limit_doc k_docs_##id[] = {__VA_ARGS__};
#include "profiles.def"
#undef CERTFIT_LIMIT
#undef CERTFIT_PROFILE

static const struct {
    const certfit_profile *profile;
    const char *summary;
    const certfit_limit_doc *docs;
    size_t ndocs;
} k_profiles[] = {
#define CERTFIT_PROFILE(id, name_, mbedtls_sev, summary, ...)                                      \
    {&certfit_profile_##id, summary, k_docs_##id, sizeof(k_docs_##id) / sizeof(k_docs_##id[0])},
#include "profiles.def"
#undef CERTFIT_PROFILE
};

#define N_PROFILES (sizeof(k_profiles) / sizeof(k_profiles[0]))

size_t certfit_profile_count(void)
{
    return N_PROFILES;
}

const certfit_profile *certfit_profile_at(size_t i)
{
    return i < N_PROFILES ? k_profiles[i].profile : NULL;
}

const char *certfit_profile_summary(size_t i)
{
    return i < N_PROFILES ? k_profiles[i].summary : NULL;
}

const certfit_limit_doc *certfit_profile_limit_docs(size_t i, size_t *count)
{
    *count = i < N_PROFILES ? k_profiles[i].ndocs : 0;
    return i < N_PROFILES ? k_profiles[i].docs : NULL;
}

int certfit_profile_get(const char *name, certfit_profile *out)
{
    for (size_t i = 0; i < N_PROFILES; i++) {
        if (strcmp(k_profiles[i].profile->name, name) == 0) {
            *out = *k_profiles[i].profile;
            return 0;
        }
    }
    return CERTFIT_ERR_UNKNOWN_PROFILE;
}

/* The profile value of each limit kind of rules.h CERTFIT_LIMIT_ROWS. */
#define LIMIT_CASE_NONE(rule)
#define LIMIT_CASE_(rule, value)                                                                   \
    case rule:                                                                                     \
        on = (value);                                                                              \
        break;
#define LIMIT_CASE_CREDENTIAL_LIMIT(rule) LIMIT_CASE_(rule, p->credential_limit)
#define LIMIT_CASE_READBACK_LIMIT(rule) LIMIT_CASE_(rule, p->readback_limit)
#define LIMIT_CASE_CHAIN_LIMIT(rule) LIMIT_CASE_(rule, p->chain_limit)
/* nothing to be near to without a size limit */
#define LIMIT_CASE_HEADROOM_PERCENT(rule)                                                          \
    LIMIT_CASE_(rule, p->headroom_percent != 0 &&                                                  \
                          (p->credential_limit | p->readback_limit | p->chain_limit) != 0)
#define LIMIT_CASE_MAX_DEPTH(rule) LIMIT_CASE_(rule, p->max_depth)
#define LIMIT_CASE_REQUIRE_SELF_SIGNED(rule) LIMIT_CASE_(rule, p->require_self_signed)
#define LIMIT_CASE_LIFETIME_MIN_YEARS(rule) LIMIT_CASE_(rule, p->lifetime_min_years)
#define LIMIT_CASE_CERT_LIMIT(rule) LIMIT_CASE_(rule, p->cert_limit)
#define LIMIT_CASE_KEY_CREDENTIAL_LIMIT(rule) LIMIT_CASE_(rule, p->key_credential_limit)
/* a profile that limits curves reports another curve as key-algorithm;
 * without a limit, ec-curve says it */
#define LIMIT_CASE_ANY_CURVE(rule) LIMIT_CASE_(rule, p->curves == CURVES_ANY)

certfit_severity certfit_profile_severity(const certfit_profile *p, certfit_rule rule)
{
    if ((unsigned)rule >= CERTFIT_RULE_COUNT)
        return CERTFIT_SEV_OFF;
    /* a rule that compares with a limit is off without one: a case per rule
     * whose limit column is not NONE (a switch over the rules, not a table
     * of limits: on the device that is 40 bytes less) */
    uint32_t on = 1;
    switch (rule) {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                     \
    LIMIT_CASE_##limit(CERTFIT_RULE_##name)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
    default:
        break;
    }
    return on != 0 ? (certfit_severity)p->severity[rule] : CERTFIT_SEV_OFF;
}

/* ---- keys and values ------------------------------------------------------ */

typedef enum { K_U32, K_U16, K_U8, K_BOOL, K_KEYS, K_CURVES, K_HASHES } kind;

static const struct {
    const char *key;
    kind k;
    size_t off;
    uint32_t max;
} k_keys[] = {
    {"credential_limit", K_U32, offsetof(certfit_profile, credential_limit), UINT32_MAX},
    {"readback_limit", K_U32, offsetof(certfit_profile, readback_limit), UINT32_MAX},
    {"chain_limit", K_U32, offsetof(certfit_profile, chain_limit), UINT32_MAX},
    {"max_depth", K_U32, offsetof(certfit_profile, max_depth), UINT32_MAX},
    {"headroom_percent", K_U8, offsetof(certfit_profile, headroom_percent), 100},
    {"key_types", K_KEYS, offsetof(certfit_profile, key_types), 0},
    {"curves", K_CURVES, offsetof(certfit_profile, curves), 0},
    {"signature_hashes", K_HASHES, offsetof(certfit_profile, hashes), 0},
    {"rsa_min_bits", K_U16, offsetof(certfit_profile, rsa_min_bits), 65535},
    {"rsa_max_bits", K_U16, offsetof(certfit_profile, rsa_max_bits), 65535},
    {"lifetime_min_years", K_U16, offsetof(certfit_profile, lifetime_min_years), 1000},
    {"expires_soon_days", K_U16, offsetof(certfit_profile, expires_soon_days), 65535},
    {"require_self_signed", K_BOOL, offsetof(certfit_profile, require_self_signed), 0},
    {"time_rules_without_clock", K_BOOL, offsetof(certfit_profile, time_rules_without_clock), 0},
    {"certificate_limit", K_U32, offsetof(certfit_profile, cert_limit), UINT32_MAX},
    {"key_credential_limit", K_U32, offsetof(certfit_profile, key_credential_limit), UINT32_MAX},
    {"ec_max_bits", K_U16, offsetof(certfit_profile, ec_max_bits), 65535},
    {"pem_size_without_cr", K_BOOL, offsetof(certfit_profile, pem_size_without_cr), 0},
};
#define N_KEYS (sizeof(k_keys) / sizeof(k_keys[0]))

static const char *set_name(kind k, unsigned i)
{
    if (k == K_KEYS)
        return i < CERTFIT_KEY_TYPE_COUNT ? certfit_key_type_name((certfit_key_type)i) : NULL;
    if (k == K_CURVES)
        return i > 0 && i < CERTFIT_CURVE_COUNT ? certfit_curve_name((certfit_curve)i) : NULL;
    return i < CERTFIT_HASH_COUNT ? certfit_hash_name((certfit_hash)i) : NULL;
}

static unsigned set_count(kind k)
{
    return k == K_KEYS ? CERTFIT_KEY_TYPE_COUNT
         : k == K_CURVES ? CERTFIT_CURVE_COUNT : CERTFIT_HASH_COUNT;
}

int certfit_profile_value(const certfit_profile *p, const char *key, char *out, size_t size)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        if (strcmp(k_keys[i].key, key) != 0)
            continue;
        const uint8_t *f = (const uint8_t *)p + k_keys[i].off;
        int n = 0;
        uint32_t u32;
        uint16_t u16;
        switch (k_keys[i].k) {
        case K_U32:
            memcpy(&u32, f, sizeof(u32));
            n = snprintf(out, size, "%lu", (unsigned long)u32);
            break;
        case K_U16:
            memcpy(&u16, f, sizeof(u16));
            n = snprintf(out, size, "%u", (unsigned)u16);
            break;
        case K_U8:
            n = snprintf(out, size, "%u", (unsigned)*f);
            break;
        case K_BOOL:
            n = snprintf(out, size, "%s", *(const bool *)(const void *)f ? "true" : "false");
            break;
        default: {
            memcpy(&u16, f, sizeof(u16));
            size_t o = 0;
            if (size > 0)
                out[0] = '\0';
            for (unsigned b = 0; b < set_count(k_keys[i].k); b++) {
                const char *nm = set_name(k_keys[i].k, b);
                if (nm == NULL || !(u16 & (1u << b)))
                    continue;
                int w = snprintf(out + o, size > o ? size - o : 0, "%s%s", o ? "," : "", nm);
                if (w < 0 || (size_t)w >= (size > o ? size - o : 0))
                    return CERTFIT_ERR_BUFFER_TOO_SMALL;
                o += (size_t)w;
            }
            return 0;
        }
        }
        return (n < 0 || (size_t)n >= size) ? CERTFIT_ERR_BUFFER_TOO_SMALL : 0;
    }
    return CERTFIT_ERR_INVALID_ARG;
}

/* ---- the policy parser ------------------------------------------------------ */

typedef struct span {
    const char *p;
    size_t len;
} span;

static span trim(span s)
{
    while (s.len > 0 && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.len--;
    while (s.len > 0 && (s.p[s.len - 1] == ' ' || s.p[s.len - 1] == '\t' ||
                         s.p[s.len - 1] == '\r'))
        s.len--;
    return s;
}

static bool span_eq(span s, const char *lit)
{
    return strlen(lit) == s.len && memcmp(s.p, lit, s.len) == 0;
}

static int perr(certfit_policy_error *e, uint32_t line, const char *fmt, span a)
{
    if (e != NULL) {
        e->line = line;
        int n = a.len > 40 ? 40 : (int)a.len;
        snprintf(e->message, sizeof(e->message), fmt, n, a.p);
    }
    return CERTFIT_ERR_POLICY;
}

static bool parse_u32(span v, uint32_t max, uint32_t *out)
{
    uint64_t x = 0;
    if (v.len == 0 || v.len > 10)
        return false;
    for (size_t i = 0; i < v.len; i++) {
        if (v.p[i] < '0' || v.p[i] > '9')
            return false;
        x = x * 10 + (uint64_t)(v.p[i] - '0');
    }
    if (x > max)
        return false;
    *out = (uint32_t)x;
    return true;
}

/* Iterate the lines of text: returns false at the end. */
static bool next_line(const char *text, size_t len, size_t *pos, span *line)
{
    if (*pos >= len)
        return false;
    const char *s = text + *pos;
    const char *nl = memchr(s, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - s) : len - *pos;
    *pos += n + (nl ? 1 : 0);
    line->p = s;
    line->len = n;
    const char *hash = memchr(s, '#', n);
    if (hash != NULL)
        line->len = (size_t)(hash - s);
    *line = trim(*line);
    return true;
}

static int split(span line, span *key, span *val)
{
    const char *eq = memchr(line.p, '=', line.len);
    if (eq == NULL)
        return -1;
    key->p = line.p;
    key->len = (size_t)(eq - line.p);
    val->p = eq + 1;
    val->len = line.len - key->len - 1;
    *key = trim(*key);
    *val = trim(*val);
    return 0;
}

static int apply(certfit_profile *out, uint32_t ln, span key, span val, certfit_policy_error *err)
{
    if (span_eq(key, "name")) { /* the profile's name: a device in `certfit matrix` */
        bool ok = val.len > 0 && val.len < sizeof(out->name);
        for (size_t i = 0; ok && i < val.len; i++) {
            char ch = val.p[i];
            ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '-' || ch == '_' || ch == '.' || ch == '+';
        }
        if (!ok)
            return perr(err, ln, "name: '%.*s' is not 1..31 of A-Z a-z 0-9 - _ . +", val);
        memcpy(out->name, val.p, val.len);
        out->name[val.len] = '\0';
        return 0;
    }
    if (span_eq(key, "skip")) {
        size_t i = 0;
        while (i <= val.len) {
            const char *c = memchr(val.p + i, ',', val.len - i);
            size_t e = c ? (size_t)(c - val.p) : val.len;
            span id = trim((span){val.p + i, e - i});
            certfit_rule r = certfit_rule_from_id(id.p, id.len);
            if (r == CERTFIT_RULE_COUNT)
                return perr(err, ln, "skip: unknown rule '%.*s'", id);
            out->severity[r] = CERTFIT_SEV_OFF;
            i = e + 1;
        }
        return 0;
    }
    if (key.len > 9 && memcmp(key.p, "severity.", 9) == 0) {
        span id = {key.p + 9, key.len - 9};
        certfit_rule r = certfit_rule_from_id(id.p, id.len);
        if (r == CERTFIT_RULE_COUNT)
            return perr(err, ln, "unknown rule '%.*s'", id);
        static const char *const sev[] = {"off", "notice", "warning", "error"};
        for (unsigned s = 0; s < 4; s++) {
            if (span_eq(val, sev[s])) {
                out->severity[r] = (uint8_t)s;
                return 0;
            }
        }
        return perr(err, ln, "severity must be error, warning, notice or off, not '%.*s'", val);
    }
    for (size_t i = 0; i < N_KEYS; i++) {
        if (!span_eq(key, k_keys[i].key))
            continue;
        uint8_t *f = (uint8_t *)out + k_keys[i].off;
        uint32_t u;
        switch (k_keys[i].k) {
        case K_U32:
        case K_U16:
        case K_U8:
            if (!parse_u32(val, k_keys[i].max, &u))
                return perr(err, ln, "'%.*s' is not a whole number in range", val);
            if (k_keys[i].k == K_U32) {
                memcpy(f, &u, sizeof(u));
            } else if (k_keys[i].k == K_U16) {
                uint16_t v16 = (uint16_t)u;
                memcpy(f, &v16, sizeof(v16));
            } else {
                *f = (uint8_t)u;
            }
            return 0;
        case K_BOOL:
            if (span_eq(val, "true") || span_eq(val, "yes") || span_eq(val, "1"))
                *(bool *)(void *)f = true;
            else if (span_eq(val, "false") || span_eq(val, "no") || span_eq(val, "0"))
                *(bool *)(void *)f = false;
            else
                return perr(err, ln, "'%.*s' is not true or false", val);
            return 0;
        default: {
            uint16_t mask = 0;
            size_t j = 0;
            while (val.len > 0 && j <= val.len) {
                const char *c = memchr(val.p + j, ',', val.len - j);
                size_t e = c ? (size_t)(c - val.p) : val.len;
                span nm = trim((span){val.p + j, e - j});
                unsigned b = 0;
                for (; b < set_count(k_keys[i].k); b++) {
                    const char *s = set_name(k_keys[i].k, b);
                    if (s != NULL && span_eq(nm, s))
                        break;
                }
                if (b == set_count(k_keys[i].k))
                    return perr(err, ln, "unknown name '%.*s' in list", nm);
                mask = (uint16_t)(mask | (1u << b));
                j = e + 1;
            }
            memcpy(f, &mask, sizeof(mask));
            return 0;
        }
        }
    }
    return perr(err, ln, "unknown key '%.*s'", key);
}

int certfit_policy_parse(const char *text, size_t len, certfit_profile *out,
                         certfit_policy_error *err)
{
    return certfit_policy_parse_from(&certfit_profile_nrf91, text, len, out, err);
}

int certfit_policy_parse_from(const certfit_profile *start, const char *text, size_t len,
                              certfit_profile *out, certfit_policy_error *err)
{
    size_t pos = 0;
    uint32_t ln = 0, base_line = 0;
    size_t blen = 0;
    while (blen < sizeof(start->name) && start->name[blen] != '\0')
        blen++;
    span line, key, val, base = {start->name, blen};
    if (err != NULL) {
        err->line = 0;
        err->message[0] = '\0';
    }
    while (next_line(text, len, &pos, &line)) {
        ln++;
        if (line.len == 0)
            continue;
        if (split(line, &key, &val) != 0)
            return perr(err, ln, "expected 'key = value', got '%.*s'", line);
        if (span_eq(key, "base")) {
            if (base_line != 0)
                return perr(err, ln, "a second 'base' line ('%.*s')", val);
            base_line = ln;
            base = val;
        }
    }
    char name[CERTFIT_PROFILE_NAME_SIZE] = "";
    if (base.len < sizeof(name)) {
        memcpy(name, base.p, base.len);
        name[base.len] = '\0';
    }
    if (base_line == 0) {
        *out = *start;
    } else if (base.len >= sizeof(name) || certfit_profile_get(name, out) != 0) {
        perr(err, base_line, "unknown profile '%.*s'", base);
        return CERTFIT_ERR_UNKNOWN_PROFILE;
    }
    snprintf(out->name, sizeof(out->name), "%.24s+policy", name);
    pos = 0;
    ln = 0;
    while (next_line(text, len, &pos, &line)) {
        ln++;
        if (line.len == 0)
            continue;
        if (split(line, &key, &val) != 0)
            return perr(err, ln, "expected 'key = value', got '%.*s'", line);
        if (span_eq(key, "base"))
            continue;
        int rc = apply(out, ln, key, val, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}
