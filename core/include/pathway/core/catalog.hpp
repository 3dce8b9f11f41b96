// The catalogue: frameworks evidence is mapped to, the regulator's CPD rule, the ASYE rule and
// the reflective models, all read from versioned data files (assets/README.md describes the
// formats). The built-in files are compiled in; an academy adds its own with addFile().
// Loading never throws: every failure is "file: field: problem".
#pragma once

#include "pathway/core/date.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

inline constexpr std::string_view kFrameworkFormat = "pathway-framework/1";
inline constexpr std::string_view kSweCpdRuleFormat = "pathway-swe-cpd-rule/1";
inline constexpr std::string_view kAsyeRuleFormat = "pathway-asye-rule/1";
inline constexpr std::string_view kReflectiveModelsFormat = "pathway-reflective-models/1";
inline constexpr std::string_view kBankHolidaysFormat = "pathway-bank-holidays/1";
/// Catalogue files larger than this are refused before parsing.
inline constexpr size_t kMaxCatalogFileBytes = 4u * 1024u * 1024u;

/// A value read from a file, or the reason it could not be ("pcf.json: items[3].id: missing").
template <class T> struct Parsed {
    std::optional<T> value;
    std::string error;
    bool ok() const { return value.has_value(); }
};

/// Who and what a file's content comes from (a citation, not a link).
struct SourceRef {
    std::string publisher;
    std::string reference;
    bool operator==(const SourceRef&) const = default;
};

/// Which practice setting a framework applies to.
enum class Applicability : uint8_t { Any, Children, Adults };
std::string_view applicabilityId(Applicability a); ///< "any" | "children" | "adults"
bool appliesTo(Applicability a, Setting s);

// ---------------------------------------------------------------------------------------------
// Frameworks

struct FrameworkLevel {
    std::string id;   ///< PCF: "entry" ... "asye", "social-worker", ... (CareerStage ids)
    std::string name; ///< "Experienced Social Worker"
    bool operator==(const FrameworkLevel&) const = default;
};

struct FrameworkGroup {
    std::string id;    ///< "purpose"
    std::string title; ///< "Purpose"
    bool operator==(const FrameworkGroup&) const = default;
};

struct FrameworkItem {
    std::string id;             ///< stable within the framework: "6", "4.6"
    std::string title;          ///< "Critical reflection and analysis"
    std::string group;          ///< a FrameworkGroup id, or ""
    std::string parent;         ///< an item id for sub-items (SWE 4.6 -> "4"), or ""
    std::string description;    ///< optional longer text
    bool confirmed = true;      ///< false: a placeholder whose heading is not yet checked
    bool groupConfirmed = true; ///< false: the group assignment is not yet checked
    bool operator==(const FrameworkItem&) const = default;
};

struct Framework {
    std::string id;      ///< stable: "pcf", "kss-cf", "kss-adults", "swe"
    std::string version; ///< a label ("2018"); versions are ordered by validFrom
    std::string title;
    std::string shortTitle; ///< for narrow screens; falls back to title
    SourceRef source;
    Date validFrom;
    std::optional<Date> validTo; ///< inclusive; empty = still in force
    Applicability appliesTo = Applicability::Any;
    int32_t displayOrder = 100;         ///< lower first when listing frameworks
    /// The standards an early-career practitioner self-assesses against at the start, midway
    /// and end (the KSS for child and family, the adult KSS; an academy's own file may say so).
    bool selfAssessment = false;
    std::vector<std::string> notes;     ///< provenance and caveats, shown to curious users
    std::vector<FrameworkLevel> levels; ///< ordered, lowest first
    std::vector<FrameworkGroup> groups;
    std::vector<FrameworkItem> items; ///< in reading order

    const FrameworkItem* item(std::string_view itemId) const;
    const FrameworkLevel* level(std::string_view levelId) const;
    /// Index of a level in `levels`, or nullopt.
    std::optional<size_t> levelIndex(std::string_view levelId) const;
    bool validOn(Date date) const { return validFrom <= date && (!validTo || date <= *validTo); }
    /// "pcf:6"
    std::string tag(const FrameworkItem& item) const { return id + ":" + item.id; }
    bool operator==(const Framework&) const = default;
};

/// Reads a framework file ("pathway-framework/1"). Errors name the file and the field.
Parsed<Framework> loadFramework(std::string_view bytes, std::string_view fileName);
/// Checks a framework built in code: ids, dates, groups, parents. "" when fine, else
/// "field: problem" (e.g. "items[4].parent: \"7\" is not an item of this framework").
std::string validateFramework(const Framework& framework);

/// Splits "pcf:6" into {"pcf", "6"}; nullopt when it is not framework:item.
std::optional<std::pair<std::string_view, std::string_view>> splitTag(std::string_view tag);

// ---------------------------------------------------------------------------------------------
// Rules

/// A day of the year without a year ("12-01"); never 29 February.
struct MonthDay {
    int32_t month = 1;
    int32_t day = 1;
    /// This month-day in `year`.
    Date in(int32_t year) const { return Date{year, month, day}; }
    /// The first occurrence on or after `from`.
    Date onOrAfter(Date from) const;
    std::string toString() const; ///< "12-01"
    bool operator==(const MonthDay&) const = default;
};

/// A field a CPD piece must have, with the words used in "missing" messages.
struct RequiredField {
    std::string key;   ///< a CPD field key (kinds.hpp), or "title" / "date"
    std::string label; ///< "what you learnt"
    bool operator==(const RequiredField&) const = default;
};

/// One registration year: [start, end], both inclusive.
struct RegistrationYear {
    Date start;
    Date end;
    Date renewalOpens;
    Date deadline;
    std::string label() const; ///< "2025-12-01/2026-11-30"
};

/// Social Work England's CPD rule for registration renewal ("pathway-swe-cpd-rule/1").
/// What every rule file starts with: which rule, which version of it, where it comes from and
/// when it is in force (read by one function in catalog.cpp for every kind of rule).
struct RuleHeader {
    std::string id;
    std::string version;
    std::string title;
    SourceRef source;
    Date validFrom;
    std::optional<Date> validTo;
    std::vector<std::string> notes;

    bool validOn(Date date) const { return validFrom <= date && (!validTo || date <= *validTo); }
};

struct SweCpdRule : RuleHeader {
    SweCpdRule() { id = "swe-cpd"; }
    MonthDay yearStart{12, 1};
    MonthDay renewalOpens{9, 1};
    MonthDay deadline{11, 30};
    std::string deadlineTime = "23:59"; ///< local time on the deadline day, "HH:MM"
    int32_t minPieces = 2;
    int32_t minPeerReflections = 1;
    EntryKind pieceKind = EntryKind::Cpd;
    std::vector<RequiredField> requiredFields; ///< every piece
    std::vector<RequiredField> peerFields;     ///< also needed by a peer-reflected piece
    /// Any of these filled marks a piece as meant to be peer-reflected (so its missing peer
    /// fields are reported).
    std::vector<std::string> peerMarkers;
    /// Joining (or restoring to) the register on or after this day of the registration year
    /// exempts that first renewal from CPD; empty when the rule has no such exemption.
    std::optional<MonthDay> firstYearExemptFrom;

    /// The registration year containing `date`.
    RegistrationYear yearContaining(Date date) const;
};

/// Where a duration is measured from the ASYE start: whole days, weeks or calendar months, or
/// a review of the rule (the supervision template's "until the six-month review").
struct Offset {
    enum class Unit : uint8_t { Days, Weeks, Months, Review };
    Unit unit = Unit::Months;
    int32_t amount = 0;
    std::string review; ///< a review id, for Unit::Review
    bool operator==(const Offset&) const = default;
};

struct AsyeSettingRule {
    Setting setting = Setting::ChildrenAndFamilies;
    std::optional<Date> startFrom;   ///< only starts on or after this day follow the rule
    std::optional<Date> startBefore; ///< only starts before this day follow the rule
    bool operator==(const AsyeSettingRule&) const = default;
};

struct AsyeReview {
    std::string id;   ///< matches the review entry's "stage" choice: "3m", "6m", "9m", "final"
    std::string name; ///< "6-month (midpoint) review"
    int32_t months = 0;
    bool optional = false;
    bool operator==(const AsyeReview&) const = default;
};

/// "3 pieces of feedback from people who use services": entries of `kind` whose fields equal
/// every pair in `where`.
struct AsyeEvidence {
    std::string id;
    std::string label;
    EntryKind kind = EntryKind::Observation;
    std::vector<std::pair<std::string, std::string>> where;
    int32_t need = 1;
    bool confirmed = true; ///< false: a commonly used count not confirmed in a national source
    bool operator==(const AsyeEvidence&) const = default;
};

struct SupervisionPeriod {
    std::optional<Offset> until; ///< empty: to the end of the year
    int32_t everyDays = 7;
    std::string label;
    bool operator==(const SupervisionPeriod&) const = default;
};

struct BankHolidays;

/// The ASYE rule ("pathway-asye-rule/1"). Dates scale for part-time work (see
/// assets/README.md, "ASYE dates").
struct AsyeRule : RuleHeader {
    AsyeRule() { id = "asye"; }
    std::vector<AsyeSettingRule> appliesTo;
    int32_t durationMonths = 12;
    bool extendProRata = true;
    bool weekendToMonday = true; ///< "next-monday" or "next-working-day"; false for "keep"
    /// A bank-holiday calendar id ("england-and-wales"): review dates also move off its days
    /// (with "next-working-day"). Empty: weekends only.
    std::string bankHolidays;
    int32_t dueSoonDays = 14;
    std::vector<AsyeReview> reviews;
    std::vector<AsyeEvidence> evidence;
    EntryKind supervisionKind = EntryKind::Supervision;
    bool supervisionScalesWithFte = false;
    std::vector<SupervisionPeriod> supervision; ///< in order; the last has no `until`
    double protectedFraction = 0.1;
    double fullTimeWeeklyHours = 37;
    EntryKind protectedKind = EntryKind::Cpd;
    std::string protectedFlagField = "protected_time";
    std::string protectedHoursField = "hours";

    /// The programme's name when it is not the ASYE ("Early Career Development Programme").
    std::string programme;
    /// Whether a start on `start` in `setting` follows this rule.
    bool appliesToStart(Setting setting, Date start) const;
    /// start + `offset` in calendar terms (a review offset: that review's months), full time.
    Date calendar(Date start, const Offset& offset) const;
    /// start + `offset` stretched pro rata: ceil(days(start, start + offset) / fte) days.
    /// With fte 1 (or extendProRata false) this is plain calendar arithmetic.
    Date scaled(Date start, Offset offset, double fte) const;
    /// The day the (pro-rata) duration is complete; the final review falls due then.
    Date end(Date start, double fte) const;
    /// A review's calculated date, before any weekend move.
    Date reviewCalculated(const AsyeReview& review, Date start, double fte) const;
    /// The calculated date moved off a weekend (to Monday) when the rule says so, and off the
    /// days of `holidays` when given.
    Date reviewDue(const AsyeReview& review, Date start, double fte,
                   const BankHolidays* holidays = nullptr) const;
    /// `d` moved to the next working day: past weekends (unless "keep") and `holidays`.
    Date nextWorkingDay(Date d, const BankHolidays* holidays) const;
    /// The review with this id, or nullptr.
    const AsyeReview* review(std::string_view id) const;
    /// The supervision period in force on `date` (periods that end at a review use the
    /// review's calculated date here; computeStatus uses its due date with leave).
    const SupervisionPeriod& supervisionAt(Date start, double fte, Date date) const;
};

/// One bank holiday.
struct BankHoliday {
    Date date;
    std::string name;
    bool substitute = false; ///< a substitute day for one that fell on a weekend
    bool operator==(const BankHoliday&) const = default;
};

/// A bank-holiday calendar ("pathway-bank-holidays/1"); validFrom..validTo is the span the
/// list covers (a date outside it has unknown holidays).
struct BankHolidays : RuleHeader {
    std::vector<BankHoliday> days; ///< sorted by date
    bool covers(Date d) const { return validOn(d); }
    bool isHoliday(Date d) const;
    const BankHoliday* holiday(Date d) const;
};
Parsed<BankHolidays> loadBankHolidays(std::string_view bytes, std::string_view fileName);

Parsed<SweCpdRule> loadSweCpdRule(std::string_view bytes, std::string_view fileName);
Parsed<AsyeRule> loadAsyeRule(std::string_view bytes, std::string_view fileName);

// ---------------------------------------------------------------------------------------------
// Reflective models

struct ReflectiveStage {
    std::string key;    ///< the reflection field key: "gibbs.action_plan"
    std::string name;   ///< "Action plan"
    std::string prompt; ///< one sentence to help the writer
    bool operator==(const ReflectiveStage&) const = default;
};

struct ReflectiveModel {
    std::string id; ///< matches the reflection "model" choice: gibbs, kolb, driscoll, schon
    std::string name;
    std::string shortName; ///< for a narrow control ("Gibbs"): the file's "short", else name
    std::string source;    ///< citation
    std::vector<ReflectiveStage> stages;
    const ReflectiveStage* stage(std::string_view key) const;
    bool operator==(const ReflectiveModel&) const = default;
};

Parsed<std::vector<ReflectiveModel>> loadReflectiveModels(std::string_view bytes,
                                                          std::string_view fileName);

// ---------------------------------------------------------------------------------------------
// The catalogue

/// A catalogue file added to the built-ins: an academy's framework or programme rule, given
/// to the CLI with --catalog or added in the app's Settings (kept with the user's data).
struct CatalogFile {
    std::string name;  ///< for messages and for keeping it ("early-career-2027.json")
    std::string bytes; ///< the file as read
    bool operator==(const CatalogFile&) const = default;
};

/// One choice of a choice field, as the catalogue offers it (see Catalog::choicesOf).
struct FieldChoice {
    std::string id;
    std::string label;
    std::string shortLabel; ///< for a narrow control; the label when there is no shorter one
};

class Catalog {
  public:
    /// The embedded assets, loaded once on first use (later calls are free). Problems with an
    /// embedded file are kept in loadErrors() (a test asserts there are none). The factory of
    /// the built-ins only: code that reads the catalogue takes a `const Catalog&` (the app's
    /// from Session::catalog(), the CLI's from its --catalog files) so that added files count.
    static const Catalog& builtin();
    /// Loads the embedded assets afresh (what builtin() caches).
    static Catalog loadBuiltin();

    /// Adds any catalogue file, chosen by its "format". "" on success, else the error (and
    /// nothing changes).
    std::string addFile(std::string_view bytes, std::string_view fileName);
    /// Adds `files` in order, all or none: "" on success, else the first file's error
    /// ("ecf.json: items[3].id: missing") and the catalogue is left as it was.
    std::string addFiles(const std::vector<CatalogFile>& files);
    /// Adds a framework: replaces the one with the same id and version, keeps other versions.
    /// "" on success, else validateFramework's message.
    std::string addFramework(Framework framework);
    void addSweCpdRule(SweCpdRule rule);            ///< replaces the same version
    void addAsyeRule(AsyeRule rule);                ///< replaces the same version
    void addReflectiveModel(ReflectiveModel model); ///< replaces the same id
    void addBankHolidays(BankHolidays calendar);    ///< replaces the same id and version

    /// All framework versions, ordered by displayOrder, id, then validFrom.
    const std::vector<Framework>& frameworks() const { return m_frameworks; }
    /// The newest version (latest validFrom) of a framework, or nullptr.
    const Framework* framework(std::string_view id) const;
    /// The version in force on `date`, or nullptr when none is.
    const Framework* framework(std::string_view id, Date date) const;
    const Framework* frameworkVersion(std::string_view id, std::string_view version) const;
    /// One version per framework id: those in force on `date` for `setting`, in display order.
    std::vector<const Framework*> frameworksFor(Setting setting, Date date) const;

    /// "pcf:6" -> the item, looking in the newest version first, then older ones; or nullptr.
    const FrameworkItem* findItem(std::string_view tag) const;
    /// The item in the version in force on `date`, or nullptr.
    const FrameworkItem* findItem(std::string_view tag, Date date) const;

    const std::vector<SweCpdRule>& sweCpdRules() const { return m_sweCpd; }
    const std::vector<AsyeRule>& asyeRules() const { return m_asye; }
    /// The version in force on `date`; when none is, the closest (the earliest version for a
    /// date before them all, else the latest one started before the date). nullptr when empty.
    /// `exact` (optional) says whether the version is really in force on the date.
    const SweCpdRule* sweCpdRule(Date date, bool* exact = nullptr) const;
    const AsyeRule* asyeRule(Date date, bool* exact = nullptr) const;
    /// The newest programme rule in force on `start` that covers a start in `setting`
    /// (programmes as data: the two-year child and family programme beside the adult ASYE),
    /// or nullptr.
    const AsyeRule* asyeRuleFor(Setting setting, Date start) const;
    const SweCpdRule* sweCpdRuleVersion(std::string_view version) const;
    const AsyeRule* asyeRuleVersion(std::string_view version) const;

    /// The newest version (latest validFrom) of a bank-holiday calendar, or nullptr.
    const BankHolidays* bankHolidays(std::string_view id) const;

    const std::vector<ReflectiveModel>& reflectiveModels() const { return m_models; }
    const ReflectiveModel* reflectiveModel(std::string_view id) const;

    /// The choices a choice field offers: its own (kinds.cpp), or for a reflection's model
    /// (FieldSpec::choicesFromModels) this catalogue's reflective models.
    std::vector<FieldChoice> choicesOf(const FieldSpec& field) const;
    /// The label of `value` among the choices of `kind`'s field `key` ("course" -> "Course or
    /// training", "gibbs" -> "Gibbs reflective cycle"); `value` itself when it is none of them.
    std::string choiceLabel(EntryKind kind, std::string_view key, std::string_view value) const;

    /// Problems met by loadBuiltin(); empty when every embedded file loaded.
    const std::vector<std::string>& loadErrors() const { return m_loadErrors; }

  private:
    std::vector<Framework> m_frameworks;
    std::vector<SweCpdRule> m_sweCpd;
    std::vector<AsyeRule> m_asye;
    std::vector<ReflectiveModel> m_models;
    std::vector<BankHolidays> m_holidays;
    std::vector<std::string> m_loadErrors;
};

} // namespace pathway::core
