// What each kind of entry holds: the fields an editor shows, a file stores and the CLI accepts.
// This is Pathway's own file schema, so it lives in code; the regulator's rules about which
// fields make a CPD piece complete live in assets/rules (see catalog.hpp).
#pragma once

#include "pathway/core/model.hpp"

#include <span>
#include <string_view>

namespace pathway::core {

enum class FieldType : uint8_t {
    Text,     ///< one line
    LongText, ///< paragraphs
    Number,   ///< decimal, stored as text, written to JSON as a number
    Date,     ///< YYYY-MM-DD
    Choice,   ///< one of FieldSpec::choices
    Flag,     ///< "yes" or "" (absent)
};

struct Choice {
    std::string_view id;
    std::string_view label;
};

struct FieldSpec {
    std::string_view key;   ///< stable id in files and on the CLI (--key or --field key=value)
    std::string_view label; ///< what the editor shows
    FieldType type = FieldType::Text;
    std::string_view guidance; ///< one sentence that helps the user write it
    std::span<const Choice> choices = {};
    double min = 0, max = 0; ///< for numbers
};

struct KindSpec {
    EntryKind kind;
    std::string_view titleHint;
    std::span<const FieldSpec> fields;
};

const KindSpec& kindSpec(EntryKind kind);
/// The field spec of `key` for `kind`, or nullptr. Reflection stage keys ("gibbs.feelings")
/// come from the reflective models in the catalog and are accepted as LongText.
const FieldSpec* findField(EntryKind kind, std::string_view key);

/// Field keys with a meaning the requirements engine relies on.
namespace field {
inline constexpr std::string_view kCpdType = "type";
inline constexpr std::string_view kHours = "hours";
inline constexpr std::string_view kDescription = "description";
inline constexpr std::string_view kLearned = "learned";
inline constexpr std::string_view kImpact = "impact";
inline constexpr std::string_view kPeerRole = "peer_role";
inline constexpr std::string_view kPeerLearned = "peer_learned";
inline constexpr std::string_view kProtectedTime = "protected_time";
inline constexpr std::string_view kModel = "model";
inline constexpr std::string_view kReviewPoint = "review_point";
inline constexpr std::string_view kMinutes = "minutes";
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kStage = "stage";
inline constexpr std::string_view kOutcome = "outcome";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kTargetDate = "target_date";
inline constexpr std::string_view kGoalReview = "review"; ///< a goal's review period (its plan)
} // namespace field

} // namespace pathway::core
