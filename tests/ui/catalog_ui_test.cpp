// Issue 15, point 5 in headless frames: Settings -> Frameworks and rules -> "Add a framework
// file". The file goes into the session's catalogue (status, the Frameworks screen), is kept
// through the Host with the user's data (NullHost::catalogFiles stands for the data folder or
// IndexedDB) and is there again when the App next starts; a bad file changes nothing.
#include "ui_harness.hpp"

#include "pathway/core/files.hpp"

using namespace pathway;
using test::UiHarness;

namespace {

std::string fixture(const std::string& name) {
    std::string bytes;
    EXPECT_TRUE(core::readFile(std::string(PATHWAY_FIXTURES_DIR) + "/" + name, bytes, 1u << 20))
        << name;
    return bytes;
}

/// A children's practitioner with one CPD piece tagged against the academy's framework, on a
/// day the fixture framework (valid from 2027-04-01) is in force.
void startPortfolio(UiHarness& h) {
    core::Profile profile;
    profile.name = "Sam Example";
    profile.setting = core::Setting::ChildrenAndFamilies;
    ASSERT_TRUE(h.session->store().apply(core::cmd::SetProfile{profile}));
    core::Entry e;
    e.kind = core::EntryKind::Cpd;
    e.title = "Court skills";
    e.date = *core::Date::parse("2027-04-20");
    e.fields["hours"] = "2";
    e.tags = {"early-career:2.1"};
    ASSERT_TRUE(h.session->store().apply(core::cmd::AddEntry{e}));
    ASSERT_TRUE(h.session->save());
}

constexpr float kTall = 3200; // the whole Settings screen on one page

} // namespace

TEST(UiCatalogTest, AddAFrameworkFileInSettingsKeepsItAndUsesIt) {
    UiHarness h(1280, kTall, *core::Date::parse("2027-05-01"));
    startPortfolio(h);
    ui::App& app = h.start();
    EXPECT_EQ(app.status().unknownTags, std::vector<std::string>{"early-career:2.1"});
    app.show(ui::Screen::Settings);
    h.frames(3);
    h.click("settings.catalog.add");
    EXPECT_EQ(h.host.requestedPurpose, "catalog");
    EXPECT_EQ(app.awaitingFile(), "catalog");

    // The picker hands the file back (as the page or the desktop's dialog would).
    app.receiveFile("catalog", "early-career-2027.json", fixture("frameworks/early-career-2027.json"));
    h.frames(3);
    EXPECT_EQ(app.screen(), ui::Screen::Settings);
    EXPECT_EQ(app.catalogMessage(),
              "Added early-career-2027.json: Child and family early career standards (test "
              "fixture) (2026).");
    ASSERT_NE(h.session->catalog().framework("early-career"), nullptr);
    EXPECT_TRUE(app.status().unknownTags.empty()); // the status follows the catalogue
    bool covered = false;
    for (const core::CoverageCell& cell : app.status().coverage)
        covered |= cell.tag == "early-career:2.1" && cell.count == 1;
    EXPECT_TRUE(covered);
    ASSERT_EQ(h.host.catalogFiles.size(), 1u);
    EXPECT_EQ(h.host.catalogFiles.at("early-career-2027.json"),
              fixture("frameworks/early-career-2027.json"));
    EXPECT_TRUE(h.visible("settings.catalog.remove.early-career-2027.json"));
    // Nothing of it goes into the portfolio file.
    EXPECT_EQ(h.storage.bytes.find("early career standards"), std::string::npos);

    // The Frameworks screen offers it beside the built-ins.
    app.show(ui::Screen::Frameworks);
    h.frames(3);
    bool shown = false;
    for (const auto& w : ui::widgets().rects())
        shown |= w.id.find("early-career") != std::string::npos ||
                 w.label.find("Early career (test)") != std::string::npos ||
                 w.label.find("early career standards") != std::string::npos;
    EXPECT_TRUE(shown);
}

TEST(UiCatalogTest, KeptFrameworkFileIsThereNextStartAndCanBeRemoved) {
    std::map<std::string, std::string> kept;
    {
        UiHarness h(1280, kTall, *core::Date::parse("2027-05-01"));
        startPortfolio(h);
        ui::App& app = h.start();
        EXPECT_EQ(app.addCatalogFile("early-career-2027.json",
                                     fixture("frameworks/early-career-2027.json")),
                  "");
        kept = h.host.catalogFiles;
    }
    UiHarness h(1280, kTall, *core::Date::parse("2027-05-01"));
    startPortfolio(h);
    h.host.catalogFiles = kept; // what the data folder (or IndexedDB) held from last time
    ui::App& app = h.start();
    ASSERT_NE(h.session->catalog().framework("early-career"), nullptr);
    EXPECT_TRUE(app.status().unknownTags.empty());
    EXPECT_EQ(app.catalogMessage(), "");
    app.show(ui::Screen::Settings);
    h.frames(3);
    h.click("settings.catalog.remove.early-career-2027.json");
    EXPECT_EQ(h.session->catalog().framework("early-career"), nullptr);
    EXPECT_TRUE(h.host.catalogFiles.empty());
    EXPECT_EQ(app.catalogMessage(), "Removed early-career-2027.json.");
    EXPECT_EQ(app.status().unknownTags, std::vector<std::string>{"early-career:2.1"});
    EXPECT_FALSE(h.visible("settings.catalog.remove.early-career-2027.json"));
}

TEST(UiCatalogTest, BadFrameworkFileSaysWhyAndChangesNothing) {
    UiHarness h(1280, kTall, *core::Date::parse("2027-05-01"));
    startPortfolio(h);
    ui::App& app = h.start();
    app.show(ui::Screen::Settings);
    h.frames(3);
    const size_t frameworks = h.session->catalog().frameworks().size();
    h.click("settings.catalog.add");
    app.receiveFile("catalog", "/home/sam/Downloads/bad-parent.json",
                    fixture("frameworks/bad-parent.json"));
    h.frames(3);
    EXPECT_EQ(app.catalogMessage().rfind("Could not add bad-parent.json: bad-parent.json: ", 0), 0u)
        << app.catalogMessage();
    EXPECT_NE(app.catalogMessage().find("Nothing was changed."), std::string::npos);
    EXPECT_EQ(h.session->catalog().frameworks().size(), frameworks);
    EXPECT_TRUE(h.session->catalogFiles().empty());
    EXPECT_TRUE(h.host.catalogFiles.empty());
    EXPECT_EQ(h.session->catalogRevision(), 0u);

    // Not a catalogue file at all (a portfolio picked by mistake): the same.
    EXPECT_NE(app.addCatalogFile("portfolio.json", h.storage.bytes), "");
    EXPECT_NE(app.catalogMessage().find("not a catalogue format"), std::string::npos)
        << app.catalogMessage();
    EXPECT_TRUE(h.host.catalogFiles.empty());
}

TEST(UiCatalogTest, WithoutAPickerThePathIsTypedAndOddNamesStayPlain) {
    UiHarness h(1280, kTall, *core::Date::parse("2027-05-01"));
    startPortfolio(h);
    h.host.hasPicker = false;
    h.host.files.push_back({"/tmp/our academy/ECF (2027).json",
                            fixture("frameworks/early-career-2027.json")});
    ui::App& app = h.start();
    app.show(ui::Screen::Settings);
    h.frames(3);
    h.click("settings.catalog.add");
    h.type("file.path", "/tmp/our academy/ECF (2027).json");
    h.click("file.open");
    ASSERT_NE(h.session->catalog().framework("early-career"), nullptr) << app.catalogMessage();
    // Kept under a plain file name: no folders, spaces or brackets reach the data folder.
    ASSERT_EQ(h.host.catalogFiles.size(), 1u);
    EXPECT_EQ(h.host.catalogFiles.begin()->first, "ECF--2027-.json");
    EXPECT_FALSE(h.visible("file.path"));
}

TEST(UiCatalogTest, KeptFileThatNoLongerLoadsIsReportedAndKept) {
    UiHarness h(1280, kTall, *core::Date::parse("2027-05-01"));
    startPortfolio(h);
    h.host.catalogFiles["broken.json"] = "{\"format\": \"pathway-framework/1\"";
    ui::App& app = h.start();
    EXPECT_EQ(app.catalogMessage().rfind("broken.json, added before, is not in use: ", 0), 0u)
        << app.catalogMessage();
    EXPECT_TRUE(h.session->catalogFiles().empty());
    EXPECT_EQ(h.host.catalogFiles.count("broken.json"), 1u); // never deleted unasked
}
