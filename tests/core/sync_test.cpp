// Issue 16: sync through CouchDB. The document model (a portfolio as documents and back), what
// the file remembers (revisions, hashes, the last sequence), and the engine against an in-memory
// CouchDB (fake_couch.hpp): two devices converge, edits on both sides keep both, deleted stays
// deleted, a mentor's comment arrives, a 409 race and a server that goes away mid-sync.
#include "fake_couch.hpp"
#include "test_support.hpp"

#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/sync.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace pathway::core {
namespace {

using test::FakeCouch;
using test::makeCpd;

Entry entry(const std::string& id, const std::string& title, int64_t updatedMs = 1000) {
    Entry e = makeCpd(title, "2026-10-01", 2);
    e.id = id;
    e.createdMs = 1000;
    e.updatedMs = updatedMs;
    return e;
}

Portfolio sample() {
    Portfolio p;
    p.profile.name = "Sam Example";
    p.profile.team = "North";
    p.entries = {entry("e1", "Court skills"), entry("e2", "Risk")};
    p.comments = {{"c1", "e1", "Pat Mentor", "Practice educator", "Clear link", false, "", 5000}};
    p.signOffs = {{"e1", "Pat Mentor", "Practice educator", entryContentHash(p.entries[0]), 6000}};
    addTombstone(p, "e0", 4000);
    p.assessedAgainst["pcf"] = "2018";
    return p;
}

SyncOptions options() {
    SyncOptions o;
    o.server = "http://fake.test";
    o.database = "db";
    o.nowMs = 10'000;
    return o;
}

/// The portfolio's documents without the sync bookkeeping: what two synced copies share.
SyncDocuments shared(const Portfolio& p) {
    return portfolioDocuments(p);
}

Portfolio synced(const Portfolio& p, FakeCouch& couch, SyncReport* report = nullptr) {
    SyncResult r = syncPortfolio(p, options(), couch);
    EXPECT_TRUE(r.ok) << r.error;
    if (report) *report = r.report;
    return r.portfolio;
}

const Entry* titled(const Portfolio& p, std::string_view title) {
    auto it = std::find_if(p.entries.begin(), p.entries.end(), [&](const Entry& e) { return e.title == title; });
    return it == p.entries.end() ? nullptr : &*it;
}

// --- the document model ---------------------------------------------------------------------

TEST(SyncDocuments, EachPartIsADocumentWithAStableId) {
    const Portfolio p = sample();
    const SyncDocuments docs = portfolioDocuments(p);
    ASSERT_EQ(docs.size(), 6u); // profile, two entries, a comment, a sign-off, a deletion
    EXPECT_EQ(docs.at("profile")["profile"]["name"], "Sam Example");
    EXPECT_EQ(docs.at("profile")["assessed_against"]["pcf"], "2018");
    EXPECT_EQ(docs.at("entry:e1")["type"], "entry");
    EXPECT_EQ(docs.at("entry:e1")["entry"]["title"], "Court skills");
    EXPECT_EQ(docs.at("comment:c1")["comment"]["text"], "Clear link");
    EXPECT_EQ(docs.at(signOffDocId(p.signOffs[0]))["type"], "signoff");
    EXPECT_EQ(docs.at("entry:e0"), (nlohmann::json{{"_deleted", true}, {"type", "entry"},
                                                   {"deleted", formatTimestamp(4000)}}));
    // The same sign-off made again (a later time) is the same document.
    SignOff again = p.signOffs[0];
    again.atMs = 9000;
    EXPECT_EQ(signOffDocId(again), signOffDocId(p.signOffs[0]));
    EXPECT_EQ(signOffDocId(again).size(), std::string("signoff:").size() + 32);
}

TEST(SyncDocuments, HashesCoverEveryDocumentAndFollowItsContent) {
    Portfolio p = sample();
    const DocumentHashes before = documentHashes(p);
    const SyncDocuments docs = portfolioDocuments(p);
    ASSERT_EQ(before.size(), docs.size());
    for (const auto& [id, body] : docs) {
        ASSERT_TRUE(before.count(id)) << id;
        EXPECT_EQ(before.at(id) == "deleted", body.contains("_deleted")) << id;
    }
    p.entries[1].fields["hours"] = "3";
    const DocumentHashes after = documentHashes(p);
    for (const auto& [id, hash] : before) EXPECT_EQ(after.at(id) != hash, id == "entry:e2") << id;
    // The same content read back from its documents hashes the same.
    EXPECT_EQ(documentHashes(*assemblePortfolio(Portfolio{}, portfolioDocuments(p)).portfolio), after);
    const std::set<std::string> one = {"entry:e1"};
    EXPECT_EQ(portfolioDocuments(p, &one).size(), 1u);
}

TEST(SyncDocuments, AssembleGivesThePortfolioBack) {
    Portfolio p = sample();
    p.extra["from_a_newer_version"] = 1;
    p.revision = 7;
    auto back = assemblePortfolio(p, portfolioDocuments(p));
    ASSERT_TRUE(back.portfolio) << back.error;
    EXPECT_EQ(*back.portfolio, p);
    // From nothing but the documents (a new device), in id order.
    Portfolio empty;
    auto fresh = assemblePortfolio(empty, portfolioDocuments(p));
    ASSERT_TRUE(fresh.portfolio) << fresh.error;
    EXPECT_EQ(portfolioDocuments(*fresh.portfolio), portfolioDocuments(p));
}

TEST(SyncDocuments, AnUnreadableDocumentIsNamed) {
    SyncDocuments docs = portfolioDocuments(sample());
    docs["entry:e2"]["entry"]["date"] = "not a date";
    auto r = assemblePortfolio(Portfolio{}, docs);
    EXPECT_FALSE(r.portfolio);
    EXPECT_NE(r.error.find("entry:e2"), std::string::npos) << r.error;
    docs = portfolioDocuments(sample());
    docs["comment:c1"] = {{"type", "comment"}};
    r = assemblePortfolio(Portfolio{}, docs);
    EXPECT_NE(r.error.find("\"comment:c1\" has no \"comment\" object"), std::string::npos) << r.error;
}

TEST(SyncState, TheFileRemembersRevisionsAndTheSequence) {
    Portfolio p = sample();
    EXPECT_EQ(pendingChanges(p), 6); // never synced: everything waits
    SyncState s;
    s.database = "couchdb:fake-server/db";
    s.since = "12-abc";
    for (const auto& [id, hash] : documentHashes(p))
        s.docs[id] = hash == "deleted" ? SyncDocState{"2-x", "", true} : SyncDocState{"1-" + id, hash, false};
    s.lastSyncMs = 10'000;
    writeSyncState(p, s);
    EXPECT_EQ(pendingChanges(p), 0);
    // Through the file and back, by both readers.
    const std::string bytes = serializePortfolio(p);
    EXPECT_EQ(readSyncState(*parsePortfolio(bytes).portfolio), s);
    EXPECT_EQ(readSyncState(*parsePortfolioViaTree(bytes).portfolio), s);
    // An edit, a delete and a new entry wait; an unchanged copy does not.
    p.entries[0].title = "Court skills (day 2)";
    EXPECT_EQ(pendingChanges(p), 1);
    p.entries.pop_back();
    addTombstone(p, "e2", 11'000);
    EXPECT_EQ(pendingChanges(p), 2);
    p.entries.push_back(entry("e3", "New"));
    EXPECT_EQ(pendingChanges(p), 3);
    p.comments.clear(); // gone without a tombstone: a deletion too
    EXPECT_EQ(pendingChanges(p), 4);
}

TEST(SyncCache, HashesOnlyWhatChangedAndNeverHidesAChange) {
    Portfolio p = sample();
    SyncCache cache;
    EXPECT_EQ(documentHashes(p, &cache), documentHashes(p));
    EXPECT_EQ(cache.hashed(), 2);
    EXPECT_EQ(documentHashes(p, &cache), documentHashes(p));
    EXPECT_EQ(cache.hashed(), 2); // nothing changed: nothing hashed again
    // An edit that leaves the updated time alone (a file edited by hand, a merge) still counts.
    p.entries[1].fields["hours"] = "3";
    EXPECT_EQ(documentHashes(p, &cache), documentHashes(p));
    EXPECT_EQ(cache.hashed(), 3);
    // A deleted entry leaves the cache; the state's pending count is the same with or without.
    p.entries.pop_back();
    EXPECT_EQ(documentHashes(p, &cache), documentHashes(p));
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(pendingChanges(p, &cache), pendingChanges(p));
}

TEST(Sync, WithACacheTheSameAsWithout) {
    FakeCouch withCache, without;
    SyncCache cache;
    SyncOptions cached = options();
    cached.cache = &cache;
    Portfolio a = sample(), b = sample();
    for (int round = 0; round < 3; ++round) {
        SyncResult ra = syncPortfolio(a, cached, withCache), rb = syncPortfolio(b, options(), without);
        ASSERT_TRUE(ra.ok && rb.ok) << ra.error << rb.error;
        EXPECT_EQ(ra.report.documentsPushed, rb.report.documentsPushed);
        EXPECT_EQ(serializePortfolio(ra.portfolio), serializePortfolio(rb.portfolio));
        // The file's "sync" member, patched where the sync changed it, is what a full write gives.
        Portfolio rewritten = ra.portfolio;
        writeSyncState(rewritten, readSyncState(ra.portfolio));
        EXPECT_EQ(rewritten.extra, ra.portfolio.extra);
        a = std::move(ra.portfolio);
        b = std::move(rb.portfolio);
        a.entries[0].title += "!"; // no new updated time: found by content, not by a stamp
        b.entries[0].title += "!";
    }
    EXPECT_EQ(withCache.docs.at("entry:e1").body, without.docs.at("entry:e1").body);
}

TEST(Sync, AHandedOverPortfolioComesBackUnchangedWhenTheSyncFails) {
    FakeCouch couch;
    Portfolio p = synced(sample(), couch);
    p.entries[0].title = "Edited";
    const std::string before = serializePortfolio(p);
    couch.failFrom = 2; // answers the greeting and the pull, then goes away
    SyncResult r = syncPortfolio(std::move(p), options(), couch);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(serializePortfolio(r.portfolio), before);
    couch.failFrom = -1;
    Portfolio copy = r.portfolio;
    SyncResult handed = syncPortfolio(std::move(r.portfolio), options(), couch);
    ASSERT_TRUE(handed.ok) << handed.error;
    EXPECT_EQ(handed.report.documentsPushed, 1);
    EXPECT_EQ(pendingChanges(handed.portfolio), 0);
    EXPECT_EQ(handed.portfolio.entries, copy.entries);
}

// --- the engine against an in-memory CouchDB -----------------------------------------------------

TEST(Sync, FirstSyncPushesEverythingAndASecondMovesNothing) {
    FakeCouch couch;
    SyncReport rep;
    Portfolio a = synced(sample(), couch, &rep);
    EXPECT_EQ(rep.documentsPushed, 6);
    EXPECT_EQ(couch.docs.size(), 6u);
    EXPECT_TRUE(couch.docs.at("entry:e0").deleted); // the tombstone is a CouchDB deletion
    EXPECT_EQ(couch.docs.at("entry:e1").body["entry"]["title"], "Court skills");
    EXPECT_EQ(pendingChanges(a), 0);
    const auto before = couch.seq;
    a = synced(a, couch, &rep);
    EXPECT_EQ(rep.documentsPushed, 0);
    EXPECT_EQ(rep.documentsPulled, 0);
    EXPECT_EQ(couch.seq, before);
    // Every push carried the revision it replaced: an edit is one new revision.
    a.entries[0].title = "Court skills (day 2)";
    a.entries[0].updatedMs = 2000;
    a = synced(a, couch, &rep);
    EXPECT_EQ(rep.documentsPushed, 1);
    EXPECT_EQ(couch.docs.at("entry:e1").generation, 2);
}

TEST(Sync, PhoneAndLaptopConvergeAndDeletedStaysDeleted) {
    FakeCouch couch;
    Portfolio phone = synced(sample(), couch);
    Portfolio laptop;
    laptop.profile.name = "Sam Example";
    laptop = synced(laptop, couch);
    EXPECT_EQ(shared(laptop), shared(phone));

    // Offline on both: the phone adds and deletes, the laptop edits and adds.
    phone.entries.push_back(entry("p1", "Written on the phone", 3000));
    phone.entries.erase(phone.entries.begin() + 1); // e2
    addTombstone(phone, "e2", 3000);
    Entry* e1 = laptop.find("e1");
    ASSERT_TRUE(e1);
    e1->fields["hours"] = "4";
    e1->updatedMs = 4000;
    laptop.entries.push_back(entry("l1", "Written on the laptop", 5000));
    laptop.profile.employer = "Example Borough"; // a profile field on one side
    phone.profile.team = "South";                // another on the other

    phone = synced(phone, couch);
    laptop = synced(laptop, couch);
    phone = synced(phone, couch);
    EXPECT_EQ(shared(phone), shared(laptop));
    EXPECT_TRUE(titled(phone, "Written on the phone"));
    EXPECT_TRUE(titled(phone, "Written on the laptop"));
    EXPECT_EQ(phone.find("e1")->field("hours"), "4");
    EXPECT_FALSE(phone.find("e2"));
    EXPECT_TRUE(laptop.isDeleted("e2"));
    EXPECT_EQ(phone.profile.team, "South");
    EXPECT_EQ(phone.profile.employer, "Example Borough");
    EXPECT_EQ(pendingChanges(phone), 0);
    EXPECT_EQ(pendingChanges(laptop), 0);

    // The laptop, which still had e2 once, never brings it back.
    laptop = synced(laptop, couch);
    EXPECT_FALSE(laptop.find("e2"));
    EXPECT_TRUE(couch.docs.at("entry:e2").deleted);
}

TEST(Sync, AnEntryEditedOnBothSidesKeepsBoth) {
    FakeCouch couch;
    Portfolio phone = synced(sample(), couch);
    Portfolio laptop = synced(Portfolio{}, couch);
    phone.find("e1")->title = "Phone title";
    phone.find("e1")->updatedMs = 5000;
    laptop.find("e1")->title = "Laptop title";
    laptop.find("e1")->updatedMs = 6000; // newer
    phone = synced(phone, couch);
    SyncReport rep;
    laptop = synced(laptop, couch, &rep);
    EXPECT_EQ(rep.pulled.conflictCopies, 1);
    phone = synced(phone, couch);
    EXPECT_EQ(shared(phone), shared(laptop));
    EXPECT_EQ(phone.find("e1")->title, "Laptop title");
    EXPECT_TRUE(titled(phone, "Phone title (conflicting copy)"));
}

TEST(Sync, AnEditMeetsADeletionAndTheDeletionWins) {
    FakeCouch couch;
    Portfolio phone = synced(sample(), couch);
    Portfolio laptop = synced(Portfolio{}, couch);
    phone.entries.erase(phone.entries.begin());
    addTombstone(phone, "e1", 7000);
    laptop.find("e1")->title = "Edited meanwhile";
    laptop.find("e1")->updatedMs = 8000;
    phone = synced(phone, couch);
    laptop = synced(laptop, couch);
    phone = synced(phone, couch);
    EXPECT_FALSE(laptop.find("e1"));
    EXPECT_FALSE(phone.find("e1"));
    EXPECT_TRUE(couch.docs.at("entry:e1").deleted);
    EXPECT_EQ(shared(phone), shared(laptop));
}

TEST(Sync, AMentorsCommentAndSignOffArrive) {
    FakeCouch couch;
    Portfolio p = synced(sample(), couch);
    const Entry& e2 = *p.find("e2");
    const Comment c{"c2", "e2", "Pat Mentor", "Practice educator", "Add your analysis", true, "", 9000};
    const SignOff s{"e2", "Pat Mentor", "Practice educator", entryContentHash(e2), 10'000};
    Portfolio mentor; // what the mentor's tool writes: one document each
    mentor.comments = {c};
    mentor.signOffs = {s};
    for (const auto& [id, body] : portfolioDocuments(mentor))
        if (id != "profile") couch.put(id, body);
    SyncReport rep;
    p = synced(p, couch, &rep);
    EXPECT_EQ(rep.pulled.commentsAdded, 1);
    EXPECT_EQ(rep.pulled.signOffsAdded, 1);
    EXPECT_EQ(rep.documentsPushed, 0);
    ASSERT_EQ(p.comments.size(), 2u);
    EXPECT_NE(std::find(p.comments.begin(), p.comments.end(), c), p.comments.end());
    EXPECT_NE(std::find(p.signOffs.begin(), p.signOffs.end(), s), p.signOffs.end());
}

TEST(Sync, A409RaceIsFetchedMergedAndRetried) {
    FakeCouch couch;
    Portfolio phone = synced(sample(), couch);
    phone.find("e1")->title = "Phone title";
    phone.find("e1")->updatedMs = 5000;
    // Between this sync's pull and its push the laptop writes the same entry.
    couch.beforeBulk = [](FakeCouch& c) {
        nlohmann::json body = c.docs.at("entry:e1").body;
        body["entry"]["title"] = "Laptop title";
        body["entry"]["updated"] = formatTimestamp(6000);
        c.put("entry:e1", body);
    };
    SyncReport rep;
    phone = synced(phone, couch, &rep);
    EXPECT_EQ(rep.retries, 1);
    EXPECT_EQ(phone.find("e1")->title, "Laptop title");
    EXPECT_TRUE(titled(phone, "Phone title (conflicting copy)"));
    EXPECT_EQ(pendingChanges(phone), 0);
    Portfolio other = synced(Portfolio{}, couch);
    EXPECT_EQ(shared(other), shared(phone));
}

TEST(Sync, A409OnADocumentTheStateNeverSawIsFetched) {
    FakeCouch couch;
    // Twice: the second sync's pull moves `since` past the first one's push.
    Portfolio phone = synced(synced(sample(), couch), couch);
    // A copy whose state lost one document (an older backup) and whose `since` is past it.
    Portfolio copy = phone;
    SyncState st = readSyncState(copy);
    st.docs.erase("entry:e1");
    writeSyncState(copy, st);
    copy.find("e1")->title = "Edited in the copy";
    copy.find("e1")->updatedMs = 9000;
    SyncReport rep;
    copy = synced(copy, couch, &rep);
    EXPECT_EQ(rep.retries, 1);
    EXPECT_EQ(couch.docs.at("entry:e1").body["entry"]["title"], "Edited in the copy");
}

TEST(Sync, ServerSideConflictsAreMergedAndTheLoserDeleted) {
    FakeCouch couch;
    Portfolio p = synced(sample(), couch);
    nlohmann::json other = couch.docs.at("entry:e2").body;
    other["entry"]["title"] = "From a replicated server";
    other["entry"]["updated"] = formatTimestamp(20'000);
    const std::string loser = couch.addConflict("entry:e2", other);
    SyncReport rep;
    p = synced(p, couch, &rep);
    EXPECT_EQ(rep.conflictsResolved, 1);
    EXPECT_TRUE(couch.docs.at("entry:e2").conflicts.empty());
    // The losing revision was newer: it is the entry now, and the winner's text a copy.
    EXPECT_EQ(p.find("e2")->title, "From a replicated server");
    EXPECT_TRUE(titled(p, "Risk (conflicting copy)"));
    EXPECT_EQ(couch.docs.at("entry:e2").body["entry"]["title"], "From a replicated server");
    (void)loser;
}

TEST(Sync, AServerThatGoesAwayMidSyncChangesNothing) {
    test::TempDir dir;
    const std::string path = dir.file("p.json");
    ASSERT_TRUE(savePortfolioFile(path, sample()));
    FakeCouch couch;
    ASSERT_TRUE(syncPortfolioFile(path, options(), couch).ok);
    Portfolio edited = *loadPortfolioFile(path).portfolio;
    edited.find("e1")->title = "Offline edit";
    ASSERT_TRUE(savePortfolioFile(path, edited));
    couch.put("entry:e2", [&] {
        nlohmann::json b = couch.docs.at("entry:e2").body;
        b["entry"]["title"] = "Remote edit";
        return b;
    }());
    std::string before;
    ASSERT_TRUE(readFile(path, before, 1 << 20));
    // It answers the greeting and the pull, then dies before the push.
    couch.requests = 0;
    couch.failFrom = 2;
    SyncResult r = syncPortfolioFile(path, options(), couch);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("Cannot reach the sync server at http://fake.test"), std::string::npos) << r.error;
    std::string after;
    ASSERT_TRUE(readFile(path, after, 1 << 20));
    EXPECT_EQ(after, before);
    EXPECT_EQ(pendingChanges(*loadPortfolioFile(path).portfolio), 1); // the edit still waits
    // Back again: the next sync completes with both edits.
    couch.failFrom = -1;
    r = syncPortfolioFile(path, options(), couch);
    ASSERT_TRUE(r.ok) << r.error;
    const Portfolio done = *loadPortfolioFile(path).portfolio;
    EXPECT_EQ(done.find("e1")->title, "Offline edit");
    EXPECT_EQ(done.find("e2")->title, "Remote edit");
    EXPECT_EQ(couch.docs.at("entry:e1").body["entry"]["title"], "Offline edit");
}

TEST(Sync, ASaveDuringTheSyncIsKept) {
    test::TempDir dir;
    const std::string path = dir.file("p.json");
    ASSERT_TRUE(savePortfolioFile(path, sample()));
    FakeCouch couch;
    // While the network is busy, pathway-cli add (or the app) saves the file.
    couch.beforeBulk = [&](FakeCouch&) {
        ASSERT_TRUE(updatePortfolioFile(path, [](Portfolio& p, std::string&) {
            p.entries.push_back(entry("late", "Saved during the sync", 4000));
            return true;
        }));
    };
    ASSERT_TRUE(syncPortfolioFile(path, options(), couch).ok);
    const Portfolio p = *loadPortfolioFile(path).portfolio;
    EXPECT_TRUE(p.find("late"));
    EXPECT_EQ(pendingChanges(p), 1); // it goes next time
    EXPECT_EQ(readSyncState(p).docs.size(), 6u);
}

/// The same server under another address (localhost for 127.0.0.1, a proxy, a new host name).
class Alias final : public HttpTransport {
  public:
    explicit Alias(HttpTransport& to) : m_to(to) {}
    HttpResponse send(const HttpRequest& req) override {
        HttpRequest forwarded = req;
        forwarded.url.replace(0, std::string("http://alias.test").size(), "http://fake.test");
        return m_to.send(forwarded);
    }

  private:
    HttpTransport& m_to;
};

TEST(Sync, AnotherAddressOfTheSameServerKeepsTheState) {
    FakeCouch couch;
    Portfolio p = synced(sample(), couch);
    p.find("e1")->title = "Edited";
    p.find("e1")->updatedMs = 9000;
    Alias alias(couch);
    SyncOptions o = options();
    o.server = "http://alias.test/";
    SyncResult r = syncPortfolio(p, o, alias);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.report.documentsPushed, 1);
    EXPECT_EQ(r.report.pulled.conflictCopies, 0);
    EXPECT_EQ(readSyncState(r.portfolio).database, "couchdb:fake-server/db");
}

// --- what the user is told -----------------------------------------------------------------------

class Answer final : public HttpTransport {
  public:
    explicit Answer(HttpResponse r) : m_r(std::move(r)) {}
    HttpResponse send(const HttpRequest&) override { return m_r; }

  private:
    HttpResponse m_r;
};

TEST(SyncErrors, EachFailureSaysWhatToDo) {
    auto errorOf = [](HttpResponse resp, SyncOptions o = options()) {
        Answer a(std::move(resp));
        SyncResult r = syncPortfolio(sample(), o, a);
        EXPECT_FALSE(r.ok);
        return r.error;
    };
    EXPECT_NE(errorOf({0, {}, "Couldn't connect to server"}).find("Cannot reach the sync server"),
              std::string::npos);
    EXPECT_NE(errorOf({401, R"({"error":"unauthorized","reason":"Name or password is incorrect."})", {}})
                  .find("refused the user name or password (401: Name or password is incorrect.)"),
              std::string::npos);
    EXPECT_NE(errorOf({404, R"({"error":"not_found","reason":"Database does not exist."})", {}})
                  .find("The database \"db\" does not exist"),
              std::string::npos);
    EXPECT_NE(errorOf({200, "<html>", {}}).find("is not JSON"), std::string::npos);
    SyncOptions bad = options();
    bad.server = "fake.test";
    EXPECT_NE(errorOf({200, "{}", {}}, bad).find("must start with http:// or https://"), std::string::npos);
    bad.server = "http://sam:secret@fake.test";
    EXPECT_NE(errorOf({200, "{}", {}}, bad).find("not in the server address"), std::string::npos);
    bad = options();
    bad.database = "Sam's";
    EXPECT_NE(errorOf({200, "{}", {}}, bad).find("is not one CouchDB accepts"), std::string::npos);
}

TEST(SyncErrors, CredentialsGoInAHeaderOnly) {
    FakeCouch couch;
    SyncOptions o = options();
    o.user = "sam";
    o.password = "pa:ss";
    ASSERT_TRUE(syncPortfolio(sample(), o, couch).ok);
    ASSERT_FALSE(couch.log.empty());
    for (const auto& req : couch.log) {
        EXPECT_EQ(req.url.find("pa:ss"), std::string::npos);
        auto auth = std::find_if(req.headers.begin(), req.headers.end(),
                                 [](const auto& h) { return h.first == "Authorization"; });
        ASSERT_NE(auth, req.headers.end());
        EXPECT_EQ(auth->second, "Basic c2FtOnBhOnNz"); // base64("sam:pa:ss")
    }
    SyncResult r = syncPortfolio(sample(), o, couch);
    EXPECT_EQ(serializePortfolio(r.portfolio).find("pa:ss"), std::string::npos);
}

TEST(SyncAccess, TheDesignDocumentLetsMentorsWriteOnlyReviews) {
    const std::string src = validateDocUpdateSource("sam");
    EXPECT_NE(src.find("var practitioner = \"sam\";"), std::string::npos);
    EXPECT_NE(src.find("'comment:'"), std::string::npos);
    EXPECT_NE(src.find("'signoff:'"), std::string::npos);
    EXPECT_NE(src.find("forbidden"), std::string::npos);
    // A name cannot break out of the string.
    EXPECT_NE(validateDocUpdateSource("a\"; return; //").find(R"("a\"; return; //")"), std::string::npos);
}

} // namespace
} // namespace pathway::core
