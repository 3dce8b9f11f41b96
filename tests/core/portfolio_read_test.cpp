// parsePortfolio reads current-schema files directly (core/src/portfolio_read.cpp, issue 7) and
// must give exactly what the nlohmann tree gives (parsePortfolioViaTree): the same portfolio,
// error and schema for every input. Anything the direct reader does not handle it gives up on,
// and the tree reads it. The fuzzer (tests/fuzz/fuzz_portfolio.cpp) checks the same property.
#include "test_support.hpp"

#include "portfolio_gen.hpp" // bench/core: the seeded generator of realistic portfolios

#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/portfolio_read.hpp"
#include "pathway/core/text.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace pathway;
using namespace pathway::core;
using nlohmann::json;

namespace {

/// parsePortfolio == parsePortfolioViaTree, and whatever the direct reader takes is the
/// reference's portfolio. Returns whether the direct reader took the bytes.
bool expectSameAsTree(std::string_view bytes, const std::string& what) {
    const LoadResult ref = parsePortfolioViaTree(bytes);
    const LoadResult got = parsePortfolio(bytes);
    EXPECT_EQ(got.ok(), ref.ok()) << what;
    EXPECT_EQ(got.error, ref.error) << what;
    EXPECT_EQ(got.fromSchema, ref.fromSchema) << what;
    if (got.ok() && ref.ok()) {
        EXPECT_TRUE(*got.portfolio == *ref.portfolio) << what;
        EXPECT_EQ(serializePortfolio(*got.portfolio), serializePortfolio(*ref.portfolio)) << what;
    }
    bool took = false;
    if (!findInvalidUtf8(bytes) && bytes.size() <= kMaxPortfolioBytes) {
        LoadResult direct;
        took = parsePortfolioFast(bytes, direct);
        if (took) {
            EXPECT_TRUE(ref.ok()) << what
                                  << ": direct reader took what the tree refuses: " << ref.error;
            EXPECT_TRUE(direct.error.empty()) << what;
            EXPECT_EQ(direct.fromSchema, kSchemaVersion) << what;
            if (ref.ok()) {
                EXPECT_TRUE(*direct.portfolio == *ref.portfolio) << what;
            }
        } else {
            EXPECT_FALSE(direct.ok()) << what << ": gave up but changed the result";
        }
    }
    return took;
}

std::string fileText(const std::filesystem::path& path) {
    std::string out;
    EXPECT_TRUE(readFile(path.string(), out, 64u << 20)) << path;
    return out;
}

/// A small portfolio with something of everything (escapes, non-ASCII, unknown members).
Portfolio smallPortfolio() {
    Portfolio p;
    p.profile.name = "Zoë \"Quotes\" O'Neil \\ back";
    p.profile.registrationNumber = "SW123456";
    p.profile.asyeStart = test::d("2026-01-05");
    p.profile.fte = 0.8;
    p.profile.extra = {{"pronouns", "they/them"}};
    p.assessedAgainst = {{"pcf", "2018"}};
    Entry e = test::makeCpd("Tabs\tand\nnew lines \x01 “curly” — 𝄞", "2026-03-01", 2);
    e.id = "e1";
    e.fields["hours"] = "1.5";
    e.fields["learned"] = std::string("nul\0byte", 8);
    e.tags = {"pcf:6", "swe:4.2"};
    e.links = {"e2"};
    e.attachments = {{"Cert \"1\"", "c:\\path"}};
    e.createdMs = 1'767'225'600'000;
    e.updatedMs = 1'767'225'660'000;
    e.extra = {{"mood", {{"score", 4}, {"list", {1, 2.5, "x", nullptr, true}}}}};
    p.entries.push_back(e);
    Entry n;
    n.id = "e2";
    n.kind = EntryKind::Supervision;
    n.fields["minutes"] = "90";
    n.date = test::d("2026-03-02");
    p.entries.push_back(n);
    p.comments.push_back({"c1", "e1", "Pat", "mentor", "Good\nwork", true, "on-track", 5'000});
    p.signOffs.push_back({"e1", "Pat", "assessor", "ab12", 7'000});
    p.extra = {{"sync", {1, 2, 3}}, {"version_hint", 3}, {"synced", false}};
    return p;
}

/// Writes `j` again with object members in a shuffled order and whitespace of `style`
/// (0 compact, 1 spaces, 2 tabs and CRLF), escaping non-ASCII as \u when `ascii`.
void rewrite(std::string& out, const json& j, bench::Rng& rng, int style, bool ascii) {
    auto space = [&] {
        if (style == 1) out += ' ';
        if (style == 2) out += rng.chance(50) ? "\r\n\t" : "\t ";
    };
    if (j.is_object()) {
        std::vector<std::pair<std::string, const json*>> members;
        for (auto it = j.begin(); it != j.end(); ++it)
            members.emplace_back(it.key(), &it.value());
        for (size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1],
                      members[static_cast<size_t>(rng.range(0, static_cast<int64_t>(i) - 1))]);
        out += '{';
        for (size_t i = 0; i < members.size(); ++i) {
            if (i) out += ',';
            space();
            out += json(members[i].first).dump(-1, ' ', ascii);
            space();
            out += ':';
            space();
            rewrite(out, *members[i].second, rng, style, ascii);
            space();
        }
        out += '}';
    } else if (j.is_array()) {
        out += '[';
        for (size_t i = 0; i < j.size(); ++i) {
            if (i) out += ',';
            space();
            rewrite(out, j[i], rng, style, ascii);
        }
        space();
        out += ']';
    } else {
        out += j.dump(-1, ' ', ascii);
    }
}

const char* kMinimal = R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A"}})";

/// kMinimal with `member` added to the top level.
std::string withTop(const std::string& member) {
    return R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A"},)" + member + "}";
}
/// One entry whose members are `members` (without braces).
std::string withEntry(const std::string& members) {
    return withTop(R"("entries":[{)" + members + "}]");
}
/// `a`, a NUL byte, then `b`.
std::string withNul(const std::string& a, const std::string& b) {
    return a + '\0' + b;
}
const std::string kEntryBase = R"("id":"e1","kind":"cpd","date":"2026-03-01")";
const std::string kEveryUnknown =
    withTop(R"("x":null,"y":true,"z":false,"n":-1.5e3,"s":"t\n","a":[[]],"o":{"k":{}})");

} // namespace

TEST(PortfolioRead, TakesANormalCurrentSchemaFile) {
    const std::string bytes = serializePortfolio(smallPortfolio());
    LoadResult direct;
    ASSERT_TRUE(parsePortfolioFast(bytes, direct)) << "the direct reader gave up";
    ASSERT_TRUE(direct.ok());
    EXPECT_TRUE(*direct.portfolio == smallPortfolio());
    EXPECT_TRUE(expectSameAsTree(bytes, "small"));
    // A generated portfolio, the cohort's kind of file.
    bench::GenOptions opt;
    opt.entries = 40;
    EXPECT_TRUE(expectSameAsTree(serializePortfolio(bench::makePortfolio(opt)), "generated"));
    // And what it leaves to the tree.
    LoadResult untouched;
    EXPECT_FALSE(parsePortfolioFast(R"({"format":"pathway-portfolio","schema":0})", untouched));
    EXPECT_FALSE(untouched.ok());
    EXPECT_TRUE(untouched.error.empty());
}

TEST(PortfolioRead, EveryFixtureReadsAsTheTreeReadsIt) {
    const std::filesystem::path fixtures = test::fixturePath("");
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::recursive_directory_iterator(fixtures))
        if (f.is_regular_file()) files.push_back(f.path());
    for (const auto& f :
         std::filesystem::directory_iterator(fixtures / ".." / "fuzz" / "corpus" / "portfolio"))
        files.push_back(f.path());
    ASSERT_GT(files.size(), 10u);
    int taken = 0;
    for (const auto& path : files)
        taken += expectSameAsTree(fileText(path), path.string());
    EXPECT_GE(taken, 3) << "portfolio-v4.json and the seed corpus are current-schema files";
    EXPECT_TRUE(expectSameAsTree(test::readFixture("portfolio-v4.json"), "portfolio-v4.json"))
        << "unknown members at every level are read directly";
    LoadResult v4;
    EXPECT_TRUE(parsePortfolioFast(test::readFixture("portfolio-v4.json"), v4))
        << "the current-schema fixture is read directly";
    LoadResult v3;
    EXPECT_FALSE(parsePortfolioFast(test::readFixture("portfolio-v3.json"), v3))
        << "an older schema is the tree's to migrate";
}

TEST(PortfolioRead, GeneratedPortfoliosInEveryShape) {
    for (uint64_t seed = 1; seed <= 24; ++seed) {
        bench::GenOptions opt;
        opt.seed = seed;
        opt.entries = static_cast<int>(seed % 6) * 7;
        Portfolio p = bench::makePortfolio(opt);
        if (seed % 3 == 0) p.comments.push_back({"c", "x", "A", "", "T\u00e9", false, "", 1});
        if (seed % 4 == 0) p.signOffs.push_back({"x", "R", "", "00ff", 0});
        const std::string bytes = serializePortfolio(p);
        EXPECT_TRUE(expectSameAsTree(bytes, "seed " + std::to_string(seed)));
        const json doc = json::parse(bytes);
        bench::Rng rng(seed);
        for (int style = 0; style < 3; ++style) {
            for (bool ascii : {false, true}) {
                std::string shuffled;
                rewrite(shuffled, doc, rng, style, ascii);
                EXPECT_TRUE(expectSameAsTree(shuffled, "seed " + std::to_string(seed) + " style " +
                                                           std::to_string(style) +
                                                           (ascii ? " ascii" : "")));
            }
        }
    }
}

TEST(PortfolioRead, HandWrittenEdgeCases) {
    const std::vector<std::string> cases = {
        kMinimal,
        std::string(" \r\n\t") + kMinimal + " \n\t\r ",
        R"({"schema":4,"profile":{"name":"A"},"format":"pathway-portfolio"})",
        R"({"format":"pathway-portfolio","schema":4})",
        R"({"format":"pathway-portfolio","schema":4,"profile":null})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":[]})",
        R"({"format":"pathway-portfolio","schema":0,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":2,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":1.0,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":1e0,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":"1","profile":{}})",
        R"({"format":"pathway-portfolio","schema":-1,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":10,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":18446744073709551617,"profile":{}})",
        R"({"format":"other","schema":4,"profile":{}})",
        R"({"format":"pathway\u002dportfolio","schema":4,"profile":{}})",
        R"({"form\u0061t":"pathway-portfolio","schema":4,"profile":{}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{},"format":"pathway-portfolio"})",
        R"({"format":null,"schema":4,"profile":{}})",
        R"([{"format":"pathway-portfolio","schema":4,"profile":{}}])",
        R"("pathway-portfolio")",
        "\xEF\xBB\xBF" + std::string(kMinimal),
        std::string(kMinimal) + "x",
        std::string(kMinimal) + "{}",
        std::string(kMinimal) + ",",
        // Profile values.
        R"({"format":"pathway-portfolio","schema":4,"profile":{"name":null,"team":null,"setting":null,"stage":null,"asye_start":null,"fte":null}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"setting":"","stage":"","asye_start":""}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"setting":"adults","stage":"advanced","asye_start":"2024-02-29"}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"setting":"mars"}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"stage":"guru"}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"asye_start":"2023-02-29"}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"name":5}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"a","name":"b"}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"x":1,"x":2}})",
        R"({"format":"pathway-portfolio","schema":4,"profile":{"x":{"deep":[1,{"y":null}]},"y":[],"z":{}}})",
        // Unknown top-level members of every type, and what the reference ignores.
        kEveryUnknown,
        withTop(R"("x":1,"x":1)"),
        withTop(R"("x":tru)"),
        withTop(R"("x":01)"),
        withTop(R"("x":[1,])"),
        withTop(R"("x":{"a" 1})"),
        withTop(R"("x":"\ud800")"),
        withTop(R"("x":1e400)"),
        withTop(R"("x":-1e-400)"),
        withTop(R"("x":"a)"
                "\x01"
                R"(b")"),
        withTop("\"x\":\xEF\xBB\xBF"
                "1"),
        withTop(R"("comments":null,"sign_offs":{"not":"a list"})"),
        withTop(R"("comments":"x","sign_offs":5)"),
        withTop(R"("comments":[null])"),
        withTop(R"("comments":[{"id":"c","entry":"e"}])"),
        withTop(R"("comments":[{"id":"c"}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","requests_evidence":"yes","extra":[1]}])"),
        withTop(
            R"("comments":[{"id":"c","entry":"e","requests_evidence":true,"at":"2026-01-01T00:00:00Z"}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","requests_evidence":false}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","requests_evidence":null}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","requests_evidence":truex}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","at":"yesterday"}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","id":"d"}])"),
        withTop(
            R"("sign_offs":[{"entry":"e","reviewer":"r","content_sha256":"h","role":null,"z":{}}])"),
        withTop(R"("sign_offs":[{"entry":"e","reviewer":"r"}])"),
        withTop(R"("sign_offs":[{"entry":"e","reviewer":"r","content_sha256":null}])"),
        // Schema 3: signatures and withdrawals (read by both, or handed to the tree alike).
        withTop(R"("comments":[{"id":"c","entry":"e","entry_sha256":"h","signer_key":"k","signer_organisation":"o","signed_for":"p","signature":"s"}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","signer_key":null,"signature":null,"entry_sha256":null}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","signature":"s","signature":"t"}])"),
        withTop(R"("comments":[{"id":"c","entry":"e","signer_key":5}])"),
        withTop(R"("sign_offs":[{"entry":"e","reviewer":"r","content_sha256":"h","signer_key":"k","signed_for":"p","signature":"s","withdrawn":"2026-01-01T00:00:00Z","withdrawn_reason":"why"}])"),
        withTop(R"("sign_offs":[{"entry":"e","reviewer":"r","content_sha256":"h","withdrawn":"soon"}])"),
        withTop(R"("sign_offs":[{"entry":"e","reviewer":"r","content_sha256":"h","signer_organisation":"o","signer_organisation":"o"}])"),
        withTop(R"("assessed_against":null)"),
        withTop(R"("assessed_against":{})"),
        withTop(R"("assessed_against":{"pcf":"2018","swe":"2025"})"),
        withTop(R"("assessed_against":{"pcf":2018})"),
        withTop(R"("assessed_against":{"pcf":"a","pcf":"b"})"),
        withTop(R"("assessed_against":[])"),
        withTop(R"("entries":null)"),
        withTop(R"("entries":[])"),
        withTop(R"("entries":{})"),
        withTop(R"("entries":[null])"),
        withTop(R"("entries":[],"entries":[])"),
        // Entries.
        withEntry(kEntryBase),
        withEntry(R"("date":"2026-03-01","kind":"note","id":"")"),
        withEntry(R"("kind":"cpd","date":"2026-03-01")"),
        withEntry(R"("id":null,"kind":"cpd","date":"2026-03-01")"),
        withEntry(R"("id":"e","kind":"wizardry","date":"2026-03-01")"),
        withEntry(R"("id":"e","kind":null,"date":"2026-03-01")"),
        withEntry(R"("id":"e","kind":"cpd","date":"")"),
        withEntry(R"("id":"e","kind":"cpd","date":"2026-02-30")"),
        withEntry(R"("id":"e","kind":"cpd")"),
        withEntry(
            kEntryBase +
            R"(,"title":null,"created":null,"updated":"","fields":null,"tags":null,"links":null,"attachments":null)"),
        withEntry(kEntryBase +
                  R"(,"created":"2026-01-01T10:00:00Z","updated":"2026-01-01T10:00:00.5Z")"),
        withEntry(kEntryBase + R"(,"created":"soon")"),
        withEntry(kEntryBase + R"(,"created":5)"),
        withEntry(kEntryBase + R"(,"title":"a","title":"b")"),
        withEntry(kEntryBase + R"(,"id":"e2")"),
        withEntry(kEntryBase + R"(,"fields":{})"),
        withEntry(kEntryBase + R"(,"fields":[])"),
        withEntry(kEntryBase +
                  R"(,"fields":{"a":"x","b":true,"c":false,"d":null,"e":3,"f":-0,"g":0.125})"),
        withEntry(kEntryBase + R"(,"fields":{"a":"x","a":"y"})"),
        withEntry(kEntryBase + R"(,"fields":{"a":"x","a":null})"),
        withEntry(kEntryBase + R"(,"fields":{"a":null,"a":"x"})"),
        withEntry(kEntryBase + R"(,"fields":{"a":null,"a":null})"),
        withEntry(kEntryBase + R"(,"fields":{"b":"x","a":"y","c":"z"})"),
        withEntry(kEntryBase + R"(,"fields":{"a":[1]})"),
        withEntry(kEntryBase + R"(,"fields":{"a":{}})"),
        withEntry(kEntryBase + R"(,"tags":[],"links":[])"),
        withEntry(kEntryBase + R"(,"tags":["a",null])"),
        withEntry(kEntryBase + R"(,"tags":["a",1])"),
        withEntry(kEntryBase + R"(,"tags":"pcf:1")"),
        withEntry(kEntryBase + R"(,"attachments":[])"),
        withEntry(kEntryBase + R"(,"attachments":[{}])"),
        withEntry(kEntryBase +
                  R"(,"attachments":[{"name":null,"ref":"r","size":12,"meta":{"a":[1]}}])"),
        withEntry(kEntryBase + R"(,"attachments":[{"name":1}])"),
        withEntry(kEntryBase + R"(,"attachments":[{"name":"a","name":"b"}])"),
        withEntry(kEntryBase + R"(,"attachments":[{"z":1,"z":2}])"),
        withEntry(kEntryBase + R"(,"attachments":[null])"),
        withEntry(kEntryBase + R"(,"attachments":{})"),
        withEntry(kEntryBase + R"(,"newer":{"a":[1,2,{"b":"c"}]},"other":null)"),
        withEntry(kEntryBase + R"(,"newer":1,"newer":2)"),
        withTop(
            R"("entries":[{"id":"a","kind":"cpd","date":"2026-03-01"},{"id":"a","kind":"cpd","date":"2026-03-01"}])"),
        withTop(
            R"("entries":[{"id":"a","kind":"cpd","date":"2026-03-01"},{"id":"b","kind":"cpd","date":"2026-03-01"}])"),
        withTop(
            R"("entries":[{"id":"a","kind":"cpd","date":"2026-03-01"}{"id":"b","kind":"cpd","date":"2026-03-01"}])"),
        // nlohmann's lexer ends its input at a NUL byte: an unknown value measured on its own
        // must not parse when the document does not (found by fuzzing).
        withTop(withNul(R"("x":false)", R"("y":1)")),
        withTop(withNul(R"("x":12)", "")),
        withTop(withNul(R"("x":null)", "")),
        withTop(withNul(R"("x":"s")", "")),
        withTop(withNul(R"("x":[1])", "")),
        withTop(withNul(R"("x":[1)", "]")),
        withTop(withNul(R"("comments":[{"id":"c","entry":"e","q":true)", "}]")),
        withTop(withNul(R"("comments":[{"id":"c","entry":"e","requests_evidence":1)", "}]")),
        withEntry(withNul(kEntryBase + R"(,"z":1)", "")),
        withEntry(withNul(kEntryBase + R"(,"attachments":[{"size":1)", "}]")),
        withEntry(withNul(kEntryBase + R"(,"fields":{"hours":1)", "}")),
        withNul(R"({"format":"pathway-portfolio","schema":1)", R"(,"profile":{}})"),
        withNul(R"({"format":"pathway-portfolio","schema":4,"profile":{"fte":1)", "}}"),
        // Whitespace the JSON grammar does not allow, and a nesting the reader leaves alone.
        withTop("\"x\":\v1"),
        withTop("\"x\":\f1"),
        withTop("\"x\":" + std::string(300, '[') + std::string(300, ']')),
        withTop("\"x\":" + std::string(100, '[') + std::string(100, ']')),
    };
    for (size_t i = 0; i < cases.size(); ++i)
        expectSameAsTree(cases[i], "case " + std::to_string(i) + ": " + cases[i]);
    // The ones that must be read directly, not left to the tree.
    EXPECT_TRUE(expectSameAsTree(kMinimal, "minimal"));
    EXPECT_TRUE(expectSameAsTree(kEveryUnknown, "unknown members of every type"));
    EXPECT_TRUE(expectSameAsTree(
        withEntry(kEntryBase +
                  R"(,"fields":{"a":"x","b":true,"c":false,"d":null,"e":3,"f":-0,"g":0.125})"),
        "field values of every type"));
}

TEST(PortfolioRead, EscapesAndUnicode) {
    const std::vector<std::string> texts = {
        R"(plain)",
        R"(\"\\\/\b\f\n\r\t)",
        R"(\u0000 nul)",
        R"(\u00e9 \u00E9 \u20AC \uFFFF)",
        R"(\ud834\udd1e clef)",
        R"(\uD834\uDD1E upper)",
        R"(\ud834 lone high)",
        R"(\udd1e lone low)",
        R"(\ud834\u0041 high then not low)",
        R"(\ud834\n high then other escape)",
        R"(\u12)",
        R"(\u12g4)",
        R"(\x)",
        R"(\')",
        "raw é — 𝄞 “curly”",
        "tab\tinside",
        "new\nline",
        "del \x7f ok",
    };
    for (const auto& t : texts) {
        for (size_t pad : {0u, 1u, 7u, 8u, 9u, 15u}) {
            const std::string s = std::string(pad, 'a') + t + std::string(pad, 'b');
            expectSameAsTree(withEntry(kEntryBase + ",\"title\":\"" + s + "\""), "title " + s);
            expectSameAsTree(withEntry(kEntryBase + ",\"fields\":{\"" + s + "\":\"" + s + "\"}"),
                             "field " + s);
            expectSameAsTree(withTop("\"" + s + "\":\"" + s + "\""), "unknown " + s);
        }
    }
    EXPECT_TRUE(expectSameAsTree(withEntry(kEntryBase + R"(,"title":"\ud834\udd1e\u00e9\"")"),
                                 "escapes are read directly"));
}

TEST(PortfolioRead, Numbers) {
    const std::vector<std::string> numbers = {
        "0",
        "-0",
        "1",
        "0.8",
        "-0.0",
        "1.0",
        "8e-1",
        "1E0",
        "0.5e+0",
        "1.0000000000000001",
        "0.99999999999999999999",
        "0.30000000000000004",
        "0.1",
        "3.5",
        "0.000001",
        "123456789012345",
        "1234567890123456",
        "12345678901234567890",
        "123456789012345678901234567890",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "1e400",
        "-1e400",
        "1e-400",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e+",
        "--1",
        "0x10",
        "1.5.3",
        "Infinity",
        "NaN",
        "1 2",
        "4.99999999999999999999e-1",
        "0.125",
        "99999999999999.99",
    };
    for (const auto& n : numbers) {
        expectSameAsTree(withTop(R"("x":)" + n), "unknown " + n);
        expectSameAsTree(withEntry(kEntryBase + R"(,"fields":{"hours":)" + n + "}"), "field " + n);
        expectSameAsTree(R"({"format":"pathway-portfolio","schema":4,"profile":{"fte":)" + n + "}}",
                         "fte " + n);
    }
}

TEST(PortfolioRead, TruncatedAtEveryByte) {
    const std::string bytes = serializePortfolio(smallPortfolio());
    ASSERT_TRUE(expectSameAsTree(bytes, "whole"));
    for (size_t cut = 0; cut < bytes.size(); ++cut)
        expectSameAsTree(std::string_view(bytes).substr(0, cut), "cut at " + std::to_string(cut));
}

TEST(PortfolioRead, EveryByteChanged) {
    const std::string bytes = serializePortfolio(smallPortfolio());
    for (size_t at = 0; at < bytes.size(); ++at) {
        for (char c : {'\x00', ' ', '"', '\\', '{', '}', '[', ']', ',', ':', '0', 'n', 'x',
                       static_cast<char>(bytes[at] ^ 0x01), static_cast<char>(bytes[at] ^ 0x20)}) {
            std::string changed = bytes;
            changed[at] = c;
            expectSameAsTree(changed, "byte " + std::to_string(at) + " set to " +
                                          std::to_string(static_cast<unsigned char>(c)));
        }
        std::string dropped = bytes;
        dropped.erase(at, 1);
        expectSameAsTree(dropped, "byte " + std::to_string(at) + " dropped");
    }
}
