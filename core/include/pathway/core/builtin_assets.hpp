// The data files under assets/ (frameworks, rules, reflective models), compiled into every
// build so the desktop app, the web page and the CLI agree without shipping loose files.
#pragma once

#include <span>
#include <string_view>

namespace pathway::core {

struct EmbeddedFile {
    std::string_view path;    ///< relative to assets/, e.g. "frameworks/pcf.json"
    std::string_view content; ///< the file's bytes
};

/// Every embedded asset, sorted by path. Generated at build time by cmake/embed_assets.cmake.
std::span<const EmbeddedFile> builtinAssets();

} // namespace pathway::core
