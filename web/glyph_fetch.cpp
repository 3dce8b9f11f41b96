// Web glyphs on demand: the catalog (/fonts/glyphs.txt, preloaded) says which chunk of which
// font draws a code point; a chunk is fetched the first time text needs it (the service worker
// keeps every chunk fetched, so it draws offline afterwards), and the atlas is rebuilt before
// the next frame (ui/glyphs.hpp). Kept apart from main.cpp: only font fetching lives here.
#include "glyph_fetch.hpp"

#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/theme.hpp"

#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

// fetch() the chunk; hand its bytes (or nothing, on failure) to pathway_glyphs_arrived, then
// wake the main loop, which may be paused while the app is idle.
EM_JS(void, pathway_fetch_glyphs, (int index, const char* url), {
    const file = UTF8ToString(url);
    const done = (ptr, size) => {
        Module._pathway_glyphs_arrived(index, ptr, size);
        Module._pathway_resume();
    };
    fetch(file)
        .then((r) => {
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.arrayBuffer();
        })
        .then((buffer) => {
            const bytes = new Uint8Array(buffer);
            const ptr = Module._malloc(bytes.length);
            HEAPU8.set(bytes, ptr);
            done(ptr, bytes.length);
        })
        .catch((e) => {
            console.warn('pathway: glyphs ' + file + ' not loaded (' + e + '); they show as "?" until the next try');
            done(0, 0);
        });
});

extern "C" EMSCRIPTEN_KEEPALIVE void pathway_glyphs_arrived(int index, unsigned char* data, int size) {
    std::vector<unsigned char> bytes;
    if (data && size > 0) bytes.assign(data, data + size);
    std::free(data);
    pathway::ui::glyphFaceLoaded(static_cast<size_t>(index), std::move(bytes));
}

/// For tests: the code points of `utf8` that a font of the atlas (body, heading or title) would
/// draw as the fallback "?", as a JSON array of "U+XXXX" strings.
extern "C" EMSCRIPTEN_KEEPALIVE const char* pathway_glyphs_missing(const char* utf8) {
    static std::string out;
    out = "[";
    const pathway::ui::Fonts& f = pathway::ui::fonts();
    const char* end = utf8 + std::strlen(utf8);
    for (const char* p = utf8; p < end;) {
        unsigned int c = 0;
        p += ImTextCharFromUtf8(&c, p, end);
        if (c <= ' ') continue;
        for (const ImFont* font : {f.body, f.heading, f.title})
            if (!font || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%s\"U+%04X\"", out.size() > 1 ? "," : "", c);
                out += buf;
                break;
            }
    }
    out += "]";
    return out.c_str();
}

namespace pathway::web {

void installGlyphCatalog(const char* path) {
    std::ifstream in(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::string error;
    auto catalog = ui::GlyphCatalog::parse(text, &error);
    if (text.empty() || !catalog) {
        std::printf("pathway: no glyph catalog at %s (%s): only Inter's Latin draws\n", path,
                    error.c_str());
        return;
    }
    ui::setGlyphCatalog(std::move(*catalog), [](size_t index, const ui::GlyphFace& face) {
        pathway_fetch_glyphs(static_cast<int>(index), face.file.c_str());
    });
}

} // namespace pathway::web
