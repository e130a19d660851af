/* Lines captured by the fake Zephyr logging (fakes/zephyr/logging/log.h). */
#ifndef CERTFIT_FAKE_LOG_H
#define CERTFIT_FAKE_LOG_H

#include <stddef.h>

#define FAKE_LOG_LINES     32
#define FAKE_LOG_LINE_SIZE 320

void fake_log_reset(void);
/* Lines logged at exactly this level. */
size_t fake_log_count(int level);
/* The i-th line logged at this level ("module: message"), or NULL. */
const char *fake_log_line(int level, size_t i);
/* Every line, any level. */
size_t fake_log_total(void);
const char *fake_log_any(size_t i);

#endif
