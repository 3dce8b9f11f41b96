#include "pathway/ui/theme.hpp"

#include "pathway/ui/glyphs.hpp"

#include <cstdint>
#include <cstring>

namespace pathway::ui {

namespace {
ThemeKind g_theme = ThemeKind::Light;
Palette g_palette;
Fonts g_fonts;

ImVec4 rgb(unsigned hex, float a = 1.f) {
    return ImVec4(((hex >> 16) & 0xFF) / 255.f, ((hex >> 8) & 0xFF) / 255.f, (hex & 0xFF) / 255.f,
                  a);
}

Palette makePalette(ThemeKind kind) {
    switch (kind) {
    case ThemeKind::Dark:
        return {rgb(0x14171c), rgb(0x1d2128), rgb(0x262b34), rgb(0xe8eaee),
                rgb(0x9aa3b0), rgb(0x6ea8ff), rgb(0x0b1220), rgb(0x333a45),
                rgb(0x4cc38a), rgb(0xf0b44c), rgb(0xff6b6b), rgb(0x7a8494)};
    case ThemeKind::HighContrast:
        return {rgb(0x000000), rgb(0x000000), rgb(0x1a1a1a), rgb(0xffffff),
                rgb(0xffff66), rgb(0xffff00), rgb(0x000000), rgb(0xffffff),
                rgb(0x66ff66), rgb(0xffcc00), rgb(0xff6666), rgb(0xffffff)};
    case ThemeKind::Light:
    default:
        return {rgb(0xf4f5f7), rgb(0xffffff), rgb(0xeef1f5), rgb(0x1c2330),
                rgb(0x5d6776), rgb(0x2f5fd0), rgb(0xffffff), rgb(0xd9dee6),
                rgb(0x17754a), rgb(0x93560f), rgb(0xc53030), rgb(0x7b8595)};
    }
}
uint32_t be(const unsigned char* p, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

// ImGui sizes a font by its hhea ascent minus descent, so a fallback with tall metrics (Noto
// Sans Arabic's are 2.2 em) would draw far smaller than Inter. Each fallback is given the size
// at which its em equals Inter's (1.90.1 asserts on the negative "em" size of later versions):
// this is a font's em per pixel of ImGui size.
float emPerSizePixel(const std::vector<unsigned char>& font) {
    const unsigned char* d = font.data();
    const size_t n = font.size();
    if (n < 12) return 1.f;
    const uint32_t tables = be(d + 4, 2);
    uint32_t head = 0, hhea = 0;
    for (uint32_t i = 0; i < tables && 12 + 16 * (i + 1) <= n; ++i) {
        const unsigned char* rec = d + 12 + 16 * i;
        if (std::memcmp(rec, "head", 4) == 0) head = be(rec + 8, 4);
        if (std::memcmp(rec, "hhea", 4) == 0) hhea = be(rec + 8, 4);
    }
    if (!head || !hhea || head + 20 > n || hhea + 8 > n) return 1.f;
    const float unitsPerEm = static_cast<float>(be(d + head + 18, 2));
    const float ascent = static_cast<float>(static_cast<int16_t>(be(d + hhea + 4, 2)));
    const float descent = static_cast<float>(static_cast<int16_t>(be(d + hhea + 6, 2)));
    return ascent - descent > 0 && unitsPerEm > 0 ? unitsPerEm / (ascent - descent) : 1.f;
}
} // namespace

const char* themeId(ThemeKind kind) {
    return kind == ThemeKind::Dark ? "dark" : kind == ThemeKind::HighContrast ? "high-contrast" : "light";
}

ThemeKind themeFromId(std::string_view id, ThemeKind fallback) {
    for (ThemeKind k : {ThemeKind::Light, ThemeKind::Dark, ThemeKind::HighContrast})
        if (id == themeId(k)) return k;
    return fallback;
}

const Palette& palette() {
    return g_palette;
}
ThemeKind currentTheme() {
    return g_theme;
}

void applyTheme(ThemeKind kind) {
    g_theme = kind;
    g_palette = makePalette(kind);
    const Palette& p = g_palette;
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowRounding = 0;
    s.ChildRounding = 10;
    s.FrameRounding = 8;
    s.PopupRounding = 8;
    s.GrabRounding = 8;
    s.TabRounding = 8;
    s.ScrollbarRounding = 8;
    s.FramePadding = ImVec2(10, 8);
    s.ItemSpacing = ImVec2(10, 10);
    s.WindowPadding = ImVec2(16, 16);
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = kind == ThemeKind::HighContrast ? 2.f : 1.f;
    s.ScrollbarSize = 12;
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.textMuted;
    c[ImGuiCol_WindowBg] = p.background;
    c[ImGuiCol_ChildBg] = p.surface;
    c[ImGuiCol_PopupBg] = p.surface;
    c[ImGuiCol_Border] = p.edge; // cards push `border` (beginCard)
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = p.surface;
    c[ImGuiCol_FrameBgHovered] = p.surfaceAlt;
    c[ImGuiCol_FrameBgActive] = p.surfaceAlt;
    c[ImGuiCol_TitleBg] = p.surface;
    c[ImGuiCol_TitleBgActive] = p.surface;
    c[ImGuiCol_MenuBarBg] = p.surface;
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = p.border;
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_Button] = p.surfaceAlt;
    // Hovered and pressed buttons darken (lighten in the dark themes) towards the text colour:
    // the high-contrast theme's white border as a hover colour hid white text.
    const auto towardsText = [&](float t) {
        return ImVec4(p.surfaceAlt.x + (p.text.x - p.surfaceAlt.x) * t,
                      p.surfaceAlt.y + (p.text.y - p.surfaceAlt.y) * t,
                      p.surfaceAlt.z + (p.text.z - p.surfaceAlt.z) * t, 1.f);
    };
    c[ImGuiCol_ButtonHovered] = towardsText(0.10f);
    c[ImGuiCol_ButtonActive] = towardsText(0.18f);
    c[ImGuiCol_Header] = p.surfaceAlt;
    c[ImGuiCol_HeaderHovered] = p.surfaceAlt;
    c[ImGuiCol_HeaderActive] = towardsText(0.18f);
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_Tab] = p.surfaceAlt;
    c[ImGuiCol_TabActive] = p.accent;
    c[ImGuiCol_TableHeaderBg] = p.surfaceAlt;
    c[ImGuiCol_TableBorderLight] = p.border;
    c[ImGuiCol_TableBorderStrong] = p.border;
    c[ImGuiCol_TableRowBgAlt] = p.surfaceAlt;
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_TextSelectedBg] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.35f);
}

const Fonts& fonts() {
    return g_fonts;
}

namespace {
// Only the icons the screens use: the whole private-use range at 3x (phones) would make a
// font atlas larger than WebGL's texture limit, and the canvas would stay black.
const ImWchar kIconRanges[] = {
    0xE001, 0xE002, 0xE02E, 0xE02E, 0xE0B3, 0xE0B3, 0xE0B9, 0xE0B9, 0xE145, 0xE145, 0xE14D,
    0xE14D, 0xE152, 0xE152, 0xE15A, 0xE15A, 0xE166, 0xE166, 0xE2C4, 0xE2C4, 0xE2C6, 0xE2C6,
    0xE2C8, 0xE2C8, 0xE3C9, 0xE3C9, 0xE560, 0xE560, 0xE5C4, 0xE5C4, 0xE5CA, 0xE5CA, 0xE5CC,
    0xE5CD, 0xE5CF, 0xE5CF, 0xE7EF, 0xE7EF, 0xE80C, 0xE80D, 0xE836, 0xE836, 0xE86C, 0xE86C,
    0xE872, 0xE872, 0xE878, 0xE878, 0xE88A, 0xE88A, 0xE892, 0xE892, 0xE896, 0xE896, 0xE8B5,
    0xE8B6, 0xE8B8, 0xE8B8, 0xE8E8, 0xE8E8, 0xE8F5, 0xE8F5, 0xE922, 0xE922, 0xE9B0, 0xE9B0,
    0xEA19, 0xEA19, 0xEA4A, 0xEA4A, 0};
} // namespace

bool iconInAtlas(uint32_t codePoint) {
    for (size_t i = 0; kIconRanges[i]; i += 2)
        if (codePoint >= kIconRanges[i] && codePoint <= kIconRanges[i + 1]) return true;
    return false;
}

void loadFonts(const FontFiles& files, float textSizePx, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Rasterise at device pixels and draw at logical size: crisp at any devicePixelRatio.
    io.FontGlobalScale = 1.f / scale;
    static const ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x20AC,
                                          0x20AC, 0x2190, 0x2193, 0x2713, 0x2717, 0};
    // Glyphs beyond the first ranges that text has needed (glyphs.cpp), merged into each font;
    // ImGui reads their ranges when the atlas is built, so they live until the next call.
    static std::vector<GlyphMerge> merges;
    merges.clear();
    auto add = [&](const std::vector<unsigned char>& bytes, float px,
                   FaceWeight weight) -> ImFont* {
        ImFont* font = nullptr;
        if (!bytes.empty()) {
            ImFontConfig cfg;
            cfg.FontDataOwnedByAtlas = false; // the shells own the bytes
            cfg.OversampleH = 2;
            cfg.OversampleV = 1;
            font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()),
                                                  static_cast<int>(bytes.size()), px * scale, &cfg,
                                                  kTextRanges);
        }
        if (!font) {
            ImFontConfig cfg;
            cfg.SizePixels = px * scale;
            font = io.Fonts->AddFontDefault(&cfg);
        }
        if (!files.icons.empty()) {
            ImFontConfig icfg;
            icfg.MergeMode = true;
            icfg.FontDataOwnedByAtlas = false;
            icfg.GlyphOffset = ImVec2(0, px * scale * 0.2f);
            io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(files.icons.data()),
                                           static_cast<int>(files.icons.size()), px * scale * 1.15f,
                                           &icfg, kIconRanges);
        }
        if (!bytes.empty()) {
            for (GlyphMerge& m : glyphMerges(weight)) {
                ImFontConfig mcfg;
                mcfg.MergeMode = true;
                mcfg.FontDataOwnedByAtlas = false; // glyphs.cpp owns the bytes
                mcfg.FontNo = m.face->fontNo;
                mcfg.OversampleH = 2;
                mcfg.OversampleV = 1;
                merges.push_back(std::move(m));
                GlyphMerge& kept = merges.back();
                io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kept.bytes->data()),
                                               static_cast<int>(kept.bytes->size()),
                                               px * scale * emPerSizePixel(bytes) /
                                                   emPerSizePixel(*kept.bytes),
                                               &mcfg,
                                               kept.ranges.data());
            }
        }
        return font;
    };
    const auto& semibold = files.semibold.empty() ? files.regular : files.semibold;
    g_fonts.body = add(files.regular, textSizePx, FaceWeight::Regular);
    g_fonts.heading = add(semibold, textSizePx * 1.2f, FaceWeight::SemiBold);
    g_fonts.title = add(semibold, textSizePx * 1.6f, FaceWeight::SemiBold);
    io.FontDefault = g_fonts.body;
    io.Fonts->Build();
}

void pushPrimaryButton() {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          ImVec4(p.accent.x * 0.9f, p.accent.y * 0.9f, p.accent.z * 0.9f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive,
                          ImVec4(p.accent.x * 0.8f, p.accent.y * 0.8f, p.accent.z * 0.8f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accentText);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize,
                        currentTheme() == ThemeKind::HighContrast ? 2.f : 0.f);
}

void popPrimaryButton() {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
}

} // namespace pathway::ui
