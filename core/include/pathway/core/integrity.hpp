// Sign-off integrity: a sign-off stores the SHA-256 of the entry's canonical content, so an
// entry edited after it was signed shows as stale instead of silently keeping the signature.
//
// Canonical content of an entry (what the hash covers), version 1:
//   entryToJson(entry) without "created" and "updated", serialised by nlohmann::json::dump()
//   with no indentation: object keys sorted (byte order), no spaces, UTF-8 as is, numbers in
//   nlohmann's shortest round-trip form. It covers id, kind, title, date, fields (blank fields
//   are never written), tags, links, attachments and fields kept from newer versions.
#pragma once

#include "pathway/core/model.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pathway::core {

/// Lower-case hex SHA-256 of the bytes (nettle underneath; the only place it is used).
std::string sha256Hex(std::string_view bytes);

/// A UUID-shaped id derived from text (SHA-256, version nibble 5): imports and conflict copies
/// get the same id each time, so doing them again adds nothing.
std::string derivedUuid(std::string_view seed);

/// The canonical serialisation described above.
std::string canonicalEntryContent(const Entry& entry);
/// sha256Hex(canonicalEntryContent(entry)).
std::string entryContentHash(const Entry& entry);

enum class SignOffState : uint8_t {
    Current,  ///< the entry is exactly what the reviewer signed
    Stale,    ///< the entry was edited after the sign-off (its updated time is later)
    Altered,  ///< the content differs but no later edit is recorded: changed outside Pathway
    Missing,  ///< the signed entry is no longer in the portfolio
    Malformed ///< the stored hash is not 64 hex digits
};
std::string_view signOffStateId(SignOffState s); ///< "current", "stale", "altered", ...

struct SignOffCheck {
    const SignOff* signOff = nullptr; ///< points into the portfolio checked
    SignOffState state = SignOffState::Current;
    std::string entryTitle;  ///< "" when the entry is missing
    std::string currentHash; ///< "" when the entry is missing
};

/// Every sign-off with its state, in the portfolio's order.
std::vector<SignOffCheck> checkSignOffs(const Portfolio& portfolio);
/// State of one sign-off against the portfolio.
SignOffState signOffState(const Portfolio& portfolio, const SignOff& signOff);
/// The same, for a sign-off whose entry has been found already (nullptr: not in the portfolio).
SignOffState signOffStateOf(const Entry* entry, const SignOff& signOff);

/// Entries by id, for code that looks many up (Portfolio::find is a linear search, which made
/// sign-off checks over large portfolios quadratic). Finds what Portfolio::find finds; valid
/// while the portfolio's entries are not changed.
class EntryIndex {
  public:
    explicit EntryIndex(const Portfolio& portfolio);
    const Entry* find(std::string_view id) const;

  private:
    std::unordered_map<std::string_view, const Entry*> m_byId;
};
/// True when the entry has a sign-off whose hash matches its content now.
bool hasCurrentSignOff(const Portfolio& portfolio, const Entry& entry);

} // namespace pathway::core
