/*
 * RFC 5280 / CA/Browser Forum hygiene of one certificate (docs/design.md section
 * 13): the checks zlint also makes that matter for device and broker
 * certificates. Internal to the library; lib/check.c calls it per
 * certificate. A device build leaves it out (CERTFIT_CONFIG_HYGIENE 0,
 * cmake/device_config.cmake): the rules stay in the table, nothing fires.
 */
#ifndef CERTFIT_HYGIENE_INTERNAL_H
#define CERTFIT_HYGIENE_INTERNAL_H

#include <stdbool.h>

#include "certfit/cert.h"
#include "certfit/rules.h"
#include "rules_internal.h"

#ifndef CERTFIT_CONFIG_HYGIENE
#define CERTFIT_CONFIG_HYGIENE 1
#endif

/* The hygiene rules (rules.def scope HYGIENE) as certfit_check_opts.skip
 * bits. The embedded hook (guard.c) skips them on every build, so that it
 * decides the same on the host as on the device. */
#define CERTFIT_HYGIENE_RULES certfit_rules_hygiene_mask()

/* One hygiene finding: the rule, a rule-specific detail code (report.c
 * words it) and a measured figure. */
typedef void (*certfit_hygiene_report)(void *ctx, certfit_rule rule, uint32_t detail,
                                       uint64_t value);

/*
 * The hygiene rules on certificate c.
 *   self_signed  issuer == subject and the signature verifies with its own
 *                key (with signatures off: issuer == subject)
 *   server_leaf  the first certificate of a served chain (--role server)
 */
void certfit_hygiene_cert(const certfit_cert *c, bool self_signed, bool server_leaf,
                          certfit_hygiene_report report, void *ctx);

#endif /* CERTFIT_HYGIENE_INTERNAL_H */
