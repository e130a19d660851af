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
 * Two options shape what callers see: CERTFIT_CONFIG_FINDING_TEXT (the size
 * of certfit_finding, and so of certfit_result and certfit_guard_verdict)
 * and CERTFIT_CONFIG_STATE_IN_WORK (CERTFIT_CHECK_STATE_SIZE, part of every
 * work-buffer size macro). A CMake build bakes their values into the
 * generated certfit/build_config.h that it installs with these headers;
 * then they follow the library, and a compile that defines either with
 * another value stops with an #error instead of handing the library a
 * struct of the wrong size (docs/abi.md). The other options only change
 * the library's own code.
 *
 * Built from source together with its caller (no generated header), define
 * an option on the compiler command line, or name a header that defines
 * them in CERTFIT_CONFIG_FILE (e.g. -DCERTFIT_CONFIG_FILE=\"my_certfit.h\").
 */
#ifndef CERTFIT_CONFIG_H
#define CERTFIT_CONFIG_H

#include <certfit/build_config.h>

#ifdef CERTFIT_CONFIG_FILE
#include CERTFIT_CONFIG_FILE
#endif

#ifdef CERTFIT_BUILT_FINDING_TEXT
#if defined(CERTFIT_CONFIG_FINDING_TEXT) && (CERTFIT_CONFIG_FINDING_TEXT) != CERTFIT_BUILT_FINDING_TEXT
#if CERTFIT_BUILT_FINDING_TEXT
#error "CERTFIT_CONFIG_FINDING_TEXT conflicts with libcertfit, built with CERTFIT_CONFIG_FINDING_TEXT=1: it would change sizeof(certfit_finding); remove the definition (docs/abi.md)"
#else
#error "CERTFIT_CONFIG_FINDING_TEXT conflicts with libcertfit, built with CERTFIT_CONFIG_FINDING_TEXT=0: it would change sizeof(certfit_finding); remove the definition (docs/abi.md)"
#endif
#endif
#undef CERTFIT_CONFIG_FINDING_TEXT
#define CERTFIT_CONFIG_FINDING_TEXT CERTFIT_BUILT_FINDING_TEXT
#endif

#ifdef CERTFIT_BUILT_STATE_IN_WORK
#if defined(CERTFIT_CONFIG_STATE_IN_WORK) && (CERTFIT_CONFIG_STATE_IN_WORK) != CERTFIT_BUILT_STATE_IN_WORK
#if CERTFIT_BUILT_STATE_IN_WORK
#error "CERTFIT_CONFIG_STATE_IN_WORK conflicts with libcertfit, built with CERTFIT_CONFIG_STATE_IN_WORK=1: it would change CERTFIT_CHECK_STATE_SIZE; remove the definition (docs/abi.md)"
#else
#error "CERTFIT_CONFIG_STATE_IN_WORK conflicts with libcertfit, built with CERTFIT_CONFIG_STATE_IN_WORK=0: it would change CERTFIT_CHECK_STATE_SIZE; remove the definition (docs/abi.md)"
#endif
#endif
#undef CERTFIT_CONFIG_STATE_IN_WORK
#define CERTFIT_CONFIG_STATE_IN_WORK CERTFIT_BUILT_STATE_IN_WORK
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

/**
 * \brief 0 (default): certfit_check() decodes each certificate's base64
 *        into the work buffer and scans the DER there (lib/cert.c,
 *        certfit_cert_scan()), keeping the current certificate and the one
 *        before it. 1: it decodes as it reads and scans forward only
 *        (lib/cert.c, the streaming scanner), keeping of each certificate
 *        what the rules read: numbers, names and key identifiers as length
 *        plus a 64-bit hash, and the hash duplicates are found by. The
 *        work buffer is then the state and the duplicate table, whatever
 *        the certificates' sizes (docs/firmware.md). Findings, sizes and errors
 *        are the same (tests/stream_equiv); names compare by hash, which
 *        guards against mistakes, not against an adversary who forges a
 *        colliding name. Needs CERTFIT_CONFIG_HYGIENE 0 and a build without
 *        signatures or the mbedtls-parse rule (both read the DER); the
 *        certificate event then carries no certfit_cert and no DER bytes.
 */
#ifndef CERTFIT_CONFIG_STREAM
#define CERTFIT_CONFIG_STREAM 0
#endif

/**
 * \brief 1 (default): the library holds the ids and messages of the rules
 *        only host code reports (rules.def scope HOST: the trust path,
 *        the probe's handshake rules, Mbed TLS's parser). 0: a device build,
 *        which runs none of them: their ids are not linked
 *        (certfit_rule_id() returns NULL for them, as for the hygiene rules
 *        without CERTFIT_CONFIG_HYGIENE and hostname-mismatch without
 *        CERTFIT_CONFIG_HOSTNAME), and certfit_check_handshake() returns
 *        CERTFIT_ERR_UNSUPPORTED. The rules and verdicts of certfit_check()
 *        are the same either way.
 */
#ifndef CERTFIT_CONFIG_HOST_RULES
#define CERTFIT_CONFIG_HOST_RULES 1
#endif

#endif /* CERTFIT_CONFIG_H */
