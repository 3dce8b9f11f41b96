// The editor: one form for every kind of entry, built from its KindSpec. Reflections follow the
// chosen model's stages (text under other models is kept), tags come from a searchable picker,
// problems show under the field, and the draft lives in the App (persisted through the Host)
// until it is saved as one command.
#include "pathway/core/catalog.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/text_edit.hpp"
#include "ui_common.hpp"

#include <imgui.h>
#include <imgui_internal.h> // ClearActiveID: end a text edit before saving
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

void label(const std::string& text, const std::string& guidance) {
    ImGui::Dummy(ImVec2(0, em(0.15f)));
    ax::TextUnformatted(text.c_str());
    if (!guidance.empty()) mutedWrapped(guidance.c_str());
}

void input(const std::string& id, const std::string& labelText, std::string& value,
           const char* hint = "", bool invalid = false, TextKind kind = TextKind::Line,
           float width = -FLT_MIN) {
    const Palette& p = palette();
    if (invalid) ImGui::PushStyleColor(ImGuiCol_Border, p.bad);
    TextFieldSpec spec;
    spec.kind = kind;
    spec.hint = hint;
    spec.width = width;
    editText(id.c_str(), labelText.c_str(), value, spec);
    if (invalid) ImGui::PopStyleColor();
}

void area(const std::string& id, const std::string& labelText, std::string& value, float heightEm) {
    // Wrapped at the field's width and as tall as its text: nothing written is out of sight.
    TextFieldSpec spec;
    spec.kind = TextKind::Prose;
    spec.multiline = true;
    spec.minHeightEm = heightEm;
    editText(id.c_str(), labelText.c_str(), value, spec);
}

} // namespace

// Who signed this entry off and whether that still holds; what reviewers asked for. Shown above
// the form so that nobody edits a signed entry without knowing.
void App::drawSignOffs(const Entry& draft) {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    const Entry* stored = doc.find(draft.id);
    if (!stored) return;
    const bool editing = !(*stored == draft) || m_draftDate != stored->date.toString();
    for (const SignOff& s : doc.signOffs) {
        if (s.entryId != draft.id) continue;
        const SignOffState st = signOffState(doc, s);
        std::string line =
            "Signed off by " + (s.reviewer.empty() ? std::string("a reviewer") : s.reviewer);
        if (!s.role.empty()) line += " (" + s.role + ")";
        if (auto d = Date::parse(formatTimestamp(s.atMs).substr(0, 10)); s.atMs && d)
            line += " on " + friendlyDate(*d);
        ImVec4 c = p.good;
        const char* state = nullptr;
        if (st == SignOffState::Current && editing)
            state = "Saving your changes will mark this sign-off as stale: ask them to sign again.";
        else if (st == SignOffState::Stale) {
            c = p.warn;
            state = "Stale: edited since it was signed off.";
        } else if (st == SignOffState::Altered || st == SignOffState::Malformed) {
            c = p.bad;
            state = "Does not match: the entry was changed outside Pathway after signing.";
        }
        ax::TextColored(c, "%s", icon::kVerified);
        ImGui::SameLine(0, em(0.4f));
        ImGui::PushTextWrapPos(0);
        ax::TextUnformatted(line.c_str());
        registerLastItem(("signoff." + std::string(signOffStateId(st))).c_str(), line.c_str());
        if (state) ax::TextColored(c, "%s", state);
        ImGui::PopTextWrapPos();
    }
    for (const Comment& cm : doc.comments) {
        if (cm.entryId != draft.id) continue;
        ax::TextColored(cm.requestsEvidence ? p.warn : p.accent, "%s", icon::kComment);
        ImGui::SameLine(0, em(0.4f));
        ImGui::PushTextWrapPos(0);
        ax::TextWrapped("%s%s: %s", cm.author.empty() ? "Reviewer" : cm.author.c_str(),
                           cm.requestsEvidence ? " asks for more evidence" : "", cm.text.c_str());
        ImGui::PopTextWrapPos();
    }
}

void App::drawEditor() {
    const Palette& p = palette();
    if (!m_draft) {
        show(Screen::Home);
        return;
    }
    Entry& e = *m_draft;
    const KindSpec& spec = kindSpec(e.kind);
    const Catalog& catalog = m_session.catalog();

    // The form scrolls; the actions stay in view below it (a phone shows a third of the form).
    const float actionH = m_phone ? std::max(em(2.6f), 44.f) : em(2.5f);
    const float footer = actionH + ImGui::GetStyle().ItemSpacing.y * 2 + em(0.4f) +
                         (m_message.empty() ? 0.f : em(1.6f) * (m_phone ? 2.f : 1.f));
    const bool sidePane = !m_phone && ImGui::GetContentRegionAvail().x > em(52);
    const float formW = sidePane ? std::min(ImGui::GetContentRegionAvail().x - em(18), em(46))
                                 : ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ImGui::BeginChild("form", ImVec2(formW, -footer), ImGuiChildFlags_None);
    ImGui::PopStyleColor();
    // Another entry opens at its top, not where the last one was scrolled to (its title and
    // date would be out of view, and out of a screen reader's reach).
    if (m_formShowsId != e.id || m_formShowsNew != m_draftIsNew) {
        ImGui::SetScrollY(0);
        m_formShowsId = e.id;
        m_formShowsNew = m_draftIsNew;
    }
    ImGui::PushItemWidth(-FLT_MIN);

    // Kind: fixed for stored entries, switchable for new ones (the text already typed is kept).
    ax::TextColored(kindColor(e.kind), "%s", kindIcon(e.kind));
    ImGui::SameLine(0, em(0.4f));
    if (m_draftIsNew) {
        ImGui::SetNextItemWidth(em(16));
        const std::string current(kindLabel(e.kind));
        if (ImGui::BeginCombo("##kind", current.c_str())) {
            for (EntryKind k : kAllKinds) {
                const std::string l(kindLabel(k));
                if (ImGui::Selectable(l.c_str(), k == e.kind)) e.kind = k;
                registerLastItem(("editor.kind." + std::string(kindId(k))).c_str(), l.c_str());
                semantics(Role::Option, k == e.kind ? state::kSelected : 0);
            }
            ImGui::EndCombo();
        }
        registerLastItem("editor.kind", "Kind of entry");
        semantics(Role::ComboBox, 0, "editor.kind", current);
    } else {
        ax::TextUnformatted(std::string(kindLabel(e.kind)).c_str());
        drawSignOffs(e);
        drawConflictNotice(e);
    }

    label("Title", "");
    const bool titleMissing = m_triedSave && trim(e.title).empty();
    input("entry.title", "Title", e.title, std::string(spec.titleHint).c_str(), titleMissing);
    if (titleMissing) fieldError("Give the entry a title.");

    label("Date", "");
    const bool badDate = !Date::parse(trim(m_draftDate));
    input("entry.date", "Date", m_draftDate, "YYYY-MM-DD", badDate, TextKind::Date, em(10));
    if (auto d = Date::parse(trim(m_draftDate))) {
        ImGui::SameLine();
        muted(friendlyDate(*d).c_str());
        if (*d > m_clock.today()) {
            ImGui::SameLine();
            ax::TextColored(p.warn, "in the future");
        }
    }
    if (badDate) fieldError("The date must look like 2026-11-23.");

    for (const FieldSpec& f : spec.fields) {
        const std::string key(f.key);
        const std::string id = std::string(kindId(e.kind)) + "." + key;
        const std::string labelText(f.label);
        std::string value = e.field(key);
        switch (f.type) {
        case FieldType::Text:
        case FieldType::Date:
            label(labelText, std::string(f.guidance));
            if (f.type == FieldType::Date)
                input(id, labelText, value, "YYYY-MM-DD", false, TextKind::Date);
            else
                input(id, labelText, value);
            if (f.type == FieldType::Date && !trim(value).empty() && !Date::parse(trim(value)))
                fieldError("Dates look like 2026-11-23.");
            break;
        case FieldType::Number: {
            label(labelText, std::string(f.guidance));
            const auto n = parseDecimal(trim(value));
            const bool bad =
                !trim(value).empty() && (!n || (f.max > f.min && (*n < f.min || *n > f.max)));
            input(id, labelText, value, "", bad, TextKind::Number, em(8));
            if (n && key == field::kHours && !bad) {
                ImGui::SameLine();
                muted(hoursText(*n).c_str());
            }
            if (bad)
                fieldError(!n ? labelText + " must be a number (e.g. 1.5)."
                              : labelText + " must be between " + formatDecimal(f.min) + " and " +
                                    formatDecimal(f.max) + ".");
            break;
        }
        case FieldType::LongText:
            label(labelText, std::string(f.guidance));
            area(id, labelText, value, 3.6f);
            break;
        case FieldType::Choice: {
            label(labelText, std::string(f.guidance));
            const std::vector<FieldChoice> offered = m_session.catalog().choicesOf(f);
            if (f.choicesFromModels) {
                // The catalogue's reflective models as a segmented control: switching keeps
                // every stage's text. Their short names fit a phone's width.
                std::vector<const char*> ids, labels;
                int selected = -1;
                for (size_t i = 0; i < offered.size(); ++i) {
                    ids.push_back(offered[i].id.c_str());
                    labels.push_back(offered[i].shortLabel.c_str());
                    if (offered[i].id == value) selected = static_cast<int>(i);
                }
                if (segmented("reflection.model.", ids.data(), labels.data(),
                              static_cast<int>(ids.size()), selected))
                    value = offered[static_cast<size_t>(selected)].id;
                break;
            }
            // A goal's review period and a review's stage offer the reviews of this
            // practitioner's programme (its rule file: a two-year programme or a council's own
            // has other reviews), and keep a value recorded under another programme.
            std::vector<std::pair<std::string, std::string>> choices;
            const bool reviewChoice = (key == "review" && e.kind == EntryKind::Goal) ||
                                      (key == "stage" && e.kind == EntryKind::Review);
            if (const Status& st = status(); reviewChoice && st.asye && !st.asye->plan.periods.empty()) {
                for (const auto& period : st.asye->plan.periods)
                    choices.emplace_back(period.review.id, period.review.name);
            } else {
                for (const auto& c : offered) choices.emplace_back(c.id, c.label);
            }
            if (!value.empty() && std::none_of(choices.begin(), choices.end(),
                                               [&](const auto& c) { return c.first == value; })) {
                choices.emplace_back(value, m_session.catalog().choiceLabel(e.kind, key, value));
            }
            std::string preview = "Choose\xe2\x80\xa6";
            for (const auto& [cid, clabel] : choices)
                if (cid == value) preview = clabel;
            ImGui::SetNextItemWidth(m_phone ? -FLT_MIN : em(22));
            if (ImGui::BeginCombo(("##" + id).c_str(), preview.c_str())) {
                if (ImGui::Selectable("(none)", value.empty())) value.clear();
                registerLastItem((id + ".none").c_str(), "(none)");
                semantics(Role::Option, value.empty() ? state::kSelected : 0);
                for (const auto& [cid, clabel] : choices) {
                    if (ImGui::Selectable(clabel.c_str(), cid == value)) value = cid;
                    registerLastItem((id + "." + cid).c_str(), clabel.c_str());
                    semantics(Role::Option, cid == value ? state::kSelected : 0);
                }
                ImGui::EndCombo();
            }
            registerLastItem(id.c_str(), labelText.c_str());
            semantics(Role::ComboBox, 0, id.c_str(), preview);
            break;
        }
        case FieldType::Flag: {
            ImGui::Dummy(ImVec2(0, em(0.2f)));
            bool on = value == "yes";
            if (ImGui::Checkbox(labelText.c_str(), &on)) value = on ? "yes" : "";
            registerLastItem(id.c_str(), labelText.c_str());
            semantics(Role::CheckBox, on ? state::kChecked : 0);
            if (!f.guidance.empty()) mutedWrapped(std::string(f.guidance).c_str());
            break;
        }
        }
        if (value.empty())
            e.fields.erase(key);
        else
            e.fields[key] = value;
        // The peer piece needs both halves; say so while the user is writing it.
        if (e.kind == EntryKind::Cpd && key == field::kPeerLearned && e.has(field::kPeerRole) &&
            !e.has(field::kPeerLearned)) {
            ax::TextColored(p.warn,
                               "%s Add what the discussion taught you to count this as "
                               "your peer-reflected piece.",
                               icon::kWarning);
        }
        if (e.kind == EntryKind::Reflection && key == field::kModel) drawReflectionFields(e);
    }

    if (e.kind == EntryKind::Goal) drawGoalEvidence(e);
    drawTagPicker(e);
    ImGui::PopItemWidth();
    ImGui::Dummy(ImVec2(0, em(1)));
    ImGui::EndChild();

    if (sidePane) {
        // What the regulator or the model asks for, ticked off as the form fills in.
        ImGui::SameLine(0, em(1.5f));
        ImGui::BeginGroup();
        if (beginCard("checklist", ImVec2(0, 0))) {
            if (e.kind == EntryKind::Cpd) {
                cardTitle(icon::kVerified, "For your renewal");
                mutedWrapped("Social Work England asks each piece of CPD for:");
                if (const SweCpdRule* rule = catalog.sweCpdRule(m_clock.today())) {
                    auto filled = [&](const std::string& k) {
                        if (k == "title") return !trim(e.title).empty();
                        if (k == "date") return !badDate;
                        return e.has(k);
                    };
                    for (const RequiredField& rf : rule->requiredFields) {
                        ax::TextColored(filled(rf.key) ? p.good : p.textMuted, "%s",
                                           filled(rf.key) ? icon::kCheckCircle : icon::kCircle);
                        ImGui::SameLine(0, em(0.4f));
                        ax::TextWrapped("%s", rf.label.c_str());
                    }
                    ImGui::Dummy(ImVec2(0, em(0.3f)));
                    mutedWrapped("For the peer-reflected piece, also:");
                    for (const RequiredField& rf : rule->peerFields) {
                        ax::TextColored(filled(rf.key) ? p.good : p.textMuted, "%s",
                                           filled(rf.key) ? icon::kCheckCircle : icon::kCircle);
                        ImGui::SameLine(0, em(0.4f));
                        ax::TextWrapped("%s", rf.label.c_str());
                    }
                }
            } else if (e.kind == EntryKind::Reflection) {
                cardTitle(icon::kPsychology, "Reflective model");
                if (const ReflectiveModel* m = catalog.reflectiveModel(e.field(field::kModel))) {
                    ax::TextWrapped("%s", m->name.c_str());
                    for (const ReflectiveStage& s : m->stages) {
                        const bool done = e.has(s.key);
                        ax::TextColored(done ? p.good : p.textMuted, "%s",
                                           done ? icon::kCheckCircle : icon::kCircle);
                        ImGui::SameLine(0, em(0.4f));
                        ax::TextUnformatted(s.name.c_str());
                    }
                    ImGui::Dummy(ImVec2(0, em(0.3f)));
                    mutedWrapped(m->source.c_str());
                } else {
                    mutedWrapped("Choose a model to be guided stage by stage.");
                }
            } else {
                cardTitle(icon::kLabel, std::string(kindLabel(e.kind)).c_str());
                mutedWrapped("Never record names, dates of birth, addresses or case numbers of "
                             "the people you work with.");
            }
        }
        endCard();
        ImGui::Dummy(ImVec2(0, em(0.5f)));
        if (beginCard("privacy", ImVec2(0, 0))) {
            cardTitle(icon::kVerified, "Keep it anonymous");
            mutedWrapped("Reflections are about real families. Describe roles and situations, "
                         "never names, addresses or case numbers.");
        }
        endCard();
        ImGui::EndGroup();
    }

    // Footer: message and actions.
    if (!m_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, m_messageIsError ? p.bad : p.good);
        ax::TextWrapped("%s %s", m_messageIsError ? icon::kWarning : icon::kCheckCircle,
                           m_message.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    // Phones share the width between the buttons; desktops use fixed widths.
    const int nButtons = m_draftIsNew ? 2 : 3;
    const float share =
        (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * float(nButtons - 1)) /
        float(nButtons);
    auto bw = [&](float desktopEm) { return m_phone ? share : em(desktopEm); };
    char save[64];
    std::snprintf(save, sizeof save, "%s  Save", icon::kCheck);
    if (button("action.save", save, true, ImVec2(bw(8), actionH))) {
        ImGui::ClearActiveID(); // a field still being edited keeps what was typed
        saveDraft();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save (Ctrl+S)");
    ImGui::SameLine();
    if (button("action.cancel", m_draftIsNew ? "Discard" : "Cancel", false, ImVec2(bw(7), actionH)))
        discardDraft();
    if (!m_draftIsNew && m_draft) {
        ImGui::SameLine();
        char del[64];
        std::snprintf(del, sizeof del, "%s  Delete", icon::kDelete);
        ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
        if (button("action.delete", del, false, ImVec2(bw(7.5f), actionH))) {
            const std::string id = m_draft->id;
            m_draft.reset();
            m_session.store().apply(cmd::DeleteEntry{id});
            show(Screen::Home);
            m_message = "Deleted. Undo brings it back.";
        }
        ImGui::PopStyleColor();
    }
    if (!m_phone && m_draft && draftDirty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (actionH - ImGui::GetFontSize()) * 0.5f);
        muted("Draft kept on this device until you save");
    }
}

void App::drawReflectionFields(Entry& e) {
    const Palette& p = palette();
    const Catalog& catalog = m_session.catalog();
    const ReflectiveModel* model = catalog.reflectiveModel(e.field(field::kModel));
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    if (!model) {
        // No model yet: one free text box (kept as a note field of the reflection).
        label("Your reflection",
              "Write freely, or choose a model above to be guided stage by stage.");
        std::string value = e.field("free.text");
        area("reflection.free.text", "Your reflection", value, 8.f);
        if (value.empty())
            e.fields.erase("free.text");
        else
            e.fields["free.text"] = value;
        return;
    }
    int stageNo = 0;
    for (const ReflectiveStage& s : model->stages) {
        ++stageNo;
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        ImGui::PushFont(fonts().heading);
        ax::TextColored(p.accent, "%d", stageNo);
        ImGui::SameLine(0, em(0.5f));
        ax::TextUnformatted(s.name.c_str());
        ImGui::PopFont();
        mutedWrapped(s.prompt.c_str());
        std::string value = e.field(s.key);
        area("reflection." + s.key, s.name, value, 4.2f);
        if (value.empty())
            e.fields.erase(s.key);
        else
            e.fields[s.key] = value;
    }
    // Text written under another model is kept; say so, so nobody thinks it was lost.
    std::vector<std::string> others;
    for (const ReflectiveModel& m : catalog.reflectiveModels()) {
        if (m.id == model->id) continue;
        int n = 0;
        for (const ReflectiveStage& s : m.stages)
            n += e.has(s.key);
        if (n > 0) others.push_back(m.name + " (" + plural(n, "section", "sections") + ")");
    }
    if (e.has("free.text")) others.push_back("free text");
    if (!others.empty()) {
        std::string text = "Also kept from before: ";
        for (size_t i = 0; i < others.size(); ++i)
            text += (i ? ", " : "") + others[i];
        text += ". Switch back to see it.";
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        mutedWrapped(text.c_str());
    }
}

// A goal's evidence: entries linked to it (its links), added by searching their titles.
void App::drawGoalEvidence(Entry& e) {
    const Portfolio& doc = m_session.store().portfolio();
    ImGui::Dummy(ImVec2(0, em(0.4f)));
    ImGui::PushFont(fonts().heading);
    ax::TextUnformatted("Evidence for this goal");
    ImGui::PopFont();
    mutedWrapped("Link the entries that show progress towards it; the review looks at them.");
    std::string unlink;
    for (const std::string& id : e.links) {
        const Entry* l = doc.find(id);
        const std::string text = l ? l->title + " (" + friendlyDate(l->date) + ")" : "An entry no longer in the portfolio";
        ImGui::PushID(id.c_str());
        ax::TextWrapped("%s", text.c_str());
        if (button(("goal.unlink." + id).c_str(), "Remove link", false)) unlink = id;
        semantics(Role::Button, 0, ("goal.unlink." + id).c_str(), text);
        ImGui::PopID();
    }
    if (!unlink.empty()) e.links.erase(std::remove(e.links.begin(), e.links.end(), unlink), e.links.end());
    const std::string hint = std::string(icon::kSearch) + "  Find an entry by its title";
    input("goal.evidence.search", "Link an entry", m_linkSearch, hint.c_str(), false, TextKind::Search);
    const std::string needle = asciiLower(trim(m_linkSearch));
    if (needle.empty()) return;
    int shown = 0;
    for (auto it = doc.entries.rbegin(); it != doc.entries.rend() && shown < 8; ++it) {
        const Entry& c = *it;
        if (c.id == e.id || c.kind == EntryKind::Goal || !containsFolded(c.title, needle) ||
            std::find(e.links.begin(), e.links.end(), c.id) != e.links.end())
            continue;
        ++shown;
        const std::string text = std::string(icon::kAdd) + "  " + c.title + "  \xc2\xb7 " +
                                 std::string(kindLabel(c.kind)) + ", " + friendlyDate(c.date);
        ImGui::PushID(c.id.c_str());
        if (ImGui::Selectable(text.c_str(), false, 0, ImVec2(0, m_phone ? 44.f : 0))) {
            e.links.push_back(c.id);
            m_linkSearch.clear();
        }
        registerLastItem(("goal.link." + c.id).c_str(), text.c_str());
        ImGui::PopID();
    }
    if (shown == 0) muted("No entry matches.");
}

void App::drawTagPicker(Entry& e) {
    const Palette& p = palette();
    const Catalog& catalog = m_session.catalog();
    ImGui::Dummy(ImVec2(0, em(0.4f)));
    ImGui::PushFont(fonts().heading);
    ax::TextUnformatted("Frameworks");
    ImGui::PopFont();
    mutedWrapped("Tag what this shows against the PCF, the KSS or the professional standards.");
    // Current tags as removable chips.
    const float avail = ImGui::GetContentRegionAvail().x;
    float x = 0;
    std::string remove;
    for (const std::string& tag : e.tags) {
        const FrameworkItem* item = catalog.findItem(tag);
        std::string text = tag + (item ? "  " + item->title : "") + "  " + icon::kClose;
        if (text.size() > 60) text = tag + "  " + icon::kClose;
        const float w = ImGui::CalcTextSize(text.c_str()).x + em(1.2f);
        if (x > 0 && x + w < avail)
            ImGui::SameLine(0, em(0.3f));
        else
            x = 0;
        x += w + em(0.3f);
        ImGui::PushStyleColor(ImGuiCol_Button, mix(p.surface, p.accent, 0.14f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, mix(p.surface, p.accent, 0.25f));
        ImGui::PushStyleColor(ImGuiCol_Text, p.text);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, em(1));
        if (button(("tag.remove." + tag).c_str(), text.c_str(), false, ImVec2(w, 0))) remove = tag;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove %s", tag.c_str());
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(3);
    }
    if (!remove.empty())
        e.tags.erase(std::remove(e.tags.begin(), e.tags.end(), remove), e.tags.end());
    const std::string hint =
        std::string(icon::kSearch) + "  Find an item, e.g. reflection or pcf:6";
    input("tags.search", "Find a framework item", m_tagSearch, hint.c_str(), false,
          TextKind::Search);
    const std::string needle = asciiLower(trim(m_tagSearch));
    if (needle.empty()) return;
    int shown = 0;
    const Setting setting = m_session.store().portfolio().profile.setting;
    for (const Framework* fw : catalog.frameworksFor(setting, m_clock.today())) {
        for (const FrameworkItem& item : fw->items) {
            const std::string tag = fw->tag(item);
            if (std::find(e.tags.begin(), e.tags.end(), tag) != e.tags.end()) continue;
            if (!containsFolded(tag, needle) && !containsFolded(item.title, needle) &&
                !containsFolded(fw->title, needle))
                continue;
            if (shown++ >= 8) break;
            const std::string text = std::string(icon::kAdd) + "  " + tag + "   " + item.title;
            ImGui::PushID(tag.c_str());
            if (ImGui::Selectable(text.c_str(), false, 0, ImVec2(0, m_phone ? 44.f : 0))) {
                e.tags.push_back(tag);
                m_tagSearch.clear();
            }
            registerLastItem(("tag.add." + tag).c_str(), text.c_str());
            ImGui::PopID();
        }
    }
    if (shown == 0) muted("No framework item matches.");
}

} // namespace pathway::ui
