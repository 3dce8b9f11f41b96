// Issue 13: what the screens publish for assistive technology (roles, names, states, text
// alternatives) and the page mirror's requests coming back (focus, activation).
#include "ui_harness.hpp"

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

using namespace pathway;
using pathway::test::UiHarness;

namespace {

void makeProfile(UiHarness& h) {
    core::Profile p;
    p.name = "Drew Invented";
    p.asyeStart = core::Date::parse("2026-09-07");
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
}

void addCpd(UiHarness& h, const std::string& title, const char* date) {
    core::Entry e;
    e.kind = core::EntryKind::Cpd;
    e.title = title;
    e.date = *core::Date::parse(date);
    e.fields["learned"] = "Listening first.";
    ASSERT_TRUE(h.session->store().apply(core::cmd::AddEntry{e}));
}

nlohmann::json semantics(UiHarness& h) {
    return nlohmann::json::parse(ui::semanticsJson(h.app->title(), h.app->message()));
}

/// The published node called `name` with `role` (null when none).
const nlohmann::json* node(const nlohmann::json& s, const std::string& role, const std::string& name) {
    for (const auto& n : s["nodes"])
        if (n[1] == role && n[2] == name) return &n;
    return nullptr;
}

std::string names(const nlohmann::json& s) {
    std::string out;
    for (const auto& n : s["nodes"]) out += "\n  " + n[1].get<std::string>() + " \"" + n[2].get<std::string>() + "\"";
    return out;
}

} // namespace

TEST(UiSemanticsTest, HomePublishesHeadingsFiguresAsTextAndNavigationAsLinks) {
    UiHarness h;
    makeProfile(h);
    addCpd(h, "Court skills", "2026-10-01");
    h.start();
    const auto s = semantics(h);
    EXPECT_EQ(s["title"], "Home \xe2\x80\x93 Pathway");
    ASSERT_NE(node(s, "heading", "Registration renewal"), nullptr) << names(s);
    // The renewal ring's text alternative says what it shows and what is still needed.
    const auto* ring = node(s, "img", "0 of 2 pieces of CPD, peer reflection still needed");
    ASSERT_NE(ring, nullptr) << names(s);
    // ASYE figures are text or progress bars with a value and a maximum.
    bool progress = false;
    for (const auto& n : s["nodes"])
        if (n[1] == "progressbar") {
            progress = true;
            EXPECT_GT(n[11].get<float>(), 0.f) << n.dump();
        }
    EXPECT_TRUE(progress) << names(s);
    // Navigation: links, the current screen marked, icons gone from the names.
    const auto* home = node(s, "link", "Home");
    const auto* log = node(s, "link", "Learning log");
    ASSERT_NE(home, nullptr) << names(s);
    ASSERT_NE(log, nullptr);
    EXPECT_EQ((*home)[8].get<int>() & ui::state::kCurrent, ui::state::kCurrent);
    EXPECT_EQ((*log)[8].get<int>() & ui::state::kCurrent, 0);
    for (const auto& n : s["nodes"]) EXPECT_FALSE(n[2].get<std::string>().empty()) << n.dump();
}

TEST(UiSemanticsTest, HeatmapCellsSayTheirItemAndCount) {
    UiHarness h(1280, 900); // the heatmap in view (its caption wraps in the built-in font)
    makeProfile(h);
    h.start();
    const auto s = semantics(h);
    int cells = 0;
    for (const auto& n : s["nodes"])
        if (n[0].get<std::string>().rfind("coverage.", 0) == 0) {
            ++cells;
            EXPECT_EQ(n[1], "button");
            EXPECT_EQ(n[3], "no entries yet") << n.dump();
        }
    EXPECT_GE(cells, 9); // every PCF domain at least
}

TEST(UiSemanticsTest, ActivatingANodePressesTheSameItem) {
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    semantics(h); // what the page last saw
    ASSERT_TRUE(ui::requestActivate("nav.log"));
    h.frames(3);
    EXPECT_EQ(app.screen(), ui::Screen::Log);
    EXPECT_EQ(semantics(h)["title"], "Learning log \xe2\x80\x93 Pathway");
    EXPECT_FALSE(ui::requestActivate("no.such.node"));
}

TEST(UiSemanticsTest, FocusingANodeMovesImGuisFocusAndTabGoesOnInItsOrder) {
    UiHarness h;
    makeProfile(h);
    h.start();
    semantics(h);
    ASSERT_TRUE(ui::requestFocus("nav.log"));
    h.frames(2);
    auto s = semantics(h);
    EXPECT_EQ(s["focus"], "nav.log"); // the navigation highlight is on it, and the page follows
    h.key(ImGuiKey_Tab);
    s = semantics(h);
    const std::string next = s["focus"];
    EXPECT_FALSE(next.empty());
    EXPECT_NE(next, "nav.log");
    // The next in the published order after nav.log that can take focus.
    std::vector<std::string> order;
    for (const auto& n : s["nodes"]) order.push_back(n[0]);
    const auto at = std::find(order.begin(), order.end(), "nav.log");
    const auto to = std::find(order.begin(), order.end(), next);
    EXPECT_LT(at, to);
}

TEST(UiSemanticsTest, TabLeavesTheSideNavigationForTheScreen) {
    // ImGui's own Tab cycles inside one window: from the last link it went back to the first,
    // and a keyboard alone never reached the screen's controls.
    UiHarness h;
    makeProfile(h);
    ui::App& app = h.start();
    app.show(ui::Screen::Settings);
    h.frames(3);
    semantics(h);
    ASSERT_TRUE(ui::requestFocus("nav.share"));
    h.frames(2);
    ASSERT_EQ(semantics(h)["focus"], "nav.share");
    h.key(ImGuiKey_Tab);
    h.frames(1);
    const std::string next = semantics(h)["focus"];
    EXPECT_FALSE(next.empty());
    EXPECT_NE(next.rfind("nav.", 0), 0u) << next; // out of the navigation
    EXPECT_NE(next, "action.add-cpd");
}

TEST(UiSemanticsTest, TabGoesFromOneCardToTheNextOnAScreen) {
    // Cards are child windows; ImGui 1.90's Tab cycled inside one, so from the profile card's
    // last control it went back to its first field and the appearance card was out of reach.
    UiHarness h(1280, 2400);
    makeProfile(h);
    ui::App& app = h.start();
    app.show(ui::Screen::Settings);
    h.frames(3);
    semantics(h);
    ASSERT_TRUE(ui::requestFocus("settings.save"));
    h.frames(2);
    ASSERT_EQ(semantics(h)["focus"], "settings.save");
    std::vector<std::string> seen;
    for (int i = 0; i < 4; ++i) {
        h.key(ImGuiKey_Tab);
        h.frames(1);
        seen.push_back(semantics(h)["focus"]);
    }
    std::string all;
    for (const auto& s : seen) all += " " + s;
    // Onwards into the next card (the theme and text size), never back to the profile's name.
    EXPECT_NE(std::find_if(seen.begin(), seen.end(), [](const std::string& s) {
                  return s.rfind("settings.theme.", 0) == 0;
              }), seen.end()) << all;
    EXPECT_EQ(std::find(seen.begin(), seen.end(), "settings.name"), seen.end()) << all;
}

TEST(UiSemanticsTest, TextInsideALogRowDescribesItAndFieldsAreTextboxes) {
    UiHarness h(390, 844);
    makeProfile(h);
    addCpd(h, "Court skills", "2026-10-01");
    ui::App& app = h.start();
    app.show(ui::Screen::Log);
    h.frames(3);
    auto s = semantics(h);
    const nlohmann::json* row = nullptr;
    for (const auto& n : s["nodes"])
        if (n[0].get<std::string>().rfind("entry.", 0) == 0) row = &n;
    ASSERT_NE(row, nullptr) << names(s);
    EXPECT_EQ((*row)[2], "Court skills");
    EXPECT_NE((*row)[3].get<std::string>().find("2026"), std::string::npos) << row->dump();
    EXPECT_EQ(node(s, "text", "Court skills"), nullptr); // not read twice
    EXPECT_NE(node(s, "textbox", "Search"), nullptr) << names(s);
}
