/* Messages of the error table in common.h. */
#include "certfit/common.h"

const char *certfit_strerror(int err)
{
    switch (err) {
#define X(name, value, msg) \
    case value:             \
        return msg;
        CERTFIT_ERRORS(X)
#undef X
    default:
        return "unknown error";
    }
}
