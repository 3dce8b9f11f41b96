// Sync through CouchDB (issue 16): one database per practitioner, each part of the portfolio a
// document of its own, pulled with _changes and pushed with _bulk_docs, merged by the same rules
// as a save (mergeConcurrent). The core speaks HTTP only through HttpTransport, which the caller
// passes in (libcurl natively in cli/, a fake in tests): no network code here.
//
// Documents (the README's "Sync" section): "profile" (the profile and assessed_against),
// "entry:<entry id>", "comment:<comment id>" and "signoff:<hash of entry, reviewer, role and
// content hash>", each {"type": ..., "<type>": <the same JSON as in the portfolio file>}. A
// deleted entry is a CouchDB deletion ({"_deleted": true, "type": "entry", "deleted": time}).
// The file remembers each document's _rev, the hash of the body last synced and the last
// sequence pulled, in its "sync" member (kept by older versions as an unknown field).
#pragma once

#include "pathway/core/files.hpp"
#include "pathway/core/model.hpp"
#include "pathway/core/review.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathway::core {

// --- the transport seam -------------------------------------------------------------------------

struct HttpRequest {
    std::string method; ///< "GET", "PUT", "POST"
    std::string url;    ///< absolute: server + "/" + database + path
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct HttpResponse {
    int32_t status = 0; ///< the HTTP status; 0 when no answer came (see error)
    std::string body;
    std::string error;  ///< why there was no answer ("Connection refused"), when status is 0
};

/// One HTTP exchange, synchronous. Implementations never throw.
class HttpTransport {
  public:
    virtual ~HttpTransport() = default;
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

// --- the document model -------------------------------------------------------------------------

inline constexpr std::string_view kProfileDocId = "profile";
inline constexpr std::string_view kDesignDocId = "_design/pathway";

std::string entryDocId(std::string_view entryId);     ///< "entry:" + id
std::string commentDocId(std::string_view commentId); ///< "comment:" + id
/// "signoff:" + 32 hex digits of SHA-256 over entry, reviewer, role and content hash: the keys
/// merges use for sign-offs, so the same sign-off made twice is one document.
std::string signOffDocId(const SignOff& signOff);

/// Document id -> body (no _id or _rev). Deleted entries are {"_deleted": true, ...}.
using SyncDocuments = std::map<std::string, nlohmann::json>;

/// The portfolio as documents: the profile, every entry, comment and sign-off, and a deletion
/// for every tombstone; only those in `only` when it is given.
SyncDocuments portfolioDocuments(const Portfolio& portfolio, const std::set<std::string>* only = nullptr);

/// The portfolio that `documents` describe, built on `frame` (which gives everything that is not
/// a document: unknown top-level fields, the revision, the "sync" member) and keeping the
/// frame's order of entries (new ones after, by id). Fails, naming the document, when one
/// cannot be read.
struct AssembleResult {
    std::optional<Portfolio> portfolio;
    std::string error;
};
AssembleResult assemblePortfolio(const Portfolio& frame, const SyncDocuments& documents);

/// Document id -> a short hash of its content, "deleted" for a deletion: what "changed since
/// the last sync" compares. Entries are hashed from their file text (portfolio_io.hpp's
/// entryFileText), the rest from their documents' JSON; no tree of the whole portfolio is built.
using DocumentHashes = std::map<std::string, std::string>;

/// What a long-running program (the app) keeps between syncs so that an entry it has hashed
/// before is not written out and hashed again: each entry as last hashed, with its hash. An
/// entry is hashed again when it differs in anything (Entry's ==, not a time stamp), so the
/// cache never hides a change. Not shared between threads. About as large as the entries.
class SyncCache {
  public:
    /// documentHashes' value for entry `e`.
    const std::string& entryHash(const Entry& e);
    /// Drops entries not asked for since the last sweep (deleted ones): documentHashes calls it.
    void sweep();
    size_t size() const { return m_entries.size(); }
    int64_t hashed() const { return m_hashed; } ///< entries hashed so far (tests, benchmarks)

  private:
    struct Item {
        Entry entry;
        std::string hash;
        uint64_t seen = 0;
    };
    std::map<std::string, Item, std::less<>> m_entries;
    uint64_t m_generation = 1;
    int64_t m_hashed = 0;
};

/// With a cache, entries unchanged since it last saw them are not hashed again.
DocumentHashes documentHashes(const Portfolio& portfolio, SyncCache* cache = nullptr);

// --- what the file remembers --------------------------------------------------------------------

struct SyncDocState {
    std::string rev;  ///< the server's _rev of the document as last synced
    std::string hash; ///< documentHashes' value for it then ("" for a deletion)
    bool deleted = false;
    bool operator==(const SyncDocState&) const = default;
};

struct SyncState {
    /// Which database this state belongs to: "couchdb:" + the server's uuid + "/" + the
    /// database (the URL and database when the server gives no uuid), so another address of
    /// the same server keeps it. Syncing with another database starts again from nothing.
    std::string database;
    nlohmann::json since = 0; ///< last_seq pulled (CouchDB 2+ gives text, PouchDB numbers)
    std::map<std::string, SyncDocState> docs;
    /// The profile document as last synced: the base of a field-by-field merge when the
    /// profile changed on both sides.
    nlohmann::json profileBase;
    int64_t lastSyncMs = 0;
    bool operator==(const SyncState&) const = default;
};

/// The portfolio's "sync" member; an empty state when there is none (or it is unreadable).
SyncState readSyncState(const Portfolio& portfolio);
void writeSyncState(Portfolio& portfolio, const SyncState& state);

/// How many documents changed here since the last sync and wait to be pushed ("Offline: 3
/// changes waiting"); every document counts when the portfolio was never synced.
int32_t pendingChanges(const Portfolio& portfolio, SyncCache* cache = nullptr);

// --- the engine -----------------------------------------------------------------------------

struct SyncOptions {
    std::string server;   ///< "http://127.0.0.1:5984" (a trailing slash is ignored)
    std::string database; ///< CouchDB rules: a-z first, then a-z 0-9 _ $ ( ) + - /
    std::string user;     ///< empty: no authentication
    std::string password;
    int64_t nowMs = 0;
    int32_t maxRounds = 5;     ///< pull-merge-push rounds before giving up on a busy server
    int32_t changesBatch = 2000; ///< _changes?limit= per request
    /// Kept by the caller between syncs (the app): entries unchanged since are not hashed
    /// again. nullptr (the CLI, one sync per process): every entry is hashed once per round.
    SyncCache* cache = nullptr;
};

/// What the app remembers to sync with, kept only on the device (the Host's sync settings:
/// a private file natively, IndexedDB on the web), never in the portfolio file or an export.
struct SyncSettings {
    std::string server, database, user, password;
    bool configured() const { return !server.empty() && !database.empty(); }
    bool operator==(const SyncSettings&) const = default;
};
std::string serializeSyncSettings(const SyncSettings& settings);
/// Empty settings (sync off) when `bytes` is empty or unreadable.
SyncSettings parseSyncSettings(std::string_view bytes);

/// Why options cannot be used, or "" (no request is made before this passes).
std::string checkSyncOptions(const SyncOptions& options);

struct SyncReport {
    MergeReport pulled;          ///< what came from the server (counts as in a save's merge)
    int32_t documentsPulled = 0; ///< changed documents received
    int32_t documentsPushed = 0;
    int32_t conflictsResolved = 0; ///< server-side _conflicts merged, losing revisions deleted
    int32_t retries = 0;           ///< rounds repeated after a 409 (someone pushed meanwhile)
};

struct SyncResult {
    bool ok = false;
    std::string error; ///< one sentence when !ok: unreachable, refused login, bad database...
    bool offline = false; ///< !ok because the server did not answer (no network, server down)
    Portfolio portfolio; ///< when ok: the merged portfolio with its new sync state
    SyncReport report;
};

/// One sync: pulls what changed since the last sync (with the server-side conflicts of those
/// documents), merges it into `local` with mergeConcurrent's rules, pushes what differs from the
/// server with its _rev, and repeats when a push meets a conflict (409). Never touches a file:
/// on failure `local` is all there is; on success the caller stores result.portfolio.
SyncResult syncPortfolio(const Portfolio& local, const SyncOptions& options, HttpTransport& http);
/// The same with the portfolio handed over (no copy of it is made unless a merge changes it):
/// result.portfolio is the synced portfolio, or on failure `local` as it came, unchanged.
SyncResult syncPortfolio(Portfolio&& local, const SyncOptions& options, HttpTransport& http);

/// Syncs a portfolio file: reads it, syncs without holding the lock (the network may be slow),
/// then under the file's lock (the same as saves) merges the result with whatever was saved
/// meanwhile (mergeConcurrent) and writes it. On any failure the file is not touched.
SyncResult syncPortfolioFile(const std::string& path, const SyncOptions& options,
                             HttpTransport& http);

// --- reading a server (an academy's cohort report) -----------------------------------------------

/// The databases on `options.server` whose names start with `prefix` (`_all_dbs`; CouchDB 3
/// lets only server admins list them), sorted; options.database is not used.
struct DatabaseList {
    bool ok = false;
    std::string error; ///< one sentence when !ok
    std::vector<std::string> names;
};
DatabaseList listDatabases(const SyncOptions& options, std::string_view prefix, HttpTransport& http);

/// The portfolio kept in the database `options.database`: every document (`_all_docs` with
/// include_docs, in pages of options.changesBatch) assembled with assemblePortfolio on an
/// empty frame. Deleted entries are not read (a report does not need them).
struct PortfolioRead {
    std::optional<Portfolio> portfolio;
    std::string error; ///< one sentence when there is no portfolio
    /// The server did not answer or refused the login (not this database's fault).
    bool serverRefused = false;
};
PortfolioRead readDatabasePortfolio(const SyncOptions& options, HttpTransport& http);

/// The validate_doc_update function written into _design/pathway: the practitioner (and
/// server admins) write anything; every other member (mentors, assessors) writes only new
/// comment and sign-off documents and deletes nothing.
std::string validateDocUpdateSource(std::string_view practitioner);

/// Creates the database when it is missing, writes _design/pathway (validate_doc_update) and
/// _security (the practitioner as a member, `readers` as members whom the design document
/// limits to comments and sign-offs). Needs a server admin for a new database.
IoResult prepareDatabase(const SyncOptions& options, const std::vector<std::string>& readers,
                         HttpTransport& http);

} // namespace pathway::core
