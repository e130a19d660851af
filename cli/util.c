#include <mbedtls/md.h>
#include <string.h>

#include "cli.h"

const char *role_name(certfit_role r)
{
    return r == CERTFIT_ROLE_SERVER ? "server" : "ca";
}

void cert_subject(const certfit_cert *c, char *out, size_t size)
{
    size_t n;
    if (certfit_name_format(c->subject, out, size, &n) != 0) {
        /* a truncated but valid prefix is kept */
    }
}

void cert_issuer(const certfit_cert *c, char *out, size_t size)
{
    size_t n;
    if (certfit_name_format(c->issuer, out, size, &n) != 0) {
        /* a truncated but valid prefix is kept */
    }
}

static void hex(const uint8_t *p, size_t n, char *out, size_t size)
{
    static const char hx[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < size; i++) {
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
