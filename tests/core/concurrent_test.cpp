// Issue 12: one portfolio open in two places never loses a word. Tombstones (schema 2), merges
// that honour them (property tests), the save's compare-and-merge (Session on one storage from
// two sessions), and the file-safety rules of files.cpp.
#include "test_support.hpp"

#include "pathway/core/import.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/portfolio_read.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/store.hpp"
#include "pathway/core/text.hpp"
#include "pathway/core/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

namespace pathway::core {
namespace {

using test::makeCpd;

const Date kToday = *Date::parse("2026-11-20");

Portfolio named(const char* name) {
    Portfolio p;
    p.profile.name = name;
    return p;
}

std::set<std::string> idsOf(const Portfolio& p) {
    std::set<std::string> ids;
    for (const auto& e : p.entries) ids.insert(e.id);
    return ids;
}

bool hasTitle(const Portfolio& p, std::string_view title) {
    return std::any_of(p.entries.begin(), p.entries.end(),
                       [&](const Entry& e) { return e.title == title; });
}

// --- tombstones in the store and the file -------------------------------------------------

TEST(Tombstones, DeleteLeavesOneAndUndoRemovesIt) {
    FixedClock clock(kToday, 1'700'000'000'000);
    SequentialIds ids;
    Store store(clock, ids, named("Sam Example"));
    const std::string id = store.apply(cmd::AddEntry{makeCpd("Court skills", "2026-11-02")}).id;
    ASSERT_TRUE(store.apply(cmd::DeleteEntry{id}));
    ASSERT_EQ(store.portfolio().tombstones.size(), 1u);
    EXPECT_EQ(store.portfolio().tombstones[0].id, id);
    EXPECT_EQ(store.portfolio().tombstones[0].deletedMs, 1'700'000'000'000);
    EXPECT_TRUE(store.portfolio().isDeleted(id));
    ASSERT_TRUE(store.undo());
    EXPECT_TRUE(store.portfolio().tombstones.empty()) << "undo of a delete removes the tombstone";
    EXPECT_TRUE(store.portfolio().find(id));
    ASSERT_TRUE(store.redo());
    EXPECT_TRUE(store.portfolio().isDeleted(id));
}

TEST(Tombstones, KeptSortedByIdWithTheLaterTime) {
    Portfolio p;
    addTombstone(p, "b", 5);
    addTombstone(p, "a", 9);
    addTombstone(p, "b", 7);
    addTombstone(p, "b", 1);
    ASSERT_EQ(p.tombstones.size(), 2u);
    EXPECT_EQ(p.tombstones[0].id, "a");
    EXPECT_EQ(p.tombstones[1].deletedMs, 7);
    EXPECT_TRUE(removeTombstone(p, "a"));
    EXPECT_FALSE(removeTombstone(p, "a"));
}

TEST(SchemaTwo, VersionOneFixtureMigratesWithNoTombstones) {
    LoadResult r = parsePortfolio(test::readFixture("portfolio-v1.json"));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.fromSchema, 1);
    EXPECT_TRUE(r.portfolio->tombstones.empty());
    EXPECT_EQ(r.portfolio->revision, 0);
    // Saved again it is a current-schema file that reads back equal, directly.
    const std::string bytes = serializePortfolio(*r.portfolio);
    EXPECT_NE(bytes.find("\"schema\": " + std::to_string(kSchemaVersion)), std::string::npos);
    LoadResult again;
    ASSERT_TRUE(parsePortfolioFast(bytes, again));
    EXPECT_TRUE(*again.portfolio == *r.portfolio);
}

TEST(SchemaTwo, VersionOneAsyeRecordMigratesAndRoundTrips) {
    LoadResult r = parsePortfolio(test::readFixture("portfolio-v1-asye.json"));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.fromSchema, 1);
    const AsyeRecord record = r.portfolio->profile.asye;
    ASSERT_EQ(record.leave.size(), 1u);
    ASSERT_EQ(record.people.size(), 2u);
    ASSERT_TRUE(record.outcome.moderation);
    const std::string bytes = serializePortfolio(*r.portfolio);
    EXPECT_NE(bytes.find("\"schema\": " + std::to_string(kSchemaVersion)), std::string::npos);
    EXPECT_EQ(bytes, serializePortfolioViaTree(*r.portfolio));
    LoadResult again;
    ASSERT_TRUE(parsePortfolioFast(bytes, again)) << "a current-schema file with the record is read directly";
    EXPECT_EQ(again.portfolio->profile.asye, record);
    LoadResult tree = parsePortfolioViaTree(bytes);
    ASSERT_TRUE(tree.ok()) << tree.error;
    EXPECT_EQ(*tree.portfolio, *again.portfolio);
}

TEST(SchemaTwo, FixtureKeepsTombstonesAndRevision) {
    const std::string bytes = test::readFixture("portfolio-v2.json");
    LoadResult r = parsePortfolio(bytes);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.fromSchema, 2);
    EXPECT_EQ(r.portfolio->revision, 7);
    ASSERT_EQ(r.portfolio->tombstones.size(), 2u);
    EXPECT_EQ(r.portfolio->tombstones[0].id, "0c4d2e1f-7a3b-4c5d-8e9f-0a1b2c3d4e5f");
    EXPECT_EQ(formatTimestamp(r.portfolio->tombstones[1].deletedMs), "2026-11-20T16:40:12Z");
    LoadResult tree = parsePortfolioViaTree(bytes);
    ASSERT_TRUE(tree.ok());
    EXPECT_TRUE(*tree.portfolio == *r.portfolio);
    EXPECT_EQ(serializePortfolio(*r.portfolio), serializePortfolioViaTree(*r.portfolio));
}

TEST(SchemaTwo, BadTombstonesAndRevisionsAreRefusedByBothReaders) {
    // The current schema, so that the direct reader is the one tested (an older one is the tree's).
    const std::string head = R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A"},)";
    for (const std::string bad : {R"("tombstones":{})", R"("tombstones":[{"deleted":"2026-01-01T00:00:00Z"}])",
                                  R"("tombstones":[{"id":"x","deleted":"soon"}])", R"("revision":-1)",
                                  R"("revision":1.5)", R"("revision":"3")"}) {
        LoadResult r = parsePortfolio(head + bad + "}");
        EXPECT_FALSE(r.ok()) << bad;
        EXPECT_FALSE(parsePortfolioViaTree(head + bad + "}").ok()) << bad;
    }
    // Unsorted and repeated tombstones read as one sorted list by both.
    const std::string messy = head + R"("tombstones":[{"id":"b","deleted":"2026-01-02T00:00:00Z"},{"id":"a"},{"id":"b","deleted":"2026-01-01T00:00:00Z"}],"revision":12})";
    LoadResult fast = parsePortfolio(messy), tree = parsePortfolioViaTree(messy);
    ASSERT_TRUE(fast.ok() && tree.ok()) << fast.error << tree.error;
    EXPECT_TRUE(*fast.portfolio == *tree.portfolio);
    ASSERT_EQ(fast.portfolio->tombstones.size(), 2u);
    EXPECT_EQ(fast.portfolio->tombstones[0].id, "a");
    EXPECT_EQ(formatTimestamp(fast.portfolio->tombstones[1].deletedMs), "2026-01-02T00:00:00Z");
    EXPECT_EQ(fast.portfolio->revision, 12);
}

TEST(Tombstones, JsonImportAndLeap2aRoundTripHonourThem) {
    FixedClock clock(kToday, 1'700'000'000'000);
    SequentialIds ids;
    Store store(clock, ids, named("Sam Example"));
    const std::string keep = store.apply(cmd::AddEntry{makeCpd("Kept", "2026-11-02")}).id;
    const std::string gone = store.apply(cmd::AddEntry{makeCpd("Gone", "2026-11-03")}).id;
    const Portfolio backup = store.portfolio(); // an older copy: both entries
    store.apply(cmd::DeleteEntry{gone});
    ImportOptions opt{Catalog::builtin(), clock.nowMs(), false};
    ImportResult r = importInto(store.portfolio(), ImportFormat::Json, serializePortfolio(backup), opt);
    ASSERT_TRUE(r.portfolio) << r.error;
    EXPECT_EQ(idsOf(*r.portfolio), std::set<std::string>{keep}) << "the backup does not bring it back";
    // The other way: a copy that deleted it, imported into one that still has it.
    ImportResult back = importInto(backup, ImportFormat::Json, serializePortfolio(store.portfolio()), opt);
    ASSERT_TRUE(back.portfolio);
    EXPECT_EQ(idsOf(*back.portfolio), std::set<std::string>{keep});
    EXPECT_EQ(back.report.deleted, 1);
    // LEAP2A from Pathway carries them too.
    Leap2aRead leap = readLeap2a(writeLeap2a(store.portfolio(), clock.nowMs()), Catalog::builtin(), 0);
    ASSERT_TRUE(leap.portfolio) << leap.error;
    EXPECT_TRUE(leap.portfolio->isDeleted(gone));
}

// --- merge properties -----------------------------------------------------------------------

// Random copies of one portfolio, each with its own edits, adds and deletes.
struct Replicas {
    std::vector<Portfolio> copies;
};

Replicas makeReplicas(uint64_t seed, int count) {
    std::mt19937_64 rng(seed);
    Portfolio common = named("Sam Example");
    for (int i = 0; i < 8; ++i) {
        Entry e = makeCpd("Shared " + std::to_string(i), "2026-10-01");
        e.id = "shared-" + std::to_string(i);
        e.createdMs = e.updatedMs = 1000 + i;
        common.entries.push_back(e);
    }
    Replicas r;
    for (int c = 0; c < count; ++c) {
        Portfolio p = common;
        for (int op = 0; op < 6; ++op) {
            const auto pick = rng() % 4;
            if (pick == 0 && !p.entries.empty()) { // delete
                const size_t i = rng() % p.entries.size();
                addTombstone(p, p.entries[i].id, 5000 + static_cast<int64_t>(rng() % 100));
                p.entries.erase(p.entries.begin() + static_cast<std::ptrdiff_t>(i));
            } else if (pick == 1 && !p.entries.empty()) { // edit
                Entry& e = p.entries[rng() % p.entries.size()];
                e.title += " edited " + std::to_string(rng() % 3);
                e.updatedMs = 2000 + static_cast<int64_t>(rng() % 50);
            } else { // add
                Entry e = makeCpd("New " + std::to_string(c) + "." + std::to_string(op), "2026-11-01");
                e.id = "new-" + std::to_string(c) + "-" + std::to_string(op);
                e.createdMs = e.updatedMs = 3000;
                p.entries.push_back(e);
            }
        }
        r.copies.push_back(std::move(p));
    }
    return r;
}

std::set<std::string> deletedIn(const std::vector<Portfolio>& copies) {
    std::set<std::string> out;
    for (const auto& p : copies)
        for (const auto& t : p.tombstones) out.insert(t.id);
    return out;
}

// Entries keyed by id (order aside), tombstones: what "the same result" means for merges.
std::map<std::string, Entry> byId(const Portfolio& p) {
    std::map<std::string, Entry> m;
    for (const auto& e : p.entries) m.emplace(e.id, e);
    return m;
}

TEST(MergeProperties, ADeletedEntryNeverReappearsInAnyOrder) {
    for (uint64_t seed = 1; seed <= 40; ++seed) {
        Replicas r = makeReplicas(seed, 3);
        const auto deleted = deletedIn(r.copies);
        std::vector<int> order = {0, 1, 2};
        do {
            Portfolio m = r.copies[static_cast<size_t>(order[0])];
            for (size_t k = 1; k < order.size(); ++k)
                m = mergePortfolios(m, r.copies[static_cast<size_t>(order[k])]).portfolio;
            for (const auto& id : deleted) {
                EXPECT_FALSE(m.find(id)) << "seed " << seed << ": " << id << " came back";
                EXPECT_TRUE(m.isDeleted(id));
            }
        } while (std::next_permutation(order.begin(), order.end()));
    }
}

TEST(MergeProperties, IdempotentAndCommutative) {
    for (uint64_t seed = 1; seed <= 40; ++seed) {
        Replicas r = makeReplicas(seed, 2);
        const Portfolio& a = r.copies[0];
        const Portfolio& b = r.copies[1];
        const Portfolio ab = mergePortfolios(a, b).portfolio;
        const Portfolio ba = mergePortfolios(b, a).portfolio;
        EXPECT_EQ(byId(ab), byId(ba)) << "seed " << seed;
        EXPECT_EQ(ab.tombstones, ba.tombstones) << "seed " << seed;
        MergeResult again = mergePortfolios(ab, b);
        EXPECT_EQ(byId(again.portfolio), byId(ab)) << "seed " << seed;
        EXPECT_EQ(again.portfolio.tombstones, ab.tombstones);
        EXPECT_FALSE(again.report.changed()) << "seed " << seed;
        EXPECT_EQ(byId(mergePortfolios(ab, ab).portfolio), byId(ab));
    }
}

TEST(MergeProperties, ConcurrentSavesInEveryOrderKeepEveryAddAndDelete) {
    // Three sessions start from one stored copy and save one after the other, each merging
    // what it finds (mergeConcurrent): whatever the order, every add is there and every delete
    // holds, and an entry changed by one session only carries no conflicting copy.
    for (uint64_t seed = 1; seed <= 30; ++seed) {
        Replicas r = makeReplicas(seed, 3);
        Portfolio base = named("Sam Example");
        for (int i = 0; i < 8; ++i) {
            Entry e = makeCpd("Shared " + std::to_string(i), "2026-10-01");
            e.id = "shared-" + std::to_string(i);
            e.createdMs = e.updatedMs = 1000 + i;
            base.entries.push_back(e);
        }
        const auto deleted = deletedIn(r.copies);
        std::vector<int> order = {0, 1, 2};
        do {
            Portfolio stored = base;
            for (int k : order) stored = mergeConcurrent(base, r.copies[static_cast<size_t>(k)], stored).portfolio;
            for (const auto& id : deleted) {
                EXPECT_FALSE(stored.find(id)) << "seed " << seed;
            }
            for (const auto& copy : r.copies)
                for (const auto& e : copy.entries) {
                    if (e.id.rfind("new-", 0) == 0) {
                        EXPECT_TRUE(stored.find(e.id)) << e.id;
                    }
                }
            // Saving again with nothing new changes nothing (idempotent).
            const Portfolio twice = mergeConcurrent(stored, stored, stored).portfolio;
            EXPECT_EQ(byId(twice), byId(stored));
        } while (std::next_permutation(order.begin(), order.end()));
    }
}

TEST(MergeConcurrent, OneSidedChangesTakeNoConflictCopy) {
    Portfolio base = named("Sam Example");
    Entry a = makeCpd("Court skills", "2026-10-01");
    a.id = "a";
    a.updatedMs = 10;
    Entry b = makeCpd("Reading", "2026-10-02");
    b.id = "b";
    b.updatedMs = 10;
    base.entries = {a, b};
    Portfolio mine = base, theirs = base;
    mine.entries[0].title = "Court skills (day 2)";
    mine.entries[0].updatedMs = 20;
    theirs.entries[1].title = "Reading group";
    theirs.entries[1].updatedMs = 15;
    MergeResult m = mergeConcurrent(base, mine, theirs);
    ASSERT_EQ(m.portfolio.entries.size(), 2u);
    EXPECT_EQ(m.portfolio.find("a")->title, "Court skills (day 2)");
    EXPECT_EQ(m.portfolio.find("b")->title, "Reading group");
    EXPECT_EQ(m.report.conflictCopies, 0);
    EXPECT_EQ(m.report.entriesUpdated, 1);
    EXPECT_EQ(m.report.changes(), 1);
}

TEST(MergeConcurrent, BothEditedKeepsTheNewerAndAConflictingCopy) {
    Portfolio base = named("Sam Example");
    Entry a = makeCpd("Court skills", "2026-10-01");
    a.id = "a";
    a.updatedMs = 10;
    base.entries = {a};
    Portfolio mine = base, theirs = base;
    mine.entries[0].title = "Mine";
    mine.entries[0].updatedMs = 30;
    theirs.entries[0].title = "Theirs";
    theirs.entries[0].updatedMs = 20;
    MergeResult m = mergeConcurrent(base, mine, theirs);
    ASSERT_EQ(m.portfolio.entries.size(), 2u);
    EXPECT_EQ(m.portfolio.find("a")->title, "Mine");
    EXPECT_TRUE(hasTitle(m.portfolio, "Theirs (conflicting copy)"));
    EXPECT_EQ(m.report.conflictCopies, 1);
    // Merging that result again (another save) adds no second copy.
    EXPECT_EQ(mergeConcurrent(m.portfolio, m.portfolio, m.portfolio).portfolio.entries.size(), 2u);
}

TEST(MergeConcurrent, DeleteWinsOverAnEditAndUndoOfDeleteWins) {
    Portfolio base = named("Sam Example");
    Entry a = makeCpd("Court skills", "2026-10-01");
    a.id = "a";
    base.entries = {a};
    Portfolio mine = base, theirs = base;
    mine.entries.clear();
    addTombstone(mine, "a", 50);
    theirs.entries[0].title = "Edited elsewhere";
    theirs.entries[0].updatedMs = 60;
    MergeResult m = mergeConcurrent(base, mine, theirs);
    EXPECT_FALSE(m.portfolio.find("a"));
    EXPECT_TRUE(m.portfolio.isDeleted("a"));
    // The undo: base (stored) has the tombstone, mine took it back, theirs kept the stored one.
    Portfolio stored = m.portfolio;
    Portfolio undone = stored;
    undone.entries = {a};
    removeTombstone(undone, "a");
    MergeResult u = mergeConcurrent(stored, undone, stored);
    EXPECT_TRUE(u.portfolio.find("a"));
    EXPECT_FALSE(u.portfolio.isDeleted("a"));
}

TEST(MergeConcurrent, ProfileAndReviewsFromTheSideThatChangedThem) {
    Portfolio base = named("Sam Example");
    Portfolio mine = base, theirs = base;
    theirs.profile.team = "Team East";
    theirs.comments.push_back({"c1", "a", "Mentor", "", "Good", false, "", 5});
    MergeResult m = mergeConcurrent(base, mine, theirs);
    EXPECT_EQ(m.portfolio.profile.team, "Team East");
    EXPECT_EQ(m.portfolio.comments.size(), 1u);
    EXPECT_EQ(m.report.commentsAdded, 1);
    mine.profile.name = "Sam Renamed";
    MergeResult both = mergeConcurrent(base, mine, theirs);
    EXPECT_EQ(both.portfolio.profile.name, "Sam Renamed") << "both changed it: this session's";
}

// --- the ASYE record (issue 14) in merges: leave, hours, outcome and people are never dropped

LeavePeriod leaveOf(const char* from, const char* to, LeaveKind kind = LeaveKind::Sickness) {
    return {test::d(from), test::d(to), kind, ""};
}

AsyeDecisionRecord decided(AsyeDecision decision, const char* on, const char* by) {
    return {decision, test::d(on), by, {}, ""};
}

Portfolio inAsye() {
    Portfolio p = named("Sam Example");
    p.profile.asyeStart = test::d("2026-09-07");
    return p;
}

TEST(MergeAsyeRecord, ConcurrentRecordsOnBothSidesAreAllKept) {
    const Portfolio base = inAsye();
    Portfolio mine = base, theirs = base;
    // pathway-cli asye ... while the app is open: the app renames the team and records a leave
    // period; the CLI records another leave period, an hours change and the supervisor.
    mine.profile.team = "Team West";
    mine.profile.asye.leave.push_back(leaveOf("2026-10-05", "2026-10-09"));
    theirs.profile.asye.leave.push_back(leaveOf("2027-01-04", "2027-04-30", LeaveKind::Maternity));
    theirs.profile.asye.fteChanges.push_back({test::d("2027-05-03"), 0.6});
    theirs.profile.asye.people.push_back({AsyeRole::Supervisor, "Pat Example", true});
    theirs.profile.asye.outcome.recommendation =
        decided(AsyeDecision::Extend, "2027-08-20", "Jo Assessor");
    theirs.profile.asye.outcome.recommendation->newEnd = test::d("2027-12-01");
    const MergeResult m = mergeConcurrent(base, mine, theirs);
    const AsyeRecord& a = m.portfolio.profile.asye;
    EXPECT_EQ(m.portfolio.profile.team, "Team West");
    ASSERT_EQ(a.leave.size(), 2u);
    EXPECT_EQ(a.leave[0], mine.profile.asye.leave[0]) << "mine's order, then theirs' new ones";
    EXPECT_EQ(a.leave[1], theirs.profile.asye.leave[0]);
    EXPECT_EQ(a.fteChanges, theirs.profile.asye.fteChanges);
    EXPECT_EQ(a.people, theirs.profile.asye.people);
    EXPECT_EQ(a.outcome.recommendation, theirs.profile.asye.outcome.recommendation);
    EXPECT_TRUE(m.report.profileChanged);
    // The same from the other side: nothing depends on who saves first.
    const MergeResult other = mergeConcurrent(base, theirs, mine);
    EXPECT_EQ(other.portfolio.profile.asye.leave.size(), 2u);
    EXPECT_EQ(other.portfolio.profile.asye.people.size(), 1u);
    EXPECT_EQ(other.portfolio.profile.team, "Team West");
    // Merging the result again with either side brings nothing more.
    EXPECT_EQ(mergeConcurrent(m.portfolio, m.portfolio, m.portfolio).portfolio.profile, m.portfolio.profile);
}

TEST(MergeAsyeRecord, ARemovedOrCorrectedRecordStaysSo) {
    Portfolio base = inAsye();
    base.profile.asye.leave.push_back(leaveOf("2026-10-05", "2026-10-09"));
    base.profile.asye.people.push_back({AsyeRole::Supervisor, "Pat Example", false});
    Portfolio mine = base, theirs = base;
    mine.profile.asye.leave.clear();                                // removed here
    theirs.profile.asye.people[0].registeredSocialWorker = true;    // corrected there
    const MergeResult m = mergeConcurrent(base, mine, theirs);
    EXPECT_TRUE(m.portfolio.profile.asye.leave.empty());
    ASSERT_EQ(m.portfolio.profile.asye.people.size(), 1u);
    EXPECT_TRUE(m.portfolio.profile.asye.people[0].registeredSocialWorker);
}

TEST(MergeAsyeRecord, AFinalPassRecordedElsewhereMovesTheStageOn) {
    const Portfolio base = inAsye();
    Portfolio mine = base, theirs = base;
    mine.profile.employer = "Example Borough Council";
    theirs.profile = withFinalOutcome(theirs.profile, decided(AsyeDecision::Pass, "2027-09-20", "Employer"));
    ASSERT_EQ(theirs.profile.stage, CareerStage::SocialWorker);
    const MergeResult m = mergeConcurrent(base, mine, theirs);
    EXPECT_EQ(m.portfolio.profile.employer, "Example Borough Council");
    ASSERT_TRUE(m.portfolio.profile.asye.outcome.final);
    EXPECT_EQ(m.portfolio.profile.stage, CareerStage::SocialWorker) << "the stage goes with the outcome";
    // Both recorded a final outcome: this session's, with its stage.
    mine.profile.asye.outcome.final = decided(AsyeDecision::Fail, "2027-09-21", "Panel");
    const MergeResult both = mergeConcurrent(base, mine, theirs);
    EXPECT_EQ(both.portfolio.profile.asye.outcome.final->decision, AsyeDecision::Fail);
    EXPECT_EQ(both.portfolio.profile.stage, CareerStage::Asye);
}

TEST(MergeAsyeRecord, ImportingACopyAddsItsRecordAndKeepsThisOne) {
    Portfolio here = inAsye();
    here.profile.asye.leave.push_back(leaveOf("2026-10-05", "2026-10-09"));
    here.profile.asye.outcome.recommendation = decided(AsyeDecision::Pass, "2027-08-01", "Jo Assessor");
    Portfolio backup = inAsye();
    backup.profile.team = "Team From The Backup";
    backup.profile.asye.leave.push_back(leaveOf("2026-10-05", "2026-10-09"));
    backup.profile.asye.leave.push_back(leaveOf("2027-02-01", "2027-02-05"));
    backup.profile.asye.people.push_back({AsyeRole::Assessor, "Jo Assessor", true});
    backup.profile.asye.outcome.recommendation = decided(AsyeDecision::Fail, "2027-08-02", "Someone");
    backup.profile.asye.outcome.final = decided(AsyeDecision::Pass, "2027-09-20", "Employer");
    backup.profile.asye.extra["from_a_newer_version"] = "kept";
    const MergeResult m = mergePortfolios(here, backup);
    const Profile& p = m.portfolio.profile;
    EXPECT_EQ(p.team, "") << "the rest of the profile stays";
    ASSERT_EQ(p.asye.leave.size(), 2u) << "the same period is not doubled";
    EXPECT_EQ(p.asye.people.size(), 1u);
    EXPECT_EQ(p.asye.outcome.recommendation->by, "Jo Assessor") << "this copy's step is kept";
    ASSERT_TRUE(p.asye.outcome.final);
    EXPECT_EQ(p.stage, CareerStage::SocialWorker) << "a final pass taken in moves the stage on";
    EXPECT_EQ(p.asye.extra.value("from_a_newer_version", ""), "kept");
    EXPECT_TRUE(m.report.changed());
    // Merging the same copy again changes nothing.
    const MergeResult again = mergePortfolios(m.portfolio, backup);
    EXPECT_EQ(again.portfolio.profile, p);
    EXPECT_FALSE(again.report.changed());
    // Through the JSON import too.
    const Catalog& catalog = Catalog::builtin();
    const ImportResult imported =
        importInto(here, ImportFormat::Json, serializePortfolio(backup), {catalog});
    ASSERT_TRUE(imported.portfolio) << imported.error;
    EXPECT_EQ(imported.portfolio->profile.asye, p.asye);
}

// --- the save's compare-and-merge ---------------------------------------------------------

struct TwoPlaces {
    FixedClock clock{kToday, 1'700'000'000'000};
    SequentialIds idsA, idsB;
    MemoryStorage storage;
    Session a{storage, clock, idsA};
    Session b{storage, clock, idsB};
    TwoPlaces() {
        Portfolio p = named("Sam Example");
        storage.bytes = serializePortfolio(p);
        storage.exists = true;
        a.open();
        b.open();
    }
    Portfolio stored() { return *parsePortfolio(storage.bytes).portfolio; }
};

Entry cpdWithId(const char* title, const char* id) {
    Entry e = makeCpd(title, "2026-11-01");
    e.id = id;
    return e;
}

TEST(SaveMerge, TwoSessionsEachAddAndBothEntriesAreKept) {
    TwoPlaces t;
    ASSERT_TRUE(t.a.store().apply(cmd::AddEntry{cpdWithId("From tab A", "a1")}));
    ASSERT_TRUE(t.b.store().apply(cmd::AddEntry{cpdWithId("From tab B", "b1")}));
    ASSERT_TRUE(t.a.save());
    EXPECT_EQ(t.a.lastMerge().changes(), 0);
    ASSERT_TRUE(t.b.save());
    EXPECT_EQ(t.b.lastMerge().entriesAdded, 1) << "B took in A's entry";
    EXPECT_EQ(idsOf(t.stored()), (std::set<std::string>{"a1", "b1"}));
    EXPECT_EQ(idsOf(t.b.store().portfolio()), (std::set<std::string>{"a1", "b1"}));
    EXPECT_EQ(t.stored().revision, 2) << "each save counts one more";
    // A learns of B's save without a reload.
    MergeReport in = t.a.refresh();
    EXPECT_EQ(in.entriesAdded, 1);
    EXPECT_FALSE(t.a.dirty()) << "nothing of A's own is left to write";
    EXPECT_EQ(idsOf(t.a.store().portfolio()), (std::set<std::string>{"a1", "b1"}));
}

TEST(SaveMerge, TheAsyeRecordOfBothPlacesSurvivesSaveAndReload) {
    TwoPlaces t;
    Profile pa = t.a.store().portfolio().profile;
    pa.team = "Team West";
    pa.asye.leave.push_back(leaveOf("2026-10-05", "2026-10-09"));
    ASSERT_TRUE(t.a.store().apply(cmd::SetProfile{pa}));
    Profile pb = t.b.store().portfolio().profile;
    pb.asye.people.push_back({AsyeRole::Assessor, "Jo Assessor", true});
    pb.asye.outcome.moderation = decided(AsyeDecision::Pass, "2027-09-01", "Panel");
    ASSERT_TRUE(t.b.store().apply(cmd::SetProfile{pb}));
    ASSERT_TRUE(t.a.save());
    ASSERT_TRUE(t.b.save());
    EXPECT_TRUE(t.b.lastMerge().profileChanged);
    const Profile stored = t.stored().profile;
    EXPECT_EQ(stored.team, "Team West");
    EXPECT_EQ(stored.asye.leave, pa.asye.leave);
    EXPECT_EQ(stored.asye.people, pb.asye.people);
    EXPECT_EQ(stored.asye.outcome.moderation, pb.asye.outcome.moderation);
    t.a.refresh();
    EXPECT_EQ(t.a.store().portfolio().profile, stored);
}

TEST(SaveMerge, ADeleteStaysDeletedWhenAnOlderCopySaves) {
    TwoPlaces t;
    t.a.store().apply(cmd::AddEntry{cpdWithId("Shared", "s1")});
    ASSERT_TRUE(t.a.save());
    t.b.refresh();
    ASSERT_TRUE(t.b.store().portfolio().find("s1"));
    ASSERT_TRUE(t.a.store().apply(cmd::DeleteEntry{"s1"}));
    ASSERT_TRUE(t.a.save());
    // B still shows s1 and saves a change of its own: s1 must not come back.
    t.b.store().apply(cmd::AddEntry{cpdWithId("Other", "b2")});
    ASSERT_TRUE(t.b.save());
    EXPECT_FALSE(t.stored().find("s1"));
    EXPECT_TRUE(t.stored().find("b2"));
    EXPECT_FALSE(t.b.store().portfolio().find("s1")) << "B's screen loses it too";
    EXPECT_EQ(t.b.lastMerge().entriesDeleted, 1);
}

TEST(SaveMerge, UndoKeepsWorkingAfterTakingInOtherChanges) {
    TwoPlaces t;
    t.a.store().apply(cmd::AddEntry{cpdWithId("A's", "a1")});
    t.b.store().apply(cmd::AddEntry{cpdWithId("B's", "b1")});
    ASSERT_TRUE(t.a.save());
    ASSERT_TRUE(t.b.save());
    ASSERT_TRUE(t.b.store().canUndo());
    ASSERT_TRUE(t.b.store().undo()) << "undo of B's add, after A's add came in";
    ASSERT_TRUE(t.b.save());
    EXPECT_EQ(idsOf(t.stored()), std::set<std::string>{"a1"});
}

TEST(SaveMerge, AStoredCopyThatNoLongerLoadsIsNeverOverwritten) {
    TwoPlaces t;
    t.a.store().apply(cmd::AddEntry{cpdWithId("A's", "a1")});
    t.storage.bytes = "{ damaged";
    IoResult r = t.a.save();
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("changed elsewhere"), std::string::npos) << r.error;
    EXPECT_EQ(t.storage.bytes, "{ damaged");
    EXPECT_TRUE(t.a.dirty()) << "the change is still in memory";
}

TEST(SaveMerge, OverTheSizeLimitIsRefusedBeforeWriting) {
    TwoPlaces t;
    Entry big = cpdWithId("Huge", "h1");
    big.fields["description"] = std::string(kMaxPortfolioBytes + 16, 'x');
    ASSERT_TRUE(t.a.store().apply(cmd::AddEntry{big}));
    const std::string before = t.storage.bytes;
    IoResult r = t.a.save();
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("MB"), std::string::npos) << r.error;
    EXPECT_EQ(t.storage.bytes, before);
    EXPECT_EQ(t.storage.writes, 0);
}

// --- deep nesting -----------------------------------------------------------------------------

TEST(DeepNesting, JsonReadersRefuseWithAMessage) {
    const std::string deep = std::string(70000, '[') + std::string(70000, ']');
    const std::string portfolio =
        R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A"},"x":)" + deep + "}";
    LoadResult r = parsePortfolio(portfolio);
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.error.find("levels deep"), std::string::npos) << r.error;
    FeedbackResult f = parseFeedback(R"({"format":"pathway-feedback","schema":1,"x":)" + deep + "}");
    EXPECT_FALSE(f.feedback);
    EXPECT_NE(f.error.find("levels deep"), std::string::npos) << f.error;
    // Nesting that files really have still reads.
    EXPECT_TRUE(parsePortfolio(R"({"format":"pathway-portfolio","schema":4,"profile":{"name":"A"},"x":)" +
                               std::string(300, '[') + std::string(300, ']') + "}")
                    .ok());
    EXPECT_FALSE(jsonNestingExceeds(R"({"a":"[[[[[[[[[[[["})", 3)) << "brackets in text do not count";
}

TEST(DeepNesting, Leap2aRefusesWithAMessage) {
    std::string xml = R"(<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><content type="xhtml">)";
    for (int i = 0; i < 100000; ++i) xml += "<div>";
    xml += "deep";
    for (int i = 0; i < 100000; ++i) xml += "</div>";
    xml += "</content></entry></feed>";
    Leap2aRead r = readLeap2a(xml, Catalog::builtin(), 0);
    EXPECT_FALSE(r.portfolio);
    EXPECT_NE(r.error.find("levels deep"), std::string::npos) << r.error;
}

// --- file safety ----------------------------------------------------------------------------

std::string slurp(const std::string& path) {
    std::string s;
    readFile(path, s, SIZE_MAX);
    return s;
}

TEST(FileSafety, ASymlinkPlantedAtTheOldTempNameIsNotFollowed) {
    test::TempDir dir;
    const std::string file = dir.file("portfolio.json");
    const std::string victim = dir.file("victim.txt");
    ASSERT_TRUE(writeFileAtomic(victim, "precious\n"));
    ASSERT_TRUE(writeFileAtomic(file, "old\n"));
    ASSERT_EQ(::symlink(victim.c_str(), (file + ".tmp").c_str()), 0);
    ASSERT_EQ(::symlink(victim.c_str(), (file + ".bak.tmp").c_str()), 0);
    ASSERT_TRUE(writeFileAtomic(file, "new\n"));
    EXPECT_EQ(slurp(victim), "precious\n");
    EXPECT_EQ(slurp(file), "new\n");
    EXPECT_EQ(slurp(file + ".bak"), "old\n");
    // No temporary file is left behind.
    int leftovers = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        if (e.path().filename().string().find(".tmp-") != std::string::npos) ++leftovers;
    EXPECT_EQ(leftovers, 0);
}

TEST(FileSafety, ASymlinkedPortfolioIsSavedToItsTarget) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("real"));
    const std::string target = dir.file("real/portfolio.json");
    const std::string link = dir.file("link.json");
    ASSERT_TRUE(writeFileAtomic(target, "old\n"));
    ASSERT_EQ(::symlink("real/portfolio.json", link.c_str()), 0);
    ASSERT_TRUE(writeFileAtomic(link, "new\n"));
    EXPECT_TRUE(std::filesystem::is_symlink(link)) << "the link stays a link";
    EXPECT_EQ(slurp(target), "new\n");
    EXPECT_EQ(slurp(target + ".bak"), "old\n");
    EXPECT_EQ(resolveWriteTarget(link), dir.file("real/portfolio.json"));
}

TEST(FileSafety, ModeIsKeptAndReadOnlyIsRefused) {
    test::TempDir dir;
    const std::string file = dir.file("portfolio.json");
    ASSERT_TRUE(writeFileAtomic(file, "one\n"));
    struct stat st{};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << "a new portfolio is private";
    ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
    ASSERT_TRUE(writeFileAtomic(file, "two\n"));
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u);
    ASSERT_EQ(::chmod(file.c_str(), 0444), 0);
    IoResult r = writeFileAtomic(file, "three\n");
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("read-only"), std::string::npos) << r.error;
    EXPECT_EQ(slurp(file), "two\n");
}

#ifndef __EMSCRIPTEN__ // node's file system has no FIFOs
TEST(FileSafety, AFifoIsRefusedInsteadOfHanging) {
    test::TempDir dir;
    const std::string fifo = dir.file("pipe.json");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string bytes;
    IoResult r = readFile(fifo, bytes, 1024);
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("FIFO"), std::string::npos) << r.error;
    IoResult w = writeFileAtomic(fifo, "x");
    EXPECT_FALSE(w);
    EXPECT_NE(w.error.find("FIFO"), std::string::npos) << w.error;
    IoResult dev = readFile("/dev/zero", bytes, 1024);
    EXPECT_FALSE(dev);
    EXPECT_NE(dev.error.find("device"), std::string::npos) << dev.error;
}

TEST(FileSafety, OverLimitSaveLeavesTheFileAsItWas) {
    test::TempDir dir;
    const std::string file = dir.file("portfolio.json");
    Portfolio p = named("Sam Example");
    ASSERT_TRUE(savePortfolioFile(file, p));
    const std::string before = slurp(file);
    Entry big = cpdWithId("Huge", "h1");
    big.fields["description"] = std::string(kMaxPortfolioBytes, 'x');
    p.entries.push_back(big);
    IoResult r = savePortfolioFile(file, p);
    EXPECT_FALSE(r);
    EXPECT_EQ(slurp(file), before);
    EXPECT_FALSE(std::filesystem::exists(file + ".bak"));
}

TEST(FileSafety, UpdatePortfolioFileCountsTheRevision) {
    test::TempDir dir;
    const std::string file = dir.file("portfolio.json");
    ASSERT_TRUE(savePortfolioFile(file, named("Sam Example")));
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(updatePortfolioFile(file, [&](Portfolio& p, std::string&) {
            p.entries.push_back(cpdWithId("E", ("e" + std::to_string(i)).c_str()));
            return true;
        }));
    LoadResult r = loadPortfolioFile(file);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.portfolio->revision, 3);
    EXPECT_EQ(r.portfolio->entries.size(), 3u);
    // A change that fails writes nothing.
    const std::string before = slurp(file);
    IoResult failed = updatePortfolioFile(file, [](Portfolio&, std::string& error) {
        error = "no";
        return false;
    });
    EXPECT_FALSE(failed);
    EXPECT_EQ(slurp(file), before);
}
#endif

} // namespace
} // namespace pathway::core
