// Issue 20: "needs attention" rules (assets/cohort/attention.json) on computeStatus's output,
// each at its edges; the cohort summary line, labels, the CSV labels row, the anonymised report.
#include "pathway/core/attention.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/portfolio_io.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace pathway::core;
using pathway::test::d;

namespace {

const AttentionRules& rules() { return builtinAttentionRules(); }

/// Only the rule of `kind`, with the built-in thresholds (so one test sees one rule).
AttentionRules only(AttentionKind kind) {
    AttentionRules r = rules();
    std::erase_if(r.rules, [&](const AttentionRule& x) { return x.kind != kind; });
    return r;
}

/// A status in the ASYE, started 2026-01-05 (full time), with the usual four reviews.
Status asyeStatus(Date today) {
    Status st;
    st.today = today;
    AsyeStatus a;
    a.start = d("2026-01-05");
    a.end = d("2027-01-05");
    auto review = [&](const char* id, const char* name, int months, const char* due, bool optional) {
        ReviewStatus r;
        r.id = id;
        r.name = name;
        r.months = months;
        r.optional = optional;
        r.calculated = r.due = d(due);
        r.state = r.due < today ? ReviewState::Overdue : ReviewState::Upcoming;
        a.reviews.push_back(r);
    };
    review("3m", "3-month review", 3, "2026-04-06", false);
    review("6m", "6-month (midpoint) review", 6, "2026-07-06", false);
    review("9m", "9-month review", 9, "2026-10-05", true);
    review("final", "Final review", 12, "2027-01-05", false);
    a.evidence = {{"observations", "Direct observations of practice", 0, 3},
                  {"reflection_6m", "Critical reflection at 6 months", 0, 1}};
    st.asye = a;
    return st;
}

std::vector<AttentionFlag> flags(const Status& st, AttentionKind kind, AttentionFacts facts = {}) {
    if (!facts.lastActivity) facts.lastActivity = st.today; // keep no-activity quiet by default
    return attentionFlags(st, facts, only(kind));
}

} // namespace

TEST(Attention, BuiltinRulesLoadAndCoverEveryKind) {
    const AttentionRules& r = rules();
    EXPECT_EQ(r.id, "cohort-attention");
    ASSERT_EQ(r.rules.size(), kAttentionKindCount);
    for (size_t i = 0; i < kAttentionKindCount; ++i) {
        const auto k = static_cast<AttentionKind>(i);
        ASSERT_NE(r.rule(k), nullptr) << attentionKindId(k);
        EXPECT_EQ(parseAttentionKind(attentionKindId(k)), k);
        EXPECT_FALSE(r.rule(k)->label.empty());
    }
    EXPECT_EQ(r.rule(AttentionKind::NoActivity)->weeks, 6);
}

TEST(Attention, BadFilesSayWhichField) {
    auto bad = [](const std::string& text) { return loadAttentionRules(text, "a.json"); };
    EXPECT_EQ(bad("{").error, "a.json: not valid JSON");
    const std::string head = R"({"format":"pathway-cohort-attention/1","id":"cohort-attention",)"
                             R"("version":"1","title":"t","valid_from":"2026-01-01","rules":)";
    EXPECT_TRUE(bad(head + "[]}").ok());
    EXPECT_NE(bad(head + R"([{"id":"sunspots","label":"x","one":"x","many":"x"}]})").error.find(
                  "rules[0].id: \"sunspots\" is not a rule Pathway knows"),
              std::string::npos);
    EXPECT_EQ(bad(head + R"([{"id":"no-activity","label":"x","one":"x","many":"x","weeks":0}]})").error,
              "a.json: rules[0].weeks: should be a whole number from 1 to 520");
    EXPECT_EQ(bad(head + R"([{"id":"evidence-behind","label":"x","one":"x","many":"x",)"
                         R"("checkpoints":[{"review":"6m","share":1.5}]}]})")
                  .error,
              "a.json: rules[0].checkpoints[0].share: should be a number above 0 and at most 1");
    EXPECT_NE(bad(head + R"([{"id":"no-activity","label":"x","one":"x","many":"x"},)"
                         R"({"id":"no-activity","label":"x","one":"x","many":"x"}]})")
                  .error.find("listed twice"),
              std::string::npos);
    EXPECT_NE(bad(R"({"format":"pathway-framework/1"})").error.find("format"), std::string::npos);
    EXPECT_EQ(bad(head + R"([{"id":"evidence-behind","label":"x","one":"x","many":"x",)"
                         R"("checkpoints":[{"review":"6m","share":0.5}],"due_at_review":{"r":7}}]})")
                  .error,
              "a.json: rules[0].due_at_review.r: should be a review id (\"6m\")");
}

TEST(Attention, ReviewOverdueFromTheDayAfterItIsDue) {
    // Due Monday 6 April: not on the day, flagged the day after (grace 0).
    EXPECT_TRUE(flags(asyeStatus(d("2026-04-06")), AttentionKind::ReviewOverdue).empty());
    auto f = flags(asyeStatus(d("2026-04-07")), AttentionKind::ReviewOverdue);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].label, "Review overdue");
    EXPECT_EQ(f[0].why, "3-month review was due 6 April 2026 (1 day ago)");
    // Done (a review entry recorded) is never overdue.
    Status done = asyeStatus(d("2026-04-20"));
    done.asye->reviews[0].state = ReviewState::Done;
    done.asye->reviews[0].doneOn = d("2026-04-10");
    EXPECT_TRUE(flags(done, AttentionKind::ReviewOverdue).empty());
    // Grace days from the data file move the edge.
    AttentionRules r = only(AttentionKind::ReviewOverdue);
    r.rules[0].graceDays = 7;
    EXPECT_TRUE(attentionFlags(asyeStatus(d("2026-04-13")), {d("2026-04-13"), 0}, r).empty());
    EXPECT_EQ(attentionFlags(asyeStatus(d("2026-04-14")), {d("2026-04-14"), 0}, r).size(), 1u);
    // The optional 9-month review is never "overdue"; two missed reviews are both mentioned.
    Status late = asyeStatus(d("2026-11-01"));
    f = flags(late, AttentionKind::ReviewOverdue);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "3-month review was due 6 April 2026 (209 days ago) and 1 later review too");
    // Not in the ASYE: nothing.
    Status sw;
    sw.today = d("2026-11-01");
    EXPECT_TRUE(flags(sw, AttentionKind::ReviewOverdue).empty());
}

TEST(Attention, SupervisionGapLongerThanTheCadenceAndRecent) {
    Status st = asyeStatus(d("2026-03-01"));
    st.asye->supervisionGaps = {{d("2026-01-20"), d("2026-02-03"), 14, 14, false}};
    EXPECT_TRUE(flags(st, AttentionKind::SupervisionGap).empty()) << "exactly the cadence";
    st.asye->supervisionGaps = {{d("2026-01-20"), d("2026-02-04"), 15, 14, false}};
    auto f = flags(st, AttentionKind::SupervisionGap);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "15 days between supervisions (20 January 2026 to 4 February 2026); the "
                        "cadence then was every 14 days");
    // recent_days 28: a gap that ended 28 days ago counts, 29 days ago does not.
    st.today = d("2026-03-04");
    EXPECT_EQ(flags(st, AttentionKind::SupervisionGap).size(), 1u);
    st.today = d("2026-03-05");
    EXPECT_TRUE(flags(st, AttentionKind::SupervisionGap).empty());
    // An open gap (nothing since) says so; the longest gap is the one reported.
    st.asye->supervisionGaps.push_back({d("2026-02-04"), d("2026-03-05"), 29, 14, true});
    f = flags(st, AttentionKind::SupervisionGap);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "No supervision logged for 29 days (since 4 February 2026); the cadence "
                        "then was every 14 days");
}

TEST(Attention, EvidenceBehindAtTheLatestReviewPassed) {
    // Before the 3-month review nothing is expected yet.
    Status st = asyeStatus(d("2026-04-05"));
    EXPECT_TRUE(flags(st, AttentionKind::EvidenceBehind).empty());
    // From the 3-month review, 25 %: 0 of 3 observations is behind (0 < 0.75), 1 is not. The
    // reflection at 6 months is due whole at the 6-month review (due_at_review), not before.
    st.today = d("2026-04-06");
    auto f = flags(st, AttentionKind::EvidenceBehind);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "By the 3-month review: Direct observations of practice 0 of 3 (25 % of "
                        "each expected by then)");
    st.asye->evidence[0].have = 1;
    EXPECT_TRUE(flags(st, AttentionKind::EvidenceBehind).empty());
    // At the 6-month review half is expected: 1 of 3 is behind (the issue's example), 2 is not;
    // and the reflection at 6 months is now due.
    st.today = d("2026-07-06");
    f = flags(st, AttentionKind::EvidenceBehind);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "By the 6-month (midpoint) review: Direct observations of practice 1 of 3 "
                        "(50 % of each expected by then); Critical reflection at 6 months 0 of 1 "
                        "(due by now)");
    st.asye->evidence[0].have = 2;
    f = flags(st, AttentionKind::EvidenceBehind);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "By the 6-month (midpoint) review: Critical reflection at 6 months 0 of 1 "
                        "(due by now)");
    st.asye->evidence[1].have = 1;
    EXPECT_TRUE(flags(st, AttentionKind::EvidenceBehind).empty());
    // At the final review everything is expected.
    st.today = d("2027-01-05");
    f = flags(st, AttentionKind::EvidenceBehind);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "By the Final review: Direct observations of practice 2 of 3 (100 % of "
                        "each expected by then)");
}

TEST(Attention, NoActivityAfterTheWeeksInTheFile) {
    Status st;
    st.today = d("2026-06-01");
    const AttentionRules r = only(AttentionKind::NoActivity);
    auto f = attentionFlags(st, {std::nullopt, 0}, r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "No entries yet");
    EXPECT_TRUE(attentionFlags(st, {d("2026-04-20"), 0}, r).empty()) << "exactly 6 weeks";
    f = attentionFlags(st, {d("2026-04-19"), 0}, r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "No entries for 6 weeks (the last is dated 19 April 2026)");
}

TEST(Attention, SignOffsToRecheckFromTheMinimum) {
    Status st;
    st.today = d("2026-06-01");
    EXPECT_TRUE(flags(st, AttentionKind::SignOffsToRecheck, {d("2026-06-01"), 0}).empty());
    auto f = flags(st, AttentionKind::SignOffsToRecheck, {d("2026-06-01"), 1});
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "1 sign-off to recheck: the entry changed since it was signed, or is gone");
    AttentionRules r = only(AttentionKind::SignOffsToRecheck);
    r.rules[0].min = 3;
    EXPECT_TRUE(attentionFlags(st, {d("2026-06-01"), 2}, r).empty());
    EXPECT_EQ(attentionFlags(st, {d("2026-06-01"), 3}, r).size(), 1u);
}

TEST(Attention, RenewalNotReadyOnlyInsideTheWindow) {
    Status st;
    st.today = d("2026-09-01");
    SweStatus s;
    s.year = {d("2025-12-01"), d("2026-11-30"), d("2026-09-01"), d("2026-11-30")};
    s.ready = false;
    s.inRenewalWindow = true;
    s.daysToDeadline = 90;
    s.missing = {"1 more piece of CPD"};
    st.swe = s;
    auto f = flags(st, AttentionKind::RenewalNotReady);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "Registration renewal not ready, 90 days to the deadline (30 November "
                        "2026): 1 more piece of CPD");
    st.swe->inRenewalWindow = false; // 31 August
    EXPECT_TRUE(flags(st, AttentionKind::RenewalNotReady).empty());
    AttentionRules r = only(AttentionKind::RenewalNotReady);
    r.rules[0].onlyInRenewalWindow = false;
    EXPECT_EQ(attentionFlags(st, {st.today, 0}, r).size(), 1u);
    st.swe->inRenewalWindow = true;
    st.swe->ready = true;
    EXPECT_TRUE(flags(st, AttentionKind::RenewalNotReady).empty());
}

TEST(Attention, DisabledRulesAndOrderFollowTheFile) {
    Status st = asyeStatus(d("2026-07-07"));
    AttentionRules r = rules();
    auto f = attentionFlags(st, {std::nullopt, 2}, r);
    std::vector<std::string> ids;
    for (const auto& x : f) ids.emplace_back(attentionKindId(x.kind));
    EXPECT_EQ(ids, (std::vector<std::string>{"review-overdue", "evidence-behind", "no-activity",
                                             "sign-offs-to-recheck"}));
    for (auto& x : r.rules) x.enabled = x.kind != AttentionKind::NoActivity;
    EXPECT_EQ(attentionFlags(st, {std::nullopt, 2}, r).size(), 3u);
}

TEST(Attention, EndToEndFromARealPortfolio) {
    // Through computeStatus: an ASYE started 2026-01-05 with nothing logged, seen in July.
    Portfolio p;
    p.profile.name = "Robin Invented";
    p.profile.team = "North";
    p.profile.asyeStart = d("2026-01-05");
    auto row = cohortRow({"robin.json", p}, Catalog::builtin(), d("2026-07-10"));
    std::vector<std::string> ids;
    for (const auto& x : row.attention) ids.emplace_back(attentionKindId(x.kind));
    EXPECT_EQ(ids, (std::vector<std::string>{"review-overdue", "supervision-gap",
                                             "evidence-behind", "no-activity"}));
    EXPECT_EQ(row.team, "North");
    EXPECT_EQ(row.attentionWeight, 3 + 3 + 2 + 2);
    EXPECT_EQ(row.asyeStart, d("2026-01-05"));
    EXPECT_GT(row.evidenceNeed, 0);
}

TEST(Attention, SummaryLineCountsPractitionersPerRule) {
    CohortRow a, b, c;
    EXPECT_EQ(attentionSummary({a, b}), "None of 2 need attention");
    a.attention = {{AttentionKind::ReviewOverdue, "Review overdue", "x", 3},
                   {AttentionKind::SupervisionGap, "Supervision gap", "y", 3}};
    b.attention = {{AttentionKind::ReviewOverdue, "Review overdue", "x", 3}};
    EXPECT_EQ(attentionSummary({a, b, c}),
              "2 of 3 need attention: 2 reviews overdue, 1 supervision gap");
    EXPECT_EQ(attentionSummary({b, c}), "1 of 2 needs attention: 1 review overdue");
}

TEST(Attention, LabelsForIdsAndCoverageTags) {
    EXPECT_EQ(cohortStageLabel("asye"), std::string(stageLabel(CareerStage::Asye)));
    EXPECT_EQ(cohortSettingLabel("children"), "Children and families");
    EXPECT_EQ(coverageShortLabel("pcf:6", Catalog::builtin()), "PCF 6");
    EXPECT_EQ(coverageFullLabel("pcf:6", Catalog::builtin()), "PCF 6: Critical reflection and analysis");
    EXPECT_EQ(coverageFullLabel("nope:1", Catalog::builtin()), "nope:1");
}

TEST(Attention, EvidencePerMonthAgainstTheExpectedLine) {
    CohortRow r;
    r.asyeStart = d("2026-01-01");
    r.asyeEnd = d("2027-01-01");
    r.evidenceNeed = 365; // one a day
    r.evidenceByMonth = {{2026 * 12 + 0, 4}, {2026 * 12 + 2, 7}};
    auto m = cohortEvidenceByMonth({r, r}, d("2026-03-15"), 4);
    ASSERT_EQ(m.size(), 4u);
    EXPECT_EQ(m[0].year, 2025);
    EXPECT_EQ(m[0].month, 12);
    EXPECT_DOUBLE_EQ(m[0].expected, 0);
    EXPECT_EQ(m[1].collected, 8);
    EXPECT_DOUBLE_EQ(m[1].expected, 62); // 31 days x 2 practitioners
    EXPECT_DOUBLE_EQ(m[2].expected, 56);
    EXPECT_EQ(m[3].collected, 14);
}

TEST(Attention, ReportsInHumanWordsAndTheCsvLabelsRow) {
    Portfolio p;
    p.profile.name = "Robin Invented";
    p.profile.team = "North";
    p.profile.asyeStart = d("2026-01-05");
    auto row = cohortRow({"robin.json", p}, Catalog::builtin(), d("2026-07-10"));
    const std::string html = cohortHtml({row}, Catalog::builtin(), d("2026-07-10"));
    const size_t summary = html.find("1 of 1 needs attention: 1 review overdue");
    ASSERT_NE(summary, std::string::npos);
    EXPECT_LT(summary, html.find("<h2>Needs attention</h2>"));
    EXPECT_LT(html.find("<h2>Needs attention</h2>"), html.find("<h2>Progress</h2>"));
    EXPECT_NE(html.find("size:A4 landscape"), std::string::npos);
    EXPECT_NE(html.find("Direct observations of practice"), std::string::npos);
    EXPECT_NE(html.find("title=\"PCF 6: Critical reflection and analysis\""), std::string::npos);
    for (const char* raw : {">asye<", "feedback_people", "reflection_6m", ">pcf:", ">swe:"})
        EXPECT_EQ(html.find(raw), std::string::npos) << raw;
    std::string err;
    auto plain = parseCsv(cohortCsv({row}), err);
    auto labelled = parseCsv(cohortCsv({row}, true), err);
    ASSERT_TRUE(plain && labelled) << err;
    ASSERT_EQ(labelled->rows.size(), plain->rows.size() + 1);
    EXPECT_EQ(labelled->rows[0], plain->rows[0]); // the ids stay the header
    EXPECT_EQ(labelled->rows[1][0], "File");
    const auto& header = plain->rows[0];
    const auto col = std::find(header.begin(), header.end(), "needs_attention") - header.begin();
    ASSERT_LT(static_cast<size_t>(col), header.size());
    EXPECT_EQ(plain->rows[1][static_cast<size_t>(col)],
              "review-overdue supervision-gap evidence-behind no-activity");
}

TEST(Attention, AnonymisedCohortUsesTheModerationEngine) {
    Portfolio p;
    p.profile.name = "Robin Invented";
    p.profile.team = "North Team";
    p.profile.asyeStart = d("2026-01-05");
    Entry e = pathway::test::makeCpd("Visit with Mrs Jones", "2026-07-01");
    e.id = "00000000-0000-4000-8000-000000000001";
    p.entries.push_back(e);
    const std::string bytes = serializePortfolio(p);
    std::vector<CohortFile> files = {{"robin-invented.json", bytes}, {"broken.json", "{"},
                                     {"robin-again.json", bytes}};
    CohortRows anon = cohortRowsAnonymised(files, Catalog::builtin(), d("2026-07-10"), 1);
    ASSERT_EQ(anon.rows.size(), 2u);
    EXPECT_EQ(anon.rows[0].name, "Practitioner 1");
    EXPECT_EQ(anon.rows[1].name, "Practitioner 2");
    EXPECT_EQ(anon.rows[0].source, "portfolio-1");
    EXPECT_EQ(anon.rows[0].team, "");
    ASSERT_EQ(anon.skipped.size(), 1u);
    EXPECT_EQ(anon.skipped[0], "file 2: could not be read");
    CohortReportOptions opt;
    opt.anonymised = true;
    const std::string html = cohortHtml(anon.rows, Catalog::builtin(), d("2026-07-10"), opt);
    for (const char* s : {"Robin", "Invented", "North", "robin"})
        EXPECT_EQ(html.find(s), std::string::npos) << s;
    EXPECT_NE(html.find("Anonymised for moderation"), std::string::npos);
    EXPECT_EQ(cohortCsv(anon.rows).find("Robin"), std::string::npos);
}
