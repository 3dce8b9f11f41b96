// The Pathway screens, shared by the desktop app and the web page. Call frame() once per
// ImGui frame (between ImGui::NewFrame and ImGui::Render); all changes go through the
// session's Store as commands.
#pragma once

#include "pathway/core/model.hpp"
#include "pathway/core/session.hpp"
#include "pathway/ui/host.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pathway::ui {

enum class Screen { Welcome, Home, Log, Editor, Settings };
std::string_view screenId(Screen s); ///< "welcome", "home", "log", "editor", "settings"

class App {
  public:
    App(core::Session& session, const core::Clock& clock, Host& host);

    /// Builds this frame's UI.
    void frame();

    Screen screen() const { return m_screen; }
    void show(Screen s);
    /// Opens the editor on a new draft of `kind`, dated today.
    void startNewEntry(core::EntryKind kind);
    /// Opens the editor on an existing entry.
    void editEntry(std::string_view id);
    /// Saves the editor's draft through the store; false (and a message) when invalid.
    bool saveDraft();
    const std::string& message() const { return m_message; }
    /// True when the draft differs from what is stored.
    bool draftDirty() const;
    const core::Entry* draft() const { return m_draft ? &*m_draft : nullptr; }

    /// Seconds until the UI needs another frame with no new input: 0 while input events are
    /// still queued (ImGui spreads a burst of events over several frames) or something moves,
    /// about half a second while a text cursor blinks, and a very large number when idle.
    double secondsUntilNextFrame() const;

    /// The layout in use this frame: phone (single column, bottom navigation) or desktop.
    bool phoneLayout() const { return m_phone; }

  private:
    void drawShell();
    void drawNavigation(bool bottom);
    void drawTopBar();
    void drawWelcome();
    void drawHome();
    void drawLog();
    void drawEditor();
    void drawSettings();
    void drawEntryRow(const core::Entry& e, size_t index);
    void handleShortcuts();

    core::Session& m_session;
    const core::Clock& m_clock;
    Host& m_host;
    Screen m_screen = Screen::Home;
    bool m_phone = false;
    std::optional<core::Entry> m_draft;
    bool m_draftIsNew = false;
    std::string m_draftDate;
    std::string m_message;
    std::string m_welcomeName;
    std::string m_search;
    int m_settleFrames = 2; ///< frames still to draw after something changed
};

} // namespace pathway::ui
