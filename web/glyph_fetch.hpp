// Web glyphs on demand (glyph_fetch.cpp): chunks of fonts fetched when text needs them.
#pragma once

namespace pathway::web {
/// Reads the glyph catalog preloaded at `path` and fetches chunks as ui/glyphs.hpp asks.
void installGlyphCatalog(const char* path);
} // namespace pathway::web
