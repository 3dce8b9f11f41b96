# Pathway's everyday verbs. `make run` and `make test` do all set-up on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8765
JOBS ?= $(shell nproc)
export NODE_PATH := /usr/share/nodejs

NATIVE_DIR := build/native
WASM_DIR := build/wasm
SETUP_STAMP := .deps/.setup-ok

.PHONY: help setup build build-native build-web build-core run native serve test test-native \
        test-wasm test-browser test-desktop test-core-only test-sanitize screenshots bench fuzz \
        check-new-kind format clean distclean

help:
	@echo "make run        set up, build and serve the web app on http://127.0.0.1:$(PORT)/"
	@echo "make test       set up, build and run every test (native, wasm, browser, desktop, CLI)"
	@echo "make native     build and start the desktop app"
	@echo "make build      build the desktop app, the CLI and the web page"
	@echo "make screenshots  desktop and phone screenshots into screenshots/"
	@echo "make bench      benchmarks;  make fuzz: fuzzers;  make format: clang-format"
	@echo "make check-new-kind  a new entry kind touches two files, and builds and passes"

# Set-up is idempotent and quick when everything is there.
setup:
	@bash scripts/setup.sh

build: build-native build-web

build-native: setup
	@cmake --preset native-release >/dev/null
	@cmake --build --preset native-release -j $(JOBS)

build-web: setup
	@source scripts/env.sh && cmake --preset web-release >/dev/null
	@cmake --build --preset web-release -j $(JOBS)

build-core:
	@cmake --preset core >/dev/null
	@cmake --build --preset core -j $(JOBS)

run: build-web
	@python3 scripts/serve.py --port $(PORT) build/web

serve:
	@python3 scripts/serve.py --port $(PORT) build/web

native: build-native
	./build/bin/pathway

test: build
	@$(MAKE) --no-print-directory test-core-only test-native test-wasm test-desktop test-browser
	@echo "== web payload budget (gzip -9)"
	@bash scripts/web-size-budget.sh build/web
	@echo "make test: all suites passed"

# One build proves two things: the core and the CLI build alone (no ImGui, SDL or Emscripten),
# and their tests (core, CLI, crash safety) pass under ASan + UBSan. sync.integration runs in
# test-native.
test-core-only: setup
	@echo "== core and CLI alone (no ImGui, SDL or Emscripten: the layering), under ASan + UBSan"
	@$(MAKE) --no-print-directory build-core
	@out=$$(ctest --preset core -j $(JOBS) -E '^sync\.' 2>&1) || { echo "$$out"; exit 1; }; \
		echo "$$out" | tail -n 3

test-native:
	@echo "== native: core, ui and CLI tests"
	@ctest --preset native-release -j $(JOBS)

test-wasm:
	@echo "== wasm: the core tests compiled to WebAssembly, run under node"
	@ctest --preset web-release -j $(JOBS)

test-desktop:
	@echo "== desktop: the real window under Xvfb"
	@bash tests/native/smoke.sh build/bin/pathway
	@bash tests/native/open_twice.sh build/bin/pathway

test-browser:
	@echo "== browser: the web page in Debian's Chromium (Playwright)"
	@source scripts/env.sh && node tests/web/run.mjs build/web

test-sanitize: setup
	@cmake --preset sanitize >/dev/null
	@cmake --build --preset sanitize -j $(JOBS)
	@ctest --preset sanitize -j $(JOBS)

screenshots: build
	@bash scripts/screenshots.sh

bench: build-native
	@bash scripts/bench.sh
	@python3 bench/cohort_server.py

fuzz: setup
	@bash scripts/fuzz.sh

# ARCHITECTURE.md: a new entry kind is two files; this builds and tests such a change.
check-new-kind: setup
	@bash scripts/check-new-kind.sh

# web/main.cpp is left alone: clang-format reads its EM_ASM JavaScript as C++ and mangles it.
format:
	@git ls-files '*.cpp' '*.hpp' | grep -v '^web/main.cpp$$' | xargs clang-format -i

clean:
	rm -rf build

distclean: clean
	rm -rf .deps
