// Exports of a portfolio: every format is a pure function from the portfolio (and the catalogue
// and dates it needs) to bytes; the CLI and the app write the bytes wherever the user chose.
//
//   html        self-contained, print-ready page: profile, summary, the ASYE (supervisor and
//               assessor, the development plan per review, the self-assessment's start, midway
//               and end side by side), every entry (fields,
//               framework mapping with titles, comments, sign-offs and their state), a mapping
//               table per framework; page breaks between sections; all user text escaped and
//               a Content-Security-Policy that allows no script at all.
//   moderation  the html export of anonymisePortfolio() (confidentiality.hpp), sign-off states
//               computed on the original.
//   csv         one row per entry (RFC 4180, see csv.hpp).
//   json        the portfolio file itself (serializePortfolio): the complete backup.
//   leap2a      an Atom feed with LEAP2A types, dates and framework categories, plus Pathway's
//               own elements (namespace urn:pathway:leap2a) so a re-import is lossless.
//   ics         iCalendar: ASYE review due dates, the renewal window and deadline.
//   swe         plain text ready to paste into the regulator's CPD form, one block per piece.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/date.hpp"
#include "pathway/core/model.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pathway::core {

/// In the order the app's Share screen lists them (kExportFormats in export.cpp, one row each).
enum class ExportFormat : uint8_t { Html, Swe, Moderation, Csv, Leap2a, Ics, Json };
std::optional<ExportFormat> parseExportFormat(std::string_view id);
std::string_view exportFormatId(ExportFormat f);

/// `today` drives the requirements engine (ICS, summaries); `nowMs` stamps generated files
/// (ICS DTSTAMP, LEAP2A feed <updated>). Neither is read from a clock here.
struct ExportContext {
    const Catalog& catalog;
    Date today;
    int64_t nowMs = 0;
};

/// Each export format described once: the CLI's --format list and the app's Share screen are
/// made from these rows. Adding a format is a value in ExportFormat and a row in export.cpp.
struct ExportFormatSpec {
    ExportFormat format;
    std::string_view id;        ///< --format and file names: "html"
    std::string_view title;     ///< the Share screen's button: "Portfolio to print or send"
    std::string_view about;     ///< one sentence under it
    std::string_view extension; ///< of the file offered: "html"
    std::string_view mime;      ///< "text/html"
    /// The user's own words leave the device in it: the app runs the confidentiality check
    /// first (the moderation pack redacts everything itself; the calendar has no free text).
    bool needsCheck;
    std::string (*write)(const Portfolio&, const ExportContext&);
};
/// Every format, in the order of ExportFormat.
std::span<const ExportFormatSpec> exportFormats();
const ExportFormatSpec& exportFormatSpec(ExportFormat f);
/// "html, swe, ..., ics or json" (for messages and usage lines).
std::string exportFormatIdList(std::string_view separator = ", ", std::string_view last = " or ");

std::string exportPortfolio(const Portfolio& portfolio, ExportFormat format, const ExportContext& ctx);

std::string exportHtml(const Portfolio& portfolio, const ExportContext& ctx);
std::string exportModerationPack(const Portfolio& portfolio, const ExportContext& ctx);
std::string exportCsv(const Portfolio& portfolio);
std::string exportLeap2a(const Portfolio& portfolio, const ExportContext& ctx);
std::string exportIcs(const Portfolio& portfolio, const ExportContext& ctx);
std::string exportSweText(const Portfolio& portfolio, const ExportContext& ctx);

/// & < > " ' as entities: safe in element text and in quoted attributes.
std::string htmlEscape(std::string_view text);
/// htmlEscape(text) appended to `out`, without a temporary string.
void appendHtmlEscaped(std::string& out, std::string_view text);

/// The CSS font-family stack of the HTML exports: the fonts the app draws with (Inter, then
/// Debian's Noto fonts per script, WenQuanYi Micro Hei, Symbola), then the names the same
/// scripts have on Windows and macOS, so a browser's print to PDF finds a glyph for any name.
/// The page's CSP allows no web fonts: these are installed fonts, matched by family name.
inline constexpr const char* kHtmlFontStack =
    "Inter,\"Noto Sans\",\"Noto Sans Arabic\",\"Noto Sans Hebrew\",\"Noto Sans Devanagari\","
    "\"Noto Sans Bengali\",\"Noto Sans Gurmukhi\",\"Noto Sans Gujarati\",\"Noto Sans Tamil\","
    "\"Noto Sans Telugu\",\"Noto Sans Kannada\",\"Noto Sans Malayalam\",\"Noto Sans Sinhala\","
    "\"Noto Sans Thai\",\"Noto Sans Ethiopic\",\"WenQuanYi Micro Hei\",\"Noto Sans CJK SC\","
    "\"Microsoft YaHei\",\"PingFang SC\",\"Segoe UI\",\"Nirmala UI\",Symbola,"
    "\"Noto Sans Symbols\",\"Noto Sans Symbols2\",\"Segoe UI Emoji\",\"Apple Color Emoji\","
    "\"Helvetica Neue\",Arial,sans-serif";

} // namespace pathway::core
