#include "pathway/core/query.hpp"

#include "pathway/core/text.hpp"

#include <algorithm>

namespace pathway::core {

bool tagIsUnder(const Catalog& catalog, std::string_view tag, std::string_view item) {
    if (tag == item) return true;
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos || tag.substr(0, colon + 1) != item.substr(0, colon + 1))
        return false;
    const std::string_view framework = item.substr(0, colon);
    const FrameworkItem* at = catalog.findItem(tag);
    if (!at) { // not in the catalogue (a framework file not loaded here): "swe:4" holds "swe:4.6"
        return tag.size() > item.size() && tag.substr(0, item.size()) == item &&
               tag[item.size()] == '.';
    }
    // Up the parent links; a framework's parents have no cycles (validateFramework), but a
    // bound keeps a damaged file from looping.
    for (int depth = 0; depth < 32 && !at->parent.empty(); ++depth) {
        const std::string parent = std::string(framework) + ":" + at->parent;
        if (parent == item) return true;
        at = catalog.findItem(parent);
        if (!at) return false;
    }
    return false;
}

std::vector<size_t> queryEntries(const Portfolio& doc, const EntryQuery& q, const Catalog& catalog,
                                 EntryOrder order) {
    const std::string needle = asciiLower(trim(q.search));
    const auto from = Date::parse(trim(q.from));
    const auto to = Date::parse(trim(q.to));
    std::vector<size_t> rows;
    rows.reserve(doc.entries.size());
    for (size_t i = 0; i < doc.entries.size(); ++i) {
        const Entry& e = doc.entries[i];
        if (q.kind && e.kind != *q.kind) continue;
        if (from && e.date < *from) continue;
        if (to && e.date > *to) continue;
        if (!q.tag.empty() && std::none_of(e.tags.begin(), e.tags.end(), [&](const std::string& t) {
                return tagIsUnder(catalog, t, q.tag);
            }))
            continue;
        if (!needle.empty()) {
            bool match = containsFolded(e.title, needle);
            for (auto it = e.fields.begin(); !match && it != e.fields.end(); ++it)
                match = containsFolded(it->second, needle);
            for (const auto& t : e.tags)
                match = match || containsFolded(t, needle);
            if (!match) continue;
        }
        rows.push_back(i);
    }
    if (order == EntryOrder::NewestFirst) {
        std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
            const Entry& x = doc.entries[a];
            const Entry& y = doc.entries[b];
            return x.date != y.date ? x.date > y.date : x.createdMs > y.createdMs;
        });
    } else {
        std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) {
            return doc.entries[a].date < doc.entries[b].date;
        });
    }
    return rows;
}

} // namespace pathway::core
