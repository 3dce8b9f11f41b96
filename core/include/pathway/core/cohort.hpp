// Cohort reports for academies: one row per practitioner portfolio, as CSV or as an HTML page
// with a coverage heatmap (practitioners by framework items).
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/model.hpp"
#include "pathway/core/requirements.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

struct CohortMember {
    std::string source; ///< where the portfolio came from (file name), for the report
    Portfolio portfolio;
};

struct CohortRow {
    std::string source;
    std::string name;
    std::string stage;   ///< stage id
    std::string setting; ///< setting id
    bool renewalReady = false;
    int32_t cpdPieces = 0, cpdMin = 0, peerReflections = 0;
    std::vector<EvidenceStatus> asyeEvidence; ///< empty when not in ASYE
    std::optional<std::string> nextReview;    ///< "3-month review"
    std::optional<Date> nextReviewDue;
    bool reviewOverdue = false;
    std::optional<Date> lastActivity; ///< latest entry date
    int32_t signOffsNotCurrent = 0;
    std::vector<CoverageCell> coverage;
};

CohortRow cohortRow(const CohortMember& member, const Catalog& catalog, Date today);

/// A portfolio file as an academy receives it: its name (for the report) and its bytes.
struct CohortFile {
    std::string source;
    std::string_view bytes; ///< not owned: kept alive by the caller during cohortRows()
};

struct CohortRows {
    std::vector<CohortRow> rows;      ///< one per file that loaded, in the files' order
    std::vector<std::string> skipped; ///< "<source>: <why>" per file that did not load, in order
};

/// Loads every file (parsePortfolio) and makes its row, dropping each portfolio once its row
/// is made. Natively the files are shared among up to `threads` threads (0: one per core,
/// at most one per file); under Emscripten, one thread. The result does not depend on the
/// number of threads.
CohortRows cohortRows(const std::vector<CohortFile>& files, const Catalog& catalog, Date today,
                      unsigned threads = 0);

std::string cohortCsv(const std::vector<CohortRow>& rows);
std::string cohortHtml(const std::vector<CohortRow>& rows, Date today);

} // namespace pathway::core
