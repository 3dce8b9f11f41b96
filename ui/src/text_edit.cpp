#include "pathway/ui/text_edit.hpp"

#include "pathway/core/text.hpp"

#include <imgui_internal.h> // ItemAdd, SetActiveID, key ownership: what a widget of our own needs

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace pathway::ui {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

uint32_t decodeAt(std::string_view text, uint32_t i, unsigned int& c) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
        c = b;
        return 1;
    }
    const int len = ImTextCharFromUtf8(&c, text.data() + i, text.data() + text.size());
    return static_cast<uint32_t>(std::max(len, 1));
}

float advance(const ImFont* font, unsigned int c) {
    if (c < static_cast<unsigned int>(font->IndexAdvanceX.Size)) return font->IndexAdvanceX.Data[c];
    return font->FallbackAdvanceX;
}

uint32_t prevChar(std::string_view text, uint32_t i) {
    if (i == 0) return 0;
    --i;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

uint32_t nextChar(std::string_view text, uint32_t i) {
    const auto n = static_cast<uint32_t>(text.size());
    if (i >= n) return n;
    ++i;
    while (i < n && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        ++i;
    return i;
}

uint32_t clampToChar(std::string_view text, uint32_t i) {
    i = std::min(i, static_cast<uint32_t>(text.size()));
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

/// 0 space, 1 word (letters, digits, apostrophes, any non-ASCII letter), 2 punctuation.
int charClass(std::string_view text, uint32_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n') return 0;
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
        c == '\'' || c == '_')
        return 1;
    return 2;
}

uint32_t wordLeft(std::string_view text, uint32_t i) {
    while (i > 0 && charClass(text, prevChar(text, i)) == 0)
        i = prevChar(text, i);
    if (i == 0) return 0;
    const int cls = charClass(text, prevChar(text, i));
    while (i > 0 && charClass(text, prevChar(text, i)) == cls)
        i = prevChar(text, i);
    return i;
}

uint32_t wordRight(std::string_view text, uint32_t i) {
    const auto n = static_cast<uint32_t>(text.size());
    if (i < n) {
        const int cls = charClass(text, i);
        if (cls != 0)
            while (i < n && charClass(text, i) == cls)
                i = nextChar(text, i);
    }
    while (i < n && charClass(text, i) == 0 && text[i] != '\n')
        i = nextChar(text, i);
    return i;
}

struct CacheEntry {
    std::string text;
    const ImFont* font = nullptr;
    float size = 0, width = 0;
    WrapLayout layout;
    int lastFrame = 0;
};

std::unordered_map<ImGuiID, CacheEntry>& cache() {
    static std::unordered_map<ImGuiID, CacheEntry> c;
    return c;
}
uint64_t g_layouts = 0;
int g_lastSweep = 0;

const WrapLayout& layoutFor(ImGuiID id, std::string_view text, const ImFont* font, float size,
                            float width) {
    const int frame = ImGui::GetFrameCount();
    auto& c = cache();
    if (frame - g_lastSweep > 600) { // forget fields not drawn for a while (closed editors)
        g_lastSweep = frame;
        for (auto it = c.begin(); it != c.end();)
            it = frame - it->second.lastFrame > 600 ? c.erase(it) : std::next(it);
    }
    CacheEntry& e = c[id];
    e.lastFrame = frame;
    if (e.font != font || e.size != size || e.width != width || e.text != text ||
        e.layout.lineHeight == 0) {
        e.text.assign(text);
        e.font = font;
        e.size = size;
        e.width = width;
        e.layout = layoutWrapped(text, font, size, width);
        ++g_layouts;
    }
    return e.layout;
}

struct Snapshot {
    std::string text;
    uint32_t caret = 0, anchor = 0;
};

enum class EditKind { None, Typing, Deleting, Other };

/// The one field being edited (ImGui has one active item at a time).
struct EditState {
    ImGuiID id = 0;
    uint32_t caret = 0, anchor = 0;
    float preferredX = -1; ///< kept across Up/Down so the caret does not drift left
    bool dragging = false;
    bool scrollToCaret = false;
    double blinkStart = 0;
    EditKind lastEdit = EditKind::None;
    std::vector<Snapshot> undo, redo;

    uint32_t selMin() const { return std::min(caret, anchor); }
    uint32_t selMax() const { return std::max(caret, anchor); }
    bool hasSelection() const { return caret != anchor; }
};
EditState g_edit;
constexpr size_t kUndoLimit = 100;

uint32_t hitLine(std::string_view text, const WrapLayout& l, int line, float x, const ImFont* font,
                 float scale) {
    uint32_t i = l.lineStarts[static_cast<size_t>(line)];
    const uint32_t end = l.drawEnd(text, line);
    float acc = 0;
    while (i < end) {
        unsigned int c = 0;
        const uint32_t len = decodeAt(text, i, c);
        const float w = advance(font, c) * scale;
        if (x < acc + w * 0.5f) return i;
        acc += w;
        i += len;
    }
    return std::max(end, l.caretEnd(text, line));
}

} // namespace

std::string_view textKindId(TextKind kind) {
    switch (kind) {
    case TextKind::Prose: return "prose";
    case TextKind::Line: return "line";
    case TextKind::Name: return "name";
    case TextKind::Search: return "search";
    case TextKind::Date: return "date";
    case TextKind::Number: return "number";
    case TextKind::Code: return "code";
    case TextKind::Secret: return "secret";
    }
    return "line";
}

int WrapLayout::lineOf(uint32_t offset) const {
    const auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
    return std::max(0, static_cast<int>(it - lineStarts.begin()) - 1);
}

bool WrapLayout::softWrapped(std::string_view text, int line) const {
    const auto next = static_cast<size_t>(line) + 1;
    return next < lineStarts.size() && text[lineStarts[next] - 1] != '\n';
}

uint32_t WrapLayout::drawEnd(std::string_view text, int line) const {
    const uint32_t start = lineStarts[static_cast<size_t>(line)];
    const auto next = static_cast<size_t>(line) + 1;
    uint32_t end = next < lineStarts.size() ? lineStarts[next] : static_cast<uint32_t>(text.size());
    if (end > start && text[end - 1] == '\n') return end - 1;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return end;
}

uint32_t WrapLayout::caretEnd(std::string_view text, int line) const {
    if (!softWrapped(text, line)) {
        const auto next = static_cast<size_t>(line) + 1;
        const uint32_t end =
            next < lineStarts.size() ? lineStarts[next] : static_cast<uint32_t>(text.size());
        return end > lineStarts[static_cast<size_t>(line)] && text[end - 1] == '\n' ? end - 1 : end;
    }
    return prevChar(text, lineStarts[static_cast<size_t>(line) + 1]);
}

WrapLayout layoutWrapped(std::string_view text, const ImFont* font, float fontSize,
                         float wrapWidth) {
    WrapLayout out;
    out.lineHeight = fontSize;
    const float scale = fontSize / font->FontSize;
    const auto n = static_cast<uint32_t>(text.size());
    float x = 0;
    uint32_t lineStart = 0;
    uint32_t breakAt = kNone; // where the next line would start at the last break opportunity
    float xAtBreak = 0;
    for (uint32_t i = 0; i < n;) {
        unsigned int c = 0;
        const uint32_t len = decodeAt(text, i, c);
        if (c == '\n') {
            i += len;
            out.lineStarts.push_back(i);
            lineStart = i;
            x = 0;
            breakAt = kNone;
            continue;
        }
        const float w = advance(font, c) * scale;
        if (c == ' ' || c == '\t') { // spaces hang past the edge, like a browser's textarea
            x += w;
            i += len;
            breakAt = i;
            xAtBreak = x;
            continue;
        }
        if (x + w > wrapWidth && i > lineStart) {
            if (breakAt != kNone && breakAt > lineStart && breakAt <= i) {
                lineStart = breakAt; // the word moves down whole
                x -= xAtBreak;
            } else {
                lineStart = i; // a word wider than the line breaks here
                x = 0;
            }
            out.lineStarts.push_back(lineStart);
            breakAt = kNone;
        }
        x += w;
        i += len;
        if (c == '-' && i > lineStart + 1) { // "well-|being"
            breakAt = i;
            xAtBreak = x;
        }
    }
    return out;
}

float measureText(std::string_view text, uint32_t begin, uint32_t end, const ImFont* font,
                  float fontSize) {
    const float scale = fontSize / font->FontSize;
    float x = 0;
    for (uint32_t i = begin; i < end;) {
        unsigned int c = 0;
        i += decodeAt(text, i, c);
        x += advance(font, c);
    }
    return x * scale;
}

const WrapLayout* cachedLayout(ImGuiID id) {
    const auto it = cache().find(id);
    return it == cache().end() ? nullptr : &it->second.layout;
}

uint64_t layoutComputations() {
    return g_layouts;
}

TextEditCaret activeTextEdit() {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g || g_edit.id == 0 || g->ActiveId != g_edit.id) return {};
    return {g_edit.id, g_edit.caret, g_edit.anchor};
}

void setActiveTextSelection(uint32_t anchor, uint32_t caret) {
    g_edit.anchor = anchor;
    g_edit.caret = caret;
    g_edit.scrollToCaret = true;
    g_edit.preferredX = -1;
}

TextEditResult wrappedTextEdit(const char* strId, std::string& text, const TextEditOptions& opt) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    TextEditResult result;
    if (window->SkipItems) return result;
    ImGuiIO& io = g.IO;
    const ImGuiStyle& style = g.Style;
    const ImGuiID id = window->GetID(strId);
    ImFont* font = g.Font;
    const float fontSize = g.FontSize;
    const float scale = fontSize / font->FontSize;
    const ImVec2 pad = style.FramePadding;
    const float width = std::max(ImGui::CalcItemWidth(), fontSize * 2);
    const float wrapW = std::max(1.f, width - pad.x * 2);

    const float layoutW = opt.singleLine ? 1e9f : wrapW;
    const WrapLayout* layout = &layoutFor(id, text, font, fontSize, layoutW);
    const float lineH = layout->lineHeight;
    const float h = opt.singleLine
                        ? lineH + pad.y * 2
                        : std::max(opt.minHeight, float(layout->lineCount()) * lineH + pad.y * 2);
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + width, pos.y + h));
    ImGui::ItemSize(bb, pad.y);
    const bool visible = ImGui::ItemAdd(bb, id, &bb, ImGuiItemFlags_Inputable);
    if (!visible && g.ActiveId != id) return result; // scrolled away and not being edited
    const bool hovered = ImGui::ItemHoverable(bb, id, g.LastItemData.InFlags);
    if (hovered) g.MouseCursor = ImGuiMouseCursor_TextInput;

    const ImVec2 origin(bb.Min.x + pad.x, bb.Min.y + pad.y);
    auto hit = [&](ImVec2 p) {
        const int line = std::clamp(static_cast<int>(std::floor((p.y - origin.y) / lineH)), 0,
                                    layout->lineCount() - 1);
        return hitLine(text, *layout, line, p.x - origin.x, font, scale);
    };

    EditState& s = g_edit;
    const bool clicked = hovered && io.MouseClicked[0];
    const bool navActivated = (g.NavActivateId == id || opt.activate) && g.ActiveId != id;
    if (g.ActiveId != id && (clicked || navActivated)) {
        ImGui::SetActiveID(id, window);
        ImGui::SetFocusID(id, window);
        ImGui::FocusWindow(window);
        s = EditState{};
        s.id = id;
        s.caret = s.anchor = clicked ? hit(io.MousePos) : static_cast<uint32_t>(text.size());
        s.dragging = clicked;
        s.blinkStart = g.Time;
        s.scrollToCaret = !clicked;
        if (clicked) ImGui::SetKeyOwner(ImGuiKey_MouseLeft, id);
    } else if (g.ActiveId == id && s.id == id && clicked) {
        // Inside the field being edited: place the caret, extend, or select a word / a line.
        const uint32_t at = hit(io.MousePos);
        ImGui::SetKeyOwner(ImGuiKey_MouseLeft, id);
        if (io.MouseClickedCount[0] == 2) {
            uint32_t a = at, b = at;
            if (at < text.size()) {
                const int cls = charClass(text, at);
                while (a > 0 && charClass(text, prevChar(text, a)) == cls)
                    a = prevChar(text, a);
                while (b < text.size() && charClass(text, b) == cls && text[b] != '\n')
                    b = nextChar(text, b);
            }
            s.anchor = a;
            s.caret = b;
            s.dragging = false;
        } else if (io.MouseClickedCount[0] >= 3) {
            const int line = layout->lineOf(at);
            s.anchor = layout->lineStarts[static_cast<size_t>(line)];
            s.caret = layout->caretEnd(text, line);
            s.dragging = false;
        } else {
            s.caret = at;
            if (!io.KeyShift) s.anchor = at;
            s.dragging = true;
        }
        s.preferredX = -1;
        s.lastEdit = EditKind::None;
        s.blinkStart = g.Time;
    }
    if (g.ActiveId == id && s.id != id) ImGui::ClearActiveID(); // activated by someone else
    if (g.ActiveId == id && io.MouseClicked[0] && !hovered) ImGui::ClearActiveID(); // clicked away

    bool edited = false;
    if (opt.replaceWith && g.ActiveId == id && s.id == id) {
        result.applied = true;
        if (*opt.replaceWith != text) {
            text = *opt.replaceWith;
            edited = true;
        }
    }
    if (opt.endEdit && g.ActiveId == id && !edited) ImGui::ClearActiveID();
    if (g.ActiveId == id) {
        result.active = true;
        g.ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Left) | (1 << ImGuiDir_Right) |
                                     (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
        ImGui::SetKeyOwner(ImGuiKey_Home, id);
        ImGui::SetKeyOwner(ImGuiKey_End, id);
        ImGui::SetKeyOwner(ImGuiKey_PageUp, id);
        ImGui::SetKeyOwner(ImGuiKey_PageDown, id);
        g.WantTextInputNextFrame = 1;
        // The text may have changed from outside (the web page's field, an undo in the app).
        s.caret = clampToChar(text, s.caret);
        s.anchor = clampToChar(text, s.anchor);

        if (s.dragging) {
            if (io.MouseDown[0] && !io.MouseClicked[0] && io.MouseDelta.x * io.MouseDelta.x +
                                                                  io.MouseDelta.y * io.MouseDelta.y >
                                                              0) {
                s.caret = hit(io.MousePos);
                s.scrollToCaret = true;
            }
            if (!io.MouseDown[0]) s.dragging = false;
        }

        const bool osx = io.ConfigMacOSXBehaviors;
        const bool wordMod = osx ? io.KeyAlt : io.KeyCtrl;
        const bool shift = io.KeyShift;
        const auto n = [&] { return static_cast<uint32_t>(text.size()); };

        auto remember = [&](EditKind kind, bool boundary) {
            // One undo step per run of typing (a new one at each word) or per other edit.
            if (kind != s.lastEdit || boundary || kind == EditKind::Other) {
                s.undo.push_back({text, s.caret, s.anchor});
                if (s.undo.size() > kUndoLimit) s.undo.erase(s.undo.begin());
            }
            s.redo.clear();
            s.lastEdit = kind;
        };
        auto replaceSelection = [&](std::string_view with) {
            const uint32_t a = s.selMin(), b = s.selMax();
            text.replace(a, b - a, with);
            s.caret = s.anchor = a + static_cast<uint32_t>(with.size());
            edited = true;
        };
        auto moveTo = [&](uint32_t to, bool keepPreferredX = false) {
            s.caret = to;
            if (!shift) s.anchor = to;
            if (!keepPreferredX) s.preferredX = -1;
            s.lastEdit = EditKind::None;
            s.scrollToCaret = true;
            s.blinkStart = g.Time;
        };
        auto caretX = [&](uint32_t offset) {
            const int line = layout->lineOf(offset);
            return measureText(text, layout->lineStarts[static_cast<size_t>(line)], offset, font,
                               fontSize);
        };
        auto vertical = [&](int lines) {
            const int line = layout->lineOf(s.caret);
            const float x = s.preferredX >= 0 ? s.preferredX : caretX(s.caret);
            const int target = line + lines;
            uint32_t to = 0;
            if (target < 0)
                to = 0;
            else if (target >= layout->lineCount())
                to = n();
            else
                to = hitLine(text, *layout, target, x, font, scale);
            moveTo(to, true);
            s.preferredX = x;
        };
        const ImGuiInputFlags rep = ImGuiInputFlags_Repeat;
        const int pageLines =
            std::max(1, static_cast<int>((window->InnerRect.GetHeight() - lineH) / lineH));

        if (ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_A, id)) {
            s.anchor = 0;
            s.caret = n();
            s.lastEdit = EditKind::None;
        } else if (ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_C, id) ||
                   ImGui::Shortcut(ImGuiMod_Ctrl | ImGuiKey_Insert, id)) {
            if (s.hasSelection())
                ImGui::SetClipboardText(text.substr(s.selMin(), s.selMax() - s.selMin()).c_str());
        } else if (ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_X, id, rep) ||
                   ImGui::Shortcut(ImGuiMod_Shift | ImGuiKey_Delete, id, rep)) {
            if (s.hasSelection()) {
                ImGui::SetClipboardText(text.substr(s.selMin(), s.selMax() - s.selMin()).c_str());
                remember(EditKind::Other, true);
                replaceSelection("");
            }
        } else if (ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_V, id, rep) ||
                   ImGui::Shortcut(ImGuiMod_Shift | ImGuiKey_Insert, id, rep)) {
            if (const char* clip = ImGui::GetClipboardText(); clip && *clip) {
                std::string paste;
                for (const char* p = clip; *p; ++p)
                    if (*p != '\r' && !(opt.singleLine && *p == '\n')) paste += *p;
                remember(EditKind::Other, true);
                replaceSelection(paste);
            }
        } else if (ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_Z, id, rep)) {
            if (!s.undo.empty()) {
                s.redo.push_back({text, s.caret, s.anchor});
                Snapshot back = std::move(s.undo.back());
                s.undo.pop_back();
                text = std::move(back.text);
                s.caret = back.caret;
                s.anchor = back.anchor;
                s.lastEdit = EditKind::None;
                edited = true;
            }
        } else if (ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiKey_Y, id, rep) ||
                   ImGui::Shortcut(ImGuiMod_Shortcut | ImGuiMod_Shift | ImGuiKey_Z, id, rep)) {
            if (!s.redo.empty()) {
                s.undo.push_back({text, s.caret, s.anchor});
                Snapshot again = std::move(s.redo.back());
                s.redo.pop_back();
                text = std::move(again.text);
                s.caret = again.caret;
                s.anchor = again.anchor;
                s.lastEdit = EditKind::None;
                edited = true;
            }
        } else if (ImGui::Shortcut(ImGuiKey_Escape, id)) {
            ImGui::ClearActiveID();
        } else if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) {
            if (s.hasSelection() && !shift)
                moveTo(s.selMin());
            else
                moveTo(wordMod ? wordLeft(text, s.caret) : prevChar(text, s.caret));
        } else if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) {
            if (s.hasSelection() && !shift)
                moveTo(s.selMax());
            else
                moveTo(wordMod ? wordRight(text, s.caret) : nextChar(text, s.caret));
        } else if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) {
            if (io.KeyCtrl)
                moveTo(0);
            else
                vertical(-1);
        } else if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) {
            if (io.KeyCtrl)
                moveTo(n());
            else
                vertical(+1);
        } else if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) {
            vertical(-pageLines);
        } else if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) {
            vertical(+pageLines);
        } else if (ImGui::IsKeyPressed(ImGuiKey_Home)) {
            moveTo(io.KeyCtrl ? 0
                              : layout->lineStarts[static_cast<size_t>(layout->lineOf(s.caret))]);
        } else if (ImGui::IsKeyPressed(ImGuiKey_End)) {
            moveTo(io.KeyCtrl ? n() : layout->caretEnd(text, layout->lineOf(s.caret)));
        } else if (ImGui::IsKeyPressed(ImGuiKey_Backspace) || ImGui::IsKeyPressed(ImGuiKey_Delete)) {
            const bool back = ImGui::IsKeyPressed(ImGuiKey_Backspace);
            uint32_t to = s.anchor;
            if (!s.hasSelection())
                to = back ? (wordMod ? wordLeft(text, s.caret) : prevChar(text, s.caret))
                          : (wordMod ? wordRight(text, s.caret) : nextChar(text, s.caret));
            if (to != s.caret) {
                remember(EditKind::Deleting, s.hasSelection()); // undo restores the caret as it was
                s.anchor = to;
                replaceSelection("");
            }
        } else if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) {
            if (opt.singleLine) {
                ImGui::ClearActiveID();
            } else {
                remember(EditKind::Typing, true);
                replaceSelection("\n");
            }
        }

        // Characters typed (ImGui ignores them while Ctrl is held without Alt: shortcuts).
        if (g.ActiveId == id && !io.InputQueueCharacters.empty()) {
            if (!((io.KeyCtrl && !io.KeyAlt) || (osx && io.KeySuper))) {
                std::string typed;
                for (ImWchar c : io.InputQueueCharacters) {
                    if (c == '\n' || c == '\r' || c == '\t' || c < 0x20 || c == 0x7f) continue;
                    core::appendUtf8(typed, c);
                }
                if (!typed.empty()) {
                    const bool boundary = s.lastEdit == EditKind::Typing && s.caret > 0 &&
                                          text[s.caret - 1] == ' ' && typed[0] != ' ';
                    remember(EditKind::Typing, boundary || s.hasSelection());
                    replaceSelection(typed);
                }
            }
            io.InputQueueCharacters.resize(0);
        }
        if (edited) {
            ImGui::MarkItemEdited(id);
            result.changed = true;
            s.preferredX = s.preferredX >= 0 && s.lastEdit == EditKind::None ? s.preferredX : -1;
            s.scrollToCaret = true;
            s.blinkStart = g.Time;
            layout = &layoutFor(id, text, font, fontSize, layoutW);
        }
    }

    // Frame, then (when this side draws the text) selection, text, hint and caret.
    ImGui::RenderNavHighlight(bb, id);
    ImGui::RenderFrame(bb.Min, bb.Max, ImGui::GetColorU32(ImGuiCol_FrameBg), true,
                       style.FrameRounding);
    const bool active = g.ActiveId == id;
    ImDrawList* dl = window->DrawList;
    const ImRect clip(ImMax(bb.Min, window->ClipRect.Min), ImMin(bb.Max, window->ClipRect.Max));
    if (opt.drawText && clip.GetWidth() > 0 && clip.GetHeight() > 0) {
        dl->PushClipRect(clip.Min, clip.Max, true);
        const int lines = layout->lineCount();
        const int first = std::clamp(static_cast<int>((clip.Min.y - origin.y) / lineH), 0, lines - 1);
        const int last = std::clamp(static_cast<int>((clip.Max.y - origin.y) / lineH), 0, lines - 1);
        if (text.empty() && !active && opt.hint && *opt.hint) {
            dl->AddText(font, fontSize, origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), opt.hint);
        }
        if (active && s.hasSelection()) {
            const ImU32 selCol = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
            const uint32_t a = s.selMin(), b = s.selMax();
            for (int line = std::max(first, layout->lineOf(a));
                 line <= last && layout->lineStarts[static_cast<size_t>(line)] <= b; ++line) {
                const uint32_t ls = layout->lineStarts[static_cast<size_t>(line)];
                const uint32_t de = layout->drawEnd(text, line);
                const float x0 = a <= ls ? 0 : measureText(text, ls, std::min(a, de), font, fontSize);
                float x1 = measureText(text, ls, std::min(b, de), font, fontSize);
                if (b > de && line + 1 < lines) x1 += fontSize * 0.3f; // the break is selected too
                const float y = origin.y + float(line) * lineH;
                if (x1 > x0) dl->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + lineH), selCol);
            }
        }
        const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
        for (int line = first; line <= last; ++line) {
            const uint32_t ls = layout->lineStarts[static_cast<size_t>(line)];
            const uint32_t de = layout->drawEnd(text, line);
            if (de > ls)
                dl->AddText(font, fontSize, ImVec2(origin.x, origin.y + float(line) * lineH), col,
                            text.data() + ls, text.data() + de);
        }
        dl->PopClipRect();
    }
    if (active) {
        const int line = layout->lineOf(s.caret);
        const float cx = origin.x + measureText(text, layout->lineStarts[static_cast<size_t>(line)],
                                                s.caret, font, fontSize);
        const float cy = origin.y + float(line) * lineH;
        const bool blinkOn = !io.ConfigInputTextCursorBlink ||
                             std::fmod(g.Time - s.blinkStart, 1.2) <= 0.8;
        if (opt.drawText && blinkOn && window->ClipRect.Contains(ImVec2(cx, cy + lineH * 0.5f)))
            dl->AddLine(ImVec2(cx, cy), ImVec2(cx, cy + lineH - 1), ImGui::GetColorU32(ImGuiCol_Text));
        if (s.scrollToCaret) {
            // The line being typed stays in view (above an on-screen keyboard too: the web
            // canvas is the visible viewport).
            s.scrollToCaret = false;
            ImGui::ScrollToRectEx(window, ImRect(ImVec2(cx, cy - lineH * 0.5f), ImVec2(cx + 1, cy + lineH * 1.5f)),
                                  ImGuiScrollFlags_KeepVisibleEdgeY | ImGuiScrollFlags_KeepVisibleEdgeX);
        }
        // Where the platform's IME window and the web page's caret follow.
        g.PlatformImeData.WantVisible = true;
        g.PlatformImeData.InputPos = ImVec2(cx - 1, cy);
        g.PlatformImeData.InputLineHeight = lineH;
    }
    result.deactivated = ImGui::IsItemDeactivatedAfterEdit();
    return result;
}

} // namespace pathway::ui
