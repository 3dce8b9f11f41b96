// The academy's view (issue 20): a folder of portfolios as one row per practitioner, with who
// needs attention and why (core/attention.hpp, from assets/cohort/attention.json), sorting and
// filters, evidence per month against the expected line and a coverage heatmap; a row opens
// that portfolio read-only in the mentor view, and "Back to cohort" keeps the sort and filter.
#include "cohort_state.hpp"
#include "exchange_state.hpp"
#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

constexpr const char* kPurpose = "cohort";
constexpr size_t kHeatmapRows = 40; ///< practitioners in the heatmap (the first, as sorted)

std::string evidenceText(const CohortRow& r) {
    if (r.asyeEvidence.empty()) return "";
    int32_t have = 0, need = 0;
    for (const auto& e : r.asyeEvidence) {
        have += std::min(e.have, e.need);
        need += e.need;
    }
    return std::to_string(have) + " of " + std::to_string(need);
}

/// A drop-down of (id, label) choices registered as idPrefix + "open" and idPrefix + value id.
bool choice(const char* idPrefix, const char* label, std::string& value,
            const std::vector<std::pair<std::string, std::string>>& options, float width) {
    std::string shown = "Any";
    for (const auto& [id, text] : options)
        if (id == value) shown = text;
    bool changed = false;
    ImGui::BeginGroup();
    muted(label);
    ImGui::SetNextItemWidth(width);
    const std::string comboId = std::string("##") + idPrefix;
    const bool open = ImGui::BeginCombo(comboId.c_str(), shown.c_str());
    registerLastItem((std::string(idPrefix) + "open").c_str(), label);
    semantics(Role::ComboBox, open ? state::kExpanded : 0, nullptr, shown);
    if (open) {
        auto item = [&](const std::string& id, const std::string& text) {
            if (ImGui::Selectable(text.c_str(), id == value)) {
                changed = id != value;
                value = id;
            }
            registerLastItem((std::string(idPrefix) + (id.empty() ? "any" : id)).c_str(),
                             text.c_str());
            semantics(Role::Option, id == value ? state::kSelected : 0);
        };
        item("", "Any");
        for (const auto& [id, text] : options) item(id, text);
        ImGui::EndCombo();
    }
    ImGui::EndGroup();
    return changed;
}

} // namespace

// --------------------------------------------------------------------------------- opening

void App::openCohort(std::vector<std::pair<std::string, std::string>> files) {
    auto next = std::make_unique<CohortState>();
    if (m_cohort) { // a new folder keeps how the lead likes to look at it
        next->sort = m_cohort->sort;
        next->filter = m_cohort->filter;
        next->path = m_cohort->path;
    }
    CohortState& c = *next;
    c.files = std::move(files);
    c.today = m_clock.today();
    std::vector<CohortFile> in;
    in.reserve(c.files.size());
    for (const auto& [name, bytes] : c.files) in.push_back({name, bytes});
    CohortRows loaded = cohortRows(in, m_session.catalog(), c.today);
    c.skipped = std::move(loaded.skipped);
    c.rows = std::move(loaded.rows);
    // Rows keep the files' order; match them back by source (names are unique in a folder).
    c.rowFile.resize(c.rows.size());
    for (size_t i = 0, f = 0; i < c.rows.size(); ++i) {
        while (f < c.files.size() && c.files[f].first != c.rows[i].source) ++f;
        c.rowFile[i] = f < c.files.size() ? f++ : 0;
    }
    c.summary = attentionSummary(c.rows);
    c.months = cohortEvidenceByMonth(c.rows, c.today);
    for (const auto& r : c.rows)
        if (!r.team.empty()) c.teams.push_back(r.team);
    std::sort(c.teams.begin(), c.teams.end());
    c.teams.erase(std::unique(c.teams.begin(), c.teams.end()), c.teams.end());
    if (c.rows.empty()) {
        c.message = c.files.empty() ? "There are no portfolio files (.json) there."
                                    : "None of the files could be read as a portfolio.";
        c.messageIsError = true;
    } else {
        c.message = "Opened " + plural(static_cast<long long>(c.rows.size()), "portfolio", "portfolios") +
                    (c.skipped.empty() ? "." : "; " + plural(static_cast<long long>(c.skipped.size()),
                                                             "file was", "files were") +
                                                   " not portfolios (listed below).");
        c.messageIsError = false;
    }
    m_cohort = std::move(next);
    show(Screen::Cohort);
}

void App::openCohortFolder(const std::string& path) {
    std::vector<std::pair<std::string, std::string>> files;
    std::string error;
    const std::string folder(trim(path));
    if (folder.empty() || !m_host.readLocalFolder(folder, ".json", files, error)) {
        if (!m_cohort) m_cohort = std::make_unique<CohortState>();
        m_cohort->message = folder.empty() ? "Type the folder that holds the portfolio files."
                                           : "Could not open " + folder + ": " + error;
        m_cohort->messageIsError = true;
        show(Screen::Cohort);
        return;
    }
    openCohort(std::move(files));
    m_cohort->path = folder;
}

void App::receiveCohortFile(bool done, std::string_view name, std::string_view bytes) {
    if (!m_cohort) m_cohort = std::make_unique<CohortState>();
    if (!done) {
        m_cohort->arriving.emplace_back(std::string(name), std::string(bytes));
        return;
    }
    auto files = std::move(m_cohort->arriving);
    m_cohort->arriving.clear();
    // A folder picker also hands over files that are not portfolios: keep the .json ones.
    std::erase_if(files, [](const auto& f) {
        return f.first.size() < 5 || asciiLower(f.first.substr(f.first.size() - 5)) != ".json";
    });
    std::sort(files.begin(), files.end());
    openCohort(std::move(files));
}

static CohortState& cohortState(std::unique_ptr<CohortState>& c) {
    if (!c) c = std::make_unique<CohortState>();
    return *c;
}

// ------------------------------------------------------------------------------ rows shown

App::CohortSort* App::cohortSort() { return m_cohort ? &m_cohort->sort : nullptr; }
App::CohortFilter* App::cohortFilter() { return m_cohort ? &m_cohort->filter : nullptr; }
std::string App::cohortSummary() const { return m_cohort ? m_cohort->summary : std::string(); }

std::vector<std::string> App::cohortShown() {
    std::vector<std::string> out;
    if (!m_cohort) return out;
    for (size_t i : cohortRowsShown()) out.push_back(m_cohort->rows[i].name);
    return out;
}

const std::vector<size_t>& App::cohortRowsShown() {
    CohortState& c = *m_cohort;
    if (c.shownValid && c.shownSort == c.sort && c.shownFilter == c.filter) return c.shown;
    const std::string needle = asciiLower(trim(c.filter.search));
    c.shown.clear();
    for (size_t i = 0; i < c.rows.size(); ++i) {
        const CohortRow& r = c.rows[i];
        if (c.filter.attentionOnly && r.attention.empty()) continue;
        if (!c.filter.team.empty() && r.team != c.filter.team) continue;
        if (!c.filter.setting.empty() && r.setting != c.filter.setting) continue;
        if (!c.filter.stage.empty() && r.stage != c.filter.stage) continue;
        if (!needle.empty() && !containsFolded(r.name, needle)) continue;
        c.shown.push_back(i);
    }
    auto byName = [&](size_t a, size_t b) { return c.rows[a].name < c.rows[b].name; };
    std::stable_sort(c.shown.begin(), c.shown.end(), [&](size_t a, size_t b) {
        const CohortRow &x = c.rows[a], &y = c.rows[b];
        switch (c.sort) {
        case CohortSort::Attention:
            if (x.attentionWeight != y.attentionWeight) return x.attentionWeight > y.attentionWeight;
            break;
        case CohortSort::Name: break;
        case CohortSort::NextReview: // soonest first; none last
            if (x.nextReviewDue != y.nextReviewDue) {
                if (!x.nextReviewDue || !y.nextReviewDue) return x.nextReviewDue.has_value();
                return *x.nextReviewDue < *y.nextReviewDue;
            }
            break;
        case CohortSort::LastActivity: // longest quiet first; none first
            if (x.lastActivity != y.lastActivity) {
                if (!x.lastActivity || !y.lastActivity) return !x.lastActivity.has_value();
                return *x.lastActivity < *y.lastActivity;
            }
            break;
        }
        return byName(a, b);
    });
    c.shownSort = c.sort;
    c.shownFilter = c.filter;
    c.shownValid = true;
    return c.shown;
}

// ---------------------------------------------------------------------------------- drawing

void App::drawCohort() {
    const Palette& p = palette();
    CohortState& c = cohortState(m_cohort);
    ImGui::PushFont(fonts().title);
    ax::TextUnformatted("Cohort");
    ImGui::PopFont();
    const float closeW = em(6.5f);
    ImGui::SameLine(ImGui::GetContentRegionMax().x - closeW);
    if (button("cohort.close", "Close", false,
               ImVec2(closeW, m_phone ? std::max(em(2.4f), 44.f) : em(2.2f)))) {
        const bool hasProfile = !trim(m_session.store().portfolio().profile.name).empty();
        show(hasProfile ? Screen::Share : Screen::Welcome);
        return;
    }
    mutedWrapped("An academy's view of its practitioners' portfolios, read-only: who needs "
                 "attention and why, evidence and coverage. Nothing here changes a portfolio.");
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    drawCohortOpen();
    if (c.rows.empty()) return;

    // The summary line.
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    const bool anyFlag = c.summary.rfind("None", 0) != 0;
    ImGui::PushFont(fonts().heading);
    ax::TextColored(anyFlag ? p.warn : p.good, "%s", anyFlag ? icon::kWarning : icon::kCheckCircle);
    ImGui::SameLine(0, em(0.4f));
    ImGui::PushTextWrapPos(0);
    ax::TextUnformatted(c.summary.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    registerLastItem("cohort.summary", c.summary.c_str());
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    drawCohortTable();
    ImGui::Dummy(ImVec2(0, em(0.5f)));
    drawCohortCharts();
}

void App::drawCohortOpen() {
    const Palette& p = palette();
    CohortState& c = *m_cohort;
    if (beginCard("cohortopen", ImVec2(0, 0))) {
        cardTitle(icon::kFolder, c.rows.empty() ? "Open a cohort" : "Open another cohort");
        // Web: the browser's pickers. Desktop: a folder path (or a folder dropped on the window).
        const bool picker = m_host.platform() != "desktop";
        if (picker) {
            if (button("cohort.pick-files", "Choose portfolio files", c.rows.empty()))
                m_host.requestFiles(kPurpose, ".json,application/json", false);
            ImGui::SameLine();
            if (button("cohort.pick-folder", "Choose a folder", false))
                m_host.requestFiles(kPurpose, ".json,application/json", true);
        }
        if (!picker || m_host.platform() == "test") {
            mutedWrapped("Type the folder that holds the portfolio files (.json), or drop the "
                         "folder on this window.");
            const float openW = em(6.5f);
            textField("cohort.path", "Folder", c.path, "e.g. ~/cohort-2026",
                      ImGui::GetContentRegionAvail().x - openW - em(0.6f));
            ImGui::SameLine();
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
            if (button("cohort.open", "Open", true, ImVec2(openW, 0))) openCohortFolder(c.path);
        }
        if (!c.message.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, c.messageIsError ? p.bad : p.good);
            ax::TextWrapped("%s", c.message.c_str());
            ImGui::PopStyleColor();
        }
        for (const auto& s : c.skipped) mutedWrapped(("Skipped " + s).c_str());
    }
    endCard();
}

void App::drawCohortTable() {
    const Palette& p = palette();
    CohortState& c = *m_cohort;

    // Sort and filter.
    static const char* const sortIds[] = {"attention", "name", "next-review", "last-activity"};
    static const char* const sortLabels[] = {"Needs attention", "Name", "Next review",
                                             "Last activity"};
    int sort = static_cast<int>(c.sort);
    muted("Sort by");
    if (segmented("cohort.sort.", sortIds, sortLabels, 4, sort)) c.sort = static_cast<CohortSort>(sort);
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    const float w = m_phone ? ImGui::GetContentRegionAvail().x : em(11);
    std::vector<std::pair<std::string, std::string>> teams, settings, stages;
    for (const auto& t : c.teams) teams.emplace_back(t, t);
    for (Setting s : {Setting::ChildrenAndFamilies, Setting::Adults})
        settings.emplace_back(std::string(settingId(s)), cohortSettingLabel(settingId(s)));
    for (CareerStage s : {CareerStage::Asye, CareerStage::SocialWorker, CareerStage::Experienced,
                          CareerStage::Advanced, CareerStage::Strategic})
        stages.emplace_back(std::string(stageId(s)), std::string(stageLabel(s)));
    ImGui::BeginGroup();
    textField("cohort.search", "Name", c.filter.search, "Search names", w);
    ImGui::EndGroup();
    if (!m_phone) ImGui::SameLine(0, em(0.8f));
    choice("cohort.team.", "Team", c.filter.team, teams, w);
    if (!m_phone) ImGui::SameLine(0, em(0.8f));
    choice("cohort.setting.", "Setting", c.filter.setting, settings, w);
    if (!m_phone) ImGui::SameLine(0, em(0.8f));
    choice("cohort.stage.", "Stage", c.filter.stage, stages, w);
    if (!m_phone) ImGui::SameLine(0, em(0.8f));
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeightWithSpacing()));
    ImGui::Checkbox("Needs attention only", &c.filter.attentionOnly);
    registerLastItem("cohort.attention-only", "Needs attention only");
    semantics(Role::CheckBox, c.filter.attentionOnly ? state::kChecked : 0);
    ImGui::EndGroup();

    const auto& shown = cohortRowsShown();
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    muted(("Showing " + std::to_string(shown.size()) + " of " + std::to_string(c.rows.size()) +
           ". Select a practitioner to open their portfolio (read-only).")
              .c_str());

    // The table: clipped, so a thousand rows cost what the visible ones do.
    const float rowH = ImGui::GetTextLineHeightWithSpacing() + em(0.5f);
    const float height = std::min(static_cast<float>(shown.size()) + 1.3f, 16.f) * rowH + em(0.4f);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("cohorttable", m_phone ? 3 : 7, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        if (!m_phone) {
            ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 1.3f);
            ImGui::TableSetupColumn("Team", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        }
        ImGui::TableSetupColumn("Needs attention", ImGuiTableColumnFlags_WidthStretch, 3.f);
        if (!m_phone) {
            ImGui::TableSetupColumn("Next review", ImGuiTableColumnFlags_WidthStretch, 2.f);
            ImGui::TableSetupColumn("Last activity", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        }
        ImGui::TableSetupColumn("ASYE evidence", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown.size()), rowH);
        while (clipper.Step()) {
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const CohortRow& r = c.rows[shown[static_cast<size_t>(k)]];
                ImGui::TableNextRow(ImGuiTableRowFlags_None, rowH);
                ImGui::TableNextColumn();
                ImGui::PushID(k);
                const bool wasOpened = r.source == c.selected;
                const std::string label = fitted(r.name.empty() ? r.source : r.name,
                                                 ImGui::GetContentRegionAvail().x);
                ImGui::AlignTextToFramePadding();
                const bool open = ImGui::Selectable(
                    label.c_str(), wasOpened,
                    ImGuiSelectableFlags_SpanAllColumns,
                    ImVec2(0, rowH - em(0.3f)));
                registerLastItem(("cohort.row." + r.source).c_str(), r.name.c_str());
                if ((ImGui::IsItemHovered() || ImGui::IsItemFocused()) && !r.attention.empty()) {
                    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(em(34), FLT_MAX));
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(em(32)); // BulletText does not wrap: Bullet + TextWrapped
                    for (const auto& f : r.attention) {
                        ImGui::Bullet();
                        ax::TextWrapped("%s: %s", f.label.c_str(), f.why.c_str());
                    }
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
                auto cell = [&](const std::string& text, const ImVec4* color = nullptr) {
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    const std::string t = fitted(text, ImGui::GetContentRegionAvail().x);
                    if (color)
                        ax::TextColored(*color, "%s", t.c_str());
                    else
                        ax::TextUnformatted(t.c_str());
                };
                if (!m_phone) {
                    cell(cohortStageLabel(r.stage));
                    cell(r.team);
                }
                std::string flagsText;
                for (const auto& f : r.attention) flagsText += (flagsText.empty() ? "" : ", ") + f.label;
                cell(flagsText.empty() ? std::string("\xe2\x80\x94") : flagsText,
                     flagsText.empty() ? &p.textMuted : &p.bad);
                if (!m_phone) {
                    std::string review = r.nextReview.value_or("");
                    if (r.nextReviewDue) review += ", " + friendlyDate(*r.nextReviewDue);
                    cell(review, r.reviewOverdue ? &p.bad : nullptr);
                    cell(r.lastActivity ? friendlyDate(*r.lastActivity) : "None");
                }
                cell(evidenceText(r));
                ImGui::PopID();
                if (open) {
                    const auto& file = c.files[c.rowFile[shown[static_cast<size_t>(k)]]];
                    c.selected = r.source;
                    if (m_mentor && m_mentor->unsaved()) {
                        c.message = "Save or close the review you have open before opening "
                                    "another portfolio.";
                        c.messageIsError = true;
                    } else {
                        m_mentor.reset(); // a clean read-only view of this practitioner
                        openForReview(file.first, file.second);
                        m_mentorFromCohort = m_screen == Screen::Mentor;
                    }
                    clipper.End();
                    ImGui::EndTable();
                    return;
                }
            }
        }
        ImGui::EndTable();
    }
}

void App::drawCohortCharts() {
    const Palette& p = palette();
    CohortState& c = *m_cohort;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Evidence collected per month against the expected line.
    if (beginCard("cohortmonths", ImVec2(0, 0))) {
        cardTitle(icon::kTimeline, "ASYE evidence per month");
        mutedWrapped("Bars: entries that count toward the ASYE evidence, across the cohort. "
                     "Line: what the plan expects (each practitioner's evidence spread evenly "
                     "over their year).");
        const float width = ImGui::GetContentRegionAvail().x, height = em(9);
        const ImVec2 o = ImGui::GetCursorScreenPos();
        double top = 1;
        for (const auto& m : c.months) top = std::max({top, double(m.collected), m.expected});
        top = std::ceil(top);
        const float left = em(2.2f), bottom = em(1.4f);
        const float plotW = width - left, plotH = height - bottom;
        const size_t n = std::max<size_t>(c.months.size(), 1);
        const float slot = plotW / static_cast<float>(n);
        auto yOf = [&](double v) { return o.y + plotH - static_cast<float>(v / top) * plotH; };
        dl->AddLine(ImVec2(o.x + left, o.y + plotH), ImVec2(o.x + width, o.y + plotH), col(p.border));
        char buf[64];
        std::snprintf(buf, sizeof buf, "%d", static_cast<int>(top));
        dl->AddText(ImVec2(o.x, o.y), col(p.textMuted), buf);
        dl->AddText(ImVec2(o.x, o.y + plotH - ImGui::GetFontSize()), col(p.textMuted), "0");
        static const char* const kMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        ImVec2 prev;
        for (size_t i = 0; i < c.months.size(); ++i) {
            const auto& m = c.months[i];
            const float x = o.x + left + slot * static_cast<float>(i);
            const ImVec2 a(x + slot * 0.18f, yOf(m.collected)), b(x + slot * 0.82f, o.y + plotH);
            dl->AddRectFilled(a, b, col(p.accent), em(0.15f));
            const ImVec2 pt(x + slot * 0.5f, yOf(m.expected));
            if (i) dl->AddLine(prev, pt, col(p.warn), em(0.18f));
            dl->AddCircleFilled(pt, em(0.2f), col(p.warn));
            prev = pt;
            const ImVec2 ts = ImGui::CalcTextSize(kMon[m.month - 1]);
            dl->AddText(ImVec2(x + (slot - ts.x) * 0.5f, o.y + plotH + em(0.2f)), col(p.textMuted),
                        kMon[m.month - 1]);
            ImGui::SetCursorScreenPos(ImVec2(x, o.y));
            ImGui::PushID(static_cast<int>(i));
            ImGui::InvisibleButton("month", ImVec2(slot, height));
            ImGui::PopID();
            if (ImGui::IsItemHovered() || ImGui::IsItemFocused())
                ImGui::SetTooltip("%s %d: %d collected, %.1f expected", kMon[m.month - 1], m.year,
                                  m.collected, m.expected);
        }
        ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + height + em(0.3f)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.4f)));

    // Coverage heatmap: one block per framework, short labels, full names on hover or focus.
    if (beginCard("cohortheat", ImVec2(0, 0))) {
        cardTitle(icon::kGrid, "Framework coverage");
        const auto& shown = cohortRowsShown();
        const size_t nRows = std::min(shown.size(), kHeatmapRows);
        mutedWrapped((std::string("Entries mapped to each framework item: none, 1, 2, 3 or more.") +
                      (shown.size() > nRows ? " The first " + std::to_string(nRows) + " of " +
                                                  std::to_string(shown.size()) + " as sorted."
                                            : std::string()))
                         .c_str());
        // Tags in first-seen order, grouped by framework.
        std::vector<std::string> frameworks;
        std::vector<std::vector<std::string>> tags;
        for (size_t k = 0; k < nRows; ++k)
            for (const auto& cell : c.rows[shown[k]].coverage) {
                auto parts = splitTag(cell.tag);
                const std::string fw(parts ? parts->first : std::string_view(cell.tag));
                auto it = std::find(frameworks.begin(), frameworks.end(), fw);
                size_t fi = static_cast<size_t>(it - frameworks.begin());
                if (it == frameworks.end()) {
                    frameworks.push_back(fw);
                    tags.emplace_back();
                }
                if (std::find(tags[fi].begin(), tags[fi].end(), cell.tag) == tags[fi].end())
                    tags[fi].push_back(cell.tag);
            }
        const float nameW = m_phone ? em(7) : em(12);
        for (size_t fi = 0; fi < frameworks.size(); ++fi) {
            const Framework* f = m_session.catalog().framework(frameworks[fi]);
            ImGui::Dummy(ImVec2(0, em(0.3f)));
            ImGui::PushFont(fonts().heading);
            ax::TextUnformatted(f ? f->title.c_str() : frameworks[fi].c_str());
            ImGui::PopFont();
            const float avail = ImGui::GetContentRegionAvail().x - nameW;
            const float cw = std::max(em(1.6f), avail / static_cast<float>(tags[fi].size()));
            const float ch = ImGui::GetTextLineHeight() + em(0.4f);
            // Header: the item ids; hover or focus names the item.
            ImVec2 o = ImGui::GetCursorScreenPos();
            for (size_t t = 0; t < tags[fi].size(); ++t) {
                auto parts = splitTag(tags[fi][t]);
                const std::string shortId(parts ? parts->second : std::string_view(tags[fi][t]));
                const ImVec2 at(o.x + nameW + cw * static_cast<float>(t), o.y);
                ImGui::SetCursorScreenPos(at);
                const std::string id = "cohort.heat." + tags[fi][t];
                ImGui::InvisibleButton(id.c_str(), ImVec2(cw, ch));
                registerLastItem(id.c_str(), coverageFullLabel(tags[fi][t], m_session.catalog()).c_str());
                const bool hot = ImGui::IsItemHovered() || ImGui::IsItemFocused();
                const std::string lab = fitted(shortId, cw - em(0.2f));
                const ImVec2 ts = ImGui::CalcTextSize(lab.c_str());
                dl->AddText(ImVec2(at.x + (cw - ts.x) * 0.5f, at.y + em(0.2f)),
                            col(hot ? p.accent : p.textMuted), lab.c_str());
                if (hot) ImGui::SetTooltip("%s", coverageFullLabel(tags[fi][t], m_session.catalog()).c_str());
            }
            o.y += ch;
            for (size_t k = 0; k < nRows; ++k) {
                const CohortRow& r = c.rows[shown[k]];
                const float y = o.y + ch * static_cast<float>(k);
                dl->AddText(ImVec2(o.x, y + em(0.2f)), col(p.text),
                            fitted(r.name, nameW - em(0.4f)).c_str());
                for (size_t t = 0; t < tags[fi].size(); ++t) {
                    int count = -1;
                    for (const auto& cell : r.coverage)
                        if (cell.tag == tags[fi][t]) {
                            count = cell.count;
                            break;
                        }
                    const ImVec2 a(o.x + nameW + cw * static_cast<float>(t) + 1, y + 1);
                    const ImVec2 b(a.x + cw - 2, a.y + ch - 2);
                    if (count < 0) continue;
                    const float level = static_cast<float>(std::min(count, 3)) / 3.f;
                    const ImVec4 fill = count == 0 ? mix(p.surface, p.bad, 0.18f)
                                                   : mix(p.surface, p.good, 0.25f + 0.6f * level);
                    dl->AddRectFilled(a, b, col(fill), em(0.12f));
                    char buf[16];
                    std::snprintf(buf, sizeof buf, "%d", count);
                    const ImVec2 ts = ImGui::CalcTextSize(buf);
                    dl->AddText(ImVec2(a.x + (cw - 2 - ts.x) * 0.5f, a.y + em(0.15f)),
                                col(p.text), buf);
                }
            }
            ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + ch * static_cast<float>(nRows)));
            ImGui::Dummy(ImVec2(0, em(0.2f)));
        }
    }
    endCard();
}

// The drilled-down practitioner: their ASYE timeline and evidence above the read-only entries.
void App::drawPractitionerSummary(const Portfolio& doc) {
    const Palette& p = palette();
    const Status st = computeStatus(doc, m_session.catalog(), m_clock.today());
    if (beginCard("practitioner", ImVec2(0, 0))) {
        cardTitle(icon::kSchool, "Where they stand");
        std::string line = std::string(stageLabel(doc.profile.stage));
        if (!doc.profile.team.empty()) line += " \xc2\xb7 " + doc.profile.team;
        if (st.swe)
            line += " \xc2\xb7 renewal " + std::string(st.swe->ready ? "ready" : "not ready") + " (" +
                    std::to_string(st.swe->completePieces) + " of " +
                    std::to_string(st.swe->minPieces) + " pieces)";
        mutedWrapped(line.c_str());
        if (m_cohort)
            for (const auto& r : m_cohort->rows)
                if (r.source == m_cohort->selected)
                    for (const auto& f : r.attention) {
                        ax::TextColored(p.bad, "%s", icon::kWarning);
                        ImGui::SameLine(0, em(0.4f));
                        ax::TextWrapped("%s: %s", f.label.c_str(), f.why.c_str());
                    }
        if (st.asye) {
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            muted(("ASYE " + friendlyDate(st.asye->start) + " to " + friendlyDate(st.asye->end)).c_str());
            for (const auto& r : st.asye->reviews) {
                ax::TextColored(reviewStateColor(r.state), "%s",
                                   r.state == ReviewState::Done ? icon::kCheckCircle : icon::kEvent);
                ImGui::SameLine(0, em(0.4f));
                ax::Text("%s, %s: %s", r.name.c_str(), friendlyDate(r.due).c_str(),
                            reviewStateLabel(r.state));
            }
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            const float labelW = std::min(em(18), ImGui::GetContentRegionAvail().x * 0.5f);
            for (const auto& e : st.asye->evidence) {
                const std::string t = fitted(e.label, labelW - em(0.4f));
                ax::TextUnformatted(t.c_str());
                ImGui::SameLine(labelW);
                const float frac = e.need ? std::min(1.f, float(e.have) / float(e.need)) : 1.f;
                ax::Text("%d of %d", e.have, e.need);
                ImGui::SameLine(labelW + em(4));
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em(0.45f));
                progressBar(frac, frac >= 1 ? p.good : p.accent, em(10));
            }
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

} // namespace pathway::ui
