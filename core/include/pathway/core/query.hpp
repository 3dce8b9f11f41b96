// Which entries a list shows: the app's Log filters and `pathway-cli list`'s options are one
// query, answered here.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pathway::core {

struct EntryQuery {
    std::string search;             ///< words in the title, any field or a tag (case folded)
    std::optional<EntryKind> kind;  ///< only this kind
    std::string from, to;           ///< "YYYY-MM-DD" or "": the dates, both inclusive
    std::string tag;                ///< "swe:4": entries tagged with it or with an item under it
    bool operator==(const EntryQuery&) const = default;
};

enum class EntryOrder : uint8_t {
    NewestFirst, ///< the Log: by date, then the later made first
    OldestFirst, ///< the CLI's list: by date, entries of one day in the file's order
};

/// Indices into `portfolio.entries` of the entries `query` matches, in `order`. A tag matches
/// its own item and the items under it by the framework's `parent` links in `catalog` (swe:4
/// matches swe:4.6); a tag the catalogue does not know matches by its dotted prefix. A date
/// that does not parse (half typed) does not filter.
std::vector<size_t> queryEntries(const Portfolio& portfolio, const EntryQuery& query,
                                 const Catalog& catalog, EntryOrder order = EntryOrder::NewestFirst);

/// True when entry tag `tag` is `item` or an item under it (see queryEntries).
bool tagIsUnder(const Catalog& catalog, std::string_view tag, std::string_view item);

} // namespace pathway::core
