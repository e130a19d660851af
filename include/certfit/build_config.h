/*
 * The source tree's certfit/build_config.h bakes nothing: code compiled
 * together with the library from its sources (the Zephyr module, the
 * Cortex-M33 images) gives the configuration on its command line, the same
 * for the library and its callers. A CMake build generates the real one
 * (cmake/build_config.h.in) ahead of this on the include path, and installs
 * that one.
 */
#ifndef CERTFIT_BUILD_CONFIG_H
#define CERTFIT_BUILD_CONFIG_H
#endif /* CERTFIT_BUILD_CONFIG_H */
