#!/usr/bin/env bash
# Issue 15: "a new entry kind touches at most two source files". Applies the fixture
# tests/arch/new-kind.patch (a "teaching" kind: a value in EntryKind, a row in kinds.cpp) to a
# copy of HEAD, says which files it touches (fails above two), then builds the core, UI and CLI
# tests with it and runs them, and adds, lists and exports an entry of the new kind with the CLI.
# A full build of its own (every file includes model.hpp): about 10 minutes on 2 cores.
# Usage: scripts/check-new-kind.sh   (make check-new-kind)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
patch="$root/tests/arch/new-kind.patch"
work=$(mktemp -d /tmp/pathway-new-kind.XXXXXX)
trap 'rm -rf "$work"' EXIT

files=$(cd "$root" && git apply --numstat "$patch" | cut -f3)
count=$(echo "$files" | grep -c .)
echo "== the new kind touches $count source file(s):"
echo "$files" | sed 's/^/   /'
if [ "$count" -gt 2 ]; then
    echo "check-new-kind: more than two files; ARCHITECTURE.md says a kind is two" >&2
    exit 1
fi

git -C "$root" archive HEAD | tar -x -C "$work"
ln -s "$root/.deps" "$work/.deps"
(cd "$work" && git apply "$patch")
echo "== building with it (core, ui and CLI tests, the CLI)"
cmake -S "$work" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPATHWAY_BENCH=OFF \
      -DPATHWAY_BIN_DIR="$work/build/bin" >/dev/null
cmake --build "$work/build" -j "${JOBS:-2}" --target pathway_core_tests pathway_ui_tests pathway-cli \
      >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }

echo "== core and UI tests with the new kind"
(cd "$work/build/tests" && ./pathway_core_tests --gtest_brief=1 | tail -n 3)
(cd "$work/build/tests" && ./pathway_ui_tests --gtest_brief=1 | tail -n 3)

echo "== the CLI knows it"
cli="$work/build/bin/pathway-cli"
p="$work/portfolio.json"
"$cli" init "$p" --name "Robin Invented" >/dev/null
"$cli" fields teaching | grep -q -- "--audience" || { echo "fields teaching lacks --audience" >&2; exit 1; }
"$cli" add "$p" teaching --title "Session for placement students" --date 2026-11-02 \
       --audience "students" --hours 2 >/dev/null
"$cli" list "$p" --kind teaching | grep -q "Session for placement students"
"$cli" export "$p" --format leap2a -o "$work/out.xml" >/dev/null
grep -q "leap2:activity" "$work/out.xml"
"$cli" export "$p" --format html -o "$work/out.html" >/dev/null
grep -q "Teaching given" "$work/out.html"
echo "check-new-kind: a kind in two files builds, passes the tests and works in the CLI"
