// LEAP2A (the UK e-portfolio interchange format: an Atom feed whose entries carry LEAP2A types,
// dates and categories). Writing adds Pathway's own elements in the namespace urn:pathway:leap2a
// (exact kind, fields, times, attachments, profile, comments and sign-offs), so a Pathway file
// re-imports without loss; other e-portfolios ignore them. Reading accepts feeds from other
// systems such as Mahara:
//   entry (journal post) -> reflection (text under "What?" of Borton / Driscoll)
//   plan -> goal, meeting -> supervision, activity / achievement -> cpd, ability -> note,
//   resource and any unknown type -> note; person and selection (the author, collections)
//   are skipped and reported. Categories that name a framework item become tags.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/model.hpp"

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
    std::string error; ///< when portfolio is empty: why the file cannot be read
};

/// Parses a LEAP2A feed; `nowMs` stamps entries that carry no times. Never throws.
Leap2aRead readLeap2a(std::string_view bytes, const Catalog& catalog, int64_t nowMs);

} // namespace pathway::core
