// ui::Runner: the frame, the font atlas, idling and the debounced save, for both shells.
#include "pathway/ui/runner.hpp"

#include "pathway/ui/glyphs.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace pathway::ui {

Runner::Runner(Backend& backend, FontFiles fonts, Options options)
    : m_backend(backend), m_fonts(std::move(fonts)), m_options(options),
      m_lastSaveMs(backend.nowMs()) {}

void Runner::attach(core::Session& session, App& app, Host& host) {
    const bool first = m_app == nullptr;
    m_session = &session;
    m_app = &app;
    m_host = &host;
    m_dirtySinceMs = -1;
    if (first)
        restorePreferences();
    else if (m_fontPx > 0)
        app.setTextSizePx(m_fontPx); // another portfolio in the same window keeps the text size
    wake();
}

bool Runner::tick() {
    if (!m_app) return false;
    const double now = m_backend.nowMs();
    const bool due = m_options.drawEveryTick || m_framesToDraw > 0 ||
                     now - m_lastFrameMs >= m_app->secondsUntilNextFrame() * 1000.0;
    if (due) drawFrame(now);
    saveIfDue(now);
    return due;
}

void Runner::wake(int frames) { m_framesToDraw = std::max(m_framesToDraw, frames); }

double Runner::msUntilDue() const {
    if (!m_app) return INFINITY;
    if (m_options.drawEveryTick || m_framesToDraw > 0) return 0;
    double due = INFINITY;
    const double seconds = m_app->secondsUntilNextFrame();
    if (seconds < 1e6) due = m_lastFrameMs + seconds * 1000.0; // 1e9 means "nothing planned"
    due = std::min(due, saveDueMs());
    return std::max(0.0, due - m_backend.nowMs());
}

bool Runner::busy() const {
    return !m_app || m_framesToDraw > 0 || m_app->secondsUntilNextFrame() == 0;
}

void Runner::noteSaved() {
    m_dirtySinceMs = -1;
    m_lastSaveMs = m_backend.nowMs();
}

void Runner::drawFrame(double now) {
    if (m_framesToDraw > 0) --m_framesToDraw;
    m_lastFrameMs = now;
    rebuildFontsIfNeeded();
    m_backend.newFrame();
    ImGui::NewFrame();
    m_app->frame();
    ImGui::Render();
    ++m_framesDrawn;
    m_backend.present(palette().background);
    keepPreferencesIfChanged();
}

// Text size changed in Settings, the window moved to a screen of another density, or text needs
// glyphs the atlas lacks (glyphs.hpp): the atlas is built again before the frame starts.
void Runner::rebuildFontsIfNeeded() {
    const float px = m_app->textSizePx();
    const float scale = m_backend.pixelScale();
    if (px == m_fontPx && scale == m_fontScale && !glyphsWantRebuild()) return;
    const bool firstAtlas = m_fontPx == 0;
    m_fontPx = px;
    m_fontScale = scale;
    loadFonts(m_fonts, px, scale);
    // The first atlas is uploaded by the renderer's first NewFrame (ImGui_ImplOpenGL3 creates
    // its device objects there; uploading it before would leak one texture).
    if (!firstAtlas) m_backend.fontsRebuilt();
}

double Runner::saveDueMs() const {
    if (m_dirtySinceMs < 0) return INFINITY;
    return std::max(m_dirtySinceMs + m_options.saveAfterChangeMs,
                    m_lastSaveMs + m_options.saveBetweenMs);
}

void Runner::saveIfDue(double now) {
    if (!m_session->dirty()) {
        m_dirtySinceMs = -1;
        return;
    }
    if (m_dirtySinceMs < 0) m_dirtySinceMs = now;
    if (now < saveDueMs()) return;
    m_backend.save();
    m_dirtySinceMs = -1;
    m_lastSaveMs = now;
}

std::string Runner::preferencesKey() const {
    return std::string(themeId(currentTheme())) + "/" + std::to_string(m_app->textSizePx());
}

void Runner::restorePreferences() {
    if (const auto p = m_host->loadPreferences()) {
        if (!p->theme.empty()) applyTheme(themeFromId(p->theme, currentTheme()));
        if (p->textSizePx > 0) m_app->setTextSizePx(std::clamp(p->textSizePx, 10.f, kTextLargestPx));
    }
    m_preferencesKept = preferencesKey();
}

void Runner::keepPreferencesIfChanged() {
    std::string now = preferencesKey();
    if (now == m_preferencesKept) return;
    m_preferencesKept = std::move(now);
    m_host->savePreferences({themeId(currentTheme()), m_app->textSizePx()});
}

} // namespace pathway::ui
