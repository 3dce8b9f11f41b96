#include "pathway/core/development_plan.hpp"

#include "pathway/core/kinds.hpp"

#include <algorithm>
#include <tuple>

namespace pathway::core {

namespace {

PlanGoal goalOf(const Portfolio& portfolio, const Entry& e, Date today) {
    PlanGoal g;
    g.id = e.id;
    g.title = e.title;
    g.status = e.field(field::kStatus);
    g.target = Date::parse(e.field(field::kTargetDate));
    g.review = e.field(field::kGoalReview);
    g.overdue = g.target && *g.target < today && g.status != "achieved" && g.status != "dropped";
    for (const auto& link : e.links) {
        PlanEvidence ev;
        ev.id = link;
        if (const Entry* l = portfolio.find(link)) {
            ev.kind = l->kind;
            ev.title = l->title;
            ev.date = l->date;
        } else {
            ev.missing = true;
        }
        g.evidence.push_back(std::move(ev));
    }
    return g;
}

void sortGoals(std::vector<PlanGoal>& goals) {
    std::stable_sort(goals.begin(), goals.end(), [](const PlanGoal& a, const PlanGoal& b) {
        // No target date sorts last.
        const bool na = !a.target, nb = !b.target;
        const Date da = a.target.value_or(Date{}), db = b.target.value_or(Date{});
        return std::tie(na, da, a.title, a.id) < std::tie(nb, db, b.title, b.id);
    });
}

} // namespace

int32_t DevelopmentPlan::goals() const {
    size_t n = unassigned.size();
    for (const auto& p : periods) n += p.goals.size();
    return static_cast<int32_t>(n);
}

DevelopmentPlan developmentPlan(const Portfolio& portfolio, const std::vector<PlanReview>& reviews,
                                Date today) {
    DevelopmentPlan plan;
    for (const auto& r : reviews) plan.periods.push_back({r, {}, 0});
    for (const Entry& e : portfolio.entries) {
        if (e.kind != EntryKind::Goal) continue;
        PlanGoal g = goalOf(portfolio, e, today);
        auto period = std::find_if(plan.periods.begin(), plan.periods.end(),
                                   [&](const PlanPeriod& p) { return !g.review.empty() && p.review.id == g.review; });
        if (period == plan.periods.end()) {
            plan.unassigned.push_back(std::move(g));
            continue;
        }
        if (g.status == "achieved") ++period->achieved;
        period->goals.push_back(std::move(g));
    }
    for (auto& p : plan.periods) sortGoals(p.goals);
    sortGoals(plan.unassigned);
    return plan;
}

nlohmann::json developmentPlanToJson(const DevelopmentPlan& plan) {
    using nlohmann::json;
    auto goalJ = [](const PlanGoal& g) {
        json ev = json::array();
        for (const auto& e : g.evidence)
            ev.push_back(e.missing ? json{{"id", e.id}, {"missing", true}}
                                   : json{{"id", e.id},
                                          {"kind", std::string(kindId(e.kind))},
                                          {"title", e.title},
                                          {"date", e.date.toString()},
                                          {"missing", false}});
        return json{{"id", g.id},
                    {"title", g.title},
                    {"status", g.status.empty() ? json(nullptr) : json(g.status)},
                    {"target_date", g.target ? json(g.target->toString()) : json(nullptr)},
                    {"overdue", g.overdue},
                    {"review", g.review.empty() ? json(nullptr) : json(g.review)},
                    {"evidence", std::move(ev)}};
    };
    json periods = json::array();
    for (const auto& p : plan.periods) {
        json goals = json::array();
        for (const auto& g : p.goals) goals.push_back(goalJ(g));
        periods.push_back({{"review", p.review.id},
                           {"name", p.review.name},
                           {"due", p.review.due ? json(p.review.due->toString()) : json(nullptr)},
                           {"goals", std::move(goals)},
                           {"achieved", p.achieved}});
    }
    json unassigned = json::array();
    for (const auto& g : plan.unassigned) unassigned.push_back(goalJ(g));
    return {{"periods", std::move(periods)}, {"unassigned", std::move(unassigned)}, {"goals", plan.goals()}};
}

} // namespace pathway::core
