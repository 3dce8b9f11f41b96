#!/usr/bin/env bash
# Pathway dependency installer (idempotent; `make` runs it before building).
# Runs as root on Debian 12. Everything comes from Debian's archive (binary and
# source packages) or the npm registry, and lands in the cache folder
# ($PATHWAY_CACHE, default .deps/, ignored by git). See scripts/env.sh for the
# resulting paths and /work/shared/toolchain.md for the facts behind the steps.
#
# Environment:
#   SETUP_SKIP_APT=1   skip step 1 (Debian binary packages)
#   SETUP_NO_WASM=1    native-only: skip the SDL2 source and the wasm builds
#   PATHWAY_CACHE=DIR  cache root (default <repo>/.deps)
set -euo pipefail

# --- what to install ---------------------------------------------------------
APT_PACKAGES="build-essential cmake ninja-build pkg-config git python3 nodejs npm
  emscripten libsdl2-dev libgl-dev nlohmann-json3-dev googletest libgtest-dev
  libbenchmark-dev chromium xvfb xauth x11-apps imagemagick fonts-inter
  fonts-material-design-icons-iconfont fonts-noto-core fonts-wqy-microhei fonts-symbola
  fonttools libxml2-utils python3-icalendar dpkg-dev
  clang libclang-rt-14-dev nettle-dev libgmp-dev libpugixml-dev libminizip-dev zlib1g-dev wbritish libcurl4-openssl-dev"

# Exact Debian source versions (upstream parts must match scripts/env.sh).
# If the archive drops one, `apt-cache showsrc NAME` with the private config
# (see fetch_source) lists what is there; update the pin here and in env.sh.
IMGUI_DEB_VERSION=1.90.1+ds-1      # trixie (bookworm only has 1.86)
SDL2_DEB_VERSION=2.26.5+dfsg-1     # bookworm
# Core libraries built for wasm from the same Debian sources as the native -dev
# packages (keep these equal to `apt-cache policy nettle-dev libpugixml-dev libminizip-dev
# zlib1g-dev`; bookworm-security's zlib 1:1.2.13.dfsg-1+deb12u1 only changes its zip writer).
NETTLE_DEB_VERSION=3.8.1-2         # bookworm: SHA-256, Ed25519 for sign-offs
NETTLE_VERSION=3.8.1
PUGIXML_DEB_VERSION=1.13-0.2       # bookworm: XML for LEAP2A import/export
PUGIXML_VERSION=1.13
MINIZIP_DEB_VERSION=1.1-8+deb12u1  # bookworm: zip reading (Mahara's export); zlib's contrib/minizip
MINIZIP_VERSION=1.1
ZLIB_DEB_VERSION=1:1.2.13.dfsg-1   # bookworm: inflate, under minizip
ZLIB_VERSION=1.2.13
BASE_SUITE=bookworm                # the machine's own suite, copied for deb-src
NEWER_SUITE=trixie                 # source-only: its binaries never become candidates

# Header-only libraries under /usr/include exposed to wasm builds (step 5).
WASM_HEADER_LIBS="nlohmann"

LOCK_TIMEOUT=600                   # seconds to wait for another apt/dpkg run

# --- paths -------------------------------------------------------------------
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT=$PATHWAY_ROOT
CACHE=$PATHWAY_CACHE
APT_DIR=$CACHE/apt                 # private apt state for source fetching
DL_DIR=$CACHE/apt/dl               # downloaded .dsc/.orig/.debian files
BUILD_DIR=$CACHE/build
LOG_DIR=$CACHE/logs
# Debian's emscripten needs Debian's node modules (acorn) on NODE_PATH (env.sh).
export NODE_PATH

# --- helpers -----------------------------------------------------------------
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }
rel() { local p=$1; printf '%s' "${p#"$ROOT"/}"; }
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# run_logged LOG WHAT CMD...: run CMD with its output in LOG; on failure show
# the end of LOG and stop, naming WHAT.
run_logged() {
    local log=$1 what=$2; shift 2
    if ! "$@" >>"$log" 2>&1; then
        echo "---- last lines of $(rel "$log") ----" >&2
        tail -n 25 "$log" >&2
        die "$what (full log: $(rel "$log"))"
    fi
}

need_cmd() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 ||
            die "command '$c' not found (install the Debian packages first, or unset SETUP_SKIP_APT)"
    done
}

# wait_for_lock FILE: wait while another process holds FILE's fcntl lock
# (apt/dpkg use fcntl locks, invisible to flock(1), so look in /proc/locks).
wait_for_lock() {
    local f=$1 inode waited=0
    [ -e "$f" ] || return 0
    inode=$(stat -c %i "$f")
    while grep -Eq ":${inode} " /proc/locks 2>/dev/null; do
        [ $waited -eq 0 ] && say "waiting for another apt/dpkg run ($f is locked)..."
        [ $waited -ge $LOCK_TIMEOUT ] && die "apt/dpkg lock $f still held after ${LOCK_TIMEOUT}s"
        sleep 5; waited=$((waited + 5))
    done
}

# --- start -------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "must run as root (it installs Debian packages)"
mkdir -p "$CACHE" "$LOG_DIR"
# The cache ignores itself, so no .gitignore entry is needed wherever it lives.
[ -f "$CACHE/.gitignore" ] || printf '*\n' >"$CACHE/.gitignore"
# Serialise concurrent runs (e.g. parallel make targets).
exec 9>"$CACHE/.setup.lock"
flock 9

# ============================================================================
# 1. Debian binary packages
# ============================================================================
install_apt_packages() {
    if [ "${SETUP_SKIP_APT:-0}" = 1 ]; then
        say "apt packages ... skipped (SETUP_SKIP_APT=1)"
        return
    fi
    # One dpkg-query for everything: installed packages and what they provide.
    local have missing=() provided=() p
    have=$(dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null |
        awk -F'|' '$1 ~ /^ii/ {
            print $2
            n = split($3, v, ",")
            for (i = 1; i <= n; i++) { sub(/^ +/, "", v[i]); sub(/[ (].*/, "", v[i]); if (v[i] != "") print v[i] "<"$2 }
        }')
    for p in $APT_PACKAGES; do
        if grep -qxF -- "$p" <<<"$have"; then
            continue
        elif grep -q -- "^$p<" <<<"$have"; then
            # nodesource's nodejs bundles npm and Provides+Conflicts Debian's
            # npm: installing npm would replace node 20 with Debian's node 18.
            provided+=("$p provided by $(grep -m1 -- "^$p<" <<<"$have" | cut -d'<' -f2)")
        else
            missing+=("$p")
        fi
    done
    local note=""
    if [ ${#provided[@]} -gt 0 ]; then
        note=$(IFS=,; echo "${provided[*]}"); note=" (${note//,/, })"
    fi
    if [ ${#missing[@]} -eq 0 ]; then
        say "apt packages ... ok (cached)$note"
        return
    fi
    say "apt packages ... installing: ${missing[*]}"
    local log=$LOG_DIR/apt-install.log t0
    t0=$(date +%s)
    : >"$log"
    # A background apt may be running: wait on the lists lock (apt-get update
    # does not wait on it) and let dpkg's frontend lock wait via the option.
    wait_for_lock /var/lib/apt/lists/lock
    export DEBIAN_FRONTEND=noninteractive
    run_logged "$log" "apt-get update" \
        apt-get -o DPkg::Lock::Timeout=$LOCK_TIMEOUT update
    wait_for_lock /var/lib/dpkg/lock-frontend
    run_logged "$log" "apt-get install ${missing[*]}" \
        apt-get -o DPkg::Lock::Timeout=$LOCK_TIMEOUT install -y --no-install-recommends "${missing[@]}"
    say "apt packages ... ok ($(elapsed "$t0"))$note"
}

# ============================================================================
# 2. Debian source packages, fetched with a private apt configuration
# ============================================================================
# The private config lists only deb-src entries and keeps its own lists and
# cache under $APT_DIR: the machine's binary package lists never see trixie.
APT_SRC_OPTS=(
    -o "Dir::Etc::SourceList=$APT_DIR/sources.list"        # absent: no one-line entries
    -o "Dir::Etc::SourceParts=$APT_DIR/sources.list.d"
    -o "Dir::State::Lists=$APT_DIR/lists"
    -o "Dir::Cache=$APT_DIR/cache"
    -o "Dir::Cache::Archives=$APT_DIR/cache/archives"
    -o "APT::Sandbox::User=root"    # private dirs are root-owned; _apt could not write there
    -o "Acquire::Languages=none"
)
SRC_FILE=$APT_DIR/sources.list.d/pathway-src.sources

# Print "URIS|SIGNED-BY|COMPONENTS" of the machine's own `deb` entry for
# $BASE_SUITE, read from deb822 *.sources files or one-line *.list files.
machine_deb_entry() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v suite="$BASE_SUITE" '
            function flush() {
                if (!found && enabled != "no" && (" " types " ") ~ / deb / &&
                    (" " suites " ") ~ (" " suite " ") && uris != "") {
                    if (signed ~ /BEGIN PGP/) signed = ""   # embedded key: not copied
                    print uris "|" signed "|" comps; found = 1
                }
                types = uris = suites = comps = signed = enabled = key = ""
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            /^[ \t]/   { if (key == "signed-by") signed = signed " " $0; next }
            {
                i = index($0, ":"); key = tolower(substr($0, 1, i - 1))
                val = substr($0, i + 1); gsub(/^[ \t]+|[ \t]+$/, "", val)
                if (key == "types") types = val; else if (key == "uris") uris = val
                else if (key == "suites") suites = val; else if (key == "components") comps = val
                else if (key == "signed-by") signed = val; else if (key == "enabled") enabled = tolower(val)
            }
            END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk -v suite="$BASE_SUITE" '
            $1 != "deb" { next }
            {
                signed = ""; i = 2
                if ($2 ~ /^\[/) {                  # [opt=val ...] block
                    for (; i <= NF; i++) {
                        o = $i; gsub(/[\[\]]/, "", o)
                        if (o ~ /^signed-by=/) { sub(/^signed-by=/, "", o); signed = o }
                        if ($i ~ /\]$/) { i++; break }
                    }
                }
                uri = $i; s = $(i + 1); comps = ""
                for (j = i + 2; j <= NF; j++) comps = comps (comps == "" ? "" : " ") $j
                if (s == suite) print uri "|" signed "|" comps
            }' "$f"
    done
}

# write_src_file NEWER_SIGNED_BY NEWER_TRUSTED: (re)write the private deb-src
# file; one stanza per suite so trixie's key handling can differ if needed.
write_src_file() {
    local entry uris signed comps newer_signed=$1 newer_trusted=$2
    entry=$(machine_deb_entry | head -n1)
    [ -n "$entry" ] || die "no 'deb' entry for $BASE_SUITE in /etc/apt/sources.list{,.d/} to copy for deb-src"
    IFS='|' read -r uris signed comps <<<"$entry"
    [ -n "$comps" ] || comps=main
    mkdir -p "$APT_DIR/sources.list.d"
    {
        echo "# Written by scripts/setup.sh from this machine's own $BASE_SUITE entry."
        echo "Types: deb-src"; echo "URIs: $uris"; echo "Suites: $BASE_SUITE"
        echo "Components: $comps"
        [ -z "$signed" ] || echo "Signed-By: $signed"
        echo
        echo "Types: deb-src"; echo "URIs: $uris"; echo "Suites: $NEWER_SUITE"
        echo "Components: $comps"
        if [ -n "$newer_trusted" ]; then
            # Last resort, deb-src only: no keyring here verifies this suite.
            echo "Trusted: yes"
        elif [ -n "$newer_signed$signed" ]; then
            echo "Signed-By: ${signed}${newer_signed:+ $newer_signed}"
        fi
    } >"$SRC_FILE.new"
    mv "$SRC_FILE.new" "$SRC_FILE"
}

# Fetch the private source indexes, verifying trixie with the machine's keyring
# first, then with any other Debian archive keyring, then (last resort) trusted.
SIG_ERRORS='NO_PUBKEY|EXPKEYSIG|KEYEXPIRED|BADSIG|is not signed|signatures (couldn.t|were invalid)'
# try_src_update: one private `apt-get update`; 0 = ok, 2 = signature problem, 1 = other failure.
try_src_update() {
    local out rc=0
    out=$(apt-get "${APT_SRC_OPTS[@]}" update 2>&1) || rc=$?
    printf '%s\n' "$out" >>"$LOG_DIR/apt-source.log"
    [ $rc -eq 0 ] && return 0
    grep -Eq "$SIG_ERRORS" <<<"$out" && return 2
    return 1
}

update_src_lists() {
    local log=$LOG_DIR/apt-source.log extra rc=0
    mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
    write_src_file "" ""
    try_src_update || rc=$?
    [ $rc -eq 0 ] && return
    [ $rc -eq 2 ] || die "apt-get update for the private deb-src entries ($(rel "$SRC_FILE")); see $(rel "$log")"
    local k; extra=""
    for k in /usr/share/keyrings/debian-archive-*.gpg; do
        case $k in *removed-keys*) ;; *) [ -f "$k" ] && extra="$extra $k" ;; esac
    done
    extra=${extra# }
    say "$NEWER_SUITE Release not verified by the machine's Signed-By; retrying with all /usr/share/keyrings/debian-archive-*.gpg"
    write_src_file "$extra" ""
    rc=0; try_src_update || rc=$?
    [ $rc -eq 0 ] && return
    [ $rc -eq 2 ] || die "apt-get update for the private deb-src entries ($(rel "$SRC_FILE")); see $(rel "$log")"
    say "WARNING: $NEWER_SUITE deb-src still unverified; marking it Trusted (source fetch only)"
    write_src_file "" yes
    run_logged "$log" "apt-get update for the private deb-src entries ($(rel "$SRC_FILE"))" \
        apt-get "${APT_SRC_OPTS[@]}" update
}

# fetch_source NAME DEB_VERSION UPSTREAM_VERSION DEST CHECKFILE...
# Download the Debian source package NAME=DEB_VERSION and extract it (without
# Debian's patches) into DEST, a stable folder name. Cached when DEST's stamp
# matches; the downloaded files are kept so a re-extract needs no network.
fetch_source() {
    local name=$1 debver=$2 upver=$3 dest=$4; shift 4
    local what="$name $upver source" stamp=$dest/.pathway-source
    local want="$name $debver"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        say "$what ... ok (cached)"
        return
    fi
    case ${debver#*:} in "$upver"+*|"$upver"-*|"$upver".*) ;; *)
        die "$name: Debian version $debver does not match $upver in scripts/env.sh" ;;
    esac
    local log=$LOG_DIR/apt-source.log dsc t0
    t0=$(date +%s)
    dsc=$DL_DIR/${name}_${debver#*:}.dsc
    mkdir -p "$DL_DIR"
    if [ ! -f "$dsc" ]; then
        need_cmd apt-get
        if [ ! -f "$SRC_FILE" ] || ! ls "$APT_DIR"/lists/*_Sources* >/dev/null 2>&1; then
            update_src_lists
        fi
        if ! (cd "$DL_DIR" && apt-get "${APT_SRC_OPTS[@]}" source --download-only "$name=$debver") >>"$log" 2>&1; then
            # Stale indexes: refresh once and retry.
            update_src_lists
            if ! (cd "$DL_DIR" && apt-get "${APT_SRC_OPTS[@]}" source --download-only "$name=$debver") >>"$log" 2>&1; then
                local avail
                avail=$(apt-cache "${APT_SRC_OPTS[@]}" showsrc "$name" 2>/dev/null |
                    awk '/^Version:/ {print $2}' | sort -u | tr '\n' ' ')
                die "Debian source $name=$debver not available (archive has: ${avail:-none}); update the pin in scripts/setup.sh and scripts/env.sh"
            fi
        fi
    fi
    need_cmd dpkg-source
    # Extract next to the downloads: dpkg-source copies the .orig tarball into
    # the target's parent folder unless it is already there.
    local tmp=$DL_DIR/$name.extract
    rm -rf "$dest" "$tmp"
    mkdir -p "$(dirname "$dest")"
    # --skip-patches: the Debian patches only touch packaging (a Makefile, sdl2-config).
    run_logged "$log" "extracting $(rel "$dsc")" \
        dpkg-source --skip-patches -x "$dsc" "$tmp"
    local f
    for f in "$@"; do
        [ -e "$tmp/$f" ] || die "$name source lacks $f (see $(rel "$tmp"))"
    done
    printf '%s\n' "$want" >"$tmp/.pathway-source"
    mv "$tmp" "$dest"
    say "$what ... ok ($(rel "$dest"), $(elapsed "$t0"))"
}

# ============================================================================
# 3./4. WebAssembly builds with Debian's emscripten
# ============================================================================
# emcmake_build NAME SRC BUILD PREFIX STAMP_KEY CMAKE_ARGS...
# Configure, build and install a CMake project for wasm, stamped by STAMP_KEY.
emcmake_build() {
    local name=$1 src=$2 build=$3 prefix=$4 key=$5; shift 5
    local stamp=$prefix/.pathway-stamp
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
        say "$name ... ok (cached)"
        return
    fi
    need_cmd emcmake cmake ninja node
    local log t0
    log=$LOG_DIR/$(basename "$build").log
    t0=$(date +%s)
    : >"$log"
    say "$name ... building (log: $(rel "$log"))"
    rm -rf "$prefix"
    # emcmake's default CMAKE_CROSSCOMPILING_EMULATOR is a node flag node 20 rejects.
    run_logged "$log" "$name: configure" \
        emcmake cmake -S "$src" -B "$build" -G Ninja \
            -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_INSTALL_PREFIX="$prefix" \
            -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node \
            "$@"
    run_logged "$log" "$name: build" cmake --build "$build"
    run_logged "$log" "$name: install" cmake --install "$build"
    printf '%s\n' "$key" >"$stamp"
    say "$name ... ok ($(rel "$prefix"), $(elapsed "$t0"))"
}

deb_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

build_sdl2_wasm() {
    # Debian's emscripten cannot build SDL2 itself (frozen cache, empty ports),
    # so build SDL2's own CMake project. Configure alone takes ~5 min on 2 cores.
    emcmake_build "SDL2 $PATHWAY_SDL2_VERSION wasm" \
        "$CACHE/src/libsdl2-$PATHWAY_SDL2_VERSION" \
        "$BUILD_DIR/sdl2-$PATHWAY_SDL2_VERSION-wasm" \
        "$SDL2_WASM_DIR" \
        "libsdl2 $SDL2_DEB_VERSION emscripten $(deb_version emscripten) static nothreads" \
        -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_THREADS=OFF
}

build_gtest_wasm() {
    local v
    v=$(deb_version googletest)
    [ -d /usr/src/googletest ] || die "/usr/src/googletest missing (Debian package googletest)"
    case $v in "$PATHWAY_GTEST_VERSION"-*) ;; *)
        die "Debian googletest is '$v', scripts/env.sh expects $PATHWAY_GTEST_VERSION" ;;
    esac
    # Exceptions on ($PATHWAY_WASM_EH): without them EXPECT_THROW cannot work in wasm tests.
    emcmake_build "GoogleTest $PATHWAY_GTEST_VERSION wasm" \
        /usr/src/googletest \
        "$BUILD_DIR/gtest-$PATHWAY_GTEST_VERSION-wasm" \
        "$GTEST_WASM_DIR" \
        "googletest $v emscripten $(deb_version emscripten) $PATHWAY_WASM_EH nopthreads" \
        -Dgtest_disable_pthreads=ON -DCMAKE_CXX_FLAGS="$PATHWAY_WASM_EH"
}

# nettle (SHA-256, Ed25519 signatures, PBKDF2 and ChaCha20-Poly1305 for reviewer keys):
# autoconf project, so emconfigure/emmake. No assembler, static; the public-key part
# (libhogweed) with nettle's own mini-gmp instead of GMP. Its own prefix ("-pk"), so a
# checkout still on the hash-only build keeps that one.
build_nettle_wasm() {
    local src=$CACHE/src/nettle-$NETTLE_VERSION
    local build=$BUILD_DIR/nettle-$NETTLE_VERSION-pk-wasm
    local prefix=$CACHE/wasm/nettle-$NETTLE_VERSION-pk
    local key="nettle $NETTLE_DEB_VERSION emscripten $(deb_version emscripten) static noasm mini-gmp hogweed"
    local stamp=$prefix/.pathway-stamp
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
        say "nettle $NETTLE_VERSION wasm (with hogweed) ... ok (cached)"
        return
    fi
    need_cmd emconfigure emmake make
    local log=$LOG_DIR/nettle-$NETTLE_VERSION-pk-wasm.log t0
    t0=$(date +%s)
    : >"$log"
    say "nettle $NETTLE_VERSION wasm (with hogweed) ... building (log: $(rel "$log"))"
    rm -rf "$build" "$prefix"
    cp -a "$src" "$build"
    run_logged "$log" "nettle: configure" \
        bash -c "cd '$build' && emconfigure ./configure --prefix='$prefix' --host=none \
            --disable-assembler --enable-mini-gmp --disable-shared \
            --disable-documentation --disable-openssl --disable-fat"
    run_logged "$log" "nettle: build" bash -c "cd '$build' && emmake make libnettle.a libhogweed.a"
    run_logged "$log" "nettle: install" \
        bash -c "cd '$build' && mkdir -p '$prefix/lib' '$prefix/include/nettle' &&
                 cp libnettle.a libhogweed.a '$prefix/lib/' && cp ./*.h '$prefix/include/nettle/'"
    printf '%s\n' "$key" >"$stamp"
    say "nettle $NETTLE_VERSION wasm (with hogweed) ... ok ($(rel "$prefix"), $(elapsed "$t0"))"
}

# minizip's unzip on zlib's inflate (Mahara's export zip). Plain C files, so emcc directly:
# zlib's inflate and CRC only (the reader never deflates) and minizip's ioapi.c and unzip.c
# without its old encryption (NOUNCRYPT). Debian's minizip patches touch only miniunz.c, zip.c
# and the autotools files, none of which is built here.
build_minizip_wasm() {
    local zsrc=$CACHE/src/zlib-$ZLIB_VERSION msrc=$CACHE/src/minizip-$MINIZIP_VERSION
    local build=$BUILD_DIR/minizip-$MINIZIP_VERSION-wasm
    local prefix=$CACHE/wasm/minizip-$MINIZIP_VERSION
    local key="minizip $MINIZIP_DEB_VERSION zlib $ZLIB_DEB_VERSION emscripten $(deb_version emscripten) inflate-only nouncrypt"
    local stamp=$prefix/.pathway-stamp
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
        say "minizip $MINIZIP_VERSION + zlib $ZLIB_VERSION wasm ... ok (cached)"
        return
    fi
    need_cmd emcc emar
    local log=$LOG_DIR/minizip-$MINIZIP_VERSION-wasm.log t0 f
    t0=$(date +%s)
    : >"$log"
    say "minizip $MINIZIP_VERSION + zlib $ZLIB_VERSION wasm ... building (log: $(rel "$log"))"
    rm -rf "$build" "$prefix"
    mkdir -p "$build/z" "$build/mz" "$prefix/lib" "$prefix/include/minizip"
    for f in adler32 crc32 inffast inflate inftrees zutil; do
        run_logged "$log" "zlib: $f.c" emcc -O2 -c "$zsrc/$f.c" -I"$zsrc" -o "$build/z/$f.o"
    done
    run_logged "$log" "zlib: libz.a" bash -c "emar rcs '$prefix/lib/libz.a' '$build'/z/*.o"
    for f in ioapi unzip; do
        run_logged "$log" "minizip: $f.c" emcc -O2 -c "$msrc/$f.c" -I"$zsrc" -I"$msrc" \
            -DNOUNCRYPT -DUSE_FILE32API -o "$build/mz/$f.o"
    done
    run_logged "$log" "minizip: libminizip.a" bash -c "emar rcs '$prefix/lib/libminizip.a' '$build'/mz/*.o"
    cp "$zsrc/zlib.h" "$zsrc/zconf.h" "$prefix/include/"
    cp "$msrc/unzip.h" "$msrc/ioapi.h" "$prefix/include/minizip/"
    printf '%s\n' "$key" >"$stamp"
    say "minizip $MINIZIP_VERSION + zlib $ZLIB_VERSION wasm ... ok ($(rel "$prefix"), $(elapsed "$t0"))"
}

build_pugixml_wasm() {
    emcmake_build "pugixml $PUGIXML_VERSION wasm" \
        "$CACHE/src/pugixml-$PUGIXML_VERSION" \
        "$BUILD_DIR/pugixml-$PUGIXML_VERSION-wasm" \
        "$CACHE/wasm/pugixml-$PUGIXML_VERSION" \
        "pugixml $PUGIXML_DEB_VERSION emscripten $(deb_version emscripten) static $PATHWAY_WASM_EH" \
        -DBUILD_SHARED_LIBS=OFF -DPUGIXML_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$PATHWAY_WASM_EH"
}

# ============================================================================
# 5. Header-only Debian libraries for wasm (never expose /usr/include whole:
#    host libc headers would leak into the wasm build)
# ============================================================================
link_wasm_headers() {
    local name
    mkdir -p "$WASM_INCLUDE_DIR"
    for name in $WASM_HEADER_LIBS; do
        [ -d "/usr/include/$name" ] || die "/usr/include/$name missing (Debian header-only package)"
        [ "$(readlink "$WASM_INCLUDE_DIR/$name" 2>/dev/null)" = "/usr/include/$name" ] ||
            ln -sfn "/usr/include/$name" "$WASM_INCLUDE_DIR/$name"
    done
    say "wasm header-only includes ... ok ($(rel "$WASM_INCLUDE_DIR"))"
}

# ============================================================================
# 6. npm packages for the browser tests: playwright-core (drives Debian's
#    /usr/bin/chromium) and axe-core (accessibility rules run inside the page)
# ============================================================================
install_npm_package() { # name version
    local name=$1 version=$2 prefix=$CACHE/node have=""
    local pkg=$prefix/node_modules/$name/package.json
    [ -f "$pkg" ] && have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg" | head -n1)
    if [ "$have" = "$version" ]; then
        say "$name $version ... ok (cached)"
        return
    fi
    need_cmd npm
    local log=$LOG_DIR/npm-$name.log t0
    t0=$(date +%s)
    : >"$log"
    mkdir -p "$prefix"
    # Never download a browser: tests use Debian's chromium. (Neither package has an
    # install script; --ignore-scripts and the variable make sure of it.)
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 run_logged "$log" "npm install $name@$version" \
        npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts \
            --save-exact "$name@$version"
    say "$name $version ... ok ($(rel "$prefix"), $(elapsed "$t0"))"
}
install_playwright() {
    install_npm_package playwright-core "$PATHWAY_PLAYWRIGHT_VERSION"
    install_npm_package axe-core "$PATHWAY_AXE_VERSION"
}

# ============================================================================
# 7. pouchdb-server from npm: the CouchDB-protocol server the sync tests start
#    (tests/sync/; deployments use Apache CouchDB, which Debian 12 does not ship)
# ============================================================================
install_pouchdb_server() {
    local prefix=$CACHE/pouchdb-server pkg=$POUCHDB_SERVER_DIR/package.json have=""
    [ -f "$pkg" ] && have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg" | head -n1)
    if [ "$have" = "$PATHWAY_POUCHDB_SERVER_VERSION" ]; then
        say "pouchdb-server $PATHWAY_POUCHDB_SERVER_VERSION ... ok (cached)"
        return
    fi
    need_cmd npm
    local log=$LOG_DIR/npm-pouchdb-server.log t0
    t0=$(date +%s)
    : >"$log"
    mkdir -p "$prefix"
    # --ignore-scripts: leveldown ships prebuilt binaries that load without its install step,
    # and sqlite3's install script would download a binary from outside the registry.
    run_logged "$log" "npm install pouchdb-server@$PATHWAY_POUCHDB_SERVER_VERSION" \
        npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts \
            --save-exact "pouchdb-server@$PATHWAY_POUCHDB_SERVER_VERSION"
    say "pouchdb-server $PATHWAY_POUCHDB_SERVER_VERSION ... ok ($(rel "$prefix"), $(elapsed "$t0"))"
}

# ============================================================================
main() {
    local t0
    t0=$(date +%s)
    install_apt_packages
    fetch_source imgui "$IMGUI_DEB_VERSION" "$PATHWAY_IMGUI_VERSION" "$IMGUI_DIR" \
        imgui.h imgui.cpp backends/imgui_impl_sdl2.cpp backends/imgui_impl_opengl3.cpp misc/cpp
    if [ "${SETUP_NO_WASM:-0}" = 1 ]; then
        # SDL2's source is only used for the wasm build.
        say "SDL2 source and wasm builds ... skipped (SETUP_NO_WASM=1)"
    else
        fetch_source libsdl2 "$SDL2_DEB_VERSION" "$PATHWAY_SDL2_VERSION" \
            "$CACHE/src/libsdl2-$PATHWAY_SDL2_VERSION" \
            CMakeLists.txt src/video/emscripten/SDL_emscriptenvideo.c
        build_sdl2_wasm
        build_gtest_wasm
        fetch_source nettle "$NETTLE_DEB_VERSION" "$NETTLE_VERSION" \
            "$CACHE/src/nettle-$NETTLE_VERSION" configure sha2.h sha256.c eddsa.h mini-gmp.c
        build_nettle_wasm
        fetch_source pugixml "$PUGIXML_DEB_VERSION" "$PUGIXML_VERSION" \
            "$CACHE/src/pugixml-$PUGIXML_VERSION" CMakeLists.txt src/pugixml.cpp
        build_pugixml_wasm
        fetch_source zlib "$ZLIB_DEB_VERSION" "$ZLIB_VERSION" \
            "$CACHE/src/zlib-$ZLIB_VERSION" zlib.h zconf.h inflate.c crc32.c
        fetch_source minizip "$MINIZIP_DEB_VERSION" "$MINIZIP_VERSION" \
            "$CACHE/src/minizip-$MINIZIP_VERSION" unzip.c unzip.h ioapi.c ioapi.h
        build_minizip_wasm
    fi
    link_wasm_headers
    install_playwright
    install_pouchdb_server
    say "all dependencies ready in $(rel "$CACHE") ($(elapsed "$t0"))"
}

main "$@"
