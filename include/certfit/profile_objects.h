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

/** \brief The built-in profiles (docs/design.md sections 5 and 12), the entries
 *         of certfit_profile_at() in this order (lib/profiles.def). */
extern const certfit_profile certfit_profile_nrf91;
extern const certfit_profile certfit_profile_nrf91_p384_selfsigned;
extern const certfit_profile certfit_profile_generic;
extern const certfit_profile certfit_profile_mbedtls_default;
extern const certfit_profile certfit_profile_esp_idf;
extern const certfit_profile certfit_profile_esp_at;
extern const certfit_profile certfit_profile_esp8266_at;
extern const certfit_profile certfit_profile_sequans_monarch2;
extern const certfit_profile certfit_profile_ubxlib;
extern const certfit_profile certfit_profile_nina_fw;
extern const certfit_profile certfit_profile_wolfssl_default;
extern const certfit_profile certfit_profile_bearssl_default;

#ifdef __cplusplus
}
#endif

#endif /* CERTFIT_PROFILE_OBJECTS_H */
