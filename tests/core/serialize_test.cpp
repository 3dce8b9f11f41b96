// serializePortfolio writes JSON directly (issue 7: speed); it must give exactly the bytes the
// nlohmann document + dump(2) gave. The fuzzer (tests/fuzz/fuzz_portfolio.cpp) checks the same
// on every input it loads.
#include "test_support.hpp"

#include "pathway/core/portfolio_io.hpp"

#include <gtest/gtest.h>

using namespace pathway;

namespace {

core::Portfolio awkward() {
    core::Portfolio p;
    p.profile.name = "Zoë \"Quotes\" O'Neil \\ back";
    p.profile.fte = 0.8;
    p.assessedAgainst = {{"pcf", "2018"}};
    core::Entry e = test::makeCpd("Tabs\tand\nnew lines\r\x01\x1f\x7f and “curly” — é 𝄞", "2026-03-01", 2);
    e.id = "e1";
    e.fields["hours"] = "1.5";
    e.fields["description"] = "";                 // empty: left out
    e.fields["learned"] = std::string("nul\0byte", 8);
    e.fields["impact"] = "\b\f backspace and form feed";
    e.tags = {"pcf:6", "swe:4.2"};
    e.links = {"e2"};
    e.attachments = {{"Cert \"1\"", "c:\\\\path"}, {"", ""}};
    e.createdMs = 1'767'225'600'000;
    e.updatedMs = 1'767'225'660'000;
    p.entries.push_back(e);
    core::Entry n;
    n.id = "e2";
    n.kind = core::EntryKind::Supervision;
    n.fields["minutes"] = "not a number"; // a number field holding text stays text
    n.extra = {{"from_newer", {{"a", 1}, {"b", {1.5, "x\n"}}}}};
    p.entries.push_back(n);
    core::Entry g;
    g.id = "e3";
    g.kind = core::EntryKind::Goal;
    p.entries.push_back(g);
    p.comments.push_back({"c1", "e1", "Pat", "mentor", "Good\nwork", true, "on-track", 5'000});
    p.signOffs.push_back({"e1", "Pat", "assessor", "ab12", 0});
    p.extra = {{"zz_newer", nullptr}, {"aa_newer", {{"k", "v"}}}};
    return p;
}

} // namespace

TEST(Serialize, DirectWriterMatchesTheNlohmannTree) {
    const core::Portfolio empty;
    EXPECT_EQ(core::serializePortfolio(empty), core::serializePortfolioViaTree(empty));
    const core::Portfolio p = awkward();
    EXPECT_EQ(core::serializePortfolio(p), core::serializePortfolioViaTree(p));
    core::LoadResult fixture = core::parsePortfolio(test::readFixture("portfolio-v1.json"));
    ASSERT_TRUE(fixture.ok()) << fixture.error;
    EXPECT_EQ(core::serializePortfolio(*fixture.portfolio),
              core::serializePortfolioViaTree(*fixture.portfolio));
}

TEST(Serialize, AwkwardTextRoundTrips) {
    const core::Portfolio p = awkward();
    core::LoadResult back = core::parsePortfolio(core::serializePortfolio(p));
    ASSERT_TRUE(back.ok()) << back.error;
    EXPECT_EQ(back.portfolio->entries[0].title, p.entries[0].title);
    EXPECT_EQ(back.portfolio->entries[0].fields.at("learned"), p.entries[0].fields.at("learned"));
    EXPECT_EQ(core::serializePortfolio(*back.portfolio), core::serializePortfolio(p));
}

TEST(Serialize, InvalidUtf8StillThrowsLikeTheTree) {
    core::Portfolio p;
    core::Entry e = test::makeCpd(std::string("bad \xC3( byte"), "2026-03-01");
    e.id = "x";
    p.entries.push_back(e);
    EXPECT_ANY_THROW((void)core::serializePortfolioViaTree(p));
    EXPECT_ANY_THROW((void)core::serializePortfolio(p));
}
