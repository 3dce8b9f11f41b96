#include "pathway/core/builtin_assets.hpp"
#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <functional>

using namespace pathway::core;
using pathway::test::d;
using pathway::test::readFixture;
using json = nlohmann::json;

namespace {

std::vector<std::string> ids(const std::vector<const Framework*>& frameworks) {
    std::vector<std::string> out;
    for (const Framework* f : frameworks)
        out.push_back(f->id);
    return out;
}

// The smallest valid framework file, for tests that break one field at a time.
json minimalFramework() {
    return json::parse(R"({
        "format": "pathway-framework/1",
        "id": "test-fw",
        "version": "1",
        "title": "Test framework",
        "source": {"publisher": "Test"},
        "valid_from": "2020-01-01",
        "valid_to": null,
        "items": [
            {"id": "1", "title": "One"},
            {"id": "2", "title": "Two"},
            {"id": "3", "title": "Three"},
            {"id": "4", "title": "Four"}
        ]
    })");
}

std::string loadError(const json& j, const char* file = "kss-cf.json") {
    auto r = loadFramework(j.dump(), file);
    return r.ok() ? std::string("(loaded)") : r.error;
}

json builtinAsset(std::string_view path) {
    for (const auto& f : builtinAssets())
        if (f.path == path) return json::parse(f.content);
    return nullptr;
}

} // namespace

TEST(CatalogTest, BuiltinLoadsEveryAssetWithoutErrors) {
    const Catalog& c = Catalog::builtin();
    for (const auto& e : c.loadErrors())
        ADD_FAILURE() << e;
    EXPECT_EQ(c.frameworks().size(), 4u);
    EXPECT_EQ(c.sweCpdRules().size(), 2u); // 2019 and 2021
    EXPECT_EQ(c.asyeRules().size(), 1u);
    EXPECT_EQ(c.reflectiveModels().size(), 4u);
}

TEST(CatalogTest, BuiltinIsLoadedOnce) {
    EXPECT_EQ(&Catalog::builtin(), &Catalog::builtin());
    EXPECT_EQ(Catalog::loadBuiltin().frameworks(), Catalog::builtin().frameworks());
}

TEST(CatalogTest, BuiltinFrameworkCounts) {
    const Catalog& c = Catalog::builtin();
    const Framework* pcf = c.framework("pcf");
    ASSERT_NE(pcf, nullptr);
    EXPECT_EQ(pcf->items.size(), 9u);
    EXPECT_EQ(pcf->version, "2018");
    EXPECT_EQ(pcf->groups.size(), 3u);

    const Framework* kss = c.framework("kss-cf");
    ASSERT_NE(kss, nullptr);
    EXPECT_EQ(kss->items.size(), 10u);
    EXPECT_EQ(kss->appliesTo, Applicability::Children);
    EXPECT_EQ(kss->validTo, d("2027-03-31"));

    const Framework* swe = c.framework("swe");
    ASSERT_NE(swe, nullptr);
    size_t standards = 0, partsOf4 = 0;
    for (const auto& item : swe->items) {
        if (item.parent.empty()) ++standards;
        if (item.parent == "4") ++partsOf4;
    }
    EXPECT_EQ(standards, 6u);
    EXPECT_EQ(partsOf4, 8u);
    EXPECT_EQ(swe->items.size(), 14u);

    const Framework* adults = c.framework("kss-adults");
    ASSERT_NE(adults, nullptr);
    EXPECT_EQ(adults->items.size(), 11u);
    EXPECT_EQ(adults->appliesTo, Applicability::Adults);
    for (const auto& item : adults->items) {
        const bool confirmedHeading = item.id == "10" || item.id == "11";
        EXPECT_EQ(item.confirmed, confirmedHeading) << item.id;
    }
    EXPECT_EQ(adults->item("10")->title, "Professional ethics and leadership");
}

TEST(CatalogTest, PcfLevelsEndWithTheCareerStages) {
    const Framework* pcf = Catalog::builtin().framework("pcf");
    ASSERT_NE(pcf, nullptr);
    ASSERT_EQ(pcf->levels.size(), 9u);
    const CareerStage stages[] = {CareerStage::Asye, CareerStage::SocialWorker,
                                  CareerStage::Experienced, CareerStage::Advanced,
                                  CareerStage::Strategic};
    for (size_t i = 0; i < 5; ++i)
        EXPECT_EQ(pcf->levels[4 + i].id, stageId(stages[i]));
    EXPECT_EQ(pcf->levelIndex("asye"), 4u);
    EXPECT_EQ(pcf->levels[0].id, "entry");
    // The group names are confirmed; of the domain-to-group mapping only Purpose (2, 3, 4) is.
    for (const auto& item : pcf->items) {
        EXPECT_TRUE(item.confirmed);
        EXPECT_EQ(item.groupConfirmed, item.group == "purpose") << item.id;
    }
}

TEST(CatalogTest, FindItemByTag) {
    const Catalog& c = Catalog::builtin();
    ASSERT_NE(c.findItem("pcf:6"), nullptr);
    EXPECT_EQ(c.findItem("pcf:6")->title, "Critical reflection and analysis");
    ASSERT_NE(c.findItem("swe:4.6"), nullptr);
    EXPECT_EQ(c.findItem("swe:4.6")->parent, "4");
    EXPECT_EQ(c.findItem("kss-cf:3")->title, "Child development");
    EXPECT_EQ(c.findItem("pcf:10"), nullptr);
    EXPECT_EQ(c.findItem("nope:1"), nullptr);
    EXPECT_EQ(c.findItem("pcf"), nullptr);
    EXPECT_EQ(c.findItem(":6"), nullptr);
    // Dated lookups see only the version in force.
    EXPECT_NE(c.findItem("kss-cf:3", d("2027-03-31")), nullptr);
    EXPECT_EQ(c.findItem("kss-cf:3", d("2027-04-01")), nullptr);
}

TEST(CatalogTest, FrameworksForSettingAndDate) {
    const Catalog& c = Catalog::builtin();
    using V = std::vector<std::string>;
    EXPECT_EQ(ids(c.frameworksFor(Setting::ChildrenAndFamilies, d("2026-10-01"))),
              (V{"pcf", "swe", "kss-cf"}));
    EXPECT_EQ(ids(c.frameworksFor(Setting::Adults, d("2026-10-01"))),
              (V{"pcf", "swe", "kss-adults"}));
    // The child and family KSS is in force until 31 March 2027, inclusive.
    EXPECT_EQ(ids(c.frameworksFor(Setting::ChildrenAndFamilies, d("2027-03-31"))),
              (V{"pcf", "swe", "kss-cf"}));
    EXPECT_EQ(ids(c.frameworksFor(Setting::ChildrenAndFamilies, d("2027-04-01"))),
              (V{"pcf", "swe"}));
    // Before the regulator's standards existed.
    EXPECT_EQ(ids(c.frameworksFor(Setting::Adults, d("2019-06-01"))), (V{"pcf", "kss-adults"}));
}

TEST(CatalogTest, AddsAFrameworkFileWithoutCodeChanges) {
    Catalog c = Catalog::builtin();
    const std::string bytes = readFixture("frameworks/early-career-2027.json");
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(c.addFile(bytes, "early-career-2027.json"), "");
    using V = std::vector<std::string>;
    EXPECT_EQ(ids(c.frameworksFor(Setting::ChildrenAndFamilies, d("2027-03-31"))),
              (V{"pcf", "swe", "kss-cf"}));
    EXPECT_EQ(ids(c.frameworksFor(Setting::ChildrenAndFamilies, d("2027-04-01"))),
              (V{"pcf", "swe", "early-career"}));
    EXPECT_EQ(ids(c.frameworksFor(Setting::Adults, d("2027-04-01"))),
              (V{"pcf", "swe", "kss-adults"}));
    const FrameworkItem* item = c.findItem("early-career:2.1");
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->parent, "2");
    EXPECT_FALSE(item->confirmed);
    // The built-in catalogue is untouched.
    EXPECT_EQ(Catalog::builtin().framework("early-career"), nullptr);
}

TEST(CatalogTest, VersionsLiveSideBySide) {
    Catalog c = Catalog::builtin();
    json j = builtinAsset("frameworks/pcf.json");
    ASSERT_TRUE(j.is_object());
    j["version"] = "2030";
    j["valid_from"] = "2030-01-01";
    j["items"][5]["title"] = "Critical reflection (2030 wording)";
    ASSERT_EQ(c.addFile(j.dump(), "pcf-2030.json"), "");
    EXPECT_EQ(c.framework("pcf")->version, "2030");
    EXPECT_EQ(c.framework("pcf", d("2026-06-01"))->version, "2018");
    EXPECT_EQ(c.framework("pcf", d("2030-01-01"))->version, "2030");
    EXPECT_EQ(c.framework("pcf", d("2017-12-31")), nullptr);
    EXPECT_EQ(c.frameworkVersion("pcf", "2018")->items[5].title,
              "Critical reflection and analysis");
    EXPECT_EQ(c.findItem("pcf:6")->title, "Critical reflection (2030 wording)");
    EXPECT_EQ(c.findItem("pcf:6", d("2026-06-01"))->title, "Critical reflection and analysis");
    auto forDate = c.frameworksFor(Setting::Adults, d("2031-01-01"));
    ASSERT_FALSE(forDate.empty());
    EXPECT_EQ(forDate[0]->version, "2030");

    // The same id and version replaces; it does not pile up.
    j["title"] = "PCF, corrected";
    ASSERT_EQ(c.addFile(j.dump(), "pcf-2030.json"), "");
    size_t pcfVersions = 0;
    for (const auto& f : c.frameworks())
        pcfVersions += f.id == "pcf" ? 1 : 0;
    EXPECT_EQ(pcfVersions, 2u);
    EXPECT_EQ(c.framework("pcf")->title, "PCF, corrected");
}

TEST(CatalogTest, FrameworkErrorsNameFileAndField) {
    struct Case {
        std::function<void(json&)> breakIt;
        std::string expected;
    };
    const Case cases[] = {
        {[](json& j) { j["items"][3].erase("id"); }, "kss-cf.json: items[3].id: missing"},
        {[](json& j) { j["items"][3]["id"] = 4; }, "kss-cf.json: items[3].id: should be text"},
        {[](json& j) { j["items"][2]["id"] = "1"; },
         "kss-cf.json: items[2].id: \"1\" is used twice"},
        {[](json& j) { j["items"][1]["title"] = " "; }, "kss-cf.json: items[1].title: is empty"},
        {[](json& j) { j["items"][1]["id"] = "pcf:1"; },
         "kss-cf.json: items[1].id: \"pcf:1\" should be"},
        {[](json& j) { j["valid_from"] = "2026-02-30"; },
         "kss-cf.json: valid_from: \"2026-02-30\" is not a date (YYYY-MM-DD)"},
        {[](json& j) { j["valid_to"] = "31/03/2027"; },
         "kss-cf.json: valid_to: \"31/03/2027\" is not a date"},
        {[](json& j) { j["valid_to"] = "2019-12-31"; },
         "kss-cf.json: valid_to: 2019-12-31 is before valid_from 2020-01-01"},
        {[](json& j) { j.erase("valid_to"); },
         "kss-cf.json: valid_to: missing (null when still in force)"},
        {[](json& j) { j["format"] = "pathway-frameworks/1"; },
         "kss-cf.json: format: \"pathway-frameworks/1\" is not"},
        {[](json& j) { j["format"] = "pathway-framework/2"; },
         "kss-cf.json: format: \"pathway-framework/2\" comes from a newer version"},
        {[](json& j) { j.erase("format"); }, "kss-cf.json: format: missing"},
        {[](json& j) { j["items"][1]["parent"] = "9"; },
         "kss-cf.json: items[1].parent: \"9\" is not an item of this framework"},
        {[](json& j) { j["items"][1]["parent"] = "2"; },
         "kss-cf.json: items[1].parent: an item cannot be its own parent"},
        {[](json& j) {
             j["items"][0]["parent"] = "2";
             j["items"][1]["parent"] = "1";
         },
         "kss-cf.json: items[0].parent: parents form a loop"},
        {[](json& j) { j["items"][0]["group"] = "purpose"; },
         "kss-cf.json: items[0].group: \"purpose\" is not a group of this framework"},
        {[](json& j) { j["items"] = json::array(); },
         "kss-cf.json: items: should list at least one item"},
        {[](json& j) { j.erase("items"); }, "kss-cf.json: items: missing"},
        {[](json& j) { j["items"][0]["confirmed"] = "no"; },
         "kss-cf.json: items[0].confirmed: should be true or false"},
        {[](json& j) { j["applies_to"] = "everyone"; },
         "kss-cf.json: applies_to: \"everyone\" should be children, adults or any"},
        {[](json& j) { j["source"].erase("publisher"); }, "kss-cf.json: source.publisher: missing"},
        {[](json& j) { j["id"] = "Test FW"; }, "kss-cf.json: id: \"Test FW\" should be lower-case"},
        {[](json& j) {
             j["levels"] = json::parse(R"([{"id":"a","name":"A"},{"id":"a","name":"B"}])");
         },
         "kss-cf.json: levels[1].id: \"a\" is used twice"},
        {[](json& j) { j = json::array(); }, "kss-cf.json: (top level): should be an object"},
    };
    for (const auto& c : cases) {
        json j = minimalFramework();
        c.breakIt(j);
        const std::string err = loadError(j);
        EXPECT_EQ(err.rfind(c.expected, 0), 0u) << "got: " << err << "\nwanted: " << c.expected;
    }
    EXPECT_EQ(loadError(minimalFramework()), "(loaded)");
}

TEST(CatalogTest, UnreadableFrameworkFiles) {
    EXPECT_EQ(loadFramework("", "x.json").error, "x.json: the file is empty");
    EXPECT_NE(loadFramework("{\"format\": ", "x.json").error.find("x.json: not valid JSON"),
              std::string::npos);
    EXPECT_NE(loadFramework("{\"title\": \"\xff\"}", "x.json").error.find("not valid JSON"),
              std::string::npos);
    const std::string big(kMaxCatalogFileBytes + 1, ' ');
    EXPECT_NE(loadFramework(big, "x.json").error.find("too large"), std::string::npos);
}

TEST(CatalogTest, BadFixtureFileIsRefusedByAddFile) {
    Catalog c = Catalog::builtin();
    const std::string path = pathway::test::fixturePath("frameworks/bad-parent.json");
    std::string bytes;
    ASSERT_TRUE(readFile(path, bytes, kMaxCatalogFileBytes));
    EXPECT_EQ(c.addFile(bytes, path),
              path + ": items[1].parent: \"7\" is not an item of this framework");
    EXPECT_EQ(c.framework("broken"), nullptr);
    EXPECT_EQ(c.addFile("{\"hello\": 1}", "h.json"),
              "h.json: format: missing (not a Pathway catalogue file)");
    EXPECT_EQ(c.addFile("{\"format\": \"pathway-portfolio\"}", "p.json"),
              "p.json: format: \"pathway-portfolio\" is not a catalogue format");
}

TEST(CatalogTest, AddFrameworkValidatesStructsBuiltInCode) {
    Catalog c;
    Framework f;
    f.id = "made-in-code";
    f.version = "1";
    f.title = "Made in code";
    f.validFrom = d("2026-01-01");
    EXPECT_EQ(c.addFramework(f), "items: should list at least one item");
    f.items.push_back({"1", "One"});
    f.items.push_back({"1", "Again"});
    EXPECT_EQ(c.addFramework(f), "items[1].id: \"1\" is used twice");
    f.items.pop_back();
    EXPECT_EQ(c.addFramework(f), "");
    EXPECT_EQ(c.findItem("made-in-code:1")->title, "One");
}

TEST(CatalogTest, SweCpdRuleFromData) {
    const SweCpdRule* r = Catalog::builtin().sweCpdRule(d("2026-05-01"));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->version, "2021");
    EXPECT_EQ(r->yearStart, (MonthDay{12, 1}));
    EXPECT_EQ(r->renewalOpens, (MonthDay{9, 1}));
    EXPECT_EQ(r->deadline, (MonthDay{11, 30}));
    EXPECT_EQ(r->deadlineTime, "23:59");
    EXPECT_EQ(r->minPieces, 2);
    EXPECT_EQ(r->minPeerReflections, 1);
    std::vector<std::string> keys;
    for (const auto& f : r->requiredFields)
        keys.push_back(f.key);
    // No title: the regulator's form has none (a title is Pathway's own help).
    EXPECT_EQ(keys,
              (std::vector<std::string>{"type", "description", "date", "learned", "impact"}));
    EXPECT_EQ(r->firstYearExemptFrom, (MonthDay{9, 1}));
    ASSERT_EQ(r->peerFields.size(), 1u);
    EXPECT_EQ(r->peerFields[0].key, field::kPeerLearned);
}

TEST(CatalogTest, RegistrationYearBoundaries) {
    const SweCpdRule* r = Catalog::builtin().sweCpdRule(d("2026-05-01"));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->yearContaining(d("2026-11-30")).label(), "2025-12-01/2026-11-30");
    EXPECT_EQ(r->yearContaining(d("2026-12-01")).label(), "2026-12-01/2027-11-30");
    EXPECT_EQ(r->yearContaining(d("2026-01-01")).label(), "2025-12-01/2026-11-30");
    const RegistrationYear leap = r->yearContaining(d("2028-02-29"));
    EXPECT_EQ(leap.label(), "2027-12-01/2028-11-30");
    EXPECT_EQ(daysBetween(leap.start, leap.end), 365); // 366 days in all
    EXPECT_EQ(leap.renewalOpens, d("2028-09-01"));
    EXPECT_EQ(leap.deadline, d("2028-11-30"));
}

TEST(CatalogTest, RuleVersionsChosenByDate) {
    Catalog c = Catalog::builtin();
    ASSERT_EQ(c.addFile(readFixture("rules/swe-cpd-2027.json"), "swe-cpd-2027.json"), "");
    bool exact = false;
    EXPECT_EQ(c.sweCpdRule(d("2027-11-30"), &exact)->version, "2021");
    EXPECT_TRUE(exact);
    EXPECT_EQ(c.sweCpdRule(d("2027-12-01"), &exact)->minPieces, 3);
    EXPECT_TRUE(exact);
    // Before every version: the earliest, flagged as approximate.
    EXPECT_EQ(c.sweCpdRule(d("2020-06-01"), &exact)->version, "2019");
    EXPECT_TRUE(exact);
    EXPECT_EQ(c.sweCpdRule(d("2019-06-01"), &exact)->version, "2019");
    EXPECT_FALSE(exact);
    EXPECT_EQ(Catalog().sweCpdRule(d("2026-01-01")), nullptr);
}

TEST(CatalogTest, AsyeRuleFromData) {
    const AsyeRule* r = Catalog::builtin().asyeRule(d("2026-09-07"));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->durationMonths, 12);
    ASSERT_EQ(r->reviews.size(), 4u);
    EXPECT_EQ(r->reviews[2].id, "9m");
    EXPECT_TRUE(r->reviews[2].optional);
    EXPECT_FALSE(r->reviews[3].optional);
    EXPECT_EQ(r->reviews[3].months, 12);
    EXPECT_EQ(r->evidence.size(), 6u);
    EXPECT_DOUBLE_EQ(r->protectedFraction, 0.1);
    EXPECT_DOUBLE_EQ(r->fullTimeWeeklyHours, 37);
    ASSERT_EQ(r->supervision.size(), 3u);
    EXPECT_EQ(r->supervision[0].everyDays, 7);
    EXPECT_EQ(r->supervision[1].everyDays, 14);
    EXPECT_EQ(r->supervision[2].everyDays, 31);
    EXPECT_TRUE(r->appliesToStart(Setting::ChildrenAndFamilies, d("2027-08-31")));
    EXPECT_FALSE(r->appliesToStart(Setting::ChildrenAndFamilies, d("2027-09-01")));
    EXPECT_TRUE(r->appliesToStart(Setting::Adults, d("2027-09-01")));
    // Every review id is a stage a review entry can record.
    const FieldSpec* stage = findField(EntryKind::Review, field::kStage);
    for (const auto& rv : r->reviews) {
        bool found = false;
        for (const auto& ch : stage->choices)
            found = found || ch.id == rv.id;
        EXPECT_TRUE(found) << rv.id;
    }
}

TEST(CatalogTest, AsyeDatesScaleProRataAndSkipWeekends) {
    const AsyeRule* r = Catalog::builtin().asyeRule(d("2026-09-07"));
    ASSERT_NE(r, nullptr);
    const Date start = d("2026-09-07"); // a Monday
    EXPECT_EQ(r->end(start, 1.0), d("2027-09-07"));
    EXPECT_EQ(r->reviewDue(r->reviews[0], start, 1.0), d("2026-12-07"));
    // Six calendar months land on Sunday 7 March 2027: the review moves to Monday.
    EXPECT_EQ(r->reviewCalculated(r->reviews[1], start, 1.0), d("2027-03-07"));
    EXPECT_EQ(r->reviewDue(r->reviews[1], start, 1.0), d("2027-03-08"));
    // Part time (0.6): 91 days / 0.6 = 151.67, rounded up to 152 days; a Saturday -> Monday.
    EXPECT_EQ(r->reviewCalculated(r->reviews[0], start, 0.6), d("2027-02-06"));
    EXPECT_EQ(r->reviewDue(r->reviews[0], start, 0.6), d("2027-02-08"));
    EXPECT_EQ(r->end(start, 0.6), d("2028-05-08")); // 365 / 0.6 = 608.33 -> 609 days
    // Exact quotients stay exact despite binary floating point (91 / 0.7 = 130).
    EXPECT_EQ(r->reviewCalculated(r->reviews[0], start, 0.7), start.addDays(130));
    // A start on 31 August: six months clamp to the end of February, 29th in a leap year.
    EXPECT_EQ(r->reviewCalculated(r->reviews[1], d("2027-08-31"), 1.0), d("2028-02-29"));
}

TEST(CatalogTest, RuleFileErrorsNameFileAndField) {
    std::string bytes = readFixture("rules/broken-asye.json");
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(loadAsyeRule(bytes, "broken-asye.json").error,
              "broken-asye.json: reviews[1].id: \"6mo\" is not a review stage (3m, 6m, 9m, 12m, 18m, "
              "final)");

    json swe;
    for (const auto& f : builtinAssets())
        if (f.path == "rules/swe-cpd.json") swe = json::parse(f.content);
    ASSERT_TRUE(swe.is_object());
    struct Case {
        std::function<void(json&)> breakIt;
        std::string expected;
    };
    const Case cases[] = {
        {[](json& j) { j["piece"]["required_fields"][4]["key"] = "lernt"; },
         "swe-cpd.json: piece.required_fields[4].key: \"lernt\" is not a field of a CPD activity"},
        {[](json& j) { j["registration_year_start"] = "02-29"; },
         "swe-cpd.json: registration_year_start: \"02-29\" is not a day of every year (MM-DD)"},
        {[](json& j) { j["renewal_window"]["deadline"] = "08-31"; },
         "swe-cpd.json: renewal_window.opens: 09-01 comes after the deadline 08-31"},
        {[](json& j) { j["renewal_window"]["deadline_time"] = "24:00"; },
         "swe-cpd.json: renewal_window.deadline_time: \"24:00\" is not a time (HH:MM)"},
        {[](json& j) { j["min_pieces"] = -1; },
         "swe-cpd.json: min_pieces: should be between 0 and 100"},
        {[](json& j) { j["min_pieces"] = 1.5; },
         "swe-cpd.json: min_pieces: should be a whole number"},
        {[](json& j) { j["id"] = "cpd"; }, "swe-cpd.json: id: \"cpd\" should be \"swe-cpd\""},
        {[](json& j) { j["piece"]["kind"] = "training"; },
         "swe-cpd.json: piece.kind: \"training\" is not a kind of entry"},
    };
    for (const auto& c : cases) {
        json j = swe;
        c.breakIt(j);
        auto r = loadSweCpdRule(j.dump(), "swe-cpd.json");
        EXPECT_EQ(r.error.rfind(c.expected, 0), 0u)
            << "got: " << r.error << "\nwanted: " << c.expected;
    }
    EXPECT_TRUE(loadSweCpdRule(swe.dump(), "swe-cpd.json").ok());

    json asye;
    for (const auto& f : builtinAssets())
        if (f.path == "rules/asye.json") asye = json::parse(f.content);
    const Case asyeCases[] = {
        {[](json& j) { j["evidence"][1]["where"]["source"] = "parent"; },
         "asye.json: evidence[1].where.source: \"parent\" is not one of person, professional, "
         "peer"},
        {[](json& j) {
             j["evidence"][1]["where"] = {{"sauce", "person"}};
         },
         "asye.json: evidence[1].where.sauce: \"sauce\" is not a field of a Feedback"},
        {[](json& j) {
             j["supervision"]["cadence"][2]["until"] = {{"months", 9}};
         },
         "asye.json: supervision.cadence[2].until: should be null"},
        {[](json& j) {
             j["supervision"]["cadence"][1]["until"] = {{"weeks", 4}};
         },
         "asye.json: supervision.cadence[1].until: should come after the previous period's end"},
        {[](json& j) {
             j["supervision"]["cadence"][0]["until"] = {{"fortnights", 3}};
         },
         "asye.json: supervision.cadence[0].until.fortnights: should be days, weeks, months or "
         "review"},
        {[](json& j) {
             j["supervision"]["cadence"][1]["until"] = {{"review", "7m"}};
         },
         "asye.json: supervision.cadence[1].until.review: \"7m\" is not one of this rule's "
         "reviews"},
        {[](json& j) { j["weekend"] = "next-monday"; },
         "asye.json: bank_holidays: needs \"weekend\": \"next-working-day\""},
        {[](json& j) { j["applies_to"][0]["setting"] = "health"; },
         "asye.json: applies_to[0]: \"health\" should be children or adults"},
        {[](json& j) { j["protected_time"]["fraction"] = 0; },
         "asye.json: protected_time.fraction: should be more than 0 and at most 1"},
        {[](json& j) { j["evidence"][2]["id"] = "feedback_people"; },
         "asye.json: evidence[2].id: \"feedback_people\" is used twice"},
        {[](json& j) { j["weekend"] = "friday"; },
         "asye.json: weekend: \"friday\" should be next-monday, next-working-day or keep"},
    };
    for (const auto& c : asyeCases) {
        json j = asye;
        c.breakIt(j);
        auto r = loadAsyeRule(j.dump(), "asye.json");
        EXPECT_EQ(r.error.rfind(c.expected, 0), 0u)
            << "got: " << r.error << "\nwanted: " << c.expected;
    }
}

TEST(CatalogTest, ReflectiveModelsMatchTheReflectionChoices) {
    const Catalog& c = Catalog::builtin();
    const FieldSpec* model = findField(EntryKind::Reflection, field::kModel);
    ASSERT_NE(model, nullptr);
    // The choices are the catalogue's models (issue 15: the models come only from the data).
    const std::vector<FieldChoice> choices = c.choicesOf(*model);
    ASSERT_EQ(choices.size(), c.reflectiveModels().size());
    for (const auto& choice : choices) {
        const ReflectiveModel* m = c.reflectiveModel(choice.id);
        ASSERT_NE(m, nullptr) << choice.id;
        for (const auto& s : m->stages) {
            EXPECT_EQ(s.key.rfind(std::string(choice.id) + ".", 0), 0u) << s.key;
            EXPECT_NE(findField(EntryKind::Reflection, s.key), nullptr) << s.key;
            EXPECT_FALSE(s.prompt.empty()) << s.key;
        }
    }
    EXPECT_EQ(c.reflectiveModel("gibbs")->stages.size(), 6u);
    EXPECT_EQ(c.reflectiveModel("kolb")->stages.size(), 4u);
    EXPECT_EQ(c.reflectiveModel("driscoll")->stages.size(), 3u);
    EXPECT_EQ(c.reflectiveModel("schon")->stages.size(), 2u);
    EXPECT_NE(c.reflectiveModel("gibbs")->stage("gibbs.action_plan"), nullptr);
    EXPECT_NE(c.reflectiveModel("driscoll")->stage("driscoll.so_what"), nullptr);
    EXPECT_NE(c.reflectiveModel("schon")->stage("schon.in_action"), nullptr);

    auto bad = loadReflectiveModels(
        R"({"format":"pathway-reflective-models/1","version":"1","models":[{"id":"gibbs","name":"G",)"
        R"("stages":[{"key":"kolb.x","name":"X","prompt":"P"}]}]})",
        "models.json");
    EXPECT_EQ(bad.error,
              "models.json: models[0].stages[0].key: \"kolb.x\" should be gibbs.stage_name");
}
