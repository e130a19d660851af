/* libFuzzer target: input splitting. Format detection, every PEM block and
 * its strict base64 body, a walk over concatenated DER elements, and every
 * named C string literal with its unescaping. */
#include "fuzz_common.h"

static void fuzz_pem(const uint8_t *p, size_t len)
{
    certfit_pem_iter it;
    certfit_pem_block blk;
    certfit_pem_iter_init(&it, p, len);
    int rc;
    unsigned guard = 0;
    while ((rc = certfit_pem_next(&it, &blk)) == 1) {
        if (blk.body.len > len || blk.begin_offset >= len || blk.end_offset > len || it.pos > len ||
            ++guard > len + 1)
            abort(); /* views must stay inside the text, and the walk must advance */
        size_t cap = certfit_base64_max_decoded(blk.body.len);
        uint8_t *out = malloc(cap ? cap : 1);
        size_t out_len = 0, bad = 0;
        int d = certfit_base64_decode(blk.body.p, blk.body.len, out, cap, &out_len, &bad);
        fuzz_rc(d);
        if (d == 0 && out_len > cap)
            abort();
        if (d == CERTFIT_ERR_BASE64 && bad > blk.body.len) /* a partial final group: at the end */
            abort();
        if (d == 0 && out_len > 0) {
            size_t tlv;
            fuzz_rc(certfit_der_element_len(out, out_len, &tlv));
        }
        /* a smaller buffer must give BUFFER_TOO_SMALL, never an overrun */
        if (d == 0 && out_len > 1) {
            uint8_t *small = malloc(out_len - 1);
            int s =
                certfit_base64_decode(blk.body.p, blk.body.len, small, out_len - 1, &out_len, &bad);
            if (s != CERTFIT_ERR_BUFFER_TOO_SMALL)
                abort();
            free(small);
        }
        free(out);
    }
    fuzz_rc(rc);
    if (rc < 0 && it.error_offset > len)
        abort();
}

static void fuzz_der(const uint8_t *p, size_t len)
{
    size_t off = 0;
    while (off < len) {
        size_t tlv = 0;
        int rc = certfit_der_element_len(p + off, len - off, &tlv);
        fuzz_rc(rc);
        if (rc != 0)
            break;
        if (tlv == 0 || tlv > len - off)
            abort();
        certfit_cert c;
        fuzz_rc(certfit_cert_scan(p + off, tlv, &c));
        off += tlv;
    }
}

static void fuzz_c(const uint8_t *p, size_t len)
{
    certfit_c_iter it;
    certfit_c_literal lit;
    certfit_c_iter_init(&it, p, len);
    int rc;
    while ((rc = certfit_c_next(&it, &lit)) == 1) {
        if (lit.source.len > len || lit.offset >= len || lit.name.len > len)
            abort();
        uint8_t *out = malloc(lit.source.len + 1);
        size_t out_len = 0, bad = 0;
        int u = certfit_c_unescape(&lit, out, lit.source.len + 1, &out_len, &bad);
        fuzz_rc(u);
        if (u == 0) {
            if (out_len > lit.source.len)
                abort();
            fuzz_pem(out, out_len);
        }
        free(out);
    }
    fuzz_rc(rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *p = fuzz_copy(data, size);
    certfit_format f = certfit_input_detect(p, size);
    if (f > CERTFIT_FORMAT_C)
        abort();
    (void)certfit_format_name(f);
    /* every splitter on every input, whatever the detected format */
    fuzz_pem(p, size);
    fuzz_der(p, size);
    fuzz_c(p, size);
    free(p);
    return 0;
}
