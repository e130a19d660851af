/*
 * The network side of the sample (firmware/samples/mqtt_tls_provision) on
 * the host: LTE registers at once, the broker resolves to a fixed address,
 * MQTT calls are counted; the first poll reports data (the sample
 * publishes), the second an error (the sample disconnects and returns).
 * Compiled against the <zephyr/version.h> of the build (Zephyr 3.x or 4.x)
 * so that mqtt_disconnect() has that version's signature.
 */
#include <stddef.h>

#include "fake_sample.h"

fake_sample g_sample;

int nrf_modem_lib_init(void)
{
    g_sample.modem_init_calls++;
    return 0;
}

int lte_lc_connect_async(lte_lc_evt_handler_t handler)
{
    struct lte_lc_evt evt = {LTE_LC_EVT_NW_REG_STATUS, LTE_LC_NW_REG_REGISTERED_HOME};
    handler(&evt);
    return 0;
}

int zsock_getaddrinfo(const char *host, const char *service, const struct zsock_addrinfo *hints,
                      struct zsock_addrinfo **res)
{
    static struct sockaddr_in addr = {AF_INET, 0, {0x0100007fu}};
    static struct zsock_addrinfo ai = {AF_INET, SOCK_STREAM, (struct sockaddr *)&addr};
    (void)service;
    (void)hints;
    g_sample.host = host;
    *res = &ai;
    return 0;
}

void zsock_freeaddrinfo(struct zsock_addrinfo *ai)
{
    (void)ai;
}

int zsock_poll(struct zsock_pollfd *fds, int nfds, int timeout)
{
    (void)nfds;
    (void)timeout;
    if (g_sample.polls++ == 0) {
        fds[0].revents = ZSOCK_POLLIN;
        return 1;
    }
    return -1;
}

void mqtt_client_init(struct mqtt_client *client)
{
    (void)client;
}

int mqtt_connect(struct mqtt_client *client)
{
    g_sample.connect_calls++;
    g_sample.sec_tag = client->transport.tls.config.sec_tag_list[0];
    return 0;
}

int mqtt_publish(struct mqtt_client *client, const struct mqtt_publish_param *param)
{
    (void)client;
    g_sample.publish_calls++;
    g_sample.publish_len = param->message.payload.len;
    return 0;
}

int mqtt_input(struct mqtt_client *client)
{
    (void)client;
    return 0;
}

int mqtt_live(struct mqtt_client *client)
{
    (void)client;
    return 0;
}

int mqtt_keepalive_time_left(const struct mqtt_client *client)
{
    (void)client;
    return 1000;
}

#if ZEPHYR_VERSION_CODE >= ZEPHYR_VERSION(4, 2, 0)
int mqtt_disconnect(struct mqtt_client *client, const struct mqtt_disconnect_param *param)
{
    (void)client;
    g_sample.disconnect_calls++;
    g_sample.disconnect_args = 2;
    g_sample.disconnect_param_null = param == NULL;
    return 0;
}
#else
int mqtt_disconnect(struct mqtt_client *client)
{
    (void)client;
    g_sample.disconnect_calls++;
    g_sample.disconnect_args = 1;
    return 0;
}
#endif
