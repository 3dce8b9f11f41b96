// LEAP2A (the UK e-portfolio interchange format: an Atom feed whose entries carry LEAP2A types,
// dates and categories). Writing adds Pathway's own elements in the namespace urn:pathway:leap2a
// (exact kind, fields, times, attachments, profile, comments and sign-offs), so a Pathway file
// re-imports without loss; other e-portfolios ignore them. Reading accepts feeds from other
// systems such as Mahara:
//   entry (journal post) -> reflection (text under "What?" of Borton / Driscoll)
//   plan -> goal, meeting -> supervision, activity / achievement -> cpd, ability -> note,
//   resource and any unknown type -> note; person and selection (the author, collections)
//   are skipped and reported. Categories that name a framework item become tags.
// Mahara's own export is a zip holding leap2a.xml and a files/ folder (readLeap2aZip): an
// entry's enclosure (a file) becomes an attachment referring to its place in the zip, and an
// entry linked to a file (leap2:has_attachment, a journal post's attachment) gets it too.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

inline constexpr std::string_view kPathwayLeap2aNs = "urn:pathway:leap2a";

std::string writeLeap2a(const Portfolio& portfolio, int64_t nowMs);

struct Leap2aRead {
    std::optional<Portfolio> portfolio; ///< entries (and, from Pathway files, profile and reviews)
    bool fromPathway = false;           ///< the feed carries Pathway's profile: a full backup
    std::vector<std::string> skipped;   ///< "entry 3 \"My CV\" (person): the author's profile"
    std::vector<std::string> notes;
    /// From a zip: one line per file attached to an entry ("files/3-plan.pdf (24 KB): entry
    /// \"Care plan\""), then files the zip holds that no entry uses.
    std::vector<std::string> attachments;
    std::string error; ///< when portfolio is empty: why the file cannot be read
};

/// The files that came with a feed (the rest of a Mahara export zip).
struct Leap2aFiles {
    std::string archive;                   ///< the zip's name, written into each reference
    std::string base;                      ///< leap2a.xml's folder in the zip: "" or "dir/"
    std::map<std::string, uint64_t> sizes; ///< every file in the zip: path -> bytes
};

/// Parses a LEAP2A feed; `nowMs` stamps entries that carry no times. Never throws.
Leap2aRead readLeap2a(std::string_view bytes, const Catalog& catalog, int64_t nowMs,
                      const Leap2aFiles* files = nullptr);

/// The reference an attachment from a zip gets: "NAME.zip: files/3-plan.pdf".
std::string zipAttachmentRef(std::string_view archive, std::string_view path);

/// Reads a Mahara export zip: finds its leap2a.xml (at the top or in one folder), reads it as
/// readLeap2a does, and lists its files as attachments. `archiveName` is the zip's file name.
Leap2aRead readLeap2aZip(std::string_view zip, std::string_view archiveName, const Catalog& catalog,
                         int64_t nowMs);

} // namespace pathway::core
