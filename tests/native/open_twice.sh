#!/usr/bin/env bash
# Issue 12: the desktop app with a portfolio open under Xvfb while pathway-cli merges a mentor's
# feedback into the same file and adds an entry; then an edit in the app. The file must hold all
# three changes, and the app must have said it took the others in ("Updated with ... elsewhere").
# Usage: open_twice.sh path/to/pathway
set -euo pipefail
app=${1:?usage: open_twice.sh path/to/pathway}
cli=$(dirname "$app")/pathway-cli
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

p="$work/p.json"
"$cli" init "$p" --name "Robin Invented" >/dev/null
first=$("$cli" add "$p" cpd --title "Court skills" --date 2026-10-05 --hours 2)
"$cli" review "$p" --reviewer "Morgan Mentor" --comment "$first" "Clear and well argued" \
    -o "$work/feedback.json" >/dev/null

display=:$((100 + RANDOM % 50))
Xvfb "$display" -screen 0 1024x700x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

# The app adds its own entry after 8 s (its edit) and quits after 11 s. The CLI writes after
# 4 s: it must come after the app has opened the file (under load, at 2 s it sometimes did not,
# and the app then read every change as its own start).
DISPLAY=$display XDG_DATA_HOME="$work/xdg" timeout 60 "$app" --file "$p" --size 1024x700 \
    --test-add-after 8000 "Written in the app" --quit-after 11000 >"$work/app.out" 2>&1 &
app_pid=$!
sleep 4
"$cli" merge "$p" "$work/feedback.json" >/dev/null
"$cli" add "$p" reflection --title "Added by the CLI" --date 2026-10-06 >/dev/null
wait "$app_pid"

python3 - "$p" "$work/app.out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
out = open(sys.argv[2]).read()
titles = sorted(e["title"] for e in doc["entries"])
comments = [c["text"] for c in doc["comments"]]
print("open twice: entries", titles, "comments", comments)
assert titles == ["Added by the CLI", "Court skills", "Written in the app"], titles
assert comments == ["Clear and well argued"], comments
assert "made elsewhere" in out, "the app did not say it took in the changes: " + out
print("open twice: ok (" + out.strip().splitlines()[-1] + ")")
PY
