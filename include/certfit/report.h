/**
 * \file report.h
 * \brief Turning findings into text for people. certfit_finding_message()
 *        is in the library's core (the device's log line uses it too);
 *        certfit_finding_fix() is host side.
 */
#ifndef CERTFIT_REPORT_H
#define CERTFIT_REPORT_H

#include "check.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief Write the message of a finding: what was measured and the limit,
 *        e.g. "credential is 5278 bytes; the limit is 4096 (1182 over)",
 *        from the rule table's message rows (rules.def). Built without
 *        CERTFIT_CONFIG_FINDING_TEXT, the finding's numbers instead, e.g.
 *        "value=5278 limit=4096" (lib/message.c, docs/firmware.md).
 * \return the length written (truncated to size - 1), like snprintf
 */
CERTFIT_API size_t certfit_finding_message(const certfit_finding *f, char *out, size_t size);

/**
 * \brief Write the specific fix of a finding, e.g. "keep only ISRG Root X1
 *        in the CA slot: 1939 bytes instead of 5278".
 * \return the length written (truncated to size - 1)
 */
CERTFIT_API size_t certfit_finding_fix(const certfit_finding *f, char *out, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_REPORT_H */
