#include "pathway/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::makeCpd;

namespace {
struct StoreTest : ::testing::Test {
    FixedClock clock{d("2026-11-23"), 1'700'000'000'000};
    SequentialIds ids;
    Store store{clock, ids};
};
} // namespace

TEST_F(StoreTest, AddAssignsIdAndTimestamps) {
    auto r = store.apply(cmd::AddEntry{makeCpd("Court skills", "2026-10-01", 3)});
    ASSERT_TRUE(r) << r.error;
    EXPECT_EQ(r.id, "00000000-0000-4000-8000-000000000001");
    ASSERT_EQ(store.portfolio().entries.size(), 1u);
    EXPECT_EQ(store.portfolio().entries[0].createdMs, clock.nowMs());
    EXPECT_TRUE(store.canUndo());
    EXPECT_EQ(store.undoLabel(), "Add CPD activity");
}

TEST_F(StoreTest, UndoAndRedoRestoreExactState) {
    store.apply(cmd::AddEntry{makeCpd("First", "2026-10-01")});
    const Portfolio afterAdd = store.portfolio();
    Entry edited = store.portfolio().entries[0];
    edited.title = "First, renamed";
    clock.advanceMs(5000);
    ASSERT_TRUE(store.apply(cmd::UpdateEntry{edited}));
    const Portfolio afterEdit = store.portfolio();
    EXPECT_EQ(afterEdit.entries[0].updatedMs, clock.nowMs());

    ASSERT_TRUE(store.undo());
    EXPECT_EQ(store.portfolio(), afterAdd);
    ASSERT_TRUE(store.redo());
    EXPECT_EQ(store.portfolio(), afterEdit);
    ASSERT_TRUE(store.undo());
    ASSERT_TRUE(store.undo());
    EXPECT_TRUE(store.portfolio().entries.empty());
    EXPECT_FALSE(store.canUndo());
    EXPECT_TRUE(store.canRedo());
}

TEST_F(StoreTest, DeleteUndoPutsEntryBackInPlace) {
    for (auto t : {"a", "b", "c"}) store.apply(cmd::AddEntry{makeCpd(t, "2026-10-01")});
    const auto before = store.portfolio();
    ASSERT_TRUE(store.apply(cmd::DeleteEntry{before.entries[1].id}));
    EXPECT_EQ(store.portfolio().entries.size(), 2u);
    store.undo();
    EXPECT_EQ(store.portfolio(), before);
}

TEST_F(StoreTest, NewCommandClearsRedo) {
    store.apply(cmd::AddEntry{makeCpd("a", "2026-10-01")});
    store.undo();
    EXPECT_TRUE(store.canRedo());
    store.apply(cmd::AddEntry{makeCpd("b", "2026-10-01")});
    EXPECT_FALSE(store.canRedo());
}

TEST_F(StoreTest, RejectsInvalidEntriesWithReadableMessages) {
    Entry e = makeCpd("", "2026-10-01");
    auto r = store.apply(cmd::AddEntry{e});
    EXPECT_FALSE(r);
    EXPECT_EQ(r.error, "Give the entry a title.");

    e.title = "Hours wrong";
    e.fields["hours"] = "lots";
    r = store.apply(cmd::AddEntry{e});
    EXPECT_EQ(r.error, "Hours must be a number (e.g. 1.5).");

    e.fields["hours"] = "5000";
    EXPECT_EQ(store.apply(cmd::AddEntry{e}).error, "Hours must be between 0 and 1000.");

    e.fields["hours"] = "2";
    e.fields["type"] = "party";
    EXPECT_NE(store.apply(cmd::AddEntry{e}).error.find("Type of CPD must be one of"), std::string::npos);

    e.fields.erase("type");
    e.tags = {"pcf5"};
    EXPECT_NE(store.apply(cmd::AddEntry{e}).error.find("framework:item"), std::string::npos);

    EXPECT_TRUE(store.portfolio().entries.empty());
    EXPECT_FALSE(store.canUndo());
    EXPECT_EQ(store.revision(), 0u);
}

TEST_F(StoreTest, ProfileValidation) {
    Profile p;
    p.name = "Sam Example";
    p.registrationNumber = "SW12345";
    EXPECT_TRUE(store.apply(cmd::SetProfile{p}));
    p.registrationNumber = "12345";
    EXPECT_FALSE(store.apply(cmd::SetProfile{p}));
    p.registrationNumber = "SW12A45";
    EXPECT_FALSE(store.apply(cmd::SetProfile{p}));
    p.registrationNumber = "";
    p.fte = 0;
    EXPECT_FALSE(store.apply(cmd::SetProfile{p}));
    p.fte = 0.6;
    p.name = "  ";
    EXPECT_EQ(store.apply(cmd::SetProfile{p}).error, "Enter the practitioner's name.");
}

TEST_F(StoreTest, BatchIsOneUndoStepAndAllOrNothing) {
    cmd::Batch ok{"Import 2 entries", {cmd::AddEntry{makeCpd("a", "2026-01-01")},
                                       cmd::AddEntry{makeCpd("b", "2026-01-02")}}};
    ASSERT_TRUE(store.apply(ok));
    EXPECT_EQ(store.portfolio().entries.size(), 2u);
    EXPECT_EQ(store.undoLabel(), "Import 2 entries");

    cmd::Batch bad{"Import", {cmd::AddEntry{makeCpd("c", "2026-01-03")},
                              cmd::AddEntry{makeCpd("", "2026-01-04")}}};
    auto r = store.apply(bad);
    EXPECT_FALSE(r);
    EXPECT_EQ(r.error, "Item 2: Give the entry a title.");
    EXPECT_EQ(store.portfolio().entries.size(), 2u);

    store.undo();
    EXPECT_TRUE(store.portfolio().entries.empty());
    store.redo();
    EXPECT_EQ(store.portfolio().entries.size(), 2u);
}

TEST_F(StoreTest, ReplacePortfolioIsOneUndoStepAndRestoresExactly) {
    ASSERT_TRUE(store.apply(cmd::AddEntry{makeCpd("kept", "2026-01-01")}));
    const Portfolio before = store.portfolio();

    Portfolio imported = before;
    Entry extra = makeCpd("from a file", "2026-02-01");
    extra.id = "00000000-0000-4000-8000-0000000000aa";
    extra.createdMs = extra.updatedMs = 42; // an import keeps the file's times
    imported.entries.push_back(extra);
    imported.profile.name = "Alex Example";
    ASSERT_TRUE(store.apply(cmd::ReplacePortfolio{imported, "Import 1 entry from a.csv"}));
    EXPECT_EQ(store.portfolio(), imported);
    EXPECT_EQ(store.undoLabel(), "Import 1 entry from a.csv");

    ASSERT_TRUE(store.undo());
    EXPECT_EQ(store.portfolio(), before);
    ASSERT_TRUE(store.redo());
    EXPECT_EQ(store.portfolio(), imported);
    EXPECT_EQ(store.portfolio().entries.back().updatedMs, 42);
}

TEST_F(StoreTest, ReplacePortfolioRefusesDuplicateIdsAndChangesNothing) {
    ASSERT_TRUE(store.apply(cmd::AddEntry{makeCpd("kept", "2026-01-01")}));
    const Portfolio before = store.portfolio();
    Portfolio twice = before;
    twice.entries.push_back(before.entries.front());
    auto r = store.apply(cmd::ReplacePortfolio{twice, "Merge"});
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("share the id"), std::string::npos);
    EXPECT_EQ(store.portfolio(), before);
    EXPECT_EQ(store.undoLabel(), "Add CPD activity");
}

TEST(IdsTest, RandomIdsAreVersion4AndDistinct) {
    RandomIds ids;
    std::string a = ids.next(), b = ids.next();
    EXPECT_NE(a, b);
    ASSERT_EQ(a.size(), 36u);
    EXPECT_EQ(a[14], '4');
    EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
}
