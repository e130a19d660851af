/* Captures what the code under test logs, formatted as Zephyr prints it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fake_log.h"
#include <zephyr/logging/log.h>

static struct {
    int level;
    char text[FAKE_LOG_LINE_SIZE];
} g_lines[FAKE_LOG_LINES];
static size_t g_n;

void fake_log(int level, const char *module, const char *fmt, ...)
{
    if (g_n >= FAKE_LOG_LINES)
        return;
    int n = snprintf(g_lines[g_n].text, sizeof(g_lines[g_n].text), "%s: ", module);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_lines[g_n].text + n, sizeof(g_lines[g_n].text) - (size_t)n, fmt, ap);
    va_end(ap);
    g_lines[g_n].level = level;
    g_n++;
}

void fake_log_reset(void)
{
    memset(g_lines, 0, sizeof(g_lines));
    g_n = 0;
}

size_t fake_log_count(int level)
{
    size_t c = 0;
    for (size_t i = 0; i < g_n; i++)
        c += g_lines[i].level == level;
    return c;
}

const char *fake_log_line(int level, size_t i)
{
    for (size_t k = 0; k < g_n; k++) {
        if (g_lines[k].level == level && i-- == 0)
            return g_lines[k].text;
    }
    return NULL;
}

size_t fake_log_total(void)
{
    return g_n;
}

const char *fake_log_any(size_t i)
{
    return i < g_n ? g_lines[i].text : NULL;
}
