// The main loop's body, shared by the desktop app and the web page (issue 15): when to draw a
// frame (input, the App's own timers, a few frames more for ImGui to settle), the frame itself,
// the font atlas at the text size and pixel density, the debounced save, and the theme and text
// size kept through Host::savePreferences. The shells only drive it: native/main.cpp waits for
// SDL events in a `while` loop, web/main.cpp ticks from emscripten_set_main_loop and pauses it
// when msUntilDue() says nothing is due. Each implements Backend over SDL and OpenGL; this file
// knows neither.
#pragma once

#include "pathway/core/session.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/host.hpp"
#include "pathway/ui/theme.hpp"

#include <imgui.h>

#include <cstdint>
#include <string>

namespace pathway::ui {

/// The window (natively) or the canvas (on the web) the Runner draws into: one implementation
/// per platform, in its shell.
class Backend {
  public:
    virtual ~Backend() = default;
    /// Milliseconds on a steady clock (SDL_GetTicks natively, emscripten_get_now on the web).
    virtual double nowMs() const = 0;
    /// Framebuffer pixels per logical pixel (HiDPI, the page's devicePixelRatio): fonts are
    /// built at this density so text stays crisp.
    virtual float pixelScale() const = 0;
    /// The platform's and renderer's part of starting a frame (the display size, input:
    /// ImGui_ImplOpenGL3_NewFrame, ImGui_ImplSDL2_NewFrame), just before ImGui::NewFrame.
    virtual void newFrame() = 0;
    /// Draws ImGui::GetDrawData() over `background` and shows it (and whatever the platform
    /// does after each frame: the web publishes the edited field and the semantics).
    virtual void present(const ImVec4& background) = 0;
    /// The font atlas was built again: upload its texture again. Not called for the first atlas,
    /// which the renderer uploads in its first newFrame().
    virtual void fontsRebuilt() = 0;
    /// Saves the session now, or asks for it to be saved (the web page runs a locked save and
    /// calls back). Called when the debounce says a save is due; the Runner then waits again.
    virtual void save() = 0;
};

class Runner {
  public:
    /// The few frames drawn after input or a wake, so that ImGui's layout settles.
    static constexpr int kSettleFrames = 3;

    struct Options {
        /// A change is saved once it has waited this long (the web: each change reaches
        /// IndexedDB well within a second)...
        double saveAfterChangeMs = 0;
        /// ...and at least this long after the previous save (the desktop: at most two writes a
        /// second, the first change of a quiet spell at once).
        double saveBetweenMs = 0;
        /// Draw on every tick, input or not (the desktop's screenshot runs).
        bool drawEveryTick = false;
    };

    Runner(Backend& backend, FontFiles fonts, Options options);
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    /// Drives `app` (on `session`, with `host`) from now on. The first time, the theme and text
    /// size kept through host.loadPreferences() are applied; later (the desktop opens another
    /// portfolio in place of the first) the text size carries over. Draws kSettleFrames.
    void attach(core::Session& session, App& app, Host& host);

    /// One turn of the main loop: draws a frame when one is due, then saves when a save is due.
    /// True when it drew.
    bool tick();
    /// Input arrived or something changed outside the App: draw at least `frames` more.
    void wake(int frames = kSettleFrames);

    /// Milliseconds until a frame or a save is due with no new input: 0 when one is due now,
    /// INFINITY when nothing is (the shells wait for input that long, at most).
    double msUntilDue() const;
    /// True while frames are still to be drawn or the App wants one at once (tests wait for it).
    bool busy() const;

    /// A save just happened outside the debounce (the page's locked save, a save on quitting):
    /// the next one waits for a new change.
    void noteSaved();

    /// Frames drawn since start.
    uint32_t framesDrawn() const { return m_framesDrawn; }

  private:
    void drawFrame(double now);
    void rebuildFontsIfNeeded();
    void saveIfDue(double now);
    double saveDueMs() const;
    void restorePreferences();
    void keepPreferencesIfChanged();
    std::string preferencesKey() const;

    Backend& m_backend;
    FontFiles m_fonts;
    Options m_options;
    core::Session* m_session = nullptr;
    App* m_app = nullptr;
    Host* m_host = nullptr;

    float m_fontPx = 0, m_fontScale = 0; ///< what the atlas was built for (0: not yet)
    int m_framesToDraw = kSettleFrames;
    double m_lastFrameMs = 0;
    uint32_t m_framesDrawn = 0;
    double m_dirtySinceMs = -1; ///< when the unsaved change was first seen (-1: none)
    double m_lastSaveMs = 0;
    std::string m_preferencesKept; ///< theme and text size as last kept through the Host
};

} // namespace pathway::ui
