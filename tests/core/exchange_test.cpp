// Issue 6: sign-off integrity, review files and merging (with randomised properties),
// confidentiality check, CSV, exports and imports.
#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/confidentiality.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;

namespace {

Portfolio fixture() { return pathway::test::fixturePortfolio("portfolio-v1.json"); }

const std::string kE1 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01";
const std::string kE2 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e02";
constexpr int64_t kNow = 1'790'000'000'000; // 2026-09-21, whole seconds

} // namespace

// --- integrity ---------------------------------------------------------------------------------

TEST(Integrity, Sha256KnownVectors) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Integrity, CanonicalContentIgnoresTimesButNotContent) {
    Portfolio p = fixture();
    Entry e = *p.find(kE1);
    const std::string h = entryContentHash(e);
    Entry later = e;
    later.createdMs += 1000;
    later.updatedMs += 99000;
    EXPECT_EQ(entryContentHash(later), h);
    Entry edited = e;
    edited.fields["learned"] += ".";
    EXPECT_NE(entryContentHash(edited), h);
    Entry retagged = e;
    retagged.tags.push_back("pcf:1");
    EXPECT_NE(entryContentHash(retagged), h);
    // Keys sorted, no whitespace, no times.
    const std::string c = canonicalEntryContent(e);
    EXPECT_EQ(c.find("created"), std::string::npos);
    EXPECT_EQ(c.find('\n'), std::string::npos);
    EXPECT_LT(c.find("\"attachments\""), c.find("\"date\""));
}

TEST(Integrity, EditAfterSignOffIsStaleAndSilentChangeIsAltered) {
    Portfolio p = fixture();
    Entry& e = *p.find(kE1);
    const int64_t signedAt = e.updatedMs + 1000;
    p.signOffs.push_back({kE1, "Pat Mentor", "Practice educator", entryContentHash(e), signedAt});
    EXPECT_EQ(checkSignOffs(p)[0].state, SignOffState::Current);
    EXPECT_TRUE(hasCurrentSignOff(p, e));
    e.title += " (edited)";
    EXPECT_EQ(checkSignOffs(p)[0].state, SignOffState::Altered);
    e.updatedMs = signedAt + 5000;
    EXPECT_EQ(checkSignOffs(p)[0].state, SignOffState::Stale);
    EXPECT_FALSE(hasCurrentSignOff(p, e));
    p.signOffs.push_back({"no-such-entry", "Pat", "", std::string(64, 'a'), kNow});
    p.signOffs.push_back({kE2, "Pat", "", "not-a-hash", kNow});
    auto checks = checkSignOffs(p);
    EXPECT_EQ(checks[1].state, SignOffState::Missing);
    EXPECT_EQ(checks[2].state, SignOffState::Malformed);
}

// --- review files and merging -------------------------------------------------------------------

TEST(Review, BuildsFeedbackWithPrefixesAndRoundTrips) {
    Portfolio p = fixture();
    SequentialIds ids;
    auto r = buildFeedback(p, " Pat Mentor ", "Practice educator",
                           {{ReviewAction::Type::Comment, "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01", "Good"},
                            {ReviewAction::Type::RequestEvidence, kE2, "Add analysis"},
                            {ReviewAction::Type::Outcome, kE2, "On-Track"},
                            {ReviewAction::Type::SignOff, kE1, ""}},
                           kNow + 123, ids);
    ASSERT_TRUE(r.feedback) << r.error;
    const Feedback& f = *r.feedback;
    EXPECT_EQ(f.reviewer, "Pat Mentor");
    EXPECT_EQ(f.createdMs, kNow);
    ASSERT_EQ(f.comments.size(), 3u);
    EXPECT_TRUE(f.comments[1].requestsEvidence);
    EXPECT_EQ(f.comments[2].outcome, "on-track");
    ASSERT_EQ(f.signOffs.size(), 1u);
    EXPECT_EQ(f.signOffs[0].contentHash, entryContentHash(*p.find(kE1)));
    auto back = parseFeedback(serializeFeedback(f));
    ASSERT_TRUE(back.feedback) << back.error;
    EXPECT_EQ(*back.feedback, f);

    std::string err;
    EXPECT_FALSE(buildFeedback(p, "Pat", "", {{ReviewAction::Type::SignOff, "nope", ""}}, kNow, ids).feedback);
    EXPECT_FALSE(buildFeedback(p, "Pat", "", {{ReviewAction::Type::SignOff, "3f1c", ""}}, kNow, ids).feedback)
        << "an ambiguous prefix is refused";
    EXPECT_FALSE(buildFeedback(p, "", "", {}, kNow, ids).feedback);
    EXPECT_FALSE(buildFeedback(p, "Pat", "", {{ReviewAction::Type::Outcome, kE1, "great"}}, kNow, ids).feedback);
}

TEST(Review, BadFeedbackFilesGiveOneSentence) {
    EXPECT_NE(parseFeedback("{").error, "");
    EXPECT_NE(parseFeedback(R"({"format":"pathway-portfolio","schema":1})").error.find("not a Pathway feedback"),
              std::string::npos);
    EXPECT_NE(parseFeedback(R"({"format":"pathway-feedback","schema":9,"reviewer":{"name":"x"}})")
                  .error.find("newer"),
              std::string::npos);
    auto r = parseFeedback(R"({"format":"pathway-feedback","schema":1,"reviewer":{"name":"x"},
                               "comments":[{"id":"c1"}]})");
    EXPECT_NE(r.error.find("comments[0].entry"), std::string::npos) << r.error;
}

namespace {

// Random feedback on `p`: comments (some with ids shared between generators, as when the same
// file is merged twice), requests, outcomes and sign-offs on current or older content.
Feedback randomFeedback(std::mt19937_64& rng, const Portfolio& p, const std::string& reviewer) {
    Feedback f;
    f.reviewer = reviewer;
    f.role = "Mentor";
    f.createdMs = kNow;
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    const size_t nComments = pick(6);
    for (size_t i = 0; i < nComments; ++i) {
        Comment c;
        c.id = reviewer + "-c" + std::to_string(pick(8));
        c.entryId = p.entries[pick(p.entries.size())].id;
        c.author = reviewer;
        c.role = "Mentor";
        c.text = "Comment " + std::to_string(pick(1000));
        c.requestsEvidence = pick(3) == 0;
        if (pick(5) == 0) c.outcome = "on-track";
        c.atMs = kNow + static_cast<int64_t>(pick(50)) * 1000;
        bool dup = false;
        for (const auto& x : f.comments) dup = dup || x.id == c.id;
        if (!dup) f.comments.push_back(c);
    }
    const size_t nSign = pick(4);
    for (size_t i = 0; i < nSign; ++i) {
        const Entry& e = p.entries[pick(p.entries.size())];
        std::string h = pick(4) == 0 ? sha256Hex("older version " + std::to_string(pick(3)))
                                     : entryContentHash(e);
        f.signOffs.push_back({e.id, reviewer, "Mentor", h, kNow + static_cast<int64_t>(pick(50)) * 1000});
    }
    return f;
}

std::set<std::string> commentIds(const Portfolio& p) {
    std::set<std::string> s;
    for (const auto& c : p.comments) s.insert(c.id);
    return s;
}

} // namespace

TEST(MergeProperties, OrderIndependentIdempotentAndLossless) {
    const Portfolio base = fixture();
    for (uint64_t seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937_64 rng(seed);
        Portfolio start = base;
        // Some portfolios already hold earlier feedback.
        if (seed % 3 == 0) start = mergeFeedback(start, randomFeedback(rng, base, "Earlier")).portfolio;
        const Feedback a = randomFeedback(rng, base, "Ann");
        const Feedback b = randomFeedback(rng, base, seed % 4 == 0 ? "Ann" : "Bo");

        const Portfolio ab = mergeFeedback(mergeFeedback(start, a).portfolio, b).portfolio;
        const Portfolio ba = mergeFeedback(mergeFeedback(start, b).portfolio, a).portfolio;
        ASSERT_EQ(ab, ba) << "order of merging changes the result";

        const Portfolio once = mergeFeedback(start, a).portfolio;
        ASSERT_EQ(mergeFeedback(once, a).portfolio, once) << "merging twice differs from once";
        ASSERT_EQ(mergeFeedback(ab, a).portfolio, ab);
        // Through the file format too.
        auto reread = parseFeedback(serializeFeedback(a));
        ASSERT_TRUE(reread.feedback);
        ASSERT_EQ(mergeFeedback(once, *reread.feedback).portfolio, once);
        auto saved = parsePortfolio(serializePortfolio(ab));
        ASSERT_TRUE(saved.ok());
        ASSERT_EQ(*saved.portfolio, ab);

        // Nothing lost: every comment id and sign-off of each side is there; entries untouched.
        const auto ids = commentIds(ab);
        for (const auto& c : start.comments) ASSERT_TRUE(ids.count(c.id));
        for (const auto& c : a.comments) ASSERT_TRUE(ids.count(c.id));
        for (const auto& c : b.comments) ASSERT_TRUE(ids.count(c.id));
        for (const auto* f : {&a, &b})
            for (const auto& s : f->signOffs)
                ASSERT_TRUE(std::any_of(ab.signOffs.begin(), ab.signOffs.end(), [&](const SignOff& x) {
                    return x.entryId == s.entryId && x.reviewer == s.reviewer &&
                           x.contentHash == s.contentHash;
                }));
        ASSERT_EQ(ab.entries, start.entries);
    }
}

namespace {
Entry randomEntry(std::mt19937_64& rng, int n) {
    Entry e;
    e.id = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(n).size(), '0') + std::to_string(n);
    e.kind = kAllKinds[rng() % 9];
    e.title = "Entry " + std::to_string(n) + " v" + std::to_string(rng() % 3);
    e.date = d("2026-09-01").addDays(static_cast<int64_t>(rng() % 300));
    e.createdMs = kNow;
    e.updatedMs = kNow + static_cast<int64_t>(rng() % 5) * 1000;
    if (e.kind == EntryKind::Note) e.fields["body"] = "text " + std::to_string(rng() % 4);
    return e;
}
} // namespace

TEST(MergeProperties, PortfolioMergeKeepsBothSidesAndIsIdempotent) {
    for (uint64_t seed = 1; seed <= 200; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937_64 rng(seed * 7919);
        Portfolio mine, theirs;
        mine.profile.name = theirs.profile.name = "Sam Example";
        for (int i = 0; i < 8; ++i) {
            if (rng() % 3) mine.entries.push_back(randomEntry(rng, i));
            if (rng() % 3) theirs.entries.push_back(randomEntry(rng, i));
        }
        const MergeResult m = mergePortfolios(mine, theirs);
        const Portfolio& out = m.portfolio;
        // Every version of every entry survives: as the entry itself or as a conflicting copy.
        std::set<std::string> contents;
        for (const auto& e : out.entries) {
            Entry plain = e;
            if (plain.extra.contains("conflict_of")) {
                plain.id = plain.extra["conflict_of"].get<std::string>();
                plain.extra.erase("conflict_of");
                plain.title = plain.title.substr(0, plain.title.size() - std::string(" (conflicting copy)").size());
            }
            contents.insert(canonicalEntryContent(plain));
        }
        for (const auto* side : {&mine, &theirs})
            for (const auto& e : side->entries) ASSERT_TRUE(contents.count(canonicalEntryContent(e))) << e.title;
        ASSERT_EQ(mergePortfolios(out, theirs).portfolio, out) << "importing again adds something";
        // Same decision either way round for the winning versions.
        const Portfolio other = mergePortfolios(theirs, mine).portfolio;
        for (const auto& e : out.entries)
            if (!e.extra.contains("conflict_of")) {
                const Entry* o = other.find(e.id);
                ASSERT_TRUE(o);
                ASSERT_EQ(entryContentHash(*o), entryContentHash(e));
            }
    }
}

// --- confidentiality ------------------------------------------------------------------------------

namespace {
std::vector<std::pair<FindingKind, std::string>> found(std::string_view t) {
    std::vector<std::pair<FindingKind, std::string>> out;
    for (const auto& f : scanText(t)) out.emplace_back(f.kind, std::string(t.substr(f.offset, f.length)));
    return out;
}
} // namespace

TEST(Confidentiality, FindsEachKind) {
    using K = FindingKind;
    EXPECT_EQ(found("Visited Mrs Jones today."), (decltype(found("")){{K::Name, "Jones"}}));
    EXPECT_EQ(found("I spoke with Mr. Tom Invented."), (decltype(found("")){{K::Name, "Tom Invented"}}));
    EXPECT_EQ(found("the child Jayden said"), (decltype(found("")){{K::Name, "Jayden"}}));
    EXPECT_EQ(found("mother, Kayla, was upset"), (decltype(found("")){{K::Name, "Kayla"}}));
    EXPECT_TRUE(found("A Child Protection conference; the child was calm.").empty());
    EXPECT_EQ(found("DOB 03/04/2015"), (decltype(found("")){{K::DateOfBirth, "03/04/2015"}}));
    EXPECT_EQ(found("born on 3rd March 2015"), (decltype(found("")){{K::DateOfBirth, "3rd March 2015"}}));
    EXPECT_TRUE(found("The course on 03/04/2025 was good").empty());
    // 943 476 5919 has a valid mod-11 check digit; 943 476 5918 does not.
    EXPECT_EQ(found("NHS 943 476 5919."), (decltype(found("")){{K::NhsNumber, "943 476 5919"}}));
    EXPECT_TRUE(found("NHS 943 476 5918.").empty() ||
                found("NHS 943 476 5918.")[0].first != K::NhsNumber);
    EXPECT_EQ(found("lives at SW1A 1AA now"), (decltype(found("")){{K::Postcode, "SW1A 1AA"}}));
    EXPECT_EQ(found("postcode M1 1AE"), (decltype(found("")){{K::Postcode, "M1 1AE"}}));
    EXPECT_EQ(found("call 07700 900123"), (decltype(found("")){{K::Phone, "07700 900123"}}));
    EXPECT_EQ(found("call +44 7700 900123"), (decltype(found("")){{K::Phone, "+44 7700 900123"}}));
    EXPECT_EQ(found("or (01632) 960 001"), (decltype(found("")){{K::Phone, "(01632) 960 001"}}));
    EXPECT_EQ(found("mail a.person@example.org."), (decltype(found("")){{K::Email, "a.person@example.org"}}));
    EXPECT_EQ(found("case CN123456 closed"), (decltype(found("")){{K::CaseNumber, "CN123456"}}));
    EXPECT_EQ(found("case no. 2024/0871"), (decltype(found("")){{K::CaseNumber, "2024/0871"}}));
    EXPECT_TRUE(found("I spent 3.5 hours on PCF 6 and SWE 4.6 in 2026.").empty());
}

TEST(Confidentiality, RedactsAndAnonymises) {
    EXPECT_EQ(redactText("Mrs Jones (DOB 03/04/2015) at SW1A 1AA"),
              "Mrs [name] (DOB [date of birth]) at [postcode]");
    Portfolio p = fixture();
    p.find(kE1)->fields["learned"] = "Met Mr Smith, email smith@example.org";
    p.comments.push_back({"c1", kE1, "Pat Mentor", "PE", "Ask Ms Brown", false, "", kNow});
    p.signOffs.push_back({kE1, "Pat Mentor", "PE", entryContentHash(*p.find(kE1)), kNow});
    auto findings = lintPortfolio(p);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].entryId, kE1);
    EXPECT_EQ(findings[0].field, "fields.learned");
    EXPECT_EQ(findings[0].at.offset, 7u);
    EXPECT_EQ(findings[2].field, "comments[0].text");
    Portfolio anon = anonymisePortfolio(p);
    EXPECT_EQ(anon.profile.name, "Practitioner");
    EXPECT_EQ(anon.profile.registrationNumber, "");
    EXPECT_EQ(anon.comments[0].author, "Reviewer 1");
    EXPECT_EQ(anon.signOffs[0].reviewer, "Reviewer 1");
    EXPECT_EQ(anon.find(kE1)->fields["learned"], "Met Mr [Adult A], email [email]");
    EXPECT_EQ(anon.comments[0].text, "Ask Ms [Adult B]");
    EXPECT_TRUE(lintPortfolio(anon).empty());
    int32_t changed = 0;
    Portfolio redacted = redactPortfolio(p, kNow + 10'000'000'000, &changed);
    EXPECT_EQ(changed, 2);
    EXPECT_TRUE(lintPortfolio(redacted).empty());
    EXPECT_EQ(redacted.profile, p.profile);
    EXPECT_EQ(checkSignOffs(redacted)[0].state, SignOffState::Stale) << "redacting is an edit";
}

TEST(Confidentiality, RedactsOnlyTheChosenFindings) {
    Portfolio p = fixture();
    p.find(kE1)->fields["learned"] = "Met Mr Smith, email smith@example.org, then Ms Brown";
    p.comments.push_back({"c1", kE1, "Pat Mentor", "PE", "Ask Ms Brown", false, "", kNow});
    auto findings = lintPortfolio(p);
    ASSERT_EQ(findings.size(), 4u);
    // Keep the email (the user accepts it), redact both names in the field and the comment.
    std::vector<Finding> chosen;
    for (const auto& f : findings)
        if (f.at.kind == FindingKind::Name) chosen.push_back(f);
    ASSERT_EQ(chosen.size(), 3u);
    int32_t changed = 0, skipped = 0;
    Portfolio r = redactFindings(p, chosen, kNow + 10'000'000'000, &changed, &skipped);
    EXPECT_EQ(r.find(kE1)->fields["learned"],
              "Met Mr [name], email smith@example.org, then Ms [name]");
    EXPECT_EQ(r.comments[0].text, "Ask Ms [name]");
    EXPECT_EQ(changed, 2);
    EXPECT_EQ(skipped, 0);
    EXPECT_EQ(r.find(kE1)->updatedMs, kNow + 10'000'000'000);
    EXPECT_EQ(r.find(kE2)->updatedMs, p.find(kE2)->updatedMs) << "untouched entries keep times";
    ASSERT_EQ(lintPortfolio(r).size(), 1u);
    EXPECT_EQ(lintPortfolio(r)[0].at.kind, FindingKind::Email);

    // A finding that no longer matches its text (edited since the check) is left alone.
    Portfolio edited = p;
    edited.find(kE1)->fields["learned"] = "Rewritten since the check";
    Portfolio same = redactFindings(edited, chosen, kNow + 5, &changed, &skipped);
    EXPECT_EQ(same.find(kE1)->fields["learned"], "Rewritten since the check");
    EXPECT_EQ(skipped, 2);
}

TEST(Confidentiality, NeverCrashesOnOddText) {
    std::mt19937_64 rng(42);
    const std::string alphabet = "Mr s.0123456789-/@()+ABCDEFabc\n\xC3\xA9";
    for (int i = 0; i < 2000; ++i) {
        std::string t;
        size_t n = rng() % 40;
        for (size_t k = 0; k < n; ++k) t.push_back(alphabet[rng() % alphabet.size()]);
        auto fs = scanText(t);
        for (const auto& f : fs) ASSERT_LE(f.offset + f.length, t.size());
        (void)redactText(t);
    }
}

// --- CSV -----------------------------------------------------------------------------------------

TEST(Csv, QuotesAndParsesBack) {
    const std::vector<std::string> row = {"plain", "a,b", "say \"hi\"", "two\nlines", " pad", "=SUM(A1)", ""};
    const std::string text = csvRow(row) + csvRow({"x"});
    EXPECT_EQ(csvRow({"a", "b"}), "a,b\r\n");
    std::string err;
    auto t = parseCsv(text, err);
    ASSERT_TRUE(t) << err;
    ASSERT_EQ(t->rows.size(), 2u);
    std::vector<std::string> expect = row;
    expect[5] = "'=SUM(A1)";
    EXPECT_EQ(t->rows[0], expect);
    EXPECT_EQ(t->lines[1], 3u);
    EXPECT_FALSE(parseCsv("a,\"b\n", err));
    EXPECT_NE(err.find("line 1"), std::string::npos);
    EXPECT_FALSE(parseCsv("\"a\"b,c\n", err));
}

// --- exports ---------------------------------------------------------------------------------------

TEST(Export, HtmlEscapesEveryUserText) {
    Portfolio p = fixture();
    const std::string x = "<script>alert(1)</script>\"'&";
    p.profile.name = x;
    p.profile.employer = x;
    Entry& e = *p.find(kE1);
    e.title = x;
    for (auto& [k, v] : e.fields)
        if (k != "hours" && k != "type" && k != "peer_role") v = x;
    e.tags.push_back(x);
    e.attachments.push_back({x, x});
    p.comments.push_back({"c1", kE1, x, x, x, true, "", kNow});
    p.signOffs.push_back({kE1, x, x, x, kNow});
    ExportContext ctx{Catalog::builtin(), d("2026-10-15"), kNow};
    for (auto fmt : {ExportFormat::Html, ExportFormat::Moderation}) {
        std::string html = exportPortfolio(p, fmt, ctx);
        EXPECT_EQ(html.find("<script"), std::string::npos);
        EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
    }
    EXPECT_NE(exportHtml(p, ctx).find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), std::string::npos);
}

TEST(Export, HtmlShowsMappingTitlesAndSignOffState) {
    Portfolio p = fixture();
    p.signOffs.push_back({kE1, "Pat Mentor", "PE", entryContentHash(*p.find(kE1)), kNow});
    p.signOffs.push_back({kE2, "Pat Mentor", "PE", sha256Hex("old"), kNow});
    ExportContext ctx{Catalog::builtin(), d("2026-10-15"), kNow};
    const std::string html = exportHtml(p, ctx);
    EXPECT_NE(html.find("Critical reflection and analysis"), std::string::npos);
    EXPECT_NE(html.find("unchanged since signed"), std::string::npos);
    EXPECT_NE(html.find("NOT VALID"), std::string::npos);
    EXPECT_NE(html.find("page-break-before:always"), std::string::npos);
    const std::string mod = exportModerationPack(p, ctx);
    EXPECT_EQ(mod.find("Alex Invented"), std::string::npos);
    EXPECT_EQ(mod.find("Pat Mentor"), std::string::npos);
    EXPECT_NE(mod.find("unchanged since signed"), std::string::npos) << "checked on the original";
}

TEST(Export, IcsHasReviewsAndDeadline) {
    ExportContext ctx{Catalog::builtin(), d("2026-10-15"), kNow};
    const std::string ics = exportIcs(fixture(), ctx);
    EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
    EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261230"), std::string::npos); // 3-month review
    EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261130"), std::string::npos); // renewal deadline
    for (size_t pos = 0, next; (next = ics.find("\r\n", pos)) != std::string::npos; pos = next + 2)
        EXPECT_LE(next - pos, 75u);
}

TEST(Export, SweTextHasTheFormBoxes) {
    ExportContext ctx{Catalog::builtin(), d("2026-10-15"), kNow};
    const std::string t = exportSweText(fixture(), ctx);
    EXPECT_NE(t.find("What did you learn:\nHow to observe attachment"), std::string::npos);
    EXPECT_NE(t.find("Registration year 2025-12-01/2026-11-30"), std::string::npos);
}

// --- imports and round trips -------------------------------------------------------------------

TEST(RoundTrip, JsonAndLeap2aGiveTheSamePortfolio) {
    Portfolio p = fixture();
    p.comments.push_back({"c1", kE1, "Pat", "PE", "Fine & <good>", false, "pass", kNow});
    p.signOffs.push_back({kE1, "Pat", "PE", entryContentHash(*p.find(kE1)), kNow});
    p.find(kE2)->fields["gibbs.analysis"] = "Line one\nline two \xE2\x80\x94 with a dash";
    ExportContext ctx{Catalog::builtin(), d("2026-10-15"), kNow};
    Portfolio empty;
    empty.profile.name = "Someone Else";
    ImportOptions replace{Catalog::builtin(), kNow, true};
    for (auto fmt : {ExportFormat::Json, ExportFormat::Leap2a}) {
        const std::string bytes = exportPortfolio(p, fmt, ctx);
        auto r = importInto(empty, fmt == ExportFormat::Json ? ImportFormat::Json : ImportFormat::Leap2a,
                            bytes, replace);
        ASSERT_TRUE(r.portfolio) << r.error;
        EXPECT_EQ(*r.portfolio, p) << exportFormatId(fmt);
        // Merging into the original changes nothing.
        ImportOptions merge{Catalog::builtin(), kNow, false};
        auto again = importInto(p, fmt == ExportFormat::Json ? ImportFormat::Json : ImportFormat::Leap2a,
                                bytes, merge);
        ASSERT_TRUE(again.portfolio) << again.error;
        EXPECT_EQ(*again.portfolio, p);
        EXPECT_EQ(again.report.added, 0);
    }
}

TEST(Import, MaharaLeap2aMapsTypesAndReportsSkips) {
    const std::string xml = readFixture("exchange/mahara-export.xml");
    ASSERT_FALSE(xml.empty());
    Portfolio into;
    into.profile.name = "Sam Example";
    auto r = importInto(into, ImportFormat::Leap2a, xml, {Catalog::builtin(), kNow, false});
    ASSERT_TRUE(r.portfolio) << r.error;
    std::map<std::string, EntryKind> kinds;
    for (const auto& e : r.portfolio->entries) kinds[e.title] = e.kind;
    EXPECT_EQ(kinds["Reflecting on my first court hearing"], EntryKind::Reflection);
    EXPECT_EQ(kinds["Complete court skills training"], EntryKind::Goal);
    EXPECT_EQ(kinds["Supervision with practice educator"], EntryKind::Supervision);
    EXPECT_EQ(kinds["Motivational interviewing"], EntryKind::Note);
    EXPECT_EQ(kinds["Safeguarding level 3 certificate"], EntryKind::Cpd);
    EXPECT_EQ(kinds["Something new"], EntryKind::Note);
    const Entry* refl = nullptr;
    for (const auto& e : r.portfolio->entries)
        if (e.kind == EntryKind::Reflection) refl = &e;
    ASSERT_TRUE(refl);
    EXPECT_EQ(refl->date, d("2026-10-12"));
    EXPECT_NE(refl->field("driscoll.what").find("nervous & prepared"), std::string::npos);
    EXPECT_EQ(refl->tags, std::vector<std::string>{"pcf:6"});
    EXPECT_EQ(r.report.skipped.size(), 2u); // the person and the collection
    // Importing again adds nothing.
    auto again = importInto(*r.portfolio, ImportFormat::Leap2a, xml, {Catalog::builtin(), kNow, false});
    ASSERT_TRUE(again.portfolio);
    EXPECT_EQ(*again.portfolio, *r.portfolio);
}

TEST(Import, CsvTrainingRecords) {
    const std::string csv = readFixture("exchange/training-records.csv");
    ASSERT_FALSE(csv.empty());
    Portfolio into;
    into.profile.name = "Sam Example";
    auto r = importCsv(into, csv, {Catalog::builtin(), kNow, false});
    ASSERT_TRUE(r.portfolio) << r.error;
    EXPECT_EQ(r.report.added, 3);
    ASSERT_EQ(r.report.skipped.size(), 2u);
    EXPECT_NE(r.report.skipped[0].find("not a date"), std::string::npos);
    EXPECT_NE(r.report.skipped[1].find("no title"), std::string::npos);
    const auto& es = r.portfolio->entries;
    EXPECT_EQ(es[0].title, "Safeguarding adults, level 2");
    EXPECT_EQ(es[0].date, d("2026-03-04"));
    EXPECT_EQ(es[0].field("hours"), "3.5");
    EXPECT_EQ(es[1].field("hours"), "1.5"); // "90 mins"
    EXPECT_EQ(es[1].field("type"), "e-learning");
    EXPECT_EQ(es[2].date, d("2026-05-21")); // "21 May 2026"
    auto again = importCsv(*r.portfolio, csv, {Catalog::builtin(), kNow, false});
    ASSERT_TRUE(again.portfolio);
    EXPECT_EQ(again.portfolio->entries.size(), 3u);
}

TEST(Import, BadFilesGiveAnErrorAndNoPortfolio) {
    Portfolio into = fixture();
    ImportOptions opt{Catalog::builtin(), kNow, false};
    for (auto [fmt, bytes] : std::vector<std::pair<ImportFormat, std::string>>{
             {ImportFormat::Json, "{\"format\": \"pathway-portfolio\""},
             {ImportFormat::Json, "[]"},
             {ImportFormat::Leap2a, "<feed><entry>"},
             {ImportFormat::Leap2a, "<html/>"},
             {ImportFormat::Csv, "Name,Colour\nx,y\n"},
             {ImportFormat::Csv, "Title,Date\nA,not a date\n"},
             {ImportFormat::Csv, "Title,Date\n\"open,2026-01-01\n"},
             {ImportFormat::Csv, "Title,Date\n\xFF\xFE,2026-01-01\n"}}) {
        auto r = importInto(into, fmt, bytes, opt);
        EXPECT_FALSE(r.portfolio) << bytes;
        EXPECT_FALSE(r.error.empty()) << bytes;
    }
}

TEST(Cohort, RowsAndReports) {
    Portfolio p = fixture();
    auto row = cohortRow({"alex.json", p}, Catalog::builtin(), d("2026-10-15"));
    EXPECT_EQ(row.name, "Alex Invented");
    EXPECT_EQ(row.stage, "asye");
    EXPECT_EQ(row.nextReview.value_or(""), "3-month review");
    EXPECT_EQ(row.lastActivity, d("2026-10-09"));
    std::string err;
    auto table = parseCsv(cohortCsv({row, row}), err);
    ASSERT_TRUE(table) << err;
    EXPECT_EQ(table->rows.size(), 3u);
    EXPECT_NE(cohortHtml({row}, Catalog::builtin(), d("2026-10-15")).find("Framework coverage"), std::string::npos);
}

TEST(Export, HtmlDeclaresFontsForEveryScriptAndKeepsTheTextAsWritten) {
    Portfolio p = fixture();
    // Invented: Polish, Vietnamese, Greek, Cyrillic, Arabic, Bengali, Chinese and an emoji.
    const std::string name = "\xc5\x81ukasz Nguy\xe1\xbb\x85n \xce\x91\xce\xbb\xce\xad\xce\xbe\xce\xb7\xcf\x82 "
                             "\xd0\x9e\xd0\xbb\xd0\xb5\xd0\xb3 \xd9\x85\xd8\xad\xd9\x85\xd8\xaf "
                             "\xe0\xa6\xb0\xe0\xa6\xb9\xe0\xa6\xbf\xe0\xa6\xae \xe6\x9d\x8e \xf0\x9f\x98\x80";
    p.profile.name = name;
    ExportContext ctx{Catalog::builtin(), d("2026-10-15"), kNow};
    for (auto fmt : {ExportFormat::Html, ExportFormat::Moderation}) {
        const std::string html = exportPortfolio(p, fmt, ctx);
        EXPECT_NE(html.find(std::string("body{font-family:") + kHtmlFontStack), std::string::npos);
        if (fmt == ExportFormat::Html) {
            EXPECT_NE(html.find(name), std::string::npos);
        }
    }
    for (const char* family : {"Inter", "\"Noto Sans Arabic\"", "\"Noto Sans Bengali\"",
                               "\"Noto Sans Gurmukhi\"", "\"Noto Sans Devanagari\"",
                               "\"WenQuanYi Micro Hei\"", "Symbola", "sans-serif"})
        EXPECT_NE(std::string(kHtmlFontStack).find(family), std::string::npos) << family;
}
