// Log: every entry, newest first; search as you type and filter by kind, dates and framework
// item. Rows are clipped (only the visible ones are built), so 10,000 entries stay smooth.
#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "ui_common.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {
/// A compact text input with a stable id; the border turns red when `invalid`.
void smallInput(const char* id, const char* hint, std::string& value, float width, bool invalid) {
    const Palette& p = palette();
    if (invalid) ImGui::PushStyleColor(ImGuiCol_Border, p.bad);
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint((std::string("##") + id).c_str(), hint, &value);
    registerLastItem(id, hint, true);
    if (invalid) ImGui::PopStyleColor();
}
} // namespace

void App::drawLog() {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    LogFilter& f = m_filter;

    // Search.
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string hint = std::string(icon::kSearch) + "  Search titles, text and tags";
    ImGui::InputTextWithHint("##search", hint.c_str(), &f.search);
    registerLastItem("log.search", "Search", true);

    // Filters: kind, framework item, date range. They wrap on narrow screens.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float comboW = m_phone ? (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f : em(12);
    const std::string kindPreview = f.kind ? std::string(kindLabel(*f.kind)) : "All kinds";
    ImGui::SetNextItemWidth(comboW);
    if (ImGui::BeginCombo("##kind", kindPreview.c_str())) {
        registerLastItem("log.kind", "Kind");
        if (ImGui::Selectable("All kinds", !f.kind)) f.kind.reset();
        registerLastItem("log.kind.all", "All kinds");
        for (EntryKind k : kAllKinds) {
            const std::string label(kindLabel(k));
            if (ImGui::Selectable(label.c_str(), f.kind == k)) f.kind = k;
            registerLastItem(("log.kind." + std::string(kindId(k))).c_str(), label.c_str());
        }
        ImGui::EndCombo();
    } else {
        registerLastItem("log.kind", "Kind");
    }
    ImGui::SameLine();
    const Catalog& catalog = Catalog::builtin();
    std::string tagPreview = "Any framework item";
    if (!f.tag.empty()) {
        const FrameworkItem* it = catalog.findItem(f.tag);
        tagPreview = f.tag + (it ? "  " + it->title : "");
    }
    ImGui::SetNextItemWidth(m_phone ? comboW : em(16));
    if (ImGui::BeginCombo("##tag", tagPreview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("Any framework item", f.tag.empty())) f.tag.clear();
        registerLastItem("log.tag.any", "Any framework item");
        const Setting setting = doc.profile.setting;
        for (const Framework* fw : catalog.frameworksFor(setting, m_clock.today())) {
            ImGui::SeparatorText(fw->title.c_str());
            for (const FrameworkItem& item : fw->items) {
                const std::string tag = fw->tag(item);
                const std::string label = tag + "  " + item.title;
                if (ImGui::Selectable(label.c_str(), f.tag == tag)) f.tag = tag;
                registerLastItem(("log.tag." + tag).c_str(), label.c_str());
            }
        }
        ImGui::EndCombo();
    }
    registerLastItem("log.tag", "Framework item");
    const float dateW = m_phone ? comboW : em(8.5f);
    const bool badFrom = !trim(f.from).empty() && !Date::parse(trim(f.from));
    const bool badTo = !trim(f.to).empty() && !Date::parse(trim(f.to));
    if (!m_phone) ImGui::SameLine();
    smallInput("log.from", "From YYYY-MM-DD", f.from, dateW, badFrom);
    ImGui::SameLine();
    smallInput("log.to", "To YYYY-MM-DD", f.to, dateW, badTo);
    const bool filtered = f.kind || !f.tag.empty() || !trim(f.from).empty() ||
                          !trim(f.to).empty() || !trim(f.search).empty();
    if (filtered) {
        ImGui::SameLine();
        if (button("log.clear", (std::string(icon::kClose) + " Clear").c_str(), false))
            f = LogFilter{};
    }
    if (badFrom || badTo) fieldError("Dates look like 2026-11-23.");

    const std::vector<size_t>& rows = logRows();
    char count[96];
    if (rows.size() == doc.entries.size())
        std::snprintf(count, sizeof count, "%s",
                      plural(static_cast<long long>(rows.size()), "entry", "entries").c_str());
    else
        std::snprintf(
            count, sizeof count, "%zu of %s", rows.size(),
            plural(static_cast<long long>(doc.entries.size()), "entry", "entries").c_str());
    ImGui::TextColored(p.textMuted, "%s", count);

    if (rows.empty()) {
        ImGui::Dummy(ImVec2(0, em(1)));
        mutedWrapped(doc.entries.empty()
                         ? "Your log is empty. Everything you record appears here, newest first."
                         : "Nothing matches. Try fewer words or clear the filters.");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ImGui::BeginChild("rows", ImVec2(0, 0), ImGuiChildFlags_None);
    ImGui::PopStyleColor();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), em(3.3f) + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const size_t idx = rows[static_cast<size_t>(i)];
            drawEntryRow(doc.entries[idx], idx);
        }
    ImGui::EndChild();
}

} // namespace pathway::ui
