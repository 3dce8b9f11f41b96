// The word-wrapped editor (ui/text_edit.hpp): layout, caret by visual line, selection,
// clipboard, undo, growth, and its use by the editor screen. Headless ImGui frames.
#include "ui_harness.hpp"

#include "pathway/ui/text_edit.hpp"

#include <imgui_internal.h>

#include <functional>
#include <sstream>

using namespace pathway;

namespace {

/// An invented paragraph of `words` words (varied lengths, some punctuation).
std::string paragraph(int words) {
    static const char* kWords[] = {"the",       "family",  "said",     "that",      "supervision",
                                   "helped",    "me",      "reflect",  "on",        "how",
                                   "practice",  "changed", "after",    "a",         "difficult",
                                   "visit,",    "and",     "I",        "noticed",   "my",
                                   "assumptions", "about", "risk.",    "Next",      "time",
                                   "I'll",      "ask",     "earlier",  "well-being", "questions"};
    std::string out;
    for (int i = 0; i < words; ++i) {
        if (i) out += ' ';
        out += kWords[(i * 7 + i / 3) % 30];
    }
    return out;
}

/// One field in a bare window: the widget alone, at a chosen width.
struct FieldFixture {
    std::string text;
    float width = 340;
    ImRect rect;
    ImGuiID id = 0;
    ui::TextEditResult last;
    bool deactivatedAfterEdit = false; ///< seen in any frame so far

    FieldFixture() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 3000);
        io.DeltaTime = 1.f / 60.f;
        io.ConfigInputTextCursorBlink = false;
        ui::applyTheme(ui::ThemeKind::Light);
        ImGui::GetStyle().AntiAliasedLinesUseTex = false;
        ui::loadFonts({}, 17.f, 1.f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~FieldFixture() { ImGui::DestroyContext(); }
    FieldFixture(const FieldFixture&) = delete;
    FieldFixture& operator=(const FieldFixture&) = delete;

    void frame() {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("t", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        ImGui::SetNextItemWidth(width);
        ui::TextEditOptions opt;
        opt.minHeight = 60;
        last = ui::wrappedTextEdit("##field", text, opt);
        deactivatedAfterEdit |= last.deactivated;
        rect = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        id = ImGui::GetItemID();
        ImGui::End();
        ImGui::Render();
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }
    void clickAt(ImVec2 p, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
        io.AddMousePosEvent(p.x, p.y);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
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
        frame();
    }
    void type(const char* utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8);
        frames(2);
    }
    const ui::WrapLayout& layout() const { return *ui::cachedLayout(id); }
    float padX() const { return ImGui::GetStyle().FramePadding.x; }
    float padY() const { return ImGui::GetStyle().FramePadding.y; }
    ImVec2 lineStart(int line) const {
        return ImVec2(rect.Min.x + padX() + 1, rect.Min.y + padY() + layout().lineHeight * (float(line) + 0.5f));
    }
    uint32_t caret() const { return ui::activeTextEdit().caret; }
    int caretLine() const { return layout().lineOf(caret()); }
    std::string lineText(int l) const {
        const uint32_t a = layout().lineStarts[static_cast<size_t>(l)];
        return text.substr(a, layout().drawEnd(text, l) - a);
    }
};

/// Every glyph quad drawn (textured vertices, not the white pixel of fills) in this frame.
std::vector<ImVec2> glyphVertices() {
    std::vector<ImVec2> out;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int i = 0; i < dd->CmdListsCount; ++i)
        for (const ImDrawVert& v : dd->CmdLists[i]->VtxBuffer)
            if (v.uv.x != white.x || v.uv.y != white.y) out.push_back(v.pos);
    return out;
}

} // namespace

TEST(UiTextEditTest, ThreeHundredWordsWrapInsideA340PxField) {
    FieldFixture f;
    f.text = paragraph(300);
    f.frames(2);
    const ui::WrapLayout& l = f.layout();
    ASSERT_GT(l.lineCount(), 20) << "300 words cannot fit on a few lines of 320 px";
    const float wrapW = f.width - 2 * f.padX();
    std::string joined;
    for (int line = 0; line < l.lineCount(); ++line) {
        const std::string t = f.lineText(line);
        EXPECT_FALSE(t.empty()) << "line " << line;
        EXPECT_LE(ui::measureText(f.text, l.lineStarts[size_t(line)], l.drawEnd(f.text, line),
                                  ImGui::GetFont(), ImGui::GetFontSize()),
                  wrapW + 0.01f)
            << t;
        // Lines break between words (or after a hyphen): none starts with a space.
        EXPECT_NE(t.front(), ' ');
        const char before = line ? f.text[l.lineStarts[size_t(line)] - 1] : '\0';
        if (line) {
            EXPECT_TRUE(before == ' ' || before == '-') << t;
        }
        joined += (before == ' ' ? " " : "") + t;
    }
    EXPECT_EQ(joined, f.text) << "every character is on exactly one line";

    // No glyph is drawn outside the field.
    const std::vector<ImVec2> glyphs = glyphVertices();
    ASSERT_GT(glyphs.size(), 1000u);
    for (const ImVec2& p : glyphs) {
        ASSERT_GE(p.x, f.rect.Min.x);
        ASSERT_LE(p.x, f.rect.Max.x);
        ASSERT_GE(p.y, f.rect.Min.y);
        ASSERT_LE(p.y, f.rect.Max.y);
    }
}

TEST(UiTextEditTest, TheFieldGrowsWithItsLines) {
    FieldFixture f;
    f.text = "One line.";
    f.frames(2);
    EXPECT_FLOAT_EQ(f.rect.GetHeight(), 60.f) << "never shorter than its minimum";
    float before = f.rect.GetHeight();
    for (int words : {40, 120, 300}) {
        f.text = paragraph(words);
        f.frames(2);
        const float lineH = f.layout().lineHeight;
        EXPECT_FLOAT_EQ(f.rect.GetHeight(), float(f.layout().lineCount()) * lineH + 2 * f.padY());
        EXPECT_GT(f.rect.GetHeight(), before) << words << " words";
        before = f.rect.GetHeight();
    }
    f.text += "\n\n\n";
    f.frames(2);
    EXPECT_GT(f.rect.GetHeight(), before) << "empty lines count too";
}

TEST(UiTextEditTest, AWordLongerThanTheFieldIsBroken) {
    FieldFixture f;
    f.text = "Before " + std::string(200, 'x') + " after";
    f.frames(2);
    const ui::WrapLayout& l = f.layout();
    ASSERT_GE(l.lineCount(), 4);
    const float wrapW = f.width - 2 * f.padX();
    for (int line = 0; line < l.lineCount(); ++line)
        EXPECT_LE(ui::measureText(f.text, l.lineStarts[size_t(line)], l.drawEnd(f.text, line),
                                  ImGui::GetFont(), ImGui::GetFontSize()),
                  wrapW + 0.01f);
    EXPECT_EQ(f.lineText(0), "Before") << "the long word starts on its own line";
    EXPECT_EQ(f.lineText(l.lineCount() - 1).substr(f.lineText(l.lineCount() - 1).size() - 5),
              "after");
}

TEST(UiTextEditTest, MultiByteCharactersAreNeverSplit) {
    FieldFixture f;
    std::string word;
    for (int i = 0; i < 80; ++i) word += "\xc5\x81"; // Ł, two bytes each
    f.text = word;
    f.frames(2);
    const ui::WrapLayout& l = f.layout();
    ASSERT_GE(l.lineCount(), 2);
    for (uint32_t start : l.lineStarts)
        EXPECT_NE(static_cast<unsigned char>(f.text[start]) & 0xC0, 0x80u) << start;
}

TEST(UiTextEditTest, UpAndDownMoveByVisualLine) {
    FieldFixture f;
    f.text = paragraph(120);
    f.frames(2);
    ASSERT_GT(f.layout().lineCount(), 6);
    // Click a little into the second visual line (there is no '\n' in the text).
    const ImVec2 p(f.lineStart(1).x + 60, f.lineStart(1).y);
    f.clickAt(p);
    ASSERT_EQ(ui::activeTextEdit().id, f.id) << "a click starts editing";
    EXPECT_EQ(f.caretLine(), 1);
    const uint32_t start = f.caret();
    f.key(ImGuiKey_DownArrow);
    EXPECT_EQ(f.caretLine(), 2);
    f.key(ImGuiKey_DownArrow);
    EXPECT_EQ(f.caretLine(), 3);
    f.key(ImGuiKey_UpArrow);
    f.key(ImGuiKey_UpArrow);
    EXPECT_EQ(f.caret(), start) << "the column is kept";
    f.key(ImGuiKey_UpArrow);
    EXPECT_EQ(f.caretLine(), 0);
    f.key(ImGuiKey_UpArrow);
    EXPECT_EQ(f.caret(), 0u) << "Up on the first line goes to the start";
    // Home and End are those of the visual line.
    f.key(ImGuiKey_DownArrow);
    f.key(ImGuiKey_End);
    EXPECT_EQ(f.caretLine(), 1);
    EXPECT_EQ(f.caret(), f.layout().caretEnd(f.text, 1));
    f.key(ImGuiKey_Home);
    EXPECT_EQ(f.caret(), f.layout().lineStarts[1]);
    f.key(ImGuiKey_End, ImGuiMod_Ctrl);
    EXPECT_EQ(f.caret(), f.text.size());
}

TEST(UiTextEditTest, ASelectionAcrossAWrapPointCopiesTheRightText) {
    FieldFixture f;
    f.text = paragraph(80);
    f.frames(2);
    f.clickAt(f.lineStart(0));
    f.key(ImGuiKey_End);
    const uint32_t from = f.caret();
    f.key(ImGuiKey_DownArrow, ImGuiMod_Shift);
    const uint32_t to = f.caret();
    ASSERT_GT(to, f.layout().lineStarts[1]) << "the selection crosses the wrap";
    ASSERT_EQ(ui::activeTextEdit().anchor, from);
    f.key(ImGuiKey_C, ImGuiMod_Ctrl);
    const std::string copied = ImGui::GetClipboardText();
    EXPECT_EQ(copied, f.text.substr(from, to - from));
    EXPECT_NE(copied.find(' '), std::string::npos) << "the space at the wrap is copied";
    EXPECT_EQ(f.text, paragraph(80)) << "copying changes nothing";

    // Shift+click extends the same way, and cut + paste puts it back.
    f.clickAt(f.lineStart(0));
    f.clickAt(ImVec2(f.lineStart(2).x + 30, f.lineStart(2).y), true);
    const auto sel = ui::activeTextEdit();
    EXPECT_EQ(sel.anchor, 0u);
    EXPECT_EQ(f.layout().lineOf(sel.caret), 2);
    f.key(ImGuiKey_X, ImGuiMod_Ctrl);
    EXPECT_EQ(ImGui::GetClipboardText(), paragraph(80).substr(0, sel.caret));
    EXPECT_EQ(f.text, paragraph(80).substr(sel.caret));
    f.key(ImGuiKey_V, ImGuiMod_Ctrl);
    EXPECT_EQ(f.text, paragraph(80));
}

TEST(UiTextEditTest, DoubleClickSelectsAWord) {
    FieldFixture f;
    f.text = "Reflection helps practice";
    f.frames(2);
    const float x = f.rect.Min.x + f.padX() +
                    ui::measureText(f.text, 0, 13, ImGui::GetFont(), ImGui::GetFontSize());
    const ImVec2 p(x, f.lineStart(0).y);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(p.x, p.y);
    f.frame();
    for (int i = 0; i < 2; ++i) {
        io.AddMouseButtonEvent(0, true);
        f.frame();
        io.AddMouseButtonEvent(0, false);
        f.frame();
    }
    const auto sel = ui::activeTextEdit();
    EXPECT_EQ(f.text.substr(std::min(sel.anchor, sel.caret), 5), "helps");
    EXPECT_EQ(std::max(sel.anchor, sel.caret) - std::min(sel.anchor, sel.caret), 5u);
}

TEST(UiTextEditTest, TypingBackspaceAndUndoInsideTheField) {
    FieldFixture f;
    f.frames(1);
    f.clickAt(f.lineStart(0));
    f.type("Zo\xc3\xab W\xc3\xb3jcik ");
    f.type("\xc2\xa3" "20");
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik \xc2\xa3" "20");
    EXPECT_TRUE(ui::activeTextEdit().id != 0);
    f.key(ImGuiKey_Backspace);
    f.key(ImGuiKey_Backspace);
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik \xc2\xa3");
    f.key(ImGuiKey_Backspace);
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik ") << "a two-byte character goes whole";
    f.key(ImGuiKey_Z, ImGuiMod_Ctrl);
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik \xc2\xa3" "20") << "one undo takes back the deletions";
    f.key(ImGuiKey_Z, ImGuiMod_Ctrl);
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik ") << "then the last word typed";
    f.key(ImGuiKey_Y, ImGuiMod_Ctrl);
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik \xc2\xa3" "20");
    f.key(ImGuiKey_Enter);
    f.type("Next");
    EXPECT_EQ(f.text, "Zo\xc3\xab W\xc3\xb3jcik \xc2\xa3" "20\nNext");
    EXPECT_EQ(f.layout().lineCount(), 2);
    EXPECT_EQ(f.caretLine(), 1);
    f.key(ImGuiKey_LeftArrow, ImGuiMod_Ctrl);
    EXPECT_EQ(f.caret(), f.text.size() - 4);
    f.key(ImGuiKey_Escape);
    EXPECT_EQ(ui::activeTextEdit().id, 0u) << "Escape leaves the field";
    EXPECT_TRUE(f.deactivatedAfterEdit) << "leaving after a change is one finished edit";
}

TEST(UiTextEditTest, UnchangedTextIsNotMeasuredAgain) {
    FieldFixture f;
    f.text = paragraph(5000);
    f.frames(2);
    const uint64_t before = ui::layoutComputations();
    f.frames(10);
    EXPECT_EQ(ui::layoutComputations(), before);
    f.clickAt(f.lineStart(3));
    f.frames(5);
    EXPECT_EQ(ui::layoutComputations(), before) << "moving the caret needs no new layout";
    f.type("x");
    EXPECT_EQ(ui::layoutComputations(), before + 1) << "one character, one layout";
    f.width = 300;
    f.frame();
    EXPECT_EQ(ui::layoutComputations(), before + 2) << "a new width, a new layout";
}

TEST(UiTextEditTest, TheReflectionFieldWrapsAndGrowsOnAPhone) {
    test::UiHarness h(390, 844);
    core::Profile p;
    p.name = "Drew Invented";
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
    ui::App& app = h.start();
    ImGui::GetStyle().AntiAliasedLinesUseTex = false; // textured vertices are glyphs only
    app.startNewEntry(core::EntryKind::Reflection);
    h.frames(3);
    const ui::WidgetRect empty = h.widget("reflection.free.text");
    ASSERT_TRUE(empty.multiline);
    h.click("reflection.free.text");
    const std::string text = paragraph(60);
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    h.frames(4);
    ASSERT_TRUE(app.draft());
    EXPECT_EQ(app.draft()->field("free.text"), text) << "every word typed is in the draft";
    const ui::WidgetRect grown = h.widget("reflection.free.text");
    EXPECT_GT(grown.h, empty.h) << "the field grew instead of scrolling";
    EXPECT_LE(grown.x + grown.w, 390.f);
    for (const ImVec2& v : glyphVertices())
        EXPECT_LE(v.x, 390.f) << "nothing drawn past the phone's edge";
}

TEST(UiWritingAidsTest, AWordCountAndAGentleConfidentialityHintUnderLongFields) {
    test::UiHarness h(390, 1400); // a tall phone: what is under the field is on screen
    core::Profile p;
    p.name = "Drew Invented";
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
    ui::App& app = h.start();
    app.startNewEntry(core::EntryKind::Reflection);
    h.frames(3);
    EXPECT_FALSE(h.visible("reflection.free.text.words")) << "nothing to count yet";
    h.click("reflection.free.text");
    ImGui::GetIO().AddInputCharactersUTF8("Today I visited Mrs Jones at home.");
    h.frames(40); // while typing the check runs at most twice a second
    EXPECT_EQ(h.widget("reflection.free.text.words").label, "7 words");
    ASSERT_TRUE(h.visible("reflection.free.text.privacy")) << "shown while typing";
    const std::string hint = h.widget("reflection.free.text.privacy").label;
    EXPECT_NE(hint.find("Jones"), std::string::npos) << hint;
    EXPECT_NE(hint.find("after \xe2\x80\x9cMrs\xe2\x80\x9d"), std::string::npos) << hint;
    EXPECT_NE(hint.find("a name"), std::string::npos) << hint;
    // It never blocks typing: the text goes on, and the hint follows once it is fixed.
    h.key(ImGuiKey_A, ImGuiMod_Ctrl);
    ImGui::GetIO().AddInputCharactersUTF8("Today I visited the mother at home, with her son.");
    h.frames(3);
    EXPECT_EQ(app.draft()->field("free.text"), "Today I visited the mother at home, with her son.");
    h.click("entry.title"); // leave the field: checked at once
    EXPECT_FALSE(h.visible("reflection.free.text.privacy"));
    EXPECT_EQ(h.widget("reflection.free.text.words").label, "10 words");
    // Single-line fields get neither.
    EXPECT_FALSE(h.visible("entry.title.words"));
}
