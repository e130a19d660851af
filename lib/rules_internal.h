/* The rule table's clock and size columns as constant bit masks (bit r:
 * rule r), folded by the compiler: the device tests a bit instead of
 * reading a table. */
#ifndef CERTFIT_RULES_INTERNAL_H
#define CERTFIT_RULES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "certfit/config.h"
#include "certfit/rules.h"

#define CERTFIT_RULE_CLOCK_CLOCK    1
#define CERTFIT_RULE_CLOCK_NO_CLOCK 0
#define CERTFIT_RULE_SIZE_HARD_SIZE 3
#define CERTFIT_RULE_SIZE_SIZE      1
#define CERTFIT_RULE_SIZE_NO_SIZE   0

#define CERTFIT_RULE_BIT_(name, on) | ((on) ? (uint64_t)1 << CERTFIT_RULE_##name : 0)

/* the rules whose clock column is CLOCK */
static inline uint64_t certfit_rules_clock_mask(void)
{
    return 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    CERTFIT_RULE_BIT_(name, CERTFIT_RULE_CLOCK_##clock)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
        ;
}

/* the rules whose size column is SIZE or HARD_SIZE */
static inline uint64_t certfit_rules_size_mask(void)
{
    return 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    CERTFIT_RULE_BIT_(name, CERTFIT_RULE_SIZE_##size & 1)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
        ;
}

/* the rules whose size column is HARD_SIZE */
static inline uint64_t certfit_rules_hard_mask(void)
{
    return 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    CERTFIT_RULE_BIT_(name, CERTFIT_RULE_SIZE_##size == 3)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
        ;
}

/* The rules this build can report (rules.def's scope column against the
 * configuration, include/certfit/config.h): the ids and messages of the
 * others are not built. */
#ifndef CERTFIT_CONFIG_HYGIENE
#define CERTFIT_CONFIG_HYGIENE 1
#endif
#define CERTFIT_RULE_SCOPE_DEVICE   1
#define CERTFIT_RULE_SCOPE_HOSTNAME CERTFIT_CONFIG_HOSTNAME
#define CERTFIT_RULE_SCOPE_HYGIENE  CERTFIT_CONFIG_HYGIENE
#define CERTFIT_RULE_SCOPE_HOST     CERTFIT_CONFIG_HOST_RULES

static inline uint64_t certfit_rules_built_mask(void)
{
    return 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    CERTFIT_RULE_BIT_(name, CERTFIT_RULE_SCOPE_##scope)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
        ;
}

/* The rules whose scope is HYGIENE (lib/hygiene.c) */
#define CERTFIT_RULE_HYGIENE_DEVICE   0
#define CERTFIT_RULE_HYGIENE_HOSTNAME 0
#define CERTFIT_RULE_HYGIENE_HYGIENE  1
#define CERTFIT_RULE_HYGIENE_HOST     0
static inline uint64_t certfit_rules_hygiene_mask(void)
{
    return 0
#define CERTFIT_RULE_ROW(name, id, sev, roles, cat, limit, clock, size, scope, zlint, summary,     \
                         why, cite, fix)                                                           \
    CERTFIT_RULE_BIT_(name, CERTFIT_RULE_HYGIENE_##scope)
#include "certfit/rules.def"
#undef CERTFIT_RULE_ROW
        ;
}

/* Bit r of mask, read as two 32-bit words (a 64-bit shift costs the device
 * a libgcc call). */
static inline bool certfit_rules_has(uint64_t mask, certfit_rule r)
{
    uint32_t word = (unsigned)r < 32 ? (uint32_t)mask : (uint32_t)(mask >> 32);
    return (unsigned)r < 64 && (word >> ((unsigned)r & 31u) & 1u) != 0;
}

#endif /* CERTFIT_RULES_INTERNAL_H */
