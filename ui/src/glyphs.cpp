#include "pathway/ui/glyphs.hpp"

#include "pathway/core/model.hpp"
#include "pathway/core/store.hpp"
#include "pathway/ui/theme.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <set>
#include <unordered_set>

namespace pathway::ui {

namespace {

enum class LoadState { Idle, Loading, Loaded, Failed };

struct FaceState {
    LoadState state = LoadState::Idle;
    std::vector<unsigned char> bytes;
    std::set<char32_t> wanted;  ///< code points text needs from this face
    std::set<char32_t> inAtlas; ///< of those, the ones the current atlas holds
};

struct Glyphs {
    GlyphCatalog catalog;
    GlyphFaceLoader loader;
    std::vector<FaceState> faces;
    std::unordered_set<char32_t> seen; ///< every code point >= 0x80 noted so far
    std::vector<char32_t> fresh;       ///< noted since the last glyphsWantRebuild()
    std::set<char32_t> noFont;
    const core::Store* store = nullptr;
    uint64_t storeRevision = 0;
    size_t storeEntries = 0;
    std::string storeName;
    ImGuiID inputId = 0;
    int inputLen = -1;
    uint64_t inputSum = 0;
};

Glyphs& state() {
    static Glyphs g;
    return g;
}

bool parseHex(std::string_view s, char32_t& out) {
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    if (ec != std::errc() || p != s.data() + s.size() || v > 0x10FFFF) return false;
    out = v;
    return true;
}

std::string_view nextField(std::string_view& line) {
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    const size_t end = std::min(line.find(' '), line.size());
    std::string_view field = line.substr(0, end);
    line.remove_prefix(end);
    return field;
}

void noteCodePoint(Glyphs& g, char32_t cp) {
    if (cp >= 0x80 && g.seen.insert(cp).second) g.fresh.push_back(cp);
}

bool atlasHas(const ImFont* font, char32_t cp) {
    return font && font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

} // namespace

std::optional<GlyphCatalog> GlyphCatalog::parse(std::string_view text, std::string* error) {
    GlyphCatalog catalog;
    int lineNo = 0;
    auto bad = [&](const std::string& why) -> std::optional<GlyphCatalog> {
        if (error) *error = "glyph catalog line " + std::to_string(lineNo) + ": " + why;
        return std::nullopt;
    };
    while (!text.empty()) {
        const size_t nl = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(std::min(nl + 1, text.size()));
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        if (nextField(line) != "face") return bad("expected 'face'");
        GlyphFace face;
        const std::string_view weight = nextField(line);
        if (weight == "regular")
            face.weight = FaceWeight::Regular;
        else if (weight == "semibold")
            face.weight = FaceWeight::SemiBold;
        else if (weight == "any")
            face.weight = FaceWeight::Any;
        else
            return bad("unknown weight '" + std::string(weight) + "'");
        const std::string_view fontNo = nextField(line);
        auto [p, ec] = std::from_chars(fontNo.data(), fontNo.data() + fontNo.size(), face.fontNo);
        if (ec != std::errc() || p != fontNo.data() + fontNo.size() || face.fontNo < 0)
            return bad("bad font number '" + std::string(fontNo) + "'");
        face.file = std::string(nextField(line));
        std::string_view ranges = nextField(line);
        if (face.file.empty() || ranges.empty()) return bad("missing file or ranges");
        if (!nextField(line).empty()) return bad("unexpected text after the ranges");
        while (!ranges.empty()) {
            const size_t comma = std::min(ranges.find(','), ranges.size());
            std::string_view item = ranges.substr(0, comma);
            ranges.remove_prefix(std::min(comma + 1, ranges.size()));
            const size_t dash = item.find('-');
            char32_t lo = 0, hi = 0;
            if (!parseHex(item.substr(0, dash), lo) ||
                !parseHex(dash == std::string_view::npos ? item.substr(0, dash)
                                                         : item.substr(dash + 1),
                          hi) ||
                hi < lo)
                return bad("bad range '" + std::string(item) + "'");
            if (!face.ranges.empty() && lo <= face.ranges.back().second)
                return bad("ranges out of order at '" + std::string(item) + "'");
            face.ranges.emplace_back(lo, hi);
        }
        catalog.faces.push_back(std::move(face));
    }
    return catalog;
}

int GlyphCatalog::find(char32_t cp, FaceWeight weight) const {
    for (size_t i = 0; i < faces.size(); ++i) {
        const GlyphFace& f = faces[i];
        if (f.weight != weight && f.weight != FaceWeight::Any) continue;
        auto it = std::lower_bound(f.ranges.begin(), f.ranges.end(), cp,
                                   [](const auto& r, char32_t c) { return r.second < c; });
        if (it != f.ranges.end() && it->first <= cp) return static_cast<int>(i);
    }
    return -1;
}

void setGlyphCatalog(GlyphCatalog catalog, GlyphFaceLoader loader) {
    Glyphs& g = state();
    g = Glyphs{};
    g.faces.resize(catalog.faces.size());
    g.catalog = std::move(catalog);
    g.loader = std::move(loader);
}

void glyphFaceLoaded(size_t index, std::vector<unsigned char> bytes) {
    Glyphs& g = state();
    if (index >= g.faces.size()) return;
    FaceState& f = g.faces[index];
    if (bytes.empty()) {
        // Asked for again when text next needs one of its code points.
        f.state = LoadState::Failed;
        for (char32_t cp : f.wanted)
            if (!f.inAtlas.count(cp)) g.seen.erase(cp);
        return;
    }
    f.bytes = std::move(bytes);
    f.state = LoadState::Loaded;
}

void noteText(std::string_view utf8) {
    Glyphs& g = state();
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        // ASCII (always in the first atlas) skipped eight bytes at a time.
        while (end - p >= 8) {
            uint64_t word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ull) break;
            p += 8;
        }
        if (p >= end) break;
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        unsigned int c = 0;
        p += ImTextCharFromUtf8(&c, p, end);
        noteCodePoint(g, c);
    }
}

void noteStoreText(const core::Store& store) {
    Glyphs& g = state();
    const core::Portfolio& p = store.portfolio();
    if (g.store == &store && g.storeRevision == store.revision() &&
        g.storeEntries == p.entries.size() && g.storeName == p.profile.name)
        return;
    g.store = &store;
    g.storeRevision = store.revision();
    g.storeEntries = p.entries.size();
    g.storeName = p.profile.name;
    // Every string the screens can show from the portfolio, read in place (serialising a
    // 10,000-entry portfolio on each change would cost tens of milliseconds).
    for (const std::string* t : {&p.profile.name, &p.profile.employer, &p.profile.team,
                                 &p.profile.registrationNumber})
        noteText(*t);
    for (const core::Entry& e : p.entries) {
        noteEntryText(e);
        for (const core::Attachment& a : e.attachments) {
            noteText(a.name);
            noteText(a.ref);
        }
    }
    for (const core::Comment& c : p.comments) {
        noteText(c.author);
        noteText(c.role);
        noteText(c.text);
    }
    for (const core::SignOff& s : p.signOffs) {
        noteText(s.reviewer);
        noteText(s.role);
    }
}

void noteEntryText(const core::Entry& entry) {
    noteText(entry.title);
    for (const auto& [key, value] : entry.fields) noteText(value);
    for (const std::string& tag : entry.tags) noteText(tag);
}

void noteActiveInputText() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx) return;
    const ImGuiInputTextState& s = ctx->InputTextState;
    if (s.ID == 0 || ctx->ActiveId != s.ID || s.TextW.Size == 0) return;
    Glyphs& g = state();
    uint64_t sum = 0;
    const int len = std::min(s.CurLenW, s.TextW.Size);
    for (int i = 0; i < len; ++i) sum = sum * 31 + s.TextW[i];
    if (s.ID == g.inputId && len == g.inputLen && sum == g.inputSum) return;
    g.inputId = s.ID;
    g.inputLen = len;
    g.inputSum = sum;
    for (int i = 0; i < len; ++i) noteCodePoint(g, s.TextW[i]);
}

bool glyphsWantRebuild() {
    Glyphs& g = state();
    std::vector<char32_t> fresh;
    fresh.swap(g.fresh);
    const Fonts& atlas = fonts();
    for (char32_t cp : fresh) {
        if (atlasHas(atlas.body, cp) && atlasHas(atlas.heading, cp)) continue;
        bool any = false;
        for (FaceWeight w : {FaceWeight::Regular, FaceWeight::SemiBold}) {
            const int i = g.catalog.find(cp, w);
            if (i < 0) continue;
            any = true;
            FaceState& f = g.faces[static_cast<size_t>(i)];
            f.wanted.insert(cp);
            if (f.state == LoadState::Idle || f.state == LoadState::Failed) {
                f.state = LoadState::Loading;
                if (g.loader) g.loader(static_cast<size_t>(i), g.catalog.faces[static_cast<size_t>(i)]);
            }
        }
        if (!any) g.noFont.insert(cp);
    }
    for (const FaceState& f : g.faces)
        if (f.state == LoadState::Loaded && f.inAtlas.size() != f.wanted.size()) return true;
    return false;
}

bool glyphsBusy() {
    const Glyphs& g = state();
    if (!g.fresh.empty()) return true;
    for (const FaceState& f : g.faces)
        if (f.state == LoadState::Loaded && f.inAtlas.size() != f.wanted.size()) return true;
    return false;
}

std::vector<char32_t> glyphsWithoutFont() {
    const Glyphs& g = state();
    return {g.noFont.begin(), g.noFont.end()};
}

std::vector<GlyphMerge> glyphMerges(FaceWeight weight) {
    Glyphs& g = state();
    std::vector<GlyphMerge> out;
    for (size_t i = 0; i < g.faces.size(); ++i) {
        FaceState& f = g.faces[i];
        const GlyphFace& face = g.catalog.faces[i];
        if (f.state != LoadState::Loaded || f.wanted.empty()) continue;
        if (face.weight != weight && face.weight != FaceWeight::Any) continue;
        GlyphMerge m{&face, &f.bytes, {}};
        for (char32_t cp : f.wanted) {
            if (!m.ranges.empty() && m.ranges.back() + 1 == cp)
                m.ranges.back() = cp;
            else
                m.ranges.insert(m.ranges.end(), {cp, cp});
        }
        m.ranges.push_back(0);
        f.inAtlas = f.wanted;
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace pathway::ui
