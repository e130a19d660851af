/* The size model, docs/design.md section 3. */
#include <string.h>

#include "arith.h"
#include "certfit/size.h"

#if UINTPTR_MAX <= 0xffffffffu
uint64_t certfit_udiv64_slow(uint64_t n, uint32_t d, uint32_t *rem)
{
    /* restoring division, one bit a step: the quotient's bits enter n from
     * the right as the dividend's leave it on the left; the remainder stays
     * below d but takes a 33rd bit (top) while a bit comes in */
    uint32_t r = 0;
    for (int i = 0; i < 64; i++) {
        uint32_t top = r >> 31;
        r = r << 1 | (uint32_t)(n >> 63);
        n <<= 1;
        if (top != 0 || r >= d) {
            r -= d;
            n |= 1;
        }
    }
    if (rem != 0)
        *rem = r;
    return n;
}
#endif

uint64_t certfit_size_pem(uint64_t der_len)
{
    /* "-----BEGIN CERTIFICATE-----\n" (28), base64 in 64-column lines each
     * ending in LF, "-----END CERTIFICATE-----\n" (26). */
    uint64_t b = 4 * certfit_udiv(der_len + 2, 3, 0);
    return 28 + b + (b + 63) / 64 + 26;
}

void certfit_sizes_init(certfit_sizes *s)
{
    memset(s, 0, sizeof(*s));
}

void certfit_sizes_add(certfit_sizes *s, uint64_t der_len)
{
    s->certs++;
    s->der_total += der_len;
    s->pem_canonical += certfit_size_pem(der_len);
}

static uint32_t digits(uint32_t v)
{
    uint32_t n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

void certfit_sizes_finish(certfit_sizes *s, uint64_t credential_bytes, uint32_t sec_tag,
                          uint8_t cred_type)
{
    s->credential_bytes = credential_bytes;
    /* %CMNG: <tag>,<type>,"<64 hex sha256>","<content>"\r\nOK\r\n + NUL */
    s->cmng_read_response = 7 + digits(sec_tag) + 1 + digits(cred_type) + 2 + 64 + 3 +
                            credential_bytes + 7 + 1;
    /* RFC 5246 7.4.2: handshake header 4, certificate_list length 3, 3 per entry */
    s->tls12_certificate_message = 4 + 3 + s->der_total + 3 * (uint64_t)s->certs;
    /* RFC 8446 4.4.2: + context length 1, + 2-byte empty extensions per entry */
    s->tls13_certificate_message = 4 + 1 + 3 + s->der_total + 5 * (uint64_t)s->certs;
}
