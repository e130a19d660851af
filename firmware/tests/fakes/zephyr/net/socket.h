/*
 * Host fake of the parts of Zephyr's <zephyr/net/socket.h> the sample uses
 * (POSIX names, TLS options). Its own declarations, not the host's: the
 * sample never reaches a real network from a test.
 */
#ifndef ZEPHYR_INCLUDE_NET_SOCKET_H_
#define ZEPHYR_INCLUDE_NET_SOCKET_H_

#include <stdint.h>

typedef int sec_tag_t;

#define AF_INET                  1
#define SOCK_STREAM              1
#define POLLIN                   0x1
#define POLLERR                  0x8
#define POLLNVAL                 0x20
#define TLS_PEER_VERIFY_REQUIRED 2

struct in_addr {
    uint32_t s_addr;
};
struct sockaddr {
    uint16_t sa_family;
    char data[14];
};
struct sockaddr_in {
    uint16_t sin_family;
    uint16_t sin_port;
    struct in_addr sin_addr;
};
struct sockaddr_storage {
    uint16_t ss_family;
    char data[26];
};
struct addrinfo {
    int ai_family;
    int ai_socktype;
    struct sockaddr *ai_addr;
};
struct pollfd {
    int fd;
    short events;
    short revents;
};

static inline uint16_t htons(uint16_t v)
{
    return (uint16_t)(v << 8 | v >> 8);
}

/* POSIX names for Zephyr's zsock_ functions, as CONFIG_POSIX_API gives */
#define getaddrinfo  zsock_getaddrinfo
#define freeaddrinfo zsock_freeaddrinfo
#define poll         zsock_poll
int zsock_getaddrinfo(const char *host, const char *service, const struct addrinfo *hints,
                      struct addrinfo **res);
void zsock_freeaddrinfo(struct addrinfo *ai);
int zsock_poll(struct pollfd *fds, int nfds, int timeout);

#endif
