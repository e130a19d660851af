/*
 * Control and inspection of the fake modem: one credential slot (the tag
 * and type of the last write), call counters, injected error codes, and a
 * "crashed" flag set when a read-back would not fit modem_key_mgmt's
 * 4096-byte buffer (what crashed the nRF9160 in docs/design.md section 1) or cmp
 * is called with an empty buffer (it reads buf[len - 1]). read and cmp
 * follow nRF Connect SDK's documented semantics: read returns -ENOMEM with
 * *len set to the size needed; cmp strips one trailing newline from both
 * sides and returns 0 when equal, 1 when different, -EINVAL for NULL.
 */
#ifndef CERTFIT_FAKE_MODEM_H
#define CERTFIT_FAKE_MODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <modem/modem_key_mgmt.h>

#define FAKE_MODEM_STORE_SIZE    16384
#define FAKE_MODEM_READBACK_SIZE 4096 /* sdk-nrf modem_key_mgmt scratch buffer */

typedef struct fake_modem {
    /* the stored credential */
    bool present;
    nrf_sec_tag_t sec_tag;
    enum modem_key_mgmt_cred_type cred_type;
    uint8_t stored[FAKE_MODEM_STORE_SIZE];
    size_t stored_len;
    /* calls */
    unsigned exists_calls, cmp_calls, write_calls, delete_calls, read_calls;
    /* errors to return (0: behave) */
    int exists_err, cmp_err, write_err, delete_err;
    /* a read-back larger than the buffer was attempted */
    bool crashed;
} fake_modem;

extern fake_modem g_modem;

/* Empty store, no errors, counters zero. */
void fake_modem_reset(void);
/* Pretend the modem already holds this credential. */
void fake_modem_store(nrf_sec_tag_t tag, enum modem_key_mgmt_cred_type type, const void *buf,
                      size_t len);
/* Number of calls of any modem_key_mgmt function. */
unsigned fake_modem_calls(void);

#endif
