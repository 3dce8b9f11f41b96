// The screen's semantics for assistive technology (issue 13): this frame's widgets as the web
// page's DOM mirror reads them, and the mirror's focus and activation requests coming back.
#include "pathway/ui/widgets.hpp"

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <unordered_map>

namespace pathway::ui {

namespace {

struct Published {
    std::string key;
    std::string id;
    ImGuiID itemId = 0;
    ImGuiID windowId = 0;
    bool textField = false;
    ImRect rect;
};

struct AccessState {
    std::vector<Published> nodes; ///< as last published
    enum class Ask { None, Focus, Activate } ask = Ask::None;
    Published target;
};

AccessState& access() {
    static AccessState s;
    return s;
}

bool interactive(Role r) {
    return r != Role::Text && r != Role::Heading && r != Role::Status && r != Role::Image &&
           r != Role::ProgressBar;
}

bool inside(const WidgetRect& in, const WidgetRect& box) {
    return in.x >= box.x - 1 && in.y >= box.y - 1 && in.x + in.w <= box.x + box.w + 1 &&
           in.y + in.h <= box.y + box.h + 1;
}

int rounded(float v) { return static_cast<int>(v >= 0 ? v + 0.5f : v - 0.5f); }

} // namespace

std::string semanticsJson(std::string_view title, std::string_view live) {
    AccessState& st = access();
    st.nodes.clear();
    const auto& rects = widgets().rects();
    // Text drawn over a button (a log row's date and kind) describes it instead of standing
    // alone; the same words as its name are dropped.
    std::vector<std::string> described(rects.size());
    std::vector<bool> folded(rects.size(), false);
    for (size_t i = 0, owner = SIZE_MAX; i < rects.size(); ++i) {
        const WidgetRect& r = rects[i];
        if (interactive(r.role)) {
            // A field's own label drawn above it is its name already: the text goes, and
            // guidance between the label and the field describes the field.
            for (size_t k = i, back = 0; k-- > 0 && back < 3; ++back) {
                const WidgetRect& t = rects[k];
                if (!t.id.empty() || t.role != Role::Text || folded[k]) break;
                if (t.label != r.label) continue;
                for (size_t j = k; j < i; ++j) {
                    folded[j] = true;
                    if (j > k) described[i] += (described[i].empty() ? "" : " ") + rects[j].label;
                }
                break;
            }
            if (!r.isTextField) owner = i;
            continue;
        }
        if (owner == SIZE_MAX || !r.id.empty() || (r.role != Role::Text && r.role != Role::Heading) ||
            !inside(r, rects[owner]))
            continue;
        folded[i] = true;
        if (r.label == rects[owner].label) continue;
        std::string& d = described[owner];
        d += d.empty() ? r.label : ", " + r.label;
    }
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID navId = g.NavDisableHighlight ? 0 : g.NavId;
    std::string focus;
    std::unordered_map<std::string, int> seen;
    nlohmann::json nodes = nlohmann::json::array();
    for (size_t i = 0; i < rects.size(); ++i) {
        if (folded[i]) continue;
        const WidgetRect& r = rects[i];
        std::string key = r.id;
        if (key.empty()) {
            key = std::string(roleId(r.role)) + ":" + r.label.substr(0, 48);
            const int n = seen[key]++;
            if (n) key += "#" + std::to_string(n);
        } else if (const int n = seen[key]++; n) {
            key += "#" + std::to_string(n); // an id drawn twice (a combo's own and its popup's)
        }
        std::string description = r.description;
        if (!described[i].empty())
            description += description.empty() ? described[i] : ", " + described[i];
        nodes.push_back({key, roleId(r.role), r.label, description, rounded(r.x), rounded(r.y),
                         rounded(r.w), rounded(r.h), r.states, r.level, r.progress, r.progressMax,
                         r.multiline, r.isTextField && r.kind == TextKind::Secret});
        if (navId && r.itemId == navId && interactive(r.role)) focus = key;
        st.nodes.push_back({std::move(key), r.id, r.itemId, r.windowId, r.isTextField,
                            ImRect(r.x, r.y, r.x + r.w, r.y + r.h)});
    }
    nlohmann::json out = {{"title", title}, {"live", live}, {"focus", focus}, {"nodes", std::move(nodes)}};
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
bool request(std::string_view key, AccessState::Ask ask) {
    AccessState& st = access();
    for (const Published& n : st.nodes)
        if (n.key == key) {
            st.ask = ask;
            st.target = n;
            return true;
        }
    return false;
}
} // namespace

bool requestFocus(std::string_view key) { return request(key, AccessState::Ask::Focus); }
bool requestActivate(std::string_view key) { return request(key, AccessState::Ask::Activate); }

void applyAccessRequests() {
    AccessState& st = access();
    if (st.ask == AccessState::Ask::None) return;
    const AccessState::Ask ask = st.ask;
    st.ask = AccessState::Ask::None;
    const Published& t = st.target;
    if (t.textField && textOverlay().enabled) {
        // A text field edits: on the web the page's own field then lies over it (TextOverlay).
        textOverlay().activate = t.id;
        return;
    }
    if (!t.itemId) return;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::FindWindowByID(t.windowId);
    if (window) {
        ImGui::SetFocusID(t.itemId, window);
        window->NavRectRel[window->DC.NavLayerCurrent] = ImGui::WindowRectAbsToRel(window, t.rect);
        ImGui::ScrollToRectEx(window, t.rect, ImGuiScrollFlags_KeepVisibleEdgeY);
    }
    g.NavDisableHighlight = false; // the navigation highlight shows where the focus is
    g.NavDisableMouseHover = true;
    if (ask == AccessState::Ask::Activate) ImGui::ActivateItemByID(t.itemId);
}

void tabAcrossWindows() {
    static ImGuiID navBefore = 0;
    static bool tabbed = false, backwards = false;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool wasTab = tabbed;
    const ImGuiID from = navBefore;
    // For the next frame: ImGui moves the focus for a Tab pressed now at the next NewFrame.
    tabbed = ImGui::IsKeyPressed(ImGuiKey_Tab, false) && !g.IO.KeyCtrl && !g.IO.KeyAlt;
    backwards = g.IO.KeyShift;
    navBefore = g.NavId;
    if (!wasTab || !from || g.NavId == from) return;
    std::vector<const WidgetRect*> order;
    for (const WidgetRect& r : widgets().rects())
        if (r.itemId && interactive(r.role) && !(r.states & state::kDisabled)) order.push_back(&r);
    const auto indexOf = [&](ImGuiID id) {
        for (size_t i = 0; i < order.size(); ++i)
            if (order[i]->itemId == id) return static_cast<long>(i);
        return -1L;
    };
    const long at = indexOf(from), now = indexOf(g.NavId);
    if (at < 0) return;
    // Only out of the navigation (the side bar, the phone's bottom bar): inside a screen's own
    // windows ImGui's order, with its scrolling to controls out of view, stays as it is.
    const ImGuiWindow* in = ImGui::FindWindowByID(order[static_cast<size_t>(at)]->windowId);
    if (!in || !std::strstr(in->Name, "nav")) return;
    // Wrapped: the focus went against the drawing order (or, to a control out of view, from
    // the window's last control forwards or its first backwards).
    bool wrapped = false;
    if (now >= 0) {
        wrapped = backwards ? now > at : now < at;
    } else {
        const ImGuiID window = order[static_cast<size_t>(at)]->windowId;
        const bool edge = backwards ? at == 0 || order[static_cast<size_t>(at - 1)]->windowId != window
                                    : at + 1 == static_cast<long>(order.size()) ||
                                          order[static_cast<size_t>(at + 1)]->windowId != window;
        wrapped = edge;
    }
    if (!wrapped) return;
    const long n = static_cast<long>(order.size());
    const long to = ((backwards ? at - 1 : at + 1) + n) % n; // the next one as drawn
    const WidgetRect& t = *order[static_cast<size_t>(to)];
    if (g.ActiveId == g.NavId) ImGui::ClearActiveID(); // ImGui's Tab had started editing a field
    AccessState& st = access();
    st.ask = AccessState::Ask::Focus;
    st.target = {t.id, t.id, t.itemId, t.windowId, t.isTextField, ImRect(t.x, t.y, t.x + t.w, t.y + t.h)};
}

} // namespace pathway::ui
