// Log: every entry, newest first; search as you type and filter by kind, dates and framework
// item. Rows are clipped (only the visible ones are built), so 10,000 entries stay smooth.
// A row's context menu (right click; a long press on touch screens, which ui::TouchInput turns
// into a right click; the Menu key or Shift+F10) edits, duplicates, copies or deletes it.
#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "ui_common.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {
constexpr const char* kEntryMenu = "entrymenu";

/// The entry as plain text for the clipboard: title, kind and date, each field, framework tags.
std::string entryText(const Catalog& catalog, const Entry& e) {
    std::string out = e.title.empty() ? "(untitled)" : e.title;
    out += "\n" + std::string(kindLabel(e.kind)) + ", " + friendlyDate(e.date) + "\n";
    auto addField = [&](std::string_view key, const std::string& value) {
        if (trim(value).empty()) return;
        const std::string shown = fieldDisplay(catalog, e.kind, key, value);
        const bool longText = shown.find('\n') != std::string::npos || shown.size() > 60;
        out += "\n" + fieldLabel(catalog, e.kind, key) + (longText ? ":\n" : ": ") + shown + "\n";
    };
    // The kind's fields in the editor's order, then any others (reflection stages).
    const KindSpec& spec = kindSpec(e.kind);
    for (const FieldSpec& f : spec.fields)
        if (auto it = e.fields.find(std::string(f.key)); it != e.fields.end())
            addField(f.key, it->second);
    for (const auto& field : e.fields)
        if (std::none_of(spec.fields.begin(), spec.fields.end(),
                         [&](const FieldSpec& f) { return f.key == field.first; }))
            addField(field.first, field.second);
    if (!e.tags.empty()) {
        out += "\nFramework items: ";
        for (size_t i = 0; i < e.tags.size(); ++i)
            out += (i ? ", " : "") + e.tags[i];
        out += "\n";
    }
    return out;
}

/// A compact text input with a stable id; the border turns red when `invalid`.
void smallInput(const char* id, const char* hint, std::string& value, float width, bool invalid) {
    const Palette& p = palette();
    if (invalid) ImGui::PushStyleColor(ImGuiCol_Border, p.bad);
    TextFieldSpec spec;
    spec.kind = TextKind::Date;
    spec.hint = hint;
    spec.width = width;
    editText(id, hint, value, spec);
    if (invalid) ImGui::PopStyleColor();
}
} // namespace

void App::drawLog() {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    LogFilter& f = m_filter;

    // Search.
    const std::string hint = std::string(icon::kSearch) + "  Search titles, text and tags";
    TextFieldSpec search;
    search.kind = TextKind::Search;
    search.hint = hint.c_str();
    editText("log.search", "Search", f.search, search);

    // Filters: kind, framework item, date range. They wrap on narrow screens.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float comboW = m_phone ? (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f : em(12);
    const std::string kindPreview = f.kind ? std::string(kindLabel(*f.kind)) : "All kinds";
    ImGui::SetNextItemWidth(comboW);
    if (ImGui::BeginCombo("##kind", kindPreview.c_str())) {
        registerLastItem("log.kind", "Kind");
        semantics(Role::ComboBox, state::kExpanded, "log.kind", kindPreview);
        if (ImGui::Selectable("All kinds", !f.kind)) f.kind.reset();
        registerLastItem("log.kind.all", "All kinds");
        semantics(Role::Option, !f.kind ? state::kSelected : 0);
        for (EntryKind k : kAllKinds) {
            const std::string label(kindLabel(k));
            if (ImGui::Selectable(label.c_str(), f.kind == k)) f.kind = k;
            registerLastItem(("log.kind." + std::string(kindId(k))).c_str(), label.c_str());
            semantics(Role::Option, f.kind == k ? state::kSelected : 0);
        }
        ImGui::EndCombo();
    } else {
        registerLastItem("log.kind", "Kind");
        semantics(Role::ComboBox, 0, "log.kind", kindPreview);
    }
    ImGui::SameLine();
    const Catalog& catalog = m_session.catalog();
    std::string tagPreview = "Any framework item";
    if (!f.tag.empty()) {
        const FrameworkItem* it = catalog.findItem(f.tag);
        tagPreview = f.tag + (it ? "  " + it->title : "");
    }
    ImGui::SetNextItemWidth(m_phone ? comboW : em(16));
    if (ImGui::BeginCombo("##tag", tagPreview.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("Any framework item", f.tag.empty())) f.tag.clear();
        registerLastItem("log.tag.any", "Any framework item");
        semantics(Role::Option, f.tag.empty() ? state::kSelected : 0);
        const Setting setting = doc.profile.setting;
        for (const Framework* fw : catalog.frameworksFor(setting, m_clock.today())) {
            ImGui::SeparatorText(fw->title.c_str());
            for (const FrameworkItem& item : fw->items) {
                const std::string tag = fw->tag(item);
                const std::string label = tag + "  " + item.title;
                if (ImGui::Selectable(label.c_str(), f.tag == tag)) f.tag = tag;
                registerLastItem(("log.tag." + tag).c_str(), label.c_str());
                semantics(Role::Option, f.tag == tag ? state::kSelected : 0);
            }
        }
        ImGui::EndCombo();
    }
    registerLastItem("log.tag", "Framework item");
    semantics(Role::ComboBox, 0, "log.tag", tagPreview);
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
    ax::TextColored(p.textMuted, "%s", count);
    drawLogNotice();

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
            const Entry& e = doc.entries[idx];
            drawEntryRow(e, idx); // its last item is the row's button
            const bool menuKey =
                ImGui::IsItemFocused() &&
                (ImGui::IsKeyPressed(ImGuiKey_Menu, false) ||
                 (ImGui::GetIO().KeyShift && ImGui::IsKeyPressed(ImGuiKey_F10, false)));
            if ((ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) ||
                menuKey) {
                m_menuEntry = e.id;
                m_menuRowTop = ImGui::GetItemRectMin().y;
                m_menuRowBottom = ImGui::GetItemRectMax().y;
                ImGui::OpenPopup(kEntryMenu);
            }
            if (m_menuEntry == e.id) // the row the open menu acts on
                ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(),
                                                    ImGui::GetItemRectMax(), col(p.accent),
                                                    em(0.5f), 0, 2.f);
        }
    drawEntryMenu();
    ImGui::EndChild();
}

void App::drawLogNotice() {
    Store& store = m_session.store();
    // "Deleted ..." stays with its Undo only until something else changes.
    if (m_undoOfferRevision != 0 && store.revision() != m_undoOfferRevision) {
        m_undoOfferRevision = 0;
        m_message.clear();
    }
    if (m_message.empty()) return;
    const Palette& p = palette();
    const bool canUndo = m_undoOfferRevision != 0 && store.canUndo();
    const float h = m_phone ? std::max(em(2.6f), 44.f) : em(2.2f);
    ImGui::PushStyleColor(ImGuiCol_ChildBg,
                          m_messageIsError ? mix(p.surface, p.bad, 0.08f) : p.surface);
    ImGui::PushStyleColor(ImGuiCol_Border, m_messageIsError ? p.bad : p.border);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, em(0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(0.8f), 0));
    ImGui::BeginChild("lognotice", ImVec2(0, h + 2.f),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar(2);
    const float undoW = canUndo ? ImGui::CalcTextSize("Undo").x + em(3.2f) : 0.f;
    const float textY = (h - ImGui::GetTextLineHeight()) * 0.5f + 1.f;
    ImGui::SetCursorPosY(textY);
    ax::TextColored(m_messageIsError ? p.bad : p.good, "%s",
                       m_messageIsError ? icon::kWarning : icon::kCheckCircle);
    ImGui::SameLine(0, em(0.5f));
    // One line, shortened to end before the Undo button.
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - em(0.8f) - undoW;
    ax::TextUnformatted(fitted(m_message, right - ImGui::GetCursorScreenPos().x).c_str());
    if (canUndo) {
        ImGui::SameLine(ImGui::GetWindowWidth() - undoW - 1.f);
        ImGui::SetCursorPosY(1.f);
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.f);
        // A hairline between the message and its action.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, at.y + h * 0.2f),
                                            ImVec2(at.x, at.y + h * 0.8f), col(p.border));
        const std::string label = std::string(icon::kUndo) + "  Undo";
        if (button("log.undo", label.c_str(), false, ImVec2(undoW, h))) {
            store.undo();
            m_undoOfferRevision = 0;
            if (m_message.rfind("Deleted ", 0) == 0) m_message = "Restored " + m_message.substr(8);
        }
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
}

void App::drawEntryMenu() {
    const Palette& p = palette();
    const ImGuiIO& io = ImGui::GetIO();
    const float itemH = m_phone ? std::max(em(2.6f), 44.f) : em(2.0f); // 44 px touch targets
    const float menuW = std::min(em(14.f), io.DisplaySize.x - em(2));
    if (m_phone && ImGui::IsPopupOpen(kEntryMenu)) {
        // Under the pressed row (above it near the bottom), centred: never under the finger.
        const float menuH = itemH * 4 + em(3.2f);
        const bool below = m_menuRowBottom + menuH < io.DisplaySize.y - em(4);
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, below ? m_menuRowBottom + em(0.3f)
                                                                      : m_menuRowTop - em(0.3f)),
                                ImGuiCond_Appearing, ImVec2(0.5f, below ? 0.f : 1.f));
    }
    ImGui::SetNextWindowSize(ImVec2(menuW, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(0.4f), em(0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, em(0.7f));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, 1.f);
    const bool open = ImGui::BeginPopup(kEntryMenu);
    ImGui::PopStyleVar(3);
    if (!open) {
        m_menuEntry.clear();
        return;
    }
    const Entry* e = m_session.store().portfolio().find(m_menuEntry);
    if (!e) { // gone (undo, import) while the menu was open
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        m_menuEntry.clear();
        return;
    }
    {
        // A soft shadow just outside the edge (ImGui draws none) lifts the menu off the list.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 min = ImGui::GetWindowPos();
        const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight());
        constexpr int kSpread = 10;
        dl->PushClipRect(ImVec2(min.x - kSpread, min.y - kSpread),
                         ImVec2(max.x + kSpread, max.y + kSpread), false);
        for (int i = 1; i <= kSpread; ++i) {
            const float f = static_cast<float>(i);
            dl->AddRect(ImVec2(min.x - f, min.y - f * 0.6f), ImVec2(max.x + f, max.y + f * 1.4f),
                        IM_COL32(0, 0, 0, static_cast<int>(22.f * (1.f - f / (kSpread + 1)))),
                        em(0.7f) + f, 0, 1.f);
        }
        dl->PopClipRect();
    }
    // Which entry: its title, muted, on one line.
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + em(0.6f));
    const std::string title = fitted(e->title.empty() ? "(untitled)" : e->title, menuW - em(1.8f));
    muted(title.c_str());
    ImGui::Separator();

    enum class Action { None, Edit, Duplicate, Copy, Delete };
    Action action = Action::None;
    struct Item {
        const char* id;
        const char* icon;
        const char* label;
        Action action;
    };
    static constexpr Item kItems[] = {
        {"entrymenu.edit", icon::kEdit, "Edit", Action::Edit},
        {"entrymenu.duplicate", icon::kDuplicate, "Duplicate", Action::Duplicate},
        {"entrymenu.copy", icon::kCopy, "Copy text", Action::Copy},
        {"entrymenu.delete", icon::kDelete, "Delete", Action::Delete},
    };
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.f, 0.5f));
    for (const Item& it : kItems) {
        if (it.action == Action::Delete) ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
        char label[64];
        std::snprintf(label, sizeof label, "  %s   %s", it.icon, it.label);
        if (ImGui::Selectable(label, false, ImGuiSelectableFlags_None, ImVec2(0, itemH)))
            action = it.action;
        registerLastItem(it.id, it.label);
        if (it.action == Action::Delete) ImGui::PopStyleColor();
    }
    ImGui::PopStyleVar(2);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();

    const std::string id = e->id;
    switch (action) {
    case Action::None:
        return;
    case Action::Edit:
        editEntry(id);
        break;
    case Action::Duplicate:
        duplicateEntry(id);
        break;
    case Action::Copy:
        ImGui::SetClipboardText(entryText(m_session.catalog(), *e).c_str());
        m_message = "Copied \"" + (e->title.empty() ? std::string("(untitled)") : e->title) +
                    "\" to the clipboard.";
        m_messageIsError = false;
        m_undoOfferRevision = 0;
        break;
    case Action::Delete:
        deleteEntry(id);
        break;
    }
    m_menuEntry.clear();
}

void App::duplicateEntry(std::string_view id) {
    const Entry* source = m_session.store().portfolio().find(id);
    if (!source) return;
    if (m_draft && draftDirty()) {
        // Never drop typed work (as startNewEntry): go back to it first.
        show(Screen::Editor);
        m_message = "You have an unfinished entry. Save or discard it before starting another.";
        m_messageIsError = true;
        return;
    }
    Entry copy = *source;
    copy.id.clear(); // a new entry: its own id, timestamps and (no) sign-offs
    copy.createdMs = copy.updatedMs = 0;
    copy.date = m_clock.today();
    m_draft = std::move(copy);
    m_draftIsNew = true;
    m_draftDate = m_draft->date.toString();
    m_triedSave = false;
    m_tagSearch.clear();
    show(Screen::Editor);
}

void App::deleteEntry(std::string_view id) {
    Store& store = m_session.store();
    const Entry* e = store.portfolio().find(id);
    if (!e) return;
    const std::string title = e->title;
    if (m_draft && !m_draftIsNew && m_draft->id == id) { // its open edit goes with it
        m_draft.reset();
        persistDraft(true);
    }
    if (CommandResult r = store.apply(cmd::DeleteEntry{std::string(id)}); !r) {
        m_message = r.error;
        m_messageIsError = true;
        return;
    }
    m_message = "Deleted \"" + (title.empty() ? std::string("(untitled)") : title) + "\".";
    m_messageIsError = false;
    m_undoOfferRevision = store.revision();
}

} // namespace pathway::ui
