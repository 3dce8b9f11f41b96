#include "pathway/core/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <sys/file.h>
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

// A name no other writer uses: "TARGET.tmp-<pid>-<random>". Every writer used to share
// "TARGET.tmp" (opened with O_TRUNC), so concurrent saves wrote into each other's files and a
// symlink planted there was followed (issue 12).
std::string uniqueName(const std::string& base, const char* suffix) {
    static std::mt19937_64 rng{std::random_device{}() ^ static_cast<uint64_t>(::getpid())};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string name = base + suffix + std::to_string(::getpid()) + "-";
    uint64_t r = rng();
    for (int i = 0; i < 12; ++i, r >>= 4) name += kHex[r & 15];
    return name;
}

// Creates a new file exclusively (O_EXCL: never an existing file, never through a symlink)
// under a unique name beside `base`, writes bytes, gives it `mode`, and when `flush` flushes it
// to the disk. On success `created` names it.
IoResult writeUnique(const std::string& base, const char* suffix, std::string_view bytes,
                     mode_t mode, bool flush, std::string& created) {
    int fd = -1;
    std::string name;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        name = uniqueName(base, suffix);
        fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) return {false, sysError("Cannot create", name)};
    }
    if (fd < 0) return {false, sysError("Cannot create", name)};
    auto failWith = [&](const char* what) {
        IoResult r{false, sysError(what, name)};
        ::close(fd);
        ::unlink(name.c_str());
        return r;
    };
    if (!writeAll(fd, bytes)) return failWith("Cannot write");
    // fchmod, not the open mode: the umask would take bits away from the file's own mode.
    if (::fchmod(fd, mode) != 0 && errno != ENOSYS) return failWith("Cannot set the mode of");
    if (flush && ::fsync(fd) != 0 && errno != EINVAL && errno != ENOSYS)
        return failWith("Cannot flush");
    if (::close(fd) != 0) {
        IoResult r{false, sysError("Cannot close", name)};
        ::unlink(name.c_str());
        return r;
    }
    created = std::move(name);
    return {true, {}};
}

void syncDirOf(const std::string& path) {
    std::string dir = fs::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    int fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

const char* kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}
} // namespace

IoResult readFile(const std::string& path, std::string& out, size_t maxBytes) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return {false, sysError("Cannot open", path)};
    struct stat st{};
    if (::fstat(fd, &st) != 0) {
        IoResult r{false, sysError("Cannot open", path)};
        ::close(fd);
        return r;
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return {false, path + " is " + kindOf(st.st_mode) + ", not a file Pathway can read."};
    }
    if (static_cast<uint64_t>(st.st_size) > maxBytes) {
        ::close(fd);
        return {false, path + " is too large (" + std::to_string(st.st_size / (1024 * 1024)) +
                           " MB; the limit is " + std::to_string(maxBytes / (1024 * 1024)) +
                           " MB)."};
    }
    std::string data;
    data.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < data.size()) {
        ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            IoResult r{false, sysError("Cannot read", path)};
            ::close(fd);
            return r;
        }
        if (n == 0) break; // shrank while reading
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    data.resize(got);
    out = std::move(data);
    return {true, {}};
}

std::string resolveWriteTarget(const std::string& path) {
    std::string p = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st{};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        std::error_code ec;
        fs::path link = fs::read_symlink(p, ec);
        if (ec) return p;
        p = link.is_absolute() ? link.string() : (fs::path(p).parent_path() / link).string();
    }
    return p; // a loop of links: the write then fails with the system's message
}

bool sameFile(const std::string& a, const std::string& b) {
    struct stat sa{}, sb{};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

IoResult writeFileAtomic(const std::string& path, std::string_view bytes) {
    const std::string target = resolveWriteTarget(path);
    mode_t mode = 0600; // a new file: a portfolio is personal
    struct stat st{};
    const bool exists = ::lstat(target.c_str(), &st) == 0;
    if (exists) {
        if (!S_ISREG(st.st_mode))
            return {false, "Not saved: " + path + " is " + kindOf(st.st_mode) +
                               "; Pathway writes only regular files."};
        if ((st.st_mode & 0222) == 0)
            return {false, "Not saved: " + path +
                               " is read-only. Pathway did not change it; make it writable "
                               "(chmod u+w) or save elsewhere."};
        mode = st.st_mode & 07777;
    }
    std::string tmp;
    if (auto r = writeUnique(target, ".tmp-", bytes, mode, true, tmp); !r) return r;
    if (exists) {
        // Keep the previous good copy. A hard link under a fresh name costs nothing; where the
        // file system has none (Emscripten's IDBFS), copy it. Then rename it over TARGET.bak.
        const std::string bak = target + ".bak";
        std::string bakTmp;
        bool kept = false;
        for (int attempt = 0; attempt < 100 && !kept; ++attempt) {
            bakTmp = uniqueName(bak, ".tmp-");
            if (::link(target.c_str(), bakTmp.c_str()) == 0) kept = true;
            else if (errno != EEXIST) break;
        }
        if (!kept) {
            // The copy is not flushed: the target itself is already on disk and stays there
            // until the rename below, so only the spare copy could be lost, and only with the
            // power. Flushing it too doubled the disk work of every save where it applies
            // (Emscripten has no hard links, so every wasm save; issue 7).
            std::string old;
            kept = readFile(target, old, SIZE_MAX) && writeUnique(bak, ".tmp-", old, mode, false, bakTmp);
        }
        if (kept && ::rename(bakTmp.c_str(), bak.c_str()) != 0) ::unlink(bakTmp.c_str());
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        IoResult r{false, sysError("Cannot replace", path)};
        ::unlink(tmp.c_str());
        return r;
    }
    syncDirOf(target);
    return {true, {}};
}

bool fileExists(const std::string& path) {
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

#ifdef __EMSCRIPTEN__
// One page's memory file system has one writer; tabs coordinate through navigator.locks.
FileLock::FileLock(const std::string&) : m_status{true, {}} {}
FileLock::~FileLock() = default;
#else
FileLock::FileLock(const std::string& path) {
    const std::string name = resolveWriteTarget(path) + ".lock";
    // O_NOFOLLOW: a symlink planted at the lock's name is refused, not followed; never truncated.
    m_fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        m_status = {false, "Not saved: cannot lock " + path + " (" + sysError("open", name) + ")."};
        return;
    }
    while (::flock(m_fd, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        m_status = {false, "Not saved: cannot lock " + path + " (" + sysError("lock", name) + ")."};
        ::close(m_fd);
        m_fd = -1;
        return;
    }
    m_status = {true, {}};
}

FileLock::~FileLock() {
    if (m_fd >= 0) ::close(m_fd); // closing the last descriptor releases the lock
}
#endif

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
