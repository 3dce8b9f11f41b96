// Widgets that remember where they were drawn this frame, so that tests can click them and the
// web page can place its hidden text field (on-screen keyboard) over the field being edited.
#pragma once

#include "pathway/ui/text_edit.hpp"

#include <imgui.h>

#include <optional>

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
    // Text fields only:
    TextKind kind = TextKind::Prose;
    ImGuiID imguiId = 0;                  ///< the ImGui item (to find the field being edited)
    float fx = 0, fy = 0, fw = 0, fh = 0; ///< the whole field, not clipped to its window
    std::string value;                    ///< the text it holds this frame
};

/// This frame's widgets, most recently drawn last. Cleared by beginFrame().
class WidgetRegistry {
  public:
    void beginFrame() { m_rects.clear(); }
    void add(WidgetRect r) { m_rects.push_back(std::move(r)); }
    const std::vector<WidgetRect>& rects() const { return m_rects; }
    WidgetRect* last() { return m_rects.empty() ? nullptr : &m_rects.back(); }
    const WidgetRect* find(std::string_view id) const;

  private:
    std::vector<WidgetRect> m_rects;
};

WidgetRegistry& widgets();

/// The web page's own text field lying over the field being edited (web/main.cpp turns it on):
/// every text field then uses the wrapped widget, draws only its frame while the page's field is
/// over it, and takes its text from the page (the browser edits the text: spell check,
/// autocorrect, dictation, composition, selection handles).
struct TextOverlay {
    bool enabled = false;
    std::string id;                  ///< the widget id the page's field is over ("" none)
    std::string textFor;             ///< the widget id `text` belongs to
    std::optional<std::string> text; ///< typed in the page, applied at the next frame
    std::optional<std::pair<uint32_t, uint32_t>> selection; ///< bytes (anchor, caret)
    float contentHeight = 0;         ///< the page field's own height for its text (px)
    bool endRequested = false;       ///< the page's field lost focus: end the edit
    std::string activate;            ///< start editing this field at the next frame (Tab)
};
TextOverlay& textOverlay();

struct TextFieldSpec {
    TextKind kind = TextKind::Line;
    bool multiline = false;
    const char* hint = "";
    float width = -FLT_MIN;  ///< as ImGui::SetNextItemWidth
    float minHeightEm = 0;   ///< multi-line: never shorter than this
};

/// Every text field goes through here: a wrapped multi-line editor, or a single line (ImGui's
/// own natively; the wrapped widget when the web page's overlay edits the text). Registers the
/// field under `id` with `label`. The ImGui id is "##<id>" in the current id stack.
TextEditResult editText(const char* id, const char* label, std::string& value,
                        const TextFieldSpec& spec);

/// A labelled single-line text field with a stable id; returns true when editing ended with a
/// change (deactivated after edit) so callers can make one undo step per finished edit.
bool textField(const char* id, const char* label, std::string& value, const char* hint = "",
               float width = 0, TextKind kind = TextKind::Line);
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
