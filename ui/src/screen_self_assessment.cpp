// The ASYE self-assessment screen (rate each standard at the start, midway and at the end; the
// three side by side) and the Reviews screen's cards for it, the development plan per review
// and the supervisor and assessor (issue 14, points 10 to 12).
#include "pathway/core/kinds.hpp"
#include "pathway/core/self_assessment.hpp"
#include "pathway/core/store.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

constexpr const char* kTabIds[] = {"start", "mid", "end", "compare"};

// "2 Developing"
std::string ratingText(int32_t rating) {
    return std::to_string(rating) + " " + std::string(selfRatingLabel(rating));
}

ImVec4 ratingColor(int32_t rating) {
    const Palette& p = palette();
    return rating >= 3 ? p.good : rating == 2 ? p.accent : p.warn;
}

// A chip that assistive technology reads too.
void textChip(const std::string& text, const ImVec4& color) {
    chip(text.c_str(), color);
    ax::publishLast(Role::Text, text);
}

// The next item beside the one just drawn when `width` fits there, else under it (measured
// before moving: SameLine then NewLine left a blank line in a table cell).
bool besideIfFits(float width) {
    const float spacing = em(0.5f);
    const bool fits = ImGui::GetItemRectSize().x + spacing + width <= ImGui::GetContentRegionAvail().x;
    if (fits) ImGui::SameLine(0, spacing);
    return fits;
}

// Muted text beside the chip just drawn when it fits (level with the chip's text), else under it.
void besideChip(const std::string& text) {
    if (besideIfFits(ImGui::CalcTextSize(text.c_str()).x))
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em(0.12f)); // the chip's own padding
    muted(text.c_str());
}

std::string pointSummary(const SelfAssessmentPointSummary& s) {
    std::string line = std::string(selfAssessmentPointLabel(s.point)) + ": " + std::to_string(s.rated) +
                       " of " + std::to_string(s.items) + " rated";
    if (s.first) {
        line += ", " + friendlyDate(*s.first);
        if (s.last && !(*s.last == *s.first)) line += " to " + friendlyDate(*s.last);
    }
    return line;
}

} // namespace

void App::applyAsyeRecord(const AsyeRecord& record, const char* what) {
    Profile p = m_session.store().portfolio().profile;
    p.asye = record;
    const CommandResult r = m_session.store().apply(cmd::SetProfile{p});
    m_message = r ? std::string(what) : r.error;
    m_messageIsError = !r;
}

// ------------------------------------------------------------------------------ Reviews cards

void App::drawAsyePeopleCard() {
    const Palette& p = palette();
    const AsyeRecord& record = m_session.store().portfolio().profile.asye;
    if (beginCard("asye-people", ImVec2(0, 0))) {
        cardTitle(icon::kGroup, "Supervisor and assessor");
        if (record.people.empty())
            mutedWrapped("No supervisor or assessor recorded yet (pathway-cli asye FILE person ...). "
                         "Supervision should be given by a registered social worker.");
        for (size_t i = 0; i < record.people.size(); ++i) {
            const AsyePerson& person = record.people[i];
            const std::string line = std::string(person.role == AsyeRole::Supervisor ? "Supervisor" : "Assessor") +
                                     ": " + (person.name.empty() ? std::string("(no name)") : person.name);
            ax::TextWrapped("%s", line.c_str());
            if (person.registeredSocialWorker)
                textChip("Registered social worker", p.good);
            else
                textChip("Not recorded as a registered social worker",
                         person.role == AsyeRole::Supervisor ? p.warn : p.textMuted);
        }
    }
    endCard();
}

void App::drawPlanCard() {
    const Palette& p = palette();
    const Status& st = status();
    if (!st.asye) return;
    const DevelopmentPlan& plan = st.asye->plan;
    auto drawGoal = [&](const PlanGoal& g) {
        ImGui::PushID(g.id.c_str()); // one "Edit goal" button per goal
        ImGui::Dummy(ImVec2(0, em(0.15f)));
        ax::TextColored(kindColor(EntryKind::Goal), "%s", kindIcon(EntryKind::Goal));
        ImGui::SameLine(0, em(0.4f));
        ax::TextWrapped("%s", g.title.c_str());
        const std::string status =
            g.status.empty() ? std::string("No status") : m_session.catalog().choiceLabel(EntryKind::Goal, field::kStatus, g.status);
        textChip(status, g.status == "achieved" ? p.good : g.status == "dropped" ? p.textMuted : p.accent);
        if (g.overdue) {
            besideIfFits(ImGui::CalcTextSize("Target passed").x + em(1.0f));
            textChip("Target passed", p.bad);
        }
        if (g.target) besideChip("Target " + friendlyDate(*g.target));
        if (!g.evidence.empty()) {
            std::string ev = "Evidence: ";
            for (size_t i = 0; i < g.evidence.size(); ++i) {
                if (i) ev += "; ";
                ev += g.evidence[i].missing ? std::string("an entry no longer in the portfolio")
                                            : g.evidence[i].title + " (" + friendlyDate(g.evidence[i].date) + ")";
            }
            mutedWrapped(ev.c_str());
        } else {
            mutedWrapped("No evidence linked yet.");
        }
        if (button(("plan.edit." + g.id).c_str(), "Edit goal", false)) editEntry(g.id);
        semantics(Role::Button, 0, ("plan.edit." + g.id).c_str(), g.title);
        ImGui::Separator();
        ImGui::PopID();
    };
    if (beginCard("plan", ImVec2(0, 0))) {
        cardTitle(icon::kCheckCircle, "Development plan");
        if (plan.goals() == 0)
            mutedWrapped("Set goals for each review period: what you want to develop, by when, "
                         "and the evidence that shows it. Each review looks at its goals.");
        for (const PlanPeriod& period : plan.periods) {
            ImGui::PushID(period.review.id.c_str()); // one "Add a goal" per review
            ImGui::Dummy(ImVec2(0, em(0.3f)));
            std::string head = period.review.name;
            if (period.review.due) head += " \xc2\xb7 due " + friendlyDate(*period.review.due);
            ImGui::PushFont(fonts().heading);
            ax::TextWrapped("%s", head.c_str());
            ImGui::PopFont();
            if (period.goals.empty()) mutedWrapped("No goals for this period yet.");
            else
                muted((plural(static_cast<long long>(period.goals.size()), "goal", "goals") + ", " +
                       std::to_string(period.achieved) + " achieved")
                          .c_str());
            for (const PlanGoal& g : period.goals) drawGoal(g);
            const std::string id = "plan.add." + period.review.id;
            if (button(id.c_str(), (std::string(icon::kAdd) + "  Add a goal").c_str(), false)) {
                startNewEntry(EntryKind::Goal);
                if (m_draft && m_draft->kind == EntryKind::Goal && m_draftIsNew &&
                    !m_draft->has(field::kGoalReview)) {
                    m_draft->fields[std::string(field::kGoalReview)] = period.review.id;
                    if (!m_draft->has(field::kStatus)) m_draft->fields[std::string(field::kStatus)] = "not-started";
                }
            }
            semantics(Role::Button, 0, id.c_str(), "for the " + period.review.name);
            ImGui::PopID();
        }
        if (!plan.unassigned.empty()) {
            ImGui::Dummy(ImVec2(0, em(0.3f)));
            ImGui::PushFont(fonts().heading);
            ax::TextWrapped("%s", "Not linked to a review of this programme");
            ImGui::PopFont();
            for (const PlanGoal& g : plan.unassigned) drawGoal(g);
        }
    }
    endCard();
}

void App::drawSelfAssessmentCard() {
    const Status& st = status();
    if (!st.asye) return;
    const SelfAssessmentView& v = st.asye->selfAssessment;
    if (beginCard("self-assessment", ImVec2(0, 0))) {
        cardTitle(icon::kPsychology, "Self-assessment");
        if (v.framework.empty()) {
            for (const auto& n : v.notices) mutedWrapped(n.c_str());
        } else {
            mutedWrapped(("Rate yourself against " + v.title + " at the start, midway and at the end of the year.")
                             .c_str());
            for (const auto& s : v.points) ax::TextWrapped("%s", pointSummary(s).c_str());
            // Open on the first point not yet complete.
            int next = 0;
            while (next < 2 && v.points[static_cast<size_t>(next)].rated >= v.points[static_cast<size_t>(next)].items) ++next;
            if (button("self.open", "Rate yourself", true)) {
                m_selfPoint = next;
                show(Screen::SelfAssessment);
            }
            besideIfFits(ImGui::CalcTextSize("Compare the three").x + ImGui::GetStyle().FramePadding.x * 2);
            if (button("self.compare", "Compare the three", false)) {
                m_selfPoint = 3;
                show(Screen::SelfAssessment);
            }
        }
    }
    endCard();
}

// ------------------------------------------------------------------------ self-assessment

void App::drawSelfAssessment() {
    const Status& st = status();
    if (button("self.back", (std::string(icon::kBack) + "  Reviews").c_str(), false)) {
        show(Screen::Reviews);
        return;
    }
    if (!st.asye) {
        if (!m_session.store().portfolio().profile.asyeStart)
            mutedWrapped("Add your ASYE start date in Settings: the self-assessment belongs to the ASYE.");
        for (const auto& n : st.notices) mutedWrapped(n.c_str());
        return;
    }
    const SelfAssessmentView& v = st.asye->selfAssessment;
    if (v.framework.empty()) {
        for (const auto& n : v.notices) mutedWrapped(n.c_str());
        return;
    }
    ImGui::PushFont(fonts().heading);
    ax::TextWrapped("%s", (v.title + " (" + v.version + ")").c_str());
    ImGui::PopFont();
    std::string scale = "Pathway's own scale:";
    for (const auto& l : selfRatingScale())
        scale += " " + std::to_string(l.value) + " " + std::string(l.label) + " (" + std::string(l.meaning) + ")" +
                 (l.value < kSelfRatingMax ? ";" : ".");
    mutedWrapped(scale.c_str());
    for (const auto& n : v.notices) mutedWrapped(n.c_str());
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    std::string labels[4];
    for (size_t i = 0; i < kSelfAssessmentPointCount; ++i)
        labels[i] = std::string(selfAssessmentPointLabel(kSelfAssessmentPoints[i])) + " " +
                    std::to_string(v.points[i].rated) + "/" + std::to_string(v.points[i].items);
    labels[3] = "Compare";
    const char* labelPtrs[4] = {labels[0].c_str(), labels[1].c_str(), labels[2].c_str(), labels[3].c_str()};
    segmented("self.tab.", kTabIds, labelPtrs, 4, m_selfPoint, 5.f);
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    if (m_selfPoint == 3)
        drawSelfAssessmentCompare(v);
    else
        drawSelfAssessmentRating(v, static_cast<size_t>(m_selfPoint));
}

void App::drawSelfAssessmentRating(const SelfAssessmentView& v, size_t point) {
    const SelfAssessmentPoint pt = kSelfAssessmentPoints[point];
    const std::string pointId(selfAssessmentPointId(pt));
    static const char* const kRatingIds[] = {"1", "2", "3", "4"};
    static_assert(std::size(kRatingIds) == kSelfRatingMax);
    std::string ratingLabels[kSelfRatingMax];
    const char* ratingPtrs[kSelfRatingMax];
    for (int32_t i = 0; i < kSelfRatingMax; ++i) {
        ratingLabels[i] = ratingText(i + 1);
        ratingPtrs[i] = ratingLabels[i].c_str();
    }
    if (!beginCard(("self-rate-" + pointId).c_str(), ImVec2(0, 0))) {
        endCard();
        return;
    }
    for (const SelfAssessmentRow& row : v.rows) {
        const SelfAssessmentCell& cell = row.at[point];
        ImGui::PushID(row.tag.c_str());
        ImGui::PushFont(fonts().heading);
        ax::TextWrapped("%s", (row.itemId + ". " + row.title).c_str());
        ImGui::PopFont();
        if (!row.confirmed) mutedWrapped("This heading is a placeholder until it is checked against the published statement.");
        int selected = cell.rating ? cell.rating->rating - 1 : -1;
        const std::string prefix = "self.rate." + pointId + "." + row.itemId + ".";
        if (segmented(prefix.c_str(), kRatingIds, ratingPtrs, kSelfRatingMax, selected, 4.f)) {
            AsyeRecord record = m_session.store().portfolio().profile.asye;
            setSelfRating(record, SelfRating{pt, row.tag, selected + 1, cell.rating ? cell.rating->comment : std::string(),
                                             m_clock.today(), m_clock.nowMs()});
            applyAsyeRecord(record, "Rating saved.");
        }
        if (cell.rating) {
            muted(("Rated " + friendlyDate(cell.rating->date)).c_str());
            if (cell.others > 0)
                mutedWrapped((plural(cell.others, "other rating", "other ratings") +
                              (cell.others == 1 ? " of this item was" : " of this item were") +
                              " kept when two copies were merged; the latest is shown. Rating again "
                              "settles it.")
                                 .c_str());
            const std::string key = pointId + "|" + row.tag;
            auto it = m_selfComments.find(key);
            if (it == m_selfComments.end()) it = m_selfComments.emplace(key, cell.rating->comment).first;
            std::string& buffer = it->second;
            const std::string id = "self.comment." + pointId + "." + row.itemId;
            muted("Comment");
            TextFieldSpec spec;
            spec.kind = TextKind::Prose;
            spec.multiline = true;
            spec.minHeightEm = 2.2f;
            spec.hint = "Why this rating, in a sentence or two";
            const TextEditResult r = editText(id.c_str(), "Comment", buffer, spec);
            bool failed = false;
            if (r.deactivated && buffer != cell.rating->comment) {
                AsyeRecord record = m_session.store().portfolio().profile.asye;
                SelfRating updated = *cell.rating;
                updated.comment = std::string(trim(buffer));
                updated.atMs = m_clock.nowMs();
                setSelfRating(record, updated);
                applyAsyeRecord(record, "Comment saved.");
                failed = m_messageIsError;
            }
            if (failed) fieldError(m_message);
            // Not being edited and saved: the stored text shows next frame (a merge may change
            // it); a comment that could not be saved stays in the field.
            if (!r.active && !failed && buffer == cell.rating->comment) m_selfComments.erase(key);
        } else {
            mutedWrapped("Not rated at this point yet.");
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    endCard();
}

void App::drawSelfAssessmentCompare(const SelfAssessmentView& v) {
    const Palette& p = palette();
    auto drawCell = [&](const SelfAssessmentCell& cell) {
        if (!cell.rating) {
            muted("Not rated");
            return;
        }
        textChip(ratingText(cell.rating->rating), ratingColor(cell.rating->rating));
        besideChip(friendlyDate(cell.rating->date));
        if (!cell.rating->comment.empty()) ax::TextWrapped("%s", cell.rating->comment.c_str());
        if (cell.others > 0) mutedWrapped((plural(cell.others, "other rating", "other ratings") + " kept").c_str());
    };
    if (!beginCard("self-compare", ImVec2(0, 0))) {
        endCard();
        return;
    }
    if (v.rated() == 0) mutedWrapped("Nothing rated yet: rate yourself at the start, then midway and at the end.");
    if (!m_phone) {
        if (ImGui::BeginTable("self-compare-table", 4,
                              ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX)) {
            ImGui::TableSetupColumn("Standard", ImGuiTableColumnFlags_WidthStretch, 1.3f);
            for (auto pt : kSelfAssessmentPoints)
                ImGui::TableSetupColumn(std::string(selfAssessmentPointLabel(pt)).c_str(),
                                        ImGuiTableColumnFlags_WidthStretch, 1.f);
            ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
            ImGui::TableNextColumn();
            ax::TextUnformatted("Standard");
            for (auto pt : kSelfAssessmentPoints) {
                ImGui::TableNextColumn();
                ax::TextUnformatted(std::string(selfAssessmentPointLabel(pt)).c_str());
            }
            for (const SelfAssessmentRow& row : v.rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ax::TextWrapped("%s", (row.itemId + ". " + row.title).c_str());
                for (const auto& cell : row.at) {
                    ImGui::TableNextColumn();
                    ImGui::PushID(&cell);
                    drawCell(cell);
                    ImGui::PopID();
                }
            }
            ImGui::EndTable();
        }
    } else {
        // A phone: one block per standard, the three points under it.
        for (const SelfAssessmentRow& row : v.rows) {
            ImGui::PushFont(fonts().heading);
            ax::TextWrapped("%s", (row.itemId + ". " + row.title).c_str());
            ImGui::PopFont();
            for (size_t i = 0; i < kSelfAssessmentPointCount; ++i) {
                ImGui::PushID(static_cast<int>(i));
                ax::TextColored(p.textMuted, "%s", std::string(selfAssessmentPointLabel(kSelfAssessmentPoints[i])).c_str());
                ImGui::Indent(em(0.8f));
                drawCell(row.at[i]);
                ImGui::Unindent(em(0.8f));
                ImGui::PopID();
            }
            ImGui::Separator();
        }
    }
    if (!v.elsewhere.empty()) {
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        std::string list = "Ratings against other standards, kept: ";
        for (size_t i = 0; i < v.elsewhere.size(); ++i) {
            const SelfRating& r = v.elsewhere[i];
            if (i) list += "; ";
            list += r.item + " " + std::string(selfAssessmentPointLabel(r.point)) + " " + ratingText(r.rating);
        }
        mutedWrapped(list.c_str());
    }
    endCard();
}

} // namespace pathway::ui
