/* certfit probe: a TLS 1.2 handshake that offers what the nRF91 modem
 * offers (docs/design.md section 1), the server's chain captured from the bytes
 * on the wire, then linted as role server like `certfit check`. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define CERTFIT_COMPAT_SSL
#include "compat.h"
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pem.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>

#include "cli.h"
#include "json.h"

#if !defined(MBEDTLS_SSL_CLI_C) || !defined(MBEDTLS_SSL_PROTO_TLS1_2) ||                           \
    !defined(MBEDTLS_CTR_DRBG_C) || !defined(MBEDTLS_ENTROPY_C)
#error "certfit probe needs Mbed TLS with SSL_CLI_C, SSL_PROTO_TLS1_2, CTR_DRBG_C, ENTROPY_C"
#endif

/* Bytes the server may send before the handshake ends (a chain of a few
 * RSA-4096 certificates is under 10 KiB; TLS records are at most 16 KiB). */
#define PROBE_RECV_CAP        (256u * 1024u)
#define PROBE_SEND_CAP        (16u * 1024u)
#define PROBE_DEFAULT_PORT    "8883"
#define PROBE_DEFAULT_TIMEOUT 10

/* ---- the modem's offer ----------------------------------------------------- */

/*
 * The nRF91 modem's cipher suites in its order (nrfxlib nrf_socket.h).
 * 0x00FF, TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746), is in the modem's
 * list too but is not a cipher suite: Mbed TLS appends it to every initial
 * ClientHello by itself, so it is not configured here and the wire offer
 * still carries it (at the end rather than in the middle; order only matters
 * to a server that honours the client's preference).
 */
static const int k_modem_suites[] = {
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, /* C024 */
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,    /* C00A */
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, /* C023 */
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,    /* C009 */
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,      /* C014 */
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,   /* C027 */
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,      /* C013 */
    MBEDTLS_TLS_PSK_WITH_AES_256_CBC_SHA,            /* 008D */
    MBEDTLS_TLS_PSK_WITH_AES_128_CBC_SHA256,         /* 00AE */
    MBEDTLS_TLS_PSK_WITH_AES_128_CBC_SHA,            /* 008C */
    MBEDTLS_TLS_PSK_WITH_AES_128_CCM_8,              /* C0A8 */
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, /* C02B */
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,   /* C030 */
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,   /* C02F */
    0,
};
#define MODEM_SUITES       (sizeof(k_modem_suites) / sizeof(k_modem_suites[0]) - 1)
#define SCSV_RENEGOTIATION 0x00FFu

/* Mbed TLS offers PSK suites only when a PSK is configured; the modem offers
 * them always. A placeholder PSK makes the wire offer match; a server that
 * picks a PSK suite then fails the handshake, which is reported as such. */
static const unsigned char k_psk[16] = {0};
static const char k_psk_identity[] = "certfit-probe";

/* ---- options ---------------------------------------------------------------- */

static const char k_probe_usage[] =
    "usage: certfit probe [options] HOST[:PORT]\n"
    "\n"
    "A TLS handshake that offers what the nRF91 modem offers (TLS 1.2 only, the modem's\n"
    "cipher suites, SNI), capture of the certificate chain the server sends, then the\n"
    "same lint as 'certfit check --role server'. PORT defaults to 8883; an IPv6 address\n"
    "is written in brackets ([::1]:8883). With --ca, whether a device holding those\n"
    "CA credentials would accept the chain.\n"
    "\n"
    "      --timeout SECONDS  connect + handshake time limit (default 10)\n"
    "      --servername NAME  SNI to send (default HOST; none for an IP address)\n"
    "      --save FILE        write the received chain as PEM to FILE\n"
    "  -p, --profile NAME     nrf91 (default), nrf91-p384-selfsigned, generic\n"
    "      --policy FILE      a policy file (key = value) overriding the profile\n"
    "      --host NAME        check the leaf's subjectAltName against NAME (default HOST)\n"
    "      --now TIME         RFC 3339 time to check validity at (default: now)\n"
    "  -f, --format F         text (default), json, sarif\n"
    "      --fail-on LEVEL    error (default), warning, notice, never\n"
    "      --skip RULE[,..]   skip rules (e.g. cipher-suite, tls-version, root-in-chain)\n"
    "      --no-signatures    do not verify signatures\n"
    "      --ca FILE          (repeatable) a CA credential the device holds: is the chain\n"
    "                         trusted? (anchor-missing, chain-incomplete)\n"
    "      --trust-store PATH roots that name what to provision (default\n"
    "                         /etc/ssl/certs/ca-certificates.crt, when present)\n"
    "  -q, --quiet            only a failing item and the summary\n"
    "  -o, --output FILE      write the report to FILE\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit codes: 0 pass, 1 findings at or above --fail-on (cipher-suite and tls-version\n"
    "included), 2 usage error, DNS failure, refused connection, timeout, or a peer that\n"
    "does not speak TLS.\n";

typedef struct probe_opts {
    int timeout;
    const char *servername;
    const char *save;
    char host[256];
    char port[16];
    char display[300];
} probe_opts;

/* A value for a probe-only option: "--opt=VALUE" or "--opt VALUE". */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc)
        return "";
    return argv[++*i];
}

/* A check option that takes its value in the next argument. */
static bool takes_value(const char *a)
{
    static const char *const k[] = {
        "-p",       "-r",       "-f",         "-o",           "--profile", "--role",
        "--policy", "--host",   "--now",      "--sec-tag",    "--format",  "--fail-on",
        "--skip",   "--output", "--max-size", "--extensions", "--ca",      "--trust-store"};
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
        if (strcmp(a, k[i]) == 0)
            return true;
    return false;
}

/* Take --timeout, --servername, --save (and --help) out of argv and move
 * HOST[:PORT] behind the options, so that options may follow the target;
 * the rest is parsed exactly like `certfit check`. Returns 0, 1 for help, -1. */
static int take_probe_opts(int argc, char **argv, probe_opts *po, int *argc_out, char **rest)
{
    int n = 0, npos = 0;
    char **pos = rest + argc; /* rest has room for 2 * argc + 1 entries */
    rest[n++] = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                pos[npos++] = argv[i];
            break;
        }
        if (strncmp(a, "-r", 2) == 0 || strncmp(a, "--role", 6) == 0) {
            usage_error("probe", "%s: probe always lints the chain as role server", a);
            return -1;
        }
        if (a[0] != '-' || a[1] == '\0') {
            pos[npos++] = argv[i];
            continue;
        }
        if (takes_value(a) && i + 1 < argc) {
            rest[n++] = argv[i++];
            rest[n++] = argv[i];
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            return 1;
        if ((strcmp(a, "--timeout") == 0 || strcmp(a, "--servername") == 0 ||
             strcmp(a, "--save") == 0) &&
            i + 1 >= argc) {
            usage_error("probe", "option '%s' needs an argument", a);
            return -1;
        }
        if ((v = opt_value(argc, argv, &i, "--timeout")) != NULL) {
            char *end;
            errno = 0;
            long t = strtol(v, &end, 10);
            if (errno || *end || end == v || t < 1 || t > 3600) {
                usage_error("probe", "--timeout: '%s' is not a number of seconds in 1..3600", v);
                return -1;
            }
            po->timeout = (int)t;
        } else if ((v = opt_value(argc, argv, &i, "--servername")) != NULL) {
            if (*v == '\0' || strlen(v) > 255) {
                usage_error("probe", "--servername: '%s' is not a host name", v);
                return -1;
            }
            po->servername = v;
        } else if ((v = opt_value(argc, argv, &i, "--save")) != NULL) {
            if (*v == '\0') {
                usage_error("probe", "%s", "--save needs a file name");
                return -1;
            }
            po->save = v;
        } else {
            rest[n++] = argv[i];
        }
    }
    for (int k = 0; k < npos; k++)
        rest[n++] = pos[k];
    rest[n] = NULL;
    *argc_out = n;
    return 0;
}

/* HOST, HOST:PORT, [V6], [V6]:PORT. */
static int split_target(const char *t, probe_opts *po)
{
    const char *port = NULL;
    size_t hl;
    if (t[0] == '[') {
        const char *e = strchr(t, ']');
        if (e == NULL || (e[1] != '\0' && e[1] != ':'))
            return -1;
        hl = (size_t)(e - t - 1);
        memcpy(po->host, t + 1, hl < sizeof(po->host) ? hl : 0);
        if (e[1] == ':')
            port = e + 2;
    } else {
        const char *c = strchr(t, ':');
        if (c != NULL && strchr(c + 1, ':') != NULL) {
            hl = strlen(t); /* a bare IPv6 address */
        } else {
            hl = c ? (size_t)(c - t) : strlen(t);
            port = c ? c + 1 : NULL;
        }
        memcpy(po->host, t, hl < sizeof(po->host) ? hl : 0);
    }
    if (hl == 0 || hl >= sizeof(po->host))
        return -1;
    po->host[hl] = '\0';
    if (port == NULL)
        port = PROBE_DEFAULT_PORT;
    char *end;
    errno = 0;
    long p = strtol(port, &end, 10);
    if (errno || *end || end == port || p < 1 || p > 65535)
        return -1;
    snprintf(po->port, sizeof(po->port), "%ld", p);
    if (strchr(po->host, ':') != NULL)
        snprintf(po->display, sizeof(po->display), "[%s]:%s", po->host, po->port);
    else
        snprintf(po->display, sizeof(po->display), "%s:%s", po->host, po->port);
    return 0;
}

static bool is_ip_literal(const char *h)
{
    unsigned char b[16];
    return inet_pton(AF_INET, h, b) == 1 || inet_pton(AF_INET6, h, b) == 1;
}

/* ---- the connection: non-blocking, every wait bounded by one deadline ------ */

typedef enum why { WHY_NONE, WHY_TIMEOUT, WHY_CAP, WHY_IO } why;

typedef struct conn {
    int fd;
    struct timespec deadline;
    why why;
    int err; /* errno for WHY_IO */
    uint8_t *rx;
    size_t rx_len;
    uint8_t tx[PROBE_SEND_CAP];
    size_t tx_len;
    char addr[64];
} conn;

static int ms_left(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
                   (deadline->tv_nsec - now.tv_nsec) / 1000000;
    return ms <= 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms;
}

static int wait_fd(conn *c, short events)
{
    for (;;) {
        struct pollfd p = {c->fd, events, 0};
        int ms = ms_left(&c->deadline);
        if (ms == 0) {
            c->why = WHY_TIMEOUT;
            return -1;
        }
        int r = poll(&p, 1, ms);
        if (r > 0)
            return 0;
        if (r == 0) {
            c->why = WHY_TIMEOUT;
            return -1;
        }
        if (errno != EINTR) {
            c->why = WHY_IO;
            c->err = errno;
            return -1;
        }
    }
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    conn *c = ctx;
    if (wait_fd(c, POLLOUT) != 0)
        return MBEDTLS_ERR_SSL_TIMEOUT;
    ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return MBEDTLS_ERR_SSL_WANT_WRITE;
        c->why = WHY_IO;
        c->err = errno;
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    }
    size_t k = (size_t)n;
    size_t room = sizeof(c->tx) - c->tx_len;
    memcpy(c->tx + c->tx_len, buf, k < room ? k : room);
    c->tx_len += k < room ? k : room;
    return (int)n;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    conn *c = ctx;
    if (wait_fd(c, POLLIN) != 0)
        return c->why == WHY_TIMEOUT ? MBEDTLS_ERR_SSL_TIMEOUT : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    size_t room = PROBE_RECV_CAP - c->rx_len;
    if (room == 0) {
        c->why = WHY_CAP;
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    }
    ssize_t n = recv(c->fd, buf, len < room ? len : room, 0);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return MBEDTLS_ERR_SSL_WANT_READ;
        c->why = WHY_IO;
        c->err = errno;
        return MBEDTLS_ERR_SSL_INTERNAL_ERROR;
    }
    memcpy(c->rx + c->rx_len, buf, (size_t)n);
    c->rx_len += (size_t)n;
    return (int)n;
}

/* Connect to the first address that answers. 0, or -1 with a message. */
static int connect_to(conn *c, const probe_opts *po, char *msg, size_t size)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int g = getaddrinfo(po->host, po->port, &hints, &res);
    if (g != 0) {
        snprintf(msg, size, "cannot resolve '%s': %s", po->host,
                 g == EAI_SYSTEM ? strerror(errno) : gai_strerror(g));
        return -1;
    }
    int last = 0;
    bool timed_out = false;
    for (struct addrinfo *a = res; a != NULL; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) {
            last = errno;
            continue;
        }
        int fl = fcntl(fd, F_GETFL, 0);
        if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
            last = errno;
            close(fd);
            continue;
        }
        c->fd = fd;
        int r = connect(fd, a->ai_addr, a->ai_addrlen);
        if (r != 0 && errno == EINPROGRESS) {
            if (wait_fd(c, POLLOUT) != 0) {
                timed_out = c->why == WHY_TIMEOUT;
                last = c->err;
                close(fd);
                c->fd = -1;
                c->why = WHY_NONE;
                if (timed_out)
                    break;
                continue;
            }
            int e = 0;
            socklen_t el = sizeof(e);
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0)
                e = errno;
            r = e == 0 ? 0 : -1;
            errno = e;
        }
        if (r != 0) {
            last = errno;
            close(fd);
            c->fd = -1;
            continue;
        }
        getnameinfo(a->ai_addr, a->ai_addrlen, c->addr, sizeof(c->addr), NULL, 0, NI_NUMERICHOST);
        freeaddrinfo(res);
        return 0;
    }
    freeaddrinfo(res);
    if (timed_out)
        snprintf(msg, size, "cannot connect to %s: no answer within the %d-second timeout",
                 po->display, po->timeout);
    else
        snprintf(msg, size, "cannot connect to %s: %s", po->display,
                 last ? strerror(last) : "no usable address");
    return -1;
}

/* ---- what the wire says ------------------------------------------------------ */

typedef struct wire {
    /* client */
    uint16_t offered[64];
    size_t n_offered;
    bool hello_seen;
    /* server */
    bool tls; /* the first bytes form a TLS record header */
    bool any; /* the server sent anything */
    bool alert;
    uint8_t alert_level, alert_desc;
    bool server_hello;
    uint16_t server_version, suite;
    bool cert_msg;       /* a complete Certificate message */
    size_t cert_msg_len; /* its size with the 4-byte handshake header */
    uint8_t *chain;      /* the certificates' DER, concatenated */
    size_t chain_len;
    size_t *lens; /* each entry's length */
    uint32_t ncerts;
    bool cert_malformed;
    uint8_t first[16];
    size_t nfirst;
} wire;

static uint32_t be(const uint8_t *p, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* The handshake bytes of the plaintext records up to ChangeCipherSpec;
 * alerts on the way. Returns false when the stream is not TLS records. */
static bool records(const uint8_t *p, size_t len, uint8_t *hs, size_t *hs_len, wire *w, bool server)
{
    size_t o = 0;
    *hs_len = 0;
    while (o + 5 <= len) {
        uint8_t type = p[o];
        uint32_t rl = be(p + o + 3, 2);
        if (type < 20 || type > 24 || p[o + 1] != 3 || rl > 16384 + 2048)
            return o > 0;
        if (o + 5 + rl > len)
            break; /* cut off (the capture ended inside the record) */
        const uint8_t *b = p + o + 5;
        if (type == 20)
            break; /* ChangeCipherSpec: what follows is encrypted */
        if (type == 21 && server && rl >= 2 && !w->alert) {
            w->alert = true;
            w->alert_level = b[0];
            w->alert_desc = b[1];
        }
        if (type == 22) {
            memcpy(hs + *hs_len, b, rl);
            *hs_len += rl;
        }
        o += 5 + rl;
    }
    if (o == 0 && len >= 3)
        return p[0] >= 20 && p[0] <= 24 && p[1] == 3;
    return true;
}

static void parse_client(const conn *c, wire *w)
{
    static uint8_t hs[PROBE_SEND_CAP];
    size_t n;
    if (!records(c->tx, c->tx_len, hs, &n, w, false) || n < 4 || hs[0] != 1)
        return;
    size_t end = 4 + be(hs + 1, 3), o = 4 + 2 + 32;
    if (end > n || o + 1 > end)
        return;
    o += 1 + hs[o];
    if (o + 2 > end)
        return;
    size_t cl = be(hs + o, 2);
    o += 2;
    if (o + cl > end)
        return;
    w->hello_seen = true;
    for (size_t i = 0; i + 1 < cl && w->n_offered < sizeof(w->offered) / 2; i += 2)
        w->offered[w->n_offered++] = (uint16_t)be(hs + o + i, 2);
}

static int parse_server(const conn *c, wire *w)
{
    w->any = c->rx_len > 0;
    w->nfirst = c->rx_len < sizeof(w->first) ? c->rx_len : sizeof(w->first);
    memcpy(w->first, c->rx, w->nfirst);
    uint8_t *hs = malloc(c->rx_len + 1);
    if (hs == NULL)
        return -1;
    size_t n;
    w->tls = records(c->rx, c->rx_len, hs, &n, w, true);
    size_t o = 0;
    while (w->tls && o + 4 <= n) {
        uint8_t type = hs[o];
        size_t ml = be(hs + o + 1, 3);
        if (o + 4 + ml > n)
            break;
        const uint8_t *m = hs + o + 4;
        if (type == 2 && ml >= 2 + 32 + 1) {
            size_t sl = m[34];
            w->server_hello = true;
            w->server_version = (uint16_t)be(m, 2);
            if (35 + sl + 2 <= ml)
                w->suite = (uint16_t)be(m + 35 + sl, 2);
        } else if (type == 11 && !w->cert_msg) {
            w->cert_msg = true;
            w->cert_msg_len = 4 + ml;
            w->chain = malloc(ml + 1);
            w->lens = malloc((ml / 3 + 1) * sizeof(*w->lens));
            if (w->chain == NULL || w->lens == NULL) {
                free(hs);
                return -1;
            }
            size_t list = ml >= 3 ? be(m, 3) : 0, k = 3;
            if (ml < 3 || list + 3 != ml)
                w->cert_malformed = true;
            while (!w->cert_malformed && k < ml) {
                size_t dl = k + 3 <= ml ? be(m + k, 3) : SIZE_MAX;
                if (dl == SIZE_MAX || k + 3 + dl > ml) {
                    w->cert_malformed = true;
                    break;
                }
                memcpy(w->chain + w->chain_len, m + k + 3, dl);
                w->chain_len += dl;
                w->lens[w->ncerts++] = dl;
                k += 3 + dl;
            }
        }
        o += 4 + ml;
    }
    free(hs);
    return 0;
}

static const char *suite_name(uint16_t id)
{
    if (id == SCSV_RENEGOTIATION)
        return "TLS-EMPTY-RENEGOTIATION-INFO-SCSV";
    const char *n = mbedtls_ssl_get_ciphersuite_name((int)id);
    return n != NULL && strcmp(n, "unknown") != 0 ? n : NULL;
}

/* ---- report ----------------------------------------------------------------- */

typedef enum outcome {
    OUT_CHAIN,       /* a Certificate message was received: lint it */
    OUT_TLS_VERSION, /* finding tls-version */
    OUT_CIPHER,      /* finding cipher-suite */
    OUT_NONE,        /* handshake done without a chain (a PSK suite) */
} outcome;

typedef struct probe {
    const probe_opts *po;
    const cli_opts *o;
    conn c;
    wire w;
    bool handshake_ok;
    int mbed_err;
    char mbed_msg[160];
    outcome outcome;
    bool scsv_added;
    char missing[MODEM_SUITES * 5 + 1];
} probe;

static void offered_list(const probe *P, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < P->w.n_offered && o + 6 < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%s%04X", i ? " " : "", P->w.offered[i]);
}

static void preamble_text(const probe *P, FILE *f)
{
    const probe_opts *po = P->po;
    const wire *w = &P->w;
    char list[64 * 5 + 1];
    offered_list(P, list, sizeof(list));
    fprintf(f, "probe %s (%s), SNI %s, timeout %d s\n", po->display, P->c.addr,
            po->servername ? po->servername : "none (an IP address)", po->timeout);
    fprintf(f, "  offered    TLS 1.2 only, cipher suites %s%s\n", list,
            P->scsv_added ? " (00FF: the renegotiation SCSV)" : "");
    if (P->missing[0])
        fprintf(f, "             (this Mbed TLS build cannot offer %s)\n", P->missing);
    if (P->handshake_ok) {
        fprintf(f, "  negotiated %s, %s (%04X)\n", certfit_tls_version_name(w->server_version),
                suite_name(w->suite) ? suite_name(w->suite) : "?", w->suite);
    } else if (w->server_hello) {
        fprintf(f, "  server     chose %s, %s (%04X); handshake failed: %s\n",
                certfit_tls_version_name(w->server_version),
                suite_name(w->suite) ? suite_name(w->suite) : "?", w->suite, P->mbed_msg);
    } else if (w->alert) {
        fprintf(f, "  server     alert %s (%u) in answer to the ClientHello\n",
                certfit_tls_alert_name(w->alert_desc), w->alert_desc);
    }
    if (w->cert_msg)
        fprintf(f, "  received   Certificate message of %zu bytes, %u certificate%s\n",
                w->cert_msg_len, w->ncerts, w->ncerts == 1 ? "" : "s");
    fputc('\n', f);
}

/* The top-level "probe" member of the JSON report (docs/design.md section 8 is
 * extended, not changed), written by the JSON reporter's members hook. */
static void probe_json(void *ctx, jw *jp)
{
    const probe *P = ctx;
    const wire *w = &P->w;
    jw_key(jp, "probe");
    jw_obj(jp);
    jw_kstr(jp, "host", P->po->host);
    jw_kuint(jp, "port", strtoul(P->po->port, NULL, 10));
    jw_kstr(jp, "address", P->c.addr);
    jw_kstr(jp, "servername", P->po->servername);
    jw_kuint(jp, "timeout", (unsigned)P->po->timeout);
    jw_key(jp, "offered");
    jw_obj(jp);
    jw_kstr(jp, "version", "TLS 1.2");
    jw_key(jp, "cipher_suites");
    jw_arr(jp);
    char id[8];
    for (size_t i = 0; i < w->n_offered; i++) {
        snprintf(id, sizeof(id), "%04X", w->offered[i]);
        jw_str(jp, id);
    }
    jw_arr_end(jp);
    jw_obj_end(jp);
    jw_kbool(jp, "handshake", P->handshake_ok);
    jw_key(jp, "negotiated");
    if (w->server_hello) {
        jw_obj(jp);
        jw_kstr(jp, "version", certfit_tls_version_name(w->server_version));
        snprintf(id, sizeof(id), "%04X", w->suite);
        jw_kstr(jp, "cipher_suite", id);
        jw_kstr(jp, "cipher_suite_name", suite_name(w->suite));
        jw_obj_end(jp);
    } else {
        jw_null(jp);
    }
    jw_key(jp, "alert");
    if (w->alert) {
        jw_obj(jp);
        jw_kuint(jp, "level", w->alert_level);
        jw_kuint(jp, "description", w->alert_desc);
        jw_kstr(jp, "name", certfit_tls_alert_name(w->alert_desc));
        jw_obj_end(jp);
    } else {
        jw_null(jp);
    }
    jw_key(jp, "certificate_message_bytes");
    if (w->cert_msg)
        jw_uint(jp, w->cert_msg_len);
    else
        jw_null(jp);
    jw_kuint(jp, "bytes_received", P->c.rx_len);
    jw_kstr(jp, "handshake_error", P->handshake_ok ? NULL : P->mbed_msg);
    jw_obj_end(jp);
}

typedef struct collect {
    reporter *r;
    findings fs;
} collect;

static void on_cert(void *ctx, const certfit_cert_event *ev)
{
    collect *C = ctx;
    if (C->r->cert != NULL)
        C->r->cert(C->r, ev);
}

static int push(findings *fs, const certfit_finding *f)
{
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 16;
        certfit_finding *v = realloc(fs->v, cap * sizeof(*v));
        if (v == NULL)
            return -1;
        fs->v = v;
        fs->cap = cap;
    }
    fs->v[fs->n++] = *f;
    return 0;
}

static void on_finding(void *ctx, const certfit_finding *f)
{
    collect *C = ctx;
    (void)push(&C->fs, f);
}

static int write_pem(const probe *P, FILE *f)
{
    size_t o = 0;
    int rc = 0;
    const uint8_t *p = P->w.chain;
    for (uint32_t i = 0; rc == 0 && i < P->w.ncerts; i++) {
        size_t dl = P->w.lens[i];
        size_t cap = dl * 2 + 128, olen = 0;
        unsigned char *buf = malloc(cap);
        if (buf == NULL ||
            mbedtls_pem_write_buffer("-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n",
                                     p + o, dl, buf, cap, &olen) != 0 ||
            fwrite(buf, 1, olen - 1, f) != olen - 1)
            rc = -1;
        free(buf);
        o += dl;
    }
    return rc;
}

/* Lint (or report the probe finding) through the user's reporter. */
static int report(probe *P, FILE *out)
{
    const cli_opts *o = P->o;
    reporter r;
    memset(&r, 0, sizeof(r));
    r.out = out;
    r.o = o;
    if (o->format == FMT_JSON) {
        reporter_json(&r);
        r.members = probe_json;
        r.members_ctx = P;
    } else if (o->format == FMT_SARIF)
        reporter_sarif(&r);
    else
        reporter_text(&r);
    summary s;
    memset(&s, 0, sizeof(s));
    item_info it = {P->po->display, NULL, CERTFIT_FORMAT_DER, 0, NULL, NULL, NULL};
    collect C = {&r, {NULL, 0, 0}};
    certfit_result res;
    memset(&res, 0, sizeof(res));
    char msg[256];
    const char *err = NULL;
    int rc = 0;

    r.begin(&r);
    if (r.item_begin)
        r.item_begin(&r, &it);
    if (P->outcome == OUT_CHAIN) {
        certfit_item item = {CERTFIT_FORMAT_DER, {P->w.chain, P->w.chain_len}, 0, false};
        certfit_check_opts co;
        cli_check_opts(o, CERTFIT_ROLE_SERVER, &co);
        uint8_t *work = NULL;
        size_t work_size = 0;
        certfit_sink sink = {on_cert, on_finding, &C};
        rc = cli_check_item(o, NULL, &item, &co, &sink, &work, &work_size, &res, &it.trust);
        if (rc == CERTFIT_ERR_NO_MEMORY)
            snprintf(msg, sizeof(msg), "out of memory for the work buffer");
        else if (rc != 0)
            snprintf(msg, sizeof(msg), "%s at offset %zu of the received chain",
                     certfit_strerror(rc), res.error_offset);
        free(work);
        if (rc != 0)
            err = msg;
    } else if (P->outcome != OUT_NONE) {
        /* the library decides the handshake rules from what was observed */
        certfit_check_opts co;
        cli_check_opts(o, CERTFIT_ROLE_SERVER, &co);
        const wire *w = &P->w;
        certfit_handshake hs = {
            .server_hello = w->server_hello,
            .version = w->server_version,
            .alert = w->alert,
            .alert_description = w->alert_desc,
            .suites_offered = (uint32_t)(w->n_offered - (P->scsv_added ? 1u : 0u)),
        };
        certfit_sink sink = {NULL, on_finding, &C};
        (void)certfit_check_handshake(&hs, &co, &sink, &res);
    }
    bool failed = item_fails(o, &res);
    s.items = 1;
    s.input_errors = rc != 0;
    s.failed = failed;
    s.passed = !failed;
    for (int i = 1; i < 4; i++)
        s.counts[i] = res.counts[i];
    r.item_end(&r, &it, &res, &C.fs, err, failed);
    r.end(&r, &s);
    free(C.fs.v);
    if (rc != 0)
        return EXIT_USAGE;
    return failed ? EXIT_FINDINGS : EXIT_PASS;
}

/* ---- the handshake ----------------------------------------------------------- */

static void mbed_error(int ret, char *out, size_t size)
{
#if defined(MBEDTLS_ERROR_C)
    char e[120];
    mbedtls_strerror(ret, e, sizeof(e));
    snprintf(out, size, "%s (-0x%04X)", e, (unsigned)-ret);
#else
    snprintf(out, size, "Mbed TLS error -0x%04X", (unsigned)-ret);
#endif
}

static int handshake(probe *P, char *msg, size_t size)
{
    const probe_opts *po = P->po;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ssl_config_init(&conf);
    mbedtls_ssl_init(&ssl);
    int ret = -1, rc = -1;
    static const char pers[] = "certfit-probe";
    if (certfit_compat_crypto_init() != 0) {
        snprintf(msg, size, "cannot initialise PSA crypto");
        goto done;
    }
    if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                     (const unsigned char *)pers, sizeof(pers) - 1)) != 0 ||
        (ret =
             mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
        mbed_error(ret, msg, size);
        goto done;
    }
    certfit_compat_tls12_only(&conf);
    /* capture, then lint: no trust decision here */
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_ciphersuites(&conf, k_modem_suites);
#if defined(MBEDTLS_KEY_EXCHANGE_PSK_ENABLED)
    if ((ret = mbedtls_ssl_conf_psk(&conf, k_psk, sizeof(k_psk),
                                    (const unsigned char *)k_psk_identity,
                                    sizeof(k_psk_identity) - 1)) != 0) {
        mbed_error(ret, msg, size);
        goto done;
    }
#endif
    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) {
        mbed_error(ret, msg, size);
        goto done;
    }
#if defined(MBEDTLS_SSL_SERVER_NAME_INDICATION)
    /* RFC 6066 section 3: no IP literal in SNI */
    if (po->servername != NULL && (ret = mbedtls_ssl_set_hostname(&ssl, po->servername)) != 0) {
        mbed_error(ret, msg, size);
        goto done;
    }
#endif
    if (connect_to(&P->c, po, msg, size) != 0)
        goto done;
    mbedtls_ssl_set_bio(&ssl, &P->c, bio_send, bio_recv, NULL);
    do {
        ret = mbedtls_ssl_handshake(&ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    P->mbed_err = ret;
    if (ret == 0) {
        P->handshake_ok = true;
        snprintf(P->mbed_msg, sizeof(P->mbed_msg), "none");
        /* a polite goodbye; a failure here changes nothing */
        (void)mbedtls_ssl_close_notify(&ssl);
    } else {
        mbed_error(ret, P->mbed_msg, sizeof(P->mbed_msg));
    }
    rc = 0;
done:
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return rc;
}

static void printable(const uint8_t *p, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 5 < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%02x ", p[i]);
    if (o + 3 < size)
        out[o++] = '\'';
    for (size_t i = 0; i < n && o + 2 < size; i++)
        out[o++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
    if (o + 1 < size)
        out[o++] = '\'';
    out[o] = '\0';
}

/* What happened, in one line when it cannot be linted. 0 = report. */
static int classify(probe *P, char *msg, size_t size)
{
    const wire *w = &P->w;
    const conn *c = &P->c;
    const probe_opts *po = P->po;
    if (c->why == WHY_CAP) {
        snprintf(msg, size, "%s sent more than %u bytes during the handshake: refused", po->display,
                 PROBE_RECV_CAP);
        return -1;
    }
    if (w->any && !w->tls) {
        char first[96];
        printable(w->first, w->nfirst, first, sizeof(first));
        snprintf(msg, size, "%s is not a TLS server: its first bytes are not a TLS record (%s)",
                 po->display, first);
        return -1;
    }
    if (w->cert_msg && w->cert_malformed) {
        snprintf(msg, size, "%s sent a malformed Certificate message (%zu bytes)", po->display,
                 w->cert_msg_len);
        return -1;
    }
    if (w->cert_msg && w->ncerts > 0) {
        P->outcome = OUT_CHAIN;
        return 0;
    }
    if (w->server_hello && w->server_version != 0x0303) {
        P->outcome = OUT_TLS_VERSION;
        return 0;
    }
    if (P->handshake_ok) {
        P->outcome = OUT_NONE; /* e.g. a PSK suite: no chain */
        return 0;
    }
    if (!w->server_hello && w->alert) {
        if (w->alert_desc == 70) {
            P->outcome = OUT_TLS_VERSION;
            return 0;
        }
        if (w->alert_desc == 40 || w->alert_desc == 71) {
            P->outcome = OUT_CIPHER;
            return 0;
        }
        snprintf(msg, size, "%s refused the handshake: alert %s (%u)", po->display,
                 certfit_tls_alert_name(w->alert_desc), w->alert_desc);
        return -1;
    }
    if (c->why == WHY_TIMEOUT) {
        snprintf(msg, size,
                 "%s: no TLS handshake within the %d-second timeout (%zu bytes received)",
                 po->display, po->timeout, c->rx_len);
        return -1;
    }
    if (!w->any) {
        snprintf(msg, size,
                 "%s %s the connection without answering the TLS ClientHello: not a TLS "
                 "server (or one that drops a TLS 1.2 offer without an alert)",
                 po->display, c->why == WHY_IO && c->err == ECONNRESET ? "reset" : "closed");
        return -1;
    }
    if (c->why == WHY_IO) {
        snprintf(msg, size, "%s: %s during the TLS handshake (%zu bytes received)", po->display,
                 strerror(c->err), c->rx_len);
        return -1;
    }
    snprintf(msg, size, "%s: TLS handshake failed: %s", po->display, P->mbed_msg);
    return -1;
}

int cmd_probe(int argc, char **argv)
{
    probe_opts po;
    memset(&po, 0, sizeof(po));
    po.timeout = PROBE_DEFAULT_TIMEOUT;
    char **rest = calloc(2 * (size_t)argc + 1, sizeof(*rest));
    if (rest == NULL)
        return EXIT_USAGE;
    int rargc = 0;
    int t = take_probe_opts(argc, argv, &po, &rargc, rest);
    if (t != 0) {
        free(rest);
        if (t == 1) {
            fputs(k_probe_usage, stdout);
            return EXIT_PASS;
        }
        return EXIT_USAGE;
    }
    cli_opts o;
    int first;
    if (parse_check_opts("probe", rargc, rest, &o, &first) != 0) {
        free(rest);
        trust_free(&o);
        return EXIT_USAGE;
    }
    if (first + 1 != rargc) {
        usage_error("probe", "%s",
                    first >= rargc ? "no HOST[:PORT] given" : "one HOST[:PORT] only");
        free(rest);
        trust_free(&o);
        return EXIT_USAGE;
    }
    if (split_target(rest[first], &po) != 0) {
        usage_error("probe", "'%s' is not HOST, HOST:PORT or [IPv6]:PORT (port 1..65535)",
                    rest[first]);
        free(rest);
        trust_free(&o);
        return EXIT_USAGE;
    }
    free(rest);
    o.role = CERTFIT_ROLE_SERVER;
    if (o.host == NULL)
        o.host = po.host;
    if (po.servername == NULL && !is_ip_literal(po.host))
        po.servername = po.host;

    /* both outputs open before the probe is made: one may not be the other
     * (or the policy file); written only when the probe was made */
    out_file save, out;
    save.f = NULL;
    if (po.save != NULL && !out_open(&save, "certfit probe", "--save", po.save, 0)) {
        trust_free(&o);
        return EXIT_USAGE;
    }
    if (!out_open(&out, "certfit probe", "-o", o.output, 0)) {
        out_discard(&save);
        trust_free(&o);
        return EXIT_USAGE;
    }

    static probe P;
    memset(&P, 0, sizeof(P));
    P.po = &po;
    P.o = &o;
    P.c.fd = -1;
    char msg[512];
    int rc = EXIT_USAGE;
    P.c.rx = malloc(PROBE_RECV_CAP);
    if (P.c.rx == NULL)
        goto done;
    clock_gettime(CLOCK_MONOTONIC, &P.c.deadline);
    P.c.deadline.tv_sec += po.timeout;

    if (handshake(&P, msg, sizeof(msg)) != 0) {
        fprintf(stderr, "certfit probe: %s\n", msg);
        goto done;
    }
    parse_client(&P.c, &P.w);
    if (parse_server(&P.c, &P.w) != 0) {
        fprintf(stderr, "certfit probe: out of memory\n");
        goto done;
    }
    for (size_t k = 0; k < P.w.n_offered; k++)
        P.scsv_added = P.scsv_added || P.w.offered[k] == SCSV_RENEGOTIATION;
    /* the modem's suites this Mbed TLS build could not put on the wire */
    for (size_t i = 0, o2 = 0; i < MODEM_SUITES; i++) {
        bool on = false;
        for (size_t k = 0; k < P.w.n_offered; k++)
            on = on || P.w.offered[k] == (uint16_t)k_modem_suites[i];
        if (!on)
            o2 += (size_t)snprintf(P.missing + o2, sizeof(P.missing) - o2, "%s%04X", o2 ? " " : "",
                                   (unsigned)k_modem_suites[i]);
    }
    if (classify(&P, msg, sizeof(msg)) != 0) {
        fprintf(stderr, "certfit probe: %s\n", msg);
        goto done;
    }
    if (po.save != NULL && P.outcome != OUT_CHAIN) {
        fprintf(stderr, "certfit probe: --save %s: no certificate chain was received\n", po.save);
        out_discard(&save); /* an old file is kept */
    }
    bool saved = save.f == NULL || write_pem(&P, save.f) == 0;
    if (o.format == FMT_TEXT && !o.quiet)
        preamble_text(&P, out.f);
    else if (o.format == FMT_SARIF && !o.quiet)
        preamble_text(&P, stderr);
    if (P.outcome == OUT_CHAIN && !P.handshake_ok && !o.quiet)
        fprintf(stderr,
                "certfit probe: note: the handshake failed after the Certificate "
                "message: %s\n",
                P.mbed_msg);
    rc = report(&P, out.f);
    if (!out_close(&out))
        rc = EXIT_USAGE;
    if (save.f != NULL && !saved) {
        fprintf(stderr, "certfit probe: --save %s: %s\n", po.save, strerror(errno));
        out_discard(&save);
        rc = EXIT_USAGE;
    } else if (save.f != NULL && !out_close(&save)) {
        rc = EXIT_USAGE;
    }
done:
    out_discard(&save); /* when not written: nothing reaches the targets */
    out_discard(&out);
    trust_free(&o);
    if (P.c.fd >= 0)
        close(P.c.fd);
    free(P.c.rx);
    free(P.w.chain);
    free(P.w.lens);
    return rc;
}
