// The ASYE self-assessment (issue 14, point 10): at the start, midway and at the end of the
// year the practitioner rates each item of the standards their setting is assessed against
// (the KSS for child and family practitioners, the adult KSS) on a small scale, with a short
// comment, dated; the three points are compared side by side. Pure functions over the
// portfolio and the catalogue; the ratings live in the ASYE record (model.hpp).
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/model.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

/// One step of the rating scale.
struct SelfRatingLevel {
    int32_t value;
    std::string_view label;   ///< "Developing"
    std::string_view meaning; ///< "I can do this with support"
};

/// Pathway's own four-step scale, 1 to kSelfRatingMax. Neither Skills for Care nor the KSS
/// publish a rating scale for the self-assessment, so this one is ours and says so.
std::span<const SelfRatingLevel> selfRatingScale();
/// "Developing" for 2; "" outside the scale.
std::string_view selfRatingLabel(int32_t rating);

/// The framework the portfolio self-assesses against (rules in assets/README.md,
/// "Self-assessment"): flagged `self_assessment`, for the profile's setting, in force on the
/// ASYE start (a version pinned in assessed_against wins). nullptr when there is none; `notice`
/// (optional) then, or when the choice is approximate, receives a sentence saying so.
const Framework* selfAssessmentFramework(const Portfolio& portfolio, const Catalog& catalog,
                                         std::string* notice = nullptr);

/// The rating shown for `item` at `point`: of the ratings kept for them (a merge of two
/// writers keeps both), the latest by recorded time, then date. nullptr when unrated.
const SelfRating* currentSelfRating(const AsyeRecord& record, SelfAssessmentPoint point,
                                    std::string_view item);
/// The practitioner rates `rating.item` at `rating.point`: it replaces every rating kept for
/// that point and item (so a re-rating settles two writers' ratings) or is added. Its recorded
/// time is kept in whole seconds, as the file holds it.
void setSelfRating(AsyeRecord& record, SelfRating rating);
/// Removes every rating of `item` at `point`; false when there was none.
bool clearSelfRating(AsyeRecord& record, SelfAssessmentPoint point, std::string_view item);

inline constexpr size_t kSelfAssessmentPointCount = std::size(kSelfAssessmentPoints);

struct SelfAssessmentCell {
    std::optional<SelfRating> rating; ///< the current one
    int32_t others = 0;               ///< further ratings kept for this point and item
};

struct SelfAssessmentRow {
    std::string tag;    ///< "kss-cf:3"
    std::string itemId; ///< "3"
    std::string title;
    bool confirmed = true; ///< false: a placeholder heading (the adult KSS's sections 1-9)
    std::array<SelfAssessmentCell, kSelfAssessmentPointCount> at; ///< start, mid, end
};

struct SelfAssessmentPointSummary {
    SelfAssessmentPoint point = SelfAssessmentPoint::Start;
    int32_t rated = 0; ///< items with a rating at this point
    int32_t items = 0; ///< items of the framework
    std::optional<Date> first, last; ///< the dates of those ratings
};

/// The self-assessment as the app, the export and `status --json` show it.
struct SelfAssessmentView {
    std::string framework; ///< "kss-cf"; empty when no framework applies
    std::string version;
    std::string title;
    std::optional<Date> frameworkEnds; ///< its valid_to
    std::vector<SelfAssessmentRow> rows; ///< every item of the framework, in reading order
    std::array<SelfAssessmentPointSummary, kSelfAssessmentPointCount> points;
    /// Ratings of items that are not in this framework (another setting's standards, an item
    /// since removed): kept in the portfolio and listed, never dropped.
    std::vector<SelfRating> elsewhere;
    std::vector<std::string> notices;
    int32_t rated() const; ///< ratings shown, over the three points
};

SelfAssessmentView selfAssessmentView(const Portfolio& portfolio, const Catalog& catalog);

/// The summary in `status --json` (assets/README.md, "Status JSON"): framework, scale, each
/// point's count and dates, each item's rating at each point (comments are left to exports).
nlohmann::json selfAssessmentToJson(const SelfAssessmentView& view);

} // namespace pathway::core
