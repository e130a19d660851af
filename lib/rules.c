/* The rule table (rules.def) as data: ids, severities, roles, and the
 * clock and size columns (as masks, rules_internal.h). The long texts,
 * categories, limits, zlint names and detail codes live in rules_text.c
 * so that firmware links only what it uses (lib/profile.c reads the limit
 * column as a switch). */
#include <string.h>

#include "certfit/rules.h"
#include "rules_internal.h"

/* One byte per rule: severity (bits 0-3), roles (4-7). */
#define SEV_ROLES(sev, roles) (uint8_t)(CERTFIT_SEV_##sev | CERTFIT_ROLE_##roles << 4)

static const char *const k_ids[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, zlint, summary, why, cite, \
                         fix)                                                                      \
    id,
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

static const uint8_t k_sev_roles[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, zlint, summary, why, cite, \
                         fix)                                                                      \
    SEV_ROLES(sev, roles),
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

const char *certfit_rule_id(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? k_ids[rule] : NULL;
}

certfit_severity certfit_rule_default_severity(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? (certfit_severity)(k_sev_roles[rule] & 0x0f)
                                               : CERTFIT_SEV_OFF;
}

unsigned certfit_rule_roles(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? (unsigned)(k_sev_roles[rule] >> 4) : 0u;
}

bool certfit_rule_reads_clock(certfit_rule rule)
{
    return certfit_rules_has(certfit_rules_clock_mask(), rule);
}

uint64_t certfit_rule_clock_mask(void)
{
    return certfit_rules_clock_mask();
}

bool certfit_rule_is_size(certfit_rule rule)
{
    return certfit_rules_has(certfit_rules_size_mask(), rule);
}

bool certfit_rule_is_hard_limit(certfit_rule rule)
{
    return certfit_rules_has(certfit_rules_hard_mask(), rule);
}

certfit_rule certfit_rule_from_id(const char *id, size_t len)
{
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++)
        if (strlen(k_ids[i]) == len && memcmp(k_ids[i], id, len) == 0)
            return (certfit_rule)i;
    return CERTFIT_RULE_COUNT;
}

const char *certfit_severity_name(certfit_severity sev)
{
    switch (sev) {
    case CERTFIT_SEV_ERROR:
        return "error";
    case CERTFIT_SEV_WARNING:
        return "warning";
    case CERTFIT_SEV_NOTICE:
        return "notice";
    default:
        return "off";
    }
}
