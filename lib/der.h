/*
 * One DER element header, shared by the readers that step over bytes the
 * strict scanner (cert.c) does not walk itself: certfit_der_element_len()
 * and the name formatter. Internal to the library.
 */
#ifndef CERTFIT_DER_H
#define CERTFIT_DER_H

#include <stddef.h>
#include <stdint.h>

#include "certfit/common.h"

/*
 * The element at p, len bytes available: a low tag number (not 0x1f), a
 * short or 1..4-byte long length, the content within len. *hdr is the
 * header's size and *n the content's. Returns 0 or CERTFIT_ERR_DER.
 */
static inline int certfit_der_header(const uint8_t *p, size_t len, size_t *hdr, size_t *n)
{
    if (len < 2 || (p[0] & 0x1f) == 0x1f)
        return CERTFIT_ERR_DER;
    size_t h = 2, l = p[1];
    if (l > 0x7f) {
        /* the header ends after 1..4 length bytes; 0x80 (none: end 2)
         * and 0x85.. (end 7..) fail the range test */
        size_t end = l - 0x7e;
        if (end - 3 > 3 || end > len)
            return CERTFIT_ERR_DER;
        for (l = 0; h < end; h++)
            l = l << 8 | p[h];
    }
    if (l > len - h)
        return CERTFIT_ERR_DER;
    *hdr = h;
    *n = l;
    return 0;
}

#endif /* CERTFIT_DER_H */
