// What the screens need from the program that hosts them (desktop window or web page).
// The UI never touches SDL, files or the browser directly; the shells implement this.
#pragma once

#include "pathway/core/sync.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathway::ui {

/// What a device remembers between runs (issue 15): kept by ui::Runner when it changes.
struct Preferences {
    std::string theme;    ///< themeId(): "light", "dark", "high-contrast"
    float textSizePx = 0; ///< the text size chosen in Settings, in logical pixels
};

class Host {
  public:
    virtual ~Host() = default;
    /// Offers bytes to the user as a file (a save dialog natively, a download on the web).
    virtual void offerDownload(std::string_view fileName, std::string_view mimeType,
                               std::string_view bytes) = 0;
    /// A sentence about where the last offerDownload() went, when the user cannot see it
    /// otherwise ("Saved in ~/.local/share/pathway/exports."), or why it failed; "" when the
    /// platform shows it (a browser's download bar).
    virtual std::string downloadNote() const { return {}; }
    /// Where the portfolio is kept, for the settings screen ("~/.local/share/pathway/...").
    virtual std::string storageDescription() const = 0;
    /// Platform name for diagnostics ("desktop", "web").
    virtual std::string_view platform() const = 0;

    /// Keeps the editor's unsaved draft (JSON text written by the UI) somewhere that survives
    /// a crash or a closed tab; "" means there is no draft any more. Called when the draft
    /// changes (at most every couple of seconds while typing, and when a field loses focus).
    /// The desktop keeps `<portfolio>.draft.json`; the web should keep it next to the
    /// portfolio in IDBFS. The default keeps nothing (a draft then lives until the app closes).
    virtual void saveDraft(std::string_view bytes) { (void)bytes; }
    /// The draft saved last time, or "" when there is none. Read once, when the App starts.
    virtual std::string loadDraft() { return {}; }

    /// Keeps the reviewer's private key file (core/signing.hpp: sealed when they chose a
    /// passphrase) on this device: natively a private file in the data folder, on the web in
    /// IndexedDB (IDBFS). It never leaves the device unless the user exports it. "" removes it.
    virtual void saveReviewerKey(std::string_view bytes) { (void)bytes; }
    /// The key file kept by saveReviewerKey, or "" when there is none.
    virtual std::string loadReviewerKey() { return {}; }

    /// Sync (issue 16): the HTTP transport to the user's CouchDB server, or nullptr when the
    /// platform has none (Settings then says sync is not available here). Natively libcurl
    /// (net/curl_transport.hpp), on the web synchronous XMLHttpRequest (web/xhr_transport.cpp).
    virtual core::HttpTransport* syncTransport() { return nullptr; }
    /// Keeps the sync settings (core::serializeSyncSettings: server, database, user name and
    /// password) on this device only: natively a private file in the data folder, on the web
    /// IndexedDB (IDBFS), never in the portfolio file or an export. "" removes them.
    virtual void saveSyncSettings(std::string_view bytes) { (void)bytes; }
    /// The settings kept by saveSyncSettings, or "" when there are none (sync off).
    virtual std::string loadSyncSettings() { return {}; }

    /// Keeps a catalogue file added in Settings (an academy's framework or programme rule)
    /// with the user's data, as `name` (a plain file name, "early-career.json"): natively in
    /// `frameworks/` beside the portfolio, on the web in IndexedDB (IDBFS /data/frameworks/).
    /// Empty `bytes` removes it. False when it could not be kept (then it lasts this session).
    virtual bool saveCatalogFile(std::string_view name, std::string_view bytes) {
        (void)name;
        (void)bytes;
        return false;
    }
    /// The files kept by saveCatalogFile, as (name, bytes) sorted by name; read once, when the
    /// App starts, and added to the session's catalogue.
    virtual std::vector<std::pair<std::string, std::string>> loadCatalogFiles() { return {}; }
    /// Keeps the theme and text size on this device: natively in <data folder>/desktop.json
    /// (beside the window size), on the web in the browser's localStorage. The default keeps
    /// nothing (screenshot runs, tests).
    virtual void savePreferences(const Preferences& preferences) { (void)preferences; }
    /// What savePreferences kept last time, or nothing (the first run). Read once, at start.
    virtual std::optional<Preferences> loadPreferences() { return std::nullopt; }

    /// Asks the user for a file to open (imports, feedback files, a portfolio to review).
    /// `purpose` is handed back with the bytes through App::receiveFile(); `accept` lists
    /// extensions and types (".json,application/json"). Returns false when the platform has no
    /// file picker: the App then offers a path field (readLocalFile) and, on the desktop,
    /// dropping the file on the window. A picker the user cancels delivers nothing.
    virtual bool requestFile(std::string_view purpose, std::string_view accept) {
        (void)purpose;
        (void)accept;
        return false;
    }
    /// Reads a file the user named by its path (the fallback when requestFile returns false).
    /// False with a sentence in `error` when it cannot.
    /// Asks for the confidentiality check's word list when the core has none yet
    /// (core::activeLexicon() is null: the web build fetches it when the check first runs, so
    /// the first load stays small). True when it will arrive later through
    /// App::wordListArrived(); false when the platform has no way to get it (the check then
    /// runs on cues and shapes alone). Native builds embed the list and never ask.
    virtual bool requestWordList() { return false; }
    virtual bool readLocalFile(const std::string& path, std::string& bytes, std::string& error) {
        (void)path;
        (void)bytes;
        error = "Opening files by path is not possible here.";
        return false;
    }

    /// Asks for several files at once (a cohort's portfolios): `folder` picks a whole folder.
    /// Each file comes back through App::receiveFile(purpose, name, bytes), then one call with
    /// purpose + ".done" and no bytes. False when the platform has no such picker (the App
    /// then offers a folder path: readLocalFolder).
    virtual bool requestFiles(std::string_view purpose, std::string_view accept, bool folder) {
        (void)purpose;
        (void)accept;
        (void)folder;
        return false;
    }
    /// Every file ending in `extension` directly inside the folder `path`, as (name, bytes),
    /// sorted by name. False with a sentence in `error` when the folder cannot be read.
    virtual bool readLocalFolder(const std::string& path, std::string_view extension,
                                 std::vector<std::pair<std::string, std::string>>& files,
                                 std::string& error) {
        (void)path;
        (void)extension;
        (void)files;
        error = "Opening folders is not possible here.";
        return false;
    }
};

/// A host that keeps everything in memory: headless tests.
class NullHost final : public Host {
  public:
    void offerDownload(std::string_view name, std::string_view, std::string_view bytes) override {
        lastDownloadName = std::string(name);
        lastDownload = std::string(bytes);
    }
    std::string storageDescription() const override { return "memory"; }
    std::string_view platform() const override { return "test"; }
    void saveDraft(std::string_view bytes) override {
        draft = std::string(bytes);
        ++draftSaves;
    }
    std::string loadDraft() override { return draft; }
    bool requestWordList() override {
        ++wordListRequests;
        return fetchesWordList;
    }
    int wordListRequests = 0;
    bool fetchesWordList = false; ///< act like the web: the list arrives later
    void saveReviewerKey(std::string_view bytes) override { reviewerKey = std::string(bytes); }
    std::string loadReviewerKey() override { return reviewerKey; }
    bool requestFile(std::string_view purpose, std::string_view accept) override {
        requestedPurpose = std::string(purpose);
        requestedAccept = std::string(accept);
        return hasPicker;
    }
    bool readLocalFile(const std::string& path, std::string& bytes, std::string& error) override {
        for (const auto& [name, content] : files)
            if (name == path) {
                bytes = content;
                return true;
            }
        error = "No file called " + path + ".";
        return false;
    }

    bool requestFiles(std::string_view purpose, std::string_view accept, bool folder) override {
        requestedPurpose = std::string(purpose);
        requestedAccept = std::string(accept);
        requestedFolder = folder;
        return hasPicker;
    }
    /// The folder holds the `files` whose names start with `path` + "/".
    bool readLocalFolder(const std::string& path, std::string_view extension,
                         std::vector<std::pair<std::string, std::string>>& out,
                         std::string& error) override {
        const std::string prefix = path + "/";
        bool any = false;
        for (const auto& [name, content] : files)
            if (name.rfind(prefix, 0) == 0) {
                any = true;
                if (name.size() >= extension.size() &&
                    name.compare(name.size() - extension.size(), extension.size(), extension) == 0)
                    out.emplace_back(name.substr(prefix.size()), content);
            }
        if (!any) error = "No folder called " + path + ".";
        return any;
    }

    core::HttpTransport* syncTransport() override { return transport; }
    void saveSyncSettings(std::string_view bytes) override { syncSettings = std::string(bytes); }
    std::string loadSyncSettings() override { return syncSettings; }
    void savePreferences(const Preferences& p) override {
        preferences = p;
        ++preferenceSaves;
    }
    std::optional<Preferences> loadPreferences() override { return preferences; }
    std::optional<Preferences> preferences; ///< what the "device" remembers
    int preferenceSaves = 0;

    core::HttpTransport* transport = nullptr; ///< a test's fake server; nullptr: no sync here
    std::string syncSettings;

    bool saveCatalogFile(std::string_view name, std::string_view bytes) override {
        if (!keepsCatalogFiles) return false;
        if (bytes.empty())
            catalogFiles.erase(std::string(name));
        else
            catalogFiles[std::string(name)] = std::string(bytes);
        return true;
    }
    std::vector<std::pair<std::string, std::string>> loadCatalogFiles() override {
        return {catalogFiles.begin(), catalogFiles.end()};
    }
    std::map<std::string, std::string> catalogFiles; ///< the "data folder's" frameworks/
    bool keepsCatalogFiles = true;

    bool hasPicker = true;
    bool requestedFolder = false;
    std::string requestedPurpose, requestedAccept;
    std::vector<std::pair<std::string, std::string>> files; ///< readLocalFile's "disk"
    std::string lastDownloadName;
    std::string lastDownload;
    std::string draft;
    int draftSaves = 0;
    std::string reviewerKey;
};

} // namespace pathway::ui
