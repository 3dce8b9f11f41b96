// Signatures: who signed a comment, an outcome or a sign-off, not only what was signed.
//
// A reviewer makes an Ed25519 key pair once (RFC 8032; nettle's ed25519_sha512, natively
// Debian's libhogweed, for wasm the same source with nettle's mini-gmp). The private key stays
// with them in a key file, optionally sealed with a passphrase (PBKDF2-HMAC-SHA256, 600,000
// iterations, then ChaCha20-Poly1305). The public "reviewer card" (name, role, organisation,
// public key) is shared; its fingerprint is the first 8 bytes of SHA-256 over the public key.
//
// Each comment and sign-off a reviewer writes is signed over canonical bytes (compact JSON,
// keys sorted) holding a type tag, the card, the practitioner's name, the entry id and the
// entry's content hash, the time, and for a comment its id, text, request flag and outcome.
// An academy signs a roster (the cards it vouches for, each with validity dates) with its own
// key; a signature counts as authentic only when its key is in a loaded roster on that date.
#pragma once

#include "pathway/core/date.hpp"
#include "pathway/core/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

inline constexpr size_t kEd25519KeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
using Ed25519Secret = std::array<uint8_t, kEd25519KeySize>;
using Ed25519Public = std::array<uint8_t, kEd25519KeySize>;
using Ed25519Signature = std::array<uint8_t, kEd25519SignatureSize>;

/// PBKDF2-HMAC-SHA256 iterations for new passphrase-sealed key files (OWASP 2023's figure).
inline constexpr uint32_t kKeyFileIterations = 600000;

std::string toHex(std::span<const uint8_t> bytes); ///< lower case
/// Bytes of an even-length hex string (either case); nullopt for anything else.
std::optional<std::vector<uint8_t>> fromHex(std::string_view hex);

// --- Ed25519 (RFC 8032) ------------------------------------------------------------------------
Ed25519Public ed25519PublicKey(const Ed25519Secret& secret);
Ed25519Signature ed25519Sign(const Ed25519Secret& secret, const Ed25519Public& pub,
                             std::string_view message);
bool ed25519Verify(const Ed25519Public& pub, std::string_view message,
                   const Ed25519Signature& signature);
/// The same with hex key and signature; false when either is not the right length of hex.
bool ed25519VerifyHex(std::string_view publicKeyHex, std::string_view message,
                      std::string_view signatureHex);

/// Where random bytes come from (keys, salts, nonces); tests pass a fixed source.
class RandomBytes {
  public:
    virtual ~RandomBytes() = default;
    /// False when no randomness could be had (then nothing may be generated).
    virtual bool fill(std::span<uint8_t> out) = 0;
};
/// The operating system's generator (/dev/urandom; under Emscripten the browser's
/// crypto.getRandomValues behind the same device).
class SystemRandomBytes final : public RandomBytes {
  public:
    bool fill(std::span<uint8_t> out) override;
};

// --- Reviewer cards and keys -------------------------------------------------------------------
struct ReviewerCard {
    std::string name;
    std::string role;
    std::string organisation;
    std::string publicKey; ///< 64 lower-case hex digits
    bool operator==(const ReviewerCard&) const = default;
};

/// "1A2B 3C4D 5E6F 7A8B": SHA-256 of the 32 key bytes, first 8 bytes, upper-case hex in groups
/// of four. "" when the key is not 64 hex digits.
std::string keyFingerprint(std::string_view publicKeyHex);

/// A private key with the card it signs as.
struct ReviewerKey {
    ReviewerCard card;
    Ed25519Secret secret{};
};

struct KeyResult {
    std::optional<ReviewerKey> key;
    std::string error;
};
/// A new key pair for the card's person (name must not be blank); card.publicKey is filled in.
KeyResult generateReviewerKey(ReviewerCard card, RandomBytes& random);

inline constexpr std::string_view kKeyFileFormat = "pathway-reviewer-key";
inline constexpr std::string_view kCardFormat = "pathway-reviewer-card";

/// The private key file. With a non-empty passphrase the secret is sealed (PBKDF2 then
/// ChaCha20-Poly1305, the card as associated data); without one it is stored as hex and the
/// file itself must be kept private. Empty string when randomness fails.
std::string serializeKeyFile(const ReviewerKey& key, std::string_view passphrase,
                             RandomBytes& random, uint32_t iterations = kKeyFileIterations);
struct KeyFileResult {
    std::optional<ReviewerKey> key;
    std::string error;
    bool needsPassphrase = false; ///< sealed and no (or a wrong) passphrase was given
};
/// Reads a key file; checks that the secret belongs to the card's public key.
KeyFileResult parseKeyFile(std::string_view bytes, std::string_view passphrase);
/// True when the key file is sealed with a passphrase (false for anything unreadable).
bool keyFileIsSealed(std::string_view bytes);

std::string serializeCard(const ReviewerCard& card); ///< includes the fingerprint (informative)
struct CardResult {
    std::optional<ReviewerCard> card;
    std::string error;
};
CardResult parseCard(std::string_view bytes);

// --- What a signature covers -------------------------------------------------------------------
/// The card a comment or sign-off was signed as (author/reviewer, role, seal).
ReviewerCard cardOf(const Comment& c);
ReviewerCard cardOf(const SignOff& s);
/// Canonical bytes signed for a comment (evidence request, outcome) and for a sign-off.
std::string signedBytes(const Comment& c);
std::string signedBytes(const SignOff& s);

/// Signs in place: fills the seal (key, organisation, practitioner, signature) from `key`;
/// the comment's author/role and entryHash must already be set.
void signComment(Comment& c, const ReviewerKey& key, std::string_view practitioner);
void signSignOff(SignOff& s, const ReviewerKey& key, std::string_view practitioner);
/// The seal's signature matches the item's canonical bytes (false when unsigned).
bool sealVerifies(const Comment& c);
bool sealVerifies(const SignOff& s);
inline bool isSigned(const ReviewSeal& seal) {
    return !seal.publicKey.empty() || !seal.signature.empty();
}

// --- Academy rosters ---------------------------------------------------------------------------
inline constexpr std::string_view kRosterFormat = "pathway-roster";

struct RosterEntry {
    ReviewerCard card;
    Date validFrom;
    Date validUntil; ///< inclusive
    bool operator==(const RosterEntry&) const = default;
};

struct Roster {
    std::string academy;   ///< the academy's name (its key's card name)
    std::string academyKey; ///< hex public key of the academy
    int64_t issuedMs = 0;
    std::vector<RosterEntry> reviewers;
    std::string signature; ///< hex, over rosterSignedBytes
    bool operator==(const Roster&) const = default;
};

std::string rosterSignedBytes(const Roster& r);
/// Signs the roster with the academy's key (academy and academyKey taken from it).
void signRoster(Roster& r, const ReviewerKey& academy);
std::string serializeRoster(const Roster& r);
struct RosterResult {
    std::optional<Roster> roster;
    std::string error;
};
/// Reads a roster and checks its signature: a roster edited after signing is an error.
RosterResult parseRoster(std::string_view bytes);
/// Rosters kept in a portfolio (top-level "rosters", loaded by `pathway-cli roster load` or the
/// app); ones that no longer verify are left out.
std::vector<Roster> portfolioRosters(const Portfolio& p);
/// Adds (or replaces: same academy key, the later issue wins) a roster in the portfolio.
/// False when the roster already there is the same or newer.
bool addRosterToPortfolio(Portfolio& p, const Roster& r);

// --- Checking a portfolio's reviews ------------------------------------------------------------
/// The state of one comment, outcome or sign-off, worst first. Anything but Authentic and
/// Withdrawn fails `verify`.
enum class TrustState : uint8_t {
    Malformed,    ///< a sign-off's hash is not a SHA-256
    BadSignature, ///< signed, but the signature does not match what is there now
    Missing,      ///< the signed entry is not in the portfolio
    Stale,        ///< the entry was edited after the sign-off
    Altered,      ///< the entry's content differs with no recorded edit
    Unsigned,     ///< no signature (older files, imports, or written without a key)
    UnknownKey,   ///< a valid signature by a key no loaded roster vouches for
    Expired,      ///< by a roster's reviewer, but outside the dates the roster gives
    Withdrawn,    ///< a sign-off the practitioner withdrew (recorded, not counted)
    Authentic     ///< signed by a reviewer in a loaded roster, valid on that date; current
};
std::string_view trustStateId(TrustState s); ///< "authentic", "unknown-key", "bad-signature"...
std::string_view trustStateLabel(TrustState s); ///< "Authentic", "Unknown key", ...
inline bool trustStateOk(TrustState s) {
    return s == TrustState::Authentic || s == TrustState::Withdrawn;
}

struct ReviewCheck {
    const Comment* comment = nullptr; ///< one of these two points into the portfolio
    const SignOff* signOff = nullptr;
    TrustState state = TrustState::Unsigned;
    std::string fingerprint; ///< of the signing key ("" when unsigned)
    std::string academy;     ///< the roster's academy when the key is in one
    std::string entryTitle;  ///< "" when the entry is missing
    std::string detail;      ///< one phrase saying why, for anything not authentic
};

/// Every comment, evidence request, outcome and sign-off with its state, in portfolio order
/// (comments first). The rosters are the ones passed plus those kept in the portfolio.
std::vector<ReviewCheck> checkReviews(const Portfolio& p, std::span<const Roster> rosters);
/// The state of one sign-off (as checkReviews would say).
ReviewCheck checkSignOff(const Portfolio& p, const SignOff& s, std::span<const Roster> rosters);
ReviewCheck checkComment(const Portfolio& p, const Comment& c, std::span<const Roster> rosters);

} // namespace pathway::core
