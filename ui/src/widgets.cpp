#include "pathway/ui/widgets.hpp"

#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/text_edit.hpp"
#include "pathway/ui/theme.hpp"

#include "pathway/core/confidentiality.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdarg>
#include <cstdio>
#include <unordered_map>

#include <algorithm>

namespace pathway::ui {

const WidgetRect* WidgetRegistry::find(std::string_view id) const {
    for (auto it = m_rects.rbegin(); it != m_rects.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

WidgetRegistry& widgets() {
    static WidgetRegistry registry;
    return registry;
}

TextOverlay& textOverlay() {
    static TextOverlay overlay;
    return overlay;
}

void registerLastItem(const char* id, const char* label, bool isTextField, bool multiline) {
    // Only what can be seen and touched: the item's rectangle clipped to its window.
    if (!ImGui::IsItemVisible()) return;
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    const ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
    min = ImVec2(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
    max = ImVec2(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
    if (max.x <= min.x || max.y <= min.y) return;
    WidgetRect r{id, accessibleName(label), min.x, min.y, max.x - min.x, max.y - min.y, isTextField,
                 multiline};
    r.itemId = ImGui::GetItemID();
    r.windowId = ImGui::GetCurrentWindow()->ID;
    // Text with an id (a message, a summary) is not an ImGui item: it has no item id.
    r.role = isTextField ? Role::TextBox : r.itemId ? Role::Button : Role::Text;
    if (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) r.states |= state::kDisabled;
    // The same text already published by ax::Text*: it becomes this one (keeping a heading).
    if (WidgetRect* prev = widgets().last(); prev && prev->id.empty() && prev->x == r.x &&
                                             prev->y == r.y && prev->w == r.w && prev->h == r.h) {
        if (prev->role == Role::Heading && r.role == Role::Text) {
            r.role = Role::Heading;
            r.level = prev->level;
        }
        *prev = std::move(r);
        return;
    }
    widgets().add(std::move(r));
}

namespace {
std::string visibleName(std::string_view label);
}

std::string_view roleId(Role r) {
    switch (r) {
    case Role::Button: return "button";
    case Role::Link: return "link";
    case Role::Tab: return "tab";
    case Role::TextBox: return "textbox";
    case Role::CheckBox: return "checkbox";
    case Role::ComboBox: return "combobox";
    case Role::Option: return "option";
    case Role::Heading: return "heading";
    case Role::Text: return "text";
    case Role::Status: return "status";
    case Role::Image: return "img";
    case Role::ProgressBar: return "progressbar";
    }
    return "button";
}

void semantics(Role role, uint8_t states, const char* id, std::string_view description) {
    WidgetRect* w = widgets().last();
    // Not registered (scrolled out of view): the last node is someone else's.
    if (!w || (id ? w->id != id : !w->itemId || w->itemId != ImGui::GetItemID())) return;
    w->role = role;
    w->states |= states;
    if (!description.empty()) w->description = accessibleName(description);
}

std::string accessibleName(std::string_view label) {
    // "icon##Undo": ImGui draws the icon; the name is what follows "##" when nothing else shows.
    // "Export###Export: Spreadsheet": ImGui draws "Export"; the name is what follows "###".
    std::string_view hidden;
    if (const size_t hash = label.find("##"); hash != std::string_view::npos) {
        hidden = label.substr(hash + 2);
        label = label.substr(0, hash);
        if (!hidden.empty() && hidden.front() == '#') return visibleName(hidden.substr(1));
    }
    std::string shown = visibleName(label);
    return shown.empty() && !hidden.empty() ? visibleName(hidden) : shown;
}

namespace {
std::string visibleName(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    for (size_t i = 0; i < label.size();) {
        const auto b = static_cast<unsigned char>(label[i]);
        const size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        // U+E000-U+F8FF (the icon font) is three bytes EE..EF, or EF 80-A3 xx.
        const bool icon = n == 3 && i + 1 < label.size() &&
                          (b == 0xEE || (b == 0xEF && static_cast<unsigned char>(label[i + 1]) < 0xA4));
        if (!icon) out.append(label.substr(i, n));
        i += n;
    }
    const size_t a = out.find_first_not_of(" \t\n");
    if (a == std::string::npos) return {};
    const size_t e = out.find_last_not_of(" \t\n");
    return out.substr(a, e - a + 1);
}
} // namespace

namespace ax {

void publishLast(Role role, std::string_view name, uint8_t level) {
    if (!ImGui::IsItemVisible()) return;
    std::string text = accessibleName(name);
    if (text.empty()) return; // an icon on its own: decoration
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
    min = ImVec2(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
    max = ImVec2(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
    if (max.x <= min.x || max.y <= min.y) return;
    WidgetRect r{"", std::move(text), min.x, min.y, max.x - min.x, max.y - min.y};
    r.role = role;
    r.level = level;
    r.windowId = ImGui::GetCurrentWindow()->ID;
    widgets().add(std::move(r));
}

void publishProgress(std::string_view name, float value, float max) {
    const size_t before = widgets().rects().size();
    publishLast(Role::ProgressBar, name);
    if (widgets().rects().size() == before) return;
    WidgetRect& r = *widgets().last();
    r.progress = value;
    r.progressMax = max;
}

namespace {
void publishText(const char* text, const char* end) {
    ImFont* f = ImGui::GetFont();
    const Fonts& fs = fonts();
    const uint8_t level = f == fs.title ? 1 : f == fs.heading ? 2 : 0;
    publishLast(level ? Role::Heading : Role::Text,
                end ? std::string_view(text, static_cast<size_t>(end - text)) : std::string_view(text),
                level);
}
const char* format(const char* fmt, va_list args, const char** end) {
    const char* out = nullptr;
    ImFormatStringToTempBufferV(&out, end, fmt, args);
    return out;
}
} // namespace

namespace {
/// Static text always wraps at the edge of what holds it (the window, card or table cell): on a
/// 320 px screen or with the largest text a line never runs out of sight (WCAG 1.4.10, reflow).
/// ImGui's own Text does not wrap unless a wrap position is pushed. Not inside a table: a
/// column sized to fit its content would shrink to the wrapped text, frame after frame.
/// The wrap lies 1 px past the edge, so a right-aligned "0 of 3" measured to fit does not wrap
/// on a rounding. Text beside another item with too little room left to wrap into (under 3 em,
/// and less than the text needs) starts on the next line instead of a column of letters; only
/// then is the text measured here (ImGui measures it again as it draws).
void wrappedText(const char* text, const char* end) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const bool needWrap = window->DC.TextWrapPos < 0.0f && !ImGui::GetCurrentTable();
    if (needWrap && window->DC.IsSameLine) {
        const float room = ImGui::GetContentRegionMaxAbs().x - window->DC.CursorPos.x;
        if (room < em(3.f) && ImGui::CalcTextSize(text, end).x > room + 0.5f) ImGui::NewLine();
    }
    // PushTextWrapPos takes window-local x.
    if (needWrap) ImGui::PushTextWrapPos(ImGui::GetContentRegionMaxAbs().x - window->Pos.x + window->Scroll.x + 1.f);
    ImGui::TextUnformatted(text, end);
    if (needWrap) ImGui::PopTextWrapPos();
}
} // namespace

void TextUnformatted(const char* text, const char* end) {
    wrappedText(text, end);
    publishText(text, end);
}

void Text(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const char* end = nullptr;
    const char* text = format(fmt, args, &end);
    va_end(args);
    wrappedText(text, end);
    publishText(text, end);
}

void TextColored(const ImVec4& col, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const char* end = nullptr;
    const char* text = format(fmt, args, &end);
    va_end(args);
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    wrappedText(text, end);
    ImGui::PopStyleColor();
    publishText(text, end);
}

void TextWrapped(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const char* end = nullptr;
    const char* text = format(fmt, args, &end);
    va_end(args);
    wrappedText(text, end);
    publishText(text, end);
}

} // namespace ax

namespace {
void fieldLabel(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(label);
    ImGui::PopStyleColor();
}
} // namespace

namespace {
/// Under a long field: its word count, and the confidentiality check's first finding as a
/// gentle warning (it never blocks typing). Both cached per field; while the field is being
/// typed in the check runs at most twice a second.
struct AidsCache {
    std::string text;
    int words = 0;
    std::string scannedText;
    std::vector<core::TextFinding> findings;
    double scannedAt = -1;
    int lastFrame = 0;
};

int countWords(std::string_view text) {
    int n = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !inWord) ++n;
        inWord = !space;
    }
    return n;
}

void writingAids(const char* id, const std::string& value, bool active) {
    static std::unordered_map<std::string, AidsCache> caches;
    const int frame = ImGui::GetFrameCount();
    if (caches.size() > 64)
        for (auto it = caches.begin(); it != caches.end();)
            it = frame - it->second.lastFrame > 600 ? caches.erase(it) : std::next(it);
    AidsCache& c = caches[id];
    c.lastFrame = frame;
    if (c.text != value) {
        c.text = value;
        c.words = countWords(value);
    }
    const double now = ImGui::GetTime();
    if (c.scannedText != value &&
        (!active || c.scannedAt < 0 || now < c.scannedAt || now - c.scannedAt > 0.5)) {
        c.scannedText = value;
        c.findings = core::scanText(value);
        c.scannedAt = now;
    }
    if (value.empty()) return;
    const Palette& p = palette();
    const std::string wid = std::string(id);
    if (!c.findings.empty() && c.scannedText == value) {
        const core::TextFinding& f = c.findings.front();
        std::string match = value.substr(f.offset, f.length);
        if (match.size() > 40) match = match.substr(0, 40) + "\xe2\x80\xa6";
        // The word before it says why ("after 'Mrs'"), when there is one.
        size_t e = f.offset;
        while (e > 0 && (value[e - 1] == ' ' || value[e - 1] == ',' || value[e - 1] == '.'))
            --e;
        size_t b = e;
        while (b > 0 && value[b - 1] != ' ' && value[b - 1] != '\n' && e - b < 20)
            --b;
        const std::string cue = e > b ? " after \xe2\x80\x9c" + value.substr(b, e - b) + "\xe2\x80\x9d" : "";
        std::string text = "\xe2\x80\x9c" + match + "\xe2\x80\x9d" + cue + " looks like " +
                           std::string(core::findingKindLabel(f.kind)) +
                           ". Describe people by their role (\xe2\x80\x9cthe mother\xe2\x80\x9d) "
                           "so nobody can be identified.";
        if (c.findings.size() > 1)
            text += " (" + std::to_string(c.findings.size() - 1) + " more in this field)";
        ImGui::PushStyleColor(ImGuiCol_Text, p.warn);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted((std::string(icon::kWarning) + " " + text).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        registerLastItem((wid + ".privacy").c_str(), text.c_str());
    }
    char words[48];
    std::snprintf(words, sizeof words, c.words == 1 ? "%d word" : "%d words", c.words);
    ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
    ImGui::TextUnformatted(words);
    ImGui::PopStyleColor();
    registerLastItem((wid + ".words").c_str(), words);
}
} // namespace

namespace {
// One '*' per character of `value` in the last item's frame, clipped to it.
void drawStars(std::string_view value) {
    size_t chars = 0;
    for (const char c : value) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const std::string stars(chars, '*');
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    dl->AddText(ImVec2(min.x + pad.x, min.y + pad.y), ImGui::GetColorU32(ImGuiCol_Text), stars.c_str());
    dl->PopClipRect();
}
} // namespace

TextEditResult editText(const char* id, const char* label, std::string& value,
                        const TextFieldSpec& spec) {
    const std::string imguiId = std::string("##") + id;
    TextOverlay& ov = textOverlay();
    TextEditResult r;
    ImGui::SetNextItemWidth(spec.width);
    const bool secret = spec.kind == TextKind::Secret;
    if (!spec.multiline && !ov.enabled) {
        // Natively ImGui's own single line (it scrolls sideways while typing).
        const bool changed = ImGui::InputTextWithHint(imguiId.c_str(), spec.hint, &value,
                                                      secret ? ImGuiInputTextFlags_Password : 0);
        r.changed = changed;
        r.active = ImGui::IsItemActive();
        r.deactivated = ImGui::IsItemDeactivatedAfterEdit();
    } else {
        const bool covered = ov.enabled && ov.id == id;
        TextEditOptions opt;
        opt.hint = spec.hint;
        opt.singleLine = !spec.multiline;
        opt.minHeight = spec.minHeightEm > 0 ? em(spec.minHeightEm) : 0;
        if (covered) {
            opt.drawText = false;
            opt.minHeight = std::max(opt.minHeight, ov.contentHeight);
            opt.endEdit = ov.endRequested;
        }
        // A passphrase is never drawn: stars over the frame (as ImGui's own password field),
        // and while it is edited the page's field over it is a password input.
        if (secret && !value.empty()) opt.drawText = false;
        if (ov.enabled && ov.activate == id) {
            opt.activate = true;
            ov.activate.clear();
        }
        // What the page typed reaches its field even if the page already moved on (Tab).
        const bool pending = ov.enabled && ov.text && ov.textFor == id;
        if (pending) opt.replaceWith = &*ov.text;
        const ImGuiID itemId = ImGui::GetID(imguiId.c_str());
        if (covered && ov.selection && activeTextEdit().id == itemId) {
            setActiveTextSelection(ov.selection->first, ov.selection->second);
            ov.selection.reset();
        }
        r = wrappedTextEdit(imguiId.c_str(), value, opt);
        if (pending && !r.applied && *ov.text != value) {
            value = *ov.text; // typed before the field became ImGui's active item: still kept
            r.changed = true;
        }
        if (pending) ov.text.reset();
        if (secret && !covered && !value.empty()) drawStars(value);
        // What is typed gets its glyphs before the next frame (glyphs.hpp): ImGui's own field
        // is noted by noteActiveInputText, this editor of ours (and the page's field over it) here.
        if (r.changed && !secret) noteText(value);
        if (covered && opt.endEdit && !r.applied) {
            ov.endRequested = false;
            ov.id.clear();
            ov.contentHeight = 0;
        }
    }
    registerLastItem(id, label, true, spec.multiline);
    if (WidgetRect* w0 = widgets().last(); w0 && w0->id == id) {
        WidgetRect& w = *w0;
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        w.kind = spec.kind;
        w.imguiId = ImGui::GetItemID();
        w.fx = min.x;
        w.fy = min.y;
        w.fw = max.x - min.x;
        w.fh = max.y - min.y;
        w.value = value;
    }
    if (spec.multiline && spec.kind == TextKind::Prose) writingAids(id, value, r.active);
    return r;
}

bool textField(const char* id, const char* label, std::string& value, const char* hint,
               float width, TextKind kind) {
    fieldLabel(label);
    TextFieldSpec spec;
    spec.kind = kind;
    spec.hint = hint;
    spec.width = width > 0 ? width : -FLT_MIN;
    return editText(id, label, value, spec).deactivated;
}

bool textArea(const char* id, const char* label, std::string& value, float heightEm,
              const char* hint) {
    fieldLabel(label);
    TextFieldSpec spec;
    spec.kind = TextKind::Prose;
    spec.multiline = true;
    spec.hint = hint;
    spec.minHeightEm = heightEm;
    return editText(id, label, value, spec).deactivated;
}

bool button(const char* id, const char* label, bool primary, ImVec2 size) {
    // A button placed beside the last item that would run past the edge goes to the next line
    // instead (a row of buttons reflows on a narrow screen or with large text).
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 labelSize = ImGui::CalcTextSize(label, nullptr, true);
    const ImVec2 padding = ImGui::GetStyle().FramePadding;
    const float width = size.x > 0 ? size.x : size.x == 0 ? labelSize.x + padding.x * 2 : 0;
    if (window->DC.IsSameLine && width > 0 &&
        window->DC.CursorPos.x + width > ImGui::GetContentRegionMaxAbs().x + 0.5f)
        ImGui::NewLine();
    if (primary) pushPrimaryButton();
    const bool clicked = ImGui::Button(label, size);
    if (primary) popPrimaryButton();
    registerLastItem(id, label);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (!window->SkipItems && (labelSize.x > max.x - min.x + 0.5f || max.x > window->ClipRect.Max.x + 1.f ||
                               min.x < window->ClipRect.Min.x - 1.f))
        widgets().noteClipped(std::string(id) + ": " + std::string(accessibleName(label)));
    return clicked;
}

} // namespace pathway::ui
