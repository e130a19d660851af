/*
 * The embedded hook (docs/design.md section 9): certfit_check() with the options
 * a device has, folded into a fixed-size verdict. No rule logic lives here:
 * what fails is decided by the rule table and the profile, as on the host.
 */
#include <string.h>

#include "certfit/guard.h"
#include "certfit/input.h"
#include "certfit/profile_objects.h"
#include "hygiene_internal.h"
#include "rules_internal.h"

#ifndef CERTFIT_WITH_SIGNATURES
#define CERTFIT_WITH_SIGNATURES 0
#endif

void certfit_guard_opts_init(certfit_guard_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->role = CERTFIT_ROLE_CA;
    o->unset_clock = CERTFIT_GUARD_UNSET_CLOCK_PROFILE;
    o->fail_on = CERTFIT_SEV_ERROR;
    o->verify_signatures = CERTFIT_WITH_SIGNATURES != 0;
    o->sec_tag = CERTFIT_SEC_TAG_MAX;
}

bool certfit_guard_is_size_rule(certfit_rule rule)
{
    return certfit_rules_has(certfit_rules_size_mask(), rule);
}

static bool fails(const certfit_result *res, certfit_severity fail_on)
{
    if (fail_on == CERTFIT_SEV_OFF)
        return false;
    for (unsigned s = (unsigned)fail_on; s <= (unsigned)CERTFIT_SEV_ERROR; s++) {
        if (res->counts[s] > 0)
            return true;
    }
    return false;
}

int certfit_guard_check(const void *cred, size_t len, const certfit_guard_opts *opts, uint8_t *work,
                        size_t work_size, certfit_guard_verdict *verdict)
{
    if (verdict == NULL)
        return CERTFIT_ERR_INVALID_ARG;
    memset(verdict, 0, sizeof(*verdict));
    verdict->rule = CERTFIT_RULE_COUNT;
    verdict->cert = CERTFIT_NO_CERT;
    if (opts == NULL || (cred == NULL && len > 0) ||
        (unsigned)opts->fail_on > (unsigned)CERTFIT_SEV_ERROR)
        return verdict->error = CERTFIT_ERR_INVALID_ARG;

    /* the check's options: what certfit_check_opts_init() sets, all from opts */
    bool apply = opts->clock_set || opts->unset_clock == CERTFIT_GUARD_UNSET_CLOCK_APPLY;
    certfit_check_opts co = {
        .profile = opts->profile != NULL ? opts->profile : &certfit_profile_nrf91,
        .role = opts->role,
        .now = opts->now,
        .clock_set = apply,
        .host = opts->host,
        .sec_tag = opts->sec_tag,
        .cred_type = opts->cred_type,
        .verify_signatures = opts->verify_signatures,
        .skip = opts->skip | CERTFIT_HYGIENE_RULES |
                (!apply && opts->unset_clock == CERTFIT_GUARD_UNSET_CLOCK_SKIP
                     ? certfit_rules_clock_mask()
                     : 0),
    };

    /* What firmware holds is PEM text; DER is accepted as well, except in
     * a PEM-only build (config.h: the modem's %CMNG takes PEM) */
    certfit_item item = {
        .format = CERTFIT_CONFIG_DER_INPUT && certfit_input_detect(cred, len) == CERTFIT_FORMAT_DER
                      ? CERTFIT_FORMAT_DER
                      : CERTFIT_FORMAT_PEM,
        .text = {(const uint8_t *)cred, len},
        .first_line = 1,
        .lines_known = true,
    };

    certfit_sink sink = {NULL, opts->on_finding, opts->ctx};
    certfit_result *res = &verdict->check;
    int rc = certfit_check(&item, &co, work, work_size, &sink, res);

    verdict->error = rc;
    if (res->has_first) {
        verdict->rule = res->first.rule;
        verdict->severity = res->first.severity;
        verdict->cert = res->first.cert;
        verdict->value = res->first.value;
        verdict->limit = res->first.limit;
    }
    /* certfit_check() sized the item while checking it (alignment slack
     * included): no second pass */
    verdict->work_needed = res->work_needed;
    verdict->pass = rc == 0 && !fails(res, opts->fail_on);
    return rc;
}
