/*
 * Host fake of the parts of Zephyr's <zephyr/net/socket.h> the sample uses
 * (the zsock_ names, TLS options). Its own declarations, not the host's:
 * the sample never reaches a real network from a test. No POSIX names
 * (getaddrinfo, struct pollfd, POLLIN): Zephyr 3.4 with CONFIG_POSIX_API
 * does not give them through this header, so a sample that used them
 * would not build there.
 */
#ifndef ZEPHYR_INCLUDE_NET_SOCKET_H_
#define ZEPHYR_INCLUDE_NET_SOCKET_H_

#include <stdint.h>

typedef int sec_tag_t;

#define AF_INET                  1
#define SOCK_STREAM              1
#define ZSOCK_POLLIN             0x1
#define ZSOCK_POLLERR            0x8
#define ZSOCK_POLLNVAL           0x20
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
struct zsock_addrinfo {
    int ai_family;
    int ai_socktype;
    struct sockaddr *ai_addr;
};
struct zsock_pollfd {
    int fd;
    short events;
    short revents;
};

static inline uint16_t htons(uint16_t v)
{
    return (uint16_t)(v << 8 | v >> 8);
}

int zsock_getaddrinfo(const char *host, const char *service, const struct zsock_addrinfo *hints,
                      struct zsock_addrinfo **res);
void zsock_freeaddrinfo(struct zsock_addrinfo *ai);
int zsock_poll(struct zsock_pollfd *fds, int nfds, int timeout);

#endif
