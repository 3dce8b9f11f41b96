// Confidentiality check: finds details that may identify a person who uses services (names
// after cues such as "Mr" or "mother", dates of birth, NHS numbers with a valid check digit,
// UK postcodes, phone numbers, email addresses, case-number-like ids) so the user can redact
// them before sharing, and anonymises portfolios for moderation. Heuristic by nature: it
// prefers flagging too much to too little, and never changes anything by itself.
#pragma once

#include "pathway/core/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

enum class FindingKind : uint8_t { Name, DateOfBirth, NhsNumber, Postcode, Phone, Email, CaseNumber };
std::string_view findingKindId(FindingKind k);    ///< "name", "date-of-birth", "nhs-number", ...
std::string_view findingKindLabel(FindingKind k); ///< "a name", "a date of birth", ...
std::string_view redactionFor(FindingKind k);     ///< "[name]", "[date of birth]", ...

struct TextFinding {
    FindingKind kind = FindingKind::Name;
    uint32_t offset = 0; ///< byte offset in the text (UTF-8)
    uint32_t length = 0; ///< bytes
};

struct Finding {
    std::string entryId;
    std::string entryTitle;
    std::string field; ///< "title", "fields.learned", "attachments[0].name", "comments[2].text"
    TextFinding at;
    std::string match; ///< the flagged text
};

/// Findings in one text, ordered by offset, never overlapping.
std::vector<TextFinding> scanText(std::string_view text);
/// The text with every finding replaced by its redaction ("[name]").
std::string redactText(std::string_view text);

/// Every finding in the entries (title, fields, attachment names) and in comments on them.
std::vector<Finding> lintPortfolio(const Portfolio& portfolio);

/// The portfolio with every finding in entries (title, fields, attachment names) and comments
/// replaced by its redaction; changed entries get `updatedMs = nowMs` (so a sign-off on one
/// shows as stale). `changed` (optional) receives the number of entries and comments changed.
Portfolio redactPortfolio(const Portfolio& portfolio, int64_t nowMs, int32_t* changed = nullptr);

/// The portfolio with only the chosen findings (from lintPortfolio on this portfolio) replaced
/// by their redactions: the app's per-finding "Redact". A finding whose text no longer matches
/// (the entry changed since the check) is left alone and counted in `skipped`. Changed entries
/// get `updatedMs = nowMs`; `changed` receives the number of entries and comments changed.
Portfolio redactFindings(const Portfolio& portfolio, const std::vector<Finding>& findings,
                         int64_t nowMs, int32_t* changed = nullptr, int32_t* skipped = nullptr);

/// An anonymised copy for moderation: the practitioner becomes "Practitioner", registration
/// number, employer and team are removed, reviewers become "Reviewer 1", "Reviewer 2" (in order
/// of first appearance), attachment references are dropped, and every text is redacted.
Portfolio anonymisePortfolio(const Portfolio& portfolio);

} // namespace pathway::core
