/*
 * Host fake of the parts of Zephyr's <zephyr/net/mqtt.h> the sample uses,
 * with mqtt_disconnect() as the Zephyr version in <zephyr/version.h> has it:
 * one argument before Zephyr 4.2 (nRF Connect SDK 2.x), two from 4.2 on
 * (the MQTT 5.0 parameters; Zephyr's migration guide to 4.2).
 */
#ifndef ZEPHYR_INCLUDE_NET_MQTT_H_
#define ZEPHYR_INCLUDE_NET_MQTT_H_

#include <stddef.h>
#include <stdint.h>

#include <zephyr/net/socket.h>
#if __has_include(<zephyr/version.h>)
#include <zephyr/version.h>
#else
#include <version.h> /* before Zephyr 3.5 */
#endif

enum mqtt_evt_type { MQTT_EVT_CONNACK, MQTT_EVT_DISCONNECT, MQTT_EVT_PUBLISH, MQTT_EVT_PUBACK };
enum mqtt_version { MQTT_VERSION_3_1 = 3, MQTT_VERSION_3_1_1 = 4 };
enum mqtt_qos { MQTT_QOS_0_AT_MOST_ONCE, MQTT_QOS_1_AT_LEAST_ONCE, MQTT_QOS_2_EXACTLY_ONCE };
enum mqtt_transport_type { MQTT_TRANSPORT_NON_SECURE, MQTT_TRANSPORT_SECURE };

struct mqtt_utf8 {
    const uint8_t *utf8;
    uint32_t size;
};
struct mqtt_binstr {
    uint8_t *data;
    uint32_t len;
};
struct mqtt_topic {
    struct mqtt_utf8 topic;
    uint8_t qos;
};
struct mqtt_publish_message {
    struct mqtt_topic topic;
    struct mqtt_binstr payload;
};
struct mqtt_publish_param {
    struct mqtt_publish_message message;
    uint16_t message_id;
};
struct mqtt_puback_param {
    uint16_t message_id;
};
struct mqtt_evt {
    enum mqtt_evt_type type;
    union {
        struct mqtt_puback_param puback;
    } param;
    int result;
};
struct mqtt_sec_config {
    int peer_verify;
    uint32_t cipher_count;
    const int *cipher_list;
    uint32_t sec_tag_count;
    const sec_tag_t *sec_tag_list;
    const char *hostname;
};
struct mqtt_client;
typedef void (*mqtt_evt_cb_t)(struct mqtt_client *client, const struct mqtt_evt *evt);
struct mqtt_client {
    struct {
        enum mqtt_transport_type type;
        struct {
            struct mqtt_sec_config config;
            int sock;
        } tls;
    } transport;
    struct mqtt_utf8 client_id;
    const void *broker;
    mqtt_evt_cb_t evt_cb;
    uint8_t *rx_buf;
    uint32_t rx_buf_size;
    uint8_t *tx_buf;
    uint32_t tx_buf_size;
    uint8_t protocol_version;
};

void mqtt_client_init(struct mqtt_client *client);
int mqtt_connect(struct mqtt_client *client);
int mqtt_publish(struct mqtt_client *client, const struct mqtt_publish_param *param);
int mqtt_input(struct mqtt_client *client);
int mqtt_live(struct mqtt_client *client);
int mqtt_keepalive_time_left(const struct mqtt_client *client);
#if ZEPHYR_VERSION_CODE >= ZEPHYR_VERSION(4, 2, 0)
struct mqtt_disconnect_param;
int mqtt_disconnect(struct mqtt_client *client, const struct mqtt_disconnect_param *param);
#else
int mqtt_disconnect(struct mqtt_client *client);
#endif

#endif
