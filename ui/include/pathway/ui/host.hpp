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
};

/// A host that does nothing: headless tests.
class NullHost final : public Host {
  public:
    void offerDownload(std::string_view name, std::string_view, std::string_view bytes) override {
        lastDownloadName = std::string(name);
        lastDownload = std::string(bytes);
    }
    std::string storageDescription() const override { return "memory"; }
    std::string_view platform() const override { return "test"; }
    std::string lastDownloadName;
    std::string lastDownload;
};

} // namespace pathway::ui
