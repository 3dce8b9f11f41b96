// The portfolio: a practitioner's profile and the evidence they record.
// Plain data; changes go through Store (store.hpp) so they can be validated and undone.
#pragma once

#include "pathway/core/date.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

enum class EntryKind : uint8_t {
    Cpd,
    Reflection,
    Supervision,
    Observation,
    Feedback,
    Written,
    Review,
    Goal,
    Note, ///< anything imported that has no better home; add new kinds before it
};
/// Each kind is described once, by its row in kinds.cpp (kinds.hpp): id, name, fields, look.
inline constexpr size_t kKindCount = static_cast<size_t>(EntryKind::Note) + 1;
inline constexpr auto kAllKinds = [] {
    std::array<EntryKind, kKindCount> all{};
    for (size_t i = 0; i < kKindCount; ++i) all[i] = static_cast<EntryKind>(i);
    return all;
}();

std::string_view kindId(EntryKind kind);     ///< "cpd", "reflection", ... (kinds.cpp)
std::string_view kindLabel(EntryKind kind);  ///< "CPD activity", "Reflection", ...
std::optional<EntryKind> parseKind(std::string_view id);

enum class Setting : uint8_t { ChildrenAndFamilies, Adults };
std::string_view settingId(Setting s); ///< "children" | "adults"
std::optional<Setting> parseSetting(std::string_view id);

/// Career stages, in order; the first five ids match the PCF level ids in
/// assets/frameworks/pcf.json. Practice educator (PEPS stages 1 and 2) and consultant social
/// worker are roles beyond them, not PCF levels.
enum class CareerStage : uint8_t {
    Asye,
    SocialWorker,
    Experienced,
    Advanced,
    Strategic,
    PracticeEducator,
    Consultant
};
std::string_view stageId(CareerStage s); ///< "asye", "social-worker", ...
std::string_view stageLabel(CareerStage s);
std::optional<CareerStage> parseStage(std::string_view id);

/// Why the ASYE clock stopped for a while.
enum class LeaveKind : uint8_t { Maternity, Sickness, Other };
std::string_view leaveKindId(LeaveKind k); ///< "maternity" | "sickness" | "other"
std::optional<LeaveKind> parseLeaveKind(std::string_view id);

/// A period of leave that pauses the ASYE: [from, to], both inclusive.
struct LeavePeriod {
    Date from;
    Date to;
    LeaveKind kind = LeaveKind::Other;
    std::string note;
    bool operator==(const LeavePeriod&) const = default;
};

/// Contracted hours change: from this day the working-time fraction is `fte`.
struct FteChange {
    Date from;
    double fte = 1.0;
    bool operator==(const FteChange&) const = default;
};

/// An ASYE decision: the assessor's recommendation, internal moderation's, or the final one.
enum class AsyeDecision : uint8_t { Pass, Fail, Extend };
std::string_view asyeDecisionId(AsyeDecision d); ///< "pass" | "fail" | "extend"
std::optional<AsyeDecision> parseAsyeDecision(std::string_view id);

struct AsyeDecisionRecord {
    AsyeDecision decision = AsyeDecision::Pass;
    Date date;
    std::string by;                ///< who decided (an assessor, the moderation panel, ...)
    std::optional<Date> newEnd;    ///< for an extension: the new end of the year
    std::string note;
    bool operator==(const AsyeDecisionRecord&) const = default;
};

struct AsyeOutcome {
    std::optional<AsyeDecisionRecord> recommendation; ///< the assessor's
    std::optional<AsyeDecisionRecord> moderation;     ///< internal moderation's
    std::optional<AsyeDecisionRecord> final;          ///< recorded by the employer
    bool operator==(const AsyeOutcome&) const = default;
};

enum class AsyeRole : uint8_t { Supervisor, Assessor };
std::string_view asyeRoleId(AsyeRole r); ///< "supervisor" | "assessor"
std::optional<AsyeRole> parseAsyeRole(std::string_view id);

/// Who supervises and who assesses (supervision should be given by a registered social worker).
struct AsyePerson {
    AsyeRole role = AsyeRole::Supervisor;
    std::string name;
    bool registeredSocialWorker = false;
    bool operator==(const AsyePerson&) const = default;
};

/// When in the ASYE the practitioner self-assesses against the standards (Skills for Care:
/// at the start, midway and at the end).
enum class SelfAssessmentPoint : uint8_t { Start, Mid, End };
inline constexpr SelfAssessmentPoint kSelfAssessmentPoints[] = {
    SelfAssessmentPoint::Start, SelfAssessmentPoint::Mid, SelfAssessmentPoint::End};
std::string_view selfAssessmentPointId(SelfAssessmentPoint p);    ///< "start" | "mid" | "end"
std::string_view selfAssessmentPointLabel(SelfAssessmentPoint p); ///< "Start" | "Midway" | "End"
std::optional<SelfAssessmentPoint> parseSelfAssessmentPoint(std::string_view id);

/// Pathway's own self-rating scale (not a published one): 1 to kSelfRatingMax, named by
/// selfRatingLabel in self_assessment.hpp.
inline constexpr int32_t kSelfRatingMax = 4;
/// A self-assessment comment is short: at most this many characters (code points).
inline constexpr size_t kSelfCommentMaxChars = 1000;

/// One item of the standards rated at one point, with a short comment, dated. Pathway writes
/// one per point and item; a merge of two writers who both rated it keeps both, and the later
/// (atMs, then date) is the one shown.
struct SelfRating {
    SelfAssessmentPoint point = SelfAssessmentPoint::Start;
    std::string item; ///< the framework item as a tag: "kss-cf:3"
    int32_t rating = 1;
    std::string comment;
    Date date;        ///< the day of the self-assessment
    int64_t atMs = 0; ///< when it was recorded
    bool operator==(const SelfRating&) const = default;
};

/// The ASYE as it was lived: leave, hours that changed, the outcome, the people and the
/// self-assessment. Kept as history after the practitioner moves on.
struct AsyeRecord {
    std::vector<LeavePeriod> leave;
    std::vector<FteChange> fteChanges;
    AsyeOutcome outcome;
    std::vector<AsyePerson> people;
    std::vector<SelfRating> selfAssessment; ///< schema 4
    nlohmann::json extra = nlohmann::json::object(); ///< fields from newer versions, kept
    bool empty() const {
        return leave.empty() && fteChanges.empty() && !outcome.recommendation &&
               !outcome.moderation && !outcome.final && people.empty() &&
               selfAssessment.empty() && extra.empty();
    }
    bool operator==(const AsyeRecord&) const = default;
};

struct Profile {
    std::string name;
    std::string registrationNumber; ///< "SW" followed by digits, or empty
    std::string employer;
    std::string team;
    Setting setting = Setting::ChildrenAndFamilies;
    CareerStage stage = CareerStage::Asye;
    std::optional<Date> asyeStart;
    double fte = 1.0; ///< working-time fraction, (0, 1]
    /// When the practitioner joined (or restored to) Social Work England's register, if known.
    std::optional<Date> registeredOn;
    AsyeRecord asye; ///< leave, hours changes, outcome, supervisor and assessor
    nlohmann::json extra = nlohmann::json::object(); ///< fields from newer versions, kept

    bool operator==(const Profile&) const = default;
};

/// Records the final outcome; a pass moves an ASYE portfolio on to the Social Worker stage
/// (the ASYE stays as history in `asye`).
Profile withFinalOutcome(Profile profile, AsyeDecisionRecord final);

/// True for "SW" + 1 to 10 digits (Social Work England's format, e.g. SW123456).
bool isValidRegistrationNumber(std::string_view reg);

struct Attachment {
    std::string name; ///< what the user calls it
    std::string ref;  ///< where it lives (path, URL or note); Pathway stores references only
    bool operator==(const Attachment&) const = default;
};

/// One piece of evidence. Kind-specific values live in `fields`, keyed by FieldSpec::key
/// (see kinds.hpp); keeping them in one map lets a reflection switch model without losing text.
struct Entry {
    std::string id; ///< UUID, stable for life
    EntryKind kind = EntryKind::Cpd;
    std::string title;
    Date date;
    int64_t createdMs = 0;
    int64_t updatedMs = 0;
    std::map<std::string, std::string> fields;
    std::vector<std::string> tags;  ///< "framework:item", e.g. "pcf:6", "swe:4.6"
    std::vector<std::string> links; ///< ids of related entries
    std::vector<Attachment> attachments;
    nlohmann::json extra = nlohmann::json::object(); ///< fields from newer versions, kept

    /// The field's text, or "" when absent.
    const std::string& field(std::string_view key) const;
    bool has(std::string_view key) const; ///< present and not blank
    /// Number field as a double; nullopt when absent or not a number.
    std::optional<double> number(std::string_view key) const;
    bool operator==(const Entry&) const = default;
};

/// A reviewer's Ed25519 signature over a comment or sign-off (see signing.hpp); all empty when
/// the item is unsigned (older files, imports, a reviewer without a key).
struct ReviewSeal {
    std::string publicKey;    ///< the reviewer's public key, hex
    std::string organisation; ///< from the reviewer's card
    std::string practitioner; ///< the portfolio owner's name as the reviewer signed it
    std::string signature;    ///< hex
    bool operator==(const ReviewSeal&) const = default;
};

/// A mentor's or assessor's word on an entry (filled in by review files).
struct Comment {
    std::string id;
    std::string entryId;
    std::string author;
    std::string role;
    std::string text;
    bool requestsEvidence = false; ///< "please add more evidence"
    std::string outcome; ///< a review outcome ("on-track", "pass", ...) or "" for a comment
    int64_t atMs = 0;
    std::string entryHash; ///< the entry's content hash when written ("" in older files)
    ReviewSeal seal;
    bool operator==(const Comment&) const = default;
};

/// A sign-off binds a reviewer to the entry's content at that moment (see integrity.hpp).
struct SignOff {
    std::string entryId;
    std::string reviewer;
    std::string role;
    std::string contentHash; ///< SHA-256 hex of the entry's canonical content
    int64_t atMs = 0;
    ReviewSeal seal;
    int64_t withdrawnMs = 0;     ///< when the practitioner withdrew it (0: in force)
    std::string withdrawnReason; ///< why, in the practitioner's words
    bool operator==(const SignOff&) const = default;
};

/// What is left of a deleted entry (schema 2): its id and when it was deleted, so that a merge
/// with an older copy (another tab, a backup, a second device) never brings it back. Undo of
/// the delete removes it. Kept sorted by id.
struct Tombstone {
    std::string id;
    int64_t deletedMs = 0;
    bool operator==(const Tombstone&) const = default;
};

struct Portfolio {
    Profile profile;
    std::vector<Entry> entries;
    std::vector<Tombstone> tombstones; ///< deleted entries, sorted by id (see Tombstone)
    /// How many times this file has been saved (schema 2). A save writes one more than the
    /// larger of what it read and what is stored; sync (a later issue) compares it. Plain data:
    /// Session keeps it, nothing else needs to.
    int64_t revision = 0;
    std::vector<Comment> comments;
    std::vector<SignOff> signOffs;
    /// Which framework/rule versions the portfolio was assessed against: id -> version.
    std::map<std::string, std::string> assessedAgainst;
    nlohmann::json extra = nlohmann::json::object(); ///< top-level fields from newer versions

    const Entry* find(std::string_view id) const;
    Entry* find(std::string_view id);
    std::optional<size_t> indexOf(std::string_view id) const;
    bool isDeleted(std::string_view id) const; ///< a tombstone holds this id
    bool operator==(const Portfolio&) const = default;
};

/// Records that entry `id` was deleted at `atMs`, keeping the list sorted; a tombstone already
/// there keeps the later time.
void addTombstone(Portfolio& portfolio, std::string_view id, int64_t atMs);
/// Removes the tombstone of `id` (undo of a delete); false when there was none.
bool removeTombstone(Portfolio& portfolio, std::string_view id);

} // namespace pathway::core
