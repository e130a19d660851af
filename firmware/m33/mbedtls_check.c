/*
 * Runs Mbed TLS's base64 and ASN.1 readers (the parts certfit's embedded
 * hook links, docs/design.md section 10) on the Cortex-M33 under the no-heap harness,
 * and reports the stack they use.  Built with CERTFIT_M33_CHECK_X509, it
 * instead hands the same DER to mbedtls_x509_crt_parse_der, which copies
 * its input with mbedtls_calloc: the harness then exits 120 (heap used),
 * the reason the project scans certificates with its own code.
 */
#include "m33_harness.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/base64.h>
#include <mbedtls/oid.h>
#ifdef CERTFIT_M33_CHECK_X509
#include <mbedtls/x509_crt.h>
#endif

/*
 * SEQUENCE { INTEGER 0x0102, SEQUENCE { OID ecdsa-with-SHA256 },
 *            BIT STRING 0xdeadbeef }
 */
static const char pem_body[] = "MBcCAgECMAoGCCqGSM49BAMCAwUA3q2+7w==";

static int failures;

static void expect(int cond, const char *what)
{
    if (!cond) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

#ifndef CERTFIT_M33_CHECK_X509
static int walk(const unsigned char *der, size_t der_len)
{
    unsigned char *p = (unsigned char *)der;
    const unsigned char *end = der + der_len;
    size_t len = 0;
    int serial = 0;
    mbedtls_asn1_buf alg;
    mbedtls_asn1_buf params;
    mbedtls_asn1_bitstring sig;

    expect(mbedtls_asn1_get_tag(&p, end, &len,
                                MBEDTLS_ASN1_CONSTRUCTED |
                                    MBEDTLS_ASN1_SEQUENCE) == 0,
           "outer SEQUENCE");
    expect(len == 23, "outer length 23");
    expect(mbedtls_asn1_get_int(&p, end, &serial) == 0, "INTEGER");
    expect(serial == 0x0102, "INTEGER value 0x0102");
    expect(mbedtls_asn1_get_alg(&p, end, &alg, &params) == 0,
           "AlgorithmIdentifier");
    expect(MBEDTLS_OID_CMP(MBEDTLS_OID_ECDSA_SHA256, &alg) == 0,
           "OID ecdsa-with-SHA256");
    expect(mbedtls_asn1_get_bitstring(&p, end, &sig) == 0, "BIT STRING");
    expect(sig.len == 4 && sig.unused_bits == 0 && sig.p[0] == 0xde,
           "BIT STRING value");
    expect(p == end, "consumed the whole input");
    return serial;
}
#endif

int main(void)
{
    unsigned char der[32];
    size_t der_len = 0;
    size_t depth = certfit_m33_stack_depth();
    int rc;

    certfit_m33_stack_paint();
    rc = mbedtls_base64_decode(der, sizeof der, &der_len,
                               (const unsigned char *)pem_body,
                               strlen(pem_body));
    expect(rc == 0 && der_len == 25, "base64 decodes 25 bytes");
#ifdef CERTFIT_M33_CHECK_X509
    {
        mbedtls_x509_crt crt;
        mbedtls_x509_crt_init(&crt);
        rc = mbedtls_x509_crt_parse_der(&crt, der, der_len);
        printf("mbedtls_x509_crt_parse_der: -0x%04x\n", (unsigned)-rc);
        mbedtls_x509_crt_free(&crt);
    }
#else
    (void)walk(der, der_len);
#endif
    printf("the checks used %u stack bytes\n",
           (unsigned)(certfit_m33_stack_high_water() - depth));
    printf("%d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
