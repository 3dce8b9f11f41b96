// Issue 14, points 10-12 in the app: the Reviews screen's supervisor and assessor, development
// plan per review and self-assessment cards; the self-assessment screen (rate each standard at a
// point, compare the three side by side); a goal's evidence in the editor. Phone and desktop.
#include "ui_harness.hpp"

#include "pathway/core/self_assessment.hpp"

using namespace pathway;
using pathway::test::UiHarness;

namespace {

core::Date d(const char* iso) { return *core::Date::parse(iso); }

// An ASYE practitioner in child and family services with a supervisor, an assessor, an
// observation and a goal for the 3-month review linked to it, and two start ratings.
core::Portfolio asyePortfolio() {
    core::Portfolio p;
    p.profile.name = "Drew Invented";
    p.profile.asyeStart = d("2026-09-07");
    p.profile.asye.people.push_back({core::AsyeRole::Supervisor, "Pat Example", true});
    p.profile.asye.people.push_back({core::AsyeRole::Assessor, "Jo Assessor", false});
    core::Entry obs;
    obs.id = "obs-1";
    obs.kind = core::EntryKind::Observation;
    obs.title = "Observed child and family assessment visit";
    obs.date = d("2026-11-02");
    p.entries.push_back(obs);
    core::Entry g;
    g.id = "goal-1";
    g.kind = core::EntryKind::Goal;
    g.title = "Plan each home visit around the child's routine and write it up the same day";
    g.date = d("2026-09-10");
    g.fields = {{"review", "3m"}, {"status", "in-progress"}, {"target_date", "2026-11-20"}};
    g.links = {"obs-1"};
    p.entries.push_back(g);
    auto& sa = p.profile.asye.selfAssessment;
    sa.push_back({core::SelfAssessmentPoint::Start, "kss-cf:1", 2,
                  "I build rapport quickly but my visits lack a clear structure and purpose", d("2026-09-10"), 1});
    sa.push_back({core::SelfAssessmentPoint::Start, "kss-cf:3", 1, "", d("2026-09-10"), 2});
    return p;
}

// The ASYE portfolio above on the Reviews screen, laid out.
ui::App& openReviews(UiHarness& h) {
    h.session->store().reset(asyePortfolio());
    ui::App& app = h.start();
    app.show(ui::Screen::Reviews);
    h.frames(3);
    return app;
}

// Every widget and text drawn this frame lies inside the window's width: nothing is cut off.
void expectNothingPastTheRightEdge(float width) {
    for (const auto& r : ui::widgets().rects()) {
        if (r.w <= 0 || r.role == ui::Role::Heading) continue;
        EXPECT_LE(r.x + r.w, width + 1.f) << "\"" << r.label << "\" (" << r.id << ") runs off at x " << r.x
                                          << " + " << r.w;
    }
}

} // namespace

TEST(UiAsyePlanTest, ReviewsShowsPeoplePlanAndSelfAssessmentAtBothWidths) {
    for (float width : {390.f, 1280.f}) {
        SCOPED_TRACE(width);
        UiHarness h(width, 3200);
        openReviews(h);
        EXPECT_TRUE(h.visible("plan.edit.goal-1"));
        EXPECT_TRUE(h.visible("plan.add.3m"));
        EXPECT_TRUE(h.visible("plan.add.final"));
        EXPECT_TRUE(h.visible("self.open"));
        EXPECT_TRUE(h.visible("self.compare"));
        bool supervisor = false, overdue = false, evidence = false, summary = false;
        for (const auto& r : ui::widgets().rects()) {
            supervisor = supervisor || r.label.find("Supervisor: Pat Example") != std::string::npos;
            overdue = overdue || r.label == "Target passed";
            evidence = evidence || r.label.find("Evidence: Observed child and family") != std::string::npos;
            summary = summary || r.label.find("Start: 2 of 10 rated") != std::string::npos;
        }
        EXPECT_TRUE(supervisor);
        EXPECT_TRUE(overdue) << "target 20 November passed on 23 November";
        EXPECT_TRUE(evidence);
        EXPECT_TRUE(summary);
        expectNothingPastTheRightEdge(width);
    }
}

TEST(UiAsyePlanTest, AddingAGoalForAReviewPresetsItAndLinksEvidence) {
    UiHarness h(1280, 3200);
    ui::App& app = openReviews(h);
    h.click("plan.add.6m");
    ASSERT_EQ(app.screen(), ui::Screen::Editor);
    ASSERT_TRUE(app.draft());
    EXPECT_EQ(app.draft()->kind, core::EntryKind::Goal);
    EXPECT_EQ(app.draft()->field("review"), "6m");
    h.type("entry.title", "Court skills");
    h.type("goal.evidence.search", "observed");
    ASSERT_TRUE(h.visible("goal.link.obs-1"));
    EXPECT_FALSE(h.visible("goal.link.goal-1")) << "goals are not evidence";
    h.click("goal.link.obs-1");
    EXPECT_EQ(app.draft()->links, std::vector<std::string>{"obs-1"});
    EXPECT_TRUE(h.visible("goal.unlink.obs-1"));
    h.click("action.save");
    const core::Status& st = app.status();
    ASSERT_TRUE(st.asye);
    const auto& periods = st.asye->plan.periods;
    const auto six = std::find_if(periods.begin(), periods.end(), [](const auto& p) { return p.review.id == "6m"; });
    ASSERT_NE(six, periods.end());
    ASSERT_EQ(six->goals.size(), 1u);
    EXPECT_EQ(six->goals[0].title, "Court skills");
    EXPECT_EQ(six->goals[0].evidence.at(0).id, "obs-1");
    EXPECT_EQ(h.session->store().undoLabel().empty(), false);
}

TEST(UiAsyePlanTest, RatingAndCommentingAreEachOneUndoStep) {
    UiHarness h(1280, 3200);
    ui::App& app = openReviews(h);
    h.click("self.open");
    ASSERT_EQ(app.screen(), ui::Screen::SelfAssessment);
    EXPECT_EQ(app.selfAssessmentTab(), 0) << "the start is not complete yet";
    EXPECT_EQ(h.widget("self.tab.start").states & ui::state::kSelected, ui::state::kSelected);
    // Rate item 2 at the start: one SetProfile.
    h.click("self.rate.start.2.3");
    const core::AsyeRecord& r = h.portfolio().profile.asye;
    const core::SelfRating* rated = core::currentSelfRating(r, core::SelfAssessmentPoint::Start, "kss-cf:2");
    ASSERT_TRUE(rated);
    EXPECT_EQ(rated->rating, 3);
    EXPECT_EQ(rated->date, h.clock.today());
    EXPECT_EQ(h.widget("self.rate.start.2.3").states & ui::state::kSelected, ui::state::kSelected);
    // Its comment: typed, saved when editing ends, the rating kept.
    ASSERT_TRUE(h.visible("self.comment.start.2"));
    h.type("self.comment.start.2", "Clear letters, phone calls less so");
    EXPECT_EQ(core::currentSelfRating(h.portfolio().profile.asye, core::SelfAssessmentPoint::Start, "kss-cf:2")->comment, "")
        << "nothing applied while typing";
    h.clickAway();
    rated = core::currentSelfRating(h.portfolio().profile.asye, core::SelfAssessmentPoint::Start, "kss-cf:2");
    ASSERT_TRUE(rated);
    EXPECT_EQ(rated->comment, "Clear letters, phone calls less so");
    EXPECT_EQ(rated->rating, 3);
    // Undo takes the comment back, then the rating.
    ASSERT_TRUE(h.session->store().undo());
    EXPECT_EQ(core::currentSelfRating(h.portfolio().profile.asye, core::SelfAssessmentPoint::Start, "kss-cf:2")->comment, "");
    ASSERT_TRUE(h.session->store().undo());
    EXPECT_FALSE(core::currentSelfRating(h.portfolio().profile.asye, core::SelfAssessmentPoint::Start, "kss-cf:2"));
    h.frames(2);
    EXPECT_FALSE(h.visible("self.comment.start.2")) << "an unrated item has no comment field";
    // The midway tab rates midway.
    h.click("self.tab.mid");
    EXPECT_EQ(app.selfAssessmentTab(), 1);
    h.click("self.rate.mid.1.4");
    EXPECT_EQ(core::currentSelfRating(h.portfolio().profile.asye, core::SelfAssessmentPoint::Mid, "kss-cf:1")->rating, 4);
    EXPECT_EQ(core::currentSelfRating(h.portfolio().profile.asye, core::SelfAssessmentPoint::Start, "kss-cf:1")->rating, 2)
        << "the start is untouched";
    h.click("self.back");
    EXPECT_EQ(app.screen(), ui::Screen::Reviews);
}

TEST(UiAsyePlanTest, TheComparisonWrapsOnAPhoneAndADesktop) {
    for (float width : {390.f, 1280.f}) {
        SCOPED_TRACE(width);
        UiHarness h(width, 4000);
        core::Portfolio p = asyePortfolio();
        p.profile.asye.selfAssessment.push_back({core::SelfAssessmentPoint::Mid, "kss-cf:1", 3,
                                                 "Visits now have an agreed purpose that I share with the family first",
                                                 d("2027-03-10"), 3});
        h.session->store().reset(p);
        ui::App& app = h.start();
        app.setSelfAssessmentTab(3);
        app.show(ui::Screen::SelfAssessment);
        h.frames(3);
        EXPECT_EQ(h.widget("self.tab.compare").states & ui::state::kSelected, ui::state::kSelected);
        int notRated = 0;
        bool midComment = false, startChip = false;
        for (const auto& r : ui::widgets().rects()) {
            notRated += r.label == "Not rated";
            midComment = midComment || r.label.rfind("Visits now have an agreed purpose", 0) == 0;
            startChip = startChip || r.label == "2 Developing";
        }
        EXPECT_EQ(notRated, 10 * 3 - 3) << "thirty cells, three rated";
        EXPECT_TRUE(midComment);
        EXPECT_TRUE(startChip);
        expectNothingPastTheRightEdge(width);
        EXPECT_EQ(app.title(), "Self-assessment \xe2\x80\x93 Pathway");
    }
}

TEST(UiAsyePlanTest, WithoutStandardsForTheStartTheScreenSaysWhy) {
    UiHarness h(1280, 1600);
    core::Portfolio p = asyePortfolio();
    p.profile.asyeStart = d("2010-09-06"); // before either KSS
    h.session->store().reset(p);
    ui::App& app = h.start();
    app.show(ui::Screen::SelfAssessment);
    h.frames(2);
    EXPECT_FALSE(h.visible("self.tab.start"));
    EXPECT_TRUE(h.visible("self.back"));
    EXPECT_EQ(ui::parseScreen("self-assessment"), ui::Screen::SelfAssessment);
}

// On a phone every rating, tab and button of the self-assessment screen is at least 44 px high
// (WCAG 2.5.5): the ratings were 36 px, a near miss for a thumb between two choices.
TEST(UiAsyePlanTest, RatingsAndTabsAreFullTouchTargetsOnAPhone) {
    UiHarness h(390, 8000); // tall enough for every item: a rectangle is clipped to its window
    ui::App& app = openReviews(h);
    h.click("self.open");
    ASSERT_EQ(app.screen(), ui::Screen::SelfAssessment);
    h.frames(2);
    int checked = 0;
    for (const auto& r : ui::widgets().rects()) {
        if (r.id.rfind("self.rate.", 0) != 0 && r.id.rfind("self.tab.", 0) != 0) continue;
        ++checked;
        EXPECT_GE(r.h, 44.f) << r.id << " is " << r.h << " px high";
    }
    EXPECT_GT(checked, 8) << "the ratings of the start point and the tabs were drawn";
}

// A goal's review period offers the reviews of the practitioner's programme (assets/rules/asye.json:
// 3, 6, 9 months and final), not every stage any programme has (12 and 18 months are the two-year
// programme's).
TEST(UiAsyePlanTest, AGoalsReviewPeriodOffersTheProgrammesReviews) {
    UiHarness h(1280, 3200);
    ui::App& app = openReviews(h);
    h.click("plan.add.6m");
    ASSERT_EQ(app.screen(), ui::Screen::Editor);
    h.click("goal.review");
    h.frames(2);
    for (const char* id : {"goal.review.3m", "goal.review.6m", "goal.review.9m", "goal.review.final"})
        EXPECT_TRUE(h.visible(id)) << id;
    EXPECT_FALSE(h.visible("goal.review.12m"));
    EXPECT_FALSE(h.visible("goal.review.18m"));
    EXPECT_EQ(h.widget("goal.review.6m").states & ui::state::kSelected, ui::state::kSelected);
}
