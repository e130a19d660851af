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

/* The ids of the rules this build can report (certfit_rules_built_mask():
 * a device build leaves out the host, hygiene and hostname rules;
 * CERTFIT_RULE_SCOPE_*, rules_internal.h). */
#define ID_IF_1(id)    id
#define ID_IF_0(id)    NULL
#define ID_IF_(on, id) ID_IF_##on(id)
#define ID_IF(on, id)  ID_IF_(on, id)
#if CERTFIT_CONFIG_HOST_RULES
/* the host: a table, for the reports that name the rule of every finding */
static const char *const k_ids[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    ID_IF(CERTFIT_RULE_SCOPE_##scope, id),
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};
#else
/* the device: one string, each id ending in its NUL (an empty one for a
 * rule not built), in table order, and no table of pointers:
 * certfit_rule_id() walks it, once a log line. 146 B of device flash less
 * than the host's table with the device's ids (scripts/footprint.sh,
 * module: 11,835 B against 11,981 B). */
#define ID_STR_1(id)    id "\0"
#define ID_STR_0(id)    "\0"
#define ID_STR_(on, id) ID_STR_##on(id)
#define ID_STR(on, id)  ID_STR_(on, id)
static const char k_ids[] =
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    ID_STR(CERTFIT_RULE_SCOPE_##scope, id)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
    ;
#endif

static const uint8_t k_sev_roles[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    SEV_ROLES(sev, roles),
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

const char *certfit_rule_id(certfit_rule rule)
{
    if ((unsigned)rule >= CERTFIT_RULE_COUNT)
        return NULL;
#if CERTFIT_CONFIG_HOST_RULES
    return k_ids[rule];
#else
    const char *id = k_ids;
    for (unsigned i = 0; i < (unsigned)rule; i++)
        while (*id++ != '\0')
            ;
    return *id != '\0' ? id : NULL;
#endif
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
    for (unsigned i = 0; i < CERTFIT_RULE_COUNT; i++) {
        const char *r = certfit_rule_id((certfit_rule)i);
        if (r != NULL && strlen(r) == len && memcmp(r, id, len) == 0)
            return (certfit_rule)i;
    }
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
