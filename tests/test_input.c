/*
 * lib/input.c: format detection, PEM blocks, strict base64, DER element
 * lengths and C string literals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_support.h"

#define U8(s)   ((const uint8_t *)(s))
#define SLEN(s) (sizeof(s) - 1)

/* ---- format detection ---------------------------------------------------- */

static void test_detect(void **state)
{
    (void)state;
    size_t len;
    uint8_t *pem = ts_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    assert_int_equal(certfit_input_detect(pem, len), CERTFIT_FORMAT_PEM);
    free(pem);

    uint8_t *crlf = ts_fixture("real/letsencrypt/isrg-root-x1-cross-signed.pem", &len);
    assert_non_null(memchr(crlf, '\r', len));
    assert_int_equal(certfit_input_detect(crlf, len), CERTFIT_FORMAT_PEM);
    free(crlf);

    uint8_t *stray = ts_fixture("gen/pem-stray-text.pem", &len);
    assert_int_equal(certfit_input_detect(stray, len), CERTFIT_FORMAT_PEM);
    free(stray);

    uint8_t *der = ts_fixture("gen/der-two-certs.der", &len);
    assert_int_equal(certfit_input_detect(der, len), CERTFIT_FORMAT_DER);
    free(der);
    der = ts_fixture("gen/der-trailing-junk.der", &len);
    assert_int_equal(certfit_input_detect(der, len), CERTFIT_FORMAT_DER);
    free(der);

    uint8_t *h = ts_fixture("real/academy-mqtt-2024-06-certificate.h", &len);
    assert_int_equal(certfit_input_detect(h, len), CERTFIT_FORMAT_C);
    free(h);
    h = ts_fixture("gen/cheader-two-creds.h", &len);
    assert_int_equal(certfit_input_detect(h, len), CERTFIT_FORMAT_C);
    free(h);

    assert_int_equal(certfit_input_detect(U8("hello world\n"), 12), CERTFIT_FORMAT_UNKNOWN);
    assert_int_equal(certfit_input_detect(NULL, 0), CERTFIT_FORMAT_UNKNOWN);
    assert_int_equal(certfit_input_detect(U8("-----END CERTIFICATE-----\n"), 26),
                     CERTFIT_FORMAT_UNKNOWN);
    /* a lone 0x30 byte is not enough for DER */
    assert_int_equal(certfit_input_detect(U8("0"), 1), CERTFIT_FORMAT_UNKNOWN);
    /* text that happens to start with '0' is not DER (content decides) */
    static const char note[] = "0 comment line\n-----BEGIN CERTIFICATE-----\nAAAA\n"
                               "-----END CERTIFICATE-----\n";
    assert_int_equal(certfit_input_detect(U8(note), SLEN(note)), CERTFIT_FORMAT_PEM);
    /* short and long form DER lengths */
    static const uint8_t d1[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    static const uint8_t d2[] = {0x30, 0x82, 0x01, 0x00, 0x30, 0x81};
    assert_int_equal(certfit_input_detect(d1, sizeof(d1)), CERTFIT_FORMAT_DER);
    assert_int_equal(certfit_input_detect(d2, sizeof(d2)), CERTFIT_FORMAT_DER);

    assert_string_equal(certfit_format_name(CERTFIT_FORMAT_PEM), "pem");
    assert_string_equal(certfit_format_name(CERTFIT_FORMAT_DER), "der");
    assert_string_equal(certfit_format_name(CERTFIT_FORMAT_C), "c");
    assert_string_equal(certfit_format_name(CERTFIT_FORMAT_UNKNOWN), "unknown");
}

/* ---- PEM blocks ------------------------------------------------------------ */

static void test_pem_bundle_blocks(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    assert_int_equal(len, 5278);
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, t, len);
    static const uint32_t lines[3] = {1, 26, 56};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(certfit_pem_next(&it, &b), 1);
        assert_int_equal(b.kind, CERTFIT_PEM_CERTIFICATE);
        assert_int_equal(b.label.len, 11);
        assert_memory_equal(b.label.p, "CERTIFICATE", 11);
        assert_int_equal(b.line, lines[i]);
        assert_memory_equal(t + b.begin_offset, "-----BEGIN CERTIFICATE-----\n", 28);
        assert_int_equal(t[b.end_offset - 1], '\n');
        assert_memory_equal(t + b.end_offset - 26, "-----END CERTIFICATE-----\n", 26);
    }
    assert_int_equal(b.end_offset, 5278);
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    assert_int_equal(it.stray_bytes, 0);
    free(t);
}

static void test_pem_kinds_and_lines(void **state)
{
    (void)state;
    static const char text[] = "intro text\n"                            /* line 1 */
                               "-----BEGIN PRIVATE KEY-----\n"           /* 2 */
                               "QUJD\n"                                  /* 3 */
                               "-----END PRIVATE KEY-----\n"             /* 4 */
                               "-----BEGIN EC PRIVATE KEY-----\n"        /* 5 */
                               "QUJD\n"                                  /* 6 */
                               "-----END EC PRIVATE KEY-----\n"          /* 7 */
                               "\n"                                      /* 8 */
                               "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" /* 9 */
                               "QUJD\n"
                               "-----END ENCRYPTED PRIVATE KEY-----\n"
                               "-----BEGIN RSA PRIVATE KEY-----\n" /* 12 */
                               "QUJD\n"
                               "-----END RSA PRIVATE KEY-----\n"
                               "-----BEGIN PUBLIC KEY-----\n" /* 15 */
                               "QUJD\n"
                               "-----END PUBLIC KEY-----\n"
                               "-----BEGIN X509 CERTIFICATE-----\n" /* 18 */
                               "QUJD\n"
                               "-----END X509 CERTIFICATE-----\n"
                               "-----BEGIN X509 CRL-----\n" /* 21 */
                               "QUJD\n"
                               "-----END X509 CRL-----\n"
                               "trailer\n"; /* 24 */
    static const struct {
        const char *label;
        certfit_pem_kind kind;
        uint32_t line;
    } want[] = {
        {"PRIVATE KEY", CERTFIT_PEM_PRIVATE_KEY, 2},
        {"EC PRIVATE KEY", CERTFIT_PEM_PRIVATE_KEY, 5},
        {"ENCRYPTED PRIVATE KEY", CERTFIT_PEM_PRIVATE_KEY, 9},
        {"RSA PRIVATE KEY", CERTFIT_PEM_PRIVATE_KEY, 12},
        {"PUBLIC KEY", CERTFIT_PEM_OTHER, 15},
        {"X509 CERTIFICATE", CERTFIT_PEM_CERTIFICATE, 18},
        {"X509 CRL", CERTFIT_PEM_OTHER, 21},
    };
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, U8(text), SLEN(text));
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_int_equal(certfit_pem_next(&it, &b), 1);
        assert_int_equal(b.label.len, strlen(want[i].label));
        assert_memory_equal(b.label.p, want[i].label, b.label.len);
        assert_int_equal(b.kind, want[i].kind);
        assert_int_equal(b.line, want[i].line);
        assert_int_equal(b.body.len, 5);
        assert_memory_equal(b.body.p, "QUJD\n", 5);
    }
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    /* "intro text" (9 non-blank) + "trailer" (7) */
    assert_int_equal(it.stray_bytes, 16);
    assert_int_equal(it.stray_offset, 0);
    assert_int_equal(it.stray_line, 1);
    assert_int_equal(it.line, 25);
}

static void test_pem_stray_fixture(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("gen/pem-stray-text.pem", &len);
    const uint8_t *begin = NULL;
    for (size_t i = 0; i + 11 <= len; i++) {
        if (memcmp(t + i, "-----BEGIN ", 11) == 0) {
            begin = t + i;
            break;
        }
    }
    assert_non_null(begin);
    size_t boff = (size_t)(begin - t), nonblank = 0, lines = 1;
    for (size_t i = 0; i < boff; i++) {
        nonblank += t[i] != ' ' && t[i] != '\n' && t[i] != '\t' && t[i] != '\r';
        lines += t[i] == '\n';
    }
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, t, len);
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    assert_int_equal(b.begin_offset, boff);
    assert_int_equal(b.line, lines);
    assert_int_equal(it.stray_bytes, nonblank);
    assert_int_equal(it.stray_offset, 0);
    assert_int_equal(it.stray_line, 1);
    assert_memory_equal(t, "Certificate:", 12);
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    assert_int_equal(it.stray_bytes, nonblank);
    free(t);
}

static void test_pem_crlf(void **state)
{
    (void)state;
    static const char text[] =
        "-----BEGIN CERTIFICATE-----\r\nQUJD\r\n-----END CERTIFICATE-----\r\n"
        "\r\n-----BEGIN CERTIFICATE-----\r\nREVG\r\n-----END CERTIFICATE-----";
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, U8(text), SLEN(text));
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    assert_int_equal(b.line, 1);
    assert_int_equal(b.body.len, 6);
    assert_int_equal(b.end_offset, 62);
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    assert_int_equal(b.line, 5);
    assert_int_equal(b.begin_offset, 64);
    assert_memory_equal(b.body.p, "REVG\r\n", 6);
    /* the last END line may lack its line ending */
    assert_int_equal(b.end_offset, SLEN(text));
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    assert_int_equal(it.stray_bytes, 0);
}

static void test_pem_errors(void **state)
{
    (void)state;
    certfit_pem_iter it;
    certfit_pem_block b;

    static const char noend[] = "junk\n-----BEGIN CERTIFICATE-----\nQUJD\n";
    certfit_pem_iter_init(&it, U8(noend), SLEN(noend));
    assert_int_equal(certfit_pem_next(&it, &b), CERTFIT_ERR_PEM_NO_END);
    assert_int_equal(it.error_offset, 5);

    static const char nested[] = "-----BEGIN CERTIFICATE-----\nQUJD\n"
                                 "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n";
    certfit_pem_iter_init(&it, U8(nested), SLEN(nested));
    assert_int_equal(certfit_pem_next(&it, &b), CERTFIT_ERR_PEM_NESTED);
    assert_int_equal(it.error_offset, 33);

    static const char mismatch[] = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END PRIVATE KEY-----\n";
    certfit_pem_iter_init(&it, U8(mismatch), SLEN(mismatch));
    assert_int_equal(certfit_pem_next(&it, &b), CERTFIT_ERR_PEM_LABEL);
    assert_int_equal(it.error_offset, 33);

    /* a good block first, then the error: the good one is returned */
    static const char second[] = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"
                                 "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICAT-----\n";
    certfit_pem_iter_init(&it, U8(second), SLEN(second));
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    assert_int_equal(certfit_pem_next(&it, &b), CERTFIT_ERR_PEM_LABEL);
    assert_int_equal(it.error_offset, 59 + 33);

    /* BEGIN without the closing dashes */
    static const char open[] = "-----BEGIN CERTIFICATE\nQUJD\n";
    certfit_pem_iter_init(&it, U8(open), SLEN(open));
    assert_int_equal(certfit_pem_next(&it, &b), CERTFIT_ERR_PEM_NO_END);
    assert_int_equal(it.error_offset, 0);

    /* a control character in the label */
    static const char ctl[] = "-----BEGIN CERT\001-----\nQUJD\n-----END CERT\001-----\n";
    certfit_pem_iter_init(&it, U8(ctl), SLEN(ctl));
    assert_int_equal(certfit_pem_next(&it, &b), CERTFIT_ERR_PEM_LABEL);
    assert_int_equal(it.error_offset, 15);

    /* empty text: no block; an empty view may have p NULL */
    certfit_pem_iter_init(&it, U8(""), 0);
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    assert_int_equal(it.stray_bytes, 0);
    certfit_pem_iter_init(&it, NULL, 0);
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    size_t n = 1, bad = 0, tl = 0;
    uint8_t out[4];
    assert_int_equal(certfit_base64_decode(NULL, 0, out, sizeof(out), &n, &bad), 0);
    assert_int_equal(n, 0);
    assert_int_equal(certfit_der_element_len(NULL, 0, &tl), CERTFIT_ERR_DER);
    certfit_c_iter cit;
    certfit_c_literal lit;
    certfit_c_iter_init(&cit, NULL, 0);
    assert_int_equal(certfit_c_next(&cit, &lit), 0);
}

/*
 * Marker edge cases, one text each: dash runs that are not a BEGIN, labels
 * by kind and length, the first "-----" after a body that is not an END,
 * text after the END marker, line endings. The first result, its offset
 * (the block's begin_offset, or error_offset), and for a block its kind,
 * label length, end_offset and the stray bytes seen to the end.
 */
static void test_pem_markers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int rc;
        size_t at;
        certfit_pem_kind kind;
        size_t label_len, end, stray;
    } cases[] = {
        /* six dashes: the BEGIN starts at the second, the first is stray */
        {"------BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n", 1, 1,
         CERTFIT_PEM_CERTIFICATE, 11, 60, 1},
        /* a dash run without "BEGIN " is stray text */
        {"-----BEGIN-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n", 1, 10,
         CERTFIT_PEM_CERTIFICATE, 11, 69, 10},
        {"-----BEGIN X509 CERTIFICATE-----\nQUJD\n-----END X509 CERTIFICATE-----\n", 1, 0,
         CERTFIT_PEM_CERTIFICATE, 16, 69, 0},
        {"-----BEGIN Y509 CERTIFICATE-----\nQUJD\n-----END Y509 CERTIFICATE-----\n", 1, 0,
         CERTFIT_PEM_OTHER, 16, 69, 0},
        {"-----BEGIN ERTIFICATE-----\nQUJD\n-----END ERTIFICATE-----\n", 1, 0, CERTFIT_PEM_OTHER,
         10, 57, 0},
        {"-----BEGIN CERTIFICATE REQUEST-----\nQUJD\n-----END CERTIFICATE REQUEST-----\n", 1, 0,
         CERTFIT_PEM_OTHER, 19, 75, 0},
        {"-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----\n", 1, 0,
         CERTFIT_PEM_PRIVATE_KEY, 11, 59, 0},
        {"-----BEGIN -----\nQUJD\n-----END -----\n", 1, 0, CERTFIT_PEM_OTHER, 0, 37, 0},
        {"-----BEGIN C-----\n-----END C-----\n", 1, 0, CERTFIT_PEM_OTHER, 1, 34, 0},
        /* 64 label bytes are the most */
        {"-----BEGIN 0123456789012345678901234567890123456789012345678901234567890123-----\n"
         "QUJD\n-----END 0123456789012345678901234567890123456789012345678901234567890123-----\n",
         1, 0, CERTFIT_PEM_OTHER, 64, 165, 0},
        {"-----BEGIN 01234567890123456789012345678901234567890123456789012345678901234-----\n"
         "QUJD\n-----END 01234567890123456789012345678901234567890123456789012345678901234-----\n",
         CERTFIT_ERR_PEM_NO_END, 0, 0, 0, 0, 0},
        /* the first dash run after the body decides */
        {"-----BEGIN C-----\nQUJD\n-----BEGINX\n", CERTFIT_ERR_BASE64, 23, 0, 0, 0, 0},
        {"-----BEGIN C-----\nQUJD\n-----BEGIN C-----\n", CERTFIT_ERR_PEM_NESTED, 23, 0, 0, 0, 0},
        {"-----BEGIN C-----\nQUJD\n-----END C----", CERTFIT_ERR_PEM_LABEL, 23, 0, 0, 0, 0},
        {"-----BEGIN C-----\nQUJD\n-----END ", CERTFIT_ERR_PEM_LABEL, 23, 0, 0, 0, 0},
        {"-----BEGIN C-----\nQUJD\n----", CERTFIT_ERR_PEM_NO_END, 0, 0, 0, 0, 0},
        /* text after the END marker on its line: the block ends at the
         * dashes, the text is stray */
        {"-----BEGIN C-----\nQUJD\n-----END C-----junk\n", 1, 0, CERTFIT_PEM_OTHER, 1, 38, 4},
        {"-----BEGIN C-----\nQUJD\n-----END C------\n", 1, 0, CERTFIT_PEM_OTHER, 1, 38, 1},
        /* line endings: blanks, CR LF, a lone CR, none at the end */
        {"-----BEGIN C----- \t\r\nQUJD\n-----END C----- \r\n", 1, 0, CERTFIT_PEM_OTHER, 1, 44, 0},
        {"-----BEGIN C----- x\nQUJD\n-----END C-----\n", CERTFIT_ERR_PEM_LABEL, 17, 0, 0, 0, 0},
        {"-----BEGIN C-----\r\rQUJD\n-----END C-----\n", CERTFIT_ERR_PEM_LABEL, 17, 0, 0, 0, 0},
        {"-----BEGIN C-----\nQUJD\n-----END C-----\r", 1, 0, CERTFIT_PEM_OTHER, 1, 39, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        certfit_pem_iter it;
        certfit_pem_block b;
        certfit_pem_iter_init(&it, U8(cases[i].text), strlen(cases[i].text));
        int rc = certfit_pem_next(&it, &b);
        assert_int_equal(rc, cases[i].rc);
        if (rc < 0) {
            assert_int_equal(it.error_offset, cases[i].at);
            continue;
        }
        assert_int_equal(b.begin_offset, cases[i].at);
        assert_int_equal(b.kind, cases[i].kind);
        assert_int_equal(b.label.len, cases[i].label_len);
        assert_int_equal(b.end_offset, cases[i].end);
        assert_int_equal(certfit_pem_next(&it, &b), 0);
        assert_int_equal(it.stray_bytes, cases[i].stray);
    }
}

/* ---- base64 ------------------------------------------------------------------ */

static int b64(const char *s, uint8_t *out, size_t size, size_t *out_len, size_t *bad)
{
    *bad = (size_t)-1;
    return certfit_base64_decode(U8(s), strlen(s), out, size, out_len, bad);
}

static void test_base64(void **state)
{
    (void)state;
    uint8_t out[64];
    size_t n, bad;

    assert_int_equal(b64("TWFu", out, sizeof(out), &n, &bad), 0);
    assert_int_equal(n, 3);
    assert_memory_equal(out, "Man", 3);
    assert_int_equal(b64("TWE=", out, sizeof(out), &n, &bad), 0);
    assert_int_equal(n, 2);
    assert_memory_equal(out, "Ma", 2);
    assert_int_equal(b64("TQ==", out, sizeof(out), &n, &bad), 0);
    assert_int_equal(n, 1);
    assert_memory_equal(out, "M", 1);
    assert_int_equal(b64("", out, sizeof(out), &n, &bad), 0);
    assert_int_equal(n, 0);
    /* whitespace between and inside groups, and after the padding */
    assert_int_equal(b64(" TW\r\nFu\tTW\n Fu\nTQ\n=\n=\n \n", out, sizeof(out), &n, &bad), 0);
    assert_int_equal(n, 7);
    assert_memory_equal(out, "ManManM", 7);
    /* all 64 alphabet characters */
    assert_int_equal(b64("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", out,
                         sizeof(out), &n, &bad),
                     0);
    assert_int_equal(n, 48);
    assert_int_equal(out[0], 0x00);
    assert_int_equal(out[1], 0x10);
    assert_int_equal(out[2], 0x83);
    assert_int_equal(out[47], 0xbf);

    /* an invalid character, with its offset */
    assert_int_equal(b64("TWFu\nTW*u", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 7);
    assert_int_equal(b64("TWFu-", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 4);
    assert_int_equal(b64("TW\x80u", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 2);
    /* '=' in the middle: the '=' is the bad byte */
    assert_int_equal(b64("TQ==TWFu", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 2);
    assert_int_equal(b64("TWE=TWFu", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 3);
    assert_int_equal(b64("TQ=a", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 2);
    /* '=' too early in a group */
    assert_int_equal(b64("T===", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 1);
    assert_int_equal(b64("====", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 0);
    /* missing padding: a partial final group */
    assert_int_equal(b64("TWFuTQ", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 6);
    assert_int_equal(b64("TQ=", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(b64("TWFuT", out, sizeof(out), &n, &bad), CERTFIT_ERR_BASE64);
    assert_int_equal(bad, 5);

    /* capacity */
    assert_int_equal(b64("TWFuTWFu", out, 5, &n, &bad), CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(b64("TWFuTWE=", out, 4, &n, &bad), CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(b64("TWFuTWE=", out, 5, &n, &bad), 0);
    assert_int_equal(n, 5);
    assert_int_equal(certfit_base64_max_decoded(8), 9);
    assert_int_equal(certfit_base64_max_decoded(0), 3);
}

/* Padding against capacity: the text after the '=' is checked before the
 * room for the last bytes, and the bad byte is the first '=' whatever
 * follows it. */
static void test_base64_padding(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t size;
        int rc;
        size_t n_or_bad; /* decoded length, or the bad byte's offset */
    } cases[] = {
        {"TQ==A", 0, CERTFIT_ERR_BASE64, 2},
        {"TQ==\x80", 0, CERTFIT_ERR_BASE64, 2},
        {"TQ== ", 0, CERTFIT_ERR_BUFFER_TOO_SMALL, 0},
        {"TQ== ", 1, 0, 1},
        {"TQ= =", 1, 0, 1},
        {"T\nQ\n=\n=", 1, 0, 1},
        {"TWE==", 8, CERTFIT_ERR_BASE64, 3},
        {"TQ=\n", 8, CERTFIT_ERR_BASE64, 2},
        {"TWE= \n", 1, CERTFIT_ERR_BUFFER_TOO_SMALL, 0},
        {"TWE= \n", 2, 0, 2},
        /* a '=' after a whole group: the group is stored first */
        {"TWFu=", 2, CERTFIT_ERR_BUFFER_TOO_SMALL, 0},
        {"TWFu=", 3, CERTFIT_ERR_BASE64, 4},
        {"TWFu\n=", 3, CERTFIT_ERR_BASE64, 5},
        {"TWFuTWE=!", 2, CERTFIT_ERR_BUFFER_TOO_SMALL, 0},
        {"TWFuTWE=!", 3, CERTFIT_ERR_BASE64, 7},
        {"TWFuTQ==", 3, CERTFIT_ERR_BUFFER_TOO_SMALL, 0},
        {"TWFuTQ==", 4, 0, 4},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t out[8];
        size_t n = 99, bad = 99;
        int rc = b64(cases[i].text, out, cases[i].size, &n, &bad);
        assert_int_equal(rc, cases[i].rc);
        if (rc == CERTFIT_ERR_BASE64)
            assert_int_equal(bad, cases[i].n_or_bad);
        else
            assert_int_equal(n, cases[i].n_or_bad);
    }
}

static void test_base64_pem_body(void **state)
{
    (void)state;
    size_t len;
    uint8_t *t = ts_fixture("real/academy-mqtt-2024-10-rootca.pem", &len);
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, t, len);
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    uint8_t der[1024];
    size_t n, bad;
    assert_int_equal(certfit_base64_decode(b.body.p, b.body.len, der, sizeof(der), &n, &bad), 0);
    assert_int_equal(n, 626);
    assert_int_equal(der[0], 0x30);
    assert_int_equal(der[1], 0x82);
    assert_int_equal((der[2] << 8 | der[3]) + 4, 626);
    free(t);
}

/* Long bodies take the decoder's block paths (16 characters at a time
 * with SSSE3, 4 groups per test otherwise): the same bytes, errors and
 * offsets as the byte loop, checked against a byte-at-a-time decoder. */
static size_t b64_ref(const char *s, size_t len, uint8_t *out)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint32_t acc = 0;
    size_t n = 0, o = 0;
    for (size_t i = 0; i < len; i++) {
        const char *c = s[i] != '\0' ? strchr(alpha, s[i]) : NULL;
        if (c == NULL)
            continue; /* the tests below give only the alphabet and line breaks */
        acc = acc << 6 | (uint32_t)(c - alpha);
        if (++n == 4) {
            out[o++] = (uint8_t)(acc >> 16);
            out[o++] = (uint8_t)(acc >> 8);
            out[o++] = (uint8_t)acc;
            n = 0;
            acc = 0;
        }
    }
    return o;
}

/* lines of width columns (a multiple of 4), LF or CR LF, chars characters */
static size_t b64_lines(char *out, size_t chars, size_t width, bool crlf)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < chars; i++) {
        if (i > 0 && i % width == 0) {
            if (crlf)
                out[o++] = '\r';
            out[o++] = '\n';
        }
        out[o++] = alpha[(i * 37 + i / 64) % 64];
    }
    out[o++] = '\n';
    return o;
}

static void test_base64_long(void **state)
{
    (void)state;
    static char text[4096];
    static uint8_t want[3072], got[3072];
    size_t n, bad;
    static const size_t widths[] = {64, 76, 4, 16, 60, 1000};
    for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
        for (int crlf = 0; crlf < 2; crlf++) {
            size_t len = b64_lines(text, 1600, widths[w], crlf != 0);
            size_t wl = b64_ref(text, len, want);
            assert_int_equal(wl, 1200);
            assert_int_equal(certfit_base64_decode(U8(text), len, got, sizeof(got), &n, &bad), 0);
            assert_int_equal(n, 1200);
            assert_memory_equal(got, want, 1200);
            /* exactly the room needed, and one byte less */
            assert_int_equal(certfit_base64_decode(U8(text), len, got, 1200, &n, &bad), 0);
            assert_memory_equal(got, want, 1200);
            assert_int_equal(certfit_base64_decode(U8(text), len, got, 1199, &n, &bad),
                             CERTFIT_ERR_BUFFER_TOO_SMALL);
        }
    }
    /* a bad byte anywhere in a 64-column body: its offset, whatever block
     * or group it falls in; '=' too early; a blank inside a group is fine */
    size_t len = b64_lines(text, 256, 64, false);
    static const char bads[] = {'*', '-', '=', '\x80', '\0'};
    for (size_t b = 0; b < sizeof(bads); b++) {
        for (size_t at = 0; at < len - 1; at++) {
            if (text[at] == '\n' || (bads[b] == '=' && at == len - 2))
                continue; /* "xxx=" at the end is padding */
            char keep = text[at];
            text[at] = bads[b];
            bad = (size_t)-1;
            assert_int_equal(certfit_base64_decode(U8(text), len, got, sizeof(got), &n, &bad),
                             CERTFIT_ERR_BASE64);
            assert_int_equal(bad, at);
            text[at] = ' ';
            assert_int_equal(certfit_base64_decode(U8(text), len, got, sizeof(got), &n, &bad),
                             CERTFIT_ERR_BASE64);
            assert_int_equal(bad, len); /* one character short: a partial final group */
            text[at] = keep;
        }
    }
    /* blanks in the middle of a group, in a long run */
    len = b64_lines(text, 256, 64, false);
    memmove(text + 31, text + 30, len - 30);
    text[30] = '\t';
    len++;
    assert_int_equal(certfit_base64_decode(U8(text), len, got, sizeof(got), &n, &bad), 0);
    assert_int_equal(n, 192);
    assert_int_equal(b64_ref(text, len, want), 192);
    assert_memory_equal(got, want, 192);
}

/* Line numbers and the END marker over long bodies and long stray text
 * (the x86-64 scan counts lines 32 bytes at a time, in counters summed
 * every 4 KiB), and dashes inside a body that are not a marker. */
static void test_pem_long_lines(void **state)
{
    (void)state;
    size_t cap = 200000, len = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    /* 5000 stray lines, then a block with a 3000-line body holding a lone
     * dash and a double dash, then a second block */
    for (int i = 0; i < 5000; i++)
        len += (size_t)snprintf(t + len, cap - len, "stray %d\n", i);
    size_t begin1 = len;
    len += (size_t)snprintf(t + len, cap - len, "-----BEGIN CERTIFICATE-----\n");
    size_t body1 = len;
    for (int i = 0; i < 3000; i++)
        len += (size_t)snprintf(t + len, cap - len, "%s\n",
                                i == 100    ? "AA-A"
                                : i == 2000 ? "A--A"
                                            : "AAAA");
    size_t end1 = len;
    len += (size_t)snprintf(t + len, cap - len, "-----END CERTIFICATE-----\r\n");
    size_t begin2 = len;
    len += (size_t)snprintf(t + len, cap - len,
                            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");
    certfit_pem_iter it;
    certfit_pem_block b;
    certfit_pem_iter_init(&it, U8(t), len);
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    assert_int_equal(b.begin_offset, begin1);
    assert_int_equal(b.line, 5001);
    assert_true(b.body.p == U8(t) + body1);
    assert_int_equal(b.body.len, end1 - body1);
    assert_int_equal(it.stray_bytes, begin1 - 10000); /* all but spaces and line feeds */
    assert_int_equal(it.stray_offset, 0);
    assert_int_equal(it.stray_line, 1);
    assert_int_equal(it.line, 5001 + 1 + 3000 + 1);
    assert_int_equal(certfit_pem_next(&it, &b), 1);
    assert_int_equal(b.begin_offset, begin2);
    assert_int_equal(b.line, 8003);
    assert_int_equal(b.end_offset, len); /* no line ending after the last END */
    assert_int_equal(it.line, 8005);
    assert_int_equal(certfit_pem_next(&it, &b), 0);
    free(t);
}

/* ---- DER element length ------------------------------------------------------- */

static void test_der_element_len(void **state)
{
    (void)state;
    size_t tl = 0;
    static const uint8_t shortf[] = {0x30, 0x03, 0x02, 0x01, 0x05, 0xAA};
    assert_int_equal(certfit_der_element_len(shortf, sizeof(shortf), &tl), 0);
    assert_int_equal(tl, 5);
    assert_int_equal(certfit_der_element_len(shortf, 5, &tl), 0);
    assert_int_equal(tl, 5);
    assert_int_equal(certfit_der_element_len(shortf, 4, &tl), CERTFIT_ERR_DER);
    assert_int_equal(certfit_der_element_len(shortf, 1, &tl), CERTFIT_ERR_DER);
    assert_int_equal(certfit_der_element_len(shortf, 0, &tl), CERTFIT_ERR_DER);

    uint8_t longf[300] = {0x30, 0x82, 0x01, 0x00};
    assert_int_equal(certfit_der_element_len(longf, sizeof(longf), &tl), 0);
    assert_int_equal(tl, 260);
    assert_int_equal(certfit_der_element_len(longf, 259, &tl), CERTFIT_ERR_DER);
    assert_int_equal(certfit_der_element_len(longf, 3, &tl), CERTFIT_ERR_DER);
    static const uint8_t l81[] = {0x04, 0x81, 0x01, 0xFF};
    assert_int_equal(certfit_der_element_len(l81, sizeof(l81), &tl), 0);
    assert_int_equal(tl, 4);
    static const uint8_t empty[] = {0x05, 0x00};
    assert_int_equal(certfit_der_element_len(empty, 2, &tl), 0);
    assert_int_equal(tl, 2);
    /* indefinite length, 5-octet length, huge length, high tag number */
    static const uint8_t indef[] = {0x30, 0x80, 0x00, 0x00};
    assert_int_equal(certfit_der_element_len(indef, sizeof(indef), &tl), CERTFIT_ERR_DER);
    static const uint8_t l85[] = {0x30, 0x85, 0, 0, 0, 0, 1, 0};
    assert_int_equal(certfit_der_element_len(l85, sizeof(l85), &tl), CERTFIT_ERR_DER);
    static const uint8_t huge[] = {0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    assert_int_equal(certfit_der_element_len(huge, sizeof(huge), &tl), CERTFIT_ERR_DER);
    static const uint8_t hightag[] = {0x1F, 0x81, 0x01, 0x00};
    assert_int_equal(certfit_der_element_len(hightag, sizeof(hightag), &tl), CERTFIT_ERR_DER);

    size_t len;
    uint8_t *d = ts_fixture("gen/der-two-certs.der", &len);
    assert_int_equal(len, 1212);
    assert_int_equal(certfit_der_element_len(d, len, &tl), 0);
    size_t first = tl;
    assert_int_equal(certfit_der_element_len(d + first, len - first, &tl), 0);
    assert_int_equal(first + tl, 1212);
    free(d);
}

/* ---- C literals ------------------------------------------------------------------ */

static void test_c_bundle_header(void **state)
{
    (void)state;
    size_t hlen, blen;
    uint8_t *h = ts_fixture("real/academy-mqtt-2024-06-certificate.h", &hlen);
    uint8_t *bundle = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &blen);
    certfit_c_iter it;
    certfit_c_literal lit;
    certfit_c_iter_init(&it, h, hlen);
    assert_int_equal(certfit_c_next(&it, &lit), 1);
    assert_int_equal(lit.name.len, 14);
    assert_memory_equal(lit.name.p, "CA_CERTIFICATE", 14);
    assert_int_equal(lit.line, 2);
    assert_true(lit.has_begin);
    assert_int_equal(h[lit.offset], '"');
    assert_int_equal(lit.source.p, h + lit.offset);
    assert_int_equal(lit.source.p[lit.source.len - 1], '"');
    uint8_t *out = malloc(lit.source.len);
    size_t n, bad;
    assert_int_equal(certfit_c_unescape(&lit, out, lit.source.len, &n, &bad), 0);
    assert_int_equal(n, 5278);
    assert_int_equal(n, blen);
    assert_memory_equal(out, bundle, blen);
    /* too small an output buffer */
    assert_int_equal(certfit_c_unescape(&lit, out, 5277, &n, &bad), CERTFIT_ERR_BUFFER_TOO_SMALL);
    free(out);
    assert_int_equal(certfit_c_next(&it, &lit), 0);
    free(h);
    free(bundle);
}

static void test_c_rootca_header(void **state)
{
    (void)state;
    size_t hlen, plen;
    uint8_t *h = ts_fixture("real/academy-mqtt-2024-10-certificate.h", &hlen);
    uint8_t *pem = ts_fixture("real/academy-mqtt-2024-10-rootca.pem", &plen);
    ts_literal l[4];
    int n = ts_c_literals(h, hlen, l, 4);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].name, "CA_CERTIFICATE");
    assert_int_equal(l[0].line, 2);
    assert_true(l[0].has_begin);
    assert_int_equal(l[0].len, 904);
    assert_memory_equal(l[0].content, pem, 904);
    ts_free_literals(l, 1);
    free(h);
    free(pem);
}

static void test_c_two_creds(void **state)
{
    (void)state;
    size_t hlen, rlen, llen;
    uint8_t *h = ts_fixture("gen/cheader-two-creds.h", &hlen);
    uint8_t *root = ts_fixture("gen/chain-root-p384.pem", &rlen);
    uint8_t *leaf = ts_fixture("gen/chain-leaf-p256.pem", &llen);
    ts_literal l[8];
    int n = ts_c_literals(h, hlen, l, 8);
    assert_int_equal(n, 2);
    assert_string_equal(l[0].name, "ROOT_CA");
    assert_int_equal(l[0].line, 8);
    assert_true(l[0].has_begin);
    assert_int_equal(l[0].len, rlen);
    assert_memory_equal(l[0].content, root, rlen);
    assert_string_equal(l[1].name, "client_cert");
    assert_int_equal(l[1].line, 26);
    assert_true(l[1].has_begin);
    assert_int_equal(l[1].len, llen);
    assert_memory_equal(l[1].content, leaf, llen);
    ts_free_literals(l, 2);

    uint8_t *r = ts_fixture("gen/cheader-root.h", &hlen);
    n = ts_c_literals(r, hlen, l, 8);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].name, "ROOT_CA");
    assert_int_equal(l[0].line, 3);
    assert_int_equal(l[0].len, 790);
    assert_memory_equal(l[0].content, root, rlen);
    ts_free_literals(l, 1);
    free(r);
    free(h);
    free(root);
    free(leaf);
}

/* A header saved with CRLF line endings (Windows editors) reads the same. */
static void test_c_crlf_header(void **state)
{
    (void)state;
    size_t hlen, blen;
    uint8_t *h = ts_fixture("real/academy-mqtt-2024-06-certificate.h", &hlen);
    uint8_t *bundle = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &blen);
    uint8_t *crlf = malloc(2 * hlen);
    size_t n = 0;
    for (size_t i = 0; i < hlen; i++) {
        if (h[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = h[i];
    }
    assert_int_equal(certfit_input_detect(crlf, n), CERTFIT_FORMAT_C);
    ts_literal l[2];
    assert_int_equal(ts_c_literals(crlf, n, l, 2), 1);
    assert_string_equal(l[0].name, "CA_CERTIFICATE");
    assert_int_equal(l[0].line, 2);
    assert_int_equal(l[0].len, blen);
    assert_memory_equal(l[0].content, bundle, blen);
    ts_free_literals(l, 1);

    /* a line splice inside a literal, LF and CR LF */
    static const char splice[] =
        "const char a[] = \"ab\\\r\ncd\\\nef\";\r\nconst char b[] = \"x\";\r\n";
    assert_int_equal(ts_c_literals((const uint8_t *)splice, sizeof(splice) - 1, l, 2), 2);
    assert_string_equal(l[0].name, "a");
    assert_int_equal(l[0].len, 6);
    assert_memory_equal(l[0].content, "abcdef", 6);
    assert_int_equal(l[0].line, 1);
    assert_string_equal(l[1].name, "b");
    assert_int_equal(l[1].line, 4);
    ts_free_literals(l, 2);
    /* a // comment continued by a CR LF splice swallows the next line */
    static const char cmt[] =
        "// note \\\r\nconst char no[] = \"x\";\r\nconst char yes[] = \"y\";\r\n";
    assert_int_equal(ts_c_literals((const uint8_t *)cmt, sizeof(cmt) - 1, l, 2), 1);
    assert_string_equal(l[0].name, "yes");
    assert_int_equal(l[0].line, 3);
    ts_free_literals(l, 1);
    free(crlf);
    free(bundle);
    free(h);
}

static void test_c_escapes(void **state)
{
    (void)state;
    static const char src[] =
        "/* header \"with quotes\" */\n"                                                  /* 1 */
        "#include <stdio.h>\n"                                                            /* 2 */
        "// a line comment with a \" quote\n"                                             /* 3 */
        "const char plain[] = \"no begin here\";\n"                                       /* 4 */
        "static const char *esc = \"a\\nb\\rc\\td\\\"e\\\\f\\x41\\x7e\\101\\0g\\?\\'\"\n" /* 5 */
        "    /* between: \"quoted\" */ \"h\" // tail \"q\"\n"                             /* 6 */
        "    \"i\\\n"                                                                     /* 7 */
        "j\";\n"                                                                          /* 8 */
        "char c = '\"';\n"                                                                /* 9 */
        "#define SPLICED \\\n"                                                            /* 10 */
        "  \"-----BEGIN \" /* c */ \\\n"                                                  /* 11 */
        "  \"CERTIFICATE-----\\n\"\n"                                                     /* 12 */
        "#define FN(x) \"not a credential\"\n"                                            /* 13 */
        "int after = 1;\n";
    ts_literal l[8];
    int n = ts_c_literals(U8(src), SLEN(src), l, 8);
    assert_int_equal(n, 3);

    assert_string_equal(l[0].name, "plain");
    assert_int_equal(l[0].line, 4);
    assert_false(l[0].has_begin);
    assert_int_equal(l[0].len, 13);
    assert_memory_equal(l[0].content, "no begin here", 13);

    assert_string_equal(l[1].name, "esc");
    assert_int_equal(l[1].line, 5);
    static const uint8_t want[] = {'a', '\n', 'b', '\r', 'c', '\t', 'd',  '"', 'e', '\\', 'f',
                                   'A', '~',  'A', 0,    'g', '?',  '\'', 'h', 'i', 'j'};
    assert_int_equal(l[1].len, sizeof(want));
    assert_memory_equal(l[1].content, want, sizeof(want));

    assert_string_equal(l[2].name, "SPLICED");
    assert_int_equal(l[2].line, 11);
    assert_int_equal(l[2].len, 28);
    assert_memory_equal(l[2].content, "-----BEGIN CERTIFICATE-----\n", 28);
    ts_free_literals(l, 3);
}

static void test_c_errors(void **state)
{
    (void)state;
    certfit_c_iter it;
    certfit_c_literal lit;

    static const char unterminated[] = "int a;\n"
                                       "#define X \\\n"
                                       "  \"abc\\n\" \\\n"
                                       "  \"def\n"
                                       "\"\n";
    certfit_c_iter_init(&it, U8(unterminated), SLEN(unterminated));
    assert_int_equal(certfit_c_next(&it, &lit), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(it.error_line, 4);
    assert_int_equal(it.error_offset, 33);
    assert_int_equal(unterminated[it.error_offset], '"');

    static const char at_eof[] = "const char x[] = \"abc";
    certfit_c_iter_init(&it, U8(at_eof), SLEN(at_eof));
    assert_int_equal(certfit_c_next(&it, &lit), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(it.error_line, 1);
    assert_int_equal(it.error_offset, 17);

    static const char comment[] = "int a;\n\n/* never closed \"x\"\nconst char y[] = \"z\";\n";
    certfit_c_iter_init(&it, U8(comment), SLEN(comment));
    assert_int_equal(certfit_c_next(&it, &lit), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(it.error_line, 3);
    assert_int_equal(it.error_offset, 8);

    /* a good literal before a bad one is still returned */
    static const char good_then_bad[] = "const char a[] = \"ok\";\nconst char b[] = \"bad\n";
    certfit_c_iter_init(&it, U8(good_then_bad), SLEN(good_then_bad));
    assert_int_equal(certfit_c_next(&it, &lit), 1);
    assert_int_equal(lit.name.len, 1);
    assert_int_equal(lit.name.p[0], 'a');
    assert_int_equal(certfit_c_next(&it, &lit), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(it.error_line, 2);
    assert_int_equal(it.error_offset, 40);

    /* bad escapes in certfit_c_unescape, with the offset in the file */
    static const char badesc[] = "const char a[] = \"ab\\xZZ\";\n";
    certfit_c_iter_init(&it, U8(badesc), SLEN(badesc));
    assert_int_equal(certfit_c_next(&it, &lit), 1);
    uint8_t out[64];
    size_t n, bad;
    assert_int_equal(certfit_c_unescape(&lit, out, sizeof(out), &n, &bad), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(bad, 20);
    static const char bigoct[] = "const char a[] = \"\\777\";\n";
    certfit_c_iter_init(&it, U8(bigoct), SLEN(bigoct));
    assert_int_equal(certfit_c_next(&it, &lit), 1);
    assert_int_equal(certfit_c_unescape(&lit, out, sizeof(out), &n, &bad), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(bad, 18);
    static const char bighex[] = "const char a[] = \"\\x100\";\n";
    certfit_c_iter_init(&it, U8(bighex), SLEN(bighex));
    assert_int_equal(certfit_c_next(&it, &lit), 1);
    assert_int_equal(certfit_c_unescape(&lit, out, sizeof(out), &n, &bad), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(bad, 18);
    static const char unknown[] = "const char a[] = \"\\q\";\n";
    certfit_c_iter_init(&it, U8(unknown), SLEN(unknown));
    assert_int_equal(certfit_c_next(&it, &lit), 1);
    assert_int_equal(certfit_c_unescape(&lit, out, sizeof(out), &n, &bad), CERTFIT_ERR_C_SYNTAX);
    assert_int_equal(bad, 18);

    /* no literal at all */
    certfit_c_iter_init(&it, U8("int x = 1;\n"), 11);
    assert_int_equal(certfit_c_next(&it, &lit), 0);
}

/* ---- robustness: mutated PEM and C text ----------------------------------------- */

static uint32_t rng(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void mutate(uint8_t *m, size_t len, uint32_t *seed)
{
    static const char pick[] = "-\"\\\n\r/*x=AZ09 \t'";
    int flips = 1 + (int)(rng(seed) % 6);
    for (int k = 0; k < flips; k++) {
        size_t at = rng(seed) % len;
        m[at] = rng(seed) % 2 ? (uint8_t)pick[rng(seed) % (sizeof(pick) - 1)] : (uint8_t)rng(seed);
    }
}

static void test_mutations(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    size_t len;
    uint8_t *h = ts_fixture("gen/cheader-two-creds.h", &len);
    size_t plen;
    uint8_t *pem = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &plen);
    size_t lits = 0, blocks = 0;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = len - (rng(&seed) % 4 == 0 ? rng(&seed) % len : 0);
        uint8_t *m = malloc(n);
        memcpy(m, h, n);
        mutate(m, n, &seed);
        certfit_c_iter it;
        certfit_c_literal lit;
        certfit_c_iter_init(&it, m, n);
        int rc;
        int guard = 0;
        while ((rc = certfit_c_next(&it, &lit)) == 1 && guard++ < 100) {
            assert_true(lit.source.p >= m && lit.source.p + lit.source.len <= m + n);
            assert_true(lit.name.p >= m && lit.name.p + lit.name.len <= m + n);
            uint8_t *out = malloc(lit.source.len ? lit.source.len : 1);
            size_t olen, bad;
            if (certfit_c_unescape(&lit, out, lit.source.len, &olen, &bad) == 0)
                assert_true(olen <= lit.source.len);
            else
                assert_true(bad < n);
            free(out);
            lits++;
        }
        assert_true(guard < 100);
        if (rc < 0)
            assert_true(it.error_offset < n);
        free(m);

        /* a PEM bundle, mutated the same way */
        n = plen - (rng(&seed) % 4 == 0 ? rng(&seed) % plen : 0);
        m = malloc(n);
        memcpy(m, pem, n);
        mutate(m, n, &seed);
        certfit_pem_iter pit;
        certfit_pem_block b;
        certfit_pem_iter_init(&pit, m, n);
        guard = 0;
        while ((rc = certfit_pem_next(&pit, &b)) == 1 && guard++ < 100) {
            assert_true(b.body.p >= m && b.body.p + b.body.len <= m + n);
            assert_true(b.label.p >= m && b.label.p + b.label.len <= m + n);
            assert_true(b.begin_offset < b.end_offset && b.end_offset <= n);
            uint8_t *der = malloc(certfit_base64_max_decoded(b.body.len));
            size_t dl, bad;
            if (certfit_base64_decode(b.body.p, b.body.len, der,
                                      certfit_base64_max_decoded(b.body.len), &dl, &bad) != 0)
                assert_true(bad <= b.body.len);
            free(der);
            blocks++;
        }
        if (rc < 0)
            assert_true(pit.error_offset <= n);
        assert_true(pit.stray_bytes <= n);
        free(m);
    }
    free(pem);
    fprintf(stderr, "mutations: %zu literals, %zu PEM blocks\n", lits, blocks);
    assert_true(lits > 1000);
    assert_true(blocks > 1000);
    free(h);
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_pem_bundle_blocks),
        cmocka_unit_test(test_pem_kinds_and_lines),
        cmocka_unit_test(test_pem_stray_fixture),
        cmocka_unit_test(test_pem_crlf),
        cmocka_unit_test(test_pem_errors),
        cmocka_unit_test(test_pem_markers),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_base64_padding),
        cmocka_unit_test(test_base64_pem_body),
        cmocka_unit_test(test_base64_long),
        cmocka_unit_test(test_pem_long_lines),
        cmocka_unit_test(test_der_element_len),
        cmocka_unit_test(test_c_bundle_header),
        cmocka_unit_test(test_c_rootca_header),
        cmocka_unit_test(test_c_two_creds),
        cmocka_unit_test(test_c_crlf_header),
        cmocka_unit_test(test_c_escapes),
        cmocka_unit_test(test_c_errors),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
