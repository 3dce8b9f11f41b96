// Pathway desktop: SDL2 window, OpenGL 3 renderer, the shared ImGui screens.
//   pathway [--file PORTFOLIO.json] [--size WxH] [--theme light|dark|high-contrast]
//           [--screenshot OUT.bmp [--frames N]]
// Without --file the portfolio lives in the user's data folder (XDG).
#include "pathway/core/files.hpp"
#include "pathway/core/session.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/theme.hpp"

#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pathway;

struct Options {
    std::string file;
    int width = 1280, height = 800;
    std::string theme = "light";
    std::string screenshot;
    int frames = 30;
    std::string fontsList = PATHWAY_FONTS_LIST;
};

std::vector<unsigned char> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// assets/fonts.txt: "role package path" per line.
ui::FontFiles readFonts(const std::string& listPath) {
    ui::FontFiles files;
    std::ifstream list(listPath);
    std::string line;
    while (std::getline(list, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string role, package, path;
        fields >> role >> package >> path;
        auto bytes = readBytes(path);
        if (bytes.empty()) std::fprintf(stderr, "pathway: font %s not found (package %s)\n", path.c_str(), package.c_str());
        if (role == "regular") files.regular = std::move(bytes);
        else if (role == "semibold") files.semibold = std::move(bytes);
        else if (role == "icons") files.icons = std::move(bytes);
    }
    return files;
}

class DesktopHost final : public ui::Host {
  public:
    explicit DesktopHost(std::string storage) : m_storage(std::move(storage)) {}
    void offerDownload(std::string_view name, std::string_view, std::string_view bytes) override {
        // Exports go next to the portfolio, in an "exports" folder (no native dialogs in SDL2).
        std::string dir = core::defaultDataDir() + "/exports";
        core::makeDirs(dir);
        core::writeFileAtomic(dir + "/" + std::string(name), bytes);
    }
    std::string storageDescription() const override { return m_storage; }
    std::string_view platform() const override { return "desktop"; }

  private:
    std::string m_storage;
};

bool saveScreenshot(const std::string& path, int w, int h) {
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!s) return false;
    for (int y = 0; y < h; ++y) // OpenGL's rows start at the bottom
        std::memcpy(static_cast<unsigned char*>(s->pixels) + static_cast<size_t>(y) * s->pitch,
                    pixels.data() + static_cast<size_t>(h - 1 - y) * w * 4, static_cast<size_t>(w) * 4);
    const bool ok = SDL_SaveBMP(s, path.c_str()) == 0;
    SDL_FreeSurface(s);
    return ok;
}

int usage() {
    std::fprintf(stderr, "usage: pathway [--file PORTFOLIO.json] [--size WxH] [--theme light|dark|high-contrast] "
                         "[--screenshot OUT.bmp [--frames N]]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        if (a == "--file" && (v = next())) opt.file = v;
        else if (a == "--size" && (v = next())) {
            if (std::sscanf(v, "%dx%d", &opt.width, &opt.height) != 2) return usage();
        } else if (a == "--theme" && (v = next())) opt.theme = v;
        else if (a == "--screenshot" && (v = next())) opt.screenshot = v;
        else if (a == "--frames" && (v = next())) opt.frames = std::atoi(v);
        else if (a == "--fonts" && (v = next())) opt.fontsList = v;
        else if (a == "--help" || a == "-h") { usage(); return 0; }
        else return usage();
    }
    if (opt.file.empty()) {
        const std::string dir = core::defaultDataDir();
        if (!core::makeDirs(dir)) {
            std::fprintf(stderr, "pathway: cannot create %s\n", dir.c_str());
            return 1;
        }
        opt.file = dir + "/portfolio.json";
    }

    core::SystemClock clock;
    core::RandomIds ids;
    core::FileStorage storage(opt.file);
    core::Session session(storage, clock, ids);
    if (session.open() == core::Session::State::Broken)
        std::fprintf(stderr, "pathway: %s\n", session.error().c_str());

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "pathway: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_Window* window = SDL_CreateWindow("Pathway", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                          opt.width, opt.height,
                                          SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!window) {
        std::fprintf(stderr, "pathway: cannot open a window: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GLContext gl = SDL_GL_CreateContext(window);
    if (!gl) {
        std::fprintf(stderr, "pathway: no OpenGL 3.2 context: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(window, gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ui::applyTheme(opt.theme == "dark" ? ui::ThemeKind::Dark
                   : opt.theme == "high-contrast" ? ui::ThemeKind::HighContrast
                                                  : ui::ThemeKind::Light);
    const ui::FontFiles fontFiles = readFonts(opt.fontsList);
    int dw = 0, dh = 0, ww = 0, wh = 0;
    SDL_GL_GetDrawableSize(window, &dw, &dh);
    SDL_GetWindowSize(window, &ww, &wh);
    float scale = ww > 0 ? static_cast<float>(dw) / ww : 1.f;
    ui::loadFonts(fontFiles, 17.f, scale);
    ImGui_ImplSDL2_InitForOpenGL(window, gl);
    ImGui_ImplOpenGL3_Init("#version 150");

    DesktopHost host(opt.file);
    ui::App app(session, clock, host);

    bool running = true;
    int frame = 0;
    int busyFrames = 3; // frames still to draw after the last event (animations settle)
    Uint32 lastSave = SDL_GetTicks();
    while (running) {
        SDL_Event ev;
        // Idle when nothing happens: wait for input instead of spinning.
        const double wait = app.secondsUntilNextFrame();
        const bool waitForInput = opt.screenshot.empty() && busyFrames <= 0 && wait > 0;
        const int waitMs = static_cast<int>(std::min(wait, 1.0) * 1000);
        if (waitForInput ? SDL_WaitEventTimeout(&ev, waitMs) : SDL_PollEvent(&ev)) {
            do {
                ImGui_ImplSDL2_ProcessEvent(&ev);
                if (ev.type == SDL_QUIT) running = false;
                if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE) running = false;
            } while (SDL_PollEvent(&ev));
            busyFrames = 3;
        }
        --busyFrames;
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
        SDL_GL_GetDrawableSize(window, &dw, &dh);
        glViewport(0, 0, dw, dh);
        const ImVec4 bg = ui::palette().background;
        glClearColor(bg.x, bg.y, bg.z, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!opt.screenshot.empty() && ++frame >= opt.frames) {
            if (!saveScreenshot(opt.screenshot, dw, dh)) {
                std::fprintf(stderr, "pathway: cannot save %s: %s\n", opt.screenshot.c_str(), SDL_GetError());
                return 1;
            }
            running = false;
        }
        SDL_GL_SwapWindow(window);
        if (session.dirty() && SDL_GetTicks() - lastSave > 500) {
            if (auto r = session.save(); !r) std::fprintf(stderr, "pathway: %s\n", r.error.c_str());
            lastSave = SDL_GetTicks();
        }
    }
    if (session.dirty())
        if (auto r = session.save(); !r) std::fprintf(stderr, "pathway: %s\n", r.error.c_str());

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
