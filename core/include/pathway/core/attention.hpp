// "Needs attention" for an academy's cohort: rules read from a data file
// (assets/cohort/attention.json, format "pathway-cohort-attention/1") and applied to what
// computeStatus() says about one practitioner. Each flag carries a sentence saying why.
// Pure: the same status, facts and rules always give the same flags (no clock inside).
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/requirements.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

inline constexpr std::string_view kAttentionRulesFormat = "pathway-cohort-attention/1";

/// What a rule looks at. The ids in the data file name these ("review-overdue", ...).
enum class AttentionKind : uint8_t {
    ReviewOverdue,     ///< an ASYE review past its due date (plus grace_days) and not done
    SupervisionGap,    ///< a gap between supervisions longer than the cadence (plus grace_days)
    EvidenceBehind,    ///< at the latest checkpoint review passed, evidence below share x need
    NoActivity,        ///< no entry dated in the last `weeks` weeks (or none at all)
    SignOffsToRecheck, ///< at least `min` sign-offs whose entry changed or is gone
    RenewalNotReady,   ///< registration renewal not ready (inside the renewal window)
};
inline constexpr size_t kAttentionKindCount = 6;
std::string_view attentionKindId(AttentionKind k); ///< "review-overdue", ...
std::optional<AttentionKind> parseAttentionKind(std::string_view id);

/// The evidence-behind rule's schedule: by the review `review` (an ASYE review id), each
/// evidence item should have at least share x need entries.
struct EvidenceCheckpoint {
    std::string review; ///< "6m"
    double share = 0.5; ///< (0, 1]
};

struct AttentionRule {
    AttentionKind kind = AttentionKind::ReviewOverdue;
    bool enabled = true;
    std::string label; ///< "Review overdue": the flag's name in tables and filters
    std::string one;   ///< "review overdue": the summary line, 1 practitioner
    std::string many;  ///< "reviews overdue": the summary line, 2 or more
    int32_t weight = 1;  ///< risk order: the sum of a practitioner's flags' weights
    int32_t graceDays = 0;  ///< review-overdue, supervision-gap
    int32_t recentDays = 28; ///< supervision-gap: gaps ending this many days before today or later
    int32_t weeks = 6;       ///< no-activity
    int32_t min = 1;         ///< sign-offs-to-recheck
    bool onlyInRenewalWindow = true;      ///< renewal-not-ready
    std::vector<EvidenceCheckpoint> checkpoints; ///< evidence-behind
    /// evidence-behind: items due whole at one review (evidence id -> review id), e.g. the
    /// critical reflection at 6 months: not expected before that review, all of it from then.
    std::vector<std::pair<std::string, std::string>> dueAtReview;
};

struct AttentionRules : RuleHeader {
    AttentionRules() { id = "cohort-attention"; }
    std::vector<AttentionRule> rules; ///< in the file's order: flags come out in this order
    const AttentionRule* rule(AttentionKind k) const;
};

/// Reads "pathway-cohort-attention/1". Errors name the file and the field
/// ("attention.json: rules[2].weeks: should be a whole number from 1 to 520").
Parsed<AttentionRules> loadAttentionRules(std::string_view bytes, std::string_view fileName);
/// The embedded assets/cohort/attention.json, loaded once (a test asserts it loads).
const AttentionRules& builtinAttentionRules();

/// What the rules need besides computeStatus's output.
struct AttentionFacts {
    std::optional<Date> lastActivity; ///< latest entry dated on or before today
    int32_t signOffsToRecheck = 0;    ///< sign-offs not current (stale, altered or missing)
};

struct AttentionFlag {
    AttentionKind kind = AttentionKind::ReviewOverdue;
    std::string label;  ///< the rule's label
    std::string why;    ///< "6-month (midpoint) review was due 9 Mar 2026 (12 days ago)"
    int32_t weight = 0; ///< the rule's weight
};

/// "9 March 2026": how the reports and the Cohort screen write a date.
std::string longDate(Date d);

/// Every enabled rule that applies, in the rules' order; each at most once per practitioner.
std::vector<AttentionFlag> attentionFlags(const Status& status, const AttentionFacts& facts,
                                          const AttentionRules& rules);

} // namespace pathway::core
