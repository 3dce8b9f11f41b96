#!/usr/bin/env bash
# Prints the web page's figures for the README: total gzipped payload of build/web, time from
# navigation to the first frame in headless Chromium (phone emulation, first visit), and idle
# cost. Usage: scripts/web-figures.sh [build/web]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/web}
[ -f "$dir/pathway.wasm" ] || { echo "web-figures: $dir/pathway.wasm not found; build the web page first (make build-web)" >&2; exit 1; }
# shellcheck source=scripts/env.sh
source scripts/env.sh

echo "== payload (gzip -9, what a server with compression sends)"
total=0
for f in "$dir"/*; do
    [ -f "$f" ] || continue
    raw=$(stat -c %s "$f")
    gz=$(gzip -9c "$f" | wc -c)
    total=$((total + gz))
    printf '  %-24s %9d bytes  %9d gzipped\n' "$(basename "$f")" "$raw" "$gz"
done
printf '  %-24s %9s        %9d gzipped (%.2f MB)\n' "total" "" "$total" "$(echo "$total / 1000000" | bc -l)"

echo "== time to first frame and idle cost (headless Chromium, 390x844 DPR 3, SwiftShader)"
json=$(node tests/web/figures.mjs "$dir")
node -e '
const f = JSON.parse(process.argv[1]);
console.log(`  first frame after navigation: ${f.firstFrameMedianMs} ms median (runs: ${f.firstFrameMs.join(", ")} ms)`);
console.log(`  one editor frame while a 5,000-word reflection is edited: ${f.editorFrameMs} ms CPU (aim <= 4 ms)`);
if (f.semantics) console.log(`  semantics for the DOM mirror, Log with 10,000 entries scrolling (1280x800, ${f.semantics.frames} frames, ${f.semantics.changed} changed): build and compare ${f.semantics.buildMsPerFrame.toFixed(3)} ms + DOM diff ${f.semantics.diffMsPerFrame.toFixed(3)} ms a frame, worst frame ${f.semantics.worstFrameMs.toFixed(2)} ms (aim <= 0.5 ms)`);
console.log(`  idle over ${f.idle.seconds} s: ${f.idle.loopIterations} main-loop iterations, ${f.idle.framesDrawn} frames drawn, main thread busy ${f.idle.mainThreadBusyPercent}% (script ${f.idle.scriptPercent}%)`);
' "$json"
