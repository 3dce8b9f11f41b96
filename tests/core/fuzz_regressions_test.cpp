// Inputs that once broke a fuzz target (tests/fuzz/), kept in tests/fixtures/fuzz-regressions/
// <target>/ and checked here with the same property the fuzzer checks. scripts/fuzz.sh replays
// them too before fuzzing.
#include "test_support.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace pathway;

namespace {

std::vector<std::string> regressionInputs(const std::string& target) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(
             test::fixturePath("fuzz-regressions/" + target), ec))
        files.push_back(f.path().string());
    return files;
}

} // namespace

TEST(FuzzRegressions, CsvImportsAlwaysSaveAsLoadablePortfolios) {
    const auto files = regressionInputs("csv");
    ASSERT_FALSE(files.empty());
    for (const auto& path : files) {
        std::string bytes;
        ASSERT_TRUE(core::readFile(path, bytes, 1u << 20)) << path;
        core::Portfolio into;
        into.profile.name = "Fuzz";
        core::ImportResult r = core::importCsv(into, bytes, {core::Catalog::builtin(), 0});
        if (!r.portfolio) {
            EXPECT_FALSE(r.error.empty()) << path;
            continue;
        }
        core::LoadResult back = core::parsePortfolio(core::serializePortfolio(*r.portfolio));
        EXPECT_TRUE(back.ok()) << path << ": " << back.error;
    }
}

TEST(FuzzRegressions, CsvDatesBefore1900AreSkippedNotImported) {
    core::Portfolio into;
    core::ImportResult r = core::importCsv(
        into, "Title,Date,Hours\nOld,3 March 0026,1\nAlso old,03/03/0026,1\nFine,3 March 2026,1\n",
        {core::Catalog::builtin(), 0});
    ASSERT_TRUE(r.portfolio) << r.error;
    ASSERT_EQ(r.portfolio->entries.size(), 1u);
    EXPECT_EQ(r.portfolio->entries[0].title, "Fine");
    EXPECT_TRUE(core::parsePortfolio(core::serializePortfolio(*r.portfolio)).ok());
}

// Files the loaders must refuse with a message, never an exception that ends the program:
// numbers too large for a double (nlohmann throws out_of_range, not parse_error), and a
// portfolio whose "format" is not text (json::value() threw type_error).
TEST(FuzzRegressions, HugeNumbersAreAnErrorNotACrash) {
    for (const auto& path : regressionInputs("feedback")) {
        std::string bytes;
        ASSERT_TRUE(core::readFile(path, bytes, 1u << 20)) << path;
        core::FeedbackResult r = core::parseFeedback(bytes);
        EXPECT_FALSE(r.feedback) << path;
        EXPECT_FALSE(r.error.empty()) << path;
    }
    for (const auto& path : regressionInputs("portfolio")) {
        std::string bytes;
        ASSERT_TRUE(core::readFile(path, bytes, 1u << 20)) << path;
        core::LoadResult r = core::parsePortfolio(bytes);
        EXPECT_FALSE(r.ok()) << path;
        EXPECT_FALSE(r.error.empty()) << path;
    }
}

// A LEAP2A category that is not UTF-8 was kept in the entry's extra fields, and every save
// after the import threw (nlohmann refuses to write invalid UTF-8).
TEST(FuzzRegressions, Leap2aImportsAlwaysSave) {
    const auto files = regressionInputs("leap2a");
    ASSERT_FALSE(files.empty());
    for (const auto& path : files) {
        std::string bytes;
        ASSERT_TRUE(core::readFile(path, bytes, 1u << 20)) << path;
        core::Portfolio into;
        into.profile.name = "Fuzz";
        core::ImportResult r =
            core::importInto(into, core::ImportFormat::Leap2a, bytes, {core::Catalog::builtin(), 0});
        if (!r.portfolio) continue;
        std::string saved;
        EXPECT_NO_THROW(saved = core::serializePortfolio(*r.portfolio)) << path;
        EXPECT_TRUE(core::parsePortfolio(saved).ok()) << path;
    }
}
