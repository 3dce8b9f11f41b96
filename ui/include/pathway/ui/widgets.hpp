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

/// What a widget is to assistive technology (issue 13): the web page mirrors each as an ARIA
/// role on a real DOM element over the canvas (web/static/pathway-shell.js).
enum class Role : uint8_t {
    Button,
    Link,        ///< navigation to another screen
    Tab,         ///< one of a set of segments (aria-selected)
    TextBox,
    CheckBox,    ///< aria-checked
    ComboBox,    ///< opens a list of options (aria-expanded)
    Option,      ///< one choice in an open combo box (aria-selected)
    Heading,     ///< with a level 1-3
    Text,        ///< static text
    Status,      ///< a message that is also announced (aria-live)
    Image,       ///< a chart or figure: the label is its text alternative
    ProgressBar, ///< value of max
};
std::string_view roleId(Role r);

/// States as bits (WidgetRect::states).
namespace state {
inline constexpr uint8_t kChecked = 1, kSelected = 2, kDisabled = 4, kExpanded = 8, kInvalid = 16,
                         kCurrent = 32;
}

struct WidgetRect {
    std::string id;                   ///< stable id, e.g. "cpd.title", "nav.home", "action.save"
                                      ///< ("" for static text)
    std::string label;                ///< what the user sees (the accessible name)
    float x = 0, y = 0, w = 0, h = 0; ///< in ImGui display coordinates (CSS pixels on the web)
    bool isTextField = false;
    bool multiline = false;
    Role role = Role::Button;
    uint8_t level = 0;                ///< headings: 1 title, 2 section, 3 card
    uint8_t states = 0;               ///< state::k* bits
    float progress = 0, progressMax = 0; ///< progress bars: value of max
    std::string description;          ///< an error or hint read after the name
    ImGuiID itemId = 0;               ///< the ImGui item (focus and activation by the page)
    ImGuiID windowId = 0;             ///< the window it was drawn in
    // Text fields only:
    TextKind kind = TextKind::Prose;
    ImGuiID imguiId = 0;                  ///< the ImGui item (to find the field being edited)
    float fx = 0, fy = 0, fw = 0, fh = 0; ///< the whole field, not clipped to its window
    std::string value;                    ///< the text it holds this frame
};

/// This frame's widgets, most recently drawn last. Cleared by beginFrame().
class WidgetRegistry {
  public:
    void beginFrame() {
        m_rects.clear();
        m_clipped.clear();
    }
    /// Text the user cannot read whole this frame: a button's label wider than the button, or
    /// a control running past the side of what holds it (tests look for none at 320 px and
    /// with the largest text: WCAG 1.4.4 and 1.4.10).
    void noteClipped(std::string what) { m_clipped.push_back(std::move(what)); }
    const std::vector<std::string>& clipped() const { return m_clipped; }
    void add(WidgetRect r) { m_rects.push_back(std::move(r)); }
    const std::vector<WidgetRect>& rects() const { return m_rects; }
    std::vector<WidgetRect>& rects() { return m_rects; }
    WidgetRect* last() { return m_rects.empty() ? nullptr : &m_rects.back(); }
    const WidgetRect* find(std::string_view id) const;

  private:
    std::vector<WidgetRect> m_rects;
    std::vector<std::string> m_clipped;
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

/// Gives the widget just registered (if it is `id`'s, or the last one when `id` is null) its
/// role and states for assistive technology.
void semantics(Role role, uint8_t states = 0, const char* id = nullptr,
               std::string_view description = {});
/// The accessible name for a label: icons (private-use code points) and ImGui's "##" part gone,
/// spaces trimmed.
std::string accessibleName(std::string_view label);

/// Static text that is also published for assistive technology (role Text, or Heading when drawn
/// in a heading font). Screens call these instead of ImGui's; same arguments.
namespace ax {
void TextUnformatted(const char* text, const char* end = nullptr);
void Text(const char* fmt, ...) IM_FMTARGS(1);
void TextColored(const ImVec4& col, const char* fmt, ...) IM_FMTARGS(2);
void TextWrapped(const char* fmt, ...) IM_FMTARGS(1);
/// Publishes the last ImGui item (text already drawn) as `role` with `name`.
void publishLast(Role role, std::string_view name, uint8_t level = 0);
/// Publishes the last item (a drawn bar) as a progress bar: `value` of `max`, named `name`.
void publishProgress(std::string_view name, float value, float max);
} // namespace ax

/// The screen's semantics for assistive technology, from this frame's widgets (issue 13), as the
/// web page's mirror reads it: {"title", "live", "focus": key or "", "nodes": [[key, role, name,
/// description, x, y, w, h, states, level, value, max, multiline, secret]]} in drawing order. Text
/// inside a button's rectangle becomes the button's description; keys are stable ids, or for
/// static text its role, name and occurrence. Also remembers the nodes for the requests below.
std::string semanticsJson(std::string_view title, std::string_view live);
/// The page's mirror asks for a node by key (from the last semanticsJson): keyboard focus moves
/// to it (ImGui's navigation highlight, scrolled into view) or it is activated as a click would;
/// a text field starts editing. Applied by applyAccessRequests at the next frame. False when
/// no such node.
bool requestFocus(std::string_view key);
bool requestActivate(std::string_view key);
void applyAccessRequests();
/// Tab goes on from the navigation to the screen: ImGui 1.90's Tab cycles within one window, so
/// a keyboard alone could never leave the side navigation. When the last Tab wrapped round
/// inside the navigation, the focus moves to the next control as drawn (Shift+Tab: the one
/// before). Call at the start of a frame, before the
/// registry is cleared (it reads the last frame's widgets).
void tabAcrossWindows();

/// Sizes in font-relative units ("em"), so layouts scale with the text size setting.
inline float em(float n = 1.f) {
    return ImGui::GetFontSize() * n;
}

} // namespace pathway::ui
