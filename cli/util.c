#include <errno.h>
#include <mbedtls/md.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_simd.h"

const char *role_name(certfit_role r)
{
    return r == CERTFIT_ROLE_SERVER ? "server" : "ca";
}

/* The name's text and its length; on an error the valid prefix written
 * so far is kept (certfit_name_format() leaves it NUL-terminated). */
static size_t name_text(certfit_view name, char *out, size_t size)
{
    size_t n = 0;
    int rc = certfit_name_format(name, out, size, &n);
    if (rc == 0 || rc == CERTFIT_ERR_BUFFER_TOO_SMALL)
        return n;
    return size > 0 ? strlen(out) : 0;
}

size_t cert_subject(const certfit_cert *c, char *out, size_t size)
{
    return name_text(c->subject, out, size);
}

size_t cert_issuer(const certfit_cert *c, char *out, size_t size)
{
    return name_text(c->issuer, out, size);
}

/* Lowercase hex of p[0..n) while two digits and the NUL fit in size. */
static void hex(const uint8_t *p, size_t n, char *out, size_t size)
{
    static const char hx[] = "0123456789abcdef";
    size_t o = 0, i = 0;
    for (; i < n && o + 2 < size; i++) {
        out[o++] = hx[p[i] >> 4];
        out[o++] = hx[p[i] & 15];
    }
    out[o] = '\0';
}

void serial_hex(const certfit_cert *c, char *out, size_t size)
{
    certfit_view s = c->serial;
    /* the magnitude: drop the sign octet DER adds before a high bit */
    if (s.len > 1 && s.p[0] == 0)
        s.p++, s.len--;
    hex(s.p, s.len, out, size);
}

void sha256_hex(certfit_view der, char out[65])
{
    unsigned char h[32];
#if CERTFIT_HAVE_SIMD
    if (cli_simd_sha256(der.p, der.len, h)) {
        hex(h, 32, out, 65);
        return;
    }
#endif
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (md == NULL || mbedtls_md(md, der.p, der.len, h) != 0) {
        out[0] = '\0';
        return;
    }
    hex(h, 32, out, 65);
}

const char *level_name(certfit_severity s)
{
    return s == CERTFIT_SEV_ERROR ? "error" : s == CERTFIT_SEV_WARNING ? "warning" : "note";
}

FILE *report_open(const char *who, const char *path)
{
    if (path == NULL)
        return stdout;
    FILE *out = fopen(path, "w");
    if (out == NULL)
        fprintf(stderr, "%s: -o %s: %s\n", who, path, strerror(errno));
    return out;
}

bool report_close(const char *who, FILE *out)
{
    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
        fprintf(stderr, "%s: writing the report failed: %s\n", who, strerror(errno));
        return false;
    }
    return true;
}
