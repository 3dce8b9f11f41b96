// Look and feel: colours for light, dark and high-contrast themes, fonts at the display's scale.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace pathway::ui {

enum class ThemeKind { Light, Dark, HighContrast };

struct Palette {
    ImVec4 background, surface, surfaceAlt, text, textMuted, accent, accentText, border, good, warn,
        bad;
    ImVec4 edge; ///< a control's outline (a field's, a checkbox's): 3:1 against what is around it
                 ///< (WCAG 1.4.11); `border` is for decoration (cards, separators)
};

const Palette& palette();
void applyTheme(ThemeKind kind);
/// A theme's name in preference files and options: "light", "dark", "high-contrast".
const char* themeId(ThemeKind kind);
/// The theme called `id`, or `fallback` when there is none by that name.
ThemeKind themeFromId(std::string_view id, ThemeKind fallback = ThemeKind::Light);
ThemeKind currentTheme();

/// Font files as bytes (the shells read them: from Debian's font folders natively, from the
/// preloaded page data on the web). Empty bytes fall back to ImGui's built-in font.
struct FontFiles {
    std::vector<unsigned char> regular;  ///< Inter Regular
    std::vector<unsigned char> semibold; ///< Inter SemiBold (headings)
    std::vector<unsigned char> icons;    ///< Material Icons
};

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
};
const Fonts& fonts();

/// Builds the font atlas for `textSizePx` logical pixels at `framebufferScale` device pixels per
/// logical pixel, so text stays crisp on high-density phone screens.
void loadFonts(const FontFiles& files, float textSizePx, float framebufferScale);

void pushPrimaryButton();
void popPrimaryButton();

/// True when the font atlas holds the Material Icons code point (kIconRanges in theme.cpp):
/// an entry kind's icon (core's kinds table) must be one of them.
bool iconInAtlas(uint32_t codePoint);

/// Material Icons code points (UTF-8) used by the screens. Add new ones to kIconRanges in
/// theme.cpp too, or they will not be in the font atlas.
namespace icon {
inline constexpr const char* kHome = "\xee\xa2\x8a";         // U+E88A home
inline constexpr const char* kList = "\xee\xa2\x96";         // U+E896 list
inline constexpr const char* kAdd = "\xee\x85\x85";          // U+E145 add
inline constexpr const char* kSettings = "\xee\xa2\xb8";     // U+E8B8 settings
inline constexpr const char* kSchool = "\xee\xa0\x8c";       // U+E80C school
inline constexpr const char* kUndo = "\xee\x85\xa6";         // U+E166 undo
inline constexpr const char* kRedo = "\xee\x85\x9a";         // U+E15A redo
inline constexpr const char* kBack = "\xee\x97\x84";         // U+E5C4 arrow_back
inline constexpr const char* kCheck = "\xee\x97\x8a";        // U+E5CA check
inline constexpr const char* kWarning = "\xee\x80\x82";      // U+E002 warning
inline constexpr const char* kSearch = "\xee\xa2\xb6";       // U+E8B6 search
inline constexpr const char* kDelete = "\xee\xa1\xb2";       // U+E872 delete
inline constexpr const char* kEvent = "\xee\xa1\xb8";        // U+E878 event
inline constexpr const char* kCheckCircle = "\xee\xa1\xac";  // U+E86C check_circle
inline constexpr const char* kCircle = "\xee\xa0\xb6";       // U+E836 radio_button_unchecked
inline constexpr const char* kError = "\xee\x80\x81";        // U+E001 error_outline
inline constexpr const char* kSchedule = "\xee\xa2\xb5";     // U+E8B5 schedule
inline constexpr const char* kGroup = "\xee\x9f\xaf";        // U+E7EF group
inline constexpr const char* kReview = "\xee\x95\xa0";       // U+E560 rate_review
inline constexpr const char* kBook = "\xee\xa8\x99";         // U+EA19 menu_book
inline constexpr const char* kEdit = "\xee\x8f\x89";         // U+E3C9 edit
inline constexpr const char* kClose = "\xee\x97\x8d";        // U+E5CD close
inline constexpr const char* kExpand = "\xee\x97\x8f";       // U+E5CF expand_more
inline constexpr const char* kLabel = "\xee\xa2\x92";        // U+E892 label
inline constexpr const char* kChevronRight = "\xee\x97\x8c"; // U+E5CC chevron_right
inline constexpr const char* kFilter = "\xee\x85\x92";       // U+E152 filter_list
inline constexpr const char* kComment = "\xee\x82\xb9";      // U+E0B9 comment
inline constexpr const char* kVerified = "\xee\xa3\xa8";     // U+E8E8 verified_user
inline constexpr const char* kDownload = "\xee\x8b\x84";     // U+E2C4 file_download
inline constexpr const char* kPsychology = "\xee\xa9\x8a";   // U+EA4A psychology
inline constexpr const char* kTimeline = "\xee\xa4\xa2";     // U+E922 timeline
inline constexpr const char* kGrid = "\xee\xa6\xb0";         // U+E9B0 grid_view
inline constexpr const char* kShare = "\xee\xa0\x8d";        // U+E80D share
inline constexpr const char* kUpload = "\xee\x8b\x86";       // U+E2C6 file_upload
inline constexpr const char* kMerge = "\xee\x82\xb3";        // U+E0B3 call_merge
inline constexpr const char* kPrivacy = "\xee\xa3\xb5";      // U+E8F5 visibility_off
inline constexpr const char* kFolder = "\xee\x8b\x88";       // U+E2C8 folder_open
inline constexpr const char* kCopy = "\xee\x85\x8d";         // U+E14D content_copy
inline constexpr const char* kDuplicate = "\xee\x80\xae";    // U+E02E library_add
} // namespace icon

} // namespace pathway::ui
