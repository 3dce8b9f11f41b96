// Issue 17 in headless frames: the Review screen's "Your reviewer key" (made, sealed with a
// passphrase, unlocked), signed feedback, and on the practitioner's Reviews screen the
// signature state beside each sign-off (unknown key, then authentic with a roster) and the
// withdrawal of one that is not authentic.
#include "ui_harness.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/signing.hpp"

using namespace pathway;
using test::UiHarness;

namespace {

core::Portfolio sharedPortfolio() { return test::sharedForReview("00000000-0000-4000-8000-0000000000b1"); }

} // namespace

TEST(UiSigningTest, MentorSignsWithAKeyAndThePractitionerSeesWhoSigned) {
    const core::Portfolio shared = sharedPortfolio();
    const std::string id = shared.entries[0].id;
    std::string feedbackBytes, cardBytes, keyFile;
    {
        UiHarness m(1280, 2400);
        ui::App& app = m.start();
        m.click("welcome.review");
        app.receiveFile("review", "robin.json", core::serializePortfolio(shared));
        m.frames(2);
        ASSERT_EQ(app.screen(), ui::Screen::Mentor);
        ASSERT_TRUE(m.visible("mentor.key.make"));
        m.type("mentor.reviewer", "Pat Mentor");
        m.type("mentor.role", "ASYE assessor");
        m.type("mentor.key.organisation", "Example Council");
        m.type("mentor.key.passphrase", "correct horse");
        m.click("mentor.key.make");
        ASSERT_TRUE(m.visible("mentor.key.fingerprint"));
        keyFile = m.host.reviewerKey;
        EXPECT_TRUE(core::keyFileIsSealed(keyFile)) << "kept sealed with the passphrase";
        m.click("mentor.key.card");
        cardBytes = m.host.lastDownload;
        m.click("mentor.entry." + id);
        m.type("mentor.comment", "Clear and specific.");
        m.click("mentor.add-comment");
        m.click("mentor.sign");
        m.click("mentor.save");
        feedbackBytes = m.host.lastDownload;
    }
    auto card = core::parseCard(cardBytes);
    ASSERT_TRUE(card.card) << card.error;
    EXPECT_EQ(card.card->organisation, "Example Council");
    auto fb = core::parseFeedback(feedbackBytes);
    ASSERT_TRUE(fb.feedback) << fb.error;
    EXPECT_EQ(fb.feedback->publicKey, card.card->publicKey);
    EXPECT_TRUE(core::checkFeedbackSignatures(*fb.feedback).empty());

    {
        // Next session: the key is still there, sealed; a wrong passphrase does not open it.
        UiHarness m(1280, 2400);
        m.host.reviewerKey = keyFile;
        ui::App& app = m.start();
        m.click("welcome.review");
        app.receiveFile("review", "robin.json", core::serializePortfolio(shared));
        m.frames(2);
        ASSERT_TRUE(m.visible("mentor.key.unlock"));
        m.type("mentor.key.passphrase", "wrong");
        m.click("mentor.key.unlock");
        EXPECT_FALSE(m.visible("mentor.key.fingerprint"));
        m.type("mentor.key.passphrase", "correct horse");
        m.click("mentor.key.unlock");
        EXPECT_EQ(m.widget("mentor.key.fingerprint").label,
                  "Key fingerprint " + core::keyFingerprint(card.card->publicKey));
    }

    // The practitioner merges it: the sign-off is by a key no roster vouches for yet.
    UiHarness h(1280, 2400);
    h.session->store().reset(shared);
    ui::App& app = h.start();
    h.click("nav.reviews");
    h.click("reviews.merge");
    app.receiveFile("feedback", "pat.json", feedbackBytes);
    h.frames(2);
    h.click("merge.apply");
    h.click("nav.reviews");
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.trust.0.unknown-key"));
    // With the academy's roster kept in the portfolio: authentic.
    core::SystemRandomBytes random;
    auto academy = core::generateReviewerKey({"Example Academy", "", "", ""}, random);
    ASSERT_TRUE(academy.key);
    core::Roster roster;
    roster.reviewers.push_back({*card.card, *core::Date::parse("2026-01-01"),
                                *core::Date::parse("2027-12-31")});
    core::signRoster(roster, *academy.key);
    core::Portfolio withRoster = h.portfolio();
    ASSERT_TRUE(core::addRosterToPortfolio(withRoster, roster));
    h.session->store().apply(core::cmd::ReplacePortfolio{withRoster, "Load roster"});
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.trust.0.authentic"));
    EXPECT_FALSE(h.visible("signoff.withdraw.open.0")) << "an authentic sign-off is not offered for withdrawal";
}

TEST(UiSigningTest, AnUnsignedSignOffCanBeWithdrawnWithAReason) {
    core::Portfolio p = sharedPortfolio();
    core::SequentialIds ids;
    auto fb = core::buildFeedback(p, "Jo Supervisor", "", {{core::ReviewAction::Type::SignOff, p.entries[0].id, ""}},
                                  1'786'000'000'000, ids);
    ASSERT_TRUE(fb.feedback);
    p = core::mergeFeedback(p, *fb.feedback).portfolio;
    UiHarness h(1280, 2400);
    h.session->store().reset(p);
    h.start();
    h.click("nav.reviews");
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.trust.0.unsigned"));
    h.click("signoff.withdraw.open.0");
    h.click("signoff.withdraw.0"); // no reason yet: disabled
    EXPECT_EQ(h.portfolio().signOffs[0].withdrawnMs, 0);
    h.type("signoff.withdraw.reason.0", "Signed before the entry was finished");
    h.click("signoff.withdraw.0");
    ASSERT_EQ(h.portfolio().signOffs.size(), 1u) << "kept, not deleted";
    EXPECT_NE(h.portfolio().signOffs[0].withdrawnMs, 0);
    EXPECT_EQ(h.portfolio().signOffs[0].withdrawnReason, "Signed before the entry was finished");
    h.frames(2);
    EXPECT_TRUE(h.visible("signoff.trust.0.withdrawn"));
    EXPECT_EQ(h.session->store().undoLabel(), "Withdraw a sign-off");
}

TEST(UiSigningTest, SignatureChipsFitAPhone) {
    // "Authentic (Example Academy's roster) · key 1A2B ..." is wider than a phone: the chip
    // shortens to what fits, beside the sign-off's state or on a line of its own.
    core::Portfolio p = sharedPortfolio();
    core::SystemRandomBytes random;
    auto pat = core::generateReviewerKey({"Pat Mentor", "ASYE assessor", "Example Council", ""}, random);
    auto academy = core::generateReviewerKey({"Example Academy of Social Work", "", "", ""}, random);
    ASSERT_TRUE(pat.key && academy.key);
    core::SequentialIds ids;
    auto fb = core::buildFeedback(p, "", "",
                                  {{core::ReviewAction::Type::RequestEvidence, p.entries[0].id, "Add the plan."},
                                   {core::ReviewAction::Type::SignOff, p.entries[0].id, ""}},
                                  1'786'000'000'000, ids, &*pat.key);
    ASSERT_TRUE(fb.feedback) << fb.error;
    p = core::mergeFeedback(p, *fb.feedback).portfolio;
    core::Roster roster;
    roster.reviewers.push_back({pat.key->card, *core::Date::parse("2026-01-01"),
                                *core::Date::parse("2027-12-31")});
    core::signRoster(roster, *academy.key);
    ASSERT_TRUE(core::addRosterToPortfolio(p, roster));
    for (int width : {390, 1280}) {
        SCOPED_TRACE(width);
        UiHarness h(width, 2400);
        h.session->store().reset(p);
        h.start();
        h.click("nav.reviews");
        h.frames(2);
        const std::vector<std::string> chips = {"signoff.trust.0.authentic",
                                                 "comment.trust." + p.comments[0].id + ".authentic"};
        for (const std::string& id : chips) {
            const ui::WidgetRect& r = h.widget(id); // clipped to its window
            EXPECT_GE(r.w, ImGui::CalcTextSize(r.label.c_str()).x) << id << ": \"" << r.label
                                                                   << "\" runs off the screen";
            EXPECT_EQ(r.label.rfind("Authentic", 0), 0u) << r.label;
            if (width > 1000) { // (the test's built-in font is wider than the app's)
                EXPECT_EQ(r.label, "Authentic (Example Academy of Social Work's roster) \xc2\xb7 key " +
                                       core::keyFingerprint(pat.key->card.publicKey))
                    << "a desktop has room for all of it";
            }
        }
    }
}

TEST(UiSigningTest, ThePassphraseIsASecretFieldAlsoUnderThePagesField) {
    // On the web every field is the wrapped editor under the page's own field (issue 11): the
    // passphrase is registered as a secret (the page makes its field a password input), what
    // the page hands over is the passphrase, and the key made with it is sealed.
    const core::Portfolio shared = sharedPortfolio();
    ui::TextOverlay& ov = ui::textOverlay();
    ov = ui::TextOverlay{};
    ov.enabled = true;
    UiHarness m(1280, 2400);
    ui::App& app = m.start();
    m.click("welcome.review");
    app.receiveFile("review", "robin.json", core::serializePortfolio(shared));
    m.frames(2);
    ov.text = "Pat Mentor";
    ov.textFor = "mentor.reviewer";
    m.frames(2);
    EXPECT_EQ(m.widget("mentor.key.passphrase").kind, ui::TextKind::Secret);
    EXPECT_EQ(ui::textKindId(ui::TextKind::Secret), "secret");
    m.click("mentor.key.passphrase");
    ov.id = "mentor.key.passphrase";
    ov.textFor = "mentor.key.passphrase";
    ov.text = "correct horse"; // what pathway_overlay_input hands over
    m.frames(2);
    ov.id.clear();
    m.click("mentor.key.make");
    ov = ui::TextOverlay{};
    ASSERT_TRUE(m.visible("mentor.key.fingerprint"));
    EXPECT_TRUE(core::keyFileIsSealed(m.host.reviewerKey));
    EXPECT_FALSE(core::parseKeyFile(m.host.reviewerKey, "").key);
    EXPECT_TRUE(core::parseKeyFile(m.host.reviewerKey, "correct horse").key);
}
