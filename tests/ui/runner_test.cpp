// ui::Runner (issue 15): the loop body both shells drive. A fake backend with a hand-moved
// clock stands in for SDL and OpenGL: when frames are drawn, when the loop may idle, when a
// change is saved (the web's delay, the desktop's throttle), when the font atlas is built
// again, and the theme and text size kept through the Host.
#include "ui_harness.hpp"

#include "pathway/ui/runner.hpp"

#include <cmath>

namespace pathway {
namespace {

using test::FakeBackend;

struct RunnerTest : ::testing::Test {
    test::UiHarness h;
    FakeBackend backend;

    std::unique_ptr<ui::Runner> makeRunner(ui::Runner::Options options) {
        backend.session = h.session.get();
        h.app = std::make_unique<ui::App>(*h.session, h.clock, h.host);
        auto runner = std::make_unique<ui::Runner>(backend, ui::FontFiles{}, options);
        runner->attach(*h.session, *h.app, h.host);
        return runner;
    }
    /// Ticks every 16 ms until a tick draws nothing (at most `limit` ticks); the frames drawn.
    int settle(ui::Runner& runner, int limit = 100) {
        int drawn = 0;
        for (int i = 0; i < limit; ++i) {
            if (!runner.tick()) return drawn;
            ++drawn;
            backend.now += 16;
        }
        ADD_FAILURE() << "the runner never went idle";
        return drawn;
    }
    void addEntry(const std::string& title) {
        core::Entry e;
        e.title = title;
        e.date = h.clock.today();
        e.fields["hours"] = "1";
        h.session->store().apply(core::cmd::AddEntry{e, std::nullopt});
    }
};

TEST_F(RunnerTest, DrawsAfterInputUntilSettledThenIdles) {
    auto runner = makeRunner({});
    EXPECT_GE(settle(*runner), ui::Runner::kSettleFrames);
    EXPECT_EQ(backend.newFrames, backend.presents);
    // Nothing moves, nothing is unsaved: no frame is due, ever (the loop may sleep).
    EXPECT_FALSE(runner->busy());
    EXPECT_TRUE(std::isinf(runner->msUntilDue()));
    const int before = backend.presents;
    backend.now += 60'000;
    EXPECT_FALSE(runner->tick());
    EXPECT_EQ(backend.presents, before);

    // Input: exactly the settle frames, then idle again.
    runner->wake();
    EXPECT_TRUE(runner->busy());
    EXPECT_EQ(runner->msUntilDue(), 0);
    EXPECT_EQ(settle(*runner), ui::Runner::kSettleFrames);
    EXPECT_EQ(runner->framesDrawn(), static_cast<uint32_t>(backend.presents));
    EXPECT_EQ(backend.saves, 0);
}

TEST_F(RunnerTest, DrawsWhenTheAppsOwnTimerIsDue) {
    auto runner = makeRunner({});
    settle(*runner);
    // A text field being edited: the cursor blinks, so a frame is due half a second after the
    // last one, and none before.
    h.app->show(ui::Screen::Settings);
    runner->wake();
    settle(*runner);
    const ui::WidgetRect* field = nullptr;
    for (const auto& r : ui::widgets().rects())
        if (r.isTextField) field = &r;
    ASSERT_NE(field, nullptr);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(field->x + field->w / 2, field->y + field->h / 2);
    io.AddMouseButtonEvent(0, true);
    runner->wake();
    runner->tick();
    backend.now += 16;
    io.AddMouseButtonEvent(0, false);
    runner->wake();
    settle(*runner);
    ASSERT_TRUE(io.WantTextInput);
    const double wait = runner->msUntilDue();
    EXPECT_GT(wait, 400);
    EXPECT_LE(wait, 500);
    backend.now += wait - 1;
    EXPECT_FALSE(runner->tick());
    backend.now += 1;
    EXPECT_TRUE(runner->tick());
}

TEST_F(RunnerTest, WebSavesOnceAChangeHasWaited) {
    auto runner = makeRunner({.saveAfterChangeMs = 300});
    settle(*runner);
    backend.now += 10'000;
    addEntry("Court skills");
    runner->wake();
    runner->tick(); // the change is seen: its save is due 300 ms from now
    const double seen = backend.now;
    EXPECT_EQ(backend.saves, 0);
    settle(*runner);
    EXPECT_EQ(backend.saves, 0);
    EXPECT_NEAR(runner->msUntilDue(), seen + 300 - backend.now, 1e-9);
    backend.now = seen + 299;
    EXPECT_FALSE(runner->tick());
    EXPECT_EQ(backend.saves, 0);
    backend.now = seen + 300;
    runner->tick();
    EXPECT_EQ(backend.saves, 1);
    EXPECT_FALSE(h.session->dirty());
    EXPECT_TRUE(std::isinf(runner->msUntilDue()));
    backend.now += 10'000;
    runner->tick();
    EXPECT_EQ(backend.saves, 1) << "nothing new, no save";
}

TEST_F(RunnerTest, WebAsksAgainUntilThePagesSaveHappens) {
    auto runner = makeRunner({.saveAfterChangeMs = 300});
    backend.savesAtOnce = false; // the page saves later, inside its Web Lock
    settle(*runner);
    addEntry("Court skills");
    runner->tick();
    backend.now += 300;
    runner->tick();
    EXPECT_EQ(backend.saves, 1);
    // Still dirty: asked again 300 ms after it was seen again, not on every tick.
    runner->tick();
    backend.now += 100;
    runner->tick();
    EXPECT_EQ(backend.saves, 1);
    // The page's save happens (pathway_save_now): nothing more to ask for.
    ASSERT_TRUE(h.session->save());
    runner->noteSaved();
    backend.now += 1000;
    runner->tick();
    EXPECT_EQ(backend.saves, 1);
    EXPECT_TRUE(std::isinf(runner->msUntilDue()));
}

TEST_F(RunnerTest, DesktopSavesAtOnceThenAtMostTwiceASecond) {
    auto runner = makeRunner({.saveBetweenMs = 500});
    settle(*runner);
    backend.now += 10'000;
    addEntry("First");
    runner->wake();
    runner->tick();
    EXPECT_EQ(backend.saves, 1) << "the first change after a quiet spell is saved at once";
    const double saved = backend.now;
    backend.now += 100;
    addEntry("Second");
    runner->wake();
    runner->tick();
    EXPECT_EQ(backend.saves, 1);
    settle(*runner);
    EXPECT_NEAR(runner->msUntilDue(), saved + 500 - backend.now, 1e-9);
    backend.now = saved + 499;
    runner->tick();
    EXPECT_EQ(backend.saves, 1);
    backend.now = saved + 500;
    runner->tick();
    EXPECT_EQ(backend.saves, 2);
    EXPECT_FALSE(h.session->dirty());
}

TEST_F(RunnerTest, RebuildsFontsOnlyWhenTextSizeOrDensityChanges) {
    auto runner = makeRunner({});
    settle(*runner);
    EXPECT_EQ(backend.fontUploads, 0) << "the renderer uploads the first atlas itself";
    runner->wake();
    settle(*runner);
    EXPECT_EQ(backend.fontUploads, 0);
    h.app->setTextSizePx(ui::kTextLargePx);
    runner->wake();
    settle(*runner);
    EXPECT_EQ(backend.fontUploads, 1);
    backend.scale = 2.f; // the window moved to a HiDPI screen
    runner->wake();
    settle(*runner);
    EXPECT_EQ(backend.fontUploads, 2);
}

TEST_F(RunnerTest, KeepsThemeAndTextSizeThroughTheHost) {
    h.host.preferences = ui::Preferences{"dark", ui::kTextLargePx};
    auto runner = makeRunner({});
    EXPECT_EQ(ui::currentTheme(), ui::ThemeKind::Dark);
    EXPECT_FLOAT_EQ(h.app->textSizePx(), ui::kTextLargePx);
    settle(*runner);
    EXPECT_EQ(h.host.preferenceSaves, 0) << "restored, not changed";
    const ImVec4 dark = ui::palette().background;
    EXPECT_EQ(backend.background.x, dark.x);

    // Chosen in Settings: kept once, after the frame that changed it.
    ui::applyTheme(ui::ThemeKind::HighContrast);
    h.app->setTextSizePx(ui::kTextLargestPx);
    runner->wake();
    settle(*runner);
    EXPECT_EQ(h.host.preferenceSaves, 1);
    ASSERT_TRUE(h.host.preferences);
    EXPECT_EQ(h.host.preferences->theme, "high-contrast");
    EXPECT_FLOAT_EQ(h.host.preferences->textSizePx, ui::kTextLargestPx);

    // Another portfolio in the same window: the text size carries over, nothing is re-read.
    h.host.preferences = ui::Preferences{"light", ui::kTextSmallPx};
    ui::App other(*h.session, h.clock, h.host);
    runner->attach(*h.session, other, h.host);
    EXPECT_FLOAT_EQ(other.textSizePx(), ui::kTextLargestPx);
    EXPECT_EQ(ui::currentTheme(), ui::ThemeKind::HighContrast);
    settle(*runner);
    EXPECT_EQ(h.host.preferenceSaves, 1);
}

TEST_F(RunnerTest, IgnoresPreferencesItCannotUse) {
    h.host.preferences = ui::Preferences{"sepia", 500.f};
    auto runner = makeRunner({});
    EXPECT_EQ(ui::currentTheme(), ui::ThemeKind::Light);
    EXPECT_FLOAT_EQ(h.app->textSizePx(), ui::kTextLargestPx);
}

TEST_F(RunnerTest, DrawsEveryTickForScreenshots) {
    auto runner = makeRunner({.drawEveryTick = true});
    for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(runner->tick());
    EXPECT_EQ(runner->msUntilDue(), 0);
    EXPECT_EQ(backend.presents, 10);
}

} // namespace
} // namespace pathway
