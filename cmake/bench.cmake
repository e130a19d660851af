# The benchmark programs (issue 7): small, always built with the library.
# bench/driver.c runs certfit_check over a bundle (callgrind, in-process
# timing); bench/mbedtls_parse.c is the Mbed TLS baseline. `make bench`
# (mk/bench.mk) builds the corpus and runs bench/run.sh.
option(CERTFIT_BUILD_BENCH "Build the benchmark programs in bench/" ${CERTFIT_TOP_LEVEL})
if(CERTFIT_BUILD_BENCH)
  add_executable(certfit_bench_driver bench/driver.c)
  set_target_properties(certfit_bench_driver PROPERTIES OUTPUT_NAME certfit-bench-driver
                        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  target_link_libraries(certfit_bench_driver PRIVATE certfit)
  target_compile_options(certfit_bench_driver PRIVATE ${CERTFIT_WARNINGS})

  if(MBEDX509_LIBRARY)
    add_executable(certfit_bench_mbedtls bench/mbedtls_parse.c)
    set_target_properties(certfit_bench_mbedtls PROPERTIES OUTPUT_NAME certfit-bench-mbedtls
                          RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
    target_include_directories(certfit_bench_mbedtls PRIVATE ${MBEDTLS_INCLUDE_DIR})
    target_link_libraries(certfit_bench_mbedtls PRIVATE ${MBEDX509_LIBRARY} ${MBEDCRYPTO_LIBRARY})
    target_compile_options(certfit_bench_mbedtls PRIVATE ${CERTFIT_WARNINGS})
  endif()
endif()
