// Confidentiality check: finds details that may identify a person who uses services so the
// user can redact them before sharing, and anonymises portfolios for moderation. One engine
// serves `pathway-cli lint` and `--redact`, the app's check before any export, the editor's
// inline hint and the moderation pack.
//
// What it finds: names (after cues such as "Mr", "mum", "PC", "teacher", "Baby"; capitalised
// words that are not ordinary English words or that the word list knows as names; hyphenated,
// apostrophe and non-ASCII names; initials; lower-case repeats of a name found elsewhere),
// dates of birth in any form near a birth cue, addresses (house number + street, flats, the
// town after them), schools, nurseries, hospitals, GP surgeries and councils, postcodes in any
// case, NHS numbers (check digit), National Insurance numbers, vehicle registrations, phone
// numbers, e-mails (also "at ... dot com"), case, LCS and Mosaic-style ids.
//
// The rules and word lists are data: assets/confidentiality/rules.json (cues, theory and
// framework names that are not names, institution and street words) and Debian's wbritish
// word list (lexicon.hpp; without it, on the web before it has been fetched, the check falls
// back to cues and shapes and flags every capitalised word inside a sentence).
//
// Entry points for other code:
//   scanText(text)             check one text (the editor's inline hint): findings with `why`
//   lintPortfolio(portfolio)   every finding in every field of every entry and comment
//   anonymisePortfolio(p)      the moderation pack's copy, with stable per-person
//                              placeholders ("[Child A]", "[Adult B]", "[School 1]")
//   anonymiseText(p, text)     one text anonymised as anonymisePortfolio(p) would (cohorts)
// Heuristic by nature: it prefers flagging too much to too little, and never changes
// anything by itself.
#pragma once

#include "pathway/core/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

enum class FindingKind : uint8_t {
    Name,
    DateOfBirth,
    NhsNumber,
    Postcode,
    Phone,
    Email,
    CaseNumber,
    Address,  ///< house number and street, a flat, the town after them
    Place,    ///< a school, nursery, hospital, GP surgery, care home or council by name
    NiNumber, ///< National Insurance number
    Vehicle,  ///< a vehicle registration
};
std::string_view findingKindId(FindingKind k);    ///< "name", "date-of-birth", "nhs-number", ...
std::string_view findingKindLabel(FindingKind k); ///< "a name", "a date of birth", ...
std::string_view redactionFor(FindingKind k);     ///< "[name]", "[date of birth]", ...

struct TextFinding {
    FindingKind kind = FindingKind::Name;
    uint32_t offset = 0; ///< byte offset in the text (UTF-8)
    uint32_t length = 0; ///< bytes
    /// Why it was flagged, for an inline hint: "looks like a name after \"Mrs\"",
    /// "\"Okafor\" is not an ordinary English word", "a date near \"born\"".
    std::string why;
};

struct Finding {
    std::string entryId;
    std::string entryTitle;
    /// "title", "fields.learned", "tags[1]", "attachments[0].name", "comments[2].text",
    /// "comments[2].role", "self_assessment[0].comment" (the ASYE self-assessment: no entry)
    std::string field;
    TextFinding at;
    std::string match; ///< the flagged text
};

/// Check one text: findings ordered by offset, never overlapping. Names found in the text
/// itself are also found again in lower case ("Tyler ... tyler").
std::vector<TextFinding> scanText(std::string_view text);
/// The text with every finding replaced by its redaction ("[name]").
std::string redactText(std::string_view text);

/// Every finding in the entries (title, fields, tags, attachment names and references), in
/// comments on them (text and role) and in the ASYE self-assessment's comments. Names found
/// anywhere in the portfolio are also found in lower case everywhere. The practitioner's own name is not a finding here (it is theirs).
std::vector<Finding> lintPortfolio(const Portfolio& portfolio);

/// The portfolio with every finding (as lintPortfolio) replaced by a placeholder that is
/// stable per person, place and address across the portfolio ("[Child A]", "[Address 1]");
/// changed entries get `updatedMs = nowMs` (so a sign-off on one shows as stale). `changed`
/// (optional) receives the number of entries and comments changed.
Portfolio redactPortfolio(const Portfolio& portfolio, int64_t nowMs, int32_t* changed = nullptr);

/// The portfolio with only the chosen findings (from lintPortfolio on this portfolio) replaced
/// by their redactions: the app's per-finding "Redact". A finding whose text no longer matches
/// (the entry changed since the check) is left alone and counted in `skipped`. Changed entries
/// get `updatedMs = nowMs`; `changed` receives the number of entries and comments changed.
Portfolio redactFindings(const Portfolio& portfolio, const std::vector<Finding>& findings,
                         int64_t nowMs, int32_t* changed = nullptr, int32_t* skipped = nullptr);

struct AnonymiseOptions {
    /// What the practitioner becomes, in the profile and wherever their name is written
    /// (a cohort report numbers them: "Practitioner 3").
    std::string practitionerLabel = "Practitioner";
};

/// An anonymised copy for moderation. What the portfolio knows is always removed, in any case
/// and in every field: the practitioner's name and each part of it ("[Practitioner]"), every
/// reviewer's and commenter's name ("Reviewer 1" in author fields, "[Reviewer 1]" in text, in
/// order of first appearance), the ASYE's supervisors and assessors ("Supervisor 1",
/// "Assessor 1" in the record, "[Supervisor 1]" in text), employer ("[Employer]"), team
/// ("[Team]") and registration number; the ASYE record's notes are anonymised like text. Everything the check finds is replaced by a placeholder stable across entries and
/// fields: people "[Child A]", "[Adult B]", "[Person C]" (one letter per person, the category
/// from the cues around any mention), "[School 1]", "[Hospital 1]", "[Address 1]", and
/// "[date of birth]", "[postcode]", "[NHS number]" ... for the rest. Attachment references
/// are dropped; tags are anonymised like text.
Portfolio anonymisePortfolio(const Portfolio& portfolio, const AnonymiseOptions& options = {});

/// `text` anonymised with the placeholders anonymisePortfolio(portfolio) uses (the same
/// people get the same letters), e.g. for a cohort report's free text.
std::string anonymiseText(const Portfolio& portfolio, std::string_view text,
                          const AnonymiseOptions& options = {});

} // namespace pathway::core
