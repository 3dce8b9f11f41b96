#include "pathway/core/import.hpp"
#include "pathway/core/signing.hpp"

#include "pathway/core/csv.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/zip.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/store.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

namespace pathway::core {

std::optional<ImportFormat> parseImportFormat(std::string_view id) {
    if (id == "json") return ImportFormat::Json;
    if (id == "leap2a") return ImportFormat::Leap2a;
    if (id == "csv") return ImportFormat::Csv;
    return std::nullopt;
}

namespace {

// Merges (or replaces with) `incoming` and fills the counts.
ImportResult finish(const Portfolio& into, Portfolio incoming, bool replace, ImportReport report) {
    ImportResult r;
    // Reviews carried by an import are kept as unsigned: a signature counts only when it came
    // from the reviewer's own feedback file (review.hpp), and the report says so.
    int32_t carried = 0, unsealed = 0;
    for (auto& c : incoming.comments) {
        ++carried;
        if (isSigned(c.seal)) ++unsealed;
        c.seal = {};
    }
    for (auto& s : incoming.signOffs) {
        ++carried;
        if (isSigned(s.seal)) ++unsealed;
        s.seal = {};
    }
    if (carried)
        report.notes.push_back(
            "the file carries " + std::to_string(incoming.comments.size()) + " comment(s) and " +
            std::to_string(incoming.signOffs.size()) + " sign-off(s): they are kept as unsigned" +
            (unsealed ? " (" + std::to_string(unsealed) + " had a reviewer's signature, which "
                        "counts only when merged from the reviewer's own feedback file)"
                      : ""));
    report.read = static_cast<int32_t>(incoming.entries.size());
    if (replace) {
        report.added = report.read;
        r.portfolio = std::move(incoming);
    } else {
        MergeResult m = mergePortfolios(into, incoming);
        report.added = m.report.entriesAdded;
        report.updated = m.report.entriesUpdated;
        report.conflictCopies = m.report.conflictCopies;
        report.deleted = m.report.entriesDeleted;
        report.unchanged = report.read - report.added - report.updated - report.conflictCopies;
        if (report.unchanged < 0) report.unchanged = 0;
        for (auto& n : m.report.notes) report.notes.push_back(std::move(n));
        r.portfolio = std::move(m.portfolio);
    }
    r.report = std::move(report);
    return r;
}

} // namespace

ImportResult importInto(const Portfolio& into, ImportFormat format, std::string_view bytes,
                        const ImportOptions& opt) {
    if (format == ImportFormat::Csv) return importCsv(into, bytes, opt);
    ImportResult r;
    if (format == ImportFormat::Json) {
        LoadResult loaded = parsePortfolio(bytes);
        if (!loaded.ok()) {
            r.error = loaded.error;
            return r;
        }
        return finish(into, std::move(*loaded.portfolio), opt.replace, {});
    }
    // Mahara exports a zip (leap2a.xml and files/); other systems the bare feed.
    Leap2aRead read = looksLikeZip(bytes) ? readLeap2aZip(bytes, opt.sourceName, opt.catalog, opt.nowMs)
                                          : readLeap2a(bytes, opt.catalog, opt.nowMs);
    if (!read.portfolio) {
        r.error = read.error;
        return r;
    }
    ImportReport report;
    report.skipped = read.skipped;
    report.notes = read.notes;
    report.attachments = read.attachments;
    Portfolio incoming = std::move(*read.portfolio);
    // Foreign entries must be valid Pathway entries; Pathway's own are taken as written.
    std::vector<Entry> kept;
    for (auto& e : incoming.entries) {
        if (!read.fromPathway) {
            if (auto err = validateEntry(e); !err.empty()) {
                report.skipped.push_back("\"" + e.title + "\": " + err);
                continue;
            }
        }
        kept.push_back(std::move(e));
    }
    incoming.entries = std::move(kept);
    if (incoming.entries.empty() && !read.fromPathway) {
        r.error = "Nothing in this LEAP2A file could be imported" +
                  (report.skipped.empty() ? std::string(" (it has no entries).")
                                          : " (" + report.skipped.front() + ").");
        return r;
    }
    if (opt.replace && !read.fromPathway) {
        // A foreign feed has no profile: keep ours, replace the entries.
        Portfolio p = into;
        p.entries = std::move(incoming.entries);
        p.comments.clear();
        p.signOffs.clear();
        return finish(into, std::move(p), true, std::move(report));
    }
    if (!read.fromPathway) {
        incoming.profile = into.profile;
    }
    return finish(into, std::move(incoming), opt.replace, std::move(report));
}

namespace {

using Names = std::vector<std::string_view>;
const Names kTitleNames = {"title", "course", "course title", "course name", "activity",
                           "training", "name", "module"};
const Names kDateNames = {"date", "completed", "date completed", "completion date",
                          "completed on", "start date", "end date", "attended"};
const Names kHoursNames = {"hours", "duration", "cpd hours", "length", "time", "hours completed"};
const Names kDescNames = {"description", "summary", "details", "notes", "comments"};
const Names kTypeNames = {"type", "category", "format"};
const Names kProviderNames = {"provider", "organisation", "organization", "delivered by"};

std::optional<size_t> column(const std::vector<std::string>& header, const Names& names) {
    for (std::string_view want : names)
        for (size_t i = 0; i < header.size(); ++i) {
            std::string h = asciiLower(trim(header[i]));
            // "Hours (decimal)" matches "hours".
            if (auto paren = h.find(" ("); paren != std::string::npos) h = h.substr(0, paren);
            if (h == want) return i;
        }
    return std::nullopt;
}

constexpr std::array<std::string_view, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};

// Only dates a portfolio file can hold: "3 March 0026" made a portfolio that saved but never
// loaded again (found by tests/fuzz/fuzz_csv.cpp; Date::parse refuses years before 1900).
std::optional<Date> storable(Date d) { return Date::parse(d.toString()); }

std::optional<Date> parseFlexibleDate(std::string_view s) {
    s = trim(s);
    if (s.size() >= 10) {
        if (auto d = Date::parse(s.substr(0, 10))) return d; // ISO, maybe with a time
    }
    auto num = [](std::string_view t, int32_t& out) {
        if (t.empty() || t.size() > 4) return false;
        out = 0;
        for (char c : t) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        return true;
    };
    for (char sep : {'/', '-', '.'}) {
        auto a = s.find(sep);
        if (a == std::string_view::npos) continue;
        auto b = s.find(sep, a + 1);
        if (b == std::string_view::npos) continue;
        int32_t dd, mm, yy;
        std::string_view rest = s.substr(b + 1);
        if (auto sp = rest.find(' '); sp != std::string_view::npos) rest = rest.substr(0, sp);
        if (!num(s.substr(0, a), dd) || !num(s.substr(a + 1, b - a - 1), mm) || !num(rest, yy))
            continue;
        if (rest.size() == 2) yy += 2000;
        if (rest.size() != 2 && rest.size() != 4) continue;
        if (mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(yy, mm)) return std::nullopt;
        return storable(Date{yy, mm, dd});
    }
    // "3 March 2026", "3rd Mar 2026"
    auto sp1 = s.find(' ');
    auto sp2 = sp1 == std::string_view::npos ? sp1 : s.find(' ', sp1 + 1);
    if (sp2 != std::string_view::npos) {
        std::string_view dpart = s.substr(0, sp1);
        while (!dpart.empty() && (dpart.back() < '0' || dpart.back() > '9')) dpart.remove_suffix(1);
        std::string mon = asciiLower(s.substr(sp1 + 1, 3));
        int32_t dd, yy;
        auto it = std::find(kMonthNames.begin(), kMonthNames.end(), mon);
        if (it != kMonthNames.end() && num(dpart, dd) && num(trim(s.substr(sp2 + 1)), yy)) {
            int32_t mm = static_cast<int32_t>(it - kMonthNames.begin()) + 1;
            if (dd >= 1 && dd <= daysInMonth(yy, mm)) return storable(Date{yy, mm, dd});
        }
    }
    return std::nullopt;
}

std::optional<double> parseDuration(std::string_view s) {
    std::string t = asciiLower(trim(s));
    if (t.empty()) return std::nullopt;
    if (auto colon = t.find(':'); colon != std::string::npos) {
        auto h = parseDecimal(t.substr(0, colon));
        auto m = parseDecimal(t.substr(colon + 1));
        if (!h || !m || *m >= 60 || *m < 0) return std::nullopt;
        return *h + *m / 60.0;
    }
    double scale = 1;
    size_t end = 0;
    while (end < t.size() && ((t[end] >= '0' && t[end] <= '9') || t[end] == '.')) ++end;
    std::string unit(trim(std::string_view(t).substr(end)));
    if (unit.empty() || unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours")
        scale = 1;
    else if (unit == "m" || unit == "min" || unit == "mins" || unit == "minutes")
        scale = 1.0 / 60;
    else if (unit == "day" || unit == "days")
        scale = 7.5; // a training day
    else
        return std::nullopt;
    auto v = parseDecimal(t.substr(0, end));
    if (!v) return std::nullopt;
    return std::round(*v * scale * 100) / 100;
}

std::string cpdType(std::string_view s) {
    std::string t = asciiLower(trim(s));
    if (t.find("e-learn") != std::string::npos || t.find("elearn") != std::string::npos ||
        t.find("online") != std::string::npos)
        return "e-learning";
    if (t.find("conference") != std::string::npos || t.find("webinar") != std::string::npos ||
        t.find("seminar") != std::string::npos)
        return "conference";
    if (t.find("read") != std::string::npos) return "reading";
    if (t.find("shadow") != std::string::npos) return "shadowing";
    return "course";
}

} // namespace

ImportResult importCsv(const Portfolio& into, std::string_view bytes, const ImportOptions& opt) {
    ImportResult r;
    if (auto bad = findInvalidUtf8(bytes)) {
        r.error = "This CSV file is not UTF-8 text (bad byte at offset " + std::to_string(*bad) +
                  "); save it from the spreadsheet as \"CSV UTF-8\".";
        return r;
    }
    std::string err;
    auto table = parseCsv(bytes, err);
    if (!table) {
        r.error = "This CSV file cannot be read: " + err + ".";
        return r;
    }
    if (table->rows.empty()) {
        r.error = "This CSV file is empty.";
        return r;
    }
    const auto& header = table->rows[0];
    auto cTitle = column(header, kTitleNames);
    auto cDate = column(header, kDateNames);
    if (!cTitle || !cDate) {
        r.error = std::string("This CSV file has no ") + (!cTitle ? "title" : "date") +
                  " column (looked for headers such as " +
                  (!cTitle ? "Title, Course or Activity" : "Date, Completed or Date completed") +
                  ").";
        return r;
    }
    auto cHours = column(header, kHoursNames);
    auto cDesc = column(header, kDescNames);
    auto cType = column(header, kTypeNames);
    auto cProvider = column(header, kProviderNames);
    ImportReport report;
    Portfolio incoming;
    incoming.profile = into.profile;
    // Ids by hash: Portfolio::find is a linear search, which made large files quadratic.
    std::unordered_set<std::string> incomingIds;
    for (size_t i = 1; i < table->rows.size(); ++i) {
        const auto& row = table->rows[i];
        const std::string where = "row " + std::to_string(i + 1) + " (line " +
                                  std::to_string(table->lines[i]) + ")";
        auto cell = [&](std::optional<size_t> c) -> std::string {
            return c && *c < row.size() ? std::string(trim(row[*c])) : std::string();
        };
        bool blank = true;
        for (const auto& v : row) blank = blank && trim(v).empty();
        if (blank) continue;
        Entry e;
        e.kind = EntryKind::Cpd;
        e.title = cell(cTitle);
        if (e.title.empty()) {
            report.skipped.push_back(where + ": no title");
            continue;
        }
        auto date = parseFlexibleDate(cell(cDate));
        if (!date) {
            report.skipped.push_back(where + " \"" + e.title + "\": \"" + cell(cDate) +
                                     "\" is not a date");
            continue;
        }
        e.date = *date;
        if (std::string h = cell(cHours); !h.empty()) {
            auto v = parseDuration(h);
            if (!v || *v < 0 || *v > 1000) {
                report.skipped.push_back(where + " \"" + e.title + "\": \"" + h +
                                         "\" is not a duration");
                continue;
            }
            e.fields["hours"] = formatDecimal(*v);
        }
        std::string desc = cell(cDesc);
        if (std::string prov = cell(cProvider); !prov.empty())
            desc = desc.empty() ? "Provided by " + prov + "." : desc + "\nProvided by " + prov + ".";
        if (!desc.empty()) e.fields["description"] = desc;
        e.fields["type"] = cpdType(cell(cType));
        e.id = derivedUuid("csv:" + e.title + "|" + e.date.toString() + "|" + e.field("hours"));
        e.createdMs = e.updatedMs = opt.nowMs;
        if (auto verr = validateEntry(e); !verr.empty()) {
            report.skipped.push_back(where + " \"" + e.title + "\": " + verr);
            continue;
        }
        if (!incomingIds.insert(e.id).second) {
            report.skipped.push_back(where + " \"" + e.title + "\": same as an earlier row");
            continue;
        }
        incoming.entries.push_back(std::move(e));
    }
    if (incoming.entries.empty()) {
        r.error = "No row of this CSV file could be imported" +
                  (report.skipped.empty() ? std::string(" (it has only a header).")
                                          : " (" + report.skipped.front() + ").");
        r.report = std::move(report);
        return r;
    }
    if (opt.replace) {
        Portfolio p = into;
        p.entries = std::move(incoming.entries);
        p.comments.clear();
        p.signOffs.clear();
        return finish(into, std::move(p), true, std::move(report));
    }
    // An entry imported before (same id) and since edited by the user stays as the user left it.
    std::unordered_set<std::string_view> intoIds;
    intoIds.reserve(into.entries.size());
    for (const auto& e : into.entries) intoIds.insert(e.id);
    std::vector<Entry> fresh;
    for (auto& e : incoming.entries) {
        if (intoIds.count(e.id)) {
            ++report.unchanged;
            continue;
        }
        fresh.push_back(std::move(e));
    }
    const int32_t already = report.unchanged;
    incoming.entries = std::move(fresh);
    ImportResult out = finish(into, std::move(incoming), false, std::move(report));
    out.report.read += already;
    out.report.unchanged = already;
    return out;
}

} // namespace pathway::core
