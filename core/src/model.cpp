#include "pathway/core/model.hpp"

#include "pathway/core/text.hpp"

#include <algorithm>

namespace pathway::core {

namespace {
struct StageName {
    CareerStage stage;
    std::string_view id;
    std::string_view label;
};
constexpr StageName kStageNames[] = {
    {CareerStage::Asye, "asye", "ASYE (newly qualified)"},
    {CareerStage::SocialWorker, "social-worker", "Social worker"},
    {CareerStage::Experienced, "experienced", "Experienced social worker"},
    {CareerStage::Advanced, "advanced", "Advanced practitioner"},
    {CareerStage::Strategic, "strategic", "Strategic leader"},
    {CareerStage::PracticeEducator, "practice-educator", "Practice educator"},
    {CareerStage::Consultant, "consultant", "Consultant social worker"},
};
static_assert(std::size(kStageNames) == static_cast<size_t>(CareerStage::Consultant) + 1);

// The ASYE record's ids, in the order of their enums.
constexpr std::string_view kLeaveKindIds[] = {"maternity", "sickness", "other"};
static_assert(std::size(kLeaveKindIds) == static_cast<size_t>(LeaveKind::Other) + 1);
constexpr std::string_view kDecisionIds[] = {"pass", "fail", "extend"};
static_assert(std::size(kDecisionIds) == static_cast<size_t>(AsyeDecision::Extend) + 1);
constexpr std::string_view kRoleIds[] = {"supervisor", "assessor"};
static_assert(std::size(kRoleIds) == static_cast<size_t>(AsyeRole::Assessor) + 1);
constexpr std::string_view kPointIds[] = {"start", "mid", "end"};
constexpr std::string_view kPointLabels[] = {"Start", "Midway", "End"};
static_assert(std::size(kPointIds) == static_cast<size_t>(SelfAssessmentPoint::End) + 1);
static_assert(std::size(kPointLabels) == std::size(kPointIds));

template <class E, size_t N>
std::optional<E> parseId(const std::string_view (&ids)[N], std::string_view id) {
    for (size_t i = 0; i < N; ++i)
        if (ids[i] == id) return static_cast<E>(i);
    return std::nullopt;
}

const std::string kEmpty;
} // namespace

std::string_view settingId(Setting s) {
    return s == Setting::Adults ? "adults" : "children";
}
std::optional<Setting> parseSetting(std::string_view id) {
    if (id == "children") return Setting::ChildrenAndFamilies;
    if (id == "adults") return Setting::Adults;
    return std::nullopt;
}

std::string_view leaveKindId(LeaveKind k) { return kLeaveKindIds[static_cast<size_t>(k)]; }
std::optional<LeaveKind> parseLeaveKind(std::string_view id) { return parseId<LeaveKind>(kLeaveKindIds, id); }
std::string_view asyeDecisionId(AsyeDecision d) { return kDecisionIds[static_cast<size_t>(d)]; }
std::optional<AsyeDecision> parseAsyeDecision(std::string_view id) {
    return parseId<AsyeDecision>(kDecisionIds, id);
}
std::string_view asyeRoleId(AsyeRole r) { return kRoleIds[static_cast<size_t>(r)]; }
std::optional<AsyeRole> parseAsyeRole(std::string_view id) { return parseId<AsyeRole>(kRoleIds, id); }

std::string_view selfAssessmentPointId(SelfAssessmentPoint p) { return kPointIds[static_cast<size_t>(p)]; }
std::string_view selfAssessmentPointLabel(SelfAssessmentPoint p) {
    return kPointLabels[static_cast<size_t>(p)];
}
std::optional<SelfAssessmentPoint> parseSelfAssessmentPoint(std::string_view id) {
    return parseId<SelfAssessmentPoint>(kPointIds, id);
}

Profile withFinalOutcome(Profile profile, AsyeDecisionRecord final) {
    const bool pass = final.decision == AsyeDecision::Pass;
    profile.asye.outcome.final = std::move(final);
    if (pass && profile.stage == CareerStage::Asye) profile.stage = CareerStage::SocialWorker;
    return profile;
}

std::string_view stageId(CareerStage s) { return kStageNames[static_cast<size_t>(s)].id; }
std::string_view stageLabel(CareerStage s) { return kStageNames[static_cast<size_t>(s)].label; }
std::optional<CareerStage> parseStage(std::string_view id) {
    for (const auto& s : kStageNames)
        if (s.id == id) return s.stage;
    return std::nullopt;
}

bool isValidRegistrationNumber(std::string_view reg) {
    if (reg.size() < 3 || reg.size() > 12 || reg.substr(0, 2) != "SW") return false;
    for (char c : reg.substr(2))
        if (c < '0' || c > '9') return false;
    return true;
}

const std::string& Entry::field(std::string_view key) const {
    auto it = fields.find(std::string(key));
    return it == fields.end() ? kEmpty : it->second;
}

bool Entry::has(std::string_view key) const {
    const auto& v = field(key);
    return v.find_first_not_of(" \t\r\n") != std::string::npos;
}

std::optional<double> Entry::number(std::string_view key) const { return parseDecimal(field(key)); }

const Entry* Portfolio::find(std::string_view id) const {
    for (const auto& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

Entry* Portfolio::find(std::string_view id) {
    for (auto& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

std::optional<size_t> Portfolio::indexOf(std::string_view id) const {
    for (size_t i = 0; i < entries.size(); ++i)
        if (entries[i].id == id) return i;
    return std::nullopt;
}

bool Portfolio::isDeleted(std::string_view id) const {
    auto it = std::lower_bound(tombstones.begin(), tombstones.end(), id,
                               [](const Tombstone& t, std::string_view k) { return t.id < k; });
    return it != tombstones.end() && it->id == id;
}

namespace {
auto tombstoneAt(std::vector<Tombstone>& list, std::string_view id) {
    return std::lower_bound(list.begin(), list.end(), id,
                            [](const Tombstone& t, std::string_view k) { return t.id < k; });
}
} // namespace

void addTombstone(Portfolio& p, std::string_view id, int64_t atMs) {
    auto it = tombstoneAt(p.tombstones, id);
    if (it != p.tombstones.end() && it->id == id) {
        it->deletedMs = std::max(it->deletedMs, atMs);
        return;
    }
    p.tombstones.insert(it, Tombstone{std::string(id), atMs});
}

bool removeTombstone(Portfolio& p, std::string_view id) {
    auto it = tombstoneAt(p.tombstones, id);
    if (it == p.tombstones.end() || it->id != id) return false;
    p.tombstones.erase(it);
    return true;
}

} // namespace pathway::core
