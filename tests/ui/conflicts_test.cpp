// Issue 12 on screen: the App takes in changes another place saved (one line says so), keeps an
// untouched editor in step, and never loses either version of an entry changed in two places.
#include "ui_harness.hpp"

using namespace pathway;
using pathway::test::UiHarness;

namespace {

struct TwoPlaces {
    UiHarness h;
    core::SequentialIds otherIds;
    std::unique_ptr<core::Session> other;
    std::string id;
    TwoPlaces() {
        core::Profile p;
        p.name = "Drew Invented";
        EXPECT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
        core::Entry e;
        e.kind = core::EntryKind::Cpd;
        e.title = "Court skills";
        e.date = *core::Date::parse("2026-11-02");
        id = h.session->store().apply(core::cmd::AddEntry{e}).id;
        EXPECT_TRUE(h.session->save());
        other = std::make_unique<core::Session>(h.storage, h.clock, otherIds);
        other->open();
    }
    /// The other place retitles the entry and saves.
    void otherEdits(const std::string& title) {
        core::Entry e = *other->store().portfolio().find(id);
        e.title = title;
        h.clock.advanceMs(60'000);
        EXPECT_TRUE(other->store().apply(core::cmd::UpdateEntry{e}));
        EXPECT_TRUE(other->save());
    }
    /// What the shells do when they notice: refresh, then tell the App.
    void takeIn() {
        h.session->refresh();
        h.app->noteChangesElsewhere(h.session->lastMerge());
        h.frames(3);
    }
};

TEST(UiOpenTwice, AnUntouchedEditorShowsTheChangeMadeElsewhere) {
    TwoPlaces t;
    t.h.start();
    t.h.app->editEntry(t.id);
    t.h.frames(2);
    t.otherEdits("Court skills (day 2)");
    t.takeIn();
    EXPECT_EQ(t.h.app->message(), "Updated with 1 change made elsewhere.");
    ASSERT_TRUE(t.h.app->draft());
    EXPECT_EQ(t.h.app->draft()->title, "Court skills (day 2)");
    EXPECT_FALSE(t.h.app->draftDirty());
}

TEST(UiOpenTwice, EditedInBothPlacesKeepsBothVersionsReachable) {
    TwoPlaces t;
    t.h.start();
    t.h.app->editEntry(t.id);
    t.h.frames(2);
    t.h.type("entry.title", "Court skills: my notes");
    t.otherEdits("Court skills: mentor's wording");
    t.takeIn();
    EXPECT_EQ(t.h.app->draft()->title, "Court skills: my notes") << "the typing is kept";
    EXPECT_TRUE(t.h.visible("editor.conflict")) << "the editor says it changed elsewhere";
    t.h.click("action.save");
    const core::Portfolio& p = t.h.portfolio();
    ASSERT_EQ(p.entries.size(), 2u);
    EXPECT_EQ(p.find(t.id)->title, "Court skills: my notes");
    const core::Entry* copy = nullptr;
    for (const auto& e : p.entries)
        if (e.id != t.id) copy = &e;
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->title, "Court skills: mentor's wording (conflicting copy)");
    // Both reachable: the entry's editor leads to the copy and back.
    t.h.app->editEntry(t.id);
    t.h.frames(3);
    ASSERT_TRUE(t.h.visible("editor.conflict.other"));
    t.h.click("editor.conflict.other");
    ASSERT_TRUE(t.h.app->draft());
    EXPECT_EQ(t.h.app->draft()->id, copy->id);
    EXPECT_TRUE(t.h.visible("editor.conflict.other"));
    // And the save reached the storage with both, merged with the other place's.
    ASSERT_TRUE(t.h.session->save());
    t.other->refresh();
    EXPECT_EQ(t.other->store().portfolio().entries.size(), 2u);
}

} // namespace
