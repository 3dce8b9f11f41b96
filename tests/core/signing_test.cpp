// Issue 17: Ed25519 (RFC 8032 vectors), reviewer keys and cards, signed feedback, academy
// rosters, and the state of every comment, outcome and sign-off.
#include "pathway/core/import.hpp"
#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/signing.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;

namespace {

std::string bytesHex(std::string_view hex) {
    auto v = fromHex(hex);
    EXPECT_TRUE(v) << hex;
    return v ? std::string(v->begin(), v->end()) : std::string();
}

template <size_t N> std::array<uint8_t, N> arr(std::string_view hex) {
    std::array<uint8_t, N> out{};
    auto v = fromHex(hex);
    EXPECT_TRUE(v && v->size() == N) << hex;
    if (v && v->size() == N) std::copy(v->begin(), v->end(), out.begin());
    return out;
}

/// Predictable "randomness" for tests: a counter.
class CountingBytes final : public RandomBytes {
  public:
    explicit CountingBytes(uint8_t start) : m_next(start) {}
    bool fill(std::span<uint8_t> out) override {
        for (auto& b : out) b = m_next++;
        return true;
    }

  private:
    uint8_t m_next;
};

class NoBytes final : public RandomBytes {
  public:
    bool fill(std::span<uint8_t>) override { return false; }
};

Portfolio fixture() { return pathway::test::fixturePortfolio("portfolio-v1.json"); }

const std::string kE1 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01";
const std::string kE2 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e02";
constexpr int64_t kNow = 1'790'000'000'000; // 2026-09-21

ReviewerKey makeKey(const char* name, const char* role, uint8_t seed) {
    CountingBytes random(seed);
    auto k = generateReviewerKey({name, role, "Example Academy", ""}, random);
    EXPECT_TRUE(k.key) << k.error;
    return *k.key;
}

Roster rosterFor(const ReviewerKey& academy, std::vector<RosterEntry> entries) {
    Roster r;
    r.issuedMs = kNow - 86'400'000;
    r.reviewers = std::move(entries);
    signRoster(r, academy);
    return r;
}

Feedback signedFeedback(const Portfolio& p, const ReviewerKey& key) {
    SequentialIds ids;
    auto f = buildFeedback(p, "", "",
                           {{ReviewAction::Type::Comment, kE1, "Clear link to practice"},
                            {ReviewAction::Type::Outcome, kE2, "not-on-track"},
                            {ReviewAction::Type::SignOff, kE1, ""}},
                           kNow, ids, &key);
    EXPECT_TRUE(f.feedback) << f.error;
    return *f.feedback;
}

std::vector<TrustState> states(const Portfolio& p, std::span<const Roster> rosters) {
    std::vector<TrustState> out;
    for (const auto& c : checkReviews(p, rosters)) out.push_back(c.state);
    return out;
}

} // namespace

// --- Ed25519 -----------------------------------------------------------------------------------

struct Rfc8032Vector {
    const char* secret;
    const char* pub;
    const char* message;
    const char* signature;
};

// RFC 8032 section 7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc).
const Rfc8032Vector kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
};

TEST(Ed25519, Rfc8032Vectors) {
    for (const auto& v : kRfc8032) {
        SCOPED_TRACE(v.secret);
        const auto secret = arr<32>(v.secret);
        const auto pub = ed25519PublicKey(secret);
        EXPECT_EQ(toHex(pub), v.pub);
        const std::string msg = bytesHex(v.message);
        const auto sig = ed25519Sign(secret, pub, msg);
        EXPECT_EQ(toHex(sig), v.signature);
        EXPECT_TRUE(ed25519Verify(pub, msg, sig));
        EXPECT_TRUE(ed25519VerifyHex(v.pub, msg, v.signature));
    }
}

TEST(Ed25519, AnyChangedBitFails) {
    const auto& v = kRfc8032[2];
    const auto pub = arr<32>(v.pub);
    const std::string msg = bytesHex(v.message);
    auto sig = arr<64>(v.signature);
    ASSERT_TRUE(ed25519Verify(pub, msg, sig));
    for (size_t i = 0; i < sig.size(); i += 7) {
        auto bad = sig;
        bad[i] ^= 0x01;
        EXPECT_FALSE(ed25519Verify(pub, msg, bad)) << "signature byte " << i;
    }
    std::string other = msg;
    other[0] ^= 0x80;
    EXPECT_FALSE(ed25519Verify(pub, other, sig));
    EXPECT_FALSE(ed25519Verify(arr<32>(kRfc8032[1].pub), msg, sig)) << "another key";
    EXPECT_FALSE(ed25519VerifyHex(v.pub, msg, "abcd")) << "short signature";
    EXPECT_FALSE(ed25519VerifyHex("zz", msg, v.signature)) << "not a key";
}

TEST(Ed25519, HexAndFingerprints) {
    EXPECT_EQ(toHex(*fromHex("00ffA0")), "00ffa0");
    EXPECT_FALSE(fromHex("abc"));
    EXPECT_FALSE(fromHex("zz"));
    const std::string fp = keyFingerprint(kRfc8032[0].pub);
    ASSERT_EQ(fp.size(), 19u);
    EXPECT_EQ(fp[4], ' ');
    std::string upper = kRfc8032[0].pub;
    for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ(fp, keyFingerprint(upper)) << "upper-case hex names the same key";
    EXPECT_NE(fp, keyFingerprint(kRfc8032[1].pub));
    // SHA-256 of the 32 key bytes, first 8 bytes.
    const std::string h = sha256Hex(bytesHex(kRfc8032[0].pub));
    std::string expect = h.substr(0, 16);
    for (auto& ch : expect) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    expect.insert(12, " ");
    expect.insert(8, " ");
    expect.insert(4, " ");
    EXPECT_EQ(fp, expect);
    EXPECT_EQ(keyFingerprint("1234"), "");
}

// --- keys and cards ----------------------------------------------------------------------------

TEST(ReviewerKeys, GenerateNeedsANameAndRandomness) {
    CountingBytes random(1);
    EXPECT_FALSE(generateReviewerKey({"  ", "", "", ""}, random).key);
    NoBytes none;
    auto k = generateReviewerKey({"Pat Mentor", "", "", ""}, none);
    EXPECT_FALSE(k.key);
    EXPECT_NE(k.error.find("random"), std::string::npos);
    SystemRandomBytes sys;
    auto a = generateReviewerKey({"Pat Mentor", "Assessor", "", ""}, sys);
    auto b = generateReviewerKey({"Pat Mentor", "Assessor", "", ""}, sys);
    ASSERT_TRUE(a.key && b.key);
    EXPECT_NE(a.key->card.publicKey, b.key->card.publicKey);
    EXPECT_EQ(a.key->card.publicKey, toHex(ed25519PublicKey(a.key->secret)));
}

TEST(ReviewerKeys, PlainKeyFileRoundTrips) {
    const ReviewerKey k = makeKey("Pat Mentor", "ASYE assessor", 7);
    CountingBytes random(9);
    const std::string file = serializeKeyFile(k, "", random);
    EXPECT_FALSE(keyFileIsSealed(file));
    auto back = parseKeyFile(file, "");
    ASSERT_TRUE(back.key) << back.error;
    EXPECT_EQ(back.key->card, k.card);
    EXPECT_EQ(back.key->secret, k.secret);
    // A secret that is not the card's key is refused.
    std::string swapped = file;
    const std::string other = toHex(makeKey("Other", "", 99).secret);
    swapped.replace(swapped.find(toHex(k.secret)), 64, other);
    auto bad = parseKeyFile(swapped, "");
    EXPECT_FALSE(bad.key);
    EXPECT_NE(bad.error.find("does not belong"), std::string::npos) << bad.error;
}

TEST(ReviewerKeys, PassphraseSealsTheSecret) {
    const ReviewerKey k = makeKey("Pat Mentor", "ASYE assessor", 7);
    CountingBytes random(3);
    // The default count, as a user gets it.
    const std::string file = serializeKeyFile(k, "correct horse", random);
    EXPECT_TRUE(keyFileIsSealed(file));
    EXPECT_EQ(file.find(toHex(k.secret)), std::string::npos) << "the secret is not in the file";
    EXPECT_NE(file.find("\"iterations\": " + std::to_string(kKeyFileIterations)), std::string::npos);
    EXPECT_GE(kKeyFileIterations, 600000u);
    auto none = parseKeyFile(file, "");
    EXPECT_FALSE(none.key);
    EXPECT_TRUE(none.needsPassphrase);
    auto wrong = parseKeyFile(file, "correct horse!");
    EXPECT_FALSE(wrong.key);
    EXPECT_TRUE(wrong.needsPassphrase);
    auto right = parseKeyFile(file, "correct horse");
    ASSERT_TRUE(right.key) << right.error;
    EXPECT_EQ(right.key->secret, k.secret);
}

TEST(ReviewerKeys, SealCoversTheCard) {
    const ReviewerKey k = makeKey("Pat Mentor", "ASYE assessor", 7);
    CountingBytes random(3);
    std::string file = serializeKeyFile(k, "pw", random, 1000);
    file.replace(file.find("ASYE assessor"), 13, "ASYE Assessor");
    auto r = parseKeyFile(file, "pw");
    EXPECT_FALSE(r.key) << "a card edited in a sealed key file no longer opens";
}

TEST(ReviewerKeys, CardsRoundTripAndRejectBadKeys) {
    const ReviewerKey k = makeKey("Pat Mentor", "ASYE assessor", 7);
    const std::string card = serializeCard(k.card);
    EXPECT_NE(card.find(keyFingerprint(k.card.publicKey)), std::string::npos);
    EXPECT_EQ(card.find(toHex(k.secret)), std::string::npos);
    auto back = parseCard(card);
    ASSERT_TRUE(back.card) << back.error;
    EXPECT_EQ(*back.card, k.card);
    std::string bad = card;
    bad.replace(bad.find(k.card.publicKey), 4, "zzzz");
    EXPECT_FALSE(parseCard(bad).card);
    EXPECT_FALSE(parseCard("{}").card);
    CountingBytes random(1);
    EXPECT_FALSE(parseCard(serializeKeyFile(k, "", random)).card) << "a key file is not a card";
}

// --- signed feedback ---------------------------------------------------------------------------

TEST(SignedFeedback, EveryItemIsSignedAndMergesAuthentic) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    const Feedback f = signedFeedback(p, pat);
    EXPECT_EQ(f.reviewer, "Pat Mentor");
    EXPECT_EQ(f.publicKey, pat.card.publicKey);
    for (const auto& c : f.comments) {
        EXPECT_TRUE(sealVerifies(c));
        EXPECT_EQ(c.entryHash, entryContentHash(*p.find(c.entryId)));
    }
    ASSERT_EQ(f.signOffs.size(), 1u);
    EXPECT_TRUE(sealVerifies(f.signOffs[0]));
    // The signed bytes hold the entry hash, the practitioner, the card and the time.
    const std::string b = signedBytes(f.signOffs[0]);
    for (const std::string& part : {f.signOffs[0].contentHash, p.profile.name, pat.card.publicKey,
                                    pat.card.organisation, formatTimestamp(kNow)})
        EXPECT_NE(b.find(part), std::string::npos) << part;

    auto parsed = parseFeedback(serializeFeedback(f));
    ASSERT_TRUE(parsed.feedback) << parsed.error;
    EXPECT_EQ(*parsed.feedback, f);
    MergeResult m = mergeFeedback(p, *parsed.feedback);
    ASSERT_TRUE(m.ok()) << m.error;
    EXPECT_EQ(m.report.unsignedItems, 0);
    const Roster roster = rosterFor(academy, {{pat.card, d("2026-09-01"), d("2027-08-31")}});
    for (const auto& c : checkReviews(m.portfolio, std::span(&roster, 1))) {
        EXPECT_EQ(c.state, TrustState::Authentic) << c.detail;
        EXPECT_EQ(c.academy, "Example Academy");
        EXPECT_EQ(c.fingerprint, keyFingerprint(pat.card.publicKey));
    }
    // Without a roster the same signatures are by an unknown key.
    for (auto s : states(m.portfolio, {})) EXPECT_EQ(s, TrustState::UnknownKey);
    // Signatures survive saving and loading through both readers.
    const std::string saved = serializePortfolio(m.portfolio);
    EXPECT_EQ(saved, serializePortfolioViaTree(m.portfolio));
    auto fast = parsePortfolio(saved);
    auto tree = parsePortfolioViaTree(saved);
    ASSERT_TRUE(fast.ok() && tree.ok());
    EXPECT_EQ(*fast.portfolio, m.portfolio);
    EXPECT_EQ(*tree.portfolio, m.portfolio);
}

TEST(SignedFeedback, OneChangedByteIsRefusedAndNothingChanges) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const std::string file = serializeFeedback(signedFeedback(p, pat));
    const std::pair<std::string, std::string> edits[] = {
        {"not-on-track", "pass"}, {"Clear link", "Clear lInk"},
        {"\"ASYE assessor\"", "\"ASYE Assessor\""}, {"T14:13:20Z", "T14:13:21Z"}};
    for (const auto& [from, to] : edits) {
        SCOPED_TRACE(from);
        std::string bad = file;
        const size_t at = bad.find(from);
        ASSERT_NE(at, std::string::npos);
        bad.replace(at, from.size(), to);
        auto parsed = parseFeedback(bad);
        ASSERT_TRUE(parsed.feedback) << parsed.error;
        MergeResult m = mergeFeedback(p, *parsed.feedback);
        EXPECT_FALSE(m.ok());
        EXPECT_NE(m.error.find("Nothing was merged"), std::string::npos) << m.error;
        EXPECT_EQ(m.portfolio, p);
    }
    // Removing one item's signature from a signed file is refused too.
    auto f = signedFeedback(p, pat);
    f.comments[0].seal.signature.clear();
    EXPECT_FALSE(mergeFeedback(p, *parseFeedback(serializeFeedback(f)).feedback).ok());
}

TEST(SignedFeedback, ForgeriesNeverCountAsAuthentic) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey mallory = makeKey("Mallory", "", 60);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    const Roster roster = rosterFor(academy, {{pat.card, d("2026-09-01"), d("2027-08-31")}});

    // 1. Pat's card copied, signed with Mallory's key: the signature does not match the card.
    ReviewerKey copied = mallory;
    copied.card = pat.card;
    const Feedback f1 = signedFeedback(p, copied);
    MergeResult m1 = mergeFeedback(p, f1);
    EXPECT_FALSE(m1.ok());
    EXPECT_EQ(m1.portfolio, p);
    // 2. Mallory's own key with Pat's name on it: merges, but is by an unknown key.
    ReviewerKey renamed = mallory;
    renamed.card.name = pat.card.name;
    renamed.card.role = pat.card.role;
    MergeResult m2 = mergeFeedback(p, signedFeedback(p, renamed));
    ASSERT_TRUE(m2.ok()) << m2.error;
    for (auto s : states(m2.portfolio, std::span(&roster, 1))) EXPECT_EQ(s, TrustState::UnknownKey);
    // 3. Written without a key (as an older Pathway would): unsigned.
    SequentialIds ids;
    auto plain = buildFeedback(p, "Pat Mentor", "ASYE assessor",
                               {{ReviewAction::Type::Outcome, kE2, "pass"},
                                {ReviewAction::Type::SignOff, kE1, ""}},
                               kNow, ids);
    MergeResult m3 = mergeFeedback(p, *plain.feedback);
    ASSERT_TRUE(m3.ok());
    EXPECT_EQ(m3.report.unsignedItems, 2);
    for (auto s : states(m3.portfolio, std::span(&roster, 1))) EXPECT_EQ(s, TrustState::Unsigned);
    // 4. The roster lists Pat's key under another name: not authentic.
    ReviewerCard other = pat.card;
    other.name = "Someone Else";
    const Roster wrongName = rosterFor(academy, {{other, d("2026-09-01"), d("2027-08-31")}});
    MergeResult m4 = mergeFeedback(p, signedFeedback(p, pat));
    for (auto s : states(m4.portfolio, std::span(&wrongName, 1))) EXPECT_EQ(s, TrustState::UnknownKey);
}

TEST(SignedFeedback, EditingAMergedCommentOrOutcomeBreaksItsSignature) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    const Roster roster = rosterFor(academy, {{pat.card, d("2026-09-01"), d("2027-08-31")}});
    Portfolio m = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    auto outcome = std::find_if(m.comments.begin(), m.comments.end(),
                                [](const Comment& c) { return c.outcome == "not-on-track"; });
    ASSERT_NE(outcome, m.comments.end());
    outcome->outcome = "pass";
    auto checks = checkReviews(m, std::span(&roster, 1));
    auto bad = std::find_if(checks.begin(), checks.end(),
                            [](const ReviewCheck& c) { return c.state == TrustState::BadSignature; });
    ASSERT_NE(bad, checks.end());
    EXPECT_EQ(bad->comment->outcome, "pass");
    // The entry signed off, edited afterwards: stale (the signature itself is sound).
    Portfolio edited = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    Entry* e = edited.find(kE1);
    e->title += " (revised)";
    e->updatedMs = kNow + 60'000;
    checks = checkReviews(edited, std::span(&roster, 1));
    EXPECT_EQ(checks.back().state, TrustState::Stale);
    // A sign-off moved to another practitioner's portfolio.
    Portfolio moved = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    moved.profile.name = "Another Person";
    EXPECT_EQ(checkReviews(moved, std::span(&roster, 1)).back().state, TrustState::BadSignature);
}

TEST(SignedFeedback, AnotherReviewersCommentIdCannotReplaceIt) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey mallory = makeKey("Mallory", "Mentor", 60);
    const Feedback f = signedFeedback(p, pat);
    const Portfolio first = mergeFeedback(p, f).portfolio;
    // Same comment id, later time, "pass" instead of "not-on-track": signed by Mallory...
    Comment forged = *std::find_if(f.comments.begin(), f.comments.end(),
                                   [](const Comment& c) { return !c.outcome.empty(); });
    forged.outcome = "pass";
    forged.atMs += 3'600'000;
    forged.author = mallory.card.name;
    forged.role = mallory.card.role;
    signComment(forged, mallory, p.profile.name);
    Feedback fm;
    fm.reviewer = mallory.card.name;
    fm.role = mallory.card.role;
    fm.organisation = mallory.card.organisation;
    fm.publicKey = mallory.card.publicKey;
    fm.practitioner = p.profile.name;
    fm.comments = {forged};
    // ...and unsigned, claiming to be another author.
    Comment unsignedCopy = forged;
    unsignedCopy.seal = {};
    unsignedCopy.author = "Someone";
    Feedback fu;
    fu.reviewer = "Someone";
    fu.practitioner = p.profile.name;
    fu.comments = {unsignedCopy};
    for (const Feedback* later : {&fm, &fu}) {
        MergeResult m = mergeFeedback(first, *later);
        ASSERT_TRUE(m.ok()) << m.error;
        EXPECT_EQ(m.report.commentsKeptApart, 1);
        auto original = std::find_if(m.portfolio.comments.begin(), m.portfolio.comments.end(),
                                     [&](const Comment& c) { return c.id == forged.id && c.author == "Pat Mentor"; });
        ASSERT_NE(original, m.portfolio.comments.end()) << "the assessor's outcome is still there";
        EXPECT_EQ(original->outcome, "not-on-track");
        EXPECT_TRUE(sealVerifies(*original));
        // Merging in either order gives the same portfolio.
        EXPECT_EQ(m.portfolio, mergeFeedback(mergeFeedback(p, *later).portfolio, f).portfolio);
    }
}

TEST(SignedFeedback, SignOffOnAMissingEntryIsRefused) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    Feedback f = signedFeedback(p, pat);
    Portfolio without = p;
    without.entries.erase(without.entries.begin() + static_cast<long>(*without.indexOf(kE1)));
    MergeResult m = mergeFeedback(without, f);
    EXPECT_FALSE(m.ok());
    EXPECT_NE(m.error.find(kE1), std::string::npos) << m.error;
    EXPECT_EQ(m.portfolio, without);
}

TEST(SignedFeedback, OlderFilesMergeAsUnsigned) {
    const Portfolio p = fixture();
    const std::string v1 = R"({"format": "pathway-feedback", "schema": 1,
        "reviewer": {"name": "Pat Mentor", "role": "Practice educator"},
        "practitioner": "Alex Invented",
        "comments": [{"id": "c1", "entry": ")" + kE1 + R"(", "text": "Good", "at": "2026-09-20T10:00:00Z"}],
        "sign_offs": [{"entry": ")" + kE1 + R"(", "content_sha256": ")" +
                      entryContentHash(*p.find(kE1)) + R"(", "at": "2026-09-20T10:00:00Z"}]})";
    auto f = parseFeedback(v1);
    ASSERT_TRUE(f.feedback) << f.error;
    MergeResult m = mergeFeedback(p, *f.feedback);
    ASSERT_TRUE(m.ok()) << m.error;
    EXPECT_EQ(m.report.unsignedItems, 2);
    ASSERT_FALSE(m.report.notes.empty());
    EXPECT_NE(m.report.notes[0].find("unsigned"), std::string::npos);
    for (auto s : states(m.portfolio, {})) EXPECT_EQ(s, TrustState::Unsigned);
}

TEST(SignedFeedback, WithdrawalIsRecordedNotSilent) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    Portfolio m = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    ASSERT_EQ(m.signOffs.size(), 1u);
    EXPECT_FALSE(withdrawSignOff(m, 0, "  ", kNow));
    EXPECT_FALSE(withdrawSignOff(m, 5, "wrong entry", kNow));
    auto w = withdrawSignOff(m, 0, "signed the wrong version", kNow + 1234);
    ASSERT_TRUE(w);
    EXPECT_EQ(w->signOffs.size(), 1u) << "kept, not deleted";
    EXPECT_EQ(w->signOffs[0].withdrawnMs, kNow + 1000);
    EXPECT_FALSE(withdrawSignOff(*w, 0, "again", kNow));
    auto c = checkReviews(*w, {}).back();
    EXPECT_EQ(c.state, TrustState::Withdrawn);
    EXPECT_NE(c.detail.find("signed the wrong version"), std::string::npos);
    // Merging the reviewer's file again does not bring it back in force.
    Portfolio again = mergeFeedback(*w, signedFeedback(p, pat)).portfolio;
    EXPECT_EQ(again.signOffs.size(), w->signOffs.size() + 0) << "same sign-off, still withdrawn";
    EXPECT_EQ(checkReviews(again, {}).back().state, TrustState::Withdrawn);
    const std::string saved = serializePortfolio(*w);
    EXPECT_EQ(*parsePortfolio(saved).portfolio, *w);
    EXPECT_EQ(*parsePortfolioViaTree(saved).portfolio, *w);
}

TEST(SignedFeedback, ImportsKeepCarriedReviewsAsUnsignedAndSaySo) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const Portfolio signedOne = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    Portfolio empty;
    empty.profile = p.profile;
    ImportOptions opt{Catalog::builtin(), kNow, false};
    ImportResult r = importInto(empty, ImportFormat::Json, serializePortfolio(signedOne), opt);
    ASSERT_TRUE(r.portfolio) << r.error;
    for (const auto& c : r.portfolio->comments) EXPECT_FALSE(isSigned(c.seal));
    for (const auto& s : r.portfolio->signOffs) EXPECT_FALSE(isSigned(s.seal));
    EXPECT_EQ(r.portfolio->signOffs.size(), 1u);
    bool said = false;
    for (const auto& n : r.report.notes) said |= n.find("kept as unsigned") != std::string::npos;
    EXPECT_TRUE(said);
    // Importing one's own backup adds no unsigned copies beside the signed items.
    ImportResult own = importInto(signedOne, ImportFormat::Json, serializePortfolio(signedOne), opt);
    ASSERT_TRUE(own.portfolio);
    EXPECT_EQ(own.portfolio->comments, signedOne.comments);
    EXPECT_EQ(own.portfolio->signOffs, signedOne.signOffs);
}

// --- rosters -----------------------------------------------------------------------------------

TEST(Rosters, SignedRoundTripAndTamperRefused) {
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    const Roster r = rosterFor(academy, {{pat.card, d("2026-09-01"), d("2027-08-31")}});
    const std::string file = serializeRoster(r);
    auto back = parseRoster(file);
    ASSERT_TRUE(back.roster) << back.error;
    EXPECT_EQ(*back.roster, r);
    EXPECT_NE(file.find(keyFingerprint(academy.card.publicKey)), std::string::npos);
    std::string longer = file;
    longer.replace(longer.find("2027-08-31"), 10, "2029-08-31");
    auto bad = parseRoster(longer);
    EXPECT_FALSE(bad.roster);
    EXPECT_NE(bad.error.find("changed after"), std::string::npos) << bad.error;
}

TEST(Rosters, DatesDecideAuthenticOrExpired) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    const Portfolio m = mergeFeedback(p, signedFeedback(p, pat)).portfolio; // signed 2026-09-21
    const Roster ended = rosterFor(academy, {{pat.card, d("2025-09-01"), d("2026-09-20")}});
    const Roster notYet = rosterFor(academy, {{pat.card, d("2026-09-22"), d("2027-08-31")}});
    const Roster lastDay = rosterFor(academy, {{pat.card, d("2025-09-01"), d("2026-09-21")}});
    for (const Roster* r : {&ended, &notYet}) {
        auto checks = checkReviews(m, std::span(r, 1));
        for (const auto& c : checks) {
            EXPECT_EQ(c.state, TrustState::Expired);
            EXPECT_NE(c.detail.find("2026-09-21"), std::string::npos) << c.detail;
        }
    }
    for (auto s : states(m, std::span(&lastDay, 1))) EXPECT_EQ(s, TrustState::Authentic);
}

TEST(Rosters, KeptInThePortfolio) {
    const Portfolio p = fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    Portfolio m = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    Roster r = rosterFor(academy, {{pat.card, d("2026-09-01"), d("2027-08-31")}});
    EXPECT_TRUE(addRosterToPortfolio(m, r));
    EXPECT_FALSE(addRosterToPortfolio(m, r)) << "the same roster again changes nothing";
    for (auto s : states(m, {})) EXPECT_EQ(s, TrustState::Authentic);
    auto reread = parsePortfolio(serializePortfolio(m));
    ASSERT_TRUE(reread.ok());
    EXPECT_EQ(portfolioRosters(*reread.portfolio).size(), 1u);
    // A roster edited inside the portfolio no longer counts.
    std::string saved = serializePortfolio(m);
    saved.replace(saved.find("2027-08-31"), 10, "2030-08-31");
    auto edited = parsePortfolio(saved);
    ASSERT_TRUE(edited.ok());
    EXPECT_TRUE(portfolioRosters(*edited.portfolio).empty());
    for (auto s : states(*edited.portfolio, {})) EXPECT_EQ(s, TrustState::UnknownKey);
}

// --- the schema-3 fixture and older files -----------------------------------------------------

namespace {
Portfolio v2Fixture() { return pathway::test::fixturePortfolio("portfolio-v2.json"); }

// The golden portfolio-v3.json: the v2 fixture (tombstones, revision 7) with a signed review by
// a test key (counting "randomness", so the same bytes every time), an unsigned one, a
// withdrawn sign-off and a roster.
Portfolio v3Portfolio() {
    const Portfolio p = v2Fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    Portfolio out = mergeFeedback(p, signedFeedback(p, pat)).portfolio;
    SequentialIds ids;
    for (int i = 0; i < 1000; ++i) ids.next(); // ids apart from the signed file's
    auto plain = buildFeedback(p, "Jo Supervisor", "Supervisor",
                               {{ReviewAction::Type::RequestEvidence, kE2, "Add the plan"},
                                {ReviewAction::Type::SignOff, kE2, ""}},
                               kNow + 60'000, ids);
    out = mergeFeedback(out, *plain.feedback).portfolio;
    for (size_t i = 0; i < out.signOffs.size(); ++i)
        if (out.signOffs[i].reviewer == "Jo Supervisor")
            out = *withdrawSignOff(out, i, "signed before the plan was added", kNow + 120'000);
    const ReviewerKey academy = makeKey("Example Academy", "Academy", 40);
    addRosterToPortfolio(out, rosterFor(academy, {{pat.card, d("2026-09-01"), d("2027-08-31")}}));
    return out;
}

const std::vector<TrustState> kV3States = {TrustState::Unsigned, TrustState::Withdrawn,
                                           TrustState::Authentic, TrustState::Authentic,
                                           TrustState::Authentic};

std::vector<TrustState> sortedStates(const Portfolio& p) {
    std::vector<TrustState> got = states(p, {});
    std::sort(got.begin(), got.end());
    return got;
}
} // namespace

TEST(SignedFeedback, Schema3FixtureIsKeptForever) {
    const Portfolio want = v3Portfolio();
    if (std::getenv("PATHWAY_WRITE_V3_FIXTURE")) {
        ASSERT_TRUE(static_cast<bool>(pathway::core::writeFileAtomic(
            pathway::test::fixturePath("portfolio-v3.json"), serializePortfolio(want))));
    }
    const std::string bytes = readFixture("portfolio-v3.json");
    ASSERT_FALSE(bytes.empty());
    auto fast = parsePortfolio(bytes);
    auto tree = parsePortfolioViaTree(bytes);
    ASSERT_TRUE(fast.ok() && tree.ok()) << fast.error << tree.error;
    EXPECT_EQ(fast.fromSchema, 3);
    EXPECT_EQ(*fast.portfolio, want);
    EXPECT_EQ(*tree.portfolio, want);
    // Saved again it is the same file at the current schema (4 adds the ASYE self-assessment).
    std::string asCurrent = bytes;
    const size_t at = asCurrent.find("\"schema\": 3");
    ASSERT_NE(at, std::string::npos);
    asCurrent.replace(at, 11, "\"schema\": " + std::to_string(kSchemaVersion));
    EXPECT_EQ(serializePortfolio(*fast.portfolio), asCurrent);
    EXPECT_EQ(fast.portfolio->revision, 7) << "schema 2's revision and tombstones are kept";
    EXPECT_EQ(fast.portfolio->tombstones.size(), 2u);
    EXPECT_EQ(sortedStates(*fast.portfolio), kV3States);
}

TEST(SignedFeedback, OlderSchemasReadForeverAndStayUnsigned) {
    for (const char* name : {"portfolio-v1.json", "portfolio-v2.json"}) {
        SCOPED_TRACE(name);
        const std::string bytes = readFixture(name);
        auto r = parsePortfolio(bytes);
        ASSERT_TRUE(r.ok()) << r.error;
        EXPECT_EQ(r.fromSchema, name[11] - '0');
        for (const auto& c : r.portfolio->comments) EXPECT_FALSE(isSigned(c.seal));
        for (const auto& s : r.portfolio->signOffs) {
            EXPECT_FALSE(isSigned(s.seal));
            EXPECT_EQ(s.withdrawnMs, 0);
        }
        for (auto st : states(*r.portfolio, {})) EXPECT_NE(st, TrustState::Authentic);
        // Saved again it is a current-schema file, read directly, equal.
        const std::string saved = serializePortfolio(*r.portfolio);
        EXPECT_NE(saved.find("\"schema\": " + std::to_string(kSchemaVersion)), std::string::npos);
        auto again = parsePortfolio(saved);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again.fromSchema, kSchemaVersion);
        EXPECT_EQ(*again.portfolio, *r.portfolio);
    }
    // Signed items in a file that claims schema 2 are read as they are (the 2 -> 3 step changes
    // nothing) and still verify: an older copy never upgrades or downgrades a signature.
    std::string claimed = readFixture("portfolio-v3.json");
    claimed.replace(claimed.find("\"schema\": 3"), 11, "\"schema\": 2");
    auto r = parsePortfolio(claimed);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.fromSchema, 2);
    EXPECT_EQ(*r.portfolio, v3Portfolio());
}

// --- signatures survive every kind of merge and delete ------------------------------------------

TEST(SignedFeedback, SignaturesSurviveAConcurrentSave) {
    // One tab merged Pat's signed feedback and withdrew Jo's sign-off; another added an entry
    // and deleted one. Session::save combines them with mergeConcurrent.
    const Portfolio base = v2Fixture();
    const Portfolio signedOne = v3Portfolio();
    Portfolio changed = base;
    Entry added = pathway::test::makeCpd("Added elsewhere", "2026-10-20");
    added.id = "aaaaaaaa-0000-4000-8000-000000000001";
    changed.entries.push_back(added);
    const std::string gone = changed.entries[2].id; // the supervision: nobody reviewed it
    changed.entries.erase(changed.entries.begin() + 2);
    addTombstone(changed, gone, kNow + 200'000);
    const Portfolio& other = changed;
    using Sides = std::pair<const Portfolio*, const Portfolio*>;
    for (const auto& [mine, theirs] : {Sides{&signedOne, &other}, Sides{&other, &signedOne}}) {
        MergeResult m = mergeConcurrent(base, *mine, *theirs);
        ASSERT_TRUE(m.ok());
        EXPECT_TRUE(m.portfolio.find(added.id));
        EXPECT_FALSE(m.portfolio.find(gone));
        EXPECT_TRUE(m.portfolio.isDeleted(gone));
        EXPECT_EQ(m.portfolio.comments, signedOne.comments);
        EXPECT_EQ(m.portfolio.signOffs, signedOne.signOffs);
        EXPECT_EQ(portfolioRosters(m.portfolio).size(), 1u);
        EXPECT_EQ(sortedStates(m.portfolio), kV3States);
        // Saved and read back, the same.
        auto reread = parsePortfolio(serializePortfolio(m.portfolio));
        ASSERT_TRUE(reread.ok());
        EXPECT_EQ(sortedStates(*reread.portfolio), kV3States);
    }
}

TEST(SignedFeedback, BothSidesReviewedConcurrently) {
    // Both places merged a different reviewer's feedback, one also withdrew a sign-off and
    // loaded a roster, the other loaded another academy's roster: everything is kept, signed.
    const Portfolio base = v2Fixture();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    const ReviewerKey sam = makeKey("Sam Assessor", "ASYE assessor", 90);
    Portfolio mine = mergeFeedback(base, signedFeedback(base, pat)).portfolio;
    Portfolio theirs = mergeFeedback(base, signedFeedback(base, sam)).portfolio;
    ASSERT_EQ(theirs.signOffs.size(), 1u);
    theirs = *withdrawSignOff(theirs, 0, "signed the wrong version", kNow + 5'000);
    const ReviewerKey a1 = makeKey("Example Academy", "Academy", 40);
    const ReviewerKey a2 = makeKey("Other Academy", "Academy", 140);
    addRosterToPortfolio(mine, rosterFor(a1, {{pat.card, d("2026-09-01"), d("2027-08-31")}}));
    addRosterToPortfolio(theirs, rosterFor(a2, {{sam.card, d("2026-09-01"), d("2027-08-31")}}));
    using Sides = std::pair<const Portfolio*, const Portfolio*>;
    for (const auto& [m, t] : {Sides{&mine, &theirs}, Sides{&theirs, &mine}}) {
        MergeResult r = mergeConcurrent(base, *m, *t);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r.portfolio.comments.size(), 4u);
        EXPECT_EQ(r.portfolio.signOffs.size(), 2u);
        EXPECT_EQ(portfolioRosters(r.portfolio).size(), 2u) << "both rosters kept";
        std::vector<TrustState> got = sortedStates(r.portfolio);
        EXPECT_EQ(got, (std::vector<TrustState>{TrustState::Withdrawn, TrustState::Authentic,
                                                TrustState::Authentic, TrustState::Authentic,
                                                TrustState::Authentic, TrustState::Authentic}));
    }
}

TEST(SignedFeedback, SignaturesSurviveAMergeOfACopy) {
    // mergePortfolios (an import in "add" mode, a backup) of an older copy: nothing signed is
    // lost or downgraded, and a roster only the copy had is kept.
    const Portfolio signedOne = v3Portfolio();
    Portfolio copy = v2Fixture();
    const ReviewerKey a2 = makeKey("Other Academy", "Academy", 140);
    addRosterToPortfolio(copy, rosterFor(a2, {}));
    MergeResult m = mergePortfolios(signedOne, copy);
    EXPECT_EQ(m.portfolio.comments, signedOne.comments);
    EXPECT_EQ(m.portfolio.signOffs, signedOne.signOffs);
    EXPECT_EQ(portfolioRosters(m.portfolio).size(), 2u);
    EXPECT_EQ(sortedStates(m.portfolio), kV3States);
    // The other way round: the copy takes in the signed portfolio whole.
    MergeResult back = mergePortfolios(copy, signedOne);
    EXPECT_EQ(sortedStates(back.portfolio), kV3States);
}

TEST(SignedFeedback, DeletingASignedEntryAndUndoingIt) {
    // A delete leaves the sign-off in place (shown as missing, never silently dropped); undo
    // brings the entry back with its tombstone gone and the signature authentic again.
    FixedClock clock(d("2026-09-22"), kNow + 86'400'000);
    SequentialIds ids;
    Store store(clock, ids, v3Portfolio());
    ASSERT_TRUE(store.apply(cmd::DeleteEntry{kE1}));
    EXPECT_TRUE(store.portfolio().isDeleted(kE1));
    std::vector<TrustState> got = sortedStates(store.portfolio());
    EXPECT_EQ(std::count(got.begin(), got.end(), TrustState::Missing), 1)
        << "Pat's sign-off on the deleted entry";
    EXPECT_EQ(store.portfolio().signOffs, v3Portfolio().signOffs);
    // A merge of Pat's file again is refused (it signs off an entry that was deleted) and
    // changes nothing; the deleted entry does not come back.
    const Portfolio deleted = store.portfolio();
    const ReviewerKey pat = makeKey("Pat Mentor", "ASYE assessor", 7);
    MergeResult again = mergeFeedback(deleted, signedFeedback(v2Fixture(), pat));
    EXPECT_FALSE(again.ok());
    EXPECT_EQ(again.portfolio, deleted);
    ASSERT_TRUE(store.undo());
    EXPECT_FALSE(store.portfolio().isDeleted(kE1));
    EXPECT_EQ(sortedStates(store.portfolio()), kV3States);
}

TEST(SignedFeedback, CohortCountsTheSameWhenAnonymised) {
    // Without the roster, Pat's three signed items are by an unknown key and Jo's request is
    // unsigned; anonymising renames both reviewers, which must not turn these into bad
    // signatures in the counts.
    Portfolio p = v3Portfolio();
    p.extra.erase("rosters");
    const std::string bytes = serializePortfolio(p);
    const std::vector<CohortFile> files = {{"a.json", bytes}};
    for (bool anonymised : {false, true}) {
        SCOPED_TRACE(anonymised);
        CohortRows rows = anonymised ? cohortRowsAnonymised(files, Catalog::builtin(), d("2026-10-01"), 1)
                                     : cohortRows(files, Catalog::builtin(), d("2026-10-01"), 1);
        ASSERT_EQ(rows.rows.size(), 1u);
        EXPECT_EQ(rows.rows[0].reviewsUnknownKey, 3);
        EXPECT_EQ(rows.rows[0].reviewsUnsigned, 1);
    }
}
