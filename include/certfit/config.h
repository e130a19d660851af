/**
 * \file config.h
 * \brief Build-time options of libcertfit.
 *
 * Every option defaults to the full library, which is what the host build
 * (CLI, JSON, SARIF, tests) uses. A device build turns off what only
 * serves display: the Zephyr module (firmware/CMakeLists.txt, from Kconfig)
 * and the Cortex-M33 images (firmware/tests/CMakeLists.txt,
 * scripts/footprint.sh) define them as 0 for the library *and* for every
 * file that includes its headers, since CERTFIT_CONFIG_FINDING_TEXT changes
 * the size of certfit_finding.
 *
 * Define an option on the compiler command line, or name a header that
 * defines them in CERTFIT_CONFIG_FILE (e.g. -DCERTFIT_CONFIG_FILE=\"my_certfit.h\").
 */
#ifndef CERTFIT_CONFIG_H
#define CERTFIT_CONFIG_H

#ifdef CERTFIT_CONFIG_FILE
#include CERTFIT_CONFIG_FILE
#endif

/**
 * \brief 1 (default): findings carry a text: the certificate's name (CN or
 *        RFC 4514 subject) for ca-slot-bundle, root-in-chain and
 *        chain-duplicate, the algorithm, curve or OID name, the host name,
 *        the PEM label. 0: certfit_finding.text is one byte, always "", and
 *        the name formatting (certfit_name_format() and its tables) is not
 *        reached by certfit_check(): findings are numbers only (rule,
 *        certificate index, value, limit, extra, detail), which is all the
 *        device's log line needs (docs/firmware.md). The rules and their
 *        verdicts are the same either way.
 */
#ifndef CERTFIT_CONFIG_FINDING_TEXT
#define CERTFIT_CONFIG_FINDING_TEXT 1
#endif

/**
 * \brief 1 (default): certfit_check() evaluates hostname-mismatch when
 *        certfit_check_opts.host is set (RFC 6125 matching against the
 *        subjectAltName, IPv4/IPv6 literals). 0: that code is left out; a
 *        check that names a host returns CERTFIT_ERR_UNSUPPORTED rather
 *        than skip the rule silently.
 */
#ifndef CERTFIT_CONFIG_HOSTNAME
#define CERTFIT_CONFIG_HOSTNAME 1
#endif

/**
 * \brief 0 (default): certfit_check() keeps its state (the current and the
 *        previous certfit_cert, the finding being built) on the stack.
 *        1: at the front of the caller's work buffer, which grows by
 *        CERTFIT_CHECK_STATE_SIZE (check.h; CERTFIT_GUARD_WORK_SIZE and its
 *        relatives include it), so that the hook's stack stays within 1 KiB
 *        on a Cortex-M33. A DER item then needs a work buffer too.
 */
#ifndef CERTFIT_CONFIG_STATE_IN_WORK
#define CERTFIT_CONFIG_STATE_IN_WORK 0
#endif

/**
 * \brief 1 (default): base64 is decoded through a 256-byte table, whole
 *        4-character groups at a time (the bulk of the host's time on large
 *        bundles). 0: byte by byte with the alphabet computed: the same
 *        output and the same errors at the same offsets, about 0.4 KB less
 *        flash, slower per byte (nothing on a 4 KB credential).
 */
#ifndef CERTFIT_CONFIG_FAST_BASE64
#define CERTFIT_CONFIG_FAST_BASE64 1
#endif

/**
 * \brief 1 (default): findings, certificate events and item errors carry
 *        the 1-based line of the text they point at. 0: line numbers are not
 *        counted and every line field is 0 ("unknown"): the device's log
 *        line names the rule, the certificate and the numbers, not a line
 *        of a string literal. Offsets are still reported; the rules and
 *        their verdicts are the same either way.
 */
#ifndef CERTFIT_CONFIG_LINES
#define CERTFIT_CONFIG_LINES 1
#endif

/**
 * \brief 1 (default): certfit_check() takes DER items as well as PEM, and
 *        the hook accepts a DER credential. 0: PEM only, which is all the
 *        modem's %CMNG takes: a DER item gives CERTFIT_ERR_UNSUPPORTED and
 *        the hook reads every credential as PEM text (a DER blob has no
 *        BEGIN line: CERTFIT_ERR_NO_CERTIFICATE).
 */
#ifndef CERTFIT_CONFIG_DER_INPUT
#define CERTFIT_CONFIG_DER_INPUT 1
#endif

#endif /* CERTFIT_CONFIG_H */
