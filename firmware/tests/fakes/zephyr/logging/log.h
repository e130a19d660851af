/*
 * Host fake of Zephyr's <zephyr/logging/log.h>: LOG_MODULE_REGISTER names
 * the module, LOG_ERR/WRN/INF/DBG format the line as Zephyr prints it
 * ("<module>: <message>") and capture it (fake_log.c).
 */
#ifndef ZEPHYR_INCLUDE_LOGGING_LOG_H_
#define ZEPHYR_INCLUDE_LOGGING_LOG_H_

#define LOG_LEVEL_NONE 0
#define LOG_LEVEL_ERR  1
#define LOG_LEVEL_WRN  2
#define LOG_LEVEL_INF  3
#define LOG_LEVEL_DBG  4

void fake_log(int level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define LOG_MODULE_REGISTER(name, ...) static const char *const fake_log_module = #name
#define LOG_MODULE_DECLARE(name, ...)  static const char *const fake_log_module = #name

#define LOG_ERR(...) fake_log(LOG_LEVEL_ERR, fake_log_module, __VA_ARGS__)
#define LOG_WRN(...) fake_log(LOG_LEVEL_WRN, fake_log_module, __VA_ARGS__)
#define LOG_INF(...) fake_log(LOG_LEVEL_INF, fake_log_module, __VA_ARGS__)
#define LOG_DBG(...) fake_log(LOG_LEVEL_DBG, fake_log_module, __VA_ARGS__)

#endif
