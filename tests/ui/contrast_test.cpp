// Issue 13: every text and background pair the screens draw, in each theme, meets WCAG 2.2 AA
// contrast (1.4.3: 4.5:1 for text; 1.4.11: 3:1 for the parts of controls), computed from the
// palette itself.
#include "pathway/ui/theme.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <string>

using namespace pathway;

namespace {

double channel(float c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(const ImVec4& c) {
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}
double contrast(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
/// The colour `c` drawn at its alpha over `under`.
ImVec4 over(const ImVec4& c, const ImVec4& under) {
    return ImVec4(c.x * c.w + under.x * (1 - c.w), c.y * c.w + under.y * (1 - c.w),
                  c.z * c.w + under.z * (1 - c.w), 1);
}

class ContrastTest : public ::testing::TestWithParam<ui::ThemeKind> {
  protected:
    void SetUp() override {
        ImGui::CreateContext();
        ui::applyTheme(GetParam());
    }
    void TearDown() override { ImGui::DestroyContext(); }
};

void expectAtLeast(double want, const char* fg, const ImVec4& f, const char* bg, const ImVec4& b) {
    const double c = contrast(over(f, b), b);
    EXPECT_GE(c, want) << fg << " on " << bg << " is " << c << ":1";
}

} // namespace

TEST_P(ContrastTest, TextMeetsFourAndAHalfToOne) {
    const ui::Palette& p = ui::palette();
    for (const auto& [bgName, bg] : {std::pair{"background", p.background}, {"surface", p.surface},
                                      {"surfaceAlt", p.surfaceAlt}}) {
        expectAtLeast(4.5, "text", p.text, bgName, bg);
        expectAtLeast(4.5, "textMuted", p.textMuted, bgName, bg);
        expectAtLeast(4.5, "accent", p.accent, bgName, bg);
        expectAtLeast(4.5, "good", p.good, bgName, bg);
        expectAtLeast(4.5, "warn", p.warn, bgName, bg);
        expectAtLeast(4.5, "bad", p.bad, bgName, bg);
    }
    expectAtLeast(4.5, "accentText", p.accentText, "accent", p.accent);
    // ImGui's own colours as the theme sets them: text on buttons, fields, popups, selections.
    const ImGuiStyle& st = ImGui::GetStyle();
    const ImVec4 text = st.Colors[ImGuiCol_Text];
    for (const auto& [name, col] :
         {std::pair{"Button", ImGuiCol_Button}, {"ButtonHovered", ImGuiCol_ButtonHovered},
          {"FrameBg", ImGuiCol_FrameBg}, {"PopupBg", ImGuiCol_PopupBg},
          {"Header", ImGuiCol_Header}, {"HeaderHovered", ImGuiCol_HeaderHovered},
          {"ChildBg", ImGuiCol_ChildBg}, {"WindowBg", ImGuiCol_WindowBg}}) {
        const ImVec4 bg = over(st.Colors[col], p.background);
        expectAtLeast(4.5, "ImGui text", text, name, bg);
    }
    expectAtLeast(4.5, "disabled text", st.Colors[ImGuiCol_TextDisabled], "FrameBg",
                  over(st.Colors[ImGuiCol_FrameBg], p.background));
}

TEST_P(ContrastTest, ControlsAndTheFocusRingMeetThreeToOne) {
    const ui::Palette& p = ui::palette();
    const ImGuiStyle& st = ImGui::GetStyle();
    // A text field's edge, a checkbox's box and the focus ring against what is around them.
    expectAtLeast(3.0, "Border", st.Colors[ImGuiCol_Border], "surface", p.surface);
    expectAtLeast(3.0, "Border", st.Colors[ImGuiCol_Border], "background", p.background);
    expectAtLeast(3.0, "NavHighlight", st.Colors[ImGuiCol_NavHighlight], "surface", p.surface);
    expectAtLeast(3.0, "NavHighlight", st.Colors[ImGuiCol_NavHighlight], "background", p.background);
    expectAtLeast(3.0, "CheckMark", st.Colors[ImGuiCol_CheckMark], "FrameBg",
                  over(st.Colors[ImGuiCol_FrameBg], p.surface));
    expectAtLeast(3.0, "accent (primary button)", p.accent, "surface", p.surface);
}

INSTANTIATE_TEST_SUITE_P(EveryTheme, ContrastTest,
                         ::testing::Values(ui::ThemeKind::Light, ui::ThemeKind::Dark,
                                           ui::ThemeKind::HighContrast),
                         [](const auto& info) {
                             return std::string(info.param == ui::ThemeKind::Light  ? "Light"
                                                : info.param == ui::ThemeKind::Dark ? "Dark"
                                                                                    : "HighContrast");
                         });
