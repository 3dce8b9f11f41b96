#include "pathway/core/builtin_assets.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/requirements.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;
using json = nlohmann::json;

namespace {

Entry entry(EntryKind kind, const std::string& title, const char* date,
            std::map<std::string, std::string> fields = {}, std::vector<std::string> tags = {}) {
    static int next = 1;
    Entry e;
    e.id = "e" + std::to_string(next++);
    e.kind = kind;
    e.title = title;
    e.date = d(date);
    e.fields = std::move(fields);
    e.tags = std::move(tags);
    return e;
}

// A CPD piece with every field the regulator asks for; `peer` adds the peer reflection.
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

Portfolio practitioner(Setting setting = Setting::ChildrenAndFamilies,
                       CareerStage stage = CareerStage::SocialWorker) {
    Portfolio p;
    p.profile.name = "Sam Invented";
    p.profile.setting = setting;
    p.profile.stage = stage;
    return p;
}

Portfolio nqsw(const char* start, double fte = 1.0,
               Setting setting = Setting::ChildrenAndFamilies) {
    Portfolio p = practitioner(setting, CareerStage::Asye);
    p.profile.asyeStart = d(start);
    p.profile.fte = fte;
    return p;
}

Status status(const Portfolio& p, const char* today) {
    return computeStatus(p, Catalog::builtin(), d(today));
}

json statusJson(const Portfolio& p, const char* today) {
    return statusToJson(status(p, today));
}

const ReviewStatus& review(const AsyeStatus& a, const std::string& id) {
    auto it = std::find_if(a.reviews.begin(), a.reviews.end(),
                           [&](const ReviewStatus& r) { return r.id == id; });
    EXPECT_NE(it, a.reviews.end()) << id;
    return *it;
}

} // namespace

// ------------------------------------------------------------------------- registration CPD

TEST(SweCpdStatusTest, EmptyPortfolioNeedsTwoPiecesAndAPeerPiece) {
    const json s = statusJson(practitioner(), "2026-05-01")["swe"];
    EXPECT_EQ(s["registration_year"], "2025-12-01/2026-11-30");
    EXPECT_EQ(s["pieces"], 0);
    EXPECT_EQ(s["complete_pieces"], 0);
    EXPECT_EQ(s["peer_reflections"], 0);
    EXPECT_EQ(s["ready"], false);
    EXPECT_EQ(s["missing"], json({"2 more pieces of CPD", "a piece with peer reflection"}));
}

TEST(SweCpdStatusTest, RegistrationYearBoundary30NovemberAnd1December) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Last day of the old year", "2026-11-30", true));
    p.entries.push_back(piece("First day of the new year", "2026-12-01", true));

    const Status onDeadline = status(p, "2026-11-30");
    ASSERT_TRUE(onDeadline.swe);
    EXPECT_EQ(onDeadline.swe->year.label(), "2025-12-01/2026-11-30");
    EXPECT_EQ(onDeadline.swe->pieces, 1);
    EXPECT_EQ(onDeadline.swe->daysToDeadline, 0);
    EXPECT_TRUE(onDeadline.swe->inRenewalWindow);

    // The piece dated 1 December counts for the new year, not the one that just closed.
    const Status nextDay = status(p, "2026-12-01");
    EXPECT_EQ(nextDay.swe->year.label(), "2026-12-01/2027-11-30");
    EXPECT_EQ(nextDay.swe->pieces, 1);
    EXPECT_EQ(nextDay.swe->peerReflections, 1);
    EXPECT_EQ(nextDay.swe->daysToDeadline, 364);
    EXPECT_FALSE(nextDay.swe->inRenewalWindow);
    EXPECT_EQ(nextDay.swe->missing, (std::vector<std::string>{"1 more piece of CPD"}));
}

TEST(SweCpdStatusTest, LeapYearPieceAndYear) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Leap day learning", "2028-02-29", true));
    p.entries.push_back(piece("Another", "2027-12-01"));
    const Status s = status(p, "2028-02-29");
    EXPECT_EQ(s.swe->year.label(), "2027-12-01/2028-11-30");
    EXPECT_EQ(s.swe->pieces, 2);
    EXPECT_TRUE(s.swe->ready);
    EXPECT_TRUE(s.swe->missing.empty());
    // A registration year containing 29 February is 366 days long.
    EXPECT_EQ(status(p, "2027-12-01").swe->daysToDeadline, 365);
    EXPECT_EQ(status(p, "2025-12-01").swe->daysToDeadline, 364);
}

TEST(SweCpdStatusTest, DaysToDeadlineAndRenewalWindow) {
    const Portfolio p = practitioner();
    struct Case {
        const char* today;
        int64_t days;
        bool window;
    };
    const Case cases[] = {
        {"2026-11-30", 0, true},   {"2026-11-29", 1, true},    {"2026-09-01", 90, true},
        {"2026-08-31", 91, false}, {"2025-12-01", 364, false}, {"2026-12-01", 364, false},
        {"2027-11-30", 0, true},   {"2026-02-28", 275, false},
    };
    for (const auto& c : cases) {
        const json s = statusJson(p, c.today)["swe"];
        EXPECT_EQ(s["days_to_deadline"], c.days) << c.today;
        EXPECT_EQ(s["in_renewal_window"], c.window) << c.today;
    }
    const json s = statusJson(p, "2026-10-01")["swe"];
    EXPECT_EQ(s["deadline"], "2026-11-30");
    EXPECT_EQ(s["deadline_time"], "23:59");
    EXPECT_EQ(s["renewal_opens"], "2026-09-01");
}

TEST(SweCpdStatusTest, APieceMissingAFieldIsNamed) {
    Portfolio p = practitioner();
    Entry court = piece("Court skills", "2026-03-10", true);
    court.fields.erase("learned");
    p.entries.push_back(court);
    p.entries.push_back(piece("Risk assessment", "2026-04-02"));
    const Status s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->pieces, 2);
    EXPECT_EQ(s.swe->completePieces, 1);
    EXPECT_EQ(s.swe->peerReflections, 0);
    EXPECT_FALSE(s.swe->ready);
    // No "1 more piece": completing the existing piece is enough.
    EXPECT_EQ(s.swe->missing, (std::vector<std::string>{"\"Court skills\": what you learnt"}));
    ASSERT_EQ(s.swe->incomplete.size(), 1u);
    EXPECT_EQ(s.swe->incomplete[0].entryId, court.id);

    // Blank text is as good as missing; several gaps are listed together.
    p.entries[0].fields["impact"] = "  ";
    p.entries[0].fields["learned"] = "";
    EXPECT_EQ(status(p, "2026-05-01").swe->missing,
              (std::vector<std::string>{
                  "\"Court skills\": what you learnt, impact on your practice and the people "
                  "you work with"}));
}

TEST(SweCpdStatusTest, PeerReflectionCounting) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Attachment course", "2026-01-15"));
    p.entries.push_back(piece("Court skills", "2026-02-20"));
    Status s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->completePieces, 2);
    EXPECT_EQ(s.swe->peerReflections, 0);
    EXPECT_FALSE(s.swe->ready);
    EXPECT_EQ(s.swe->missing, (std::vector<std::string>{"a piece with peer reflection"}));

    // Discussed with a supervisor but the peer learning not yet written: say exactly that.
    p.entries[1].fields["peer_role"] = "supervisor";
    s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->missing, (std::vector<std::string>{
                                  "\"Court skills\": what you learnt from the peer discussion"}));
    EXPECT_EQ(s.swe->completePieces, 2);
    ASSERT_EQ(s.swe->incomplete.size(), 1u);
    EXPECT_TRUE(s.swe->incomplete[0].peerIntended);

    p.entries[1].fields["peer_learned"] = "My manager linked it to a current case.";
    s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->peerReflections, 1);
    EXPECT_TRUE(s.swe->ready);
    EXPECT_TRUE(s.swe->missing.empty());
    EXPECT_TRUE(s.swe->incomplete.empty());

    // A peer reflection on an incomplete piece does not count.
    p.entries[1].fields.erase("impact");
    s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->peerReflections, 0);
    EXPECT_EQ(s.swe->missing,
              (std::vector<std::string>{
                  "\"Court skills\": impact on your practice and the people you work with"}));
}

TEST(SweCpdStatusTest, OnlyCpdEntriesInTheYearCount) {
    Portfolio p = practitioner();
    p.entries.push_back(piece("Old year", "2025-11-30", true));
    p.entries.push_back(
        entry(EntryKind::Reflection, "A reflection", "2026-01-10", {{"model", "gibbs"}}));
    p.entries.push_back(piece("This year", "2026-01-11"));
    const Status s = status(p, "2026-05-01");
    EXPECT_EQ(s.swe->pieces, 1);
    EXPECT_DOUBLE_EQ(s.swe->hours, 2);
    EXPECT_EQ(s.swe->missing,
              (std::vector<std::string>{"1 more piece of CPD", "a piece with peer reflection"}));
}

TEST(SweCpdStatusTest, RulesComeFromData) {
    Catalog c = Catalog::builtin();
    ASSERT_EQ(c.addFile(readFixture("rules/swe-cpd-2027.json"), "swe-cpd-2027.json"), "");
    Portfolio p = practitioner();
    p.entries.push_back(piece("One", "2027-12-05", true));
    p.entries.push_back(piece("Two", "2027-12-06"));
    const Status s = computeStatus(p, c, d("2027-12-15"));
    EXPECT_EQ(s.swe->ruleVersion, "2027-test");
    EXPECT_EQ(s.swe->minPieces, 3);
    EXPECT_EQ(s.swe->missing, (std::vector<std::string>{"1 more piece of CPD"}));
    EXPECT_EQ(s.assessedAgainst.at("swe-cpd"), "2027-test");
    for (const auto& n : s.notices)
        EXPECT_EQ(n.find("CPD rule"), std::string::npos) << n;
    // The year before still uses the rule then in force.
    EXPECT_EQ(computeStatus(p, c, d("2027-11-30")).swe->minPieces, 2);
    // A date before every rule version: the earliest, with a notice.
    const Status early = computeStatus(p, c, d("2019-06-01"));
    EXPECT_EQ(early.swe->ruleVersion, "2019");
    ASSERT_EQ(early.notices.size(), 1u);
    EXPECT_NE(early.notices[0].find("No CPD rule version covers 2019-06-01"), std::string::npos);
}

// ------------------------------------------------------------------------------------- ASYE

TEST(AsyeStatusTest, AbsentWithoutAStartDate) {
    const json j = statusJson(practitioner(), "2026-10-01");
    ASSERT_TRUE(j.contains("asye"));
    EXPECT_TRUE(j["asye"].is_null());
}

TEST(AsyeStatusTest, FullTimeReviewDatesAndStates) {
    Portfolio p = nqsw("2026-09-07");
    p.entries.push_back(
        entry(EntryKind::Review, "3-month review", "2026-12-08", {{"stage", "3m"}}));
    const Status s = status(p, "2027-02-25");
    ASSERT_TRUE(s.asye);
    EXPECT_EQ(s.asye->start, d("2026-09-07"));
    EXPECT_EQ(s.asye->end, d("2027-09-07"));
    EXPECT_EQ(review(*s.asye, "3m").due, d("2026-12-07"));
    EXPECT_EQ(review(*s.asye, "3m").state, ReviewState::Done);
    EXPECT_EQ(review(*s.asye, "3m").doneOn, d("2026-12-08"));
    // 7 March 2027 is a Sunday: due on Monday 8 March, 11 days after "today".
    EXPECT_EQ(review(*s.asye, "6m").calculated, d("2027-03-07"));
    EXPECT_EQ(review(*s.asye, "6m").due, d("2027-03-08"));
    EXPECT_EQ(review(*s.asye, "6m").state, ReviewState::DueSoon);
    EXPECT_EQ(review(*s.asye, "9m").due, d("2027-06-07"));
    EXPECT_TRUE(review(*s.asye, "9m").optional);
    EXPECT_EQ(review(*s.asye, "9m").state, ReviewState::Upcoming);
    EXPECT_EQ(review(*s.asye, "final").due, d("2027-09-07"));

    EXPECT_EQ(review(*status(p, "2027-03-09").asye, "6m").state, ReviewState::Overdue);
    EXPECT_EQ(review(*status(p, "2027-03-08").asye, "6m").state, ReviewState::DueSoon);
    EXPECT_EQ(review(*status(p, "2027-02-22").asye, "6m").state, ReviewState::DueSoon);  // 14 days
    EXPECT_EQ(review(*status(p, "2027-02-21").asye, "6m").state, ReviewState::Upcoming); // 15 days

    const json j = statusToJson(s)["asye"];
    EXPECT_EQ(j["start"], "2026-09-07");
    EXPECT_EQ(j["end"], "2027-09-07");
    ASSERT_EQ(j["reviews"].size(), 4u);
    EXPECT_EQ(j["reviews"][0]["id"], "3m");
    EXPECT_EQ(j["reviews"][0]["status"], "done");
    EXPECT_EQ(j["reviews"][1]["name"], "6-month (midpoint) review");
    EXPECT_EQ(j["reviews"][1]["due"], "2027-03-08");
    EXPECT_EQ(j["reviews"][1]["status"], "due-soon");
    EXPECT_EQ(j["reviews"][2]["status"], "upcoming");
}

TEST(AsyeStatusTest, PartTimeExtendsDatesProRata) {
    const Status full = status(nqsw("2026-09-07", 1.0), "2026-10-01");
    const Status part = status(nqsw("2026-09-07", 0.6), "2026-10-01");
    ASSERT_TRUE(full.asye && part.asye);
    EXPECT_EQ(part.asye->end, d("2028-05-08"));
    EXPECT_GT(part.asye->end, full.asye->end);
    for (size_t i = 0; i < full.asye->reviews.size(); ++i)
        EXPECT_GT(part.asye->reviews[i].due, full.asye->reviews[i].due) << i;
    EXPECT_EQ(review(*part.asye, "3m").due, d("2027-02-08")); // Saturday 6 Feb moved to Monday
    EXPECT_EQ(review(*part.asye, "6m").due, d("2027-07-06"));
    EXPECT_EQ(review(*part.asye, "final").due, d("2028-05-08"));
    EXPECT_DOUBLE_EQ(part.asye->fte, 0.6);
}

TEST(AsyeStatusTest, AReviewDueOnAWeekendMovesToMonday) {
    // Starting on Saturday 5 September 2026, three months later is Saturday 5 December.
    const Status s = status(nqsw("2026-09-05"), "2026-10-01");
    const ReviewStatus& r = review(*s.asye, "3m");
    EXPECT_EQ(r.calculated, d("2026-12-05"));
    EXPECT_TRUE(r.calculated.isWeekend());
    EXPECT_EQ(r.due, d("2026-12-07"));
    EXPECT_EQ(r.due.weekday(), 0);
    const json j = statusToJson(s)["asye"]["reviews"][0];
    EXPECT_EQ(j["calculated"], "2026-12-05");
    EXPECT_EQ(j["due"], "2026-12-07");
}

TEST(AsyeStatusTest, EvidenceCounts) {
    Portfolio p = nqsw("2026-09-07");
    p.entries.push_back(entry(EntryKind::Observation, "Observed visit", "2026-10-01"));
    p.entries.push_back(entry(EntryKind::Observation, "Observed meeting", "2026-11-01"));
    p.entries.push_back(entry(EntryKind::Observation, "Before the ASYE", "2026-08-01"));
    p.entries.push_back(
        entry(EntryKind::Feedback, "From a parent", "2026-10-02", {{"source", "person"}}));
    p.entries.push_back(
        entry(EntryKind::Feedback, "From a teacher", "2026-10-03", {{"source", "professional"}}));
    p.entries.push_back(
        entry(EntryKind::Feedback, "From a colleague", "2026-10-04", {{"source", "peer"}}));
    p.entries.push_back(entry(EntryKind::Written, "Assessment", "2026-10-05"));
    p.entries.push_back(entry(EntryKind::Reflection, "Midpoint reflection", "2027-03-01",
                              {{"model", "gibbs"}, {"review_point", "6m"}}));
    p.entries.push_back(
        entry(EntryKind::Reflection, "Everyday reflection", "2027-03-02", {{"model", "kolb"}}));
    const json ev = statusJson(p, "2027-03-05")["asye"]["evidence"];
    EXPECT_EQ(ev["observations"]["have"], 2);
    EXPECT_EQ(ev["observations"]["need"], 3);
    EXPECT_EQ(ev["observations"]["met"], false);
    EXPECT_EQ(ev["observations"]["label"], "Direct observations of practice");
    EXPECT_EQ(ev["feedback_people"]["have"], 1);
    EXPECT_EQ(ev["feedback_professionals"]["have"], 1);
    EXPECT_EQ(ev["written_work"]["have"], 1);
    EXPECT_EQ(ev["reflection_6m"]["have"], 1);
    EXPECT_EQ(ev["reflection_6m"]["met"], true);
    EXPECT_EQ(ev["reflection_12m"]["have"], 0);
    EXPECT_EQ(ev["reflection_12m"]["need"], 1);
}

TEST(AsyeStatusTest, NoSupervisionYetIsOneOpenGapFromTheStart) {
    const Portfolio p = nqsw("2026-09-07");
    EXPECT_TRUE(status(p, "2026-09-14").asye->supervisionGaps.empty()); // 7 days: allowed
    const Status s = status(p, "2026-09-30");
    ASSERT_EQ(s.asye->supervisionGaps.size(), 1u);
    const SupervisionGap& g = s.asye->supervisionGaps[0];
    EXPECT_EQ(g.from, d("2026-09-07"));
    EXPECT_EQ(g.to, d("2026-09-30"));
    EXPECT_EQ(g.days, 23);
    EXPECT_EQ(g.allowed, 7);
    EXPECT_TRUE(g.open);
    EXPECT_EQ(s.asye->supervision.count, 0);
    EXPECT_FALSE(s.asye->supervision.last);
    EXPECT_EQ(s.asye->supervision.nextDue, d("2026-09-14"));

    const json j = statusToJson(s)["asye"];
    EXPECT_EQ(j["supervision_gaps"][0]["from"], "2026-09-07");
    EXPECT_EQ(j["supervision_gaps"][0]["to"], "2026-09-30");
    EXPECT_EQ(j["supervision_gaps"][0]["days"], 23);
    EXPECT_EQ(j["supervision_gaps"][0]["allowed"], 7);
    EXPECT_TRUE(j["supervision"]["last"].is_null());
    // Before the start nothing is owed.
    EXPECT_TRUE(status(p, "2026-09-01").asye->supervisionGaps.empty());
}

TEST(AsyeStatusTest, SupervisionCadenceChangesThroughTheYear) {
    Portfolio p = nqsw("2026-09-07");
    auto sup = [&](const char* date) {
        p.entries.push_back(
            entry(EntryKind::Supervision, "Supervision", date, {{"minutes", "60"}}));
    };
    // Weekly for six weeks (to 19 October), with one 10-day gap.
    for (const char* date :
         {"2026-09-14", "2026-09-21", "2026-10-01", "2026-10-08", "2026-10-15", "2026-10-20"})
        sup(date);
    // Fortnightly until 7 March: 20 October + 9 days is fine; then a 20-day gap.
    for (const char* date : {"2026-10-29", "2026-11-18", "2026-12-02"})
        sup(date);
    Status s = status(p, "2026-12-10");
    ASSERT_EQ(s.asye->supervisionGaps.size(), 2u);
    EXPECT_EQ(s.asye->supervisionGaps[0].from, d("2026-09-21"));
    EXPECT_EQ(s.asye->supervisionGaps[0].to, d("2026-10-01"));
    EXPECT_EQ(s.asye->supervisionGaps[0].allowed, 7);
    EXPECT_EQ(s.asye->supervisionGaps[1].from, d("2026-10-29"));
    EXPECT_EQ(s.asye->supervisionGaps[1].days, 20);
    EXPECT_EQ(s.asye->supervisionGaps[1].allowed, 14);
    EXPECT_FALSE(s.asye->supervisionGaps[1].open);
    EXPECT_EQ(s.asye->supervision.count, 9);
    EXPECT_EQ(s.asye->supervision.last, d("2026-12-02"));
    EXPECT_EQ(s.asye->supervision.nextDue, d("2026-12-16"));
    EXPECT_EQ(s.asye->supervision.everyDays, 14);

    // After six months (7 March 2027) monthly: 31 days allowed, 32 is a gap.
    sup("2027-03-08");
    sup("2027-04-08"); // 31 days
    sup("2027-05-10"); // 32 days
    s = status(p, "2027-05-20");
    const SupervisionGap& last = s.asye->supervisionGaps.back();
    EXPECT_EQ(last.from, d("2027-04-08"));
    EXPECT_EQ(last.days, 32);
    EXPECT_EQ(last.allowed, 31);
    EXPECT_EQ(s.asye->supervision.everyDays, 31);
    EXPECT_EQ(s.asye->supervision.nextDue, d("2027-06-10"));
}

TEST(AsyeStatusTest, ProtectedDevelopmentTime) {
    Portfolio p = nqsw("2026-09-07");
    Entry a = piece("Reading week", "2026-09-20");
    a.fields["hours"] = "12.5";
    a.fields["protected_time"] = "yes";
    Entry b = piece("Course", "2026-10-20");
    b.fields["hours"] = "6";
    b.fields["protected_time"] = "yes";
    Entry notProtected = piece("Evening webinar", "2026-10-21");
    p.entries.insert(p.entries.end(), {a, b, notProtected});
    // Ten weeks in: 10% of 37 hours a week = 3.7 hours a week, 37 hours so far.
    const Status s = status(p, "2026-11-16");
    EXPECT_DOUBLE_EQ(s.asye->protectedTime.hoursLogged, 18.5);
    EXPECT_NEAR(s.asye->protectedTime.hoursExpectedToDate, 37.0, 1e-9);
    ASSERT_TRUE(s.asye->protectedTime.fraction);
    EXPECT_NEAR(*s.asye->protectedTime.fraction, 0.5, 1e-9);
    const json j = statusToJson(s)["asye"]["protected_time"];
    EXPECT_EQ(j["hours_logged"], 18.5);
    EXPECT_EQ(j["hours_expected_to_date"], 37.0);
    EXPECT_EQ(j["fraction"], 0.5);

    // Part time: the expectation is pro rata.
    p.profile.fte = 0.5;
    EXPECT_NEAR(status(p, "2026-11-16").asye->protectedTime.hoursExpectedToDate, 18.5, 1e-9);
    // On the first day nothing is expected yet.
    EXPECT_FALSE(status(p, "2026-09-07").asye->protectedTime.fraction);
}

TEST(AsyeStatusTest, ChildAndFamilyStartsFromSeptember2027AreNotAsye) {
    const Status s = status(nqsw("2027-09-06"), "2027-10-01");
    EXPECT_FALSE(s.asye);
    // One notice says why; another that the child and family KSS has ended with nothing loaded.
    ASSERT_EQ(s.notices.size(), 2u);
    EXPECT_NE(s.notices[0].find("children and families"), std::string::npos);
    EXPECT_TRUE(status(nqsw("2027-09-06", 1.0, Setting::Adults), "2027-10-01").asye);
    EXPECT_TRUE(status(nqsw("2027-08-31"), "2027-10-01").asye);
}

// -------------------------------------------------------------------------------- coverage

TEST(CoverageTest, CountsAndLastDatesWithZerosIncluded) {
    Portfolio p = practitioner();
    p.entries.push_back(
        entry(EntryKind::Cpd, "A", "2026-01-10", {}, {"pcf:6", "swe:4.6", "kss-cf:3"}));
    p.entries.push_back(entry(EntryKind::Reflection, "B", "2026-03-02", {}, {"pcf:6", "pcf:6"}));
    p.entries.push_back(entry(EntryKind::Supervision, "C", "2026-02-01", {}, {"swe:4.2", "swe:4"}));
    p.entries.push_back(
        entry(EntryKind::Goal, "A plan, not evidence", "2026-03-05", {}, {"pcf:1"}));
    p.entries.push_back(entry(EntryKind::Note, "D", "2026-02-15", {}, {"kss-adults:10", "pfc:6"}));
    const Status s = status(p, "2026-04-01");
    const json cov = statusToJson(s)["coverage"];

    // Every item of PCF, SWE and the child and family KSS; nothing from the adults' KSS.
    EXPECT_EQ(cov.size(), 9u + 14u + 10u);
    EXPECT_FALSE(cov.contains("kss-adults:10"));
    EXPECT_EQ(cov["pcf:6"]["count"], 2); // a tag repeated on one entry counts once
    EXPECT_EQ(cov["pcf:6"]["last"], "2026-03-02");
    EXPECT_EQ(cov["pcf:1"]["count"], 0); // goals are not evidence
    EXPECT_TRUE(cov["pcf:1"]["last"].is_null());
    EXPECT_EQ(cov["kss-cf:3"]["count"], 1);
    EXPECT_EQ(cov["kss-cf:10"]["count"], 0);
    EXPECT_EQ(cov["swe:4.6"]["count"], 1);
    EXPECT_EQ(cov["swe:4.2"]["count"], 1);
    // Parts of standard 4 count for standard 4, once per entry.
    EXPECT_EQ(cov["swe:4"]["count"], 2);
    EXPECT_EQ(cov["swe:4"]["last"], "2026-02-01");
    EXPECT_EQ(cov["swe:1"]["count"], 0);
    // Order follows the catalogue: PCF first.
    EXPECT_EQ(s.coverage.front().tag, "pcf:1");
    // Tags that name nothing anywhere are reported; other settings' tags are not typos.
    EXPECT_EQ(s.unknownTags, (std::vector<std::string>{"pfc:6"}));
}

TEST(CoverageTest, AdultsSettingAndExpiredFrameworks) {
    Portfolio p = practitioner(Setting::Adults);
    p.entries.push_back(entry(EntryKind::Cpd, "A", "2026-01-10", {}, {"kss-adults:10"}));
    const json cov = statusJson(p, "2026-04-01")["coverage"];
    EXPECT_EQ(cov.size(), 9u + 14u + 11u);
    EXPECT_EQ(cov["kss-adults:10"]["count"], 1);
    EXPECT_FALSE(cov.contains("kss-cf:1"));
    // From 1 April 2027 the child and family KSS is no longer offered.
    Portfolio child = practitioner();
    EXPECT_FALSE(statusJson(child, "2027-04-01")["coverage"].contains("kss-cf:1"));
    EXPECT_TRUE(statusJson(child, "2027-03-31")["coverage"].contains("kss-cf:1"));
}

TEST(CoverageTest, AddedFrameworkIsCoveredWithoutCodeChanges) {
    Catalog c = Catalog::builtin();
    ASSERT_EQ(c.addFile(readFixture("frameworks/early-career-2027.json"), "early-career.json"), "");
    Portfolio p = practitioner();
    p.entries.push_back(entry(EntryKind::Cpd, "A", "2027-05-01", {}, {"early-career:2.1"}));
    const json j = statusToJson(computeStatus(p, c, d("2027-06-01")));
    EXPECT_EQ(j["coverage"]["early-career:2.1"]["count"], 1);
    EXPECT_EQ(j["coverage"]["early-career:2"]["count"], 1);
    EXPECT_EQ(j["coverage"]["early-career:1"]["count"], 0);
    EXPECT_EQ(j["assessed_against"]["early-career"], "2026");
    EXPECT_TRUE(j["unknown_tags"].empty());
}

// ----------------------------------------------------------------------------- progression

TEST(ProgressionTest, NextLevelAndDomainsWithoutRecentEvidence) {
    Portfolio p = practitioner(Setting::ChildrenAndFamilies, CareerStage::SocialWorker);
    p.entries.push_back(entry(EntryKind::Cpd, "Recent", "2026-03-01", {}, {"pcf:5", "pcf:6"}));
    p.entries.push_back(entry(EntryKind::Cpd, "Exactly a year ago", "2025-04-01", {}, {"pcf:7"}));
    p.entries.push_back(entry(EntryKind::Cpd, "Within the year", "2025-04-02", {}, {"pcf:8"}));
    const json j = statusJson(p, "2026-04-01")["progression"];
    EXPECT_EQ(j["current_stage"], "social-worker");
    EXPECT_EQ(j["next_level"], "experienced");
    EXPECT_EQ(j["next_level_name"], "Experienced Social Worker");
    EXPECT_EQ(j["items_without_evidence"],
              json({"pcf:1", "pcf:2", "pcf:3", "pcf:4", "pcf:7", "pcf:9"}));

    p.profile.stage = CareerStage::Asye;
    EXPECT_EQ(statusJson(p, "2026-04-01")["progression"]["next_level"], "social-worker");
    p.profile.stage = CareerStage::Strategic;
    EXPECT_TRUE(statusJson(p, "2026-04-01")["progression"]["next_level"].is_null());
}

// ---------------------------------------------------------------------------- the contract

TEST(StatusJsonTest, ContractKeysAndVersions) {
    auto loaded = parsePortfolio(readFixture("portfolio-v1.json"));
    ASSERT_TRUE(loaded.ok()) << loaded.error;
    const Status s = computeStatus(*loaded.portfolio, Catalog::builtin(), d("2026-10-15"));
    const json j = statusToJson(s);
    for (const char* key : {"today", "swe", "asye", "coverage", "progression", "assessed_against",
                            "unknown_tags", "notices"})
        EXPECT_TRUE(j.contains(key)) << key;
    for (const char* key : {"registration_year", "pieces", "complete_pieces", "peer_reflections",
                            "ready", "missing", "days_to_deadline", "in_renewal_window"})
        EXPECT_TRUE(j["swe"].contains(key)) << key;
    for (const char* key : {"start", "end", "reviews", "evidence", "supervision_gaps",
                            "supervision", "protected_time"})
        EXPECT_TRUE(j["asye"].contains(key)) << key;
    EXPECT_EQ(j["swe"]["registration_year"], "2025-12-01/2026-11-30");
    // The fixture's one CPD piece is complete and peer-reflected.
    EXPECT_EQ(j["swe"]["pieces"], 1);
    EXPECT_EQ(j["swe"]["peer_reflections"], 1);
    EXPECT_EQ(j["swe"]["missing"], json({"1 more piece of CPD"}));
    EXPECT_EQ(j["swe"]["days_to_deadline"], 46);
    EXPECT_EQ(j["asye"]["start"], "2026-09-07");
    EXPECT_EQ(j["asye"]["fte"], 0.8);
    EXPECT_EQ(j["coverage"]["pcf:5"]["count"], 1);
    EXPECT_EQ(j["coverage"]["pcf:5"]["last"], "2026-10-02");
    EXPECT_EQ(j["progression"]["current_stage"], "asye");
    EXPECT_EQ(j["assessed_against"], json({{"asye", "2025"},
                                           {"kss-cf", "2018"},
                                           {"pcf", "2018"},
                                           {"swe", "2019"},
                                           {"swe-cpd", "2021"}}));
    EXPECT_TRUE(j["notices"].empty());
    EXPECT_TRUE(j["unknown_tags"].empty());
}

TEST(StatusJsonTest, PinnedFrameworkVersionIsUsed) {
    Catalog c = Catalog::builtin();
    json pcf;
    for (const auto& f : builtinAssets())
        if (f.path == "frameworks/pcf.json") pcf = json::parse(f.content);
    pcf["version"] = "2026";
    pcf["valid_from"] = "2026-01-01";
    pcf["items"].erase(8); // a version without domain 9
    ASSERT_EQ(c.addFile(pcf.dump(), "pcf-2026.json"), "");

    Portfolio p = practitioner();
    EXPECT_FALSE(statusToJson(computeStatus(p, c, d("2026-06-01")))["coverage"].contains("pcf:9"));
    p.assessedAgainst["pcf"] = "2018";
    const Status s = computeStatus(p, c, d("2026-06-01"));
    EXPECT_EQ(s.assessedAgainst.at("pcf"), "2018");
    EXPECT_TRUE(statusToJson(s)["coverage"].contains("pcf:9"));
}

TEST(StatusJsonTest, SameInputsSameOutput) {
    auto loaded = parsePortfolio(readFixture("portfolio-v1.json"));
    ASSERT_TRUE(loaded.ok());
    const auto a =
        statusToJson(computeStatus(*loaded.portfolio, Catalog::builtin(), d("2027-01-20")));
    const auto b =
        statusToJson(computeStatus(*loaded.portfolio, Catalog::loadBuiltin(), d("2027-01-20")));
    EXPECT_EQ(a, b);
}
