/*
 * Host fake of nRF Connect SDK's <modem/modem_key_mgmt.h> (v2.x): the same
 * types and prototypes (sdk-nrf include/modem/modem_key_mgmt.h), backed by
 * an in-memory credential store in fake_modem.c. nrf_sec_tag_t comes from
 * nrfxlib's nrf_socket.h on a device.
 */
#ifndef MODEM_KEY_MGMT_H__
#define MODEM_KEY_MGMT_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t nrf_sec_tag_t;

enum modem_key_mgmt_cred_type {
    MODEM_KEY_MGMT_CRED_TYPE_CA_CHAIN,
    MODEM_KEY_MGMT_CRED_TYPE_PUBLIC_CERT,
    MODEM_KEY_MGMT_CRED_TYPE_PRIVATE_CERT,
    MODEM_KEY_MGMT_CRED_TYPE_PSK,
    MODEM_KEY_MGMT_CRED_TYPE_IDENTITY
};

int modem_key_mgmt_write(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                         const void *buf, size_t len);
int modem_key_mgmt_delete(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type);
int modem_key_mgmt_read(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type, void *buf,
                        size_t *len);
int modem_key_mgmt_cmp(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                       const void *buf, size_t len);
int modem_key_mgmt_exists(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                          bool *exists);

#endif
