#include "pathway/core/cohort.hpp"

#include "pathway/core/confidentiality.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <optional>
#include <utility>
#ifndef __EMSCRIPTEN__
#include <atomic>
#include <mutex>
#include <thread>
#endif
#include <unordered_map>
#include <unordered_set>

namespace pathway::core {

namespace {
/// Which ASYE evidence item (if any) an entry counts toward: the rule's kind and `where` fields.
bool countsAsEvidence(const Entry& e, const AsyeRule& rule) {
    for (const auto& ev : rule.evidence) {
        if (ev.kind != e.kind) continue;
        bool all = true;
        for (const auto& [key, value] : ev.where) {
            auto it = e.fields.find(key);
            if (it == e.fields.end() || it->second != value) {
                all = false;
                break;
            }
        }
        if (all) return true;
    }
    return false;
}
int32_t monthIndex(Date d) { return d.year * 12 + d.month - 1; }
} // namespace

CohortRow cohortRow(const CohortMember& m, const Catalog& catalog, Date today,
                    const AttentionRules& rules) {
    const Portfolio& p = m.portfolio;
    Status st = computeStatus(p, catalog, today);
    CohortRow r;
    r.source = m.source;
    r.name = p.profile.name;
    r.stage = std::string(stageId(p.profile.stage));
    r.setting = std::string(settingId(p.profile.setting));
    r.team = p.profile.team;
    if (st.swe) {
        r.renewalReady = st.swe->ready;
        r.cpdPieces = st.swe->completePieces;
        r.cpdMin = st.swe->minPieces;
        r.peerReflections = st.swe->peerReflections;
    }
    if (st.asye) {
        r.asyeEvidence = st.asye->evidence;
        for (const auto& rev : st.asye->reviews) {
            if (rev.state == ReviewState::Done) continue;
            r.nextReview = rev.name;
            r.nextReviewDue = rev.due;
            r.reviewOverdue = rev.state == ReviewState::Overdue;
            break;
        }
    }
    // Entries dated after today are plans, not activity.
    for (const auto& e : p.entries)
        if (e.date <= today && (!r.lastActivity || e.date > *r.lastActivity)) r.lastActivity = e.date;
    for (const auto& c : checkSignOffs(p)) r.signOffsNotCurrent += c.state != SignOffState::Current;
    for (const auto& c : checkReviews(p, {})) {
        r.reviewsUnsigned += c.state == TrustState::Unsigned;
        r.reviewsUnknownKey += c.state == TrustState::UnknownKey;
    }
    r.coverage = st.coverage;
    if (st.asye) {
        r.asyeStart = st.asye->start;
        r.asyeEnd = st.asye->end;
        for (const auto& e : st.asye->evidence) r.evidenceNeed += e.need;
        if (const AsyeRule* rule = catalog.asyeRuleVersion(st.asye->ruleVersion)) {
            std::map<int32_t, int32_t> months;
            for (const auto& e : p.entries)
                if (e.date <= today && countsAsEvidence(e, *rule)) ++months[monthIndex(e.date)];
            r.evidenceByMonth.assign(months.begin(), months.end());
        }
    }
    r.attention = attentionFlags(st, {r.lastActivity, r.signOffsNotCurrent}, rules);
    for (const auto& f : r.attention) r.attentionWeight += f.weight;
    return r;
}

namespace {
CohortRows loadCohort(const std::vector<CohortFile>& files, const Catalog& catalog, Date today,
                      unsigned threads, bool anonymise) {
    std::vector<std::optional<CohortRow>> rows(files.size());
    std::vector<std::string> errors(files.size());
    auto one = [&](size_t i) {
        LoadResult r = parsePortfolio(files[i].bytes);
        if (!r.ok()) {
            errors[i] = files[i].source + ": " + r.error;
            return;
        }
        if (!anonymise) {
            rows[i] = cohortRow({files[i].source, std::move(*r.portfolio)}, catalog, today);
            return;
        }
        // The moderation pack's engine; sign-offs and signatures are checked on the original
        // (as the pack does), since anonymising changes the entries' and reviewers' text.
        CohortRow row = cohortRow({"", anonymisePortfolio(*r.portfolio)}, catalog, today);
        const CohortRow original = cohortRow({"", std::move(*r.portfolio)}, catalog, today);
        row.signOffsNotCurrent = original.signOffsNotCurrent;
        row.reviewsUnsigned = original.reviewsUnsigned;
        row.reviewsUnknownKey = original.reviewsUnknownKey;
        row.attention = original.attention;
        row.attentionWeight = original.attentionWeight;
        rows[i] = std::move(row);
    };
#ifdef __EMSCRIPTEN__
    // The page and the wasm tests run without pthreads.
    (void)threads;
    for (size_t i = 0; i < files.size(); ++i) one(i);
#else
    // Loading is nearly all of a cohort's time and every file is independent (issue 7: a
    // cohort of 1,000 took 4.8 s on one core). Each thread takes the next file; each result
    // goes to the file's own slot, so the order is the files' order whatever the timing.
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<size_t>(threads, files.size()));
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (size_t i; (i = next.fetch_add(1)) < files.size();) {
            try {
                one(i);
            } catch (...) { // parsePortfolio never throws; bad_alloc and the like might
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure) failure = std::current_exception();
                next = files.size();
            }
        }
    };
    if (threads <= 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
        for (auto& t : pool) t.join();
    }
    if (failure) std::rethrow_exception(failure);
#endif
    CohortRows out;
    out.rows.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        if (rows[i]) {
            out.rows.push_back(std::move(*rows[i]));
            if (anonymise) {
                const std::string n = std::to_string(out.rows.size());
                out.rows.back().name = "Practitioner " + n;
                out.rows.back().source = "portfolio-" + n;
            }
        } else {
            // A file that did not load is named by its position, not its (identifying) name.
            out.skipped.push_back(anonymise ? "file " + std::to_string(i + 1) + ": could not be read"
                                            : std::move(errors[i]));
        }
    }
    return out;
}
} // namespace

CohortRows cohortRows(const std::vector<CohortFile>& files, const Catalog& catalog, Date today,
                      unsigned threads) {
    return loadCohort(files, catalog, today, threads, false);
}

CohortRows cohortRowsAnonymised(const std::vector<CohortFile>& files, const Catalog& catalog,
                                Date today, unsigned threads) {
    return loadCohort(files, catalog, today, threads, true);
}

namespace {
std::vector<const EvidenceStatus*> evidenceColumns(const std::vector<CohortRow>& rows) {
    std::vector<const EvidenceStatus*> cols; // first-seen order, one per id
    for (const auto& r : rows)
        for (const auto& e : r.asyeEvidence)
            if (std::none_of(cols.begin(), cols.end(), [&](auto* c) { return c->id == e.id; }))
                cols.push_back(&e);
    return cols;
}
const EvidenceStatus* evidence(const CohortRow& r, const std::string& id) {
    for (const auto& e : r.asyeEvidence)
        if (e.id == id) return &e;
    return nullptr;
}
std::string joined(const std::vector<AttentionFlag>& flags, bool ids) {
    std::string out;
    for (const auto& f : flags) {
        if (!out.empty()) out += ids ? " " : " | ";
        out += ids ? std::string(attentionKindId(f.kind)) : f.label + ": " + f.why;
    }
    return out;
}
/// Highest attention weight first, then by name; stable for equal keys.
std::vector<const CohortRow*> byRisk(const std::vector<CohortRow>& rows) {
    std::vector<const CohortRow*> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(&r);
    std::stable_sort(out.begin(), out.end(), [](const CohortRow* a, const CohortRow* b) {
        if (a->attentionWeight != b->attentionWeight) return a->attentionWeight > b->attentionWeight;
        return a->name < b->name;
    });
    return out;
}
} // namespace

namespace {
/// "6 Apr 2026": dates in the report's tables.
std::string shortDate(Date d) {
    static constexpr const char* kMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (d.month < 1 || d.month > 12) return d.toString();
    return std::to_string(d.day) + " " + kMon[d.month - 1] + " " + std::to_string(d.year);
}
} // namespace

std::string cohortStageLabel(std::string_view id) {
    if (auto s = parseStage(id)) return std::string(stageLabel(*s));
    return std::string(id);
}

std::string cohortSettingLabel(std::string_view id) {
    if (auto s = parseSetting(id))
        return *s == Setting::Adults ? "Adult social work" : "Children and families";
    return std::string(id);
}

std::string coverageShortLabel(std::string_view tag, const Catalog& catalog) {
    auto parts = splitTag(tag);
    if (!parts) return std::string(tag);
    const Framework* f = catalog.framework(parts->first);
    if (!f) return std::string(tag);
    return (f->shortTitle.empty() ? f->title : f->shortTitle) + " " + std::string(parts->second);
}

std::string coverageFullLabel(std::string_view tag, const Catalog& catalog) {
    const FrameworkItem* item = catalog.findItem(tag);
    if (!item) return std::string(tag);
    return coverageShortLabel(tag, catalog) + ": " + item->title;
}

std::string attentionSummary(const std::vector<CohortRow>& rows, const AttentionRules& rules) {
    size_t flagged = 0;
    for (const auto& r : rows) flagged += !r.attention.empty();
    const std::string total = std::to_string(rows.size());
    if (flagged == 0) return "None of " + total + " need attention";
    std::string out = std::to_string(flagged) + " of " + total +
                      (flagged == 1 ? " needs attention: " : " need attention: ");
    bool first = true;
    for (const auto& rule : rules.rules) {
        size_t n = 0;
        for (const auto& r : rows)
            n += std::any_of(r.attention.begin(), r.attention.end(),
                             [&](const AttentionFlag& f) { return f.kind == rule.kind; });
        if (n == 0) continue;
        out += first ? "" : ", ";
        out += std::to_string(n) + " " + (n == 1 ? rule.one : rule.many);
        first = false;
    }
    return out;
}

std::vector<CohortMonth> cohortEvidenceByMonth(const std::vector<CohortRow>& rows, Date today,
                                               int32_t months) {
    std::vector<CohortMonth> out;
    if (months <= 0) return out;
    const int32_t last = monthIndex(today), first = last - months + 1;
    for (int32_t m = first; m <= last; ++m) out.push_back({m / 12, m % 12 + 1, 0, 0});
    for (const auto& r : rows) {
        for (const auto& [m, n] : r.evidenceByMonth)
            if (m >= first && m <= last) out[static_cast<size_t>(m - first)].collected += n;
        if (!r.asyeStart || !r.asyeEnd || r.evidenceNeed <= 0 || *r.asyeEnd <= *r.asyeStart) continue;
        // The need spread evenly over the year's days; each month gets its days' share.
        const double perDay = r.evidenceNeed / static_cast<double>(daysBetween(*r.asyeStart, *r.asyeEnd));
        for (auto& cm : out) {
            const Date from = Date{cm.year, cm.month, 1};
            const Date to = from.addMonths(1); // exclusive
            const Date a = std::max(from, *r.asyeStart), b = std::min(to, *r.asyeEnd);
            if (a < b) cm.expected += perDay * static_cast<double>(daysBetween(a, b));
        }
    }
    return out;
}

std::string cohortCsv(const std::vector<CohortRow>& rows, bool labels) {
    std::vector<std::string> header = {"file", "name", "stage", "setting", "renewal_ready",
                                       "cpd_complete_pieces", "cpd_min_pieces", "peer_reflections"};
    std::vector<std::string> names = {"File", "Name", "Stage", "Setting", "Renewal ready",
                                      "Complete CPD pieces", "CPD pieces needed", "Peer reflections"};
    const auto cols = evidenceColumns(rows);
    for (const auto* e : cols) {
        header.push_back("asye_" + e->id);
        names.push_back("ASYE: " + e->label + " (have/need)");
    }
    for (const char* h : {"next_review", "next_review_due", "review_overdue", "last_activity",
                          "sign_offs_not_current", "team", "attention_weight", "needs_attention",
                          "attention_reasons", "reviews_unsigned",
                          "reviews_unknown_key"})
        header.push_back(h);
    for (const char* h : {"Next review", "Next review due", "Review overdue", "Last activity",
                          "Sign-offs to recheck", "Team", "Attention weight", "Needs attention",
                          "Why", "Unsigned reviews", "Reviews by unknown keys"})
        names.push_back(h);
    std::string out = csvRow(header);
    if (labels) out += csvRow(names);
    for (const auto& r : rows) {
        std::vector<std::string> row = {r.source, r.name, r.stage, r.setting,
                                        r.renewalReady ? "yes" : "no", std::to_string(r.cpdPieces),
                                        std::to_string(r.cpdMin), std::to_string(r.peerReflections)};
        for (const auto* col : cols) {
            const EvidenceStatus* e = evidence(r, col->id);
            row.push_back(e ? std::to_string(e->have) + "/" + std::to_string(e->need) : "");
        }
        row.push_back(r.nextReview.value_or(""));
        row.push_back(r.nextReviewDue ? r.nextReviewDue->toString() : "");
        row.push_back(r.reviewOverdue ? "yes" : "no");
        row.push_back(r.lastActivity ? r.lastActivity->toString() : "");
        row.push_back(std::to_string(r.signOffsNotCurrent));
        row.push_back(r.team);
        row.push_back(std::to_string(r.attentionWeight));
        row.push_back(joined(r.attention, true));
        row.push_back(joined(r.attention, false));
        row.push_back(std::to_string(r.reviewsUnsigned));
        row.push_back(std::to_string(r.reviewsUnknownKey));
        out += csvRow(row);
    }
    return out;
}

std::string cohortHtml(const std::vector<CohortRow>& rows, const Catalog& catalog, Date today,
                       const CohortReportOptions& options) {
    const AttentionRules& rules = options.rules ? *options.rules : builtinAttentionRules();
    // Appended to one string: std::ostringstream cost several times as much, worst under wasm.
    std::string h;
    h.reserve(8192 + rows.size() * 2048);
    auto esc = [&h](std::string_view s) { appendHtmlEscaped(h, s); };
    auto num = [&h](auto n) { h += std::to_string(n); };
    const auto ordered = byRisk(rows);
    h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n<title>Cohort report, ";
    h += longDate(today);
    h += "</title>\n"
         "<style>body{font-family:";
    h += kHtmlFontStack;
    h += ";margin:1.5em;color:#1d2430;line-height:1.35}"
         "h1{margin:0 0 .2em}h2{margin:1.2em 0 .4em;font-size:1.15em}"
         ".sub{color:#4a5568;margin:0}.summary{font-size:1.1em;padding:.6em .8em;"
         "background:#fff4e5;border-left:4px solid #d97706;margin:1em 0}"
         ".summary.ok{background:#e8f5e9;border-color:#2e7d32}"
         "table{border-collapse:collapse;font-size:.85em;margin:.4em 0 1em;width:100%}"
         "th,td{border:1px solid #ccd;padding:.25em .45em;text-align:left;vertical-align:top;"
         "overflow-wrap:break-word}th{background:#f1f3f7}.nw{white-space:nowrap}"
         "ul.why{margin:0;padding-left:1.1em}.bad{color:#b71c1c;font-weight:600}"
         "table.heat{table-layout:fixed}table.heat th.n{width:13em}"
         "table.heat th,table.heat td.h{text-align:center}"
         ".h0{background:#fbe3e1}.h1{background:#fff3c4}.h2{background:#cdebd0}.h3{background:#7fc98a}"
         ".key{font-size:.8em;color:#333;margin:-.6em 0 1em;columns:3 18em}"
         ".key span{display:block;break-inside:avoid}"
         "abbr{text-decoration:none}svg{width:100%;max-width:60em;height:auto}"
         ".legend{font-size:.85em}.legend i{display:inline-block;width:1em;height:.7em;"
         "margin:0 .3em 0 1em}"
         "@page{size:A4 landscape;margin:12mm}"
         "@media print{body{margin:0;font-size:10pt}table{page-break-inside:auto}"
         "tr{page-break-inside:avoid}h2{page-break-after:avoid}}"
         "</style>\n</head>\n<body>\n<h1>Cohort report</h1>\n<p class=\"sub\">";
    num(rows.size());
    h += rows.size() == 1 ? " practitioner, " : " practitioners, ";
    h += longDate(today);
    h += ".";
    if (options.anonymised)
        h += " Anonymised for moderation: names, teams and details that could identify people "
             "have been replaced.";
    h += "</p>\n";

    // 1. Summary and who needs attention, highest risk first.
    size_t flagged = 0;
    for (const auto& r : rows) flagged += !r.attention.empty();
    h += flagged ? "<p class=\"summary\">" : "<p class=\"summary ok\">";
    esc(attentionSummary(rows, rules));
    h += ".</p>\n";
    if (flagged) {
        h += "<h2>Needs attention</h2>\n<table><thead><tr><th style=\"width:14em\">Name</th>"
             "<th style=\"width:10em\">Stage</th><th style=\"width:10em\">Team</th><th>Why"
             "</th></tr></thead><tbody>\n";
        for (const CohortRow* r : ordered) {
            if (r->attention.empty()) continue;
            h += "<tr><td class=\"nw\">";
            esc(r->name);
            h += "</td><td>";
            esc(cohortStageLabel(r->stage));
            h += "</td><td>";
            esc(r->team);
            h += "</td><td><ul class=\"why\">";
            for (const auto& f : r->attention) {
                h += "<li><strong>";
                esc(f.label);
                h += "</strong>: ";
                esc(f.why);
                h += "</li>";
            }
            h += "</ul></td></tr>\n";
        }
        h += "</tbody></table>\n";
    }

    // 2. Progress, in the same order.
    const auto cols = evidenceColumns(rows);
    h += "<h2>Progress</h2>\n<table><thead><tr><th>Name</th><th>Stage</th><th>Setting</th>"
         "<th>Team</th><th>Registration renewal</th>";
    for (const auto* e : cols) {
        h += "<th>";
        esc(e->label);
        h += "</th>";
    }
    // One column for what a moderator rechecks (a column each did not fit 1280 px).
    h += "<th>Next review</th><th>Last activity</th><th>Sign-offs and reviews to recheck</th>"
         "</tr></thead><tbody>\n";
    for (const CohortRow* rp : ordered) {
        const CohortRow& r = *rp;
        h += "<tr><td class=\"nw\">";
        esc(r.name);
        h += "</td><td>";
        esc(cohortStageLabel(r.stage));
        h += "</td><td>";
        esc(cohortSettingLabel(r.setting));
        h += "</td><td class=\"nw\">";
        esc(r.team);
        h += "</td><td>";
        h += r.renewalReady ? "Ready" : "Not yet";
        h += " (";
        num(r.cpdPieces);
        h += " of ";
        num(r.cpdMin);
        h += " pieces)</td>";
        for (const auto* col : cols) {
            const EvidenceStatus* e = evidence(r, col->id);
            h += "<td>";
            if (e) {
                num(e->have);
                h += " of ";
                num(e->need);
            }
            h += "</td>";
        }
        h += "<td";
        if (r.reviewOverdue) h += " class=\"bad\"";
        h += ">";
        esc(r.nextReview.value_or(""));
        if (r.nextReviewDue) {
            h += ", <span class=\"nw\">";
            h += shortDate(*r.nextReviewDue);
            h += "</span>";
        }
        if (r.reviewOverdue) h += " (overdue)";
        h += "</td><td class=\"nw\">";
        h += r.lastActivity ? shortDate(*r.lastActivity) : "None";
        std::string recheck;
        for (const auto& [n, what] : {std::pair{r.signOffsNotCurrent, " changed since signed"},
                                      std::pair{r.reviewsUnsigned, " unsigned"},
                                      std::pair{r.reviewsUnknownKey, " by an unknown key"}}) {
            if (!n) continue;
            recheck += (recheck.empty() ? "" : ", ") + std::to_string(n) + what;
        }
        h += recheck.empty() ? "</td><td>None" : "</td><td class=\"bad\">" + recheck;
        h += "</td></tr>\n";
    }
    h += "</tbody></table>\n";

    // 3. Evidence per month against the expected line (inline SVG: no script, no resources).
    const auto months = cohortEvidenceByMonth(rows, today);
    double top = 1;
    for (const auto& m : months) top = std::max({top, static_cast<double>(m.collected), m.expected});
    top = std::ceil(top);
    static constexpr const char* kMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    h += "<h2>ASYE evidence collected per month</h2>\n<p class=\"legend\">Entries that count "
         "toward the ASYE evidence, across the cohort.<i style=\"background:#4f7cc4\"></i>"
         "collected<i style=\"background:#d97706;height:.2em\"></i>expected (each "
         "practitioner's evidence spread evenly over their year)</p>\n"
         "<svg viewBox=\"0 0 720 220\" role=\"img\" aria-label=\"Evidence collected per month "
         "against the expected line\">";
    const double x0 = 40, w = 56, base = 190, height = 170;
    auto y = [&](double v) { return base - v / top * height; };
    auto fmt = [](double v) {
        std::string s = std::to_string(std::lround(v * 10) / 10.0);
        return s.substr(0, s.find('.') + 2);
    };
    h += "<line x1=\"40\" y1=\"190\" x2=\"712\" y2=\"190\" stroke=\"#888\"/>";
    h += "<text x=\"34\" y=\"" + fmt(y(top) + 4) + "\" font-size=\"11\" text-anchor=\"end\">";
    num(static_cast<int64_t>(top));
    h += "</text><text x=\"34\" y=\"194\" font-size=\"11\" text-anchor=\"end\">0</text>";
    std::string line;
    for (size_t i = 0; i < months.size(); ++i) {
        const auto& m = months[i];
        const double x = x0 + static_cast<double>(i) * w;
        h += "<g><title>";
        h += kMon[m.month - 1];
        h += " " + std::to_string(m.year) + ": " + std::to_string(m.collected) + " collected, " +
             fmt(m.expected) + " expected</title><rect x=\"" + fmt(x + 8) + "\" y=\"" +
             fmt(y(m.collected)) + "\" width=\"40\" height=\"" + fmt(base - y(m.collected)) +
             "\" fill=\"#4f7cc4\"/></g><text x=\"" + fmt(x + 28) +
             "\" y=\"206\" font-size=\"11\" text-anchor=\"middle\">";
        h += kMon[m.month - 1];
        h += "</text>";
        line += (line.empty() ? "" : " ") + fmt(x + 28) + "," + fmt(y(m.expected));
    }
    h += "<polyline points=\"" + line + "\" fill=\"none\" stroke=\"#d97706\" stroke-width=\"3\"/>";
    h += "</svg>\n";

    // 4. Coverage: one table per framework, short headers with the full name on hover and in
    // a key under the table, so it fits the page width however many items there are.
    h += "<h2>Framework coverage</h2>\n<p>Entries mapped to each framework item (0, 1, 2, 3 or "
         "more).</p>\n";
    std::vector<std::string_view> frameworks;
    std::unordered_map<std::string_view, std::vector<std::string_view>> tagsOf;
    std::unordered_set<std::string_view> seen;
    for (const auto& r : rows)
        for (const auto& c : r.coverage)
            if (seen.insert(c.tag).second) {
                auto parts = splitTag(c.tag);
                const std::string_view fw = parts ? parts->first : std::string_view(c.tag);
                if (!tagsOf.count(fw)) frameworks.push_back(fw);
                tagsOf[fw].push_back(c.tag);
            }
    std::unordered_map<std::string_view, const CoverageCell*> cells;
    for (const auto fw : frameworks) {
        const auto& tags = tagsOf[fw];
        std::vector<std::string> full;
        for (const auto& t : tags) full.push_back(coverageFullLabel(t, catalog));
        const Framework* f = catalog.framework(fw);
        h += "<table class=\"heat\"><caption style=\"text-align:left;font-weight:600\">";
        esc(f ? f->title : std::string(fw));
        h += "</caption><thead><tr><th class=\"n\">Name</th>";
        for (const auto& t : tags) {
            auto parts = splitTag(t);
            h += "<th scope=\"col\"><abbr title=\"";
            esc(coverageFullLabel(t, catalog));
            h += "\">";
            esc(parts ? parts->second : t);
            h += "</abbr></th>";
        }
        h += "</tr></thead><tbody>\n";
        for (const CohortRow* rp : ordered) {
            h += "<tr><td>";
            esc(rp->name);
            h += "</td>";
            cells.clear();
            for (const auto& c : rp->coverage) cells.emplace(c.tag, &c); // the first, as find_if
            for (size_t ti = 0; ti < tags.size(); ++ti) {
                const auto& t = tags[ti];
                auto it = cells.find(t);
                if (it == cells.end()) {
                    h += "<td class=\"h\"></td>";
                    continue;
                }
                const int level = std::min(it->second->count, 3);
                h += "<td class=\"h h";
                num(level);
                h += "\" title=\"";
                esc(full[ti]);
                h += "\">";
                num(it->second->count);
                h += "</td>";
            }
            h += "</tr>\n";
        }
        h += "</tbody></table>\n<p class=\"key\">";
        for (const auto& t : tags) {
            auto parts = splitTag(t);
            const FrameworkItem* item = catalog.findItem(t);
            h += "<span><strong>";
            esc(parts ? parts->second : t);
            h += "</strong> ";
            esc(item ? item->title : std::string(t));
            h += "</span>";
        }
        h += "</p>\n";
    }
    h += "</body>\n</html>\n";
    return h;
}

} // namespace pathway::core
