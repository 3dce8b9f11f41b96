#!/usr/bin/env bash
# Starts the desktop app in a real window under Xvfb, lets it render, saves a screenshot and
# checks it is not blank (many colours, text pixels present). Usage: smoke.sh path/to/pathway
set -euo pipefail
app=${1:?usage: smoke.sh path/to/pathway}
out=${SMOKE_OUT:-build/test-output}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

# A portfolio with one record, made with the CLI, so the window shows real content.
cli=$(dirname "$app")/pathway-cli
"$cli" init "$work/p.json" --name "Robin Invented" --stage asye --asye-start 2026-09-01 >/dev/null
"$cli" add "$work/p.json" cpd --title "Smoke-test CPD record" --date 2026-10-05 --hours 2 >/dev/null

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

DISPLAY=$display XDG_DATA_HOME="$work/xdg" timeout 60 "$app" --file "$work/p.json" --size 1280x800 \
    --screenshot "$out/desktop-smoke.bmp" --frames 10
python3 - "$out/desktop-smoke.bmp" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:2] == b"BM", "not a BMP"
offset, = struct.unpack_from("<I", data, 10)
width, height = struct.unpack_from("<ii", data, 18)
bpp, = struct.unpack_from("<H", data, 28)
step = bpp // 8
pixels = data[offset:]
colours = set()
dark = 0
for i in range(0, len(pixels) - step, step * 7):
    px = pixels[i:i + 3]
    colours.add(px)
    if sum(px) < 300:
        dark += 1
print(f"desktop smoke: {width}x{abs(height)} screenshot, {len(colours)} colours, {dark} dark samples")
assert width == 1280 and abs(height) == 800, "unexpected window size"
assert len(colours) > 20, "screenshot looks blank"
assert dark > 100, "no text drawn"
PY
echo "desktop smoke: ok ($out/desktop-smoke.bmp)"
