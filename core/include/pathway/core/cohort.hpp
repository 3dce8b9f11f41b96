// Cohort reports for academies: one row per practitioner portfolio, as CSV or as an HTML page
// that opens with who needs attention (attention.hpp), then progress, evidence per month and a
// coverage heatmap (practitioners by framework items), in human labels throughout.
#pragma once

#include "pathway/core/attention.hpp"
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
    std::string team;    ///< profile team ("" when not given)
    bool renewalReady = false;
    int32_t cpdPieces = 0, cpdMin = 0, peerReflections = 0;
    std::vector<EvidenceStatus> asyeEvidence; ///< empty when not in ASYE
    std::optional<std::string> nextReview;    ///< "3-month review"
    std::optional<Date> nextReviewDue;
    bool reviewOverdue = false;
    std::optional<Date> lastActivity; ///< latest entry date
    int32_t signOffsNotCurrent = 0;
    /// Comments, outcomes and sign-offs with no reviewer signature, and signed by a key no
    /// roster kept in the portfolio vouches for (signing.hpp).
    int32_t reviewsUnsigned = 0, reviewsUnknownKey = 0;
    std::vector<CoverageCell> coverage;
    // Added for the academy's view (issue 20).
    std::vector<AttentionFlag> attention; ///< "needs attention", in the rules' order
    int32_t attentionWeight = 0;          ///< sum of the flags' weights: the risk order
    std::optional<Date> asyeStart, asyeEnd; ///< the (pro-rata) ASYE year, when in one
    int32_t evidenceNeed = 0;               ///< sum of the ASYE evidence `need`s
    /// ASYE evidence entries (those counted by the rule's evidence items) per month, as
    /// (year * 12 + month - 1, count), ascending; only months with entries.
    std::vector<std::pair<int32_t, int32_t>> evidenceByMonth;
};

CohortRow cohortRow(const CohortMember& member, const Catalog& catalog, Date today,
                    const AttentionRules& rules = builtinAttentionRules());

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
/// The same, each portfolio anonymised first (confidentiality.hpp's anonymisePortfolio, the
/// moderation pack's engine) and named "Practitioner 1", "Practitioner 2"... in the files'
/// order; sources become "portfolio-1" and so on.
CohortRows cohortRowsAnonymised(const std::vector<CohortFile>& files, const Catalog& catalog,
                                Date today, unsigned threads = 0);

/// "3 of 10 need attention: 2 reviews overdue, 1 supervision gap" (or "None of 10 need
/// attention"). Counts practitioners per rule, in the rules' order.
std::string attentionSummary(const std::vector<CohortRow>& rows,
                             const AttentionRules& rules = builtinAttentionRules());

/// Evidence collected per month across the cohort against the expected line: each ASYE
/// practitioner's evidenceNeed spread evenly over the days of their (pro-rata) year.
struct CohortMonth {
    int32_t year = 0, month = 1;
    int32_t collected = 0;
    double expected = 0;
};
/// The `months` calendar months ending with today's.
std::vector<CohortMonth> cohortEvidenceByMonth(const std::vector<CohortRow>& rows, Date today,
                                               int32_t months = 12);

/// Human words for ids: "Social worker", "Children and families", "Direct observations of
/// practice"; and for a coverage tag the framework's short title with the item id ("PCF 6")
/// and the full name ("PCF 6: Critical reflection and analysis").
std::string cohortStageLabel(std::string_view stageId);
std::string cohortSettingLabel(std::string_view settingId);
std::string coverageShortLabel(std::string_view tag, const Catalog& catalog);
std::string coverageFullLabel(std::string_view tag, const Catalog& catalog);

/// CSV with stable ids in the header (documented in README.md, "Cohort CSV"); with `labels`
/// a second row gives each column's human label.
std::string cohortCsv(const std::vector<CohortRow>& rows, bool labels = false);

struct CohortReportOptions {
    const AttentionRules* rules = nullptr; ///< summary wording; nullptr: the built-in rules
    bool anonymised = false;               ///< says so under the heading (moderation)
};
/// A self-contained page (no script) that prints on A4 landscape; item names come from
/// `catalog` (the one the rows were made with).
std::string cohortHtml(const std::vector<CohortRow>& rows, const Catalog& catalog, Date today,
                       const CohortReportOptions& options = {});

} // namespace pathway::core
