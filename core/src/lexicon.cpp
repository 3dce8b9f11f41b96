#include "pathway/core/lexicon.hpp"

#include <mutex>

namespace pathway::core {

std::shared_ptr<const Lexicon> Lexicon::parse(std::string_view bytes, std::string* error) {
    auto fail = [&](std::string why) -> std::shared_ptr<const Lexicon> {
        if (error) *error = "word list: " + why;
        return nullptr;
    };
    size_t pos = 0;
    auto line = [&](std::string_view& out) {
        if (pos >= bytes.size()) return false;
        size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) nl = bytes.size();
        out = bytes.substr(pos, nl - pos);
        if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
        pos = nl + 1;
        return true;
    };
    std::string_view l;
    if (!line(l) || l != "pathway-lexicon/1") return fail("not a pathway-lexicon/1 file");
    auto lex = std::make_shared<Lexicon>();
    auto section = [&](std::string_view name, std::unordered_set<std::string>& into) -> bool {
        if (!line(l) || l.substr(0, name.size() + 1) != std::string(name) + " ") return false;
        size_t count = 0;
        for (char c : l.substr(name.size() + 1)) {
            if (c < '0' || c > '9' || count > 10'000'000) return false;
            count = count * 10 + static_cast<size_t>(c - '0');
        }
        into.reserve(count);
        std::string prev;
        for (size_t i = 0; i < count; ++i) {
            if (!line(l) || l.empty() || l[0] < '0' || l[0] > '9') return false;
            const size_t shared = static_cast<size_t>(l[0] - '0');
            if (shared > prev.size()) return false;
            prev.resize(shared);
            prev.append(l.substr(1));
            if (prev.empty()) return false;
            into.insert(prev);
        }
        return true;
    };
    const size_t second = pos;
    if (!line(l)) return fail("ends after its first line");
    if (l.rfind("source ", 0) == 0) lex->m_source = std::string(l.substr(7));
    else pos = second; // no source line
    if (!section("words", lex->m_words)) return fail("the words section is damaged");
    if (!section("names", lex->m_names)) return fail("the names section is damaged");
    return lex;
}

namespace {
std::mutex g_mutex;
std::shared_ptr<const Lexicon> g_installed;
bool g_builtinTried = false;
} // namespace

std::shared_ptr<const Lexicon> activeLexicon() {
    std::lock_guard lock(g_mutex);
    if (!g_installed && !g_builtinTried) {
        g_builtinTried = true;
        if (!builtinLexiconBytes().empty()) g_installed = Lexicon::parse(builtinLexiconBytes());
    }
    return g_installed;
}

void installLexicon(std::shared_ptr<const Lexicon> lexicon) {
    std::lock_guard lock(g_mutex);
    g_builtinTried = true;
    g_installed = std::move(lexicon);
}

} // namespace pathway::core
