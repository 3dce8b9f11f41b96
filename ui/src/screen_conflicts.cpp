// One portfolio open in two places (issue 12): the line that says what came in from elsewhere,
// the editor's notice on an entry that was changed in two places at once (both versions
// reachable), and keeping the editor's draft in step with changes made elsewhere.
#include "pathway/core/integrity.hpp"
#include "pathway/core/review.hpp"
#include "pathway/ui/app.hpp"
#include "ui_common.hpp"

#include <imgui.h>

namespace pathway::ui {

using namespace pathway::core;
using namespace detail;

void App::noteChangesElsewhere(const MergeReport& report) {
    const int32_t n = report.changes();
    if (n <= 0) return;
    m_message = "Updated with " + plural(n, "change", "changes") + " made elsewhere.";
    if (report.conflictCopies > 0)
        m_message += " " + plural(report.conflictCopies, "entry was", "entries were") +
                     " changed in both places: both versions are kept (\"conflicting copy\").";
    m_messageIsError = false;
    m_settleFrames = 3;
    // A draft of an entry that changed elsewhere: untouched here, it shows the new version; being
    // edited here, it stays as typed (saving it keeps the other version as a conflicting copy).
    if (!m_draft || m_draftIsNew || !m_draftBase) return;
    const Entry* stored = m_session.store().portfolio().find(m_draft->id);
    if (!stored || *stored == *m_draftBase) return;
    if (*m_draft == *m_draftBase && m_draftDate == m_draftBase->date.toString()) {
        m_draft = *stored;
        m_draftDate = stored->date.toString();
        m_draftBase = *stored;
    } else {
        m_draftChangedElsewhere = true;
    }
}

std::optional<Entry> App::takeOtherVersion(const Entry& saving) {
    if (!m_draftChangedElsewhere || !m_draftBase) return std::nullopt;
    m_draftChangedElsewhere = false;
    const Entry* stored = m_session.store().portfolio().find(saving.id);
    if (!stored || *stored == *m_draftBase || *stored == saving) return std::nullopt;
    // The version saved elsewhere, kept beside this one as mergePortfolios keeps a loser.
    Entry other = *stored;
    other.id = derivedUuid(stored->id + ":" + entryContentHash(*stored));
    if (m_session.store().portfolio().find(other.id)) return std::nullopt;
    other.title += " (conflicting copy)";
    other.extra["conflict_of"] = saving.id;
    return other;
}

void App::drawConflictNotice(const Entry& e) {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    std::string text;
    std::string otherId;
    if (auto of = e.extra.find("conflict_of"); of != e.extra.end() && of->is_string()) {
        otherId = of->get<std::string>();
        text = doc.find(otherId)
                   ? "A conflicting copy: this version and another were changed in two places "
                     "at once. Both are kept; keep the one you want and delete the other."
                   : "A conflicting copy: the other version has since been deleted.";
    } else {
        for (const auto& x : doc.entries) {
            auto of = x.extra.find("conflict_of");
            if (of != x.extra.end() && of->is_string() && of->get<std::string>() == e.id) {
                otherId = x.id;
                break;
            }
        }
        if (!otherId.empty())
            text = "This entry was also changed somewhere else at the same time: the other "
                   "version is kept as a conflicting copy.";
    }
    if (m_draftChangedElsewhere && m_draft && m_draft->id == e.id)
        text += std::string(text.empty() ? "" : " ") +
                "It was changed elsewhere while you edit it: saving keeps both versions.";
    if (text.empty()) return;
    ax::TextColored(p.warn, "%s", icon::kWarning);
    ImGui::SameLine(0, em(0.4f));
    ImGui::PushTextWrapPos(0);
    ax::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    registerLastItem("editor.conflict", text.c_str());
    if (!otherId.empty() && doc.find(otherId)) {
        if (ImGui::Button("Open the other version")) editEntry(otherId);
        registerLastItem("editor.conflict.other", "Open the other version");
    }
}

} // namespace pathway::ui
