/* Running a shell command from the tests that drive the CLI binary, and
 * the 127.0.0.1 ports of the servers they start. */
#ifndef CERTFIT_TESTS_CLI_RUN_H
#define CERTFIT_TESTS_CLI_RUN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cli_out {
    int code;   /* exit status, 128 + the signal when killed */
    char *text; /* the whole stdout, NUL-terminated (malloc'd) */
    size_t len; /* its length */
} cli_out;

/* Run cmd through the shell (popen) and capture its stdout; fails the
 * test when the command cannot be started. */
cli_out cli_capture(const char *cmd);

/* A TCP port on 127.0.0.1 that nothing listens on right now (for a server
 * a test starts). */
int free_port(void);

/* Something accepts connections on 127.0.0.1:port. */
bool port_open(int port);

#endif
