// The exchange actions in the app (issue 6): imports with a preview and one undo step, the
// confidentiality check before an export, a mentor's review of someone else's portfolio saved as
// a feedback file, merging it back, and the sign-off turning stale when the entry is edited.
#include "ui_harness.hpp"

#include "pathway/core/integrity.hpp"
#include "pathway/core/lexicon.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/ui/touch.hpp"

using namespace pathway;
using pathway::test::UiHarness;

namespace {

void makeProfile(UiHarness& h, const char* name = "Drew Invented") {
    core::Profile p;
    p.name = name;
    p.asyeStart = core::Date::parse("2026-09-07");
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{p}));
}

std::string addEntry(UiHarness& h, core::EntryKind kind, const std::string& title, const char* date,
                     std::map<std::string, std::string> fields = {}) {
    core::Entry e;
    e.kind = kind;
    e.title = title;
    e.date = *core::Date::parse(date);
    e.fields = std::move(fields);
    auto r = h.session->store().apply(core::cmd::AddEntry{e});
    EXPECT_TRUE(r) << r.error;
    return r.id;
}

const char* kTrainingCsv = "Course title,Date completed,Hours\r\n"
                           "Court skills refresher,03/10/2026,3\r\n"
                           "Trauma-informed practice,2026-10-20,1.5\r\n"
                           "No date here,,2\r\n";

} // namespace

TEST(UiShareTest, CsvImportShowsWhatItWouldDoThenIsOneUndoStep) {
    UiHarness h(1280, 2000);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Already logged", "2026-09-15");
    ui::App& app = h.start();
    h.click("nav.share");
    EXPECT_EQ(app.screen(), ui::Screen::Share);
    h.click("import.csv");
    EXPECT_EQ(h.host.requestedPurpose, "import.csv");
    EXPECT_NE(h.host.requestedAccept.find(".csv"), std::string::npos);
    EXPECT_EQ(app.awaitingFile(), "import.csv");

    app.receiveFile("import.csv", "/home/someone/training.csv", kTrainingCsv);
    h.frames(2);
    EXPECT_EQ(h.portfolio().entries.size(), 1u) << "nothing changes before the user confirms";
    ASSERT_TRUE(h.visible("import.apply"));
    EXPECT_EQ(h.widget("import.apply").label, "Add 2 entries");
    h.click("import.apply");
    ASSERT_EQ(h.portfolio().entries.size(), 3u);
    EXPECT_EQ(h.session->store().undoLabel(), "Import 2 entries from training.csv");
    EXPECT_NE(app.exchangeMessage().find("Imported 2 entries"), std::string::npos);
    EXPECT_FALSE(h.visible("import.apply"));

    h.click("action.undo");
    EXPECT_EQ(h.portfolio().entries.size(), 1u);
    h.click("action.redo");
    EXPECT_EQ(h.portfolio().entries.size(), 3u);
}

TEST(UiShareTest, ABadFileSaysWhyAndChangesNothing) {
    UiHarness h(1280, 2000);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Kept", "2026-09-15");
    ui::App& app = h.start();
    const core::Portfolio before = h.portfolio();
    h.click("nav.share");
    h.click("import.json");
    app.receiveFile("import.json", "backup.json", "{\"format\": \"pathway-portf");
    h.frames(2);
    EXPECT_EQ(h.portfolio(), before);
    EXPECT_FALSE(h.visible("import.apply"));
    EXPECT_NE(app.exchangeMessage().find("Could not open backup.json"), std::string::npos);
    EXPECT_NE(app.exchangeMessage().find("Nothing was changed"), std::string::npos);
    EXPECT_TRUE(h.visible("share.message"));

    h.click("share.merge");
    app.receiveFile("feedback", "feedback.json", "[1, 2, 3]");
    h.frames(2);
    EXPECT_EQ(h.portfolio(), before);
    EXPECT_FALSE(h.visible("merge.apply"));
    EXPECT_NE(app.exchangeMessage().find("Could not open feedback.json"), std::string::npos);
}

TEST(UiShareTest, JsonBackupMergesOrReplacesAfterAskingTwice) {
    UiHarness h(1280, 2000);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Only here", "2026-09-15");
    core::Portfolio backup;
    backup.profile.name = "Drew Invented";
    core::Entry e;
    e.id = "00000000-0000-4000-8000-00000000beef";
    e.kind = core::EntryKind::Reflection;
    e.title = "From the backup";
    e.date = *core::Date::parse("2026-08-01");
    e.createdMs = e.updatedMs = 1'780'000'000'000;
    backup.entries.push_back(e);
    const std::string bytes = core::serializePortfolio(backup);

    ui::App& app = h.start();
    h.click("nav.share");
    h.click("import.json");
    app.receiveFile("import.json", "backup.json", bytes);
    h.frames(2);
    ASSERT_TRUE(h.visible("import.replace"));
    h.click("import.replace");
    EXPECT_EQ(h.portfolio().entries.size(), 1u) << "the first press only asks";
    EXPECT_EQ(h.portfolio().entries[0].title, "Only here");
    EXPECT_EQ(h.widget("import.replace").label, "Yes, replace my portfolio");
    h.click("import.replace");
    ASSERT_EQ(h.portfolio().entries.size(), 1u);
    EXPECT_EQ(h.portfolio().entries[0].title, "From the backup");
    h.click("action.undo");
    ASSERT_EQ(h.portfolio().entries.size(), 1u);
    EXPECT_EQ(h.portfolio().entries[0].title, "Only here");

    // Merging instead adds the backup's entry and keeps ours.
    h.click("import.json");
    app.receiveFile("import.json", "backup.json", bytes);
    h.frames(2);
    h.click("import.apply");
    EXPECT_EQ(h.portfolio().entries.size(), 2u);
}

TEST(UiShareTest, ExportAsksAboutEachIdentifyingDetailFirst) {
    UiHarness h(1280, 2400);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Home visit", "2026-10-02",
             {{"learned", "Visited Mr Smith at SW1A 1AA to talk about school."}});
    ui::App& app = h.start();
    h.click("nav.share");
    h.click("export.html");
    h.frames(2); // a card appearing takes a frame to size itself
    EXPECT_TRUE(h.host.lastDownload.empty()) << "nothing leaves before the check is answered";
    ASSERT_TRUE(h.visible("check.0.redact"));
    ASSERT_TRUE(h.visible("check.1.keep"));
    h.click("check.continue"); // disabled while a finding is undecided
    EXPECT_TRUE(h.host.lastDownload.empty());

    h.click("check.0.redact"); // the name
    h.click("check.1.keep");   // the postcode (say, a public office)
    EXPECT_EQ(h.widget("check.continue").label, "Redact 1 detail and export");
    h.click("check.continue");
    EXPECT_EQ(h.host.lastDownloadName, "pathway-drew-invented-2026-11-23.html");
    EXPECT_EQ(h.host.lastDownload.find("Smith"), std::string::npos);
    EXPECT_NE(h.host.lastDownload.find("[name]"), std::string::npos);
    EXPECT_NE(h.host.lastDownload.find("SW1A 1AA"), std::string::npos);
    EXPECT_EQ(h.portfolio().entries[0].field("learned"),
              "Visited Mr [name] at SW1A 1AA to talk about school.");
    EXPECT_EQ(h.session->store().undoLabel(), "Redact 1 detail");

    // The kept postcode is not asked about again.
    h.host.lastDownload.clear();
    h.click("export.csv");
    EXPECT_FALSE(h.visible("check.continue"));
    EXPECT_NE(h.host.lastDownload.find("SW1A 1AA"), std::string::npos);
    EXPECT_EQ(h.host.lastDownloadName, "pathway-drew-invented-2026-11-23.csv");
    EXPECT_NE(app.exchangeMessage().find("Exported"), std::string::npos);
}

TEST(UiShareTest, TheCheckWaitsForAWordListThatArrivesLater) {
    // As on the web: no word list until the check first asks for it.
    struct Restore {
        std::shared_ptr<const core::Lexicon> kept = core::activeLexicon();
        ~Restore() { core::installLexicon(kept); }
    } restore;
    ASSERT_TRUE(restore.kept);
    core::installLexicon(nullptr);
    UiHarness h(1280, 2400);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Visit with Jayden about Housing", "2026-10-02");
    ui::App& app = h.start();
    h.host.fetchesWordList = true;
    h.click("nav.share");
    EXPECT_EQ(h.host.wordListRequests, 0) << "nothing is fetched before the check runs";
    h.click("export.html");
    h.frames(2);
    EXPECT_EQ(h.host.wordListRequests, 1);
    EXPECT_FALSE(h.visible("check.0.redact"));
    EXPECT_TRUE(h.host.lastDownload.empty());
    EXPECT_NE(app.exchangeMessage().find("Loading the word list"), std::string::npos);
    core::installLexicon(restore.kept);
    app.wordListArrived(true);
    h.frames(2);
    ASSERT_TRUE(h.visible("check.0.redact"));
    EXPECT_FALSE(h.visible("check.1.redact")) << "\"Housing\" is an ordinary word: only \"Jayden\" is asked about";
    EXPECT_TRUE(h.host.lastDownload.empty());
}

TEST(UiShareTest, AWordListThatCannotBeHadLetsTheCheckRunAndSaysSo) {
    struct Restore {
        std::shared_ptr<const core::Lexicon> kept = core::activeLexicon();
        ~Restore() { core::installLexicon(kept); }
    } restore;
    core::installLexicon(nullptr);
    UiHarness g(1280, 2400);
    makeProfile(g);
    addEntry(g, core::EntryKind::Cpd, "Visit with Jayden about Housing", "2026-10-02");
    ui::App& other = g.start();
    g.host.fetchesWordList = true;
    g.click("nav.share");
    g.click("export.html");
    other.wordListArrived(false, "offline");
    g.frames(2);
    EXPECT_TRUE(g.visible("check.1.redact")) << "without the list every capitalised word inside a sentence is asked about";
    EXPECT_NE(other.exchangeMessage().find("could not be loaded: offline"), std::string::npos) << other.exchangeMessage();
}

TEST(UiShareTest, ModerationPackNeedsNoQuestionsAndRedactsItself) {
    UiHarness h(1280, 2400);
    makeProfile(h);
    addEntry(h, core::EntryKind::Cpd, "Home visit", "2026-10-02",
             {{"learned", "Visited Mr Smith, call 07700 900123."}});
    h.start();
    h.click("nav.share");
    h.click("export.moderation");
    EXPECT_FALSE(h.visible("check.continue"));
    EXPECT_EQ(h.host.lastDownloadName, "pathway-moderation-2026-11-23.html");
    EXPECT_EQ(h.host.lastDownload.find("Smith"), std::string::npos);
    EXPECT_EQ(h.host.lastDownload.find("Drew Invented"), std::string::npos);
    EXPECT_EQ(h.portfolio().entries[0].field("learned"), "Visited Mr Smith, call 07700 900123.")
        << "the pack is anonymised, the portfolio is not changed";
}

TEST(UiShareTest, WithoutAFilePickerAPathIsAskedFor) {
    UiHarness h(1280, 2000);
    makeProfile(h);
    h.host.hasPicker = false;
    h.host.files.push_back({"/tmp/invented/training.csv", kTrainingCsv});
    ui::App& app = h.start();
    h.click("nav.share");
    h.click("import.csv");
    h.frames(2);
    ASSERT_TRUE(h.visible("file.path"));
    h.type("file.path", "/tmp/invented/missing.csv");
    h.click("file.open");
    EXPECT_NE(app.exchangeMessage().find("No file called"), std::string::npos);
    EXPECT_TRUE(h.visible("file.path")) << "the prompt stays for another try";
    h.type("file.path", "/tmp/invented/training.csv");
    h.click("file.open");
    EXPECT_FALSE(h.visible("file.path"));
    h.click("import.apply");
    EXPECT_EQ(h.portfolio().entries.size(), 2u);
}

TEST(UiShareTest, PhoneReachesShareFromSettings) {
    UiHarness h(390, 2400); // tall enough to show all of Settings without scrolling
    makeProfile(h);
    ui::App& app = h.start();
    h.click("nav.settings");
    h.frames(2);
    ASSERT_TRUE(h.visible("settings.share"));
    h.click("settings.share");
    EXPECT_EQ(app.screen(), ui::Screen::Share);
    EXPECT_TRUE(h.visible("share.for-review"));
    EXPECT_GE(h.widget("share.for-review").w, 300.f) << "full-width buttons on a phone";
}

// ---------------------------------------------------------------------------------------------
// Review by file, in the app, from both sides.

TEST(UiMentorTest, MentorReviewsByFileAndTheSignOffGoesStaleAfterAnEdit) {
    // The practitioner's portfolio, shared as a file.
    core::Portfolio shared = test::sharedForReview("00000000-0000-4000-8000-0000000000a1");
    const core::Entry e = shared.entries[0]; // a copy: the list grows below
    core::Entry review = e;
    review.id = "00000000-0000-4000-8000-0000000000a2";
    review.kind = core::EntryKind::Review;
    review.title = "3-month review";
    review.fields.clear();
    shared.entries.push_back(review);
    const std::string sharedBytes = core::serializePortfolio(shared);

    std::string feedbackBytes;
    {
        // The mentor has no portfolio of their own: welcome screen -> review a portfolio.
        UiHarness m(1280, 2400);
        ui::App& app = m.start();
        ASSERT_EQ(app.screen(), ui::Screen::Welcome);
        m.click("welcome.review");
        EXPECT_EQ(m.host.requestedPurpose, "review");
        app.receiveFile("review", "robin-for-review.json", sharedBytes);
        m.frames(2);
        ASSERT_EQ(app.screen(), ui::Screen::Mentor);
        EXPECT_TRUE(m.portfolio().entries.empty()) << "the mentor's own data is untouched";

        m.click("mentor.save"); // nothing to save yet: disabled
        EXPECT_TRUE(m.host.lastDownload.empty());
        m.type("mentor.reviewer", "Pat Mentor");
        m.type("mentor.role", "Practice educator");
        m.click("mentor.entry." + e.id);
        m.type("mentor.comment", "Good use of Gibbs; add what you would do next time.");
        m.click("mentor.add-comment");
        m.type("mentor.comment", "Please attach the supervision note.");
        m.click("mentor.request");
        m.click("mentor.sign");
        m.click("mentor.entry." + review.id);
        m.click("mentor.outcome.on-track");
        EXPECT_TRUE(app.mentorHasUnsavedFeedback());

        // Closing with unsaved feedback asks first.
        m.click("mentor.close");
        EXPECT_EQ(app.screen(), ui::Screen::Mentor);
        ASSERT_TRUE(m.visible("mentor.keep-reviewing"));
        m.click("mentor.keep-reviewing");

        m.click("mentor.save");
        EXPECT_EQ(m.host.lastDownloadName, "pathway-feedback-pat-mentor-2026-11-23.json");
        feedbackBytes = m.host.lastDownload;
        EXPECT_FALSE(app.mentorHasUnsavedFeedback());
        m.click("mentor.close");
        EXPECT_EQ(app.screen(), ui::Screen::Welcome);
    }
    auto fb = core::parseFeedback(feedbackBytes);
    ASSERT_TRUE(fb.feedback) << fb.error;
    EXPECT_EQ(fb.feedback->reviewer, "Pat Mentor");
    EXPECT_EQ(fb.feedback->role, "Practice educator");
    EXPECT_EQ(fb.feedback->comments.size(), 3u);
    EXPECT_EQ(fb.feedback->signOffs.size(), 1u);

    // The practitioner merges it.
    UiHarness h(1280, 2400);
    h.session->store().reset(shared);
    ui::App& app = h.start();
    h.click("nav.reviews");
    h.click("reviews.merge");
    EXPECT_EQ(app.screen(), ui::Screen::Share);
    EXPECT_EQ(h.host.requestedPurpose, "feedback");
    app.receiveFile("feedback", "pathway-feedback-pat-mentor-2026-11-23.json", feedbackBytes);
    h.frames(2);
    h.click("merge.apply");
    ASSERT_EQ(h.portfolio().comments.size(), 3u);
    ASSERT_EQ(h.portfolio().signOffs.size(), 1u);
    EXPECT_TRUE(core::hasCurrentSignOff(h.portfolio(), h.portfolio().entries[0]));
    EXPECT_EQ(h.session->store().undoLabel(), "Merge feedback from Pat Mentor");
    // Merging the same file again adds nothing.
    h.click("share.merge");
    app.receiveFile("feedback", "again.json", feedbackBytes);
    h.frames(2);
    EXPECT_EQ(h.widget("merge.apply").label, "Already merged");
    h.click("merge.cancel");

    // Editing the signed entry (a day later): the editor warns, then the sign-off is stale.
    h.clock.advanceMs(86'400'000);
    app.editEntry(e.id);
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.current"));
    h.type("entry.title", "First home visit (revised)");
    h.clickAway();
    h.click("action.save");
    EXPECT_FALSE(core::hasCurrentSignOff(h.portfolio(), *h.portfolio().find(e.id)));
    h.click("nav.reviews");
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.state.stale"));
    app.editEntry(e.id);
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.stale"));
}

// A finger drag over the cards of a long screen scrolls the screen (cards never scroll
// themselves: rounding once left them a fraction of a pixel of scroll that swallowed drags).
TEST(UiPhoneScrollTest, DraggingOverCardsScrollsSettingsAndShare) {
    UiHarness h(390, 520); // short, so that both screens are longer than the window
    makeProfile(h);
    ui::App& app = h.start();
    ui::TouchInput touch;
    double ms = 0;
    auto dragUp = [&] {
        touch.fingerDown(1, 195, 400, ms); // over a card
        for (int i = 1; i <= 12; ++i) {
            ms += 16;
            touch.fingerMove(1, 195, 400.f - 25.f * static_cast<float>(i), ms);
            touch.update(ms);
            h.frame();
        }
        touch.fingerUp(1, 195, 100, ms);
        for (int i = 0; i < 90; ++i) { // let the fling run out
            ms += 16;
            touch.update(ms);
            h.frame();
        }
    };
    for (ui::Screen screen : {ui::Screen::Settings, ui::Screen::Share}) {
        app.show(screen);
        h.frames(4);
        const std::string nav(ui::screenId(screen));
        const float before = h.widget("action.undo").y;
        std::string first;
        for (const auto& w : ui::widgets().rects())
            if (w.id.rfind(nav + ".", 0) == 0) {
                first = w.id;
                break;
            }
        ASSERT_FALSE(first.empty()) << nav;
        const float y0 = h.widget(first).y;
        dragUp();
        EXPECT_EQ(h.widget("action.undo").y, before) << "the top bar stays";
        EXPECT_TRUE(!h.visible(first) || h.widget(first).y < y0 - 200.f) << nav << ": " << first;
    }
}
