# Debian packages (issue 16, docs/abi.md "Debian packages"): `make package`
# configures a build with -DCERTFIT_DEB=ON -DCMAKE_INSTALL_PREFIX=/usr and
# runs CPack, which writes three .deb files from the install components of
# cmake/install.cmake:
#   libcertfit<SOVERSION>  the shared library (libcertfit0.1 for 0.1.z: the
#                          package name follows the SONAME, Debian policy 8.1)
#   libcertfit-dev         headers, static library, .so link, CMake package,
#                          certfit.pc
#   certfit                the command-line tool, its man page and bash
#                          completion
# Depends are computed: dpkg-shlibdeps for the binaries, the component
# dependency for -dev on the library package (same version).
set(CERTFIT_DEB_MAINTAINER "certfit maintainers <maintainers@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian packages")
if(NOT CERTFIT_INSTALL OR NOT CERTFIT_TOP_LEVEL)
  return()
endif()

set(CPACK_PACKAGE_NAME certfit)
set(CPACK_PACKAGE_VENDOR "certfit")
set(CPACK_PACKAGE_CONTACT "${CERTFIT_DEB_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# each package's Description starts with its own synopsis line (below)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_CURRENT_BINARY_DIR}/packages)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_COMPONENTS_ALL lib dev cli)
set(CPACK_COMPONENT_DEV_DEPENDS lib)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CERTFIT_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_LIB_PACKAGE_NAME libcertfit${CERTFIT_SOVERSION})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
# the shlibs file (libcertfit 0.1 libcertfit0.1 (= version)) and the
# ldconfig trigger of a shared-library package
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_SOURCE_DIR}/cmake/debian/triggers)
set(CPACK_DEBIAN_LIB_DESCRIPTION
"X.509 chain linter for constrained TLS clients (library)
libcertfit checks X.509 certificate chains against the limits of
constrained TLS clients, first of all the nRF9160 / nRF91x1 cellular modem:
credential and chain sizes, key and signature algorithms, trust and time
rules. This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libcertfit-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION
"X.509 chain linter for constrained TLS clients (development files)
libcertfit checks X.509 certificate chains against the limits of
constrained TLS clients, first of all the nRF9160 / nRF91x1 cellular modem.
This package holds the headers, the static library, the CMake package
(find_package(certfit)) and the pkg-config file.")
if(CERTFIT_WITH_SIGNATURES)
  # a static link of libcertfit.a needs libmbedcrypto
  set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libmbedtls-dev")
endif()

set(CPACK_DEBIAN_CLI_PACKAGE_NAME certfit)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_CLI_DESCRIPTION
"X.509 chain linter for constrained TLS clients
certfit checks X.509 certificate chains, PEM bundles and the C headers
firmware embeds them in against the limits of constrained TLS clients,
first of all the nRF9160 / nRF91x1 cellular modem, before they are
provisioned or served, and probes what a TLS server sends.")

if(CERTFIT_DEB)
  # each package's /usr/share/doc/<package>: copyright and changelog
  string(TIMESTAMP CERTFIT_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  set(_deb ${CMAKE_CURRENT_BINARY_DIR}/debian)
  configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/debian/changelog.in ${_deb}/changelog.Debian @ONLY)
  add_custom_command(OUTPUT ${_deb}/changelog.Debian.gz
    COMMAND gzip -9nkf ${_deb}/changelog.Debian
    DEPENDS ${_deb}/changelog.Debian VERBATIM)
  add_custom_command(OUTPUT ${_deb}/certfit.1.gz
    COMMAND sh -c "gzip -9nc '${CMAKE_CURRENT_SOURCE_DIR}/docs/certfit.1' > '${_deb}/certfit.1.gz'"
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/docs/certfit.1 VERBATIM)
  add_custom_target(certfit_deb_files ALL DEPENDS ${_deb}/changelog.Debian.gz ${_deb}/certfit.1.gz)
  foreach(comp lib dev cli)
    string(TOUPPER ${comp} _c)
    install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/cmake/debian/copyright ${_deb}/changelog.Debian.gz
      DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_${_c}_PACKAGE_NAME} COMPONENT ${comp})
  endforeach()
endif()

include(CPack)
