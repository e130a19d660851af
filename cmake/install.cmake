# Install and packaging (issue 8): the static and the shared libcertfit, the
# public headers (with rules.def), the certfit binary, the man page, an
# exported CMake package (find_package(certfit CONFIG) -> certfit::certfit)
# and certfit.pc; the docs generator target; the ecosystem tests.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The shared library links Mbed TLS into itself, which needs a PIC
# libmbedcrypto: Debian's .so is; a static libmbedcrypto.a usually is not,
# so the default follows the library found.
if(MBEDCRYPTO_LIBRARY MATCHES "\\.a$")
  set(_certfit_shared_default OFF)
else()
  set(_certfit_shared_default ON)
endif()
# SOVERSION: while the version is 0.x, a minor release may change the ABI,
# so the minor version is part of the SONAME (libcertfit.so.0.1 for every
# 0.1.z); from 1.0 on it is the major version (docs/abi.md).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(CERTFIT_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(CERTFIT_SOVERSION ${PROJECT_VERSION_MAJOR})
endif()
option(CERTFIT_BUILD_SHARED "Also build libcertfit.so (SONAME libcertfit.so.${CERTFIT_SOVERSION})"
       ${_certfit_shared_default})
option(CERTFIT_INSTALL "Generate the install rules" ON)
# make package (cmake/package.cmake): the Debian layout (compressed man
# page, each package's copyright and changelog)
option(CERTFIT_DEB "Install for the Debian packages of make package" OFF)

if(CERTFIT_BUILD_SHARED)
  add_library(certfit_shared SHARED $<TARGET_OBJECTS:certfit_core> ${CERTFIT_HOST_SOURCES})
  add_library(certfit::certfit_shared ALIAS certfit_shared)
  certfit_library_settings(certfit_shared)
  target_include_directories(certfit_shared PUBLIC
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  if(CERTFIT_WITH_SIGNATURES)
    target_link_libraries(certfit_shared PRIVATE ${MBEDX509_LIBRARY} ${MBEDCRYPTO_LIBRARY})
  endif()
  set_target_properties(certfit_shared PROPERTIES
    OUTPUT_NAME certfit
    VERSION ${PROJECT_VERSION}
    SOVERSION ${CERTFIT_SOVERSION}
    POSITION_INDEPENDENT_CODE ON
    EXPORT_NAME certfit_shared)
endif()

# A consumer of the installed static library needs Mbed TLS too. The build
# tree links the library found above; the installed package names
# certfit::mbedcrypto, which certfitConfig.cmake finds on the consumer's
# machine (its own find_library), instead of this machine's absolute path.
if(CERTFIT_WITH_SIGNATURES)
  get_target_property(_certfit_iface certfit INTERFACE_LINK_LIBRARIES)
  if(NOT _certfit_iface)
    set(_certfit_iface "")
  endif()
  list(REMOVE_ITEM _certfit_iface "${MBEDCRYPTO_LIBRARY}")
  list(APPEND _certfit_iface
    "$<BUILD_INTERFACE:${MBEDCRYPTO_LIBRARY}>" "$<INSTALL_INTERFACE:certfit::mbedcrypto>")
  set_property(TARGET certfit PROPERTY INTERFACE_LINK_LIBRARIES "${_certfit_iface}")
endif()
set_property(TARGET certfit PROPERTY EXPORT_NAME certfit)

get_filename_component(CERTFIT_MBEDCRYPTO_DIR "${MBEDCRYPTO_LIBRARY}" DIRECTORY)
set(CERTFIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/certfit)

if(CERTFIT_INSTALL)
  # Components, one per Debian package (cmake/package.cmake): lib (the
  # shared library: libcertfit0), dev (headers, static library, the .so
  # link, CMake and pkg-config files: libcertfit-dev), cli (certfit).
  install(TARGETS certfit EXPORT certfitTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  if(CERTFIT_BUILD_SHARED)
    install(TARGETS certfit_shared EXPORT certfitTargets
      LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev
      RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT lib)
  endif()
  # the public headers; not profile_objects.h (static, from-source builds
  # only) nor the source tree's build_config.h: the generated one instead
  install(DIRECTORY include/certfit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
    FILES_MATCHING PATTERN "*.h" PATTERN "*.def"
    PATTERN "profile_objects.h" EXCLUDE PATTERN "build_config.h" EXCLUDE)
  install(FILES ${CERTFIT_GENERATED_INCLUDE}/certfit/build_config.h
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/certfit COMPONENT dev)
  if(TARGET certfit_cli)
    install(TARGETS certfit_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
  endif()
  if(CERTFIT_DEB)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/debian/certfit.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
      COMPONENT cli)
  else()
    install(FILES docs/certfit.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
  endif()
  install(FILES completions/certfit.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
    RENAME certfit COMPONENT cli)
  # the documentation the CLI's SARIF informationUri points at (cli/CMakeLists.txt)
  file(GLOB _certfit_docs ${CMAKE_CURRENT_SOURCE_DIR}/docs/*.md)
  install(FILES README.md ${_certfit_docs} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/certfit
    COMPONENT cli)

  install(EXPORT certfitTargets NAMESPACE certfit:: DESTINATION ${CERTFIT_CMAKE_DIR} COMPONENT dev)
  configure_package_config_file(cmake/certfitConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/certfitConfig.cmake INSTALL_DESTINATION ${CERTFIT_CMAKE_DIR})
  # 0.x: a minor release may break the ABI (the SONAME has the minor
  # version), so only the same minor is compatible; docs/abi.md
  write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/certfitConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/certfitConfig.cmake
    ${CMAKE_CURRENT_BINARY_DIR}/certfitConfigVersion.cmake DESTINATION ${CERTFIT_CMAKE_DIR}
    COMPONENT dev)

  # certfit.pc: relocatable (prefix from ${pcfiledir}), so that
  # `cmake --install build --prefix DIR` gives a working file under DIR too.
  set(_pcdir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
    set(CERTFIT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
    set(CERTFIT_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
    set(CERTFIT_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
  else()
    file(RELATIVE_PATH _up "/root/${_pcdir}" "/root")
    string(REGEX REPLACE "/$" "" _up "${_up}")
    set(CERTFIT_PC_PREFIX "\${pcfiledir}/${_up}")
    set(CERTFIT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
    set(CERTFIT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
  endif()
  # Mbed TLS 3.x ships mbedcrypto.pc; Debian's 2.28 does not: then -lmbedcrypto
  find_package(PkgConfig QUIET)
  set(CERTFIT_PC_REQUIRES_PRIVATE "")
  set(CERTFIT_PC_MBED_LIBS "-lmbedcrypto")
  if(NOT CERTFIT_WITH_SIGNATURES)
    set(CERTFIT_PC_MBED_LIBS "")
  elseif(PKG_CONFIG_FOUND)
    pkg_check_modules(CERTFIT_PC_MBEDCRYPTO QUIET mbedcrypto)
    if(CERTFIT_PC_MBEDCRYPTO_FOUND)
      set(CERTFIT_PC_REQUIRES_PRIVATE "mbedcrypto")
      set(CERTFIT_PC_MBED_LIBS "")
    endif()
  endif()
  if(CERTFIT_PC_MBED_LIBS AND CERTFIT_MBEDCRYPTO_DIR AND NOT CERTFIT_MBEDCRYPTO_DIR MATCHES "^/(usr/)?lib(64)?(/|$)")
    set(CERTFIT_PC_MBED_LIBS "-L${CERTFIT_MBEDCRYPTO_DIR} -lmbedcrypto")
  endif()
  if(CERTFIT_BUILD_SHARED)
    # libcertfit.so carries its Mbed TLS dependency; static links need it too
    set(CERTFIT_PC_LIBS "-L\${libdir} -lcertfit")
    set(CERTFIT_PC_LIBS_PRIVATE "${CERTFIT_PC_MBED_LIBS}")
  else()
    set(CERTFIT_PC_LIBS "-L\${libdir} -lcertfit ${CERTFIT_PC_MBED_LIBS}")
    set(CERTFIT_PC_LIBS_PRIVATE "")
  endif()
  configure_file(certfit.pc.in ${CMAKE_CURRENT_BINARY_DIR}/certfit.pc @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/certfit.pc DESTINATION ${_pcdir} COMPONENT dev)
endif()

# docs/rules.md and the generated part of docs/profiles.md, from the tables:
# `cmake --build build --target gen-docs` (`make docs`).
if(TARGET certfit_cli)
  add_custom_target(gen-docs
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/gen-docs.sh $<TARGET_FILE:certfit_cli>
            ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/docs
    DEPENDS certfit_cli
    COMMENT "Regenerating docs/rules.md and docs/profiles.md"
    VERBATIM)
endif()

# The ABI (docs/abi.md): exported symbols = the headers' functions, and a
# consumer whose definitions would change a public struct does not compile.
if(CERTFIT_BUILD_TESTS)
  enable_testing()
  if(CERTFIT_BUILD_SHARED)
    find_program(CERTFIT_NM_D NAMES ${CMAKE_NM} nm)
    add_test(NAME abi_symbols
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/abi/symbols.sh ${CERTFIT_NM_D} ${CMAKE_C_COMPILER}
              $<TARGET_FILE:certfit_shared> ${CERTFIT_GENERATED_INCLUDE} ${CMAKE_CURRENT_SOURCE_DIR}/include)
    set_tests_properties(abi_symbols PROPERTIES LABELS "abi"
      PASS_REGULAR_EXPRESSION "abi_symbols: identical")
  endif()
  add_test(NAME abi_config_conflict
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/abi/config_conflict.sh ${CMAKE_C_COMPILER}
            ${CERTFIT_GENERATED_INCLUDE} ${CMAKE_CURRENT_SOURCE_DIR}/include)
  set_tests_properties(abi_config_conflict PROPERTIES LABELS "abi"
    PASS_REGULAR_EXPRESSION "abi_config_conflict: ok")
endif()

if(CERTFIT_BUILD_TESTS AND TARGET certfit_cli)
  enable_testing()
  set(_eco ${CMAKE_CURRENT_SOURCE_DIR}/tests/ecosystem)
  set(_cli $<TARGET_FILE:certfit_cli>)
  # install into a temporary prefix, build a find_package and a pkg-config consumer
  if(CERTFIT_INSTALL)
    add_test(NAME install_consumers
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/consumers/run.sh ${CMAKE_CURRENT_BINARY_DIR}
              ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_COMMAND} ${CMAKE_C_COMPILER}
              $<BOOL:${CERTFIT_BUILD_SHARED}>
              "$<$<BOOL:${CERTFIT_SANITIZE}>:-fsanitize=address,undefined>")
    set_tests_properties(install_consumers PROPERTIES RESOURCE_LOCK certfit_install_manifest)
  endif()
  # certfit inside another CMake project (add_subdirectory, FetchContent)
  add_test(NAME consumers_subproject
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/consumers/subproject.sh ${CMAKE_CURRENT_SOURCE_DIR}
            ${CMAKE_COMMAND} ${CMAKE_C_COMPILER} ${CMAKE_CURRENT_BINARY_DIR}/consumers-subproject)
  set_tests_properties(consumers_subproject PROPERTIES LABELS "consumers" TIMEOUT 600
    PASS_REGULAR_EXPRESSION "FetchContent \\(CERTFIT_WITH_SIGNATURES=OFF, no Mbed TLS\\): ok")
  # make package: the three .deb files, lintian, dpkg -x, the packaged CLI
  # and a consumer of libcertfit-dev (a build of its own, for /usr, against
  # the system's Mbed TLS: not repeated by the sanitizer and 3.6 suites)
  if(NOT CERTFIT_SANITIZE AND NOT MBEDTLS_ROOT)
    add_test(NAME debian_packages
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/consumers/deb.sh ${CMAKE_CURRENT_SOURCE_DIR}
              ${CMAKE_CURRENT_BINARY_DIR}/debian-packages ${CMAKE_C_COMPILER} ${CMAKE_COMMAND})
    set_tests_properties(debian_packages PROPERTIES LABELS "package" TIMEOUT 900
      PASS_REGULAR_EXPRESSION "debian_packages: ok")
  endif()
  # `make build` runs no set-up (which needs root): only demo and test do
  add_test(NAME make_build_no_setup
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/consumers/make_build.sh ${CMAKE_CURRENT_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/make-build-check)
  set_tests_properties(make_build_no_setup PROPERTIES LABELS "consumers")
  # one Mbed TLS version, the one found (make test-mbedtls3: 3.6 from Debian 13)
  if(MBEDCRYPTO_LIBRARY MATCHES "\\.so")
    add_test(NAME mbedtls_version
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/abi/mbedtls.sh ${_cli} "${CERTFIT_MBEDTLS_VERSION}"
              ${MBEDCRYPTO_LIBRARY} "${CERTFIT_EXPECT_MBEDTLS}")
    set_tests_properties(mbedtls_version PROPERTIES LABELS "mbedtls"
      PASS_REGULAR_EXPRESSION "mbedtls_version: Mbed TLS [0-9.]+, headers and libraries from")
  endif()
  # make test-mbedtls3's download is cached in the build tree
  get_filename_component(_deb13 "${MBEDTLS_ROOT}/../.." ABSOLUTE)
  if(MBEDTLS_ROOT AND EXISTS "${_deb13}/stamp")
    add_test(NAME mbedtls3_cached
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/abi/mbedtls3_cached.sh ${CMAKE_CURRENT_SOURCE_DIR}
              ${_deb13} ${MBEDTLS_ROOT})
    set_tests_properties(mbedtls3_cached PROPERTIES LABELS "mbedtls"
      PASS_REGULAR_EXPRESSION "mbedtls3_cached: .* from the cache, no apt-get or dpkg call")
  endif()
  add_test(NAME docs_fresh COMMAND sh ${_eco}/docs_fresh.sh ${_cli} ${CMAKE_CURRENT_SOURCE_DIR})
  add_test(NAME man_sync COMMAND sh ${_eco}/man_sync.sh ${_cli} ${CMAKE_CURRENT_SOURCE_DIR})
  add_test(NAME bash_completion
    COMMAND bash ${_eco}/completion.sh ${_cli} ${CMAKE_CURRENT_SOURCE_DIR})
  add_test(NAME pre_commit_hook COMMAND bash ${_eco}/pre_commit.sh ${_cli} ${CMAKE_CURRENT_SOURCE_DIR})
  add_test(NAME github_action COMMAND sh ${_eco}/action.sh ${_cli} ${CMAKE_CURRENT_SOURCE_DIR})
endif()
