// CPU time of one UI frame (NewFrame, App::frame, Render) with 10,000 entries, natively, without
// a GPU: what the app spends per frame before OpenGL draws it. Aim: <= 2 ms for the Log.
#include "headless.hpp" // tests/ui: the headless ImGui context and backend the UI tests use
#include "portfolio_gen.hpp"

#include "pathway/core/session.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/runner.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"

#include <benchmark/benchmark.h>
#include <imgui.h>

#include <memory>
#include <string>

namespace {

using namespace pathway;

struct Fixture {
    test::HeadlessImGui imgui; ///< first: the context outlives the App
    core::FixedClock clock{*core::Date::parse("2026-11-23"), 1'790'000'000'000};
    core::SequentialIds ids;
    core::MemoryStorage storage;
    std::unique_ptr<core::Session> session;
    ui::NullHost host;
    std::unique_ptr<ui::App> app;

    explicit Fixture(int entries, float width, float height) : imgui(width, height) {
        session = std::make_unique<core::Session>(storage, clock, ids);
        session->open();
        core::Portfolio doc;
        doc.profile.name = "Bench Invented";
        doc.profile.asyeStart = core::Date::parse("2026-09-07");
        static const char* kTags[] = {"pcf:5", "pcf:6", "swe:4.6", "kss-cf:3", "pcf:7"};
        for (int i = 0; i < entries; ++i) {
            core::Entry e;
            e.id = "bench-" + std::to_string(i);
            e.kind = static_cast<core::EntryKind>(i % 6);
            e.title = "Invented entry number " + std::to_string(i);
            e.date = core::Date::parse("2025-01-01")->addDays(i % 690);
            e.fields["description"] = "Some text to search through for entry " + std::to_string(i);
            if (e.kind == core::EntryKind::Cpd) e.fields["hours"] = "1.5";
            e.tags = {kTags[i % 5]};
            doc.entries.push_back(std::move(e));
        }
        session->store().reset(doc);
        app = std::make_unique<ui::App>(*session, clock, host);
    }
    ~Fixture() { app.reset(); }
    void frame() {
        ImGui::NewFrame();
        app->frame();
        ImGui::Render();
    }
};

void runScreen(benchmark::State& state, ui::Screen screen, float w, float h) {
    Fixture f(static_cast<int>(state.range(0)), w, h);
    f.app->show(screen);
    for (int i = 0; i < 3; ++i)
        f.frame(); // layout settles; caches fill
    for (auto _ : state)
        f.frame();
    state.SetLabel(std::string(ui::screenId(screen)));
}

void BM_LogFrameDesktop(benchmark::State& s) {
    runScreen(s, ui::Screen::Log, 1280, 800);
}
void BM_LogFramePhone(benchmark::State& s) {
    runScreen(s, ui::Screen::Log, 390, 844);
}
void BM_HomeFrameDesktop(benchmark::State& s) {
    runScreen(s, ui::Screen::Home, 1280, 800);
}
void BM_FrameworksFrameDesktop(benchmark::State& s) {
    runScreen(s, ui::Screen::Frameworks, 1280, 800);
}

// Issue 15: the same Log frame as both shells draw it, through ui::Runner (font check, frame,
// preferences check) with a backend that draws nothing: what the shared loop body adds.
void BM_LogFrameDesktopRunner(benchmark::State& state) {
    Fixture f(static_cast<int>(state.range(0)), 1280, 800);
    test::FakeBackend backend;
    ui::Runner runner(backend, {}, {.saveAfterChangeMs = 300});
    runner.attach(*f.session, *f.app, f.host);
    f.app->show(ui::Screen::Log);
    for (auto _ : state) {
        backend.now += 16;
        runner.wake(1);
        runner.tick();
    }
}

// Issue 13: publishing the Log's semantics for the web page's screen-reader mirror, per frame
// (the rows ImGui's clipper draws, their texts folded into descriptions, serialised as the page
// reads it). Measured apart from the frame that registers the widgets. Aim: <= 0.5 ms.
void BM_LogSemantics(benchmark::State& state) {
    Fixture f(static_cast<int>(state.range(0)), 1280, 800);
    f.app->show(ui::Screen::Log);
    for (int i = 0; i < 3; ++i)
        f.frame();
    size_t bytes = 0, nodes = 0;
    for (auto _ : state) {
        const std::string json = ui::semanticsJson(f.app->title(), f.app->message());
        bytes = json.size();
        benchmark::DoNotOptimize(json.data());
    }
    nodes = ui::widgets().rects().size();
    state.counters["nodes"] = static_cast<double>(nodes);
    state.counters["bytes"] = static_cast<double>(bytes);
}

// Typing in the search box: the filter runs again over every entry on that frame.
void BM_LogSearchKeystroke(benchmark::State& state) {
    Fixture f(static_cast<int>(state.range(0)), 1280, 800);
    f.app->show(ui::Screen::Log);
    for (int i = 0; i < 3; ++i)
        f.frame();
    bool flip = false;
    for (auto _ : state) {
        f.app->logFilter().search = flip ? "number 12" : "number 1";
        flip = !flip;
        f.frame();
    }
}

// The Cohort screen (issue 20): loading N portfolio files of 100 entries (parse, status, needs
// attention, rows) and drawing its first frame. Aim: 1,000 in <= 1 s natively.
void BM_CohortOpen(benchmark::State& state) {
    const auto files = bench::makeCohort(static_cast<int>(state.range(0)), 100);
    Fixture f(0, 1280, 800);
    for (auto _ : state) {
        std::vector<std::pair<std::string, std::string>> named;
        named.reserve(files.size());
        for (size_t i = 0; i < files.size(); ++i)
            named.emplace_back("p" + std::to_string(i) + ".json", files[i]);
        f.app->openCohort(std::move(named));
        f.frame();
    }
    state.SetLabel(std::to_string(files.size()) + " portfolios");
}

// One frame of the Cohort screen with N practitioners (clipped table, charts, heatmap).
void BM_CohortFrame(benchmark::State& state) {
    const auto files = bench::makeCohort(static_cast<int>(state.range(0)), 100);
    Fixture f(0, 1280, 800);
    std::vector<std::pair<std::string, std::string>> named;
    for (size_t i = 0; i < files.size(); ++i)
        named.emplace_back("p" + std::to_string(i) + ".json", files[i]);
    f.app->openCohort(std::move(named));
    for (int i = 0; i < 3; ++i)
        f.frame();
    for (auto _ : state)
        f.frame();
}

// Writing a long reflection: one editor frame while a 5,000-word free-text field is being
// edited (the wrapped layout is cached: only a changed text is measured again). Aim: <= 1 ms.
std::string longReflection(int words) {
    static const char* kWords[] = {"the", "family", "said", "supervision", "helped", "me",
                                   "reflect", "on", "how", "practice", "changed", "after",
                                   "a", "difficult", "visit,", "and", "I", "noticed", "risk."};
    std::string out;
    for (int i = 0; i < words; ++i) {
        if (i) out += ' ';
        out += kWords[(i * 7 + i / 3) % 19];
    }
    return out;
}

void editorWithLongReflection(Fixture& f) {
    f.app->startNewEntry(core::EntryKind::Reflection);
    f.frame();
    f.frame();
    ui::App& app = *f.app;
    const ui::WidgetRect* r = ui::widgets().find("reflection.free.text");
    if (!r) return;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(r->x + 20, r->y + 10);
    f.frame();
    io.AddMouseButtonEvent(0, true);
    f.frame();
    io.AddMouseButtonEvent(0, false);
    f.frame();
    io.AddInputCharactersUTF8(longReflection(5000).c_str());
    for (int i = 0; i < 3; ++i)
        f.frame();
    (void)app;
}

void BM_EditorFrameEditing5000Words(benchmark::State& state) {
    Fixture f(0, static_cast<float>(state.range(0)), 800);
    editorWithLongReflection(f);
    for (auto _ : state)
        f.frame();
    state.SetLabel(f.app->draft() ? std::to_string(f.app->draft()->field("free.text").size()) + " bytes" : "no draft");
}

// The same with one character typed each frame (a new layout every frame).
void BM_EditorFrameTyping5000Words(benchmark::State& state) {
    Fixture f(0, static_cast<float>(state.range(0)), 800);
    editorWithLongReflection(f);
    for (auto _ : state) {
        ImGui::GetIO().AddInputCharactersUTF8("a");
        f.frame();
    }
}

} // namespace

BENCHMARK(BM_CohortOpen)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CohortFrame)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogFrameDesktop)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogFrameDesktopRunner)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogFramePhone)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HomeFrameDesktop)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FrameworksFrameDesktop)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogSemantics)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogSearchKeystroke)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EditorFrameEditing5000Words)->Arg(1280)->Arg(390)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EditorFrameTyping5000Words)->Arg(1280)->Arg(390)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
