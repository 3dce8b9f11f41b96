// The Log's row menu (web issue 5): right click, or a long press through ui::TouchInput, opens
// Edit, Duplicate, Copy text and Delete; Delete is one undoable command. Headless frames.
#include "ui_harness.hpp"

#include "pathway/ui/touch.hpp"

#include <imgui_internal.h> // HoveredId: nothing stays hovered after a tap

using namespace pathway;
using pathway::test::UiHarness;

namespace {

void makeProfile(UiHarness& h) {
    core::Profile p;
    p.name = "Drew Invented";
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
}

std::string addCpd(UiHarness& h, const std::string& title, const char* date) {
    core::Entry e;
    e.kind = core::EntryKind::Cpd;
    e.title = title;
    e.date = *core::Date::parse(date);
    e.fields["hours"] = "3";
    e.fields["description"] = "A day on giving evidence.";
    e.tags = {"pcf:6", "swe:4.6"};
    auto r = h.session->store().apply(core::cmd::AddEntry{e});
    EXPECT_TRUE(r) << r.error;
    return r.id;
}

void rightClick(UiHarness& h, const std::string& id) {
    const ui::WidgetRect r = h.widget(id);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(r.x + r.w / 2, r.y + r.h / 2);
    h.frame();
    io.AddMouseButtonEvent(1, true);
    h.frame();
    io.AddMouseButtonEvent(1, false);
    h.frames(3); // a popup measures itself in its first frame
}

bool menuShown(UiHarness& h) {
    return h.visible("entrymenu.edit") && h.visible("entrymenu.duplicate") &&
           h.visible("entrymenu.copy") && h.visible("entrymenu.delete");
}

/// A Log with two entries; returns the id of "Court skills".
std::string openLog(UiHarness& h) {
    makeProfile(h);
    addCpd(h, "Reading group", "2026-09-01");
    const std::string id = addCpd(h, "Court skills", "2026-10-01");
    h.start();
    h.click("nav.log");
    EXPECT_EQ(h.app->screen(), ui::Screen::Log);
    return id;
}

} // namespace

TEST(UiContextMenuTest, RightClickOpensTheMenuAndDeleteIsOneUndoableCommand) {
    UiHarness h;
    const std::string id = openLog(h);
    EXPECT_FALSE(menuShown(h));
    rightClick(h, "entry." + id);
    ASSERT_TRUE(menuShown(h));
    EXPECT_EQ(h.app->contextMenuEntry(), id);
    // Every item is a comfortable target.
    EXPECT_GE(h.widget("entrymenu.delete").h, ImGui::GetFontSize() * 1.9f);

    h.click("entrymenu.delete");
    EXPECT_EQ(h.portfolio().find(id), nullptr);
    EXPECT_EQ(h.portfolio().entries.size(), 1u);
    EXPECT_FALSE(menuShown(h));
    EXPECT_TRUE(h.app->contextMenuEntry().empty());
    EXPECT_EQ(h.app->message(), "Deleted \"Court skills\".");
    EXPECT_TRUE(h.session->store().canUndo());
    ASSERT_TRUE(h.visible("log.undo"));

    h.click("log.undo");
    ASSERT_NE(h.portfolio().find(id), nullptr);
    EXPECT_EQ(h.portfolio().find(id)->title, "Court skills");
    EXPECT_EQ(h.portfolio().entries.size(), 2u);
    EXPECT_FALSE(h.visible("log.undo"));
    EXPECT_EQ(h.app->message(), "Restored \"Court skills\".");
}

TEST(UiContextMenuTest, UndoFromTheTopBarBringsADeletedEntryBackToo) {
    UiHarness h;
    const std::string id = openLog(h);
    rightClick(h, "entry." + id);
    h.click("entrymenu.delete");
    ASSERT_EQ(h.portfolio().find(id), nullptr);
    h.click("action.undo");
    EXPECT_NE(h.portfolio().find(id), nullptr);
    EXPECT_FALSE(h.visible("log.undo")); // the offer goes once anything else changed
    EXPECT_TRUE(h.app->message().empty());
}

TEST(UiContextMenuTest, DuplicateOpensANewDraftDatedToday) {
    UiHarness h;
    const std::string id = openLog(h);
    rightClick(h, "entry." + id);
    h.click("entrymenu.duplicate");
    EXPECT_EQ(h.app->screen(), ui::Screen::Editor);
    const core::Entry* draft = h.app->draft();
    ASSERT_NE(draft, nullptr);
    const core::Entry* source = h.portfolio().find(id);
    EXPECT_TRUE(draft->id.empty());
    EXPECT_EQ(draft->title, source->title);
    EXPECT_EQ(draft->fields, source->fields);
    EXPECT_EQ(draft->tags, source->tags);
    EXPECT_EQ(draft->date, h.clock.today());
    EXPECT_EQ(h.portfolio().entries.size(), 2u); // nothing added until saved

    h.click("action.save");
    ASSERT_EQ(h.portfolio().entries.size(), 3u);
    const core::Entry& copy = h.portfolio().entries.back();
    EXPECT_NE(copy.id, id);
    EXPECT_EQ(copy.title, "Court skills");
    EXPECT_EQ(copy.date, h.clock.today());
    EXPECT_EQ(copy.fields.at("hours"), "3");
    h.session->store().undo(); // one step
    EXPECT_EQ(h.portfolio().entries.size(), 2u);
}

TEST(UiContextMenuTest, DuplicateKeepsAnUnsavedDraft) {
    UiHarness h;
    const std::string id = openLog(h);
    h.app->startNewEntry(core::EntryKind::Cpd);
    h.frames(2);
    h.type("entry.title", "Half-written");
    h.clickAway();
    h.click("nav.log");
    rightClick(h, "entry." + id);
    h.click("entrymenu.duplicate");
    EXPECT_EQ(h.app->screen(), ui::Screen::Editor);
    ASSERT_NE(h.app->draft(), nullptr);
    EXPECT_EQ(h.app->draft()->title, "Half-written");
}

TEST(UiContextMenuTest, EditAndCopyText) {
    UiHarness h;
    const std::string id = openLog(h);
    rightClick(h, "entry." + id);
    h.click("entrymenu.copy");
    const std::string text = ImGui::GetClipboardText();
    EXPECT_EQ(text.rfind("Court skills\nCPD activity, 1 Oct 2026\n", 0), 0u) << text;
    EXPECT_NE(text.find("Hours: 3"), std::string::npos) << text;
    EXPECT_NE(text.find("A day on giving evidence."), std::string::npos) << text;
    EXPECT_NE(text.find("pcf:6, swe:4.6"), std::string::npos) << text;
    EXPECT_EQ(h.app->screen(), ui::Screen::Log);
    EXPECT_FALSE(menuShown(h));

    rightClick(h, "entry." + id);
    h.click("entrymenu.edit");
    EXPECT_EQ(h.app->screen(), ui::Screen::Editor);
    ASSERT_NE(h.app->draft(), nullptr);
    EXPECT_EQ(h.app->draft()->id, id);
}

TEST(UiContextMenuTest, EscapeOrAClickElsewhereClosesTheMenu) {
    UiHarness h;
    const std::string id = openLog(h);
    rightClick(h, "entry." + id);
    ASSERT_TRUE(menuShown(h));
    h.key(ImGuiKey_Escape);
    EXPECT_FALSE(menuShown(h));
    rightClick(h, "entry." + id);
    ASSERT_TRUE(menuShown(h));
    h.clickAway();
    EXPECT_FALSE(menuShown(h));
    EXPECT_EQ(h.portfolio().entries.size(), 2u);
    EXPECT_EQ(h.app->screen(), ui::Screen::Log);
}

TEST(UiContextMenuTest, PhoneLongPressOpensTheMenuATapOpensTheEntryAndNothingStaysHovered) {
    UiHarness h(390, 844);
    const std::string id = openLog(h); // two rows: the list is too short to scroll
    ASSERT_TRUE(h.app->phoneLayout());
    ui::TouchInput touch;
    const ui::WidgetRect row = h.widget("entry." + id);
    const float x = row.x + row.w / 2, y = row.y + row.h / 2;
    auto frameAt = [&](double ms) {
        touch.update(ms);
        h.frame();
    };

    // Held still: nothing before the long-press time, the menu after it.
    touch.fingerDown(1, x, y, 0);
    frameAt(16);
    frameAt(300);
    EXPECT_FALSE(menuShown(h));
    frameAt(520);
    for (int i = 0; i < 4; ++i)
        frameAt(540 + i * 16);
    touch.fingerUp(1, x, y, 700); // lifting after a long press clicks nothing
    for (int i = 0; i < 4; ++i)
        frameAt(716 + i * 16);
    ASSERT_TRUE(menuShown(h));
    EXPECT_EQ(h.app->screen(), ui::Screen::Log);
    // Phone targets: at least 44 px, and the menu is not under the finger.
    const ui::WidgetRect del = h.widget("entrymenu.delete");
    EXPECT_GE(del.h, 44.f);
    const ui::WidgetRect edit = h.widget("entrymenu.edit");
    EXPECT_FALSE(y >= edit.y && y < edit.y + edit.h && x >= edit.x && x < edit.x + edit.w);

    // Tapping Delete through touch.
    touch.fingerDown(1, del.x + del.w / 2, del.y + del.h / 2, 1000);
    frameAt(1016);
    touch.fingerUp(1, del.x + del.w / 2, del.y + del.h / 2, 1080);
    for (int i = 0; i < 5; ++i)
        frameAt(1096 + i * 16);
    EXPECT_EQ(h.portfolio().find(id), nullptr);
    EXPECT_FALSE(menuShown(h));
    EXPECT_FALSE(ImGui::IsMousePosValid()); // the finger left: no pointer rests anywhere
    EXPECT_EQ(GImGui->HoveredId, 0u);

    // A short tap opens the entry and no menu.
    h.session->store().undo();
    h.frames(2);
    const ui::WidgetRect again = h.widget("entry." + id);
    touch.fingerDown(1, again.x + again.w / 2, again.y + again.h / 2, 2000);
    frameAt(2016);
    touch.fingerUp(1, again.x + again.w / 2, again.y + again.h / 2, 2090);
    for (int i = 0; i < 5; ++i)
        frameAt(2106 + i * 16);
    EXPECT_EQ(h.app->screen(), ui::Screen::Editor);
    EXPECT_TRUE(h.app->contextMenuEntry().empty());
    EXPECT_FALSE(ImGui::IsMousePosValid());
    EXPECT_EQ(GImGui->HoveredId, 0u);
}

TEST(UiContextMenuTest, MenuKeyOnAFocusedRowOpensTheMenu) {
    UiHarness h;
    openLog(h);
    // Keyboard navigation from the search field down to the list, Space enters it, and on a
    // row the Menu key opens the row's menu.
    h.click("log.search");
    h.key(ImGuiKey_Escape);
    for (int i = 0; i < 12 && !menuShown(h); ++i) {
        const ImGuiID before = GImGui->NavId;
        h.key(ImGuiKey_DownArrow);
        if (GImGui->NavId == before) h.key(ImGuiKey_Space); // at the list: go into it
        h.key(ImGuiKey_Menu);
    }
    ASSERT_TRUE(menuShown(h));
    EXPECT_FALSE(h.app->contextMenuEntry().empty());
}
