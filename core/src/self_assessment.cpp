#include "pathway/core/self_assessment.hpp"

#include <algorithm>
#include <tuple>

namespace pathway::core {

namespace {

constexpr SelfRatingLevel kScale[] = {
    {1, "Not yet confident", "I am new to this and need to learn it"},
    {2, "Developing", "I can do this with support"},
    {3, "Confident", "I do this on my own most of the time"},
    {4, "Strong", "I do this consistently and could help a colleague with it"},
};
static_assert(std::size(kScale) == kSelfRatingMax);

std::string_view settingWords(Setting s) {
    return s == Setting::Adults ? "adult services" : "child and family services";
}

// Later wins: recorded time, then date, then the rest (so the choice never depends on order).
bool laterThan(const SelfRating& a, const SelfRating& b) {
    return std::tie(a.atMs, a.date, a.rating, a.comment) > std::tie(b.atMs, b.date, b.rating, b.comment);
}

size_t pointIndex(SelfAssessmentPoint p) { return static_cast<size_t>(p); }

} // namespace

std::span<const SelfRatingLevel> selfRatingScale() { return kScale; }

std::string_view selfRatingLabel(int32_t rating) {
    for (const auto& l : kScale)
        if (l.value == rating) return l.label;
    return {};
}

const Framework* selfAssessmentFramework(const Portfolio& portfolio, const Catalog& catalog,
                                         std::string* notice) {
    const Profile& profile = portfolio.profile;
    std::vector<const Framework*> candidates; // in display order, then id, then validFrom
    for (const auto& f : catalog.frameworks())
        if (f.selfAssessment && appliesTo(f.appliesTo, profile.setting)) candidates.push_back(&f);
    auto say = [&](std::string s) {
        if (notice) *notice = std::move(s);
    };
    if (candidates.empty()) {
        say("The catalogue has no standards to self-assess against in " +
            std::string(settingWords(profile.setting)) + ".");
        return nullptr;
    }
    const Framework* chosen = nullptr;
    if (!profile.asyeStart) {
        chosen = catalog.framework(candidates.front()->id); // the newest version
    } else {
        const Date start = *profile.asyeStart;
        for (const Framework* f : candidates)
            if (f->validOn(start)) {
                chosen = f;
                break;
            }
        if (!chosen) {
            for (const Framework* f : candidates)
                if (f->validFrom <= start && (!chosen || chosen->validFrom < f->validFrom)) chosen = f;
            if (!chosen) {
                say("No standards to self-assess against in " +
                    std::string(settingWords(profile.setting)) + " are in force on " +
                    start.toString() + " (the ASYE start).");
                return nullptr;
            }
            say("No standards to self-assess against are in force on " + start.toString() +
                " (the ASYE start); the self-assessment uses " + chosen->title + ", which ended on " +
                (chosen->validTo ? chosen->validTo->toString() : std::string("?")) + ".");
        }
    }
    if (auto it = portfolio.assessedAgainst.find(chosen->id); it != portfolio.assessedAgainst.end())
        if (const Framework* pinned = catalog.frameworkVersion(chosen->id, it->second)) chosen = pinned;
    return chosen;
}

const SelfRating* currentSelfRating(const AsyeRecord& record, SelfAssessmentPoint point,
                                    std::string_view item) {
    const SelfRating* best = nullptr;
    for (const auto& r : record.selfAssessment)
        if (r.point == point && r.item == item && (!best || laterThan(r, *best))) best = &r;
    return best;
}

void setSelfRating(AsyeRecord& record, SelfRating rating) {
    // Whole seconds, as the file keeps them: a rating read back equals the one recorded (merges
    // compare records).
    rating.atMs -= rating.atMs % 1000;
    auto& list = record.selfAssessment;
    const SelfAssessmentPoint point = rating.point;
    const std::string item = rating.item;
    auto same = [&](const SelfRating& r) { return r.point == point && r.item == item; };
    auto first = std::find_if(list.begin(), list.end(), same);
    if (first == list.end()) {
        list.push_back(std::move(rating));
        return;
    }
    *first = std::move(rating);
    list.erase(std::remove_if(first + 1, list.end(), same), list.end());
}

bool clearSelfRating(AsyeRecord& record, SelfAssessmentPoint point, std::string_view item) {
    const size_t before = record.selfAssessment.size();
    std::erase_if(record.selfAssessment,
                  [&](const SelfRating& r) { return r.point == point && r.item == item; });
    return record.selfAssessment.size() != before;
}

int32_t SelfAssessmentView::rated() const {
    int32_t n = 0;
    for (const auto& p : points) n += p.rated;
    return n;
}

SelfAssessmentView selfAssessmentView(const Portfolio& portfolio, const Catalog& catalog) {
    SelfAssessmentView v;
    for (size_t i = 0; i < kSelfAssessmentPointCount; ++i) v.points[i].point = kSelfAssessmentPoints[i];
    std::string notice;
    const Framework* f = selfAssessmentFramework(portfolio, catalog, &notice);
    if (!notice.empty()) v.notices.push_back(notice);
    const AsyeRecord& record = portfolio.profile.asye;
    if (f) {
        v.framework = f->id;
        v.version = f->version;
        v.title = f->title;
        v.frameworkEnds = f->validTo;
        for (const auto& item : f->items) {
            SelfAssessmentRow row;
            row.tag = f->tag(item);
            row.itemId = item.id;
            row.title = item.title;
            row.confirmed = item.confirmed;
            v.rows.push_back(std::move(row));
        }
    }
    for (const SelfRating& r : record.selfAssessment) {
        auto row = std::find_if(v.rows.begin(), v.rows.end(),
                                [&](const SelfAssessmentRow& x) { return x.tag == r.item; });
        if (row == v.rows.end()) {
            v.elsewhere.push_back(r);
            continue;
        }
        SelfAssessmentCell& cell = row->at[pointIndex(r.point)];
        if (!cell.rating) {
            cell.rating = r;
            continue;
        }
        ++cell.others;
        if (laterThan(r, *cell.rating)) cell.rating = r;
    }
    for (const auto& row : v.rows)
        for (size_t i = 0; i < kSelfAssessmentPointCount; ++i) {
            SelfAssessmentPointSummary& s = v.points[i];
            ++s.items;
            if (!row.at[i].rating) continue;
            ++s.rated;
            const Date d = row.at[i].rating->date;
            if (!s.first || d < *s.first) s.first = d;
            if (!s.last || *s.last < d) s.last = d;
        }
    if (!v.elsewhere.empty())
        v.notices.push_back(std::to_string(v.elsewhere.size()) + " self-assessment rating" +
                            (v.elsewhere.size() == 1 ? " is" : "s are") + " against items not in " +
                            (v.title.empty() ? std::string("the standards in use") : v.title) +
                            "; kept and listed apart.");
    return v;
}

nlohmann::json selfAssessmentToJson(const SelfAssessmentView& v) {
    using nlohmann::json;
    auto dateOrNull = [](const std::optional<Date>& d) { return d ? json(d->toString()) : json(nullptr); };
    json scale = json::array();
    for (const auto& l : selfRatingScale())
        scale.push_back({{"rating", l.value}, {"label", std::string(l.label)}});
    json points = json::array();
    for (const auto& p : v.points)
        points.push_back({{"point", std::string(selfAssessmentPointId(p.point))},
                          {"label", std::string(selfAssessmentPointLabel(p.point))},
                          {"rated", p.rated},
                          {"items", p.items},
                          {"first", dateOrNull(p.first)},
                          {"last", dateOrNull(p.last)}});
    json items = json::array();
    for (const auto& row : v.rows) {
        json ij = {{"item", row.tag}, {"title", row.title}, {"confirmed", row.confirmed}};
        int32_t others = 0;
        for (size_t i = 0; i < kSelfAssessmentPointCount; ++i) {
            const auto& cell = row.at[i];
            others += cell.others;
            ij[std::string(selfAssessmentPointId(kSelfAssessmentPoints[i]))] =
                cell.rating ? json{{"rating", cell.rating->rating},
                                   {"label", std::string(selfRatingLabel(cell.rating->rating))},
                                   {"date", cell.rating->date.toString()}}
                            : json(nullptr);
        }
        ij["also_recorded"] = others;
        items.push_back(std::move(ij));
    }
    return {{"framework", v.framework.empty() ? json(nullptr) : json(v.framework)},
            {"version", v.version.empty() ? json(nullptr) : json(v.version)},
            {"title", v.title.empty() ? json(nullptr) : json(v.title)},
            {"framework_ends", dateOrNull(v.frameworkEnds)},
            {"scale", std::move(scale)},
            {"scale_source", "Pathway's own scale; no national rating scale is published"},
            {"points", std::move(points)},
            {"items", std::move(items)},
            {"elsewhere", static_cast<int64_t>(v.elsewhere.size())},
            {"notices", v.notices}};
}

} // namespace pathway::core
