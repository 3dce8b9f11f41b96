// Where a practitioner stands: Social Work England CPD for the registration year, ASYE reviews,
// evidence, supervision and protected time, framework coverage and the next career level.
// Pure: the same portfolio, catalogue and day always give the same answer (no clock inside).
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/date.hpp"
#include "pathway/core/development_plan.hpp"
#include "pathway/core/model.hpp"
#include "pathway/core/self_assessment.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pathway::core {

/// A CPD piece in the registration year that lacks something the rule asks for.
struct PieceCheck {
    std::string entryId;
    std::string title;
    Date date;
    bool peerIntended = false;        ///< a peer marker (e.g. peer_role) is filled
    std::vector<std::string> missing; ///< labels from the rule: "what you learnt"
};

/// A CPD piece identical to an earlier one (same title, date and text): it counts once.
struct DuplicatePiece {
    std::string entryId; ///< the later copy, not counted
    std::string sameAs;  ///< the piece that is counted
};

struct SweStatus {
    std::string ruleVersion;
    RegistrationYear year;
    std::string deadlineTime;    ///< "23:59"
    int32_t pieces = 0;          ///< different CPD entries dated in the year, up to today
    int32_t completePieces = 0;  ///< ... with every required field
    int32_t peerReflections = 0; ///< complete pieces that also have every peer field
    int32_t minPieces = 0;
    int32_t minPeerReflections = 0;
    double hours = 0;                 ///< sum of "hours" over the year's pieces
    bool ready = false;               ///< enough complete pieces and peer-reflected pieces
    std::vector<std::string> missing; ///< what stands between the user and ready; empty when ready
    std::vector<PieceCheck> incomplete; ///< every incomplete piece in the year, by date
    int64_t daysToDeadline = 0;         ///< from today to the deadline day (0 on the day)
    bool inRenewalWindow = false;
    int32_t planned = 0;                  ///< CPD entries in the year dated after today
    std::vector<DuplicatePiece> duplicates; ///< identical copies, counted once
    bool exempt = false;     ///< first renewal after joining on or after the rule's cut-off
    std::string exemptReason; ///< a sentence saying why; empty unless exempt
};

/// NotHeld: the ASYE has ended (stage past ASYE or a final outcome) without this review.
enum class ReviewState : uint8_t { Done, Overdue, DueSoon, Upcoming, NotHeld };
/// "done" | "overdue" | "due-soon" | "upcoming" | "not-held"
std::string_view reviewStateId(ReviewState s);

struct ReviewStatus {
    std::string id; ///< "3m", "6m", "9m", "final"
    std::string name;
    int32_t months = 0;
    bool optional = false;
    Date calculated; ///< start + months, pro rata
    Date due;        ///< calculated, moved off a weekend when the rule says so
    ReviewState state = ReviewState::Upcoming;
    std::optional<Date> doneOn;    ///< the earliest review entry for this stage, up to today
    std::optional<Date> plannedOn; ///< a review entry dated after today (when not done)
};

struct EvidenceStatus {
    std::string id;
    std::string label;
    int32_t have = 0;
    int32_t need = 0;
    int32_t planned = 0;   ///< matching entries dated after today (not counted)
    bool confirmed = true; ///< the rule's count is confirmed in a national source
};

struct SupervisionGap {
    Date from;
    Date to;
    int64_t days = 0;    ///< to - from
    int32_t allowed = 0; ///< cadence in force on `from`
    bool open = false;   ///< runs to today: no supervision logged since `from`
};

struct SupervisionSummary {
    int32_t count = 0;
    std::optional<Date> last;
    std::optional<Date> nextDue; ///< empty after the ASYE ends
    int32_t everyDays = 0;       ///< cadence in force today
    std::string cadenceLabel;
    int32_t planned = 0;             ///< sessions dated after today (not counted)
    std::optional<Date> nextPlanned; ///< the first of them
};

struct ProtectedTimeStatus {
    double hoursLogged = 0;
    double hoursExpectedToDate = 0;
    std::optional<double> fraction; ///< logged / expected; empty while nothing is expected
};

struct AsyeStatus {
    std::string ruleVersion;
    std::string programme; ///< the rule's programme name, or its title
    Date start;
    Date end;
    double fte = 1;
    std::vector<ReviewStatus> reviews;
    std::vector<EvidenceStatus> evidence;
    std::vector<SupervisionGap> supervisionGaps;
    SupervisionSummary supervision;
    ProtectedTimeStatus protectedTime;
    /// The ASYE is over (stage past ASYE, or a final outcome): nothing is overdue or late.
    bool closed = false;
    std::string closedReason; ///< a sentence; empty while open
    double fteNow = 1;        ///< the working-time fraction in force today (hours can change)
    Date plainEnd;            ///< the end without leave or an extension (pro rata only)
    int64_t leaveDays = 0;    ///< days of leave inside the year, which push its dates back
    std::optional<Date> extendedTo; ///< an extension's new end, when one is recorded
    AsyeRecord record;        ///< leave, hours changes, outcome and people, as recorded
    SelfAssessmentView selfAssessment; ///< against the setting's standards, start/mid/end
    DevelopmentPlan plan;              ///< goals per review period
};

/// An entry dated after today: planned, not yet evidence.
struct PlannedEntry {
    std::string entryId;
    EntryKind kind = EntryKind::Cpd;
    std::string title;
    Date date;
};

/// Evidence tagged against a framework that is not counted today: ended, not yet in force,
/// or for another setting. Listed so that nothing is silently dropped.
struct OutsideFramework {
    std::string tag;       ///< "kss-cf:3"
    std::string framework; ///< "kss-cf"
    std::string reason;    ///< "ended" | "not-yet-in-force" | "other-setting"
    int32_t count = 0;
    std::optional<Date> last;
};

struct CoverageCell {
    std::string tag; ///< "pcf:6"
    int32_t count = 0;
    std::optional<Date> last;
};

struct ProgressionStatus {
    CareerStage currentStage = CareerStage::Asye;
    std::optional<std::string> nextLevel; ///< PCF level id after the current stage
    std::optional<std::string> nextLevelName;
    std::vector<std::string> itemsWithoutEvidence; ///< PCF domain tags, nothing in 12 months
};

struct Status {
    Date today;
    std::optional<SweStatus> swe;       ///< empty only when the catalogue has no CPD rule
    std::optional<AsyeStatus> asye;     ///< when the profile has an ASYE start and a rule covers it
    std::vector<CoverageCell> coverage; ///< every item of the frameworks for the setting, in order
    ProgressionStatus progression;
    /// Versions used: framework or rule id -> version (what Portfolio::assessedAgainst records).
    std::map<std::string, std::string> assessedAgainst;
    std::vector<std::string> unknownTags; ///< tags naming no item in the catalogue (typos)
    std::vector<std::string> notices;     ///< sentences about approximations made
    std::vector<PlannedEntry> planned;    ///< entries (not goals) dated after today, by date
    std::vector<OutsideFramework> outsideFrameworks; ///< by tag
};

/// Everything the dashboards and `pathway-cli status` show. Versions pinned in
/// portfolio.assessedAgainst are used when the catalogue has them.
Status computeStatus(const Portfolio& portfolio, const Catalog& catalog, Date today);

/// The CLI contract; see the example in assets/README.md ("Status JSON").
nlohmann::json statusToJson(const Status& status);

} // namespace pathway::core
