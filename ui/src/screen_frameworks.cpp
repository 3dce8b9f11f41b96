// Frameworks (items with evidence counts, open one to see its evidence; progression) and
// Reviews (the ASYE schedule, outcomes, mentors' comments and sign-offs).
#include "pathway/core/catalog.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {
bool tagMatches(const Entry& e, const std::string& tag) {
    const std::string prefix = tag + ".";
    for (const auto& t : e.tags)
        if (t == tag || t.rfind(prefix, 0) == 0) return true;
    return false;
}

} // namespace

void App::drawFrameworks() {
    const Palette& p = palette();
    const Status& st = status();
    const Catalog& catalog = m_session.catalog();
    const Portfolio& doc = m_session.store().portfolio();
    const std::vector<const Framework*> fws = catalog.frameworksFor(doc.profile.setting, st.today);
    if (fws.empty()) {
        mutedWrapped("No framework applies to your setting today.");
        return;
    }
    if (m_framework.empty() || std::none_of(fws.begin(), fws.end(), [&](const Framework* f) {
            return f->id == m_framework;
        }))
        m_framework = fws.front()->id;

    // Progression.
    if (beginCard("progression", ImVec2(0, 0))) {
        cardTitle(icon::kTimeline, "Progression");
        const ProgressionStatus& pr = st.progression;
        ax::Text("You are at: %s", std::string(stageLabel(pr.currentStage)).c_str());
        if (pr.nextLevelName) {
            ImGui::SameLine();
            ax::TextColored(p.textMuted, "%s  next PCF level: %s", icon::kChevronRight,
                               pr.nextLevelName->c_str());
        }
        if (pr.itemsWithoutEvidence.empty()) {
            ax::TextColored(p.good, "%s Every PCF domain has evidence from the last 12 months.",
                               icon::kCheckCircle);
        } else {
            std::string list;
            for (size_t i = 0; i < pr.itemsWithoutEvidence.size(); ++i) {
                const FrameworkItem* it = catalog.findItem(pr.itemsWithoutEvidence[i]);
                list += (i ? ", " : "") + pr.itemsWithoutEvidence[i] + (it ? " " + it->title : "");
            }
            ax::TextColored(p.warn, "%s Gaps: no evidence in the last 12 months for",
                               icon::kWarning);
            mutedWrapped(list.c_str());
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // Framework selector.
    std::vector<const char*> ids, labels;
    std::vector<std::string> names;
    names.reserve(fws.size());
    int selected = 0;
    for (size_t i = 0; i < fws.size(); ++i) {
        ids.push_back(fws[i]->id.c_str());
        names.push_back(fws[i]->shortTitle.empty() ? fws[i]->title : fws[i]->shortTitle);
        if (fws[i]->id == m_framework) selected = static_cast<int>(i);
    }
    for (const auto& n : names)
        labels.push_back(n.c_str());
    if (segmented("frameworks.", ids.data(), labels.data(), static_cast<int>(ids.size()), selected))
        m_framework = fws[static_cast<size_t>(selected)]->id, m_frameworkTag.clear();
    const Framework& fw = *fws[static_cast<size_t>(selected)];
    std::string source = fw.title + "  \xc2\xb7  version " + fw.version;
    if (fw.validTo) source += ", in force until " + friendlyDate(*fw.validTo);
    muted(source.c_str());

    const bool split = !m_phone && ImGui::GetContentRegionAvail().x > em(50);
    const bool showList = split || m_frameworkTag.empty();
    const bool showDetail = !m_frameworkTag.empty();
    const float listW = split && showDetail ? ImGui::GetContentRegionAvail().x * 0.52f : 0.f;

    if (showList) {
        ImGui::BeginChild("items", ImVec2(listW, 0),
                          ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        int maxCount = 1;
        for (const CoverageCell& c : st.coverage)
            maxCount = std::max(maxCount, c.count);
        if (ImGui::BeginTable("items", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) {
            ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("Evidence", ImGuiTableColumnFlags_WidthFixed,
                                    em(m_phone ? 5.5f : 9));
            ImGui::TableSetupColumn("Latest", ImGuiTableColumnFlags_WidthFixed,
                                    em(m_phone ? 6.5f : 7));
            ImGui::TableHeadersRow();
            for (const FrameworkItem& item : fw.items) {
                const std::string tag = fw.tag(item);
                const CoverageCell* cell = nullptr;
                for (const CoverageCell& c : st.coverage)
                    if (c.tag == tag) cell = &c;
                ImGui::TableNextRow(0, em(2.2f));
                ImGui::TableNextColumn();
                if (!item.parent.empty()) ImGui::Indent(em(1.2f));
                const std::string text = item.id + "   " + item.title +
                                         (item.confirmed ? "" : "  (heading not yet confirmed)");
                if (ImGui::Selectable(text.c_str(), m_frameworkTag == tag,
                                      ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, em(1.6f))))
                    m_frameworkTag = tag;
                registerLastItem(("framework.item." + tag).c_str(), item.title.c_str());
                if (!item.parent.empty()) ImGui::Unindent(em(1.2f));
                ImGui::TableNextColumn();
                const int count = cell ? cell->count : 0;
                ax::TextColored(count ? p.text : p.textMuted, "%d", count);
                if (!m_phone) {
                    ImGui::SameLine();
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + em(0.4f));
                    progressBar(float(count) / float(maxCount), p.accent, 0, 0.35f);
                }
                ImGui::TableNextColumn();
                if (cell && cell->last) {
                    muted(friendlyDate(*cell->last).c_str());
                } else {
                    muted("\xe2\x80\x94");
                }
            }
            ImGui::EndTable();
        }
        ImGui::EndChild();
    }
    if (showDetail) {
        if (split) ImGui::SameLine(0, em(1));
        ImGui::BeginChild("detail", ImVec2(0, 0),
                          ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        if (button("frameworks.back", (std::string(icon::kBack) + "  All items").c_str(), false))
            m_frameworkTag.clear();
        const FrameworkItem* item = catalog.findItem(m_frameworkTag);
        ImGui::PushFont(fonts().heading);
        ax::TextWrapped("%s  %s", m_frameworkTag.c_str(), item ? item->title.c_str() : "");
        ImGui::PopFont();
        if (item && !item->description.empty()) mutedWrapped(item->description.c_str());
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        int n = 0;
        for (size_t i = 0; i < doc.entries.size(); ++i)
            if (!m_frameworkTag.empty() && tagMatches(doc.entries[i], m_frameworkTag)) {
                drawEntryRow(doc.entries[i], i, "evidence.");
                ++n;
            }
        if (n == 0) {
            mutedWrapped("No evidence tagged with this item yet. Tag entries in the editor's "
                         "Frameworks section.");
        }
        ImGui::EndChild();
    }
}

void App::drawReviews() {
    const Palette& p = palette();
    const Status& st = status();
    const Portfolio& doc = m_session.store().portfolio();

    if (beginCard("schedule", ImVec2(0, 0))) {
        cardTitle(icon::kEvent, "Review schedule");
        if (!st.asye) {
            mutedWrapped(doc.profile.asyeStart
                             ? "No ASYE rule covers your start date and setting, so there is no "
                               "review schedule."
                             : "Add your ASYE start date in Settings to see your review schedule.");
            if (!doc.profile.asyeStart && button("reviews.open-settings", "Open settings", false))
                show(Screen::Settings);
        } else {
            muted(
                ("Started " + friendlyDate(st.asye->start) + ", ends " + friendlyDate(st.asye->end))
                    .c_str());
            if (ImGui::BeginTable("reviews", m_phone ? 3 : 4,
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) {
                ImGui::TableSetupColumn("Review", ImGuiTableColumnFlags_WidthStretch);
                ImGui::TableSetupColumn("Due", ImGuiTableColumnFlags_WidthFixed,
                                        em(m_phone ? 6 : 8));
                ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed,
                                        em(m_phone ? 6 : 7));
                if (!m_phone) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(9));
                ImGui::TableHeadersRow();
                for (const ReviewStatus& r : st.asye->reviews) {
                    ImGui::TableNextRow(0, em(2.4f));
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    // Wrapped: a phone's column is narrower than "6-month (midpoint) review".
                    ax::TextWrapped("%s", (r.name + (r.optional ? " (optional)" : "")).c_str());
                    ImGui::TableNextColumn();
                    ImGui::AlignTextToFramePadding();
                    ax::TextUnformatted(friendlyDate(r.due).c_str());
                    if (!(r.due == r.calculated) && ImGui::IsItemHovered())
                        ImGui::SetTooltip("Falls on %s, a weekend: due the Monday after.",
                                          friendlyDate(r.calculated).c_str());
                    ImGui::TableNextColumn();
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                                         ImGui::GetStyle().FramePadding.y * 0.5f);
                    chip(reviewStateLabel(r.state), reviewStateColor(r.state));
                    if (r.doneOn) muted(friendlyDate(*r.doneOn).c_str());
                    if (!m_phone) {
                        ImGui::TableNextColumn();
                        if (r.state != ReviewState::Done &&
                            button(("reviews.record." + r.id).c_str(), "Record outcome", false)) {
                            startNewEntry(EntryKind::Review);
                            if (m_draft && m_draft->kind == EntryKind::Review && m_draftIsNew) {
                                m_draft->fields[std::string(field::kStage)] = r.id;
                                if (m_draft->title.empty()) m_draft->title = r.name;
                            }
                        }
                    }
                }
                ImGui::EndTable();
            }
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // The ASYE's people, the development plan per review and the self-assessment
    // (screen_self_assessment.cpp).
    if (st.asye) {
        drawAsyePeopleCard();
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        drawPlanCard();
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        drawSelfAssessmentCard();
        ImGui::Dummy(ImVec2(0, em(0.3f)));
    }

    // Outcomes: the review entries, newest first.
    std::vector<size_t> reviews;
    for (size_t i = 0; i < doc.entries.size(); ++i)
        if (doc.entries[i].kind == EntryKind::Review) reviews.push_back(i);
    std::sort(reviews.begin(), reviews.end(),
              [&](size_t a, size_t b) { return doc.entries[a].date > doc.entries[b].date; });
    if (beginCard("outcomes", ImVec2(0, 0))) {
        cardTitle(icon::kReview, "Outcomes");
        if (reviews.empty())
            mutedWrapped("No review recorded yet. After each review meeting, record its outcome "
                         "and actions.");
        for (size_t i : reviews) {
            const Entry& e = doc.entries[i];
            drawEntryRow(e, i, "review.");
            if (e.has(field::kOutcome)) {
                ImGui::SameLine(0, 0);
                ImGui::NewLine();
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() - em(0.3f));
                chip(m_session.catalog().choiceLabel(EntryKind::Review, field::kOutcome, e.field(field::kOutcome))
                         .c_str(),
                     e.field(field::kOutcome) == "pass" || e.field(field::kOutcome) == "on-track"
                         ? p.good
                         : p.warn);
            }
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // What mentors and assessors said (from review files), and what they signed off.
    if (beginCard("comments", ImVec2(0, 0))) {
        cardTitle(icon::kComment, "Comments and sign-offs");
        if (doc.comments.empty() && doc.signOffs.empty())
            mutedWrapped(
                "Share a copy with your mentor or assessor; when you merge the feedback file "
                "they send back, their comments and sign-offs appear here.");
        std::vector<const Comment*> comments;
        for (const Comment& c : doc.comments)
            comments.push_back(&c);
        std::sort(comments.begin(), comments.end(),
                  [](const Comment* a, const Comment* b) { return a->atMs > b->atMs; });
        for (const Comment* c : comments) {
            const Entry* e = doc.find(c->entryId);
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            ax::TextColored(p.accent, "%s", icon::kComment);
            ImGui::SameLine(0, em(0.4f));
            ax::Text("%s", c->author.empty() ? "Reviewer" : c->author.c_str());
            if (!c->role.empty()) {
                ImGui::SameLine();
                muted(c->role.c_str());
            }
            if (c->atMs) {
                ImGui::SameLine();
                muted(("\xc2\xb7 " + formatTimestamp(c->atMs).substr(0, 10)).c_str());
            }
            if (e) muted(("on \"" + e->title + "\"").c_str());
            ax::TextWrapped("%s", c->text.c_str());
            if (c->requestsEvidence) chip("Asks for more evidence", p.warn);
            if (!c->outcome.empty()) {
                if (c->requestsEvidence) ImGui::SameLine();
                chip(m_session.catalog().choiceLabel(EntryKind::Review, field::kOutcome, c->outcome).c_str(), p.accent);
            }
            drawTrust(checkComment(doc, *c, {}), "comment.trust." + c->id,
                      c->requestsEvidence || !c->outcome.empty());
            if (e && button(("comment.open." + c->id).c_str(), "Open entry", false))
                editEntry(e->id);
            ImGui::Separator();
        }
        for (const SignOff& s : doc.signOffs) {
            const Entry* e = doc.find(s.entryId);
            ax::TextColored(p.good, "%s", icon::kVerified);
            ImGui::SameLine(0, em(0.4f));
            std::string line =
                "Signed off by " + (s.reviewer.empty() ? std::string("a reviewer") : s.reviewer);
            if (!s.role.empty()) line += " (" + s.role + ")";
            ax::TextWrapped("%s", line.c_str());
            std::string what = e ? "\"" + e->title + "\"" : "an entry no longer in the portfolio";
            if (s.atMs) what += " on " + formatTimestamp(s.atMs).substr(0, 10);
            muted(what.c_str());
            const SignOffState st = signOffState(doc, s);
            if (st == SignOffState::Stale)
                chip("Edited since it was signed off", p.warn);
            else if (st == SignOffState::Altered || st == SignOffState::Malformed)
                chip("Changed outside Pathway after signing", p.bad);
            else if (st == SignOffState::Missing)
                chip("Entry deleted", p.textMuted);
            else
                chip("Current", p.good);
            if (st != SignOffState::Current)
                registerLastItem(("signoff.state." + std::string(signOffStateId(st))).c_str(),
                                 "sign-off state");
            const size_t si = static_cast<size_t>(&s - doc.signOffs.data());
            const ReviewCheck trust = checkSignOff(doc, s, {});
            drawTrust(trust, "signoff.trust." + std::to_string(si), true);
            if (e) {
                sameLineIfFits(ImGui::CalcTextSize("Open entry").x +
                               ImGui::GetStyle().FramePadding.x * 2);
                if (button(("signoff.open." + std::to_string(si)).c_str(), "Open entry", false))
                    editEntry(e->id);
            }
            // The practitioner may withdraw a sign-off that is not authentic: it stays, marked.
            if (!s.withdrawnMs && trust.state != TrustState::Authentic) {
                const std::string n = std::to_string(si);
                auto it = m_withdrawReason.find(si);
                if (it == m_withdrawReason.end()) {
                    if (button(("signoff.withdraw.open." + n).c_str(), "Withdraw...", false))
                        m_withdrawReason[si];
                } else {
                    textField(("signoff.withdraw.reason." + n).c_str(), "Why withdraw it?",
                              it->second, "e.g. signed before the entry was finished");
                    const std::string reason = it->second;
                    ImGui::BeginDisabled(trim(reason).empty());
                    const bool go = button(("signoff.withdraw." + n).c_str(), "Withdraw sign-off", true);
                    ImGui::EndDisabled();
                    ImGui::SameLine();
                    const bool cancel = button(("signoff.withdraw.cancel." + n).c_str(), "Cancel", false);
                    if (go || cancel) m_withdrawReason.erase(si);
                    if (go) {
                        if (auto w = withdrawSignOff(doc, si, reason, m_clock.nowMs()))
                            m_session.store().apply(
                                cmd::ReplacePortfolio{*w, "Withdraw a sign-off"});
                        break; // the portfolio changed under this loop
                    }
                }
            }
            ImGui::Separator();
        }
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        if (button("reviews.merge", (std::string(icon::kMerge) + "  Merge a feedback file").c_str(),
                   true)) {
            show(Screen::Share);
            askForFile("feedback", ".json,application/json");
        }
        ImGui::SameLine();
        if (button("reviews.share", (std::string(icon::kShare) + "  Share for review").c_str(),
                   false))
            show(Screen::Share);
    }
    endCard();
}

void App::drawTrust(const ReviewCheck& c, const std::string& id, bool sameLine) {
    const Palette& p = palette();
    // The longest of these that fits the line (a phone is narrow); all of it in the tooltip.
    const std::string label(trustStateLabel(c.state));
    const std::string academy =
        c.state == TrustState::Authentic ? " (" + c.academy + "'s roster)" : std::string();
    const std::string key = c.fingerprint.empty() ? "" : " \xc2\xb7 key " + c.fingerprint;
    const std::string full = label + academy + key;
    auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x + em(1.0f); };
    if (sameLine) sameLineIfFits(width(full));
    const float avail = ImGui::GetContentRegionAvail().x;
    std::string text = full;
    for (const std::string& shorter : {label + key, label})
        if (width(text) > avail) text = shorter;
    chip(text.c_str(), c.state == TrustState::Authentic      ? p.good
                       : c.state == TrustState::BadSignature ? p.bad
                                                             : p.warn);
    registerLastItem((id + "." + std::string(trustStateId(c.state))).c_str(), text.c_str());
    if (ImGui::IsItemHovered()) {
        const std::string tip = c.detail.empty() ? full : full + "\n" + c.detail;
        ImGui::SetTooltip("%s", tip.c_str());
    }
}

} // namespace pathway::ui
