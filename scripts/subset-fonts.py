#!/usr/bin/python3
"""Cut the web page's fonts down to the glyphs the app draws.

ImGui rasterises only the code points in kTextRanges and kIconRanges (ui/src/theme.cpp), so
the rest of each font is dead weight in pathway.data: about 400 KB gzipped of Inter's and
Material Icons' glyphs that no screen can show. This reads those two arrays from theme.cpp
(the one place they are written), reads the font list in assets/fonts.txt, and writes each
font, subset, into OUT_DIR under its own file name. Layout tables and hints go too: ImGui
uses neither.

Fails (exit 1) if theme.cpp no longer has the arrays, a font is missing, or an icon the app
uses is not in the icon font: a typo there would otherwise show as a blank square.

Usage: scripts/subset-fonts.py THEME_CPP FONTS_TXT OUT_DIR
Needs Debian's fonttools (python3-fonttools, from scripts/setup.sh).
"""
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Which ranges each role in fonts.txt gets.
RANGES_FOR_ROLE = {"regular": "kTextRanges", "semibold": "kTextRanges", "icons": "kIconRanges"}


def fail(message):
    print(f"subset-fonts: {message}", file=sys.stderr)
    sys.exit(1)


def read_ranges(source, name):
    """The code points of `static const ImWchar NAME[] = {a, b, c, d, ..., 0};` (pairs)."""
    m = re.search(name + r"\[\]\s*=\s*\{([^}]*)\}", source)
    if not m:
        fail(f"no {name}[] array in theme.cpp (the fonts would be cut to nothing)")
    values = [int(v, 0) for v in re.findall(r"0x[0-9A-Fa-f]+|\d+", m.group(1))]
    if not values or values[-1] != 0 or len(values) % 2 != 1:
        fail(f"{name}[] is not a zero-terminated list of pairs")
    points = set()
    for lo, hi in zip(values[0:-1:2], values[1:-1:2]):
        if hi < lo:
            fail(f"{name}[] has a range that ends before it starts: {lo:#x}-{hi:#x}")
        points.update(range(lo, hi + 1))
    return points


def read_font_list(path):
    """(role, path) for each line of fonts.txt that is not a comment."""
    fonts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and not parts[0].startswith("#"):
                if len(parts) != 3:
                    fail(f"{path}: expected 'role package path', got: {line.strip()}")
                fonts.append((parts[0], parts[2]))
    return fonts


def subset_font(src, dst, points):
    options = subset.Options()
    options.layout_features = []  # ImGui does no shaping
    options.hinting = False  # nor hinting
    # Names, copyright and licence kept: the fonts' licences travel inside the files.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    font = TTFont(src)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    tmp = dst + ".tmp"
    font.save(tmp)
    os.replace(tmp, dst)
    return set(font.getBestCmap().keys())


def main(argv):
    if len(argv) != 4:
        fail("usage: subset-fonts.py THEME_CPP FONTS_TXT OUT_DIR")
    theme_cpp, fonts_txt, out_dir = argv[1:]
    with open(theme_cpp, encoding="utf-8") as f:
        source = f.read()
    ranges = {name: read_ranges(source, name) for name in set(RANGES_FOR_ROLE.values())}
    os.makedirs(out_dir, exist_ok=True)
    for role, path in read_font_list(fonts_txt):
        if role not in RANGES_FOR_ROLE:
            fail(f"{fonts_txt}: unknown role '{role}' (known: {', '.join(RANGES_FOR_ROLE)})")
        if not os.path.isfile(path):
            fail(f"{path} is missing (scripts/setup.sh installs the font packages)")
        wanted = ranges[RANGES_FOR_ROLE[role]]
        dst = os.path.join(out_dir, os.path.basename(path))
        kept = subset_font(path, dst, wanted)
        if role == "icons":
            missing = sorted(wanted - kept)
            if missing:
                fail(f"{os.path.basename(path)} has no glyph for "
                     + ", ".join(f"U+{p:04X}" for p in missing)
                     + " (check the code points in kIconRanges and theme.hpp)")
        print(f"subset-fonts: {os.path.basename(path)}: {len(kept)} glyphs, "
              f"{os.path.getsize(path) // 1000} KB -> {os.path.getsize(dst) // 1000} KB")


if __name__ == "__main__":
    main(sys.argv)
