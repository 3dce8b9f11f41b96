// Issue 15, point 5: the catalogue is passed in. A Session owns its Catalog (the built-ins plus
// the files the user or their academy added); Catalog::addFiles adds all or none.
#include "pathway/core/catalog.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/session.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;

namespace {

CatalogFile fixtureFile(const char* path, const char* name) {
    return {name, readFixture(path)};
}

struct SessionFixture {
    FixedClock clock{d("2027-05-01")};
    SequentialIds ids;
    MemoryStorage storage;
    Session session{storage, clock, ids};
};

} // namespace

TEST(CatalogFilesTest, AddFilesIsAllOrNothing) {
    Catalog c = Catalog::builtin();
    const size_t frameworks = c.frameworks().size();
    const std::string err =
        c.addFiles({fixtureFile("frameworks/early-career-2027.json", "early-career.json"),
                    fixtureFile("frameworks/bad-parent.json", "bad-parent.json")});
    EXPECT_NE(err.find("bad-parent.json"), std::string::npos) << err;
    EXPECT_EQ(c.frameworks().size(), frameworks); // the good file before it is not kept either
    EXPECT_EQ(c.framework("early-career"), nullptr);

    EXPECT_EQ(c.addFiles({fixtureFile("frameworks/early-career-2027.json", "early-career.json")}),
              "");
    ASSERT_NE(c.framework("early-career"), nullptr);
    EXPECT_EQ(c.frameworks().size(), frameworks + 1);
}

TEST(SessionCatalogTest, StartsWithTheBuiltIns) {
    SessionFixture f;
    EXPECT_EQ(f.session.catalog().frameworks(), Catalog::builtin().frameworks());
    EXPECT_TRUE(f.session.catalogFiles().empty());
    EXPECT_EQ(f.session.catalogRevision(), 0u);
}

TEST(SessionCatalogTest, AddedFrameworkIsUsedAndCountsAsAChange) {
    SessionFixture f;
    Portfolio p;
    p.profile.name = "Robin Invented";
    p.profile.setting = Setting::ChildrenAndFamilies;
    p.entries.push_back(pathway::test::makeCpd("Court skills", "2027-04-20"));
    p.entries.back().tags = {"early-career:2.1"};

    const Status before = computeStatus(p, f.session.catalog(), f.clock.today());
    EXPECT_EQ(before.unknownTags, std::vector<std::string>{"early-career:2.1"});

    ASSERT_EQ(f.session.addCatalogFile(
                  fixtureFile("frameworks/early-career-2027.json", "early-career.json")),
              "");
    EXPECT_EQ(f.session.catalogRevision(), 1u);
    ASSERT_EQ(f.session.catalogFiles().size(), 1u);
    EXPECT_EQ(f.session.catalogFiles()[0].name, "early-career.json");
    ASSERT_NE(f.session.catalog().findItem("early-career:2.1"), nullptr);
    const Status after = computeStatus(p, f.session.catalog(), f.clock.today());
    EXPECT_TRUE(after.unknownTags.empty());
    // The built-ins themselves are untouched: another session starts without it.
    EXPECT_EQ(Catalog::builtin().framework("early-career"), nullptr);
}

TEST(SessionCatalogTest, BadFileChangesNothing) {
    SessionFixture f;
    ASSERT_EQ(f.session.addCatalogFile(
                  fixtureFile("frameworks/early-career-2027.json", "early-career.json")),
              "");
    const Catalog before = f.session.catalog();
    const std::string err =
        f.session.addCatalogFile(fixtureFile("frameworks/bad-parent.json", "bad-parent.json"));
    EXPECT_NE(err.find("bad-parent.json"), std::string::npos) << err;
    EXPECT_NE(err.find("parent"), std::string::npos) << err;
    EXPECT_EQ(f.session.catalog().frameworks(), before.frameworks());
    EXPECT_EQ(f.session.catalogFiles().size(), 1u);
    EXPECT_EQ(f.session.catalogRevision(), 1u);
    // A bad file under the name of a good one does not replace it either.
    EXPECT_NE(f.session.addCatalogFile({"early-career.json", "{not json"}), "");
    EXPECT_NE(f.session.catalog().framework("early-career"), nullptr);
    EXPECT_EQ(f.session.catalogFiles()[0].bytes,
              readFixture("frameworks/early-career-2027.json"));
}

TEST(SessionCatalogTest, SameNameReplacesAndRemoveBuildsAfresh) {
    SessionFixture f;
    ASSERT_EQ(f.session.addCatalogFile(
                  fixtureFile("frameworks/early-career-2027.json", "academy.json")),
              "");
    ASSERT_NE(f.session.catalog().framework("early-career"), nullptr);
    // The same name with another file: the first one's framework goes with it.
    ASSERT_EQ(f.session.addCatalogFile(fixtureFile("rules/ecdp-2027.json", "academy.json")), "");
    EXPECT_EQ(f.session.catalog().framework("early-career"), nullptr);
    EXPECT_EQ(f.session.catalogFiles().size(), 1u);
    EXPECT_GT(f.session.catalog().asyeRules().size(), Catalog::builtin().asyeRules().size());

    EXPECT_TRUE(f.session.removeCatalogFile("academy.json"));
    EXPECT_TRUE(f.session.catalogFiles().empty());
    EXPECT_EQ(f.session.catalog().asyeRules().size(), Catalog::builtin().asyeRules().size());
    EXPECT_FALSE(f.session.removeCatalogFile("academy.json"));
    EXPECT_EQ(f.session.catalogRevision(), 3u);
}
