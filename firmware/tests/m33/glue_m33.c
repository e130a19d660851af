/*
 * The Zephyr glue on the nRF9160's core: a Cortex-M33 image for QEMU
 * mps2-an505 (firmware/m33's harness: exit 0 pass, 1 a check failed, 120
 * something allocated, 121 a fault) with the library built as the device
 * builds it, the host fakes of logging, kernel and modem_key_mgmt, and
 * Kconfig's default work buffer (CMake reads it from firmware/Kconfig),
 * built twice: as the device's default (no finding text: 1320) and with
 * CONFIG_CERTFIT_FINDING_TEXT (1912).
 * It shows, with the device's word size and state, that the default checks
 * the largest block body a 4096-byte credential can have, and that the
 * course's bundle is refused before the modem.
 */
#include <errno.h>
#include <stdio.h>

#include "certfit_modem.h"
#include "fake_log.h"
#include "fake_modem.h"
#include "fw_widest.h"
#include "m33_harness.h"
#include <zephyr/logging/log.h>

const uint8_t *m33_fixture(const char *name, size_t *len);

static int g_failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                 \
            g_failures++;                                                                          \
        }                                                                                          \
    } while (0)

int main(void)
{
    /* Kconfig's default is the glue's CERTFIT_MODEM_WORK_SIZE here */
    CHECK(CONFIG_CERTFIT_WORK_BUFFER_SIZE == CERTFIT_MODEM_WORK_SIZE);
#if CERTFIT_CONFIG_STREAM && CERTFIT_CONFIG_FINDING_TEXT
    CHECK(CONFIG_CERTFIT_WORK_BUFFER_SIZE == 1912);
    CHECK(CERTFIT_CHECK_STATE_SIZE == 1136);
#elif CERTFIT_CONFIG_STREAM
    CHECK(CONFIG_CERTFIT_WORK_BUFFER_SIZE == 1320);
    CHECK(CERTFIT_CHECK_STATE_SIZE == 544);
#elif CERTFIT_CONFIG_FINDING_TEXT
    CHECK(CONFIG_CERTFIT_WORK_BUFFER_SIZE == 6984);
    CHECK(CERTFIT_CHECK_STATE_SIZE == 688);
#else
    CHECK(CONFIG_CERTFIT_WORK_BUFFER_SIZE == 6864);
    CHECK(CERTFIT_CHECK_STATE_SIZE == 568);
#endif

    size_t len;
    const uint8_t *pem = m33_fixture("gen/size-readback.pem", &len);
    CHECK(pem != NULL && len == 4048);
    static char cred[FW_WIDEST_LIMIT];
    unsigned width = 0;
    size_t n = pem != NULL ? fw_widest_credential(pem, len, cred, &width) : 0;
    CHECK(n == 4096 && width == 36);

    fake_modem_reset();
    fake_log_reset();
    int err = certfit_modem_provision(24, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, cred, n);
    const certfit_guard_verdict *v = certfit_modem_last_verdict();
    printf("glue: 4096-byte credential: %d, work needed %u of %u\n", err, (unsigned)v->work_needed,
           (unsigned)CONFIG_CERTFIT_WORK_BUFFER_SIZE);
    CHECK(err == 0);
#if CERTFIT_CONFIG_STREAM
    /* nothing decoded is kept: the state, the table, the slack */
    CHECK(v->work_needed == 136 + CERTFIT_CHECK_STATE_SIZE);
#else
    CHECK(v->work_needed == 3176 + CERTFIT_CHECK_STATE_SIZE);
#endif
    CHECK(g_modem.write_calls == 1 && g_modem.stored_len == 4096);
    CHECK(!g_modem.crashed && g_modem.cmp_calls == 0);

    const uint8_t *bundle = m33_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    fake_modem_reset();
    fake_log_reset();
    err = bundle != NULL
              ? certfit_modem_provision(24, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN, bundle, len)
              : 0;
    const char *line = fake_log_line(LOG_LEVEL_ERR, 0);
    printf("glue: bundle: %d, %s\n", err, line != NULL ? line : "(no line)");
    CHECK(err == -EFBIG);
    CHECK(fake_modem_calls() == 0);
    /* without CONFIG_CERTFIT_FINDING_TEXT the message is the finding's numbers */
#if CERTFIT_CONFIG_FINDING_TEXT
    const char *want = "certfit: credential-size: credential is 5278 bytes; the limit is 4096 (1182 "
                       "over), not written to sec_tag 24";
#else
    const char *want = "certfit: credential-size: value=5278 limit=4096, not written to "
                       "sec_tag 24";
#endif
    CHECK(line != NULL && strcmp(line, want) == 0);

    printf("glue: %s\n", g_failures == 0 ? "ok" : "FAILED");
    return g_failures == 0 ? 0 : 1;
}
