# Reliability (issue 6, docs/reliability.md).
#   make test-asan                 the whole ctest suite under ASan + UBSan
#                                  (-fno-sanitize-recover) in $(ASAN_BUILD)
#   make fuzz [FUZZ_SECONDS=60]    every libFuzzer target for FUZZ_SECONDS
#            [FUZZ_JOBS=2]         (clang, in $(FUZZ_BUILD)); a finding fails
#                                  and is copied into fuzz/regression/TARGET/
#   make valgrind                  the CLI over every fixture, every output
#                                  format, under valgrind: zero errors, zero leaks
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 2
FUZZ_TARGETS ?= input check policy guard

.PHONY: test-asan fuzz fuzz-build valgrind

test-asan: setup
	cmake -S . -B $(ASAN_BUILD) -DCERTFIT_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && \
	  ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

fuzz-build: setup
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCERTFIT_FUZZ=ON -DCERTFIT_BUILD_TESTS=OFF \
	  -DCERTFIT_BUILD_CLI=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) $(addprefix --target fuzz_,$(FUZZ_TARGETS))

fuzz: fuzz-build
	sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

valgrind: build
	sh tests/hostile/valgrind.sh $(BUILD)/cli/certfit
