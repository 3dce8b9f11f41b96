// Zip archives in memory through minizip's unzip (see zip.hpp). minizip reads through a table
// of file functions; these read a byte range instead of a file.
#include "pathway/core/zip.hpp"

#include <unzip.h>

#include <algorithm>
#include <cstring>

namespace pathway::core {

namespace {

struct MemoryFile {
    const char* data = nullptr;
    uint64_t size = 0;
    uint64_t pos = 0;
};

voidpf ZCALLBACK memOpen(voidpf opaque, const void*, int mode) {
    // Read only: a request to write or create is refused.
    if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ) return nullptr;
    static_cast<MemoryFile*>(opaque)->pos = 0;
    return opaque;
}

uLong ZCALLBACK memRead(voidpf, voidpf stream, void* buf, uLong size) {
    auto* f = static_cast<MemoryFile*>(stream);
    const uint64_t left = f->pos < f->size ? f->size - f->pos : 0;
    const uint64_t n = std::min<uint64_t>(size, left);
    if (n) std::memcpy(buf, f->data + f->pos, static_cast<size_t>(n));
    f->pos += n;
    return static_cast<uLong>(n);
}

uLong ZCALLBACK memWrite(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK memTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }

long ZCALLBACK memSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* f = static_cast<MemoryFile*>(stream);
    uint64_t base = 0;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = f->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = f->size; break;
    default: return -1;
    }
    if (offset > f->size || base > f->size - offset) return -1;
    f->pos = base + offset;
    return 0;
}

int ZCALLBACK memClose(voidpf, voidpf) { return 0; }
int ZCALLBACK memError(voidpf, voidpf) { return 0; }

/// An open archive over a byte range, closed on scope exit.
class Archive {
public:
    explicit Archive(std::string_view bytes) {
        m_file.data = bytes.data();
        m_file.size = bytes.size();
        zlib_filefunc64_def fns{};
        fns.zopen64_file = memOpen;
        fns.zread_file = memRead;
        fns.zwrite_file = memWrite;
        fns.ztell64_file = memTell;
        fns.zseek64_file = memSeek;
        fns.zclose_file = memClose;
        fns.zerror_file = memError;
        fns.opaque = &m_file;
        m_zip = unzOpen2_64("memory", &fns);
    }
    ~Archive() {
        if (m_zip) unzClose(m_zip);
    }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;
    unzFile get() const { return m_zip; }

private:
    MemoryFile m_file; // minizip keeps a pointer to it
    unzFile m_zip = nullptr;
};

constexpr const char* kNotZip = "it is not a zip archive Pathway can read (it may be damaged or cut short).";

/// The current member's name and details; false when the archive's directory is damaged.
bool currentMember(unzFile zip, ZipMember& m) {
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) return false;
    std::string name(info.size_filename, '\0');
    if (unzGetCurrentFileInfo64(zip, &info, name.data(), static_cast<uLong>(name.size() + 1), nullptr, 0,
                                nullptr, 0) != UNZ_OK)
        return false;
    std::replace(name.begin(), name.end(), '\\', '/'); // zips made on Windows
    m.name = std::move(name);
    m.size = info.uncompressed_size;
    m.directory = !m.name.empty() && m.name.back() == '/';
    m.encrypted = (info.flag & 1u) != 0;
    return true;
}

} // namespace

bool looksLikeZip(std::string_view bytes) {
    return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
           ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
}

ZipListing listZip(std::string_view bytes) {
    ZipListing out;
    Archive a(bytes);
    if (!a.get()) {
        out.error = kNotZip;
        return out;
    }
    unz_global_info64 global{};
    if (unzGetGlobalInfo64(a.get(), &global) != UNZ_OK) {
        out.error = kNotZip;
        return out;
    }
    // The declared count is not trusted for the reservation: a damaged directory can claim any.
    out.members.reserve(static_cast<size_t>(std::min<ZPOS64_T>(global.number_entry, 4096)));
    for (int rc = unzGoToFirstFile(a.get()); rc == UNZ_OK; rc = unzGoToNextFile(a.get())) {
        ZipMember m;
        if (!currentMember(a.get(), m)) {
            out.members.clear();
            out.error = kNotZip;
            return out;
        }
        out.members.push_back(std::move(m));
    }
    return out;
}

ZipBytes readZipMember(std::string_view bytes, std::string_view name, uint64_t maxBytes) {
    ZipBytes out;
    const std::string shown(name);
    Archive a(bytes);
    if (!a.get()) {
        out.error = kNotZip;
        return out;
    }
    // Found by exact name (the directory can list the '\\'-separated names of zips made on
    // Windows, which listZip shows with '/').
    bool found = false;
    ZipMember m;
    for (int rc = unzGoToFirstFile(a.get()); rc == UNZ_OK; rc = unzGoToNextFile(a.get())) {
        if (!currentMember(a.get(), m)) {
            out.error = kNotZip;
            return out;
        }
        if (m.name == name && !m.directory) {
            found = true; // the archive stays on this member
            break;
        }
    }
    if (!found) {
        out.error = "the archive has no file " + shown + ".";
        return out;
    }
    if (m.encrypted) {
        out.error = shown + " is encrypted in the archive; Pathway cannot read it.";
        return out;
    }
    if (m.size > maxBytes) {
        out.error = shown + " is too large (" + std::to_string(m.size / (1024 * 1024)) + " MB).";
        return out;
    }
    if (unzOpenCurrentFile(a.get()) != UNZ_OK) {
        out.error = shown + " cannot be read (the archive may be damaged or use a method Pathway lacks).";
        return out;
    }
    std::string data;
    data.reserve(static_cast<size_t>(m.size));
    char buf[16384];
    int n = 0;
    // The declared size is checked again while inflating: a damaged header can understate it.
    while ((n = unzReadCurrentFile(a.get(), buf, sizeof buf)) > 0) {
        if (data.size() + static_cast<size_t>(n) > maxBytes) {
            unzCloseCurrentFile(a.get());
            out.error = shown + " is too large.";
            return out;
        }
        data.append(buf, static_cast<size_t>(n));
    }
    // unzCloseCurrentFile checks the CRC once the whole member was read.
    const int closed = unzCloseCurrentFile(a.get());
    if (n < 0 || closed != UNZ_OK) {
        out.error = shown + " is damaged in the archive (its contents do not match their checksum).";
        return out;
    }
    out.bytes = std::move(data);
    return out;
}

} // namespace pathway::core
