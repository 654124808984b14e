# The two commands of the README: `make demo` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
JOBS  ?= $(shell nproc)
BUILD ?= build
TEST_BUILD ?= build-test
FUZZ_BUILD ?= build-fuzz
DEMO_DB ?= var/demo.db
DEMO_EMPLOYEES ?= 5000
# Nine years (2017–2025 when run in 2026): the templates measure trends from 2017 and 2020.
DEMO_YEARS ?= 9
FUZZ_SECONDS ?= 20
DEMO_PORT ?= 8080

.PHONY: all deps build demo test unit fuzz bench format tidy clean

all: build

deps:
	@scripts/install-deps

# An optimised build for the demo and benchmarks.
build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DAGP_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) --target agp

demo: build
	@mkdir -p $(dir $(DEMO_DB))
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/agp --db $(DEMO_DB) demo --employees $(DEMO_EMPLOYEES) --years $(DEMO_YEARS)
	@echo
	@echo "Log in at http://127.0.0.1:$(DEMO_PORT)/ as hr (administrator) with the password above;"
	@echo "leder, tillitsvalgt and politiker show what the other roles see."
	@echo "The command line works on the same database, e.g.:"
	@echo "  $(BUILD)/agp --db $(DEMO_DB) evaluate --period 2025 --policy roros-2017"
	@echo "  $(BUILD)/agp --db $(DEMO_DB) indicators --period 2025 --unit 1000 --reference"
	@echo
	$(BUILD)/agp --db $(DEMO_DB) serve --port $(DEMO_PORT)

# Every test: unit and data-driven (sanitized, warnings as errors), CLI, atomicity, fuzzers.
test: deps fuzz unit

unit:
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAGP_BUILD_TESTS=ON \
	  -DAGP_SANITIZE=ON -DAGP_WERROR=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j$(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 900

# libFuzzer needs clang; each parser's fuzzer runs briefly from its seed corpus.
fuzz:
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DAGP_BUILD_TESTS=OFF -DAGP_BUILD_FUZZERS=ON \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target csv_fuzzer xlsx_fuzzer reference_fuzzer policy_fuzzer roster_fuzzer
	@for f in csv xlsx reference policy roster; do \
	  corpus=$$(mktemp -d); cp -r fuzz/corpus/$$f/. $$corpus/; \
	  echo "fuzz: $${f}_fuzzer for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 \
	    -artifact_prefix=$(FUZZ_BUILD)/ \
	    -rss_limit_mb=4096 $$corpus 2> $(FUZZ_BUILD)/$$f.log \
	    || { tail -n 40 $(FUZZ_BUILD)/$$f.log; rm -rf $$corpus; exit 1; }; \
	  grep -E '^#[0-9]+ *DONE' $(FUZZ_BUILD)/$$f.log || true; rm -rf $$corpus; \
	done

bench: 
	@scripts/install-deps --bench
	@$(MAKE) --no-print-directory build
	bench/import/run.sh

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

tidy:
	@cmake -S . -B $(BUILD) -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
	@git ls-files 'src/*.cpp' 'apps/*.cpp' | grep -v _test.cpp | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
