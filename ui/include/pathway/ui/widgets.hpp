// Widgets that remember where they were drawn this frame, so that tests can click them and the
// web page can place its hidden text field (on-screen keyboard) over the field being edited.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace pathway::ui {

struct WidgetRect {
    std::string id;                   ///< stable id, e.g. "cpd.title", "nav.home", "action.save"
    std::string label;                ///< what the user sees
    float x = 0, y = 0, w = 0, h = 0; ///< in ImGui display coordinates (CSS pixels on the web)
    bool isTextField = false;
    bool multiline = false;
};

/// This frame's widgets, most recently drawn last. Cleared by beginFrame().
class WidgetRegistry {
  public:
    void beginFrame() { m_rects.clear(); }
    void add(WidgetRect r) { m_rects.push_back(std::move(r)); }
    const std::vector<WidgetRect>& rects() const { return m_rects; }
    const WidgetRect* find(std::string_view id) const;

  private:
    std::vector<WidgetRect> m_rects;
};

WidgetRegistry& widgets();

/// A labelled single-line text field with a stable id; returns true when editing ended with a
/// change (deactivated after edit) so callers can make one undo step per finished edit.
bool textField(const char* id, const char* label, std::string& value, const char* hint = "",
               float width = 0);
bool textArea(const char* id, const char* label, std::string& value, float heightEm = 5.f,
              const char* hint = "");
/// A button registered under `id`; `primary` draws it in the accent colour.
bool button(const char* id, const char* label, bool primary = false, ImVec2 size = {0, 0});
/// Records the last item's rectangle under `id`.
void registerLastItem(const char* id, const char* label, bool isTextField = false,
                      bool multiline = false);

/// Sizes in font-relative units ("em"), so layouts scale with the text size setting.
inline float em(float n = 1.f) {
    return ImGui::GetFontSize() * n;
}

} // namespace pathway::ui
