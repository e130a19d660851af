/* The rule table (rules.def) as data: ids, severities, roles. The long texts
 * live in rules_text.c so that firmware links only what it uses. */
#include <string.h>

#include "certfit/rules.h"

#define ERROR CERTFIT_SEV_ERROR
#define WARNING CERTFIT_SEV_WARNING
#define NOTICE CERTFIT_SEV_NOTICE
#define CA CERTFIT_ROLE_CA
#define SERVER CERTFIT_ROLE_SERVER
#define BOTH CERTFIT_ROLE_BOTH

static const char *const k_ids[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, summary, why, cite, fix) id,
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

static const uint8_t k_sev_roles[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, summary, why, cite, fix) (uint8_t)((sev) | (roles) << 4),
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
