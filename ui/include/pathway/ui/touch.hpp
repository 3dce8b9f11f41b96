// Touch input for Dear ImGui, which has none of its own: a drag on a scrollable window scrolls
// it (with inertia after the finger lifts; elsewhere it drags like a mouse), a tap becomes a
// left click, a long press a right click (context menus, whether or not the window under the
// finger can scroll), and no hover lingers after a finger lifts. Works on any ImGui window;
// the shell feeds finger events in display coordinates and calls update() before each
// ImGui::NewFrame(). No SDL here: the shells translate their platform's events.
#pragma once

#include <cstdint>

struct ImGuiWindow;

namespace pathway::ui {

class TouchInput {
  public:
    struct Options {
        float slop = 10.f;        ///< movement (display px) before a press becomes a drag
        double longPressMs = 500; ///< held this long without moving: right click
        float friction = 3.5f;    ///< inertia decays as exp(-friction * seconds)
        float minSpeed = 40.f;    ///< inertia stops below this many px per second
        float maxSpeed = 6000.f;  ///< a fling never starts faster (Android caps flings alike)
        double minSampleMs = 4;   ///< finger speed is measured over at least this long
        bool inertia = true;      ///< false (prefers-reduced-motion): a list stops when lifted
    };

    TouchInput() = default;
    explicit TouchInput(Options options) : m_options(options) {}

    /// Finger events in ImGui display coordinates; `ms` is when the event happened (the
    /// platform's event time, not when a frame got round to it), from the clock update() uses.
    void fingerDown(int64_t finger, float x, float y, double ms);
    void fingerMove(int64_t finger, float x, float y, double ms);
    void fingerUp(int64_t finger, float x, float y, double ms);
    /// The platform cancelled the touch (e.g. a system gesture): nothing is clicked.
    void cancel();

    /// Once per frame, before ImGui::NewFrame(): long-press timer, drag and inertia scrolling.
    /// `ms` is the time the shell started fetching this frame's events: every finger event
    /// that happened before it has been fed in, so a slow frame cannot make a press that
    /// moved look like a long press.
    void update(double ms);
    /// After ImGui::Render(): while a text field is being edited, scrolls its window so the
    /// caret stays inside it (the shell calls it when the visible area shrank, e.g. a keyboard).
    void keepCaretVisible();

    /// True while frames are needed without new input (inertia, a pending long press).
    bool animating() const;
    /// True while a finger is down or a scroll is still moving.
    bool busy() const { return m_state != State::Idle || m_velocity != 0.f; }

  private:
    enum class State { Idle, Pending, Direct, Dragging, LongPressed };
    ImGuiWindow* scrollTarget() const;
    void scrollTo(float y);
    void click(int button, float x, float y);

    Options m_options{};
    State m_state = State::Idle;
    int64_t m_finger = -1;
    float m_startX = 0, m_startY = 0, m_lastY = 0;
    double m_startMs = 0, m_lastMs = 0;
    unsigned m_target = 0; ///< ImGuiID of the window being scrolled
    float m_startScroll = 0;
    float m_velocity = 0;         ///< inertia after the finger lifted, px per second
    float m_dragSpeed = 0;        ///< smoothed finger speed while dragging
    float m_sampleY = 0;          ///< where the last speed sample was taken
    double m_sampleMs = 0;        ///< and when
    bool m_caughtInertia = false; ///< this press stopped a moving list: it clicks nothing
};

} // namespace pathway::ui
