// A word-wrapped multi-line text editor of our own: Dear ImGui 1.90's InputTextMultiline has no
// word wrap (Debian's newest source, 1.92.2b, neither), so a long reflection would be one line
// scrolled sideways. Lines wrap at word boundaries to the field's width (a word longer than the
// width is broken), the field grows with its text, the caret moves by visual line, and
// selection, clipboard and undo work inside the field. The layout is cached per field and
// recomputed only when the text, the font or the width change.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::ui {

/// Where each visual line of a text starts, for one font, size and wrap width.
struct WrapLayout {
    std::vector<uint32_t> lineStarts{0}; ///< byte offset of each visual line; never empty
    float lineHeight = 0;

    int lineCount() const { return static_cast<int>(lineStarts.size()); }
    /// The visual line holding the caret at `offset` (an offset at a soft wrap belongs to the
    /// line it starts).
    int lineOf(uint32_t offset) const;
    /// One past the last byte drawn on `line` (a hard line break and trailing spaces at a soft
    /// wrap are not drawn).
    uint32_t drawEnd(std::string_view text, int line) const;
    /// Where End puts the caret on `line`: before the break (a '\n', the space a soft wrap
    /// hangs, or the last character of a word broken at the width).
    uint32_t caretEnd(std::string_view text, int line) const;
    /// True when `line` ends because the width ran out (not at a '\n' or the text's end).
    bool softWrapped(std::string_view text, int line) const;
};

/// Breaks `text` into visual lines no wider than `wrapWidth` at `fontSize` (break opportunities:
/// after spaces and after a hyphen inside a word; a word wider than the line is broken between
/// characters; '\n' always breaks).
WrapLayout layoutWrapped(std::string_view text, const ImFont* font, float fontSize, float wrapWidth);

/// Width of text[begin, end) at `fontSize` (the advances ImDrawList::AddText uses).
float measureText(std::string_view text, uint32_t begin, uint32_t end, const ImFont* font,
                  float fontSize);

/// The kind of text a field holds: the web page's overlay chooses its keyboard from it.
enum class TextKind : uint8_t {
    Prose,    ///< sentences: spell check, autocorrect, capitalised sentences
    Line,     ///< a title, a team: spell check, capitalised sentences
    Name,     ///< a person's name: capitalised words, no autocorrect
    Search,   ///< a search box
    Date,     ///< YYYY-MM-DD: no autocorrect or capitals, numeric keyboard
    Number,   ///< hours: decimal keyboard
    Code,     ///< registration numbers, file paths: nothing changed by the keyboard
    Secret,   ///< a passphrase: never drawn (dots), nothing corrected or remembered
};

/// "prose", "line", "name", "search", "date", "number", "code", "secret" (the web page's
/// keyboard settings; "secret" is a password field).
std::string_view textKindId(TextKind kind);

struct TextEditOptions {
    float minHeight = 0;      ///< the field never gets shorter than this (px)
    const char* hint = "";    ///< shown while the field is empty and not being edited
    bool drawText = true;     ///< false: only the frame (the web page's own field lies over it)
    bool singleLine = false;  ///< one line, no wrapping; Enter ends the edit
    /// The text typed elsewhere (the web page's field): replaces the field's text this frame
    /// as an edit (the caller clears it once applied: `applied` in the result).
    const std::string* replaceWith = nullptr;
    bool endEdit = false;     ///< end the edit this frame (the page's field lost focus)
    bool activate = false;    ///< start editing this frame, caret at the end (Tab from the page)
};

struct TextEditResult {
    bool changed = false;     ///< the text changed this frame
    bool deactivated = false; ///< editing ended this frame after a change (one undo step)
    bool active = false;      ///< the field is being edited
    bool applied = false;     ///< `replaceWith` was taken
};

/// The wrapped editor, as wide as the space left on the line, as tall as its text. `strId` is an
/// ImGui id (e.g. "##v"). `text` is edited in place.
TextEditResult wrappedTextEdit(const char* strId, std::string& text, const TextEditOptions& opt = {});

/// The layout last computed for a field (tests and benchmarks; nullptr when never drawn).
const WrapLayout* cachedLayout(ImGuiID id);
/// How many layouts were computed since start (tests check that unchanged text is not
/// re-measured).
uint64_t layoutComputations();

/// Caret and selection of the field being edited (tests, and the web page's overlay).
struct TextEditCaret {
    ImGuiID id = 0;          ///< 0 when no wrapped field is active
    uint32_t caret = 0;      ///< byte offset
    uint32_t anchor = 0;     ///< the other end of the selection (== caret: none)
};
TextEditCaret activeTextEdit();
/// Places the caret (and selection) of the active field, in bytes (clamped to characters).
void setActiveTextSelection(uint32_t anchor, uint32_t caret);

} // namespace pathway::ui
