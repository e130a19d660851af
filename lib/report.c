/*
 * The specific fix of a finding, as text for people, and the formatter the
 * report texts use. Host only; the message of a finding is lib/message.c's,
 * from the rule table, on the host and on the device alike.
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
#endif

void certfit_mbedtls_error_text(int code, char *out, size_t size)
{
#if CERTFIT_WITH_MBEDTLS_PARSE
    mbedtls_strerror(code, out, size);
#else
    (void)code;
    if (size > 0)
        out[0] = '\0';
#endif
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
        certfit_text_append(o, size, &at, f, lit);
        if (pct == NULL)
            break;
        f = pct + 1;
        char num[24], *end = num + sizeof(num);
        const char *s;
        if (*f == 's') {
            s = va_arg(ap, const char *);
            if (s == NULL)
                s = "(null)"; /* as glibc prints it */
            certfit_text_append(o, size, &at, s, strlen(s));
            f++;
            continue;
        }
        if (*f == '%') {
            certfit_text_append(o, size, &at, "%", 1);
            f++;
            continue;
        }
        if (*f == 'd') {
            int v = va_arg(ap, int);
            s = certfit_text_decimal(end, v < 0 ? 0u - (unsigned)v : (unsigned)v, v < 0);
            f++;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'd') {
            long long v = va_arg(ap, long long);
            s = certfit_text_decimal(
                end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
            f += 3;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'u') {
            s = certfit_text_decimal(end, va_arg(ap, unsigned long long), false);
            f += 3;
        } else if (f[0] == 'z' && f[1] == 'u') {
            s = certfit_text_decimal(end, va_arg(ap, size_t), false);
            f += 2;
        } else {
            /* not one of ours: the rest as it stands, no argument read */
            certfit_text_append(o, size, &at, pct, strlen(pct));
            break;
        }
        certfit_text_append(o, size, &at, s, (size_t)(end - s));
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

static size_t out(size_t size, int n)
{
    if (n < 0)
        return 0;
    return (size_t)n >= size ? (size > 0 ? size - 1 : 0) : (size_t)n;
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
