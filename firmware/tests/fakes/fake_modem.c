/* The fake modem credential store behind fakes/modem/modem_key_mgmt.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fake_modem.h"

fake_modem g_modem;

void fake_modem_reset(void)
{
    memset(&g_modem, 0, sizeof(g_modem));
}

void fake_modem_store(nrf_sec_tag_t tag, enum modem_key_mgmt_cred_type type, const void *buf,
                      size_t len)
{
    g_modem.present = true;
    g_modem.sec_tag = tag;
    g_modem.cred_type = type;
    memcpy(g_modem.stored, buf, len);
    g_modem.stored_len = len;
}

unsigned fake_modem_calls(void)
{
    return g_modem.exists_calls + g_modem.cmp_calls + g_modem.write_calls + g_modem.delete_calls +
           g_modem.read_calls;
}

static bool holds(nrf_sec_tag_t tag, enum modem_key_mgmt_cred_type type)
{
    return g_modem.present && g_modem.sec_tag == tag && g_modem.cred_type == type;
}

/* %CMNG: <tag>,<type>,"<sha256>","<content>"\r\nOK\r\n and the NUL */
static size_t readback_len(nrf_sec_tag_t tag, enum modem_key_mgmt_cred_type type)
{
    char head[32];
    int n = snprintf(head, sizeof(head), "%%CMNG: %u,%d,\"", (unsigned)tag, (int)type);
    return (size_t)n + 64 + 3 + g_modem.stored_len + 7 + 1;
}

int modem_key_mgmt_write(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                         const void *buf, size_t len)
{
    g_modem.write_calls++;
    if (g_modem.write_err != 0)
        return g_modem.write_err;
    if (buf == NULL || len == 0 || len > FAKE_MODEM_STORE_SIZE)
        return -EINVAL;
    fake_modem_store(sec_tag, cred_type, buf, len);
    return 0;
}

int modem_key_mgmt_delete(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type)
{
    g_modem.delete_calls++;
    if (g_modem.delete_err != 0)
        return g_modem.delete_err;
    if (!holds(sec_tag, cred_type))
        return -ENOENT;
    g_modem.present = false;
    g_modem.stored_len = 0;
    return 0;
}

/* modem_key_mgmt_read: the credential's text; -ENOMEM with *len set to the
 * size needed when the buffer is short (sdk-nrf lib/modem_key_mgmt). */
int modem_key_mgmt_read(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type, void *buf,
                        size_t *len)
{
    g_modem.read_calls++;
    if (buf == NULL || len == NULL)
        return -EINVAL;
    if (!holds(sec_tag, cred_type))
        return -ENOENT;
    if (readback_len(sec_tag, cred_type) > FAKE_MODEM_READBACK_SIZE)
        g_modem.crashed = true; /* the real read-back overruns here */
    if (*len < g_modem.stored_len) {
        *len = g_modem.stored_len;
        return -ENOMEM;
    }
    memcpy(buf, g_modem.stored, g_modem.stored_len);
    *len = g_modem.stored_len;
    return 0;
}

/* One trailing newline is not part of the comparison (sdk-nrf strips it
 * from the stored value and from the buffer alike). */
static size_t without_newline(const uint8_t *p, size_t len)
{
    return len > 0 && p[len - 1] == '\n' ? len - 1 : len;
}

/* modem_key_mgmt_cmp: 0 equal, 1 different, negative errno. The real one
 * reads buf[len - 1] without checking len: a call with len 0 reads out of
 * bounds, flagged here as a crash. */
int modem_key_mgmt_cmp(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                       const void *buf, size_t len)
{
    g_modem.cmp_calls++;
    if (g_modem.cmp_err != 0)
        return g_modem.cmp_err;
    if (buf == NULL)
        return -EINVAL;
    if (len == 0) {
        g_modem.crashed = true;
        return -EINVAL;
    }
    if (!holds(sec_tag, cred_type))
        return -ENOENT;
    if (readback_len(sec_tag, cred_type) > FAKE_MODEM_READBACK_SIZE) {
        g_modem.crashed = true; /* the real read-back overruns here */
        return -ENOBUFS;
    }
    size_t a = without_newline(g_modem.stored, g_modem.stored_len);
    size_t b = without_newline(buf, len);
    return (a == b && memcmp(buf, g_modem.stored, a) == 0) ? 0 : 1;
}

int modem_key_mgmt_exists(nrf_sec_tag_t sec_tag, enum modem_key_mgmt_cred_type cred_type,
                          bool *exists)
{
    g_modem.exists_calls++;
    if (g_modem.exists_err != 0)
        return g_modem.exists_err;
    *exists = holds(sec_tag, cred_type);
    return 0;
}
