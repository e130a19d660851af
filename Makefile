# The two commands users run: `make demo` and `make test` (Debian 12, root:
# they run the set-up first). `make build` only configures and builds, so it
# needs no root when the dependencies are there.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all setup build test demo clean

all: build

setup:
	@sh scripts/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: setup
	$(MAKE) build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: setup
	$(MAKE) build
	@sh scripts/demo.sh $(BUILD)

clean:
	rm -rf $(BUILD)

# More targets (test-asan, fuzz, bench, install, ...) live in mk/*.mk.
-include mk/*.mk
