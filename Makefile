# The two commands: `make run` and `make test`. Both install what is missing
# first (scripts/install-deps), so they work on a fresh Debian 12 machine.

SHELL := /bin/bash
JOBS ?= $(shell nproc)
TEST_DIR := build/test
RELEASE_DIR := build/release
TSAN_DIR := build/tsan
# Under ThreadSanitizer (5-15x slower) the latency bounds of the hostile-client floods mean
# nothing, the packaging tests compile consumers rather than run threads, and the browser
# and soak runs are long: the rest, every unit, integration and stress test, runs.
TSAN_CTEST_ARGS ?= -LE "soak|browser|hostile|packaging"
CTEST_ARGS ?=

.PHONY: all deps run test soak build-test build-release tsan bench fuzz format clean

all: build-release

deps:
	@scripts/install-deps

# Debug + AddressSanitizer + UndefinedBehaviorSanitizer: the build the tests run in.
$(TEST_DIR)/build.ninja: | deps
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFOLIO_SANITIZE=ON \
	  -DFOLIO_BUILD_BENCH=OFF

build-test: deps $(TEST_DIR)/build.ninja
	cmake --build $(TEST_DIR) -j $(JOBS)

# The long tests (label `soak`) are left to `make soak`. One private MariaDB
# and one private PostgreSQL server for the whole run (each test makes its
# own database or schema on them).
test: build-test
	cd $(TEST_DIR) && ../../scripts/with-mariadb ../../scripts/with-postgres ctest \
	  --output-on-failure -j $(JOBS) -LE soak \
	  $(CTEST_ARGS)

# The tests labelled `soak` (100 crash rounds, sustained load with the RSS
# bounded, long floods), in the Release build: what a deployment runs (jemalloc,
# optimised), and without the sanitizers, whose quarantine of freed memory
# would read as growth and whose slowness would stretch every round. One at a
# time (-j 1): each measures the machine's behaviour under its own load.
SOAK_CTEST_ARGS ?=
soak: build-release
	cd $(RELEASE_DIR) && ../../scripts/with-mariadb ../../scripts/with-postgres ctest \
	  --output-on-failure -j 1 -L soak \
	  $(SOAK_CTEST_ARGS)

# Debug + ThreadSanitizer: the tests again, for data races.
$(TSAN_DIR)/build.ninja: | deps
	cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFOLIO_TSAN=ON \
	  -DFOLIO_BUILD_BENCH=OFF -DFOLIO_BUILD_EXAMPLES=OFF

tsan: deps $(TSAN_DIR)/build.ninja
	cmake --build $(TSAN_DIR) -j $(JOBS)
	cd $(TSAN_DIR) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	  ../../scripts/with-mariadb ../../scripts/with-postgres ctest --output-on-failure \
	  -j $(JOBS) $(TSAN_CTEST_ARGS)

$(RELEASE_DIR)/build.ninja: | deps
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build-release: deps $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) -j $(JOBS)

# Only what serving needs: a fresh machine should not wait for tests and benchmarks.
run: deps $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target folio
	@scripts/run

bench: build-release
	@scripts/bench

fuzz: deps
	@scripts/fuzz

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
