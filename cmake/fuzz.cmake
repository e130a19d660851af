# Reliability (issue 6): fuzz targets, the regression-corpus replay, and the
# hostile-input and agreement tests. See docs/reliability.md.
#
#   -DCERTFIT_FUZZ=ON (clang only): libFuzzer binaries fuzz_<target>, built
#   with -fsanitize=fuzzer,address,undefined over their own instrumented copy
#   of the library sources. `make fuzz` drives them (mk/reliability.mk).
#
# Without it, every build still compiles each target's entry point into a
# plain driver (fuzz/replay_main.c) and ctest replays the seed corpus and the
# regression corpus through it.

option(CERTFIT_FUZZ "Build libFuzzer targets (clang only)" OFF)

set(CERTFIT_FUZZ_TARGETS input check policy guard)
set(CERTFIT_FUZZ_DIR ${PROJECT_SOURCE_DIR}/fuzz)

# Seeds: the fixture directories themselves plus the DER copies in
# fuzz/corpus/certs for the certificate targets, policy files for the parser.
# (Keep in step with seeds_of in fuzz/run.sh.)
function(certfit_fuzz_seeds target out)
  if(target STREQUAL "policy")
    set(${out} ${CERTFIT_FUZZ_DIR}/corpus/policy PARENT_SCOPE)
  else()
    set(${out} ${CERTFIT_FUZZ_DIR}/corpus/certs ${PROJECT_SOURCE_DIR}/fixtures/real
        ${PROJECT_SOURCE_DIR}/fixtures/real/letsencrypt ${PROJECT_SOURCE_DIR}/fixtures/gen
        PARENT_SCOPE)
  endif()
endfunction()

set(_certfit_all_sources)
foreach(s ${CERTFIT_CORE_SOURCES} ${CERTFIT_SIMD_SOURCES} ${CERTFIT_HOST_SOURCES})
  list(APPEND _certfit_all_sources ${PROJECT_SOURCE_DIR}/${s})
endforeach()

if(CERTFIT_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CERTFIT_FUZZ needs clang (configure with CC=clang)")
  endif()
  set(_fz -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
          -fno-omit-frame-pointer -g)
  add_library(certfit_fuzzlib STATIC ${_certfit_all_sources})
  target_include_directories(certfit_fuzzlib PUBLIC ${PROJECT_SOURCE_DIR}/include)
  target_include_directories(certfit_fuzzlib PRIVATE ${MBEDTLS_INCLUDE_DIR}
                             ${PROJECT_SOURCE_DIR}/lib)
  target_compile_options(certfit_fuzzlib PRIVATE ${CERTFIT_WARNINGS} ${_fz})
  target_compile_definitions(certfit_fuzzlib PRIVATE
    CERTFIT_WITH_SIGNATURES=$<BOOL:${CERTFIT_WITH_SIGNATURES}> CERTFIT_SIMD=$<BOOL:${CERTFIT_SIMD}>)
  target_link_libraries(certfit_fuzzlib PUBLIC ${MBEDCRYPTO_LIBRARY})
  foreach(t ${CERTFIT_FUZZ_TARGETS})
    add_executable(fuzz_${t} ${CERTFIT_FUZZ_DIR}/fuzz_${t}.c)
    target_link_libraries(fuzz_${t} PRIVATE certfit_fuzzlib)
    target_compile_options(fuzz_${t} PRIVATE ${CERTFIT_WARNINGS}
      -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer,address,undefined)
  endforeach()
endif()

if(CERTFIT_BUILD_TESTS)
  # The regression corpus: every input that once crashed, plus the seeds,
  # through the same entry points, on every build (gcc or clang).
  foreach(t ${CERTFIT_FUZZ_TARGETS})
    add_executable(replay_${t} ${CERTFIT_FUZZ_DIR}/replay_main.c
                   ${CERTFIT_FUZZ_DIR}/fuzz_${t}.c)
    target_link_libraries(replay_${t} PRIVATE certfit)
    target_compile_options(replay_${t} PRIVATE ${CERTFIT_WARNINGS})
    certfit_fuzz_seeds(${t} _dirs)
    list(APPEND _dirs ${CERTFIT_FUZZ_DIR}/regression/${t})
    add_test(NAME fuzz_regression_${t} COMMAND replay_${t} ${_dirs})
    set_tests_properties(fuzz_regression_${t} PROPERTIES LABELS "reliability;fuzz"
                         TIMEOUT 300)
  endforeach()

endif()

# Hostile inputs (tests/hostile/): mutations of every real certificate, the
# crafted cases, private keys never echoed, and agreement with OpenSSL and
# Mbed TLS on the fixtures and the system trust store.
if(CERTFIT_BUILD_TESTS AND CERTFIT_BUILD_CLI)
  set(_hostile ${PROJECT_SOURCE_DIR}/tests/hostile)
  set(_hwork ${CMAKE_BINARY_DIR}/hostile)

  add_executable(test_hostile_mutations ${_hostile}/test_hostile_mutations.c)
  target_link_libraries(test_hostile_mutations PRIVATE certfit_test_support)
  target_compile_options(test_hostile_mutations PRIVATE ${CERTFIT_WARNINGS})
  add_test(NAME hostile_mutations
           COMMAND test_hostile_mutations ${PROJECT_SOURCE_DIR}/fixtures
                   $<TARGET_FILE:certfit_cli> ${_hwork}-mutations)
  set_tests_properties(hostile_mutations PROPERTIES LABELS "reliability;hostile" TIMEOUT 900)

  set(_crafted len84-der len84-tbs len88-der len88-pem indefinite nesting-10000 empty
      zeros-64mib junk-pem base64-invalid pem-no-end begin-in-begin c-unterminated bundle-100k)
  foreach(c ${_crafted})
    add_test(NAME hostile_${c}
             COMMAND sh ${_hostile}/crafted.sh $<TARGET_FILE:certfit_cli> ${_hwork}/crafted ${c})
    set_tests_properties(hostile_${c} PROPERTIES LABELS "reliability;hostile" TIMEOUT 120)
  endforeach()
  # bounded time for 100,000 certificates (about 10 s here; ASan slower)
  set_tests_properties(hostile_bundle-100k PROPERTIES TIMEOUT 300 RUN_SERIAL ON)

  set(_keys pem-pkcs8 pem-ec pem-encrypted pem-rsa der-pkcs8 c-header bundle cert-label)
  foreach(k ${_keys})
    add_test(NAME hostile_privkey_${k}
             COMMAND sh ${_hostile}/privkey.sh $<TARGET_FILE:certfit_cli> ${_hwork}/privkey ${k})
    set_tests_properties(hostile_privkey_${k} PROPERTIES LABELS "reliability;hostile" TIMEOUT 120)
  endforeach()

  if(MBEDX509_LIBRARY)
    add_executable(test_agreement ${_hostile}/test_agreement.c)
    target_link_libraries(test_agreement PRIVATE certfit_test_support ${MBEDX509_LIBRARY}
                          ${MBEDCRYPTO_LIBRARY})
    target_include_directories(test_agreement PRIVATE ${MBEDTLS_INCLUDE_DIR}
                               ${PROJECT_SOURCE_DIR}/lib)
    target_compile_options(test_agreement PRIVATE ${CERTFIT_WARNINGS})
    add_test(NAME agreement_fixtures
             COMMAND test_agreement ${_hwork}-agreement-fixtures ${PROJECT_SOURCE_DIR}/fixtures)
    add_test(NAME agreement_trust_store
             COMMAND sh ${_hostile}/trust_store.sh $<TARGET_FILE:test_agreement>
                     ${_hwork}/agreement-store)
    set_tests_properties(agreement_fixtures agreement_trust_store PROPERTIES
                         LABELS "reliability;agreement" TIMEOUT 600)
  endif()
endif()
