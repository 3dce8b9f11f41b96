#include "pathway/core/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pathway::core {

namespace fs = std::filesystem;

namespace {
std::string sysError(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

bool writeAll(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return true;
}

// Writes bytes to a new file and, when `flush`, flushes it to the disk.
IoResult writeNew(const std::string& path, std::string_view bytes, bool flush) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return {false, sysError("Cannot create", path)};
    if (!writeAll(fd, bytes)) {
        IoResult r{false, sysError("Cannot write", path)};
        ::close(fd);
        ::unlink(path.c_str());
        return r;
    }
    if (flush && ::fsync(fd) != 0 && errno != EINVAL && errno != ENOSYS) {
        IoResult r{false, sysError("Cannot flush", path)};
        ::close(fd);
        ::unlink(path.c_str());
        return r;
    }
    if (::close(fd) != 0) return {false, sysError("Cannot close", path)};
    return {true, {}};
}

void syncDirOf(const std::string& path) {
    std::string dir = fs::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    int fd = ::open(dir.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
} // namespace

IoResult readFile(const std::string& path, std::string& out, size_t maxBytes) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return {false, sysError("Cannot open", path)};
    if (S_ISDIR(st.st_mode)) return {false, path + " is a folder, not a file."};
    if (static_cast<uint64_t>(st.st_size) > maxBytes)
        return {false, path + " is too large (" + std::to_string(st.st_size / (1024 * 1024)) +
                           " MB; the limit is " + std::to_string(maxBytes / (1024 * 1024)) +
                           " MB)."};
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {false, sysError("Cannot open", path)};
    std::string data;
    data.resize(static_cast<size_t>(st.st_size));
    size_t got = data.empty() ? 0 : std::fread(data.data(), 1, data.size(), f);
    const bool readError = std::ferror(f) != 0;
    std::fclose(f);
    if (readError) return {false, sysError("Cannot read", path)};
    data.resize(got);
    out = std::move(data);
    return {true, {}};
}

IoResult writeFileAtomic(const std::string& path, std::string_view bytes) {
    const std::string tmp = path + ".tmp";
    if (auto r = writeNew(tmp, bytes, true); !r) return r;
    if (fileExists(path)) {
        // Keep the previous good copy. A hard link costs nothing; where the file system has
        // none (Emscripten's IDBFS), copy it.
        const std::string bak = path + ".bak";
        const std::string bakTmp = bak + ".tmp";
        ::unlink(bakTmp.c_str());
        bool kept = ::link(path.c_str(), bakTmp.c_str()) == 0;
        if (!kept) {
            // The copy is not flushed: `path` itself is already on disk and stays there until
            // the rename below, so only the spare copy could be lost, and only with the power.
            // Flushing it too doubled the disk work of every save where it applies (Emscripten
            // has no hard links, so every wasm save; issue 7). Whole-file reads and writes: one
            // call each.
            std::string old;
            kept = readFile(path, old, SIZE_MAX) && writeNew(bakTmp, old, false);
        }
        if (kept) ::rename(bakTmp.c_str(), bak.c_str());
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        IoResult r{false, sysError("Cannot replace", path)};
        ::unlink(tmp.c_str());
        return r;
    }
    syncDirOf(path);
    return {true, {}};
}

bool fileExists(const std::string& path) {
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/pathway";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/pathway";
    return "./pathway-data";
}

bool makeDirs(const std::string& path) {
    std::error_code ec;
    fs::create_directories(path, ec);
    return fs::is_directory(path, ec);
}

} // namespace pathway::core
