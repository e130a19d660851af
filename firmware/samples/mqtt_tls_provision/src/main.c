/*
 * MQTT over TLS on the nRF9160, in the shape of the cellular IoT course's
 * MQTT-over-TLS exercise, with one change: the broker's CA is provisioned
 * through certfit_modem_provision() instead of modem_key_mgmt_write(), while
 * the modem is still offline. A credential the modem cannot take (like the
 * 5278-byte bundle that crashed it) is refused with one log line, e.g.
 *
 *   <err> certfit: credential-size: value=5278 limit=4096, not written to sec_tag 24
 *
 * and the sample stops before LTE connects.
 */
#include <errno.h>
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>
#include <zephyr/net/mqtt.h>
#include <zephyr/net/socket.h>
/* Zephyr 3.5 moved the generated version header under zephyr/; nRF Connect
 * SDK 2.0 to 2.4 (Zephyr 3.0 to 3.4) have only <version.h> */
#if __has_include(<zephyr/version.h>)
#include <zephyr/version.h>
#else
#include <version.h>
#endif

#include <modem/lte_lc.h>
#include <modem/modem_key_mgmt.h>
#include <modem/nrf_modem_lib.h>

#include <certfit_modem.h>

#include "certificate.h"

LOG_MODULE_REGISTER(mqtt_tls_provision, LOG_LEVEL_INF);

static K_SEM_DEFINE(lte_connected, 0, 1);

static struct mqtt_client client;
static struct sockaddr_storage broker;
static uint8_t rx_buffer[CONFIG_MQTT_MESSAGE_BUFFER_SIZE];
static uint8_t tx_buffer[CONFIG_MQTT_MESSAGE_BUFFER_SIZE];
static sec_tag_t sec_tag_list[] = {CONFIG_MQTT_TLS_SEC_TAG};

/* Store the broker's CA in the modem; the modem must be offline. */
static int certificate_provision(void)
{
    /* sizeof counts the string's NUL: certfit does not write it */
    int err = certfit_modem_provision(CONFIG_MQTT_TLS_SEC_TAG, MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN,
                                      CA_CERTIFICATE, sizeof(CA_CERTIFICATE));
    if (err) {
        /* certfit has logged the rule and the numbers */
        LOG_ERR("CA certificate not provisioned: %d", err);
        return err;
    }
    const certfit_guard_verdict *v = certfit_modem_last_verdict();
    LOG_INF("CA certificate: %u bytes, read-back %u bytes",
            (unsigned int)v->check.sizes.credential_bytes,
            (unsigned int)v->check.sizes.cmng_read_response);
    return 0;
}

static void lte_handler(const struct lte_lc_evt *const evt)
{
    if (evt->type != LTE_LC_EVT_NW_REG_STATUS) {
        return;
    }
    if (evt->nw_reg_status == LTE_LC_NW_REG_REGISTERED_HOME ||
        evt->nw_reg_status == LTE_LC_NW_REG_REGISTERED_ROAMING) {
        LOG_INF("Registered (%s)",
                evt->nw_reg_status == LTE_LC_NW_REG_REGISTERED_HOME ? "home" : "roaming");
        k_sem_give(&lte_connected);
    }
}

static void mqtt_evt_handler(struct mqtt_client *const c, const struct mqtt_evt *evt)
{
    ARG_UNUSED(c);
    switch (evt->type) {
    case MQTT_EVT_CONNACK:
        LOG_INF("MQTT connected: %d", evt->result);
        break;
    case MQTT_EVT_DISCONNECT:
        LOG_INF("MQTT disconnected: %d", evt->result);
        break;
    case MQTT_EVT_PUBACK:
        LOG_INF("PUBACK %u", evt->param.puback.message_id);
        break;
    default:
        break;
    }
}

static int broker_init(void)
{
    /* Zephyr's zsock_ names: the POSIX ones depend on CONFIG_POSIX_API or
     * CONFIG_NET_SOCKETS_POSIX_NAMES, whose meaning changed across 3.x */
    struct zsock_addrinfo *result;
    struct zsock_addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
    int err = zsock_getaddrinfo(CONFIG_MQTT_BROKER_HOSTNAME, NULL, &hints, &result);

    if (err) {
        LOG_ERR("getaddrinfo(%s): %d", CONFIG_MQTT_BROKER_HOSTNAME, err);
        return -EHOSTUNREACH;
    }
    struct sockaddr_in *b4 = (struct sockaddr_in *)&broker;

    b4->sin_family = AF_INET;
    b4->sin_addr.s_addr = ((struct sockaddr_in *)result->ai_addr)->sin_addr.s_addr;
    b4->sin_port = htons(CONFIG_MQTT_BROKER_PORT);
    zsock_freeaddrinfo(result);
    return 0;
}

static int client_init(void)
{
    int err = broker_init();

    if (err) {
        return err;
    }
    mqtt_client_init(&client);
    client.broker = &broker;
    client.evt_cb = mqtt_evt_handler;
    client.client_id.utf8 = (const uint8_t *)CONFIG_MQTT_CLIENT_ID;
    client.client_id.size = strlen(CONFIG_MQTT_CLIENT_ID);
    client.protocol_version = MQTT_VERSION_3_1_1;
    client.rx_buf = rx_buffer;
    client.rx_buf_size = sizeof(rx_buffer);
    client.tx_buf = tx_buffer;
    client.tx_buf_size = sizeof(tx_buffer);

    /* TLS in the modem, with the CA provisioned above */
    struct mqtt_sec_config *tls = &client.transport.tls.config;

    client.transport.type = MQTT_TRANSPORT_SECURE;
    tls->peer_verify = TLS_PEER_VERIFY_REQUIRED;
    tls->cipher_list = NULL;
    tls->cipher_count = 0;
    tls->sec_tag_list = sec_tag_list;
    tls->sec_tag_count = ARRAY_SIZE(sec_tag_list);
    tls->hostname = CONFIG_MQTT_BROKER_HOSTNAME;
    return 0;
}

static int publish_hello(void)
{
    static const char msg[] = "hello from a credential certfit let through";
    struct mqtt_publish_param param = {
        .message.topic.qos = MQTT_QOS_1_AT_LEAST_ONCE,
        .message.topic.topic.utf8 = (const uint8_t *)CONFIG_MQTT_PUB_TOPIC,
        .message.topic.topic.size = strlen(CONFIG_MQTT_PUB_TOPIC),
        .message.payload.data = (uint8_t *)msg,
        .message.payload.len = sizeof(msg) - 1,
        .message_id = 1,
    };

    return mqtt_publish(&client, &param);
}

int main(void)
{
    int err = nrf_modem_lib_init();

    if (err) {
        LOG_ERR("Modem library: %d", err);
        return 0;
    }

    /* Before LTE connects: credentials can only be written offline. */
    if (certificate_provision() != 0) {
        return 0;
    }

    LOG_INF("Connecting to LTE");
    err = lte_lc_connect_async(lte_handler);
    if (err) {
        LOG_ERR("lte_lc_connect_async: %d", err);
        return 0;
    }
    k_sem_take(&lte_connected, K_FOREVER);

    err = client_init();
    if (err) {
        return 0;
    }
    err = mqtt_connect(&client);
    if (err) {
        LOG_ERR("mqtt_connect: %d", err);
        return 0;
    }

    struct zsock_pollfd fds = {.fd = client.transport.tls.sock, .events = ZSOCK_POLLIN};
    bool published = false;

    while (true) {
        err = zsock_poll(&fds, 1, mqtt_keepalive_time_left(&client));
        if (err < 0) {
            LOG_ERR("poll: %d", errno);
            break;
        }
        err = mqtt_live(&client);
        if (err && err != -EAGAIN) {
            LOG_ERR("mqtt_live: %d", err);
            break;
        }
        if (fds.revents & ZSOCK_POLLIN) {
            err = mqtt_input(&client);
            if (err) {
                LOG_ERR("mqtt_input: %d", err);
                break;
            }
            if (!published && publish_hello() == 0) {
                published = true;
            }
        }
        if (fds.revents & (ZSOCK_POLLERR | ZSOCK_POLLNVAL)) {
            LOG_ERR("socket error");
            break;
        }
    }
    /* Zephyr 4.2 (nRF Connect SDK 3.x) added the MQTT 5.0 parameters: NULL
     * for MQTT 3.1.1. Zephyr 3.x (nRF Connect SDK 2.x) takes the client only. */
#if ZEPHYR_VERSION_CODE >= ZEPHYR_VERSION(4, 2, 0)
    mqtt_disconnect(&client, NULL);
#else
    mqtt_disconnect(&client);
#endif
    return 0;
}
