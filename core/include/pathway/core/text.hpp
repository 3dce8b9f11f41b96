// Small text helpers shared by the core: locale-free numbers, UTF-8 checks, search folding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pathway::core {

/// "12", "1.5", "-0.25" (no exponent, no locale); nullopt for anything else.
std::optional<double> parseDecimal(std::string_view text);
/// Shortest plain form: 2 -> "2", 1.5 -> "1.5", 0.333333 -> "0.33" (two decimals at most).
std::string formatDecimal(double value);

std::string_view trim(std::string_view text);
/// Offset of the first byte that breaks UTF-8, or nullopt when the text is valid.
std::optional<size_t> findInvalidUtf8(std::string_view text);
/// Length (1 to 4) of the valid UTF-8 sequence starting at byte `i`, or 0 when the bytes
/// there break UTF-8 (or `i` is past the end). The check findInvalidUtf8 makes, one character.
size_t utf8SequenceAt(std::string_view text, size_t i);
/// Appends code point `cp` (at most 0x10FFFF, not a surrogate) encoded as UTF-8.
void appendUtf8(std::string& out, uint32_t cp);
/// The number of characters (code points) in UTF-8 text: bytes that do not continue one.
size_t codePointCount(std::string_view text);
/// ASCII lower-casing; other bytes unchanged (enough for search folding of UTF-8 text).
std::string asciiLower(std::string_view text);
/// Case-insensitive (ASCII) substring test; `needleLower` must already be lower-case.
bool containsFolded(std::string_view haystack, std::string_view needleLower);

/// Deepest nesting of lists and objects the JSON readers accept: nlohmann's tree recursed
/// through 70,000 nested lists until the stack overflowed (issue 12). Deeper than any file
/// Pathway writes (about 5) and than the direct portfolio reader's limit for unknown values.
inline constexpr int kMaxJsonNesting = 512;
/// True when JSON text nests lists and objects deeper than `limit` (strings are skipped; the
/// text need not be valid JSON: this only measures).
bool jsonNestingExceeds(std::string_view json, int limit);

} // namespace pathway::core
