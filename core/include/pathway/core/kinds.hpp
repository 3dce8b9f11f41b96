// What each kind of entry is: its id and name, the fields an editor shows, a file stores and the
// CLI accepts, how the app draws it and what LEAP2A calls it. One row per kind in kinds.cpp's
// kKinds, in the order of EntryKind (checked at compile time): adding a kind is a value in
// EntryKind (model.hpp) and a row there (ARCHITECTURE.md). This is Pathway's own file schema,
// so it lives in code; the regulator's rules about which fields make a CPD piece complete live
// in assets/rules, and the reflective models' stages in assets/models (see catalog.hpp).
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
    /// The choices are the catalogue's reflective models (assets/models), not `choices`: the
    /// store checks only that the value is an id; the app and the CLI offer the catalogue's.
    bool choicesFromModels = false;
};

/// A colour of the app's palette (ui/theme.hpp), named by its role: the UI maps it to the
/// light, dark or high-contrast value in use.
enum class Tone : uint8_t { Accent, Good, Warn, Bad, Text, Muted };
/// How the app draws a kind: `a` mixed with `b` by `mix` (0: `a` alone).
struct KindLook {
    uint32_t icon; ///< a Material Icons code point in ui/theme.hpp's icon list (its font atlas)
    Tone a = Tone::Muted;
    Tone b = Tone::Muted;
    float mix = 0;
};

struct KindSpec {
    EntryKind kind;
    std::string_view id;    ///< in files and on the CLI: "cpd"
    std::string_view label; ///< what the app shows: "CPD activity"
    std::string_view titleHint;
    std::span<const FieldSpec> fields;
    KindLook look;
    std::string_view leap2aType; ///< the LEAP2A type an export gives it: "leap2:activity"
    bool offeredToAdd = true;    ///< in the app's "Add an entry" chooser (Note is for imports)
};

/// Every kind, in the order of EntryKind (kinds()[i].kind == EntryKind(i)).
std::span<const KindSpec> kinds();
const KindSpec& kindSpec(EntryKind kind);
/// "cpd, reflection, supervision, ..." (for messages).
std::string kindIdList();
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
