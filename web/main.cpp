// Pathway in the browser: the shared screens on SDL2 + WebGL2, the portfolio in IndexedDB
// (IDBFS mounted at /data). The page (index.html, pathway-shell.js) drives start-up and talks to
// this file through the exported pathway_* functions below.
//
// Workarounds (each cites the behaviour behind it):
// - SDL 2.26's emscripten backend never raises a phone's on-screen keyboard, and drops text that
//   arrives as composition or inserted text (IME, dictation, autocorrect, emoji pickers): the
//   browser edits the text instead. While a field is being edited the page lays a real
//   <textarea>/<input> over it (ui::TextOverlay; the field draws only its frame) and sends its
//   whole text here on every input event (pathway_overlay_input).
// - SDL listens for keys on the whole window by default, which would type twice while the
//   page's field has focus: SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT keeps it on the canvas.
// - SDL turns touches into mouse events and ImGui has no touch scrolling: touches go to
//   ui::TouchInput instead (drag scrolls, long press right-clicks, no hover after a tap).
// - emscripten_set_main_loop ticks on every animation frame even when a frame draws nothing
//   (about 4 % of a core): the loop pauses when ui::Runner has no frame or save due and resumes
//   on input (the page calls pathway_resume), on the runner's timers and on every pathway_* call.
//
// The loop's body (when to draw, the frame, fonts, the debounced save, the theme and text size
// kept across reloads) is ui::Runner's, shared with the desktop; this file is its backend.
#include "glyph_fetch.hpp"
#include "xhr_transport.hpp"
#include "sdl_gl.hpp" // shell/: what this shell shares with the desktop's
#include "pathway/core/lexicon.hpp"
#include "pathway/core/session.hpp"
#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/runner.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/touch.hpp"
#include "pathway/ui/widgets.hpp"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#include <GLES3/gl3.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

namespace {

using namespace pathway;

constexpr const char* kPortfolioPath = "/data/portfolio.json";
constexpr const char* kDraftPath = "/data/draft.json";
constexpr const char* kReviewerKeyPath = "/data/reviewer-key.json";
constexpr const char* kSyncSettingsPath = "/data/sync-settings.json";
constexpr const char* kCatalogDir = "/data/frameworks"; // catalogue files added in Settings
constexpr double kSaveDelayMs = 300; // each change reaches IndexedDB well within a second

std::string readText(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<unsigned char> readBytes(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void flushStorage() {
    // Writes the in-memory file system back to IndexedDB; the page reports failures (quota).
    EM_ASM({ window.pathwayShell && window.pathwayShell.flush(); });
}

/// Keeps `bytes` at `path` in IndexedDB ("" removes the file): drafts, the reviewer's key.
void keepFile(const char* path, std::string_view bytes) {
    if (bytes.empty()) {
        std::remove(path);
    } else {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    flushStorage();
}

class WebHost final : public ui::Host {
  public:
    void offerDownload(std::string_view name, std::string_view mime, std::string_view bytes) override {
        // The page turns the bytes into a Blob and clicks a download link.
        EM_ASM({ window.pathwayShell && window.pathwayShell.download(UTF8ToString($0), UTF8ToString($1), HEAPU8.slice($2, $2 + $3)); },
               std::string(name).c_str(), std::string(mime).c_str(), bytes.data(), bytes.size());
    }
    std::string storageDescription() const override { return "this browser (IndexedDB)"; }
    std::string_view platform() const override { return "web"; }
    void saveDraft(std::string_view bytes) override { keepFile(kDraftPath, bytes); }
    std::string loadDraft() override { return readText(kDraftPath); }
    // The reviewer's private key lives in IndexedDB (IDBFS), never sent anywhere.
    void saveReviewerKey(std::string_view bytes) override { keepFile(kReviewerKeyPath, bytes); }
    std::string loadReviewerKey() override { return readText(kReviewerKeyPath); }
    // Sync: XMLHttpRequest (xhr_transport.cpp); the settings with the password in IndexedDB
    // (IDBFS), beside the portfolio but never in it.
    core::HttpTransport* syncTransport() override { return &m_http; }
    void saveSyncSettings(std::string_view bytes) override { keepFile(kSyncSettingsPath, bytes); }
    std::string loadSyncSettings() override { return readText(kSyncSettingsPath); }
    // Catalogue files added in Settings: IndexedDB (IDBFS) under /data/frameworks/.
    bool saveCatalogFile(std::string_view name, std::string_view bytes) override {
        std::error_code ec;
        std::filesystem::create_directories(kCatalogDir, ec);
        keepFile((std::string(kCatalogDir) + "/" + std::string(name)).c_str(), bytes);
        return !ec;
    }
    std::vector<std::pair<std::string, std::string>> loadCatalogFiles() override {
        std::vector<std::pair<std::string, std::string>> files;
        std::error_code ec;
        for (const auto& de : std::filesystem::directory_iterator(kCatalogDir, ec))
            if (de.is_regular_file(ec) && de.path().extension() == ".json")
                files.emplace_back(de.path().filename().string(), readText(de.path().c_str()));
        std::sort(files.begin(), files.end());
        return files;
    }
    // Theme and text size in localStorage ("pathway-preferences"), apart from the portfolio:
    // they belong to the device. Not a file in IDBFS: each tab writes its whole memory file
    // system back (syncfs), so a tab opened earlier would drop or undo another tab's choice.
    void savePreferences(const ui::Preferences& p) override {
        const std::string json = nlohmann::json{{"theme", p.theme}, {"text_size", p.textSizePx}}.dump();
        EM_ASM({ try { window.localStorage.setItem('pathway-preferences', UTF8ToString($0)); } catch (e) {} },
               json.c_str());
    }
    std::optional<ui::Preferences> loadPreferences() override {
        const int bytes = EM_ASM_INT({
            try {
                const v = window.localStorage.getItem('pathway-preferences');
                return v ? lengthBytesUTF8(v) : 0;
            } catch (e) { return 0; }
        });
        if (bytes <= 0 || bytes >= 4096) return std::nullopt;
        std::string text(static_cast<size_t>(bytes) + 1, '\0');
        EM_ASM({ stringToUTF8(window.localStorage.getItem('pathway-preferences') || '', $0, $1); },
               text.data(), bytes + 1);
        text.resize(static_cast<size_t>(bytes));
        const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_object()) return std::nullopt;
        const double px = j.value("text_size", 0.0);
        return ui::Preferences{j.value("theme", std::string()),
                               px >= 10 && px <= ui::kTextLargestPx ? static_cast<float>(px) : 0.f};
    }
    bool requestFile(std::string_view purpose, std::string_view accept) override {
        // The page clicks a hidden file input (the tap that asked is still a user activation);
        // the chosen file comes back through pathway_receive_file.
        EM_ASM({ window.pathwayShell && window.pathwayShell.pickFile(UTF8ToString($0), UTF8ToString($1)); },
               std::string(purpose).c_str(), std::string(accept).c_str());
        return true;
    }
    bool requestWordList() override {
        // The word list is not in the first load: the page fetches words/british-english.txt
        // (the service worker keeps it for offline use) and hands it to pathway_words.
        return EM_ASM_INT({ return window.pathwayShell && window.pathwayShell.fetchWords ? (window.pathwayShell.fetchWords(), 1) : 0; }) != 0;
    }
    bool requestFiles(std::string_view purpose, std::string_view accept, bool folder) override {
        // A hidden input with `multiple` (and `webkitdirectory` for a folder); the page hands
        // each file to pathway_receive_file, then purpose + ".done".
        EM_ASM({ window.pathwayShell && window.pathwayShell.pickFiles(UTF8ToString($0), UTF8ToString($1), $2); },
               std::string(purpose).c_str(), std::string(accept).c_str(), folder ? 1 : 0);
        return true;
    }

  private:
    web::XhrTransport m_http;
};

/// The page's canvas as ui::Runner's backend, with everything the page and the loop share.
struct WebApp final : ui::Backend {
    double nowMs() const override { return emscripten_get_now(); }
    float pixelScale() const override { return static_cast<float>(emscripten_get_device_pixel_ratio()); }
    void newFrame() override;
    void present(const ImVec4& background) override;
    void fontsRebuilt() override { shell::uploadFontAtlas(); }
    void save() override;

    core::SystemClock clock;
    core::RandomIds ids;
    core::FileStorage storage{kPortfolioPath};
    core::Session session{storage, clock, ids};
    WebHost host;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<ui::Runner> runner;
    ui::TouchInput touch;
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    double polledAt = 0;     ///< when this tick polled SDL's events (touch timing)
    int keepCaretFrames = 0; ///< frames left to keep the edited field above the keyboard
    std::string editingSent;  ///< the last field-being-edited description sent to the page
    std::string semanticsSent; ///< the last screen semantics sent to the page's mirror
    ui::WidgetRect editing;   ///< the field being edited, as last drawn (it may scroll away)
    uint32_t loopIterations = 0; ///< main-loop ticks, drawn or not (idle measurements)
    bool loopPaused = false;
    long wakeTimer = 0; ///< emscripten_set_timeout id while paused with a frame due later
    std::string clipboard;
};

WebApp* g_app = nullptr;
std::string g_buffer; // returned to JavaScript by the pathway_* getters

// ---- saving and tabs (issue 12) ------------------------------------------------------------
// A save is a compare-and-merge (core::Session::save) run by the page inside a Web Lock, between
// taking in the portfolio another tab stored and writing back to IndexedDB (pathwayShell.flush,
// pathway_save_now); other tabs hear of it on a BroadcastChannel and call pathway_refresh.

/// Asks the page for a locked save (it calls pathway_save_now when it holds the lock).
void persist() {
    WebApp& a = *g_app;
    if (!a.session.dirty()) return;
    flushStorage();
}

/// Tells the user in one line what a save or refresh took in from other tabs.
void reportChangesElsewhere() {
    WebApp& a = *g_app;
    if (a.app && a.session.lastMerge().changes() > 0) a.app->noteChangesElsewhere(a.session.lastMerge());
}

void syncCanvasSize() {
    WebApp& a = *g_app;
    double cssW = 0, cssH = 0;
    emscripten_get_element_css_size("#canvas", &cssW, &cssH);
    int w = 0, h = 0;
    SDL_GetWindowSize(a.window, &w, &h);
    if (static_cast<int>(cssW) != w || static_cast<int>(cssH) != h) // rotation, resizing, keyboard
        SDL_SetWindowSize(a.window, static_cast<int>(cssW), static_cast<int>(cssH));
}

/// When a finger event happened: the DOM event's timeStamp (the clock of emscripten_get_now()),
/// which the page queues for each changed touch (pathway-shell.js, pathwayTouchTime). SDL stamps
/// its events when a frame polls them, so under load a tap held up by one slow frame looked
/// like a long press and a drag's moves, polled together, like a throw to the end of the list.
double fingerEventMs(int kind, SDL_FingerID finger) {
    const double t = EM_ASM_DOUBLE(
        { return window.pathwayTouchTime ? window.pathwayTouchTime($0, $1) : -1; }, kind,
        static_cast<int>(finger));
    return t >= 0 ? t : emscripten_get_now();
}

/// SDL events to ImGui; touches to TouchInput (display coordinates = CSS pixels).
bool pumpEvents() {
    WebApp& a = *g_app;
    SDL_Event ev;
    bool hadInput = false;
    int w = 0, h = 0;
    SDL_GetWindowSize(a.window, &w, &h);
    while (SDL_PollEvent(&ev)) {
        hadInput = true;
        switch (ev.type) {
        case SDL_FINGERDOWN:
            a.touch.fingerDown(ev.tfinger.fingerId, ev.tfinger.x * w, ev.tfinger.y * h,
                         fingerEventMs(0, ev.tfinger.fingerId));
            continue;
        case SDL_FINGERMOTION:
            a.touch.fingerMove(ev.tfinger.fingerId, ev.tfinger.x * w, ev.tfinger.y * h,
                         fingerEventMs(1, ev.tfinger.fingerId));
            continue;
        case SDL_FINGERUP:
            a.touch.fingerUp(ev.tfinger.fingerId, ev.tfinger.x * w, ev.tfinger.y * h,
                         fingerEventMs(2, ev.tfinger.fingerId));
            continue;
        case SDL_MOUSEMOTION:
            if (ev.motion.which == SDL_TOUCH_MOUSEID) continue; // already handled as a finger
            break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (ev.button.which == SDL_TOUCH_MOUSEID) continue;
            break;
        case SDL_MOUSEWHEEL:
            if (ev.wheel.which == SDL_TOUCH_MOUSEID) continue;
            break;
        default: break;
        }
        ImGui_ImplSDL2_ProcessEvent(&ev);
    }
    return hadInput;
}

void resumeLoop() {
    WebApp& a = *g_app;
    if (a.wakeTimer != 0) {
        emscripten_clear_timeout(a.wakeTimer);
        a.wakeTimer = 0;
    }
    if (!a.loopPaused) return;
    a.loopPaused = false;
    emscripten_resume_main_loop();
}

/// Idle when nothing happens: after a tick, stops the animation-frame ticks until input (the
/// page calls pathway_resume), a pathway_* call, or the next moment the runner has something
/// due (a blinking cursor, a pending draft or portfolio save).
void pauseWhenIdle() {
    WebApp& a = *g_app;
    if (!a.app || a.keepCaretFrames > 0 || a.touch.animating()) return;
    if (SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) return; // e.g. a resize SDL queued itself
    const double wait = a.runner->msUntilDue();
    if (wait < 20.0) return; // due within about a frame: keep ticking
    emscripten_pause_main_loop();
    a.loopPaused = true;
    if (std::isfinite(wait))
        a.wakeTimer = emscripten_set_timeout(
            [](void*) {
                g_app->wakeTimer = 0;
                resumeLoop();
            },
            wait, nullptr);
}

void publishEditing();
void publishSemantics();

void frame(void*) {
    WebApp& a = *g_app;
    ++a.loopIterations;
    // Taken before polling: every touch that happened before it is in SDL's queue by now.
    a.polledAt = emscripten_get_now();
    if (pumpEvents()) a.runner->wake();
    if (a.touch.animating()) a.runner->wake(1);
    a.runner->tick();
    pauseWhenIdle();
}

std::string cssColor(ImGuiCol col) {
    const ImVec4 c = ImGui::GetStyleColorVec4(col);
    char out[64];
    std::snprintf(out, sizeof out, "rgba(%d,%d,%d,%.3f)", int(c.x * 255 + 0.5f), int(c.y * 255 + 0.5f),
                  int(c.z * 255 + 0.5f), c.w);
    return out;
}

/// UTF-16 code units in text[0, bytes) (the page's selection indices).
uint32_t utf16Length(std::string_view text, size_t bytes) {
    uint32_t n = 0;
    for (size_t i = 0; i < bytes && i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
    }
    return n;
}

/// Tells the page which field is being edited, where it is and how it looks, when that changes
/// (the page lays its own field exactly over it): {"id":""} when none.
void publishEditing() {
    WebApp& a = *g_app;
    const ui::TextEditCaret ed = ui::activeTextEdit();
    const ui::WidgetRect* w = nullptr;
    if (ed.id != 0)
        for (const auto& r : ui::widgets().rects())
            if (r.isTextField && r.imguiId == ed.id) w = &r;
    nlohmann::json j = {{"id", ""}};
    if (ed.id != 0 && (w || a.editing.imguiId == ed.id)) {
        const bool shown = w != nullptr;
        if (w) a.editing = *w;
        const ui::WidgetRect& f = a.editing;
        const ImGuiStyle& st = ImGui::GetStyle();
        ImFont* font = ui::fonts().body ? ui::fonts().body : ImGui::GetFont();
        const float size = font->FontSize * font->Scale * ImGui::GetIO().FontGlobalScale;
        static const char* kSample = "The quick brown fox jumps over the lazy dog 0123456789";
        j = {{"id", f.id}, {"label", f.label}, {"kind", ui::textKindId(f.kind)},
             {"multiline", f.multiline}, {"x", f.fx}, {"y", f.fy}, {"w", f.fw}, {"h", f.fh},
             {"clip", shown ? nlohmann::json{f.x, f.y, f.w, f.h} : nlohmann::json{f.fx, f.fy, 0, 0}},
             {"font", {{"px", size}, {"sample", kSample},
                       {"sampleWidth", font->CalcTextSizeA(size, FLT_MAX, 0, kSample).x}}},
             {"padX", st.FramePadding.x}, {"padY", st.FramePadding.y},
             {"border", st.FrameBorderSize}, {"rounding", st.FrameRounding},
             {"color", cssColor(ImGuiCol_Text)}, {"background", cssColor(ImGuiCol_FrameBg)},
             {"borderColor", cssColor(ImGuiCol_Border)}, {"selection", cssColor(ImGuiCol_TextSelectedBg)}};
    }
    std::string text = j.dump();
    if (text == a.editingSent) return;
    a.editingSent = text;
    if (ed.id != 0 && !j["id"].get<std::string>().empty()) {
        // Where ImGui put the caret (a click's position): the page's field starts there.
        j["caret"] = utf16Length(a.editing.value, ed.caret);
        j["anchor"] = utf16Length(a.editing.value, ed.anchor);
        text = j.dump();
    } else {
        ui::TextOverlay& ov = ui::textOverlay();
        if (ov.endRequested) { // nothing left to end
            ov.endRequested = false;
            ov.id.clear();
        }
    }
    EM_ASM({ window.pathwayShell && window.pathwayShell.editing(UTF8ToString($0)); }, text.c_str());
}

/// The screen's semantics for the page's DOM mirror (screen readers, issue 13), when they change.
/// What publishing the semantics costs, for the figure (pathway_bench_semantics): building the
/// JSON and comparing it, and the page's DOM diff when it changed.
struct SemanticsCost {
    int32_t frames = 0, changed = 0;
    double buildMs = 0, applyMs = 0, maxFrameMs = 0;
} g_semanticsCost;

void publishSemantics() {
    WebApp& a = *g_app;
    const double t0 = emscripten_get_now();
    std::string text = ui::semanticsJson(a.app->title(), a.app->message());
    const double t1 = emscripten_get_now();
    SemanticsCost& c = g_semanticsCost;
    ++c.frames;
    c.buildMs += t1 - t0;
    if (text == a.semanticsSent) {
        c.maxFrameMs = std::max(c.maxFrameMs, t1 - t0);
        return;
    }
    a.semanticsSent = std::move(text);
    EM_ASM({ window.pathwayShell && window.pathwayShell.semantics(UTF8ToString($0)); },
           a.semanticsSent.c_str());
    const double t2 = emscripten_get_now();
    ++c.changed;
    c.applyMs += t2 - t1;
    c.maxFrameMs = std::max(c.maxFrameMs, t2 - t0);
}

void WebApp::newFrame() {
    syncCanvasSize();
    touch.update(polledAt);
    shell::startImGuiFrame();
}

void WebApp::present(const ImVec4& bg) {
    if (keepCaretFrames > 0) {
        --keepCaretFrames;
        touch.keepCaretVisible();
        runner->wake(1);
    }
    int dw = 0, dh = 0;
    shell::drawImGuiFrame(window, bg, dw, dh);
    if (runner->framesDrawn() == 1) EM_ASM({ window.pathwayShell && window.pathwayShell.firstFrame(); });
    publishEditing();
    publishSemantics();
}

void WebApp::save() { persist(); }

const char* getClipboard(void*) { return g_app->clipboard.c_str(); }

void setClipboard(void*, const char* text) {
    g_app->clipboard = text;
    // The system clipboard where the browser allows it (focused page, secure context).
    EM_ASM({ window.pathwayShell && window.pathwayShell.copyText(UTF8ToString($0)); }, text);
}

ImGuiKey keyFromDom(const char* name) {
    struct Pair {
        const char* dom;
        ImGuiKey key;
    };
    static const Pair kKeys[] = {
        {"Backspace", ImGuiKey_Backspace}, {"Delete", ImGuiKey_Delete}, {"Enter", ImGuiKey_Enter},
        {"Tab", ImGuiKey_Tab}, {"Escape", ImGuiKey_Escape}, {"ArrowLeft", ImGuiKey_LeftArrow},
        {"ArrowRight", ImGuiKey_RightArrow}, {"ArrowUp", ImGuiKey_UpArrow},
        {"ArrowDown", ImGuiKey_DownArrow}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
        {"PageUp", ImGuiKey_PageUp}, {"PageDown", ImGuiKey_PageDown},
    };
    for (const auto& k : kKeys)
        if (std::strcmp(k.dom, name) == 0) return k.key;
    if (std::strlen(name) == 1) {
        const char c = static_cast<char>(name[0] | 0x20);
        if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
        if (name[0] >= '0' && name[0] <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (name[0] - '0'));
    }
    return ImGuiKey_None;
}

nlohmann::json checkImport(std::string_view bytes, core::LoadResult& parsed) {
    parsed = core::parsePortfolio(bytes);
    if (!parsed.ok()) return {{"ok", false}, {"error", parsed.error}};
    return {{"ok", true},
            {"name", parsed.portfolio->profile.name},
            {"entries", parsed.portfolio->entries.size()},
            {"currentEntries", g_app->session.store().portfolio().entries.size()}};
}

} // namespace

extern "C" {

/// Called by the page once IDBFS has been mounted and its first sync has finished.
EMSCRIPTEN_KEEPALIVE void pathway_start() {
    WebApp& a = *g_app;
    if (a.session.open() == core::Session::State::Broken)
        EM_ASM({ window.pathwayShell && window.pathwayShell.storageError(UTF8ToString($0)); }, a.session.error().c_str());
    a.app = std::make_unique<ui::App>(a.session, a.clock, a.host);
    a.runner->attach(a.session, *a.app, a.host); // the theme and text size kept last time
    emscripten_set_main_loop_arg(frame, nullptr, 0, false);
    EM_ASM({ window.pathwayShell && window.pathwayShell.ready(); });
}

/// The portfolio as JSON (the saved format; also what an export downloads).
EMSCRIPTEN_KEEPALIVE const char* pathway_snapshot() {
    g_buffer = core::serializePortfolio(g_app->session.store().portfolio());
    return g_buffer.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pathway_screen() {
    g_buffer = g_app->app ? std::string(ui::screenId(g_app->app->screen())) : "loading";
    return g_buffer.c_str();
}

/// This frame's widgets: [{id, label, x, y, w, h, text}] in CSS pixels.
EMSCRIPTEN_KEEPALIVE const char* pathway_widgets() {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : ui::widgets().rects())
        if (r.isTextField)
            out.push_back({{"id", r.id}, {"label", r.label}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h},
                           {"text", true}, {"multiline", r.multiline}, {"kind", ui::textKindId(r.kind)},
                           {"fx", r.fx}, {"fy", r.fy}, {"fw", r.fw}, {"fh", r.fh}});
        else
            out.push_back({{"id", r.id}, {"label", r.label}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h},
                           {"text", false}, {"multiline", false}});
    g_buffer = out.dump();
    return g_buffer.c_str();
}

/// This frame's text that cannot be read whole (ui::WidgetRegistry::clipped), as a JSON array.
EMSCRIPTEN_KEEPALIVE const char* pathway_clipped() {
    g_buffer = nlohmann::json(ui::widgets().clipped()).dump();
    return g_buffer.c_str();
}

/// Whether ImGui is editing text (the page shows or hides the on-screen keyboard).
EMSCRIPTEN_KEEPALIVE int pathway_wants_text() { return ImGui::GetIO().WantTextInput ? 1 : 0; }

/// 1 while the app still has input to process or frames to draw (tests wait for 0).
EMSCRIPTEN_KEEPALIVE int pathway_busy() {
    return g_app->runner->busy() || g_app->touch.busy() ? 1 : 0;
}

/// 1 while a change has not yet been written to the in-memory file system.
EMSCRIPTEN_KEEPALIVE int pathway_dirty() { return g_app->session.dirty() ? 1 : 0; }

/// Frames drawn since start (idle measurements: it stops growing when nothing happens).
EMSCRIPTEN_KEEPALIVE uint32_t pathway_frames() { return g_app->runner->framesDrawn(); }

/// Main-loop ticks since start, drawn or not: it stops growing while the loop is paused.
EMSCRIPTEN_KEEPALIVE uint32_t pathway_loop_iterations() { return g_app->loopIterations; }

/// 1 while the main loop is paused (nothing to draw, no timer due).
EMSCRIPTEN_KEEPALIVE int pathway_paused() { return g_app->loopPaused ? 1 : 0; }

/// Input may be waiting (the page calls it on every DOM input event): run the loop again; it
/// draws if SDL queued something and pauses again if not.
EMSCRIPTEN_KEEPALIVE void pathway_resume() { resumeLoop(); }

/// Asks for a few frames to be drawn (the page calls it on resize and on its own events).
EMSCRIPTEN_KEEPALIVE void pathway_wake() {
    g_app->runner->wake();
    resumeLoop();
}

/// The visible area changed (on-screen keyboard, rotation): redraw and keep the caret in view.
EMSCRIPTEN_KEEPALIVE void pathway_viewport_changed() {
    g_app->keepCaretFrames = 6;
    pathway_wake();
}

/// The text cursor of the field being edited, in CSS px: {"visible":true,"x":..,"y":..,"h":..}
/// or {"visible":false}.
EMSCRIPTEN_KEEPALIVE const char* pathway_caret() {
    const ImGuiPlatformImeData& ime = ImGui::GetCurrentContext()->PlatformImeData;
    nlohmann::json j = {{"visible", ImGui::GetIO().WantTextInput && ime.WantVisible}};
    if (j["visible"]) {
        j["x"] = ime.InputPos.x;
        j["y"] = ime.InputPos.y;
        j["h"] = ime.InputLineHeight;
    }
    g_buffer = j.dump();
    return g_buffer.c_str();
}

/// Where ImGui thinks the pointer is and what it hovers (tests: nothing after a finger lifts):
/// {"valid":false,"hoveredId":0,"hoveredWindow":""} or {"valid":true,"x":..,"y":..,...}.
EMSCRIPTEN_KEEPALIVE const char* pathway_pointer() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    nlohmann::json j = {{"valid", ImGui::IsMousePosValid()},
                        {"hoveredId", g.HoveredId},
                        {"hoveredWindow", g.HoveredWindow ? g.HoveredWindow->Name : ""}};
    if (ImGui::IsMousePosValid()) {
        j["x"] = g.IO.MousePos.x;
        j["y"] = g.IO.MousePos.y;
    }
    g_buffer = j.dump();
    return g_buffer.c_str();
}

/// Saves now if anything changed (the page calls it on visibilitychange/pagehide).
EMSCRIPTEN_KEEPALIVE void pathway_flush() { persist(); }

/// The page holds the storage lock and has taken in what other tabs stored: the save itself
/// (read, merge, write to the in-memory file system). 1 when it wrote, 0 when nothing to write,
/// -1 when it failed (the page shows the error).
EMSCRIPTEN_KEEPALIVE int pathway_save_now() {
    WebApp& a = *g_app;
    if (!a.session.dirty()) return 0;
    if (auto r = a.session.save(); !r) {
        EM_ASM({ window.pathwayShell && window.pathwayShell.storageError(UTF8ToString($0)); }, r.error.c_str());
        return -1;
    }
    reportChangesElsewhere();
    a.runner->noteSaved();
    pathway_wake();
    return 1;
}

/// Another tab saved (the page heard it on its BroadcastChannel and took in the stored copy):
/// merge it into this tab, keeping this tab's own unsaved changes and its draft.
EMSCRIPTEN_KEEPALIVE int pathway_refresh() {
    WebApp& a = *g_app;
    const core::MergeReport r = a.session.refresh();
    reportChangesElsewhere();
    pathway_wake();
    return r.changes();
}

/// The revision of the stored portfolio this tab last read or wrote (tests).
EMSCRIPTEN_KEEPALIVE double pathway_stored_revision() {
    return static_cast<double>(g_app->session.storedRevision());
}

/// The page's own field now lies over widget `id` (a tap on it, or the field ImGui activated):
/// the field draws only its frame and takes its text from the page.
EMSCRIPTEN_KEEPALIVE void pathway_overlay_begin(const char* id) {
    // Keys held as the focus leaves the canvas are let go on the page's field, where SDL (which
    // listens on the canvas) never hears it: Shift+Tab into a field left Shift held, and every
    // wheel after it scrolled sideways. Whatever was held is released now.
    ImGui::GetIO().ClearInputKeys();
    SDL_SetModState(KMOD_NONE);
    ui::TextOverlay& ov = ui::textOverlay();
    ov.id = id;
    ov.endRequested = false;
    ov.contentHeight = 0;
    pathway_wake();
}

/// The page's field changed (typing, autocorrect, dictation, composition, paste, cut): its whole
/// text and selection (UTF-8 byte offsets), and the height its text needs (0: unknown).
EMSCRIPTEN_KEEPALIVE void pathway_overlay_input(const char* id, const char* text, int anchor,
                                                int caret, float contentHeight) {
    ui::TextOverlay& ov = ui::textOverlay();
    ov.textFor = id;
    ov.text = text;
    if (ov.id == id) {
        ov.selection = std::make_pair(static_cast<uint32_t>(std::max(anchor, 0)),
                                      static_cast<uint32_t>(std::max(caret, 0)));
        ov.contentHeight = contentHeight;
    }
    pathway_wake();
}

/// The caret or selection moved in the page's field (UTF-8 byte offsets): the editor scrolls
/// to keep it in view.
EMSCRIPTEN_KEEPALIVE void pathway_overlay_select(const char* id, int anchor, int caret) {
    ui::TextOverlay& ov = ui::textOverlay();
    if (ov.id != id) return;
    ov.selection = std::make_pair(static_cast<uint32_t>(std::max(anchor, 0)),
                                  static_cast<uint32_t>(std::max(caret, 0)));
    pathway_wake();
}

/// The page's field let go: `how` 0 it lost focus, 1 Escape, 2 Tab, 3 Shift+Tab, 4 Enter in a
/// single line. The edit ends (one undo step); Tab moves to the next field, which the page
/// then covers in turn.
EMSCRIPTEN_KEEPALIVE void pathway_overlay_end(const char* id, int how) {
    ui::TextOverlay& ov = ui::textOverlay();
    if (ov.id != id) return;
    if (how == 2 || how == 3) {
        // The next (or previous) text field in drawing order starts editing; the page covers it.
        std::vector<const ui::WidgetRect*> fields;
        int at = -1;
        for (const auto& r : ui::widgets().rects()) {
            if (!r.isTextField) continue;
            if (r.id == id) at = static_cast<int>(fields.size());
            fields.push_back(&r);
        }
        const int to = at < 0 ? -1 : at + (how == 2 ? 1 : -1);
        if (to >= 0 && to < static_cast<int>(fields.size())) {
            ov.activate = fields[static_cast<size_t>(to)]->id;
            ov.id.clear();
            ov.contentHeight = 0;
        } else {
            ov.endRequested = true; // no field that way: the edit just ends
        }
    } else {
        ov.endRequested = true;
    }
    pathway_wake();
}

/// The text a field holds (the page fills its own field with it when a tap starts an edit).
EMSCRIPTEN_KEEPALIVE const char* pathway_field_value(const char* id) {
    const ui::WidgetRect* r = ui::widgets().find(id);
    g_buffer = r ? r->value : std::string();
    return g_buffer.c_str();
}

/// A shortcut pressed while the page's field has focus (Ctrl+S, Ctrl+N), by DOM key name;
/// `mods` bits: 1 Ctrl, 2 Shift, 4 Alt, 8 Meta; sent `repeat` times (press and release).
EMSCRIPTEN_KEEPALIVE int pathway_key(const char* domKey, int mods, int repeat) {
    const ImGuiKey key = keyFromDom(domKey);
    if (key == ImGuiKey_None) return 0;
    ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = (mods & 1) != 0, shift = (mods & 2) != 0, alt = (mods & 4) != 0, super = (mods & 8) != 0;
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(ImGuiMod_Alt, alt);
    io.AddKeyEvent(ImGuiMod_Super, super);
    for (int i = 0; i < std::max(repeat, 1); ++i) {
        io.AddKeyEvent(key, true);
        io.AddKeyEvent(key, false);
    }
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    io.AddKeyEvent(ImGuiMod_Shift, false);
    io.AddKeyEvent(ImGuiMod_Alt, false);
    io.AddKeyEvent(ImGuiMod_Super, false);
    pathway_wake();
    return 1;
}

/// What the page's paste event found: ImGui's next paste (Ctrl+V) reads it.
EMSCRIPTEN_KEEPALIVE void pathway_set_clipboard(const char* utf8) { g_app->clipboard = utf8; }

/// The wheel over the page's own field (canvas CSS px; steps as SDL counts them): the panel
/// under it scrolls. Sent to ImGui with the pointer's place, because the pointer left the canvas
/// for the field and SDL told ImGui so (a wheel with no pointer scrolls nothing).
EMSCRIPTEN_KEEPALIVE void pathway_wheel(float x, float y, float dx, float dy) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(x, y);
    io.AddMouseWheelEvent(dx, dy);
    pathway_wake();
}

/// Checks a file's bytes without changing anything:
/// {"ok":true,"name":...,"entries":N,"currentEntries":M} or {"ok":false,"error":"..."}.
EMSCRIPTEN_KEEPALIVE const char* pathway_import_check(const char* bytes, int size) {
    core::LoadResult parsed;
    g_buffer = checkImport(std::string_view(bytes, static_cast<size_t>(size)), parsed).dump();
    return g_buffer.c_str();
}

/// Replaces the portfolio with the file's (after the user confirmed) and saves at once.
/// Returns the same JSON as pathway_import_check; on failure nothing is changed.
EMSCRIPTEN_KEEPALIVE const char* pathway_import_apply(const char* bytes, int size) {
    WebApp& a = *g_app;
    core::LoadResult parsed;
    nlohmann::json result = checkImport(std::string_view(bytes, static_cast<size_t>(size)), parsed);
    if (parsed.ok()) {
        if (a.session.state() == core::Session::State::Broken) {
            // Keep the unreadable bytes under another name before they are replaced.
            const std::string keep = "/data/portfolio.unreadable-" + std::to_string(a.clock.nowMs()) + ".json";
            std::rename(kPortfolioPath, keep.c_str());
        }
        const bool wasBroken = a.session.state() == core::Session::State::Broken;
        a.session.replace(std::move(*parsed.portfolio));
        if (a.app) a.app->show(ui::Screen::Home);
        // After the rename nothing is stored to merge with: written now, pushed by the page.
        if (wasBroken) pathway_save_now();
        persist();
        pathway_wake();
    }
    g_buffer = result.dump();
    return g_buffer.c_str();
}

/// A file the user picked for the App (Host::requestFile): an import, a feedback file, a
/// portfolio to review. The App shows what it would do; nothing changes before the user agrees.
EMSCRIPTEN_KEEPALIVE void pathway_receive_file(const char* purpose, const char* name,
                                               const char* bytes, int size) {
    if (!g_app || !g_app->app) return;
    g_app->app->receiveFile(purpose, name, std::string_view(bytes, static_cast<size_t>(size)));
    // One file of a batch (Host::requestFiles) changes nothing on screen until "<purpose>.done":
    // waking for each drew a frame per file (1,000 files took minutes in software WebGL).
    if (std::string_view(purpose) != "cohort") pathway_wake();
}

/// The confidentiality check's word list, fetched by the page (Host::requestWordList); a null
/// or unreadable one (`size` 0, or `error` set by the page) lets the waiting check run without it.
EMSCRIPTEN_KEEPALIVE void pathway_words(const char* bytes, int size, const char* error) {
    std::string why = error ? error : "";
    if (bytes && size > 0) {
        if (auto lex = core::Lexicon::parse(std::string_view(bytes, static_cast<size_t>(size)), &why))
            core::installLexicon(lex);
    }
    if (g_app && g_app->app) g_app->app->wordListArrived(core::activeLexicon() != nullptr, why);
    pathway_wake();
}

/// Benchmark (scripts/web-figures.sh): draws `n` frames at once and returns the mean CPU
/// milliseconds per frame (building the UI and issuing its draw calls; not the GPU's time).
EMSCRIPTEN_KEEPALIVE double pathway_bench_frames(int n) {
    const double t0 = emscripten_get_now();
    for (int i = 0; i < n; ++i) {
        g_app->runner->wake(1);
        frame(nullptr);
    }
    const double ms = (emscripten_get_now() - t0) / std::max(n, 1);
    pathway_wake();
    return ms;
}

/// Benchmark (scripts/web-figures.sh, issue 13): draws `n` frames, each after one wheel notch
/// at (x, y) (the Log scrolls, so its rows and their mirror change every frame), and returns
/// what publishing the semantics cost as JSON: mean build-and-compare and DOM-diff
/// milliseconds per frame, the worst frame, and how many frames changed the mirror.
EMSCRIPTEN_KEEPALIVE const char* pathway_bench_semantics(int n, double x, double y) {
    static std::string out;
    g_semanticsCost = {};
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < n; ++i) {
        io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
        io.AddMouseWheelEvent(0.f, -1.f);
        g_app->runner->wake(1);
        frame(nullptr);
    }
    const SemanticsCost& c = g_semanticsCost;
    const double frames = std::max(c.frames, 1);
    nlohmann::json j = {{"frames", c.frames}, {"changed", c.changed},
                        {"buildMsPerFrame", c.buildMs / frames}, {"diffMsPerFrame", c.applyMs / frames},
                        {"worstFrameMs", c.maxFrameMs}};
    out = j.dump();
    pathway_wake();
    return out.c_str();
}

/// Test and screenshot helper: adds `count` CPD records as one undo step.
EMSCRIPTEN_KEEPALIVE void pathway_test_add_entries(int count) {
    WebApp& a = *g_app;
    core::cmd::Batch batch;
    batch.label = "Add test entries";
    const core::Date today = a.clock.today();
    for (int i = 0; i < count; ++i) {
        core::Entry e;
        e.kind = core::EntryKind::Cpd;
        e.title = "Practice learning session " + std::to_string(i + 1);
        e.date = today.addDays(-i);
        e.fields["hours"] = "1";
        batch.commands.emplace_back(core::cmd::AddEntry{std::move(e), std::nullopt});
    }
    a.session.store().apply(std::move(batch));
    pathway_wake();
}

/// Test helper: deletes the entry with this id (one undoable step, as the editor's Delete).
EMSCRIPTEN_KEEPALIVE int pathway_test_delete_entry(const char* id) {
    const bool ok = g_app->session.store().apply(core::cmd::DeleteEntry{id}).ok;
    pathway_wake();
    return ok ? 1 : 0;
}

/// Test helper: the editor's draft as {"open":bool,"title":...} (a draft survives other saves).
EMSCRIPTEN_KEEPALIVE const char* pathway_test_draft() {
    const core::Entry* d = g_app->app ? g_app->app->draft() : nullptr;
    nlohmann::json j = {{"open", d != nullptr}, {"title", d ? d->title : ""}};
    g_buffer = j.dump();
    return g_buffer.c_str();
}

/// Test and screenshot helper: opens the editor on a new entry of a kind ("cpd", "reflection").
EMSCRIPTEN_KEEPALIVE int pathway_test_new_entry(const char* kind) {
    const auto k = core::parseKind(kind);
    if (!k || !g_app->app) return 0;
    g_app->app->startNewEntry(*k);
    pathway_wake();
    return 1;
}

/// The page's mirror moved the keyboard focus to node `key` (Tab, a screen reader's cursor):
/// ImGui's navigation highlight follows and the item scrolls into view.
EMSCRIPTEN_KEEPALIVE int pathway_a11y_focus(const char* key) {
    const bool ok = ui::requestFocus(key);
    if (ok) pathway_wake();
    return ok ? 1 : 0;
}

/// The page's mirror activated node `key` (Enter, Space, a screen reader's double tap): the
/// same ImGui item is pressed.
EMSCRIPTEN_KEEPALIVE int pathway_a11y_activate(const char* key) {
    const bool ok = ui::requestActivate(key);
    if (ok) pathway_wake();
    return ok ? 1 : 0;
}

} // extern "C"

int main() {
    g_app = new WebApp();
    WebApp& a = *g_app;
    // SDL listens for keys on the whole window by default: keep it to the canvas so typing in
    // the page's hidden field (on-screen keyboard) does not reach ImGui twice.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    // Touches reach ImGui through ui::TouchInput, not as SDL's synthesized mouse events.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::printf("pathway: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    double cssW = 0, cssH = 0;
    emscripten_get_element_css_size("#canvas", &cssW, &cssH);
    a.window = SDL_CreateWindow("Pathway", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                static_cast<int>(cssW > 0 ? cssW : 390), static_cast<int>(cssH > 0 ? cssH : 844),
                                SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!a.window) {
        std::printf("pathway: cannot create the canvas window: %s\n", SDL_GetError());
        return 1;
    }
    a.gl = SDL_GL_CreateContext(a.window);
    if (!a.gl) {
        EM_ASM({ window.pathwayShell && window.pathwayShell.fatal("WebGL2 is not available"); });
        return 1;
    }
    SDL_GL_MakeCurrent(a.window, a.gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written outside the portfolio
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // The first theme follows the system's: forced colours or more contrast pick high contrast,
    // a dark scheme dark (Settings changes it).
    const int systemTheme = EM_ASM_INT({
        const m = (q) => window.matchMedia && window.matchMedia(q).matches;
        return m('(forced-colors: active)') || m('(prefers-contrast: more)') ? 2
             : m('(prefers-color-scheme: dark)') ? 1 : 0;
    });
    ui::applyTheme(systemTheme == 2 ? ui::ThemeKind::HighContrast
                   : systemTheme == 1 ? ui::ThemeKind::Dark : ui::ThemeKind::Light);
    // prefers-reduced-motion: a thrown list stops where the finger lifts (no inertia).
    ui::TouchInput::Options touchOptions;
    touchOptions.inertia = EM_ASM_INT({
        return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 1;
    }) != 0;
    a.touch = ui::TouchInput(touchOptions);
    ui::FontFiles fonts;
    fonts.regular = readBytes("/fonts/Inter-Regular.otf");
    fonts.semibold = readBytes("/fonts/Inter-SemiBold.otf");
    fonts.icons = readBytes("/fonts/MaterialIcons-Regular.ttf");
    web::installGlyphCatalog("/fonts/glyphs.txt");
    a.runner = std::make_unique<ui::Runner>(a, std::move(fonts),
                                            ui::Runner::Options{.saveAfterChangeMs = kSaveDelayMs});
    ImGui_ImplSDL2_InitForOpenGL(a.window, a.gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // SDL's clipboard on the web is private to the page: use the browser's where allowed.
    io.GetClipboardTextFn = getClipboard;
    io.SetClipboardTextFn = setClipboard;
    // The browser edits text: every field becomes the wrapped widget under the page's own field.
    ui::textOverlay().enabled = true;

    // Storage: the page mounts IDBFS and syncs it in before calling pathway_start().
    EM_ASM({ window.pathwayShell ? window.pathwayShell.mountStorage() : Module._pathway_start(); });
    return 0;
}
