// Reading and writing files safely: a save never leaves a half-written portfolio behind, never
// writes through a symlink planted at a temporary name, and never hangs on a FIFO or a device.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pathway::core {

struct IoResult {
    bool ok = false;
    std::string error; ///< a sentence for the user when !ok
    explicit operator bool() const { return ok; }
};

/// Reads a whole file; refuses what is not a regular file (a folder, a FIFO, a device) and
/// files larger than maxBytes, without reading them.
IoResult readFile(const std::string& path, std::string& out, size_t maxBytes);

/// Atomic replace. When `path` is a symlink its target is replaced (the link stays a link).
/// Writes a new temporary file beside the target (a unique name, created exclusively, so a
/// symlink or a file planted there is never followed or truncated), flushes it, gives it the
/// target's permission bits, keeps the current file as `TARGET.bak` (the previous good copy),
/// then renames the new file over the target. At every instant the target holds either the old
/// or the new content. Refused, with the file unchanged: a target that is not a regular file,
/// and a read-only one (no write permission bit: "is read-only").
IoResult writeFileAtomic(const std::string& path, std::string_view bytes);

/// Where writeFileAtomic(path) writes: the final target of a symlink (resolved even when the
/// target does not exist yet), else `path` itself.
std::string resolveWriteTarget(const std::string& path);
/// True when both paths name the same existing file (same device and inode).
bool sameFile(const std::string& a, const std::string& b);

bool fileExists(const std::string& path);

/// An exclusive advisory lock for one file, held from construction to destruction: the
/// read-merge-write of a save. It locks `TARGET.lock` beside the file (the portfolio itself is
/// replaced by rename, so its own inode cannot carry the lock), waits while another process
/// holds it, and is released by the system if the holder dies. No-op under Emscripten (the
/// browser's Web Locks take its place, see web/static/pathway-shell.js).
class FileLock {
  public:
    explicit FileLock(const std::string& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    /// ok, or why the lock could not be taken (the caller then must not write).
    const IoResult& status() const { return m_status; }

  private:
    int m_fd = -1;
    IoResult m_status;
};

/// The user's data folder for Pathway: $XDG_DATA_HOME/pathway or ~/.local/share/pathway.
std::string defaultDataDir();
/// Creates a folder and its parents; true when it exists afterwards.
bool makeDirs(const std::string& path);

} // namespace pathway::core
