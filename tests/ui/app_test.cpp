// Headless frames of the shared screens, driven by synthetic input.
#include "ui_harness.hpp"

using namespace pathway;
using pathway::test::UiHarness;

namespace {
void namePortfolio(UiHarness& h, const char* name) {
    core::Profile p;
    p.name = name;
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
}
} // namespace

TEST(UiAppTest, WelcomeScreenCreatesTheProfile) {
    UiHarness h;
    ui::App& app = h.start();
    EXPECT_EQ(app.screen(), ui::Screen::Welcome);
    h.type("welcome.name", "Drew Invented");
    h.click("welcome.start");
    EXPECT_EQ(app.screen(), ui::Screen::Home);
    EXPECT_EQ(h.portfolio().profile.name, "Drew Invented");
}

TEST(UiAppTest, WelcomeRefusesABlankName) {
    UiHarness h;
    ui::App& app = h.start();
    h.click("welcome.start");
    EXPECT_EQ(app.screen(), ui::Screen::Welcome);
    EXPECT_EQ(app.message(), "Enter the practitioner's name.");
}

TEST(UiAppTest, AddCpdRecordThroughTheEditorThenUndo) {
    UiHarness h;
    namePortfolio(h, "Drew Invented");
    ui::App& app = h.start();
    EXPECT_EQ(app.screen(), ui::Screen::Home);
    h.click("action.add-cpd");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    h.type("entry.title", "Motivational interviewing");
    h.type("cpd.hours", "2.5");
    h.click("action.save");
    EXPECT_EQ(app.screen(), ui::Screen::Home);
    ASSERT_EQ(h.portfolio().entries.size(), 1u);
    const core::Entry& e = h.portfolio().entries[0];
    EXPECT_EQ(e.title, "Motivational interviewing");
    EXPECT_EQ(e.kind, core::EntryKind::Cpd);
    EXPECT_EQ(e.date, h.clock.today());
    EXPECT_EQ(e.number("hours"), 2.5);
    EXPECT_TRUE(h.visible("entry." + e.id)); // listed on the home screen

    h.click("action.undo");
    EXPECT_TRUE(h.portfolio().entries.empty());
    h.click("action.redo");
    EXPECT_EQ(h.portfolio().entries.size(), 1u);
    h.key(ImGuiKey_Z, ImGuiMod_Ctrl);
    EXPECT_TRUE(h.portfolio().entries.empty());
    h.key(ImGuiKey_Z, ImGuiMod_Ctrl | ImGuiMod_Shift);
    EXPECT_EQ(h.portfolio().entries.size(), 1u);
}

TEST(UiAppTest, InvalidDraftShowsMessageAndKeepsTyping) {
    UiHarness h;
    namePortfolio(h, "Drew Invented");
    ui::App& app = h.start();
    h.click("action.add-cpd");
    h.type("cpd.hours", "lots");
    h.click("action.save");
    EXPECT_EQ(app.screen(), ui::Screen::Editor);
    EXPECT_EQ(app.message(), "Give the entry a title.");
    h.type("entry.title", "Still here");
    h.click("action.save");
    EXPECT_EQ(app.message(), "Hours must be a number (e.g. 1.5).");
    ASSERT_NE(app.draft(), nullptr);
    EXPECT_EQ(app.draft()->title, "Still here");
    EXPECT_TRUE(h.portfolio().entries.empty());
}

TEST(UiAppTest, PhoneWidthUsesBottomNavigation) {
    UiHarness h(390, 844);
    namePortfolio(h, "Drew Invented");
    ui::App& app = h.start();
    EXPECT_TRUE(app.phoneLayout());
    const auto& nav = h.widget("nav.log");
    EXPECT_GT(nav.y, 700.f); // at the bottom of the screen
    EXPECT_GE(nav.h, 44.f);  // a comfortable touch target
    h.click("nav.log");
    EXPECT_EQ(app.screen(), ui::Screen::Log);
}

TEST(UiAppTest, LogSearchFiltersRows) {
    UiHarness h;
    namePortfolio(h, "Drew Invented");
    for (const char* t : {"Court skills", "Attachment theory", "Court report writing"}) {
        core::Entry e;
        e.kind = core::EntryKind::Cpd;
        e.title = t;
        e.date = h.clock.today();
        ASSERT_TRUE(h.session->store().apply(core::cmd::AddEntry{e}));
    }
    h.start();
    h.click("nav.log");
    auto rows = [] {
        int n = 0;
        for (const auto& r : ui::widgets().rects()) n += r.id.rfind("entry.", 0) == 0;
        return n;
    };
    EXPECT_EQ(rows(), 3);
    h.type("log.search", "court");
    EXPECT_EQ(rows(), 2);
    h.type("log.search", "attach");
    EXPECT_EQ(rows(), 1);
}
