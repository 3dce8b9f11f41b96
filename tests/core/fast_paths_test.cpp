// The fast paths of issue 7 (text scanned eight bytes at a time, appending instead of streams,
// indexes instead of linear searches, cohorts loaded on several threads) must give exactly what
// the simple code gave. Each test states the simple rule and checks it on awkward input, with
// the special characters at every offset around an eight-byte word.
#include "test_support.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/text.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace pathway;
using namespace pathway::core;

namespace {

// The escaper as it was, one character at a time.
std::string simpleHtmlEscape(std::string_view t) {
    std::string out;
    for (char c : t) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\0':
            out += "\xEF\xBF\xBD";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

// csvField as it was: apostrophe before a formula start, then quote when needed.
std::string simpleCsvField(std::string_view v) {
    std::string s;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t'))
        s.push_back('\'');
    s.append(v);
    const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// The CSV reader as it was, one character at a time (RFC 4180 quotes, CRLF/LF/CR line ends, a
// blank line is not a row). nullopt when it refused.
std::optional<CsvTable> simpleCsvParse(std::string_view t) {
    CsvTable table;
    auto& rows = table.rows;
    auto& lines = table.lines;
    if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
    size_t i = 0, line = 1, rowLine = 1;
    std::vector<std::string> row;
    std::string field;
    bool any = false;
    auto endRow = [&]() {
        row.push_back(std::move(field));
        field.clear();
        if (!(row.size() == 1 && row[0].empty())) {
            rows.push_back(std::move(row));
            lines.push_back(rowLine);
        }
        row.clear();
        any = false;
    };
    while (i < t.size()) {
        char c = t[i];
        if (!any) rowLine = line;
        any = true;
        if (c == '"' && field.empty()) {
            ++i;
            bool closed = false;
            while (i < t.size()) {
                if (t[i] == '"') {
                    if (i + 1 < t.size() && t[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (t[i] == '\n') ++line;
                field.push_back(t[i++]);
            }
            if (!closed) return std::nullopt;
            if (i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r') return std::nullopt;
            continue;
        }
        if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            ++i;
        } else if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') {
            endRow();
            i += 2;
            ++line;
        } else if (c == '\n' || c == '\r') {
            endRow();
            ++i;
            ++line;
        } else {
            field.push_back(c);
            ++i;
        }
    }
    if (any) endRow();
    return table;
}

// A table as text, "line:[field][field]" per row, or "error" when the reader refused.
std::string describe(const std::optional<CsvTable>& table) {
    if (!table) return "error";
    std::string out;
    for (size_t r = 0; r < table->rows.size(); ++r) {
        out += std::to_string(table->lines[r]) + ":";
        for (const auto& f : table->rows[r])
            out += "[" + f + "]";
        out += "\n";
    }
    return out;
}

std::string fastCsvParse(std::string_view t) {
    std::string err;
    auto table = parseCsv(t, err);
    if (!table && err.empty()) return "no message";
    return describe(table);
}

// Texts with `special` at each offset 0..19 of a 20-character plain text, and a few more.
std::vector<std::string> textsAround(std::string_view special) {
    std::vector<std::string> out = {"", std::string(special), "plain text without anything"};
    for (size_t at = 0; at < 20; ++at) {
        std::string t(20, 'a');
        t.insert(at, special);
        out.push_back(t);
        out.push_back(t + std::string(special) + "tail after it, long enough for a word");
    }
    return out;
}

} // namespace

TEST(FastPaths, CsvReaderMatchesTheCharacterByCharacterReader) {
    // Every string of up to 6 symbols from an alphabet of the characters that matter, then
    // seeded random longer ones: the reader that appends whole runs agrees with the old one.
    const std::vector<std::string> symbols = {"a", ",", "\"", "\r", "\n", "\xc3\xa9", "ab c"};
    size_t checked = 0;
    std::vector<std::string> level = {""};
    for (int len = 0; len < 6; ++len) {
        std::vector<std::string> next;
        for (const auto& t : level) {
            ASSERT_EQ(fastCsvParse(t), describe(simpleCsvParse(t)))
                << "input: " << testing::PrintToString(t);
            ++checked;
            for (const auto& sym : symbols)
                next.push_back(t + sym);
        }
        level = std::move(next);
    }
    std::mt19937 rng(20261130);
    for (int n = 0; n < 3000; ++n) {
        std::string t;
        const size_t len = rng() % 60;
        for (size_t k = 0; k < len; ++k)
            t += symbols[rng() % symbols.size()];
        ASSERT_EQ(fastCsvParse(t), describe(simpleCsvParse(t)))
            << "input: " << testing::PrintToString(t);
        ++checked;
    }
    EXPECT_GT(checked, 20000u);
}

TEST(FastPaths, HtmlEscapeMatchesTheCharacterByCharacterRule) {
    const std::string_view nul("\0", 1);
    for (std::string_view special :
         std::vector<std::string_view>{"&", "<", ">", "\"", "'", nul, "é", "—", "<&>\"'"}) {
        for (const auto& t : textsAround(special)) {
            EXPECT_EQ(htmlEscape(t), simpleHtmlEscape(t)) << t;
            std::string appended = "x";
            appendHtmlEscaped(appended, t);
            EXPECT_EQ(appended, "x" + simpleHtmlEscape(t));
        }
    }
}

TEST(FastPaths, CsvFieldMatchesTheSimpleRule) {
    for (std::string_view special : {",", "\"", "\r", "\n", " ", "=", "-", "@", "\t", "\"\""}) {
        for (const auto& t : textsAround(special))
            EXPECT_EQ(csvField(t), simpleCsvField(t)) << t;
        const std::string first = std::string(special) + "starts with it";
        EXPECT_EQ(csvField(first), simpleCsvField(first));
        const std::string last = "ends with it" + std::string(special);
        EXPECT_EQ(csvField(last), simpleCsvField(last));
    }
    EXPECT_EQ(csvField("=SUM(A1)"), "'=SUM(A1)");
    EXPECT_EQ(csvField("-1, or \"two\" "), "\"'-1, or \"\"two\"\" \"");
    EXPECT_EQ(csvField(" lead"), "\" lead\"");
    EXPECT_EQ(csvRow({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

TEST(FastPaths, SerializerEscapesAtEveryOffsetLikeTheTree) {
    Portfolio p;
    int n = 0;
    const std::string_view nul("\0", 1);
    for (std::string_view special : std::vector<std::string_view>{
             "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "é", "𝄞", "“", nul}) {
        for (const auto& t : textsAround(special)) {
            Entry e = test::makeCpd(t.empty() ? "untitled" : t, "2026-03-01");
            e.id = "e" + std::to_string(n++);
            e.fields["learned"] = t + t;
            p.entries.push_back(std::move(e));
        }
    }
    EXPECT_EQ(serializePortfolio(p), serializePortfolioViaTree(p));
}

TEST(FastPaths, SerializerStillThrowsOnBadUtf8AfterALongPlainRun) {
    for (size_t at : {0u, 7u, 8u, 9u, 31u}) {
        Portfolio p;
        Entry e =
            test::makeCpd(std::string(at, 'a') + "\xC3(" + std::string(12, 'b'), "2026-03-01");
        e.id = "x";
        p.entries.push_back(e);
        EXPECT_ANY_THROW((void)serializePortfolioViaTree(p));
        EXPECT_ANY_THROW((void)serializePortfolio(p)) << at;
    }
}

TEST(FastPaths, Utf8SequenceAtAgreesWithFindInvalidUtf8) {
    for (std::string_view s : {"a", "é", "—", "𝄞", "\xC3", "\xC3(", "\xE2\x80", "\xED\xA0\x80",
                               "\xC0\xAF", "\xF4\x90\x80\x80", "\x80", "\xFF"}) {
        const size_t len = utf8SequenceAt(s, 0);
        EXPECT_EQ(len == s.size(), !findInvalidUtf8(s).has_value()) << s;
    }
    EXPECT_EQ(utf8SequenceAt("ab", 2), 0u);
}

TEST(FastPaths, DatesAndTimestampsFormatAsPrintfDid) {
    EXPECT_EQ((Date{2026, 3, 9}).toString(), "2026-03-09");
    EXPECT_EQ((Date{999, 1, 2}).toString(), "0999-01-02");
    EXPECT_EQ((Date{12345, 1, 1}).toString(), "12345-01-01");
    EXPECT_EQ((Date{-5, 1, 1}).toString(), "-005-01-01");
    EXPECT_EQ(formatTimestamp(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(formatTimestamp(-1), "1969-12-31T23:59:59Z");
    EXPECT_EQ(formatTimestamp(1'767'225'659'000), "2026-01-01T00:00:59Z");
}

TEST(FastPaths, CsvExportCountsSignOffsAndCommentsPerEntry) {
    Portfolio p;
    Entry a = test::makeCpd("A", "2026-03-01");
    a.id = "a";
    Entry b = test::makeCpd("B", "2026-03-02");
    b.id = "b";
    p.entries = {a, b};
    p.comments.push_back({"c1", "b", "Pat", "", "one", false, "", 0});
    p.comments.push_back({"c2", "b", "Pat", "", "two", false, "", 0});
    p.signOffs.push_back({"b", "Pat", "", "not-a-hash", 0});
    std::string err;
    auto table = parseCsv(exportCsv(p), err);
    ASSERT_TRUE(table) << err;
    ASSERT_EQ(table->rows.size(), 3u);
    const auto& h = table->rows[0];
    const size_t signOff = std::find(h.begin(), h.end(), "sign_off") - h.begin();
    const size_t comments = std::find(h.begin(), h.end(), "comments") - h.begin();
    EXPECT_EQ(table->rows[1][signOff], "none");
    EXPECT_EQ(table->rows[1][comments], "0");
    EXPECT_EQ(table->rows[2][signOff], "malformed");
    EXPECT_EQ(table->rows[2][comments], "2");
}

TEST(FastPaths, CsvImportStillSkipsRepeatedRows) {
    const std::string csv = "Title,Date,Hours\r\nCourt skills,2026-03-01,3\r\n"
                            "Court skills,2026-03-01,3\r\nOther,2026-03-02,1\r\n";
    ImportResult r = importCsv(Portfolio{}, csv, {Catalog::builtin(), 5, false});
    ASSERT_TRUE(r.portfolio) << r.error;
    EXPECT_EQ(r.portfolio->entries.size(), 2u);
    ASSERT_EQ(r.report.skipped.size(), 1u);
    EXPECT_NE(r.report.skipped[0].find("same as an earlier row"), std::string::npos);
    // Importing the same file again adds nothing.
    ImportResult again = importCsv(*r.portfolio, csv, {Catalog::builtin(), 6, false});
    ASSERT_TRUE(again.portfolio) << again.error;
    EXPECT_EQ(again.portfolio->entries.size(), 2u);
    EXPECT_EQ(again.report.unchanged, 2);
}

TEST(FastPaths, Leap2aRoundTripOfManyEntriesKeepsThemAll) {
    Portfolio p;
    p.profile.name = "Sam Example";
    for (int i = 0; i < 300; ++i) {
        Entry e = test::makeCpd("Entry \x01 " + std::to_string(i), "2026-03-01");
        e.id = "id-" + std::to_string(i);
        e.fields["learned"] = "Text with \xEF\xBF\xBE and <tags> & more";
        p.entries.push_back(std::move(e));
    }
    const std::string xml = exportLeap2a(p, {Catalog::builtin(), test::d("2026-03-05"), 0});
    EXPECT_NE(xml.find("Entry \xEF\xBF\xBD 7"), std::string::npos) << "control characters replaced";
    ImportResult r =
        importInto(Portfolio{}, ImportFormat::Leap2a, xml, {Catalog::builtin(), 0, true});
    ASSERT_TRUE(r.portfolio) << r.error;
    ASSERT_EQ(r.portfolio->entries.size(), 300u);
    EXPECT_EQ(r.portfolio->entries[299].id, "id-299");
}

TEST(FastPaths, CohortRowsAreTheSameOnOneThreadOrMany) {
    std::vector<std::string> bytes;
    for (int i = 0; i < 9; ++i) {
        Portfolio p;
        p.profile.name = "Practitioner " + std::to_string(i);
        p.profile.asyeStart = test::d("2026-01-05");
        for (int k = 0; k <= i; ++k) {
            Entry e = test::makeCpd("CPD " + std::to_string(k), "2026-03-01", k);
            e.id = "e" + std::to_string(k);
            e.tags = {"pcf:" + std::to_string(1 + k % 9)};
            p.entries.push_back(std::move(e));
        }
        bytes.push_back(serializePortfolio(p));
    }
    bytes.insert(bytes.begin() + 4, "{ not a portfolio");
    std::vector<CohortFile> files;
    for (size_t i = 0; i < bytes.size(); ++i)
        files.push_back({"p" + std::to_string(i), bytes[i]});
    const Date today = test::d("2026-06-01");
    const CohortRows one = cohortRows(files, Catalog::builtin(), today, 1);
    ASSERT_EQ(one.rows.size(), 9u);
    ASSERT_EQ(one.skipped.size(), 1u);
    EXPECT_EQ(one.skipped[0].rfind("p4: ", 0), 0u);
    for (unsigned threads : {0u, 2u, 4u, 64u}) {
        const CohortRows many = cohortRows(files, Catalog::builtin(), today, threads);
        EXPECT_EQ(cohortHtml(many.rows, Catalog::builtin(), today), cohortHtml(one.rows, Catalog::builtin(), today)) << threads;
        EXPECT_EQ(cohortCsv(many.rows), cohortCsv(one.rows)) << threads;
        EXPECT_EQ(many.skipped, one.skipped);
    }
    // The same rows as loading and calling cohortRow one by one.
    std::vector<CohortRow> byHand;
    for (const auto& f : files)
        if (LoadResult r = parsePortfolio(f.bytes); r.ok())
            byHand.push_back(
                cohortRow({f.source, std::move(*r.portfolio)}, Catalog::builtin(), today));
    EXPECT_EQ(cohortCsv(one.rows), cohortCsv(byHand));
    EXPECT_TRUE(cohortRows({}, Catalog::builtin(), today).rows.empty());
}
