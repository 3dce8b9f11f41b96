#include "pathway/core/kinds.hpp"

#include <iterator>

namespace pathway::core {

namespace {

constexpr Choice kCpdTypes[] = {
    {"course", "Course or training"},
    {"e-learning", "E-learning"},
    {"reading", "Reading or research"},
    {"supervision", "Supervision"},
    {"shadowing", "Shadowing or observation"},
    {"conference", "Conference, seminar or webinar"},
    {"peer-learning", "Peer learning or reflective group"},
    {"feedback", "Feedback from people or colleagues"},
    {"project", "Project or practice development"},
    {"other", "Other"},
};

constexpr Choice kPeerRoles[] = {
    {"peer", "A peer (informal discussion)"},
    {"team-session", "A team reflective session"},
    {"supervisor", "Supervision with a manager"},
    {"training", "Discussion during training"},
    {"other", "Someone else"},
};

constexpr Choice kReviewPoints[] = {
    {"6m", "ASYE critical reflection at 6 months"},
    {"12m", "ASYE critical reflection at 12 months"},
};

constexpr Choice kFeedbackSources[] = {
    {"person", "A person who uses services"},
    {"professional", "Another professional"},
    {"peer", "A peer or colleague"},
};

constexpr Choice kReviewStages[] = {
    {"3m", "3-month review"},
    {"6m", "6-month (midpoint) review"},
    {"9m", "9-month review"},
    {"12m", "12-month review"},
    {"18m", "18-month review"},
    {"final", "Final review"},
};

constexpr Choice kReviewOutcomes[] = {
    {"on-track", "On track"},
    {"concerns", "Some concerns"},
    {"not-on-track", "Not on track"},
    {"pass", "Recommended pass"},
    {"fail", "Recommended fail"},
};

constexpr Choice kGoalStatuses[] = {
    {"not-started", "Not started"},
    {"in-progress", "In progress"},
    {"achieved", "Achieved"},
    {"dropped", "Dropped"},
};

constexpr FieldSpec kCpdFields[] = {
    {"type", "Type of CPD", FieldType::Choice, "What kind of learning activity was it?",
     kCpdTypes},
    {"hours", "Hours", FieldType::Number, "Time spent, in hours (e.g. 1.5).", {}, 0, 1000},
    {"description", "Description and relevance", FieldType::LongText,
     "Briefly describe the activity and why it is relevant to your practice."},
    {"learned", "What I learnt", FieldType::LongText,
     "What did you learn? Link it to theory or research where you can."},
    {"impact", "Impact on practice and people", FieldType::LongText,
     "How has it improved your practice, and the lives of the people you work with?"},
    {"peer_role", "Peer reflection with", FieldType::Choice,
     "Who did you discuss this learning with? Leave empty if you did not.", kPeerRoles},
    {"peer_learned", "What I learnt from the peer discussion", FieldType::LongText,
     "What did talking it through with a colleague add? Needed for your peer-reflected piece."},
    {"protected_time", "Used protected development time", FieldType::Flag,
     "Tick if this came out of your ASYE protected development time."},
};

constexpr FieldSpec kReflectionFields[] = {
    {"model", "Reflective model", FieldType::Choice,
     "Choose a model; switching keeps what you have written.", {}, 0, 0, true},
    {"review_point", "ASYE critical reflection", FieldType::Choice,
     "Mark the reflection you submit at the 6- or 12-month review.", kReviewPoints},
};

constexpr FieldSpec kSupervisionFields[] = {
    {"minutes", "Length (minutes)", FieldType::Number, "How long the session lasted.", {}, 0,
     1440},
    {"supervisor_role", "Supervisor", FieldType::Text,
     "Their role, not their name (e.g. team manager, practice supervisor)."},
    {"themes", "Themes discussed", FieldType::LongText,
     "Cases in outline (no names), wellbeing, learning and development."},
    {"actions", "Actions agreed", FieldType::LongText, "Who will do what, by when."},
};

constexpr FieldSpec kObservationFields[] = {
    {"observer_role", "Observer", FieldType::Text, "Their role (e.g. ASYE assessor)."},
    {"context", "What was observed", FieldType::LongText,
     "The setting and purpose of the visit or meeting, without identifying anyone."},
    {"went_well", "What went well", FieldType::LongText, ""},
    {"to_develop", "To develop", FieldType::LongText, ""},
};

constexpr FieldSpec kFeedbackFields[] = {
    {"source", "Feedback from", FieldType::Choice,
     "Who gave it. Never record their name or details.", kFeedbackSources},
    {"summary", "What they said", FieldType::LongText,
     "In their words where you can, with nothing that identifies them."},
    {"response", "What I take from it", FieldType::LongText, ""},
};

constexpr FieldSpec kWrittenFields[] = {
    {"work_type", "Type of work", FieldType::Text,
     "e.g. assessment, court report, care plan, case summary."},
    {"summary", "Summary", FieldType::LongText,
     "What the piece was for; keep the anonymised copy outside Pathway and reference it."},
    {"assessor_comments", "Assessor's comments", FieldType::LongText, ""},
};

constexpr FieldSpec kReviewFields[] = {
    {"stage", "Review", FieldType::Choice, "Which ASYE review this records.", kReviewStages},
    {"outcome", "Outcome", FieldType::Choice, "", kReviewOutcomes},
    {"notes", "Notes", FieldType::LongText, "Progress discussed and evidence seen."},
    {"actions", "Actions", FieldType::LongText, "Agreed development actions."},
};

constexpr FieldSpec kGoalFields[] = {
    {"review", "Review period", FieldType::Choice,
     "The review this goal is for (your development plan): it is looked at there.", kReviewStages},
    {"status", "Status", FieldType::Choice, "", kGoalStatuses},
    {"target_date", "Target date", FieldType::Date, "When you aim to achieve it."},
    {"description", "What I want to achieve", FieldType::LongText, ""},
    {"plan", "How I will get there", FieldType::LongText, "Activities, support, evidence."},
};

constexpr FieldSpec kNoteFields[] = {
    {"body", "Text", FieldType::LongText, ""},
};

// Material Icons code points (ui/theme.hpp lists them with their names).
constexpr uint32_t kIconSchool = 0xE80C, kIconPsychology = 0xEA4A, kIconGroup = 0xE7EF,
                   kIconEvent = 0xE878, kIconComment = 0xE0B9, kIconEdit = 0xE3C9,
                   kIconReview = 0xE560, kIconTimeline = 0xE922, kIconLabel = 0xE892;

using T = Tone;
constexpr KindSpec kKinds[] = {
    {EntryKind::Cpd, "cpd", "CPD activity", "e.g. Child development refresher", kCpdFields,
     {kIconSchool, T::Accent}, "leap2:activity"},
    {EntryKind::Reflection, "reflection", "Reflection", "e.g. A difficult home visit",
     kReflectionFields, {kIconPsychology, T::Accent, T::Bad, 0.55f}, "leap2:entry"},
    {EntryKind::Supervision, "supervision", "Supervision", "e.g. Supervision with team manager",
     kSupervisionFields, {kIconGroup, T::Good}, "leap2:meeting"},
    {EntryKind::Observation, "observation", "Direct observation",
     "e.g. Observed child and family assessment visit", kObservationFields,
     {kIconEvent, T::Warn}, "leap2:meeting"},
    {EntryKind::Feedback, "feedback", "Feedback", "e.g. Feedback after a review meeting",
     kFeedbackFields, {kIconComment, T::Good, T::Accent, 0.5f}, "leap2:entry"},
    {EntryKind::Written, "written", "Assessed written work", "e.g. Single assessment",
     kWrittenFields, {kIconEdit, T::Warn, T::Bad, 0.4f}, "leap2:entry"},
    {EntryKind::Review, "review", "Review", "e.g. 3-month review", kReviewFields,
     {kIconReview, T::Accent, T::Text, 0.4f}, "leap2:meeting"},
    {EntryKind::Goal, "goal", "Development goal", "e.g. Build confidence in court work",
     kGoalFields, {kIconTimeline, T::Muted}, "leap2:plan"},
    {EntryKind::Note, "note", "Note", "", kNoteFields, {kIconLabel, T::Muted}, "leap2:entry",
     false},
};
static_assert(std::size(kKinds) == kKindCount, "one row in kKinds for each EntryKind");
constexpr bool inEnumOrder() {
    for (size_t i = 0; i < std::size(kKinds); ++i)
        if (kKinds[i].kind != static_cast<EntryKind>(i) || kKinds[i].id.empty() ||
            kKinds[i].label.empty() || kKinds[i].fields.empty() || kKinds[i].leap2aType.empty())
            return false;
    return true;
}
static_assert(inEnumOrder(), "kKinds rows in EntryKind order, each with id, label, fields, LEAP2A type");

constexpr FieldSpec kReflectionStage{"", "", FieldType::LongText, ""};

} // namespace

std::span<const KindSpec> kinds() { return kKinds; }
const KindSpec& kindSpec(EntryKind kind) { return kKinds[static_cast<size_t>(kind)]; }
std::string_view kindId(EntryKind kind) { return kindSpec(kind).id; }
std::string_view kindLabel(EntryKind kind) { return kindSpec(kind).label; }
std::optional<EntryKind> parseKind(std::string_view id) {
    for (const auto& k : kKinds)
        if (k.id == id) return k.kind;
    return std::nullopt;
}
std::string kindIdList() {
    std::string out;
    for (const auto& k : kKinds) out += (out.empty() ? "" : ", ") + std::string(k.id);
    return out;
}

const FieldSpec* findField(EntryKind kind, std::string_view key) {
    for (const auto& f : kindSpec(kind).fields)
        if (f.key == key) return &f;
    // "model.stage" keys hold reflective-model text (stages come from the catalog).
    if (kind == EntryKind::Reflection && key.find('.') != std::string_view::npos &&
        key.front() != '.' && key.back() != '.')
        return &kReflectionStage;
    return nullptr;
}

} // namespace pathway::core
