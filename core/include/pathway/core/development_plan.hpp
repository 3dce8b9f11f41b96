// The personal development plan (issue 14, point 11): goal entries linked to a review of the
// programme (their "review" field) and to evidence (their links), gathered per review period
// so each review looks at its goals. Pure; computeStatus builds it with the review schedule.
#pragma once

#include "pathway/core/date.hpp"
#include "pathway/core/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pathway::core {

/// A review of the programme, as the plan needs it.
struct PlanReview {
    std::string id;   ///< "3m"
    std::string name; ///< "3-month review"
    std::optional<Date> due;
};

struct PlanEvidence {
    std::string id;
    EntryKind kind = EntryKind::Note;
    std::string title;
    Date date;
    bool missing = false; ///< the linked entry is no longer in the portfolio
};

struct PlanGoal {
    std::string id;
    std::string title;
    std::string status; ///< a goal status id ("not-started", "in-progress", "achieved", "dropped") or ""
    std::optional<Date> target;
    bool overdue = false; ///< the target date has passed and it is neither achieved nor dropped
    std::string review;   ///< its review id as recorded ("" when none)
    std::vector<PlanEvidence> evidence; ///< linked entries, in link order
};

struct PlanPeriod {
    PlanReview review;
    std::vector<PlanGoal> goals; ///< by target date (none last), then title
    int32_t achieved = 0;
};

struct DevelopmentPlan {
    std::vector<PlanPeriod> periods; ///< one per review, in schedule order
    /// Goals linked to no review, or to one this programme does not have: kept and listed.
    std::vector<PlanGoal> unassigned;
    int32_t goals() const;
};

/// Every goal entry, gathered under `reviews` (in their order). `today` decides "overdue".
DevelopmentPlan developmentPlan(const Portfolio& portfolio, const std::vector<PlanReview>& reviews,
                                Date today);

/// `status --json`'s "development_plan" (assets/README.md, "Status JSON").
nlohmann::json developmentPlanToJson(const DevelopmentPlan& plan);

} // namespace pathway::core
