// Every name and every word shows (issue 19): text in any script the fonts cover is drawn with
// real glyphs, never ImGui's fallback "?". Uses Debian's fonts through the desktop's glyph
// catalog, as the desktop app does, and ImGui's own lookup (FindGlyphNoFallback).
#include "pathway/ui/glyphs.hpp"
#include "ui_harness.hpp"

#include <imgui_internal.h> // ImTextCharFromUtf8

#include <fstream>
#include <iterator>
#include <sstream>

using namespace pathway;
using pathway::test::UiHarness;

namespace {

// Latin Extended, Vietnamese, Greek, Cyrillic, Arabic, Bengali, Gurmukhi, Devanagari, Chinese
// and an emoji (invented names).
const std::string kLine = "\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87 "             // Łukasz Żółć
                          "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b "                           // Nguyễn Thị
                          "\xce\x91\xce\xbb\xce\xad\xce\xbe\xce\xb7\xcf\x82 "           // Αλέξης
                          "\xd0\x9e\xd0\xbb\xd0\xb5\xd0\xba\xd1\x81\xd0\xb0 "           // Олекса
                          "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf "                           // محمد
                          "\xe0\xa6\xb0\xe0\xa6\xb9\xe0\xa6\xbf\xe0\xa6\xae "           // রহিম
                          "\xe0\xa8\xb8\xe0\xa8\xbf\xe0\xa9\xb0\xe0\xa8\x98 "           // ਸਿੰਘ
                          "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe " // प्रिया
                          "\xe6\x9d\x8e\xe6\x98\x8e "                                   // 李明
                          "\xf0\x9f\x98\x80";                                           // 😀

std::vector<unsigned char> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<char32_t> codePoints(const std::string& s) {
    std::vector<char32_t> out;
    for (const char* p = s.data(); p < s.data() + s.size();) {
        unsigned int c = 0;
        p += ImTextCharFromUtf8(&c, p, s.data() + s.size());
        if (c != ' ') out.push_back(c);
    }
    return out;
}

// The desktop's fonts (regular, semibold, icons) and catalog, loaded as native/main.cpp does.
class GlyphFonts {
  public:
    GlyphFonts() {
        std::ifstream list(PATHWAY_FONTS_LIST);
        std::string line;
        while (std::getline(list, line)) {
            std::istringstream fields(line);
            std::string role, package, path;
            fields >> role >> package >> path;
            if (role == "regular") files.regular = readBytes(path);
            if (role == "semibold") files.semibold = readBytes(path);
            if (role == "icons") files.icons = readBytes(path);
        }
        const auto text = readBytes(PATHWAY_GLYPH_CATALOG);
        std::string error;
        auto catalog = ui::GlyphCatalog::parse(std::string(text.begin(), text.end()), &error);
        EXPECT_TRUE(catalog) << error;
        EXPECT_FALSE(files.regular.empty() || files.semibold.empty());
        ui::setGlyphCatalog(catalog ? std::move(*catalog) : ui::GlyphCatalog{},
                            [this](size_t index, const ui::GlyphFace& face) {
                                ++loads;
                                loaded.push_back(face.file);
                                ui::glyphFaceLoaded(index, readBytes(face.file));
                            });
        rebuild();
    }
    void rebuild() {
        ui::loadFonts(files, 17.f, 2.f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ++rebuilds;
    }
    /// What the shells do before each frame.
    void beforeFrame() {
        if (ui::glyphsWantRebuild()) rebuild();
    }

    ui::FontFiles files;
    int loads = 0;
    int rebuilds = 0;
    std::vector<std::string> loaded;
};

std::string missingIn(const ImFont* font, const std::string& text) {
    std::string missing;
    for (char32_t cp : codePoints(text))
        if (!font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
            char buf[16];
            std::snprintf(buf, sizeof buf, " U+%04X", static_cast<unsigned>(cp));
            missing += buf;
        }
    return missing;
}

void frameWithFonts(UiHarness& h, GlyphFonts& f, int n) {
    for (int i = 0; i < n; ++i) {
        f.beforeFrame();
        h.frame();
    }
}

} // namespace

TEST(UiGlyphsTest, CatalogParsesFacesAndRanges) {
    std::string error;
    auto c = ui::GlyphCatalog::parse("# comment\n"
                                     "face regular 0 Inter.otf 20-7e,a0-17f\n"
                                     "face any 1 cjk.ttc 4e00-9fff,1f600\n",
                                     &error);
    ASSERT_TRUE(c) << error;
    ASSERT_EQ(c->faces.size(), 2u);
    EXPECT_EQ(c->faces[1].fontNo, 1);
    EXPECT_EQ(c->find(0x141, ui::FaceWeight::Regular), 0);
    EXPECT_EQ(c->find(0x141, ui::FaceWeight::SemiBold), -1); // the regular face is not semibold
    EXPECT_EQ(c->find(0x674E, ui::FaceWeight::SemiBold), 1); // fallbacks serve every weight
    EXPECT_EQ(c->find(0x1F600, ui::FaceWeight::Regular), 1);
    EXPECT_EQ(c->find(0x1F601, ui::FaceWeight::Regular), -1);
    EXPECT_EQ(c->find(0x9F, ui::FaceWeight::Regular), -1);
}

TEST(UiGlyphsTest, CatalogRejectsBadLinesNamingThem) {
    for (const char* bad : {"face bold 0 a.ttf 20-7e", "face any x a.ttf 20", "face any 0 a.ttf",
                            "face any 0 a.ttf 7e-20", "face any 0 a.ttf 30,20",
                            "face any 0 a.ttf 110000", "font any 0 a.ttf 20", "face any 0 a.ttf 2g",
                            "face any 0 a.ttf 20 extra"}) {
        std::string error;
        EXPECT_FALSE(ui::GlyphCatalog::parse(std::string("# ok\n") + bad + "\n", &error)) << bad;
        EXPECT_NE(error.find("line 2"), std::string::npos) << error;
    }
}

TEST(UiGlyphsTest, EveryScriptInTheProfileNameDrawsWithRealGlyphs) {
    UiHarness h;
    GlyphFonts f;
    // The first atlas has Inter's Latin only: most of the line would be "?".
    EXPECT_NE(missingIn(ui::fonts().body, kLine), "");
    core::Profile p;
    p.name = kLine;
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
    h.start();
    frameWithFonts(h, f, 3);
    EXPECT_EQ(missingIn(ui::fonts().body, kLine), "");
    EXPECT_EQ(missingIn(ui::fonts().heading, kLine), "");
    EXPECT_EQ(missingIn(ui::fonts().title, kLine), "");
    EXPECT_TRUE(ui::glyphsWithoutFont().empty());
    EXPECT_FALSE(ui::glyphsBusy());
    // One rebuild took them all, and only the fonts the line needs were read.
    EXPECT_EQ(f.rebuilds, 2);
    EXPECT_LE(f.loads, 12);
    for (const std::string& file : f.loaded) EXPECT_EQ(file.find("Tibetan"), std::string::npos);
    // Drawn in a window, not one glyph of the line is the fallback.
    f.beforeFrame();
    ImGui::NewFrame();
    ImGui::Begin("line");
    ImGui::TextUnformatted(kLine.c_str());
    ImFont* font = ImGui::GetFont();
    for (char32_t cp : codePoints(kLine))
        EXPECT_NE(font->FindGlyph(static_cast<ImWchar>(cp)), font->FallbackGlyph)
            << "U+" << std::hex << static_cast<unsigned>(cp);
    ImGui::End();
    ImGui::Render();
    // Nothing new: no further rebuild.
    frameWithFonts(h, f, 3);
    EXPECT_EQ(f.rebuilds, 2);
}

TEST(UiGlyphsTest, TextBeingTypedGetsItsGlyphsBeforeItIsSaved) {
    UiHarness h;
    GlyphFonts f;
    h.start();
    const std::string name = "Th\xe1\xbb\x8b \xd0\x96 \xf0\x9f\x98\x80"; // Thị Ж 😀
    EXPECT_NE(missingIn(ui::fonts().body, name), "");
    h.click("welcome.name");
    ImGui::GetIO().AddInputCharactersUTF8(name.c_str());
    frameWithFonts(h, f, 3);
    EXPECT_TRUE(h.portfolio().profile.name.empty()); // not saved: only in ImGui's edit buffer
    EXPECT_EQ(missingIn(ui::fonts().body, name), "");
}

TEST(UiGlyphsTest, TextTypedThroughThePagesFieldGetsItsGlyphsToo) {
    // On the web every field is the wrapped editor of ui/text_edit.hpp under the page's own
    // field, not ImGui's InputText: the welcome name (no draft notes it) is typed in the page.
    UiHarness h;
    GlyphFonts f;
    ui::TextOverlay& ov = ui::textOverlay();
    ov = ui::TextOverlay{};
    ov.enabled = true;
    h.start();
    const std::string name = "\xd0\x96\xd0\xb8\xd0\xb2 \xe6\x9d\x8e \xd8\xad"; // Жив 李 ح
    EXPECT_NE(missingIn(ui::fonts().body, name), "");
    h.click("welcome.name");
    ov.id = "welcome.name";
    ov.textFor = "welcome.name";
    ov.text = name; // what pathway_overlay_input hands over
    frameWithFonts(h, f, 3);
    ov = ui::TextOverlay{};
    EXPECT_TRUE(h.portfolio().profile.name.empty());
    EXPECT_EQ(missingIn(ui::fonts().body, name), "");
}

TEST(UiGlyphsTest, ACodePointNoFontHasIsReportedOnceAndNeverRebuildsAgain) {
    UiHarness h;
    GlyphFonts f;
    h.start();
    ui::noteText("\xf3\xa0\x80\x81"); // U+E0001 LANGUAGE TAG: in none of the fonts
    frameWithFonts(h, f, 3);
    ui::noteText("\xf3\xa0\x80\x81");
    frameWithFonts(h, f, 3);
    EXPECT_EQ(f.rebuilds, 1);
    EXPECT_EQ(f.loads, 0);
    EXPECT_EQ(ui::glyphsWithoutFont(), std::vector<char32_t>{0xE0001});
}

TEST(UiGlyphsTest, AFontThatFailsToLoadIsAskedForAgainWhenTextNeedsIt) {
    UiHarness h;
    GlyphFonts f;
    int asks = 0;
    bool online = false;
    auto text = readBytes(PATHWAY_GLYPH_CATALOG);
    auto catalog = ui::GlyphCatalog::parse(std::string(text.begin(), text.end()));
    ASSERT_TRUE(catalog);
    ui::setGlyphCatalog(std::move(*catalog), [&](size_t index, const ui::GlyphFace& face) {
        ++asks;
        ui::glyphFaceLoaded(index, online ? readBytes(face.file) : std::vector<unsigned char>{});
    });
    const std::string han = "\xe6\x9d\x8e"; // 李
    ui::noteText(han);
    EXPECT_FALSE(ui::glyphsWantRebuild()); // offline: nothing to add, no endless retry
    EXPECT_FALSE(ui::glyphsBusy());
    EXPECT_EQ(asks, 2); // one face, asked once per weight in use (both failed at once)
    online = true;
    ui::noteText(han);
    EXPECT_TRUE(ui::glyphsWantRebuild());
    f.rebuild();
    EXPECT_EQ(missingIn(ui::fonts().body, han), "");
}
