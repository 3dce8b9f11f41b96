#include "pathway/ui/widgets.hpp"

#include "pathway/ui/text_edit.hpp"
#include "pathway/ui/theme.hpp"

#include <imgui_stdlib.h>

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

TextEditResult editText(const char* id, const char* label, std::string& value,
                        const TextFieldSpec& spec) {
    const std::string imguiId = std::string("##") + id;
    TextOverlay& ov = textOverlay();
    TextEditResult r;
    ImGui::SetNextItemWidth(spec.width);
    if (!spec.multiline && !ov.enabled) {
        // Natively ImGui's own single line (it scrolls sideways while typing).
        const bool changed = ImGui::InputTextWithHint(imguiId.c_str(), spec.hint, &value);
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
            if (ov.text) opt.replaceWith = &*ov.text;
            opt.endEdit = ov.endRequested;
        }
        const ImGuiID itemId = ImGui::GetID(imguiId.c_str());
        if (covered && ov.selection && activeTextEdit().id == itemId) {
            setActiveTextSelection(ov.selection->first, ov.selection->second);
            ov.selection.reset();
        }
        r = wrappedTextEdit(imguiId.c_str(), value, opt);
        if (covered && r.applied) ov.text.reset();
        if (covered && opt.endEdit && !r.applied) ov.endRequested = false;
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
