// The direct portfolio reader (issue 7): bytes straight into Portfolio in one pass, without the
// nlohmann document. Parsing the tree and reading it cost a 10,000-entry load 300 ms and made a
// cohort of 1,000 files miss its aim; most of a portfolio is plain text, copied here in runs
// found eight bytes at a time.
//
// It reads only what it can read exactly as the reference (parsePortfolioViaTree) does, and
// gives up on everything else by throwing GiveUp: parsePortfolio then reads the file through
// the tree, so messages and edge cases stay the reference's. It gives up on: a JSON error of any
// kind, an older schema (migrations work on the tree), a value of an unexpected type, duplicate
// keys (nlohmann keeps the last; rare enough not to mimic), a missing or invalid required field,
// a lone surrogate escape, a byte-order mark, nesting deeper than kMaxDepth. Members it does not
// know are measured here and parsed by nlohmann (their value kept in `extra`, or checked and
// dropped where the reference drops them), so they come out exactly as the tree has them.
// tests/core/portfolio_read_test.cpp and the fuzzer (tests/fuzz/fuzz_portfolio.cpp) compare the
// two readers.
#include "pathway/core/portfolio_read.hpp"

#include "pathway/core/text.hpp"

#include "swar.hpp"

#include <algorithm>
#include <cstdint>

namespace pathway::core {

using nlohmann::json;

namespace {

struct GiveUp {};

[[noreturn]] void giveUp() {
    throw GiveUp{};
}

/// Unknown values nested deeper than this are left to the tree.
constexpr int kMaxDepth = 256;

// Powers of ten a double holds exactly (Clinger's fast path: an integer below 2^53 divided
// by one of these is correctly rounded, the value strtod gives).
constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                             1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

class Reader {
  public:
    explicit Reader(std::string_view bytes)
        : m_p(bytes.data()), m_end(bytes.data() + bytes.size()) {}

    Portfolio portfolio() {
        Portfolio p;
        ws();
        bool format = false, schema = false, profile = false;
        unsigned seen = 0;
        object([&](std::string_view key) {
            if (key == "format") {
                once(seen, 1);
                std::string f;
                if (!readString(f) || f != kPortfolioFormat) giveUp();
                format = true;
            } else if (key == "schema") {
                once(seen, 2);
                // Only the integer token of the current schema; anything else (an older schema,
                // 1.0, 1e0) is the tree's to migrate or refuse.
                static_assert(kSchemaVersion == 4);
                if (m_p >= m_end || *m_p != '4') giveUp();
                ++m_p;
                if (m_p < m_end && !isDelimiter(*m_p)) giveUp();
                schema = true;
            } else if (key == "profile") {
                once(seen, 4);
                p.profile = readProfile();
                profile = true;
            } else if (key == "assessed_against") {
                once(seen, 8);
                if (null()) return;
                object([&](std::string_view k) {
                    std::string name(k);
                    std::string value;
                    if (!readString(value)) giveUp();
                    if (!p.assessedAgainst.emplace(std::move(name), std::move(value)).second)
                        giveUp();
                });
            } else if (key == "entries") {
                once(seen, 16);
                if (null()) return;
                p.entries.reserve(static_cast<size_t>(m_end - m_p) / 1024 + 1);
                array([&] { p.entries.push_back(readEntry()); });
            } else if (key == "comments") {
                once(seen, 32);
                // The reference reads comments only when they are a list and ignores anything else.
                if (peek() != '[') return checkAndDrop();
                array([&] { p.comments.push_back(readComment()); });
            } else if (key == "sign_offs") {
                once(seen, 64);
                if (peek() != '[') return checkAndDrop();
                array([&] { p.signOffs.push_back(readSignOff()); });
            } else if (key == "tombstones") {
                once(seen, 128);
                if (null()) return;
                array([&] {
                    Tombstone t = readTombstone();
                    addTombstone(p, t.id, t.deletedMs); // sorted, one per id, as the reference
                });
            } else if (key == "revision") {
                once(seen, 256);
                if (null()) return;
                p.revision = wholeNumber();
            } else {
                keepUnknown(p.extra, key);
            }
        });
        ws();
        if (m_p != m_end || !format || !schema || !profile) giveUp();
        // Entry ids are unique (the reference names the first repeat).
        std::vector<std::string_view> ids;
        ids.reserve(p.entries.size());
        for (const auto& e : p.entries)
            ids.push_back(e.id);
        std::sort(ids.begin(), ids.end());
        if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) giveUp();
        return p;
    }

  private:
    const char* m_p;
    const char* m_end;
    std::string m_keyBuffer; // a key that held escapes, decoded

    static bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    static bool isDelimiter(char c) { return isSpace(c) || c == ',' || c == '}' || c == ']'; }

    void ws() {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    char peek() {
        if (m_p >= m_end) giveUp();
        return *m_p;
    }
    void expect(char c) {
        ws();
        if (m_p >= m_end || *m_p != c) giveUp();
        ++m_p;
    }
    /// A known key seen twice: nlohmann would keep the last; the tree handles it.
    static void once(unsigned& seen, unsigned bit) {
        if (seen & bit) giveUp();
        seen |= bit;
    }
    bool literal(std::string_view word) {
        if (static_cast<size_t>(m_end - m_p) < word.size() ||
            std::string_view(m_p, word.size()) != word)
            giveUp();
        m_p += word.size();
        if (m_p < m_end && !isDelimiter(*m_p)) giveUp();
        return true;
    }
    /// Consumes `null` when the value is null.
    bool null() {
        if (peek() != 'n') return false;
        return literal("null");
    }

    // Calls onMember(key) with the reader at the member's value (whitespace skipped); the
    // callback must consume the value. The key view lasts until the next key is read.
    template <class F> void object(F&& onMember) {
        expect('{');
        ws();
        if (peek() == '}') {
            ++m_p;
            return;
        }
        for (;;) {
            ws();
            if (peek() != '"') giveUp();
            const std::string_view key = readKey();
            expect(':');
            ws();
            onMember(key);
            ws();
            const char c = peek();
            ++m_p;
            if (c == '}') return;
            if (c != ',') giveUp();
        }
    }

    template <class F> void array(F&& onElement) {
        expect('[');
        ws();
        if (peek() == ']') {
            ++m_p;
            return;
        }
        for (;;) {
            ws();
            onElement();
            ws();
            const char c = peek();
            ++m_p;
            if (c == ']') return;
            if (c != ',') giveUp();
        }
    }

    // --- strings ---------------------------------------------------------------------------
    /// Moves m_p to the first '"', '\\' or control character at or after it (or the end).
    void scanPlain() {
        while (m_p < m_end) {
            while (m_end - m_p >= 8) {
                const uint64_t w = swar::load(m_p);
                if (swar::below(w, 0x20) | swar::eq(w, '"') | swar::eq(w, '\\')) break;
                m_p += 8;
            }
            if (m_p >= m_end) return;
            const auto c = static_cast<unsigned char>(*m_p);
            if (c < 0x20 || c == '"' || c == '\\') return;
            ++m_p;
        }
    }

    unsigned hex4() {
        if (m_end - m_p < 4) giveUp();
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_p[i];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<unsigned>(c - 'A' + 10);
            else
                giveUp();
        }
        m_p += 4;
        return v;
    }

    /// The rest of a string whose plain start is already in `out`; m_p is at a backslash or
    /// the closing quote.
    void decodeRest(std::string& out) {
        for (;;) {
            if (m_p >= m_end) giveUp();
            const char c = *m_p;
            if (c == '"') {
                ++m_p;
                return;
            }
            if (c != '\\') giveUp(); // a control character: not JSON
            if (m_end - m_p < 2) giveUp();
            const char e = m_p[1];
            m_p += 2;
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                uint32_t cp = hex4();
                if (cp >= 0xDC00 && cp <= 0xDFFF) giveUp(); // a low surrogate first
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u') giveUp();
                    m_p += 2;
                    const uint32_t low = hex4();
                    if (low < 0xDC00 || low > 0xDFFF) giveUp();
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, cp);
                break;
            }
            default:
                giveUp();
            }
            const char* run = m_p;
            scanPlain();
            out.append(run, static_cast<size_t>(m_p - run));
        }
    }

    /// Reads a string value into `out`; false (nothing consumed) when the value is not a string.
    bool readString(std::string& out) {
        if (peek() != '"') return false;
        const char* start = ++m_p;
        scanPlain();
        if (m_p < m_end && *m_p == '"') {
            out.assign(start, static_cast<size_t>(m_p - start));
            ++m_p;
            return true;
        }
        out.assign(start, static_cast<size_t>(m_p - start));
        decodeRest(out);
        return true;
    }

    /// A key: a view of the bytes when it holds no escapes, else of m_keyBuffer.
    std::string_view readKey() {
        const char* start = ++m_p; // at '"'
        scanPlain();
        if (m_p < m_end && *m_p == '"') {
            ++m_p;
            return {start, static_cast<size_t>(m_p - 1 - start)};
        }
        m_keyBuffer.assign(start, static_cast<size_t>(m_p - start));
        decodeRest(m_keyBuffer);
        return m_keyBuffer;
    }

    /// Text or null (the reference's getString): null leaves `out` as it is.
    void optString(std::string& out) {
        if (null()) return;
        if (!readString(out)) giveUp();
    }
    /// Required text (present and not null).
    void reqString(std::string& out) {
        if (!readString(out)) giveUp();
    }
    /// Optional text read with `parse` (null or "" is nullopt; text `parse` refuses gives up).
    template <class Parse> auto optParsed(Parse parse) -> decltype(parse(std::string_view())) {
        std::string s;
        optString(s);
        if (s.empty()) return std::nullopt;
        auto v = parse(s);
        if (!v) giveUp();
        return v;
    }
    /// A timestamp as getTimestamp reads it: null or "" is 0.
    int64_t timestamp() { return optParsed(parseTimestamp).value_or(0); }

    // --- numbers ---------------------------------------------------------------------------
    /// A JSON number as nlohmann's get<double>() gives it.
    double number() {
        const char* start = m_p;
        bool negative = false;
        if (m_p < m_end && *m_p == '-') {
            negative = true;
            ++m_p;
        }
        auto digit = [&] { return m_p < m_end && *m_p >= '0' && *m_p <= '9'; };
        if (!digit()) giveUp();
        uint64_t mantissa = 0;
        int digits = 0;
        int fraction = 0;
        bool isFloat = false;
        if (*m_p == '0') {
            ++m_p;
            digits = 1;
        } else {
            while (digit()) {
                mantissa = mantissa * 10 + static_cast<uint64_t>(*m_p - '0');
                ++digits;
                ++m_p;
                if (digits > 18) break; // the tail is scanned below, nlohmann converts
            }
            while (digit()) {
                ++digits;
                ++m_p;
            }
        }
        if (m_p < m_end && *m_p == '.') {
            isFloat = true;
            ++m_p;
            if (!digit()) giveUp();
            while (digit()) {
                if (digits <= 18) mantissa = mantissa * 10 + static_cast<uint64_t>(*m_p - '0');
                ++digits;
                ++fraction;
                ++m_p;
            }
        }
        bool exponent = false;
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            exponent = true;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-')) ++m_p;
            if (!digit()) giveUp();
            while (digit())
                ++m_p;
        }
        if (m_p < m_end && !isDelimiter(*m_p)) giveUp();
        if (!exponent && digits <= 15) {
            // Exact: the mantissa is below 2^53 and the power of ten is exact.
            const double v = static_cast<double>(mantissa) / kPow10[fraction];
            // nlohmann reads "-0" as the integer 0, whose double is +0.
            if (!isFloat && mantissa == 0) return 0.0;
            return negative ? -v : v;
        }
        try {
            return json::parse(start, m_p).get<double>();
        } catch (const json::exception&) {
            giveUp(); // e.g. 1e400: the tree reports it
        }
    }

    // --- values the reader does not interpret ------------------------------------------------
    /// Moves past one value without interpreting it and returns its bytes. Only the extent:
    /// nlohmann checks the bytes when they are parsed.
    std::string_view extent() {
        const char* start = m_p;
        const char c = peek();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_p < m_end) {
                const char d = *m_p;
                if (d == '"') {
                    skipString();
                    continue;
                }
                ++m_p;
                if (d == '{' || d == '[') {
                    if (++depth > kMaxDepth) giveUp();
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) return {start, static_cast<size_t>(m_p - start)};
                }
            }
            giveUp();
        }
        if (c == '"') {
            skipString();
            return {start, static_cast<size_t>(m_p - start)};
        }
        // A scalar must start as one: nlohmann::json::parse would skip a byte-order mark here,
        // which the whole document does not allow.
        if (c != '-' && c != 't' && c != 'f' && c != 'n' && !(c >= '0' && c <= '9')) giveUp();
        while (m_p < m_end && !isDelimiter(*m_p))
            ++m_p;
        return {start, static_cast<size_t>(m_p - start)};
    }
    void skipString() {
        ++m_p; // '"'
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                ++m_p;
                return;
            }
            m_p += c == '\\' ? 2 : 1;
        }
        giveUp();
    }
    json parseExtent() {
        const std::string_view span = extent();
        // nlohmann's lexer takes a NUL byte for the end of its input: "false\0..." parses on
        // its own but not inside the document (found by fuzzing). NUL is never valid here.
        if (span.find('\0') != std::string_view::npos) giveUp();
        try {
            return json::parse(span.begin(), span.end());
        } catch (const json::exception&) {
            giveUp();
        }
    }
    /// A member the reference keeps in `extra`.
    void keepUnknown(json& extra, std::string_view key) {
        std::string name(key);
        json value = parseExtent();
        if (!extra.emplace(std::move(name), std::move(value)).second) giveUp();
    }
    /// A value the reference ignores: it must still be valid JSON.
    void checkAndDrop() { (void)parseExtent(); }

    // --- the model -------------------------------------------------------------------------
    Profile readProfile() {
        Profile p;
        unsigned seen = 0;
        object([&](std::string_view key) {
            if (key == "name") {
                once(seen, 1);
                optString(p.name);
            } else if (key == "registration_number") {
                once(seen, 2);
                optString(p.registrationNumber);
            } else if (key == "employer") {
                once(seen, 4);
                optString(p.employer);
            } else if (key == "team") {
                once(seen, 8);
                optString(p.team);
            } else if (key == "setting") {
                once(seen, 16);
                if (auto v = optParsed(parseSetting)) p.setting = *v;
            } else if (key == "stage") {
                once(seen, 32);
                if (auto v = optParsed(parseStage)) p.stage = *v;
            } else if (key == "asye_start") {
                once(seen, 64);
                if (auto v = optParsed(Date::parse)) p.asyeStart = v;
            } else if (key == "fte") {
                once(seen, 128);
                if (null()) return;
                const char c = peek();
                if (c != '-' && !(c >= '0' && c <= '9')) giveUp();
                p.fte = number();
                if (!(p.fte > 0 && p.fte <= 1)) giveUp();
            } else if (key == "registered_on") {
                once(seen, 256);
                if (auto v = optParsed(Date::parse)) p.registeredOn = v;
            } else if (key == "asye") {
                once(seen, 512);
                // Small and rare: read by the tree's own function, so both readers agree.
                const json v = parseExtent();
                if (v.is_null()) return;
                std::string error;
                auto r = asyeRecordFromJson(v, error);
                if (!r) giveUp();
                p.asye = std::move(*r);
            } else {
                keepUnknown(p.extra, key);
            }
        });
        return p;
    }

    Entry readEntry() {
        Entry e;
        unsigned seen = 0;
        bool hasKind = false, hasDate = false;
        object([&](std::string_view key) {
            switch (key.size()) {
            case 2:
                if (key == "id") {
                    once(seen, 1);
                    reqString(e.id);
                    return;
                }
                break;
            case 4:
                if (key == "kind") {
                    once(seen, 2);
                    std::string k;
                    reqString(k);
                    auto kind = parseKind(k);
                    if (!kind) giveUp();
                    e.kind = *kind;
                    hasKind = true;
                    return;
                }
                if (key == "date") {
                    once(seen, 4);
                    std::string d;
                    reqString(d);
                    auto date = Date::parse(d);
                    if (!date) giveUp();
                    e.date = *date;
                    hasDate = true;
                    return;
                }
                if (key == "tags") {
                    once(seen, 8);
                    strings(e.tags);
                    return;
                }
                break;
            case 5:
                if (key == "title") {
                    once(seen, 16);
                    optString(e.title);
                    return;
                }
                if (key == "links") {
                    once(seen, 32);
                    strings(e.links);
                    return;
                }
                break;
            case 6:
                if (key == "fields") {
                    once(seen, 64);
                    readFields(e.fields);
                    return;
                }
                break;
            case 7:
                if (key == "created") {
                    once(seen, 128);
                    e.createdMs = timestamp();
                    return;
                }
                if (key == "updated") {
                    once(seen, 256);
                    e.updatedMs = timestamp();
                    return;
                }
                break;
            case 11:
                if (key == "attachments") {
                    once(seen, 512);
                    readAttachments(e.attachments);
                    return;
                }
                break;
            default:
                break;
            }
            keepUnknown(e.extra, key);
        });
        if (!(seen & 1) || !hasKind || !hasDate) giveUp();
        return e;
    }

    void strings(std::vector<std::string>& out) {
        if (null()) return;
        array([&] {
            out.emplace_back();
            reqString(out.back());
        });
    }

    void readFields(std::map<std::string, std::string>& fields) {
        if (null()) return;
        std::vector<std::string>
            nullKeys; // fields the file sets to null: skipped, as the tree does
        object([&](std::string_view key) {
            std::string name(key);
            std::string value;
            const char c = peek();
            if (c == '"') {
                readString(value);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                value = formatDecimal(number());
            } else if (c == 't') {
                literal("true");
                value = "yes";
            } else if (c == 'f') {
                literal("false");
            } else if (c == 'n') {
                literal("null");
                if (fields.count(name) ||
                    std::find(nullKeys.begin(), nullKeys.end(), name) != nullKeys.end())
                    giveUp();
                nullKeys.push_back(std::move(name));
                return;
            } else {
                giveUp();
            }
            if (!nullKeys.empty() &&
                std::find(nullKeys.begin(), nullKeys.end(), name) != nullKeys.end())
                giveUp();
            const size_t before = fields.size();
            fields.emplace_hint(fields.end(), std::move(name), std::move(value));
            if (fields.size() == before) giveUp(); // a repeated key
        });
    }

    void readAttachments(std::vector<Attachment>& out) {
        if (null()) return;
        array([&] {
            Attachment a;
            unsigned seen = 0;
            object([&](std::string_view key) {
                if (key == "name") {
                    once(seen, 1);
                    optString(a.name);
                } else if (key == "ref") {
                    once(seen, 2);
                    optString(a.ref);
                } else {
                    checkAndDrop(); // the reference keeps only name and ref
                }
            });
            out.push_back(std::move(a));
        });
    }

    Comment readComment() {
        Comment c;
        unsigned seen = 0;
        object([&](std::string_view key) {
            if (key == "id") {
                once(seen, 1);
                reqString(c.id);
            } else if (key == "entry") {
                once(seen, 2);
                reqString(c.entryId);
            } else if (key == "author") {
                once(seen, 4);
                optString(c.author);
            } else if (key == "role") {
                once(seen, 8);
                optString(c.role);
            } else if (key == "text") {
                once(seen, 16);
                optString(c.text);
            } else if (key == "requests_evidence") {
                once(seen, 32);
                // Taken when it is true or false, ignored otherwise (as the reference does).
                const char v = peek();
                if (v == 't' && m_end - m_p >= 4 && std::string_view(m_p, 4) == "true")
                    c.requestsEvidence = literal("true");
                else if (v == 'f' && m_end - m_p >= 5 && std::string_view(m_p, 5) == "false")
                    c.requestsEvidence = !literal("false");
                else
                    checkAndDrop();
            } else if (key == "outcome") {
                once(seen, 64);
                optString(c.outcome);
            } else if (key == "at") {
                once(seen, 128);
                c.atMs = timestamp();
            } else if (key == "entry_sha256") {
                once(seen, 256);
                optString(c.entryHash);
            } else if (!readSeal(key, seen, 512, c.seal)) {
                checkAndDrop();
            }
        });
        if ((seen & 3) != 3) giveUp();
        return c;
    }

    Tombstone readTombstone() {
        Tombstone t;
        unsigned seen = 0;
        object([&](std::string_view key) {
            if (key == "id") {
                once(seen, 1);
                reqString(t.id);
            } else if (key == "deleted") {
                once(seen, 2);
                t.deletedMs = timestamp();
            } else {
                checkAndDrop();
            }
        });
        if ((seen & 1) != 1) giveUp();
        return t;
    }

    /// A non-negative integer token of at most 18 digits; anything else is the tree's.
    int64_t wholeNumber() {
        int64_t v = 0;
        int digits = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
            if (++digits > 18 || (digits == 2 && v == 0)) giveUp(); // long, or a leading zero
            v = v * 10 + (*m_p - '0');
            ++m_p;
        }
        if (digits == 0 || (m_p < m_end && !isDelimiter(*m_p))) giveUp();
        return v;
    }

    // The signature's flat fields (portfolio_io.cpp readSeal); bits from `bit` up. False when
    // the key is not one of them.
    bool readSeal(std::string_view key, unsigned& seen, unsigned bit, ReviewSeal& seal) {
        std::string* out = nullptr;
        if (key == "signer_key") out = &seal.publicKey;
        else if (key == "signer_organisation") out = &seal.organisation, bit <<= 1;
        else if (key == "signed_for") out = &seal.practitioner, bit <<= 2;
        else if (key == "signature") out = &seal.signature, bit <<= 3;
        if (!out) return false;
        once(seen, bit);
        optString(*out);
        return true;
    }

    SignOff readSignOff() {
        SignOff s;
        unsigned seen = 0;
        object([&](std::string_view key) {
            if (key == "entry") {
                once(seen, 1);
                reqString(s.entryId);
            } else if (key == "reviewer") {
                once(seen, 2);
                reqString(s.reviewer);
            } else if (key == "content_sha256") {
                once(seen, 4);
                reqString(s.contentHash);
            } else if (key == "role") {
                once(seen, 8);
                optString(s.role);
            } else if (key == "at") {
                once(seen, 16);
                s.atMs = timestamp();
            } else if (key == "withdrawn") {
                once(seen, 32);
                s.withdrawnMs = timestamp();
            } else if (key == "withdrawn_reason") {
                once(seen, 64);
                optString(s.withdrawnReason);
            } else if (!readSeal(key, seen, 128, s.seal)) {
                checkAndDrop();
            }
        });
        if ((seen & 7) != 7) giveUp();
        return s;
    }
};

} // namespace

bool parsePortfolioFast(std::string_view bytes, LoadResult& out) {
    try {
        Reader reader(bytes);
        Portfolio p = reader.portfolio();
        out.portfolio = std::move(p);
        out.error.clear();
        out.fromSchema = kSchemaVersion;
        return true;
    } catch (const GiveUp&) {
        return false;
    }
}

} // namespace pathway::core
