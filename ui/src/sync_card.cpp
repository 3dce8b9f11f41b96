// Settings -> Sync (issue 16): the server, database, user name and password (kept on the device
// through the Host, never in the portfolio file), "Sync now", the status line, and syncing
// kSyncAfterSaveMs after a saved change and every kSyncIntervalMs. The transport is the Host's
// (libcurl natively, XMLHttpRequest on the web); a failed sync changes nothing here.
#include "pathway/core/sync.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "sync_state.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

std::string changes(int32_t n) {
    return std::to_string(n) + (n == 1 ? " change" : " changes");
}

/// "just now", "2 min ago", "3 h ago", "4 days ago".
std::string ago(int64_t ms) {
    const int64_t minutes = std::max<int64_t>(0, ms) / 60'000;
    if (minutes < 1) return "just now";
    if (minutes < 60) return std::to_string(minutes) + " min ago";
    if (minutes < 48 * 60) return std::to_string(minutes / 60) + " h ago";
    return std::to_string(minutes / (24 * 60)) + " days ago";
}

} // namespace

SyncUiState& syncState(std::unique_ptr<SyncUiState>& s, Host& host) {
    if (!s) {
        s = std::make_unique<SyncUiState>();
        s->settings = parseSyncSettings(host.loadSyncSettings());
    }
    return *s;
}

const std::string& App::syncError() const {
    static const std::string none;
    return m_sync ? m_sync->error : none;
}

const SyncSettings& App::syncSettings() const {
    static const SyncSettings none;
    return m_sync ? m_sync->settings : none;
}

void App::setSyncSettings(const SyncSettings& settings) {
    SyncUiState& s = syncState(m_sync, m_host);
    s.settings = settings;
    const bool any = !settings.server.empty() || !settings.database.empty() ||
                     !settings.user.empty() || !settings.password.empty();
    m_host.saveSyncSettings(any ? serializeSyncSettings(settings) : "");
    s.error.clear();
    s.lastAttemptMs = -1; // a new server or login: sync at the next chance
}

void App::syncNow() {
    SyncUiState& s = syncState(m_sync, m_host);
    Store& store = m_session.store();
    const int64_t now = m_clock.nowMs();
    s.lastAttemptMs = now;
    s.attemptedRevision = store.revision();
    HttpTransport* http = m_host.syncTransport();
    if (!http) {
        s.error = "Sync is not available here.";
        return;
    }
    if (!s.settings.configured()) {
        s.error = "Enter the server address and the database first.";
        return;
    }
    SyncOptions o;
    o.server = std::string(trim(s.settings.server));
    o.database = std::string(trim(s.settings.database));
    o.user = std::string(trim(s.settings.user));
    o.password = s.settings.password;
    o.nowMs = now;
    o.cache = &s.cache;
    s.offline = false;
    if (std::string e = checkSyncOptions(o); !e.empty()) {
        s.error = e;
        return;
    }
    if (IoResult ready = prepareDatabase(o, {}, *http); !ready) {
        s.error = ready.error;
        s.offline = ready.error.rfind("Cannot reach", 0) == 0;
        return;
    }
    // The store's portfolio as it is now (unsaved changes too); the copy is handed over.
    SyncResult r = syncPortfolio(Portfolio(store.portfolio()), o, *http);
    if (!r.ok) {
        s.error = r.error; // nothing here changed: local changes wait for the next sync
        s.offline = r.offline;
        return;
    }
    s.error.clear();
    const MergeReport pulled = r.report.pulled;
    store.absorb(std::move(r.portfolio));
    s.attemptedRevision = store.revision();
    s.seenRevision = store.revision();
    if (pulled.changes() > 0) noteChangesElsewhere(pulled);
}

std::string App::syncStatus() {
    SyncUiState& s = syncState(m_sync, m_host);
    if (!s.settings.configured()) return "Sync is off: nothing leaves this device.";
    const Store& store = m_session.store();
    if (s.statusRevision != store.revision()) {
        s.pending = pendingChanges(store.portfolio(), &s.cache);
        s.lastSyncMs = readSyncState(store.portfolio()).lastSyncMs;
        s.statusRevision = store.revision();
    }
    const std::string waiting = s.pending > 0 ? changes(s.pending) + " waiting" : "nothing waiting";
    if (!s.error.empty()) return (s.offline ? "Offline: " : "Not synced: ") + waiting;
    if (s.lastSyncMs > 0)
        return "Synced " + ago(m_clock.nowMs() - s.lastSyncMs) +
               (s.pending > 0 ? " (" + waiting + ")" : "");
    return "Not synced yet: " + waiting;
}

void App::tickSync() {
    SyncUiState& s = syncState(m_sync, m_host);
    if (!s.settings.configured() || !m_host.syncTransport()) return;
    const int64_t now = m_clock.nowMs();
    const uint64_t revision = m_session.store().revision();
    if (revision != s.seenRevision) { // a change: its debounce starts now
        s.seenRevision = revision;
        s.changedAtMs = now;
    }
    const bool savedChange = revision != s.attemptedRevision && !m_session.dirty() &&
                             now - s.changedAtMs >= kSyncAfterSaveMs;
    const bool due = s.lastAttemptMs < 0 || now - s.lastAttemptMs >= kSyncIntervalMs;
    if (savedChange || due) syncNow();
}

double App::secondsUntilSync() const {
    if (!m_sync || !m_sync->settings.configured()) return 1e9;
    const SyncUiState& s = *m_sync;
    const int64_t now = m_clock.nowMs();
    int64_t next = s.lastAttemptMs < 0 ? now : s.lastAttemptMs + kSyncIntervalMs;
    if (m_session.store().revision() != s.attemptedRevision)
        // Waiting for the shell's save (which a full disk may hold up): look again in a second
        // rather than drawing frames until then.
        next = std::min(next, m_session.dirty() ? now + 1000 : s.changedAtMs + kSyncAfterSaveMs);
    // Without a server configured there is no transport to wait for either.
    if (!m_host.syncTransport()) return 1e9;
    return std::max<double>(0.0, static_cast<double>(next - now) / 1000.0);
}

void App::drawSyncCard() {
    const Palette& p = palette();
    SyncUiState& s = syncState(m_sync, m_host);
    if (!beginCard("sync", ImVec2(0, 0))) {
        endCard();
        return;
    }
    cardTitle(icon::kUpload, "Sync");
    mutedWrapped("Keeps this portfolio in step with your own database on your academy's CouchDB "
                 "server: your phone, your laptop and your mentor see the same. Off until you fill "
                 "this in; the password is kept only on this device.");
    // Typed into the held settings; kept through the Host (and synced with) once editing ends.
    SyncSettings& edited = s.settings;
    bool changed = false;
    changed |= textField("settings.sync.server", "Server address", edited.server,
                         "https://couch.example.org", 0, TextKind::Code);
    changed |= textField("settings.sync.database", "Database", edited.database,
                         "e.g. sw-sam-taylor", 0, TextKind::Code);
    changed |= textField("settings.sync.user", "User name", edited.user, "", 0, TextKind::Code);
    changed |=
        textField("settings.sync.password", "Password", edited.password, "", 0, TextKind::Secret);
    if (changed) setSyncSettings(SyncSettings(edited));

    const bool available = m_host.syncTransport() != nullptr;
    ImGui::BeginDisabled(!available || !s.settings.configured());
    if (button("settings.sync.now", "Sync now", true, ImVec2(em(9), em(2.4f)))) syncNow();
    ImGui::EndDisabled();
    const std::string status = available ? syncStatus() : "Sync is not available here.";
    ImGui::PushStyleColor(ImGuiCol_Text, s.error.empty() ? p.text : p.bad);
    ax::TextWrapped("%s", status.c_str());
    ImGui::PopStyleColor();
    registerLastItem("settings.sync.status", status.c_str());
    if (!s.error.empty()) mutedWrapped(s.error.c_str());
    endCard();
}

} // namespace pathway::ui
