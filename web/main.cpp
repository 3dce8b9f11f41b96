// Pathway in the browser: the shared screens on SDL2 + WebGL2, the portfolio in IndexedDB
// (IDBFS mounted at /data). The page (index.html, pathway-shell.js) drives start-up and talks to
// this file through the exported pathway_* functions below.
#include "pathway/core/session.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#include <GLES3/gl3.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

namespace {

using namespace pathway;

constexpr const char* kPortfolioPath = "/data/portfolio.json";

class WebHost final : public ui::Host {
  public:
    void offerDownload(std::string_view name, std::string_view mime, std::string_view bytes) override {
        // The page turns the bytes into a Blob and clicks a download link.
        EM_ASM({ window.pathwayShell && window.pathwayShell.download(UTF8ToString($0), UTF8ToString($1), HEAPU8.slice($2, $2 + $3)); },
               std::string(name).c_str(), std::string(mime).c_str(), bytes.data(), bytes.size());
    }
    std::string storageDescription() const override { return "this browser (IndexedDB)"; }
    std::string_view platform() const override { return "web"; }
};

struct WebApp {
    core::SystemClock clock;
    core::RandomIds ids;
    core::FileStorage storage{kPortfolioPath};
    core::Session session{storage, clock, ids};
    WebHost host;
    std::unique_ptr<ui::App> app;
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    ui::FontFiles fontFiles;
    float fontScale = 0;
    double lastInputMs = 0;
    double dirtySinceMs = -1;
    int framesToDraw = 3;
    double lastFrameMs = 0;
};

WebApp* g_app = nullptr;
std::string g_buffer; // returned to JavaScript by the pathway_* getters

std::vector<unsigned char> readBytes(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void persist() {
    WebApp& a = *g_app;
    if (!a.session.dirty()) return;
    if (auto r = a.session.save(); !r) {
        EM_ASM({ window.pathwayShell && window.pathwayShell.storageError(UTF8ToString($0)); }, r.error.c_str());
        return;
    }
    // Write the in-memory file system back to IndexedDB; the page reports failures (quota).
    EM_ASM({ window.pathwayShell && window.pathwayShell.flush(); });
}

void syncCanvasSize() {
    WebApp& a = *g_app;
    double cssW = 0, cssH = 0;
    emscripten_get_element_css_size("#canvas", &cssW, &cssH);
    int w = 0, h = 0;
    SDL_GetWindowSize(a.window, &w, &h);
    if (static_cast<int>(cssW) != w || static_cast<int>(cssH) != h)
        SDL_SetWindowSize(a.window, static_cast<int>(cssW), static_cast<int>(cssH));
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (dpr != a.fontScale) { // crisp text at the device's pixel density
        a.fontScale = dpr;
        ui::loadFonts(a.fontFiles, 17.f, dpr);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void frame(void*) {
    WebApp& a = *g_app;
    SDL_Event ev;
    bool hadInput = false;
    while (SDL_PollEvent(&ev)) {
        ImGui_ImplSDL2_ProcessEvent(&ev);
        hadInput = true;
    }
    const double now = emscripten_get_now();
    if (hadInput) a.framesToDraw = 3;
    if (a.app && now - a.lastFrameMs >= a.app->secondsUntilNextFrame() * 1000.0)
        a.framesToDraw = std::max(a.framesToDraw, 1);
    // Idle when nothing happens: skip building and drawing frames (phones' batteries).
    if (a.framesToDraw <= 0) {
        if (a.dirtySinceMs >= 0 && now - a.dirtySinceMs > 300) {
            persist();
            a.dirtySinceMs = -1;
        }
        return;
    }
    --a.framesToDraw;
    a.lastFrameMs = now;
    syncCanvasSize();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    a.app->frame();
    ImGui::Render();
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(a.window, &dw, &dh);
    glViewport(0, 0, dw, dh);
    const ImVec4 bg = ui::palette().background;
    glClearColor(bg.x, bg.y, bg.z, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (a.session.dirty()) {
        if (a.dirtySinceMs < 0) a.dirtySinceMs = now;
        if (now - a.dirtySinceMs > 300) { // each change reaches IndexedDB well within a second
            persist();
            a.dirtySinceMs = -1;
        }
    }
}

} // namespace

extern "C" {

/// Called by the page once IDBFS has been mounted and its first sync has finished.
EMSCRIPTEN_KEEPALIVE void pathway_start() {
    WebApp& a = *g_app;
    if (a.session.open() == core::Session::State::Broken)
        EM_ASM({ window.pathwayShell && window.pathwayShell.storageError(UTF8ToString($0)); }, a.session.error().c_str());
    a.app = std::make_unique<ui::App>(a.session, a.clock, a.host);
    emscripten_set_main_loop_arg(frame, nullptr, 0, false);
    EM_ASM({ window.pathwayShell && window.pathwayShell.ready(); });
}

/// The portfolio as JSON (the saved format).
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
        out.push_back({{"id", r.id}, {"label", r.label}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h},
                       {"text", r.isTextField}, {"multiline", r.multiline}});
    g_buffer = out.dump();
    return g_buffer.c_str();
}

/// Whether ImGui is editing text (the page shows or hides the on-screen keyboard).
EMSCRIPTEN_KEEPALIVE int pathway_wants_text() { return ImGui::GetIO().WantTextInput ? 1 : 0; }

/// 1 while the app still has input to process or frames to draw (tests wait for 0).
EMSCRIPTEN_KEEPALIVE int pathway_busy() {
    if (!g_app->app) return 1;
    return g_app->framesToDraw > 0 || g_app->app->secondsUntilNextFrame() == 0 ? 1 : 0;
}

/// 1 while a change has not yet been written to the in-memory file system.
EMSCRIPTEN_KEEPALIVE int pathway_dirty() { return g_app->session.dirty() ? 1 : 0; }

/// Asks for a few frames to be drawn (the page calls it on resize and on its own events).
EMSCRIPTEN_KEEPALIVE void pathway_wake() { g_app->framesToDraw = 3; }

/// Saves now if anything changed (the page calls it on visibilitychange/pagehide).
EMSCRIPTEN_KEEPALIVE void pathway_flush() { persist(); }

} // extern "C"

int main() {
    g_app = new WebApp();
    WebApp& a = *g_app;
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
    ui::applyTheme(ui::ThemeKind::Light);
    a.fontFiles.regular = readBytes("/fonts/Inter-Regular.otf");
    a.fontFiles.semibold = readBytes("/fonts/Inter-SemiBold.otf");
    a.fontFiles.icons = readBytes("/fonts/MaterialIcons-Regular.ttf");
    a.fontScale = static_cast<float>(emscripten_get_device_pixel_ratio());
    ui::loadFonts(a.fontFiles, 17.f, a.fontScale);
    ImGui_ImplSDL2_InitForOpenGL(a.window, a.gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    // Storage: the page mounts IDBFS and syncs it in before calling pathway_start().
    EM_ASM({ window.pathwayShell ? window.pathwayShell.mountStorage() : Module._pathway_start(); });
    return 0;
}
