/* What the sample did on the host (fake_sample.c). */
#ifndef CERTFIT_FAKE_SAMPLE_H
#define CERTFIT_FAKE_SAMPLE_H

#include <stdbool.h>

#include <modem/lte_lc.h>
#include <modem/nrf_modem_lib.h>
#include <zephyr/net/mqtt.h>

typedef struct fake_sample {
    unsigned modem_init_calls, connect_calls, publish_calls, disconnect_calls, polls;
    unsigned disconnect_args; /* 1: Zephyr 3.x's mqtt_disconnect, 2: 4.2's */
    bool disconnect_param_null;
    const char *host;
    int sec_tag;
    unsigned publish_len;
} fake_sample;

extern fake_sample g_sample;

#endif
