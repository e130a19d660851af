/* A program outside the project that uses the installed libcertfit: built
 * once with find_package(certfit CONFIG) and once with pkg-config by
 * tests/consumers/run.sh. It checks the 2024-06 bundle (argv[1]) as a CA
 * credential under nrf91 and asserts the size figures and the finding. */
#include <certfit/certfit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_credential_size;

static void on_finding(void *ctx, const certfit_finding *f)
{
    (void)ctx;
    if (f->rule == CERTFIT_RULE_CREDENTIAL_SIZE && f->severity == CERTFIT_SEV_ERROR &&
        f->value == 5278 && f->limit == 4096)
        g_credential_size++;
    printf("finding %s %s value=%llu limit=%llu\n", certfit_rule_id(f->rule),
           certfit_severity_name(f->severity), (unsigned long long)f->value,
           (unsigned long long)f->limit);
}

#define EXPECT(cond)                                                                               \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "consumer: %s:%d: expected %s\n", __FILE__, __LINE__, #cond);          \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

int main(int argc, char **argv)
{
    static uint8_t text[65536];
    static uint64_t work[8192]; /* aligned to 8 */
    EXPECT(argc == 2);
    FILE *f = fopen(argv[1], "rb");
    EXPECT(f != NULL);
    size_t len = fread(text, 1, sizeof(text), f);
    fclose(f);

    certfit_profile profile;
    EXPECT(certfit_profile_get("nrf91", &profile) == 0);
    certfit_check_opts opts;
    certfit_check_opts_init(&opts, &profile);
    opts.now = 1767225600; /* 2026-01-01T00:00:00Z */
    opts.clock_set = true;

    certfit_item item;
    memset(&item, 0, sizeof(item));
    item.format = certfit_input_detect(text, len);
    item.text.p = text;
    item.text.len = len;
    item.first_line = 1;
    item.lines_known = true;
    EXPECT(item.format == CERTFIT_FORMAT_PEM);
    EXPECT(certfit_check_work_size(&item) <= sizeof(work));

    certfit_sink sink = {NULL, on_finding, NULL};
    certfit_result res;
    EXPECT(certfit_check(&item, &opts, (uint8_t *)work, sizeof(work), &sink, &res) == 0);
    printf("certfit %s: certs=%u der_total=%llu credential_bytes=%llu cmng_read_response=%llu "
           "tls12_certificate_message=%llu tls13_certificate_message=%llu\n",
           CERTFIT_VERSION_STRING, res.sizes.certs, (unsigned long long)res.sizes.der_total,
           (unsigned long long)res.sizes.credential_bytes,
           (unsigned long long)res.sizes.cmng_read_response,
           (unsigned long long)res.sizes.tls12_certificate_message,
           (unsigned long long)res.sizes.tls13_certificate_message);
    EXPECT(res.sizes.certs == 3);
    EXPECT(res.sizes.der_total == 3773);
    EXPECT(res.sizes.credential_bytes == 5278);
    EXPECT(res.sizes.cmng_read_response == 5374);
    EXPECT(res.sizes.tls12_certificate_message == 3789);
    EXPECT(res.sizes.tls13_certificate_message == 3796);
    EXPECT(g_credential_size == 1);
    EXPECT(res.has_first);
    EXPECT(res.counts[CERTFIT_SEV_ERROR] >= 1);
    printf("consumer: ok\n");
    return 0;
}
