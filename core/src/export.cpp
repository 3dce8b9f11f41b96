#include "pathway/core/export.hpp"

#include "pathway/core/confidentiality.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/text.hpp"

#include "swar.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace pathway::core {

namespace {
std::string writeJson(const Portfolio& p, const ExportContext&) { return serializePortfolio(p); }
std::string writeCsv(const Portfolio& p, const ExportContext&) { return exportCsv(p); }

constexpr ExportFormatSpec kExportFormats[] = {
    {ExportFormat::Html, "html", "Portfolio to print or send",
     "A web page with every entry, the framework mapping, comments and sign-offs. Prints with "
     "page breaks between sections.",
     "html", "text/html", true, exportHtml},
    {ExportFormat::Swe, "swe", "Text for the regulator's CPD form",
     "Each piece of CPD as text to paste into your Social Work England online account.", "txt",
     "text/plain", true, exportSweText},
    {ExportFormat::Moderation, "moderation", "Anonymised moderation pack",
     "The portfolio page with names, numbers and other identifying details removed, for an "
     "academy's moderation panel.",
     "html", "text/html", false, exportModerationPack},
    {ExportFormat::Csv, "csv", "Spreadsheet (CSV)", "One row per entry, for a spreadsheet.", "csv",
     "text/csv", true, writeCsv},
    {ExportFormat::Leap2a, "leap2a", "Move to another e-portfolio (LEAP2A)",
     "A LEAP2A feed that e-portfolios such as Mahara import, with dates and framework mapping.",
     "xml", "application/atom+xml", true, exportLeap2a},
    {ExportFormat::Ics, "ics", "Review dates for your calendar (ICS)",
     "ASYE review due dates and the registration renewal deadline.", "ics", "text/calendar",
     false, exportIcs},
    {ExportFormat::Json, "json", "Full backup (JSON)",
     "Everything in your portfolio, to keep safe or to move Pathway to another device.", "json",
     "application/json", true, writeJson},
};
constexpr bool exportFormatsInOrder() {
    for (size_t i = 0; i < std::size(kExportFormats); ++i)
        if (kExportFormats[i].format != static_cast<ExportFormat>(i)) return false;
    return true;
}
static_assert(std::size(kExportFormats) == static_cast<size_t>(ExportFormat::Json) + 1 &&
                  exportFormatsInOrder(),
              "one row in kExportFormats per ExportFormat, in its order");
} // namespace

std::span<const ExportFormatSpec> exportFormats() { return kExportFormats; }
const ExportFormatSpec& exportFormatSpec(ExportFormat f) {
    return kExportFormats[static_cast<size_t>(f)];
}

std::optional<ExportFormat> parseExportFormat(std::string_view id) {
    for (const auto& f : kExportFormats)
        if (f.id == id) return f.format;
    return std::nullopt;
}

std::string_view exportFormatId(ExportFormat f) { return exportFormatSpec(f).id; }

std::string exportFormatIdList(std::string_view separator, std::string_view last) {
    std::string out;
    for (size_t i = 0; i < std::size(kExportFormats); ++i) {
        if (i) out += i + 1 == std::size(kExportFormats) ? last : separator;
        out += kExportFormats[i].id;
    }
    return out;
}

std::string exportPortfolio(const Portfolio& p, ExportFormat f, const ExportContext& ctx) {
    return exportFormatSpec(f).write(p, ctx);
}

void appendHtmlEscaped(std::string& out, std::string_view t) {
    // Plain text is copied in runs found eight bytes at a time (issue 7: exports are mostly
    // long free text with nothing to escape).
    const char* p = t.data();
    const size_t n = t.size();
    size_t run = 0, i = 0;
    while (i < n) {
        while (i + 8 <= n) {
            const uint64_t w = swar::load(p + i);
            if (swar::eq(w, '&') | swar::eq(w, '<') | swar::eq(w, '>') | swar::eq(w, '"') |
                swar::eq(w, '\'') | swar::eq(w, 0))
                break;
            i += 8;
        }
        if (i >= n) break;
        const char* entity = nullptr;
        switch (p[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        case '\0': entity = "\xEF\xBF\xBD"; break;
        default: ++i; continue;
        }
        out.append(p + run, i - run);
        out += entity;
        run = ++i;
    }
    out.append(p + run, n - run);
}

std::string htmlEscape(std::string_view t) {
    std::string out;
    out.reserve(t.size() + t.size() / 8);
    appendHtmlEscaped(out, t);
    return out;
}

namespace {

/// The label of a field: the kind's own label, or the reflective model's stage name.
std::string fieldLabel(const Catalog& catalog, const Entry& e, const std::string& key) {
    for (const auto& f : kindSpec(e.kind).fields)
        if (f.key == key) return std::string(f.label);
    if (auto dot = key.find('.'); dot != std::string::npos) {
        if (const auto* m = catalog.reflectiveModel(std::string_view(key).substr(0, dot)))
            if (const auto* s = m->stage(key)) return m->name + ": " + s->name;
    }
    return key;
}

/// A choice field's label ("course" -> "Course or training"), else the value.
std::string_view fieldValueView(const Catalog& catalog, const Entry& e, const std::string& key,
                                const std::string& value) {
    if (const FieldSpec* f = findField(e.kind, key)) {
        if (f->choicesFromModels) {
            const ReflectiveModel* m = catalog.reflectiveModel(value);
            return m ? std::string_view(m->name) : std::string_view(value);
        }
        for (const auto& c : f->choices)
            if (c.id == value) return c.label;
        if (f->type == FieldType::Flag) return value.empty() ? "No" : "Yes";
    }
    return value;
}
std::string fieldValue(const Catalog& catalog, const Entry& e, const std::string& key,
                       const std::string& value) {
    return std::string(fieldValueView(catalog, e, key, value));
}

using FieldRef = std::pair<const std::string*, const std::string*>; ///< key, value

/// Fields in the kind's order first, then the rest (reflection stages) by key.
void orderedFields(const Entry& e, std::vector<FieldRef>& out) {
    out.clear();
    const auto& spec = kindSpec(e.kind).fields;
    for (const auto& f : spec) {
        auto it = e.fields.find(std::string(f.key));
        if (it != e.fields.end() && !trim(it->second).empty())
            out.emplace_back(&it->first, &it->second);
    }
    const size_t known = out.size();
    for (const auto& [k, v] : e.fields) {
        if (trim(v).empty()) continue;
        bool seen = false;
        for (size_t i = 0; i < known && !seen; ++i) seen = *out[i].first == k;
        if (!seen) out.emplace_back(&k, &v);
    }
}

/// Catalog::findItem sorts framework versions on every call; exports ask once per tag.
class TagTitles {
  public:
    explicit TagTitles(const Catalog& catalog) : m_catalog(catalog) {}
    const std::string& operator()(const std::string& tag) {
        auto it = m_titles.find(tag);
        if (it == m_titles.end()) {
            const FrameworkItem* item = m_catalog.findItem(tag);
            it = m_titles.emplace(tag, item ? item->title : std::string()).first;
        }
        return it->second;
    }

  private:
    const Catalog& m_catalog;
    std::unordered_map<std::string, std::string> m_titles;
};

constexpr const char* kCss = R"CSS(
body{color:#1d2430;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.3em;border-bottom:2px solid #2b5aa0;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.1em;margin:.2em 0}.meta{color:#566;font-size:.9em}
.entry{border:1px solid #ccd;border-radius:6px;padding:.8em 1em;margin:1em 0;break-inside:avoid;page-break-inside:avoid}
dl{margin:.5em 0}dt{font-weight:600;margin-top:.5em}dd{margin:0 0 0 1em;white-space:pre-wrap}
.tag{display:inline-block;background:#e8eef8;border-radius:3px;padding:0 .4em;margin:.1em .2em .1em 0;font-size:.85em}
.signoff{padding:.3em .6em;border-radius:4px;margin:.3em 0;font-size:.9em}.trust{font-weight:600;white-space:nowrap}.trust.authentic{color:#1a7f37}
.current{background:#e3f4e6;border-left:4px solid #2e7d32}.stale,.altered,.missing,.malformed{background:#fdecea;border-left:4px solid #c62828}
.comment{border-left:3px solid #889;padding-left:.6em;margin:.4em 0;white-space:pre-wrap}
dd,.comment,h3,.meta{unicode-bidi:plaintext}.request{border-left-color:#e08a00}
table{border-collapse:collapse;width:100%;font-size:.9em}.sa td{width:24%;overflow-wrap:anywhere}.sa td:first-child{width:28%}th,td{border:1px solid #ccd;padding:.3em .5em;text-align:left;vertical-align:top}
.section{break-before:page;page-break-before:always}.nobreak{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}a{color:inherit}}
)CSS";

struct HtmlOptions {
    std::string heading;
    std::string notice;              ///< shown under the heading (moderation)
    const Portfolio* verify = nullptr; ///< compute sign-off states on this portfolio (same order)
};

// The ASYE section: who supervises and assesses, the development plan at each review and the
// self-assessment's three points side by side. Nothing when the portfolio has no ASYE.
void renderAsye(std::string& h, const Portfolio& p, const ExportContext& ctx) {
    const Status st = computeStatus(p, ctx.catalog, ctx.today);
    if (!st.asye) return;
    const AsyeStatus& a = *st.asye;
    auto esc = [&h](std::string_view t) { appendHtmlEscaped(h, t); };
    h += "<section class=\"section\">\n<h2>ASYE</h2>\n<p class=\"meta\">";
    esc(a.programme);
    h += ": ";
    h += a.start.toString();
    h += " to ";
    h += a.end.toString();
    h += "</p>\n<h3>Supervisor and assessor</h3>\n";
    if (a.record.people.empty()) {
        h += "<p>No supervisor or assessor recorded.</p>\n";
    } else {
        h += "<ul class=\"people\">\n";
        for (const auto& person : a.record.people) {
            h += "<li>";
            h += person.role == AsyeRole::Supervisor ? "Supervisor: " : "Assessor: ";
            esc(person.name);
            h += person.registeredSocialWorker ? " (registered social worker)" : " (not recorded as a registered social worker)";
            h += "</li>\n";
        }
        h += "</ul>\n";
    }

    h += "<h3>Development plan</h3>\n";
    const DevelopmentPlan& plan = a.plan;
    auto goalItem = [&](const PlanGoal& g) {
        h += "<li><strong>";
        esc(g.title);
        h += "</strong> &middot; ";
        esc(g.status.empty() ? std::string("No status") : ctx.catalog.choiceLabel(EntryKind::Goal, field::kStatus, g.status));
        if (g.target) {
            h += " &middot; target ";
            h += g.target->toString();
        }
        if (g.overdue) h += " <strong>(target passed)</strong>";
        if (!g.evidence.empty()) {
            h += "<br><span class=\"meta\">Evidence: ";
            for (size_t i = 0; i < g.evidence.size(); ++i) {
                if (i) h += "; ";
                const PlanEvidence& ev = g.evidence[i];
                if (ev.missing) {
                    h += "an entry no longer in the portfolio";
                    continue;
                }
                esc(ev.title);
                h += " (";
                h += ev.date.toString();
                h += ")";
            }
            h += "</span>";
        }
        h += "</li>\n";
    };
    if (plan.goals() == 0) h += "<p>No development goals recorded.</p>\n";
    for (const auto& period : plan.periods) {
        if (period.goals.empty()) continue;
        h += "<p class=\"nobreak\"><strong>For the ";
        esc(period.review.name);
        h += "</strong>";
        if (period.review.due) {
            h += " (due ";
            h += period.review.due->toString();
            h += ")";
        }
        h += "</p>\n<ul>\n";
        for (const auto& g : period.goals) goalItem(g);
        h += "</ul>\n";
    }
    if (!plan.unassigned.empty()) {
        h += "<p><strong>Not linked to a review of this programme</strong></p>\n<ul>\n";
        for (const auto& g : plan.unassigned) goalItem(g);
        h += "</ul>\n";
    }

    const SelfAssessmentView& sa = a.selfAssessment;
    h += "<h3>Self-assessment</h3>\n";
    for (const auto& n : sa.notices) {
        h += "<p class=\"meta\">";
        esc(n);
        h += "</p>\n";
    }
    if (sa.framework.empty()) {
        h += "</section>\n";
        return;
    }
    h += "<p class=\"meta\">Against ";
    esc(sa.title);
    h += " (";
    esc(sa.version);
    h += "). Scale (Pathway's own): ";
    for (const auto& l : selfRatingScale()) {
        if (l.value > 1) h += "; ";
        h += std::to_string(l.value);
        h += ' ';
        esc(l.label);
        h += " (";
        esc(l.meaning);
        h += ")";
    }
    h += ".</p>\n<table class=\"sa\"><thead><tr><th>Standard</th>";
    for (auto pt : kSelfAssessmentPoints) {
        h += "<th>";
        esc(selfAssessmentPointLabel(pt));
        h += "</th>";
    }
    h += "</tr></thead><tbody>\n";
    for (const auto& row : sa.rows) {
        h += "<tr><td>";
        esc(row.itemId);
        h += ' ';
        esc(row.title);
        h += "</td>";
        for (const auto& cell : row.at) {
            h += "<td>";
            if (!cell.rating) {
                h += "&mdash;";
            } else {
                const SelfRating& r = *cell.rating;
                h += "<strong>";
                h += std::to_string(r.rating);
                h += ' ';
                esc(selfRatingLabel(r.rating));
                h += "</strong> <span class=\"meta\">";
                h += r.date.toString();
                h += "</span>";
                if (!r.comment.empty()) {
                    h += "<br>";
                    esc(r.comment);
                }
                if (cell.others > 0) {
                    h += "<br><span class=\"meta\">";
                    h += std::to_string(cell.others);
                    h += cell.others == 1 ? " other rating" : " other ratings";
                    h += " kept (rated in two places); the latest is shown</span>";
                }
            }
            h += "</td>";
        }
        h += "</tr>\n";
    }
    h += "</tbody></table>\n";
    if (!sa.elsewhere.empty()) {
        h += "<p class=\"meta\">Ratings against other standards: ";
        for (size_t i = 0; i < sa.elsewhere.size(); ++i) {
            const SelfRating& r = sa.elsewhere[i];
            if (i) h += "; ";
            esc(r.item);
            h += ' ';
            esc(selfAssessmentPointLabel(r.point));
            h += ' ';
            h += std::to_string(r.rating);
            h += " (";
            h += r.date.toString();
            h += ")";
        }
        h += "</p>\n";
    }
    h += "</section>\n";
}

// Built by appending to one reserved string: std::ostringstream (its locale and virtual
// calls) made this export miss its aim natively and cost 4 to 7 times native under wasm.
std::string renderHtml(const Portfolio& p, const ExportContext& ctx, const HtmlOptions& opt) {
    const Catalog& cat = ctx.catalog;
    std::string h;
    {
        size_t estimate = 16384;
        for (const auto& e : p.entries) {
            estimate += 600 + 2 * e.title.size();
            for (const auto& [k, v] : e.fields)
                estimate += 40 + k.size() + v.size() + v.size() / 16;
        }
        h.reserve(estimate);
    }
    auto esc = [&h](std::string_view t) { appendHtmlEscaped(h, t); };
    auto num = [&h](auto n) { h += std::to_string(n); };
    h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>";
    esc(opt.heading + " - " + p.profile.name);
    h += "</title>\n<style>body{font-family:";
    h += kHtmlFontStack;
    h += "}";
    h += kCss;
    h += "</style>\n</head>\n<body>\n";
    h += "<header>\n<h1>";
    esc(opt.heading);
    h += "</h1>\n";
    h += "<p class=\"meta\">";
    esc(p.profile.name);
    h += " &middot; ";
    esc(stageLabel(p.profile.stage));
    h += " &middot; ";
    h += p.profile.setting == Setting::Adults ? "Adult social work" : "Children and families";
    if (!p.profile.registrationNumber.empty()) {
        h += " &middot; Registration ";
        esc(p.profile.registrationNumber);
    }
    if (!p.profile.employer.empty()) {
        h += " &middot; ";
        esc(p.profile.employer);
    }
    if (!p.profile.team.empty()) {
        h += " (";
        esc(p.profile.team);
        h += ")";
    }
    if (p.profile.asyeStart) {
        h += " &middot; ASYE from ";
        h += p.profile.asyeStart->toString();
    }
    h += "</p>\n<p class=\"meta\">Exported ";
    h += ctx.today.toString();
    h += ". ";
    num(p.entries.size());
    h += " entries, ";
    num(p.signOffs.size());
    h += " sign-offs, ";
    num(p.comments.size());
    h += " comments.</p>\n";
    if (!opt.notice.empty()) {
        h += "<p><strong>";
        esc(opt.notice);
        h += "</strong></p>\n";
    }
    h += "</header>\n";

    // Sign-off states, by entry.
    const Portfolio& verifyOn = opt.verify ? *opt.verify : p;
    const EntryIndex pIndex(p), verifyIndex(verifyOn);
    std::multimap<std::string, std::pair<const SignOff*, SignOffState>> signOffs;
    for (size_t i = 0; i < p.signOffs.size(); ++i) {
        const SignOff* s = i < verifyOn.signOffs.size() ? &verifyOn.signOffs[i] : &p.signOffs[i];
        const EntryIndex& index = i < verifyOn.signOffs.size() ? verifyIndex : pIndex;
        SignOffState st = signOffStateOf(index.find(s->entryId), *s);
        signOffs.emplace(p.signOffs[i].entryId, std::make_pair(&p.signOffs[i], st));
    }
    std::multimap<std::string, const Comment*> comments;
    for (const auto& c : p.comments) comments.emplace(c.entryId, &c);
    TagTitles tagTitle(cat);
    // Who signed each comment and sign-off (signing.hpp), checked on the original (a
    // moderation pack's names are replaced); rosters are those kept in the portfolio.
    const std::vector<ReviewCheck> trust = checkReviews(verifyOn, {});
    std::unordered_map<const void*, const ReviewCheck*> trustOf;
    for (size_t i = 0; i < trust.size(); ++i) {
        const bool isComment = i < verifyOn.comments.size();
        const size_t j = isComment ? i : i - verifyOn.comments.size();
        if (isComment && j < p.comments.size()) trustOf.emplace(&p.comments[j], &trust[i]);
        if (!isComment && j < p.signOffs.size()) trustOf.emplace(&p.signOffs[j], &trust[i]);
    }
    auto trustNote = [&](const void* item) {
        auto it = trustOf.find(item);
        if (it == trustOf.end()) return;
        const ReviewCheck& c = *it->second;
        h += " <span class=\"trust ";
        h += trustStateId(c.state);
        h += "\">Signature: ";
        // Content states (stale, altered...) are said by the sign-off line already.
        const bool content = c.state == TrustState::Stale || c.state == TrustState::Altered ||
                             c.state == TrustState::Missing || c.state == TrustState::Malformed;
        h += content ? (c.fingerprint.empty() ? "Unsigned" : "Signed") : trustStateLabel(c.state);
        if (c.state == TrustState::Authentic) {
            h += " (";
            esc(c.academy);
            h += "'s roster)";
        }
        if (!c.fingerprint.empty()) {
            h += ", key ";
            esc(c.fingerprint);
        }
        h += "</span>";
    };

    std::vector<const Entry*> entries;
    entries.reserve(p.entries.size());
    for (const auto& e : p.entries) entries.push_back(&e);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry* a, const Entry* b) { return a->date < b->date; });

    renderAsye(h, p, ctx);

    h += "<section class=\"section\">\n<h2>Evidence</h2>\n";
    if (entries.empty()) h += "<p>No entries yet.</p>\n";
    std::vector<FieldRef> fields;
    for (const Entry* e : entries) {
        h += "<article class=\"entry\" id=\"e-";
        esc(e->id);
        h += "\">\n<h3>";
        esc(e->title);
        h += "</h3>\n<p class=\"meta\">";
        esc(kindLabel(e->kind));
        h += " &middot; ";
        h += e->date.toString();
        h += "</p>\n<dl>\n";
        orderedFields(*e, fields);
        for (const auto& [k, v] : fields) {
            h += "<dt>";
            esc(fieldLabel(cat, *e, *k));
            h += "</dt><dd>";
            esc(fieldValueView(cat, *e, *k, *v));
            h += "</dd>\n";
        }
        h += "</dl>\n";
        if (!e->tags.empty()) {
            h += "<p>Mapped to: ";
            for (const auto& t : e->tags) {
                const std::string& title = tagTitle(t);
                h += "<span class=\"tag\">";
                esc(t);
                if (!title.empty()) {
                    h += ' ';
                    esc(title);
                }
                h += "</span>";
            }
            h += "</p>\n";
        }
        if (!e->attachments.empty()) {
            h += "<p>Attachments: ";
            for (size_t i = 0; i < e->attachments.size(); ++i) {
                if (i) h += "; ";
                esc(e->attachments[i].name);
                if (!e->attachments[i].ref.empty()) {
                    h += " (";
                    esc(e->attachments[i].ref);
                    h += ")";
                }
            }
            h += "</p>\n";
        }
        if (!e->links.empty()) {
            h += "<p>Related: ";
            for (size_t i = 0; i < e->links.size(); ++i) {
                const Entry* l = pIndex.find(e->links[i]);
                if (i) h += "; ";
                esc(l ? l->title : e->links[i]);
            }
            h += "</p>\n";
        }
        auto [ca, cb] = comments.equal_range(e->id);
        for (auto it = ca; it != cb; ++it) {
            const Comment& c = *it->second;
            h += "<div class=\"comment";
            if (c.requestsEvidence) h += " request";
            h += "\"><strong>";
            esc(c.author);
            if (!c.role.empty()) {
                h += " (";
                esc(c.role);
                h += ")";
            }
            h += "</strong>";
            if (c.atMs) {
                h += " <span class=\"meta\">";
                h += formatTimestamp(c.atMs).substr(0, 10);
                h += "</span>";
            }
            if (c.requestsEvidence) h += " asks for more evidence";
            if (!c.outcome.empty()) {
                h += " recorded the outcome <em>";
                esc(c.outcome);
                h += "</em>";
            }
            if (!c.text.empty()) h += ":\n";
            esc(c.text);
            trustNote(&c);
            h += "</div>\n";
        }
        auto [sa, sb] = signOffs.equal_range(e->id);
        for (auto it = sa; it != sb; ++it) {
            const SignOff& s = *it->second.first;
            const SignOffState st = it->second.second;
            h += "<div class=\"signoff ";
            h += signOffStateId(st);
            h += "\">Signed off by ";
            esc(s.reviewer);
            if (!s.role.empty()) {
                h += " (";
                esc(s.role);
                h += ")";
            }
            if (s.atMs) {
                h += " on ";
                h += formatTimestamp(s.atMs).substr(0, 10);
            }
            switch (st) {
            case SignOffState::Current: h += ": unchanged since signed"; break;
            case SignOffState::Stale: h += ": <strong>STALE</strong>, the entry was edited after it was signed"; break;
            default: h += ": <strong>NOT VALID</strong>, the signed content does not match"; break;
            }
            h += " <span class=\"meta\">SHA-256 ";
            esc(std::string_view(s.contentHash).substr(0, 16));
            h += "&hellip;</span>";
            trustNote(&s);
            h += "</div>\n";
        }
        h += "</article>\n";
    }
    h += "</section>\n";

    // Framework mapping: every item of the frameworks for the profile's setting in force today.
    h += "<section class=\"section\">\n<h2>Framework mapping</h2>\n";
    std::unordered_map<std::string_view, std::vector<const Entry*>> byTag;
    for (const Entry* e : entries)
        for (const auto& t : e->tags) byTag[t].push_back(e);
    for (const Framework* f : cat.frameworksFor(p.profile.setting, ctx.today)) {
        h += "<div class=\"nobreak\"><h3>";
        esc(f->title);
        h += " (";
        esc(f->version);
        h += ")</h3>\n<table><thead><tr><th>Item</th><th>Evidence</th></tr></thead><tbody>\n";
        for (const auto& item : f->items) {
            const std::string tag = f->tag(item);
            h += "<tr><td>";
            esc(item.id);
            h += ' ';
            esc(item.title);
            h += "</td><td>";
            auto it = byTag.find(tag);
            if (it == byTag.end()) {
                h += "&mdash;";
            } else {
                for (size_t i = 0; i < it->second.size(); ++i) {
                    if (i) h += "<br>";
                    esc(it->second[i]->title);
                    h += " (";
                    h += it->second[i]->date.toString();
                    h += ")";
                }
            }
            h += "</td></tr>\n";
        }
        h += "</tbody></table></div>\n";
    }
    h += "</section>\n</body>\n</html>\n";
    return h;
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
    size_t estimate = 4096;
    for (const auto& e : p.entries) {
        estimate += 300 + e.title.size();
        for (const auto& [k, v] : e.fields) {
            estimate += v.size() + 4;
            if (!trim(v).empty()) keys.insert(k);
        }
    }
    std::vector<std::string> header = {"id", "kind", "date", "title", "tags", "links",
                                       "attachments", "created", "updated", "sign_off", "comments"};
    for (const auto& k : keys) header.push_back(k);
    std::string out;
    out.reserve(estimate);
    appendCsvRow(out, header);
    std::vector<const Entry*> entries;
    entries.reserve(p.entries.size());
    for (const auto& e : p.entries) entries.push_back(&e);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry* a, const Entry* b) { return a->date < b->date; });
    // Sign-off state and comment count per entry, in one pass each rather than one per entry.
    std::unordered_map<std::string_view, std::string_view> signOffOf;
    const EntryIndex index(p);
    for (const auto& s : p.signOffs) {
        const SignOffState st = signOffStateOf(index.find(s.entryId), s);
        auto [it, fresh] = signOffOf.emplace(s.entryId, signOffStateId(st));
        if (!fresh && st == SignOffState::Current) it->second = signOffStateId(st);
    }
    std::unordered_map<std::string_view, int32_t> commentsOf;
    for (const auto& c : p.comments) ++commentsOf[c.entryId];
    std::string cell;
    auto joined = [&](const std::vector<std::string>& v) {
        cell.clear();
        for (size_t i = 0; i < v.size(); ++i) {
            if (i) cell += ';';
            cell += v[i];
        }
        appendCsvField(out, cell);
    };
    for (const Entry* e : entries) {
        appendCsvField(out, e->id);
        out += ',';
        appendCsvField(out, kindId(e->kind));
        out += ',';
        appendCsvField(out, e->date.toString());
        out += ',';
        appendCsvField(out, e->title);
        out += ',';
        joined(e->tags);
        out += ',';
        joined(e->links);
        out += ',';
        cell.clear();
        for (size_t i = 0; i < e->attachments.size(); ++i) {
            if (i) cell += ';';
            cell += e->attachments[i].name;
        }
        appendCsvField(out, cell);
        out += ',';
        if (e->createdMs) appendCsvField(out, formatTimestamp(e->createdMs));
        out += ',';
        if (e->updatedMs) appendCsvField(out, formatTimestamp(e->updatedMs));
        out += ',';
        auto so = signOffOf.find(e->id);
        appendCsvField(out, so == signOffOf.end() ? std::string_view("none") : so->second);
        out += ',';
        auto nc = commentsOf.find(e->id);
        appendCsvField(out, std::to_string(nc == commentsOf.end() ? 0 : nc->second));
        // Both sorted by key: walk them together.
        auto f = e->fields.begin();
        for (const auto& k : keys) {
            out += ',';
            while (f != e->fields.end() && f->first < k) ++f;
            if (f != e->fields.end() && f->first == k) appendCsvField(out, f->second);
        }
        out += "\r\n";
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
        line("Type of CPD", fieldValue(ctx.catalog, *e, "type", f(field::kCpdType)));
        line("Date", e->date.toString());
        line("Description and why it is relevant", f(field::kDescription));
        line("What did you learn", f(field::kLearned));
        line("How has it had a positive impact on your practice and the people you work with",
             f(field::kImpact));
        if (!f(field::kPeerLearned).empty() || !f(field::kPeerRole).empty()) {
            line("Peer reflection: who with", fieldValue(ctx.catalog, *e, "peer_role", f(field::kPeerRole)));
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
