# The two commands that matter: `make run` and `make test` (see README.md).
# Every target installs missing dependencies first (scripts/install-deps.sh).

BUILD      ?= build
SAN_BUILD  ?= build/sanitize
ARM_BUILD  ?= build/armhf
JOBS       ?= $(shell nproc)
KUBOS_WERROR ?= OFF
# make test: 11 fuzzers x 6 s (the fuzz stage stays about 70 s); `make fuzz`: 300 s each.
FUZZ_SECONDS ?= 6
PREFIX     ?= /usr
DESTDIR    ?=

CMAKE_COMMON = -G Ninja -DKUBOS_WERROR=$(KUBOS_WERROR)

.PHONY: all deps build run test test-hostile test-arm unit-test asan-test fuzz-test fuzz lint format bench install clean soak test-valgrind

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The whole local stack in the foreground, on a generated sandbox config under ./run/.
run: build
	@bash scripts/run-stack.sh $(BUILD)/bin

# Everything, each suite once: the release build's unit and differential
# tests and its release-only suites (the scaffold, the init scripts); then every
# unit and integration suite against the services built with ASan+UBSan (the
# same tests start the instrumented binaries); then the fuzzers for a bounded
# time. Each stage prints when it starts: on 2 cores this takes about 19
# minutes of the 20 allowed, so clang-tidy (6-7 minutes on a fresh tree) runs
# after it in CI (.ci/run) rather than inside it.
RELEASE_LABELS = '^(unit|diff|release-only)$$'
SAN_LABELS     = '^(unit|integration)$$'

test: build
	@echo "make test: release tests ($$(date +%T))"
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 300 -L $(RELEASE_LABELS)
	@echo "make test: sanitizer tests ($$(date +%T))"
	@$(MAKE) --no-print-directory asan-test
	@echo "make test: fuzzers ($$(date +%T))"
	@$(MAKE) --no-print-directory fuzz-test
	@echo "make test: all suites passed ($$(date +%T))"

# The sanitizer tree (clang, ASan+UBSan, libFuzzer coverage hooks): the tests,
# the services and the fuzzers link the same instrumented libraries, compiled
# once. -O1 as ASan advises: fast enough to fuzz, frames still readable.
SAN_CONFIGURE = CXX=clang++ cmake -S . -B $(SAN_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DKUBOS_FUZZ=ON -DKUBOS_BENCH=OFF >/dev/null

# Every report goes to a file under asan-reports/ as well as failing its
# process: a service started by a test may exit without the test reading its
# status, so any file there fails the stage and is printed.
SAN_REPORTS = $(abspath $(SAN_BUILD))/asan-reports
asan-test: deps
	@$(SAN_CONFIGURE)
	@cmake --build $(SAN_BUILD) -j $(JOBS)
	@rm -rf $(SAN_REPORTS) && mkdir -p $(SAN_REPORTS)
	@cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$(SAN_REPORTS)/asan \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(SAN_REPORTS)/ubsan \
	  ctest --output-on-failure -j $(JOBS) -L $(SAN_LABELS) -LE release-only --timeout 300 \
	  || { cat $(SAN_REPORTS)/* 2>/dev/null; exit 1; }
	@if [ -n "$$(ls -A $(SAN_REPORTS))" ]; then cat $(SAN_REPORTS)/*; \
	  echo "make asan-test: sanitizer reports above (from processes the tests started)"; exit 1; fi

# The on-board computer's build (README.md, "On-board build"): armhf with
# Debian's cross g++ (cmake/toolchain-armhf.cmake), every unit test run under
# qemu-user by ctest (the toolchain's CMAKE_CROSSCOMPILING_EMULATOR), then the
# armhf sim-eps + sim-eps-service answering {ping} over HTTP, also under qemu,
# and the stripped sizes. Not part of `make test`: the cross build alone takes
# longer than make test has left.
ARM_TARGETS = unit-tests sim-eps sim-eps-service kubos-app-service local-comms-service comms-client \
  graphql-exec eps-monitor
# Cannot pass under qemu-user, so not run there: qemu's setrlimit() accepts
# RLIMIT_AS/RLIMIT_DATA/RLIMIT_STACK and applies nothing (the limit would bind
# qemu's own allocations), so the app the test spawns sees "unlimited". It
# runs natively in make test, as do all the others.
ARM_QEMU_EXCLUDE = Supervisor.APP_75_memory_limit_without_cgroup_is_rlimit_as_before_exec
test-arm:
	@bash scripts/install-deps.sh --arm
	@echo "make test-arm: cross build ($$(date +%T))"
	@cmake -S . -B $(ARM_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/toolchain-armhf.cmake -DKUBOS_BENCH=OFF >/dev/null
	@nice -n 10 cmake --build $(ARM_BUILD) -j $(JOBS) --target $(ARM_TARGETS)
	@echo "make test-arm: unit tests under qemu-arm ($$(date +%T))"
	@cd $(ARM_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit -E '$(ARM_QEMU_EXCLUDE)' --timeout 900
	@echo "make test-arm: sim-eps + sim-eps-service under qemu-arm ($$(date +%T))"
	@python3 tests/armhf/test_ping.py $(ARM_BUILD)/bin
	@bash scripts/armhf-sizes.sh $(ARM_BUILD)/bin
	@echo "make test-arm: all passed ($$(date +%T))"

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

# Not in `make test` (minutes): SOAK_SECONDS (default 600) of mixed load on every
# service, direct and through the comms link, with RSS, descriptors, threads and
# child processes watched (tests/soak/soak.py).
SOAK_SECONDS ?= 600
soak: build
	@SOAK_SECONDS=$(SOAK_SECONDS) KUBOS_BIN=$(abspath $(BUILD))/bin python3 tests/soak/soak.py

# Not in `make test` (about 15 minutes): the integration suites of sim-eps-service,
# local-comms-service and part of app-service with every service under valgrind
# memcheck (tests/valgrind/run.sh; logs in $(BUILD)/valgrind).
test-valgrind: build
	@bash tests/valgrind/run.sh $(BUILD)/bin $(BUILD)/valgrind

# The hostile-client suite (tests/hostile), release build: not in make test
# until its two failing checks are fixed (tests/hostile/README.md).
test-hostile: build
	@cd $(BUILD) && ctest --output-on-failure -L '^hostile$$' --timeout 300
