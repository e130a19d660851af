/* Long texts of the rule table, for the CLI, SARIF and docs. */
#include "certfit/rules.h"

static const certfit_rule_text k_text[CERTFIT_RULE_COUNT] = {
#define CERTFIT_RULE_ROW(name, id, sev, roles, summary, why, cite, fix) {id, summary, why, cite, fix},
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
};

const certfit_rule_text *certfit_rule_text_of(certfit_rule rule)
{
    return (unsigned)rule < CERTFIT_RULE_COUNT ? &k_text[rule] : NULL;
}
