#include "pathway/core/signing.hpp"

#include "pathway/core/integrity.hpp"
#include "pathway/core/text.hpp"

#include <nettle/chacha-poly1305.h>
#include <nettle/eddsa.h>
#include <nettle/pbkdf2.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace pathway::core {

using nlohmann::json;

namespace {

// Canonical form of a signed document: compact, keys sorted, invalid UTF-8 replaced (inputs
// are validated UTF-8 already; this only keeps dump() from throwing).
std::string canonical(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

const uint8_t* bytesOf(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

template <size_t N> std::optional<std::array<uint8_t, N>> fixedHex(std::string_view hex) {
    if (hex.size() != 2 * N) return std::nullopt;
    auto v = fromHex(hex);
    if (!v) return std::nullopt;
    std::array<uint8_t, N> out{};
    std::copy(v->begin(), v->end(), out.begin());
    return out;
}

// Wipes secrets from memory the compiler may not skip.
void wipe(void* p, size_t n) {
    volatile auto* v = static_cast<volatile uint8_t*>(p);
    while (n--) *v++ = 0;
}

struct FieldError {
    std::string where, what;
};

std::string text(const json& o, const char* key, const std::string& where, bool required) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        if (required) throw FieldError{where + key, "is missing"};
        return {};
    }
    if (!it->is_string()) throw FieldError{where + key, "should be text"};
    return it->get<std::string>();
}

const json& object(const json& o, const char* key, const std::string& where) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_object()) throw FieldError{where + key, "is missing"};
    return *it;
}

// Reads a document of `format` (schema 1), or says what is wrong with it.
std::optional<json> readDoc(std::string_view bytes, std::string_view format, std::string_view what,
                            std::string& error) {
    if (bytes.size() > (16u << 20)) {
        error = "This file is too large to be a " + std::string(what) + ".";
        return std::nullopt;
    }
    if (findInvalidUtf8(bytes)) {
        error = "This " + std::string(what) + " is not valid UTF-8 text.";
        return std::nullopt;
    }
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::exception&) {
        error = "This " + std::string(what) + " is not valid JSON.";
        return std::nullopt;
    }
    if (!doc.is_object() || doc.value("format", json()) != format) {
        error = "This file is not a Pathway " + std::string(what) + ".";
        return std::nullopt;
    }
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_number_integer() || schema->get<int64_t>() < 1) {
        error = "This " + std::string(what) + " has no valid schema version.";
        return std::nullopt;
    }
    if (schema->get<int64_t>() > 1) {
        error = "This " + std::string(what) + " comes from a newer version of Pathway.";
        return std::nullopt;
    }
    return doc;
}

json cardJson(const ReviewerCard& c) {
    return {{"name", c.name}, {"role", c.role}, {"organisation", c.organisation},
            {"public_key", c.publicKey}};
}

ReviewerCard readCard(const json& o, const std::string& where) {
    ReviewerCard c;
    c.name = text(o, "name", where, true);
    c.role = text(o, "role", where, false);
    c.organisation = text(o, "organisation", where, false);
    c.publicKey = asciiLower(text(o, "public_key", where, true));
    if (!fixedHex<kEd25519KeySize>(c.publicKey))
        throw FieldError{where + "public_key", "is not an Ed25519 public key (64 hex digits)"};
    if (trim(c.name).empty()) throw FieldError{where + "name", "is empty"};
    return c;
}

std::string stampText(int64_t ms) { return ms ? formatTimestamp(ms) : std::string(); }

} // namespace

// --- hex ---------------------------------------------------------------------------------------

std::string toHex(std::span<const uint8_t> bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (uint8_t b : bytes) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
    }
    return out;
}

std::optional<std::vector<uint8_t>> fromHex(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<uint8_t> out(hex.size() / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return out;
}

// --- Ed25519 -----------------------------------------------------------------------------------

Ed25519Public ed25519PublicKey(const Ed25519Secret& secret) {
    Ed25519Public pub{};
    ed25519_sha512_public_key(pub.data(), secret.data());
    return pub;
}

Ed25519Signature ed25519Sign(const Ed25519Secret& secret, const Ed25519Public& pub,
                             std::string_view message) {
    Ed25519Signature sig{};
    ed25519_sha512_sign(pub.data(), secret.data(), message.size(), bytesOf(message), sig.data());
    return sig;
}

bool ed25519Verify(const Ed25519Public& pub, std::string_view message,
                   const Ed25519Signature& signature) {
    return ed25519_sha512_verify(pub.data(), message.size(), bytesOf(message), signature.data()) ==
           1;
}

bool ed25519VerifyHex(std::string_view publicKeyHex, std::string_view message,
                      std::string_view signatureHex) {
    auto pub = fixedHex<kEd25519KeySize>(publicKeyHex);
    auto sig = fixedHex<kEd25519SignatureSize>(signatureHex);
    return pub && sig && ed25519Verify(*pub, message, *sig);
}

bool SystemRandomBytes::fill(std::span<uint8_t> out) {
    std::FILE* f = std::fopen("/dev/urandom", "rb");
    if (!f) return false;
    const size_t n = std::fread(out.data(), 1, out.size(), f);
    std::fclose(f);
    return n == out.size();
}

// --- cards and keys ----------------------------------------------------------------------------

std::string keyFingerprint(std::string_view publicKeyHex) {
    auto pub = fixedHex<kEd25519KeySize>(publicKeyHex);
    if (!pub) return {};
    const std::string h = sha256Hex(std::string_view(reinterpret_cast<const char*>(pub->data()),
                                                     pub->size()));
    std::string out;
    for (size_t i = 0; i < 16; ++i) {
        if (i && i % 4 == 0) out += ' ';
        out += static_cast<char>(h[i] >= 'a' ? h[i] - 'a' + 'A' : h[i]);
    }
    return out;
}

KeyResult generateReviewerKey(ReviewerCard card, RandomBytes& random) {
    KeyResult r;
    card.name = std::string(trim(card.name));
    card.role = std::string(trim(card.role));
    card.organisation = std::string(trim(card.organisation));
    if (card.name.empty()) {
        r.error = "the reviewer's name is empty";
        return r;
    }
    ReviewerKey k;
    if (!random.fill(k.secret)) {
        r.error = "no random numbers could be had from the system";
        return r;
    }
    card.publicKey = toHex(ed25519PublicKey(k.secret));
    k.card = std::move(card);
    r.key = std::move(k);
    return r;
}

namespace {

// Key for ChaCha20-Poly1305 from the passphrase.
std::array<uint8_t, CHACHA_POLY1305_KEY_SIZE> deriveKey(std::string_view passphrase,
                                                        std::span<const uint8_t> salt,
                                                        uint32_t iterations) {
    std::array<uint8_t, CHACHA_POLY1305_KEY_SIZE> key{};
    pbkdf2_hmac_sha256(passphrase.size(), bytesOf(passphrase), iterations, salt.size(),
                       salt.data(), key.size(), key.data());
    return key;
}

constexpr size_t kSaltSize = 16;
constexpr uint32_t kMaxIterations = 100000000; // a file asking for more is refused (a stall)

} // namespace

std::string serializeKeyFile(const ReviewerKey& key, std::string_view passphrase,
                             RandomBytes& random, uint32_t iterations) {
    json j = json::object();
    j["format"] = kKeyFileFormat;
    j["schema"] = 1;
    j["card"] = cardJson(key.card);
    j["fingerprint"] = keyFingerprint(key.card.publicKey);
    j["note"] = "Private: whoever holds this file (and its passphrase) can sign as this reviewer.";
    if (passphrase.empty()) {
        j["secret"] = {{"hex", toHex(key.secret)}};
    } else {
        std::array<uint8_t, kSaltSize> salt{};
        std::array<uint8_t, CHACHA_POLY1305_NONCE_SIZE> nonce{};
        if (!random.fill(salt) || !random.fill(nonce)) return {};
        auto dk = deriveKey(passphrase, salt, iterations);
        const std::string aad = canonical(cardJson(key.card));
        chacha_poly1305_ctx ctx;
        chacha_poly1305_set_key(&ctx, dk.data());
        chacha_poly1305_set_nonce(&ctx, nonce.data());
        chacha_poly1305_update(&ctx, aad.size(), bytesOf(aad));
        std::array<uint8_t, kEd25519KeySize + CHACHA_POLY1305_DIGEST_SIZE> sealed{};
        chacha_poly1305_encrypt(&ctx, kEd25519KeySize, sealed.data(), key.secret.data());
        chacha_poly1305_digest(&ctx, CHACHA_POLY1305_DIGEST_SIZE, sealed.data() + kEd25519KeySize);
        wipe(dk.data(), dk.size());
        wipe(&ctx, sizeof ctx);
        j["secret"] = {{"kdf", "pbkdf2-hmac-sha256"},
                       {"iterations", iterations},
                       {"salt", toHex(salt)},
                       {"cipher", "chacha20-poly1305"},
                       {"nonce", toHex(nonce)},
                       {"sealed", toHex(sealed)}};
    }
    return j.dump(2) + "\n";
}

bool keyFileIsSealed(std::string_view bytes) {
    std::string err;
    auto doc = readDoc(bytes, kKeyFileFormat, "key file", err);
    if (!doc) return false;
    auto s = doc->find("secret");
    return s != doc->end() && s->is_object() && s->contains("sealed");
}

KeyFileResult parseKeyFile(std::string_view bytes, std::string_view passphrase) {
    KeyFileResult r;
    auto doc = readDoc(bytes, kKeyFileFormat, "key file", r.error);
    if (!doc) return r;
    try {
        ReviewerKey k;
        k.card = readCard(object(*doc, "card", ""), "card.");
        const json& s = object(*doc, "secret", "");
        if (s.contains("hex")) {
            auto secret = fixedHex<kEd25519KeySize>(text(s, "hex", "secret.", true));
            if (!secret) throw FieldError{"secret.hex", "is not 64 hex digits"};
            k.secret = *secret;
        } else {
            if (text(s, "kdf", "secret.", true) != "pbkdf2-hmac-sha256")
                throw FieldError{"secret.kdf", "is not pbkdf2-hmac-sha256"};
            if (text(s, "cipher", "secret.", true) != "chacha20-poly1305")
                throw FieldError{"secret.cipher", "is not chacha20-poly1305"};
            auto it = s.find("iterations");
            if (it == s.end() || !it->is_number_unsigned() || it->get<uint64_t>() < 1 ||
                it->get<uint64_t>() > kMaxIterations)
                throw FieldError{"secret.iterations", "is not a usable count"};
            auto salt = fixedHex<kSaltSize>(text(s, "salt", "secret.", true));
            auto nonce =
                fixedHex<CHACHA_POLY1305_NONCE_SIZE>(text(s, "nonce", "secret.", true));
            auto sealed = fixedHex<kEd25519KeySize + CHACHA_POLY1305_DIGEST_SIZE>(
                text(s, "sealed", "secret.", true));
            if (!salt || !nonce || !sealed) throw FieldError{"secret", "is damaged"};
            if (passphrase.empty()) {
                r.needsPassphrase = true;
                r.error = "This key is protected by a passphrase.";
                return r;
            }
            auto dk = deriveKey(passphrase, *salt, static_cast<uint32_t>(it->get<uint64_t>()));
            const std::string aad = canonical(cardJson(k.card));
            chacha_poly1305_ctx ctx;
            chacha_poly1305_set_key(&ctx, dk.data());
            chacha_poly1305_set_nonce(&ctx, nonce->data());
            chacha_poly1305_update(&ctx, aad.size(), bytesOf(aad));
            chacha_poly1305_decrypt(&ctx, kEd25519KeySize, k.secret.data(), sealed->data());
            uint8_t tag[CHACHA_POLY1305_DIGEST_SIZE];
            chacha_poly1305_digest(&ctx, sizeof tag, tag);
            wipe(dk.data(), dk.size());
            wipe(&ctx, sizeof ctx);
            if (std::memcmp(tag, sealed->data() + kEd25519KeySize, sizeof tag) != 0) {
                wipe(k.secret.data(), k.secret.size());
                r.needsPassphrase = true;
                r.error = "The passphrase is wrong (or the key file was changed).";
                return r;
            }
        }
        if (toHex(ed25519PublicKey(k.secret)) != k.card.publicKey) {
            r.error = "This key file's secret does not belong to its public key.";
            return r;
        }
        r.key = std::move(k);
    } catch (const FieldError& e) {
        r.error = "This key file cannot be read: " + e.where + " " + e.what + ".";
    } catch (const json::exception& e) {
        r.error = std::string("This key file cannot be read: ") + e.what();
    }
    return r;
}

std::string serializeCard(const ReviewerCard& card) {
    json j = cardJson(card);
    j["format"] = kCardFormat;
    j["schema"] = 1;
    j["fingerprint"] = keyFingerprint(card.publicKey);
    return j.dump(2) + "\n";
}

CardResult parseCard(std::string_view bytes) {
    CardResult r;
    auto doc = readDoc(bytes, kCardFormat, "reviewer card", r.error);
    if (!doc) return r;
    try {
        r.card = readCard(*doc, "");
    } catch (const FieldError& e) {
        r.error = "This reviewer card cannot be read: " + e.where + " " + e.what + ".";
    }
    return r;
}

// --- signed items ------------------------------------------------------------------------------

ReviewerCard cardOf(const Comment& c) {
    return {c.author, c.role, c.seal.organisation, c.seal.publicKey};
}
ReviewerCard cardOf(const SignOff& s) {
    return {s.reviewer, s.role, s.seal.organisation, s.seal.publicKey};
}

std::string signedBytes(const Comment& c) {
    return canonical({{"type", "pathway-comment/1"},
                      {"card", cardJson(cardOf(c))},
                      {"practitioner", c.seal.practitioner},
                      {"id", c.id},
                      {"entry", c.entryId},
                      {"entry_sha256", c.entryHash},
                      {"at", stampText(c.atMs)},
                      {"text", c.text},
                      {"requests_evidence", c.requestsEvidence},
                      {"outcome", c.outcome}});
}

std::string signedBytes(const SignOff& s) {
    return canonical({{"type", "pathway-sign-off/1"},
                      {"card", cardJson(cardOf(s))},
                      {"practitioner", s.seal.practitioner},
                      {"entry", s.entryId},
                      {"entry_sha256", s.contentHash},
                      {"at", stampText(s.atMs)}});
}

namespace {
template <class Item>
void signItem(Item& item, const ReviewerKey& key, std::string_view practitioner) {
    item.seal.publicKey = key.card.publicKey;
    item.seal.organisation = key.card.organisation;
    item.seal.practitioner = std::string(practitioner);
    const Ed25519Public pub = *fixedHex<kEd25519KeySize>(key.card.publicKey);
    item.seal.signature = toHex(ed25519Sign(key.secret, pub, signedBytes(item)));
}
template <class Item> bool verifyItem(const Item& item) {
    return isSigned(item.seal) &&
           ed25519VerifyHex(item.seal.publicKey, signedBytes(item), item.seal.signature);
}
} // namespace

void signComment(Comment& c, const ReviewerKey& key, std::string_view practitioner) {
    signItem(c, key, practitioner);
}
void signSignOff(SignOff& s, const ReviewerKey& key, std::string_view practitioner) {
    signItem(s, key, practitioner);
}
bool sealVerifies(const Comment& c) { return verifyItem(c); }
bool sealVerifies(const SignOff& s) { return verifyItem(s); }

// --- rosters -----------------------------------------------------------------------------------

std::string rosterSignedBytes(const Roster& r) {
    json reviewers = json::array();
    for (const auto& e : r.reviewers)
        reviewers.push_back({{"card", cardJson(e.card)},
                             {"valid_from", e.validFrom.toString()},
                             {"valid_until", e.validUntil.toString()}});
    return canonical({{"type", "pathway-roster/1"},
                      {"academy", {{"name", r.academy}, {"public_key", r.academyKey}}},
                      {"issued", stampText(r.issuedMs)},
                      {"reviewers", std::move(reviewers)}});
}

void signRoster(Roster& r, const ReviewerKey& academy) {
    r.academy = academy.card.name;
    r.academyKey = academy.card.publicKey;
    const Ed25519Public pub = *fixedHex<kEd25519KeySize>(academy.card.publicKey);
    r.signature = toHex(ed25519Sign(academy.secret, pub, rosterSignedBytes(r)));
}

namespace {
json rosterJson(const Roster& r) {
    json j = json::object();
    j["format"] = kRosterFormat;
    j["schema"] = 1;
    j["academy"] = {{"name", r.academy},
                    {"public_key", r.academyKey},
                    {"fingerprint", keyFingerprint(r.academyKey)}};
    if (r.issuedMs) j["issued"] = formatTimestamp(r.issuedMs);
    j["reviewers"] = json::array();
    for (const auto& e : r.reviewers) {
        json ej = cardJson(e.card);
        ej["fingerprint"] = keyFingerprint(e.card.publicKey);
        ej["valid_from"] = e.validFrom.toString();
        ej["valid_until"] = e.validUntil.toString();
        j["reviewers"].push_back(std::move(ej));
    }
    j["signature"] = r.signature;
    return j;
}

RosterResult rosterFromJson(const json& doc) {
    RosterResult res;
    try {
        Roster r;
        const json& a = object(doc, "academy", "");
        r.academy = text(a, "name", "academy.", true);
        r.academyKey = asciiLower(text(a, "public_key", "academy.", true));
        if (!fixedHex<kEd25519KeySize>(r.academyKey))
            throw FieldError{"academy.public_key", "is not an Ed25519 public key"};
        const std::string issued = text(doc, "issued", "", false);
        if (!issued.empty()) {
            auto t = parseTimestamp(issued);
            if (!t) throw FieldError{"issued", "is not a timestamp"};
            r.issuedMs = *t;
        }
        auto list = doc.find("reviewers");
        if (list == doc.end() || !list->is_array()) throw FieldError{"reviewers", "should be a list"};
        for (size_t i = 0; i < list->size(); ++i) {
            const json& ej = (*list)[i];
            const std::string w = "reviewers[" + std::to_string(i) + "].";
            if (!ej.is_object()) throw FieldError{w, "should be an object"};
            RosterEntry e;
            e.card = readCard(ej, w);
            auto from = Date::parse(text(ej, "valid_from", w, true));
            auto until = Date::parse(text(ej, "valid_until", w, true));
            if (!from) throw FieldError{w + "valid_from", "is not a date"};
            if (!until) throw FieldError{w + "valid_until", "is not a date"};
            e.validFrom = *from;
            e.validUntil = *until;
            r.reviewers.push_back(std::move(e));
        }
        r.signature = asciiLower(text(doc, "signature", "", true));
        if (!ed25519VerifyHex(r.academyKey, rosterSignedBytes(r), r.signature)) {
            res.error = "This roster's signature does not match: it was changed after the "
                        "academy signed it.";
            return res;
        }
        res.roster = std::move(r);
    } catch (const FieldError& e) {
        res.error = "This roster cannot be read: " + e.where + " " + e.what + ".";
    } catch (const json::exception& e) {
        res.error = std::string("This roster cannot be read: ") + e.what();
    }
    return res;
}
} // namespace

std::string serializeRoster(const Roster& r) { return rosterJson(r).dump(2) + "\n"; }

RosterResult parseRoster(std::string_view bytes) {
    RosterResult res;
    auto doc = readDoc(bytes, kRosterFormat, "roster", res.error);
    if (!doc) return res;
    return rosterFromJson(*doc);
}

std::vector<Roster> portfolioRosters(const Portfolio& p) {
    std::vector<Roster> out;
    auto it = p.extra.find("rosters");
    if (it == p.extra.end() || !it->is_array()) return out;
    for (const auto& doc : *it) {
        if (!doc.is_object()) continue;
        RosterResult r = rosterFromJson(doc);
        if (r.roster) out.push_back(std::move(*r.roster));
    }
    return out;
}

bool addRosterToPortfolio(Portfolio& p, const Roster& r) {
    json& list = p.extra["rosters"];
    if (!list.is_array()) list = json::array();
    for (auto& doc : list) {
        RosterResult have = doc.is_object() ? rosterFromJson(doc) : RosterResult{};
        if (!have.roster || have.roster->academyKey != r.academyKey) continue;
        if (have.roster->issuedMs > r.issuedMs || *have.roster == r) return false;
        doc = rosterJson(r);
        return true;
    }
    list.push_back(rosterJson(r));
    return true;
}

// --- checks ------------------------------------------------------------------------------------

std::string_view trustStateId(TrustState s) {
    switch (s) {
    case TrustState::Malformed: return "malformed";
    case TrustState::BadSignature: return "bad-signature";
    case TrustState::Missing: return "missing";
    case TrustState::Stale: return "stale";
    case TrustState::Altered: return "altered";
    case TrustState::Unsigned: return "unsigned";
    case TrustState::UnknownKey: return "unknown-key";
    case TrustState::Expired: return "expired";
    case TrustState::Withdrawn: return "withdrawn";
    case TrustState::Authentic: return "authentic";
    }
    return "unsigned";
}

std::string_view trustStateLabel(TrustState s) {
    switch (s) {
    case TrustState::Malformed: return "Malformed";
    case TrustState::BadSignature: return "Bad signature";
    case TrustState::Missing: return "Entry missing";
    case TrustState::Stale: return "Edited since signing";
    case TrustState::Altered: return "Changed outside Pathway";
    case TrustState::Unsigned: return "Unsigned";
    case TrustState::UnknownKey: return "Unknown key";
    case TrustState::Expired: return "Outside roster dates";
    case TrustState::Withdrawn: return "Withdrawn";
    case TrustState::Authentic: return "Authentic";
    }
    return "Unsigned";
}

namespace {

// Who vouches for the key on the item's date: fills state/academy/detail.
void rosterState(ReviewCheck& c, const ReviewerCard& card, int64_t atMs,
                 std::span<const Roster> rosters, const std::vector<Roster>& kept) {
    const Date on = Date::fromDays((atMs >= 0 ? atMs : atMs - 86399999) / 86400000);
    const RosterEntry* nameMismatch = nullptr;
    const RosterEntry* outOfDate = nullptr;
    const Roster* outOfDateRoster = nullptr;
    auto scan = [&](const Roster& r) {
        for (const auto& e : r.reviewers) {
            if (e.card.publicKey != card.publicKey) continue;
            if (e.card.name != card.name) {
                nameMismatch = &e;
                continue;
            }
            if (on < e.validFrom || e.validUntil < on) {
                outOfDate = &e;
                outOfDateRoster = &r;
                continue;
            }
            c.state = TrustState::Authentic;
            c.academy = r.academy;
            return true;
        }
        return false;
    };
    for (const auto& r : rosters)
        if (scan(r)) return;
    for (const auto& r : kept)
        if (scan(r)) return;
    if (outOfDate) {
        c.state = TrustState::Expired;
        c.academy = outOfDateRoster->academy;
        c.detail = "signed on " + on.toString() + "; " + outOfDateRoster->academy +
                   "'s roster vouches for this reviewer from " + outOfDate->validFrom.toString() +
                   " to " + outOfDate->validUntil.toString();
    } else if (nameMismatch) {
        c.state = TrustState::UnknownKey;
        c.detail = "the roster lists this key as \"" + nameMismatch->card.name + "\", not \"" +
                   card.name + "\"";
    } else {
        c.state = TrustState::UnknownKey;
        c.detail = rosters.empty() && kept.empty()
                       ? "no academy roster is loaded to vouch for key " + c.fingerprint
                       : "key " + c.fingerprint + " is in no loaded roster";
    }
}

// Signature checks shared by comments and sign-offs: true when the seal is sound.
template <class Item>
bool sealState(ReviewCheck& c, const Portfolio& p, const Item& item) {
    if (!isSigned(item.seal)) return true;
    c.fingerprint = keyFingerprint(item.seal.publicKey);
    if (!verifyItem(item)) {
        c.state = TrustState::BadSignature;
        c.detail = "the signature does not match: changed after it was signed, or not signed "
                   "by the key it names";
        return false;
    }
    if (item.seal.practitioner != p.profile.name) {
        c.state = TrustState::BadSignature;
        c.detail = "signed for \"" + item.seal.practitioner + "\", not for this portfolio's owner";
        return false;
    }
    return true;
}

ReviewCheck checkSignOffWith(const Portfolio& p, const EntryIndex& index, const SignOff& s,
                             std::span<const Roster> rosters, const std::vector<Roster>& kept) {
    ReviewCheck c;
    c.signOff = &s;
    const Entry* e = index.find(s.entryId);
    if (e) c.entryTitle = e->title;
    if (s.withdrawnMs) {
        c.state = TrustState::Withdrawn;
        c.fingerprint = keyFingerprint(s.seal.publicKey);
        c.detail = "withdrawn on " + formatTimestamp(s.withdrawnMs).substr(0, 10) +
                   (s.withdrawnReason.empty() ? "" : ": " + s.withdrawnReason);
        return c;
    }
    switch (signOffStateOf(e, s)) {
    case SignOffState::Malformed:
        c.state = TrustState::Malformed;
        c.detail = "the recorded hash is not a SHA-256";
        return c;
    default: break;
    }
    if (!sealState(c, p, s)) return c;
    switch (signOffStateOf(e, s)) {
    case SignOffState::Missing:
        c.state = TrustState::Missing;
        c.detail = "the entry is no longer in the portfolio";
        return c;
    case SignOffState::Stale:
        c.state = TrustState::Stale;
        c.detail = "edited after it was signed";
        return c;
    case SignOffState::Altered:
        c.state = TrustState::Altered;
        c.detail = "content changed with no recorded edit";
        return c;
    default: break;
    }
    if (!isSigned(s.seal)) {
        c.state = TrustState::Unsigned;
        c.detail = "no reviewer signature (an older file, an import, or written without a key)";
        return c;
    }
    rosterState(c, cardOf(s), s.atMs, rosters, kept);
    return c;
}

ReviewCheck checkCommentWith(const Portfolio& p, const EntryIndex& index, const Comment& cm,
                             std::span<const Roster> rosters, const std::vector<Roster>& kept) {
    ReviewCheck c;
    c.comment = &cm;
    if (const Entry* e = index.find(cm.entryId)) c.entryTitle = e->title;
    if (!sealState(c, p, cm)) return c;
    if (!isSigned(cm.seal)) {
        c.state = TrustState::Unsigned;
        c.detail = "no reviewer signature (an older file, an import, or written without a key)";
        return c;
    }
    rosterState(c, cardOf(cm), cm.atMs, rosters, kept);
    return c;
}

} // namespace

std::vector<ReviewCheck> checkReviews(const Portfolio& p, std::span<const Roster> rosters) {
    const EntryIndex index(p);
    const std::vector<Roster> kept = portfolioRosters(p);
    std::vector<ReviewCheck> out;
    out.reserve(p.comments.size() + p.signOffs.size());
    for (const auto& c : p.comments) out.push_back(checkCommentWith(p, index, c, rosters, kept));
    for (const auto& s : p.signOffs) out.push_back(checkSignOffWith(p, index, s, rosters, kept));
    return out;
}

ReviewCheck checkSignOff(const Portfolio& p, const SignOff& s, std::span<const Roster> rosters) {
    return checkSignOffWith(p, EntryIndex(p), s, rosters, portfolioRosters(p));
}

ReviewCheck checkComment(const Portfolio& p, const Comment& c, std::span<const Roster> rosters) {
    return checkCommentWith(p, EntryIndex(p), c, rosters, portfolioRosters(p));
}

} // namespace pathway::core
