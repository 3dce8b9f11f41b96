#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/session.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;

TEST(PortfolioIoTest, LoadsSchema1Fixture) {
    auto r = parsePortfolio(readFixture("portfolio-v1.json"));
    ASSERT_TRUE(r.ok()) << r.error;
    const Portfolio& p = *r.portfolio;
    EXPECT_EQ(r.fromSchema, 1);
    EXPECT_EQ(p.profile.name, "Alex Invented");
    EXPECT_EQ(p.profile.registrationNumber, "SW900001");
    EXPECT_EQ(p.profile.setting, Setting::ChildrenAndFamilies);
    EXPECT_EQ(p.profile.asyeStart, d("2026-09-07"));
    EXPECT_DOUBLE_EQ(p.profile.fte, 0.8);
    ASSERT_EQ(p.entries.size(), 3u);
    EXPECT_EQ(p.entries[0].kind, EntryKind::Cpd);
    EXPECT_EQ(p.entries[0].number("hours"), 3.5);
    EXPECT_EQ(p.entries[0].tags.size(), 3u);
    EXPECT_EQ(p.entries[0].attachments[0].ref, "certificates/2026-10-02.pdf");
    EXPECT_EQ(p.entries[1].field("driscoll.what"), "Text kept from an earlier model choice.");
    EXPECT_EQ(p.entries[2].number("minutes"), 90);
    EXPECT_EQ(p.assessedAgainst.at("pcf"), "2018");
}

TEST(PortfolioIoTest, SaveLoadRoundTripIsExact) {
    auto r = parsePortfolio(readFixture("portfolio-v1.json"));
    ASSERT_TRUE(r.ok());
    const std::string once = serializePortfolio(*r.portfolio);
    auto again = parsePortfolio(once);
    ASSERT_TRUE(again.ok()) << again.error;
    EXPECT_EQ(*again.portfolio, *r.portfolio);
    EXPECT_EQ(serializePortfolio(*again.portfolio), once);
}

TEST(PortfolioIoTest, KeepsFieldsFromNewerVersions) {
    auto r = parsePortfolio(readFixture("portfolio-v1.json"));
    ASSERT_TRUE(r.ok());
    const auto saved = nlohmann::json::parse(serializePortfolio(*r.portfolio));
    EXPECT_EQ(saved["profile"]["pronouns_from_a_newer_version"], "they/them");
    EXPECT_EQ(saved["entries"][0]["mood_from_a_newer_version"]["score"], 4);
    EXPECT_EQ(saved["sync_state_from_a_newer_version"].size(), 3u);
}

TEST(PortfolioIoTest, ClearErrorsForBadFiles) {
    const std::string good = readFixture("portfolio-v1.json");
    struct Case {
        std::string bytes;
        std::string expected;
    };
    const Case cases[] = {
        {"", "This file is empty."},
        {good.substr(0, good.size() / 2), "truncated"},
        {"{\"hello\": 1}", "not a Pathway portfolio"},
        {"[1,2,3]", "not a Pathway portfolio"},
        {"{\"format\":\"pathway-portfolio\",\"schema\":99,\"profile\":{}}", "newer version"},
        {"{\"format\":\"pathway-portfolio\",\"profile\":{}}", "no valid schema"},
        {"{\"format\":\"pathway-portfolio\",\"schema\":1,\"profile\":{\"name\":\"x\"},"
         "\"entries\":[{\"id\":\"a\",\"kind\":\"cpd\",\"title\":\"t\",\"date\":\"2026-02-30\"}]}",
         "entries[0].date \"2026-02-30\" is not a date"},
        {"{\"format\":\"pathway-portfolio\",\"schema\":1,\"profile\":{\"name\":\"x\"},"
         "\"entries\":[{\"id\":\"a\",\"kind\":\"party\",\"title\":\"t\",\"date\":\"2026-02-03\"}]}",
         "entries[0].kind"},
        {"{\"format\":\"pathway-portfolio\",\"schema\":1,\"profile\":{\"name\":\"x\"},"
         "\"entries\":[{\"id\":\"a\",\"kind\":\"cpd\",\"date\":\"2026-02-03\"},"
         "{\"id\":\"a\",\"kind\":\"cpd\",\"date\":\"2026-02-04\"}]}",
         "used twice"},
        {"{\"format\":\"pathway-portfolio\",\"schema\":1,\"profile\":{\"name\":\"\xff\"}}",
         "not valid UTF-8"},
    };
    for (const auto& c : cases) {
        auto r = parsePortfolio(c.bytes);
        EXPECT_FALSE(r.ok()) << c.expected;
        EXPECT_NE(r.error.find(c.expected), std::string::npos) << r.error;
    }
}

TEST(PortfolioIoTest, RefusesOversizedInputBeforeParsing) {
    std::string huge(kMaxPortfolioBytes + 1, ' ');
    auto r = parsePortfolio(huge);
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.error.find("too large"), std::string::npos);
}

TEST(FilesTest, AtomicSaveKeepsPreviousCopy) {
    pathway::test::TempDir dir;
    const auto path = dir.file("p.json");
    ASSERT_TRUE(writeFileAtomic(path, "first"));
    ASSERT_TRUE(writeFileAtomic(path, "second"));
    std::string now, bak;
    ASSERT_TRUE(readFile(path, now, 1000));
    ASSERT_TRUE(readFile(path + ".bak", bak, 1000));
    EXPECT_EQ(now, "second");
    EXPECT_EQ(bak, "first");
    EXPECT_FALSE(fileExists(path + ".tmp"));
}

TEST(FilesTest, ReadRefusesLargeFilesAndFolders) {
    pathway::test::TempDir dir;
    ASSERT_TRUE(writeFileAtomic(dir.file("big"), std::string(2000, 'x')));
    std::string out = "untouched";
    auto r = readFile(dir.file("big"), out, 1000);
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("too large"), std::string::npos);
    EXPECT_EQ(out, "untouched");
    EXPECT_FALSE(readFile(dir.path(), out, 1000));
    EXPECT_FALSE(readFile(dir.file("missing"), out, 1000));
}

TEST(SessionTest, CorruptFileIsNeverOverwritten) {
    pathway::test::TempDir dir;
    const auto path = dir.file("portfolio.json");
    const std::string corrupt = readFixture("portfolio-v1.json").substr(0, 300);
    ASSERT_TRUE(writeFileAtomic(path, corrupt));

    FixedClock clock{d("2026-11-23")};
    SequentialIds ids;
    FileStorage storage{path};
    Session session{storage, clock, ids};
    EXPECT_EQ(session.open(), Session::State::Broken);
    EXPECT_NE(session.error().find("truncated"), std::string::npos);

    session.store().apply(cmd::AddEntry{pathway::test::makeCpd("typed", "2026-11-01")});
    auto saved = session.save();
    EXPECT_FALSE(saved);
    EXPECT_NE(saved.error.find("will not overwrite"), std::string::npos);
    std::string onDisk;
    ASSERT_TRUE(readFile(path, onDisk, 1 << 20));
    EXPECT_EQ(onDisk, corrupt);
}

TEST(SessionTest, NewPortfolioSavesOnceNamedAndTracksDirty) {
    FixedClock clock{d("2026-11-23")};
    SequentialIds ids;
    MemoryStorage storage;
    Session session{storage, clock, ids};
    EXPECT_EQ(session.open(), Session::State::Empty);
    EXPECT_TRUE(session.save());
    EXPECT_EQ(storage.writes, 0);

    Profile p;
    p.name = "Jo Invented";
    ASSERT_TRUE(session.store().apply(cmd::SetProfile{p}));
    EXPECT_TRUE(session.dirty());
    ASSERT_TRUE(session.save());
    EXPECT_EQ(storage.writes, 1);
    EXPECT_FALSE(session.dirty());
    EXPECT_TRUE(session.save());
    EXPECT_EQ(storage.writes, 1);

    storage.failWrites = true;
    session.store().apply(cmd::AddEntry{pathway::test::makeCpd("x", "2026-11-01")});
    EXPECT_FALSE(session.save());
    EXPECT_TRUE(session.dirty());
    EXPECT_FALSE(session.error().empty());

    Session reopened{storage, clock, ids};
    EXPECT_EQ(reopened.open(), Session::State::Loaded);
    EXPECT_EQ(reopened.store().portfolio().profile.name, "Jo Invented");
    EXPECT_TRUE(reopened.store().portfolio().entries.empty());
}
