/*
 * What a user of Mbed TLS alone would do to read a PEM bundle: one
 * mbedtls_x509_crt_parse() call over the whole file (it decodes every
 * block with mbedtls_pem_read_buffer and parses each certificate into a
 * heap-allocated mbedtls_x509_crt appended to the chain). Prints how many
 * certificates were parsed and how many failed.
 *
 *   certfit-bench-mbedtls BUNDLE
 */
#include <stdio.h>
#include <stdlib.h>

#include <mbedtls/x509_crt.h>
#include "load.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s BUNDLE\n", argv[0]);
        return 2;
    }
    size_t n;
    unsigned char *buf = bench_load(argv[1], &n);
    if (buf == NULL) {
        fprintf(stderr, "%s: cannot read\n", argv[1]);
        return 2;
    }
    /* PEM input must be NUL-terminated and the length include it */
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    int rc = mbedtls_x509_crt_parse(&chain, buf, n + 1);
    size_t parsed = 0;
    for (const mbedtls_x509_crt *c = &chain; c != NULL && c->raw.len > 0; c = c->next)
        parsed++;
    printf("parsed %zu failed %d\n", parsed, rc > 0 ? rc : 0);
    mbedtls_x509_crt_free(&chain);
    free(buf);
    return rc < 0 ? 1 : 0;
}
