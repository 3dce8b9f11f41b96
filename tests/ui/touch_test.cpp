// ui::TouchInput times taps, long presses and throws by when the finger events happened, not by
// when a frame got round to them: on a loaded phone (or a test machine) one slow frame must
// neither turn a drag into a long press nor a burst of moves into a throw to the end of a list.
// Headless frames on the phone-sized Log with enough entries to scroll.
#include "ui_harness.hpp"

#include "pathway/ui/touch.hpp"

#include <imgui_internal.h>

#include <cstdio>

using namespace pathway;
using pathway::test::UiHarness;

namespace {

/// The phone Log with `n` CPD entries, one a day back from 2026-11-20.
void openLongLog(UiHarness& h, int n) {
    core::Profile p;
    p.name = "Drew Invented";
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
    core::Date d = *core::Date::parse("2026-11-20");
    for (int i = 0; i < n; ++i) {
        core::Entry e;
        e.kind = core::EntryKind::Cpd;
        char title[64];
        std::snprintf(title, sizeof title, "Reading group %d", i);
        e.title = title;
        e.date = d.addDays(-i);
        e.fields["hours"] = "1";
        ASSERT_TRUE(h.session->store().apply(core::cmd::AddEntry{e}));
    }
    h.start();
    h.click("nav.log");
    ASSERT_EQ(h.app->screen(), ui::Screen::Log);
    ASSERT_TRUE(h.app->phoneLayout());
}

/// The Log's scrolling list of rows.
ImGuiWindow* rowsWindow() {
    ImGuiContext& g = *GImGui;
    for (ImGuiWindow* w : g.Windows)
        if (w->Active && (w->Flags & ImGuiWindowFlags_ChildWindow) && w->ScrollMax.y > 0.f &&
            std::string_view(w->Name).find("rows") != std::string_view::npos)
            return w;
    return nullptr;
}

struct Finger {
    UiHarness& h;
    ui::TouchInput touch;
    /// A frame that starts polling at `ms`: update() sees every event fed before it.
    void frameAt(double ms) {
        touch.update(ms);
        h.frame();
    }
    void framesFrom(double ms, int n) {
        for (int i = 0; i < n; ++i) frameAt(ms + 16.0 * i);
    }
    /// Down at (x, y) at 0 ms (and a frame), then 12 moves of 20 px up, the i-th at `at(i)`,
    /// all fed before the next frame.
    template <typename At> void pressAndMoveUp(float x, float y, At at) {
        touch.fingerDown(1, x, y, 0);
        frameAt(1);
        for (int i = 1; i <= 12; ++i)
            touch.fingerMove(1, x, y - 20.f * i, at(i));
    }
};

bool menuShown() { return ui::widgets().find("entrymenu.edit") != nullptr; }

} // namespace

TEST(UiTouchTest, ADragWhoseMovesWaitForOneSlowFrameScrollsAndIsNoLongPress) {
    UiHarness h(390, 844);
    openLongLog(h, 80);
    Finger f{h};
    ImGuiWindow* rows = rowsWindow();
    ASSERT_NE(rows, nullptr);
    const float x = 195, y = 600;
    // The next frame took 900 ms (a software-rendered frame on a busy machine): the finger's
    // moves, 16 ms apart, arrived meanwhile and are all fed before that frame's update.
    f.pressAndMoveUp(x, y, [](int i) { return 16.0 * i; });
    f.touch.fingerUp(1, x, y - 240.f, 16.0 * 12 + 120); // rested before lifting: no throw
    f.framesFrom(900, 6);
    EXPECT_FALSE(menuShown()) << "a press that moved is no long press, however late its frame";
    // The slop (10 px) is not scrolled; the rest is, and nothing more (the finger had stopped).
    EXPECT_NEAR(rows->Scroll.y, 230.f, 1.f);
}

TEST(UiTouchTest, AThrowTravelsAsFarAsTheFingerWasMoving) {
    UiHarness h(390, 844);
    openLongLog(h, 200);
    Finger f{h};
    ImGuiWindow* rows = rowsWindow();
    ASSERT_NE(rows, nullptr);
    const float x = 195, y = 700;
    f.pressAndMoveUp(x, y, [](int i) { return 16.0 * i; }); // 20 px every 16 ms: 1,250 px/s
    f.touch.fingerUp(1, x, y - 240.f, 16.0 * 12);
    f.framesFrom(200, 200); // a little over 3 s: the throw has run out
    const float thrown = rows->Scroll.y - 230.f;
    // Inertia decays as exp(-3.5 t): 1,250 px/s travels about 1,250 / 3.5 = 357 px in all.
    EXPECT_GT(thrown, 250.f);
    EXPECT_LT(thrown, 420.f);
    EXPECT_LT(rows->Scroll.y, rows->ScrollMax.y) << "a throw does not reach the end of a long list";
}

TEST(UiTouchTest, WithReducedMotionTheListStopsWhereTheFingerLifts) {
    // Issue 13: prefers-reduced-motion turns the throw off; the drag itself still scrolls.
    UiHarness h(390, 844);
    openLongLog(h, 200);
    ui::TouchInput::Options still;
    still.inertia = false;
    Finger f{h, ui::TouchInput(still)};
    ImGuiWindow* rows = rowsWindow();
    ASSERT_NE(rows, nullptr);
    const float x = 195, y = 700;
    f.pressAndMoveUp(x, y, [](int i) { return 16.0 * i; });
    f.touch.fingerUp(1, x, y - 240.f, 16.0 * 12);
    f.framesFrom(200, 4);
    const float lifted = rows->Scroll.y;
    EXPECT_GT(lifted, 200.f); // the drag scrolled
    f.framesFrom(300, 60);
    EXPECT_EQ(rows->Scroll.y, lifted); // and nothing moves after it
    EXPECT_FALSE(f.touch.animating());
}

TEST(UiTouchTest, MovesMicrosecondsApartDoNotThrowTheListToItsEnd) {
    UiHarness h(390, 844);
    openLongLog(h, 400);
    Finger f{h};
    ImGuiWindow* rows = rowsWindow();
    ASSERT_NE(rows, nullptr);
    const float x = 195, y = 700;
    // A browser that coalesces, or a platform stamping events as one frame polls them: the
    // moves seem to come a hundredth of a millisecond apart (24,000,000 px a second).
    f.pressAndMoveUp(x, y, [](int i) { return 100.0 + 0.01 * i; });
    f.touch.fingerUp(1, x, y - 240.f, 100.13);
    f.framesFrom(120, 250);
    ui::TouchInput::Options o;
    // At most the fastest throw allowed: maxSpeed / friction.
    EXPECT_LE(rows->Scroll.y - 230.f, o.maxSpeed / o.friction + 1.f);
    EXPECT_LT(rows->Scroll.y, rows->ScrollMax.y);
}

TEST(UiTouchTest, AFingerHeldStillStillOpensTheMenuWhenItsFrameIsLate) {
    UiHarness h(390, 844);
    openLongLog(h, 80);
    Finger f{h};
    // The topmost row, held still; the first frame after the press is 800 ms late.
    const ui::WidgetRect* first = nullptr;
    for (const ui::WidgetRect& r : ui::widgets().rects())
        if (r.id.rfind("entry.", 0) == 0 && (!first || r.y < first->y)) first = &r;
    ASSERT_NE(first, nullptr);
    const float x = first->x + first->w / 2, y = first->y + first->h / 2; // copied: frames clear it
    f.touch.fingerDown(1, x, y, 0);
    f.framesFrom(800, 4);
    f.touch.fingerUp(1, x, y, 900);
    f.framesFrom(900, 4);
    EXPECT_TRUE(menuShown());
}
