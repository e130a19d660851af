/* The host-side columns of the rule table: long texts, categories, limit
 * names, zlint names and detail codes, for the CLI, SARIF and docs. */
#include "certfit/rules.h"

static const certfit_rule_text k_text[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    {id, summary, why, cite, fix},
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

static const uint8_t k_category[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    CERTFIT_CATEGORY_##cat,
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

static const uint8_t k_limits[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    CERTFIT_LIMIT_##limit,
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

static const char *const k_zlint[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)                                                                      \
    zlint,
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

/* every detail row, in table order (so grouped by rule) */
static const certfit_rule_detail_text k_details[] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary, why, cite, \
                         fix)
#define CERTFIT_RULE_DETAIL(rule, code, value, meaning)                                            \
    {CERTFIT_RULE_##rule, (value), "CERTFIT_DETAIL_" #rule "_" #code, meaning},
#define CERTFIT_RULE_DETAIL_TYPE(rule, type, meaning) {CERTFIT_RULE_##rule, -1, #type, meaning},
#include "certfit/rules.def"
#undef CERTFIT_RULE_DETAIL_TYPE
#undef CERTFIT_RULE_DETAIL
#undef CERTFIT_RULE_ROW
};

static const char *const k_category_names[] = {"size", "key",      "trust",
                                               "time", "encoding", "handshake"};

#define CERTFIT_LIMIT_NAME_(name, key) key,
static const char *const k_limit_names[CERTFIT_LIMIT_COUNT] = {
    CERTFIT_LIMIT_ROWS(CERTFIT_LIMIT_NAME_)};
#undef CERTFIT_LIMIT_NAME_

const certfit_rule_text *certfit_rule_text_of(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? &k_text[rule] : NULL;
}

certfit_rule_category certfit_rule_category_of(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? (certfit_rule_category)k_category[rule]
                                               : CERTFIT_CATEGORY_SIZE;
}

const char *certfit_rule_category_name(certfit_rule_category c)
{
    return (unsigned)c < sizeof(k_category_names) / sizeof(k_category_names[0])
               ? k_category_names[c]
               : NULL;
}

certfit_rule_limit certfit_rule_limit_of(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? (certfit_rule_limit)k_limits[rule]
                                               : CERTFIT_LIMIT_NONE;
}

const char *certfit_rule_limit_name(certfit_rule_limit l)
{
    return (unsigned)l < CERTFIT_LIMIT_COUNT ? k_limit_names[l] : NULL;
}

const char *certfit_rule_zlint(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? k_zlint[rule] : NULL;
}

const certfit_rule_detail_text *certfit_rule_detail_at(certfit_rule rule, size_t i)
{
    for (size_t k = 0; k < sizeof(k_details) / sizeof(k_details[0]); k++) {
        if (k_details[k].rule == rule && i-- == 0)
            return &k_details[k];
    }
    return NULL;
}
