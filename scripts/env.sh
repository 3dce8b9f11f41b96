# shellcheck shell=sh
# Pathway build environment: dependency versions and the paths where
# scripts/setup.sh puts them. Source it from bash or POSIX sh:
#     . scripts/env.sh
# Executed instead of sourced (`sh scripts/env.sh`), it prints KEY=VALUE lines
# (usable from a Makefile, e.g. `include` of the output).
#
# Override the cache root with PATHWAY_CACHE (relative paths are taken from the
# repository root); the default is <repo>/.deps.

# shellcheck disable=SC2034  # the versions are used by scripts/setup.sh
# --- pinned upstream versions (cache folders are keyed by these) -------------
PATHWAY_IMGUI_VERSION=1.90.1        # Debian trixie source package imgui
PATHWAY_SDL2_VERSION=2.26.5         # Debian bookworm source package libsdl2
PATHWAY_GTEST_VERSION=1.12.1        # Debian bookworm /usr/src/googletest
PATHWAY_PLAYWRIGHT_VERSION=1.65.1   # npm playwright-core
PATHWAY_AXE_VERSION=4.14.1          # npm axe-core (accessibility checks in the browser tests)
PATHWAY_POUCHDB_SERVER_VERSION=4.2.0 # npm pouchdb-server (sync tests' CouchDB-protocol server)

# --- repository root ---------------------------------------------------------
# bash knows where this file is; plain sh (make recipes) does not, so fall back
# to $PATHWAY_ROOT or the current directory (make runs from the repo root).
if [ -n "${BASH_VERSION:-}" ]; then
    eval '_pathway_env_file=${BASH_SOURCE[0]}'  # eval: plain sh cannot parse arrays
    # shellcheck disable=SC2154
    PATHWAY_ROOT=$(cd "$(dirname "$_pathway_env_file")/.." && pwd)
    unset _pathway_env_file
elif [ -z "${PATHWAY_ROOT:-}" ]; then
    PATHWAY_ROOT=$(pwd)
fi
if [ ! -f "$PATHWAY_ROOT/scripts/env.sh" ]; then
    echo "scripts/env.sh: cannot find the repository root (set PATHWAY_ROOT)" >&2
    # shellcheck disable=SC2317
    return 1 2>/dev/null || exit 1
fi

# --- cache root --------------------------------------------------------------
PATHWAY_CACHE=${PATHWAY_CACHE:-$PATHWAY_ROOT/.deps}
case $PATHWAY_CACHE in
    /*) ;;
    *) PATHWAY_CACHE=$PATHWAY_ROOT/$PATHWAY_CACHE ;;
esac

# --- exported locations ------------------------------------------------------
# imgui source tree: imgui.h, imgui*.cpp, backends/, misc/
IMGUI_DIR=$PATHWAY_CACHE/src/imgui-$PATHWAY_IMGUI_VERSION
# SDL2 built for WebAssembly: include/SDL2/, lib/libSDL2.a, lib/cmake/SDL2/
SDL2_WASM_DIR=$PATHWAY_CACHE/wasm/sdl2-$PATHWAY_SDL2_VERSION
# C++ exceptions in every wasm object: WebAssembly's own exception handling, not emscripten's
# JavaScript emulation (which routes every call that may throw through a JS trampoline and
# made wasm imports 6x slower than native). Every C++ library linked into the page and the
# tests must be built with the same flag (CMakeLists.txt uses it too).
PATHWAY_WASM_EH=-fwasm-exceptions
# GoogleTest built for WebAssembly ($PATHWAY_WASM_EH, no pthreads): include/, lib/, lib/cmake/GTest/
GTEST_WASM_DIR=$PATHWAY_CACHE/wasm/gtest-$PATHWAY_GTEST_VERSION
# header-only Debian libraries for wasm builds (never add /usr/include itself)
WASM_INCLUDE_DIR=$PATHWAY_CACHE/wasm/include
# the playwright-core package folder: require(process.env.PLAYWRIGHT_DIR)
PLAYWRIGHT_DIR=$PATHWAY_CACHE/node/node_modules/playwright-core
# axe-core's folder: tests/web/a11y.mjs injects its axe.min.js into the page
AXE_DIR=$PATHWAY_CACHE/node/node_modules/axe-core
# the pouchdb-server package folder; its command is bin/pouchdb-server (tests/sync/)
POUCHDB_SERVER_DIR=$PATHWAY_CACHE/pouchdb-server/node_modules/pouchdb-server
# Debian's node modules (acorn, ...): emscripten's optimised links need them
NODE_PATH=/usr/share/nodejs

export PATHWAY_ROOT PATHWAY_CACHE PATHWAY_WASM_EH IMGUI_DIR SDL2_WASM_DIR GTEST_WASM_DIR \
    WASM_INCLUDE_DIR PLAYWRIGHT_DIR AXE_DIR POUCHDB_SERVER_DIR NODE_PATH

# Executed rather than sourced: print the variables.
case ${0##*/} in
    env.sh)
        for _pathway_var in PATHWAY_ROOT PATHWAY_CACHE IMGUI_DIR SDL2_WASM_DIR \
            GTEST_WASM_DIR WASM_INCLUDE_DIR PLAYWRIGHT_DIR AXE_DIR POUCHDB_SERVER_DIR NODE_PATH; do
            eval "printf '%s=%s\n' \"\$_pathway_var\" \"\$$_pathway_var\""
        done
        unset _pathway_var
        ;;
esac
