// The descriptor tables (issue 15, point 2): each entry kind and each export format is one row,
// and everything that lists them (ids, messages, the CLI's usage, the Share screen) reads the
// row. The tables' order is checked at compile time in kinds.cpp and export.cpp; these tests
// check what the rows say, and that reflective models come from the catalogue's data only.
#include "pathway/core/catalog.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/store.hpp"

#include <gtest/gtest.h>

#include <set>

namespace pathway::core {
namespace {

TEST(Descriptors, EveryKindHasOneRowWithAUniqueIdThatParsesBack) {
    ASSERT_EQ(kinds().size(), kKindCount);
    std::set<std::string_view> ids;
    for (size_t i = 0; i < kinds().size(); ++i) {
        const KindSpec& k = kinds()[i];
        EXPECT_EQ(k.kind, kAllKinds[i]);
        EXPECT_TRUE(ids.insert(k.id).second) << k.id;
        EXPECT_EQ(parseKind(k.id), k.kind);
        EXPECT_EQ(kindId(k.kind), k.id);
        EXPECT_EQ(kindLabel(k.kind), k.label);
        EXPECT_EQ(&kindSpec(k.kind), &k);
        EXPECT_EQ(k.leap2aType.substr(0, 6), "leap2:") << k.id;
        EXPECT_GE(k.look.icon, 0xE000u) << k.id << ": a Material Icons code point";
        EXPECT_LE(k.look.icon, 0xF8FFu) << k.id;
    }
    EXPECT_FALSE(parseKind("Cpd"));
    std::string ids2;
    for (const KindSpec& k : kinds()) ids2 += (ids2.empty() ? "" : ", ") + std::string(k.id);
    EXPECT_EQ(kindIdList(), ids2);
    EXPECT_EQ(kindIdList().substr(0, 38), "cpd, reflection, supervision, observat");
    EXPECT_FALSE(kindSpec(EntryKind::Note).offeredToAdd) << "notes come from imports";
    EXPECT_TRUE(kindSpec(EntryKind::Goal).offeredToAdd);
}

TEST(Descriptors, EveryExportFormatHasOneRowAndItsWriterIsTheExport) {
    const Catalog& catalog = Catalog::builtin();
    Portfolio p;
    p.profile.name = "Alex Example";
    ExportContext ctx{catalog, *Date::parse("2026-11-02"), 1'790'000'000'000};
    std::set<std::string_view> ids;
    for (const ExportFormatSpec& f : exportFormats()) {
        EXPECT_TRUE(ids.insert(f.id).second) << f.id;
        EXPECT_EQ(parseExportFormat(f.id), f.format);
        EXPECT_EQ(exportFormatId(f.format), f.id);
        EXPECT_FALSE(f.title.empty() || f.about.empty() || f.extension.empty() || f.mime.empty());
        EXPECT_EQ(exportPortfolio(p, f.format, ctx), f.write(p, ctx)) << f.id;
    }
    EXPECT_EQ(ids.size(), 7u);
    // The check runs before anything with the user's own words leaves the device; the pack
    // redacts everything itself and the calendar has no free text.
    EXPECT_FALSE(exportFormatSpec(ExportFormat::Moderation).needsCheck);
    EXPECT_FALSE(exportFormatSpec(ExportFormat::Ics).needsCheck);
    EXPECT_TRUE(exportFormatSpec(ExportFormat::Html).needsCheck);
    EXPECT_TRUE(exportFormatSpec(ExportFormat::Json).needsCheck);
    EXPECT_EQ(exportFormatIdList(), "html, swe, moderation, csv, leap2a, ics or json");
    EXPECT_EQ(exportFormatIdList("|", "|"), "html|swe|moderation|csv|leap2a|ics|json");
    EXPECT_FALSE(parseExportFormat("pdf"));
}

constexpr const char* kAcademyModels = R"({
  "format": "pathway-reflective-models/1",
  "version": "2026-1",
  "models": [{"id": "rolfe", "name": "Rolfe's framework for reflexive practice",
              "short": "Rolfe", "stages": [
    {"key": "rolfe.what", "name": "What?", "prompt": "Describe the situation."},
    {"key": "rolfe.now_what", "name": "Now what?", "prompt": "What will you do?"}]}]
})";

TEST(Descriptors, TheReflectiveModelChoicesAreTheCataloguesModels) {
    const FieldSpec* model = findField(EntryKind::Reflection, field::kModel);
    ASSERT_NE(model, nullptr);
    EXPECT_TRUE(model->choicesFromModels);
    EXPECT_TRUE(model->choices.empty()) << "no model is written into the code";

    Catalog catalog = Catalog::builtin();
    std::vector<std::string> ids, shorts;
    for (const FieldChoice& c : catalog.choicesOf(*model)) {
        ids.push_back(c.id);
        shorts.push_back(c.shortLabel);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"gibbs", "kolb", "driscoll", "schon"}));
    EXPECT_EQ(shorts, (std::vector<std::string>{"Gibbs", "Kolb", "What? So what? Now what?",
                                                "Sch\xc3\xb6n"}));
    EXPECT_EQ(catalog.choiceLabel(EntryKind::Reflection, "model", "gibbs"), "Gibbs reflective cycle");

    // An academy's models file adds a model without code; its name is the label everywhere.
    ASSERT_EQ(catalog.addFile(kAcademyModels, "rolfe.json"), "");
    ids.clear();
    for (const FieldChoice& c : catalog.choicesOf(*model)) ids.push_back(c.id);
    EXPECT_EQ(ids.back(), "rolfe");
    EXPECT_EQ(catalog.choiceLabel(EntryKind::Reflection, "model", "rolfe"),
              "Rolfe's framework for reflexive practice");
    EXPECT_EQ(catalog.choicesOf(*model).back().shortLabel, "Rolfe");
    // A model the catalogue lacks is shown as its id, and kept.
    EXPECT_EQ(Catalog::builtin().choiceLabel(EntryKind::Reflection, "model", "rolfe"), "rolfe");

    // Fixed choices are the kind's own.
    const FieldSpec* type = findField(EntryKind::Cpd, field::kCpdType);
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(catalog.choicesOf(*type).front().id, "course");
    EXPECT_EQ(catalog.choiceLabel(EntryKind::Cpd, "type", "course"), "Course or training");
    EXPECT_EQ(catalog.choiceLabel(EntryKind::Cpd, "type", "nonsense"), "nonsense");
}

TEST(Descriptors, TheStoreTakesAnyModelIdButNotText) {
    Entry e;
    e.kind = EntryKind::Reflection;
    e.title = "A home visit";
    e.date = *Date::parse("2026-10-01");
    e.fields["model"] = "rolfe"; // an academy's model: the store cannot know the catalogue
    EXPECT_EQ(validateEntry(e), "");
    e.fields["model"] = "Gibbs cycle";
    EXPECT_NE(validateEntry(e).find("Reflective model should be a model's id"), std::string::npos)
        << validateEntry(e);
}

} // namespace
} // namespace pathway::core
