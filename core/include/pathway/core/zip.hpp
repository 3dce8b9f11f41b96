// Reading zip archives held in memory (a Mahara export is a zip: leap2a.xml plus its files).
// minizip (Debian's libminizip, from zlib's contrib) does the reading; this header keeps it and
// zlib out of every other file. Nothing is written to disk here and nothing is inflated unless
// it is asked for, each member up to a size the caller names, so a zip bomb costs nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

struct ZipMember {
    std::string name;    ///< path inside the archive, '/'-separated, as stored
    uint64_t size = 0;   ///< uncompressed bytes, as the archive declares
    bool directory = false;
    bool encrypted = false;
};

struct ZipListing {
    std::vector<ZipMember> members; ///< in archive order
    std::string error;              ///< one sentence when the bytes are not a readable zip
    bool ok() const { return error.empty(); }
};

struct ZipBytes {
    std::optional<std::string> bytes;
    std::string error; ///< when bytes is empty: one sentence
};

/// True when the bytes start like a zip archive (a local file header or an empty archive).
bool looksLikeZip(std::string_view bytes);

/// The members of an archive, from its central directory (nothing is inflated).
ZipListing listZip(std::string_view bytes);

/// One member's contents, inflated and checked against its CRC; an error when it is missing,
/// encrypted, damaged or larger than `maxBytes`.
ZipBytes readZipMember(std::string_view bytes, std::string_view name, uint64_t maxBytes);

} // namespace pathway::core
