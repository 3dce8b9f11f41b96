// Issue 16 in headless frames: Settings -> Sync with an in-memory CouchDB as the Host's
// transport (tests/core/fake_couch.hpp). Set up through the card (the password kept through the
// Host, never in the portfolio file), "Sync now", the status line, the debounced sync after a
// saved change, a server gone away (nothing here changes, "Offline: 1 change waiting"), and the
// timer bringing in an entry written elsewhere.
#include "../core/fake_couch.hpp"
#include "ui_harness.hpp"

#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/sync.hpp"

using namespace pathway;
using test::UiHarness;

namespace {

void startPortfolio(UiHarness& h) {
    core::Profile profile;
    profile.name = "Sam Example";
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{profile}));
    ASSERT_TRUE(h.session->save());
}

core::Entry cpd(const std::string& title) {
    core::Entry e;
    e.title = title;
    e.date = *core::Date::parse("2026-11-20");
    e.fields["hours"] = "2";
    return e;
}

} // namespace

TEST(UiSyncTest, SetUpSyncNowAfterSavesOfflineAndTheTimer) {
    UiHarness h(1280, 2600);
    test::FakeCouch couch;
    h.host.transport = &couch;
    startPortfolio(h);
    ui::App& app = h.start();
    app.show(ui::Screen::Settings);
    h.frames(3);
    ASSERT_TRUE(h.visible("settings.sync.server"));
    EXPECT_EQ(app.syncStatus(), "Sync is off: nothing leaves this device.");
    h.clock.advanceMs(ui::kSyncIntervalMs * 2);
    h.frames(3);
    EXPECT_EQ(couch.requests, 0) << "without a server set up nothing is sent";

    h.type("settings.sync.server", "http://fake.test");
    h.type("settings.sync.database", "db");
    h.type("settings.sync.user", "sam");
    h.type("settings.sync.password", "not-in-the-file");
    h.clickAway();
    EXPECT_EQ(core::parseSyncSettings(h.host.syncSettings).password, "not-in-the-file");
    // Finishing the settings syncs at once (the timer starts from a new server).
    EXPECT_TRUE(couch.docs.count("profile"));
    EXPECT_EQ(app.syncStatus(), "Synced just now");
    EXPECT_EQ(couch.log.back().headers.back().first, "Authorization");

    // A saved change goes kSyncAfterSaveMs later, not before.
    const std::string id =
        h.session->store().apply(core::cmd::AddEntry{cpd("Court skills"), std::nullopt}).id;
    h.frames(2);
    EXPECT_EQ(app.syncStatus(), "Synced just now (1 change waiting)");
    ASSERT_TRUE(h.session->save());
    h.frames(2);
    EXPECT_FALSE(couch.docs.count("entry:" + id));
    h.clock.advanceMs(ui::kSyncAfterSaveMs);
    h.frames(2);
    ASSERT_TRUE(couch.docs.count("entry:" + id));
    EXPECT_EQ(couch.docs.at("entry:" + id).body["entry"]["title"], "Court skills");
    ASSERT_TRUE(h.session->save()); // the sync state, as the shell saves any change
    for (const char* secret : {"not-in-the-file", "\"password\""})
        EXPECT_EQ(h.storage.bytes.find(secret), std::string::npos) << secret;

    // The server goes away: the change waits, nothing here changes.
    couch.failFrom = couch.requests;
    core::Entry edited = *h.session->store().portfolio().find(id);
    edited.title = "Court skills (day 2)";
    ASSERT_TRUE(h.session->store().apply(core::cmd::UpdateEntry{edited}));
    h.frames(2);
    ASSERT_TRUE(h.session->save());
    const std::string before = core::serializePortfolio(h.session->store().portfolio());
    h.clock.advanceMs(ui::kSyncAfterSaveMs);
    h.frames(2);
    EXPECT_EQ(app.syncStatus(), "Offline: 1 change waiting");
    EXPECT_NE(app.syncError().find("Cannot reach the sync server at http://fake.test"),
              std::string::npos)
        << app.syncError();
    EXPECT_EQ(core::serializePortfolio(h.session->store().portfolio()), before);
    const int32_t failedAt = couch.requests;
    h.frames(5);
    EXPECT_EQ(couch.requests, failedAt) << "a failed sync is not retried every frame";

    // The server is back and another device wrote an entry: the timer brings it in.
    couch.failFrom = -1;
    core::Entry other = cpd("Written on the laptop");
    other.id = "00000000-0000-4000-8000-00000000aaaa";
    other.createdMs = other.updatedMs = h.clock.nowMs();
    couch.put("entry:" + other.id, {{"type", "entry"}, {"entry", core::entryToJson(other)}});
    h.clock.advanceMs(ui::kSyncIntervalMs);
    h.frames(2);
    EXPECT_EQ(app.syncStatus(), "Synced just now");
    EXPECT_NE(h.session->store().portfolio().find(other.id), nullptr);
    EXPECT_EQ(couch.docs.at("entry:" + id).body["entry"]["title"], "Court skills (day 2)");
    h.clock.advanceMs(2 * 60'000);
    EXPECT_EQ(app.syncStatus(), "Synced 2 min ago");
}

TEST(UiSyncTest, SyncNowWithAWrongPasswordSaysSoAndChangesNothing) {
    UiHarness h(1280, 2600);
    test::FakeCouch couch;
    h.host.transport = &couch;
    startPortfolio(h);
    h.host.syncSettings =
        core::serializeSyncSettings({"http://fake.test", "Not A Name", "sam", "pw"});
    ui::App& app = h.start(); // settings kept from before: read through the Host
    app.show(ui::Screen::Settings);
    h.frames(3);
    EXPECT_EQ(app.syncSettings().user, "sam");
    EXPECT_NE(app.syncError().find("is not one CouchDB accepts"), std::string::npos)
        << app.syncError();
    EXPECT_EQ(app.syncStatus(), "Not synced: 1 change waiting");
    EXPECT_EQ(couch.requests, 0);
}
