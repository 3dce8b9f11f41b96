// The academy's Cohort screen (issue 20) on 10 invented portfolios (tests/fixtures/cohort,
// written by make_cohort.py): rows, the summary line, sort by "needs attention", filters,
// drill-down into the read-only mentor view and back with the sort and filter kept.
#include "ui_harness.hpp"

#include "pathway/core/files.hpp"

#include <algorithm>
#include <filesystem>

using namespace pathway;
using pathway::test::UiHarness;

namespace {

/// The fixture folder as the NullHost's "disk": "cohort/<name>.json" -> bytes.
std::vector<std::pair<std::string, std::string>> cohortFiles() {
    std::vector<std::pair<std::string, std::string>> files;
    const std::string dir = std::string(PATHWAY_FIXTURES_DIR) + "/cohort";
    for (const auto& de : std::filesystem::directory_iterator(dir)) {
        std::string bytes;
        EXPECT_TRUE(core::readFile(de.path().string(), bytes, 1u << 24));
        files.emplace_back("cohort/" + de.path().filename().string(), bytes);
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

TEST(CohortScreen, TenPortfoliosSortFilterDrillDownAndBack) {
    UiHarness h(1280, 2600);
    h.host.files = cohortFiles();
    h.host.files.emplace_back("cohort/notes.txt", "not a portfolio");
    ui::App& app = h.start();
    ASSERT_EQ(app.screen(), ui::Screen::Welcome); // an academy lead needs no portfolio
    h.click("welcome.cohort");
    ASSERT_EQ(app.screen(), ui::Screen::Cohort);
    h.type("cohort.path", "cohort");
    h.click("cohort.open");
    ASSERT_EQ(app.screen(), ui::Screen::Cohort);

    // One row per practitioner, highest risk first; the summary line on top.
    std::vector<std::string> shown = app.cohortShown();
    ASSERT_EQ(shown.size(), 10u);
    for (const char* id : {"cohort.row.aisha-invented.json", "cohort.row.jo-dummy.json",
                           "cohort.summary", "cohort.heat.pcf:6"})
        EXPECT_TRUE(h.visible(id)) << id;
    const std::string summary = app.cohortSummary();
    EXPECT_EQ(summary.rfind("5 of 10 need attention: ", 0), 0u) << summary;
    for (const char* part : {"1 review overdue", "1 supervision gap", "1 behind on evidence",
                             "1 with no entries lately", "1 with sign-offs to recheck",
                             "2 renewals not ready"})
        EXPECT_NE(summary.find(part), std::string::npos) << part << " in " << summary;
    // By the sum of the flags' weights (assets/cohort/attention.json): Ben (review overdue 3 +
    // behind 2), Gus (no activity 2 + renewal 2), Cara (gap 3), Dev (renewal 2), Hana
    // (sign-offs 1); the five with nothing to flag after them, by name.
    EXPECT_EQ(shown, (std::vector<std::string>{"Ben Example", "Gus Imaginary", "Cara Sample",
                                               "Dev Placeholder", "Hana Pretend", "Aisha Invented",
                                               "Eli Madeup", "Fay Fictional", "Ivo Notreal",
                                               "Jo Dummy"}));
    // Coverage headers are short, with the item's full name for hover and focus.
    EXPECT_EQ(h.widget("cohort.heat.pcf:6").label, "PCF 6: Critical reflection and analysis");

    // Sort by name, then back to needs attention.
    h.click("cohort.sort.name");
    shown = app.cohortShown();
    EXPECT_TRUE(std::is_sorted(shown.begin(), shown.end()));
    h.click("cohort.sort.attention");
    EXPECT_EQ(app.cohortShown().front(), "Ben Example");

    // Filters: needs attention only, then one team, then a setting.
    h.click("cohort.attention-only");
    shown = app.cohortShown();
    EXPECT_EQ(shown.size(), 5u);
    EXPECT_FALSE(has(shown, "Aisha Invented"));
    h.click("cohort.team.open");
    h.click("cohort.team.South");
    shown = app.cohortShown();
    EXPECT_EQ(shown, (std::vector<std::string>{"Ben Example", "Dev Placeholder", "Hana Pretend"}));
    h.click("cohort.setting.open");
    h.click("cohort.setting.adults");
    EXPECT_EQ(app.cohortShown().size(), 3u);
    h.click("cohort.stage.open");
    h.click("cohort.stage.asye");
    shown = app.cohortShown();
    EXPECT_EQ(shown, (std::vector<std::string>{"Ben Example", "Hana Pretend"}));
    const auto filterBefore = *app.cohortFilter();

    // Drill down: Ben's portfolio read-only, with his ASYE timeline, evidence and flags.
    h.click("cohort.row.ben-example.json");
    ASSERT_EQ(app.screen(), ui::Screen::Mentor);
    EXPECT_EQ(h.widget("mentor.close").label, "Back to cohort");
    EXPECT_TRUE(h.portfolio().entries.empty()) << "the lead's own data is untouched";
    h.click("mentor.close");
    ASSERT_EQ(app.screen(), ui::Screen::Cohort);
    EXPECT_EQ(*app.cohortFilter(), filterBefore);
    EXPECT_EQ(*app.cohortSort(), ui::App::CohortSort::Attention);
    EXPECT_EQ(app.cohortShown(), shown);
    EXPECT_TRUE(h.visible("cohort.row.hana-pretend.json"));
}

TEST(CohortScreen, BrowserPickerFilesArriveThenOpen) {
    UiHarness h(1280, 1600);
    ui::App& app = h.start();
    h.click("welcome.cohort");
    h.click("cohort.pick-folder");
    EXPECT_EQ(h.host.requestedPurpose, "cohort");
    EXPECT_TRUE(h.host.requestedFolder);
    // What the page does with the chosen files: each one, then "done".
    for (const auto& [name, bytes] : cohortFiles()) app.receiveFile("cohort", name.substr(7), bytes);
    app.receiveFile("cohort", "readme.md", "# not a portfolio");
    app.receiveFile("cohort", "broken.json", "{\"format\": \"pathway-portfolio\"");
    app.receiveFile("cohort.done", "", "");
    h.frames(3);
    ASSERT_EQ(app.screen(), ui::Screen::Cohort);
    EXPECT_EQ(app.cohortShown().size(), 10u);
    EXPECT_TRUE(h.visible("cohort.row.broken.json") == false);
}

TEST(CohortScreen, AMissingFolderSaysSoAndKeepsTheCohortShown) {
    UiHarness h(1280, 1600);
    h.host.files = cohortFiles();
    ui::App& app = h.start();
    app.openCohortFolder("cohort");
    h.frames(3);
    ASSERT_EQ(app.cohortShown().size(), 10u);
    h.type("cohort.path", "nowhere");
    h.click("cohort.open");
    EXPECT_EQ(app.cohortShown().size(), 10u) << "a failed open loses nothing";
}
