// The App's shell: navigation (side rail on desktop, bottom bar on phones), the top bar with
// undo/redo, the add menu, keyboard shortcuts, the draft's life cycle and cached status.
#include "pathway/ui/app.hpp"

#include "cohort_state.hpp"
#include "exchange_state.hpp"
#include "sync_state.hpp"
#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/query.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"
#include "ui_common.hpp"

#include <imgui.h>
#include <imgui_internal.h> // InputEventsQueue: is input still waiting to be processed?
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {
constexpr Screen kAllScreens[] = {Screen::Welcome,  Screen::Home,       Screen::Log,
                                  Screen::Editor,   Screen::Frameworks, Screen::Reviews,
                                  Screen::Settings, Screen::Share,      Screen::Mentor,
                                  Screen::Cohort,   Screen::SelfAssessment};
constexpr double kDraftPersistSeconds = 2.0; // while typing, at most this often
} // namespace

std::string_view screenId(Screen s) {
    switch (s) {
    case Screen::Welcome:
        return "welcome";
    case Screen::Home:
        return "home";
    case Screen::Log:
        return "log";
    case Screen::Editor:
        return "editor";
    case Screen::Frameworks:
        return "frameworks";
    case Screen::Reviews:
        return "reviews";
    case Screen::Settings:
        return "settings";
    case Screen::Share:
        return "share";
    case Screen::Mentor:
        return "mentor";
    case Screen::Cohort:
        return "cohort";
    case Screen::SelfAssessment:
        return "self-assessment";
    }
    return "home";
}

std::string App::title() const {
    std::string_view name = "Home";
    switch (m_screen) {
    case Screen::Welcome: name = "Welcome"; break;
    case Screen::Home: name = "Home"; break;
    case Screen::Log: name = "Learning log"; break;
    case Screen::Editor: name = m_draft && m_draftIsNew ? "New entry" : "Edit entry"; break;
    case Screen::Frameworks: name = "Frameworks and progress"; break;
    case Screen::Reviews: name = "Reviews"; break;
    case Screen::Settings: name = "Settings"; break;
    case Screen::Share: name = "Share and import"; break;
    case Screen::Mentor: name = "Review a portfolio"; break;
    case Screen::Cohort: name = "Cohort"; break;
    case Screen::SelfAssessment: name = "Self-assessment"; break;
    }
    return std::string(name) + " \xe2\x80\x93 Pathway";
}

std::optional<Screen> parseScreen(std::string_view id) {
    for (Screen s : kAllScreens)
        if (screenId(s) == id) return s;
    return std::nullopt;
}

App::App(Session& session, const Clock& clock, Host& host)
    : m_session(session), m_clock(clock), m_host(host),
      m_exchange(std::make_unique<ExchangeState>()) {
    if (trim(m_session.store().portfolio().profile.name).empty()) m_screen = Screen::Welcome;
    loadKeptCatalogFiles(); // before the draft and the first status: its tags may need them
    restoreDraft();
}

App::~App() = default;

void App::show(Screen s) {
    if (s == Screen::Editor && !m_draft) s = Screen::Home;
    if (s == Screen::Mentor && !m_mentor) s = Screen::Share;
    m_screen = s;
    m_message.clear();
    m_messageIsError = false;
}

// ---------------------------------------------------------------------------------------------
// Drafts

void App::startNewEntry(EntryKind kind) {
    if (m_draft && draftDirty()) {
        // Never drop typed work: go back to it; the user saves or discards it first.
        show(Screen::Editor);
        m_message = "You have an unfinished entry. Save or discard it before starting another.";
        m_messageIsError = true;
        return;
    }
    Entry e;
    e.kind = kind;
    e.date = m_clock.today();
    m_draft = e;
    m_draftIsNew = true;
    m_draftDate = e.date.toString();
    m_triedSave = false;
    m_tagSearch.clear();
    show(Screen::Editor);
}

void App::editEntry(std::string_view id) {
    const Entry* e = m_session.store().portfolio().find(id);
    if (!e) return;
    if (m_draft && draftDirty() && m_draft->id != id) {
        show(Screen::Editor);
        m_message = "You have an unfinished entry. Save or discard it before opening another.";
        m_messageIsError = true;
        return;
    }
    if (!(m_draft && m_draft->id == id)) {
        m_draft = *e;
        m_draftBase = *e;
        m_draftChangedElsewhere = false;
        m_draftIsNew = false;
        m_draftDate = e->date.toString();
        m_triedSave = false;
        m_tagSearch.clear();
    }
    show(Screen::Editor);
}

bool App::draftDirty() const {
    if (!m_draft) return false;
    if (m_draftIsNew)
        return !trim(m_draft->title).empty() || !m_draft->fields.empty() || !m_draft->tags.empty();
    const Entry* stored = m_session.store().portfolio().find(m_draft->id);
    return !stored || !(*stored == *m_draft) || m_draftDate != stored->date.toString();
}

bool App::saveDraft() {
    if (!m_draft) return false;
    m_triedSave = true;
    auto date = Date::parse(trim(m_draftDate));
    if (!date) {
        m_message = "The date must look like 2026-11-23.";
        m_messageIsError = true;
        return false;
    }
    m_draft->date = *date;
    for (auto it = m_draft->fields.begin(); it != m_draft->fields.end();)
        it = trim(it->second).empty() ? m_draft->fields.erase(it) : std::next(it);
    if (!m_draftIsNew && !draftDirty()) { // nothing changed: no empty undo step
        m_draft.reset();
        persistDraft(true);
        show(Screen::Home);
        return true;
    }
    CommandResult r;
    if (m_draftIsNew) {
        r = m_session.store().apply(cmd::AddEntry{*m_draft});
    } else if (auto other = takeOtherVersion(*m_draft)) { // changed elsewhere meanwhile: keep both
        cmd::Batch both{"Edit \"" + m_draft->title + "\"", {}};
        both.commands.emplace_back(cmd::UpdateEntry{*m_draft});
        both.commands.emplace_back(cmd::AddEntry{std::move(*other), std::nullopt});
        r = m_session.store().apply(std::move(both));
    } else {
        r = m_session.store().apply(cmd::UpdateEntry{*m_draft});
    }
    if (!r) {
        m_message = r.error;
        m_messageIsError = true;
        return false;
    }
    const std::string title = m_draft->title;
    m_draft.reset();
    persistDraft(true);
    show(Screen::Home);
    m_message = "Saved \"" + title + "\".";
    return true;
}

void App::discardDraft() {
    m_draft.reset();
    persistDraft(true);
    if (m_screen == Screen::Editor) show(Screen::Home);
}

void App::persistDraft(bool force) {
    // Only a draft with something worth keeping is written (an untouched form is not).
    const bool keep = m_draft && draftDirty();
    const bool same = keep == m_persistedDraft.has_value() &&
                      (!keep || (*m_draft == *m_persistedDraft && m_draftDate == m_persistedDate));
    if (same) return;
    const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0;
    if (!force && m_lastDraftPersist >= 0 && now - m_lastDraftPersist < kDraftPersistSeconds)
        return;
    m_lastDraftPersist = now;
    m_persistedDraft = keep ? m_draft : std::nullopt;
    m_persistedDate = m_draftDate;
    if (!keep) {
        m_host.saveDraft("");
        return;
    }
    Entry copy = *m_draft;
    if (copy.id.empty()) copy.id = "new"; // the file format wants an id; restored as new
    nlohmann::json j = {{"format", "pathway-draft"},
                        {"version", 1},
                        {"new", m_draftIsNew},
                        {"date_text", m_draftDate},
                        {"entry", entryToJson(copy)}};
    m_host.saveDraft(j.dump());
}

void App::restoreDraft() {
    const std::string bytes = m_host.loadDraft();
    if (bytes.empty()) return;
    nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "pathway-draft") return;
    std::string error;
    auto e = entryFromJson(j.value("entry", nlohmann::json::object()), "draft", error);
    if (!e) return;
    const bool isNew = j.value("new", true);
    if (isNew)
        e->id.clear();
    else if (!m_session.store().portfolio().find(e->id))
        return; // its entry has gone
    m_draft = *e;
    m_draftIsNew = isNew;
    m_draftDate = j.value("date_text", e->date.toString());
    m_persistedDraft = m_draft;
    m_persistedDate = m_draftDate;
}

// ---------------------------------------------------------------------------------------------
// Cached data

const Status& App::status() {
    const Date today = m_clock.today();
    if (!m_status || m_statusRevision != m_session.store().revision() ||
        m_statusCatalog != m_session.catalogRevision() || !(m_statusDay == today)) {
        m_status = computeStatus(m_session.store().portfolio(), m_session.catalog(), today);
        m_statusRevision = m_session.store().revision();
        m_statusCatalog = m_session.catalogRevision();
        m_statusDay = today;
    }
    return *m_status;
}

const std::vector<size_t>& App::logRows() {
    if (m_rowsRevision == m_session.store().revision() && m_rowsFilter == m_filter &&
        m_rowsCatalog == m_session.catalogRevision())
        return m_rows;
    m_rows = queryEntries(m_session.store().portfolio(), m_filter, m_session.catalog());
    m_rowsFilter = m_filter;
    m_rowsRevision = m_session.store().revision();
    m_rowsCatalog = m_session.catalogRevision();
    return m_rows;
}

// ---------------------------------------------------------------------------------------------
// Frame

double App::secondsUntilNextFrame() const {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return 0;
    if (g->InputEventsQueue.Size > 0) return 0;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] || io.MouseDown[1]) return 0; // dragging, pressing
    if (m_settleFrames > 0) return 0; // a change is still being drawn (layout settles in 2)
    if (glyphsBusy()) return 0;       // glyphs are on their way into the atlas
    if (io.WantTextInput) return 0.5; // the cursor blinks
    if (m_draft && draftDirty() && m_persistedDraft != m_draft)
        return kDraftPersistSeconds; // a draft save is pending
    return secondsUntilSync(); // 1e9 without sync set up

}

void App::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    // Ctrl+S saves the entry even from inside a text field (the field's text is current).
    if (ctrl && m_screen == Screen::Editor && ImGui::IsKeyPressed(ImGuiKey_S, false)) {
        ImGui::ClearActiveID();
        saveDraft();
        return;
    }
    if (io.WantTextInput) return; // text fields keep their own undo while editing
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
        if (io.KeyShift)
            m_session.store().redo();
        else
            m_session.store().undo();
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Y, false)) m_session.store().redo();
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_N, false) && m_screen != Screen::Welcome)
        startNewEntry(EntryKind::Cpd);
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false) && m_screen != Screen::Welcome) {
        show(Screen::Log);
    }
}

void App::frame() {
    tabAcrossWindows(); // before the registry is cleared: it reads the last frame's widgets
    widgets().beginFrame();
    applyAccessRequests(); // the web page's screen-reader mirror asked for a focus or a click
    const ImGuiIO& io = ImGui::GetIO();
    m_phone = io.DisplaySize.x < em(40);
    setMinTargetPx(m_phone ? 44.f : 0.f);
    // No draft open: the next one's form starts at its top. New drafts have no id yet, so one
    // new draft after another looked like the same form and kept the last one's scroll.
    if (!m_draft) m_formShowsId = "\x01none";
    // Without a profile only the welcome screen and a mentor's review of someone else's
    // portfolio make sense (a mentor may have no portfolio of their own).
    if (m_screen != Screen::Welcome && m_screen != Screen::Mentor && m_screen != Screen::Cohort &&
        trim(m_session.store().portfolio().profile.name).empty())
        m_screen = Screen::Welcome;
    const Screen screenBefore = m_screen;
    const uint64_t revisionBefore = m_session.store().revision();
    const bool draftBefore = m_draft.has_value();
    tickSync(); // the debounced sync after a saved change, and the timer (sync_card.cpp)
    handleShortcuts();
    drawShell();
    // Text whose glyphs the atlas lacks: the shell adds them before the next frame (glyphs.hpp).
    noteStoreText(m_session.store());
    if (m_draft) noteEntryText(*m_draft);
    noteActiveInputText();
    // Persist the draft when a field loses focus, or every few seconds while typing.
    persistDraft(!io.WantTextInput);
    if (m_settleFrames > 0) --m_settleFrames;
    if (m_screen != screenBefore || m_session.store().revision() != revisionBefore ||
        m_draft.has_value() != draftBefore)
        m_settleFrames = 3; // cards size themselves in 2 frames; a window's scroll range in 3
}

void App::drawShell() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("Pathway", nullptr, flags);
    ImGui::PopStyleVar();

    if (m_screen == Screen::Welcome) {
        drawWelcome();
        ImGui::End();
        return;
    }
    if (m_screen == Screen::Cohort) { // a mode of its own: an academy's cohort
        ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().background);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                            m_phone ? ImVec2(em(0.9f), em(0.8f)) : ImVec2(em(1.8f), em(1.2f)));
        ImGui::BeginChild("cohort", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        drawCohort();
        ImGui::EndChild();
        ImGui::End();
        return;
    }
    if (m_screen == Screen::Mentor) { // a mode of its own: someone else's portfolio
        ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().background);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                            m_phone ? ImVec2(em(0.9f), em(0.8f)) : ImVec2(em(1.8f), em(1.2f)));
        ImGui::BeginChild("mentor", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        drawMentor();
        ImGui::EndChild();
        ImGui::End();
        return;
    }

    const float navHeight = m_phone ? std::max(em(3.6f), 56.f) : 0.f;
    if (!m_phone) {
        ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.f);
        ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.f);
        ImGui::BeginChild("nav", ImVec2(em(13.5f), 0), ImGuiChildFlags_None);
        drawNavigation(false);
        ImGui::EndChild();
        ImGui::PopStyleVar(2);
        // A hairline between the rail and the content.
        const ImVec2 a = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, vp->WorkPos.y), ImVec2(a.x, a.y),
                                            col(palette().border));
        ImGui::SameLine(0, 0);
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().background);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        m_phone ? ImVec2(em(0.9f), em(0.8f)) : ImVec2(em(1.8f), em(1.2f)));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.f);
    ImGui::BeginChild("content", ImVec2(0, -navHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    drawTopBar();
    drawDraftBanner();
    switch (m_screen) {
    case Screen::Home:
        drawHome();
        break;
    case Screen::Log:
        drawLog();
        break;
    case Screen::Editor:
        drawEditor();
        break;
    case Screen::Frameworks:
        drawFrameworks();
        break;
    case Screen::Reviews:
        drawReviews();
        break;
    case Screen::SelfAssessment:
        drawSelfAssessment();
        break;
    case Screen::Settings:
        drawSettings();
        break;
    case Screen::Share:
        drawShare();
        break;
    case Screen::Welcome:
    case Screen::Mentor:
    case Screen::Cohort:
        break;
    }
    ImGui::EndChild();
    if (m_phone) {
        ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.f);
        ImGui::BeginChild("bottomnav", ImVec2(0, 0), ImGuiChildFlags_None,
                          ImGuiWindowFlags_NoScrollbar);
        drawNavigation(true);
        ImGui::EndChild();
        ImGui::PopStyleVar();
    }
    drawAddMenu();
    ImGui::End();
}

namespace {
struct NavItem {
    const char* id;
    const char* icon;
    const char* label;
    const char* shortLabel; ///< bottom bar on phones
    Screen screen;
};
constexpr NavItem kNavItems[] = {
    {"nav.home", icon::kHome, "Home", "Home", Screen::Home},
    {"nav.log", icon::kList, "Learning log", "Log", Screen::Log},
    {"nav.frameworks", icon::kGrid, "Frameworks", "Progress", Screen::Frameworks},
    {"nav.reviews", icon::kReview, "Reviews", "Reviews", Screen::Reviews},
    {"nav.settings", icon::kSettings, "Settings", "Settings", Screen::Settings},
    // Desktop only (the phone's bottom bar has five places): on phones Share is reached from
    // Settings and Reviews.
    {"nav.share", icon::kShare, "Share and import", "Share", Screen::Share},
};
} // namespace

void App::drawNavigation(bool bottom) {
    const Palette& p = palette();
    if (bottom) {
        // Home, Log, [Add], Progress, Reviews, Settings: six targets, each at least 56 px high.
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float fullW = ImGui::GetContentRegionAvail().x;
        const float h = ImGui::GetContentRegionAvail().y;
        ImGui::GetWindowDrawList()->AddLine(origin, ImVec2(origin.x + fullW, origin.y),
                                            col(p.border));
        const float w = fullW / 6.f;
        // Labels at 82 % of the text size, smaller when the widest would not fit its slot (a
        // 320 px screen, the largest text); too small to read and they give way to the icons
        // alone, each still named for assistive technology.
        float widest = ImGui::CalcTextSize("Add CPD").x;
        for (int i = 0; i < 5; ++i) widest = std::max(widest, ImGui::CalcTextSize(kNavItems[i].shortLabel).x);
        const float fit = (w - em(0.3f)) / std::max(widest, 1.f);
        const bool labels = fit >= 0.6f;
        ImGui::SetWindowFontScale(labels ? std::min(0.82f, fit) : 0.82f);
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 0.f);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.f);
        int slot = 0;
        auto place = [&] { ImGui::SetCursorScreenPos(ImVec2(origin.x + w * slot++, origin.y)); };
        for (int i = 0; i < 5; ++i) {
            const NavItem& it = kNavItems[i];
            if (i == 2) {
                place();
                char add[64];
                std::snprintf(add, sizeof add, labels ? "%s\nAdd CPD" : "%s##Add CPD", icon::kAdd);
                ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, em(0.8f));
                if (button("action.add-cpd", add, true, ImVec2(w, h)))
                    startNewEntry(EntryKind::Cpd);
                ImGui::PopStyleVar();
            }
            place();
            const bool active = m_screen == it.screen ||
                                (it.screen == Screen::Reviews && m_screen == Screen::SelfAssessment);
            ImGui::PushStyleColor(ImGuiCol_Button, p.surface);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.surfaceAlt);
            ImGui::PushStyleColor(ImGuiCol_Text, active ? p.accent : p.textMuted);
            char label[64];
            std::snprintf(label, sizeof label, labels ? "%s\n%s" : "%s##%s", it.icon, it.shortLabel);
            if (button(it.id, label, false, ImVec2(w, h))) show(it.screen);
            semantics(Role::Link, active ? state::kCurrent : 0, it.id);
            ImGui::PopStyleColor(3);
        }
        ImGui::PopStyleVar(3);
        ImGui::SetWindowFontScale(1.f);
        return;
    }
    ImGui::Dummy(ImVec2(0, em(1.0f)));
    ImGui::Indent(em(1.2f));
    ImGui::PushFont(fonts().title);
    ax::TextColored(p.accent, "Pathway");
    ImGui::PopFont();
    const Profile& profile = m_session.store().portfolio().profile;
    ax::TextUnformatted(profile.name.c_str());
    muted(std::string(stageLabel(profile.stage)).c_str());
    ImGui::Unindent(em(1.2f));
    ImGui::Dummy(ImVec2(0, em(0.8f)));
    ImGui::Indent(em(0.8f));
    const float w = ImGui::GetContentRegionAvail().x - em(0.8f);
    const float menuW = em(2.4f);
    char add[64];
    std::snprintf(add, sizeof add, "%s  Add CPD", icon::kAdd);
    if (button("action.add-cpd", add, true, ImVec2(w - menuW - em(0.25f), em(2.5f))))
        startNewEntry(EntryKind::Cpd);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Record a piece of CPD (Ctrl+N)");
    ImGui::SameLine(0, em(0.25f));
    if (button("action.add-menu", (std::string(icon::kExpand) + "##Add another kind of entry").c_str(), true, ImVec2(menuW, em(2.5f))))
        m_openAddMenu = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add another kind of entry");
    ImGui::Dummy(ImVec2(0, em(0.6f)));
    for (const auto& it : kNavItems) {
        const bool active = m_screen == it.screen ||
                            (it.screen == Screen::Reviews && m_screen == Screen::SelfAssessment);
        char label[64];
        std::snprintf(label, sizeof label, "%s   %s", it.icon, it.label);
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.f, 0.5f));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em(0.8f), em(0.4f)));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.f);
        ImGui::PushStyleColor(ImGuiCol_Button,
                              active ? mix(p.surface, p.accent, 0.12f) : p.surface);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.surfaceAlt);
        ImGui::PushStyleColor(ImGuiCol_Text, active ? p.accent : p.text);
        if (button(it.id, label, false, ImVec2(w, em(2.4f)))) show(it.screen);
        semantics(Role::Link, active ? state::kCurrent : 0, it.id);
        ImGui::PopStyleColor(3);
        ImGui::PopStyleVar(3);
    }
    if (m_draft && m_screen != Screen::Editor) {
        ImGui::Dummy(ImVec2(0, em(0.4f)));
        char label[160];
        std::snprintf(label, sizeof label, "%s   Draft: %.24s", icon::kEdit,
                      m_draft->title.empty() ? "untitled" : m_draft->title.c_str());
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.f, 0.5f));
        ImGui::PushStyleColor(ImGuiCol_Button, mix(p.surface, p.warn, 0.12f));
        ImGui::PushStyleColor(ImGuiCol_Text, p.text);
        if (button("nav.draft", label, false, ImVec2(w, em(2.4f)))) show(Screen::Editor);
        ImGui::PopStyleColor(2);
        ImGui::PopStyleVar();
    }
    ImGui::Unindent(em(0.8f));
    // Footer: where the data lives.
    const float footerY = ImGui::GetWindowHeight() - em(3.2f);
    if (ImGui::GetCursorPosY() < footerY) {
        ImGui::SetCursorPosY(footerY);
        ImGui::Indent(em(1.2f));
        ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - em(1));
        mutedWrapped("Kept on this device.\nNothing leaves it unless you export it.");
        ImGui::PopTextWrapPos();
        ImGui::Unindent(em(1.2f));
    }
}

void App::drawAddMenu() {
    const Palette& p = palette();
    ImGui::SetNextWindowSize(ImVec2(std::min(em(24), ImGui::GetIO().DisplaySize.x - em(2)), 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    if (m_openAddMenu) ImGui::OpenPopup("Add an entry");
    m_openAddMenu = false;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(1.2f), em(1.0f)));
    if (ImGui::BeginPopupModal("Add an entry", nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) {
        heading("What would you like to record?");
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        for (const KindSpec& spec : kinds()) {
            if (!spec.offeredToAdd) continue;
            const EntryKind k = spec.kind;
            const std::string id = "add." + std::string(kindId(k));
            char label[96];
            std::snprintf(label, sizeof label, "%s   %s", kindIcon(k),
                          std::string(kindLabel(k)).c_str());
            ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.f, 0.5f));
            ImGui::PushStyleColor(ImGuiCol_Button, p.surface);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.surfaceAlt);
            if (button(id.c_str(), label, false, ImVec2(-FLT_MIN, em(2.3f)))) {
                ImGui::CloseCurrentPopup();
                startNewEntry(k);
            }
            ImGui::PopStyleColor(2);
            ImGui::PopStyleVar();
        }
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        if (button("add.cancel", "Cancel", false, ImVec2(-FLT_MIN, em(2.2f))) ||
            ImGui::IsKeyPressed(ImGuiKey_Escape))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
}

void App::drawTopBar() {
    const Palette& p = palette();
    Store& store = m_session.store();
    const char* title = "Home";
    switch (m_screen) {
    case Screen::Home:
        title = "Home";
        break;
    case Screen::Log:
        title = "Learning log";
        break;
    case Screen::Editor:
        title = m_draft ? (m_draftIsNew ? "New entry" : "Edit entry") : "Entry";
        break;
    case Screen::Frameworks:
        title = "Frameworks and progression";
        break;
    case Screen::Reviews:
        title = "ASYE reviews";
        break;
    case Screen::Settings:
        title = "Settings";
        break;
    case Screen::Share:
        title = "Share and import";
        break;
    case Screen::Welcome:
        title = "Welcome";
        break;
    case Screen::Mentor:
        title = "Review";
        break;
    case Screen::Cohort:
        title = "Cohort";
        break;
    case Screen::SelfAssessment:
        title = "Self-assessment";
        break;
    }
    std::string greeting;
    if (m_screen == Screen::Home) {
        const std::string& name = m_session.store().portfolio().profile.name;
        greeting = "Hello, " + name.substr(0, name.find(' '));
        title = greeting.c_str();
    }
    // The title wraps beside Undo and Redo; where that leaves it too little room (a 320 px
    // screen, the largest text) the buttons go under it instead.
    const float bw = em(2.6f);
    const float bh = m_phone ? std::max(em(2.4f), 44.f) : em(2.2f);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float buttonsX = ImGui::GetContentRegionMax().x - bw * 2 - spacing;
    const ImVec2 start = ImGui::GetCursorPos();
    const bool beside = buttonsX - spacing - start.x >= em(9.f);
    ImGui::PushFont(fonts().title);
    ImGui::PushTextWrapPos(beside ? buttonsX - spacing : 0.f);
    ax::TextUnformatted(title);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const float titleEnd = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(beside ? buttonsX : start.x, beside ? start.y - em(0.1f) : titleEnd));
    ImGui::BeginDisabled(!store.canUndo());
    if (button("action.undo", (std::string(icon::kUndo) + "##Undo").c_str(), false, ImVec2(bw, bh))) store.undo();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && store.canUndo())
        ImGui::SetTooltip("Undo %s (Ctrl+Z)", store.undoLabel().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!store.canRedo());
    if (button("action.redo", (std::string(icon::kRedo) + "##Redo").c_str(), false, ImVec2(bw, bh))) store.redo();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && store.canRedo())
        ImGui::SetTooltip("Redo %s (Ctrl+Shift+Z)", store.redoLabel().c_str());
    ImGui::EndDisabled();
    // What follows starts below the title and a button's full height (both buttons sit 0.1 em
    // above the line, level with the title's cap height).
    const float below = std::max(titleEnd, (beside ? start.y : titleEnd) + bh + ImGui::GetStyle().ItemSpacing.y);
    if (ImGui::GetCursorPosY() < below) {
        ImGui::SetCursorPosY(below - ImGui::GetStyle().ItemSpacing.y);
        ImGui::Dummy(ImVec2(0, 0)); // an item there: ImGui lays out from items, not from the cursor
    }
    if (m_screen == Screen::Home) {
        const Date today = m_clock.today();
        muted((friendlyDate(today) + "  \xc2\xb7  " +
               std::string(stageLabel(m_session.store().portfolio().profile.stage)))
                  .c_str());
    }
    if (!m_session.error().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
        ax::TextWrapped("%s %s", icon::kWarning, m_session.error().c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, em(0.4f)));
}

void App::drawDraftBanner() {
    if (!m_draft || m_screen == Screen::Editor || !draftDirty()) return;
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Border, mix(p.border, p.warn, 0.6f));
    const bool cardOpen = beginCard("draftbanner", ImVec2(0, 0));
    ImGui::PopStyleColor(); // the card keeps its border; its buttons do not
    if (cardOpen) {
        ax::TextColored(p.warn, "%s", icon::kEdit);
        ImGui::SameLine();
        const std::string text = "Unsaved " + asciiLower(kindLabel(m_draft->kind)) +
                                 (m_draft->title.empty() ? "" : ": \"" + m_draft->title + "\"");
        ax::TextUnformatted(text.c_str());
        if (!m_phone) ImGui::SameLine(ImGui::GetContentRegionMax().x - em(15));
        if (button("action.resume-draft", "Continue", true, ImVec2(em(7), 0))) show(Screen::Editor);
        ImGui::SameLine();
        if (button("action.discard-draft", "Discard", false, ImVec2(em(7), 0))) discardDraft();
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.2f)));
}

void App::drawEntryRow(const Entry& e, size_t index, const char* idPrefix) {
    ImGui::PushID(static_cast<int>(index));
    std::string meta(kindLabel(e.kind));
    if (auto hours = e.number(field::kHours)) meta += "  \xc2\xb7  " + hoursText(*hours);
    if (!e.tags.empty()) {
        meta += "  \xc2\xb7  ";
        for (size_t i = 0; i < e.tags.size() && i < 4; ++i)
            meta += (i ? ", " : "") + e.tags[i];
        if (e.tags.size() > 4) meta += ", \xe2\x80\xa6";
    }
    if (entryRow(e, idPrefix + e.id, meta)) editEntry(e.id);
    ImGui::PopID();
}

} // namespace pathway::ui
