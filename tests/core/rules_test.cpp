// Issue 14: the rules checked by hand against shared/domain.md, each with its edges.
// Dates were worked out on a calendar before the engine was changed; comments say how.
#include "pathway/core/catalog.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/requirements.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace pathway::core;
using pathway::test::d;
using json = nlohmann::json;

namespace {

Entry entry(EntryKind kind, const std::string& title, const char* date,
            std::map<std::string, std::string> fields = {}, std::vector<std::string> tags = {}) {
    static int next = 1;
    Entry e;
    e.id = "r" + std::to_string(next++);
    e.kind = kind;
    e.title = title;
    e.date = d(date);
    e.fields = std::move(fields);
    e.tags = std::move(tags);
    return e;
}

Entry piece(const std::string& title, const char* date, bool peer = false) {
    std::map<std::string, std::string> f{{"type", "course"},
                                         {"hours", "2"},
                                         {"description", "Why it matters."},
                                         {"learned", "What I learnt."},
                                         {"impact", "What changed for families."}};
    if (peer) {
        f["peer_role"] = "supervisor";
        f["peer_learned"] = "What the discussion added.";
    }
    return entry(EntryKind::Cpd, title, date, f);
}

Entry supervision(const char* date) {
    return entry(EntryKind::Supervision, "Supervision", date, {{"minutes", "60"}});
}

Portfolio practitioner(Setting setting = Setting::ChildrenAndFamilies,
                       CareerStage stage = CareerStage::SocialWorker) {
    Portfolio p;
    p.profile.name = "Robin Example";
    p.profile.setting = setting;
    p.profile.stage = stage;
    return p;
}

Portfolio nqsw(const char* start, double fte = 1.0) {
    Portfolio p = practitioner(Setting::ChildrenAndFamilies, CareerStage::Asye);
    p.profile.asyeStart = d(start);
    p.profile.fte = fte;
    return p;
}

Status status(const Portfolio& p, const char* today) {
    return computeStatus(p, Catalog::builtin(), d(today));
}

const ReviewStatus& review(const AsyeStatus& a, const std::string& id) {
    auto it = std::find_if(a.reviews.begin(), a.reviews.end(),
                           [&](const ReviewStatus& r) { return r.id == id; });
    EXPECT_NE(it, a.reviews.end()) << id;
    return *it;
}

bool anyNotice(const Status& s, const std::string& words) {
    for (const auto& n : s.notices)
        if (n.find(words) != std::string::npos) return true;
    return false;
}

} // namespace

// ---------------------------------------------------------------- 1. nothing counts early

TEST(RulesPlannedTest, CpdDatedAfterTodayIsPlannedNotAPiece) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Done in April", "2026-04-01", true));
    p.entries.push_back(piece("Booked for June", "2026-06-01"));
    const Status before = status(p, "2026-05-31");
    EXPECT_EQ(before.swe->pieces, 1);
    EXPECT_EQ(before.swe->completePieces, 1);
    EXPECT_EQ(before.swe->planned, 1);
    EXPECT_FALSE(before.swe->ready);
    EXPECT_EQ(before.swe->missing, (std::vector<std::string>{"1 more piece of CPD"}));
    ASSERT_EQ(before.planned.size(), 1u);
    EXPECT_EQ(before.planned[0].title, "Booked for June");
    EXPECT_EQ(before.planned[0].date, d("2026-06-01"));
    // On the day itself it counts.
    const Status onTheDay = status(p, "2026-06-01");
    EXPECT_EQ(onTheDay.swe->pieces, 2);
    EXPECT_EQ(onTheDay.swe->planned, 0);
    EXPECT_TRUE(onTheDay.swe->ready);
    EXPECT_TRUE(onTheDay.planned.empty());
    const json j = statusToJson(before);
    EXPECT_EQ(j["swe"]["planned"], 1);
    ASSERT_EQ(j["planned"].size(), 1u);
    EXPECT_EQ(j["planned"][0]["kind"], "cpd");
    EXPECT_EQ(j["planned"][0]["date"], "2026-06-01");
}

TEST(RulesPlannedTest, AReviewBookedNextMonthIsNotDone) {
    Portfolio p = nqsw("2026-09-07"); // 3-month review due Monday 7 December 2026
    p.entries.push_back(entry(EntryKind::Review, "3-month review", "2026-12-15", {{"stage", "3m"}}));
    const Status s = status(p, "2026-12-10");
    EXPECT_EQ(review(*s.asye, "3m").state, ReviewState::Overdue);
    EXPECT_FALSE(review(*s.asye, "3m").doneOn);
    EXPECT_EQ(review(*s.asye, "3m").plannedOn, d("2026-12-15"));
    EXPECT_EQ(statusToJson(s)["asye"]["reviews"][0]["planned_on"], "2026-12-15");
    const Status held = status(p, "2026-12-15");
    EXPECT_EQ(review(*held.asye, "3m").state, ReviewState::Done);
    EXPECT_EQ(review(*held.asye, "3m").doneOn, d("2026-12-15"));
    EXPECT_FALSE(review(*held.asye, "3m").plannedOn);
}

TEST(RulesPlannedTest, EvidenceAndSupervisionInTheFutureDoNotCount) {
    Portfolio p = nqsw("2026-09-07");
    p.entries.push_back(entry(EntryKind::Observation, "Observation booked", "2026-10-10"));
    p.entries.push_back(supervision("2026-09-20"));
    const Status s = status(p, "2026-09-16");
    EXPECT_EQ(s.asye->evidence[0].id, "observations");
    EXPECT_EQ(s.asye->evidence[0].have, 0);
    EXPECT_EQ(s.asye->evidence[0].planned, 1);
    EXPECT_EQ(s.asye->supervision.count, 0);
    EXPECT_EQ(s.asye->supervision.planned, 1);
    EXPECT_EQ(s.asye->supervision.nextPlanned, d("2026-09-20"));
    EXPECT_FALSE(s.asye->supervision.last);
    // 9 days since the start with no session yet: an open gap despite the booked session.
    ASSERT_EQ(s.asye->supervisionGaps.size(), 1u);
    EXPECT_TRUE(s.asye->supervisionGaps[0].open);
    const json j = statusToJson(s)["asye"];
    EXPECT_EQ(j["evidence"]["observations"]["planned"], 1);
    EXPECT_EQ(j["supervision"]["planned"], 1);
    EXPECT_EQ(j["supervision"]["next_planned"], "2026-09-20");
}

TEST(RulesPlannedTest, CoverageAndProgressionAgreeOnTheWindow) {
    Portfolio p = practitioner();
    p.entries.push_back(entry(EntryKind::Cpd, "Planned", "2026-10-20", {}, {"pcf:9"}));
    const Status s = status(p, "2026-10-15");
    const json cov = statusToJson(s)["coverage"];
    EXPECT_EQ(cov["pcf:9"]["count"], 0);
    EXPECT_TRUE(cov["pcf:9"]["last"].is_null());
    const auto& without = s.progression.itemsWithoutEvidence;
    EXPECT_NE(std::find(without.begin(), without.end(), "pcf:9"), without.end());
    const Status later = status(p, "2026-10-20");
    EXPECT_EQ(statusToJson(later)["coverage"]["pcf:9"]["count"], 1);
    const auto& w2 = later.progression.itemsWithoutEvidence;
    EXPECT_EQ(std::find(w2.begin(), w2.end(), "pcf:9"), w2.end());
    // Every PCF domain with recent coverage is not "without evidence", and the other way round.
    for (const auto& c : later.coverage) {
        if (c.tag.rfind("pcf:", 0) != 0 || c.count == 0) continue;
        EXPECT_EQ(std::find(w2.begin(), w2.end(), c.tag), w2.end()) << c.tag;
    }
}

TEST(RulesPlannedTest, GoalsAreNotListedAsPlanned) {
    Portfolio p = practitioner();
    p.entries.push_back(entry(EntryKind::Goal, "Learn about the Mental Capacity Act", "2026-12-01"));
    EXPECT_TRUE(status(p, "2026-10-15").planned.empty());
}

// ------------------------------------------------------- 2. supervision cadence by period

TEST(RulesSupervisionTest, AFortnightThatStartsInWeekFiveIsOnTime) {
    // Start Monday 7 September 2026; weeks 1-6 end on Sunday 18 October (day 41).
    Portfolio p = nqsw("2026-09-07");
    for (const char* date : {"2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
                             "2026-10-12", // day 35
                             "2026-10-26"}) // day 49: 14 days, the next session falls due in week 7
        p.entries.push_back(supervision(date));
    const Status s = status(p, "2026-10-27");
    EXPECT_TRUE(s.asye->supervisionGaps.empty());
    EXPECT_EQ(s.asye->supervision.nextDue, d("2026-11-09"));
    EXPECT_EQ(s.asye->supervision.everyDays, 14);
}

TEST(RulesSupervisionTest, LateInsideWeeksOneToSixIsAGapEvenIfItEndsLater) {
    Portfolio p = nqsw("2026-09-07");
    for (const char* date : {"2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
                             "2026-10-09", // day 32; a session was due by 16 October
                             "2026-10-23"})
        p.entries.push_back(supervision(date));
    const Status s = status(p, "2026-10-24");
    ASSERT_EQ(s.asye->supervisionGaps.size(), 1u);
    EXPECT_EQ(s.asye->supervisionGaps[0].from, d("2026-10-09"));
    EXPECT_EQ(s.asye->supervisionGaps[0].to, d("2026-10-23"));
    EXPECT_EQ(s.asye->supervisionGaps[0].days, 14);
    EXPECT_EQ(s.asye->supervisionGaps[0].allowed, 7);
}

TEST(RulesSupervisionTest, MonthlyFromTheSixMonthReview) {
    // Full time: the 6-month review is due Monday 8 March 2027 (7 March is a Sunday).
    Portfolio p = nqsw("2026-09-07");
    p.entries.push_back(supervision("2027-02-25"));
    p.entries.push_back(supervision("2027-03-25")); // 28 days, mostly in the monthly period
    Status s = status(p, "2027-03-26");
    for (const auto& g : s.asye->supervisionGaps)
        EXPECT_NE(g.from, d("2027-02-25")) << g.to.toString();
    // A fortnightly gap that goes late before the review is still late.
    Portfolio q = nqsw("2026-09-07");
    q.entries.push_back(supervision("2027-02-10"));
    q.entries.push_back(supervision("2027-03-10")); // late from 25 February
    s = status(q, "2027-03-11");
    ASSERT_FALSE(s.asye->supervisionGaps.empty());
    const SupervisionGap& g = s.asye->supervisionGaps.back();
    EXPECT_EQ(g.from, d("2027-02-10"));
    EXPECT_EQ(g.allowed, 14);
}

TEST(RulesSupervisionTest, PartTimeSixMonthBoundaryIsTheExtendedReview) {
    // At 0.6 the 6-month review is due Tuesday 6 July 2027, so June is still fortnightly.
    Portfolio p = nqsw("2026-09-07", 0.6);
    p.entries.push_back(supervision("2027-06-01"));
    p.entries.push_back(supervision("2027-06-29")); // 28 days: late under fortnightly
    p.entries.push_back(supervision("2027-07-24")); // 25 days, crossing into monthly: on time
    const Status s = status(p, "2027-07-25");
    std::vector<Date> from;
    for (const auto& g : s.asye->supervisionGaps)
        from.push_back(g.from);
    EXPECT_NE(std::find(from.begin(), from.end(), d("2027-06-01")), from.end());
    EXPECT_EQ(std::find(from.begin(), from.end(), d("2027-06-29")), from.end());
    EXPECT_EQ(s.asye->supervision.everyDays, 31);
}

// ------------------------------------------------------------------------ 3. the ASYE ends

TEST(RulesAsyeEndsTest, PastTheAsyeStageNothingIsOverdue) {
    Portfolio p = nqsw("2025-09-01");
    p.profile.stage = CareerStage::SocialWorker;
    const Status s = status(p, "2026-12-01");
    ASSERT_TRUE(s.asye);
    EXPECT_TRUE(s.asye->closed);
    for (const auto& r : s.asye->reviews)
        EXPECT_EQ(r.state, ReviewState::NotHeld) << r.id;
    EXPECT_TRUE(s.asye->supervisionGaps.empty());
    EXPECT_FALSE(s.asye->supervision.nextDue);
    const json j = statusToJson(s)["asye"];
    EXPECT_EQ(j["closed"], true);
    EXPECT_EQ(j["reviews"][0]["status"], "not-held");
    // Still in the ASYE stage the same portfolio is overdue everywhere.
    p.profile.stage = CareerStage::Asye;
    const Status open = status(p, "2026-12-01");
    EXPECT_FALSE(open.asye->closed);
    EXPECT_EQ(review(*open.asye, "3m").state, ReviewState::Overdue);
    EXPECT_FALSE(open.asye->supervisionGaps.empty());
}

// --------------------------------------------------------------- 4. two different pieces

TEST(RulesDuplicatesTest, IdenticalPiecesCountOnce) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Court skills", "2026-03-01", true));
    p.entries.push_back(piece("Court skills", "2026-03-01", true));
    const Status s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->pieces, 1);
    EXPECT_EQ(s.swe->completePieces, 1);
    EXPECT_EQ(s.swe->peerReflections, 1);
    EXPECT_DOUBLE_EQ(s.swe->hours, 2.0);
    EXPECT_FALSE(s.swe->ready);
    EXPECT_EQ(s.swe->missing, (std::vector<std::string>{"1 more piece of CPD"}));
    ASSERT_EQ(s.swe->duplicates.size(), 1u);
    EXPECT_EQ(s.swe->duplicates[0].entryId, p.entries[1].id);
    EXPECT_EQ(s.swe->duplicates[0].sameAs, p.entries[0].id);
    const json j = statusToJson(s)["swe"]["duplicates"];
    EXPECT_EQ(j[0]["id"], p.entries[1].id);
    EXPECT_EQ(j[0]["same_as"], p.entries[0].id);
}

TEST(RulesDuplicatesTest, PiecesThatDifferInTextOrDateAreTwo) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Court skills", "2026-03-01", true));
    Entry other = piece("Court skills", "2026-03-01", true);
    other.fields["learned"] = "A different lesson.";
    p.entries.push_back(other);
    EXPECT_EQ(status(p, "2026-05-01").swe->pieces, 2);
    EXPECT_TRUE(status(p, "2026-05-01").swe->ready);
    p.entries[1] = piece("Court skills", "2026-03-02", true);
    EXPECT_EQ(status(p, "2026-05-01").swe->pieces, 2);
    p.entries[1] = piece("Court skills, part 2", "2026-03-01", true);
    EXPECT_EQ(status(p, "2026-05-01").swe->pieces, 2);
    EXPECT_TRUE(status(p, "2026-05-01").swe->duplicates.empty());
}

// -------------------------------------------------------------------- 5. bank holidays

TEST(RulesBankHolidaysTest, TheCalendarIsDataWithItsSource) {
    const BankHolidays* h = Catalog::builtin().bankHolidays("england-and-wales");
    ASSERT_NE(h, nullptr);
    EXPECT_FALSE(h->source.publisher.empty());
    EXPECT_LE(h->validFrom, d("2019-01-01"));
    ASSERT_TRUE(h->validTo);
    EXPECT_GE(*h->validTo, d("2030-12-31"));
    // Substitute days and one-off days.
    EXPECT_TRUE(h->isHoliday(d("2026-12-25")));
    EXPECT_TRUE(h->isHoliday(d("2026-12-28"))); // Boxing Day falls on a Saturday
    EXPECT_FALSE(h->isHoliday(d("2026-12-26")));
    EXPECT_TRUE(h->isHoliday(d("2020-05-08"))); // VE Day moved the early May holiday
    EXPECT_FALSE(h->isHoliday(d("2020-05-04")));
    EXPECT_TRUE(h->isHoliday(d("2022-06-02")));
    EXPECT_TRUE(h->isHoliday(d("2022-06-03")));
    EXPECT_FALSE(h->isHoliday(d("2022-05-30")));
    EXPECT_TRUE(h->isHoliday(d("2022-09-19")));
    EXPECT_TRUE(h->isHoliday(d("2023-05-08")));
    EXPECT_TRUE(h->isHoliday(d("2027-03-26"))); // Good Friday
    EXPECT_TRUE(h->isHoliday(d("2027-03-29"))); // Easter Monday
    EXPECT_TRUE(h->isHoliday(d("2027-12-27"))); // Christmas on a Saturday
    EXPECT_TRUE(h->isHoliday(d("2027-12-28")));
    EXPECT_TRUE(h->isHoliday(d("2028-01-03"))); // New Year's Day on a Saturday
    // Eight a year in an ordinary year; every one a weekday.
    for (int32_t y = 2019; y <= 2030; ++y) {
        int32_t n = 0;
        for (const auto& day : h->days)
            if (day.date.year == y) {
                ++n;
                EXPECT_FALSE(day.date.isWeekend()) << day.date.toString();
            }
        EXPECT_GE(n, 8) << y;
    }
}

TEST(RulesBankHolidaysTest, AReviewOnABankHolidayMovesToTheNextWorkingDay) {
    // Start Friday 25 September 2026: three months later is Christmas Day, then a weekend,
    // then the substitute day for Boxing Day: due Tuesday 29 December.
    Status s = status(nqsw("2026-09-25"), "2026-10-01");
    EXPECT_EQ(review(*s.asye, "3m").calculated, d("2026-12-25"));
    EXPECT_EQ(review(*s.asye, "3m").due, d("2026-12-29"));
    // Start Wednesday 25 February 2026: 25 May 2026 is the spring bank holiday.
    s = status(nqsw("2026-02-25"), "2026-03-01");
    EXPECT_EQ(review(*s.asye, "3m").due, d("2026-05-26"));
    // Start Tuesday 29 December 2026: 29 March 2027 is Easter Monday.
    s = status(nqsw("2026-12-29"), "2027-01-04");
    EXPECT_EQ(review(*s.asye, "3m").due, d("2027-03-30"));
    EXPECT_FALSE(anyNotice(s, "Bank holidays"));
}

TEST(RulesBankHolidaysTest, ADateBeyondTheCalendarSaysSo) {
    Portfolio p = nqsw("2030-12-02"); // adults: the child and family ASYE ends in 2027
    p.profile.setting = Setting::Adults;
    const Status s = status(p, "2030-12-10");
    ASSERT_TRUE(s.asye);
    EXPECT_TRUE(anyNotice(s, "Bank holidays for 2031 are not known"));
}

// --------------------------------------------------------------------- 6. rule history

TEST(RulesHistoryTest, OnePieceBeforeDecember2021TwoWithPeerAfter) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Only piece", "2021-03-01"));
    const Status old = status(p, "2021-11-30");
    EXPECT_EQ(old.swe->ruleVersion, "2019");
    EXPECT_EQ(old.swe->minPieces, 1);
    EXPECT_EQ(old.swe->minPeerReflections, 0);
    EXPECT_TRUE(old.swe->ready);
    EXPECT_TRUE(old.notices.empty());
    p.entries.push_back(piece("Only piece", "2021-12-01"));
    const Status now = status(p, "2021-12-01");
    EXPECT_EQ(now.swe->ruleVersion, "2021");
    EXPECT_EQ(now.swe->minPieces, 2);
    EXPECT_EQ(now.swe->minPeerReflections, 1);
    EXPECT_FALSE(now.swe->ready);
    EXPECT_EQ(now.assessedAgainst.at("swe-cpd"), "2021");
    // Social Work England became the regulator on 2 December 2019.
    EXPECT_FALSE(status(p, "2019-12-02").notices.size());
    EXPECT_TRUE(anyNotice(status(p, "2019-12-01"), "No CPD rule version covers 2019-12-01"));
}

TEST(RulesHistoryTest, VersionsAndDatesOfTheFrameworks) {
    const Catalog& c = Catalog::builtin();
    const Framework* pcf = c.framework("pcf");
    ASSERT_NE(pcf, nullptr);
    EXPECT_EQ(pcf->version, "2018");
    EXPECT_EQ(pcf->validFrom, d("2018-06-01"));
    for (const auto& item : pcf->items) {
        const bool purpose = item.id == "2" || item.id == "3" || item.id == "4";
        EXPECT_EQ(item.group == "purpose", purpose) << item.id;
        EXPECT_EQ(item.groupConfirmed, purpose) << item.id;
    }
    const Framework* kss = c.framework("kss-cf");
    ASSERT_NE(kss, nullptr);
    EXPECT_EQ(kss->version, "2018");
    EXPECT_EQ(kss->validTo, d("2027-03-31"));
    const Framework* swe = c.framework("swe");
    ASSERT_NE(swe, nullptr);
    EXPECT_EQ(swe->validFrom, d("2019-12-02"));
    EXPECT_NE(swe->item("4.8")->title.find("values"), std::string::npos);
    EXPECT_EQ(swe->item("4.8")->title.find("ethics"), std::string::npos);
    // The CPD rule versions follow each other without a gap.
    const SweCpdRule* r2019 = c.sweCpdRuleVersion("2019");
    const SweCpdRule* r2021 = c.sweCpdRuleVersion("2021");
    ASSERT_TRUE(r2019 && r2021);
    EXPECT_EQ(r2019->validFrom, d("2019-12-02"));
    EXPECT_EQ(r2019->validTo, d("2021-11-30"));
    EXPECT_EQ(r2021->validFrom, d("2021-12-01"));
    EXPECT_FALSE(r2021->validTo);
}

// ----------------------------------------------------------------- 7. standards that end

TEST(RulesEndedFrameworksTest, EvidenceAgainstAnEndedFrameworkStaysVisible) {
    Portfolio p = practitioner();
    p.entries.push_back(entry(EntryKind::Cpd, "Child development", "2027-02-01", {}, {"kss-cf:3"}));
    const Status inForce = status(p, "2027-03-31");
    EXPECT_TRUE(inForce.outsideFrameworks.empty());
    EXPECT_FALSE(anyNotice(inForce, "ended"));

    const Status after = status(p, "2027-05-01");
    ASSERT_EQ(after.outsideFrameworks.size(), 1u);
    EXPECT_EQ(after.outsideFrameworks[0].tag, "kss-cf:3");
    EXPECT_EQ(after.outsideFrameworks[0].count, 1);
    EXPECT_EQ(after.outsideFrameworks[0].last, d("2027-02-01"));
    EXPECT_EQ(after.outsideFrameworks[0].reason, "ended");
    EXPECT_TRUE(anyNotice(after, "ended on 2027-03-31"));
    EXPECT_TRUE(after.unknownTags.empty());
    const json j = statusToJson(after)["outside_frameworks"];
    EXPECT_EQ(j[0]["tag"], "kss-cf:3");
    EXPECT_EQ(j[0]["framework"], "kss-cf");
    EXPECT_EQ(j[0]["reason"], "ended");
}

TEST(RulesEndedFrameworksTest, ADateWithNoFrameworkForTheSettingSaysSo) {
    // From April 2027 nothing replaces the child and family KSS until an academy adds it.
    const Status s = status(practitioner(), "2027-05-01");
    EXPECT_TRUE(anyNotice(s, "no later version is loaded"));
    Catalog c = Catalog::builtin();
    ASSERT_EQ(c.addFile(pathway::test::readFixture("frameworks/early-career-2027.json"),
                        "early-career.json"),
              "");
    // An added framework for the setting answers it.
    EXPECT_FALSE(anyNotice(computeStatus(practitioner(), c, d("2027-05-01")),
                           "no later version is loaded"));
}

TEST(RulesEndedFrameworksTest, AnotherSettingsTagIsListedNotDropped) {
    Portfolio p = practitioner(Setting::Adults);
    p.entries.push_back(entry(EntryKind::Cpd, "Old course", "2026-02-01", {}, {"kss-cf:5"}));
    const Status s = status(p, "2026-04-01");
    ASSERT_EQ(s.outsideFrameworks.size(), 1u);
    EXPECT_EQ(s.outsideFrameworks[0].reason, "other-setting");
    EXPECT_TRUE(s.unknownTags.empty());
}

// ------------------------------------------------------- 14. registration on 1 September

TEST(RulesFirstYearTest, JoiningOnOrAfterOneSeptemberNeedsNoCpdForTheFirstRenewal) {
    Portfolio p = practitioner();
    p.profile.registeredOn = d("2026-09-01");
    Status s = status(p, "2026-10-01");
    EXPECT_TRUE(s.swe->exempt);
    EXPECT_TRUE(s.swe->ready);
    EXPECT_TRUE(s.swe->missing.empty());
    EXPECT_NE(s.swe->exemptReason.find("2026-11-30"), std::string::npos);
    EXPECT_EQ(statusToJson(s)["swe"]["exempt"], true);

    p.profile.registeredOn = d("2026-11-30");
    EXPECT_TRUE(status(p, "2026-11-30").swe->exempt);
    // 31 August is before the cut-off: CPD is needed as usual.
    p.profile.registeredOn = d("2026-08-31");
    s = status(p, "2026-10-01");
    EXPECT_FALSE(s.swe->exempt);
    EXPECT_FALSE(s.swe->ready);
    EXPECT_TRUE(statusToJson(s)["swe"]["exempt_reason"].is_null());
    // The next registration year is a full year: no exemption.
    p.profile.registeredOn = d("2026-09-15");
    EXPECT_FALSE(status(p, "2026-12-01").swe->exempt);
    // Joining on 1 December starts a full year too.
    p.profile.registeredOn = d("2026-12-01");
    EXPECT_FALSE(status(p, "2027-01-10").swe->exempt);
}

// ------------------------------------------------------ 8. leave and hours that change

TEST(RulesLeaveTest, LeavePausesTheClockAndPushesTheDates) {
    // Full time from Monday 7 September 2026, 28 days of maternity leave from 5 October.
    // Three months is 91 full-time days: 28 before the leave, 63 after it from 2 November:
    // Monday 4 January 2027. The year ends 28 days later than 7 September 2027.
    Portfolio p = nqsw("2026-09-07");
    p.profile.asye.leave.push_back({d("2026-10-05"), d("2026-11-01"), LeaveKind::Maternity, ""});
    const Status s = status(p, "2026-11-10");
    EXPECT_EQ(review(*s.asye, "3m").calculated, d("2027-01-04"));
    EXPECT_EQ(review(*s.asye, "3m").due, d("2027-01-04"));
    EXPECT_EQ(s.asye->end, d("2027-10-05"));
    EXPECT_EQ(s.asye->plainEnd, d("2027-09-07"));
    EXPECT_EQ(s.asye->leaveDays, 28);
    const json j = statusToJson(s)["asye"];
    ASSERT_EQ(j["leave"].size(), 1u);
    EXPECT_EQ(j["leave"][0]["kind"], "maternity");
    EXPECT_EQ(j["leave"][0]["days"], 28);
    EXPECT_EQ(j["leave_days"], 28);
    EXPECT_EQ(j["plain_end"], "2027-09-07");
}

TEST(RulesLeaveTest, NoSupervisionIsOwedDuringLeave) {
    Portfolio p = nqsw("2026-09-07");
    p.profile.asye.leave.push_back({d("2026-10-05"), d("2026-11-01"), LeaveKind::Sickness, ""});
    for (const char* date : {"2026-09-14", "2026-09-21", "2026-09-28",
                             "2026-11-02"}) // 6 working days before the leave, 1 after
        p.entries.push_back(supervision(date));
    EXPECT_TRUE(status(p, "2026-11-02").asye->supervisionGaps.empty());
    // One day later: 8 days outside leave while still weekly (weeks 1-6 end 14 days after the
    // return), so the next session, on 3 November, would have been late.
    p.entries.back() = supervision("2026-11-03");
    const Status late = status(p, "2026-11-04");
    ASSERT_EQ(late.asye->supervisionGaps.size(), 1u);
    EXPECT_EQ(late.asye->supervisionGaps[0].allowed, 7);
}

TEST(RulesLeaveTest, HoursThatChangeAreProRataFromThatDay) {
    // Full time for 30 days, then 0.5 from 7 October: 91 - 30 = 61 full-time days take 122
    // days, so 3 months fall on Saturday 6 February 2027, due Monday 8 February.
    Portfolio p = nqsw("2026-09-07");
    p.profile.asye.fteChanges.push_back({d("2026-10-07"), 0.5});
    const Status s = status(p, "2026-11-16");
    EXPECT_EQ(review(*s.asye, "3m").calculated, d("2027-02-06"));
    EXPECT_EQ(review(*s.asye, "3m").due, d("2027-02-08"));
    EXPECT_DOUBLE_EQ(s.asye->fteNow, 0.5);
    EXPECT_DOUBLE_EQ(s.asye->fte, 1.0);
    // Protected time: 30 full days and 40 half days = 50 full-time days by 16 November.
    EXPECT_NEAR(s.asye->protectedTime.hoursExpectedToDate, 0.1 * 37 * 50 / 7.0, 1e-9);
    EXPECT_EQ(statusToJson(s)["asye"]["fte_changes"][0]["fte"], 0.5);
}

// ---------------------------------------------------------------------------- 9. outcome

TEST(RulesOutcomeTest, AFinalPassClosesTheYearAndMovesTheStageOn) {
    Portfolio p = nqsw("2025-09-01");
    AsyeDecisionRecord rec{AsyeDecision::Pass, d("2026-09-10"), "Assessor Example", {}, ""};
    p.profile.asye.outcome.recommendation = rec;
    p.profile.asye.outcome.moderation = AsyeDecisionRecord{AsyeDecision::Pass, d("2026-09-20"),
                                                           "Moderation panel", {}, ""};
    // A recommendation alone does not end the year.
    Status s = status(p, "2026-10-01");
    EXPECT_FALSE(s.asye->closed);
    p.profile = withFinalOutcome(p.profile, {AsyeDecision::Pass, d("2026-09-25"), "Employer", {}, ""});
    EXPECT_EQ(p.profile.stage, CareerStage::SocialWorker);
    ASSERT_TRUE(p.profile.asye.outcome.final);
    s = status(p, "2026-10-01");
    ASSERT_TRUE(s.asye); // kept as history
    EXPECT_TRUE(s.asye->closed);
    EXPECT_NE(s.asye->closedReason.find("pass on 2026-09-25"), std::string::npos);
    EXPECT_TRUE(s.asye->supervisionGaps.empty());
    for (const auto& r : s.asye->reviews)
        EXPECT_NE(r.state, ReviewState::Overdue) << r.id;
    const json j = statusToJson(s)["asye"]["outcome"];
    EXPECT_EQ(j["recommendation"]["decision"], "pass");
    EXPECT_EQ(j["moderation"]["by"], "Moderation panel");
    EXPECT_EQ(j["final"]["date"], "2026-09-25");
    // A fail also closes the year but keeps the stage.
    Portfolio f = nqsw("2025-09-01");
    f.profile = withFinalOutcome(f.profile, {AsyeDecision::Fail, d("2026-09-25"), "Employer", {}, ""});
    EXPECT_EQ(f.profile.stage, CareerStage::Asye);
    EXPECT_TRUE(status(f, "2026-10-01").asye->closed);
}

TEST(RulesOutcomeTest, AnExtensionMovesTheEndAndTheFinalReview) {
    Portfolio p = nqsw("2026-09-07");
    p.profile.asye.outcome.recommendation =
        AsyeDecisionRecord{AsyeDecision::Extend, d("2027-08-20"), "Assessor Example",
                           d("2027-12-01"), "More direct observations needed"};
    const Status s = status(p, "2027-09-10");
    EXPECT_FALSE(s.asye->closed);
    EXPECT_EQ(s.asye->end, d("2027-12-01"));
    EXPECT_EQ(s.asye->extendedTo, d("2027-12-01"));
    EXPECT_EQ(review(*s.asye, "final").due, d("2027-12-01"));
    EXPECT_EQ(review(*s.asye, "final").state, ReviewState::Upcoming);
}

// ------------------------------------------------------------ 12. who supervises, assesses

TEST(RulesPeopleTest, ASupervisorWhoIsNotARegisteredSocialWorkerIsNoticed) {
    Portfolio p = nqsw("2026-09-07");
    p.profile.asye.people.push_back({AsyeRole::Supervisor, "Pat Example", false});
    p.profile.asye.people.push_back({AsyeRole::Assessor, "Jo Example", true});
    const Status s = status(p, "2026-10-01");
    EXPECT_TRUE(anyNotice(s, "Pat Example is not recorded as one"));
    const json j = statusToJson(s)["asye"]["people"];
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1]["role"], "assessor");
    EXPECT_EQ(j[1]["registered_social_worker"], true);
    p.profile.asye.people[0].registeredSocialWorker = true;
    EXPECT_FALSE(anyNotice(status(p, "2026-10-01"), "registered social worker"));
}

// ------------------------------------------------ the record in the file, both readers

TEST(RulesAsyeRecordTest, TheRecordRoundTripsThroughBothReaders) {
    Portfolio p = nqsw("2026-09-07", 0.8);
    p.profile.registeredOn = d("2026-08-03");
    p.profile.asye.leave.push_back({d("2027-01-04"), d("2027-04-30"), LeaveKind::Maternity, "Planned"});
    p.profile.asye.fteChanges.push_back({d("2027-05-01"), 0.6});
    p.profile.asye.outcome.recommendation =
        AsyeDecisionRecord{AsyeDecision::Extend, d("2027-12-01"), "Assessor Example", d("2028-03-01"), ""};
    p.profile.asye.people.push_back({AsyeRole::Supervisor, "Pat Example", true});
    const std::string bytes = serializePortfolio(p);
    EXPECT_EQ(bytes, serializePortfolioViaTree(p));
    const LoadResult direct = parsePortfolio(bytes);
    const LoadResult tree = parsePortfolioViaTree(bytes);
    ASSERT_TRUE(direct.ok()) << direct.error;
    ASSERT_TRUE(tree.ok()) << tree.error;
    EXPECT_EQ(*direct.portfolio, p);
    EXPECT_EQ(*tree.portfolio, p);
    // Without a record nothing is written: older files stay byte for byte the same.
    Portfolio plain = nqsw("2026-09-07");
    EXPECT_EQ(serializePortfolio(plain).find("\"asye\": {"), std::string::npos);
}

TEST(RulesAsyeRecordTest, FixtureWithLeaveAndOutcomeLoads) {
    const std::string bytes = pathway::test::readFixture("portfolio-v1-asye.json");
    const LoadResult r = parsePortfolio(bytes);
    ASSERT_TRUE(r.ok()) << r.error;
    const LoadResult t = parsePortfolioViaTree(bytes);
    ASSERT_TRUE(t.ok()) << t.error;
    EXPECT_EQ(*r.portfolio, *t.portfolio);
    const AsyeRecord& a = r.portfolio->profile.asye;
    ASSERT_EQ(a.leave.size(), 1u);
    EXPECT_EQ(a.leave[0].kind, LeaveKind::Sickness);
    ASSERT_TRUE(a.outcome.final);
    EXPECT_EQ(a.outcome.final->decision, AsyeDecision::Pass);
    EXPECT_EQ(r.portfolio->profile.stage, CareerStage::SocialWorker);
    EXPECT_EQ(a.extra.value("from_a_newer_version", ""), "kept");
    // Its status: closed, with the leave and the outcome.
    const json j = statusToJson(computeStatus(*r.portfolio, Catalog::builtin(), d("2027-12-01")));
    EXPECT_EQ(j["asye"]["closed"], true);
    EXPECT_EQ(j["asye"]["leave"][0]["kind"], "sickness");
    EXPECT_EQ(j["asye"]["outcome"]["final"]["decision"], "pass");
}

TEST(RulesAsyeRecordTest, BadRecordsAreRefusedWithTheirPlace) {
    const auto load = [](const std::string& asye) {
        return parsePortfolio(R"({"format":"pathway-portfolio","schema":1,"profile":{"name":"A","asye":)" +
                              asye + "}}");
    };
    EXPECT_EQ(load(R"({"leave":[{"from":"2027-02-01","to":"2027-01-01"}]})").error,
              "This portfolio cannot be read: profile.asye.leave[0].to is before from.");
    EXPECT_EQ(load(R"({"outcome":{"final":{"decision":"maybe","date":"2027-01-01"}}})").error,
              "This portfolio cannot be read: profile.asye.outcome.final.decision \"maybe\" is not "
              "pass, fail or extend.");
    EXPECT_EQ(load(R"({"fte_changes":[{"from":"2027-01-01","fte":0}]})").error,
              "This portfolio cannot be read: profile.asye.fte_changes[0].fte should be between 0 and 1.");
    EXPECT_TRUE(load(R"({})").ok());
    EXPECT_TRUE(load("null").ok());
}

// ---------------------------------------------------------------- 13. programmes as data

TEST(RulesProgrammesTest, ATwoYearProgrammeLoadsAsAFile) {
    Catalog c = Catalog::builtin();
    ASSERT_EQ(c.addFile(pathway::test::readFixture("rules/ecdp-2027.json"), "ecdp-2027.json"), "");
    Portfolio p = nqsw("2027-09-06"); // children, after the child and family ASYE ends
    EXPECT_FALSE(status(p, "2027-10-01").asye);
    p.entries.push_back(entry(EntryKind::Review, "18 months", "2029-03-05", {{"stage", "18m"}}));
    const Status s = computeStatus(p, c, d("2029-03-10"));
    ASSERT_TRUE(s.asye);
    EXPECT_EQ(s.asye->ruleVersion, "ecdp-2027-test");
    EXPECT_EQ(s.asye->programme, "Early Career Development Programme");
    EXPECT_EQ(s.asye->end, d("2029-09-06"));
    ASSERT_EQ(s.asye->reviews.size(), 5u);
    EXPECT_EQ(review(*s.asye, "12m").due, d("2028-09-06"));
    EXPECT_EQ(review(*s.asye, "18m").state, ReviewState::Done);
    EXPECT_EQ(review(*s.asye, "final").due, d("2029-09-06"));
    EXPECT_EQ(s.asye->evidence[0].need, 6);
    EXPECT_EQ(statusToJson(s)["asye"]["programme"], "Early Career Development Programme");
    // Adults, and children who started before September 2027, keep the ASYE.
    Portfolio adult = nqsw("2027-09-06");
    adult.profile.setting = Setting::Adults;
    EXPECT_EQ(computeStatus(adult, c, d("2027-10-01")).asye->ruleVersion, "2025");
    EXPECT_EQ(computeStatus(nqsw("2027-08-31"), c, d("2027-10-01")).asye->ruleVersion, "2025");
}

TEST(RulesProgrammesTest, StagesIncludePracticeEducatorAndConsultant) {
    EXPECT_EQ(parseStage("practice-educator"), CareerStage::PracticeEducator);
    EXPECT_EQ(parseStage("consultant"), CareerStage::Consultant);
    EXPECT_EQ(stageLabel(CareerStage::Consultant), "Consultant social worker");
    Portfolio p = practitioner(Setting::Adults, CareerStage::PracticeEducator);
    const json j = statusToJson(status(p, "2026-10-01"))["progression"];
    EXPECT_EQ(j["current_stage"], "practice-educator");
    EXPECT_TRUE(j["next_level"].is_null());
    // The stage survives a save and both readers.
    const std::string bytes = serializePortfolio(p);
    EXPECT_EQ(parsePortfolio(bytes).portfolio->profile.stage, CareerStage::PracticeEducator);
    EXPECT_EQ(parsePortfolioViaTree(bytes).portfolio->profile.stage, CareerStage::PracticeEducator);
}
