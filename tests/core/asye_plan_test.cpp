// Issue 14, points 10-12: the self-assessment against the standards (start, midway, end), the
// development plan per review, and schema 4 that carries them; merges, validation, status JSON,
// confidentiality and the HTML export. Test data invented.
#include "pathway/core/catalog.hpp"
#include "pathway/core/confidentiality.hpp"
#include "pathway/core/development_plan.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/files.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/self_assessment.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace pathway::core;
using pathway::test::d;
using json = nlohmann::json;

namespace {

constexpr int64_t kMs = 1'790'000'000'000; // 2026-09-21 or so: a recorded time

Portfolio practitioner(Setting setting = Setting::ChildrenAndFamilies, const char* start = "2026-09-07") {
    Portfolio p;
    p.profile.name = "Robin Invented";
    p.profile.setting = setting;
    if (start) p.profile.asyeStart = d(start);
    return p;
}

SelfRating rated(SelfAssessmentPoint point, const char* item, int32_t rating, const char* date,
                 int64_t atMs, const char* comment = "") {
    return SelfRating{point, item, rating, comment, d(date), atMs};
}

Entry goal(const char* id, const char* title, const char* review, const char* status,
           const char* target = nullptr) {
    Entry e;
    e.id = id;
    e.kind = EntryKind::Goal;
    e.title = title;
    e.date = d("2026-09-10");
    if (review) e.fields["review"] = review;
    if (status) e.fields["status"] = status;
    if (target) e.fields["target_date"] = target;
    return e;
}

Entry evidence(const char* id, EntryKind kind, const char* title, const char* date) {
    Entry e;
    e.id = id;
    e.kind = kind;
    e.title = title;
    e.date = d(date);
    return e;
}

const PlanPeriod* period(const DevelopmentPlan& plan, const char* review) {
    for (const auto& p : plan.periods)
        if (p.review.id == review) return &p;
    return nullptr;
}

} // namespace

// --- the rating scale and the framework chosen --------------------------------------------------

TEST(SelfAssessment, TheScaleIsPathwaysOwnFourSteps) {
    ASSERT_EQ(selfRatingScale().size(), static_cast<size_t>(kSelfRatingMax));
    EXPECT_EQ(selfRatingLabel(1), "Not yet confident");
    EXPECT_EQ(selfRatingLabel(4), "Strong");
    EXPECT_EQ(selfRatingLabel(0), "");
    EXPECT_EQ(selfRatingLabel(5), "");
    EXPECT_EQ(selfAssessmentPointId(SelfAssessmentPoint::Mid), "mid");
    EXPECT_EQ(parseSelfAssessmentPoint("end"), SelfAssessmentPoint::End);
    EXPECT_FALSE(parseSelfAssessmentPoint("middle"));
}

TEST(SelfAssessment, TheSettingsStandardsInForceOnTheStart) {
    const Catalog& c = Catalog::builtin();
    std::string notice;
    const Framework* f = selfAssessmentFramework(practitioner(), c, &notice);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, "kss-cf");
    EXPECT_EQ(notice, "");
    f = selfAssessmentFramework(practitioner(Setting::Adults), c, &notice);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, "kss-adults");
    // No start yet: the newest version, no notice.
    notice.clear();
    f = selfAssessmentFramework(practitioner(Setting::ChildrenAndFamilies, nullptr), c, &notice);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, "kss-cf");
    EXPECT_EQ(notice, "");
    // The last day the child and family KSS is in force, and the day after it ended.
    notice.clear();
    f = selfAssessmentFramework(practitioner(Setting::ChildrenAndFamilies, "2027-03-31"), c, &notice);
    ASSERT_TRUE(f);
    EXPECT_EQ(notice, "");
    f = selfAssessmentFramework(practitioner(Setting::ChildrenAndFamilies, "2027-04-01"), c, &notice);
    ASSERT_TRUE(f) << "the latest that began before the start, said so";
    EXPECT_EQ(f->id, "kss-cf");
    EXPECT_NE(notice.find("ended on 2027-03-31"), std::string::npos) << notice;
    // Before any of them began: none.
    notice.clear();
    EXPECT_FALSE(selfAssessmentFramework(practitioner(Setting::ChildrenAndFamilies, "2010-09-01"), c, &notice));
    EXPECT_NE(notice.find("No standards"), std::string::npos) << notice;
}

TEST(SelfAssessment, AnAcademysStandardsLoadAsDataAndOthersAreNotChosen) {
    Catalog c = Catalog::builtin();
    const std::string ecs = R"J({"format": "pathway-framework/1", "id": "ecs-cf", "version": "2026",
        "title": "Early career standards (test)", "source": {"publisher": "Test academy", "reference": "invented"},
        "valid_from": "2027-04-01", "valid_to": null, "applies_to": "children", "self_assessment": true,
        "items": [{"id": "A", "title": "First test domain"}, {"id": "B", "title": "Second test domain"}]})J";
    ASSERT_EQ(c.addFile(ecs, "ecs.json"), "");
    std::string notice;
    const Framework* f = selfAssessmentFramework(practitioner(Setting::ChildrenAndFamilies, "2027-09-06"), c, &notice);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, "ecs-cf");
    EXPECT_EQ(notice, "");
    // A framework without the flag is never chosen; a catalogue with none says so.
    Catalog bare;
    ASSERT_EQ(bare.addFile(std::string(ecs).replace(ecs.find("\"self_assessment\": true"), 23, "\"self_assessment\": false"),
                           "ecs.json"),
              "");
    EXPECT_FALSE(selfAssessmentFramework(practitioner(Setting::ChildrenAndFamilies, "2027-09-06"), bare, &notice));
    EXPECT_NE(notice.find("no standards to self-assess against"), std::string::npos) << notice;
    // The flag must be true or false.
    Catalog wrong;
    EXPECT_NE(wrong.addFile(std::string(ecs).replace(ecs.find("true"), 4, "\"yes\""), "ecs.json"), "");
}

// --- ratings: one per point and item, the latest shown -----------------------------------------

TEST(SelfAssessment, RatingAgainReplacesAndSettlesTwoWritersRatings) {
    AsyeRecord r;
    setSelfRating(r, rated(SelfAssessmentPoint::Start, "kss-cf:1", 2, "2026-09-08", kMs));
    setSelfRating(r, rated(SelfAssessmentPoint::Mid, "kss-cf:1", 3, "2027-03-08", kMs + 1 * 1000));
    setSelfRating(r, rated(SelfAssessmentPoint::Start, "kss-cf:1", 1, "2026-09-09", kMs + 2 * 1000, "on reflection"));
    ASSERT_EQ(r.selfAssessment.size(), 2u) << "the start rating was replaced, the mid one kept";
    EXPECT_EQ(currentSelfRating(r, SelfAssessmentPoint::Start, "kss-cf:1")->rating, 1);
    // Two ratings of one item at one point (a merge of two writers): the later recorded shows,
    // whichever order they are in; rating again leaves one.
    r.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:1", 4, "2026-09-08", kMs + 10 * 1000));
    EXPECT_EQ(currentSelfRating(r, SelfAssessmentPoint::Start, "kss-cf:1")->rating, 4);
    std::swap(r.selfAssessment.front(), r.selfAssessment.back());
    EXPECT_EQ(currentSelfRating(r, SelfAssessmentPoint::Start, "kss-cf:1")->rating, 4);
    setSelfRating(r, rated(SelfAssessmentPoint::Start, "kss-cf:1", 3, "2026-09-10", kMs + 20 * 1000));
    EXPECT_EQ(std::count_if(r.selfAssessment.begin(), r.selfAssessment.end(),
                            [](const SelfRating& x) { return x.point == SelfAssessmentPoint::Start; }),
              1);
    EXPECT_FALSE(currentSelfRating(r, SelfAssessmentPoint::End, "kss-cf:1"));
    EXPECT_TRUE(clearSelfRating(r, SelfAssessmentPoint::Start, "kss-cf:1"));
    EXPECT_FALSE(clearSelfRating(r, SelfAssessmentPoint::Start, "kss-cf:1"));
    EXPECT_EQ(r.selfAssessment.size(), 1u);
    // Recorded in whole seconds, as the file keeps them (a rating read back equals the one set).
    setSelfRating(r, rated(SelfAssessmentPoint::End, "kss-cf:2", 2, "2027-09-01", kMs + 1234));
    EXPECT_EQ(currentSelfRating(r, SelfAssessmentPoint::End, "kss-cf:2")->atMs, kMs + 1000);
}

TEST(SelfAssessment, TheViewComparesThePointsAndListsRatingsElsewhere) {
    Portfolio p = practitioner();
    auto& list = p.profile.asye.selfAssessment;
    list.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:1", 1, "2026-09-08", kMs));
    list.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:3", 2, "2026-09-10", kMs));
    list.push_back(rated(SelfAssessmentPoint::Mid, "kss-cf:1", 3, "2027-03-09", kMs + 5 * 1000, "More confident"));
    list.push_back(rated(SelfAssessmentPoint::Mid, "kss-cf:1", 2, "2027-03-09", kMs + 4 * 1000)); // merged twin
    list.push_back(rated(SelfAssessmentPoint::End, "kss-adults:10", 3, "2027-09-01", kMs)); // another setting's
    list.push_back(rated(SelfAssessmentPoint::End, "kss-cf:99", 3, "2027-09-01", kMs));     // no such item
    const SelfAssessmentView v = selfAssessmentView(p, Catalog::builtin());
    EXPECT_EQ(v.framework, "kss-cf");
    ASSERT_EQ(v.rows.size(), 10u) << "every heading of the child and family KSS";
    EXPECT_EQ(v.rows[0].tag, "kss-cf:1");
    ASSERT_TRUE(v.rows[0].at[0].rating);
    EXPECT_EQ(v.rows[0].at[0].rating->rating, 1);
    ASSERT_TRUE(v.rows[0].at[1].rating);
    EXPECT_EQ(v.rows[0].at[1].rating->rating, 3) << "the later recorded of the twins";
    EXPECT_EQ(v.rows[0].at[1].others, 1);
    EXPECT_FALSE(v.rows[0].at[2].rating);
    EXPECT_EQ(v.points[0].rated, 2);
    EXPECT_EQ(v.points[0].items, 10);
    EXPECT_EQ(v.points[0].first, d("2026-09-08"));
    EXPECT_EQ(v.points[0].last, d("2026-09-10"));
    EXPECT_EQ(v.points[1].rated, 1);
    EXPECT_EQ(v.points[2].rated, 0);
    EXPECT_FALSE(v.points[2].first);
    EXPECT_EQ(v.rated(), 3);
    EXPECT_EQ(v.elsewhere.size(), 2u) << "never silently dropped";
    ASSERT_EQ(v.notices.size(), 1u);
    EXPECT_NE(v.notices[0].find("2 self-assessment ratings are against items not in"), std::string::npos);
    // The adult KSS's placeholder headings are rated like any other and say they are placeholders.
    const SelfAssessmentView adults = selfAssessmentView(practitioner(Setting::Adults), Catalog::builtin());
    ASSERT_EQ(adults.rows.size(), 11u);
    EXPECT_FALSE(adults.rows[0].confirmed);
    EXPECT_TRUE(adults.rows[9].confirmed);
}

TEST(SelfAssessment, TheStoreRefusesBadRatingsAndKeepsThePortfolio) {
    FixedClock clock(d("2026-09-21"), kMs);
    SequentialIds ids;
    Store store(clock, ids, practitioner());
    const Portfolio before = store.portfolio();
    auto attempt = [&](SelfRating r) {
        Profile p = store.portfolio().profile;
        p.asye.selfAssessment.push_back(std::move(r));
        return store.apply(cmd::SetProfile{p});
    };
    for (int32_t bad : {0, 5, -1}) {
        CommandResult r = attempt(rated(SelfAssessmentPoint::Start, "kss-cf:1", bad, "2026-09-08", kMs));
        EXPECT_FALSE(r) << bad;
        EXPECT_NE(r.error.find("1 to 4"), std::string::npos) << r.error;
    }
    EXPECT_FALSE(attempt(rated(SelfAssessmentPoint::Start, "no-colon", 2, "2026-09-08", kMs)));
    EXPECT_FALSE(attempt(rated(SelfAssessmentPoint::Start, "kss-cf:1", 2, "2026-09-08", kMs, "bad \xff byte")));
    // At most 1000 characters: counted as characters, not bytes.
    std::string longest;
    for (int i = 0; i < 1000; ++i) longest += "\xc3\xa9"; // é: 2000 bytes, 1000 characters
    EXPECT_TRUE(attempt(rated(SelfAssessmentPoint::Start, "kss-cf:1", 2, "2026-09-08", kMs, longest.c_str())));
    const Portfolio kept = store.portfolio();
    CommandResult tooLong =
        attempt(rated(SelfAssessmentPoint::Mid, "kss-cf:1", 2, "2026-09-08", kMs, (longest + "x").c_str()));
    EXPECT_FALSE(tooLong);
    EXPECT_NE(tooLong.error.find("1000 characters"), std::string::npos) << tooLong.error;
    EXPECT_EQ(store.portfolio(), kept) << "a refused command changes nothing";
    EXPECT_TRUE(store.undo());
    EXPECT_EQ(store.portfolio(), before) << "a rating is one undo step";
}

// --- the file: schema 4, read forever ------------------------------------------------------------

namespace {
// The golden portfolio-v4.json: the v3 fixture (signed reviews, tombstones, roster, unknown
// members) with a supervisor and assessor, a self-assessment at the start and midway (one item
// rated by two writers) and two development goals, one linked to evidence.
Portfolio v4Portfolio() {
    Portfolio p = pathway::test::fixturePortfolio("portfolio-v3.json");
    AsyeRecord& r = p.profile.asye;
    r.people.push_back({AsyeRole::Supervisor, "Pat Example", true});
    r.people.push_back({AsyeRole::Assessor, "Jo Assessor", true});
    r.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:1", 2, "2026-09-14", kMs,
                                     "I build rapport quickly but need to structure visits"));
    r.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:3", 1, "2026-09-14", kMs));
    r.selfAssessment.push_back(rated(SelfAssessmentPoint::Mid, "kss-cf:1", 3, "2027-03-15", kMs + 1000, "Visits planned"));
    r.selfAssessment.push_back(rated(SelfAssessmentPoint::Mid, "kss-cf:1", 2, "2027-03-15", kMs));
    Entry g = goal("3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e10", "Plan visits around the child's routine", "3m",
                   "in-progress", "2026-12-01");
    g.fields["description"] = "Use what I learnt about attachment on every visit.";
    g.links = {"3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01", "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e02"};
    g.createdMs = g.updatedMs = kMs;
    p.entries.push_back(g);
    Entry open = goal("3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e11", "Court skills", "6m", "not-started");
    open.createdMs = open.updatedMs = kMs;
    p.entries.push_back(open);
    return p;
}
} // namespace

TEST(SchemaFour, FixtureIsKeptForever) {
    const Portfolio want = v4Portfolio();
    if (std::getenv("PATHWAY_WRITE_V4_FIXTURE"))
        ASSERT_TRUE(static_cast<bool>(writeFileAtomic(pathway::test::fixturePath("portfolio-v4.json"),
                                                      serializePortfolio(want))));
    const std::string bytes = pathway::test::readFixture("portfolio-v4.json");
    ASSERT_FALSE(bytes.empty());
    auto fast = parsePortfolio(bytes);
    auto tree = parsePortfolioViaTree(bytes);
    ASSERT_TRUE(fast.ok() && tree.ok()) << fast.error << tree.error;
    EXPECT_EQ(fast.fromSchema, 4);
    EXPECT_EQ(*fast.portfolio, want);
    EXPECT_EQ(*tree.portfolio, want);
    EXPECT_EQ(serializePortfolio(*fast.portfolio), bytes);
    EXPECT_EQ(fast.portfolio->profile.asye.selfAssessment.size(), 4u);
    EXPECT_EQ(fast.portfolio->profile.extra.value("pronouns_from_a_newer_version", ""), "they/them");
    EXPECT_NE(bytes.find("\"self_assessment\""), std::string::npos);
    EXPECT_NE(bytes.find("\"review\": \"3m\""), std::string::npos);
}

TEST(SchemaFour, EveryOlderFixtureStillLoadsAndSavesAsFour) {
    for (const char* name : {"portfolio-v1.json", "portfolio-v1-asye.json", "portfolio-v2.json", "portfolio-v3.json"}) {
        SCOPED_TRACE(name);
        LoadResult r = parsePortfolio(pathway::test::readFixture(name));
        ASSERT_TRUE(r.ok()) << r.error;
        EXPECT_EQ(r.fromSchema, name[11] - '0');
        EXPECT_TRUE(r.portfolio->profile.asye.selfAssessment.empty());
        const std::string saved = serializePortfolio(*r.portfolio);
        EXPECT_NE(saved.find("\"schema\": 4"), std::string::npos);
        LoadResult again = parsePortfolio(saved);
        ASSERT_TRUE(again.ok()) << again.error;
        EXPECT_EQ(*again.portfolio, *r.portfolio);
    }
    // A newer schema is refused with a sentence, never half read.
    LoadResult newer = parsePortfolio(R"({"format":"pathway-portfolio","schema":5,"profile":{"name":"A"}})");
    EXPECT_FALSE(newer.ok());
    EXPECT_NE(newer.error.find("newer version of Pathway"), std::string::npos) << newer.error;
}

TEST(SchemaFour, BadRatingsInAFileAreRefusedByBothReadersWithWhere) {
    const std::string head = R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A","asye":{"self_assessment":[)";
    const std::string tail = "]}}}";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"point":"middle","item":"kss-cf:1","rating":2,"date":"2026-09-08"})", "point"},
        {R"({"item":"kss-cf:1","rating":2,"date":"2026-09-08"})", "point"},
        {R"({"point":"start","item":"kss-cf","rating":2,"date":"2026-09-08"})", "item"},
        {R"({"point":"start","rating":2,"date":"2026-09-08"})", "item"},
        {R"({"point":"start","item":"kss-cf:1","rating":0,"date":"2026-09-08"})", "rating"},
        {R"({"point":"start","item":"kss-cf:1","rating":5,"date":"2026-09-08"})", "rating"},
        {R"({"point":"start","item":"kss-cf:1","rating":2.5,"date":"2026-09-08"})", "rating"},
        {R"({"point":"start","item":"kss-cf:1","rating":"2","date":"2026-09-08"})", "rating"},
        {R"({"point":"start","item":"kss-cf:1","rating":2})", "date"},
        {R"({"point":"start","item":"kss-cf:1","rating":2,"date":"2026-02-30"})", "date"},
        {R"({"point":"start","item":"kss-cf:1","rating":2,"date":"2026-09-08","at":"soon"})", "at"},
        {R"("start")", "self_assessment[0]"},
    };
    for (const auto& [rating, where] : cases) {
        SCOPED_TRACE(rating);
        LoadResult fast = parsePortfolio(head + rating + tail);
        LoadResult tree = parsePortfolioViaTree(head + rating + tail);
        EXPECT_FALSE(fast.ok());
        EXPECT_FALSE(tree.ok());
        EXPECT_NE(fast.error.find("profile.asye.self_assessment[0]"), std::string::npos) << fast.error;
        EXPECT_NE(fast.error.find(where), std::string::npos) << fast.error;
    }
    LoadResult good = parsePortfolio(head + R"({"point":"end","item":"kss-cf:10","rating":4,"date":"2027-09-08"})" + tail);
    ASSERT_TRUE(good.ok()) << good.error;
    EXPECT_EQ(good.portfolio->profile.asye.selfAssessment.at(0).point, SelfAssessmentPoint::End);
}

TEST(SchemaFour, AFailedLoadNeverOverwritesTheFile) {
    pathway::test::TempDir dir;
    const std::string path = dir.file("p.json");
    const std::string bad = R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A","asye":{"self_assessment":[{"point":"x"}]}}})";
    ASSERT_TRUE(static_cast<bool>(writeFileAtomic(path, bad)));
    IoResult r = updatePortfolioFile(path, [](Portfolio&, std::string&) { return true; });
    EXPECT_FALSE(r);
    std::string after;
    ASSERT_TRUE(static_cast<bool>(readFile(path, after, 1 << 20)));
    EXPECT_EQ(after, bad);
}

// --- merges: field by field, record by record, both writers kept ---------------------------------

TEST(SelfAssessmentMerge, TwoWritersRatingsAreAllKept) {
    Portfolio base = practitioner();
    base.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:2", 2, "2026-09-08", kMs));
    Portfolio mine = base, theirs = base;
    // The app rates item 1 and re-rates item 2; pathway-cli rates item 3 and item 2 differently.
    setSelfRating(mine.profile.asye, rated(SelfAssessmentPoint::Start, "kss-cf:1", 3, "2026-09-09", kMs + 10 * 1000));
    setSelfRating(mine.profile.asye, rated(SelfAssessmentPoint::Start, "kss-cf:2", 3, "2026-09-09", kMs + 20 * 1000));
    setSelfRating(theirs.profile.asye, rated(SelfAssessmentPoint::Start, "kss-cf:3", 1, "2026-09-09", kMs + 15 * 1000));
    setSelfRating(theirs.profile.asye, rated(SelfAssessmentPoint::Start, "kss-cf:2", 4, "2026-09-09", kMs + 30 * 1000));
    theirs.profile.team = "Team East";
    for (bool swap : {false, true}) {
        SCOPED_TRACE(swap);
        const MergeResult m = swap ? mergeConcurrent(base, theirs, mine) : mergeConcurrent(base, mine, theirs);
        const AsyeRecord& a = m.portfolio.profile.asye;
        EXPECT_EQ(m.portfolio.profile.team, "Team East") << "field by field";
        EXPECT_EQ(a.selfAssessment.size(), 4u) << "1, 3 and both writers' 2; the old 2 is gone";
        EXPECT_EQ(currentSelfRating(a, SelfAssessmentPoint::Start, "kss-cf:1")->rating, 3);
        EXPECT_EQ(currentSelfRating(a, SelfAssessmentPoint::Start, "kss-cf:3")->rating, 1);
        EXPECT_EQ(currentSelfRating(a, SelfAssessmentPoint::Start, "kss-cf:2")->rating, 4) << "the later";
        const SelfAssessmentView v = selfAssessmentView(m.portfolio, Catalog::builtin());
        EXPECT_EQ(v.rows[1].at[0].others, 1);
        // Merging the result again changes nothing.
        EXPECT_EQ(mergeConcurrent(m.portfolio, m.portfolio, m.portfolio).portfolio.profile, m.portfolio.profile);
    }
}

TEST(SelfAssessmentMerge, AClearedOrChangedRatingStaysSoAndImportsAddRatings) {
    Portfolio base = practitioner();
    base.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:2", 2, "2026-09-08", kMs));
    base.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:4", 2, "2026-09-08", kMs));
    Portfolio mine = base, theirs = base;
    clearSelfRating(mine.profile.asye, SelfAssessmentPoint::Start, "kss-cf:2");
    setSelfRating(theirs.profile.asye, rated(SelfAssessmentPoint::Start, "kss-cf:4", 3, "2026-09-09", kMs + 1 * 1000));
    const MergeResult m = mergeConcurrent(base, mine, theirs);
    const AsyeRecord& a = m.portfolio.profile.asye;
    EXPECT_FALSE(currentSelfRating(a, SelfAssessmentPoint::Start, "kss-cf:2")) << "cleared here";
    ASSERT_EQ(a.selfAssessment.size(), 1u);
    EXPECT_EQ(a.selfAssessment[0].rating, 3) << "changed there, and only that version";
    // A backup's ratings are added to this copy's (no base): none doubled, none dropped.
    Portfolio backup = practitioner();
    backup.profile.asye.selfAssessment = base.profile.asye.selfAssessment;
    backup.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::End, "kss-cf:9", 4, "2027-09-01", kMs));
    const MergeResult imported = mergePortfolios(m.portfolio, backup);
    EXPECT_EQ(imported.portfolio.profile.asye.selfAssessment.size(), 4u);
    EXPECT_TRUE(imported.report.profileChanged);
    EXPECT_EQ(mergePortfolios(imported.portfolio, backup).portfolio.profile, imported.portfolio.profile);
}

TEST(DevelopmentPlanMerge, GoalsAreEntriesMergedOneByOne) {
    Portfolio base = practitioner();
    base.entries.push_back(goal("g1", "Court skills", "3m", "not-started"));
    Portfolio mine = base, theirs = base;
    mine.entries[0].fields["status"] = "in-progress";
    mine.entries[0].updatedMs = kMs + 10;
    theirs.entries.push_back(goal("g2", "Direct work tools", "6m", "not-started"));
    const MergeResult m = mergeConcurrent(base, mine, theirs);
    ASSERT_EQ(m.portfolio.entries.size(), 2u);
    EXPECT_EQ(m.portfolio.find("g1")->field("status"), "in-progress");
    EXPECT_TRUE(m.portfolio.find("g2"));
    // Both changed the same goal: the newer is kept and the other beside it as a conflicting copy.
    theirs = base;
    theirs.entries[0].fields["status"] = "achieved";
    theirs.entries[0].updatedMs = kMs + 20;
    const MergeResult both = mergeConcurrent(base, mine, theirs);
    ASSERT_EQ(both.portfolio.entries.size(), 2u);
    EXPECT_EQ(both.portfolio.find("g1")->field("status"), "achieved");
    EXPECT_EQ(both.report.conflictCopies, 1);
}

// --- the development plan -----------------------------------------------------------------------

TEST(DevelopmentPlan, GoalsGatherUnderTheirReviewWithEvidence) {
    Portfolio p = practitioner();
    p.entries.push_back(evidence("o1", EntryKind::Observation, "Observed visit", "2026-11-02"));
    Entry a = goal("g-a", "Build court confidence", "3m", "in-progress", "2026-11-30");
    a.links = {"o1", "gone"};
    p.entries.push_back(a);
    p.entries.push_back(goal("g-b", "Attachment theory", "3m", "achieved", "2026-10-31"));
    p.entries.push_back(goal("g-c", "Later goal without a date", "3m", "not-started"));
    p.entries.push_back(goal("g-d", "Due today", "6m", "in-progress", "2026-12-01"));
    p.entries.push_back(goal("g-e", "Not in this programme", "18m", "in-progress"));
    p.entries.push_back(goal("g-f", "No review", nullptr, nullptr, "2026-11-01"));
    const Status st = computeStatus(p, Catalog::builtin(), d("2026-12-01"));
    ASSERT_TRUE(st.asye);
    const DevelopmentPlan& plan = st.asye->plan;
    EXPECT_EQ(plan.goals(), 6);
    ASSERT_EQ(plan.periods.size(), st.asye->reviews.size()) << "one period per review of the rule";
    const PlanPeriod* three = period(plan, "3m");
    ASSERT_TRUE(three);
    ASSERT_EQ(three->goals.size(), 3u);
    EXPECT_EQ(three->goals[0].id, "g-b") << "by target date, none last";
    EXPECT_EQ(three->goals[1].id, "g-a");
    EXPECT_EQ(three->goals[2].id, "g-c");
    EXPECT_EQ(three->achieved, 1);
    EXPECT_TRUE(three->goals[1].overdue) << "target 30 November passed, still in progress";
    EXPECT_FALSE(three->goals[0].overdue) << "achieved is never overdue";
    ASSERT_EQ(three->goals[1].evidence.size(), 2u);
    EXPECT_EQ(three->goals[1].evidence[0].title, "Observed visit");
    EXPECT_FALSE(three->goals[1].evidence[0].missing);
    EXPECT_TRUE(three->goals[1].evidence[1].missing) << "a link to an entry since deleted is shown as such";
    const PlanPeriod* six = period(plan, "6m");
    ASSERT_TRUE(six);
    ASSERT_EQ(six->goals.size(), 1u);
    EXPECT_FALSE(six->goals[0].overdue) << "the target day itself is not passed";
    EXPECT_EQ(six->review.due, st.asye->reviews[1].due);
    ASSERT_EQ(plan.unassigned.size(), 2u) << "18m is not a review of the ASYE; one goal has none";
    EXPECT_TRUE(plan.unassigned[0].overdue) << "no status, target passed";

    const json j = statusToJson(st)["asye"]["development_plan"];
    EXPECT_EQ(j["goals"], 6);
    EXPECT_EQ(j["periods"][0]["review"], "3m");
    EXPECT_EQ(j["periods"][0]["goals"][1]["evidence"][0]["kind"], "observation");
    EXPECT_EQ(j["periods"][0]["goals"][1]["evidence"][1]["missing"], true);
    EXPECT_EQ(j["periods"][0]["goals"][1]["target_date"], "2026-11-30");
    EXPECT_EQ(j["unassigned"].size(), 2u);
    EXPECT_TRUE(j["unassigned"][0]["status"].is_null());
    // Goals are plans: they never count as planned entries or as evidence.
    EXPECT_TRUE(st.planned.empty());
}

TEST(DevelopmentPlan, AProgrammeLoadedAsDataNamesItsOwnPeriods) {
    Catalog c = Catalog::builtin();
    ASSERT_EQ(c.addFile(pathway::test::readFixture("rules/ecdp-2027.json"), "ecdp-2027.json"), "");
    Portfolio p = practitioner(Setting::ChildrenAndFamilies, "2027-09-06");
    p.entries.push_back(goal("g1", "Year two goal", "18m", "not-started"));
    const Status st = computeStatus(p, c, d("2027-10-01"));
    ASSERT_TRUE(st.asye);
    const PlanPeriod* p18 = period(st.asye->plan, "18m");
    ASSERT_TRUE(p18) << "the two-year programme has an 18-month review";
    EXPECT_EQ(p18->review.name, "18-month review");
    EXPECT_EQ(p18->goals.size(), 1u);
    EXPECT_TRUE(st.asye->plan.unassigned.empty());
}

TEST(DevelopmentPlan, AGoalsReviewIsOneOfTheKnownStages) {
    Entry g = goal("g1", "Court skills", "4m", "in-progress");
    EXPECT_NE(validateEntry(g).find("Review period must be one of"), std::string::npos) << validateEntry(g);
    g.fields["review"] = "6m";
    EXPECT_EQ(validateEntry(g), "");
}

// --- status JSON ---------------------------------------------------------------------------------

TEST(SelfAssessmentStatus, StatusJsonCarriesTheSummary) {
    Portfolio p = practitioner();
    p.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:1", 2, "2026-09-08", kMs, "private words"));
    p.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Mid, "kss-cf:1", 3, "2027-03-10", kMs));
    const Status st = computeStatus(p, Catalog::builtin(), d("2027-03-15"));
    ASSERT_TRUE(st.asye);
    const json j = statusToJson(st)["asye"]["self_assessment"];
    EXPECT_EQ(j["framework"], "kss-cf");
    EXPECT_EQ(j["version"], "2018");
    EXPECT_EQ(j["framework_ends"], "2027-03-31");
    EXPECT_EQ(j["scale"].size(), 4u);
    EXPECT_EQ(j["scale"][1]["label"], "Developing");
    EXPECT_EQ(j["points"][0]["point"], "start");
    EXPECT_EQ(j["points"][0]["rated"], 1);
    EXPECT_EQ(j["points"][0]["items"], 10);
    EXPECT_EQ(j["points"][1]["first"], "2027-03-10");
    EXPECT_TRUE(j["points"][2]["first"].is_null());
    EXPECT_EQ(j["items"][0]["item"], "kss-cf:1");
    EXPECT_EQ(j["items"][0]["start"]["rating"], 2);
    EXPECT_EQ(j["items"][0]["mid"]["label"], "Confident");
    EXPECT_TRUE(j["items"][0]["end"].is_null());
    EXPECT_TRUE(j["items"][1]["start"].is_null());
    EXPECT_EQ(j["elsewhere"], 0);
    EXPECT_EQ(j.dump().find("private words"), std::string::npos) << "comments are left to exports";
    // The child and family KSS ends before this ASYE does: said, and kept.
    bool said = false;
    for (const auto& n : j["notices"]) said = said || n.get<std::string>().find("ended on 2027-03-31") != std::string::npos;
    EXPECT_TRUE(said) << j["notices"].dump();
    EXPECT_EQ(statusToJson(st)["assessed_against"]["kss-cf"], "2018");
    // An adult practitioner's ASYE: the adult KSS, which has not ended.
    const Status adults = computeStatus(practitioner(Setting::Adults), Catalog::builtin(), d("2027-03-15"));
    const json ja = statusToJson(adults)["asye"]["self_assessment"];
    EXPECT_EQ(ja["framework"], "kss-adults");
    EXPECT_EQ(ja["items"].size(), 11u);
    EXPECT_TRUE(ja["notices"].empty()) << ja["notices"].dump();
}

// --- confidentiality and the HTML export ---------------------------------------------------------

TEST(SelfAssessmentPrivacy, CommentsAreCheckedRedactedAndAnonymised) {
    Portfolio p = practitioner();
    p.profile.asye.people.push_back({AsyeRole::Supervisor, "Morgan Fairweather", true});
    p.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:5", 1, "2026-09-08", kMs,
                                                  "After the visit to Mrs Halloway I asked Morgan Fairweather"));
    const std::vector<Finding> findings = lintPortfolio(p);
    bool found = false;
    for (const auto& f : findings)
        if (f.field == "self_assessment[0].comment" && f.match.find("Halloway") != std::string::npos) found = true;
    EXPECT_TRUE(found) << "a name in a self-assessment comment is a finding";
    int32_t changed = 0;
    const Portfolio redacted = redactFindings(p, findings, kMs, &changed);
    EXPECT_EQ(redacted.profile.asye.selfAssessment[0].comment.find("Halloway"), std::string::npos)
        << redacted.profile.asye.selfAssessment[0].comment;
    EXPECT_GE(changed, 1);
    const Portfolio a = anonymisePortfolio(p);
    const std::string& c = a.profile.asye.selfAssessment[0].comment;
    EXPECT_EQ(c.find("Halloway"), std::string::npos) << c;
    EXPECT_NE(c.find("[Supervisor 1]"), std::string::npos) << c;
}

TEST(SelfAssessmentExport, TheHtmlShowsTheThreePointsSideBySideAndThePlan) {
    Portfolio p = practitioner();
    p.profile.asye.people.push_back({AsyeRole::Supervisor, "Pat Example", true});
    p.profile.asye.people.push_back({AsyeRole::Assessor, "Jo <Assessor>", false});
    p.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::Start, "kss-cf:1", 1, "2026-09-08", kMs, "Unsure <yet>"));
    p.profile.asye.selfAssessment.push_back(rated(SelfAssessmentPoint::End, "kss-cf:1", 4, "2027-09-08", kMs));
    p.entries.push_back(evidence("o1", EntryKind::Observation, "Observed visit", "2026-11-02"));
    Entry g = goal("g1", "Court & tribunal skills", "3m", "in-progress", "2026-12-01");
    g.links = {"o1"};
    p.entries.push_back(g);
    const ExportContext ctx{Catalog::builtin(), d("2027-09-10"), kMs};
    const std::string h = exportHtml(p, ctx);
    EXPECT_NE(h.find("<h2>ASYE</h2>"), std::string::npos);
    EXPECT_NE(h.find("Supervisor: Pat Example (registered social worker)"), std::string::npos);
    EXPECT_NE(h.find("Assessor: Jo &lt;Assessor&gt;"), std::string::npos) << "escaped";
    EXPECT_NE(h.find("<th>Standard</th><th>Start</th><th>Midway</th><th>End</th>"), std::string::npos);
    const size_t row = h.find("<tr><td>1 Relationships");
    ASSERT_NE(row, std::string::npos) << h.substr(h.find("class=\"sa\""), 600);
    const std::string line = h.substr(row, h.find("</tr>", row) - row);
    EXPECT_NE(line.find("<strong>1 Not yet confident</strong>"), std::string::npos) << line;
    EXPECT_NE(line.find("Unsure &lt;yet&gt;"), std::string::npos) << line;
    EXPECT_NE(line.find("<td>&mdash;</td>"), std::string::npos) << "midway not rated: " << line;
    EXPECT_NE(line.find("<strong>4 Strong</strong>"), std::string::npos) << line;
    EXPECT_NE(h.find("For the 3-month review"), std::string::npos);
    EXPECT_NE(h.find("Court &amp; tribunal skills"), std::string::npos);
    EXPECT_NE(h.find("Evidence: Observed visit (2026-11-02)"), std::string::npos);
    EXPECT_NE(h.find("Pathway's own"), std::string::npos) << "the scale says where it comes from";
    // The moderation pack: the people anonymised, the table still there.
    const std::string m = exportModerationPack(p, ctx);
    EXPECT_EQ(m.find("Pat Example"), std::string::npos);
    EXPECT_NE(m.find("Supervisor: Supervisor 1"), std::string::npos);
    EXPECT_NE(m.find("<strong>4 Strong</strong>"), std::string::npos);
    // No ASYE: no section.
    Portfolio plain = practitioner(Setting::ChildrenAndFamilies, nullptr);
    EXPECT_EQ(exportHtml(plain, ctx).find("<h2>ASYE</h2>"), std::string::npos);
}
