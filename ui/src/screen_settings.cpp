// Settings (profile, appearance, frameworks loaded, data) and the first-run welcome.
#include "pathway/core/catalog.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "exchange_state.hpp"
#include "ui_common.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {
constexpr CareerStage kStages[] = {CareerStage::Asye, CareerStage::SocialWorker,
                                   CareerStage::Experienced, CareerStage::Advanced,
                                   CareerStage::Strategic, CareerStage::PracticeEducator,
                                   CareerStage::Consultant};

/// The name a catalogue file is kept under: its base name in letters, digits, '.', '-' and
/// '_' only (so it stays a plain file in the data folder), ending in ".json".
std::string keptCatalogName(std::string_view name) {
    const size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string out;
    for (char c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        out += plain ? c : '-';
    }
    out.erase(0, out.find_first_not_of('.')); // never a hidden file, never ".."
    if (out.size() > 96) out.resize(96);
    if (out.size() < 5 || out.compare(out.size() - 5, 5, ".json") != 0) out += ".json";
    return out.size() == 5 ? "framework.json" : out;
}

/// What `after` has that `before` did not: the titles of new or changed frameworks and models,
/// of rules with a new version.
std::vector<std::string> catalogAdditions(const Catalog& before, const Catalog& after) {
    std::vector<std::string> out;
    auto add = [&out](const auto& was, const auto& now, auto same, auto title) {
        for (const auto& x : now)
            if (std::none_of(was.begin(), was.end(), [&](const auto& w) { return same(w, x); }))
                out.push_back(title(x));
    };
    auto equal = [](const auto& a, const auto& b) { return a == b; };
    auto sameVersion = [](const auto& a, const auto& b) {
        return a.id == b.id && a.version == b.version;
    };
    auto versioned = [](const auto& x) { return x.title + " (" + x.version + ")"; };
    add(before.frameworks(), after.frameworks(), equal, versioned);
    add(before.sweCpdRules(), after.sweCpdRules(), sameVersion, versioned);
    add(before.asyeRules(), after.asyeRules(), sameVersion, versioned);
    add(before.reflectiveModels(), after.reflectiveModels(), equal,
        [](const ReflectiveModel& m) { return m.name; });
    return out;
}

bool formInput(const char* id, const char* label, std::string& value, const char* hint,
               const std::string& error, float width = -FLT_MIN, TextKind kind = TextKind::Line) {
    const Palette& p = palette();
    ax::TextUnformatted(label);
    if (!error.empty()) ImGui::PushStyleColor(ImGuiCol_Border, p.bad);
    TextFieldSpec spec;
    spec.kind = kind;
    spec.hint = hint;
    spec.width = width;
    const bool changed = editText(id, label, value, spec).changed;
    if (!error.empty()) ImGui::PopStyleColor();
    fieldError(error);
    return changed;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// Catalogue files added in Settings

void App::loadKeptCatalogFiles() {
    for (auto& [name, bytes] : m_host.loadCatalogFiles()) {
        // A kept file that no longer loads is left where it is (never deleted unasked).
        if (std::string err = m_session.addCatalogFile({name, std::move(bytes)}); !err.empty()) {
            m_catalogMessage += (m_catalogMessage.empty() ? "" : " ") + name +
                                ", added before, is not in use: " + err + ".";
            m_catalogMessageIsError = true;
        }
    }
}

std::string App::addCatalogFile(std::string_view name, std::string_view bytes) {
    const std::string kept = keptCatalogName(name);
    const Catalog before = m_session.catalog();
    if (std::string err = m_session.addCatalogFile({kept, std::string(bytes)}); !err.empty()) {
        m_catalogMessage = "Could not add " + kept + ": " + err + ". Nothing was changed.";
        m_catalogMessageIsError = true;
        return err;
    }
    const std::vector<std::string> added = catalogAdditions(before, m_session.catalog());
    m_catalogMessage = "Added " + kept;
    for (size_t i = 0; i < added.size(); ++i)
        m_catalogMessage += (i == 0 ? ": " : "; ") + added[i];
    m_catalogMessage += ".";
    m_catalogMessageIsError = false;
    if (!m_host.saveCatalogFile(kept, bytes)) {
        m_catalogMessage += " This device could not keep it: add it again next time.";
        m_catalogMessageIsError = true;
    }
    return {};
}

bool App::removeCatalogFile(std::string_view name) {
    if (!m_session.removeCatalogFile(name)) return false;
    m_host.saveCatalogFile(name, {});
    m_catalogMessage = "Removed " + std::string(name) + ".";
    m_catalogMessageIsError = false;
    return true;
}

// ---------------------------------------------------------------------------------------------
// The screen

void App::drawSettings() {
    const Palette& p = palette();
    const Portfolio& doc = m_session.store().portfolio();
    const Profile& profile = doc.profile;
    ProfileForm& f = m_profileForm;
    // The form follows the stored profile (undo, imports) until the user starts typing.
    if (!m_profileFormTouched && m_profileFormRevision != m_session.store().revision()) {
        f.name = profile.name;
        f.registration = profile.registrationNumber;
        f.employer = profile.employer;
        f.team = profile.team;
        f.asyeStart = profile.asyeStart ? profile.asyeStart->toString() : "";
        f.fte = formatDecimal(profile.fte);
        f.setting = profile.setting == Setting::Adults ? 1 : 0;
        f.stage = static_cast<int>(profile.stage);
        m_profileFormRevision = m_session.store().revision();
    }

    const float width = m_phone ? ImGui::GetContentRegionAvail().x
                                : std::min(ImGui::GetContentRegionAvail().x, em(46));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ImGui::BeginChild("settings", ImVec2(width, 0), ImGuiChildFlags_None);

    // Profile.
    if (beginCard("profile", ImVec2(0, 0))) {
        cardTitle(icon::kSchool, "Profile");
        bool touched = false;
        touched |= formInput("settings.name", "Name", f.name, "e.g. Sam Taylor",
                             trim(f.name).empty() ? "Enter your name." : "", -FLT_MIN,
                             TextKind::Name);
        const std::string reg(trim(f.registration));
        touched |= formInput("settings.registration", "Social Work England registration number",
                             f.registration, "SW123456",
                             !reg.empty() && !isValidRegistrationNumber(reg)
                                 ? "A registration number is SW followed by digits, e.g. SW123456."
                                 : "",
                             -FLT_MIN, TextKind::Code);
        touched |=
            formInput("settings.employer", "Employer", f.employer, "e.g. a local authority", "");
        touched |=
            formInput("settings.team", "Team", f.team, "e.g. Children's assessment team", "");
        ax::TextUnformatted("Setting");
        const char* settingIds[] = {"children", "adults"};
        const char* settingLabels[] = {"Children and families", "Adults"};
        touched |= segmented("settings.setting.", settingIds, settingLabels, 2, f.setting);
        ax::TextUnformatted("Career stage");
        ImGui::SetNextItemWidth(m_phone ? -FLT_MIN : em(20));
        if (ImGui::BeginCombo("##stage", std::string(stageLabel(kStages[f.stage])).c_str())) {
            for (int i = 0; i < 5; ++i) {
                const std::string l(stageLabel(kStages[i]));
                if (ImGui::Selectable(l.c_str(), i == f.stage)) {
                    f.stage = i;
                    touched = true;
                }
                registerLastItem(("settings.stage." + std::string(stageId(kStages[i]))).c_str(),
                                 l.c_str());
                semantics(Role::Option, i == f.stage ? state::kSelected : 0);
            }
            ImGui::EndCombo();
        }
        registerLastItem("settings.stage", "Career stage");
        semantics(Role::ComboBox, 0, "settings.stage", stageLabel(kStages[f.stage]));
        const std::string start(trim(f.asyeStart));
        touched |= formInput(
            "settings.asye-start", "ASYE start date", f.asyeStart, "YYYY-MM-DD",
            !start.empty() && !Date::parse(start) ? "Dates look like 2026-09-07." : "", em(10),
            TextKind::Date);
        const auto fte = parseDecimal(trim(f.fte));
        touched |= formInput("settings.fte", "Working time (FTE)", f.fte, "1 = full time",
                             !fte || *fte <= 0 || *fte > 1
                                 ? "Working time is a number above 0 and at most 1, e.g. 0.8."
                                 : "",
                             em(10), TextKind::Number);
        mutedWrapped("Part-time working extends the ASYE year and its review dates pro rata.");
        if (touched) {
            m_profileFormTouched = true;
            m_profileMessage.clear();
        }
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        if (button("settings.save", "Save profile", true, ImVec2(em(9), em(2.4f)))) {
            Profile next = profile;
            next.name = std::string(trim(f.name));
            next.registrationNumber = reg;
            next.employer = std::string(trim(f.employer));
            next.team = std::string(trim(f.team));
            next.setting = f.setting == 1 ? Setting::Adults : Setting::ChildrenAndFamilies;
            next.stage = kStages[f.stage];
            std::string error;
            if (!reg.empty() && !isValidRegistrationNumber(reg))
                error = "A registration number is SW followed by digits, e.g. SW123456.";
            if (start.empty())
                next.asyeStart.reset();
            else if (auto d = Date::parse(start))
                next.asyeStart = *d;
            else if (error.empty())
                error = "The ASYE start date must look like 2026-09-07.";
            if (fte && *fte > 0 && *fte <= 1)
                next.fte = *fte;
            else if (error.empty())
                error = "Working time is a number above 0 and at most 1, e.g. 0.8.";
            if (error.empty()) error = validateProfile(next);
            if (!error.empty()) {
                m_profileMessage = error;
            } else if (next == profile) {
                m_profileMessage = "Nothing to save.";
                m_profileFormTouched = false;
            } else if (CommandResult r = m_session.store().apply(cmd::SetProfile{next}); !r) {
                m_profileMessage = r.error;
            } else {
                m_profileMessage = "Profile saved.";
                m_profileFormTouched = false;
            }
        }
        if (m_profileFormTouched) {
            ImGui::SameLine();
            if (button("settings.revert", "Revert", false, ImVec2(em(7), em(2.4f)))) {
                m_profileFormTouched = false;
                m_profileFormRevision = UINT64_MAX;
                m_profileMessage.clear();
            }
        }
        if (!m_profileMessage.empty()) {
            const bool ok =
                m_profileMessage == "Profile saved." || m_profileMessage == "Nothing to save.";
            ax::TextColored(ok ? p.good : p.bad, "%s %s",
                               ok ? icon::kCheckCircle : icon::kWarning, m_profileMessage.c_str());
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // Appearance.
    if (beginCard("appearance", ImVec2(0, 0))) {
        cardTitle(icon::kSettings, "Appearance");
        ax::TextUnformatted("Theme");
        const char* themeIds[] = {"light", "dark", "high-contrast"};
        const char* themeLabels[] = {"Light", "Dark", "High contrast"};
        int theme = static_cast<int>(currentTheme());
        if (segmented("settings.theme.", themeIds, themeLabels, 3, theme, 6))
            applyTheme(static_cast<ThemeKind>(theme));
        ax::TextUnformatted("Text size");
        constexpr int kSizes = static_cast<int>(std::size(kTextSizes));
        const char* sizeIds[kSizes];
        const char* sizeLabels[kSizes];
        int size = 0; // the nearest choice (a size from an older preferences file may lie between)
        for (int i = 0; i < kSizes; ++i) {
            sizeIds[i] = kTextSizes[i].id;
            sizeLabels[i] = kTextSizes[i].label;
            if (std::abs(kTextSizes[i].px - m_textSizePx) < std::abs(kTextSizes[size].px - m_textSizePx))
                size = i;
        }
        if (segmented("settings.text.", sizeIds, sizeLabels, kSizes, size, 6))
            m_textSizePx = kTextSizes[size].px;
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // Frameworks and rules loaded.
    if (beginCard("catalog", ImVec2(0, 0))) {
        const Catalog& catalog = m_session.catalog();
        cardTitle(icon::kBook, "Frameworks and rules");
        mutedWrapped("Pathway reads these from versioned data files; an academy can add its own.");
        const Date today = m_clock.today();
        for (const Framework& fw : catalog.frameworks()) {
            const bool inForce = fw.validOn(today) && appliesTo(fw.appliesTo, profile.setting);
            ax::TextColored(inForce ? p.good : p.textMuted, "%s",
                               inForce ? icon::kCheckCircle : icon::kCircle);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("%s", fw.title.c_str());
            std::string meta =
                "version " + fw.version + " \xc2\xb7 from " + friendlyDate(fw.validFrom);
            if (fw.validTo) meta += " to " + friendlyDate(*fw.validTo);
            meta += " \xc2\xb7 " + plural(static_cast<long long>(fw.items.size()), "item", "items");
            if (std::string(applicabilityId(fw.appliesTo)) != "any")
                meta += " \xc2\xb7 " + std::string(applicabilityId(fw.appliesTo)) + " only";
            ImGui::Indent(em(1.5f));
            muted(meta.c_str());
            ImGui::Unindent(em(1.5f));
        }
        for (const SweCpdRule& r : catalog.sweCpdRules()) {
            ax::TextColored(p.textMuted, "%s", icon::kLabel);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("%s (version %s)", r.title.c_str(), r.version.c_str());
        }
        for (const AsyeRule& r : catalog.asyeRules()) {
            ax::TextColored(p.textMuted, "%s", icon::kLabel);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("%s (version %s)", r.title.c_str(), r.version.c_str());
        }
        for (const ReflectiveModel& m : catalog.reflectiveModels()) {
            ax::TextColored(p.textMuted, "%s", icon::kPsychology);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("%s", m.name.c_str());
        }
        // Files added here (an academy's framework), kept with the user's data.
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        std::string removing;
        for (const CatalogFile& file : m_session.catalogFiles()) {
            ax::TextColored(p.textMuted, "%s", icon::kFolder);
            ImGui::SameLine(0, em(0.4f));
            ax::TextUnformatted(file.name.c_str());
            ImGui::SameLine(0, em(0.8f));
            if (button(("settings.catalog.remove." + file.name).c_str(), "Remove", false))
                removing = file.name;
        }
        if (!removing.empty()) removeCatalogFile(removing);
        if (button("settings.catalog.add",
                   (std::string(icon::kAdd) + "  Add a framework file").c_str(), false))
            askForFile("catalog", ".json,application/json");
        if (m_exchange->pathPrompt && m_exchange->awaiting == "catalog") {
            drawFilePrompt();
            if (!m_exchange->message.empty())
                ax::TextColored(m_exchange->messageIsError ? p.bad : p.good, "%s",
                                m_exchange->message.c_str());
        }
        if (!m_catalogMessage.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, m_catalogMessageIsError ? p.bad : p.good);
            ax::TextWrapped("%s", m_catalogMessage.c_str());
            ImGui::PopStyleColor();
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // Data.
    if (beginCard("data", ImVec2(0, 0))) {
        cardTitle(icon::kDownload, "Your data");
        mutedWrapped(("Kept in " + m_host.storageDescription() +
                      ". Nothing leaves this device unless you export it or set up sync below.")
                         .c_str());
        if (button("settings.export", (std::string(icon::kDownload) + "  Export a copy").c_str(),
                   false)) {
            m_host.offerDownload("pathway-portfolio.json", "application/json",
                                 serializePortfolio(doc));
            m_profileMessage.clear();
            m_message = "A copy of your portfolio was exported.";
            if (const std::string note = m_host.downloadNote(); !note.empty())
                m_message += " " + note;
        }
        if (!m_phone) ImGui::SameLine();
        if (button("settings.share",
                   (std::string(icon::kShare) + "  Share, import and other formats").c_str(), false))
            show(Screen::Share);
        if (!m_message.empty())
            ax::TextColored(p.good, "%s %s", icon::kCheckCircle, m_message.c_str());
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    drawSyncCard();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void App::drawWelcome() {
    const Palette& p = palette();
    const float width = std::min(ImGui::GetContentRegionAvail().x - em(2), em(28));
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - width) * 0.5f);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(width, m_phone ? em(2) : em(5)));
    ImGui::PushFont(fonts().title);
    ax::TextColored(p.accent, "Pathway");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ax::TextWrapped("Your learning, CPD and progression as a social worker, kept on this "
                       "device. Nothing leaves it unless you export it.");
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, em(1)));
    ImGui::PushItemWidth(width);
    if (beginCard("welcomeform", ImVec2(width, 0))) {
        textField("welcome.name", "Your name", m_welcomeName, "e.g. Sam Taylor", 0, TextKind::Name);
        ImGui::Dummy(ImVec2(0, em(0.5f)));
        if (button("welcome.start", "Start my portfolio", true,
                   ImVec2(-FLT_MIN, std::max(em(2.6f), 44.f)))) {
            Profile profile = m_session.store().portfolio().profile;
            profile.name = std::string(trim(m_welcomeName));
            CommandResult r = m_session.store().apply(cmd::SetProfile{profile});
            if (r)
                show(Screen::Home);
            else
                m_message = r.error;
        }
        if (!m_message.empty()) ax::TextColored(p.bad, "%s", m_message.c_str());
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        mutedWrapped(
            "You can add your registration number, setting and ASYE start date later in Settings.");
    }
    endCard();
    // A mentor or assessor may have no portfolio of their own.
    ImGui::Dummy(ImVec2(0, em(0.6f)));
    if (beginCard("welcomereview", ImVec2(width, 0))) {
        ax::TextColored(p.accent, "%s", icon::kReview);
        ImGui::SameLine(0, em(0.4f));
        ax::TextWrapped("Mentor or assessor?");
        mutedWrapped("Open a portfolio someone shared with you to comment and sign entries off. "
                     "You don't need a portfolio of your own.");
        if (button("welcome.review", "Review a portfolio", false,
                   ImVec2(-FLT_MIN, std::max(em(2.4f), 44.f))))
            askForFile("review", ".json,application/json");
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.6f)));
    if (beginCard("welcomecohort", ImVec2(width, 0))) {
        ax::TextColored(p.accent, "%s", icon::kGroup);
        ImGui::SameLine(0, em(0.4f));
        ax::TextWrapped("Leading a cohort?");
        mutedWrapped("Open your practitioners' portfolio files together: who needs attention "
                     "and why, evidence and coverage across the cohort.");
        if (button("welcome.cohort", "Open a cohort", false,
                   ImVec2(-FLT_MIN, std::max(em(2.4f), 44.f))))
            show(Screen::Cohort);
    }
    endCard();
    if (m_exchange->pathPrompt) {
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        ImGui::BeginChild("welcomeprompt", ImVec2(width, em(11)), ImGuiChildFlags_None);
        drawFilePrompt();
        ImGui::EndChild();
    }
    if (!m_exchange->message.empty())
        ax::TextColored(m_exchange->messageIsError ? p.bad : p.good, "%s",
                           m_exchange->message.c_str());
    ImGui::PopItemWidth();
    ImGui::EndGroup();
}

} // namespace pathway::ui
