// Small drawing and text helpers shared by the screens (private to pathway_ui).
#pragma once

#include "pathway/core/date.hpp"
#include "pathway/core/export_plan.hpp" // fileSlug
#include "pathway/core/kinds.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"

#include <imgui.h>

#include <string>
#include <string_view>

namespace pathway::ui::detail {

/// "1 hour", "3 hours", "0 entries": correct plurals everywhere.
std::string plural(long long n, std::string_view one, std::string_view many);
/// "1 hour", "2.5 hours".
std::string hoursText(double hours);
/// "23 Nov 2026".
std::string friendlyDate(core::Date d);
/// "in 7 days", "tomorrow", "today", "3 days ago".
std::string relativeDays(long long days);

ImU32 col(const ImVec4& c, float alpha = 1.f);
/// One entry as a card row: kind badge, title and date, `meta` under the title, `badge` (in the
/// "good" colour) at the right of that second line; `selected` outlines it in the accent. Long
/// text ends in an ellipsis. The row's invisible button is the last item, registered as `id`.
/// Returns true when it was clicked.
bool entryRow(const core::Entry& e, const std::string& id, const std::string& meta,
              const std::string& badge = {}, bool selected = false);
/// `text` in the current font, shortened with an ellipsis at a character boundary to fit `width`.
std::string fitted(std::string_view text, float width);
ImVec4 mix(const ImVec4& a, const ImVec4& b, float t);

/// A rounded surface with padding. height 0: grows with its content.
bool beginCard(const char* id, ImVec2 size);
/// With `needed`: raises *needed to the height the card's content took, so a row of
/// fixed-height cards can grow to fit them from the next frame on.
void endCard(float* needed = nullptr);
/// Card heading with an icon in the accent colour.
void cardTitle(const char* icon, const char* title);
void muted(const char* text);
void mutedWrapped(const char* text);
/// A horizontal bar, `fraction` in [0,1], full available width unless width > 0.
void progressBar(float fraction, const ImVec4& color, float width = 0, float heightEm = 0.45f);
/// A small rounded label in a tinted background (status chips).
void chip(const char* text, const ImVec4& color);
/// The next item beside the last one when `width` fits there, else on the next line (a phone).
void sameLineIfFits(float width);
/// Section heading (heading font).
void heading(const char* text);
/// The least height of a control one taps: 44 px on a phone's layout (WCAG 2.5.5's target
/// size), else 0. The app sets it each frame from its layout.
float minTargetPx();
void setMinTargetPx(float px);
/// A row of mutually exclusive buttons ("segmented control"); ids are `idPrefix` + value id.
/// Returns true when the selection changed.
bool segmented(const char* idPrefix, const char* const* ids, const char* const* labels, int count,
               int& selected, float minWidthEm = 0);
/// Inline validation message under a field.
void fieldError(const std::string& text);
/// The kind's icon.
const char* kindIcon(core::EntryKind kind);
/// Colour used for a kind's accents (dots, chips).
ImVec4 kindColor(core::EntryKind kind);
/// The palette colour a tone names (light, dark or high contrast, as in use).
ImVec4 toneColor(core::Tone tone);

/// What the user calls a field: its label, a reflective model's stage name ("What happened?"),
/// or the key when nothing better is known. Stage names come from `catalog`'s models.
std::string fieldLabel(const core::Catalog& catalog, core::EntryKind kind, std::string_view key);
/// A field's value as a reader sees it (choices by label, the model by `catalog`'s name, yes/no
/// for flags).
std::string fieldDisplay(const core::Catalog& catalog, core::EntryKind kind, std::string_view key,
                         const std::string& value);

/// "Done", "Overdue", "Due soon", "Upcoming".
const char* reviewStateLabel(core::ReviewState s);
/// Good, bad, warning or accent colour for a review's state.
ImVec4 reviewStateColor(core::ReviewState s);

} // namespace pathway::ui::detail
