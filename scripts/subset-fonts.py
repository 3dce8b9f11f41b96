#!/usr/bin/python3
"""The fonts' glyph catalog, and the web page's fonts cut into a first set and on-demand chunks.

ImGui 1.90.1 rasterises only the code points it is given when the atlas is built, so the app
builds its first atlas from the ranges in kTextRanges and kIconRanges (ui/src/theme.cpp) and
adds any other code point when text that needs it appears (ui/src/glyphs.cpp). To know which
font draws a code point without opening every font, the app reads a catalog written here:

    # pathway glyph catalog 1
    face WEIGHT FONTNO FILE RANGES

one line per font file in order of preference; WEIGHT is regular, semibold or any (fallbacks
serve every weight); RANGES are the code points that face is the first to draw, as hex
`lo-hi` or `cp` items joined by commas. A code point belongs to the first font in
assets/fonts.txt that has it (Inter first, then each fallback in order).

  catalog FONTS_TXT OUT_FILE
      The desktop's catalog: the faces are Debian's font files themselves, read whole when
      first needed.
  web THEME_CPP FONTS_TXT OUT_DIR GLYPH_DIR
      The web page's fonts: OUT_DIR/ gets Inter and Material Icons cut to kTextRanges and
      kIconRanges (preloaded in pathway.data: the first load), and GLYPH_DIR/ (served as the
      page's glyphs/ folder) every other glyph of every font, in chunks of at most CHUNK code
      points named by their content's hash (fetched when text needs them; the service worker
      keeps them for offline use), with OUT_DIR/glyphs.txt, the catalog of those chunks.

Layout tables and hints are dropped: ImGui uses neither (no shaping, no hinting).
Fails (exit 1) if theme.cpp no longer has the arrays, a font is missing, or an icon the app
uses is not in the icon font: a typo there would otherwise show as a blank square.
Needs Debian's fonttools (python3-fonttools, from scripts/setup.sh).
"""
import hashlib
import multiprocessing
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Which ranges each first-atlas role in fonts.txt gets.
RANGES_FOR_ROLE = {"regular": "kTextRanges", "semibold": "kTextRanges", "icons": "kIconRanges"}
ROLES = set(RANGES_FOR_ROLE) | {"fallback"}
CHUNK = 1024  # code points per on-demand chunk: ~40-110 KB each, one fetch per script
# Never drawn as glyphs: controls, surrogates, the private use area (the icons' own), noncharacters.
SKIP = [(0x0000, 0x001F), (0x007F, 0x009F), (0xD800, 0xDFFF), (0xE000, 0xF8FF),
        (0xFFF0, 0xFFFF), (0xF0000, 0x10FFFF)]


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
    """(role, path) for each line of fonts.txt that is not a comment; every file must exist."""
    fonts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and not parts[0].startswith("#"):
                if len(parts) != 3:
                    fail(f"{path}: expected 'role package path', got: {line.strip()}")
                if parts[0] not in ROLES:
                    fail(f"{path}: unknown role '{parts[0]}' (known: {', '.join(sorted(ROLES))})")
                if not os.path.isfile(parts[2]):
                    fail(f"{parts[2]} is missing (scripts/setup.sh installs package {parts[1]})")
                fonts.append((parts[0], parts[2]))
    for role in ("regular", "semibold"):
        if sum(1 for r, _ in fonts if r == role) != 1:
            fail(f"{path}: expected exactly one '{role}' font")
    return fonts


def skipped(cp):
    return any(lo <= cp <= hi for lo, hi in SKIP)


def cmap_of(path):
    return {cp for cp in TTFont(path, fontNumber=0, lazy=True).getBestCmap() if not skipped(cp)}


def owners(fonts):
    """[(role, path, code points it is the first to draw)] for regular, semibold and fallbacks.

    Inter's two weights each own their whole map; a fallback owns what neither Inter weight nor
    an earlier fallback has."""
    out = []
    taken = set()
    for role, path in fonts:
        if role == "icons":
            continue
        cmap = cmap_of(path)
        if role == "fallback":
            mine = cmap - taken
            taken |= mine
        else:
            mine = cmap
            taken |= cmap
        out.append((role, path, mine))
    return out


def format_ranges(points):
    items = []
    run = None
    for cp in sorted(points):
        if run and cp == run[1] + 1:
            run[1] = cp
        else:
            if run:
                items.append(run)
            run = [cp, cp]
    if run:
        items.append(run)
    return ",".join(f"{lo:x}" if lo == hi else f"{lo:x}-{hi:x}" for lo, hi in items)


def weight_of(role):
    return "any" if role == "fallback" else role


def write_catalog(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# pathway glyph catalog 1 (scripts/subset-fonts.py; do not edit)\n")
        for weight, font_no, file, points in lines:
            if points:
                f.write(f"face {weight} {font_no} {file} {format_ranges(points)}\n")
    os.replace(tmp, path)


def subset_font(src, dst, points):
    options = subset.Options()
    options.layout_features = []  # ImGui does no shaping
    options.hinting = False  # nor hinting
    # Names, copyright and licence kept: the fonts' licences travel inside the files.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    font = TTFont(src, fontNumber=0)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    tmp = dst + ".tmp"
    font.save(tmp)
    os.replace(tmp, dst)
    return set(font.getBestCmap().keys())


def cut_chunk(job):
    """Subsets one chunk into a temporary name; returns (final name, its code points)."""
    src, points, out_dir, stem, ext, index = job
    tmp = os.path.join(out_dir, f".{stem}.{index}{ext}")
    kept = subset_font(src, tmp, points)
    with open(tmp, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    name = f"{stem}.{digest}{ext}"
    os.replace(tmp, os.path.join(out_dir, name))
    return name, kept & points


def main_catalog(fonts_txt, out_file):
    fonts = read_font_list(fonts_txt)
    lines = [(weight_of(role), 0, path, points) for role, path, points in owners(fonts)]
    os.makedirs(os.path.dirname(os.path.abspath(out_file)), exist_ok=True)
    write_catalog(out_file, lines)
    print(f"subset-fonts: catalog of {len(lines)} fonts, "
          f"{sum(len(p) for *_, p in lines)} code points -> {out_file}")


def main_web(theme_cpp, fonts_txt, out_dir, glyph_dir):
    with open(theme_cpp, encoding="utf-8") as f:
        source = f.read()
    ranges = {name: read_ranges(source, name) for name in set(RANGES_FOR_ROLE.values())}
    fonts = read_font_list(fonts_txt)
    os.makedirs(out_dir, exist_ok=True)
    os.makedirs(glyph_dir, exist_ok=True)
    # 1. The first atlas: preloaded in pathway.data.
    for role, path in fonts:
        if role not in RANGES_FOR_ROLE:
            continue
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
    # 2. Everything else, in chunks fetched on demand.
    jobs = []
    weights = []
    for role, path, points in owners(fonts):
        rest = sorted(points - ranges["kTextRanges"]) if role != "fallback" else sorted(points)
        stem, ext = os.path.splitext(os.path.basename(path))
        ext = ".otf" if ext == ".otf" else ".ttf"
        for i in range(0, len(rest), CHUNK):
            jobs.append((path, set(rest[i:i + CHUNK]), glyph_dir, stem, ext, i // CHUNK))
            weights.append(weight_of(role))
    with multiprocessing.Pool(min(2, os.cpu_count() or 1)) as pool:
        results = pool.map(cut_chunk, jobs, chunksize=1)
    names = {name for name, _ in results}
    for old in os.listdir(glyph_dir):  # chunks of earlier builds would be served for nothing
        if old not in names:
            os.remove(os.path.join(glyph_dir, old))
    write_catalog(os.path.join(out_dir, "glyphs.txt"),
                  [(w, 0, "glyphs/" + name, kept) for w, (name, kept) in zip(weights, results)])
    total = sum(os.path.getsize(os.path.join(glyph_dir, n)) for n in names)
    print(f"subset-fonts: {len(names)} on-demand chunks, {total // 1000} KB, "
          f"{sum(len(k) for _, k in results)} code points -> {glyph_dir}")


def main(argv):
    if len(argv) == 4 and argv[1] == "catalog":
        main_catalog(argv[2], argv[3])
    elif len(argv) == 6 and argv[1] == "web":
        main_web(argv[2], argv[3], argv[4], argv[5])
    else:
        fail("usage: subset-fonts.py catalog FONTS_TXT OUT_FILE"
             " | web THEME_CPP FONTS_TXT OUT_DIR GLYPH_DIR")


if __name__ == "__main__":
    main(sys.argv)
