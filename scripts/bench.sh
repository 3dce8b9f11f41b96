#!/usr/bin/env bash
# `make bench`: the core benchmarks natively and as WebAssembly under node, in one table
# (bench/core/report.py): our time, the floor (nlohmann::json alone on the same bytes), the
# ratio, the wasm time, wasm/native, and the aim from issue 7.
#
# Google Benchmark for wasm is built here from Debian's `benchmark` source package (fetched
# with the private apt configuration scripts/setup.sh wrote) into .deps/wasm/benchmark-<ver>,
# once; later runs reuse it.
#
# Environment:
#   BENCH_FILTER=REGEX     only benchmarks whose name matches (Google Benchmark's filter)
#   BENCH_MIN_TIME=SECS    minimum time per benchmark (default 0.5)
#   BENCH_NO_WASM=1        native only
#   BENCH_OUT=DIR          where the JSON results and table.md go (default build/bench)
#   BENCH_NATIVE_BIN=PATH  the native benchmark program (default build/bin/pathway_core_bench)
#   BENCH_WASM_BUILD=DIR   where the wasm benchmarks are built (default build/bench-wasm)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT=$PATHWAY_ROOT
CACHE=$PATHWAY_CACHE
cd "$ROOT"

BENCHMARK_DEB_VERSION=1.7.1-1          # bookworm; matches libbenchmark-dev used natively
BENCHMARK_VERSION=${BENCHMARK_DEB_VERSION%-*}
BENCHMARK_WASM_DIR=$CACHE/wasm/benchmark-$BENCHMARK_VERSION
NATIVE_BIN=${BENCH_NATIVE_BIN:-$ROOT/build/bin/pathway_core_bench}
WASM_BUILD=${BENCH_WASM_BUILD:-$ROOT/build/bench-wasm}
OUT=${BENCH_OUT:-$ROOT/build/bench}
FILTER=${BENCH_FILTER:-.}
MIN_TIME=${BENCH_MIN_TIME:-0.5}
LOG_DIR=$CACHE/logs

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: FAILED: %s\n' "$*" >&2; exit 1; }
run_logged() {
    local log=$1 what=$2; shift 2
    if ! "$@" >>"$log" 2>&1; then
        tail -n 25 "$log" >&2
        die "$what (full log: ${log#"$ROOT"/})"
    fi
}

# The private deb-src configuration of scripts/setup.sh (same folders, same options).
APT_DIR=$CACHE/apt
APT_SRC_OPTS=(
    -o "Dir::Etc::SourceList=$APT_DIR/sources.list"
    -o "Dir::Etc::SourceParts=$APT_DIR/sources.list.d"
    -o "Dir::State::Lists=$APT_DIR/lists"
    -o "Dir::Cache=$APT_DIR/cache"
    -o "Dir::Cache::Archives=$APT_DIR/cache/archives"
    -o "APT::Sandbox::User=root"
    -o "Acquire::Languages=none"
)

build_benchmark_wasm() {
    local key="benchmark $BENCHMARK_DEB_VERSION emscripten $(dpkg-query -W -f='${Version}' emscripten) $PATHWAY_WASM_EH node-cpu-time"
    if [ -f "$BENCHMARK_WASM_DIR/.pathway-stamp" ] && [ "$(cat "$BENCHMARK_WASM_DIR/.pathway-stamp")" = "$key" ]; then
        return
    fi
    [ -d "$APT_DIR/sources.list.d" ] || die "no private apt configuration in ${APT_DIR#"$ROOT"/}: run 'make setup' first"
    mkdir -p "$LOG_DIR" "$APT_DIR/dl"
    local log=$LOG_DIR/benchmark-wasm.log t0 dsc src=$CACHE/src/benchmark-$BENCHMARK_VERSION
    local build=$CACHE/build/benchmark-$BENCHMARK_VERSION-wasm
    : >"$log"
    t0=$(date +%s)
    say "Google Benchmark $BENCHMARK_VERSION for wasm ... building once (log: ${log#"$ROOT"/})"
    dsc=$APT_DIR/dl/benchmark_$BENCHMARK_DEB_VERSION.dsc
    if [ ! -f "$dsc" ]; then
        if ! (cd "$APT_DIR/dl" && apt-get "${APT_SRC_OPTS[@]}" source --download-only "benchmark=$BENCHMARK_DEB_VERSION") >>"$log" 2>&1; then
            run_logged "$log" "apt-get update (private deb-src)" apt-get "${APT_SRC_OPTS[@]}" update
            (cd "$APT_DIR/dl" && run_logged "$log" "apt-get source benchmark=$BENCHMARK_DEB_VERSION" \
                apt-get "${APT_SRC_OPTS[@]}" source --download-only "benchmark=$BENCHMARK_DEB_VERSION")
        fi
    fi
    rm -rf "$src" "$APT_DIR/dl/benchmark.extract"
    run_logged "$log" "extracting $dsc" dpkg-source --skip-patches -x "$dsc" "$APT_DIR/dl/benchmark.extract"
    mkdir -p "$(dirname "$src")"
    mv "$APT_DIR/dl/benchmark.extract" "$src"
    # Google Benchmark reports wall time as CPU time under Emscripten; ask node for the
    # process's CPU time instead, so wasm and native compare alike on a busy machine.
    sed -i 's|  return emscripten_get_now() \* 1e-3;|  return EM_ASM_DOUBLE({ const u = process.cpuUsage(); return (u.user + u.system) / 1e6; }, 0);|' \
        "$src/src/timers.cc"
    grep -q 'process.cpuUsage' "$src/src/timers.cc" || die "could not patch benchmark's timers.cc for node CPU time"
    sed -i 's|#include <emscripten.h>|#include <emscripten.h>\n#include <emscripten/em_asm.h>|' "$src/src/timers.cc"
    rm -rf "$build" "$BENCHMARK_WASM_DIR"
    # About 2 minutes to configure (every feature probe runs emcc) and 1 to build on 2 cores.
    run_logged "$log" "benchmark: configure" \
        emcmake cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_INSTALL_PREFIX="$BENCHMARK_WASM_DIR" \
            -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node \
            -DCMAKE_CXX_FLAGS="$PATHWAY_WASM_EH" \
            -DBENCHMARK_ENABLE_TESTING=OFF -DBENCHMARK_ENABLE_GTEST_TESTS=OFF \
            -DBENCHMARK_ENABLE_WERROR=OFF -DBENCHMARK_ENABLE_INSTALL=ON
    run_logged "$log" "benchmark: build" cmake --build "$build"
    run_logged "$log" "benchmark: install" cmake --install "$build"
    printf '%s\n' "$key" >"$BENCHMARK_WASM_DIR/.pathway-stamp"
    say "Google Benchmark $BENCHMARK_VERSION for wasm ... ok ($(( $(date +%s) - t0 )) s)"
}

build_bench_wasm() {
    local log=$LOG_DIR/bench-wasm.log
    : >"$log"
    if [ ! -f "$WASM_BUILD/build.ninja" ]; then
        run_logged "$log" "wasm benchmarks: configure" \
            emcmake cmake -S "$ROOT/bench/core/wasm" -B "$WASM_BUILD" -G Ninja \
                -DCMAKE_BUILD_TYPE=Release -DPATHWAY_ROOT="$ROOT" \
                -Dbenchmark_DIR="$BENCHMARK_WASM_DIR/lib/cmake/benchmark" \
                -DPATHWAY_WASM_INCLUDE="$WASM_INCLUDE_DIR" \
                -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node
    fi
    run_logged "$log" "wasm benchmarks: build" cmake --build "$WASM_BUILD"
}

machine() {
    local cpu
    cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
    printf '%s cores (nproc), %s; load average %s' "$(nproc)" "$cpu" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

[ -x "$NATIVE_BIN" ] || die "$NATIVE_BIN missing (make bench builds it through build-native)"
mkdir -p "$OUT"
rm -f "$OUT/native.json" "$OUT/wasm.json"
say "machine: $(machine)"
say "native: ${NATIVE_BIN#"$ROOT"/} (min time ${MIN_TIME}s per benchmark)"
"$NATIVE_BIN" --benchmark_filter="$FILTER" --benchmark_min_time="$MIN_TIME" \
    --benchmark_out="$OUT/native.json" --benchmark_out_format=json \
    --benchmark_format=console >"$OUT/native.txt" 2>&1 || { cat "$OUT/native.txt"; die "native benchmarks"; }

if [ "${BENCH_NO_WASM:-0}" != 1 ]; then
    build_benchmark_wasm
    build_bench_wasm
    say "wasm: node --no-liftoff --no-wasm-lazy-compilation ${WASM_BUILD#"$ROOT"/}/pathway_core_bench.js"
    # Compile everything optimised at start-up, so no compiler (lazy or tier-up) runs while
    # the clock is running; a phone's browser does the same for a page used a while.
    (cd "$WASM_BUILD" && node --no-liftoff --no-wasm-lazy-compilation pathway_core_bench.js \
        --benchmark_filter="$FILTER" --benchmark_min_time="$MIN_TIME" \
        --benchmark_out="$OUT/wasm.json" --benchmark_out_format=json \
        --benchmark_format=console) >"$OUT/wasm.txt" 2>&1 ||
        { cat "$OUT/wasm.txt"; die "wasm benchmarks"; }
fi

python3 "$ROOT/bench/core/report.py" --machine "$(machine)" --markdown "$OUT/table.md" \
    "$OUT/native.json" "$([ -s "$OUT/wasm.json" ] && echo "$OUT/wasm.json" || echo -)"
