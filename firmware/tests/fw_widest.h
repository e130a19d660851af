/*
 * The largest block body a 4096-byte credential can have: one certificate
 * with its base64 in the narrowest lines that keep the credential within
 * 4096 bytes (more line ends, a larger decoding bound). For the tests that
 * check the default work buffer against every credential the modem can
 * hold (test_modem_device on the host, certfit_m33_glue on the device).
 */
#ifndef CERTFIT_FW_WIDEST_H
#define CERTFIT_FW_WIDEST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FW_WIDEST_LIMIT 4096u

static size_t fw_find(const uint8_t *p, size_t len, const char *s, size_t from)
{
    size_t n = strlen(s);
    for (size_t i = from; i + n <= len; i++)
        if (memcmp(p + i, s, n) == 0)
            return i;
    return len;
}

/* The first CERTIFICATE block of pem (len bytes) rewrapped into out (at
 * least FW_WIDEST_LIMIT bytes); its length, or 0 when pem has none. */
static size_t fw_widest_credential(const uint8_t *pem, size_t len, char *out, unsigned *width)
{
    static const char head[] = "-----BEGIN CERTIFICATE-----\n";
    static const char tail[] = "-----END CERTIFICATE-----\n";
    static char b64[FW_WIDEST_LIMIT];
    size_t begin = fw_find(pem, len, head, 0);
    size_t end = fw_find(pem, len, tail, begin);
    if (begin == len || end == len)
        return 0;
    size_t n = 0;
    for (size_t i = begin + sizeof(head) - 1; i < end && n < sizeof(b64); i++)
        if (pem[i] != '\n')
            b64[n++] = (char)pem[i];
    /* the narrowest lines that stay within the limit */
    unsigned w = 64;
    while (w > 1 &&
           sizeof(head) - 1 + n + (n + w - 2) / (w - 1) + sizeof(tail) - 1 <= FW_WIDEST_LIMIT)
        w--;
    if (sizeof(head) - 1 + n + (n + w - 1) / w + sizeof(tail) - 1 > FW_WIDEST_LIMIT)
        return 0;
    size_t o = 0;
    memcpy(out, head, sizeof(head) - 1);
    o += sizeof(head) - 1;
    for (size_t i = 0; i < n; i += w) {
        size_t k = n - i < w ? n - i : w;
        memcpy(out + o, b64 + i, k);
        o += k;
        out[o++] = '\n';
    }
    memcpy(out + o, tail, sizeof(tail) - 1);
    *width = w;
    return o + sizeof(tail) - 1;
}

#endif
