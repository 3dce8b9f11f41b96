#!/usr/bin/env bash
# Web payload budget (issue 5): the gzipped size of the first load (everything the page ships
# except the glyphs/ folder) must stay within BUDGET_BYTES. Prints one row per file (raw and
# gzip -9 sizes) and fails with exit 1 when the total passes the budget. The font chunks in
# glyphs/ are fetched only when text needs them (issue 19): their total is printed apart.
# Usage: scripts/web-size-budget.sh [WEB_DIR]  (default build/web)
set -euo pipefail
BUDGET_BYTES=${WEB_BUDGET_BYTES:-1200000}   # 1.2 MB gzipped, from issue 5

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WEB_DIR=${1:-$ROOT/build/web}
[ -d "$WEB_DIR" ] || { echo "web-size-budget: $WEB_DIR missing (make build-web)" >&2; exit 1; }
[ -f "$WEB_DIR/pathway.wasm" ] || { echo "web-size-budget: no pathway.wasm in $WEB_DIR" >&2; exit 1; }

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }

total_raw=0
total_gz=0
rows=""
# Everything in the folder is served (the page, scripts, wasm, data, manifest, icons) on the
# first load, except words/: the confidentiality check's word list, fetched only when the check
# first runs (issue 18). It is listed below, outside the total.
lazy_rows=""
while IFS= read -r -d '' f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    lazy_rows+=$(printf '%-32s %12s %12s' "${f#"$WEB_DIR"/}" "$(kb "$raw")" "$(kb "$gz")")$'\n'
done < <(find "$WEB_DIR/words" -type f -print0 2>/dev/null | sort -z)
while IFS= read -r -d '' f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
    rows+=$(printf '%-32s %12s %12s' "${f#"$WEB_DIR"/}" "$(kb "$raw")" "$(kb "$gz")")$'\n'
done < <(find "$WEB_DIR" \( -path "$WEB_DIR/glyphs" -o -path "$WEB_DIR/words" \) -prune -o -type f ! -name '*.map' -print0 | sort -z)

printf '%-32s %12s %12s\n' "web payload (${WEB_DIR#"$ROOT"/})" "raw" "gzip -9"
printf '%s' "$rows"
printf '%-32s %12s %12s\n' "total (first load)" "$(kb "$total_raw")" "$(kb "$total_gz")"
[ -n "$lazy_rows" ] && printf 'fetched later, not in the total:\n%s' "$lazy_rows"
if [ -d "$WEB_DIR/glyphs" ]; then
    chunks=$(find "$WEB_DIR/glyphs" -type f | wc -l)
    chunks_raw=$(find "$WEB_DIR/glyphs" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    chunks_gz=0
    while IFS= read -r -d '' f; do
        chunks_gz=$((chunks_gz + $(gzip -9 -c "$f" | wc -c)))
    done < <(find "$WEB_DIR/glyphs" -type f -print0)
    printf '%-32s %12s %12s\n' "on demand: glyphs/ ($chunks chunks)" "$(kb "$chunks_raw")" "$(kb "$chunks_gz")"
fi
if [ "$total_gz" -gt "$BUDGET_BYTES" ]; then
    echo "web-size-budget: FAILED: $(kb "$total_gz") gzipped is over the budget of $(kb "$BUDGET_BYTES") by $(kb $((total_gz - BUDGET_BYTES)))" >&2
    exit 1
fi
echo "web-size-budget: ok, $(kb "$total_gz") gzipped of $(kb "$BUDGET_BYTES") ($((total_gz * 100 / BUDGET_BYTES))% of the budget)"
