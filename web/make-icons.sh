#!/usr/bin/env bash
# Draws Pathway's app icons (a path rising to a point, white on the accent blue) with
# ImageMagick into web/static/. The PNGs are committed; run this only to change the design.
set -euo pipefail
cd "$(dirname "$0")/static"
draw() { # size corner-radius scale file
    local s=$1 r=$2 k=$3 out=$4
    local c=$((s / 2)) sw=$((s * 8 / 100))
    # The path, in a 512 design grid scaled by k (%) around the centre.
    local p; p=$(awk -v s="$s" -v k="$k" 'BEGIN{
        split("120 390 200 390 200 260 256 260 312 260 312 140 392 140", v, " ");
        for (i = 1; i <= 14; i++) v[i] = (v[i] - 256) * s / 512 * k / 100 + s / 2;
        printf "M %d %d C %d %d %d %d %d %d S %d %d %d %d", v[1],v[2],v[3],v[4],v[5],v[6],v[7],v[8],v[11],v[12],v[13],v[14] }')
    local dot; dot=$(awk -v s="$s" -v k="$k" 'BEGIN{ x=(392-256)*s/512*k/100+s/2; y=(140-256)*s/512*k/100+s/2;
        printf "circle %d,%d %d,%d", x, y, x, y - s*7/100*k/100 }')
    convert -size "${s}x${s}" xc:none -fill '#2f5fd0' -draw "roundrectangle 0,0 $((s - 1)),$((s - 1)) $r,$r" \
        -fill none -stroke white -strokewidth $((sw * k / 100)) -draw "stroke-linecap round stroke-linejoin round path '$p'" \
        -stroke none -fill white -draw "$dot" -strip "$out"
    : "$c"
}
draw 192 36 100 icon-192.png
draw 512 96 100 icon-512.png
draw 180 0 100 apple-touch-icon.png
draw 512 0 70 icon-maskable-512.png   # maskable: full bleed, the design inside the safe zone
ls -l icon-*.png apple-touch-icon.png
