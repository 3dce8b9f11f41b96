// Reading and writing files safely: a save never leaves a half-written portfolio behind.
#pragma once

#include <string>
#include <string_view>

namespace pathway::core {

struct IoResult {
    bool ok = false;
    std::string error; ///< a sentence for the user when !ok
    explicit operator bool() const { return ok; }
};

/// Reads a whole file; refuses files larger than maxBytes without reading them.
IoResult readFile(const std::string& path, std::string& out, size_t maxBytes);

/// Atomic replace: writes `path.tmp`, flushes it to disk, keeps the current file as
/// `path.bak` (the previous good copy), then renames the new file over `path`. At every
/// instant `path` holds either the old or the new content.
IoResult writeFileAtomic(const std::string& path, std::string_view bytes);

bool fileExists(const std::string& path);

/// The user's data folder for Pathway: $XDG_DATA_HOME/pathway or ~/.local/share/pathway.
std::string defaultDataDir();
/// Creates a folder and its parents; true when it exists afterwards.
bool makeDirs(const std::string& path);

} // namespace pathway::core
