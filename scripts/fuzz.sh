#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets in tests/fuzz with clang
# (-fsanitize=fuzzer,address,undefined) into build/h-fuzz, replays the kept regression inputs
# (tests/fixtures/fuzz-regressions/<target>/), then fuzzes each target for a bounded time from
# its seed corpus (tests/fuzz/corpus/<target>/). New interesting inputs collect in
# build/h-fuzz/corpus/<target>/ (never in the repository); a crash stops with the input's path.
#
# Environment:
#   FUZZ_SECONDS=N     seconds per target (default 120)
#   FUZZ_TARGETS="a b" which targets (default: every tests/fuzz/fuzz_<target>.cpp)
#   FUZZ_BUILD=DIR     build folder (default build/h-fuzz)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SECONDS_PER_TARGET=${FUZZ_SECONDS:-120}
BUILD=${FUZZ_BUILD:-$ROOT/build/h-fuzz}
REGRESSIONS=$ROOT/tests/fixtures/fuzz-regressions

say() { printf 'fuzz: %s\n' "$*"; }
die() { printf 'fuzz: FAILED: %s\n' "$*" >&2; exit 1; }

command -v clang++ >/dev/null || die "clang++ missing (make setup installs clang and libclang-rt-14-dev)"

if [ -n "${FUZZ_TARGETS:-}" ]; then
    targets=$FUZZ_TARGETS
else
    targets=$(for f in tests/fuzz/fuzz_*.cpp; do n=${f##*/fuzz_}; echo "${n%.cpp}"; done)
fi

# Which dictionary helps which target (libFuzzer -dict).
dict_for() {
    case $1 in
        leap2a) echo tests/fuzz/xml.dict ;;
        csv) echo tests/fuzz/csv.dict ;;
        *) echo tests/fuzz/json.dict ;;
    esac
}

say "building with clang into ${BUILD#"$ROOT"/}"
if [ ! -f "$BUILD/build.ninja" ]; then
    # -O1: the usual trade for fuzzing (fast enough to run, quick to build, readable traces).
    CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
        -DPATHWAY_CORE_ONLY=ON -DPATHWAY_TESTS=OFF -DPATHWAY_BENCH=OFF -DPATHWAY_FUZZ=ON >/dev/null
fi
build_targets=$(for t in $targets; do printf 'fuzz_%s ' "$t"; done)
# shellcheck disable=SC2086
cmake --build "$BUILD" --target $build_targets -j "${JOBS:-$(nproc)}" | grep -Ev '^\[[0-9]+/[0-9]+\] ' || true
for t in $targets; do [ -x "$BUILD/fuzz/fuzz_$t" ] || die "fuzz_$t did not build"; done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$BUILD/artifacts"
summary=()
for t in $targets; do
    bin=$BUILD/fuzz/fuzz_$t
    seeds=$ROOT/tests/fuzz/corpus/$t
    work=$BUILD/corpus/$t
    mkdir -p "$work"
    # 1. Every input that once crashed must stay fixed.
    if [ -d "$REGRESSIONS/$t" ] && [ -n "$(ls -A "$REGRESSIONS/$t")" ]; then
        "$bin" "$REGRESSIONS/$t"/* >"$BUILD/$t-regressions.log" 2>&1 ||
            { tail -n 40 "$BUILD/$t-regressions.log"; die "$t: a kept regression input fails again"; }
        say "$t: $(ls "$REGRESSIONS/$t" | wc -l) regression input(s) pass"
    fi
    # 2. Fuzz for the bounded time: new inputs go to the work corpus (first folder).
    say "$t: fuzzing for ${SECONDS_PER_TARGET}s"
    log=$BUILD/$t.log
    if ! "$bin" "$work" "$seeds" -max_total_time="$SECONDS_PER_TARGET" -max_len=32768 \
        -timeout=10 -rss_limit_mb=2048 -dict="$(dict_for "$t")" -print_final_stats=1 \
        -artifact_prefix="$BUILD/artifacts/$t-" >"$log" 2>&1; then
        grep -E 'ERROR|SUMMARY|Test unit written|panic|abort|==[0-9]+==' "$log" | head -n 30 || true
        echo "---- last lines of ${log#"$ROOT"/} ----"
        tail -n 40 "$log"
        die "$t: crash found. Reproduce: $bin <artifact above>; fix it, then keep the input in tests/fixtures/fuzz-regressions/$t/"
    fi
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n1 | grep -Eo '[0-9]+' || echo '?')
    summary+=("$(printf '%-10s %10s runs  %6s edges  %5s inputs in corpus' "$t" "$runs" "$cov" "$(ls "$work" | wc -l)")")
done
say "clean: no crash, leak or undefined behaviour in ${SECONDS_PER_TARGET}s per target"
printf '  %s\n' "${summary[@]}"
