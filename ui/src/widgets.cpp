#include "pathway/ui/widgets.hpp"

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

bool textField(const char* id, const char* label, std::string& value, const char* hint,
               float width) {
    ImGui::PushID(id);
    fieldLabel(label);
    ImGui::SetNextItemWidth(width > 0 ? width : -FLT_MIN);
    ImGui::InputTextWithHint("##v", hint, &value);
    registerLastItem(id, label, true, false);
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::PopID();
    return done;
}

bool textArea(const char* id, const char* label, std::string& value, float heightEm,
              const char* hint) {
    ImGui::PushID(id);
    fieldLabel(label);
    (void)hint;
    ImGui::InputTextMultiline("##v", &value, ImVec2(-FLT_MIN, em(heightEm)));
    registerLastItem(id, label, true, true);
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::PopID();
    return done;
}

bool button(const char* id, const char* label, bool primary, ImVec2 size) {
    if (primary) pushPrimaryButton();
    const bool clicked = ImGui::Button(label, size);
    if (primary) popPrimaryButton();
    registerLastItem(id, label);
    return clicked;
}

} // namespace pathway::ui
