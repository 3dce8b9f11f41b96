#include "pathway/core/integrity.hpp"

#include "pathway/core/portfolio_io.hpp"

#include <nettle/sha2.h>

namespace pathway::core {

std::string sha256Hex(std::string_view bytes) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    // nettle takes size_t lengths; feed in chunks so no narrowing concerns on wasm32.
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t left = bytes.size();
    while (left > 0) {
        size_t n = left > (1u << 20) ? (1u << 20) : left;
        sha256_update(&ctx, n, p);
        p += n;
        left -= n;
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_SIZE);
    for (uint8_t b : digest) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
    }
    return out;
}

std::string derivedUuid(std::string_view seed) {
    std::string h = sha256Hex(seed);
    h[12] = '5';
    h[16] = "89ab"[(h[16] - '0') & 3];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20, 12);
}

std::string canonicalEntryContent(const Entry& entry) {
    nlohmann::json j = entryToJson(entry);
    j.erase("created");
    j.erase("updated");
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string entryContentHash(const Entry& entry) { return sha256Hex(canonicalEntryContent(entry)); }

std::string_view signOffStateId(SignOffState s) {
    switch (s) {
    case SignOffState::Current: return "current";
    case SignOffState::Stale: return "stale";
    case SignOffState::Altered: return "altered";
    case SignOffState::Missing: return "missing";
    case SignOffState::Malformed: return "malformed";
    }
    return "current";
}

namespace {
bool isHash(std::string_view h) {
    if (h.size() != 64) return false;
    for (char c : h)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}
} // namespace

SignOffState signOffState(const Portfolio& portfolio, const SignOff& s) {
    if (!isHash(s.contentHash)) return SignOffState::Malformed;
    return signOffStateOf(portfolio.find(s.entryId), s);
}

SignOffState signOffStateOf(const Entry* e, const SignOff& s) {
    if (!isHash(s.contentHash)) return SignOffState::Malformed;
    if (!e) return SignOffState::Missing;
    if (entryContentHash(*e) == s.contentHash) return SignOffState::Current;
    return e->updatedMs > s.atMs ? SignOffState::Stale : SignOffState::Altered;
}

EntryIndex::EntryIndex(const Portfolio& portfolio) {
    m_byId.reserve(portfolio.entries.size());
    for (const auto& e : portfolio.entries) m_byId.emplace(e.id, &e); // the first, as find()
}

const Entry* EntryIndex::find(std::string_view id) const {
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : it->second;
}

std::vector<SignOffCheck> checkSignOffs(const Portfolio& portfolio) {
    std::vector<SignOffCheck> out;
    out.reserve(portfolio.signOffs.size());
    const EntryIndex index(portfolio);
    for (const auto& s : portfolio.signOffs) {
        SignOffCheck c;
        c.signOff = &s;
        const Entry* e = index.find(s.entryId);
        if (e) {
            c.entryTitle = e->title;
            c.currentHash = entryContentHash(*e);
        }
        // signOffStateOf, with the hash computed once.
        if (!isHash(s.contentHash))
            c.state = SignOffState::Malformed;
        else if (!e)
            c.state = SignOffState::Missing;
        else if (c.currentHash == s.contentHash)
            c.state = SignOffState::Current;
        else
            c.state = e->updatedMs > s.atMs ? SignOffState::Stale : SignOffState::Altered;
        out.push_back(std::move(c));
    }
    return out;
}

bool hasCurrentSignOff(const Portfolio& portfolio, const Entry& entry) {
    std::string h;
    for (const auto& s : portfolio.signOffs) {
        if (s.entryId != entry.id) continue;
        if (h.empty()) h = entryContentHash(entry);
        if (s.contentHash == h) return true;
    }
    return false;
}

} // namespace pathway::core
