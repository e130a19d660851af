/*
 * Findings as text for people: the measured value and the limit, and the
 * specific fix. Host only; the embedded hook reports the numbers and leaves
 * the words to the log line.
 */
#include <stdarg.h>
#include <string.h>

#include "certfit/report.h"
#include "report_internal.h"
#ifndef CERTFIT_WITH_MBEDTLS_PARSE
#define CERTFIT_WITH_MBEDTLS_PARSE 0
#endif
#if CERTFIT_WITH_MBEDTLS_PARSE
#include <mbedtls/error.h>
#include <mbedtls/version.h>
#define MBEDTLS_VERSION_TEXT " " MBEDTLS_VERSION_STRING
#else
#define MBEDTLS_VERSION_TEXT ""
#endif


/* Append n bytes at *at: the part that fits before the last byte of
 * size; *at counts them all, as snprintf() does. */
static void append(char *o, size_t size, size_t *at, const char *s, size_t n)
{
    if (*at + 1 < size) {
        size_t k = size - 1 - *at;
        memcpy(o + *at, s, n < k ? n : k);
    }
    *at += n;
}

/* Decimal text of v, minus sign first when neg, ending at end. */
static const char *decimal(char *end, unsigned long long v, bool neg)
{
    char *p = end;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (neg)
        *--p = '-';
    return p;
}

/* certfit_report_fmt() with its arguments in ap. The JSON report formats
 * a message and a fix for every finding, and snprintf() would be most of
 * its time: this does the few conversions the texts use. */
static int vfmt(char *o, size_t size, const char *f, va_list ap)
{
    size_t at = 0;
    while (*f != '\0') {
        const char *pct = strchr(f, '%');
        size_t lit = pct != NULL ? (size_t)(pct - f) : strlen(f);
        append(o, size, &at, f, lit);
        if (pct == NULL)
            break;
        f = pct + 1;
        char num[24], *end = num + sizeof(num);
        const char *s;
        if (*f == 's') {
            s = va_arg(ap, const char *);
            if (s == NULL)
                s = "(null)"; /* as glibc prints it */
            append(o, size, &at, s, strlen(s));
            f++;
            continue;
        }
        if (*f == '%') {
            append(o, size, &at, "%", 1);
            f++;
            continue;
        }
        if (*f == 'd') {
            int v = va_arg(ap, int);
            s = decimal(end, v < 0 ? 0u - (unsigned)v : (unsigned)v, v < 0);
            f++;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'd') {
            long long v = va_arg(ap, long long);
            s = decimal(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
            f += 3;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'u') {
            s = decimal(end, va_arg(ap, unsigned long long), false);
            f += 3;
        } else if (f[0] == 'z' && f[1] == 'u') {
            s = decimal(end, va_arg(ap, size_t), false);
            f += 2;
        } else {
            /* not one of ours: the rest as it stands, no argument read */
            append(o, size, &at, pct, strlen(pct));
            break;
        }
        append(o, size, &at, s, (size_t)(end - s));
    }
    if (size > 0)
        o[at < size ? at : size - 1] = '\0';
    return at > 0x7fffffff ? -1 : (int)at;
}

int certfit_report_fmt(char *o, size_t size, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vfmt(o, size, f, ap);
    va_end(ap);
    return n;
}

/* the texts below call it fmt */
#define fmt certfit_report_fmt

static const char *size_figure(uint32_t detail)
{
    switch (detail) {
    case CERTFIT_DETAIL_SIZE_HEADROOM_CREDENTIAL:
        return "credential";
    case CERTFIT_DETAIL_SIZE_HEADROOM_READBACK:
        return "%CMNG read response";
    case CERTFIT_DETAIL_SIZE_HEADROOM_CHAIN:
        return "TLS 1.2 Certificate message";
    default:
        return "size";
    }
}

static size_t out(size_t size, int n)
{
    if (n < 0)
        return 0;
    return (size_t)n >= size ? (size > 0 ? size - 1 : 0) : (size_t)n;
}

size_t certfit_finding_message(const certfit_finding *f, char *o, size_t size)
{
    char t[21];
    unsigned long long v = f->value, l = f->limit;
    int n;
    switch (f->rule) {
    case CERTFIT_RULE_CREDENTIAL_SIZE:
        n = fmt(o, size, "credential is %llu bytes; the limit is %llu (%llu over)", v, l, v - l);
        break;
    case CERTFIT_RULE_CREDENTIAL_READBACK:
        n = fmt(o, size,
                "%%CMNG read response would be %llu bytes; modem_key_mgmt's buffer is %llu "
                "(%llu over)",
                v, l, v - l);
        break;
    case CERTFIT_RULE_CHAIN_SIZE:
        n = fmt(o, size, "TLS 1.2 Certificate message is %llu bytes; the limit is %llu (%llu over)",
                v, l, v - l);
        break;
    case CERTFIT_RULE_SIZE_HEADROOM:
        n = fmt(o, size, "%s is %llu bytes: within %lld%% of the %llu-byte limit (%llu left)",
                size_figure(f->detail), v, (long long)f->extra, l, l - v);
        break;
    case CERTFIT_RULE_CHAIN_DEPTH:
        n = fmt(o, size, "%llu certificates; the limit is %llu", v, l);
        break;
    case CERTFIT_RULE_CA_SLOT_BUNDLE:
        if (f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_SEVERAL)
            n = fmt(o, size,
                    "the CA credential holds %lld certificates; only the anchor (certificate "
                    "%d, %s) is needed",
                    (long long)f->extra, (int)f->cert, f->text);
        else if (f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_KEEP)
            n = fmt(o, size,
                    "the CA credential holds %lld certificates; the server's chain needs only "
                    "certificate %d (%s)",
                    (long long)f->extra, (int)f->cert, f->text);
        else if (f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED_ROOTS)
            n = fmt(o, size, "%lld unrelated roots: keep the one the server chains to",
                    (long long)f->extra);
        else if (f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED)
            n = fmt(o, size,
                    "the CA credential holds %lld certificates that are not one chain: keep the "
                    "root the server chains to",
                    (long long)f->extra);
        else
            n = fmt(o, size, "the CA credential's certificate (%s) is not a CA", f->text);
        break;
    case CERTFIT_RULE_ANCHOR_MISSING:
        if (f->detail == CERTFIT_DETAIL_ANCHOR_MISSING_ROOT)
            n = fmt(o, size,
                    "the chain ends at the root %s (certificate %lld), which is not a CA "
                    "credential; they hold %llu other certificate%s",
                    f->text, (long long)f->extra, v, v == 1 ? "" : "s");
        else
            n = fmt(o, size,
                    "no CA credential anchors the chain: it needs %s (the issuer of certificate "
                    "%lld); the CA credentials hold %llu other certificate%s",
                    f->text, (long long)f->extra, v, v == 1 ? "" : "s");
        break;
    case CERTFIT_RULE_CHAIN_INCOMPLETE:
        n = fmt(o, size,
                "certificate %lld is issued by %s, which is neither the next served certificate "
                "(%llu) nor a CA credential: an intermediate is missing",
                (long long)f->extra, f->text, v);
        break;
    case CERTFIT_RULE_ROOT_IN_CHAIN:
        n = fmt(o, size, "the served chain carries its self-signed root (%s): %llu bytes wasted",
                f->text, v);
        break;
    case CERTFIT_RULE_KEY_ALGORITHM:
        if (l != 0)
            n = fmt(o, size, "EC key %s is %llu bits; the profile's largest EC key is %llu",
                    f->text, v, l);
        else
            n = fmt(o, size, "key %s (%llu bits) is not allowed by the profile", f->text, v);
        break;
    case CERTFIT_RULE_RSA_KEY_SIZE:
        n = fmt(o, size, "RSA key is %llu bits; the profile's %s is %llu", v,
                f->detail == CERTFIT_DETAIL_RSA_KEY_SIZE_BELOW_MIN ? "minimum" : "maximum", l);
        break;
    case CERTFIT_RULE_SIGNATURE_ALGORITHM:
        /* RSASSA-PSS names its hash in its parameters: the value */
        n = fmt(o, size, "signed with %s%s%s%s", f->text,
                f->detail == CERTFIT_SIG_RSA_PSS ? " using " : "",
                f->detail != CERTFIT_SIG_RSA_PSS ? ""
                : v != CERTFIT_HASH_NONE         ? certfit_hash_name((certfit_hash)v)
                                                 : "an unknown hash",
                f->severity == CERTFIT_SEV_NOTICE
                    ? " (a self-signed anchor's own signature is not relied on)"
                    : ", which the profile does not allow");
        break;
    case CERTFIT_RULE_SIGNATURE_HASH_STRENGTH:
        n = fmt(o, size, "signed with %s by a %lld-bit EC key, which needs %s or stronger", f->text,
                (long long)f->extra, certfit_hash_name((certfit_hash)l));
        break;
    case CERTFIT_RULE_SELF_SIGNED:
        n = fmt(o, size, "the profile requires a self-signed certificate; %s",
                f->detail == CERTFIT_DETAIL_SELF_SIGNED_BAD_SIGNATURE
                    ? "its self-signature does not verify"
                    : "its issuer is another CA");
        break;
    case CERTFIT_RULE_SELF_SIGNED_SIGNATURE:
        if (f->detail == CERTFIT_DETAIL_SELF_SIGNED_SIGNATURE_SAME_NAME_CA)
            n = fmt(o, size,
                    "issuer equals subject, but another CA with the same name issued it: its "
                    "authorityKeyIdentifier is not its own subjectKeyIdentifier");
        else
            n = fmt(o, size,
                    "issuer equals subject but the signature does not verify with its own key");
        break;
    case CERTFIT_RULE_CHAIN_ORDER:
        n = fmt(o, size, "certificate %d is not issued by certificate %lld (%s)", (int)f->cert,
                (long long)f->extra,
                f->detail == CERTFIT_DETAIL_CHAIN_ORDER_NAMES ? "issuer and subject names differ"
                               : "the signature does not verify");
        break;
    case CERTFIT_RULE_CHAIN_DUPLICATE:
        n = fmt(o, size, "certificate %d (%s) appears earlier in the item: %llu bytes repeated",
                (int)f->cert, f->text, v);
        break;
    case CERTFIT_RULE_CA_BASIC_CONSTRAINTS:
        n = fmt(o, size, "%s without basicConstraints CA:TRUE%s",
                f->detail == CERTFIT_DETAIL_CA_BASIC_CONSTRAINTS_ANCHOR
                    ? "the CA credential's anchor is"
                    : "an issuing certificate is",
                f->detail == CERTFIT_DETAIL_CA_BASIC_CONSTRAINTS_NO_EXTENSION
                    ? " (no basicConstraints extension)"
                    : "");
        break;
    case CERTFIT_RULE_HOSTNAME_MISMATCH:
        n = fmt(o, size, "no subjectAltName entry matches '%s'", f->text);
        break;
    case CERTFIT_RULE_LIFETIME_MIN:
        certfit_time_format(f->extra, t);
        n = fmt(o, size, "valid for %llu days (until %s); the profile requires %llu years", v, t,
                l);
        break;
    case CERTFIT_RULE_EXPIRED:
        certfit_time_format(f->extra, t);
        if (f->detail == CERTFIT_DETAIL_EXPIRED_ANCHOR)
            n = fmt(o, size, "the anchor %s expired %s (%llu days ago)", f->text, t, v);
        else
            n = fmt(o, size, "expired %s (%llu days ago)", t, v);
        break;
    case CERTFIT_RULE_NOT_YET_VALID:
        certfit_time_format(f->extra, t);
        if (f->detail == CERTFIT_DETAIL_NOT_YET_VALID_ANCHOR)
            n = fmt(o, size, "the anchor %s is not valid before %s (%llu days from now)", f->text,
                    t, v);
        else
            n = fmt(o, size, "not valid before %s (%llu days from now)", t, v);
        break;
    case CERTFIT_RULE_EXPIRES_SOON:
        certfit_time_format(f->extra, t);
        n = fmt(o, size, "expires %s, in %llu days (warning window %llu days)", t, v, l);
        break;
    case CERTFIT_RULE_TIME_ENCODING: {
        const char *which =
            (f->detail & CERTFIT_DETAIL_TIME_ENCODING_NOT_AFTER) ? "notAfter" : "notBefore";
        const char *type = v == 0x18 ? "GeneralizedTime" : "UTCTime";
        certfit_time_format(f->extra, t);
        switch (f->detail & ~(uint32_t)CERTFIT_DETAIL_TIME_ENCODING_NOT_AFTER) {
        case CERTFIT_DETAIL_TIME_ENCODING_NOT_EXACT:
            n = fmt(o, size, "%s %s is not in the exact form %s", which, type,
                    v == 0x18 ? "YYYYMMDDHHMMSSZ" : "YYMMDDHHMMSSZ");
            break;
        case CERTFIT_DETAIL_TIME_ENCODING_GENERALIZED_EARLY:
            n = fmt(o, size, "%s %s uses GeneralizedTime for a date before 2050", which, t);
            break;
        default:
            n = fmt(o, size,
                    "%s UTCTime reads as %s, before notBefore: a date from 2050 on needs "
                    "GeneralizedTime",
                    which, t);
            break;
        }
        break;
    }
    case CERTFIT_RULE_DER_STRICT:
        n = fmt(o, size, "%s at DER offset %zu of the certificate%s", f->text, f->offset,
                v > 1 ? " (and more)" : "");
        break;
    case CERTFIT_RULE_TRAILING_DATA:
        if (f->cert >= 0)
            n = fmt(o, size, "%llu bytes follow certificate %d inside its PEM block", v,
                    (int)f->cert);
        else
            n = fmt(o, size, "%llu bytes at offset %zu are not a certificate", v, f->offset);
        break;
    case CERTFIT_RULE_PEM_LINE_ENDINGS:
        n = fmt(o, size, "%llu CR LF line endings (first at offset %zu)", v, f->offset);
        break;
    case CERTFIT_RULE_PEM_STRAY_TEXT:
        n = fmt(o, size, "%llu bytes of text outside the PEM blocks (first at offset %zu)", v,
                f->offset);
        break;
    case CERTFIT_RULE_PRIVATE_KEY_PRESENT:
        n = fmt(o, size, "a private key (%s) at offset %zu; it was not decoded or copied", f->text,
                f->offset);
        break;
    case CERTFIT_RULE_NON_CERTIFICATE_BLOCK:
        n = fmt(o, size, "a '%s' PEM block at offset %zu", f->text, f->offset);
        break;
    case CERTFIT_RULE_SERIAL_NUMBER:
        n = fmt(o, size, "serial number is %s",
                f->detail == CERTFIT_DETAIL_SERIAL_NUMBER_ZERO       ? "zero"
                : f->detail == CERTFIT_DETAIL_SERIAL_NUMBER_NEGATIVE ? "negative"
                                                                     : "longer than 20 octets");
        if (f->detail == CERTFIT_DETAIL_SERIAL_NUMBER_TOO_LONG && n >= 0 && (size_t)n < size)
            n += fmt(o + n, size - (size_t)n, " (%llu)", v);
        break;
    case CERTFIT_RULE_TLS_VERSION:
        if (f->detail == CERTFIT_DETAIL_TLS_VERSION_VERSION)
            n = fmt(o, size, "server answered %s to a TLS 1.2 ClientHello",
                    certfit_tls_version_name((uint16_t)v));
        else
            n = fmt(o, size, "server: alert %s (%d) to a TLS 1.2 ClientHello",
                    certfit_tls_alert_name((uint8_t)v), (int)v);
        break;
    case CERTFIT_RULE_CIPHER_SUITE:
        n = fmt(o, size, "server: alert %s (%d) to the %lld modem suites",
                certfit_tls_alert_name((uint8_t)v), (int)v, (long long)f->extra);
        break;
    case CERTFIT_RULE_CERTIFICATE_SIZE:
        n = fmt(o, size,
                "certificate %d is %llu bytes (DER); the profile's largest certificate is %llu "
                "(%llu over)",
                (int)f->cert, v, l, v - l);
        break;
    case CERTFIT_RULE_KEY_CREDENTIAL_SIZE:
        n = fmt(o, size,
                "the private key block at offset %zu is %llu bytes; the limit is %llu (%llu "
                "over); it was not decoded or copied",
                f->offset, v, l, v - l);
        break;
    case CERTFIT_RULE_MBEDTLS_PARSE: {
        char err[120] = "";
#if CERTFIT_WITH_MBEDTLS_PARSE
        mbedtls_strerror(-(int)v, err, sizeof(err));
#endif
        static const char hex[] = "0123456789ABCDEF";
        char code[8] = "-0x0000";
        for (int i = 0; i < 4; i++)
            code[6 - i] = hex[(v >> (4 * i)) & 15];
        n = fmt(o, size, "Mbed TLS%s refuses %s: %s (%s)", MBEDTLS_VERSION_TEXT,
                f->detail == CERTFIT_DETAIL_MBEDTLS_PARSE_PEM_LABEL
                    ? "the PEM label (it parses only 'CERTIFICATE' blocks)"
                    : "the certificate",
                code, err);
        break;
    }
    case CERTFIT_RULE_CA_KEY_USAGE:
        n = fmt(o, size, "a CA certificate %s",
                f->detail == CERTFIT_DETAIL_CA_KEY_USAGE_MISSING ? "without a keyUsage extension"
                : f->detail == CERTFIT_DETAIL_CA_KEY_USAGE_NO_CERT_SIGN
                    ? "whose keyUsage does not assert keyCertSign"
                    : "whose keyUsage is not marked critical");
        break;
    case CERTFIT_RULE_BASIC_CONSTRAINTS_CRITICAL:
        n = fmt(o, size, "basicConstraints (%s) is not marked critical",
                f->detail == CERTFIT_DETAIL_BASIC_CONSTRAINTS_CRITICAL_CA ? "CA:TRUE" : "CA:FALSE");
        break;
    case CERTFIT_RULE_SUBJECT_KEY_IDENTIFIER:
        n = fmt(o, size, "%s",
                f->detail == CERTFIT_DETAIL_SUBJECT_KEY_IDENTIFIER_CRITICAL
                    ? "subjectKeyIdentifier is marked critical"
                    : "a CA certificate without subjectKeyIdentifier");
        break;
    case CERTFIT_RULE_AUTHORITY_KEY_IDENTIFIER:
        n = fmt(o, size, "%s",
                f->detail == CERTFIT_DETAIL_AUTHORITY_KEY_IDENTIFIER_CRITICAL
                    ? "authorityKeyIdentifier is marked critical"
                : f->detail == CERTFIT_DETAIL_AUTHORITY_KEY_IDENTIFIER_NO_KEY_ID
                    ? "authorityKeyIdentifier has no keyIdentifier"
                    : "no authorityKeyIdentifier (only a self-signed CA may omit it)");
        break;
    case CERTFIT_RULE_KEY_USAGE_ENCODING: {
        static const char *const why[] = {
            [CERTFIT_DETAIL_KEY_USAGE_ENCODING_UNUSED_BITS] =
                "its unused-bit count is not the trailing zero bits of the last octet",
            [CERTFIT_DETAIL_KEY_USAGE_ENCODING_TRAILING_ZERO] = "it ends in zero octets",
            [CERTFIT_DETAIL_KEY_USAGE_ENCODING_NO_BIT] = "no bit is set",
            [CERTFIT_DETAIL_KEY_USAGE_ENCODING_TOO_LONG] = "it has more than nine bits"};
        n = fmt(o, size, "keyUsage BIT STRING (%llu octets) is not DER: %s", v,
                f->detail < sizeof(why) / sizeof(why[0]) && why[f->detail] ? why[f->detail] : "");
        break;
    }
    case CERTFIT_RULE_KEY_USAGE_KEY_TYPE:
        n = fmt(o, size, "keyUsage asserts %s%s%s for an %s key",
                (v & 0x04) ? "keyEncipherment " : "", (v & 0x08) ? "dataEncipherment " : "",
                (v & ~0x0cull) ? "key agreement or other bits " : "",
                f->detail == CERTFIT_KEY_EC ? "EC" : "RSA");
        break;
    case CERTFIT_RULE_KEY_USAGE_CERT_SIGN:
        n = fmt(o, size, "a certificate without CA:TRUE asserts %s%s%s",
                (v & 0x20) ? "keyCertSign" : "", (v & 0x60) == 0x60 ? " and " : "",
                (v & 0x40) ? "cRLSign" : "");
        break;
    case CERTFIT_RULE_DUPLICATE_EXTENSION:
        n = fmt(o, size, "an extension appears more than once");
        break;
    case CERTFIT_RULE_UNIQUE_IDENTIFIERS:
        n = fmt(o, size, "version %llu certificate carries %s", v,
                f->detail == (CERTFIT_DETAIL_UNIQUE_IDENTIFIERS_ISSUER |
                              CERTFIT_DETAIL_UNIQUE_IDENTIFIERS_SUBJECT)
                    ? "issuerUniqueID and subjectUniqueID"
                : f->detail == CERTFIT_DETAIL_UNIQUE_IDENTIFIERS_ISSUER ? "issuerUniqueID"
                                                                        : "subjectUniqueID");
        break;
    case CERTFIT_RULE_CERTIFICATE_VERSION:
        n = fmt(o, size, "X.509 version %llu%s", v,
                f->detail == CERTFIT_DETAIL_CERTIFICATE_VERSION_EXTENSIONS
                    ? " with extensions (they need version 3)"
                    : ", not version 3");
        break;
    case CERTFIT_RULE_RSA_EXPONENT:
        if (f->detail == CERTFIT_DETAIL_RSA_EXPONENT_LARGE)
            n = fmt(o, size, "RSA public exponent is above 2^256-1");
        else if (f->detail == CERTFIT_DETAIL_RSA_EXPONENT_NOT_ABOVE_1)
            n = fmt(o, size, "RSA public exponent is not above 1");
        else
            n = fmt(o, size, "RSA public exponent %llu is %s", v,
                    f->detail == CERTFIT_DETAIL_RSA_EXPONENT_EVEN ? "even" : "below 65537");
        break;
    case CERTFIT_RULE_ALGORITHM_PARAMETERS:
        if (f->detail & CERTFIT_DETAIL_ALGORITHM_PARAMETERS_ECDSA)
            n = fmt(o, size, "the ECDSA signature algorithm has parameters (they must be absent)");
        else
            n = fmt(o, size, "%s%s%s without NULL parameters",
                    (f->detail & CERTFIT_DETAIL_ALGORITHM_PARAMETERS_RSA_KEY)
                        ? "the rsaEncryption public key"
                        : "",
                    (f->detail & 3) == 3 ? " and " : "",
                    (f->detail & CERTFIT_DETAIL_ALGORITHM_PARAMETERS_RSA_SIGNATURE)
                        ? "the TBSCertificate's RSA signature algorithm"
                        : "");
        break;
    case CERTFIT_RULE_SIGNATURE_ALGORITHM_MISMATCH:
        n = fmt(o, size, "signatureAlgorithm differs from the TBSCertificate's signature field");
        break;
    case CERTFIT_RULE_SERVER_SAN_MISSING:
        n = fmt(o, size, "the server certificate has no subjectAltName");
        break;
    case CERTFIT_RULE_PEM_LABEL:
        if (f->detail == CERTFIT_DETAIL_PEM_LABEL_TRUSTED)
            n = fmt(o, size,
                    "certificate %d is in a TRUSTED CERTIFICATE block (OpenSSL's certificate "
                    "with %llu bytes of trust settings); Mbed TLS reads only CERTIFICATE",
                    (int)f->cert, v);
        else
            n = fmt(o, size,
                    "certificate %d is in an X509 CERTIFICATE block; Mbed TLS reads only "
                    "CERTIFICATE",
                    (int)f->cert);
        break;
    case CERTFIT_RULE_EC_CURVE:
        n = fmt(o, size, "EC key on %s (%llu bits), not P-256, P-384 or P-521",
                certfit_curve_name((certfit_curve)f->detail), v);
        break;
    default:
        n = fmt(o, size, "%s", f->text);
        break;
    }
    return out(size, n);
}

size_t certfit_finding_fix(const certfit_finding *f, char *o, size_t size)
{
    int n;
    switch (f->rule) {
    case CERTFIT_RULE_CA_SLOT_BUNDLE:
        if (f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_SEVERAL ||
            f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_KEEP)
            n = fmt(o, size, "keep only %s in the CA slot: %llu bytes instead of %llu", f->text,
                    (unsigned long long)f->limit, (unsigned long long)f->value);
        else if (f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED ||
                 f->detail == CERTFIT_DETAIL_CA_SLOT_BUNDLE_UNRELATED_ROOTS)
            n = fmt(o, size,
                    "keep only the root the server chains to ('certfit check --server-chain "
                    "FILE' names it): one root alone weighs its PEM size (pem_bytes; the "
                    "smallest is %llu bytes) instead of %llu",
                    (unsigned long long)f->limit, (unsigned long long)f->value);
        else
            n = fmt(o, size, "store the CA that issued it, or reissue it with CA:TRUE");
        break;
    case CERTFIT_RULE_ROOT_IN_CHAIN:
        n = fmt(o, size, "remove %s from the served chain: %llu bytes saved", f->text,
                (unsigned long long)f->value);
        break;
    case CERTFIT_RULE_HOSTNAME_MISMATCH:
        /* an address literal (IPv6 has ':', IPv4 only digits and dots) gets IP:, a name DNS: */
        n = fmt(o, size, "reissue with subjectAltName %s:%s",
                strchr(f->text, ':') != NULL || strspn(f->text, "0123456789.") == strlen(f->text)
                    ? "IP"
                    : "DNS",
                f->text);
        break;
    case CERTFIT_RULE_SELF_SIGNED_SIGNATURE:
        if (f->detail == CERTFIT_DETAIL_SELF_SIGNED_SIGNATURE_SAME_NAME_CA) {
            n = fmt(o, size,
                    "put the CA whose subjectKeyIdentifier is this certificate's "
                    "authorityKeyIdentifier after it (or use that CA as the anchor)");
            break;
        }
        n = fmt(o, size, "%s", certfit_rule_text_of(f->rule)->fix);
        break;
    case CERTFIT_RULE_ANCHOR_MISSING:
        if (f->limit > 0)
            n = fmt(o, size, "provision %s as the CA credential: %llu bytes", f->text,
                    (unsigned long long)f->limit);
        else
            n = fmt(o, size,
                    "provision %s (or the root above it) as the CA credential: the trust store "
                    "does not hold it; if %s is an intermediate, the server must send it",
                    f->text, f->text);
        break;
    case CERTFIT_RULE_CHAIN_INCOMPLETE:
        n = fmt(o, size,
                "serve %s after certificate %lld (the server's certificate file holds "
                "the leaf, then its intermediates)",
                f->text, (long long)f->extra);
        break;
    case CERTFIT_RULE_EXPIRED:
    case CERTFIT_RULE_NOT_YET_VALID:
        /* the same code for both rules: the anchor that completes the trust path */
        if (f->detail == CERTFIT_DETAIL_EXPIRED_ANCHOR) {
            n = fmt(o, size, "provision a current root for the CA credential in place of %s",
                    f->text);
            break;
        }
        n = fmt(o, size, "%s", certfit_rule_text_of(f->rule)->fix);
        break;
    default: {
        const certfit_rule_text *t = certfit_rule_text_of(f->rule);
        n = fmt(o, size, "%s", t != NULL ? t->fix : "");
        break;
    }
    }
    return out(size, n);
}
