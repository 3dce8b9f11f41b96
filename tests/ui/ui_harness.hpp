// Headless ImGui: a real context and real frames without a GPU or a window. Input is fed as
// events (mouse, keys, text) and the UI's registered widget rectangles say where to click.
#pragma once

#include "headless.hpp"
#include "pathway/core/session.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <memory>
#include <string>

namespace pathway::test {

class UiHarness {
  public:
    explicit UiHarness(float width = 1280, float height = 800,
                       core::Date today = *core::Date::parse("2026-11-23"))
        : imgui(width, height), clock(today, 1'790'000'000'000) {
        session = std::make_unique<core::Session>(storage, clock, ids);
        session->open();
    }
    ~UiHarness() { app.reset(); } // before the ImGui context goes
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    /// Creates the App (after the test has prepared the session).
    ui::App& start() {
        app = std::make_unique<ui::App>(*session, clock, host);
        frames(2);
        return *app;
    }

    void frame() {
        ImGui::NewFrame();
        app->frame();
        ImGui::Render();
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    const ui::WidgetRect& widget(const std::string& id) {
        const ui::WidgetRect* r = ui::widgets().find(id);
        if (!r) {
            std::string all;
            for (const auto& w : ui::widgets().rects()) all += " " + w.id;
            ADD_FAILURE() << "no widget \"" << id << "\" on screen " << ui::screenId(app->screen())
                          << "; there are:" << all;
            static ui::WidgetRect none;
            return none;
        }
        return *r;
    }
    bool visible(const std::string& id) const { return ui::widgets().find(id) != nullptr; }

    void click(const std::string& id) {
        const ui::WidgetRect r = widget(id);
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(r.x + r.w / 2, r.y + r.h / 2);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        // The frame that sees the release, then the ones the App asks for after a change (a
        // card that appears sizes itself in the first of them; scroll ranges follow).
        frames(4);
    }

    /// Clicks a text field, selects what it holds and types `text` (replacing it).
    void type(const std::string& id, const std::string& text) {
        click(id);
        key(ImGuiKey_A, ImGuiMod_Ctrl);
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        frames(2);
    }

    void key(ImGuiKey k, ImGuiKeyChord mods = 0) {
        ImGuiIO& io = ImGui::GetIO();
        if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
        if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, true);
        io.AddKeyEvent(k, true);
        frame();
        io.AddKeyEvent(k, false);
        if (mods & ImGuiMod_Ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
        if (mods & ImGuiMod_Shift) io.AddKeyEvent(ImGuiMod_Shift, false);
        frames(2);
    }

    /// Clicks on empty space, ending any text edit.
    void clickAway() {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(io.DisplaySize.x - 5, io.DisplaySize.y - 5);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frames(2);
    }

    const core::Portfolio& portfolio() const { return session->store().portfolio(); }

    HeadlessImGui imgui; ///< first: the context outlives everything below
    core::FixedClock clock;
    core::SequentialIds ids;
    core::MemoryStorage storage;
    std::unique_ptr<core::Session> session;
    ui::NullHost host;
    std::unique_ptr<ui::App> app;
};

/// A practitioner's portfolio as shared for review: Robin Invented with one CPD entry `id`.
inline core::Portfolio sharedForReview(const std::string& id) {
    core::Portfolio shared;
    shared.profile.name = "Robin Invented";
    core::Entry e;
    e.id = id;
    e.kind = core::EntryKind::Cpd;
    e.title = "First home visit";
    e.date = *core::Date::parse("2026-10-05");
    e.fields["learned"] = "Slowing down helped the family talk.";
    e.createdMs = e.updatedMs = 1'785'000'000'000;
    shared.entries.push_back(e);
    return shared;
}

} // namespace pathway::test
