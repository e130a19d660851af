/* Running a shell command from the tests that drive the CLI binary. */
#ifndef CERTFIT_TESTS_CLI_RUN_H
#define CERTFIT_TESTS_CLI_RUN_H

#include <stddef.h>

typedef struct cli_out {
    int code;   /* exit status, 128 + the signal when killed */
    char *text; /* the whole stdout, NUL-terminated (malloc'd) */
    size_t len; /* its length */
} cli_out;

/* Run cmd through the shell (popen) and capture its stdout; fails the
 * test when the command cannot be started. */
cli_out cli_capture(const char *cmd);

#endif
