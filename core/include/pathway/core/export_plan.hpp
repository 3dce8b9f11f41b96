// An export as the steps the app's Share screen and `pathway-cli export --check` both take
// (issue 15): the confidentiality check (what it finds that the user has not kept before), the
// user's decision on each finding, the redaction those decisions make, then the file's name and
// bytes. The screen holds a plan while the user decides; the CLI, which cannot ask, refuses to
// write while a finding is undecided.
#pragma once

#include "pathway/core/confidentiality.hpp"
#include "pathway/core/export.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pathway::core {

struct ExportPlan {
    enum class Decision : uint8_t { Undecided, Keep, Redact };
    std::optional<ExportFormat> format; ///< nullopt: the check alone ("Check now")
    bool forReview = false;             ///< the copy a mentor reviews (its file name says so)
    std::vector<Finding> findings;      ///< what the check found that was not kept before
    std::vector<Decision> decisions;    ///< one per finding, all Undecided at first

    size_t undecided() const;
    size_t toRedact() const;
    void decideAll(Decision d);
};

/// "entry|field|match": how a finding the user kept is remembered (not asked about again).
std::string findingKey(const Finding& finding);

/// Step 1, the check: every finding of lintPortfolio(portfolio) whose key is not in `kept`.
/// A format that needs no check (exportFormatSpec(f).needsCheck false) gets none.
ExportPlan planExport(const Portfolio& portfolio, std::optional<ExportFormat> format,
                      bool forReview, const std::set<std::string>& kept);

/// Step 2, the decisions taken: the findings marked Keep join `kept`; the portfolio with those
/// marked Redact redacted (redactFindings, stamped `nowMs`) is returned, or nullopt when none
/// is marked Redact (nothing to change). `changed` receives the entries and comments changed.
std::optional<Portfolio> applyDecisions(const Portfolio& portfolio, const ExportPlan& plan,
                                        int64_t nowMs, std::set<std::string>& kept,
                                        int32_t* changed = nullptr);

/// Step 3, the file: "pathway-sam-taylor-2026-11-02.html", "...-for-review.json",
/// "pathway-moderation-2026-11-02.html".
struct ExportFile {
    std::string name;
    std::string mime;
    std::string bytes;
};
ExportFile exportFile(const Portfolio& portfolio, ExportFormat format, bool forReview,
                      const ExportContext& ctx);

/// "sam-taylor": lower-case ASCII letters and digits joined by hyphens (at most 40), for file
/// names.
std::string fileSlug(std::string_view text);

} // namespace pathway::core
