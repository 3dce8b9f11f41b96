#include "pathway/core/portfolio_io.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/portfolio_read.hpp"
#include "pathway/core/text.hpp"

#include "swar.hpp"

#include <functional>
#include <set>

namespace pathway::core {

using nlohmann::json;

namespace {

// A failure while reading a document: where (a JSON path) and what.
struct ReadError {
    std::string where;
    std::string what;
};

const json* member(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

std::string getString(const json& obj, const char* key, const std::string& where,
                      bool required = false) {
    const json* v = member(obj, key);
    if (!v || v->is_null()) {
        if (required) throw ReadError{where + "." + key, "is missing"};
        return {};
    }
    if (!v->is_string()) throw ReadError{where + "." + key, "should be text"};
    return v->get<std::string>();
}

/// The text of `obj[key]`, moved out of the document (which the loader owns and then drops):
/// a portfolio is mostly text, and copying it was a third of the loader's cost (issue 7).
std::string takeString(json& obj, const char* key, const std::string& where,
                       bool required = false) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        if (required) throw ReadError{where + "." + key, "is missing"};
        return {};
    }
    if (!it->is_string()) throw ReadError{where + "." + key, "should be text"};
    return std::move(it->get_ref<std::string&>());
}

std::optional<Date> getDate(const json& obj, const char* key, const std::string& where,
                            bool required) {
    std::string s = getString(obj, key, where, required);
    if (s.empty()) {
        if (required) throw ReadError{where + "." + key, "is missing"};
        return std::nullopt;
    }
    auto d = Date::parse(s);
    if (!d) throw ReadError{where + "." + key, "\"" + s + "\" is not a date (YYYY-MM-DD)"};
    return d;
}

int64_t getTimestamp(const json& obj, const char* key, const std::string& where) {
    std::string s = getString(obj, key, where);
    if (s.empty()) return 0;
    auto t = parseTimestamp(s);
    if (!t) throw ReadError{where + "." + key, "\"" + s + "\" is not a timestamp"};
    return *t;
}

std::vector<std::string> getStrings(const json& obj, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const json* v = member(obj, key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) throw ReadError{where + "." + key, "should be a list"};
    for (size_t i = 0; i < v->size(); ++i) {
        if (!(*v)[i].is_string())
            throw ReadError{where + "." + key + "[" + std::to_string(i) + "]", "should be text"};
        out.push_back((*v)[i].get<std::string>());
    }
    return out;
}

/// Everything in `obj` whose key is not in `known`: what a newer Pathway wrote.
json unknownMembers(const json& obj, std::initializer_list<const char*> known) {
    json extra = json::object();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool isKnown = false;
        for (const char* k : known)
            if (it.key() == k) isKnown = true;
        if (!isKnown) extra[it.key()] = it.value();
    }
    return extra;
}

void mergeExtra(json& out, const json& extra) {
    if (!extra.is_object()) return;
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!out.contains(it.key())) out[it.key()] = it.value();
}

const json& requireObject(const json& v, const std::string& where) {
    if (!v.is_object()) throw ReadError{where, "should be an object"};
    return v;
}

AsyeDecisionRecord readDecision(const json& j, const std::string& w) {
    requireObject(j, w);
    AsyeDecisionRecord d;
    const std::string id = getString(j, "decision", w, true);
    auto v = parseAsyeDecision(id);
    if (!v) throw ReadError{w + ".decision", "\"" + id + "\" is not pass, fail or extend"};
    d.decision = *v;
    d.date = *getDate(j, "date", w, true);
    d.by = getString(j, "by", w);
    d.newEnd = getDate(j, "new_end", w, false);
    if (d.newEnd && d.decision != AsyeDecision::Extend)
        throw ReadError{w + ".new_end", "is only for an extension"};
    d.note = getString(j, "note", w);
    return d;
}

// Each object of the list `key` of `j` (absent or null: none), read by `read(item, where)`
// ("profile.asye.leave[2]") into `out`.
template <class T, class Read>
void readList(const json& j, const char* key, const std::string& w, std::vector<T>& out, Read read) {
    const json* a = member(j, key);
    if (!a || a->is_null()) return;
    if (!a->is_array()) throw ReadError{w + "." + key, "should be a list"};
    for (size_t i = 0; i < a->size(); ++i) {
        const std::string at = w + "." + key + "[" + std::to_string(i) + "]";
        out.push_back(read(requireObject((*a)[i], at), at));
    }
}

AsyeRecord readAsyeRecord(const json& j, const std::string& w) {
    requireObject(j, w);
    AsyeRecord r;
    readList(j, "leave", w, r.leave, [](const json& item, const std::string& at) {
        LeavePeriod l;
        l.from = *getDate(item, "from", at, true);
        l.to = *getDate(item, "to", at, true);
        if (l.to < l.from) throw ReadError{at + ".to", "is before from"};
        const std::string kind = getString(item, "kind", at);
        if (!kind.empty()) {
            auto k = parseLeaveKind(kind);
            if (!k) throw ReadError{at + ".kind", "\"" + kind + "\" is not maternity, sickness or other"};
            l.kind = *k;
        }
        l.note = getString(item, "note", at);
        return l;
    });
    readList(j, "fte_changes", w, r.fteChanges, [](const json& item, const std::string& at) {
        FteChange c;
        c.from = *getDate(item, "from", at, true);
        const json* f = member(item, "fte");
        if (!f || !f->is_number()) throw ReadError{at + ".fte", "should be a number"};
        c.fte = f->get<double>();
        if (!(c.fte > 0 && c.fte <= 1)) throw ReadError{at + ".fte", "should be between 0 and 1"};
        return c;
    });
    if (const json* o = member(j, "outcome"); o && !o->is_null()) {
        requireObject(*o, w + ".outcome");
        if (const json* d = member(*o, "recommendation"); d && !d->is_null())
            r.outcome.recommendation = readDecision(*d, w + ".outcome.recommendation");
        if (const json* d = member(*o, "moderation"); d && !d->is_null())
            r.outcome.moderation = readDecision(*d, w + ".outcome.moderation");
        if (const json* d = member(*o, "final"); d && !d->is_null())
            r.outcome.final = readDecision(*d, w + ".outcome.final");
    }
    readList(j, "people", w, r.people, [](const json& item, const std::string& at) {
        AsyePerson p;
        const std::string role = getString(item, "role", at, true);
        auto v = parseAsyeRole(role);
        if (!v) throw ReadError{at + ".role", "\"" + role + "\" is not supervisor or assessor"};
        p.role = *v;
        p.name = getString(item, "name", at);
        if (const json* b = member(item, "registered_social_worker"); b && !b->is_null()) {
            if (!b->is_boolean()) throw ReadError{at + ".registered_social_worker", "should be true or false"};
            p.registeredSocialWorker = b->get<bool>();
        }
        return p;
    });
    readList(j, "self_assessment", w, r.selfAssessment, [](const json& item, const std::string& at) {
        SelfRating s;
        const std::string point = getString(item, "point", at, true);
        auto v = parseSelfAssessmentPoint(point);
        if (!v) throw ReadError{at + ".point", "\"" + point + "\" is not start, mid or end"};
        s.point = *v;
        s.item = getString(item, "item", at, true);
        if (!splitTag(s.item)) throw ReadError{at + ".item", "\"" + s.item + "\" is not framework:item"};
        const json* n = member(item, "rating");
        if (!n || !n->is_number_integer() || n->get<int64_t>() < 1 || n->get<int64_t>() > kSelfRatingMax)
            throw ReadError{at + ".rating", "should be a whole number from 1 to " + std::to_string(kSelfRatingMax)};
        s.rating = static_cast<int32_t>(n->get<int64_t>());
        s.comment = getString(item, "comment", at);
        s.date = *getDate(item, "date", at, true);
        s.atMs = getTimestamp(item, "at", at);
        return s;
    });
    r.extra = unknownMembers(j, {"leave", "fte_changes", "outcome", "people", "self_assessment"});
    return r;
}

Profile readProfile(const json& j) {
    const std::string w = "profile";
    requireObject(j, w);
    Profile p;
    p.name = getString(j, "name", w);
    p.registrationNumber = getString(j, "registration_number", w);
    p.employer = getString(j, "employer", w);
    p.team = getString(j, "team", w);
    if (auto s = getString(j, "setting", w); !s.empty()) {
        auto v = parseSetting(s);
        if (!v) throw ReadError{w + ".setting", "\"" + s + "\" is not children or adults"};
        p.setting = *v;
    }
    if (auto s = getString(j, "stage", w); !s.empty()) {
        auto v = parseStage(s);
        if (!v) throw ReadError{w + ".stage", "\"" + s + "\" is not a known career stage"};
        p.stage = *v;
    }
    p.asyeStart = getDate(j, "asye_start", w, false);
    if (const json* f = member(j, "fte"); f && !f->is_null()) {
        if (!f->is_number()) throw ReadError{w + ".fte", "should be a number"};
        p.fte = f->get<double>();
        if (!(p.fte > 0 && p.fte <= 1)) throw ReadError{w + ".fte", "should be between 0 and 1"};
    }
    p.registeredOn = getDate(j, "registered_on", w, false);
    if (const json* a = member(j, "asye"); a && !a->is_null()) p.asye = readAsyeRecord(*a, w + ".asye");
    p.extra = unknownMembers(j, {"name", "registration_number", "employer", "team", "setting",
                                 "stage", "asye_start", "fte", "registered_on", "asye"});
    return p;
}

// Reads an entry, moving its text out of `j` (the caller's own document).
Entry readEntry(json& j, const std::string& w) {
    requireObject(j, w);
    Entry e;
    e.id = takeString(j, "id", w, true);
    const std::string kind = getString(j, "kind", w, true);
    auto k = parseKind(kind);
    if (!k) throw ReadError{w + ".kind", "\"" + kind + "\" is not a kind of entry"};
    e.kind = *k;
    e.title = takeString(j, "title", w);
    e.date = *getDate(j, "date", w, true);
    e.createdMs = getTimestamp(j, "created", w);
    e.updatedMs = getTimestamp(j, "updated", w);
    if (auto f = j.find("fields"); f != j.end() && !f->is_null()) {
        requireObject(*f, w + ".fields");
        for (auto it = f->begin(); it != f->end(); ++it) {
            auto& v = it.value();
            if (v.is_string())
                e.fields.emplace_hint(e.fields.end(), it.key(),
                                      std::move(v.get_ref<std::string&>()));
            else if (v.is_number())
                e.fields[it.key()] = formatDecimal(v.get<double>());
            else if (v.is_boolean())
                e.fields[it.key()] = v.get<bool>() ? "yes" : "";
            else if (!v.is_null())
                throw ReadError{w + ".fields." + it.key(), "should be text or a number"};
        }
    }
    e.tags = getStrings(j, "tags", w);
    e.links = getStrings(j, "links", w);
    if (const json* a = member(j, "attachments"); a && !a->is_null()) {
        if (!a->is_array()) throw ReadError{w + ".attachments", "should be a list"};
        for (size_t i = 0; i < a->size(); ++i) {
            const std::string aw = w + ".attachments[" + std::to_string(i) + "]";
            requireObject((*a)[i], aw);
            e.attachments.push_back(
                {getString((*a)[i], "name", aw), getString((*a)[i], "ref", aw)});
        }
    }
    e.extra = unknownMembers(j, {"id", "kind", "title", "date", "created", "updated", "fields",
                                 "tags", "links", "attachments"});
    return e;
}

// A reviewer's signature, stored flat beside the comment's or sign-off's own fields.
void readSeal(const json& j, const std::string& w, ReviewSeal& seal) {
    seal.publicKey = getString(j, "signer_key", w);
    seal.organisation = getString(j, "signer_organisation", w);
    seal.practitioner = getString(j, "signed_for", w);
    seal.signature = getString(j, "signature", w);
}

Comment readComment(const json& j, const std::string& w) {
    requireObject(j, w);
    Comment c;
    c.id = getString(j, "id", w, true);
    c.entryId = getString(j, "entry", w, true);
    c.author = getString(j, "author", w);
    c.role = getString(j, "role", w);
    c.text = getString(j, "text", w);
    if (const json* r = member(j, "requests_evidence"); r && r->is_boolean())
        c.requestsEvidence = r->get<bool>();
    c.outcome = getString(j, "outcome", w);
    c.atMs = getTimestamp(j, "at", w);
    c.entryHash = getString(j, "entry_sha256", w);
    readSeal(j, w, c.seal);
    return c;
}

SignOff readSignOff(const json& j, const std::string& w) {
    requireObject(j, w);
    SignOff s;
    s.entryId = getString(j, "entry", w, true);
    s.reviewer = getString(j, "reviewer", w, true);
    s.role = getString(j, "role", w);
    s.contentHash = getString(j, "content_sha256", w, true);
    s.atMs = getTimestamp(j, "at", w);
    readSeal(j, w, s.seal);
    s.withdrawnMs = getTimestamp(j, "withdrawn", w);
    s.withdrawnReason = getString(j, "withdrawn_reason", w);
    return s;
}

Tombstone readTombstone(const json& j, const std::string& w) {
    requireObject(j, w);
    return {getString(j, "id", w, true), getTimestamp(j, "deleted", w)};
}

void writeSeal(json& j, const ReviewSeal& seal) {
    if (!seal.publicKey.empty()) j["signer_key"] = seal.publicKey;
    if (!seal.organisation.empty()) j["signer_organisation"] = seal.organisation;
    if (!seal.practitioner.empty()) j["signed_for"] = seal.practitioner;
    if (!seal.signature.empty()) j["signature"] = seal.signature;
}

// Migrations: each turns a document of schema N into schema N+1, in place. Schema 1 is the
// first released format; add a function here (and keep a fixture of the old version in
// tests/fixtures) whenever the format changes.
using Migration = std::function<void(json&)>;
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> kMigrations = {
        // 1 -> 2 (issue 12): tombstones of deleted entries and the save revision. A schema-1
        // file has neither; both start empty.
        [](json& doc) {
            if (!doc.contains("tombstones")) doc["tombstones"] = json::array();
            if (!doc.contains("revision")) doc["revision"] = 0;
        },
        // 2 -> 3 (issue 17): comments and sign-offs may carry a reviewer's signature (signer_key,
        // signer_organisation, signed_for, signature; comments entry_sha256) and sign-offs a
        // withdrawal. Nothing in a schema-2 file is signed, so nothing changes: the step only
        // stops an older Pathway, which would drop the signatures, from opening new files.
        [](json&) {},
        // 3 -> 4 (issue 14): the ASYE record's self-assessment (profile.asye.self_assessment)
        // and development goals linked to a review (a goal entry's "review" field). A schema-3
        // file has neither, so nothing changes: the step stops an older Pathway, which would
        // neither anonymise the self-assessment's comments for moderation nor merge two
        // writers' ratings, from opening new files.
        [](json&) {},
    };
    return kMigrations;
}

std::string describeParseError(const json::parse_error& e, size_t size) {
    if (e.byte >= size) return "the file ends too early (it may be truncated)";
    return "it is not valid JSON (problem near byte " + std::to_string(e.byte) + ")";
}

} // namespace

json tombstonesToJson(const std::vector<Tombstone>& list) {
    json out = json::array();
    for (const auto& t : list) {
        json tj = {{"id", t.id}};
        if (t.deletedMs) tj["deleted"] = formatTimestamp(t.deletedMs);
        out.push_back(std::move(tj));
    }
    return out;
}

json asyeRecordToJson(const AsyeRecord& r) {
    json j = json::object();
    if (!r.leave.empty()) {
        json a = json::array();
        for (const auto& l : r.leave) {
            json lj = {{"from", l.from.toString()},
                       {"to", l.to.toString()},
                       {"kind", std::string(leaveKindId(l.kind))}};
            if (!l.note.empty()) lj["note"] = l.note;
            a.push_back(std::move(lj));
        }
        j["leave"] = std::move(a);
    }
    if (!r.fteChanges.empty()) {
        json a = json::array();
        for (const auto& c : r.fteChanges) a.push_back({{"from", c.from.toString()}, {"fte", c.fte}});
        j["fte_changes"] = std::move(a);
    }
    const auto decision = [](const AsyeDecisionRecord& d) {
        json dj = {{"decision", std::string(asyeDecisionId(d.decision))}, {"date", d.date.toString()}};
        if (!d.by.empty()) dj["by"] = d.by;
        if (d.newEnd) dj["new_end"] = d.newEnd->toString();
        if (!d.note.empty()) dj["note"] = d.note;
        return dj;
    };
    json o = json::object();
    if (r.outcome.recommendation) o["recommendation"] = decision(*r.outcome.recommendation);
    if (r.outcome.moderation) o["moderation"] = decision(*r.outcome.moderation);
    if (r.outcome.final) o["final"] = decision(*r.outcome.final);
    if (!o.empty()) j["outcome"] = std::move(o);
    if (!r.people.empty()) {
        json a = json::array();
        for (const auto& p : r.people)
            a.push_back({{"role", std::string(asyeRoleId(p.role))},
                         {"name", p.name},
                         {"registered_social_worker", p.registeredSocialWorker}});
        j["people"] = std::move(a);
    }
    if (!r.selfAssessment.empty()) {
        json a = json::array();
        for (const auto& s : r.selfAssessment) {
            json sj = {{"point", std::string(selfAssessmentPointId(s.point))},
                       {"item", s.item},
                       {"rating", s.rating},
                       {"date", s.date.toString()}};
            if (!s.comment.empty()) sj["comment"] = s.comment;
            if (s.atMs) sj["at"] = formatTimestamp(s.atMs);
            a.push_back(std::move(sj));
        }
        j["self_assessment"] = std::move(a);
    }
    mergeExtra(j, r.extra);
    return j;
}

std::optional<AsyeRecord> asyeRecordFromJson(const json& j, std::string& error) {
    try {
        return readAsyeRecord(j, "profile.asye");
    } catch (const ReadError& e) {
        error = e.where + " " + e.what;
    } catch (const json::exception& e) {
        error = e.what();
    }
    return std::nullopt;
}

json commentToJson(const Comment& c) {
    json cj = {{"id", c.id},     {"entry", c.entryId}, {"author", c.author},
               {"role", c.role}, {"text", c.text},     {"requests_evidence", c.requestsEvidence}};
    if (!c.outcome.empty()) cj["outcome"] = c.outcome;
    if (c.atMs) cj["at"] = formatTimestamp(c.atMs);
    if (!c.entryHash.empty()) cj["entry_sha256"] = c.entryHash;
    writeSeal(cj, c.seal);
    return cj;
}

json signOffToJson(const SignOff& s) {
    json sj = {{"entry", s.entryId},
               {"reviewer", s.reviewer},
               {"role", s.role},
               {"content_sha256", s.contentHash}};
    if (s.atMs) sj["at"] = formatTimestamp(s.atMs);
    writeSeal(sj, s.seal);
    if (s.withdrawnMs) sj["withdrawn"] = formatTimestamp(s.withdrawnMs);
    if (!s.withdrawnReason.empty()) sj["withdrawn_reason"] = s.withdrawnReason;
    return sj;
}

json profileToJson(const Profile& p) {
    json j = json::object();
    j["name"] = p.name;
    if (!p.registrationNumber.empty()) j["registration_number"] = p.registrationNumber;
    if (!p.employer.empty()) j["employer"] = p.employer;
    if (!p.team.empty()) j["team"] = p.team;
    j["setting"] = settingId(p.setting);
    j["stage"] = stageId(p.stage);
    if (p.asyeStart) j["asye_start"] = p.asyeStart->toString();
    j["fte"] = p.fte;
    if (p.registeredOn) j["registered_on"] = p.registeredOn->toString();
    if (!p.asye.empty()) j["asye"] = asyeRecordToJson(p.asye);
    mergeExtra(j, p.extra);
    return j;
}

json entryToJson(const Entry& e) {
    json j = json::object();
    j["id"] = e.id;
    j["kind"] = kindId(e.kind);
    j["title"] = e.title;
    j["date"] = e.date.toString();
    if (e.createdMs) j["created"] = formatTimestamp(e.createdMs);
    if (e.updatedMs) j["updated"] = formatTimestamp(e.updatedMs);
    json fields = json::object();
    for (const auto& [key, value] : e.fields) {
        if (value.empty()) continue;
        const FieldSpec* spec = findField(e.kind, key);
        if (spec && spec->type == FieldType::Number) {
            if (auto n = parseDecimal(value)) {
                fields[key] = *n;
                continue;
            }
        }
        fields[key] = value;
    }
    j["fields"] = std::move(fields);
    j["tags"] = e.tags;
    if (!e.links.empty()) j["links"] = e.links;
    if (!e.attachments.empty()) {
        json a = json::array();
        for (const auto& att : e.attachments) a.push_back({{"name", att.name}, {"ref", att.ref}});
        j["attachments"] = std::move(a);
    }
    mergeExtra(j, e.extra);
    return j;
}

std::optional<Entry> entryFromJson(const json& j, const std::string& where, std::string& error) {
    try {
        json copy = j;
        return readEntry(copy, where);
    } catch (const ReadError& e) {
        error = e.where + ": " + e.what;
    } catch (const json::exception& e) {
        error = where + ": " + e.what();
    }
    return std::nullopt;
}

namespace {

// A direct writer for serializePortfolio: the same bytes nlohmann's dump(2) gives for the
// document entryToJson() & co. build (keys sorted, 2-space indents, same escapes), without
// building the tree first. Building and dumping the tree cost 2.5 times a plain dump of the
// same bytes and made a 10,000-entry save miss its aim (issue 7). Anything unusual (text that
// needs escapes, entries with fields from newer versions) goes through nlohmann, so the output
// stays exactly what it was; tests/core/serialize_test.cpp checks it against the tree.
void indent(std::string& out, int level) { out.append(static_cast<size_t>(level) * 2, ' '); }

// nlohmann's escapes with ensure_ascii off: \" \\ \b \f \n \r \t, other control characters
// as \u00xx (lower-case hex), everything else as it is. One pass: plain ASCII is copied in
// runs found eight bytes at a time, and other bytes are checked as UTF-8 where they stand
// (the same check as findInvalidUtf8). Text that is not UTF-8 goes through nlohmann, which
// throws type_error 316, as the tree did.
void writeString(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    const size_t start = out.size();
    const char* p = s.data();
    const size_t n = s.size();
    out += '"';
    size_t run = 0; // start of the bytes not yet copied
    size_t i = 0;
    while (i < n) {
        while (i + 8 <= n) {
            const uint64_t w = swar::load(p + i);
            if (swar::nonAscii(w) | swar::below(w, 0x20) | swar::eq(w, '"') | swar::eq(w, '\\'))
                break;
            i += 8;
        }
        if (i >= n) break;
        const auto c = static_cast<unsigned char>(p[i]);
        if (c >= 0x80) {
            const size_t len = utf8SequenceAt(s, i);
            if (len == 0) {
                out.resize(start);
                out += json(std::string(s)).dump();
                return;
            }
            i += len;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(p + run, i - run);
        run = ++i;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    out.append(p + run, n - run);
    out += '"';
}

void writeJson(std::string& out, const json& j, int level) {
    if (j.is_object() || j.is_array()) {
        if (j.empty()) {
            out += j.is_object() ? "{}" : "[]";
            return;
        }
        out += j.is_object() ? "{\n" : "[\n";
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!first) out += ",\n";
            first = false;
            indent(out, level + 1);
            if (j.is_object()) {
                writeString(out, it.key());
                out += ": ";
            }
            writeJson(out, it.value(), level + 1);
        }
        out += '\n';
        indent(out, level);
        out += j.is_object() ? '}' : ']';
    } else if (j.is_string()) {
        writeString(out, j.get_ref<const std::string&>());
    } else {
        out += j.dump();
    }
}

void writeStrings(std::string& out, const std::vector<std::string>& list, int level) {
    if (list.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (size_t i = 0; i < list.size(); ++i) {
        if (i) out += ",\n";
        indent(out, level + 1);
        writeString(out, list[i]);
    }
    out += '\n';
    indent(out, level);
    out += ']';
}

// One entry at `level`, keys in nlohmann's (sorted) order; see entryToJson.
void writeEntry(std::string& out, const Entry& e, int level) {
    if (e.extra.is_object() && !e.extra.empty()) {
        writeJson(out, entryToJson(e), level);
        return;
    }
    bool first = true;
    auto key = [&](const char* k) {
        out += first ? "{\n" : ",\n";
        first = false;
        indent(out, level + 1);
        out += '"';
        out += k;
        out += "\": ";
    };
    if (!e.attachments.empty()) {
        key("attachments");
        out += "[\n";
        for (size_t i = 0; i < e.attachments.size(); ++i) {
            if (i) out += ",\n";
            indent(out, level + 2);
            out += "{\n";
            indent(out, level + 3);
            out += "\"name\": ";
            writeString(out, e.attachments[i].name);
            out += ",\n";
            indent(out, level + 3);
            out += "\"ref\": ";
            writeString(out, e.attachments[i].ref);
            out += '\n';
            indent(out, level + 2);
            out += '}';
        }
        out += '\n';
        indent(out, level + 1);
        out += ']';
    }
    // Dates and timestamps are digits and dashes: nothing to escape.
    auto plain = [&](const std::string& text) {
        out += '"';
        out += text;
        out += '"';
    };
    if (e.createdMs) {
        key("created");
        plain(formatTimestamp(e.createdMs));
    }
    key("date");
    plain(e.date.toString());
    key("fields");
    bool firstField = true;
    for (const auto& [name, value] : e.fields) {
        if (value.empty()) continue;
        out += firstField ? "{\n" : ",\n";
        firstField = false;
        indent(out, level + 2);
        writeString(out, name);
        out += ": ";
        const FieldSpec* spec = findField(e.kind, name);
        std::optional<double> n;
        if (spec && spec->type == FieldType::Number) n = parseDecimal(value);
        if (n)
            out += json(*n).dump();
        else
            writeString(out, value);
    }
    if (firstField) {
        out += "{}";
    } else {
        out += '\n';
        indent(out, level + 1);
        out += '}';
    }
    key("id");
    writeString(out, e.id);
    key("kind");
    writeString(out, kindId(e.kind));
    if (!e.links.empty()) {
        key("links");
        writeStrings(out, e.links, level + 1);
    }
    key("tags");
    writeStrings(out, e.tags, level + 1);
    key("title");
    writeString(out, e.title);
    if (e.updatedMs) {
        key("updated");
        plain(formatTimestamp(e.updatedMs));
    }
    out += '\n';
    indent(out, level);
    out += '}';
}

} // namespace

std::string serializePortfolio(const Portfolio& p) {
    // Everything but the entries as a (small) document, so unknown top-level fields merge and
    // sort as before; the entries, nearly all of the bytes, are written directly.
    json j = json::object();
    j["format"] = kPortfolioFormat;
    j["schema"] = kSchemaVersion;
    j["profile"] = profileToJson(p.profile);
    j["assessed_against"] = p.assessedAgainst;
    j["entries"] = json::array(); // placeholder: mergeExtra never replaces a key
    json comments = json::array();
    for (const auto& c : p.comments) comments.push_back(commentToJson(c));
    j["comments"] = std::move(comments);
    json signOffs = json::array();
    for (const auto& s : p.signOffs) signOffs.push_back(signOffToJson(s));
    j["sign_offs"] = std::move(signOffs);
    j["revision"] = p.revision;
    j["tombstones"] = tombstonesToJson(p.tombstones);
    mergeExtra(j, p.extra);

    std::string out;
    size_t estimate = 4096;
    for (const auto& e : p.entries) {
        estimate += 256 + e.title.size();
        for (const auto& [k, v] : e.fields) estimate += k.size() + v.size() + 16;
    }
    out.reserve(estimate);
    // nlohmann's object keeps keys sorted, so the output is stable for equal portfolios.
    out += "{\n";
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ",\n";
        first = false;
        indent(out, 1);
        writeString(out, it.key());
        out += ": ";
        if (it.key() != "entries") {
            writeJson(out, it.value(), 1);
        } else if (p.entries.empty()) {
            out += "[]";
        } else {
            out += "[\n";
            for (size_t i = 0; i < p.entries.size(); ++i) {
                if (i) out += ",\n";
                indent(out, 2);
                writeEntry(out, p.entries[i], 2);
            }
            out += "\n  ]";
        }
    }
    out += "\n}\n";
    return out;
}

json portfolioToJson(const Portfolio& p) {
    json j = json::object();
    j["format"] = kPortfolioFormat;
    j["schema"] = kSchemaVersion;
    j["profile"] = profileToJson(p.profile);
    j["assessed_against"] = p.assessedAgainst;
    json entries = json::array();
    for (const auto& e : p.entries) entries.push_back(entryToJson(e));
    j["entries"] = std::move(entries);
    json comments = json::array();
    for (const auto& c : p.comments) comments.push_back(commentToJson(c));
    j["comments"] = std::move(comments);
    json signOffs = json::array();
    for (const auto& s : p.signOffs) signOffs.push_back(signOffToJson(s));
    j["sign_offs"] = std::move(signOffs);
    j["revision"] = p.revision;
    j["tombstones"] = tombstonesToJson(p.tombstones);
    mergeExtra(j, p.extra);
    return j;
}

std::string entryFileText(const Entry& entry) {
    std::string out;
    writeEntry(out, entry, 0);
    return out;
}

/// The reference the writer above must match byte for byte (kept for tests).
std::string serializePortfolioViaTree(const Portfolio& p) {
    // nlohmann's object keeps keys sorted, so the output is stable for equal portfolios.
    return portfolioToJson(p).dump(2) + "\n";
}

namespace {

// The checks both readers rely on, ahead of either: size, blank, UTF-8. False with r.error set.
bool checkBytes(std::string_view bytes, LoadResult& r) {
    if (bytes.size() > kMaxPortfolioBytes) {
        r.error = "This file is too large to be a portfolio (" +
                  std::to_string(bytes.size() / (1024 * 1024)) + " MB; the limit is " +
                  std::to_string(kMaxPortfolioBytes / (1024 * 1024)) + " MB).";
        return false;
    }
    if (trim(bytes).empty()) {
        r.error = "This file is empty.";
        return false;
    }
    if (auto bad = findInvalidUtf8(bytes)) {
        r.error = "This file is not valid UTF-8 text (bad byte at offset " +
                  std::to_string(*bad) + "); it may be damaged or not a portfolio.";
        return false;
    }
    return true;
}

// The tree reader, for bytes that passed checkBytes.
LoadResult parseCheckedViaTree(std::string_view bytes) {
    LoadResult r;
    if (jsonNestingExceeds(bytes, kMaxJsonNesting)) {
        // 70,000 nested lists overflowed the stack of the CLI and the desktop app (issue 12).
        r.error = "This portfolio cannot be read: it nests values more than " +
                  std::to_string(kMaxJsonNesting) + " levels deep.";
        return r;
    }
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error& e) {
        r.error = "This portfolio cannot be read: " + describeParseError(e, bytes.size()) + ".";
        return r;
    } catch (const json::exception&) {
        // e.g. out_of_range 406, a number too large for a double (1e400): found by fuzzing.
        r.error = "This portfolio cannot be read: it holds a number too large to read.";
        return r;
    }
    return portfolioFromJson(std::move(doc));
}

} // namespace

LoadResult portfolioFromJson(json doc) {
    LoadResult r;
    // Not doc.value("format", ""): it throws when "format" is not text (found by fuzzing).
    const json* format = doc.is_object() ? member(doc, "format") : nullptr;
    if (!format || !format->is_string() || format->get_ref<const std::string&>() != kPortfolioFormat) {
        r.error = "This file is not a Pathway portfolio.";
        return r;
    }
    const json* schema = member(doc, "schema");
    if (!schema || !schema->is_number_integer() || schema->get<int64_t>() < 1) {
        r.error = "This portfolio has no valid schema version.";
        return r;
    }
    const int64_t version = schema->get<int64_t>();
    r.fromSchema = static_cast<int>(version);
    if (version > kSchemaVersion) {
        r.error = "This portfolio was saved by a newer version of Pathway (schema " +
                  std::to_string(version) + "; this version reads up to " +
                  std::to_string(kSchemaVersion) + "). Update Pathway to open it.";
        return r;
    }
    try {
        for (int64_t v = version; v < kSchemaVersion; ++v) {
            migrations().at(static_cast<size_t>(v - 1))(doc);
            doc["schema"] = v + 1;
        }
        Portfolio p;
        const json* profile = member(doc, "profile");
        if (!profile) throw ReadError{"profile", "is missing"};
        p.profile = readProfile(*profile);
        if (const json* a = member(doc, "assessed_against"); a && !a->is_null()) {
            requireObject(*a, "assessed_against");
            for (auto it = a->begin(); it != a->end(); ++it) {
                if (!it.value().is_string())
                    throw ReadError{"assessed_against." + it.key(), "should be text"};
                p.assessedAgainst[it.key()] = it.value().get<std::string>();
            }
        }
        std::set<std::string> ids;
        if (auto es = doc.find("entries"); es != doc.end() && !es->is_null()) {
            if (!es->is_array()) throw ReadError{"entries", "should be a list"};
            p.entries.reserve(es->size());
            for (size_t i = 0; i < es->size(); ++i) {
                const std::string w = "entries[" + std::to_string(i) + "]";
                p.entries.push_back(readEntry((*es)[i], w));
                if (!ids.insert(p.entries.back().id).second)
                    throw ReadError{w + ".id", "\"" + p.entries.back().id + "\" is used twice"};
            }
        }
        if (const json* cs = member(doc, "comments"); cs && cs->is_array())
            for (size_t i = 0; i < cs->size(); ++i)
                p.comments.push_back(readComment((*cs)[i], "comments[" + std::to_string(i) + "]"));
        if (const json* ss = member(doc, "sign_offs"); ss && ss->is_array())
            for (size_t i = 0; i < ss->size(); ++i)
                p.signOffs.push_back(
                    readSignOff((*ss)[i], "sign_offs[" + std::to_string(i) + "]"));
        if (const json* ts = member(doc, "tombstones"); ts && !ts->is_null()) {
            if (!ts->is_array()) throw ReadError{"tombstones", "should be a list"};
            for (size_t i = 0; i < ts->size(); ++i) {
                Tombstone t = readTombstone((*ts)[i], "tombstones[" + std::to_string(i) + "]");
                addTombstone(p, t.id, t.deletedMs);
            }
        }
        if (const json* rev = member(doc, "revision"); rev && !rev->is_null()) {
            if (!rev->is_number_integer() || rev->get<int64_t>() < 0)
                throw ReadError{"revision", "should be a whole number"};
            p.revision = rev->get<int64_t>();
        }
        p.extra = unknownMembers(doc, {"format", "schema", "profile", "assessed_against",
                                       "entries", "comments", "sign_offs", "tombstones",
                                       "revision"});
        r.portfolio = std::move(p);
    } catch (const ReadError& e) {
        r.error = "This portfolio cannot be read: " + e.where + " " + e.what + ".";
    } catch (const json::exception& e) {
        r.error = std::string("This portfolio cannot be read: ") + e.what();
    }
    return r;
}

LoadResult parsePortfolio(std::string_view bytes) {
    LoadResult r;
    if (!checkBytes(bytes, r)) return r;
    // The direct reader takes current-schema files; anything unusual goes through the tree.
    if (parsePortfolioFast(bytes, r)) return r;
    return parseCheckedViaTree(bytes);
}

/// The reference the direct reader must match (kept for tests and for what it gives up on).
LoadResult parsePortfolioViaTree(std::string_view bytes) {
    LoadResult r;
    if (!checkBytes(bytes, r)) return r;
    return parseCheckedViaTree(bytes);
}

} // namespace pathway::core
