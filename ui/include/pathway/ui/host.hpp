// What the screens need from the program that hosts them (desktop window or web page).
// The UI never touches SDL, files or the browser directly; the shells implement this.
#pragma once

#include <string>
#include <string_view>

namespace pathway::ui {

class Host {
  public:
    virtual ~Host() = default;
    /// Offers bytes to the user as a file (a save dialog natively, a download on the web).
    virtual void offerDownload(std::string_view fileName, std::string_view mimeType,
                               std::string_view bytes) = 0;
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

    std::string lastDownloadName;
    std::string lastDownload;
    std::string draft;
    int draftSaves = 0;
};

} // namespace pathway::ui
