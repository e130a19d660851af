# `make bench`: build, then run the benchmark of issue 7 (bench/run.sh) and
# rewrite docs/performance.md. It takes about 15-25 minutes on 2 cores; it is
# never part of `make test` (.ci/run only runs scripts/ci/50-bench-smoke.sh).
# Knobs: RUNS, SIZES, SIG_SIZES, MBEDTLS_SIZES, SIG_KEYS, DOC (see bench/run.sh).
.PHONY: bench bench-corpus

bench-corpus:
	sh bench/make-corpus.sh $(BUILD)/bench-corpus

bench: build
	sh bench/run.sh $(BUILD)
