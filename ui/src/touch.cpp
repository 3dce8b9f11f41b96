#include "pathway/ui/touch.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace pathway::ui {

namespace {

/// The topmost window under `p` (children come after their parents in g.Windows, like
/// ImGui's own FindHoveredWindow).
ImGuiWindow* windowAt(ImVec2 p) {
    ImGuiContext& g = *GImGui;
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = g.Windows[i];
        if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        if (w->OuterRectClipped.Contains(p)) return w;
    }
    return nullptr;
}

/// The window itself or the nearest parent that can scroll vertically.
ImGuiWindow* scrollableFrom(ImGuiWindow* w) {
    for (; w; w = w->ParentWindow) {
        if (w->ScrollMax.y > 0.f && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return w;
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    return nullptr;
}

void mouseAway(ImGuiIO& io) {
    // No lingering hover after a finger lifts: a touch screen has no pointer resting anywhere.
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
}

} // namespace

ImGuiWindow* TouchInput::scrollTarget() const {
    return m_target != 0 ? ImGui::FindWindowByID(m_target) : nullptr;
}

void TouchInput::scrollTo(float y) {
    ImGuiWindow* w = scrollTarget();
    if (!w) return;
    ImGui::SetScrollY(w, std::clamp(y, 0.f, w->ScrollMax.y));
}

void TouchInput::click(int button, float x, float y) {
    // ImGui trickles these over several frames (position, press, release), so the item under
    // the finger is hovered before it is pressed, as with a mouse.
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);
    io.AddMouseButtonEvent(button, true);
    io.AddMouseButtonEvent(button, false);
    mouseAway(io);
}

void TouchInput::fingerDown(int64_t finger, float x, float y, double ms) {
    if (m_state != State::Idle) return; // one finger at a time; pinch is not used
    m_caughtInertia = m_velocity != 0.f;
    m_velocity = 0.f;
    m_finger = finger;
    m_startX = x;
    m_startY = m_lastY = y;
    m_startMs = m_lastMs = ms;
    // The press waits: it becomes a tap, a long press (right click) or a drag. Over a list
    // too short to scroll a long press must still open its rows' context menus.
    ImGuiWindow* target = scrollableFrom(windowAt(ImVec2(x, y)));
    m_target = target ? target->ID : 0;
    m_startScroll = target ? target->Scroll.y : 0.f;
    m_state = State::Pending;
}

void TouchInput::fingerMove(int64_t finger, float x, float y, double ms) {
    if (finger != m_finger) return;
    switch (m_state) {
    case State::Direct: {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(x, y);
        break;
    }
    case State::Pending:
        if (std::hypot(x - m_startX, y - m_startY) < m_options.slop) break;
        if (m_target == 0) {
            // Nothing to scroll here: the finger drags as a mouse (splitters, text selection),
            // pressed where it first touched.
            m_state = State::Direct;
            ImGuiIO& io = ImGui::GetIO();
            io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
            io.AddMousePosEvent(m_startX, m_startY);
            io.AddMouseButtonEvent(0, true);
            io.AddMousePosEvent(x, y);
            break;
        }
        m_state = State::Dragging;
        m_sampleY = m_startY; // the finger's speed is measured from where it touched
        m_sampleMs = m_startMs;
        // The slop is not scrolled (no jump), the rest of this move is (browsers coalesce moves).
        m_startY += (y > m_startY ? 1.f : -1.f) * std::min(m_options.slop, std::fabs(y - m_startY));
        if (ImGuiWindow* w = scrollTarget()) m_startScroll = w->Scroll.y;
        [[fallthrough]];
    case State::Dragging: {
        // Speed over at least minSampleMs: moves a browser delivers in a burst (or a test sends
        // at once) are microseconds apart, and their ratio would throw the list to its end.
        const double dt = ms - m_sampleMs;
        if (dt >= m_options.minSampleMs) {
            const float speed = std::clamp(static_cast<float>((m_sampleY - y) / dt * 1000.0),
                                           -m_options.maxSpeed, m_options.maxSpeed);
            m_dragSpeed = 0.7f * speed + 0.3f * m_dragSpeed;
            m_sampleY = y;
            m_sampleMs = ms;
        }
        scrollTo(m_startScroll + (m_startY - y));
        m_lastY = y;
        m_lastMs = ms;
        break;
    }
    case State::Idle:
    case State::LongPressed:
        break;
    }
}

void TouchInput::fingerUp(int64_t finger, float x, float y, double ms) {
    if (finger != m_finger) return;
    ImGuiIO& io = ImGui::GetIO();
    switch (m_state) {
    case State::Direct:
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(x, y);
        io.AddMouseButtonEvent(0, false);
        mouseAway(io);
        break;
    case State::Pending:
        if (!m_caughtInertia) click(0, x, y);
        break;
    case State::Dragging:
        // A finger that stopped before lifting throws nothing.
        m_velocity = (!m_options.inertia || ms - m_lastMs > 80.0 ||
                      std::fabs(m_dragSpeed) < m_options.minSpeed)
                         ? 0.f
                         : m_dragSpeed;
        m_lastMs = ms;
        break;
    case State::Idle:
    case State::LongPressed:
        break;
    }
    m_dragSpeed = 0.f;
    m_finger = -1;
    m_state = State::Idle;
}

void TouchInput::cancel() {
    if (m_state == State::Direct) {
        ImGuiIO& io = ImGui::GetIO();
        mouseAway(io); // released away from the item: nothing is clicked
        io.AddMouseButtonEvent(0, false);
    }
    m_state = State::Idle;
    m_finger = -1;
    m_velocity = m_dragSpeed = 0.f;
}

void TouchInput::update(double ms) {
    if (m_state == State::Pending && ms - m_startMs >= m_options.longPressMs) {
        click(1, m_startX, m_startY); // long press: a right click opens context menus
        m_state = State::LongPressed;
        return;
    }
    if (m_state != State::Idle || m_velocity == 0.f) return;
    ImGuiWindow* w = scrollTarget();
    const float dt = static_cast<float>(std::clamp(ms - m_lastMs, 0.0, 50.0) / 1000.0);
    m_lastMs = ms;
    if (!w) {
        m_velocity = 0.f;
        return;
    }
    // A scroll set this frame (the last drag move) is still pending in ScrollTarget.
    const float current = w->ScrollTarget.y < FLT_MAX ? w->ScrollTarget.y : w->Scroll.y;
    const float y = current + m_velocity * dt;
    if (y <= 0.f || y >= w->ScrollMax.y) m_velocity = 0.f; // reached an end
    ImGui::SetScrollY(w, std::clamp(y, 0.f, w->ScrollMax.y));
    m_velocity *= std::exp(-m_options.friction * dt);
    if (std::fabs(m_velocity) < m_options.minSpeed) m_velocity = 0.f;
}

void TouchInput::keepCaretVisible() {
    ImGuiContext& g = *GImGui;
    if (!g.IO.WantTextInput || !g.PlatformImeData.WantVisible) return;
    const float top = g.PlatformImeData.InputPos.y;
    const float bottom = top + g.PlatformImeData.InputLineHeight;
    const float margin = g.FontSize;
    for (ImGuiWindow* w = g.ActiveIdWindow; w; w = w->ParentWindow) {
        if (w->ScrollMax.y > 0.f) {
            if (bottom > w->InnerClipRect.Max.y) {
                ImGui::SetScrollY(w,
                                  std::min(w->Scroll.y + bottom - w->InnerClipRect.Max.y + margin,
                                           w->ScrollMax.y));
                return;
            }
            if (top < w->InnerClipRect.Min.y) {
                ImGui::SetScrollY(
                    w, std::max(w->Scroll.y - (w->InnerClipRect.Min.y - top) - margin, 0.f));
                return;
            }
        }
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
}

bool TouchInput::animating() const {
    return m_state == State::Pending || (m_state == State::Idle && m_velocity != 0.f);
}

} // namespace pathway::ui
