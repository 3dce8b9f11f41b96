// The Pathway screens, shared by the desktop app and the web page. Call frame() once per
// ImGui frame (between ImGui::NewFrame and ImGui::Render); all changes go through the
// session's Store as commands. The screens are split over ui/src/screen_*.cpp.
#pragma once

#include "pathway/core/model.hpp"
#include "pathway/core/query.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/ui/host.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::ui {

enum class Screen {
    Welcome,
    Home,
    Log,
    Editor,
    Frameworks,
    Reviews,
    Settings,
    Share,
    Mentor,
    Cohort,
    SelfAssessment ///< reached from Reviews: rate the standards at a point, compare the three
};
/// "welcome", "home", "log", "editor", "frameworks", "reviews", "settings", "share", "mentor",
/// "cohort", "self-assessment"
std::string_view screenId(Screen s);
std::optional<Screen> parseScreen(std::string_view id);

/// Text sizes offered in Settings, in logical pixels (the shells rebuild fonts when it changes).
inline constexpr float kTextSmallPx = 15.f;
inline constexpr float kTextNormalPx = 17.f;
inline constexpr float kTextLargePx = 20.f;
inline constexpr float kTextLargestPx = 34.f;
/// The choices, smallest first. "Largest" is twice Normal: WCAG 2.2 AA (1.4.4, resize text)
/// asks that text can be made 200 % without losing content, and the layout reflows for it.
struct TextSizeChoice {
    const char* id;
    const char* label;
    float px;
};
inline constexpr TextSizeChoice kTextSizes[] = {{"small", "Small", kTextSmallPx},
                                                {"normal", "Normal", kTextNormalPx},
                                                {"large", "Large", kTextLargePx},
                                                {"larger", "Larger", 26.f},
                                                {"largest", "Largest", kTextLargestPx}};

struct ExchangeState; // screen_share.cpp: imports, merges, exports and the confidentiality check
struct MentorState;   // screen_mentor.cpp: reviewing someone else's portfolio
struct CohortState;   // screen_cohort.cpp: an academy's cohort of portfolios
struct SyncUiState;   // sync_card.cpp: Settings -> Sync, and syncing after saves and on a timer

/// After the last change is saved, sync waits this long for more before it syncs (debounce).
inline constexpr int64_t kSyncAfterSaveMs = 5'000;
/// With sync set up, it also runs this often (and when the App starts).
inline constexpr int64_t kSyncIntervalMs = 5 * 60'000;

class App {
  public:
    App(core::Session& session, const core::Clock& clock, Host& host);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Builds this frame's UI.
    void frame();

    Screen screen() const { return m_screen; }
    /// The window's or page's title for this screen ("Learning log – Pathway").
    std::string title() const;
    void show(Screen s);
    /// Opens the editor on a new draft of `kind`, dated today. When an unsaved draft with
    /// content exists it is resumed instead (a draft is never silently dropped) and
    /// message() says so.
    void startNewEntry(core::EntryKind kind);
    /// Opens the editor on an existing entry.
    void editEntry(std::string_view id);
    /// Saves the editor's draft through the store (one command: AddEntry or UpdateEntry);
    /// false (and a message) when invalid.
    bool saveDraft();
    /// Drops the draft (and its persisted copy).
    void discardDraft();
    const std::string& message() const { return m_message; }
    /// The Settings screen's message about the profile form ("Profile saved.", or a problem).
    const std::string& profileMessage() const { return m_profileMessage; }
    /// True when the draft differs from what is stored.
    bool draftDirty() const;
    const core::Entry* draft() const { return m_draft ? &*m_draft : nullptr; }

    /// Seconds until the UI needs another frame with no new input: 0 while input events are
    /// still queued (ImGui spreads a burst of events over several frames) or something moves,
    /// about half a second while a text cursor blinks, and a very large number when idle.
    double secondsUntilNextFrame() const;

    /// The layout in use this frame: phone (single column, bottom navigation) or desktop.
    bool phoneLayout() const { return m_phone; }

    /// The text size chosen in Settings, in logical pixels. The shells read it every frame
    /// and call loadFonts() again when it changes.
    float textSizePx() const { return m_textSizePx; }
    void setTextSizePx(float px) { m_textSizePx = px; }

    /// Files asked for through Host::requestFile arrive here. `purpose` is the one the App
    /// asked with: "import.json", "import.leap2a", "import.csv", "feedback", "review".
    /// Nothing changes until the user confirms what the file would do.
    void receiveFile(std::string_view purpose, std::string_view name, std::string_view bytes);
    /// The purpose of the file the App is waiting for ("" when none): the desktop hands a file
    /// dropped on the window to receiveFile() instead of opening it as the portfolio.
    std::string awaitingFile() const;
    /// The word list asked for through Host::requestWordList arrived (`ok`, already installed
    /// with core::installLexicon) or could not be had (`error` says why): the check that was
    /// waiting for it runs now.
    void wordListArrived(bool ok, std::string_view error = {});
    /// The Share screen's (or the review screen's) last message, for tests and the shells.
    std::string exchangeMessage() const;
    /// True while the mentor review screen has comments or sign-offs not yet saved to a file.
    bool mentorHasUnsavedFeedback() const;

    /// Another tab, window or pathway-cli saved and the session took it in (Session::save or
    /// refresh): says so in one line ("Updated with 2 changes made elsewhere.") and keeps the
    /// editor's draft in step (an untouched draft shows the new version; one being edited stays).
    void noteChangesElsewhere(const core::MergeReport& report);

    /// Syncs now with the server set up in Settings -> Sync (through Host::syncTransport):
    /// on success the store takes in the result (Store::absorb; the shell saves it as any
    /// change); on failure nothing here changes and syncStatus() says why. The App also calls
    /// it kSyncAfterSaveMs after a saved change and every kSyncIntervalMs.
    void syncNow();
    /// The Sync card's status line: "Synced 2 min ago", "Offline: 3 changes waiting", "Sync is
    /// off: nothing leaves this device."
    std::string syncStatus();
    /// The last sync's failure as one sentence, "" after a success.
    const std::string& syncError() const;
    /// The settings as the Sync card holds them (loaded from the Host when the App starts).
    const core::SyncSettings& syncSettings() const;
    void setSyncSettings(const core::SyncSettings& settings); ///< and keeps them via the Host

    /// Requirements status for today, recomputed only when the portfolio, the catalogue or the
    /// day changes.
    const core::Status& status();

    /// Settings -> Frameworks and rules: adds a catalogue file (an academy's framework or
    /// programme rule) to the session's catalogue and keeps it through Host::saveCatalogFile,
    /// so that it is there next time (the App adds the kept files when it starts). A file with
    /// the same name replaces the one added before. "" on success, else why not: the
    /// catalogue and the kept files are then unchanged. catalogMessage() says what happened.
    std::string addCatalogFile(std::string_view name, std::string_view bytes);
    /// Takes an added file out of the catalogue and out of the Host's keeping.
    bool removeCatalogFile(std::string_view name);
    /// The Frameworks and rules card's last message: what a file added, or why it was not.
    const std::string& catalogMessage() const { return m_catalogMessage; }

    /// The self-assessment screen's tab: 0 start, 1 midway, 2 end, 3 the three side by side.
    int selfAssessmentTab() const { return m_selfPoint; }
    void setSelfAssessmentTab(int tab) { m_selfPoint = tab < 0 || tab > 3 ? 0 : tab; }

    /// Log filters (also set by the Log screen's controls): core's query, which the CLI's
    /// `list` answers too.
    using LogFilter = core::EntryQuery;
    LogFilter& logFilter() { return m_filter; }
    /// Indices into portfolio().entries of the rows the Log shows, newest first.
    const std::vector<size_t>& logRows();

  private:
    // app.cpp: shell
    void drawShell();
    void drawNavigation(bool bottom);
    void drawTopBar();
    void drawDraftBanner();
    void drawAddMenu();
    void handleShortcuts();
    void persistDraft(bool force);
    void restoreDraft();
    // screen_*.cpp
    void drawWelcome();
    void drawHome();
    void drawRenewalCard(float w, float h);
    void drawAsyeCard(float w, float h);
    void drawEvidenceCard(float w, float h);
    void drawSupervisionCard(float w, float h);
    void drawCoverageCard(float w);
    void drawRecentCard(float w);
    void drawLog();
    void drawEditor();
    void drawReflectionFields(core::Entry& e);
    void drawTagPicker(core::Entry& e);
    void drawGoalEvidence(core::Entry& e); ///< a goal's linked evidence
    std::string m_linkSearch;
    void drawFrameworks();
    void drawReviews();
    // screen_self_assessment.cpp: the ASYE self-assessment; the Reviews screen's development
    // plan, supervisor and assessor cards
    void drawSelfAssessment();
    void drawSelfAssessmentRating(const core::SelfAssessmentView& view, size_t point);
    void drawSelfAssessmentCompare(const core::SelfAssessmentView& view);
    void drawSelfAssessmentCard();
    void drawPlanCard();
    void drawAsyePeopleCard();
    /// Applies a change to the profile's ASYE record as one undoable SetProfile.
    void applyAsyeRecord(const core::AsyeRecord& record, const char* what);
    void drawSettings();
    void drawSyncCard(); // sync_card.cpp
    void tickSync();     // sync_card.cpp: the debounced sync after saves, and the timer
    double secondsUntilSync() const;
    void drawEntryRow(const core::Entry& e, size_t index, const char* idPrefix = "entry.");
    void drawSignOffs(const core::Entry& e); // editor: who signed this entry, and is it current?
    // screen_conflicts.cpp: an entry changed in two places at once
    void drawConflictNotice(const core::Entry& e);
    /// When saving `saving` over a version changed elsewhere meanwhile: that version, as a
    /// conflicting copy to keep beside it (never a silent loss).
    std::optional<core::Entry> takeOtherVersion(const core::Entry& saving);
    // screen_share.cpp
    void drawShare();
    void askForFile(const char* purpose, const char* accept);
    void beginExport(int format, bool forReview);
    void finishExport(int format, bool forReview);
    void drawConfidentialityCheck();
    void drawImportPreview();
    void drawMergePreview();
    void drawFilePrompt();
    // screen_mentor.cpp
    void drawMentor();
    void drawReviewerKey(const std::string& name, const std::string& role);
    /// "Authentic (Example Academy's roster), key 1A2B ..." or why not, as a chip (shortened
    /// to what fits; `sameLine`: beside the last item when it fits there).
    void drawTrust(const core::ReviewCheck& check, const std::string& id, bool sameLine = false);
    std::map<size_t, std::string> m_withdrawReason; ///< sign-off index -> reason being typed
    void drawMentorEntry(const core::Entry& e, size_t index);
    void openForReview(std::string_view name, std::string_view bytes);

    core::Session& m_session;
    const core::Clock& m_clock;
    Host& m_host;
    Screen m_screen = Screen::Home;
    bool m_phone = false;
    float m_textSizePx = kTextNormalPx;

    // The editor's draft: kept across screen switches and persisted through the Host.
    std::optional<core::Entry> m_draft;
    bool m_draftIsNew = false;
    std::string m_formShowsId;  ///< the entry the editor's form last showed (scrolled to its top)
    bool m_formShowsNew = false;
    std::string m_draftDate;
    bool m_triedSave = false; ///< show "required" messages only after a save attempt
    std::optional<core::Entry> m_draftBase; ///< the stored entry the draft was opened on
    bool m_draftChangedElsewhere = false;   ///< it changed elsewhere while being edited here
    std::optional<core::Entry> m_persistedDraft;
    std::string m_persistedDate;
    double m_lastDraftPersist = -1;
    std::string m_tagSearch;

    std::string m_message;
    bool m_messageIsError = false;
    std::string m_welcomeName;
    bool m_openAddMenu = false; ///< open the "Add an entry" chooser this frame

    // Log
    LogFilter m_filter;
    LogFilter m_rowsFilter;
    uint64_t m_rowsRevision = UINT64_MAX;
    uint64_t m_rowsCatalog = UINT64_MAX;
    std::vector<size_t> m_rows;

    // Home: the newest entries
    std::vector<size_t> m_recent;
    uint64_t m_recentRevision = UINT64_MAX;

    // Status cache
    std::optional<core::Status> m_status;
    uint64_t m_statusRevision = UINT64_MAX;
    uint64_t m_statusCatalog = UINT64_MAX; ///< the session's catalogRevision() it was made with
    core::Date m_statusDay;

    // Self-assessment screen: the point being rated (0 start, 1 mid, 2 end) or 3 to compare
    int m_selfPoint = 0;
    std::map<std::string, std::string> m_selfComments; ///< "point|tag" -> comment being typed

    // Frameworks screen
    std::string m_framework;    ///< selected framework id
    std::string m_frameworkTag; ///< opened item, "pcf:6"

    // Settings: the profile form (applied with one SetProfile)
    struct ProfileForm {
        std::string name, registration, employer, team, asyeStart, fte;
        int setting = 0, stage = 0;
    };
    ProfileForm m_profileForm;
    uint64_t m_profileFormRevision = UINT64_MAX;
    bool m_profileFormTouched = false;
    std::string m_profileMessage;
    // Settings: the catalogue files added (screen_settings.cpp)
    void loadKeptCatalogFiles(); ///< the Host's kept files into the session, when starting
    std::string m_catalogMessage;
    bool m_catalogMessageIsError = false;

    std::unique_ptr<SyncUiState> m_sync;
    std::unique_ptr<ExchangeState> m_exchange;
    std::unique_ptr<MentorState> m_mentor;

    int m_settleFrames = 3; ///< frames still to draw after something changed

    // Log context menu and keyboard (web issue 5) -- screen_log.cpp
  public:
    /// Opens the editor on a new draft copied from entry `id` (kind, title, fields, tags and
    /// links), dated today. Like startNewEntry, an unsaved draft with content is resumed instead.
    void duplicateEntry(std::string_view id);
    /// Deletes entry `id` as one undoable command; the Log then offers "Undo" beside the message.
    void deleteEntry(std::string_view id);
    /// The entry whose context menu is open on the Log ("" when none).
    const std::string& contextMenuEntry() const { return m_menuEntry; }

    // The academy's Cohort screen (issue 20) -- screen_cohort.cpp
    /// Loads a cohort (file name, bytes) into the Cohort screen and shows it; files that do
    /// not load are listed, never fatal. Replaces the cohort shown before.
    void openCohort(std::vector<std::pair<std::string, std::string>> files);
    /// Reads every *.json in a folder through Host::readLocalFolder, then openCohort.
    void openCohortFolder(const std::string& path);
    enum class CohortSort { Attention, Name, NextReview, LastActivity };
    struct CohortFilter {
        std::string search;  ///< part of a name
        std::string team;    ///< "" = every team
        std::string setting; ///< setting id or ""
        std::string stage;   ///< stage id or ""
        bool attentionOnly = false;
        bool operator==(const CohortFilter&) const = default;
    };
    /// The Cohort screen's sort and filter (also set by its controls); nullptr before a cohort.
    CohortSort* cohortSort();
    CohortFilter* cohortFilter();
    /// The names in the Cohort screen's rows, in the order shown (sorted and filtered).
    std::vector<std::string> cohortShown();
    /// The summary line ("3 of 10 need attention: ..."), "" before a cohort.
    std::string cohortSummary() const;

  private:
    void drawCohort();
    void drawCohortOpen();
    void drawCohortTable();
    void drawCohortCharts();
    void drawPractitionerSummary(const core::Portfolio& doc);
    void receiveCohortFile(bool done, std::string_view name, std::string_view bytes);
    const std::vector<size_t>& cohortRowsShown();
    std::unique_ptr<CohortState> m_cohort;
    bool m_mentorFromCohort = false; ///< the mentor view was opened from the Cohort screen

    void drawEntryMenu();
    void drawLogNotice();
    std::string m_menuEntry;          ///< the Log row whose menu (right click, long press) is open
    float m_menuRowTop = 0, m_menuRowBottom = 0; ///< that row's edges when the menu opened
    /// Home's first row: the height the ASYE card's content took last frame (the row grows to
    /// it, so nothing is cut when the card shows an outcome as well as the next review).
    float m_homeRow1Needed = 0;
    uint64_t m_undoOfferRevision = 0; ///< the Log offers "Undo" while the store is at this revision
};

} // namespace pathway::ui
