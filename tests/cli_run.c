#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "cli_run.h"

cli_out cli_capture(const char *cmd)
{
    cli_out o = {0, NULL, 0};
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n;
    o.text = malloc(cap);
    assert_non_null(o.text);
    while ((n = fread(o.text + o.len, 1, cap - o.len - 1, p)) > 0) {
        o.len += n;
        if (cap - o.len < 4096) {
            cap *= 2;
            o.text = realloc(o.text, cap);
            assert_non_null(o.text);
        }
    }
    o.text[o.len] = '\0';
    int st = pclose(p);
    o.code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return o;
}
