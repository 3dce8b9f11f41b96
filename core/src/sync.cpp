#include "pathway/core/sync.hpp"

#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/session.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace pathway::core {

using json = nlohmann::json;

namespace {

constexpr std::string_view kEntryPrefix = "entry:";
constexpr std::string_view kCommentPrefix = "comment:";
constexpr std::string_view kSignOffPrefix = "signoff:";
constexpr size_t kPushBatch = 500;
constexpr std::string_view kUnreachable = "Cannot reach the sync server at ";

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

/// A document this version syncs (the profile, entries, comments, sign-offs); the design
/// document and anything else in the database is left alone.
bool isPortfolioDocId(std::string_view id) {
    return id == kProfileDocId || startsWith(id, kEntryPrefix) || startsWith(id, kCommentPrefix) ||
           startsWith(id, kSignOffPrefix);
}

bool isDeletion(const json& body) {
    return body.is_object() && body.value("_deleted", false);
}

json deletionBody(std::string_view type, int64_t deletedMs) {
    json j = {{"_deleted", true}, {"type", type}};
    if (deletedMs) j["deleted"] = formatTimestamp(deletedMs);
    return j;
}

} // namespace

std::string entryDocId(std::string_view entryId) {
    return std::string(kEntryPrefix) + std::string(entryId);
}

std::string commentDocId(std::string_view commentId) {
    return std::string(kCommentPrefix) + std::string(commentId);
}

std::string signOffDocId(const SignOff& s) {
    const std::string seed = s.entryId + '\n' + s.reviewer + '\n' + s.role + '\n' + s.contentHash;
    return std::string(kSignOffPrefix) + sha256Hex(seed).substr(0, 32);
}

namespace {

constexpr std::string_view kDeletedHash = "deleted"; // never a hex digest

std::string shortHash(std::string_view text) {
    return sha256Hex(text).substr(0, 32);
}

std::string bodyHash(const json& body) {
    return shortHash(body.dump());
}

json profileDocument(const Portfolio& p) {
    return {{"type", "profile"}, {"profile", profileToJson(p.profile)}, {"assessed_against", p.assessedAgainst}};
}

/// Comments and sign-offs as the file writes them, with their document ids.
template <class Visit>
void forEachReviewDocument(const Portfolio& p, Visit&& visit) {
    if (p.comments.empty() && p.signOffs.empty()) return;
    Portfolio reviews;
    reviews.comments = p.comments;
    reviews.signOffs = p.signOffs;
    json tree = portfolioToJson(reviews);
    for (size_t i = 0; i < p.comments.size(); ++i)
        visit(commentDocId(p.comments[i].id), json{{"type", "comment"}, {"comment", std::move(tree["comments"][i])}});
    for (size_t i = 0; i < p.signOffs.size(); ++i)
        visit(signOffDocId(p.signOffs[i]), json{{"type", "signoff"}, {"sign_off", std::move(tree["sign_offs"][i])}});
}

} // namespace

SyncDocuments portfolioDocuments(const Portfolio& p, const std::set<std::string>* only) {
    auto wanted = [&](const std::string& id) { return !only || only->count(id) > 0; };
    SyncDocuments docs;
    if (wanted(std::string(kProfileDocId))) docs.emplace(kProfileDocId, profileDocument(p));
    for (const auto& e : p.entries)
        if (std::string id = entryDocId(e.id); wanted(id))
            docs.emplace(std::move(id), json{{"type", "entry"}, {"entry", entryToJson(e)}});
    forEachReviewDocument(p, [&](std::string id, json body) {
        if (wanted(id)) docs.emplace(std::move(id), std::move(body));
    });
    for (const auto& t : p.tombstones)
        if (std::string id = entryDocId(t.id); wanted(id)) docs[id] = deletionBody("entry", t.deletedMs);
    return docs;
}

const std::string& SyncCache::entryHash(const Entry& e) {
    auto it = m_entries.find(e.id);
    if (it == m_entries.end()) {
        it = m_entries.emplace(e.id, Item{e, shortHash(entryFileText(e)), m_generation}).first;
        ++m_hashed;
    } else if (!(it->second.entry == e)) {
        it->second.entry = e;
        it->second.hash = shortHash(entryFileText(e));
        ++m_hashed;
    }
    it->second.seen = m_generation;
    return it->second.hash;
}

void SyncCache::sweep() {
    std::erase_if(m_entries, [&](const auto& item) { return item.second.seen != m_generation; });
    ++m_generation;
}

DocumentHashes documentHashes(const Portfolio& p, SyncCache* cache) {
    DocumentHashes hashes;
    hashes.emplace(kProfileDocId, bodyHash(profileDocument(p)));
    // Entries, nearly all of the bytes: their file text (the direct writer), not a JSON tree;
    // with a cache, only those that changed since it last saw them.
    for (const auto& e : p.entries)
        hashes.emplace(entryDocId(e.id), cache ? cache->entryHash(e) : shortHash(entryFileText(e)));
    if (cache) cache->sweep();
    forEachReviewDocument(p, [&](std::string id, const json& body) { hashes.emplace(std::move(id), bodyHash(body)); });
    for (const auto& t : p.tombstones) hashes[entryDocId(t.id)] = kDeletedHash;
    return hashes;
}

AssembleResult assemblePortfolio(const Portfolio& frame, const SyncDocuments& documents) {
    AssembleResult r;
    Portfolio rest = frame;
    rest.entries.clear();
    rest.comments.clear();
    rest.signOffs.clear();
    rest.tombstones.clear();
    json tree = portfolioToJson(rest);
    auto fail = [&](const std::string& id, const std::string& what) {
        r.error = "The document \"" + id + "\" " + what + ".";
        return r;
    };
    auto part = [](const json& body, const char* key) -> const json* {
        auto it = body.find(key);
        return it != body.end() && it->is_object() ? &*it : nullptr;
    };
    if (auto it = documents.find(std::string(kProfileDocId));
        it != documents.end() && !isDeletion(it->second)) {
        const json* profile = part(it->second, "profile");
        if (!profile) return fail(it->first, "has no \"profile\" object");
        tree["profile"] = *profile;
        if (const json* a = part(it->second, "assessed_against")) tree["assessed_against"] = *a;
    }
    json entries = json::array(), comments = json::array(), signOffs = json::array(),
         tombstones = json::array();
    std::set<std::string> placed;
    for (const auto& e : frame.entries) {
        auto it = documents.find(entryDocId(e.id));
        if (it == documents.end() || isDeletion(it->second)) continue;
        const json* entry = part(it->second, "entry");
        if (!entry) return fail(it->first, "has no \"entry\" object");
        entries.push_back(*entry);
        placed.insert(it->first);
    }
    for (const auto& [id, body] : documents) {
        if (startsWith(id, kEntryPrefix)) {
            if (isDeletion(body)) {
                json t = {{"id", id.substr(kEntryPrefix.size())}};
                if (auto d = body.find("deleted"); d != body.end() && d->is_string()) t["deleted"] = *d;
                tombstones.push_back(std::move(t));
            } else if (!placed.count(id)) {
                const json* entry = part(body, "entry");
                if (!entry) return fail(id, "has no \"entry\" object");
                entries.push_back(*entry);
            }
        } else if (isDeletion(body)) {
            continue;
        } else if (startsWith(id, kCommentPrefix)) {
            const json* c = part(body, "comment");
            if (!c) return fail(id, "has no \"comment\" object");
            comments.push_back(*c);
        } else if (startsWith(id, kSignOffPrefix)) {
            const json* s = part(body, "sign_off");
            if (!s) return fail(id, "has no \"sign_off\" object");
            signOffs.push_back(*s);
        }
    }
    tree["entries"] = std::move(entries);
    tree["comments"] = std::move(comments);
    tree["sign_offs"] = std::move(signOffs);
    tree["tombstones"] = std::move(tombstones);
    LoadResult loaded = portfolioFromJson(std::move(tree));
    if (!loaded.ok()) {
        // Name the document: entries are the likely culprit and can be read one by one.
        for (const auto& [id, body] : documents) {
            if (!startsWith(id, kEntryPrefix) || isDeletion(body)) continue;
            std::string error;
            if (!entryFromJson(body["entry"], id, error)) return fail(id, "cannot be read: " + error);
        }
        r.error = "The synced documents do not make a portfolio: " + loaded.error;
        return r;
    }
    r.portfolio = std::move(loaded.portfolio);
    normaliseReviews(*r.portfolio);
    return r;
}

// --- the "sync" member ------------------------------------------------------------------------

SyncState readSyncState(const Portfolio& p) {
    SyncState s;
    auto it = p.extra.find("sync");
    if (it == p.extra.end() || !it->is_object()) return s;
    const json& j = *it;
    // A member this version cannot read is dropped: the next sync starts again from nothing,
    // which costs a full pull but loses nothing (every document then merges as changed).
    try {
        s.database = j.value("database", "");
        if (auto since = j.find("since"); since != j.end()) s.since = *since;
        if (auto base = j.find("profile_base"); base != j.end() && base->is_object()) s.profileBase = *base;
        if (auto at = j.find("last_sync"); at != j.end() && at->is_string())
            s.lastSyncMs = parseTimestamp(at->get<std::string>()).value_or(0);
        if (auto docs = j.find("docs"); docs != j.end() && docs->is_object())
            for (auto d = docs->begin(); d != docs->end(); ++d) // in key order: each goes last
                s.docs.emplace_hint(s.docs.end(), d.key(),
                                    SyncDocState{d->value("rev", ""), d->value("hash", ""), d->value("deleted", false)});
    } catch (const json::exception&) {
        return SyncState{};
    }
    return s;
}

namespace {

json docStateJson(const SyncDocState& d) {
    json dj = {{"rev", d.rev}};
    if (d.deleted)
        dj["deleted"] = true;
    else
        dj["hash"] = d.hash;
    return dj;
}

void writeSyncStateScalars(json& j, const SyncState& s) {
    j["database"] = s.database;
    j["since"] = s.since;
    if (s.profileBase.is_object())
        j["profile_base"] = s.profileBase;
    else
        j.erase("profile_base");
    if (s.lastSyncMs)
        j["last_sync"] = formatTimestamp(s.lastSyncMs);
    else
        j.erase("last_sync");
}

/// writeSyncState for a state that was read from `p` (readSyncState) and whose documents
/// changed only in `touched`: the "docs" member is patched, not rebuilt (rebuilding 10,000
/// documents' states was a sixth of a one-edit sync).
void writeSyncStateChanges(Portfolio& p, const SyncState& s, const std::set<std::string>& touched) {
    auto it = p.extra.find("sync");
    json* docs = it != p.extra.end() && it->is_object() && it->contains("docs") ? &(*it)["docs"] : nullptr;
    if (!docs || !docs->is_object() || it->value("database", json()) != json(s.database)) {
        writeSyncState(p, s);
        return;
    }
    for (const auto& id : touched) (*docs)[id] = docStateJson(s.docs.at(id));
    writeSyncStateScalars(*it, s);
}

} // namespace

void writeSyncState(Portfolio& p, const SyncState& s) {
    json docs = json::object();
    for (const auto& [id, d] : s.docs) docs[id] = docStateJson(d);
    json j = {{"docs", std::move(docs)}};
    writeSyncStateScalars(j, s);
    p.extra["sync"] = std::move(j);
}

namespace {

/// True when document `id` here differs from what was last synced: new, edited, deleted (as a
/// CouchDB deletion or by being gone) or brought back.
bool changedHere(const DocumentHashes& here, const SyncState& st, const std::string& id) {
    auto d = here.find(id);
    auto s = st.docs.find(id);
    const bool gone = d == here.end() || d->second == kDeletedHash;
    if (s == st.docs.end()) return d != here.end();
    if (s->second.deleted) return !gone;
    if (gone) return true;
    return d->second != s->second.hash;
}

} // namespace

int32_t pendingChanges(const Portfolio& p, SyncCache* cache) {
    const SyncState st = readSyncState(p);
    const DocumentHashes here = documentHashes(p, cache);
    int32_t n = 0;
    for (const auto& [id, hash] : here) n += changedHere(here, st, id) ? 1 : 0;
    for (const auto& [id, s] : st.docs) n += !here.count(id) && !s.deleted ? 1 : 0;
    return n;
}

// --- talking to the server ---------------------------------------------------------------------

namespace {

std::string base64(std::string_view in) {
    static constexpr char kTable[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : in) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kTable[(acc >> bits) & 0x3f];
        }
    }
    if (bits > 0) out += kTable[(acc << (6 - bits)) & 0x3f];
    while (out.size() % 4) out += '=';
    return out;
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
std::string encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string serverOf(const SyncOptions& o) {
    std::string s = o.server;
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

std::string databaseLabel(const SyncOptions& o) {
    return serverOf(o) + "/" + o.database;
}

/// The server's reason from a CouchDB error body ({"error", "reason"}), or "".
std::string reasonOf(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return {};
    std::string reason = j.value("reason", std::string());
    if (reason.empty()) reason = j.value("error", std::string());
    return reason;
}

class Couch {
  public:
    Couch(const SyncOptions& o, HttpTransport& http)
        : m_o(o), m_http(http), m_db(serverOf(o) + "/" + encode(o.database)) {}

    /// `path` after the database ("" for the database itself, "/_changes?...").
    HttpResponse call(const char* method, const std::string& path, const std::string& body = {}) {
        return callUrl(method, m_db + path, body);
    }
    /// The server's own root ("/": its welcome, with its uuid).
    HttpResponse callRoot() { return callUrl("GET", serverOf(m_o) + "/", {}); }

    HttpResponse callUrl(const char* method, const std::string& url, const std::string& body) {
        HttpRequest req{method, url, {{"Accept", "application/json"}}, body};
        if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
        if (!m_o.user.empty())
            req.headers.emplace_back("Authorization", "Basic " + base64(m_o.user + ":" + m_o.password));
        return m_http.send(req);
    }

    /// A sentence for a request that did not succeed (`what`: "reading changes").
    std::string failure(const HttpResponse& resp, const std::string& what) const {
        const std::string server = serverOf(m_o);
        if (resp.status == 0)
            return std::string(kUnreachable) + server + " (" +
                   (resp.error.empty() ? "no answer" : resp.error) +
                   "); nothing was changed and local changes wait for the next sync.";
        const std::string reason = reasonOf(resp.body);
        const std::string because = reason.empty() ? "" : ": " + reason;
        if (resp.status == 401)
            return "The sync server at " + server + " refused the user name or password (401" +
                   because + ").";
        if (resp.status == 403)
            return "The sync server does not let " + (m_o.user.empty() ? "anonymous users" : m_o.user) +
                   " use the database \"" + m_o.database + "\" (403" + because + ").";
        if (resp.status == 404)
            return "The database \"" + m_o.database + "\" does not exist on " + server + " (404" +
                   because + ").";
        return "The sync server answered " + std::to_string(resp.status) + " while " + what + because +
               ".";
    }

    /// Parses a successful JSON answer; false with `error` set otherwise.
    bool answer(const HttpResponse& resp, const std::string& what, json& out, std::string& error) {
        if (resp.status < 200 || resp.status >= 300) {
            error = failure(resp, what);
            return false;
        }
        out = json::parse(resp.body, nullptr, false);
        if (out.is_discarded()) {
            error = "The sync server's answer while " + what + " is not JSON (is " + serverOf(m_o) +
                    " a CouchDB server?).";
            return false;
        }
        return true;
    }

  private:
    const SyncOptions& m_o;
    HttpTransport& m_http;
    std::string m_db;
};

struct RemoteDoc {
    std::string rev;
    json body; ///< without _id, _rev and other underscore members; a deletion keeps "_deleted"
    std::vector<std::string> conflicts; ///< losing revisions (server-side conflicts)
};

json bodyOf(const json& doc) {
    json body = json::object();
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key().empty() || it.key()[0] != '_') body[it.key()] = it.value();
    return body;
}

/// A document as the server sent it: its revision, body and losing revisions.
RemoteDoc remoteDocOf(const json& doc) {
    RemoteDoc d;
    d.rev = doc.value("_rev", "");
    d.body = bodyOf(doc);
    if (doc.value("_deleted", false)) d.body["_deleted"] = true;
    if (auto c = doc.find("_conflicts"); c != doc.end() && c->is_array())
        for (const json& rev : *c)
            if (rev.is_string()) d.conflicts.push_back(rev.get<std::string>());
    return d;
}

std::string sinceText(const json& since) {
    return since.is_string() ? since.get<std::string>() : since.dump();
}

/// Every portfolio document changed since `since`, newest revision each; `since` moves on.
bool pullChanges(Couch& couch, const SyncOptions& o, json& since, std::map<std::string, RemoteDoc>& out,
                 std::string& error) {
    for (;;) {
        const std::string path = "/_changes?include_docs=true&conflicts=true&limit=" +
                                 std::to_string(o.changesBatch) + "&since=" + encode(sinceText(since));
        json answer;
        if (!couch.answer(couch.call("GET", path), "reading changes", answer, error)) return false;
        const json* results = answer.contains("results") ? &answer["results"] : nullptr;
        if (!results || !results->is_array() || !answer.contains("last_seq")) {
            error = "The sync server's list of changes has no results or last_seq.";
            return false;
        }
        for (const json& change : *results) {
            if (!change.is_object() || !change.contains("id") || !change["id"].is_string()) continue;
            const std::string id = change["id"].get<std::string>();
            if (!isPortfolioDocId(id)) continue;
            const json* doc = change.contains("doc") && change["doc"].is_object() ? &change["doc"] : nullptr;
            RemoteDoc d = doc ? remoteDocOf(*doc) : RemoteDoc{};
            if (d.rev.empty() && change.contains("changes") && change["changes"].is_array() &&
                !change["changes"].empty())
                d.rev = change["changes"][0].value("rev", "");
            if (change.value("deleted", false)) d.body["_deleted"] = true;
            if (d.rev.empty()) continue;
            out[id] = std::move(d);
        }
        since = answer["last_seq"];
        if (results->size() < static_cast<size_t>(o.changesBatch)) return true;
    }
}

/// The body of one revision of a document (a losing side of a server-side conflict); an empty
/// object when it is gone already.
bool fetchRevision(Couch& couch, const std::string& id, const std::string& rev, json& body,
                   std::string& error) {
    HttpResponse resp = couch.call("GET", "/" + encode(id) + "?rev=" + encode(rev));
    if (resp.status == 404) {
        body = json();
        return true;
    }
    json doc;
    if (!couch.answer(resp, "reading a conflicting revision of " + id, doc, error)) return false;
    body = remoteDocOf(doc).body;
    return true;
}

/// The newest revision of one document (with its conflicts) into `out`; nothing when it is gone.
bool fetchLatest(Couch& couch, const std::string& id, std::map<std::string, RemoteDoc>& out,
                 std::string& error) {
    HttpResponse resp = couch.call("GET", "/" + encode(id) + "?conflicts=true");
    if (resp.status == 404) return true;
    json doc;
    if (!couch.answer(resp, "reading " + id, doc, error)) return false;
    RemoteDoc d = remoteDocOf(doc);
    if (!d.rev.empty()) out[id] = std::move(d);
    return true;
}

struct PushOutcome {
    std::string id, rev, error, reason;
};

bool bulkDocs(Couch& couch, const std::vector<json>& docs, std::vector<PushOutcome>& out,
              std::string& error) {
    for (size_t at = 0; at < docs.size(); at += kPushBatch) {
        json batch = json::array();
        for (size_t i = at; i < std::min(docs.size(), at + kPushBatch); ++i) batch.push_back(docs[i]);
        json answer;
        if (!couch.answer(couch.call("POST", "/_bulk_docs", json{{"docs", std::move(batch)}}.dump()),
                          "sending changes", answer, error))
            return false;
        if (!answer.is_array()) {
            error = "The sync server's answer to sending changes is not a list.";
            return false;
        }
        for (const json& a : answer) {
            if (!a.is_object()) continue;
            out.push_back({a.value("id", ""), a.value("rev", ""), a.value("error", ""), a.value("reason", "")});
        }
    }
    return true;
}

void addReport(MergeReport& into, const MergeReport& r);

/// The documents one merge looks at (only those that came from the server): `base` what both
/// sides are known to share, `mine` this portfolio's, `theirs` the server's.
struct RoundDocs {
    SyncDocuments base, mine, theirs;
};

/// Puts `merged` (a merge of the documents `ids` only) into `current`: entries in place (new
/// ones, conflicting copies among them, at the end), tombstones, reviews and the profile.
void splice(Portfolio& current, const Portfolio& merged, const std::set<std::string>& ids) {
    std::unordered_map<std::string, const Entry*> byId;
    for (const auto& e : merged.entries) byId.emplace(e.id, &e);
    std::set<std::string> placed;
    std::vector<Entry> entries;
    entries.reserve(current.entries.size() + merged.entries.size());
    for (auto& e : current.entries) {
        if (!ids.count(entryDocId(e.id))) {
            placed.insert(e.id);
            entries.push_back(std::move(e));
        } else if (auto it = byId.find(e.id); it != byId.end()) {
            placed.insert(e.id);
            entries.push_back(*it->second);
        } // else deleted by the merge
    }
    for (const auto& e : merged.entries)
        if (!placed.count(e.id) && !current.isDeleted(e.id)) entries.push_back(e);
    current.entries = std::move(entries);
    std::erase_if(current.tombstones, [&](const Tombstone& t) { return ids.count(entryDocId(t.id)) > 0; });
    for (const auto& t : merged.tombstones) addTombstone(current, t.id, t.deletedMs);
    std::erase_if(current.comments, [&](const Comment& c) { return ids.count(commentDocId(c.id)) > 0; });
    std::erase_if(current.signOffs, [&](const SignOff& x) { return ids.count(signOffDocId(x)) > 0; });
    current.comments.insert(current.comments.end(), merged.comments.begin(), merged.comments.end());
    current.signOffs.insert(current.signOffs.end(), merged.signOffs.begin(), merged.signOffs.end());
    normaliseReviews(current);
    if (ids.count(std::string(kProfileDocId))) {
        current.profile = merged.profile;
        current.assessedAgainst = merged.assessedAgainst;
    }
}

/// mergeConcurrent over the documents in `docs` (built on `current`'s frame: its profile when
/// the profile is not among them), spliced into `current`. `serverSide` gets the server's
/// documents as a portfolio (what their hashes are taken of).
bool mergeDocuments(Portfolio& current, const RoundDocs& docs, MergeReport& report,
                    Portfolio& serverSide, std::string& error) {
    Portfolio frame = current;
    frame.entries.clear();
    frame.comments.clear();
    frame.signOffs.clear();
    frame.tombstones.clear();
    const SyncDocuments* parts[3] = {&docs.base, &docs.mine, &docs.theirs};
    Portfolio built[3];
    for (int i = 0; i < 3; ++i) {
        AssembleResult a = assemblePortfolio(frame, *parts[i]);
        if (!a.portfolio) {
            error = a.error;
            return false;
        }
        built[i] = std::move(*a.portfolio);
    }
    MergeResult merged = mergeConcurrent(built[0], built[1], built[2]);
    std::set<std::string> ids;
    for (const SyncDocuments* part : parts)
        for (const auto& [id, body] : *part) ids.insert(id);
    splice(current, merged.portfolio, ids);
    addReport(report, merged.report);
    serverSide = std::move(built[2]);
    return true;
}

void addReport(MergeReport& into, const MergeReport& r) {
    into.entriesAdded += r.entriesAdded;
    into.entriesUpdated += r.entriesUpdated;
    into.conflictCopies += r.conflictCopies;
    into.entriesDeleted += r.entriesDeleted;
    into.commentsAdded += r.commentsAdded;
    into.signOffsAdded += r.signOffsAdded;
    into.signOffsAlready += r.signOffsAlready;
    into.commentsAlready += r.commentsAlready;
    into.signOffsNotCurrent += r.signOffsNotCurrent;
    into.profileChanged = into.profileChanged || r.profileChanged;
    for (const auto& n : r.notes) into.notes.push_back(n);
}

} // namespace

namespace {

/// checkSyncOptions' part about the server's address.
std::string checkServer(const SyncOptions& o) {
    const std::string server = serverOf(o);
    const bool http = startsWith(server, "http://"), https = startsWith(server, "https://");
    if (!http && !https)
        return "The sync server address \"" + o.server + "\" must start with http:// or https://.";
    const std::string_view host = std::string_view(server).substr(http ? 7 : 8);
    if (host.empty() || host.find_first_of(" \t\r\n") != std::string_view::npos)
        return "The sync server address \"" + o.server + "\" has no host name (or has spaces in it).";
    if (host.substr(0, host.find('/')).find('@') != std::string_view::npos)
        return "Put the user name in --user and the password in PATHWAY_SYNC_PASSWORD, not in the "
               "server address.";
    return {};
}

bool validDatabaseName(std::string_view db) {
    return !db.empty() && db[0] >= 'a' && db[0] <= 'z' &&
           std::all_of(db.begin(), db.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      std::string_view("_$()+-/").find(c) != std::string_view::npos;
           });
}

} // namespace

std::string checkSyncOptions(const SyncOptions& o) {
    if (std::string e = checkServer(o); !e.empty()) return e;
    const std::string& db = o.database;
    if (!validDatabaseName(db))
        return "The database name \"" + db + "\" is not one CouchDB accepts (a lower-case letter "
               "first, then lower-case letters, digits and _ $ ( ) + - /).";
    if (o.maxRounds < 1 || o.changesBatch < 1) return "Sync needs at least one round and batch.";
    return {};
}

namespace {

/// Which database this is, whatever address reaches it (localhost, a proxy, a new host name):
/// the server's uuid and the database's name; the address when the server gives no uuid.
bool databaseIdentity(Couch& couch, const SyncOptions& o, std::string& identity, std::string& error) {
    HttpResponse root = couch.callRoot();
    if (root.status == 0) {
        error = couch.failure(root, "greeting the server");
        return false;
    }
    json welcome = json::parse(root.body, nullptr, false);
    const json* uuid = welcome.is_object() && welcome.contains("uuid") ? &welcome["uuid"] : nullptr;
    identity = root.status == 200 && uuid && uuid->is_string()
                   ? "couchdb:" + uuid->get<std::string>() + "/" + o.database
                   : databaseLabel(o);
    return true;
}

/// `take`, when given, is `local` handed over by the caller: the result moves it instead of
/// copying it. `local` is never changed before the sync has succeeded.
SyncResult syncRounds(const Portfolio& local, Portfolio* take, const SyncOptions& o, HttpTransport& http) {
    SyncResult r;
    Couch couch(o, http);
    // Copied only once a merge changes something (the usual one-edit sync changes nothing but
    // the sync state, which is written into the result at the end).
    std::optional<Portfolio> working;
    const Portfolio* current = &local;
    auto edit = [&]() -> Portfolio& {
        if (!working) current = &working.emplace(local);
        return *working;
    };
    SyncState st = readSyncState(local);
    std::string identity;
    if (!databaseIdentity(couch, o, identity, r.error)) return r;
    const bool stateFromFile = st.database == identity; // else the file's "sync" is rewritten
    if (!stateFromFile) {
        st = SyncState{};
        st.database = identity;
    }
    std::set<std::string> touched; // documents whose state this sync changed
    std::vector<std::string> refetch; // documents a push met in a newer revision (409)
    for (int32_t round = 0; round < o.maxRounds; ++round) {
        // 1. Pull what changed since the last sync, and each document a push conflicted with
        // (its change may be older than `since` when this file's state was behind).
        std::map<std::string, RemoteDoc> pulled;
        json since = st.since;
        if (!pullChanges(couch, o, since, pulled, r.error)) return r;
        for (const auto& id : refetch)
            if (!pulled.count(id) && !fetchLatest(couch, id, pulled, r.error)) return r;
        refetch.clear();

        // 2. Merge: documents changed on the server and not here are taken; changed on both
        // sides they have no known common base, so mergeConcurrent keeps both (the newer entry
        // and a conflicting copy; a deletion wins; the profile field by field from the profile
        // as last synced).
        const DocumentHashes mine = documentHashes(*current, o.cache);
        std::vector<std::string> takenIds;
        std::set<std::string> taken;
        std::vector<std::pair<std::string, std::vector<std::string>>> conflicted;
        for (auto& [id, remote] : pulled) {
            auto known = st.docs.find(id);
            if (known != st.docs.end() && known->second.rev == remote.rev && remote.conflicts.empty())
                continue; // what this portfolio pushed or pulled already
            ++r.report.documentsPulled;
            takenIds.push_back(id);
            taken.insert(id);
            if (!remote.conflicts.empty()) conflicted.emplace_back(id, remote.conflicts);
        }
        Portfolio serverSide; // the taken documents as the server holds them
        if (!taken.empty()) { // nothing new (the usual one-edit sync): no merge
            RoundDocs docs;
            const SyncDocuments here = portfolioDocuments(*current, &taken);
            for (const auto& id : takenIds) {
                if (auto h = here.find(id); h != here.end()) {
                    docs.mine[id] = h->second;
                    if (!changedHere(mine, st, id))
                        docs.base[id] = h->second;
                    else if (id == kProfileDocId && st.profileBase.is_object())
                        docs.base[id] = st.profileBase;
                }
                docs.theirs[id] = pulled[id].body;
            }
            if (!mergeDocuments(edit(), docs, r.report.pulled, serverSide, r.error)) return r;
        }
        const DocumentHashes serverHashes = taken.empty() ? DocumentHashes{} : documentHashes(serverSide);
        for (const auto& id : takenIds) {
            SyncDocState& s = st.docs[id];
            touched.insert(id);
            s.rev = pulled[id].rev;
            auto it = serverHashes.find(id);
            s.deleted = it == serverHashes.end() || it->second == kDeletedHash;
            s.hash = s.deleted ? "" : it->second;
            if (id == kProfileDocId && !s.deleted)
                st.profileBase = portfolioDocuments(serverSide, &taken).at(id);
        }

        // 3. Server-side conflicts (two revisions made elsewhere without seeing each other):
        // each losing revision is merged in like a change made on both sides, then deleted.
        std::vector<json> losers;
        for (const auto& [id, revs] : conflicted) {
            const std::set<std::string> one = {id};
            for (const auto& rev : revs) {
                json body;
                if (!fetchRevision(couch, id, rev, body, r.error)) return r;
                losers.push_back({{"_id", id}, {"_rev", rev}, {"_deleted", true}});
                if (!body.is_object()) continue;
                RoundDocs c;
                c.mine = portfolioDocuments(*current, &one);
                if (id == kProfileDocId) c.base[id] = st.profileBase.is_object() ? st.profileBase : body;
                c.theirs[id] = body;
                MergeReport ignored;
                Portfolio unused;
                if (!mergeDocuments(edit(), c, ignored, unused, r.error)) return r;
            }
            ++r.report.conflictsResolved;
        }

        // 4. Push every document that differs from the server's, with the revision it replaces.
        const DocumentHashes merged = taken.empty() ? DocumentHashes{} : documentHashes(*current, o.cache);
        const DocumentHashes& now = taken.empty() ? mine : merged;
        std::set<std::string> changed;
        for (const auto& [id, hash] : now)
            if (changedHere(now, st, id)) changed.insert(id);
        const SyncDocuments bodies = portfolioDocuments(*current, &changed);
        std::vector<json> push;
        auto withMeta = [&](const std::string& id, json doc) {
            doc["_id"] = id;
            if (auto s = st.docs.find(id); s != st.docs.end() && !s->second.rev.empty())
                doc["_rev"] = s->second.rev;
            return doc;
        };
        for (const auto& [id, body] : bodies) push.push_back(withMeta(id, body));
        for (const auto& [id, s] : st.docs)
            if (!now.count(id) && !s.deleted) push.push_back(withMeta(id, {{"_deleted", true}}));
        std::vector<PushOutcome> outcomes;
        if (!bulkDocs(couch, push, outcomes, r.error)) return r;
        bool conflict = false;
        for (const auto& out : outcomes) {
            if (out.error == "conflict") {
                conflict = true;
                refetch.push_back(out.id);
                continue;
            }
            if (!out.error.empty()) {
                r.error = "The sync server refused \"" + out.id + "\" (" + out.error +
                          (out.reason.empty() ? "" : ": " + out.reason) + ").";
                return r;
            }
            SyncDocState& s = st.docs[out.id];
            touched.insert(out.id);
            s.rev = out.rev;
            auto body = bodies.find(out.id);
            s.deleted = body == bodies.end() || isDeletion(body->second);
            s.hash = s.deleted ? "" : now.at(out.id);
            if (out.id == kProfileDocId && !s.deleted) st.profileBase = body->second;
            ++r.report.documentsPushed;
        }
        // A losing revision goes only once its content is safely in the winner: not when that
        // push met a 409 (the next round sees the conflict again and merges it then).
        std::erase_if(losers, [&](const json& l) {
            return std::find(refetch.begin(), refetch.end(), l["_id"].get<std::string>()) != refetch.end();
        });
        if (!losers.empty()) {
            std::vector<PushOutcome> deleted;
            if (!bulkDocs(couch, losers, deleted, r.error)) return r;
            for (const auto& out : deleted)
                if (!out.error.empty() && out.error != "conflict" && out.error != "not_found") {
                    r.error = "The sync server refused to delete a conflicting revision of \"" + out.id +
                              "\" (" + out.error + ").";
                    return r;
                }
        }
        st.since = since;
        if (!conflict) {
            st.lastSyncMs = o.nowMs;
            if (working)
                r.portfolio = std::move(*working);
            else if (take)
                r.portfolio = std::move(*take);
            else
                r.portfolio = local;
            if (stateFromFile)
                writeSyncStateChanges(r.portfolio, st, touched);
            else
                writeSyncState(r.portfolio, st);
            r.ok = true;
            return r;
        }
        // 409: someone pushed the same document meanwhile. Pull it, merge, push again.
        ++r.report.retries;
    }
    r.error = "The sync server kept changing while syncing (" + std::to_string(o.maxRounds) +
              " rounds, each meeting a newer change); nothing was changed here, try again.";
    return r;
}

} // namespace

namespace {

SyncResult syncGuarded(const Portfolio& local, Portfolio* take, const SyncOptions& o, HttpTransport& http) {
    if (std::string e = checkSyncOptions(o); !e.empty()) return {false, e, {}, {}};
    try {
        return syncRounds(local, take, o, http);
    } catch (const json::exception& e) {
        // A member of the wrong type in a server's answer (a _rev that is not text, ...).
        return {false, std::string("The sync server sent something this version cannot read (") +
                           e.what() + "); nothing was changed here.", {}, {}};
    }
}

} // namespace

SyncResult syncPortfolio(const Portfolio& local, const SyncOptions& o, HttpTransport& http) {
    SyncResult r = syncGuarded(local, nullptr, o, http);
    r.offline = !r.ok && startsWith(r.error, kUnreachable);
    return r;
}

SyncResult syncPortfolio(Portfolio&& local, const SyncOptions& o, HttpTransport& http) {
    SyncResult r = syncGuarded(local, &local, o, http);
    r.offline = !r.ok && startsWith(r.error, kUnreachable);
    if (!r.ok) r.portfolio = std::move(local); // untouched: handed back as it came
    return r;
}

SyncResult syncPortfolioFile(const std::string& path, const SyncOptions& o, HttpTransport& http) {
    SyncResult r;
    LoadResult loaded = loadPortfolioFile(path);
    if (!loaded.ok()) {
        r.error = loaded.error;
        return r;
    }
    const Portfolio snapshot = *loaded.portfolio;
    r = syncPortfolio(snapshot, o, http);
    if (!r.ok) return r;
    IoResult saved = updatePortfolioFile(path, [&](Portfolio& stored, std::string&) {
        // Someone saved while the network was busy: their change and the sync's combine as
        // two sessions' saves do (the sync's state comes from the sync).
        stored = stored == snapshot ? r.portfolio : mergeConcurrent(snapshot, r.portfolio, stored).portfolio;
        return true;
    });
    if (!saved) {
        r.ok = false;
        r.error = saved.error + " (the server has the changes; the next sync takes them in)";
    }
    return r;
}

// --- the app's settings ----------------------------------------------------------------------------

std::string serializeSyncSettings(const SyncSettings& s) {
    return json{{"format", "pathway-sync-settings"}, {"version", 1}, {"server", s.server},
                {"database", s.database}, {"user", s.user}, {"password", s.password}}
        .dump(2);
}

SyncSettings parseSyncSettings(std::string_view bytes) {
    SyncSettings s;
    json j = json::parse(bytes, nullptr, false);
    if (!j.is_object() || j.value("format", json()) != "pathway-sync-settings") return s;
    auto text = [&](const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    s.server = text("server");
    s.database = text("database");
    s.user = text("user");
    s.password = text("password");
    return s;
}

// --- reading a server ----------------------------------------------------------------------------

DatabaseList listDatabases(const SyncOptions& o, std::string_view prefix, HttpTransport& http) {
    DatabaseList r;
    if (std::string e = checkServer(o); !e.empty()) {
        r.error = e;
        return r;
    }
    Couch couch(o, http);
    HttpResponse resp = couch.callUrl("GET", serverOf(o) + "/_all_dbs", {});
    if (resp.status == 403) {
        r.error = "The sync server at " + serverOf(o) + " does not let " +
                  (o.user.empty() ? std::string("anonymous users") : o.user) +
                  " list its databases (403): a cohort report needs a server admin's login.";
        return r;
    }
    json answer;
    if (!couch.answer(resp, "listing the databases", answer, r.error)) return r;
    if (!answer.is_array()) {
        r.error = "The sync server's list of databases is not a list (is " + serverOf(o) +
                  " a CouchDB server?).";
        return r;
    }
    for (const json& name : answer)
        if (name.is_string() && startsWith(name.get_ref<const std::string&>(), prefix) &&
            validDatabaseName(name.get_ref<const std::string&>()))
            r.names.push_back(name.get<std::string>());
    std::sort(r.names.begin(), r.names.end());
    r.ok = true;
    return r;
}

PortfolioRead readDatabasePortfolio(const SyncOptions& o, HttpTransport& http) {
    PortfolioRead r;
    if (std::string e = checkSyncOptions(o); !e.empty()) {
        r.error = e;
        return r;
    }
    try {
        Couch couch(o, http);
        SyncDocuments docs;
        std::string startKey; // paging by key: the last id of a page starts the next (skipping it)
        for (bool first = true;; first = false) {
            std::string path = "/_all_docs?include_docs=true&limit=" + std::to_string(o.changesBatch);
            if (!first) path += "&skip=1&startkey=" + encode(json(startKey).dump());
            json answer;
            const HttpResponse resp = couch.call("GET", path);
            if (!couch.answer(resp, "reading the documents", answer, r.error)) {
                r.serverRefused = resp.status == 0 || resp.status == 401;
                return r;
            }
            const json* rows = answer.contains("rows") && answer["rows"].is_array() ? &answer["rows"] : nullptr;
            if (!rows) {
                r.error = "The sync server's list of documents in \"" + o.database + "\" has no rows.";
                return r;
            }
            for (const json& row : *rows) {
                if (!row.is_object() || !row.contains("id") || !row["id"].is_string()) continue;
                startKey = row["id"].get<std::string>();
                const json* doc = row.contains("doc") && row["doc"].is_object() ? &row["doc"] : nullptr;
                if (!doc || !isPortfolioDocId(startKey)) continue;
                docs[startKey] = remoteDocOf(*doc).body;
            }
            if (rows->size() < static_cast<size_t>(o.changesBatch)) break;
        }
        if (!docs.count(std::string(kProfileDocId))) {
            r.error = "The database \"" + o.database + "\" holds no Pathway portfolio (no profile document).";
            return r;
        }
        AssembleResult a = assemblePortfolio(Portfolio{}, docs);
        if (!a.portfolio) {
            r.error = a.error;
            return r;
        }
        r.portfolio = std::move(a.portfolio);
    } catch (const json::exception& e) {
        r.error = std::string("The sync server sent something this version cannot read (") + e.what() + ").";
    }
    return r;
}

// --- the database's access rules ----------------------------------------------------------

std::string validateDocUpdateSource(std::string_view practitioner) {
    return "function (newDoc, oldDoc, userCtx) {\n"
           "  var practitioner = " + json(std::string(practitioner)).dump() + ";\n"
           "  if (userCtx.roles.indexOf('_admin') !== -1 || userCtx.name === practitioner) return;\n"
           "  var id = newDoc._id || '';\n"
           "  var review = (id.indexOf('comment:') === 0 && newDoc.type === 'comment') ||\n"
           "               (id.indexOf('signoff:') === 0 && newDoc.type === 'signoff');\n"
           "  if (!review || newDoc._deleted)\n"
           "    throw({forbidden: 'Mentors and assessors write only comments and sign-offs.'});\n"
           "  if (oldDoc && !oldDoc._deleted)\n"
           "    throw({forbidden: 'A comment or sign-off, once written, is changed only by the practitioner.'});\n"
           "}\n";
}

IoResult prepareDatabase(const SyncOptions& o, const std::vector<std::string>& readers,
                         HttpTransport& http) {
    if (std::string e = checkSyncOptions(o); !e.empty()) return {false, e};
    Couch couch(o, http);
    HttpResponse exists = couch.call("GET", "");
    if (exists.status == 200) return {true, {}};
    if (exists.status != 404) return {false, couch.failure(exists, "looking for the database")};
    HttpResponse created = couch.call("PUT", "");
    if (created.status == 412) return {true, {}}; // created meanwhile by another device
    if (created.status == 401 || created.status == 403)
        return {false, "The database \"" + o.database + "\" does not exist and " +
                           (o.user.empty() ? std::string("an anonymous user") : o.user) +
                           " may not create it: a server admin creates it (README, Sync)."};
    json ignored;
    std::string error;
    if (!couch.answer(created, "creating the database", ignored, error)) return {false, error};
    const json design = {{"language", "javascript"},
                         {"validate_doc_update", validateDocUpdateSource(o.user)}};
    // The design document's id keeps its slash (CouchDB's _design/ path).
    if (!couch.answer(couch.call("PUT", "/" + std::string(kDesignDocId), design.dump()),
                      "writing the design document", ignored, error))
        return {false, error};
    json members = json::array();
    if (!o.user.empty()) members.push_back(o.user);
    for (const auto& r : readers) members.push_back(r);
    const json security = {{"admins", {{"names", json::array()}, {"roles", json::array()}}},
                           {"members", {{"names", members}, {"roles", json::array()}}}};
    if (!couch.answer(couch.call("PUT", "/_security", security.dump()), "writing _security", ignored,
                      error))
        return {false, error};
    return {true, {}};
}

} // namespace pathway::core
