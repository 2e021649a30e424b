# The two commands that matter: `make run` and `make test` (see README.md).
# Every target installs missing dependencies first (scripts/install-deps.sh).

BUILD      ?= build
SAN_BUILD  ?= build/sanitize
JOBS       ?= $(shell nproc)
KUBOS_WERROR ?= OFF
FUZZ_SECONDS ?= 10
PREFIX     ?= /usr
DESTDIR    ?=

CMAKE_COMMON = -G Ninja -DKUBOS_WERROR=$(KUBOS_WERROR)

.PHONY: all deps build run test unit-test asan-test fuzz-test fuzz lint format bench install clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The whole local stack in the foreground, on a generated sandbox config under ./run/.
run: build
	@bash scripts/run-stack.sh $(BUILD)/bin

# Everything: the release build's tests (unit, differential, integration),
# the unit tests again under ASan+UBSan, and the fuzzers for a bounded time.
# Each stage prints when it starts: on 2 cores this takes about 18 minutes of
# the 20 allowed, so clang-tidy (6-7 minutes on a fresh tree) runs after it in
# CI (.ci/run) rather than inside it.
test: build
	@echo "make test: release tests ($$(date +%T))"
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 300
	@echo "make test: sanitizer tests ($$(date +%T))"
	@$(MAKE) --no-print-directory asan-test
	@echo "make test: fuzzers ($$(date +%T))"
	@$(MAKE) --no-print-directory fuzz-test
	@echo "make test: all suites passed ($$(date +%T))"

# The sanitizer tree (clang, ASan+UBSan, libFuzzer coverage hooks): the unit
# tests and the fuzzers link the same instrumented libraries, compiled once.
# -O1 as ASan advises: fast enough to fuzz, frames still readable.
SAN_CONFIGURE = CXX=clang++ cmake -S . -B $(SAN_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DKUBOS_FUZZ=ON -DKUBOS_BENCH=OFF >/dev/null

asan-test: deps
	@$(SAN_CONFIGURE)
	@cmake --build $(SAN_BUILD) -j $(JOBS) --target unit-tests fuzzers
	@cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -L unit --timeout 300

# libFuzzer targets, each run for FUZZ_SECONDS on its seed corpus.
fuzz-test: deps
	@$(SAN_CONFIGURE)
	@cmake --build $(SAN_BUILD) -j $(JOBS) --target fuzzers
	@bash fuzz/run-fuzzers.sh $(SAN_BUILD)/bin $(FUZZ_SECONDS)

# Longer: the random differential test against graphql-js and every libFuzzer
# target, FUZZ_SECONDS each (default 300 here; `make fuzz FUZZ_SECONDS=60`).
fuzz: FUZZ_SECONDS = 300
fuzz: build
	@node tests/graphql-random/run.mjs --exec $(BUILD)/bin/graphql-exec-batch --seconds $(FUZZ_SECONDS) \
	  --out $(BUILD)/graphql-random-found
	@$(MAKE) --no-print-directory fuzz-test FUZZ_SECONDS=$(FUZZ_SECONDS)

# clang-tidy with .clang-tidy's checks, warnings as errors, on the project's
# own sources (scripts/lint.sh; LINT_JOBS=2 by default).
lint: build
	@bash scripts/lint.sh $(BUILD)

# clang-format (.clang-format) over the project's own C++ sources, in place.
format: deps
	@git ls-files '*.cpp' '*.h' | grep -v '^third_party/' | xargs clang-format -i --style=file
	@echo "make format: done"

# Every benchmark against its peers (bench/README.md), on a Release build of
# only the binaries it runs, in its own tree; one table, also bench/RESULTS.md.
BENCH_BUILD ?= build/release
BENCH_TARGETS = graphql-bench comms-bench bench-telemetry-service sim-eps-service kubos-app-service local-comms-service
bench: deps
	@cmake -S . -B $(BENCH_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DKUBOS_BENCH=ON >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	@bash bench/run.sh $(BENCH_BUILD)/bin

install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) run
