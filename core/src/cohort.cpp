#include "pathway/core/cohort.hpp"

#include "pathway/core/csv.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/integrity.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace pathway::core {

CohortRow cohortRow(const CohortMember& m, const Catalog& catalog, Date today) {
    const Portfolio& p = m.portfolio;
    Status st = computeStatus(p, catalog, today);
    CohortRow r;
    r.source = m.source;
    r.name = p.profile.name;
    r.stage = std::string(stageId(p.profile.stage));
    r.setting = std::string(settingId(p.profile.setting));
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
    for (const auto& e : p.entries)
        if (!r.lastActivity || e.date > *r.lastActivity) r.lastActivity = e.date;
    for (const auto& c : checkSignOffs(p)) r.signOffsNotCurrent += c.state != SignOffState::Current;
    r.coverage = st.coverage;
    return r;
}

namespace {
std::vector<std::string> evidenceIds(const std::vector<CohortRow>& rows) {
    std::vector<std::string> ids;
    for (const auto& r : rows)
        for (const auto& e : r.asyeEvidence)
            if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
    return ids;
}
const EvidenceStatus* evidence(const CohortRow& r, const std::string& id) {
    for (const auto& e : r.asyeEvidence)
        if (e.id == id) return &e;
    return nullptr;
}
} // namespace

std::string cohortCsv(const std::vector<CohortRow>& rows) {
    std::vector<std::string> header = {"file", "name", "stage", "setting", "renewal_ready",
                                       "cpd_complete_pieces", "cpd_min_pieces", "peer_reflections"};
    const auto ids = evidenceIds(rows);
    for (const auto& id : ids) header.push_back("asye_" + id);
    for (const char* h : {"next_review", "next_review_due", "review_overdue", "last_activity",
                          "sign_offs_not_current"})
        header.push_back(h);
    std::string out = csvRow(header);
    for (const auto& r : rows) {
        std::vector<std::string> row = {r.source, r.name, r.stage, r.setting,
                                        r.renewalReady ? "yes" : "no", std::to_string(r.cpdPieces),
                                        std::to_string(r.cpdMin), std::to_string(r.peerReflections)};
        for (const auto& id : ids) {
            const EvidenceStatus* e = evidence(r, id);
            row.push_back(e ? std::to_string(e->have) + "/" + std::to_string(e->need) : "");
        }
        row.push_back(r.nextReview.value_or(""));
        row.push_back(r.nextReviewDue ? r.nextReviewDue->toString() : "");
        row.push_back(r.reviewOverdue ? "yes" : "no");
        row.push_back(r.lastActivity ? r.lastActivity->toString() : "");
        row.push_back(std::to_string(r.signOffsNotCurrent));
        out += csvRow(row);
    }
    return out;
}

std::string cohortHtml(const std::vector<CohortRow>& rows, Date today) {
    std::ostringstream h;
    auto esc = [](std::string_view s) { return htmlEscape(s); };
    h << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n<title>Cohort report " << today.toString() << "</title>\n"
      << "<style>body{font-family:Inter,Arial,sans-serif;margin:2em;color:#1d2430}"
         "table{border-collapse:collapse;font-size:.85em;margin:1em 0}"
         "th,td{border:1px solid #ccd;padding:.25em .45em;text-align:left}"
         "td.h{text-align:center;min-width:2em}.h0{background:#fbe3e1}.h1{background:#fff3c4}"
         ".h2{background:#cdebd0}.h3{background:#7fc98a}.bad{color:#b71c1c;font-weight:600}"
         "th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}"
         "@media print{body{margin:0}table{page-break-inside:auto}tr{page-break-inside:avoid}}"
         "</style>\n</head>\n<body>\n<h1>Cohort report</h1>\n<p>"
      << rows.size() << " practitioners, " << today.toString() << ".</p>\n";
    const auto ids = evidenceIds(rows);
    h << "<h2>Progress</h2>\n<table><thead><tr><th>Name</th><th>Stage</th><th>Renewal</th>";
    for (const auto& id : ids) h << "<th>" << esc(id) << "</th>";
    h << "<th>Next review</th><th>Last activity</th><th>Sign-offs to recheck</th></tr></thead><tbody>\n";
    for (const auto& r : rows) {
        h << "<tr><td>" << esc(r.name) << "</td><td>" << esc(r.stage) << "</td><td>"
          << (r.renewalReady ? "ready" : "not yet") << " (" << r.cpdPieces << "/" << r.cpdMin
          << ")</td>";
        for (const auto& id : ids) {
            const EvidenceStatus* e = evidence(r, id);
            h << "<td>" << (e ? std::to_string(e->have) + "/" + std::to_string(e->need) : "")
              << "</td>";
        }
        h << "<td" << (r.reviewOverdue ? " class=\"bad\"" : "") << ">"
          << esc(r.nextReview.value_or("")) << " "
          << (r.nextReviewDue ? r.nextReviewDue->toString() : "")
          << (r.reviewOverdue ? " (overdue)" : "") << "</td><td>"
          << (r.lastActivity ? r.lastActivity->toString() : "none") << "</td><td"
          << (r.signOffsNotCurrent ? " class=\"bad\"" : "") << ">" << r.signOffsNotCurrent
          << "</td></tr>\n";
    }
    h << "</tbody></table>\n";
    // Heatmap: union of coverage tags in first-seen order.
    std::vector<std::string> tags;
    std::set<std::string> seen;
    for (const auto& r : rows)
        for (const auto& c : r.coverage)
            if (seen.insert(c.tag).second) tags.push_back(c.tag);
    h << "<h2>Coverage heatmap</h2>\n<p>Entries mapped to each framework item (0, 1, 2, 3 or "
         "more).</p>\n<table><thead><tr><th>Name</th>";
    for (const auto& t : tags) h << "<th class=\"v\">" << esc(t) << "</th>";
    h << "</tr></thead><tbody>\n";
    for (const auto& r : rows) {
        h << "<tr><td>" << esc(r.name) << "</td>";
        for (const auto& t : tags) {
            auto it = std::find_if(r.coverage.begin(), r.coverage.end(),
                                   [&](const CoverageCell& c) { return c.tag == t; });
            if (it == r.coverage.end()) {
                h << "<td class=\"h\"></td>";
                continue;
            }
            int level = std::min(it->count, 3);
            h << "<td class=\"h h" << level << "\" title=\"" << esc(t) << "\">" << it->count << "</td>";
        }
        h << "</tr>\n";
    }
    h << "</tbody></table>\n</body>\n</html>\n";
    return h.str();
}

} // namespace pathway::core
