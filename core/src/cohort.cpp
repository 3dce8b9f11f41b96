#include "pathway/core/cohort.hpp"

#include "pathway/core/csv.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#ifndef __EMSCRIPTEN__
#include <atomic>
#include <mutex>
#include <thread>
#endif
#include <unordered_map>
#include <unordered_set>

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

CohortRows cohortRows(const std::vector<CohortFile>& files, const Catalog& catalog, Date today,
                      unsigned threads) {
    std::vector<std::optional<CohortRow>> rows(files.size());
    std::vector<std::string> errors(files.size());
    auto one = [&](size_t i) {
        LoadResult r = parsePortfolio(files[i].bytes);
        if (!r.ok()) {
            errors[i] = files[i].source + ": " + r.error;
            return;
        }
        rows[i] = cohortRow({files[i].source, std::move(*r.portfolio)}, catalog, today);
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
        if (rows[i])
            out.rows.push_back(std::move(*rows[i]));
        else
            out.skipped.push_back(std::move(errors[i]));
    }
    return out;
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
    // Appended to one string: std::ostringstream cost several times as much, worst under wasm.
    std::string h;
    h.reserve(8192 + rows.size() * 2048);
    auto esc = [&h](std::string_view s) { appendHtmlEscaped(h, s); };
    auto num = [&h](auto n) { h += std::to_string(n); };
    h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n<title>Cohort report ";
    h += today.toString();
    h += "</title>\n"
         "<style>body{font-family:Inter,Arial,sans-serif;margin:2em;color:#1d2430}"
         "table{border-collapse:collapse;font-size:.85em;margin:1em 0}"
         "th,td{border:1px solid #ccd;padding:.25em .45em;text-align:left}"
         "td.h{text-align:center;min-width:2em}.h0{background:#fbe3e1}.h1{background:#fff3c4}"
         ".h2{background:#cdebd0}.h3{background:#7fc98a}.bad{color:#b71c1c;font-weight:600}"
         "th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}"
         "@media print{body{margin:0}table{page-break-inside:auto}tr{page-break-inside:avoid}}"
         "</style>\n</head>\n<body>\n<h1>Cohort report</h1>\n<p>";
    num(rows.size());
    h += " practitioners, ";
    h += today.toString();
    h += ".</p>\n";
    const auto ids = evidenceIds(rows);
    h += "<h2>Progress</h2>\n<table><thead><tr><th>Name</th><th>Stage</th><th>Renewal</th>";
    for (const auto& id : ids) {
        h += "<th>";
        esc(id);
        h += "</th>";
    }
    h += "<th>Next review</th><th>Last activity</th><th>Sign-offs to recheck</th></tr></thead><tbody>\n";
    for (const auto& r : rows) {
        h += "<tr><td>";
        esc(r.name);
        h += "</td><td>";
        esc(r.stage);
        h += "</td><td>";
        h += r.renewalReady ? "ready" : "not yet";
        h += " (";
        num(r.cpdPieces);
        h += "/";
        num(r.cpdMin);
        h += ")</td>";
        for (const auto& id : ids) {
            const EvidenceStatus* e = evidence(r, id);
            h += "<td>";
            if (e) {
                num(e->have);
                h += "/";
                num(e->need);
            }
            h += "</td>";
        }
        h += "<td";
        if (r.reviewOverdue) h += " class=\"bad\"";
        h += ">";
        esc(r.nextReview.value_or(""));
        h += " ";
        if (r.nextReviewDue) h += r.nextReviewDue->toString();
        if (r.reviewOverdue) h += " (overdue)";
        h += "</td><td>";
        h += r.lastActivity ? r.lastActivity->toString() : "none";
        h += "</td><td";
        if (r.signOffsNotCurrent) h += " class=\"bad\"";
        h += ">";
        num(r.signOffsNotCurrent);
        h += "</td></tr>\n";
    }
    h += "</tbody></table>\n";
    // Heatmap: union of coverage tags in first-seen order.
    std::vector<std::string_view> tags;
    std::unordered_set<std::string_view> seen;
    for (const auto& r : rows)
        for (const auto& c : r.coverage)
            if (seen.insert(c.tag).second) tags.push_back(c.tag);
    h += "<h2>Coverage heatmap</h2>\n<p>Entries mapped to each framework item (0, 1, 2, 3 or "
         "more).</p>\n<table><thead><tr><th>Name</th>";
    for (const auto& t : tags) {
        h += "<th class=\"v\">";
        esc(t);
        h += "</th>";
    }
    h += "</tr></thead><tbody>\n";
    std::unordered_map<std::string_view, const CoverageCell*> cells;
    for (const auto& r : rows) {
        h += "<tr><td>";
        esc(r.name);
        h += "</td>";
        cells.clear();
        for (const auto& c : r.coverage) cells.emplace(c.tag, &c); // the first, as find_if
        for (const auto& t : tags) {
            auto it = cells.find(t);
            if (it == cells.end()) {
                h += "<td class=\"h\"></td>";
                continue;
            }
            const int level = std::min(it->second->count, 3);
            h += "<td class=\"h h";
            num(level);
            h += "\" title=\"";
            esc(t);
            h += "\">";
            num(it->second->count);
            h += "</td>";
        }
        h += "</tr>\n";
    }
    h += "</tbody></table>\n</body>\n</html>\n";
    return h;
}

} // namespace pathway::core
