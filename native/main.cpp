// Pathway desktop: SDL2 window, OpenGL 3 renderer, the shared ImGui screens.
//   pathway [--file PORTFOLIO.json] [--size WxH] [--theme light|dark|high-contrast]
//           [--text-size PX] [--screen home|log|frameworks|reviews|settings]
//           [--open-new KIND | --edit-newest KIND] [--review SHARED.json] [--cohort DIR]
//           [--screenshot OUT.bmp [--frames N]]
// Without --file the portfolio lives in the user's data folder (XDG). The window size, theme
// and text size are remembered in <data folder>/desktop.json (not in screenshot runs); the
// editor's unsaved draft is kept in <portfolio>.draft.json until it is saved or discarded.
// The loop's body (when to draw, the frame, fonts, the debounced save) is ui::Runner's; this file
// is its SDL2 + OpenGL 3 backend and the desktop's files.
// Drop another portfolio file on the window to open it (the current one is saved first); a
// feedback file, CSV or LEAP2A file dropped on it is offered for merging or importing instead.
// --review opens someone else's shared portfolio read-only, to comment and sign off (mentors).
#include "curl_transport.hpp" // net/: sync's HTTP, shared with pathway-cli
#include "pathway/core/files.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/session.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/runner.hpp"
#include "pathway/ui/theme.hpp"
#include "sdl_gl.hpp" // shell/: what this shell shares with the web's

#include <sys/stat.h>

#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pathway;

struct Options {
    std::string file;
    int width = 1280, height = 800;
    bool sizeGiven = false;
    std::string theme;  // "" = remembered, else light
    float textSize = 0; // 0 = remembered, else normal
    std::string screen;
    std::string openNew;    // kind id: open the editor on a new entry of this kind
    std::string editNewest; // kind id: open the editor on the newest entry of this kind
    std::string review;     // a shared portfolio to review (mentor mode)
    std::string cohort;     // a folder of portfolios for the Cohort screen (academies)
    int selfAssessmentTab = -1; // the self-assessment screen's tab: 0-2 a point, 3 compare
    std::string screenshot;
    int frames = 30;
    std::string fontsList = PATHWAY_FONTS_LIST;
    // Test options (tests/native/open_twice.sh): after this many ms, add a CPD entry titled
    // testAddTitle through the App's store, as a user's edit would; quit after quitAfterMs.
    int testAddAfterMs = -1;
    std::string testAddTitle;
    int quitAfterMs = -1;
};

// Desktop preferences: a small JSON file in the data folder. Unreadable files are ignored.
struct Prefs {
    int width = 1280, height = 800;
    std::string theme = "light";
    float textSize = pathway::ui::kTextNormalPx;
};

std::string prefsPath() {
    return pathway::core::defaultDataDir() + "/desktop.json";
}

Prefs loadPrefs() {
    Prefs p;
    std::string bytes;
    if (!pathway::core::readFile(prefsPath(), bytes, 64 * 1024)) return p;
    const auto j = nlohmann::json::parse(bytes, nullptr, false);
    if (!j.is_object()) return p;
    p.width = std::clamp(j.value("width", p.width), 360, 8192);
    p.height = std::clamp(j.value("height", p.height), 360, 8192);
    p.theme = j.value("theme", p.theme);
    p.textSize = std::clamp(j.value("text_size", p.textSize), 10.f, pathway::ui::kTextLargestPx);
    return p;
}

void savePrefs(const Prefs& p) {
    const nlohmann::json j = {
        {"width", p.width}, {"height", p.height}, {"theme", p.theme}, {"text_size", p.textSize}};
    pathway::core::makeDirs(pathway::core::defaultDataDir());
    pathway::core::writeFileAtomic(prefsPath(), j.dump(2) + "\n");
}

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
        if (role != "regular" && role != "semibold" && role != "icons")
            continue; // fallbacks are read when text needs them (installGlyphCatalog)
        auto bytes = readBytes(path);
        if (bytes.empty())
            std::fprintf(stderr, "pathway: font %s not found (package %s)\n", path.c_str(),
                         package.c_str());
        if (role == "regular")
            files.regular = std::move(bytes);
        else if (role == "semibold")
            files.semibold = std::move(bytes);
        else if (role == "icons")
            files.icons = std::move(bytes);
    }
    return files;
}

// The glyph catalog written at build time; each fallback font is read when text first needs it.
void installGlyphCatalog(const std::string& path) {
    const auto bytes = readBytes(path);
    std::string error;
    auto catalog = ui::GlyphCatalog::parse(std::string(bytes.begin(), bytes.end()), &error);
    if (bytes.empty() || !catalog) {
        std::fprintf(stderr, "pathway: no glyph catalog at %s (%s): only Inter's Latin draws\n",
                     path.c_str(), error.c_str());
        return;
    }
    ui::setGlyphCatalog(std::move(*catalog), [](size_t index, const ui::GlyphFace& face) {
        auto font = readBytes(face.file);
        if (font.empty()) std::fprintf(stderr, "pathway: font %s not found\n", face.file.c_str());
        ui::glyphFaceLoaded(index, std::move(font));
    });
}

/// Keeps `bytes` at `path`, readable by its owner only ("" removes the file): the reviewer's
/// key and the sync settings with their password.
void keepPrivateFile(const std::string& path, std::string_view bytes, const char* what) {
    if (bytes.empty()) {
        std::remove(path.c_str());
        return;
    }
    if (auto r = core::writeFileAtomic(path, bytes); !r) {
        std::fprintf(stderr, "pathway: cannot keep the %s: %s\n", what, r.error.c_str());
        return;
    }
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
}

class DesktopHost final : public ui::Host {
  public:
    /// `prefs`: where the theme and text size are kept (nullptr in screenshot runs, which
    /// neither read nor write them nor keep drafts).
    DesktopHost(std::string storage, Prefs* prefs)
        : m_storage(std::move(storage)), m_keepDrafts(prefs != nullptr), m_prefs(prefs) {}
    void savePreferences(const ui::Preferences& p) override {
        if (!m_prefs) return;
        m_prefs->theme = p.theme;
        m_prefs->textSize = p.textSizePx;
        savePrefs(*m_prefs);
    }
    std::optional<ui::Preferences> loadPreferences() override {
        if (!m_prefs) return std::nullopt;
        return ui::Preferences{m_prefs->theme, m_prefs->textSize};
    }
    void offerDownload(std::string_view name, std::string_view, std::string_view bytes) override {
        // Exports go next to the portfolio, in an "exports" folder (no native dialogs in SDL2).
        std::string dir = core::defaultDataDir() + "/exports";
        core::makeDirs(dir);
        if (auto r = core::writeFileAtomic(dir + "/" + std::string(name), bytes); !r)
            m_downloadNote = "It could not be saved: " + r.error;
        else
            m_downloadNote = "Saved in " + dir + ".";
    }
    std::string downloadNote() const override { return m_downloadNote; }
    bool readLocalFile(const std::string& path, std::string& bytes, std::string& error) override {
        if (auto r = core::readFile(path, bytes, 64u << 20); !r) {
            error = r.error;
            return false;
        }
        return true;
    }
    bool readLocalFolder(const std::string& path, std::string_view extension,
                         std::vector<std::pair<std::string, std::string>>& files,
                         std::string& error) override {
        std::error_code ec;
        std::string dir = path;
        if (dir.rfind("~/", 0) == 0)
            if (const char* home = std::getenv("HOME")) dir = home + dir.substr(1);
        if (!std::filesystem::is_directory(dir, ec)) {
            error = "it is not a folder.";
            return false;
        }
        std::vector<std::string> names;
        for (const auto& de : std::filesystem::directory_iterator(dir, ec))
            if (de.is_regular_file(ec) && de.path().extension() == extension)
                names.push_back(de.path().filename().string());
        std::sort(names.begin(), names.end());
        for (const auto& name : names) {
            std::string bytes;
            if (core::readFile(dir + "/" + name, bytes, 64u << 20)) files.emplace_back(name, std::move(bytes));
            // a file that cannot be read is listed by openCohort as "not a portfolio"
            else files.emplace_back(name, std::string());
        }
        return true;
    }
    std::string storageDescription() const override { return m_storage; }
    std::string_view platform() const override { return "desktop"; }
    void saveDraft(std::string_view bytes) override {
        if (!m_keepDrafts) return;
        const std::string path = m_storage + ".draft.json";
        if (bytes.empty()) {
            std::remove(path.c_str());
            std::remove((path + ".bak").c_str());
        } else if (auto r = core::writeFileAtomic(path, bytes); !r) {
            std::fprintf(stderr, "pathway: cannot keep the draft: %s\n", r.error.c_str());
        }
    }
    // The reviewer's private key: next to the portfolio, readable by its owner only.
    void saveReviewerKey(std::string_view bytes) override {
        keepPrivateFile(besidePortfolio("reviewer-key.json"), bytes, "reviewer key");
    }
    std::string loadReviewerKey() override { return readSmallFile(besidePortfolio("reviewer-key.json")); }
    std::string loadDraft() override {
        std::string bytes;
        if (!m_keepDrafts || !core::readFile(m_storage + ".draft.json", bytes, 16 * 1024 * 1024))
            return {};
        return bytes;
    }
    // Sync (issue 16): libcurl, and the settings with the password next to the portfolio,
    // readable by their owner only, never in the portfolio file.
    core::HttpTransport* syncTransport() override { return &m_http; }
    void saveSyncSettings(std::string_view bytes) override {
        keepPrivateFile(besidePortfolio("sync-settings.json"), bytes, "sync settings");
    }
    std::string loadSyncSettings() override { return readSmallFile(besidePortfolio("sync-settings.json")); }
    // Catalogue files added in Settings: frameworks/ beside the portfolio, as the files were.
    std::string catalogDir() const {
        return (std::filesystem::path(m_storage).parent_path() / "frameworks").string();
    }
    bool saveCatalogFile(std::string_view name, std::string_view bytes) override {
        const std::string path = catalogDir() + "/" + std::string(name); // a plain name (App)
        if (bytes.empty()) {
            std::remove(path.c_str());
            std::remove((path + ".bak").c_str());
            return true;
        }
        if (!core::makeDirs(catalogDir())) return false;
        if (auto r = core::writeFileAtomic(path, bytes); !r) {
            std::fprintf(stderr, "pathway: cannot keep %s: %s\n", path.c_str(), r.error.c_str());
            return false;
        }
        return true;
    }
    std::vector<std::pair<std::string, std::string>> loadCatalogFiles() override {
        std::vector<std::pair<std::string, std::string>> files;
        std::string error;
        readLocalFolder(catalogDir(), ".json", files, error); // none yet: no folder, no files
        return files;
    }

  private:
    std::string besidePortfolio(const char* name) const {
        return (std::filesystem::path(m_storage).parent_path() / name).string();
    }
    /// A file of at most a megabyte, or "" when there is none.
    static std::string readSmallFile(const std::string& path) {
        std::string bytes;
        if (!core::readFile(path, bytes, 1u << 20)) return {};
        return bytes;
    }
    std::string m_storage;
    bool m_keepDrafts;
    Prefs* m_prefs;
    std::string m_downloadNote;
    net::CurlTransport m_http;
};

// What a file dropped on the window is for: the purpose the App is waiting for, or one guessed
// from the file (a feedback file, training records, a LEAP2A feed); "" means a portfolio to open.
std::string droppedFilePurpose(const ui::App& app, const std::string& path,
                               const std::string& bytes) {
    if (!app.awaitingFile().empty()) return app.awaitingFile();
    auto endsWith = [&](std::string_view ext) {
        return path.size() >= ext.size() &&
               std::equal(ext.rbegin(), ext.rend(), path.rbegin(), [](char a, char b) {
                   return a == std::tolower(static_cast<unsigned char>(b));
               });
    };
    if (bytes.find("\"pathway-feedback\"") != std::string::npos) return "feedback";
    if (endsWith(".csv")) return "import.csv";
    if (endsWith(".xml") || endsWith(".atom") || endsWith(".leap2a")) return "import.leap2a";
    return {};
}

// The portfolio file as last seen (issue 12): polled once a second; when another window or
// pathway-cli changed it, the session merges it in (Session::refresh) and the App says so in
// one line. Its own saves are noted so they do not count as changes made elsewhere.
class FileWatch {
  public:
    explicit FileWatch(std::string path) : m_path(std::move(path)) { note(); }
    /// Remembers the file as it is now (after opening or saving it).
    void note() { m_last = stamp(); }
    /// True when the file changed since note(); checks at most once a second.
    bool changed() {
        const Uint32 now = SDL_GetTicks();
        if (now - m_polled < 1000) return false;
        m_polled = now;
        const std::string s = stamp();
        if (s == m_last) return false;
        m_last = s;
        return true;
    }

  private:
    std::string stamp() const {
        struct stat st{};
        if (::stat(m_path.c_str(), &st) != 0) return {};
        return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
               std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    }
    std::string m_path;
    std::string m_last;
    Uint32 m_polled = 0;
};

void reportChangesElsewhere(core::Session& session, ui::App& app) {
    const core::MergeReport& r = session.lastMerge();
    if (r.changes() <= 0) return;
    app.noteChangesElsewhere(r);
    std::printf("pathway: %s\n", app.message().c_str());
    std::fflush(stdout);
}

// One open portfolio: its file, session, host, screens and watch. Dropping another portfolio
// file on the window saves this one and opens that one in its place.
struct OpenPortfolio {
    core::FileStorage storage;
    core::Session session;
    DesktopHost host;
    ui::App app;
    FileWatch watch;
    OpenPortfolio(const std::string& path, const core::Clock& clock, core::IdSource& ids,
                  Prefs* prefs)
        : storage(path), session(storage, clock, ids), host(path, prefs),
          app((openSession(session), session), clock, host), watch(path) {}
    static void openSession(core::Session& s) {
        if (s.open() == core::Session::State::Broken)
            std::fprintf(stderr, "pathway: %s\n", s.error().c_str());
    }
    /// Saves when anything changed; `report`: says what the save took in from elsewhere.
    void save(bool report) {
        if (session.dirty())
            if (auto r = session.save(); !r) std::fprintf(stderr, "pathway: %s\n", r.error.c_str());
        watch.note();
        if (report) reportChangesElsewhere(session, app);
    }
};

bool saveScreenshot(const std::string& path, int w, int h) {
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!s) return false;
    for (int y = 0; y < h; ++y) // OpenGL's rows start at the bottom
        std::memcpy(static_cast<unsigned char*>(s->pixels) + static_cast<size_t>(y) * s->pitch,
                    pixels.data() + static_cast<size_t>(h - 1 - y) * w * 4,
                    static_cast<size_t>(w) * 4);
    const bool ok = SDL_SaveBMP(s, path.c_str()) == 0;
    SDL_FreeSurface(s);
    return ok;
}

// ui::Runner's backend: the SDL2 window with its OpenGL 3 context.
class DesktopWindow final : public ui::Backend {
  public:
    DesktopWindow(SDL_Window* window, std::string screenshot, int frames)
        : m_window(window), m_screenshot(std::move(screenshot)), m_frames(frames) {}
    OpenPortfolio* open = nullptr;
    bool running = true;
    bool failed = false; ///< the screenshot could not be saved

    double nowMs() const override { return SDL_GetTicks(); }
    float pixelScale() const override {
        int dw = 0, dh = 0, ww = 0, wh = 0;
        SDL_GL_GetDrawableSize(m_window, &dw, &dh);
        SDL_GetWindowSize(m_window, &ww, &wh);
        return ww > 0 && dw > 0 ? static_cast<float>(dw) / ww : 1.f;
    }
    void newFrame() override { shell::startImGuiFrame(); }
    void present(const ImVec4& bg) override {
        int dw = 0, dh = 0;
        shell::drawImGuiFrame(m_window, bg, dw, dh);
        if (!m_screenshot.empty() && ++m_drawn >= m_frames) {
            if (!saveScreenshot(m_screenshot, dw, dh)) {
                std::fprintf(stderr, "pathway: cannot save %s: %s\n", m_screenshot.c_str(),
                             SDL_GetError());
                failed = true;
            }
            running = false;
        }
        SDL_GL_SwapWindow(m_window);
    }
    void fontsRebuilt() override { shell::uploadFontAtlas(); }
    void save() override { open->save(true); }

  private:
    SDL_Window* m_window;
    std::string m_screenshot;
    int m_frames;
    int m_drawn = 0;
};

int usage() {
    std::fprintf(
        stderr,
        "usage: pathway [--file PORTFOLIO.json] [--size WxH] [--theme light|dark|high-contrast]\n"
        "               [--text-size PX] [--screen home|log|frameworks|reviews|settings]\n"
        "               [--open-new KIND | --edit-newest KIND] [--review SHARED.json] [--cohort DIR]\n"
        "               [--self-assessment-tab start|mid|end|compare]\n"
        "               [--screenshot OUT.bmp [--frames N]]\n"
        "               [--test-add-after MS TITLE] [--quit-after MS]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        if (a == "--file" && (v = next()))
            opt.file = v;
        else if (a == "--size" && (v = next())) {
            if (std::sscanf(v, "%dx%d", &opt.width, &opt.height) != 2) return usage();
            opt.sizeGiven = true;
        } else if (a == "--theme" && (v = next()))
            opt.theme = v;
        else if (a == "--text-size" && (v = next()))
            opt.textSize = static_cast<float>(std::atof(v));
        else if (a == "--screen" && (v = next())) {
            if (!ui::parseScreen(v)) return usage();
            opt.screen = v;
        } else if (a == "--open-new" && (v = next())) {
            if (!core::parseKind(v)) return usage();
            opt.openNew = v;
        } else if (a == "--edit-newest" && (v = next())) {
            if (!core::parseKind(v)) return usage();
            opt.editNewest = v;
        } else if (a == "--review" && (v = next())) {
            opt.review = v;
        } else if (a == "--cohort" && (v = next())) {
            opt.cohort = v;
        } else if (a == "--self-assessment-tab" && (v = next())) {
            const std::string t = v;
            opt.selfAssessmentTab = t == "start" ? 0 : t == "mid" ? 1 : t == "end" ? 2 : t == "compare" ? 3 : -1;
            if (opt.selfAssessmentTab < 0) return usage();
        } else if (a == "--screenshot" && (v = next()))
            opt.screenshot = v;
        else if (a == "--frames" && (v = next()))
            opt.frames = std::atoi(v);
        else if (a == "--fonts" && (v = next()))
            opt.fontsList = v;
        else if (a == "--test-add-after" && i + 2 < argc) {
            opt.testAddAfterMs = std::atoi(argv[++i]);
            opt.testAddTitle = argv[++i];
        } else if (a == "--quit-after" && (v = next()))
            opt.quitAfterMs = std::atoi(v);
        else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else
            return usage();
    }
    if (opt.file.empty()) {
        const std::string dir = core::defaultDataDir();
        if (!core::makeDirs(dir)) {
            std::fprintf(stderr, "pathway: cannot create %s\n", dir.c_str());
            return 1;
        }
        opt.file = dir + "/portfolio.json";
    }

    // Screenshot runs neither read nor write the user's preferences.
    const bool interactive = opt.screenshot.empty();
    Prefs prefs = interactive ? loadPrefs() : Prefs{};
    if (!opt.sizeGiven && interactive) {
        opt.width = prefs.width;
        opt.height = prefs.height;
    }

    core::SystemClock clock;
    core::RandomIds ids;

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "pathway: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_Window* window = SDL_CreateWindow(
        "Pathway", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt.width, opt.height,
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
    ui::applyTheme(ui::ThemeKind::Light);
    installGlyphCatalog(PATHWAY_GLYPH_CATALOG);
    ImGui_ImplSDL2_InitForOpenGL(window, gl);
    ImGui_ImplOpenGL3_Init("#version 150");

    DesktopWindow backend(window, opt.screenshot, opt.frames);
    // Saves at most every half second, the first change after a quiet spell at once.
    ui::Runner runner(backend, readFonts(opt.fontsList),
                      {.saveAfterChangeMs = 0, .saveBetweenMs = 500, .drawEveryTick = !interactive});
    Prefs* kept = interactive ? &prefs : nullptr;
    auto open = std::make_unique<OpenPortfolio>(opt.file, clock, ids, kept);
    backend.open = open.get();
    runner.attach(open->session, open->app, open->host); // the theme and text size kept last time
    if (!opt.theme.empty()) ui::applyTheme(ui::themeFromId(opt.theme));
    if (opt.textSize > 0) open->app.setTextSizePx(opt.textSize);
    if (opt.selfAssessmentTab >= 0) open->app.setSelfAssessmentTab(opt.selfAssessmentTab);
    if (!opt.screen.empty()) open->app.show(*ui::parseScreen(opt.screen));
    if (!opt.openNew.empty()) open->app.startNewEntry(*core::parseKind(opt.openNew));
    if (!opt.review.empty()) {
        std::string bytes;
        if (auto r = core::readFile(opt.review, bytes, 64u << 20); !r) {
            std::fprintf(stderr, "pathway: %s\n", r.error.c_str());
            return 1;
        }
        open->app.receiveFile("review", opt.review, bytes);
        if (open->app.screen() != ui::Screen::Mentor) {
            std::fprintf(stderr, "pathway: %s\n", open->app.exchangeMessage().c_str());
            return 1;
        }
    }
    if (!opt.cohort.empty()) open->app.openCohortFolder(opt.cohort);
    if (!opt.editNewest.empty()) {
        const core::Entry* newest = nullptr;
        for (const auto& e : open->session.store().portfolio().entries)
            if (e.kind == *core::parseKind(opt.editNewest) && (!newest || e.date > newest->date))
                newest = &e;
        if (newest) open->app.editEntry(newest->id);
    }

    const Uint32 started = SDL_GetTicks();
    while (backend.running) {
        SDL_Event ev;
        // Idle when nothing happens: wait for input, or until the Runner has a frame or a save
        // due, and at most a second (the file watch below).
        const double due = runner.msUntilDue();
        const bool gotEvent =
            due > 0 ? SDL_WaitEventTimeout(&ev, static_cast<int>(std::ceil(std::min(due, 1000.0))))
                    : SDL_PollEvent(&ev);
        if (gotEvent) {
            do {
                ImGui_ImplSDL2_ProcessEvent(&ev);
                if (ev.type == SDL_QUIT) backend.running = false;
                if (ev.type == SDL_DROPFILE && ev.drop.file) {
                    // Another portfolio dropped on the window: keep this one safe, open that one.
                    const std::string path = ev.drop.file;
                    SDL_free(ev.drop.file);
                    if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
                        open->app.openCohortFolder(path); // a dropped folder is a cohort
                        continue;
                    }
                    std::string bytes;
                    core::readFile(path, bytes, 64u << 20);
                    if (const std::string purpose = droppedFilePurpose(open->app, path, bytes);
                        !purpose.empty()) {
                        // A file for the App (an import, feedback): it shows what it would do.
                        open->app.receiveFile(purpose, path, bytes);
                        continue;
                    }
                    open->save(false);
                    open.reset();
                    open = std::make_unique<OpenPortfolio>(path, clock, ids, kept);
                    backend.open = open.get();
                    runner.attach(open->session, open->app, open->host);
                    SDL_SetWindowTitle(window, ("Pathway \xe2\x80\x94 " + path).c_str());
                }
                if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE)
                    backend.running = false;
            } while (SDL_PollEvent(&ev));
            runner.wake();
        }
        runner.tick();
        // Changes made elsewhere (pathway-cli, a second window): merged in, said in one line.
        if (interactive && open->watch.changed()) {
            open->session.refresh();
            reportChangesElsewhere(open->session, open->app);
            runner.wake();
        }
        const Uint32 elapsed = SDL_GetTicks() - started;
        if (opt.testAddAfterMs >= 0 && static_cast<int>(elapsed) >= opt.testAddAfterMs) {
            opt.testAddAfterMs = -1;
            core::Entry e;
            e.title = opt.testAddTitle;
            e.date = clock.today();
            e.fields["hours"] = "1";
            open->session.store().apply(core::cmd::AddEntry{e, std::nullopt});
            runner.wake();
        }
        if (opt.quitAfterMs >= 0 && static_cast<int>(elapsed) >= opt.quitAfterMs)
            backend.running = false;
    }
    open->save(true);
    if (interactive) {
        if (!(SDL_GetWindowFlags(window) & (SDL_WINDOW_MAXIMIZED | SDL_WINDOW_FULLSCREEN)))
            SDL_GetWindowSize(window, &prefs.width, &prefs.height);
        prefs.theme = ui::themeId(ui::currentTheme());
        prefs.textSize = open->app.textSizePx();
        savePrefs(prefs);
    }

    open.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return backend.failed ? 1 : 0;
}
