// The export's steps shared by the Share screen and `pathway-cli export --check` (issue 15).
#include "pathway/core/catalog.hpp"
#include "pathway/core/export_plan.hpp"

#include <gtest/gtest.h>

namespace pathway::core {
namespace {

Portfolio withNames() {
    Portfolio p;
    p.profile.name = "Sam O'Taylor-Example";
    Entry e;
    e.id = "e1";
    e.kind = EntryKind::Reflection;
    e.title = "A home visit";
    e.date = *Date::parse("2026-10-01");
    e.fields["driscoll.what"] = "I visited Mr Okafor at home with his daughter.";
    p.entries.push_back(e);
    return p;
}

TEST(ExportPlan, TheCheckFindsWhatWasNotKeptAndOnlyForFormatsThatNeedIt) {
    const Portfolio p = withNames();
    ExportPlan plan = planExport(p, ExportFormat::Html, false, {});
    ASSERT_FALSE(plan.findings.empty());
    EXPECT_EQ(plan.decisions.size(), plan.findings.size());
    EXPECT_EQ(plan.undecided(), plan.findings.size());
    EXPECT_EQ(plan.findings[0].match, "Okafor");

    EXPECT_TRUE(planExport(p, ExportFormat::Moderation, false, {}).findings.empty())
        << "the pack redacts everything itself";
    EXPECT_TRUE(planExport(p, ExportFormat::Ics, false, {}).findings.empty());
    EXPECT_EQ(planExport(p, std::nullopt, false, {}).findings.size(), plan.findings.size())
        << "the check alone";

    std::set<std::string> kept;
    for (const Finding& f : plan.findings) kept.insert(findingKey(f));
    EXPECT_TRUE(planExport(p, ExportFormat::Html, false, kept).findings.empty());
}

TEST(ExportPlan, DecisionsRedactWhatIsMarkedAndRememberWhatIsKept) {
    const Portfolio p = withNames();
    ExportPlan plan = planExport(p, ExportFormat::Json, false, {});
    ASSERT_FALSE(plan.findings.empty());
    std::set<std::string> kept;

    plan.decideAll(ExportPlan::Decision::Keep);
    EXPECT_EQ(plan.undecided(), 0u);
    EXPECT_FALSE(applyDecisions(p, plan, 5, kept)) << "nothing to redact: nothing changes";
    EXPECT_EQ(kept.size(), plan.findings.size());

    kept.clear();
    plan.decideAll(ExportPlan::Decision::Redact);
    EXPECT_EQ(plan.toRedact(), plan.findings.size());
    int32_t changed = 0;
    const auto redacted = applyDecisions(p, plan, 5, kept, &changed);
    ASSERT_TRUE(redacted);
    EXPECT_TRUE(kept.empty());
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(redacted->entries[0].field("driscoll.what").find("Okafor"), std::string::npos);
    EXPECT_EQ(redacted->entries[0].updatedMs, 5);
    EXPECT_EQ(p.entries[0].field("driscoll.what").find("Okafor") != std::string::npos, true)
        << "the original is untouched";
}

TEST(ExportPlan, TheFilesNameSaysWhoseWhenAndWhatFor) {
    const Portfolio p = withNames();
    const ExportContext ctx{Catalog::builtin(), *Date::parse("2026-11-02"), 1};
    const ExportFile html = exportFile(p, ExportFormat::Html, false, ctx);
    EXPECT_EQ(html.name, "pathway-sam-o-taylor-example-2026-11-02.html");
    EXPECT_EQ(html.mime, "text/html");
    EXPECT_EQ(html.bytes, exportPortfolio(p, ExportFormat::Html, ctx));
    EXPECT_EQ(exportFile(p, ExportFormat::Json, true, ctx).name,
              "pathway-sam-o-taylor-example-for-review.json");
    EXPECT_EQ(exportFile(p, ExportFormat::Moderation, false, ctx).name,
              "pathway-moderation-2026-11-02.html");
    Portfolio nameless;
    EXPECT_EQ(exportFile(nameless, ExportFormat::Csv, false, ctx).name,
              "pathway-portfolio-2026-11-02.csv");
    EXPECT_EQ(fileSlug("  \xc3\x89lise  Example!! "), "lise-example");
}

} // namespace
} // namespace pathway::core
