#include "pathway/ui/widgets.hpp"

#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/text_edit.hpp"
#include "pathway/ui/theme.hpp"

#include "pathway/core/confidentiality.hpp"

#include <imgui_stdlib.h>

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
    widgets().add({id, label, min.x, min.y, max.x - min.x, max.y - min.y, isTextField, multiline});
}

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
    if (primary) pushPrimaryButton();
    const bool clicked = ImGui::Button(label, size);
    if (primary) popPrimaryButton();
    registerLastItem(id, label);
    return clicked;
}

} // namespace pathway::ui
