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

# Seeds: fixtures (and DER copies) for the certificate targets, policy files
# for the parser.
function(certfit_fuzz_seeds target out)
  if(target STREQUAL "policy")
    set(${out} ${CERTFIT_FUZZ_DIR}/corpus/policy PARENT_SCOPE)
  else()
    set(${out} ${CERTFIT_FUZZ_DIR}/corpus/certs PARENT_SCOPE)
  endif()
endfunction()

set(_certfit_all_sources)
foreach(s ${CERTFIT_CORE_SOURCES} ${CERTFIT_HOST_SOURCES})
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
    CERTFIT_WITH_SIGNATURES=$<BOOL:${CERTFIT_WITH_SIGNATURES}>)
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
    if(EXISTS ${CERTFIT_FUZZ_DIR}/regression/${t})
      list(APPEND _dirs ${CERTFIT_FUZZ_DIR}/regression/${t})
    endif()
    add_test(NAME fuzz_regression_${t} COMMAND replay_${t} ${_dirs})
    set_tests_properties(fuzz_regression_${t} PROPERTIES LABELS "reliability;fuzz"
                         TIMEOUT 300)
  endforeach()

  include(${PROJECT_SOURCE_DIR}/tests/hostile/hostile.cmake OPTIONAL)
endif()
