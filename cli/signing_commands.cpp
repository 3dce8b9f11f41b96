// keygen, roster and withdraw: reviewer keys and cards, an academy's signed roster, and a
// practitioner withdrawing a sign-off (signing.hpp, review.hpp). A failure never changes a file.
#include "cli.hpp"

#include "pathway/core/files.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/text.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>

namespace pathway::cli {

using namespace pathway::core;

namespace {

constexpr size_t kMaxSmallFile = 16u << 20;

std::string readSmall(const std::string& path) {
    std::string bytes;
    if (auto r = readFile(path, bytes, kMaxSmallFile); !r) throw UserError{r.error};
    return bytes;
}

std::string passphrase(const Args& a) {
    if (const std::string* f = a.get("--passphrase-file")) {
        std::string text = readSmall(*f);
        const size_t nl = text.find_first_of("\r\n");
        if (nl != std::string::npos) text.resize(nl);
        return text;
    }
    if (const char* env = std::getenv("PATHWAY_PASSPHRASE")) return env;
    return {};
}

const std::string& positional(const Args& a, size_t i, const char* what) {
    if (a.positional.size() <= i) throw UsageError{std::string("missing ") + what};
    return a.positional[i];
}

const std::string& required(const Args& a, const char* option, const char* what) {
    const std::string* v = a.get(option);
    if (!v) throw UsageError{std::string(option) + " " + what + " is required"};
    return *v;
}

Date dateOption(const Args& a, const char* option) {
    const std::string& text = required(a, option, "YYYY-MM-DD");
    auto d = Date::parse(text);
    if (!d) throw UserError{std::string(option) + ": \"" + text + "\" is not a date (YYYY-MM-DD)"};
    return *d;
}

// Writes a file that must not exist yet (a key is never overwritten by accident).
void writeNew(const std::string& path, std::string_view bytes, bool privateFile) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        throw UserError{path + " already exists; choose another name (a key is never overwritten)"};
    if (auto r = writeFileAtomic(path, bytes); !r) throw UserError{r.error};
    if (privateFile)
        std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace, ec);
}

std::string defaultCardPath(const std::string& keyPath) {
    std::string base = keyPath;
    for (const char* ext : {".json", ".key"})
        if (base.size() > std::strlen(ext) && base.ends_with(ext)) {
            base.resize(base.size() - std::strlen(ext));
            break;
        }
    return base + ".card.json";
}

int cmdKeygen(const Args& a, Context& ctx) {
    if (!a.positional.empty()) throw UsageError{"unexpected argument \"" + a.positional[0] + "\""};
    const std::string& name = required(a, "--name", "NAME");
    const std::string& out = required(a, "--output", "KEYFILE");
    const std::string* role = a.get("--role");
    const std::string* org = a.get("--organisation");
    const std::string cardPath = a.get("--card") ? *a.get("--card") : defaultCardPath(out);
    if (cardPath == out) throw UserError{"the card and the key must be different files"};
    SystemRandomBytes random;
    KeyResult k = generateReviewerKey({name, role ? *role : "", org ? *org : "", ""}, random);
    if (!k.key) throw UserError{k.error};
    const std::string pass = passphrase(a);
    const std::string keyFile = serializeKeyFile(*k.key, pass, random);
    if (keyFile.empty()) throw UserError{"no random numbers could be had from the system"};
    std::error_code ec;
    if (std::filesystem::exists(cardPath, ec)) throw UserError{cardPath + " already exists"};
    writeNew(out, keyFile, true);
    writeNew(cardPath, serializeCard(k.key->card), false);
    ctx.out << "Wrote " << out << " (private key" << (pass.empty() ? ", no passphrase: keep this file private"
                                                                   : ", sealed with your passphrase")
            << ") and " << cardPath << " (reviewer card to share)\n"
            << "Fingerprint: " << keyFingerprint(k.key->card.publicKey) << "  " << k.key->card.name
            << "\n";
    return kOk;
}

void printRoster(const Roster& r, Context& ctx) {
    ctx.out << "Roster of " << r.academy << " (academy key " << keyFingerprint(r.academyKey) << ")";
    if (r.issuedMs) ctx.out << ", issued " << formatTimestamp(r.issuedMs).substr(0, 10);
    ctx.out << "\n";
    for (const auto& e : r.reviewers) {
        ctx.out << "  " << keyFingerprint(e.card.publicKey) << "  " << e.card.name;
        if (!e.card.role.empty()) ctx.out << ", " << e.card.role;
        if (!e.card.organisation.empty()) ctx.out << ", " << e.card.organisation;
        ctx.out << "  valid " << e.validFrom.toString() << " to " << e.validUntil.toString() << "\n";
    }
}

Roster readRoster(const std::string& path) {
    RosterResult r = parseRoster(readSmall(path));
    if (!r.roster) throw UserError{path + ": " + r.error};
    return *r.roster;
}

int cmdRoster(const Args& a, Context& ctx) {
    const std::string& sub = positional(a, 0, "sign|show|load");
    if (sub == "show") {
        const std::string& path = positional(a, 1, "ROSTER");
        printRoster(readRoster(path), ctx);
        return kOk;
    }
    if (sub == "load") {
        const std::string& path = positional(a, 1, "FILE");
        const std::string& rpath = positional(a, 2, "ROSTER");
        const Roster r = readRoster(rpath);
        LoadResult loaded = loadPortfolioFile(path);
        if (!loaded.ok()) throw UserError{path + ": " + loaded.error};
        Portfolio p = std::move(*loaded.portfolio);
        if (!addRosterToPortfolio(p, r)) {
            ctx.out << path << " already holds this roster of " << r.academy << " (or a newer one)\n";
            return kOk;
        }
        if (auto saved = savePortfolioFile(path, p); !saved) throw UserError{saved.error};
        ctx.out << "Loaded the roster of " << r.academy << " (academy key "
                << keyFingerprint(r.academyKey) << ", " << r.reviewers.size()
                << " reviewer(s)) into " << path << "\n";
        return kOk;
    }
    if (sub != "sign") throw UsageError{"\"" + sub + "\" is not sign, show or load"};
    if (a.positional.size() > 1) throw UsageError{"unexpected argument \"" + a.positional[1] + "\""};
    const std::string& keyPath = required(a, "--key", "ACADEMY_KEYFILE");
    const std::string& out = required(a, "--output", "ROSTER");
    const ReviewerKey academy = loadKeyFile(a, keyPath);
    Roster r;
    if (const std::string* from = a.get("--from")) {
        r = readRoster(*from);
        if (r.academyKey != academy.card.publicKey)
            throw UserError{*from + " was signed by another academy key"};
    }
    const auto cards = a.all("--card");
    if (!cards.empty()) {
        const Date validFrom = dateOption(a, "--valid-from");
        const Date validUntil = dateOption(a, "--valid-until");
        if (validUntil < validFrom) throw UserError{"--valid-until is before --valid-from"};
        for (const auto& cpath : cards) {
            CardResult c = parseCard(readSmall(cpath));
            if (!c.card) throw UserError{cpath + ": " + c.error};
            std::erase_if(r.reviewers, [&](const RosterEntry& e) {
                return e.card.publicKey == c.card->publicKey;
            });
            r.reviewers.push_back({*c.card, validFrom, validUntil});
        }
    } else if (!a.get("--from")) {
        throw UsageError{"give --card CARD (one or more) or --from ROSTER"};
    }
    for (const auto& cpath : a.all("--remove")) {
        CardResult c = parseCard(readSmall(cpath));
        if (!c.card) throw UserError{cpath + ": " + c.error};
        std::erase_if(r.reviewers,
                      [&](const RosterEntry& e) { return e.card.publicKey == c.card->publicKey; });
    }
    r.issuedMs = ctx.clock.nowMs() - ctx.clock.nowMs() % 1000;
    signRoster(r, academy);
    if (auto w = writeFileAtomic(out, serializeRoster(r)); !w) throw UserError{w.error};
    ctx.out << "Wrote " << out << ": ";
    printRoster(r, ctx);
    return kOk;
}

int cmdWithdraw(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    const std::string& entry = positional(a, 1, "ENTRY");
    if (a.positional.size() > 2) throw UsageError{"unexpected argument \"" + a.positional[2] + "\""};
    const std::string& reason = required(a, "--reason", "TEXT");
    if (trim(reason).empty()) throw UserError{"--reason is empty: say why the sign-off is withdrawn"};
    LoadResult loaded = loadPortfolioFile(path);
    if (!loaded.ok()) throw UserError{path + ": " + loaded.error};
    Portfolio p = std::move(*loaded.portfolio);
    std::string err;
    const Entry* e = resolveEntry(p, entry, err);
    const std::string id = e ? e->id : entry; // a sign-off on a deleted entry can be withdrawn too
    const std::string* reviewer = a.get("--reviewer");
    std::vector<size_t> matches;
    for (size_t i = 0; i < p.signOffs.size(); ++i) {
        const SignOff& s = p.signOffs[i];
        if (s.entryId != id || s.withdrawnMs) continue;
        if (reviewer && s.reviewer != *reviewer) continue;
        matches.push_back(i);
    }
    if (matches.empty())
        throw UserError{"no sign-off in force on " + id + (reviewer ? " by " + *reviewer : "")};
    if (matches.size() > 1 && !reviewer)
        throw UserError{std::to_string(matches.size()) +
                        " sign-offs are in force on this entry; name one with --reviewer NAME"};
    auto w = withdrawSignOff(p, matches.front(), reason, ctx.clock.nowMs());
    if (!w) throw UserError{"the sign-off could not be withdrawn"};
    if (auto saved = savePortfolioFile(path, *w); !saved) throw UserError{saved.error};
    const SignOff& s = w->signOffs[matches.front()];
    ctx.out << "Withdrew the sign-off by " << s.reviewer << " on " << id << " (recorded with the "
            << "reason; verify lists it as withdrawn)\n";
    return kOk;
}

} // namespace

ReviewerKey loadKeyFile(const Args& a, const std::string& path) {
    KeyFileResult k = parseKeyFile(readSmall(path), passphrase(a));
    if (!k.key) {
        if (k.needsPassphrase && passphrase(a).empty())
            throw UserError{path + ": this key is protected by a passphrase: give "
                                   "--passphrase-file FILE or set PATHWAY_PASSPHRASE"};
        throw UserError{path + ": " + k.error};
    }
    return *k.key;
}

std::vector<Roster> loadRosters(const Args& a) {
    std::vector<Roster> out;
    for (const auto& path : a.all("--roster")) out.push_back(readRoster(path));
    return out;
}

std::vector<CommandInfo> signingCommands() {
    return {
        {"keygen",
         "keygen --name NAME [--role ROLE] [--organisation ORG] -o KEYFILE [--card CARDFILE] [--passphrase-file FILE]",
         "Make a reviewer's (or an academy's) Ed25519 key pair once: KEYFILE stays private (sealed when a passphrase is given, or PATHWAY_PASSPHRASE is set); the card (default KEYFILE's name + .card.json) is shared.",
         {"--name", "--role", "--organisation", "--output", "--card", "--passphrase-file"}, {},
         false, cmdKeygen},
        {"roster",
         "roster sign --key ACADEMY_KEYFILE (--card CARD)... --valid-from DATE --valid-until DATE [--from ROSTER] [--remove CARD]... -o ROSTER | roster show ROSTER | roster load FILE ROSTER",
         "An academy signs the reviewer cards it vouches for, with validity dates; show checks and lists a roster; load keeps it in a portfolio for verify and the app.",
         {"--key", "--card", "--valid-from", "--valid-until", "--from", "--remove", "--output",
          "--passphrase-file"},
         {}, false, cmdRoster},
        {"withdraw", "withdraw FILE ENTRY --reason TEXT [--reviewer NAME]",
         "Withdraw a sign-off on an entry (kept and marked withdrawn with the time and reason, never deleted).",
         {"--reason", "--reviewer"}, {}, false, cmdWithdraw},
    };
}

} // namespace pathway::cli
