// Headless frames of every screen, driven by synthetic input through the registered widget ids.
#include "ui_harness.hpp"

#include "pathway/core/portfolio_io.hpp"

#include <algorithm>

using namespace pathway;
using pathway::test::UiHarness;

namespace {

void makeProfile(UiHarness& h, bool asye = true) {
    core::Profile p;
    p.name = "Drew Invented";
    if (asye) p.asyeStart = core::Date::parse("2026-09-07");
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
}

std::string addEntry(UiHarness& h, core::EntryKind kind, const std::string& title, const char* date,
                     std::vector<std::string> tags = {},
                     std::map<std::string, std::string> fields = {}) {
    core::Entry e;
    e.kind = kind;
    e.title = title;
    e.date = *core::Date::parse(date);
    e.tags = std::move(tags);
    e.fields = std::move(fields);
    auto r = h.session->store().apply(core::cmd::AddEntry{e});
    EXPECT_TRUE(r) << r.error;
    return r.id;
}

int rowsWithPrefix(const std::string& prefix) {
    int n = 0;
    for (const auto& r : ui::widgets().rects())
        n += r.id.rfind(prefix, 0) == 0;
    return n;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Home

TEST(UiHomeTest, ShowsRenewalAsyeAndOpensAnItemFromTheHeatmap) {
    // 900 px tall: with the harness's built-in font the heatmap's caption wraps to two lines
    // (static text wraps rather than running past the card), which puts the cells below 800.
    UiHarness h(1280, 900);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Court skills", "2026-10-01", {"pcf:6"});
    ui::App& app = h.start();
    EXPECT_EQ(app.screen(), ui::Screen::Home);
    ASSERT_TRUE(app.status().asye.has_value());
    EXPECT_TRUE(h.visible("home.open-reviews")); // the ASYE card
    EXPECT_TRUE(h.visible("coverage.pcf:6"));    // the heatmap
    h.click("coverage.pcf:6");
    EXPECT_EQ(app.screen(), ui::Screen::Frameworks);
    EXPECT_EQ(rowsWithPrefix("evidence."), 1); // the item's evidence is open
}

TEST(UiHomeTest, WithoutAsyeShowsProgressionInstead) {
    UiHarness h;
    makeProfile(h, false);
    ui::App& app = h.start();
    EXPECT_FALSE(app.status().asye.has_value());
    EXPECT_FALSE(h.visible("home.open-reviews"));
    EXPECT_TRUE(h.visible("home.open-frameworks"));
    EXPECT_TRUE(h.visible("home.add-first")); // empty portfolio: one obvious first step
    h.click("home.add-first");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
}

TEST(UiHomeTest, AsyeCardWithLeaveHoursAndAnOutcomeKeepsEverythingInView) {
    // Issue 14: the summary line, the outcome and the next review all show; the card's row
    // grows rather than cut off the "Review schedule" button.
    float plainHeight = 0;
    {
        UiHarness h;
        makeProfile(h);
        h.start();
        ASSERT_TRUE(h.visible("home.open-reviews"));
        plainHeight = h.widget("home.open-reviews").h;
    }
    UiHarness h;
    core::Profile p;
    p.name = "Drew Invented";
    p.asyeStart = core::Date::parse("2026-09-07");
    p.asye.leave.push_back({*core::Date::parse("2026-10-05"), *core::Date::parse("2026-11-01"),
                            core::LeaveKind::Maternity, ""});
    p.asye.fteChanges.push_back({*core::Date::parse("2026-11-02"), 0.6});
    p.asye.outcome.recommendation = core::AsyeDecisionRecord{
        core::AsyeDecision::Extend, *core::Date::parse("2026-11-20"),
        "Jordan Example, ASYE assessor for the adult team (invented)",
        core::Date::parse("2028-01-31"), ""};
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
    ui::App& app = h.start();
    h.frames(2);
    ASSERT_TRUE(app.status().asye.has_value());
    EXPECT_EQ(app.status().asye->leaveDays, 28);
    ASSERT_TRUE(h.visible("home.open-reviews"));
    EXPECT_EQ(h.widget("home.open-reviews").h, plainHeight) << "the button is not cut";
}

TEST(UiHomeTest, AddMenuStartsAnyKind) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-menu");
    ASSERT_TRUE(h.visible("add.supervision"));
    h.click("add.supervision");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    ASSERT_NE(app.draft(), nullptr);
    EXPECT_EQ(app.draft()->kind, core::EntryKind::Supervision);
    EXPECT_TRUE(h.visible("supervision.minutes"));
}

// ---------------------------------------------------------------------------------------------
// Log

TEST(UiLogTest, KindDateAndTagFiltersChangeTheRows) {
    UiHarness h;
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Court skills", "2026-10-01", {"pcf:5"});
    addEntry(h, core::EntryKind::Reflection, "A hard visit", "2026-10-20", {"swe:4.6"});
    addEntry(h, core::EntryKind::Supervision, "Supervision", "2026-11-10");
    ui::App& app = h.start();
    h.click("nav.log");
    EXPECT_EQ(app.screen(), ui::Screen::Log);
    EXPECT_EQ(rowsWithPrefix("entry."), 3);

    h.click("log.kind");
    ASSERT_TRUE(h.visible("log.kind.reflection"));
    h.click("log.kind.reflection");
    EXPECT_EQ(rowsWithPrefix("entry."), 1);
    h.click("log.clear");
    EXPECT_EQ(rowsWithPrefix("entry."), 3);

    h.type("log.from", "2026-10-15");
    h.clickAway();
    EXPECT_EQ(rowsWithPrefix("entry."), 2);
    h.type("log.to", "2026-10-31");
    h.clickAway();
    EXPECT_EQ(rowsWithPrefix("entry."), 1);
    h.click("log.clear");

    app.logFilter().tag = "swe:4"; // a parent item matches its sub-items
    h.frames(2);
    EXPECT_EQ(rowsWithPrefix("entry."), 1);
}

TEST(UiLogTest, TenThousandEntriesAreClipped) {
    UiHarness h;
    makeProfile(h);
    core::Portfolio doc = h.portfolio();
    for (int i = 0; i < 10000; ++i) {
        core::Entry e;
        e.id = "id-" + std::to_string(i);
        e.kind = i % 3 ? core::EntryKind::Cpd : core::EntryKind::Reflection;
        e.title = "Entry number " + std::to_string(i);
        e.date = core::Date::parse("2026-01-01")->addDays(i % 300);
        doc.entries.push_back(e);
    }
    h.session->store().reset(doc);
    ui::App& app = h.start();
    h.click("nav.log");
    EXPECT_EQ(app.logRows().size(), 10000u);
    EXPECT_LT(rowsWithPrefix("entry."), 30); // only what fits on screen is built
    h.type("log.search", "number 9999");
    EXPECT_EQ(app.logRows().size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Editors

TEST(UiEditorTest, EditingAnExistingEntryIsOneUndoStep) {
    UiHarness h;
    makeProfile(h);
    const std::string id = addEntry(h, core::EntryKind::Cpd, "Old title", "2026-10-01");
    ui::App& app = h.start();
    h.click("entry." + id);
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    h.type("entry.title", "New title");
    h.type("cpd.hours", "2");
    h.type("cpd.learned", "Something useful");
    EXPECT_EQ(h.portfolio().find(id)->title, "Old title"); // nothing applied while typing
    h.click("action.save");
    EXPECT_EQ(app.screen(), ui::Screen::Home);
    EXPECT_EQ(h.portfolio().find(id)->title, "New title");
    EXPECT_EQ(h.portfolio().find(id)->field("learned"), "Something useful");
    h.click("action.undo");
    EXPECT_EQ(h.portfolio().find(id)->title, "Old title");
    EXPECT_FALSE(h.portfolio().find(id)->has("hours"));
}

TEST(UiEditorTest, InvalidFieldsShowInlineMessages) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-cpd");
    h.type("entry.date", "2026-02-30");
    h.type("cpd.hours", "lots");
    h.clickAway();
    h.click("action.save");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    EXPECT_EQ(app.message(), "The date must look like 2026-11-23.");
    EXPECT_TRUE(h.portfolio().entries.empty());
}

TEST(UiEditorTest, ReflectionFollowsTheModelAndSwitchingKeepsText) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-menu");
    h.click("add.reflection");
    ASSERT_EQ(app.draft()->kind, core::EntryKind::Reflection);
    h.click("reflection.model.gibbs");
    ASSERT_TRUE(h.visible("reflection.gibbs.feelings"));
    h.type("reflection.gibbs.feelings", "Anxious before the visit");
    h.clickAway();
    h.click("reflection.model.kolb");
    EXPECT_FALSE(h.visible("reflection.gibbs.feelings"));
    EXPECT_TRUE(h.visible("reflection.kolb.concrete_experience"));
    EXPECT_EQ(app.draft()->field("gibbs.feelings"), "Anxious before the visit");
    h.click("reflection.model.gibbs");
    EXPECT_TRUE(h.visible("reflection.gibbs.feelings"));
    h.type("entry.title", "A home visit");
    h.click("action.save");
    ASSERT_EQ(h.portfolio().entries.size(), 1u);
    EXPECT_EQ(h.portfolio().entries[0].field("model"), "gibbs");
    EXPECT_EQ(h.portfolio().entries[0].field("gibbs.feelings"), "Anxious before the visit");
}

TEST(UiEditorTest, TagPickerSearchesAddsAndRemoves) {
    UiHarness h(1280, 2400); // tall: the whole form in view, no scrolling
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-cpd");
    h.type("tags.search", "critical reflection");
    ASSERT_TRUE(h.visible("tag.add.pcf:6"));
    h.click("tag.add.pcf:6");
    ASSERT_EQ(app.draft()->tags, std::vector<std::string>{"pcf:6"});
    EXPECT_TRUE(h.visible("tag.remove.pcf:6"));
    h.type("tags.search", "swe:4.6");
    h.click("tag.add.swe:4.6");
    EXPECT_EQ(app.draft()->tags.size(), 2u);
    h.click("tag.remove.pcf:6");
    EXPECT_EQ(app.draft()->tags, std::vector<std::string>{"swe:4.6"});
    h.type("entry.title", "Tagged");
    h.click("action.save");
    EXPECT_EQ(h.portfolio().entries.at(0).tags, std::vector<std::string>{"swe:4.6"});
}

TEST(UiEditorTest, NewDraftCanSwitchKindAndKeepsTitle) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-cpd");
    h.type("entry.title", "Talk with my manager");
    h.click("editor.kind");
    h.click("editor.kind.supervision");
    EXPECT_EQ(app.draft()->kind, core::EntryKind::Supervision);
    EXPECT_EQ(app.draft()->title, "Talk with my manager");
}

TEST(UiEditorTest, DraftSurvivesLeavingTheEditorAndARestart) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-cpd");
    h.type("entry.title", "Half-written piece");
    h.clickAway(); // editing ends: the draft is persisted
    h.click("nav.log");
    EXPECT_EQ(app.screen(), ui::Screen::Log);
    ASSERT_NE(app.draft(), nullptr);
    EXPECT_TRUE(h.visible("action.resume-draft"));
    EXPECT_NE(h.host.draft.find("Half-written piece"), std::string::npos);
    // Starting another entry goes back to the unfinished one rather than dropping it.
    h.click("action.add-cpd");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    EXPECT_EQ(app.draft()->title, "Half-written piece");
    h.click("nav.home");
    h.click("action.resume-draft");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);

    // A new App (the app was closed) finds the draft through the Host.
    h.app.reset();
    ui::App& again = h.start();
    ASSERT_NE(again.draft(), nullptr);
    EXPECT_EQ(again.draft()->title, "Half-written piece");
    EXPECT_TRUE(h.visible("action.resume-draft"));
    h.click("action.resume-draft");
    h.click("action.save");
    EXPECT_EQ(h.portfolio().entries.size(), 1u);
    EXPECT_EQ(h.host.draft, ""); // saved: no draft left behind
}

TEST(UiEditorTest, DiscardingADraftForgetsIt) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("action.add-cpd");
    h.type("entry.title", "Not needed");
    h.clickAway();
    h.click("action.cancel");
    EXPECT_EQ(app.draft(), nullptr);
    EXPECT_EQ(h.host.draft, "");
    EXPECT_TRUE(h.portfolio().entries.empty());
}

TEST(UiEditorTest, KeyboardShortcutsAddAndSave) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.key(ImGuiKey_N, ImGuiMod_Ctrl);
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    h.type("entry.title", "From the keyboard");
    h.key(ImGuiKey_S, ImGuiMod_Ctrl);
    EXPECT_EQ(app.screen(), ui::Screen::Home);
    ASSERT_EQ(h.portfolio().entries.size(), 1u);
    EXPECT_EQ(h.portfolio().entries[0].title, "From the keyboard");
}

TEST(UiEditorTest, DeleteThenUndoBringsItBack) {
    UiHarness h;
    makeProfile(h);
    const std::string id = addEntry(h, core::EntryKind::Note, "Scratch", "2026-11-01");
    h.start();
    h.click("entry." + id);
    h.click("action.delete");
    EXPECT_EQ(h.portfolio().find(id), nullptr);
    h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
    EXPECT_NE(h.portfolio().find(id), nullptr);
}

// ---------------------------------------------------------------------------------------------
// Frameworks and reviews

TEST(UiFrameworksTest, OpensAnItemToSeeItsEvidence) {
    UiHarness h;
    makeProfile(h);
    const std::string a =
        addEntry(h, core::EntryKind::Cpd, "Law refresher", "2026-10-01", {"pcf:5"});
    addEntry(h, core::EntryKind::Cpd, "Other", "2026-10-02", {"pcf:7"});
    ui::App& app = h.start();
    h.click("nav.frameworks");
    EXPECT_EQ(app.screen(), ui::Screen::Frameworks);
    h.click("framework.item.pcf:5");
    EXPECT_EQ(rowsWithPrefix("evidence."), 1);
    EXPECT_TRUE(h.visible("evidence." + a));
    h.click("frameworks.swe");
    EXPECT_TRUE(h.visible("framework.item.swe:4.6"));
}

TEST(UiReviewsTest, ScheduleCommentsSignOffsAndRecordingAnOutcome) {
    UiHarness h(1280, 2400); // tall: the plan and self-assessment cards sit above the comments
    makeProfile(h);
    const std::string id =
        addEntry(h, core::EntryKind::Reflection, "Midpoint reflection", "2026-11-01");
    core::Portfolio doc = h.portfolio();
    core::Comment c;
    c.id = "c1";
    c.entryId = id;
    c.author = "Alex Mentor";
    c.role = "ASYE assessor";
    c.text = "Good analysis; link it to the PCF.";
    c.requestsEvidence = true;
    doc.comments.push_back(c);
    doc.signOffs.push_back({id, "Alex Mentor", "ASYE assessor", "abc", 0});
    h.session->store().reset(doc);
    ui::App& app = h.start();
    h.click("nav.reviews");
    EXPECT_EQ(app.screen(), ui::Screen::Reviews);
    EXPECT_TRUE(h.visible("comment.open.c1"));
    ASSERT_TRUE(h.visible("reviews.record.3m"));
    h.click("reviews.record.3m");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    EXPECT_EQ(app.draft()->kind, core::EntryKind::Review);
    EXPECT_EQ(app.draft()->field("stage"), "3m");
    h.click("action.save");
    EXPECT_EQ(app.status().asye->reviews[0].state, core::ReviewState::Done);
}

// ---------------------------------------------------------------------------------------------
// Settings

TEST(UiSettingsTest, EditsTheProfileAsOneCommand) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("nav.settings");
    EXPECT_EQ(app.screen(), ui::Screen::Settings);
    h.type("settings.registration", "SW123456");
    h.type("settings.employer", "Invented Borough Council");
    h.type("settings.fte", "0.8");
    h.click("settings.setting.adults");
    h.click("settings.save");
    EXPECT_EQ(app.profileMessage(), "Profile saved.");
    const core::Profile& p = h.portfolio().profile;
    EXPECT_EQ(p.registrationNumber, "SW123456");
    EXPECT_EQ(p.employer, "Invented Borough Council");
    EXPECT_EQ(p.fte, 0.8);
    EXPECT_EQ(p.setting, core::Setting::Adults);
    h.click("action.undo");
    EXPECT_EQ(h.portfolio().profile.registrationNumber, "");
    EXPECT_EQ(h.portfolio().profile.setting, core::Setting::ChildrenAndFamilies);
}

TEST(UiSettingsTest, InvalidRegistrationNumberShowsAMessage) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    h.click("nav.settings");
    h.type("settings.registration", "AB12");
    h.click("settings.save");
    EXPECT_EQ(app.profileMessage(),
              "A registration number is SW followed by digits, e.g. SW123456.");
    EXPECT_EQ(h.portfolio().profile.registrationNumber, "");
    EXPECT_FALSE(h.session->store().canUndo() && h.session->store().undoLabel() == "Edit profile" &&
                 h.portfolio().profile.registrationNumber == "AB12");
}

TEST(UiSettingsTest, ThemeAndTextSize) {
    UiHarness h(1280, 2400); // tall: the whole form in view, no scrolling
    makeProfile(h);
    ui::App& app = h.start();
    h.click("nav.settings");
    EXPECT_EQ(app.textSizePx(), ui::kTextNormalPx);
    h.click("settings.text.large");
    EXPECT_EQ(app.textSizePx(), ui::kTextLargePx);
    h.click("settings.theme.dark");
    EXPECT_EQ(ui::currentTheme(), ui::ThemeKind::Dark);
    h.click("settings.theme.high-contrast");
    EXPECT_EQ(ui::currentTheme(), ui::ThemeKind::HighContrast);
    ui::applyTheme(ui::ThemeKind::Light);
}

TEST(UiSettingsTest, ExportOffersTheWholePortfolio) {
    UiHarness h(1280, 2400); // tall: the whole form in view, no scrolling
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Exported", "2026-10-01");
    h.start();
    h.click("nav.settings");
    h.click("settings.export");
    EXPECT_EQ(h.host.lastDownloadName, "pathway-portfolio.json");
    EXPECT_NE(h.host.lastDownload.find("Exported"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Phone layout

TEST(UiPhoneTest, EveryScreenHasTheBottomBarWithLargeTargets) {
    UiHarness h(390, 844);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Court skills", "2026-10-01", {"pcf:6"});
    ui::App& app = h.start();
    for (const char* nav :
         {"nav.home", "nav.log", "nav.frameworks", "nav.reviews", "nav.settings"}) {
        h.click(nav);
        for (const char* id : {"nav.home", "nav.log", "action.add-cpd", "nav.frameworks",
                               "nav.reviews", "nav.settings"}) {
            const auto& r = h.widget(id);
            EXPECT_GE(r.h, 44.f) << id;
            EXPECT_GE(r.w, 44.f) << id;
            EXPECT_GT(r.y, 700.f) << id;
        }
    }
    h.click("action.add-cpd");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    EXPECT_GE(h.widget("action.save").h, 44.f);
}

// A long reflection typed on a phone scrolls its form down; discarded, the next new entry's
// form opens at its top with its title in view (it opened where the last form was scrolled to).
TEST(UiScreensTest, ANewEntryOpensAtTheTopAfterALongOneWasDiscarded) {
    UiHarness h(390, 844);
    makeProfile(h);
    ui::App& app = h.start();
    app.startNewEntry(core::EntryKind::Reflection);
    h.frames(3);
    std::string words;
    for (int i = 0; i < 400; ++i) words += "word ";
    h.type("reflection.free.text", words);
    h.frames(3);
    h.click("action.cancel");
    app.startNewEntry(core::EntryKind::Cpd);
    h.frames(4);
    EXPECT_TRUE(h.visible("entry.title"));
}
