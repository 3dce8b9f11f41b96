// RFC 4180 CSV: writing (CRLF line ends, quoting when needed) and reading (quoted fields with
// commas, quotes and line breaks; LF or CRLF; a UTF-8 byte order mark is skipped).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

/// One field, quoted when it holds a comma, quote, CR or LF, or starts/ends with a space.
/// A field that a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a
/// leading apostrophe ("CSV injection"): plain data never needs those starts.
std::string csvField(std::string_view value);
/// A whole row, fields joined by commas, ending in CRLF.
std::string csvRow(const std::vector<std::string>& fields);
/// csvField(value) and csvRow(fields) appended to `out`, without temporary strings.
void appendCsvField(std::string& out, std::string_view value);
void appendCsvRow(std::string& out, const std::vector<std::string>& fields);

struct CsvTable {
    std::vector<std::vector<std::string>> rows;
    std::vector<size_t> lines; ///< the 1-based line where each row starts (for messages)
};
/// Parses CSV; on a malformed file (a quote never closed, text after a closing quote) returns
/// nullopt and sets `error` with the line.
std::optional<CsvTable> parseCsv(std::string_view text, std::string& error);

} // namespace pathway::core
