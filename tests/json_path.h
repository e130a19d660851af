/* Reading the CLI's JSON in tests: values by a dotted path
 * ("items.0.sizes.credential_bytes"), each lookup asserted with cmocka. */
#ifndef CERTFIT_TESTS_JSON_PATH_H
#define CERTFIT_TESTS_JSON_PATH_H

#include <cjson/cJSON.h>

/* The value at path (array indices are numbers); fails the test if absent. */
cJSON *at(cJSON *j, const char *path);
/* The number at path; fails the test if it is not a number. */
double num(cJSON *j, const char *path);
/* The string at path; fails the test if it is not a string. */
const char *str(cJSON *j, const char *path);

#endif
