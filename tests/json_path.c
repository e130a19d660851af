#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_path.h"

cJSON *at(cJSON *j, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", path);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ".", &save); tok != NULL && j != NULL;
         tok = strtok_r(NULL, ".", &save)) {
        if (tok[0] >= '0' && tok[0] <= '9')
            j = cJSON_GetArrayItem(j, atoi(tok));
        else
            j = cJSON_GetObjectItemCaseSensitive(j, tok);
    }
    if (j == NULL)
        fprintf(stderr, "no JSON value at %s\n", path);
    assert_non_null(j);
    return j;
}

double num(cJSON *j, const char *path)
{
    cJSON *v = at(j, path);
    assert_true(cJSON_IsNumber(v));
    return v->valuedouble;
}

const char *str(cJSON *j, const char *path)
{
    cJSON *v = at(j, path);
    assert_true(cJSON_IsString(v));
    return v->valuestring;
}
