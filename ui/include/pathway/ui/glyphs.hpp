// Glyphs on demand: every code point the app shows or edits gets a real glyph, from Inter or a
// fallback font, added to the font atlas when text first needs it.
//
// ImGui 1.90.1 rasterises only the code points it is given when the atlas is built (no dynamic
// atlas before 1.92). So the first atlas holds Inter's Latin glyphs and the icons; the screens
// note the text they show (noteText, noteStoreText) and the text being edited; a code point the
// atlas lacks is looked up in the glyph catalog (written by scripts/subset-fonts.py), its font
// is loaded (natively: read from Debian's font folder; web: fetched, then kept offline by the
// service worker), and the shell rebuilds the atlas before the next frame.
//
// Shell loop:  if (glyphsWantRebuild()) { loadFonts(...); recreate the GPU font texture; }
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {
class Store;
struct Entry;
} // namespace pathway::core

namespace pathway::ui {

enum class FaceWeight { Regular, SemiBold, Any };

/// One font file of the catalog and the code points it is the first to draw.
struct GlyphFace {
    FaceWeight weight = FaceWeight::Any;
    int fontNo = 0;              ///< face index in a collection (.ttc)
    std::string file;            ///< a path natively, a URL relative to the page on the web
    std::vector<std::pair<char32_t, char32_t>> ranges; ///< sorted, inclusive
};

/// The glyph catalog: "face WEIGHT FONTNO FILE RANGES" lines (see scripts/subset-fonts.py).
struct GlyphCatalog {
    std::vector<GlyphFace> faces; ///< in order of preference
    /// The catalog in `text`, or nullopt and `error` naming the line at fault.
    static std::optional<GlyphCatalog> parse(std::string_view text, std::string* error = nullptr);
    /// The first face of `weight` (or Any) that draws `cp`, or -1.
    int find(char32_t cp, FaceWeight weight) const;
};

/// Asks the shell for face `index`'s bytes; the shell answers with glyphFaceLoaded(), at once
/// (desktop) or later (web fetch). Each face is asked for at most once while it loads.
using GlyphFaceLoader = std::function<void(size_t index, const GlyphFace& face)>;

/// Installs the catalog and the loader, forgetting what was noted before.
void setGlyphCatalog(GlyphCatalog catalog, GlyphFaceLoader loader);
/// The bytes of face `index`; empty bytes mean it could not be loaded (offline, missing file):
/// its code points are asked for again the next time text needs them.
void glyphFaceLoaded(size_t index, std::vector<unsigned char> bytes);

/// Text the screens show or edit (UTF-8). Cheap for text already seen.
void noteText(std::string_view utf8);
/// Every string in the store's portfolio, again only when the store's revision has changed.
void noteStoreText(const core::Store& store);
/// An entry's title, fields and tags (the editor's draft, which is not in the store yet).
void noteEntryText(const core::Entry& entry);
/// The text of the input field being edited this frame (ImGui's own edit buffer).
void noteActiveInputText();

/// True when the atlas should be rebuilt before the next frame: text needs glyphs that a loaded
/// face has and the atlas lacks. Asks the loader for faces it needs.
bool glyphsWantRebuild();
/// True while noted text waits to be looked up or a rebuild is due (the shells draw the next
/// frame instead of idling). A face still loading does not count: its loader wakes the shell.
bool glyphsBusy();
/// Code points noted that no font in the catalog draws (they show as ImGui's "?").
std::vector<char32_t> glyphsWithoutFont();

/// For loadFonts: each loaded face with the code points the atlas should take from it.
struct GlyphMerge {
    const GlyphFace* face;
    const std::vector<unsigned char>* bytes;
    std::vector<ImWchar> ranges; ///< pairs, zero-terminated (ImGui keeps the pointer)
};
std::vector<GlyphMerge> glyphMerges(FaceWeight weight);

} // namespace pathway::ui
