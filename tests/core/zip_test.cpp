// The zip reader (zip.hpp) and Mahara's export zip (leap2a.hpp readLeap2aZip) through the
// import every screen and the CLI use. The fixture is made by scripts/make-mahara-zip.py.
#include "pathway/core/catalog.hpp"
#include "pathway/core/date.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/zip.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;

namespace {

constexpr int64_t kNow = 1'790'000'000'000;

std::string maharaZip() { return readFixture("exchange/mahara-export.zip"); }

const Entry* byTitle(const Portfolio& p, std::string_view title) {
    for (const auto& e : p.entries)
        if (e.title == title) return &e;
    return nullptr;
}

bool anyContains(const std::vector<std::string>& lines, std::string_view what) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(what) != std::string::npos; });
}

ImportOptions zipOptions() {
    ImportOptions o{Catalog::builtin(), kNow, false};
    o.sourceName = "mahara-export.zip";
    return o;
}

} // namespace

TEST(Zip, ListsMembersAndReadsThemBack) {
    const std::string zip = maharaZip();
    ASSERT_FALSE(zip.empty());
    EXPECT_TRUE(looksLikeZip(zip));
    ZipListing list = listZip(zip);
    ASSERT_TRUE(list.ok()) << list.error;
    std::vector<std::string> names;
    for (const auto& m : list.members) names.push_back(m.name);
    EXPECT_EQ(names, (std::vector<std::string>{"files/", "leap2a.xml", "files/11-Home visit checklist.pdf",
                                               "files/12-\xC5\x81ukasz's notes.txt", "files/99-not attached.txt"}));
    EXPECT_TRUE(list.members[0].directory);
    ZipBytes notes = readZipMember(zip, "files/12-\xC5\x81ukasz's notes.txt", 1024);
    ASSERT_TRUE(notes.bytes) << notes.error;
    EXPECT_EQ(*notes.bytes, "Notes in an invented name: \xC5\x81ukasz.\n");
    EXPECT_EQ(list.members[4].size, 22u);
}

TEST(Zip, RefusesMissingLargeDamagedAndNonZipInput) {
    const std::string zip = maharaZip();
    ASSERT_FALSE(zip.empty());
    ZipBytes missing = readZipMember(zip, "files/none.pdf", 1024);
    EXPECT_FALSE(missing.bytes);
    EXPECT_NE(missing.error.find("no file files/none.pdf"), std::string::npos);
    // Larger than the caller allows: refused before anything is inflated.
    ZipBytes big = readZipMember(zip, "leap2a.xml", 100);
    EXPECT_FALSE(big.bytes);
    EXPECT_NE(big.error.find("too large"), std::string::npos);
    // Cut short: the central directory at the end is gone.
    EXPECT_FALSE(listZip(std::string_view(zip).substr(0, zip.size() / 2)).ok());
    EXPECT_FALSE(looksLikeZip("<?xml version=\"1.0\"?>"));
    EXPECT_FALSE(listZip("not a zip at all").ok());
    EXPECT_FALSE(listZip("").ok());
    // A byte of leap2a.xml's compressed data changed: inflate or the CRC check refuses it.
    const size_t at = zip.find("leap2a.xml");
    ASSERT_NE(at, std::string::npos);
    std::string damaged = zip;
    damaged[at + 10 + 40] = static_cast<char>(damaged[at + 10 + 40] ^ 0x55);
    ZipBytes bad = readZipMember(damaged, "leap2a.xml", 1 << 20);
    EXPECT_FALSE(bad.bytes);
    EXPECT_FALSE(bad.error.empty());
}

TEST(Zip, MaharaExportImportsWithItsAttachmentsListed) {
    const std::string zip = maharaZip();
    ASSERT_FALSE(zip.empty());
    Portfolio into;
    into.profile.name = "Alex Sample";
    ImportResult r = importInto(into, ImportFormat::Leap2a, zip, zipOptions());
    ASSERT_TRUE(r.portfolio) << r.error;
    const Portfolio& p = *r.portfolio;
    EXPECT_EQ(p.profile.name, "Alex Sample"); // a foreign feed keeps our profile
    // The journal post has both files it links to, referring to their place in the zip.
    const Entry* post = byTitle(p, "Reflecting on a first home visit");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->kind, EntryKind::Reflection);
    EXPECT_EQ(post->date, d("2026-10-05"));
    // Mahara's times carry an offset ("+00:00"): read, not replaced by the import's clock.
    EXPECT_EQ(post->createdMs, *parseTimestamp("2026-10-05T16:00:00Z"));
    EXPECT_EQ(post->updatedMs, *parseTimestamp("2026-10-06T08:00:00Z"));
    ASSERT_EQ(post->attachments.size(), 2u);
    EXPECT_EQ(post->attachments[0].name, "Home visit checklist.pdf");
    EXPECT_EQ(post->attachments[0].ref, "mahara-export.zip: files/11-Home visit checklist.pdf");
    EXPECT_EQ(post->attachments[1].name, "\xC5\x81ukasz's notes.txt");
    EXPECT_EQ(post->attachments[1].ref, "mahara-export.zip: files/12-\xC5\x81ukasz's notes.txt");
    // Each file is a note of its own, holding its file (by enclosure or by content src).
    const Entry* file = byTitle(p, "Home visit checklist.pdf");
    ASSERT_TRUE(file);
    EXPECT_EQ(file->kind, EntryKind::Note);
    EXPECT_EQ(file->field("body"), "The team's checklist, blank.");
    ASSERT_EQ(file->attachments.size(), 1u);
    const Entry* notes = byTitle(p, "\xC5\x81ukasz's notes.txt");
    ASSERT_TRUE(notes);
    ASSERT_EQ(notes->attachments.size(), 1u);
    // A file the feed names but the zip lacks: said, and the entry kept without it.
    const Entry* lost = byTitle(p, "Lost scan.png");
    ASSERT_TRUE(lost);
    EXPECT_TRUE(lost->attachments.empty());
    EXPECT_TRUE(anyContains(r.report.notes, "files/13-Lost scan.png is not in the zip"));
    // The report lists every attachment with its size and entry, and the file nobody uses.
    const auto& a = r.report.attachments;
    EXPECT_TRUE(anyContains(a, "files/11-Home visit checklist.pdf (71 bytes): \"Reflecting on a first home visit\""));
    EXPECT_TRUE(anyContains(a, "files/11-Home visit checklist.pdf (71 bytes): \"Home visit checklist.pdf\""));
    EXPECT_TRUE(anyContains(a, "files/99-not attached.txt (22 bytes): no entry uses it"));
    EXPECT_FALSE(anyContains(a, "leap2a.xml"));
    EXPECT_EQ(a.size(), 5u);
    EXPECT_EQ(r.report.skipped.size(), 1u); // the author's profile
    EXPECT_NE(byTitle(p, "Complete court skills training"), nullptr);
    // Importing the same zip again adds nothing; the saved portfolio reads back the same.
    ImportResult again = importInto(p, ImportFormat::Leap2a, zip, zipOptions());
    ASSERT_TRUE(again.portfolio) << again.error;
    EXPECT_EQ(again.report.added, 0);
    EXPECT_EQ(*again.portfolio, p);
}

TEST(Zip, AZipThatIsNotAPortfolioChangesNothing) {
    Portfolio into;
    into.profile.name = "Alex Sample";
    const std::string zip = maharaZip();
    ASSERT_FALSE(zip.empty());
    // Cut short.
    ImportResult cut = importInto(into, ImportFormat::Leap2a, zip.substr(0, zip.size() - 30), zipOptions());
    EXPECT_FALSE(cut.portfolio);
    EXPECT_NE(cut.error.find("zip cannot be read"), std::string::npos);
    // A zip with no leap2a.xml: the fixture with the name changed in both headers.
    std::string renamed = zip;
    for (size_t at = renamed.find("leap2a.xml"); at != std::string::npos; at = renamed.find("leap2a.xml", at + 1))
        renamed.replace(at, 10, "notes1.xml");
    ImportResult none = importInto(into, ImportFormat::Leap2a, renamed, zipOptions());
    EXPECT_FALSE(none.portfolio);
    EXPECT_NE(none.error.find("no leap2a.xml"), std::string::npos);
}
