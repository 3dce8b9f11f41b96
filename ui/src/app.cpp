#include "pathway/ui/app.hpp"

#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h> // InputEventsQueue: is input still waiting to be processed?
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;

std::string_view screenId(Screen s) {
    switch (s) {
    case Screen::Welcome: return "welcome";
    case Screen::Home: return "home";
    case Screen::Log: return "log";
    case Screen::Editor: return "editor";
    case Screen::Settings: return "settings";
    }
    return "home";
}

App::App(Session& session, const Clock& clock, Host& host)
    : m_session(session), m_clock(clock), m_host(host) {
    if (trim(m_session.store().portfolio().profile.name).empty()) m_screen = Screen::Welcome;
}

void App::show(Screen s) {
    m_screen = s;
    m_message.clear();
}

void App::startNewEntry(EntryKind kind) {
    Entry e;
    e.kind = kind;
    e.date = m_clock.today();
    m_draft = e;
    m_draftIsNew = true;
    m_draftDate = e.date.toString();
    show(Screen::Editor);
}

void App::editEntry(std::string_view id) {
    const Entry* e = m_session.store().portfolio().find(id);
    if (!e) return;
    m_draft = *e;
    m_draftIsNew = false;
    m_draftDate = e->date.toString();
    show(Screen::Editor);
}

bool App::draftDirty() const {
    if (!m_draft) return false;
    if (m_draftIsNew) return !m_draft->title.empty() || !m_draft->fields.empty();
    const Entry* stored = m_session.store().portfolio().find(m_draft->id);
    return !stored || !(*stored == *m_draft) || m_draftDate != stored->date.toString();
}

bool App::saveDraft() {
    if (!m_draft) return false;
    auto date = Date::parse(trim(m_draftDate));
    if (!date) {
        m_message = "The date must look like 2026-11-23.";
        return false;
    }
    m_draft->date = *date;
    CommandResult r = m_draftIsNew ? m_session.store().apply(cmd::AddEntry{*m_draft})
                                   : m_session.store().apply(cmd::UpdateEntry{*m_draft});
    if (!r) {
        m_message = r.error;
        return false;
    }
    m_draft.reset();
    show(Screen::Home);
    m_message = "Saved.";
    return true;
}

double App::secondsUntilNextFrame() const {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return 0;
    if (g->InputEventsQueue.Size > 0) return 0;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] || io.MouseDown[1]) return 0; // dragging, pressing
    if (m_settleFrames > 0) return 0; // a change is still being drawn (layout settles in 2)
    if (io.WantTextInput) return 0.5; // the cursor blinks
    return 1e9;
}

void App::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return; // text fields keep their own undo while editing
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
        if (io.KeyShift)
            m_session.store().redo();
        else
            m_session.store().undo();
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Y, false)) m_session.store().redo();
}

void App::frame() {
    widgets().beginFrame();
    const ImGuiIO& io = ImGui::GetIO();
    m_phone = io.DisplaySize.x < em(40);
    if (m_screen != Screen::Welcome && trim(m_session.store().portfolio().profile.name).empty())
        m_screen = Screen::Welcome;
    const Screen screenBefore = m_screen;
    const uint64_t revisionBefore = m_session.store().revision();
    const bool draftBefore = m_draft.has_value();
    handleShortcuts();
    drawShell();
    if (m_settleFrames > 0) --m_settleFrames;
    if (m_screen != screenBefore || m_session.store().revision() != revisionBefore ||
        m_draft.has_value() != draftBefore)
        m_settleFrames = 2;
}

void App::drawShell() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("Pathway", nullptr, flags);
    ImGui::PopStyleVar();

    if (m_screen == Screen::Welcome) {
        drawWelcome();
        ImGui::End();
        return;
    }

    const float navHeight = m_phone ? em(3.6f) : 0.f;
    if (!m_phone) {
        ImGui::BeginChild("nav", ImVec2(em(13), 0), ImGuiChildFlags_None);
        drawNavigation(false);
        ImGui::EndChild();
        ImGui::SameLine(0, 0);
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().background);
    ImGui::BeginChild("content", ImVec2(0, -navHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleColor();
    drawTopBar();
    switch (m_screen) {
    case Screen::Home: drawHome(); break;
    case Screen::Log: drawLog(); break;
    case Screen::Editor: drawEditor(); break;
    case Screen::Settings: drawSettings(); break;
    case Screen::Welcome: break;
    }
    ImGui::EndChild();
    if (m_phone) {
        ImGui::BeginChild("bottomnav", ImVec2(0, 0), ImGuiChildFlags_None);
        drawNavigation(true);
        ImGui::EndChild();
    }
    ImGui::End();
}

void App::drawNavigation(bool bottom) {
    struct Item {
        const char* id;
        const char* icon;
        const char* label;
        Screen screen;
    };
    static const Item kItems[] = {
        {"nav.home", icon::kHome, "Home", Screen::Home},
        {"nav.log", icon::kList, "Log", Screen::Log},
        {"nav.settings", icon::kSettings, "Settings", Screen::Settings},
    };
    const Palette& p = palette();
    if (bottom) {
        const float w = ImGui::GetContentRegionAvail().x / 4.f;
        const float h = ImGui::GetContentRegionAvail().y;
        for (const auto& it : kItems) {
            const bool active = m_screen == it.screen;
            ImGui::PushStyleColor(ImGuiCol_Button, active ? p.surfaceAlt : p.surface);
            ImGui::PushStyleColor(ImGuiCol_Text, active ? p.accent : p.textMuted);
            char label[64];
            std::snprintf(label, sizeof label, "%s\n%s", it.icon, it.label);
            if (button(it.id, label, false, ImVec2(w, h))) show(it.screen);
            ImGui::PopStyleColor(2);
            ImGui::SameLine(0, 0);
        }
        char add[64];
        std::snprintf(add, sizeof add, "%s\nAdd CPD", icon::kAdd);
        if (button("action.add-cpd", add, true, ImVec2(w, h))) startNewEntry(EntryKind::Cpd);
        return;
    }
    ImGui::Dummy(ImVec2(0, em(0.8f)));
    ImGui::Indent(em(1));
    ImGui::PushFont(fonts().title);
    ImGui::TextColored(p.accent, "Pathway");
    ImGui::PopFont();
    ImGui::TextColored(p.textMuted, "%s", m_session.store().portfolio().profile.name.c_str());
    ImGui::Unindent(em(1));
    ImGui::Dummy(ImVec2(0, em(0.8f)));
    ImGui::Indent(em(0.6f));
    const float w = ImGui::GetContentRegionAvail().x - em(0.6f);
    char add[64];
    std::snprintf(add, sizeof add, "%s  Add CPD", icon::kAdd);
    if (button("action.add-cpd", add, true, ImVec2(w, em(2.4f)))) startNewEntry(EntryKind::Cpd);
    ImGui::Dummy(ImVec2(0, em(0.4f)));
    for (const auto& it : kItems) {
        const bool active = m_screen == it.screen;
        char label[64];
        std::snprintf(label, sizeof label, "%s  %s", it.icon, it.label);
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.f, 0.5f));
        ImGui::PushStyleColor(ImGuiCol_Button, active ? p.surfaceAlt : p.surface);
        ImGui::PushStyleColor(ImGuiCol_Text, active ? p.accent : p.text);
        if (button(it.id, label, false, ImVec2(w, em(2.2f)))) show(it.screen);
        ImGui::PopStyleColor(2);
        ImGui::PopStyleVar();
    }
    ImGui::Unindent(em(0.6f));
}

void App::drawTopBar() {
    const Palette& p = palette();
    Store& store = m_session.store();
    ImGui::PushFont(fonts().title);
    const char* title = "Home";
    switch (m_screen) {
    case Screen::Home: title = "Home"; break;
    case Screen::Log: title = "Learning log"; break;
    case Screen::Editor:
        title = m_draft ? (m_draftIsNew ? "New entry" : "Edit entry") : "Entry";
        break;
    case Screen::Settings: title = "Settings"; break;
    case Screen::Welcome: title = "Welcome"; break;
    }
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    const float bw = em(2.6f);
    ImGui::SameLine(ImGui::GetContentRegionMax().x - bw * 2 - em(0.5f));
    ImGui::BeginDisabled(!store.canUndo());
    if (button("action.undo", icon::kUndo, false, ImVec2(bw, 0))) store.undo();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && store.canUndo())
        ImGui::SetTooltip("Undo %s (Ctrl+Z)", store.undoLabel().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!store.canRedo());
    if (button("action.redo", icon::kRedo, false, ImVec2(bw, 0))) store.redo();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && store.canRedo())
        ImGui::SetTooltip("Redo %s (Ctrl+Shift+Z)", store.redoLabel().c_str());
    ImGui::EndDisabled();
    if (!m_session.error().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
        ImGui::TextWrapped("%s %s", icon::kWarning, m_session.error().c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

void App::drawWelcome() {
    const Palette& p = palette();
    const float width = std::min(ImGui::GetContentRegionAvail().x - em(2), em(28));
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - width) * 0.5f);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(width, em(3)));
    ImGui::PushFont(fonts().title);
    ImGui::TextColored(p.accent, "Pathway");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextWrapped("Your learning, CPD and progression, kept on this device. Nothing leaves "
                       "it unless you export it.");
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, em(1)));
    ImGui::PushItemWidth(width);
    ImGui::BeginChild("welcomeform", ImVec2(width, em(12)), ImGuiChildFlags_AlwaysUseWindowPadding);
    textField("welcome.name", "Your name", m_welcomeName, "e.g. Sam Taylor");
    ImGui::Dummy(ImVec2(0, em(0.5f)));
    if (button("welcome.start", "Start my portfolio", true, ImVec2(-FLT_MIN, em(2.6f)))) {
        Profile profile = m_session.store().portfolio().profile;
        profile.name = std::string(trim(m_welcomeName));
        CommandResult r = m_session.store().apply(cmd::SetProfile{profile});
        if (r)
            show(Screen::Home);
        else
            m_message = r.error;
    }
    if (!m_message.empty()) ImGui::TextColored(p.bad, "%s", m_message.c_str());
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
}

void App::drawEntryRow(const Entry& e, size_t index) {
    const Palette& p = palette();
    ImGui::PushID(static_cast<int>(index));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = em(3.2f);
    if (ImGui::InvisibleButton("row", ImVec2(w, h))) editEntry(e.id);
    const std::string rowId = "entry." + e.id;
    registerLastItem(rowId.c_str(), e.title.c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool hovered = ImGui::IsItemHovered();
    dl->AddRectFilled(start, ImVec2(start.x + w, start.y + h),
                      ImGui::GetColorU32(hovered ? p.surfaceAlt : p.surface), em(0.5f));
    dl->AddRect(start, ImVec2(start.x + w, start.y + h), ImGui::GetColorU32(p.border), em(0.5f));
    const float pad = em(0.7f);
    dl->AddText(ImVec2(start.x + pad, start.y + em(0.45f)), ImGui::GetColorU32(p.text),
                e.title.c_str());
    std::string meta = e.date.toString() + "  \xc2\xb7  " + std::string(kindLabel(e.kind));
    if (auto hours = e.number(field::kHours)) meta += "  \xc2\xb7  " + formatDecimal(*hours) + " h";
    dl->AddText(ImVec2(start.x + pad, start.y + em(1.75f)), ImGui::GetColorU32(p.textMuted),
                meta.c_str());
    ImGui::PopID();
}

void App::drawHome() {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    if (!m_message.empty()) ImGui::TextColored(p.good, "%s %s", icon::kCheck, m_message.c_str());
    double hours = 0;
    size_t cpd = 0;
    for (const auto& e : doc.entries)
        if (e.kind == EntryKind::Cpd) {
            ++cpd;
            hours += e.number(field::kHours).value_or(0);
        }
    ImGui::BeginChild("summary", ImVec2(0, em(5.5f)), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushFont(fonts().heading);
    ImGui::Text("%zu CPD %s, %s hours", cpd, cpd == 1 ? "activity" : "activities",
                formatDecimal(hours).c_str());
    ImGui::PopFont();
    ImGui::TextColored(p.textMuted, "%zu entries in your portfolio", doc.entries.size());
    ImGui::EndChild();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    ImGui::PushFont(fonts().heading);
    ImGui::TextUnformatted("Recent entries");
    ImGui::PopFont();
    if (doc.entries.empty()) {
        ImGui::TextColored(p.textMuted, "Nothing recorded yet. Add your first piece of CPD.");
        return;
    }
    // Newest first by date, then by when it was recorded.
    std::vector<size_t> order(doc.entries.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const Entry& x = doc.entries[a];
        const Entry& y = doc.entries[b];
        return x.date != y.date ? x.date > y.date : x.createdMs > y.createdMs;
    });
    for (size_t i = 0; i < order.size() && i < 8; ++i) drawEntryRow(doc.entries[order[i]], order[i]);
}

void App::drawLog() {
    const Portfolio& doc = m_session.store().portfolio();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##search", "Search titles and text", &m_search);
    registerLastItem("log.search", "Search", true);
    const std::string needle = asciiLower(trim(m_search));
    std::vector<size_t> visible;
    visible.reserve(doc.entries.size());
    for (size_t i = 0; i < doc.entries.size(); ++i) {
        const Entry& e = doc.entries[i];
        bool match = containsFolded(e.title, needle);
        for (auto it = e.fields.begin(); !match && it != e.fields.end(); ++it)
            match = containsFolded(it->second, needle);
        if (match) visible.push_back(i);
    }
    std::sort(visible.begin(), visible.end(), [&](size_t a, size_t b) {
        return doc.entries[a].date > doc.entries[b].date;
    });
    ImGui::TextColored(palette().textMuted, "%zu of %zu entries", visible.size(), doc.entries.size());
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().background);
    ImGui::BeginChild("rows", ImVec2(0, 0), ImGuiChildFlags_None);
    ImGui::PopStyleColor();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()), em(3.2f) + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            drawEntryRow(doc.entries[visible[static_cast<size_t>(i)]], visible[static_cast<size_t>(i)]);
    ImGui::EndChild();
}

void App::drawEditor() {
    const Palette& p = palette();
    if (!m_draft) {
        show(Screen::Home);
        return;
    }
    Entry& e = *m_draft;
    const KindSpec& spec = kindSpec(e.kind);
    // The form scrolls; the actions stay in view below it (a phone shows a third of the form).
    const float footer = em(2.4f) + ImGui::GetStyle().ItemSpacing.y * 2 +
                         (m_message.empty() ? 0.f : em(2.6f));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ImGui::BeginChild("form", ImVec2(0, -footer), ImGuiChildFlags_None);
    ImGui::PopStyleColor();
    ImGui::TextColored(p.textMuted, "%s", std::string(kindLabel(e.kind)).c_str());
    textField("entry.title", "Title", e.title, std::string(spec.titleHint).c_str());
    textField("entry.date", "Date (YYYY-MM-DD)", m_draftDate);
    for (const FieldSpec& f : spec.fields) {
        const std::string id = std::string(kindId(e.kind)) + "." + std::string(f.key);
        const std::string label(f.label);
        std::string& value = e.fields[std::string(f.key)];
        switch (f.type) {
        case FieldType::Text:
        case FieldType::Number:
        case FieldType::Date: textField(id.c_str(), label.c_str(), value); break;
        case FieldType::LongText: textArea(id.c_str(), label.c_str(), value, 4.f); break;
        case FieldType::Choice: {
            ImGui::TextColored(p.textMuted, "%s", label.c_str());
            std::string preview = "Choose...";
            for (const auto& c : f.choices)
                if (c.id == value) preview = std::string(c.label);
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (ImGui::BeginCombo(("##" + id).c_str(), preview.c_str())) {
                if (ImGui::Selectable("(none)", value.empty())) value.clear();
                for (const auto& c : f.choices)
                    if (ImGui::Selectable(std::string(c.label).c_str(), c.id == value))
                        value = std::string(c.id);
                ImGui::EndCombo();
            }
            registerLastItem(id.c_str(), label.c_str());
            break;
        }
        case FieldType::Flag: {
            bool on = value == "yes";
            if (ImGui::Checkbox(label.c_str(), &on)) value = on ? "yes" : "";
            registerLastItem(id.c_str(), label.c_str());
            break;
        }
        }
        if (!f.guidance.empty() && f.type != FieldType::Flag) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
            ImGui::TextWrapped("%s", std::string(f.guidance).c_str());
            ImGui::PopStyleColor();
        }
        if (value.empty()) e.fields.erase(std::string(f.key));
    }
    ImGui::EndChild();
    if (!m_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
        ImGui::TextWrapped("%s %s", icon::kWarning, m_message.c_str());
        ImGui::PopStyleColor();
    }
    char save[64];
    std::snprintf(save, sizeof save, "%s  Save", icon::kCheck);
    if (button("action.save", save, true, ImVec2(em(8), em(2.4f)))) saveDraft();
    ImGui::SameLine();
    if (button("action.cancel", "Cancel", false, ImVec2(em(6), em(2.4f)))) {
        m_draft.reset();
        show(Screen::Home);
    }
    if (!m_draftIsNew) {
        ImGui::SameLine();
        char del[64];
        std::snprintf(del, sizeof del, "%s  Delete", icon::kDelete);
        if (button("action.delete", del, false, ImVec2(em(7), em(2.4f)))) {
            m_session.store().apply(cmd::DeleteEntry{e.id});
            m_draft.reset();
            show(Screen::Home);
            m_message = "Deleted. Undo brings it back.";
        }
    }
}

void App::drawSettings() {
    const Palette& p = palette();
    const Profile& profile = m_session.store().portfolio().profile;
    ImGui::Text("Name: %s", profile.name.c_str());
    ImGui::TextColored(p.textMuted, "Stored in %s", m_host.storageDescription().c_str());
    ImGui::Dummy(ImVec2(0, em(0.5f)));
    ImGui::TextUnformatted("Theme");
    int theme = static_cast<int>(currentTheme());
    if (ImGui::RadioButton("Light", &theme, 0)) applyTheme(ThemeKind::Light);
    ImGui::SameLine();
    if (ImGui::RadioButton("Dark", &theme, 1)) applyTheme(ThemeKind::Dark);
    ImGui::SameLine();
    if (ImGui::RadioButton("High contrast", &theme, 2)) applyTheme(ThemeKind::HighContrast);
}

} // namespace pathway::ui
