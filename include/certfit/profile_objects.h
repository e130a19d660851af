/**
 * \file profile_objects.h
 * \brief The built-in profiles as named objects, for code compiled together
 *        with the library from source (the Zephyr module, the Cortex-M33
 *        images): an image that names one links only that one
 *        (docs/firmware.md).
 *
 * Not part of the ABI: the objects' size follows the rule count, so
 * libcertfit.so does not export them and this header is not installed.
 * Programs that link the installed library use certfit_profile_at() and
 * certfit_profile_get() (profile.h).
 */
#ifndef CERTFIT_PROFILE_OBJECTS_H
#define CERTFIT_PROFILE_OBJECTS_H

#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief The built-in profiles (DESIGN.md section 5), the entries of
 *         certfit_profile_at() in this order. */
extern const certfit_profile certfit_profile_nrf91;
extern const certfit_profile certfit_profile_nrf91_p384_selfsigned;
extern const certfit_profile certfit_profile_generic;

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_PROFILE_OBJECTS_H */
