/*
 * Findings as text for people: the measured value and the limit, and the
 * specific fix. Host only (uses snprintf); the embedded hook reports the
 * numbers and leaves the words to the log line.
 */
#include <stdio.h>

#include "certfit/report.h"

static const char *size_figure(uint32_t detail)
{
    static const char *const names[] = {"credential", "%CMNG read response",
                                        "TLS 1.2 Certificate message"};
    return detail < 3 ? names[detail] : "size";
}

static size_t out(size_t size, int n)
{
    if (n < 0)
        return 0;
    return (size_t)n >= size ? (size > 0 ? size - 1 : 0) : (size_t)n;
}

size_t certfit_finding_message(const certfit_finding *f, char *o, size_t size)
{
    char t1[21], t2[21];
    unsigned long long v = f->value, l = f->limit;
    int n;
    switch (f->rule) {
    case CERTFIT_RULE_CREDENTIAL_SIZE:
        n = snprintf(o, size, "credential is %llu bytes; the limit is %llu (%llu over)", v, l, v - l);
        break;
    case CERTFIT_RULE_CREDENTIAL_READBACK:
        n = snprintf(o, size,
                     "%%CMNG read response would be %llu bytes; modem_key_mgmt's buffer is %llu "
                     "(%llu over)",
                     v, l, v - l);
        break;
    case CERTFIT_RULE_CHAIN_SIZE:
        n = snprintf(o, size,
                     "TLS 1.2 Certificate message is %llu bytes; the limit is %llu (%llu over)", v,
                     l, v - l);
        break;
    case CERTFIT_RULE_SIZE_HEADROOM:
        n = snprintf(o, size, "%s is %llu bytes: within %lld%% of the %llu-byte limit (%llu left)",
                     size_figure(f->detail), v, (long long)f->extra, l, l - v);
        break;
    case CERTFIT_RULE_CHAIN_DEPTH:
        n = snprintf(o, size, "%llu certificates; the limit is %llu", v, l);
        break;
    case CERTFIT_RULE_CA_SLOT_BUNDLE:
        if (f->detail == 1)
            n = snprintf(o, size,
                         "the CA credential holds %lld certificates; only the anchor (certificate "
                         "%d, %s) is needed",
                         (long long)f->extra, (int)f->cert, f->text);
        else
            n = snprintf(o, size, "the CA credential's certificate (%s) is not a CA", f->text);
        break;
    case CERTFIT_RULE_ROOT_IN_CHAIN:
        n = snprintf(o, size, "the served chain carries its self-signed root (%s): %llu bytes wasted",
                     f->text, v);
        break;
    case CERTFIT_RULE_KEY_ALGORITHM:
        n = snprintf(o, size, "key %s (%llu bits) is not allowed by the profile", f->text, v);
        break;
    case CERTFIT_RULE_RSA_KEY_SIZE:
        n = snprintf(o, size, "RSA key is %llu bits; the profile's %s is %llu", v,
                     f->detail == 0 ? "minimum" : "maximum", l);
        break;
    case CERTFIT_RULE_SIGNATURE_ALGORITHM:
        n = snprintf(o, size, "signed with %s%s", f->text,
                     f->severity == CERTFIT_SEV_NOTICE
                         ? " (a self-signed anchor's own signature is not relied on)"
                         : ", which the profile does not allow");
        break;
    case CERTFIT_RULE_SIGNATURE_HASH_STRENGTH:
        n = snprintf(o, size, "signed with %s by a %lld-bit EC key, which needs %s or stronger",
                     f->text, (long long)f->extra, certfit_hash_name((certfit_hash)l));
        break;
    case CERTFIT_RULE_SELF_SIGNED:
        n = snprintf(o, size, "the profile requires a self-signed certificate; %s",
                     f->detail ? "its self-signature does not verify" : "its issuer is another CA");
        break;
    case CERTFIT_RULE_SELF_SIGNED_SIGNATURE:
        n = snprintf(o, size,
                     "issuer equals subject but the signature does not verify with its own key");
        break;
    case CERTFIT_RULE_CHAIN_ORDER:
        n = snprintf(o, size, "certificate %d is not issued by certificate %lld (%s)", (int)f->cert,
                     (long long)f->extra,
                     f->detail == 1 ? "issuer and subject names differ"
                                    : "the signature does not verify");
        break;
    case CERTFIT_RULE_CHAIN_DUPLICATE:
        n = snprintf(o, size, "certificate %d (%s) appears earlier in the item: %llu bytes repeated",
                     (int)f->cert, f->text, v);
        break;
    case CERTFIT_RULE_CA_BASIC_CONSTRAINTS:
        n = snprintf(o, size, "%s without basicConstraints CA:TRUE%s",
                     f->detail == 2 ? "the CA credential's anchor is" : "an issuing certificate is",
                     f->detail == 0 ? " (no basicConstraints extension)" : "");
        break;
    case CERTFIT_RULE_HOSTNAME_MISMATCH:
        n = snprintf(o, size, "no subjectAltName entry matches '%s'", f->text);
        break;
    case CERTFIT_RULE_LIFETIME_MIN:
        certfit_time_format(f->extra, t1);
        n = snprintf(o, size, "valid for %llu days (until %s); the profile requires %llu years", v,
                     t1, l);
        break;
    case CERTFIT_RULE_EXPIRED:
        certfit_time_format(f->extra, t1);
        n = snprintf(o, size, "expired %s (%llu days ago)", t1, v);
        break;
    case CERTFIT_RULE_NOT_YET_VALID:
        certfit_time_format(f->extra, t1);
        n = snprintf(o, size, "not valid before %s (%llu days from now)", t1, v);
        break;
    case CERTFIT_RULE_EXPIRES_SOON:
        certfit_time_format(f->extra, t1);
        n = snprintf(o, size, "expires %s, in %llu days (warning window %llu days)", t1, v, l);
        break;
    case CERTFIT_RULE_TIME_ENCODING: {
        const char *which = (f->detail >> 4) ? "notAfter" : "notBefore";
        const char *type = v == 0x18 ? "GeneralizedTime" : "UTCTime";
        certfit_time_format(f->extra, t2);
        switch (f->detail & 15) {
        case 1:
            n = snprintf(o, size, "%s %s is not in the exact form %s", which, type,
                         v == 0x18 ? "YYYYMMDDHHMMSSZ" : "YYMMDDHHMMSSZ");
            break;
        case 2:
            n = snprintf(o, size, "%s %s uses GeneralizedTime for a date before 2050", which, t2);
            break;
        default:
            n = snprintf(o, size,
                         "%s UTCTime reads as %s, before notBefore: a date from 2050 on needs "
                         "GeneralizedTime",
                         which, t2);
            break;
        }
        break;
    }
    case CERTFIT_RULE_DER_STRICT:
        n = snprintf(o, size, "%s at DER offset %zu of the certificate%s", f->text, f->offset,
                     v > 1 ? " (and more)" : "");
        break;
    case CERTFIT_RULE_TRAILING_DATA:
        if (f->cert >= 0)
            n = snprintf(o, size, "%llu bytes follow certificate %d inside its PEM block", v,
                         (int)f->cert);
        else
            n = snprintf(o, size, "%llu bytes at offset %zu are not a certificate", v, f->offset);
        break;
    case CERTFIT_RULE_PEM_LINE_ENDINGS:
        n = snprintf(o, size, "%llu CR LF line endings (first at offset %zu)", v, f->offset);
        break;
    case CERTFIT_RULE_PEM_STRAY_TEXT:
        n = snprintf(o, size, "%llu bytes of text outside the PEM blocks (first at offset %zu)", v,
                     f->offset);
        break;
    case CERTFIT_RULE_PRIVATE_KEY_PRESENT:
        n = snprintf(o, size, "a private key (%s) at offset %zu; it was not decoded or copied",
                     f->text, f->offset);
        break;
    case CERTFIT_RULE_NON_CERTIFICATE_BLOCK:
        n = snprintf(o, size, "a '%s' PEM block at offset %zu", f->text, f->offset);
        break;
    case CERTFIT_RULE_SERIAL_NUMBER:
        n = snprintf(o, size, "serial number is %s",
                     f->detail == 0 ? "zero" : f->detail == 1 ? "negative" : "longer than 20 octets");
        if (f->detail == 2 && n >= 0 && (size_t)n < size)
            n += snprintf(o + n, size - (size_t)n, " (%llu)", v);
        break;
    default:
        n = snprintf(o, size, "%s", f->text);
        break;
    }
    (void)t2;
    return out(size, n);
}

size_t certfit_finding_fix(const certfit_finding *f, char *o, size_t size)
{
    int n;
    switch (f->rule) {
    case CERTFIT_RULE_CA_SLOT_BUNDLE:
        if (f->detail == 1)
            n = snprintf(o, size, "keep only %s in the CA slot: %llu bytes instead of %llu", f->text,
                         (unsigned long long)f->limit, (unsigned long long)f->value);
        else
            n = snprintf(o, size, "store the CA that issued it, or reissue it with CA:TRUE");
        break;
    case CERTFIT_RULE_ROOT_IN_CHAIN:
        n = snprintf(o, size, "remove %s from the served chain: %llu bytes saved", f->text,
                     (unsigned long long)f->value);
        break;
    case CERTFIT_RULE_HOSTNAME_MISMATCH:
        n = snprintf(o, size, "reissue with subjectAltName DNS:%s (or IP:%s)", f->text, f->text);
        break;
    default: {
        const certfit_rule_text *t = certfit_rule_text_of(f->rule);
        n = snprintf(o, size, "%s", t != NULL ? t->fix : "");
        break;
    }
    }
    return out(size, n);
}
