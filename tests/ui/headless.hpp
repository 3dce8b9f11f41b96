// What the UI tests and the frame benchmark (bench/ui/frame_bench.cpp) share, without
// GoogleTest: a headless ImGui context at a given display size with the built-in font's atlas
// built, and a ui::Backend that draws nothing, with a clock moved by hand, counting what the
// Runner asks of it.
#pragma once

#include "pathway/core/session.hpp"
#include "pathway/ui/runner.hpp"
#include "pathway/ui/theme.hpp"

#include <imgui.h>

namespace pathway::test {

/// A real ImGui context for frames without a GPU or a window (destroyed with it).
struct HeadlessImGui {
    HeadlessImGui(float width, float height) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.f / 60.f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        ui::applyTheme(ui::ThemeKind::Light);
        ui::loadFonts({}, 17.f, 1.f); // built-in font: no files needed
        buildAtlas();
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    /// What a renderer's first NewFrame does: build (upload) an atlas not built yet.
    static void buildAtlas() {
        ImGuiIO& io = ImGui::GetIO();
        if (io.Fonts->IsBuilt()) return;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
};

/// The Runner's backend in tests and benchmarks: draws nothing; `now` is moved by hand.
class FakeBackend final : public ui::Backend {
  public:
    double nowMs() const override { return now; }
    float pixelScale() const override { return scale; }
    void newFrame() override {
        HeadlessImGui::buildAtlas();
        ++newFrames;
    }
    void present(const ImVec4& bg) override {
        ++presents;
        background = bg;
    }
    void fontsRebuilt() override { ++fontUploads; }
    void save() override {
        ++saves;
        if (session && savesAtOnce) session->save();
    }

    double now = 1000;
    float scale = 1.f;
    int newFrames = 0, presents = 0, fontUploads = 0, saves = 0;
    ImVec4 background{};
    core::Session* session = nullptr;
    bool savesAtOnce = true; ///< false: like the web page, the save comes later (noteSaved)
};

} // namespace pathway::test
