# Mbed TLS 3.6 (what nRF Connect SDK ships), next to Debian 12's 2.28 that
# `make test` uses (docs/abi.md, "Mbed TLS versions").
#   make test-mbedtls3   the whole ctest suite against Debian 13's
#                        libmbedtls-dev 3.6.6, in $(MBEDTLS3_BUILD): the
#                        packages are downloaded by name into
#                        $(MBEDTLS3_BUILD)/debian13 (scripts/mbedtls3-debs.sh:
#                        private apt list, no system change; a second run
#                        reads no network)
MBEDTLS3_BUILD ?= build-mbedtls3

.PHONY: test-mbedtls3

test-mbedtls3: setup
	prefix=$$(sh scripts/mbedtls3-debs.sh $(MBEDTLS3_BUILD)/debian13 | tail -n 1) && \
	  cmake -S . -B $(MBEDTLS3_BUILD) -DMBEDTLS_ROOT="$$prefix" -DCERTFIT_EXPECT_MBEDTLS=3.6 \
	  $(CMAKE_FLAGS)
	cmake --build $(MBEDTLS3_BUILD) -j $(JOBS)
	cd $(MBEDTLS3_BUILD) && ctest --output-on-failure -j $(JOBS)
