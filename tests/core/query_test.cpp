// The entry query the app's Log and `pathway-cli list` share (issue 15: entry queries in core).
#include "pathway/core/catalog.hpp"
#include "pathway/core/query.hpp"

#include <gtest/gtest.h>

namespace pathway::core {
namespace {

Entry entry(std::string title, const char* date, EntryKind kind, std::vector<std::string> tags,
            int64_t createdMs) {
    Entry e;
    e.id = title;
    e.title = std::move(title);
    e.date = *Date::parse(date);
    e.kind = kind;
    e.tags = std::move(tags);
    e.createdMs = createdMs;
    return e;
}

std::vector<std::string> titles(const Portfolio& p, const std::vector<size_t>& rows) {
    std::vector<std::string> out;
    for (size_t i : rows) out.push_back(p.entries[i].title);
    return out;
}

Portfolio sample() {
    Portfolio p;
    p.entries = {entry("Court skills", "2026-09-01", EntryKind::Cpd, {"swe:4.6"}, 10),
                 entry("Home visit", "2026-10-05", EntryKind::Reflection, {"pcf:6", "swe:4"}, 20),
                 entry("Team supervision", "2026-10-05", EntryKind::Supervision, {}, 30),
                 entry("Old standard", "2026-08-01", EntryKind::Cpd, {"acme:2.1"}, 40)};
    p.entries[2].fields["themes"] = "Wellbeing and CASELOAD";
    return p;
}

TEST(EntryQuery, NoFilterListsAllNewestFirstAndTheCliOrderIsOldestFirst) {
    const Portfolio p = sample();
    const Catalog& c = Catalog::builtin();
    EXPECT_EQ(titles(p, queryEntries(p, {}, c)),
              (std::vector<std::string>{"Team supervision", "Home visit", "Court skills", "Old standard"}))
        << "one day's entries: the later made first";
    EXPECT_EQ(titles(p, queryEntries(p, {}, c, EntryOrder::OldestFirst)),
              (std::vector<std::string>{"Old standard", "Court skills", "Home visit", "Team supervision"}))
        << "one day's entries in the file's order";
}

TEST(EntryQuery, ATagTakesInTheItemsUnderItByTheFrameworksParents) {
    const Portfolio p = sample();
    const Catalog& c = Catalog::builtin();
    ASSERT_NE(c.findItem("swe:4.6"), nullptr);
    EntryQuery q;
    q.tag = "swe:4";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Home visit", "Court skills"}));
    q.tag = "swe:4.6";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Court skills"}))
        << "a sub-item does not take in its parent";
    q.tag = "swe:4.";
    EXPECT_TRUE(queryEntries(p, q, c).empty());
    q.tag = "pcf:6";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Home visit"}));
    // A framework this catalogue lacks: its sub-items by their dotted ids.
    q.tag = "acme:2";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Old standard"}));
    EXPECT_TRUE(tagIsUnder(c, "swe:4.6", "swe:4"));
    EXPECT_FALSE(tagIsUnder(c, "swe:4", "swe:4.6"));
    EXPECT_FALSE(tagIsUnder(c, "swe:14", "swe:1"));
    EXPECT_FALSE(tagIsUnder(c, "pcf:4.6", "swe:4"));
}

TEST(EntryQuery, SearchKindAndDatesCombine) {
    const Portfolio p = sample();
    const Catalog& c = Catalog::builtin();
    EntryQuery q;
    q.search = "  caseload ";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Team supervision"}))
        << "a field's words, case folded";
    q = {};
    q.search = "pcf:6";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Home visit"})) << "tags too";
    q = {};
    q.kind = EntryKind::Cpd;
    q.from = "2026-08-15";
    EXPECT_EQ(titles(p, queryEntries(p, q, c)), (std::vector<std::string>{"Court skills"}));
    q.from = "2026-08-1"; // half typed: no filter yet
    EXPECT_EQ(queryEntries(p, q, c).size(), 2u);
    q = {};
    q.from = "2026-10-05";
    q.to = "2026-10-05";
    EXPECT_EQ(queryEntries(p, q, c).size(), 2u) << "both ends inclusive";
}

} // namespace
} // namespace pathway::core
