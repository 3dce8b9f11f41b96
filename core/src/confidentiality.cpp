#include "pathway/core/confidentiality.hpp"

#include "pathway/core/builtin_assets.hpp"
#include "pathway/core/lexicon.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pathway::core {

std::string_view findingKindId(FindingKind k) {
    switch (k) {
    case FindingKind::Name: return "name";
    case FindingKind::DateOfBirth: return "date-of-birth";
    case FindingKind::NhsNumber: return "nhs-number";
    case FindingKind::Postcode: return "postcode";
    case FindingKind::Phone: return "phone";
    case FindingKind::Email: return "email";
    case FindingKind::CaseNumber: return "case-number";
    case FindingKind::Address: return "address";
    case FindingKind::Place: return "place";
    case FindingKind::NiNumber: return "ni-number";
    case FindingKind::Vehicle: return "vehicle-registration";
    }
    return "name";
}

std::string_view findingKindLabel(FindingKind k) {
    switch (k) {
    case FindingKind::Name: return "a name";
    case FindingKind::DateOfBirth: return "a date of birth";
    case FindingKind::NhsNumber: return "an NHS number";
    case FindingKind::Postcode: return "a postcode";
    case FindingKind::Phone: return "a phone number";
    case FindingKind::Email: return "an email address";
    case FindingKind::CaseNumber: return "a case number";
    case FindingKind::Address: return "an address";
    case FindingKind::Place: return "a school, hospital or other place";
    case FindingKind::NiNumber: return "a National Insurance number";
    case FindingKind::Vehicle: return "a vehicle registration";
    }
    return "a name";
}

std::string_view redactionFor(FindingKind k) {
    switch (k) {
    case FindingKind::Name: return "[name]";
    case FindingKind::DateOfBirth: return "[date of birth]";
    case FindingKind::NhsNumber: return "[NHS number]";
    case FindingKind::Postcode: return "[postcode]";
    case FindingKind::Phone: return "[phone]";
    case FindingKind::Email: return "[email]";
    case FindingKind::CaseNumber: return "[case number]";
    case FindingKind::Address: return "[address]";
    case FindingKind::Place: return "[place]";
    case FindingKind::NiNumber: return "[NI number]";
    case FindingKind::Vehicle: return "[vehicle registration]";
    }
    return "[redacted]";
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isAlpha(char c) { return isUpper(c) || isLower(c); }
bool isAlnum(char c) { return isAlpha(c) || isDigit(c); }
char lowerAscii(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// --- UTF-8 ---------------------------------------------------------------------------------------
// The code point at i and its length in bytes (a broken sequence counts as one byte, U+FFFD).
std::pair<uint32_t, size_t> decodeAt(std::string_view t, size_t i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) return {c, 1};
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > t.size()) return {0xFFFD, 1};
    uint32_t cp = c & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(t[i + k]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, n};
}

// Letters beyond ASCII: Latin, Greek, Cyrillic and the rest, but not punctuation, symbols or
// spaces (U+2000-U+2BFF, U+3000-U+303F, the Latin-1 symbols, × and ÷).
bool isLetterCp(uint32_t cp) {
    if (cp < 0x80) return isAlpha(static_cast<char>(cp));
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;
    if (cp >= 0x3000 && cp <= 0x303F) return false;
    if (cp >= 0xFE00 && cp <= 0xFE0F) return false;
    if (cp >= 0x1F000) return false; // emoji
    return true;
}

bool isUpperCp(uint32_t cp) {
    if (cp < 0x80) return isUpper(static_cast<char>(cp));
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
    if (cp == 0x178) return true;
    if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
    if (cp >= 0x391 && cp <= 0x3AB) return true; // Greek
    if (cp >= 0x400 && cp <= 0x42F) return true; // Cyrillic
    return false;
}

// Lower case for look-ups: ASCII and the Latin-1 capitals (À-Þ).
std::string lowerWord(std::string_view w) {
    std::string out(w);
    for (size_t i = 0; i < out.size(); ++i) {
        out[i] = lowerAscii(out[i]);
        if (static_cast<unsigned char>(out[i]) == 0xC3 && i + 1 < out.size()) {
            auto b = static_cast<unsigned char>(out[i + 1]);
            if (b >= 0x80 && b <= 0x9E && b != 0x97) out[i + 1] = static_cast<char>(b + 0x20);
            ++i;
        }
    }
    return out;
}

// --- the rules (assets/confidentiality/rules.json) ----------------------------------------------
using Phrase = std::vector<std::string>; // lower-case words

struct Institution {
    Phrase words;
    std::string label;
    bool needsCapital = false;
};

struct Rules {
    std::set<std::string> titleCues; // exact case
    std::vector<Phrase> childCues, adultCues, personCues, birthCues, addressCues, caseCues;
    std::set<std::string> months;
    int childAgeBelow = 18;
    std::vector<Institution> institutions; // longest first
    std::set<std::string> institutionPrefix;
    std::set<std::string> streetWords, streetWithoutNumber, flatWords;
    std::set<std::string> tlds;
    std::set<std::string> singleLetterAfter;
    std::set<std::string> notInitials; // exact case
    std::vector<Phrase> notNames;      // longest first
    std::unordered_map<std::string, std::vector<const Phrase*>> notNamesByFirst; // longest first
    std::unordered_set<std::string> notNameWords; // single-word entries
    std::set<std::string> placeholderLabels;
    std::unordered_set<std::string> ordinaryWords; ///< ordinary words the word list lacks
};

std::vector<std::string> splitWords(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ') {
            if (!cur.empty()) out.push_back(lowerWord(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(lowerWord(cur));
    return out;
}

std::string stripPossessive(std::string_view w) {
    std::string s(w);
    if (s.size() > 2 && (s.ends_with("'s") || s.ends_with("'S"))) s.resize(s.size() - 2);
    else if (s.size() > 4 && s.ends_with("\xE2\x80\x99s")) s.resize(s.size() - 4);
    else if (s.size() > 1 && s.back() == '\'') s.pop_back();
    return s;
}

const Rules& rules() {
    static const Rules r = [] {
        Rules out;
        nlohmann::json j;
        for (const auto& f : builtinAssets())
            if (f.path == "confidentiality/rules.json") j = nlohmann::json::parse(f.content, nullptr, false);
        if (!j.is_object()) return out; // the build embeds the file; a missing one finds less
        auto strings = [&](const char* key) {
            std::vector<std::string> v;
            if (j.contains(key) && j[key].is_array())
                for (const auto& s : j[key])
                    if (s.is_string()) v.push_back(s.get<std::string>());
            return v;
        };
        auto phrases = [&](const char* key) {
            std::vector<Phrase> v;
            for (const auto& s : strings(key)) {
                Phrase p;
                for (auto& w : splitWords(s)) p.push_back(stripPossessive(w));
                if (!p.empty()) v.push_back(std::move(p));
            }
            std::stable_sort(v.begin(), v.end(), [](const Phrase& a, const Phrase& b) { return a.size() > b.size(); });
            return v;
        };
        auto lowerSet = [&](const char* key) {
            std::set<std::string> s;
            for (const auto& w : strings(key)) s.insert(lowerWord(w));
            return s;
        };
        for (const auto& s : strings("title_cues")) out.titleCues.insert(s);
        out.childCues = phrases("child_cues");
        out.adultCues = phrases("adult_cues");
        out.personCues = phrases("person_cues");
        out.birthCues = phrases("birth_cues");
        out.addressCues = phrases("address_cues");
        out.caseCues = phrases("case_cues");
        out.months = lowerSet("months");
        if (j.contains("child_age_below") && j["child_age_below"].is_number_integer())
            out.childAgeBelow = j["child_age_below"].get<int>();
        if (j.contains("institution_words") && j["institution_words"].is_array())
            for (const auto& o : j["institution_words"]) {
                if (!o.is_object() || !o.contains("word") || !o["word"].is_string()) continue;
                Institution in;
                in.words = splitWords(o["word"].get<std::string>());
                in.label = o.value("label", std::string("Place"));
                in.needsCapital = o.value("needs_capital", false);
                out.institutions.push_back(std::move(in));
            }
        std::stable_sort(out.institutions.begin(), out.institutions.end(),
                         [](const Institution& a, const Institution& b) { return a.words.size() > b.words.size(); });
        for (const auto& s : strings("institution_prefix_words")) out.institutionPrefix.insert(s);
        out.streetWords = lowerSet("street_words");
        out.streetWithoutNumber = lowerSet("street_words_without_number");
        out.flatWords = lowerSet("flat_words");
        out.tlds = lowerSet("email_tlds");
        out.singleLetterAfter = lowerSet("single_letter_not_initials_after");
        for (const auto& s : strings("not_initials")) out.notInitials.insert(s);
        out.notNames = phrases("not_names");
        for (const auto& p : out.notNames) {
            if (p.size() == 1) out.notNameWords.insert(p[0]);
            else out.notNamesByFirst[p[0]].push_back(&p);
        }
        for (const auto& s : strings("placeholder_labels")) out.placeholderLabels.insert(s);
        for (const auto& s : strings("ordinary_words")) out.ordinaryWords.insert(lowerWord(s));
        return out;
    }();
    return r;
}

// --- words -------------------------------------------------------------------------------------
struct Tok {
    size_t s = 0, e = 0; ///< bytes [s, e) in the text, a possessive "'s" included
    size_t core = 0;     ///< end without the possessive
    std::string lower;   ///< lower case, possessive stripped
    bool cap = false;    ///< starts with a capital letter
    bool allCaps = false;
    bool digit = false;     ///< has a digit
    bool sentence = false;  ///< first word of a sentence, a line, a list item or a heading
    bool protect = false;   ///< part of a known phrase that is not a name ("Signs of Safety")
    bool placeholder = false; ///< inside one of our own "[Child A]" placeholders
};

bool joinerAt(std::string_view t, size_t i, size_t& len) {
    if (t[i] == '-' || t[i] == '\'') {
        len = 1;
        return true;
    }
    if (t.compare(i, 3, "\xE2\x80\x99") == 0) { // ’
        len = 3;
        return true;
    }
    return false;
}

bool wordStartAt(std::string_view t, size_t i) {
    if (isAlnum(t[i])) return true;
    if (static_cast<unsigned char>(t[i]) < 0x80) return false;
    return isLetterCp(decodeAt(t, i).first);
}

std::vector<Tok> tokenize(std::string_view t) {
    std::vector<Tok> out;
    size_t i = 0;
    while (i < t.size()) {
        if (!wordStartAt(t, i)) {
            ++i;
            continue;
        }
        Tok k;
        k.s = i;
        bool upperFirst = false, anyLower = false;
        size_t letters = 0;
        while (i < t.size()) {
            if (isAlnum(t[i])) {
                if (isDigit(t[i])) k.digit = true;
                else {
                    ++letters;
                    if (i == k.s) upperFirst = isUpper(t[i]);
                    if (isLower(t[i])) anyLower = true;
                }
                ++i;
                continue;
            }
            if (static_cast<unsigned char>(t[i]) >= 0x80) {
                auto [cp, n] = decodeAt(t, i);
                if (isLetterCp(cp)) {
                    ++letters;
                    if (i == k.s) upperFirst = isUpperCp(cp);
                    if (!isUpperCp(cp)) anyLower = true;
                    i += n;
                    continue;
                }
            }
            size_t jl = 0;
            if (i > k.s && joinerAt(t, i, jl) && i + jl < t.size() && wordStartAt(t, i + jl) &&
                !isDigit(t[i + jl])) {
                i += jl;
                continue;
            }
            break;
        }
        k.e = i;
        std::string_view w = t.substr(k.s, k.e - k.s);
        std::string core = stripPossessive(w);
        k.core = k.s + core.size();
        k.lower = lowerWord(core);
        k.cap = upperFirst;
        k.allCaps = letters >= 2 && !anyLower;
        out.push_back(std::move(k));
    }
    // Sentence starts: the text's start, after . ! ? : ; a newline or a bullet, skipping
    // quotes and brackets. A "." right after a title ("Mr.") or inside initials does not end one.
    for (size_t n = 0; n < out.size(); ++n) {
        size_t p = out[n].s;
        bool start = true;
        while (p > 0) {
            const char c = t[p - 1];
            if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == '[' || c == '\'' || c == '*') {
                --p;
                continue;
            }
            if (static_cast<unsigned char>(c) >= 0x80) { // “ ‘ • and other punctuation
                size_t q = p - 1;
                while (q > 0 && (static_cast<unsigned char>(t[q]) & 0xC0) == 0x80) --q;
                auto [cp, len] = decodeAt(t, q);
                if (!isLetterCp(cp)) {
                    if (cp == 0x2022) break; // a bullet
                    p = q;
                    continue;
                }
            }
            start = c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n' ||
                    c == '\r' || c == '-';
            if (c == '.' && n > 0 && out[n - 1].e == p - 1) {
                const Tok& prev = out[n - 1];
                std::string_view pw = t.substr(prev.s, prev.e - prev.s);
                if (rules().titleCues.count(std::string(pw)) || pw.size() == 1) start = false;
            }
            break;
        }
        out[n].sentence = start;
    }
    return out;
}

bool phraseAt(const std::vector<Tok>& ws, size_t i, const Phrase& p, std::string_view t) {
    if (i + p.size() > ws.size()) return false;
    for (size_t k = 0; k < p.size(); ++k) {
        if (ws[i + k].lower != p[k]) return false;
        if (k > 0) { // words of a phrase sit next to each other
            std::string_view gap = t.substr(ws[i + k - 1].e, ws[i + k].s - ws[i + k - 1].e);
            if (gap.size() > 2 || gap.find_first_not_of(" ,-") != std::string_view::npos) return false;
        }
    }
    return true;
}

// The longest phrase of `list` that ends right before word i (the words just before it), or null.
const Phrase* phraseBefore(const std::vector<Tok>& ws, size_t i, const std::vector<Phrase>& list,
                           std::string_view t) {
    for (const Phrase& p : list) {
        if (p.size() > i) continue;
        if (phraseAt(ws, i - p.size(), p, t)) return &p;
    }
    return nullptr;
}

// --- what the check knows besides the text --------------------------------------------------------
enum class Role : uint8_t { Unknown, Child, Adult };

struct Known {
    Phrase words;            ///< lower case
    std::string placeholder; ///< "[Practitioner]"
    FindingKind kind = FindingKind::Name;
    bool capitalOnly = false; ///< an ordinary word too ("Will"): only when capitalised
};

struct Context {
    const Lexicon* lex = nullptr;
    std::vector<Known> known;            ///< longest first
    std::set<std::string> repeats;       ///< lower-case name words found elsewhere
    std::set<std::string> names;         ///< every name word found elsewhere ("lee" of "Lee Carter")
    std::set<std::string> ownName;       ///< lint leaves the practitioner's own name alone
};

struct Hit {
    FindingKind kind = FindingKind::Name;
    size_t off = 0, len = 0;
    std::string why;
    // Names: the words (lower case), the role the cues around them suggest, a title cue.
    std::vector<std::string> words;
    Role role = Role::Unknown;
    bool titled = false;
    std::string label;       ///< places: "School", "Hospital"...
    std::string placeholder; ///< known details: the placeholder to use
};

std::string inQuotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

class Scanner {
  public:
    Scanner(std::string_view text, const Context& ctx)
        : t(text), c(ctx), R(rules()), ws(tokenize(text)) {}

    std::vector<Hit> run() {
        markProtected();
        known();
        emails();
        datesOfBirth();
        numbers();
        niNumbers();
        postcodes();
        vehicles();
        caseNumbers();
        addresses();
        institutions();
        names();
        initials();
        // Earlier scanners win on overlap (an NHS number is not also a phone number).
        std::vector<Hit> kept;
        std::vector<std::pair<size_t, size_t>> spans;
        for (auto& h : hits) {
            if (h.len == 0) continue;
            bool overlaps = false;
            for (const auto& [o, l] : spans)
                if (h.off < o + l && o < h.off + h.len) overlaps = true;
            if (!overlaps) {
                spans.emplace_back(h.off, h.len);
                kept.push_back(std::move(h));
            }
        }
        std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.off < b.off; });
        return kept;
    }

  private:
    std::string_view t;
    const Context& c;
    const Rules& R;
    std::vector<Tok> ws;
    std::vector<Hit> hits;
    std::vector<bool> taken; // words already inside a hit (by word index)

    void add(FindingKind k, size_t off, size_t len, std::string why) {
        Hit h;
        h.kind = k;
        h.off = off;
        h.len = len;
        h.why = std::move(why);
        hits.push_back(std::move(h));
    }
    bool wordsFree(size_t from, size_t to) const { // [from, to) not inside an earlier hit
        for (const auto& h : hits)
            for (size_t k = from; k < to; ++k)
                if (ws[k].s < h.off + h.len && h.off < ws[k].e) return false;
        return true;
    }
    bool spanFree(size_t off, size_t len) const {
        for (const auto& h : hits)
            if (off < h.off + h.len && h.off < off + len) return false;
        return true;
    }
    std::string_view word(size_t i) const { return t.substr(ws[i].s, ws[i].e - ws[i].s); }
    std::string_view coreWord(size_t i) const { return t.substr(ws[i].s, ws[i].core - ws[i].s); }
    std::string_view gap(size_t i) const { // between word i-1 and word i
        return i == 0 ? t.substr(0, ws[0].s) : t.substr(ws[i - 1].e, ws[i].s - ws[i - 1].e);
    }
    bool spaceBetween(size_t i) const { // word i follows word i-1 after one space
        return i > 0 && gap(i) == " ";
    }

    // --- things that are not names ---------------------------------------------------------
    void markProtected() {
        for (size_t i = 0; i < ws.size(); ++i) {
            if (auto it = R.notNamesByFirst.find(ws[i].lower); it != R.notNamesByFirst.end())
                for (const Phrase* p : it->second) {
                    if (!phraseAt(ws, i, *p, t)) continue;
                    for (size_t k = 0; k < p->size(); ++k) ws[i + k].protect = true;
                    break;
                }
            if (R.notNameWords.count(ws[i].lower)) ws[i].protect = true;
        }
        // Our own placeholders: "[Child A]", "[School 1]", "[name]".
        for (size_t b = t.find('['); b != std::string_view::npos; b = t.find('[', b + 1)) {
            const size_t e = t.find(']', b);
            if (e == std::string_view::npos || e - b > 40) continue;
            std::string_view in = t.substr(b + 1, e - b - 1);
            bool ours = false;
            for (const auto& l : R.placeholderLabels)
                if (in == l || (in.size() > l.size() + 1 && in.substr(0, l.size()) == l && in[l.size()] == ' '))
                    ours = true;
            if (!ours) continue;
            for (auto& w : ws)
                if (w.s > b && w.e <= e) w.placeholder = true;
        }
    }

    bool isWord(std::string_view lower) const {
        return c.lex && (c.lex->isWord(lower) || R.ordinaryWords.count(std::string(lower)));
    }
    bool isNameEntry(std::string_view w) const { return c.lex && c.lex->isName(w); }

    // --- details the portfolio knows (practitioner, reviewers, employer, team) ---------------
    void known() {
        for (size_t i = 0; i < ws.size(); ++i) {
            if (ws[i].placeholder) continue;
            for (const Known& k : c.known) {
                if (!phraseAt(ws, i, k.words, t)) continue;
                if (k.capitalOnly && !ws[i].cap) continue;
                const size_t last = i + k.words.size() - 1;
                const size_t end = k.words.size() == 1 ? ws[last].core : ws[last].core;
                Hit h;
                h.kind = k.kind;
                h.off = ws[i].s;
                h.len = end - ws[i].s;
                h.why = "the portfolio names " + inQuotes(t.substr(h.off, h.len));
                h.placeholder = k.placeholder;
                hits.push_back(std::move(h));
                i = last;
                break;
            }
        }
    }

    // --- e-mails, also written out ("jo dot bloggs at example dot com") -------------------------
    void emails() {
        for (size_t at = 0; at < t.size(); ++at) {
            if (t[at] != '@') continue;
            size_t s = at;
            auto emailChar = [](char ch) {
                return isAlnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
            };
            while (s > 0 && emailChar(t[s - 1])) --s;
            size_t e = at + 1;
            while (e < t.size() && (isAlnum(t[e]) || t[e] == '.' || t[e] == '-')) ++e;
            while (e > at + 1 && t[e - 1] == '.') --e;
            std::string_view domain = t.substr(at + 1, e - at - 1);
            if (s == at || domain.find('.') == std::string_view::npos || domain.front() == '.') continue;
            add(FindingKind::Email, s, e - s, "looks like an e-mail address");
            at = e;
        }
        // Written out: LOCAL (at|[at]|(at)) DOMAIN ((dot|[dot]|.) PART)+ ending in a known TLD.
        auto sepWord = [&](size_t i, std::string_view w) { // "at" or "dot", bare or bracketed
            return ws[i].lower == w;
        };
        for (size_t i = 0; i + 2 < ws.size(); ++i) {
            if (!sepWord(i + 1, "at")) continue;
            // the local part: word i, possibly "jo dot bloggs" / "jo.bloggs" before it
            size_t first = i;
            while (first >= 2 && sepWord(first - 1, "dot")) first -= 2;
            if (ws[i].digit && ws[i].lower.size() < 2) continue;
            size_t k = i + 2, dots = 0, last = k;
            bool tldEnd = false;
            while (k < ws.size()) {
                // parts joined by "." inside a token are one token? no: "." splits tokens
                last = k;
                tldEnd = R.tlds.count(ws[k].lower) > 0;
                if (k + 2 < ws.size() && (sepWord(k + 1, "dot") || gap(k + 1) == ".")) {
                    if (gap(k + 1) == ".") {
                        ++dots;
                        k += 1;
                    } else {
                        ++dots;
                        k += 2;
                    }
                    continue;
                }
                if (k + 1 < ws.size() && gap(k + 1) == ".") {
                    ++dots;
                    k += 1;
                    continue;
                }
                break;
            }
            if (dots == 0 || !tldEnd) continue;
            // "(at)" or "[at]" brackets belong to the match; so does a "." joined local part.
            size_t s = ws[first].s;
            while (s > 0 && (t[s - 1] == '.' || t[s - 1] == '_' || isAlnum(t[s - 1]))) --s;
            add(FindingKind::Email, s, ws[last].e - s, "looks like an e-mail address written out");
            i = last;
        }
    }

    // --- dates of birth -------------------------------------------------------------------------
    bool monthAt(size_t p, size_t& end) const {
        size_t m = p;
        while (m < t.size() && isAlpha(t[m])) ++m;
        if (m - p < 3) return false;
        std::string w = lowerWord(t.substr(p, m - p));
        if (!R.months.count(w)) return false;
        end = m;
        if (end < t.size() && t[end] == '.') ++end; // "Feb."
        return true;
    }
    size_t digitsAt(size_t p) const {
        size_t n = 0;
        while (p + n < t.size() && isDigit(t[p + n])) ++n;
        return n;
    }
    // Length of a date starting at i, or 0: 03/03/2019, 3-3-19, 03.03.2019, 2019-03-03,
    // 3 March 2019, 3rd of March 2019, 3rd Mar, March 3, 2019, March 3rd 2019, March 2019.
    size_t dateAt(size_t i) const {
        if (i >= t.size()) return 0;
        if (isDigit(t[i])) {
            const size_t a = digitsAt(i);
            size_t p = i + a;
            if (p < t.size() && (t[p] == '/' || t[p] == '-' || t[p] == '.')) {
                const char sep = t[p];
                const size_t b = digitsAt(p + 1);
                if (b == 0 || b > 2) return 0;
                const size_t q = p + 1 + b;
                if (q >= t.size() || t[q] != sep) return 0;
                const size_t cc = digitsAt(q + 1);
                if (a <= 2 && (cc == 2 || cc == 4)) return q + 1 + cc - i;
                if (a == 4 && cc >= 1 && cc <= 2) return q + 1 + cc - i;
                return 0;
            }
            if (a > 2) return 0;
            if (p + 2 <= t.size() && isLower(t[p]) && isLower(t[p + 1])) {
                std::string suf = lowerWord(t.substr(p, 2));
                if (suf != "st" && suf != "nd" && suf != "rd" && suf != "th") return 0;
                p += 2;
            }
            if (p >= t.size() || t[p] != ' ') return 0;
            ++p;
            if (t.compare(p, 3, "of ") == 0) p += 3;
            size_t m = 0;
            if (!monthAt(p, m)) return 0;
            size_t end = m;
            size_t y = m;
            if (y < t.size() && t[y] == ',') ++y;
            if (y < t.size() && t[y] == ' ' && (digitsAt(y + 1) == 4 || digitsAt(y + 1) == 2) &&
                (y + 1 + digitsAt(y + 1) >= t.size() || !isAlnum(t[y + 1 + digitsAt(y + 1)])))
                end = y + 1 + digitsAt(y + 1);
            return end - i;
        }
        size_t m = 0;
        if (!isAlpha(t[i]) || (i > 0 && isAlpha(t[i - 1])) || !monthAt(i, m)) return 0;
        size_t p = m;
        if (p >= t.size() || t[p] != ' ') return 0;
        ++p;
        const size_t d = digitsAt(p);
        if (d == 4) return p + 4 - i; // March 2019
        if (d == 0 || d > 2) return 0;
        size_t q = p + d;
        if (q + 2 <= t.size() && isLower(t[q]) && isLower(t[q + 1])) q += 2;
        size_t end = q;
        size_t y = q;
        if (y < t.size() && t[y] == ',') ++y;
        if (y < t.size() && t[y] == ' ' && digitsAt(y + 1) == 4) end = y + 5;
        return end - i;
    }
    void datesOfBirth() {
        // Cue positions: every birth cue and "aged N".
        std::vector<std::pair<size_t, size_t>> cues; // [start, end) bytes
        std::string lower = asciiLower(t);
        for (size_t i = 0; i < ws.size(); ++i) {
            for (const Phrase& p : R.birthCues) {
                if (!phraseAt(ws, i, p, t)) continue;
                size_t e = ws[i + p.size() - 1].e;
                if (p.back() == "b" && (e >= t.size() || t[e] != '.')) continue; // "b." only
                cues.emplace_back(ws[i].s, e);
                break;
            }
            if (ws[i].lower == "aged" && i + 1 < ws.size() && ws[i + 1].digit)
                cues.emplace_back(ws[i].s, ws[i + 1].e);
        }
        // "d.o.b", "dob:" spelt with dots are separate words ("d", "o", "b"): find them as text.
        for (std::string_view cue : {"d.o.b", "dob"}) {
            for (size_t pos = lower.find(cue); pos != std::string::npos; pos = lower.find(cue, pos + 1)) {
                const size_t after = pos + cue.size();
                if ((pos > 0 && isAlnum(lower[pos - 1])) || (after < lower.size() && isAlpha(lower[after])))
                    continue;
                cues.emplace_back(pos, after);
            }
        }
        auto sentenceEnd = [&](size_t p) { // '.' then a space and a capital, ! ? or a newline
            if (t[p] == '!' || t[p] == '?' || t[p] == '\n') return true;
            if (t[p] == '.' && p + 2 < t.size() && t[p + 1] == ' ' && isUpper(t[p + 2])) {
                // not "D.O.B. 3 March": a cue's own dots do not end the sentence
                return !(p >= 1 && isUpper(t[p - 1]) && (p < 2 || t[p - 2] == '.'));
            }
            return false;
        };
        for (const auto& [cs, ce] : cues) {
            // forwards, within the sentence and 80 bytes
            bool found = false;
            for (size_t i = ce; i < t.size() && i < ce + 80; ++i) {
                if (sentenceEnd(i)) break;
                if (i > 0 && isAlnum(t[i - 1])) continue;
                if (size_t n = dateAt(i)) {
                    if (spanFree(i, n)) add(FindingKind::DateOfBirth, i, n, "a date near " + inQuotes(t.substr(cs, ce - cs)));
                    found = true;
                    break;
                }
            }
            if (found) continue;
            // backwards, within the sentence and 40 bytes ("3 March 2019 (date of birth)")
            for (size_t back = 1; back <= 40 && back <= cs; ++back) {
                const size_t i = cs - back;
                if (sentenceEnd(i)) break;
                if (i > 0 && isAlnum(t[i - 1])) continue;
                if (size_t n = dateAt(i); n && i + n <= cs) {
                    if (spanFree(i, n)) add(FindingKind::DateOfBirth, i, n, "a date near " + inQuotes(t.substr(cs, ce - cs)));
                    break;
                }
            }
        }
    }

    // --- NHS and phone numbers ----------------------------------------------------------------
    struct DigitRun {
        size_t start, end;
        std::string digits;
    };
    std::vector<DigitRun> digitRuns() const {
        std::vector<DigitRun> out;
        size_t i = 0;
        while (i < t.size()) {
            if (!isDigit(t[i]) || (i > 0 && isAlnum(t[i - 1]))) {
                ++i;
                continue;
            }
            DigitRun r{i, i, {}};
            size_t j = i;
            while (j < t.size()) {
                if (isDigit(t[j])) {
                    r.digits.push_back(t[j]);
                    r.end = ++j;
                } else if ((t[j] == ' ' || t[j] == '-') && j + 1 < t.size() && isDigit(t[j + 1]) &&
                           r.digits.size() < 12) {
                    ++j;
                } else {
                    break;
                }
            }
            if (r.end < t.size() && isAlpha(t[r.end])) {
                i = r.end;
                continue;
            }
            out.push_back(r);
            i = std::max(r.end, i + 1);
        }
        return out;
    }
    static bool validNhs(const std::string& d) {
        if (d.size() != 10) return false;
        int sum = 0;
        for (int i = 0; i < 9; ++i) sum += (d[static_cast<size_t>(i)] - '0') * (10 - i);
        int check = 11 - (sum % 11);
        if (check == 11) check = 0;
        if (check == 10) return false;
        return check == d[9] - '0';
    }
    void numbers() {
        for (const auto& r : digitRuns()) {
            if (validNhs(r.digits)) {
                add(FindingKind::NhsNumber, r.start, r.end - r.start, "an NHS number (its check digit is valid)");
                continue;
            }
            const size_t s = r.start;
            const bool plus44 = s >= 1 && t[s - 1] == '+' && r.digits.rfind("44", 0) == 0;
            const bool zero44 = r.digits.rfind("0044", 0) == 0;
            if (plus44 && (r.digits.size() == 11 || r.digits.size() == 12))
                add(FindingKind::Phone, s - 1, r.end - s + 1, "looks like a phone number");
            else if (zero44 && (r.digits.size() == 13 || r.digits.size() == 14))
                add(FindingKind::Phone, s, r.end - s, "looks like a phone number");
            else if (r.digits[0] == '0' && (r.digits.size() == 10 || r.digits.size() == 11))
                add(FindingKind::Phone, s, r.end - s, "looks like a phone number");
        }
        // "(01632) 960 001", "+44 (0)7700 900 123": a bracketed part before a run.
        for (size_t i = 0; i + 2 < t.size(); ++i) {
            size_t start = i, j = i;
            std::string digits;
            if (t.compare(i, 3, "+44") == 0) {
                j = i + 3;
                while (j < t.size() && t[j] == ' ') ++j;
                if (t.compare(j, 3, "(0)") != 0) continue;
                j += 3;
                digits = "0";
            } else if (t[i] == '(' && t[i + 1] == '0' && (i == 0 || t[i - 1] != '+')) {
                j = i + 1;
                while (j < t.size() && isDigit(t[j])) digits.push_back(t[j++]);
                if (j >= t.size() || t[j] != ')' || digits.size() < 3 || digits.size() > 5) continue;
                ++j;
            } else {
                continue;
            }
            while (j < t.size() && t[j] == ' ') ++j;
            size_t k = j;
            while (k < t.size() && (isDigit(t[k]) || ((t[k] == ' ' || t[k] == '-') && k + 1 < t.size() &&
                                                       isDigit(t[k + 1]))))
                if (isDigit(t[k++])) digits.push_back(t[k - 1]);
            if ((digits.size() == 10 || digits.size() == 11) && spanFree(start, k - start))
                add(FindingKind::Phone, start, k - start, "looks like a phone number");
        }
    }

    // --- National Insurance numbers: AB 12 34 56 C in any case and spacing --------------------
    void niNumbers() {
        auto up = [&](size_t p) { return static_cast<char>(std::toupper(static_cast<unsigned char>(t[p]))); };
        constexpr std::string_view badFirst = "DFIQUV", badSecond = "DFIOQUV";
        for (size_t i = 0; i + 8 < t.size(); ++i) {
            if (!isAlpha(t[i]) || (i > 0 && isAlnum(t[i - 1])) || !isAlpha(t[i + 1])) continue;
            const char a = up(i), b = up(i + 1);
            if (badFirst.find(a) != std::string_view::npos || badSecond.find(b) != std::string_view::npos) continue;
            const std::string pre{a, b};
            if (pre == "BG" || pre == "GB" || pre == "NK" || pre == "KN" || pre == "TN" || pre == "NT" || pre == "ZZ")
                continue;
            size_t p = i + 2, digits = 0;
            while (p < t.size() && digits < 6) {
                if (isDigit(t[p])) ++digits, ++p;
                else if (t[p] == ' ' && digits % 2 == 0 && p + 1 < t.size() && isDigit(t[p + 1])) ++p;
                else break;
            }
            if (digits != 6) continue;
            if (p < t.size() && t[p] == ' ') ++p;
            if (p >= t.size() || up(p) < 'A' || up(p) > 'D' || (p + 1 < t.size() && isAlnum(t[p + 1]))) continue;
            add(FindingKind::NiNumber, i, p + 1 - i, "looks like a National Insurance number");
            i = p;
        }
    }

    // --- postcodes: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, any case -----------
    void postcodes() {
        for (size_t i = 0; i < t.size(); ++i) {
            if (!isAlpha(t[i]) || (i > 0 && isAlnum(t[i - 1]))) continue;
            size_t j = i, letters = 0;
            while (j < t.size() && isAlpha(t[j]) && letters < 2) ++j, ++letters;
            if (j >= t.size() || !isDigit(t[j])) continue;
            // A lower-case postcode must be all lower case or all upper case, not "Ab1 2cD".
            for (size_t outLen : {letters + 2, letters + 1}) {
                const size_t k = i + outLen;
                if (k > t.size()) continue;
                bool okOut = true;
                for (size_t m = i + letters; m < k; ++m)
                    if (!(isDigit(t[m]) || (m == k - 1 && m > i + letters && isAlpha(t[m])))) okOut = false;
                if (!okOut) continue;
                size_t p = k;
                while (p < t.size() && t[p] == ' ' && p < k + 2) ++p;
                if (p + 3 > t.size()) continue;
                if (!isDigit(t[p]) || !isAlpha(t[p + 1]) || !isAlpha(t[p + 2])) continue;
                if (p + 3 < t.size() && isAlnum(t[p + 3])) continue;
                if (p == k && !isDigit(t[k - 1])) continue; // "AB1C2DE" is not one
                add(FindingKind::Postcode, i, p + 3 - i, "looks like a postcode");
                i = p + 2;
                break;
            }
        }
    }

    // --- vehicle registrations: AB12 CDE (2001 on), A123 BCD (prefix), ABC 123D (suffix) -------
    void vehicles() {
        for (size_t n = 0; n < ws.size(); ++n) {
            std::string_view a = word(n);
            auto letters = [](std::string_view s) {
                return std::all_of(s.begin(), s.end(), [](char ch) { return isAlpha(ch); });
            };
            auto digitsOnly = [](std::string_view s) {
                return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return isDigit(ch); });
            };
            auto sameCase = [](std::string_view s) {
                bool up = false, lo = false;
                for (char ch : s) up |= isUpper(ch), lo |= isLower(ch);
                return !(up && lo);
            };
            // joined: AB12CDE
            if (a.size() == 7 && letters(a.substr(0, 2)) && digitsOnly(a.substr(2, 2)) && letters(a.substr(4)) && sameCase(a)) {
                add(FindingKind::Vehicle, ws[n].s, 7, "looks like a vehicle registration");
                continue;
            }
            if (n + 1 >= ws.size() || gap(n + 1) != " ") continue;
            std::string_view b = word(n + 1);
            const bool current = a.size() == 4 && letters(a.substr(0, 2)) && digitsOnly(a.substr(2)) &&
                                 b.size() == 3 && letters(b);
            const bool prefix = a.size() >= 2 && a.size() <= 4 && letters(a.substr(0, 1)) &&
                                digitsOnly(a.substr(1)) && b.size() == 3 && letters(b);
            const bool suffix = a.size() == 3 && letters(a) && b.size() >= 2 && b.size() <= 4 &&
                                digitsOnly(b.substr(0, b.size() - 1)) && letters(b.substr(b.size() - 1));
            const std::string both = std::string(a) + std::string(b);
            if ((current || prefix || suffix) && sameCase(both) && (isUpper(a[0]) || current)) {
                if (suffix && (ws[n].allCaps == false)) continue;
                add(FindingKind::Vehicle, ws[n].s, ws[n + 1].e - ws[n].s, "looks like a vehicle registration");
                ++n;
            }
        }
    }

    // --- case, LCS and Mosaic-style ids -----------------------------------------------------------
    void caseNumbers() {
        for (size_t i = 0; i < t.size(); ++i) {
            if (!isUpper(t[i]) || (i > 0 && isAlnum(t[i - 1]))) continue;
            size_t j = i;
            while (j < t.size() && isUpper(t[j]) && j - i < 5) ++j;
            const size_t letters = j - i;
            if (letters < 1 || letters > 4) continue;
            size_t k = j, digits = 0;
            if (k < t.size() && (t[k] == '-' || t[k] == ' ') && k + 1 < t.size() && isDigit(t[k + 1])) ++k;
            while (k < t.size() && (isDigit(t[k]) || ((t[k] == '-' || t[k] == '/') && k + 1 < t.size() &&
                                                      isDigit(t[k + 1])))) {
                if (isDigit(t[k])) ++digits;
                ++k;
            }
            if (k < t.size() && isAlpha(t[k])) continue;
            if (digits >= 5 && spanFree(i, k - i)) {
                add(FindingKind::CaseNumber, i, k - i, "looks like a case or record number");
                i = k;
            }
        }
        for (size_t i = 0; i < ws.size(); ++i) {
            const Phrase* cue = nullptr;
            for (const Phrase& p : R.caseCues)
                if (phraseAt(ws, i, p, t)) {
                    cue = &p;
                    break;
                }
            if (!cue) continue;
            size_t n = i + cue->size();
            // fillers: "case no. 1234", "ref: AB-1234", "Mosaic ID 1234567", "case number #77/1234"
            while (n < ws.size() && (ws[n].lower == "no" || ws[n].lower == "number" || ws[n].lower == "id" ||
                                     ws[n].lower == "ref" || ws[n].lower == "reference" || ws[n].lower == "is") &&
                   !ws[n].digit)
                ++n;
            if (n >= ws.size() || ws[n].s > ws[n - 1].e + 4) continue;
            size_t p = ws[n].s, e = p, digits = 0;
            while (e < t.size() && (isAlnum(t[e]) || t[e] == '-' || t[e] == '/')) {
                if (isDigit(t[e])) ++digits;
                ++e;
            }
            while (e > p && (t[e - 1] == '-' || t[e - 1] == '/')) --e;
            if (digits >= 4 && spanFree(p, e - p))
                add(FindingKind::CaseNumber, p, e - p, "a number after " + inQuotes(word(i)));
        }
    }

    // --- addresses ------------------------------------------------------------------------------
    bool streetWordAt(size_t i, bool numbered) const {
        const auto& set = numbered ? R.streetWords : R.streetWithoutNumber;
        return set.count(ws[i].lower) > 0 && !ws[i].digit;
    }
    bool houseNumber(size_t i) const { // "14", "43a", "2B"
        std::string_view w = word(i);
        size_t d = 0;
        while (d < w.size() && isDigit(w[d])) ++d;
        return d >= 1 && d <= 4 && (w.size() == d || (w.size() == d + 1 && isAlpha(w[d])));
    }
    bool addressCueBefore(size_t i) const {
        for (size_t back = 1; back <= 4 && back <= i; ++back)
            for (const Phrase& p : R.addressCues)
                if (p.size() <= i - back + 1 && phraseAt(ws, i - back - p.size() + 1, p, t)) return true;
        return false;
    }
    // The town after an address: ", Town" or " Town" (capitalised words, not a name of ours).
    size_t townAfter(size_t last) const {
        size_t end = ws[last].e;
        size_t n = last + 1;
        if (n < ws.size() && (gap(n) == ", " || gap(n) == " " || gap(n) == ",") && ws[n].cap && !ws[n].protect &&
            !ws[n].digit && !(ws[n].sentence)) {
            end = ws[n].e;
            if (n + 1 < ws.size() && gap(n + 1) == " " && ws[n + 1].cap && !ws[n + 1].protect && !ws[n + 1].digit &&
                !isWord(ws[n + 1].lower))
                end = ws[n + 1].e;
        }
        return end;
    }
    void addresses() {
        for (size_t i = 0; i < ws.size(); ++i) {
            if (ws[i].placeholder) continue;
            size_t start = i;
            bool flat = false;
            // "Flat 3", "flat 2b,", "Apartment 12"
            if (R.flatWords.count(ws[i].lower) && i + 1 < ws.size() && houseNumber(i + 1) &&
                gap(i + 1) == " ") {
                flat = true;
                i += 1;
                if (i + 1 < ws.size() && (gap(i + 1) == ", " || gap(i + 1) == " ")) {
                    // the building or the street follows
                }
            }
            size_t n = flat ? i + 1 : i;
            if (n < ws.size() && houseNumber(n) && (!flat || gap(n) == ", " || gap(n) == " ")) {
                // number + 1-3 words + a street word
                const bool cue = flat || addressCueBefore(start);
                for (size_t len = 1; len <= 3 && n + len < ws.size(); ++len) {
                    const size_t sw = n + len;
                    bool ok = true;
                    for (size_t k = n + 1; k <= sw; ++k)
                        if (gap(k) != " " || ws[k].digit || (!ws[k].cap && !cue)) ok = false;
                    if (!ok) break;
                    if (!streetWordAt(sw, true)) continue;
                    const size_t end = townAfter(sw);
                    if (spanFree(ws[start].s, end - ws[start].s)) {
                        Hit h;
                        h.kind = FindingKind::Address;
                        h.off = ws[start].s;
                        h.len = end - ws[start].s;
                        h.why = "looks like an address";
                        h.label = "Address";
                        hits.push_back(std::move(h));
                    }
                    i = sw;
                    break;
                }
                if (i >= n) continue;
                if (flat) { // "Flat 3, 22 Kingsway": after a flat any capitalised words are the street
                    size_t k = n + 1, end = ws[n].e;
                    while (k < ws.size() && k <= n + 3 && gap(k) == " " && ws[k].cap && !ws[k].protect && !ws[k].digit)
                        end = ws[k++].e;
                    if (k > n + 1) {
                        const size_t e2 = townAfter(k - 1);
                        end = std::max(end, e2);
                        if (spanFree(ws[start].s, end - ws[start].s)) {
                            Hit h;
                            h.kind = FindingKind::Address;
                            h.off = ws[start].s;
                            h.len = end - ws[start].s;
                            h.why = "looks like an address";
                            h.label = "Address";
                            hits.push_back(std::move(h));
                        }
                        while (i + 1 < ws.size() && ws[i + 1].e <= end) ++i;
                        continue;
                    }
                }
            }
            if (flat) { // "Flat 3" with a building after it ("Flat 3, Elm Court") or alone
                size_t end = ws[i].e;
                size_t k = i + 1;
                while (k < ws.size() && k <= i + 3 && (gap(k) == ", " || gap(k) == " ") && ws[k].cap && !ws[k].protect)
                    end = ws[k++].e;
                if (spanFree(ws[start].s, end - ws[start].s)) {
                    Hit h;
                    h.kind = FindingKind::Address;
                    h.off = ws[start].s;
                    h.len = end - ws[start].s;
                    h.why = "looks like an address";
                    h.label = "Address";
                    hits.push_back(std::move(h));
                }
                i = k - 1;
                continue;
            }
        }
        // Streets without a number: "on Brook Lane", "the Kingsway Estate".
        for (size_t i = 1; i < ws.size(); ++i) {
            if (!ws[i].cap || !streetWordAt(i, false) || !spaceBetween(i)) continue;
            size_t s = i;
            while (s > 0 && spaceBetween(s) && ws[s - 1].cap && !ws[s - 1].digit && !ws[s - 1].protect &&
                   !ws[s - 1].placeholder && i - (s - 1) <= 3 && !(ws[s - 1].sentence && isWord(ws[s - 1].lower) && !isNameEntry(coreWord(s - 1))))
                --s;
            if (s == i) continue;
            const size_t end = townAfter(i);
            if (!spanFree(ws[s].s, end - ws[s].s)) continue;
            Hit h;
            h.kind = FindingKind::Address;
            h.off = ws[s].s;
            h.len = end - ws[s].s;
            h.why = "looks like a street";
            h.label = "Address";
            hits.push_back(std::move(h));
        }
    }

    // --- schools, nurseries, hospitals, GP surgeries, councils --------------------------------------
    bool nameLikeForPlace(size_t k) const {
        if (ws[k].placeholder || ws[k].digit) return false;
        if (R.institutionPrefix.count(std::string(coreWord(k)))) return false;
        if (!ws[k].cap || ws[k].protect) return false;
        // A sentence's first word that is an ordinary word ("Today school was...") is not a name.
        if (ws[k].sentence && isWord(ws[k].lower) && !isNameEntry(coreWord(k))) return false;
        if (ws[k].sentence && !c.lex) return false;
        return true;
    }
    void institutions() {
        for (size_t i = 0; i < ws.size(); ++i) {
            const Institution* in = nullptr;
            for (const Institution& cand : R.institutions)
                if (phraseAt(ws, i, cand.words, t) && ws[i].cap) { // "Oakfield Primary", not "Tyler's school"
                    in = &cand;
                    break;
                }
            if (!in) continue;
            // Walk back over capitalised words and prefixes ("St Mary's Catholic", "The Grange").
            size_t s = i;
            bool named = false;
            while (s > 0 && i - s < 6) {
                const size_t k = s - 1;
                std::string_view g = gap(s);
                if (g != " " && g != "-") break;
                const bool prefix = R.institutionPrefix.count(std::string(coreWord(k))) > 0 ||
                                    R.institutionPrefix.count(std::string(word(k))) > 0;
                if (nameLikeForPlace(k)) named = true;
                else if (!prefix || ws[k].placeholder) break;
                s = k;
            }
            // Leading "the", "of", "and" are not part of the name.
            while (s < i && (ws[s].lower == "the" || ws[s].lower == "of" || ws[s].lower == "and")) ++s;
            const size_t last = i + in->words.size() - 1;
            if (!named) {
                i = last;
                continue;
            }
            size_t end = ws[last].core;
            // "Academy of Arts"? not followed. "Oakfield Primary School's" keeps the possessive out.
            if (spanFree(ws[s].s, end - ws[s].s)) {
                Hit h;
                h.kind = FindingKind::Place;
                h.off = ws[s].s;
                h.len = end - ws[s].s;
                h.why = "looks like the name of a " + lowerWord(in->label);
                h.label = in->label;
                hits.push_back(std::move(h));
            }
            i = last;
        }
    }

    // --- names ----------------------------------------------------------------------------------
    bool titleCase() const { // a heading in Title Case: every word is treated as a sentence start
        size_t words = 0, caps = 0;
        for (const auto& w : ws) {
            if (w.digit || w.lower.size() <= 3) continue;
            ++words;
            if (w.cap) ++caps;
        }
        return words >= 3 && caps * 10 >= words * 7;
    }
    // How name-like a capitalised word is on its own: 2 strong (not an ordinary word, or a name
    // the word list knows), 1 weak (an ordinary word that is also a name: "Grace", "Will"),
    // 0 not a name.
    int nameStrength(size_t i, bool headingMode) const {
        const Tok& w = ws[i];
        if (!w.cap || w.digit || w.protect || w.placeholder) return 0;
        if (w.lower.size() < 2) return 0;
        if (w.allCaps && w.lower.size() <= 3) return 0; // initials and acronyms: initials()
        if (w.allCaps && R.notInitials.count(std::string(coreWord(i)))) return 0;
        if (R.titleCues.count(std::string(coreWord(i)))) return 0; // "Mrs", "PC": cues, not names
        const bool start = w.sentence || headingMode;
        if (!c.lex) return start ? 0 : 2; // no word list: every capitalised word inside a sentence
        std::string_view core = coreWord(i);
        if (R.ordinaryWords.count(w.lower)) return 0;
        // Hyphenated: every part must be name-like ("Kelly-Marie", not "Multi-Agency").
        std::vector<std::string> parts;
        {
            std::string cur;
            for (char ch : core) {
                if (ch == '-') {
                    parts.push_back(cur);
                    cur.clear();
                } else {
                    cur.push_back(ch);
                }
            }
            parts.push_back(cur);
        }
        int strength = 2;
        for (const auto& part : parts) {
            if (part.empty()) return 0;
            const std::string lower = lowerWord(part);
            if (R.notNameWords.count(lower)) return 0;
            std::string proper = part;
            if (w.allCaps) { // "TYLER" -> "Tyler"
                proper = lowerWord(part);
                proper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(proper[0])));
            }
            const bool ordinary = isWord(lower);
            const bool nameEntry = isNameEntry(proper);
            int s = 0;
            if (!ordinary) s = 2;                 // "Okafor", "Jayden", "Tyler"
            if (ordinary && nameEntry) s = 1;     // "Grace", "Will", "Rose"
            if (!ordinary && !nameEntry && parts.size() > 1 && part.size() <= 3) s = 1;
            strength = std::min(strength, s);
        }
        if (w.allCaps && strength == 1) return 0; // shouted ordinary words
        if (start && strength == 1) return 0;     // "Will you..." at the start: ask the next word
        if (!start && strength == 1) return 2;    // "... told Grace ..." inside a sentence
        return strength;
    }
    Role cueRole(const Phrase* p, bool child, bool adult) const {
        (void)p;
        if (child) return Role::Child;
        if (adult) return Role::Adult;
        return Role::Unknown;
    }
    // A cue right before word i ("Mrs", "stepdad", "PC", "her teacher", "Baby"): its role.
    bool cueBefore(size_t i, Role& role, bool& titled, std::string& cueText) const {
        if (i == 0) return false;
        std::string_view g = gap(i);
        // "Mr. Smith", "mum, Kelly", "stepdad Lee"
        if (g.size() > 3 || g.find_first_not_of(" .,") != std::string_view::npos || g.find(". ") != std::string_view::npos) {
            if (!(g == ". " && R.titleCues.count(std::string(word(i - 1)))))
                return false;
        }
        if (R.titleCues.count(std::string(word(i - 1)))) {
            role = Role::Adult;
            titled = true;
            cueText = std::string(word(i - 1));
            return true;
        }
        if (g.find('.') != std::string_view::npos) return false;
        if (const Phrase* p = phraseBefore(ws, i, R.childCues, t)) {
            role = Role::Child;
            cueText = std::string(t.substr(ws[i - p->size()].s, ws[i - 1].e - ws[i - p->size()].s));
            return true;
        }
        if (const Phrase* p = phraseBefore(ws, i, R.adultCues, t)) {
            role = Role::Adult;
            cueText = std::string(t.substr(ws[i - p->size()].s, ws[i - 1].e - ws[i - p->size()].s));
            return true;
        }
        if (const Phrase* p = phraseBefore(ws, i, R.personCues, t)) {
            role = Role::Unknown;
            cueText = std::string(t.substr(ws[i - p->size()].s, ws[i - 1].e - ws[i - p->size()].s));
            return true;
        }
        return false;
    }
    // An age right after a name: "Tyler (7)", "Tyler, 7,", "Tyler, aged 7", "Tyler (aged 7)".
    Role ageAfter(size_t last) const {
        size_t n = last + 1;
        if (n < ws.size() && ws[n].lower == "aged") ++n;
        if (n >= ws.size() || n > last + 2) return Role::Unknown;
        std::string_view g = t.substr(ws[last].e, ws[n].s - ws[last].e);
        if (g.size() > 8) return Role::Unknown;
        std::string_view w = word(n);
        if (w.empty() || w.size() > 3 || !std::all_of(w.begin(), w.end(), [](char ch) { return isDigit(ch); }))
            return Role::Unknown;
        if (n + 1 < ws.size() && ws[n + 1].s - ws[n].e <= 1 &&
            (ws[n + 1].lower == "weeks" || ws[n + 1].lower == "months" || ws[n + 1].lower == "days"))
            return Role::Child;
        return std::atoi(std::string(w).c_str()) < R.childAgeBelow ? Role::Child : Role::Adult;
    }
    void addName(size_t first, size_t last, Role role, bool titled, std::string why) {
        const size_t off = ws[first].s;
        const size_t end = ws[last].core;
        if (!spanFree(off, end - off)) return;
        Hit h;
        h.kind = FindingKind::Name;
        h.off = off;
        h.len = end - off;
        h.why = std::move(why);
        for (size_t k = first; k <= last; ++k) {
            // "Kelly-Marie" is one word of the name; keep it whole
            h.words.push_back(ws[k].lower);
        }
        const Role age = ageAfter(last);
        h.role = role != Role::Unknown ? role : age;
        h.titled = titled;
        hits.push_back(std::move(h));
    }
    // A lower-case word that is a name found elsewhere (or has one as a hyphenated part).
    bool repeatOf(const std::string& lower) const {
        if (c.repeats.empty()) return false;
        if (c.repeats.count(lower) && !isWord(lower)) return true;
        size_t p = 0;
        while (p < lower.size()) {
            size_t q = lower.find('-', p);
            if (q == std::string::npos) q = lower.size();
            const std::string part = lower.substr(p, q - p);
            if (part != lower && c.repeats.count(part) && !isWord(part)) return true;
            p = q + 1;
        }
        return false;
    }
    void names() {
        const bool heading = titleCase();
        for (size_t i = 0; i < ws.size(); ++i) {
            if (ws[i].placeholder || ws[i].protect || !wordsFree(i, i + 1)) continue;
            if (R.titleCues.count(std::string(coreWord(i)))) continue;
            Role role = Role::Unknown;
            bool titled = false;
            std::string cue;
            const bool cued = cueBefore(i, role, titled, cue);
            int strength = nameStrength(i, heading);
            bool isName = false;
            std::string why;
            if (cued && ws[i].cap && !ws[i].digit && ws[i].lower.size() >= 2 &&
                !(ws[i].allCaps && ws[i].lower.size() <= 3) &&
                (titled || strength > 0 || !c.lex || !isWord(ws[i].lower) || isNameEntry(coreWord(i)))) {
                isName = true;
                why = "looks like a name after " + inQuotes(cue);
            } else if (cued && !ws[i].cap && !ws[i].digit && c.lex && ws[i].lower.size() >= 3 &&
                       !isWord(ws[i].lower) && isAlpha(t[ws[i].s])) {
                isName = true; // "stepdad lee"? only when not an ordinary word: "mum kelly-ann"
                why = "looks like a name after " + inQuotes(cue);
            } else if (strength == 2) {
                isName = true;
                why = inQuotes(coreWord(i)) + (isWord(ws[i].lower) ? " is written as a name" : " is not an ordinary English word");
            } else if (ws[i].cap && (ws[i].sentence || heading) && c.lex && !ws[i].protect && !ws[i].allCaps &&
                       ws[i].lower.size() >= 2 && i + 1 < ws.size() && spaceBetween(i + 1) &&
                       nameStrength(i + 1, heading) == 2 && isNameEntry(coreWord(i))) {
                isName = true; // "Grace Hughes said": a first name at the start of a sentence
                why = inQuotes(coreWord(i)) + " starts a name";
            } else if (ws[i].cap && !ws[i].digit && !ws[i].allCaps && c.names.count(ws[i].lower)) {
                isName = true; // "Lee's car" at the start of a sentence, after "Lee Carter" elsewhere
                why = inQuotes(coreWord(i)) + " is a name found elsewhere in the portfolio";
            } else if (!ws[i].cap && !ws[i].digit && repeatOf(ws[i].lower)) {
                isName = true;
                why = inQuotes(coreWord(i)) + " is a name found elsewhere in the portfolio";
            }
            if (!isName) continue;
            // Surnames follow: capitalised name-like words after single spaces.
            size_t last = i;
            while (last + 1 < ws.size() && spaceBetween(last + 1) && ws[last].core == ws[last].e &&
                   ws[last + 1].cap && !ws[last + 1].protect && !ws[last + 1].placeholder &&
                   (nameStrength(last + 1, false) > 0 || (c.lex && isNameEntry(coreWord(last + 1))) ||
                    (cued && ws[i].cap && !ws[last + 1].sentence && !ws[last + 1].allCaps)) &&
                   last - i < 3)
                ++last;
            addName(i, last, role, titled, why);
            i = last;
        }
        // Lower-case repeats of a name found in this text itself.
        std::set<std::string> own;
        for (const auto& h : hits)
            if (h.kind == FindingKind::Name)
                for (const auto& w : h.words)
                    if (!isWord(w) || !c.lex) own.insert(w);
        for (size_t i = 0; i < ws.size(); ++i) {
            if (ws[i].cap || ws[i].digit || !own.count(ws[i].lower) || !wordsFree(i, i + 1)) continue;
            addName(i, i, Role::Unknown, false, inQuotes(coreWord(i)) + " is a name written in lower case");
        }
    }

    // --- initials: "J.S.", "J. S.", "JS", "Baby J", a lone capital letter -----------------------------
    void initials() {
        for (size_t i = 0; i < ws.size(); ++i) {
            if (ws[i].placeholder || ws[i].digit || !wordsFree(i, i + 1)) continue;
            std::string_view w = word(i);
            // dotted: J.S. / J. S. / J.S
            if (w.size() == 1 && isUpper(w[0]) && ws[i].e < t.size() && t[ws[i].e] == '.') {
                size_t k = i;
                size_t end = ws[i].e + 1;
                while (k + 1 < ws.size() && word(k + 1).size() == 1 && isUpper(word(k + 1)[0]) &&
                       (gap(k + 1) == "." || gap(k + 1) == ". ")) {
                    ++k;
                    end = ws[k].e;
                    if (end < t.size() && t[end] == '.') ++end;
                }
                Role role = Role::Unknown;
                bool titled = false;
                std::string cue;
                const bool cued = cueBefore(i, role, titled, cue);
                if (k > i || cued) {
                    if (spanFree(ws[i].s, end - ws[i].s)) {
                        Hit h;
                        h.kind = FindingKind::Name;
                        h.off = ws[i].s;
                        h.len = end - ws[i].s;
                        h.why = "looks like someone's initials";
                        for (size_t m = i; m <= k; ++m) h.words.push_back(ws[m].lower);
                        h.role = role;
                        hits.push_back(std::move(h));
                    }
                    i = k;
                    continue;
                }
            }
            // JS, JO: two capitals that are not a known abbreviation
            if (w.size() == 2 && ws[i].allCaps && !R.notInitials.count(std::string(w)) &&
                !R.notInitials.count(std::string(coreWord(i)))) {
                Role role = Role::Unknown;
                bool titled = false;
                std::string cue;
                cueBefore(i, role, titled, cue);
                Hit h;
                h.kind = FindingKind::Name;
                h.off = ws[i].s;
                h.len = 2;
                h.why = inQuotes(w) + " looks like someone's initials";
                h.words.push_back(ws[i].lower);
                h.role = role;
                hits.push_back(std::move(h));
                continue;
            }
            // A lone capital: "Baby J", "J told me" (not "A", "I", "Plan B", "Part C")
            if (w.size() == 1 && isUpper(w[0]) && w != "A" && w != "I") {
                if (i > 0 && R.singleLetterAfter.count(ws[i - 1].lower)) continue;
                if (i > 0 && (gap(i) == "-" || gap(i) == "/")) continue; // "A-Z", "B/C"
                if (ws[i].e < t.size() && (t[ws[i].e] == '-' || t[ws[i].e] == '/' || t[ws[i].e] == '&')) continue;
                Role role = Role::Unknown;
                bool titled = false;
                std::string cue;
                cueBefore(i, role, titled, cue);
                Hit h;
                h.kind = FindingKind::Name;
                h.off = ws[i].s;
                h.len = 1;
                h.why = inQuotes(w) + " looks like someone's initial";
                h.words.push_back(ws[i].lower);
                h.role = role;
                hits.push_back(std::move(h));
            }
        }
    }
};

std::vector<Hit> scanHits(std::string_view text, const Context& ctx) {
    if (text.empty()) return {};
    return Scanner(text, ctx).run();
}

// The lexicon stays alive while a context uses it.
struct ContextHolder {
    std::shared_ptr<const Lexicon> lex = activeLexicon();
    Context ctx;
    ContextHolder() { ctx.lex = lex.get(); }
};

TextFinding toFinding(const Hit& h) {
    return {h.kind, static_cast<uint32_t>(h.off), static_cast<uint32_t>(h.len), h.why};
}

// Every text of a portfolio, in reading order, with its field path.
template <class Portfolio_, class Fn>
void forEachText(Portfolio_& p, Fn&& fn) {
    for (auto& e : p.entries) {
        fn(&e, e.id, std::string("title"), e.title);
        for (auto& [k, v] : e.fields) fn(&e, e.id, "fields." + k, v);
        for (size_t i = 0; i < e.tags.size(); ++i) fn(&e, e.id, "tags[" + std::to_string(i) + "]", e.tags[i]);
        for (size_t i = 0; i < e.attachments.size(); ++i) {
            fn(&e, e.id, "attachments[" + std::to_string(i) + "].name", e.attachments[i].name);
            fn(&e, e.id, "attachments[" + std::to_string(i) + "].ref", e.attachments[i].ref);
        }
    }
    for (size_t i = 0; i < p.comments.size(); ++i) {
        auto* owner = p.find(p.comments[i].entryId);
        fn(owner, p.comments[i].entryId, "comments[" + std::to_string(i) + "].text", p.comments[i].text);
        fn(owner, p.comments[i].entryId, "comments[" + std::to_string(i) + "].role", p.comments[i].role);
    }
    // The ASYE self-assessment's comments belong to no entry.
    static const std::string kNoEntry;
    auto& rated = p.profile.asye.selfAssessment;
    for (size_t i = 0; i < rated.size(); ++i)
        fn(decltype(p.find(std::string_view{})){nullptr}, kNoEntry,
           "self_assessment[" + std::to_string(i) + "].comment", rated[i].comment);
}

// Tags such as "pcf:6" are framework items, not text: only free tags are checked.
bool isFrameworkTag(std::string_view field, std::string_view text) {
    if (field.rfind("tags[", 0) != 0) return false;
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (char ch : text.substr(0, colon))
        if (!(isLower(ch) || isDigit(ch) || ch == '-')) return false;
    for (char ch : text.substr(colon + 1))
        if (!(isAlnum(ch) || ch == '.' || ch == '_' || ch == '-')) return false;
    return true;
}

std::vector<std::string> nameWords(std::string_view name) {
    std::vector<std::string> out;
    for (const auto& tok : tokenize(name))
        if (!tok.digit && tok.lower.size() >= 2) out.push_back(tok.lower);
    return out;
}

bool isTitleWord(std::string_view lower) {
    for (const auto& t : rules().titleCues)
        if (lowerWord(t) == lower) return true;
    return false;
}

// The practitioner's, reviewers', employer's and team's names as known phrases; with `parts`,
// each word of the name too (an ordinary word such as "Will" only when capitalised).
void addKnown(Context& ctx, std::string_view name, const std::string& placeholder, bool parts,
              FindingKind kind = FindingKind::Name) {
    auto words = nameWords(name);
    while (!words.empty() && isTitleWord(words.front())) words.erase(words.begin());
    if (words.empty()) return;
    ctx.known.push_back({words, placeholder, kind, false});
    if (!parts || words.size() < 2) return;
    // Each part of a name as written in the profile ("Morgan", "Ashdown-Reeve"): capitalised
    // words only, so a name field holding other text does not make ordinary words secret.
    for (const auto& tok : tokenize(name)) {
        const std::string& w = tok.lower;
        if (!tok.cap || tok.digit || w.size() < 2 || isTitleWord(w)) continue;
        const bool ordinary = ctx.lex && ctx.lex->isWord(w);
        ctx.known.push_back({{w}, placeholder, kind, ordinary});
    }
}

// Words of a place or employer that name it ("Northshire" in "Northshire County Council").
std::vector<std::string> distinctiveWords(std::string_view name, const Lexicon* lex) {
    std::vector<std::string> out;
    for (const auto& tok : tokenize(name)) {
        if (tok.digit || tok.lower.size() < 3 || !tok.cap) continue;
        if (rules().institutionPrefix.count(std::string(name.substr(tok.s, tok.core - tok.s)))) continue;
        if (lex && lex->isWord(tok.lower)) continue;
        if (rules().notNameWords.count(tok.lower)) continue;
        out.push_back(tok.lower);
    }
    return out;
}

std::string letterFor(size_t n) { // A..Z, AA, AB...
    std::string s;
    ++n;
    while (n > 0) {
        --n;
        s.insert(s.begin(), static_cast<char>('A' + n % 26));
        n /= 26;
    }
    return s;
}

// Stable placeholders for one portfolio: people, places and addresses in order of first
// appearance; the same person gets the same letter in every field.
class Anonymiser {
  public:
    Anonymiser(const Portfolio& p, const AnonymiseOptions* options) : m_p(p) {
        m_ctx.lex = m_lex.get();
        if (options) {
            addKnown(m_ctx, p.profile.name, "[" + options->practitionerLabel + "]", true);
            for (const auto& name : reviewers(p))
                addKnown(m_ctx, name, "[" + reviewerAlias(name) + "]", true);
            // The ASYE's supervisor and assessor: "Supervisor 1", "Assessor 1" (a reviewer
            // keeps the reviewer's alias).
            for (const auto& person : p.profile.asye.people)
                if (!trim(person.name).empty() && !m_reviewers.count(person.name) &&
                    !m_asyePeople.count(person.name))
                    addKnown(m_ctx, person.name, "[" + asyePersonAlias(person) + "]", true);
            if (!trim(p.profile.employer).empty()) {
                addKnown(m_ctx, p.profile.employer, "[Employer]", false, FindingKind::Place);
                for (const auto& w : distinctiveWords(p.profile.employer, m_ctx.lex))
                    m_ctx.known.push_back({{w}, "[Employer]", FindingKind::Place, false});
            }
            if (!trim(p.profile.team).empty()) addKnown(m_ctx, p.profile.team, "[Team]", false, FindingKind::Place);
            if (!trim(p.profile.registrationNumber).empty())
                m_ctx.known.push_back({{lowerWord(trim(p.profile.registrationNumber))}, "[registration number]",
                                       FindingKind::CaseNumber, false});
        } else {
            for (const auto& w : nameWords(p.profile.name)) m_ctx.ownName.insert(w);
        }
        std::stable_sort(m_ctx.known.begin(), m_ctx.known.end(),
                         [](const Known& a, const Known& b) { return a.words.size() > b.words.size(); });
        // Pass 1: names anywhere, so their lower-case repeats are found everywhere.
        forEachText(p, [&](const Entry*, const std::string&, const std::string& field, const std::string& text) {
            if (isFrameworkTag(field, text)) return;
            for (const auto& h : scanHits(text, m_ctx))
                if (h.kind == FindingKind::Name && h.placeholder.empty())
                    for (const auto& w : h.words) {
                        if (w.size() < 3 || m_ctx.ownName.count(w)) continue;
                        // An ordinary word that was a name ("Lee" of "Lee Carter") only when capitalised.
                        if (h.words.size() >= 2 || !m_ctx.lex || !m_ctx.lex->isWord(w)) m_ctx.names.insert(w);
                        if (!m_ctx.lex || !m_ctx.lex->isWord(w)) m_ctx.repeats.insert(w);
                    }
        });
        // Pass 2: every mention, so each person's role is known before any placeholder is used.
        forEachText(p, [&](const Entry*, const std::string&, const std::string& field, const std::string& text) {
            if (isFrameworkTag(field, text)) return;
            for (const auto& h : hits(text)) placeholderFor(h, text);
        });
    }

    const Context& context() const { return m_ctx; }

    /// The hits in one text that count as findings (the practitioner's own name does not in lint).
    std::vector<Hit> hits(std::string_view text) const {
        std::vector<Hit> out = scanHits(text, m_ctx);
        if (!m_ctx.ownName.empty())
            out.erase(std::remove_if(out.begin(), out.end(), [&](const Hit& h) {
                          if (h.kind != FindingKind::Name || h.words.empty()) return false;
                          return std::all_of(h.words.begin(), h.words.end(),
                                             [&](const std::string& w) { return m_ctx.ownName.count(w) > 0; });
                      }),
                      out.end());
        return out;
    }

    std::string apply(std::string_view text) {
        std::string out;
        size_t pos = 0;
        for (const auto& h : hits(text)) {
            out.append(text.substr(pos, h.off - pos));
            out.append(placeholderFor(h, text));
            pos = h.off + h.len;
        }
        out.append(text.substr(pos));
        return out;
    }

    std::string reviewerAlias(const std::string& name) {
        auto it = m_reviewers.find(name);
        if (it != m_reviewers.end()) return it->second;
        std::string alias = "Reviewer " + std::to_string(m_reviewers.size() + 1);
        m_reviewers.emplace(name, alias);
        return alias;
    }

    /// The alias of a name in the ASYE record (a supervisor, an assessor or the one who
    /// decided an outcome step); another name or text is anonymised as text.
    std::string recordName(const std::string& name) {
        if (auto it = m_reviewers.find(name); it != m_reviewers.end()) return it->second;
        if (auto it = m_asyePeople.find(name); it != m_asyePeople.end()) return it->second;
        return apply(name);
    }

  private:
    std::string asyePersonAlias(const AsyePerson& person) {
        const std::string role = person.role == AsyeRole::Assessor ? "Assessor" : "Supervisor";
        const auto n = std::count_if(m_asyePeople.begin(), m_asyePeople.end(),
                                     [&](const auto& kv) { return kv.second.rfind(role, 0) == 0; });
        std::string alias = role + " " + std::to_string(n + 1);
        m_asyePeople.emplace(person.name, alias);
        return alias;
    }

    struct Person {
        std::vector<std::string> full; // the longest form seen
        Role role = Role::Unknown;
        bool titled = false;
        bool initials = false;
    };
    const Portfolio& m_p;
    std::shared_ptr<const Lexicon> m_lex = activeLexicon();
    Context m_ctx;
    std::vector<Person> m_people;
    std::map<std::string, std::string> m_reviewers;
    std::map<std::string, std::string> m_asyePeople; // supervisor and assessor -> alias
    std::map<std::string, std::string> m_places;      // label + key -> placeholder
    std::map<std::string, int> m_placeCount;          // label -> how many
    std::map<std::string, std::string> m_placeWords;  // distinctive word -> placeholder

    static std::vector<std::string> reviewers(const Portfolio& p) {
        std::vector<std::string> out;
        auto add = [&](const std::string& n) {
            if (!trim(n).empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
        };
        for (const auto& c : p.comments) add(c.author);
        for (const auto& s : p.signOffs) add(s.reviewer);
        return out;
    }

    size_t personFor(const Hit& h) {
        const auto& w = h.words;
        const bool initials = std::all_of(w.begin(), w.end(), [](const std::string& x) { return x.size() == 1; }) ||
                              (w.size() == 1 && w[0].size() == 2 && h.why.find("initials") != std::string::npos);
        auto make = [&] {
            m_people.push_back({w, h.role, h.titled, initials});
            return m_people.size() - 1;
        };
        if (initials) {
            for (size_t i = 0; i < m_people.size(); ++i)
                if (m_people[i].initials && m_people[i].full == w) return i;
            return make();
        }
        if (w.size() >= 2) {
            for (size_t i = 0; i < m_people.size(); ++i)
                if (m_people[i].full == w) return i;
            for (size_t i = 0; i < m_people.size(); ++i)
                if (!m_people[i].initials && m_people[i].full.size() == 1 && m_people[i].full[0] == w[0] &&
                    !m_people[i].titled) {
                    m_people[i].full = w;
                    return i;
                }
            return make();
        }
        const std::string& one = w.empty() ? std::string() : w[0];
        if (h.titled) { // "Mr Okafor": a titled surname is its own adult unless an adult has it
            for (size_t i = 0; i < m_people.size(); ++i)
                if (!m_people[i].initials && m_people[i].full.size() >= 1 && m_people[i].full.back() == one &&
                    (m_people[i].titled || m_people[i].role == Role::Adult))
                    return i;
            return make();
        }
        for (size_t i = 0; i < m_people.size(); ++i)
            if (!m_people[i].initials && !m_people[i].titled && m_people[i].full[0] == one) return i;
        // "Kelly" after "Kelly-Marie"; "okafor-family" after "Jayden Okafor"
        auto parts = [](const std::string& s) {
            std::vector<std::string> out;
            size_t p = 0;
            while (p <= s.size()) {
                size_t q = s.find('-', p);
                if (q == std::string::npos) q = s.size();
                out.push_back(s.substr(p, q - p));
                p = q + 1;
            }
            return out;
        };
        for (size_t i = 0; i < m_people.size(); ++i) {
            if (m_people[i].initials) continue;
            for (const auto& word : m_people[i].full) {
                const auto ps = parts(word);
                if (ps.size() > 1 && ps[0] == one) return i;
            }
            const auto mine = parts(one);
            if (mine.size() > 1)
                for (const auto& part : mine)
                    if (std::find(m_people[i].full.begin(), m_people[i].full.end(), part) != m_people[i].full.end())
                        return i;
        }
        for (size_t i = 0; i < m_people.size(); ++i)
            if (!m_people[i].initials &&
                std::find(m_people[i].full.begin(), m_people[i].full.end(), one) != m_people[i].full.end())
                return i;
        return make();
    }

    std::string placeholderFor(const Hit& h, std::string_view text) {
        if (!h.placeholder.empty()) return h.placeholder;
        switch (h.kind) {
        case FindingKind::Name: {
            // A school's own word used alone ("Oakfield") is the school.
            if (h.words.size() == 1) {
                auto it = m_placeWords.find(h.words[0]);
                const bool person = std::any_of(m_people.begin(), m_people.end(), [&](const Person& x) {
                    return std::find(x.full.begin(), x.full.end(), h.words[0]) != x.full.end();
                });
                if (it != m_placeWords.end() && !person) return it->second;
            }
            const size_t i = personFor(h);
            Person& person = m_people[i];
            if (person.role == Role::Unknown) person.role = h.role;
            const char* label = person.role == Role::Child   ? "Child"
                                : person.role == Role::Adult ? "Adult"
                                                             : "Person";
            return "[" + std::string(label) + " " + letterFor(i) + "]";
        }
        case FindingKind::Place:
        case FindingKind::Address: {
            const std::string label = h.label.empty() ? std::string("Place") : h.label;
            std::string key = lowerWord(text.substr(h.off, h.len));
            if (key.rfind("the ", 0) == 0) key.erase(0, 4);
            auto [it, fresh] = m_places.emplace(label + "\n" + key, std::string());
            if (fresh) {
                it->second = "[" + label + " " + std::to_string(++m_placeCount[label]) + "]";
                if (h.kind == FindingKind::Place)
                    for (const auto& w : distinctiveWords(text.substr(h.off, h.len), m_ctx.lex))
                        m_placeWords.emplace(w, it->second);
            }
            return it->second;
        }
        default: return std::string(redactionFor(h.kind));
        }
    }
};

} // namespace

std::vector<TextFinding> scanText(std::string_view text) {
    ContextHolder holder;
    std::vector<TextFinding> out;
    for (const auto& h : scanHits(text, holder.ctx)) out.push_back(toFinding(h));
    return out;
}

std::string redactText(std::string_view text) {
    std::string out;
    size_t pos = 0;
    for (const auto& f : scanText(text)) {
        out.append(text.substr(pos, f.offset - pos));
        out.append(redactionFor(f.kind));
        pos = f.offset + f.length;
    }
    out.append(text.substr(pos));
    return out;
}

std::vector<Finding> lintPortfolio(const Portfolio& p) {
    Anonymiser a(p, nullptr);
    std::vector<Finding> out;
    forEachText(p, [&](const Entry* e, const std::string& entryId, const std::string& field,
                       const std::string& text) {
        if (isFrameworkTag(field, text)) return;
        for (const auto& h : a.hits(text))
            out.push_back({entryId, e ? e->title : std::string(), field, toFinding(h), text.substr(h.off, h.len)});
    });
    return out;
}

Portfolio redactPortfolio(const Portfolio& in, int64_t nowMs, int32_t* changed) {
    Anonymiser a(in, nullptr);
    Portfolio p = in;
    std::set<const void*> touched;
    forEachText(p, [&](Entry* e, const std::string&, const std::string& field, std::string& text) {
        if (isFrameworkTag(field, text)) return;
        std::string r = a.apply(text);
        if (r == text) return;
        text = std::move(r);
        touched.insert(e && field.rfind("comments[", 0) != 0 ? static_cast<const void*>(e)
                                                              : static_cast<const void*>(&text));
        if (e && field.rfind("comments[", 0) != 0) e->updatedMs = std::max(nowMs, e->updatedMs);
    });
    // Comments count once each, whichever of their fields changed.
    int32_t n = 0;
    std::set<const void*> comments;
    for (const void* t : touched) {
        bool isComment = false;
        for (const auto& c : p.comments)
            if (t == &c.text || t == &c.role) {
                isComment = true;
                comments.insert(&c);
            }
        if (!isComment) ++n;
    }
    n += static_cast<int32_t>(comments.size());
    if (changed) *changed = n;
    return p;
}

Portfolio redactFindings(const Portfolio& in, const std::vector<Finding>& findings, int64_t nowMs,
                         int32_t* changed, int32_t* skipped) {
    Portfolio p = in;
    int32_t n = 0, missed = 0;
    // The text a finding's field path names, or null.
    auto textOf = [&](const Finding& f, Entry*& owner) -> std::string* {
        owner = nullptr;
        if (f.field.rfind("comments[", 0) == 0) {
            const size_t i = std::strtoul(f.field.c_str() + 9, nullptr, 10);
            if (i >= p.comments.size() || p.comments[i].entryId != f.entryId) return nullptr;
            if (f.field.ends_with("].text")) return &p.comments[i].text;
            if (f.field.ends_with("].role")) return &p.comments[i].role;
            return nullptr;
        }
        if (f.field.rfind("self_assessment[", 0) == 0) {
            auto& rated = p.profile.asye.selfAssessment;
            const size_t i = std::strtoul(f.field.c_str() + 16, nullptr, 10);
            return i < rated.size() && f.field.ends_with("].comment") ? &rated[i].comment : nullptr;
        }
        Entry* e = p.find(f.entryId);
        if (!e) return nullptr;
        owner = e;
        if (f.field == "title") return &e->title;
        if (f.field.rfind("fields.", 0) == 0) {
            auto it = e->fields.find(f.field.substr(7));
            return it == e->fields.end() ? nullptr : &it->second;
        }
        if (f.field.rfind("tags[", 0) == 0) {
            const size_t i = std::strtoul(f.field.c_str() + 5, nullptr, 10);
            return i < e->tags.size() ? &e->tags[i] : nullptr;
        }
        if (f.field.rfind("attachments[", 0) == 0) {
            const size_t i = std::strtoul(f.field.c_str() + 12, nullptr, 10);
            if (i >= e->attachments.size()) return nullptr;
            if (f.field.ends_with("].name")) return &e->attachments[i].name;
            if (f.field.ends_with("].ref")) return &e->attachments[i].ref;
        }
        return nullptr;
    };
    // Later offsets first, so earlier offsets in the same text stay valid.
    std::vector<const Finding*> order;
    order.reserve(findings.size());
    for (const Finding& f : findings) order.push_back(&f);
    std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
        if (a->entryId != b->entryId) return a->entryId < b->entryId;
        if (a->field != b->field) return a->field < b->field;
        return a->at.offset > b->at.offset;
    });
    std::set<std::string> touchedEntries, touchedComments;
    for (const Finding* f : order) {
        Entry* owner = nullptr;
        std::string* text = textOf(*f, owner);
        if (!text || size_t(f->at.offset) + f->at.length > text->size() ||
            std::string_view(*text).substr(f->at.offset, f->at.length) != f->match) {
            ++missed;
            continue;
        }
        text->replace(f->at.offset, f->at.length, redactionFor(f->at.kind));
        if (owner) {
            if (touchedEntries.insert(owner->id).second) {
                owner->updatedMs = std::max(nowMs, owner->updatedMs);
                ++n;
            }
        } else if (touchedComments.insert(f->field.substr(0, f->field.find(']'))).second) {
            ++n;
        }
    }
    if (changed) *changed = n;
    if (skipped) *skipped = missed;
    return p;
}

Portfolio anonymisePortfolio(const Portfolio& in, const AnonymiseOptions& options) {
    Anonymiser a(in, &options);
    Portfolio p = in;
    p.profile.name = options.practitionerLabel;
    p.profile.registrationNumber.clear();
    p.profile.employer.clear();
    p.profile.team.clear();
    p.profile.extra = nlohmann::json::object();
    p.extra = nlohmann::json::object();
    forEachText(p, [&](Entry*, const std::string&, const std::string& field, std::string& text) {
        if (field.ends_with("].ref") && field.rfind("attachments[", 0) == 0) {
            text.clear();
            return;
        }
        if (isFrameworkTag(field, text)) return;
        text = a.apply(text);
    });
    for (auto& e : p.entries) e.extra = nlohmann::json::object();
    for (auto& c : p.comments) c.author = a.reviewerAlias(c.author);
    for (auto& s : p.signOffs) {
        s.reviewer = a.reviewerAlias(s.reviewer);
        s.role = a.apply(s.role);
    }
    // The ASYE record: its people by their aliases, its notes as text.
    AsyeRecord& record = p.profile.asye;
    for (auto& person : record.people) person.name = a.recordName(person.name);
    for (auto& leave : record.leave) leave.note = a.apply(leave.note);
    for (auto* step : {&record.outcome.recommendation, &record.outcome.moderation, &record.outcome.final})
        if (*step) {
            if (!(*step)->by.empty()) (*step)->by = a.recordName((*step)->by);
            (*step)->note = a.apply((*step)->note);
        }
    record.extra = nlohmann::json::object();
    return p;
}

std::string anonymiseText(const Portfolio& portfolio, std::string_view text, const AnonymiseOptions& options) {
    Anonymiser a(portfolio, &options);
    return a.apply(text);
}

} // namespace pathway::core
