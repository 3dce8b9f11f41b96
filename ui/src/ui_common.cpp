#include "ui_common.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cstdio>

namespace pathway::ui::detail {

std::string plural(long long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string hoursText(double hours) {
    return core::formatDecimal(hours) + (hours == 1.0 ? " hour" : " hours");
}

std::string friendlyDate(core::Date d) {
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d %s %d", d.day, kMonths[std::clamp(d.month, 1, 12) - 1],
                  d.year);
    return buf;
}

std::string relativeDays(long long days) {
    if (days == 0) return "today";
    if (days == 1) return "tomorrow";
    if (days == -1) return "yesterday";
    if (days > 0) return "in " + plural(days, "day", "days");
    return plural(-days, "day", "days") + " ago";
}

std::string fitted(std::string_view text, float width) {
    const char* begin = text.data();
    const char* end = begin + text.size();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    if (font->CalcTextSizeA(size, FLT_MAX, 0, begin, end).x <= width) return std::string(text);
    const char* ellipsis = "\xe2\x80\xa6";
    const float ew = font->CalcTextSizeA(size, FLT_MAX, 0, ellipsis).x;
    // One pass: CalcTextSizeA stops at the first character that would pass the width and says
    // where, always at a character boundary.
    const char* stop = begin;
    font->CalcTextSizeA(size, std::max(0.f, width - ew), 0, begin, end, &stop);
    std::string out(begin, stop);
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + ellipsis;
}

bool entryRow(const core::Entry& e, const std::string& id, const std::string& meta,
              const std::string& badge, bool selected) {
    const Palette& p = palette();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = em(3.3f);
    const bool clicked = ImGui::InvisibleButton("row", ImVec2(w, h));
    registerLastItem(id.c_str(), e.title.empty() ? "(untitled)" : e.title.c_str());
    semantics(Role::Button, selected ? state::kSelected : 0, id.c_str(),
              std::string(kindLabel(e.kind)) + ", " + friendlyDate(e.date) +
                  (meta.empty() ? "" : ", " + meta) + (badge.empty() ? "" : ", " + badge));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(start, ImVec2(start.x + w, start.y + h),
                      col(ImGui::IsItemHovered() || selected ? p.surfaceAlt : p.surface), em(0.5f));
    dl->AddRect(start, ImVec2(start.x + w, start.y + h), col(selected ? p.accent : p.border),
                em(0.5f));
    // Kind badge: a tinted circle with the kind's icon.
    const ImVec4 kc = kindColor(e.kind);
    const ImVec2 c(start.x + em(1.6f), start.y + h * 0.5f);
    dl->AddCircleFilled(c, em(0.95f), col(kc, 0.14f));
    const char* ic = kindIcon(e.kind);
    const ImVec2 is = ImGui::CalcTextSize(ic);
    dl->AddText(ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f - em(0.1f)), col(kc), ic);
    const float x = start.x + em(3.1f);
    const float right = start.x + w - em(0.8f);
    const std::string date = friendlyDate(e.date);
    const float dw = ImGui::CalcTextSize(date.c_str()).x;
    const float bw = badge.empty() ? 0 : ImGui::CalcTextSize(badge.c_str()).x + em(1.f);
    // Title beside the date, the line under it beside the badge (a phone shows about 25
    // characters of a title).
    const std::string title =
        fitted(e.title.empty() ? "(untitled)" : e.title, right - dw - em(1.f) - x);
    dl->AddText(ImVec2(x, start.y + em(0.45f)), col(p.text), title.c_str());
    dl->AddText(ImVec2(x, start.y + em(1.75f)), col(p.textMuted),
                fitted(meta, right - x - bw).c_str());
    dl->AddText(ImVec2(right - dw, start.y + em(0.45f)), col(p.textMuted), date.c_str());
    if (!badge.empty())
        dl->AddText(ImVec2(right - bw + em(1.f), start.y + em(1.75f)), col(p.good), badge.c_str());
    return clicked;
}

ImU32 col(const ImVec4& c, float alpha) {
    return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t,
                  a.w + (b.w - a.w) * t);
}

bool beginCard(const char* id, ImVec2 size) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border); // a card's edge is decoration
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, em(0.7f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(1.1f), em(0.9f)));
    ImGuiChildFlags flags = ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding;
    ImGuiWindowFlags windowFlags = ImGuiWindowFlags_NoScrollbar;
    if (size.y <= 0) {
        // A card that grows with its content never scrolls; rounding can leave it a fraction
        // of a pixel of "scroll", which would swallow the wheel and finger drags meant for the
        // screen it sits on.
        flags |= ImGuiChildFlags_AutoResizeY;
        windowFlags |= ImGuiWindowFlags_NoScrollWithMouse;
        // Its controls are part of the screen's Tab order: ImGui 1.90's Tab cycles inside one
        // window, so without this a keyboard went round one card for ever. (NavFlattened is
        // for children that do not scroll, which this one never does.)
        windowFlags |= ImGuiWindowFlags_NavFlattened;
    }
    const bool open = ImGui::BeginChild(id, size, flags, windowFlags);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    return open;
}

void endCard(float* needed) {
    // Content so far, less the spacing after the last item, plus beginCard's bottom padding.
    if (needed)
        *needed = std::max(*needed, ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + em(0.9f) + 1.f);
    ImGui::EndChild();
}

void cardTitle(const char* iconText, const char* title) {
    const Palette& p = palette();
    ImGui::PushFont(fonts().heading);
    ax::TextColored(p.accent, "%s", iconText);
    ImGui::SameLine(0, em(0.45f));
    ax::TextUnformatted(title);
    ImGui::PopFont();
}

void muted(const char* text) {
    ax::TextColored(palette().textMuted, "%s", text);
}

void mutedWrapped(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().textMuted);
    ax::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void progressBar(float fraction, const ImVec4& color, float width, float heightEm) {
    const Palette& p = palette();
    fraction = std::clamp(fraction, 0.f, 1.f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const float h = em(heightEm);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), col(p.surfaceAlt), h);
    if (fraction > 0)
        dl->AddRectFilled(pos, ImVec2(pos.x + std::max(h, w * fraction), pos.y + h), col(color), h);
    ImGui::Dummy(ImVec2(w, h));
}

void chip(const char* text, const ImVec4& color) {
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float padX = em(0.5f), padY = em(0.12f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x + padX * 2, pos.y + size.y + padY * 2),
                      col(color, 0.16f), em(0.6f));
    dl->AddText(ImVec2(pos.x + padX, pos.y + padY), col(color), text);
    ImGui::Dummy(ImVec2(size.x + padX * 2, size.y + padY * 2));
}

void sameLineIfFits(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

void heading(const char* text) {
    ImGui::PushFont(fonts().heading);
    ax::TextUnformatted(text);
    ImGui::PopFont();
}

namespace {
float g_minTargetPx = 0;
}

float minTargetPx() { return g_minTargetPx; }
void setMinTargetPx(float px) { g_minTargetPx = px; }

bool segmented(const char* idPrefix, const char* const* ids, const char* const* labels, int count,
               int& selected, float minWidthEm) {
    const Palette& p = palette();
    bool changed = false;
    const float avail = ImGui::GetContentRegionAvail().x;
    float x = 0;
    for (int i = 0; i < count; ++i) {
        const float w = std::max(ImGui::CalcTextSize(labels[i]).x + em(1.4f), em(minWidthEm));
        if (i > 0) {
            if (x + w + em(0.3f) < avail)
                ImGui::SameLine(0, em(0.3f));
            else
                x = 0;
        }
        x += w + em(0.3f);
        const bool on = i == selected;
        if (on)
            pushPrimaryButton();
        else {
            ImGui::PushStyleColor(ImGuiCol_Button, p.surfaceAlt);
            ImGui::PushStyleColor(ImGuiCol_Text, p.text);
        }
        ImGui::PushID(i);
        const std::string id = std::string(idPrefix) + ids[i];
        if (button(id.c_str(), labels[i], false, ImVec2(w, std::max(em(2.1f), minTargetPx()))) && !on) {
            selected = i;
            changed = true;
        }
        semantics(Role::Tab, on ? state::kSelected : 0, id.c_str());
        ImGui::PopID();
        if (on)
            popPrimaryButton();
        else
            ImGui::PopStyleColor(2);
    }
    return changed;
}

void fieldError(const std::string& text) {
    if (text.empty()) return;
    // The field just drawn is invalid, and says why (aria-invalid, aria-describedby).
    auto& rects = widgets().rects();
    for (size_t i = rects.size(), back = 0; i-- > 0 && back < 3; ++back)
        if (rects[i].isTextField) {
            WidgetRect& f = rects[i];
            f.states |= state::kInvalid;
            f.description = f.description.empty() ? text : text + " " + f.description;
            break;
        }
    ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
    ax::TextWrapped("%s %s", icon::kError, text.c_str());
    ImGui::PopStyleColor();
}

const char* kindIcon(core::EntryKind kind) {
    // Each kind's code point (its row in core's kinds table) as UTF-8, made once.
    static const auto glyphs = [] {
        std::array<std::string, core::kKindCount> out;
        for (const core::KindSpec& k : core::kinds())
            core::appendUtf8(out[static_cast<size_t>(k.kind)], k.look.icon);
        return out;
    }();
    return glyphs[static_cast<size_t>(kind)].c_str();
}

ImVec4 toneColor(core::Tone tone) {
    const Palette& p = palette();
    switch (tone) {
    case core::Tone::Accent:
        return p.accent;
    case core::Tone::Good:
        return p.good;
    case core::Tone::Warn:
        return p.warn;
    case core::Tone::Bad:
        return p.bad;
    case core::Tone::Text:
        return p.text;
    case core::Tone::Muted:
        return p.textMuted;
    }
    return p.textMuted;
}

ImVec4 kindColor(core::EntryKind kind) {
    const core::KindLook& look = core::kindSpec(kind).look;
    return look.mix == 0 ? toneColor(look.a) : mix(toneColor(look.a), toneColor(look.b), look.mix);
}

std::string fieldLabel(const core::Catalog& catalog, core::EntryKind kind, std::string_view key) {
    if (const core::FieldSpec* f = core::findField(kind, key); f && !f->label.empty())
        return std::string(f->label);
    const size_t dot = key.find('.');
    if (dot != std::string_view::npos)
        if (const core::ReflectiveModel* m =
                catalog.reflectiveModel(key.substr(0, dot)))
            if (const core::ReflectiveStage* st = m->stage(key)) return st->name;
    return std::string(key);
}

std::string fieldDisplay(const core::Catalog& catalog, core::EntryKind kind, std::string_view key,
                         const std::string& value) {
    if (const core::FieldSpec* f = core::findField(kind, key)) {
        if (f->type == core::FieldType::Choice) return catalog.choiceLabel(kind, key, value);
        if (f->type == core::FieldType::Flag) return value.empty() ? "No" : "Yes";
    }
    return value;
}

const char* reviewStateLabel(core::ReviewState s) {
    switch (s) {
    case core::ReviewState::Done:
        return "Done";
    case core::ReviewState::Overdue:
        return "Overdue";
    case core::ReviewState::DueSoon:
        return "Due soon";
    case core::ReviewState::Upcoming:
        return "Upcoming";
    case core::ReviewState::NotHeld:
        return "Not held";
    }
    return "";
}

ImVec4 reviewStateColor(core::ReviewState s) {
    const Palette& p = palette();
    switch (s) {
    case core::ReviewState::Done:
        return p.good;
    case core::ReviewState::Overdue:
        return p.bad;
    case core::ReviewState::DueSoon:
        return p.warn;
    case core::ReviewState::Upcoming:
        return p.accent;
    case core::ReviewState::NotHeld:
        return p.textMuted;
    }
    return p.textMuted;
}

} // namespace pathway::ui::detail
