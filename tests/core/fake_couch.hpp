// A CouchDB database in memory behind core::HttpTransport, for sync tests without a server:
// the few endpoints sync uses (the database, _changes, _bulk_docs, one document), with CouchDB's
// revision check (409 "conflict"), deletions kept as tombstones, and hooks that play a second
// writer or a server that goes away. The integration tests (tests/sync/) use a real server.
#pragma once

#include "pathway/core/integrity.hpp"
#include "pathway/core/sync.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>

namespace pathway::test {

class FakeCouch final : public core::HttpTransport {
  public:
    struct Doc {
        int64_t generation = 0;
        std::string rev;
        nlohmann::json body; ///< without _id and _rev
        bool deleted = false;
        int64_t seq = 0;
        std::vector<std::string> conflicts; ///< losing revisions, set by tests
        std::map<std::string, nlohmann::json> older; ///< rev -> body, for ?rev= reads
    };

    explicit FakeCouch(std::string base = "http://fake.test/db") : m_base(std::move(base)) {}

    std::map<std::string, Doc> docs;
    int64_t seq = 0;
    int32_t requests = 0;
    int32_t failFrom = -1; ///< from this request on (0-based) nothing answers, as if killed
    /// Called once, just before the next _bulk_docs is applied (a second writer's race).
    std::function<void(FakeCouch&)> beforeBulk;
    std::vector<core::HttpRequest> log;

    /// Writes a document as another device would (new revision, next sequence).
    std::string put(const std::string& id, nlohmann::json body, bool deleted = false) {
        Doc& d = docs[id];
        if (!d.rev.empty()) d.older[d.rev] = d.body;
        d.generation += 1;
        d.body = std::move(body);
        d.deleted = deleted;
        d.rev = std::to_string(d.generation) + "-" +
                core::sha256Hex(d.body.dump() + std::to_string(d.generation)).substr(0, 16);
        d.seq = ++seq;
        return d.rev;
    }

    /// Makes `body` a losing revision of `id` (a server-side conflict, as replication between
    /// servers leaves them); returns its revision.
    std::string addConflict(const std::string& id, nlohmann::json body) {
        Doc& d = docs.at(id);
        const std::string rev = std::to_string(d.generation) + "-" + core::sha256Hex(body.dump()).substr(0, 16);
        d.older[rev] = std::move(body);
        d.conflicts.push_back(rev);
        d.seq = ++seq;
        return rev;
    }

    core::HttpResponse send(const core::HttpRequest& req) override {
        log.push_back(req);
        if (failFrom >= 0 && requests++ >= failFrom) return {0, {}, "Connection refused"};
        if (failFrom < 0) ++requests;
        if (req.url == m_base.substr(0, m_base.rfind('/') + 1))
            return {200, R"({"couchdb":"Welcome","uuid":"fake-server"})", {}};
        if (req.url.rfind(m_base, 0) != 0) return {404, R"({"error":"not_found"})", {}};
        std::string rest = req.url.substr(m_base.size());
        std::string query;
        if (auto q = rest.find('?'); q != std::string::npos) {
            query = rest.substr(q + 1);
            rest.resize(q);
        }
        if (rest.empty()) return {200, R"({"db_name":"db"})", {}};
        if (rest == "/_changes") return changes(query);
        if (rest == "/_bulk_docs" && req.method == "POST") return bulk(req.body);
        if (req.method == "GET") return get(decode(rest.substr(1)), query);
        return {405, R"({"error":"method_not_allowed"})", {}};
    }

  private:
    static std::string decode(const std::string& s) {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size()) {
                out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += s[i];
            }
        }
        return out;
    }

    static std::string param(const std::string& query, const std::string& name) {
        const std::string key = name + "=";
        for (size_t at = 0; at < query.size();) {
            size_t end = query.find('&', at);
            if (end == std::string::npos) end = query.size();
            if (query.compare(at, key.size(), key) == 0) return decode(query.substr(at + key.size(), end - at - key.size()));
            at = end + 1;
        }
        return {};
    }

    nlohmann::json full(const std::string& id, const Doc& d) const {
        nlohmann::json j = d.body;
        j["_id"] = id;
        j["_rev"] = d.rev;
        if (d.deleted) j["_deleted"] = true;
        if (!d.conflicts.empty()) j["_conflicts"] = d.conflicts;
        return j;
    }

    core::HttpResponse changes(const std::string& query) {
        const std::string sinceText = param(query, "since");
        const int64_t since = sinceText.empty() ? 0 : std::stoll(sinceText);
        const std::string limitText = param(query, "limit");
        const size_t limit = limitText.empty() ? SIZE_MAX : std::stoul(limitText);
        std::map<int64_t, std::string> bySeq;
        for (const auto& [id, d] : docs)
            if (d.seq > since) bySeq.emplace(d.seq, id);
        nlohmann::json results = nlohmann::json::array();
        int64_t last = since;
        for (const auto& [s, id] : bySeq) {
            if (results.size() >= limit) break;
            const Doc& d = docs.at(id);
            nlohmann::json r = {{"id", id}, {"seq", s}, {"changes", {{{"rev", d.rev}}}}, {"doc", full(id, d)}};
            if (d.deleted) r["deleted"] = true;
            results.push_back(std::move(r));
            last = s;
        }
        return {200, nlohmann::json{{"results", results}, {"last_seq", last}}.dump(), {}};
    }

    core::HttpResponse get(const std::string& id, const std::string& query) {
        auto it = docs.find(id);
        if (it == docs.end()) return {404, R"({"error":"not_found","reason":"missing"})", {}};
        const std::string rev = param(query, "rev");
        if (!rev.empty() && rev != it->second.rev) {
            auto old = it->second.older.find(rev);
            if (old == it->second.older.end()) return {404, R"({"error":"not_found"})", {}};
            nlohmann::json j = old->second;
            j["_id"] = id;
            j["_rev"] = rev;
            return {200, j.dump(), {}};
        }
        if (it->second.deleted) return {404, R"({"error":"not_found","reason":"deleted"})", {}};
        return {200, full(id, it->second).dump(), {}};
    }

    core::HttpResponse bulk(const std::string& body) {
        if (beforeBulk) {
            auto hook = std::move(beforeBulk);
            beforeBulk = nullptr;
            hook(*this);
        }
        nlohmann::json answer = nlohmann::json::array();
        const nlohmann::json request = nlohmann::json::parse(body);
        for (nlohmann::json doc : request["docs"]) {
            const std::string id = doc["_id"];
            const std::string rev = doc.value("_rev", "");
            auto it = docs.find(id);
            if (it != docs.end()) {
                Doc& d = it->second;
                auto loser = std::find(d.conflicts.begin(), d.conflicts.end(), rev);
                if (loser != d.conflicts.end() && doc.value("_deleted", false)) {
                    d.conflicts.erase(loser);
                    d.seq = ++seq;
                    answer.push_back({{"ok", true}, {"id", id}, {"rev", rev}});
                    continue;
                }
                const bool recreate = d.deleted && rev.empty();
                if (!recreate && rev != d.rev) {
                    answer.push_back({{"id", id}, {"error", "conflict"}, {"reason", "Document update conflict."}});
                    continue;
                }
            }
            const bool deleted = doc.value("_deleted", false);
            doc.erase("_id");
            doc.erase("_rev");
            doc.erase("_deleted");
            answer.push_back({{"ok", true}, {"id", id}, {"rev", put(id, doc, deleted)}});
        }
        return {201, answer.dump(), {}};
    }

    std::string m_base;
};

} // namespace pathway::test
