// Home: where the practitioner stands today. Renewal readiness, the ASYE year, evidence,
// supervision and protected time, framework coverage and the newest entries.
#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

constexpr float kPi = 3.14159265f;

/// A check line: a filled tick when done, an open circle when not.
void checkLine(bool done, const std::string& text, const std::string& detailText = {}) {
    const Palette& p = palette();
    ax::TextColored(done ? p.good : p.textMuted, "%s",
                       done ? icon::kCheckCircle : icon::kCircle);
    ImGui::SameLine(0, em(0.4f));
    ax::TextUnformatted(text.c_str());
    if (!detailText.empty()) {
        // Beside the text when it fits, else under it (phones).
        const float w = ImGui::CalcTextSize(detailText.c_str()).x;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (ImGui::GetItemRectMax().x + em(0.4f) + w <= right) {
            ImGui::SameLine(0, em(0.4f));
            ax::TextColored(p.textMuted, "%s", detailText.c_str());
        } else {
            ImGui::Indent(em(1.6f));
            ax::TextColored(p.textMuted, "%s", detailText.c_str());
            ImGui::Unindent(em(1.6f));
        }
    }
}

/// A progress ring with a label in the middle.
void ring(float fraction, const ImVec4& color, const char* big, const char* small, float radius) {
    const Palette& p = palette();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 c(pos.x + radius, pos.y + radius);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float thick = radius * 0.18f;
    dl->PathArcTo(c, radius - thick * 0.5f, 0, 2 * kPi, 48);
    dl->PathStroke(col(p.surfaceAlt), 0, thick);
    fraction = std::clamp(fraction, 0.f, 1.f);
    if (fraction > 0) {
        const float a0 = -kPi * 0.5f;
        dl->PathArcTo(c, radius - thick * 0.5f, a0, a0 + 2 * kPi * fraction, 48);
        dl->PathStroke(col(color), 0, thick);
    }
    ImGui::PushFont(fonts().title);
    const ImVec2 bs = ImGui::CalcTextSize(big);
    dl->AddText(ImVec2(c.x - bs.x * 0.5f, c.y - bs.y * 0.62f), col(p.text), big);
    ImGui::PopFont();
    const ImVec2 ss = ImGui::CalcTextSize(small);
    dl->AddText(ImVec2(c.x - ss.x * 0.5f, c.y + bs.y * 0.35f), col(p.textMuted), small);
    ImGui::Dummy(ImVec2(radius * 2, radius * 2));
}



} // namespace

void App::drawHome() {
    const Palette& p = palette();
    if (!m_message.empty()) {
        ax::TextColored(m_messageIsError ? p.bad : p.good, "%s %s",
                           m_messageIsError ? icon::kWarning : icon::kCheckCircle,
                           m_message.c_str());
    }
    const Status& st = status();
    const float gap = em(1.0f);
    const float full = ImGui::GetContentRegionAvail().x;
    const bool twoColumns = !m_phone && full > em(40);
    const float half = twoColumns ? (full - gap) * 0.5f : full;

    // Row 1: renewal and the ASYE year (or progression when not in the ASYE).
    const float row1 = twoColumns ? std::max(em(14.6f), m_homeRow1Needed) : 0.f;
    m_homeRow1Needed = 0; // measured again by the ASYE card below
    drawRenewalCard(half, row1);
    if (twoColumns) ImGui::SameLine(0, gap);
    drawAsyeCard(half, row1);
    // Row 2: evidence, supervision and protected time (ASYE only).
    if (st.asye) {
        const float row2 =
            twoColumns ? std::max(em(3.4f) + em(2.62f) * float(st.asye->evidence.size()), em(14.f))
                       : 0.f;
        drawEvidenceCard(half, row2);
        if (twoColumns) ImGui::SameLine(0, gap);
        drawSupervisionCard(half, row2);
    }
    // Row 3: coverage and the newest entries.
    const float wide = twoColumns ? (full - gap) * 0.58f : full;
    drawCoverageCard(wide);
    if (twoColumns) ImGui::SameLine(0, gap);
    drawRecentCard(twoColumns ? full - wide - gap : full);
}

void App::drawRenewalCard(float w, float h) {
    const Palette& p = palette();
    const Status& st = status();
    if (beginCard("renewal", ImVec2(w, h))) {
        cardTitle(icon::kVerified, "Registration renewal");
        if (!st.swe) {
            mutedWrapped("No CPD rule is loaded, so renewal readiness cannot be worked out.");
        } else {
            const SweStatus& s = *st.swe;
            const std::string deadline =
                "Renew by " + friendlyDate(s.year.deadline) + ", " + relativeDays(s.daysToDeadline);
            ax::TextColored(s.daysToDeadline <= 14 && !s.ready ? p.warn : p.textMuted, "%s",
                               deadline.c_str());
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            const float radius = em(2.9f);
            char big[32], small[32];
            std::snprintf(big, sizeof big, "%d/%d", std::min(s.completePieces, s.minPieces),
                          s.minPieces);
            std::snprintf(small, sizeof small, "%s", s.minPieces == 1 ? "piece" : "pieces");
            const float frac = s.minPieces > 0 ? float(s.completePieces) / float(s.minPieces) : 1.f;
            ImGui::BeginGroup();
            ring(frac, s.ready ? p.good : p.accent, big, small, radius);
            // The ring's text alternative: what it shows and what is still needed.
            std::string alt = std::to_string(std::min(s.completePieces, s.minPieces)) + " of " +
                              plural(s.minPieces, "piece", "pieces") + " of CPD";
            if (s.peerReflections < s.minPeerReflections) alt += ", peer reflection still needed";
            if (s.ready) alt += ", ready to renew";
            ax::publishLast(Role::Image, alt);
            ImGui::EndGroup();
            ImGui::SameLine(0, em(1.2f));
            ImGui::BeginGroup();
            checkLine(s.completePieces >= s.minPieces,
                      plural(s.minPieces, "piece of CPD", "pieces of CPD"),
                      std::to_string(s.completePieces) + " of " + std::to_string(s.pieces) +
                          " complete");
            checkLine(
                s.peerReflections >= s.minPeerReflections,
                s.minPeerReflections == 1
                    ? "One with peer reflection"
                    : plural(s.minPeerReflections, "with peer reflection", "with peer reflection"),
                s.peerReflections > 0 ? "done" : "not yet");
            ax::TextColored(p.textMuted, "%s", icon::kSchedule);
            ImGui::SameLine(0, em(0.4f));
            // Wrapped: beside the ring on a phone there is room for about 20 characters.
            ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
            ax::TextWrapped("%s this registration year", hoursText(s.hours).c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndGroup();
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            if (s.ready) {
                chip("Ready to renew", p.good);
            } else if (!s.missing.empty()) {
                ax::TextColored(p.text, "Still needed");
                const size_t shown = std::min<size_t>(s.missing.size(), h > 0 ? 2 : 5);
                for (size_t i = 0; i < shown; ++i) {
                    ax::TextColored(p.warn, "%s", icon::kChevronRight);
                    ImGui::SameLine(0, em(0.3f));
                    ImGui::PushTextWrapPos(0);
                    ax::TextWrapped("%s", s.missing[i].c_str());
                    ImGui::PopTextWrapPos();
                }
                if (s.missing.size() > shown)
                    muted(("and " + std::to_string(s.missing.size() - shown) + " more").c_str());
            }
        }
    }
    endCard();
}

void App::drawAsyeCard(float w, float h) {
    const Palette& p = palette();
    const Status& st = status();
    if (!st.asye) {
        // Not in the ASYE: progression towards the next PCF level instead.
        if (beginCard("progression", ImVec2(w, h))) {
            cardTitle(icon::kTimeline, "Progression");
            const ProgressionStatus& pr = st.progression;
            ax::Text("Now: %s", std::string(stageLabel(pr.currentStage)).c_str());
            if (pr.nextLevelName)
                ax::TextColored(p.textMuted, "Next PCF level: %s", pr.nextLevelName->c_str());
            ImGui::Dummy(ImVec2(0, em(0.3f)));
            const size_t gaps = pr.itemsWithoutEvidence.size();
            if (gaps == 0)
                chip("Evidence for every PCF domain this year", p.good);
            else {
                ax::TextWrapped(
                    "%s without evidence in the last 12 months:",
                    plural(static_cast<long long>(gaps), "PCF domain", "PCF domains").c_str());
                std::string list;
                for (size_t i = 0; i < gaps && i < 6; ++i) {
                    const FrameworkItem* it =
                        m_session.catalog().findItem(pr.itemsWithoutEvidence[i]);
                    list += (i ? ", " : "") + (it ? it->title : pr.itemsWithoutEvidence[i]);
                }
                if (gaps > 6) list += ", \xe2\x80\xa6";
                mutedWrapped(list.c_str());
            }
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            if (button("home.open-frameworks", "See frameworks", false)) show(Screen::Frameworks);
        }
        endCard(&m_homeRow1Needed);
        return;
    }
    const AsyeStatus& a = *st.asye;
    if (beginCard("asye", ImVec2(w, h))) {
        cardTitle(icon::kTimeline, "ASYE year");
        const std::string dot = "  \xc2\xb7  ";
        const std::string dates = friendlyDate(a.start) + "  \xe2\x86\x92  " + friendlyDate(a.end);
        std::string more;
        auto also = [&](const std::string& part) { more += (more.empty() ? "" : dot) + part; };
        if (a.fteNow < 1) also(formatDecimal(a.fteNow) + " FTE, extended pro rata");
        if (a.leaveDays > 0) also(plural(a.leaveDays, "day", "days") + " of leave");
        if (a.extendedTo) also("extended");
        // One line when it fits; else the dates, then what moved them (wrapped).
        const std::string line = more.empty() ? dates : dates + dot + more;
        if (ImGui::CalcTextSize(line.c_str()).x <= ImGui::GetContentRegionAvail().x) {
            muted(line.c_str());
        } else {
            muted(dates.c_str());
            mutedWrapped(more.c_str());
        }
        // Timeline: start to end, each review a dot, today a marker.
        ImGui::Dummy(ImVec2(0, em(0.6f)));
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float tw = ImGui::GetContentRegionAvail().x - em(1.0f);
        const float x0 = pos.x + em(0.5f), x1 = x0 + tw;
        const float y = pos.y + em(0.9f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const double span = std::max<double>(1, daysBetween(a.start, a.end));
        auto xAt = [&](Date d) {
            return x0 + float(std::clamp(daysBetween(a.start, d) / span, 0.0, 1.0)) * (x1 - x0);
        };
        const float todayX = xAt(st.today);
        dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), col(p.surfaceAlt), em(0.35f));
        dl->AddLine(ImVec2(x0, y), ImVec2(todayX, y), col(p.accent, 0.55f), em(0.35f));
        const char* todayLabel = "today";
        const ImVec2 ts = ImGui::CalcTextSize(todayLabel);
        const float todayLabelX = std::clamp(todayX - ts.x * 0.5f, x0, x1 - ts.x);
        // Leave: a band over the line (the clock stops there, so the dates after it move),
        // labelled above where the label does not run into "today" or another leave's label.
        float labelsEnd = -FLT_MAX;
        for (const LeavePeriod& l : a.record.leave) {
            const float lx0 = xAt(l.from), lx1 = std::max(xAt(l.to.addDays(1)), lx0 + 2.f);
            dl->AddRectFilled(ImVec2(lx0, y - em(0.35f)), ImVec2(lx1, y + em(0.35f)),
                              col(p.warn, 0.85f), em(0.15f));
            const char* label = "leave";
            const ImVec2 ls = ImGui::CalcTextSize(label);
            const float lx = std::clamp((lx0 + lx1 - ls.x) * 0.5f, x0, x1 - ls.x);
            const bool clear = lx + ls.x + em(0.5f) <= todayLabelX || todayLabelX + ts.x + em(0.5f) <= lx;
            if ((lx1 - lx0 > ls.x * 0.8f || a.record.leave.size() == 1) && clear && lx > labelsEnd) {
                dl->AddText(ImVec2(lx, y - em(2.0f)), col(p.warn), label);
                labelsEnd = lx + ls.x + em(0.5f);
            }
        }
        for (const ReviewStatus& r : a.reviews) {
            const float x = xAt(r.due);
            const ImVec4 c = reviewStateColor(r.state);
            if (r.optional)
                dl->AddCircle(ImVec2(x, y), em(0.45f), col(c), 0, em(0.15f));
            else
                dl->AddCircleFilled(ImVec2(x, y), em(0.45f), col(c));
            const char* label = r.id == "final" ? "Final" : r.id.c_str();
            const ImVec2 ls = ImGui::CalcTextSize(label);
            dl->AddText(ImVec2(std::clamp(x - ls.x * 0.5f, x0 - em(0.5f), x1 - ls.x + em(0.5f)),
                               y + em(0.75f)),
                        col(p.textMuted), label);
        }
        dl->AddLine(ImVec2(todayX, y - em(0.8f)), ImVec2(todayX, y + em(0.5f)), col(p.text), 2.f);
        dl->AddText(ImVec2(todayLabelX, y - em(2.0f)), col(p.text), todayLabel);
        ImGui::Dummy(ImVec2(tw, em(2.6f)));
        // The next review that is not done.
        const ReviewStatus* next = nullptr;
        for (const ReviewStatus& r : a.reviews)
            if (r.state != ReviewState::Done && r.state != ReviewState::NotHeld &&
                !(r.optional && next)) {
                next = &r;
                break;
            }
        const AsyeOutcome& outcome = a.record.outcome;
        const std::optional<AsyeDecisionRecord>& word =
            outcome.final ? outcome.final : outcome.moderation ? outcome.moderation
                                                               : outcome.recommendation;
        if (word) {
            const char* who = outcome.final        ? "Final outcome"
                              : outcome.moderation ? "Moderation"
                                                   : "Assessor recommends";
            const bool pass = word->decision == AsyeDecision::Pass;
            const bool fail = word->decision == AsyeDecision::Fail;
            std::string text = std::string(who) + ": " +
                               (pass ? "pass" : fail ? "fail" : "extension");
            if (word->newEnd) text += " to " + friendlyDate(*word->newEnd);
            chip(text.c_str(), pass ? p.good : fail ? p.bad : p.warn);
            // When and who beside the chip, or under it (wrapped) when that does not fit.
            const std::string detail = friendlyDate(word->date) + (word->by.empty() ? "" : ", " + word->by);
            ImGui::SameLine(0, em(0.5f));
            if (ImGui::CalcTextSize(detail.c_str()).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
            mutedWrapped(detail.c_str());
        }
        if (a.closed) {
            if (!word) chip("ASYE complete", p.good);
        } else if (next) {
            ax::TextColored(p.textMuted, "%s", icon::kEvent);
            ImGui::SameLine(0, em(0.4f));
            ax::TextUnformatted(("Next: " + next->name).c_str());
            ImGui::SameLine(0, em(0.5f));
            chip(reviewStateLabel(next->state), reviewStateColor(next->state));
            muted(("Due " + friendlyDate(next->due) + ", " +
                   relativeDays(daysBetween(st.today, next->due)))
                      .c_str());
        } else {
            chip("All reviews recorded", p.good);
        }
        if (button("home.open-reviews", "Review schedule", false)) show(Screen::Reviews);
    }
    endCard(&m_homeRow1Needed);
}

void App::drawEvidenceCard(float w, float h) {
    const Palette& p = palette();
    const AsyeStatus& a = *status().asye;
    if (beginCard("evidence", ImVec2(w, h))) {
        cardTitle(icon::kCheckCircle, "ASYE evidence");
        ImGui::Dummy(ImVec2(0, em(0.1f)));
        for (const EvidenceStatus& e : a.evidence) {
            const bool met = e.have >= e.need;
            ax::TextUnformatted(e.label.c_str());
            char count[32];
            std::snprintf(count, sizeof count, "%d of %d", e.have, e.need);
            const float cw = ImGui::CalcTextSize(count).x;
            ImGui::SameLine(ImGui::GetContentRegionMax().x - cw);
            ax::TextColored(met ? p.good : p.textMuted, "%s", count);
            progressBar(e.need > 0 ? float(e.have) / float(e.need) : 1.f, met ? p.good : p.accent,
                        0, 0.35f);
            ax::publishProgress(e.label + ": " + count, float(e.have), float(e.need));
        }
    }
    endCard();
}

void App::drawSupervisionCard(float w, float h) {
    const Palette& p = palette();
    const Status& st = status();
    const AsyeStatus& a = *st.asye;
    if (beginCard("supervision", ImVec2(w, h))) {
        cardTitle(icon::kGroup, "Supervision");
        const SupervisionSummary& s = a.supervision;
        if (!s.cadenceLabel.empty()) {
            std::string cadence = s.cadenceLabel;
            cadence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cadence[0])));
            muted(cadence.c_str());
        }
        ax::Text("%s logged", plural(s.count, "session", "sessions").c_str());
        if (s.last) {
            ImGui::SameLine();
            muted(("\xc2\xb7 last " + friendlyDate(*s.last)).c_str());
        }
        if (s.nextDue) {
            const long long d = daysBetween(st.today, *s.nextDue);
            ax::TextColored(d < 0 ? p.bad : p.text, "%s Next due %s (%s)", icon::kEvent,
                               friendlyDate(*s.nextDue).c_str(), relativeDays(d).c_str());
        }
        const size_t gaps = a.supervisionGaps.size();
        if (gaps == 0)
            ax::TextColored(p.good, "%s No gaps longer than the cadence", icon::kCheckCircle);
        else
            ax::TextColored(p.warn, "%s %s longer than the cadence", icon::kWarning,
                               plural(static_cast<long long>(gaps), "gap", "gaps").c_str());
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        ImGui::Separator();
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        cardTitle(icon::kSchedule, "Protected time");
        const ProtectedTimeStatus& t = a.protectedTime;
        const float frac = t.fraction ? float(*t.fraction) : 0.f;
        const ImVec4 c = !t.fraction    ? p.accent
                         : frac >= 0.9f ? p.good
                         : frac >= 0.5f ? p.warn
                                        : p.bad;
        std::string line = hoursText(t.hoursLogged) + " of about " +
                           formatDecimal(std::round(t.hoursExpectedToDate)) + " expected so far";
        ax::TextUnformatted(line.c_str());
        progressBar(frac, c, 0, 0.35f);
    }
    endCard();
}

void App::drawCoverageCard(float w) {
    const Palette& p = palette();
    const Status& st = status();
    const Catalog& catalog = m_session.catalog();
    if (beginCard("coverage", ImVec2(w, 0))) {
        cardTitle(icon::kGrid, "Framework coverage");
        muted("Entries tagged with each item. Select an item to see its evidence.");
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        const Setting setting = m_session.store().portfolio().profile.setting;
        const float cell = em(2.3f), cgap = em(0.25f);
        const float labelW = m_phone ? 0.f : em(5.5f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        for (const Framework* fw : catalog.frameworksFor(setting, st.today)) {
            const std::string name = fw->shortTitle.empty() ? fw->title : fw->shortTitle;
            const ImVec2 rowStart = ImGui::GetCursorScreenPos();
            if (m_phone) {
                ax::TextUnformatted(name.c_str());
            } else {
                dl->AddText(ImVec2(rowStart.x, rowStart.y + (cell - ImGui::GetFontSize()) * 0.5f),
                            col(p.text), name.c_str());
            }
            const float left = ImGui::GetCursorScreenPos().x + labelW;
            const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
            float x = left;
            float y = m_phone ? ImGui::GetCursorScreenPos().y : rowStart.y;
            for (const FrameworkItem& item : fw->items) {
                const std::string tag = fw->tag(item);
                int count = 0;
                std::optional<Date> last;
                for (const CoverageCell& c : st.coverage)
                    if (c.tag == tag) {
                        count = c.count;
                        last = c.last;
                        break;
                    }
                if (x + cell > right) {
                    x = left;
                    y += cell + cgap;
                }
                const float t = count == 0 ? 0.f : 0.3f + 0.7f * std::min(count, 5) / 5.f;
                const ImVec4 fill = count == 0 ? p.surfaceAlt : mix(p.surface, p.accent, t);
                ImGui::SetCursorScreenPos(ImVec2(x, y));
                ImGui::PushID(tag.c_str());
                if (ImGui::InvisibleButton("cell", ImVec2(cell, cell))) {
                    m_framework = fw->id;
                    m_frameworkTag = tag;
                    show(Screen::Frameworks);
                }
                registerLastItem(("coverage." + tag).c_str(), item.title.c_str());
                semantics(Role::Button, 0, nullptr,
                          count == 0 ? "no entries yet"
                                     : plural(count, "entry", "entries") +
                                           (last ? ", last " + friendlyDate(*last) : ""));
                const bool hovered = ImGui::IsItemHovered();
                ImGui::PopID();
                dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cell, y + cell), col(fill), em(0.35f));
                if (hovered || ImGui::IsItemFocused())
                    dl->AddRect(ImVec2(x, y), ImVec2(x + cell, y + cell), col(p.text), em(0.35f), 0,
                                2.f);
                const ImVec2 ts = ImGui::CalcTextSize(item.id.c_str());
                const ImVec4 textColor = t > 0.6f ? p.accentText : p.textMuted;
                dl->AddText(ImVec2(x + (cell - ts.x) * 0.5f, y + (cell - ts.y) * 0.5f),
                            col(textColor), item.id.c_str());
                if (hovered) {
                    ImGui::BeginTooltip();
                    ax::Text("%s %s: %s",
                                fw->shortTitle.empty() ? fw->id.c_str() : fw->shortTitle.c_str(),
                                item.id.c_str(), item.title.c_str());
                    ax::TextColored(p.textMuted, "%s%s",
                                       plural(count, "entry", "entries").c_str(),
                                       last ? (", latest " + friendlyDate(*last)).c_str() : "");
                    ImGui::EndTooltip();
                }
                x += cell + cgap;
            }
            ImGui::SetCursorScreenPos(ImVec2(rowStart.x, y + cell + cgap * 2));
            ImGui::Dummy(ImVec2(0, 0));
        }
        // Legend.
        ImGui::Dummy(ImVec2(0, em(0.1f)));
        const ImVec2 lp = ImGui::GetCursorScreenPos();
        float lx = lp.x;
        const char* labels[] = {"none", "1", "3", "5+"};
        const int counts[] = {0, 1, 3, 5};
        for (int i = 0; i < 4; ++i) {
            const float t = counts[i] == 0 ? 0.f : 0.3f + 0.7f * counts[i] / 5.f;
            const ImVec4 fill = counts[i] == 0 ? p.surfaceAlt : mix(p.surface, p.accent, t);
            const float s = em(0.8f);
            dl->AddRectFilled(ImVec2(lx, lp.y + em(0.15f)), ImVec2(lx + s, lp.y + em(0.15f) + s),
                              col(fill), em(0.2f));
            dl->AddText(ImVec2(lx + s + em(0.3f), lp.y), col(p.textMuted), labels[i]);
            lx += s + em(0.6f) + ImGui::CalcTextSize(labels[i]).x + em(0.6f);
        }
        ImGui::Dummy(ImVec2(0, em(1.1f)));
    }
    endCard();
}

void App::drawRecentCard(float w) {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    if (m_recentRevision != m_session.store().revision()) {
        // The newest few, without sorting the whole log (10,000 entries stay cheap).
        m_recent.resize(doc.entries.size());
        for (size_t i = 0; i < m_recent.size(); ++i)
            m_recent[i] = i;
        const size_t n = std::min<size_t>(6, m_recent.size());
        std::partial_sort(m_recent.begin(), m_recent.begin() + static_cast<long>(n), m_recent.end(),
                          [&](size_t a, size_t b) {
                              const Entry& x = doc.entries[a];
                              const Entry& y = doc.entries[b];
                              return x.date != y.date ? x.date > y.date : x.createdMs > y.createdMs;
                          });
        m_recent.resize(n);
        m_recentRevision = m_session.store().revision();
    }
    if (beginCard("recent", ImVec2(w, 0))) {
        cardTitle(icon::kList, "Recent entries");
        if (doc.entries.empty()) {
            mutedWrapped("Nothing recorded yet. Start with a piece of CPD: a course, some reading, "
                         "a conversation with a colleague that taught you something.");
            ImGui::Dummy(ImVec2(0, em(0.3f)));
            if (button("home.add-first", (std::string(icon::kAdd) + "  Add your first CPD").c_str(),
                       true))
                startNewEntry(EntryKind::Cpd);
        } else {
            for (size_t i : m_recent)
                if (i < doc.entries.size()) drawEntryRow(doc.entries[i], i);
            char all[64];
            std::snprintf(
                all, sizeof all, "See all %s",
                plural(static_cast<long long>(doc.entries.size()), "entry", "entries").c_str());
            if (button("home.open-log", all, false)) show(Screen::Log);
            ImGui::SameLine();
            if (button("home.add-other", (std::string(icon::kAdd) + "  Add another kind").c_str(),
                       false))
                m_openAddMenu = true;
        }
    }
    endCard();
    (void)p;
}

} // namespace pathway::ui
