#include "pathway/core/export.hpp"

#include "pathway/core/confidentiality.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace pathway::core {

std::optional<ExportFormat> parseExportFormat(std::string_view id) {
    for (auto f : {ExportFormat::Html, ExportFormat::Moderation, ExportFormat::Csv, ExportFormat::Json,
                   ExportFormat::Leap2a, ExportFormat::Ics, ExportFormat::Swe})
        if (exportFormatId(f) == id) return f;
    return std::nullopt;
}

std::string_view exportFormatId(ExportFormat f) {
    switch (f) {
    case ExportFormat::Html: return "html";
    case ExportFormat::Moderation: return "moderation";
    case ExportFormat::Csv: return "csv";
    case ExportFormat::Json: return "json";
    case ExportFormat::Leap2a: return "leap2a";
    case ExportFormat::Ics: return "ics";
    case ExportFormat::Swe: return "swe";
    }
    return "html";
}

std::string exportPortfolio(const Portfolio& p, ExportFormat f, const ExportContext& ctx) {
    switch (f) {
    case ExportFormat::Html: return exportHtml(p, ctx);
    case ExportFormat::Moderation: return exportModerationPack(p, ctx);
    case ExportFormat::Csv: return exportCsv(p);
    case ExportFormat::Json: return serializePortfolio(p);
    case ExportFormat::Leap2a: return exportLeap2a(p, ctx);
    case ExportFormat::Ics: return exportIcs(p, ctx);
    case ExportFormat::Swe: return exportSweText(p, ctx);
    }
    return {};
}

std::string htmlEscape(std::string_view t) {
    std::string out;
    out.reserve(t.size() + t.size() / 8);
    for (char c : t) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\0': out += "\xEF\xBF\xBD"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

namespace {

/// The label of a field: the kind's own label, or the reflective model's stage name.
std::string fieldLabel(const Catalog& catalog, const Entry& e, const std::string& key) {
    for (const auto& f : kindSpec(e.kind).fields)
        if (f.key == key) return std::string(f.label);
    if (auto dot = key.find('.'); dot != std::string::npos) {
        if (const auto* m = catalog.reflectiveModel(key.substr(0, dot)))
            if (const auto* s = m->stage(key)) return m->name + ": " + s->name;
    }
    return key;
}

/// A choice field's label ("course" -> "Course or training"), else the value.
std::string fieldValue(const Entry& e, const std::string& key, const std::string& value) {
    if (const FieldSpec* f = findField(e.kind, key)) {
        for (const auto& c : f->choices)
            if (c.id == value) return std::string(c.label);
        if (f->type == FieldType::Flag) return value.empty() ? "No" : "Yes";
    }
    return value;
}

/// Fields in the kind's order first, then the rest (reflection stages) by key.
std::vector<std::pair<std::string, std::string>> orderedFields(const Entry& e) {
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> seen;
    for (const auto& f : kindSpec(e.kind).fields) {
        auto it = e.fields.find(std::string(f.key));
        if (it != e.fields.end() && !trim(it->second).empty()) {
            out.emplace_back(it->first, it->second);
            seen.insert(it->first);
        }
    }
    for (const auto& [k, v] : e.fields)
        if (!seen.count(k) && !trim(v).empty()) out.emplace_back(k, v);
    return out;
}

std::string tagTitle(const Catalog& catalog, const std::string& tag) {
    if (const FrameworkItem* item = catalog.findItem(tag)) return item->title;
    return {};
}

constexpr const char* kCss = R"CSS(
body{font-family:Inter,"Helvetica Neue",Arial,sans-serif;color:#1d2430;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.3em;border-bottom:2px solid #2b5aa0;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.1em;margin:.2em 0}.meta{color:#566;font-size:.9em}
.entry{border:1px solid #ccd;border-radius:6px;padding:.8em 1em;margin:1em 0;break-inside:avoid;page-break-inside:avoid}
dl{margin:.5em 0}dt{font-weight:600;margin-top:.5em}dd{margin:0 0 0 1em;white-space:pre-wrap}
.tag{display:inline-block;background:#e8eef8;border-radius:3px;padding:0 .4em;margin:.1em .2em .1em 0;font-size:.85em}
.signoff{padding:.3em .6em;border-radius:4px;margin:.3em 0;font-size:.9em}
.current{background:#e3f4e6;border-left:4px solid #2e7d32}.stale,.altered,.missing,.malformed{background:#fdecea;border-left:4px solid #c62828}
.comment{border-left:3px solid #889;padding-left:.6em;margin:.4em 0;white-space:pre-wrap}.request{border-left-color:#e08a00}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #ccd;padding:.3em .5em;text-align:left;vertical-align:top}
.section{break-before:page;page-break-before:always}.nobreak{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}a{color:inherit}}
)CSS";

struct HtmlOptions {
    std::string heading;
    std::string notice;              ///< shown under the heading (moderation)
    const Portfolio* verify = nullptr; ///< compute sign-off states on this portfolio (same order)
};

std::string renderHtml(const Portfolio& p, const ExportContext& ctx, const HtmlOptions& opt) {
    const Catalog& cat = ctx.catalog;
    std::ostringstream h;
    auto esc = [](std::string_view s) { return htmlEscape(s); };
    h << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << esc(opt.heading + " - " + p.profile.name) << "</title>\n<style>" << kCss
      << "</style>\n</head>\n<body>\n";
    h << "<header>\n<h1>" << esc(opt.heading) << "</h1>\n";
    h << "<p class=\"meta\">" << esc(p.profile.name) << " &middot; "
      << esc(stageLabel(p.profile.stage)) << " &middot; "
      << (p.profile.setting == Setting::Adults ? "Adult social work" : "Children and families");
    if (!p.profile.registrationNumber.empty())
        h << " &middot; Registration " << esc(p.profile.registrationNumber);
    if (!p.profile.employer.empty()) h << " &middot; " << esc(p.profile.employer);
    if (!p.profile.team.empty()) h << " (" << esc(p.profile.team) << ")";
    if (p.profile.asyeStart) h << " &middot; ASYE from " << p.profile.asyeStart->toString();
    h << "</p>\n<p class=\"meta\">Exported " << ctx.today.toString() << ". " << p.entries.size()
      << " entries, " << p.signOffs.size() << " sign-offs, " << p.comments.size()
      << " comments.</p>\n";
    if (!opt.notice.empty()) h << "<p><strong>" << esc(opt.notice) << "</strong></p>\n";
    h << "</header>\n";

    // Sign-off states, by entry.
    const Portfolio& verifyOn = opt.verify ? *opt.verify : p;
    std::multimap<std::string, std::pair<const SignOff*, SignOffState>> signOffs;
    for (size_t i = 0; i < p.signOffs.size(); ++i) {
        SignOffState st = i < verifyOn.signOffs.size() ? signOffState(verifyOn, verifyOn.signOffs[i])
                                                       : signOffState(p, p.signOffs[i]);
        signOffs.emplace(p.signOffs[i].entryId, std::make_pair(&p.signOffs[i], st));
    }
    std::multimap<std::string, const Comment*> comments;
    for (const auto& c : p.comments) comments.emplace(c.entryId, &c);

    std::vector<const Entry*> entries;
    for (const auto& e : p.entries) entries.push_back(&e);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry* a, const Entry* b) { return a->date < b->date; });

    h << "<section class=\"section\">\n<h2>Evidence</h2>\n";
    if (entries.empty()) h << "<p>No entries yet.</p>\n";
    for (const Entry* e : entries) {
        h << "<article class=\"entry\" id=\"e-" << esc(e->id) << "\">\n<h3>" << esc(e->title)
          << "</h3>\n<p class=\"meta\">" << esc(kindLabel(e->kind)) << " &middot; "
          << e->date.toString() << "</p>\n<dl>\n";
        for (const auto& [k, v] : orderedFields(*e))
            h << "<dt>" << esc(fieldLabel(cat, *e, k)) << "</dt><dd>" << esc(fieldValue(*e, k, v))
              << "</dd>\n";
        h << "</dl>\n";
        if (!e->tags.empty()) {
            h << "<p>Mapped to: ";
            for (const auto& t : e->tags) {
                std::string title = tagTitle(cat, t);
                h << "<span class=\"tag\">" << esc(t) << (title.empty() ? "" : " " + esc(title))
                  << "</span>";
            }
            h << "</p>\n";
        }
        if (!e->attachments.empty()) {
            h << "<p>Attachments: ";
            for (size_t i = 0; i < e->attachments.size(); ++i)
                h << (i ? "; " : "") << esc(e->attachments[i].name)
                  << (e->attachments[i].ref.empty() ? "" : " (" + esc(e->attachments[i].ref) + ")");
            h << "</p>\n";
        }
        if (!e->links.empty()) {
            h << "<p>Related: ";
            for (size_t i = 0; i < e->links.size(); ++i) {
                const Entry* l = p.find(e->links[i]);
                h << (i ? "; " : "") << esc(l ? l->title : e->links[i]);
            }
            h << "</p>\n";
        }
        auto [ca, cb] = comments.equal_range(e->id);
        for (auto it = ca; it != cb; ++it) {
            const Comment& c = *it->second;
            h << "<div class=\"comment" << (c.requestsEvidence ? " request" : "") << "\"><strong>"
              << esc(c.author) << (c.role.empty() ? "" : " (" + esc(c.role) + ")") << "</strong>";
            if (c.atMs) h << " <span class=\"meta\">" << formatTimestamp(c.atMs).substr(0, 10) << "</span>";
            if (c.requestsEvidence) h << " asks for more evidence";
            if (!c.outcome.empty()) h << " recorded the outcome <em>" << esc(c.outcome) << "</em>";
            h << (c.text.empty() ? "" : ":\n") << esc(c.text) << "</div>\n";
        }
        auto [sa, sb] = signOffs.equal_range(e->id);
        for (auto it = sa; it != sb; ++it) {
            const SignOff& s = *it->second.first;
            const SignOffState st = it->second.second;
            h << "<div class=\"signoff " << signOffStateId(st) << "\">Signed off by "
              << esc(s.reviewer) << (s.role.empty() ? "" : " (" + esc(s.role) + ")");
            if (s.atMs) h << " on " << formatTimestamp(s.atMs).substr(0, 10);
            switch (st) {
            case SignOffState::Current: h << ": unchanged since signed"; break;
            case SignOffState::Stale: h << ": <strong>STALE</strong>, the entry was edited after it was signed"; break;
            default: h << ": <strong>NOT VALID</strong>, the signed content does not match"; break;
            }
            h << " <span class=\"meta\">SHA-256 " << esc(s.contentHash.substr(0, 16)) << "&hellip;</span></div>\n";
        }
        h << "</article>\n";
    }
    h << "</section>\n";

    // Framework mapping: every item of the frameworks for the profile's setting in force today.
    h << "<section class=\"section\">\n<h2>Framework mapping</h2>\n";
    std::map<std::string, std::vector<const Entry*>> byTag;
    for (const Entry* e : entries)
        for (const auto& t : e->tags) byTag[t].push_back(e);
    for (const Framework* f : cat.frameworksFor(p.profile.setting, ctx.today)) {
        h << "<div class=\"nobreak\"><h3>" << esc(f->title) << " (" << esc(f->version)
          << ")</h3>\n<table><thead><tr><th>Item</th><th>Evidence</th></tr></thead><tbody>\n";
        for (const auto& item : f->items) {
            const std::string tag = f->tag(item);
            h << "<tr><td>" << esc(item.id) << " " << esc(item.title) << "</td><td>";
            auto it = byTag.find(tag);
            if (it == byTag.end()) {
                h << "&mdash;";
            } else {
                for (size_t i = 0; i < it->second.size(); ++i)
                    h << (i ? "<br>" : "") << esc(it->second[i]->title) << " ("
                      << it->second[i]->date.toString() << ")";
            }
            h << "</td></tr>\n";
        }
        h << "</tbody></table></div>\n";
    }
    h << "</section>\n</body>\n</html>\n";
    return h.str();
}

// --- iCalendar --------------------------------------------------------------------------------
std::string icsEscape(std::string_view t) {
    std::string out;
    for (char c : t) {
        if (c == '\\' || c == ';' || c == ',') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out.push_back(c);
        }
    }
    return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1).
std::string icsLine(const std::string& line) {
    std::string out;
    size_t col = 0;
    for (size_t i = 0; i < line.size();) {
        size_t len = 1;
        unsigned char c = static_cast<unsigned char>(line[i]);
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        if (col + len > 75) {
            out += "\r\n ";
            col = 1;
        }
        out.append(line, i, len);
        col += len;
        i += len;
    }
    return out + "\r\n";
}

std::string icsDate(Date d) {
    std::string s = d.toString();
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
}

std::string icsStamp(int64_t ms) {
    std::string s = formatTimestamp(ms); // 2026-10-02T16:20:00Z
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    s.erase(std::remove(s.begin(), s.end(), ':'), s.end());
    return s;
}

} // namespace

std::string exportHtml(const Portfolio& p, const ExportContext& ctx) {
    return renderHtml(p, ctx, {"Portfolio", "", nullptr});
}

std::string exportModerationPack(const Portfolio& p, const ExportContext& ctx) {
    Portfolio anon = anonymisePortfolio(p);
    return renderHtml(anon, ctx,
                      {"Moderation pack (anonymised)",
                       "Names, reviewers and details that could identify people have been "
                       "replaced. Sign-off states were checked on the original portfolio.",
                       &p});
}

std::string exportCsv(const Portfolio& p) {
    std::set<std::string> keys;
    for (const auto& e : p.entries)
        for (const auto& [k, v] : e.fields)
            if (!trim(v).empty()) keys.insert(k);
    std::vector<std::string> header = {"id", "kind", "date", "title", "tags", "links",
                                       "attachments", "created", "updated", "sign_off", "comments"};
    for (const auto& k : keys) header.push_back(k);
    std::string out = csvRow(header);
    std::vector<const Entry*> entries;
    for (const auto& e : p.entries) entries.push_back(&e);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry* a, const Entry* b) { return a->date < b->date; });
    for (const Entry* e : entries) {
        auto join = [](const std::vector<std::string>& v) {
            std::string s;
            for (size_t i = 0; i < v.size(); ++i) s += (i ? ";" : "") + v[i];
            return s;
        };
        std::vector<std::string> att;
        for (const auto& a : e->attachments) att.push_back(a.name);
        std::string signOff = "none";
        for (const auto& s : p.signOffs)
            if (s.entryId == e->id) {
                auto st = signOffState(p, s);
                if (signOff == "none" || st == SignOffState::Current)
                    signOff = std::string(signOffStateId(st));
            }
        int32_t nComments = 0;
        for (const auto& c : p.comments) nComments += c.entryId == e->id;
        std::vector<std::string> row = {e->id,
                                        std::string(kindId(e->kind)),
                                        e->date.toString(),
                                        e->title,
                                        join(e->tags),
                                        join(e->links),
                                        join(att),
                                        e->createdMs ? formatTimestamp(e->createdMs) : "",
                                        e->updatedMs ? formatTimestamp(e->updatedMs) : "",
                                        signOff,
                                        std::to_string(nComments)};
        for (const auto& k : keys) {
            auto it = e->fields.find(k);
            row.push_back(it == e->fields.end() ? "" : it->second);
        }
        out += csvRow(row);
    }
    return out;
}

std::string exportIcs(const Portfolio& p, const ExportContext& ctx) {
    Status st = computeStatus(p, ctx.catalog, ctx.today);
    std::string out;
    out += icsLine("BEGIN:VCALENDAR");
    out += icsLine("VERSION:2.0");
    out += icsLine("PRODID:-//Pathway//Pathway CPD tracker//EN");
    out += icsLine("CALSCALE:GREGORIAN");
    out += icsLine("X-WR-CALNAME:" + icsEscape("Pathway: " + p.profile.name));
    const std::string stamp = icsStamp(ctx.nowMs);
    auto event = [&](const std::string& uid, Date day, const std::string& summary,
                     const std::string& description) {
        out += icsLine("BEGIN:VEVENT");
        out += icsLine("UID:" + uid + "@pathway.invalid");
        out += icsLine("DTSTAMP:" + stamp);
        out += icsLine("DTSTART;VALUE=DATE:" + icsDate(day));
        out += icsLine("DTEND;VALUE=DATE:" + icsDate(day.addDays(1)));
        out += icsLine("SUMMARY:" + icsEscape(summary));
        if (!description.empty()) out += icsLine("DESCRIPTION:" + icsEscape(description));
        out += icsLine("TRANSP:TRANSPARENT");
        out += icsLine("END:VEVENT");
    };
    if (st.asye) {
        for (const auto& r : st.asye->reviews) {
            std::string desc = "ASYE " + r.name + " (rule " + st.asye->ruleVersion + ").";
            if (r.due != r.calculated)
                desc += " Calculated " + r.calculated.toString() + ", moved off the weekend.";
            if (r.doneOn) desc += " Done on " + r.doneOn->toString() + ".";
            event("asye-" + r.id + "-" + icsDate(r.due), r.due,
                  "ASYE " + r.name + (r.optional ? " (optional)" : "") +
                      (r.state == ReviewState::Done ? " - done" : " due"),
                  desc);
        }
    }
    if (st.swe) {
        const auto& y = st.swe->year;
        event("swe-renewal-opens-" + icsDate(y.renewalOpens), y.renewalOpens,
              "Social Work England renewal window opens",
              "Registration year " + y.label() + ": record at least " +
                  std::to_string(st.swe->minPieces) + " pieces of CPD, one with peer reflection.");
        event("swe-renewal-deadline-" + icsDate(y.deadline), y.deadline,
              "Social Work England renewal deadline (" + st.swe->deadlineTime + ")",
              std::string(st.swe->ready ? "CPD requirement met." : "Still missing: ") +
                  [&] {
                      std::string m;
                      for (size_t i = 0; i < st.swe->missing.size(); ++i)
                          m += (i ? "; " : "") + st.swe->missing[i];
                      return m;
                  }());
    }
    out += icsLine("END:VCALENDAR");
    return out;
}

std::string exportSweText(const Portfolio& p, const ExportContext& ctx) {
    const SweCpdRule* rule = ctx.catalog.sweCpdRule(ctx.today);
    std::vector<const Entry*> pieces;
    const EntryKind kind = rule ? rule->pieceKind : EntryKind::Cpd;
    for (const auto& e : p.entries)
        if (e.kind == kind) pieces.push_back(&e);
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const Entry* a, const Entry* b) { return a->date < b->date; });
    std::string out = "CPD for Social Work England - " + p.profile.name + "\n";
    if (rule) {
        auto y = rule->yearContaining(ctx.today);
        out += "Current registration year: " + y.label() + " (deadline " + y.deadline.toString() +
               " " + rule->deadlineTime + ")\n";
    }
    out += "Copy each block into the matching boxes of the online CPD record.\n";
    if (pieces.empty()) out += "\nNo CPD recorded yet.\n";
    std::string lastYear;
    for (const Entry* e : pieces) {
        if (rule) {
            std::string y = rule->yearContaining(e->date).label();
            if (y != lastYear) {
                out += "\n==================== Registration year " + y + " ====================\n";
                lastYear = y;
            }
        }
        auto f = [&](std::string_view key) { return std::string(trim(e->field(key))); };
        auto line = [&](const std::string& label, const std::string& value) {
            out += label + ":\n" + (value.empty() ? "(not written yet)" : value) + "\n\n";
        };
        out += "\n--- " + e->title + " (" + e->date.toString() + ") ---\n\n";
        line("Title", e->title);
        line("Type of CPD", fieldValue(*e, "type", f(field::kCpdType)));
        line("Date", e->date.toString());
        line("Description and why it is relevant", f(field::kDescription));
        line("What did you learn", f(field::kLearned));
        line("How has it had a positive impact on your practice and the people you work with",
             f(field::kImpact));
        if (!f(field::kPeerLearned).empty() || !f(field::kPeerRole).empty()) {
            line("Peer reflection: who with", fieldValue(*e, "peer_role", f(field::kPeerRole)));
            line("What did you learn from discussing it with a peer", f(field::kPeerLearned));
        }
        if (auto h = e->number(field::kHours)) out += "(Hours: " + formatDecimal(*h) + ")\n";
    }
    return out;
}

std::string exportLeap2a(const Portfolio& p, const ExportContext& ctx) {
    return writeLeap2a(p, ctx.nowMs);
}

} // namespace pathway::core
