#include "pathway/core/review.hpp"

#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <tuple>

namespace pathway::core {

using nlohmann::json;

const Entry* resolveEntry(const Portfolio& portfolio, std::string_view idOrPrefix,
                          std::string& error) {
    if (const Entry* e = portfolio.find(idOrPrefix)) return e;
    if (idOrPrefix.size() < 4) {
        error = "no entry has the id \"" + std::string(idOrPrefix) + "\"";
        return nullptr;
    }
    const Entry* found = nullptr;
    for (const auto& e : portfolio.entries) {
        if (e.id.rfind(idOrPrefix, 0) == 0) {
            if (found) {
                error = "\"" + std::string(idOrPrefix) + "\" matches more than one entry";
                return nullptr;
            }
            found = &e;
        }
    }
    if (!found) error = "no entry has the id \"" + std::string(idOrPrefix) + "\"";
    return found;
}

FeedbackResult buildFeedback(const Portfolio& portfolio, std::string_view reviewer,
                             std::string_view role, const std::vector<ReviewAction>& actions,
                             int64_t nowMs, IdSource& ids, const ReviewerKey* key) {
    FeedbackResult r;
    Feedback f;
    f.reviewer = std::string(trim(key ? std::string_view(key->card.name) : reviewer));
    f.role = std::string(trim(key ? std::string_view(key->card.role) : role));
    if (key) {
        f.organisation = key->card.organisation;
        f.publicKey = key->card.publicKey;
    }
    f.practitioner = portfolio.profile.name;
    nowMs -= nowMs % 1000; // files keep whole seconds: what is saved is what merges compare
    f.createdMs = nowMs;
    if (f.reviewer.empty()) {
        r.error = "the reviewer's name is empty";
        return r;
    }
    for (const auto& a : actions) {
        std::string err;
        const Entry* e = resolveEntry(portfolio, a.entry, err);
        if (!e) {
            r.error = err;
            return r;
        }
        if (a.type == ReviewAction::Type::SignOff) {
            SignOff s;
            s.entryId = e->id;
            s.reviewer = f.reviewer;
            s.role = f.role;
            s.contentHash = entryContentHash(*e);
            s.atMs = nowMs;
            bool dup = false;
            for (const auto& x : f.signOffs)
                if (x.entryId == s.entryId && x.contentHash == s.contentHash) dup = true;
            if (dup) continue;
            if (key) signSignOff(s, *key, f.practitioner);
            f.signOffs.push_back(std::move(s));
            continue;
        }
        Comment c;
        c.id = ids.next();
        c.entryId = e->id;
        c.author = f.reviewer;
        c.role = f.role;
        c.atMs = nowMs;
        if (a.type == ReviewAction::Type::Outcome) {
            const std::string o = asciiLower(trim(a.text));
            if (std::find(std::begin(kReviewOutcomes), std::end(kReviewOutcomes), o) ==
                std::end(kReviewOutcomes)) {
                r.error = "\"" + a.text + "\" is not a review outcome (on-track, concerns, "
                          "not-on-track, pass, fail)";
                return r;
            }
            c.outcome = o;
        } else {
            c.text = std::string(trim(a.text));
            if (c.text.empty()) {
                r.error = "a comment or request on \"" + e->title + "\" is empty";
                return r;
            }
            c.requestsEvidence = a.type == ReviewAction::Type::RequestEvidence;
        }
        c.entryHash = entryContentHash(*e);
        if (key) signComment(c, *key, f.practitioner);
        f.comments.push_back(std::move(c));
    }
    r.feedback = std::move(f);
    return r;
}

namespace {

// Items of a feedback file: the signer's key, organisation and practitioner are the file's
// (reviewer card, practitioner), so each item carries only its own signature. Otherwise as the
// portfolio stores them.
ReviewSeal signatureOnly(const ReviewSeal& seal) {
    ReviewSeal out;
    out.signature = seal.signature;
    return out;
}

json feedbackCommentJson(Comment c) {
    c.seal = signatureOnly(c.seal);
    return commentToJson(c);
}

json feedbackSignOffJson(SignOff s) {
    s.seal = signatureOnly(s.seal);
    s.withdrawnMs = 0; // a withdrawal is the practitioner's, never in a reviewer's file
    s.withdrawnReason.clear();
    return signOffToJson(s);
}

struct FieldError {
    std::string where, what;
};

std::string str(const json& o, const char* key, const std::string& w, bool required) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        if (required) throw FieldError{w + "." + key, "is missing"};
        return {};
    }
    if (!it->is_string()) throw FieldError{w + "." + key, "should be text"};
    return it->get<std::string>();
}

int64_t stamp(const json& o, const char* key, const std::string& w) {
    std::string s = str(o, key, w, false);
    if (s.empty()) return 0;
    auto t = parseTimestamp(s);
    if (!t) throw FieldError{w + "." + key, "\"" + s + "\" is not a timestamp"};
    return *t;
}

auto commentKey(const Comment& c) {
    return std::tie(c.atMs, c.id, c.entryId, c.author, c.role, c.text, c.requestsEvidence,
                    c.outcome, c.entryHash);
}
auto signOffOrder(const SignOff& s) {
    return std::tie(s.atMs, s.entryId, s.reviewer, s.role, s.contentHash, s.seal.publicKey,
                    s.seal.signature, s.seal.organisation, s.seal.practitioner, s.withdrawnMs,
                    s.withdrawnReason);
}
auto sealKey(const ReviewSeal& x) {
    return std::tie(x.publicKey, x.signature, x.organisation, x.practitioner);
}
// Who a comment is from, for keying: the key when signed, else the names it gives.
std::string signerOf(const Comment& c) {
    if (isSigned(c.seal)) return "k:" + c.seal.publicKey;
    return "u:" + c.author + '\x1f' + c.role;
}
// The same comment apart from its signature (an unsigned copy of a signed one).
bool sameWords(const Comment& a, const Comment& b) {
    return a.id == b.id && a.entryId == b.entryId && a.author == b.author && a.role == b.role &&
           a.text == b.text && a.requestsEvidence == b.requestsEvidence &&
           a.outcome == b.outcome && a.atMs == b.atMs;
}

// Unites `incoming` comments into `into` and sign-offs, so that the result does not depend on
// the order of merges. Comments are keyed by id and signer: one signer's clash keeps the
// greater by key (a later revision); another signer's comment under the same id is kept beside
// it, never replacing it. Sign-offs are keyed by entry, reviewer, role, hash and signature
// (the earliest time kept; a withdrawal, once recorded, stays). An unsigned copy of a signed
// item (an import of one's own backup) adds nothing.
void uniteReviews(Portfolio& into, const std::vector<Comment>& comments,
                  const std::vector<SignOff>& signOffs, MergeReport& report) {
    std::map<std::pair<std::string, std::string>, Comment> byId;
    std::set<std::string> idsBefore;
    for (const auto& c : into.comments) {
        idsBefore.insert(c.id);
        auto [it, fresh] = byId.emplace(std::make_pair(c.id, signerOf(c)), c);
        if (!fresh && commentKey(it->second) < commentKey(c)) it->second = c;
    }
    for (const auto& c : comments) {
        auto [it, fresh] = byId.emplace(std::make_pair(c.id, signerOf(c)), c);
        if (fresh) {
            ++report.commentsAdded;
            if (idsBefore.count(c.id)) ++report.commentsKeptApart;
        } else {
            ++report.commentsAlready;
            if (commentKey(it->second) < commentKey(c) ||
                (commentKey(it->second) == commentKey(c) && sealKey(it->second.seal) < sealKey(c.seal)))
                it->second = c;
        }
    }
    into.comments.clear();
    for (const auto& [k, c] : byId) {
        if (!isSigned(c.seal)) {
            bool copy = false;
            for (auto it = byId.lower_bound({c.id, ""}); it != byId.end() && it->first.first == c.id; ++it)
                if (isSigned(it->second.seal) && sameWords(it->second, c)) copy = true;
            if (copy) continue;
        }
        into.comments.push_back(c);
    }

    using SignOffKey = std::tuple<std::string, std::string, std::string, std::string, std::string,
                                  std::string>;
    std::map<SignOffKey, SignOff> byKey;
    auto add = [&](const SignOff& s, bool counting) {
        auto key = std::make_tuple(s.entryId, s.reviewer, s.role, s.contentHash, s.seal.publicKey,
                                   s.seal.signature);
        auto [it, fresh] = byKey.emplace(key, s);
        if (counting) ++(fresh ? report.signOffsAdded : report.signOffsAlready);
        if (fresh) return;
        SignOff& have = it->second;
        if (s.atMs < have.atMs) have.atMs = s.atMs;
        if (sealKey(have.seal) < sealKey(s.seal)) have.seal = s.seal;
        if (s.withdrawnMs && (!have.withdrawnMs ||
                              std::tie(s.withdrawnMs, s.withdrawnReason) <
                                  std::tie(have.withdrawnMs, have.withdrawnReason))) {
            have.withdrawnMs = s.withdrawnMs;
            have.withdrawnReason = s.withdrawnReason;
        }
    };
    for (const auto& s : into.signOffs) add(s, false);
    for (const auto& s : signOffs) add(s, true);
    into.signOffs.clear();
    for (const auto& [k, s] : byKey) {
        if (!isSigned(s.seal)) {
            bool copy = false;
            for (const auto& [k2, t] : byKey)
                if (isSigned(t.seal) && t.entryId == s.entryId && t.reviewer == s.reviewer &&
                    t.role == s.role && t.contentHash == s.contentHash)
                    copy = true;
            if (copy) continue;
        }
        into.signOffs.push_back(s);
    }
    normaliseReviews(into);
    const EntryIndex index(into);
    for (const auto& s : signOffs)
        if (signOffStateOf(index.find(s.entryId), s) != SignOffState::Current)
            ++report.signOffsNotCurrent;
}

} // namespace

void normaliseReviews(Portfolio& p) {
    std::stable_sort(p.comments.begin(), p.comments.end(),
                     [](const Comment& a, const Comment& b) { return commentKey(a) < commentKey(b); });
    std::stable_sort(p.signOffs.begin(), p.signOffs.end(), [](const SignOff& a, const SignOff& b) {
        return signOffOrder(a) < signOffOrder(b);
    });
}

std::string serializeFeedback(const Feedback& f) {
    json j = json::object();
    j["format"] = kFeedbackFormat;
    j["schema"] = kFeedbackSchema;
    j["reviewer"] = {{"name", f.reviewer}, {"role", f.role}};
    if (!f.publicKey.empty()) {
        j["reviewer"]["organisation"] = f.organisation;
        j["reviewer"]["public_key"] = f.publicKey;
        j["reviewer"]["fingerprint"] = keyFingerprint(f.publicKey);
    }
    j["practitioner"] = f.practitioner;
    if (f.createdMs) j["created"] = formatTimestamp(f.createdMs);
    j["comments"] = json::array();
    for (const auto& c : f.comments) j["comments"].push_back(feedbackCommentJson(c));
    j["sign_offs"] = json::array();
    for (const auto& s : f.signOffs) j["sign_offs"].push_back(feedbackSignOffJson(s));
    return j.dump(2) + "\n";
}

FeedbackResult parseFeedback(std::string_view bytes) {
    FeedbackResult r;
    if (bytes.size() > kMaxPortfolioBytes) {
        r.error = "This file is too large to be a feedback file.";
        return r;
    }
    if (auto bad = findInvalidUtf8(bytes)) {
        r.error = "This feedback file is not valid UTF-8 text (bad byte at offset " +
                  std::to_string(*bad) + ").";
        return r;
    }
    if (jsonNestingExceeds(bytes, kMaxJsonNesting)) {
        r.error = "This feedback file nests values more than " + std::to_string(kMaxJsonNesting) +
                  " levels deep; it cannot be read.";
        return r;
    }
    json doc;
    try {
        doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::exception&) {
        // parse_error, and out_of_range for numbers too large for a double (1e400): it used to
        // escape and end the program (found by tests/fuzz/fuzz_feedback.cpp).
        r.error = "This feedback file is not valid JSON.";
        return r;
    }
    if (!doc.is_object() || !doc.contains("format") || doc["format"] != kFeedbackFormat) {
        r.error = "This file is not a Pathway feedback file.";
        return r;
    }
    if (!doc.contains("schema") || !doc["schema"].is_number_integer()) {
        r.error = "This feedback file has no valid schema version.";
        return r;
    }
    if (doc["schema"].get<int64_t>() > kFeedbackSchema) {
        r.error = "This feedback file comes from a newer version of Pathway.";
        return r;
    }
    try {
        Feedback f;
        if (!doc.contains("reviewer") || !doc["reviewer"].is_object())
            throw FieldError{"reviewer", "is missing"};
        f.reviewer = str(doc["reviewer"], "name", "reviewer", true);
        f.role = str(doc["reviewer"], "role", "reviewer", false);
        f.organisation = str(doc["reviewer"], "organisation", "reviewer", false);
        f.publicKey = asciiLower(str(doc["reviewer"], "public_key", "reviewer", false));
        f.practitioner = str(doc, "practitioner", "", false);
        f.createdMs = stamp(doc, "created", "");
        // Every item's seal: the file's card and practitioner with the item's own signature.
        auto seal = [&](const json& o, const std::string& w) {
            ReviewSeal x;
            x.signature = asciiLower(str(o, "signature", w, false));
            if (!f.publicKey.empty() || !x.signature.empty()) {
                x.publicKey = f.publicKey;
                x.organisation = f.organisation;
                x.practitioner = f.practitioner;
            }
            return x;
        };
        if (auto it = doc.find("comments"); it != doc.end() && !it->is_null()) {
            if (!it->is_array()) throw FieldError{"comments", "should be a list"};
            for (size_t i = 0; i < it->size(); ++i) {
                const json& cj = (*it)[i];
                const std::string w = "comments[" + std::to_string(i) + "]";
                if (!cj.is_object()) throw FieldError{w, "should be an object"};
                Comment c;
                c.id = str(cj, "id", w, true);
                c.entryId = str(cj, "entry", w, true);
                c.author = str(cj, "author", w, false);
                c.role = str(cj, "role", w, false);
                c.text = str(cj, "text", w, false);
                if (auto re = cj.find("requests_evidence"); re != cj.end() && re->is_boolean())
                    c.requestsEvidence = re->get<bool>();
                c.outcome = str(cj, "outcome", w, false);
                c.atMs = stamp(cj, "at", w);
                c.entryHash = str(cj, "entry_sha256", w, false);
                if (c.author.empty()) c.author = f.reviewer;
                c.seal = seal(cj, w);
                f.comments.push_back(std::move(c));
            }
        }
        if (auto it = doc.find("sign_offs"); it != doc.end() && !it->is_null()) {
            if (!it->is_array()) throw FieldError{"sign_offs", "should be a list"};
            for (size_t i = 0; i < it->size(); ++i) {
                const json& sj = (*it)[i];
                const std::string w = "sign_offs[" + std::to_string(i) + "]";
                if (!sj.is_object()) throw FieldError{w, "should be an object"};
                SignOff s;
                s.entryId = str(sj, "entry", w, true);
                s.reviewer = str(sj, "reviewer", w, false);
                if (s.reviewer.empty()) s.reviewer = f.reviewer;
                s.role = str(sj, "role", w, false);
                s.contentHash = str(sj, "content_sha256", w, true);
                s.atMs = stamp(sj, "at", w);
                s.seal = seal(sj, w);
                f.signOffs.push_back(std::move(s));
            }
        }
        r.feedback = std::move(f);
    } catch (const FieldError& e) {
        r.error = "This feedback file cannot be read: " +
                  (e.where.rfind('.', 0) == 0 ? e.where.substr(1) : e.where) + " " + e.what + ".";
    } catch (const json::exception& e) {
        r.error = std::string("This feedback file cannot be read: ") + e.what();
    }
    return r;
}

std::string checkFeedbackSignatures(const Feedback& f) {
    const bool signedFile = !f.publicKey.empty();
    // The first comment or sign-off with no signature in a signed file, or a wrong one.
    auto firstBad = [&](const auto& items, const char* list) -> std::string {
        for (size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            const std::string where = std::string(list) + "[" + std::to_string(i) +
                                      "] (on entry " + item.entryId + ")";
            if (signedFile && item.seal.signature.empty())
                return where + " has no signature although the file is signed: it was added "
                               "after signing";
            if (isSigned(item.seal) && !sealVerifies(item))
                return where + " does not match its signature: the file was changed after " +
                       cardOf(item).name + " signed it, or not signed by the key it names";
        }
        return {};
    };
    std::string bad = firstBad(f.comments, "comments");
    return bad.empty() ? firstBad(f.signOffs, "sign_offs") : bad;
}

MergeResult mergeFeedback(const Portfolio& portfolio, const Feedback& feedback) {
    MergeResult r{portfolio, {}, {}};
    if (std::string bad = checkFeedbackSignatures(feedback); !bad.empty()) {
        r.error = bad + ". Nothing was merged.";
        return r;
    }
    const EntryIndex index(portfolio);
    for (const auto& s : feedback.signOffs)
        if (!index.find(s.entryId)) {
            r.error = "it signs off entry " + s.entryId +
                      ", which is not in this portfolio. Nothing was merged.";
            return r;
        }
    uniteReviews(r.portfolio, feedback.comments, feedback.signOffs, r.report);
    for (const auto& c : feedback.comments) r.report.unsignedItems += !isSigned(c.seal);
    for (const auto& s : feedback.signOffs) r.report.unsignedItems += !isSigned(s.seal);
    if (r.report.unsignedItems)
        r.report.notes.push_back(std::to_string(r.report.unsignedItems) +
                                 " item(s) came without a reviewer's signature (an older Pathway, "
                                 "or written without a key): kept as unsigned");
    if (r.report.commentsKeptApart)
        r.report.notes.push_back(std::to_string(r.report.commentsKeptApart) +
                                 " comment(s) reuse the id of a comment by someone else: both "
                                 "are kept, neither replaces the other");
    std::set<std::string> unknown;
    for (const auto& c : feedback.comments)
        if (!index.find(c.entryId)) unknown.insert(c.entryId);
    if (!unknown.empty())
        r.report.notes.push_back(std::to_string(unknown.size()) +
                                 " entr" + (unknown.size() == 1 ? "y" : "ies") +
                                 " the feedback refers to are not in this portfolio; the "
                                 "feedback is kept");
    if (!feedback.practitioner.empty() && feedback.practitioner != portfolio.profile.name)
        r.report.notes.push_back("the feedback was written for \"" + feedback.practitioner +
                                 "\", this portfolio belongs to \"" + portfolio.profile.name +
                                 "\"");
    return r;
}

namespace {

// Both sides hold different versions of one entry: `kept` becomes the newer (updated time, then
// content hash) and the other is returned as a "conflicting copy" whose id derives from its
// content (so merging again adds nothing). Sets `updated` when `other` won.
Entry conflictCopy(Entry& kept, const Entry& other, bool& updated) {
    const std::string hKept = entryContentHash(kept), hOther = entryContentHash(other);
    updated = std::tie(other.updatedMs, hOther) > std::tie(kept.updatedMs, hKept);
    Entry loser = updated ? kept : other;
    if (updated) kept = other;
    const std::string originalId = loser.id;
    loser.id = derivedUuid(loser.id + ":" + entryContentHash(loser));
    loser.title += " (conflicting copy)";
    loser.extra["conflict_of"] = originalId;
    return loser;
}

// Three-way merge of one value: the side that changed it; mine when both did.
template <class T>
const T& pick3(const T& base, const T& mine, const T& theirs) {
    return theirs == base ? mine : mine == base ? theirs : mine;
}

// Objects of unknown fields: the side that changed them, both united when both did (mine's
// value for a key both hold).
json uniteExtra(const json& base, const json& mine, const json& theirs) {
    json out = theirs == base ? mine : theirs;
    if (!(mine == base) && mine.is_object() && out.is_object())
        for (auto it = mine.begin(); it != mine.end(); ++it) out[it.key()] = it.value();
    return out;
}

// Each of `members` of `out` from the side that changed it (pick3).
template <class S, class... M>
void pickMembers(S& out, const S& base, const S& mine, const S& theirs, M S::*... members) {
    ((out.*members = pick3(base.*members, mine.*members, theirs.*members)), ...);
}

template <class T>
bool holds(const std::vector<T>& list, const T& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
}

// Three-way merge of a list of records (leave, hours changes, people, self-ratings): mine's order; a record
// removed (or edited) on either side goes, a record added on either side is kept, so two
// places that each record a leave period keep both.
template <class T>
std::vector<T> mergeRecords(const std::vector<T>& base, const std::vector<T>& mine,
                            const std::vector<T>& theirs) {
    std::vector<T> out;
    for (const auto& x : mine)
        if (!holds(base, x) || holds(theirs, x)) out.push_back(x);
    for (const auto& x : theirs)
        if (!holds(base, x) && !holds(out, x)) out.push_back(x);
    return out;
}

// The ASYE record, three ways: each list by its records, each outcome step by the side that
// recorded it.
AsyeRecord mergeAsyeRecords(const AsyeRecord& base, const AsyeRecord& mine, const AsyeRecord& theirs) {
    AsyeRecord out;
    out.leave = mergeRecords(base.leave, mine.leave, theirs.leave);
    out.fteChanges = mergeRecords(base.fteChanges, mine.fteChanges, theirs.fteChanges);
    out.people = mergeRecords(base.people, mine.people, theirs.people);
    out.selfAssessment = mergeRecords(base.selfAssessment, mine.selfAssessment, theirs.selfAssessment);
    pickMembers(out.outcome, base.outcome, mine.outcome, theirs.outcome, &AsyeOutcome::recommendation,
                &AsyeOutcome::moderation, &AsyeOutcome::final);
    out.extra = uniteExtra(base.extra, mine.extra, theirs.extra);
    return out;
}

// The profile, field by field: the side that changed a field; mine when both did. The stage
// goes with the final outcome (a pass moves it on), so it comes from the side whose final
// outcome is kept when either recorded one.
Profile mergeProfiles(const Profile& base, const Profile& mine, const Profile& theirs) {
    Profile out;
    pickMembers(out, base, mine, theirs, &Profile::name, &Profile::registrationNumber, &Profile::employer,
                &Profile::team, &Profile::setting, &Profile::stage, &Profile::asyeStart, &Profile::fte,
                &Profile::registeredOn);
    out.asye = mergeAsyeRecords(base.asye, mine.asye, theirs.asye);
    out.extra = uniteExtra(base.extra, mine.extra, theirs.extra);
    const auto& bf = base.asye.outcome.final;
    if (!(mine.asye.outcome.final == bf))
        out.stage = mine.stage;
    else if (!(theirs.asye.outcome.final == bf))
        out.stage = theirs.stage;
    return out;
}

// Another copy's ASYE record added to this one (mergePortfolios: there is no base): records
// this copy lacks are added, an outcome step this copy has not recorded is taken, and a final
// pass taken so moves the stage on as recording it would have.
Profile withAsyeRecordOf(Profile p, const AsyeRecord& other) {
    AsyeRecord& a = p.asye;
    for (const auto& x : other.leave)
        if (!holds(a.leave, x)) a.leave.push_back(x);
    for (const auto& x : other.fteChanges)
        if (!holds(a.fteChanges, x)) a.fteChanges.push_back(x);
    for (const auto& x : other.people)
        if (!holds(a.people, x)) a.people.push_back(x);
    for (const auto& x : other.selfAssessment)
        if (!holds(a.selfAssessment, x)) a.selfAssessment.push_back(x);
    if (!a.outcome.recommendation) a.outcome.recommendation = other.outcome.recommendation;
    if (!a.outcome.moderation) a.outcome.moderation = other.outcome.moderation;
    if (other.extra.is_object() && a.extra.is_object())
        for (auto it = other.extra.begin(); it != other.extra.end(); ++it)
            if (!a.extra.contains(it.key())) a.extra[it.key()] = it.value();
    if (!a.outcome.final && other.outcome.final) p = withFinalOutcome(std::move(p), *other.outcome.final);
    return p;
}

// Academy rosters kept in `from` (unknown members to the rest of the merge) join those in
// `into`: a roster loaded on one side is never dropped because the other changed too.
void uniteRosters(Portfolio& into, const Portfolio& from) {
    for (const auto& roster : portfolioRosters(from)) addRosterToPortfolio(into, roster);
}

void noteConflicts(MergeReport& report) {
    if (report.conflictCopies > 0)
        report.notes.push_back(std::to_string(report.conflictCopies) + " entr" +
                               (report.conflictCopies == 1 ? "y was" : "ies were") +
                               " changed on both sides: the older version is kept as a "
                               "\"conflicting copy\"");
}

} // namespace

MergeResult mergePortfolios(const Portfolio& base, const Portfolio& incoming) {
    MergeResult r{base, {}};
    Portfolio& out = r.portfolio;
    // Deleted on either side stays deleted: tombstones are united, and honoured below.
    for (const auto& t : incoming.tombstones) addTombstone(out, t.id, t.deletedMs);
    if (!incoming.tombstones.empty()) {
        const size_t before = out.entries.size();
        std::erase_if(out.entries, [&](const Entry& e) { return out.isDeleted(e.id); });
        r.report.entriesDeleted = static_cast<int32_t>(before - out.entries.size());
    }
    // Entries by id: a linear find per incoming entry made 10,000-entry merges quadratic.
    std::unordered_map<std::string, size_t> index;
    index.reserve(out.entries.size() + incoming.entries.size());
    for (size_t i = 0; i < out.entries.size(); ++i) index.emplace(out.entries[i].id, i);
    for (const auto& in : incoming.entries) {
        if (out.isDeleted(in.id)) continue;
        auto found = index.find(in.id);
        if (found == index.end()) {
            index.emplace(in.id, out.entries.size());
            out.entries.push_back(in);
            ++r.report.entriesAdded;
            continue;
        }
        Entry* mine = &out.entries[found->second];
        if (*mine == in) continue;
        if (entryContentHash(*mine) == entryContentHash(in)) {
            // Same content, different timestamps: keep the later update time.
            if (in.updatedMs > mine->updatedMs) mine->updatedMs = in.updatedMs;
            continue;
        }
        bool updated = false;
        Entry loser = conflictCopy(*mine, in, updated);
        if (updated) ++r.report.entriesUpdated;
        if (!index.count(loser.id) && !out.isDeleted(loser.id)) {
            index.emplace(loser.id, out.entries.size());
            out.entries.push_back(std::move(loser));
            ++r.report.conflictCopies;
        }
    }
    noteConflicts(r.report);
    for (const auto& [k, v] : incoming.assessedAgainst) out.assessedAgainst.emplace(k, v);
    if (incoming.extra.is_object())
        for (auto it = incoming.extra.begin(); it != incoming.extra.end(); ++it)
            if (!out.extra.contains(it.key())) out.extra[it.key()] = it.value();
    // The profile stays, but the ASYE as lived is history like the entries: the other copy's
    // leave, hours changes, outcome and people are added, never dropped.
    Profile united = withAsyeRecordOf(out.profile, incoming.profile.asye);
    if (!(united == out.profile)) {
        out.profile = std::move(united);
        r.report.profileChanged = true;
        r.report.notes.push_back("the ASYE record (leave, hours, outcome, supervisor and "
                                 "assessor, self-assessment) of the imported file was added to "
                                 "this one");
    }
    Profile restIn = incoming.profile, restBase = base.profile;
    restIn.asye = restBase.asye = AsyeRecord{};
    if (!(restIn == restBase))
        r.report.notes.push_back("the profile in the imported file differs; this portfolio's "
                                 "profile is kept");
    uniteReviews(out, incoming.comments, incoming.signOffs, r.report);
    uniteRosters(out, incoming);
    return r;
}

MergeResult mergeConcurrent(const Portfolio& base, const Portfolio& mine, const Portfolio& theirs) {
    MergeResult r;
    Portfolio& out = r.portfolio;
    MergeReport& rep = r.report;

    // Tombstones: kept on both sides, or new on one side (a delete). One that was in the base
    // and is gone on one side was taken back by an undo there: it goes.
    {
        std::map<std::string_view, const Tombstone*> b, m, t;
        for (const auto& x : base.tombstones) b.emplace(x.id, &x);
        for (const auto& x : mine.tombstones) m.emplace(x.id, &x);
        for (const auto& x : theirs.tombstones) t.emplace(x.id, &x);
        std::map<std::string_view, int64_t> keep;
        for (const auto& [id, x] : m)
            if (t.count(id) || !b.count(id)) keep[id] = std::max(keep[id], x->deletedMs);
        for (const auto& [id, x] : t)
            if (m.count(id) || !b.count(id)) keep[id] = std::max(keep[id], x->deletedMs);
        for (const auto& [id, ms] : keep) out.tombstones.push_back({std::string(id), ms});
    }

    // Entries, in mine's order, then theirs' new ones in theirs' order.
    std::unordered_map<std::string_view, const Entry*> b, m, t;
    for (const auto& e : base.entries) b.emplace(e.id, &e);
    for (const auto& e : mine.entries) m.emplace(e.id, &e);
    for (const auto& e : theirs.entries) t.emplace(e.id, &e);
    std::unordered_map<std::string, size_t> index;
    std::vector<Entry> copies;
    auto take = [&](const Entry& e) {
        index.emplace(e.id, out.entries.size());
        out.entries.push_back(e);
    };
    auto get = [](const auto& map, std::string_view id) -> const Entry* {
        auto it = map.find(id);
        return it == map.end() ? nullptr : it->second;
    };
    auto visit = [&](std::string_view id) {
        if (index.count(std::string(id))) return;
        const Entry* me = get(m, id);
        const Entry* th = get(t, id);
        const Entry* ba = get(b, id);
        if (out.isDeleted(id)) {
            if (me) ++rep.entriesDeleted; // still here, deleted there
            return;
        }
        if (me && th) {
            if (*me == *th || (ba && *th == *ba)) return take(*me);
            if (ba && *me == *ba) {
                ++rep.entriesUpdated;
                return take(*th);
            }
            Entry kept = *me;
            if (entryContentHash(*me) == entryContentHash(*th)) { // same text, other times
                kept.updatedMs = std::max(me->updatedMs, th->updatedMs);
                return take(kept);
            }
            bool updated = false;
            Entry loser = conflictCopy(kept, *th, updated);
            take(kept);
            copies.push_back(std::move(loser));
            return;
        }
        if (me) { // not in theirs: removed there (without a tombstone: a replace) or new here
            if (ba && *me == *ba) {
                ++rep.entriesDeleted;
                return;
            }
            return take(*me);
        }
        if (th) { // not in mine: removed here (a replace) or new there
            if (ba && *th == *ba) return;
            ++rep.entriesAdded;
            return take(*th);
        }
    };
    for (const auto& e : mine.entries) visit(e.id);
    for (const auto& e : theirs.entries) visit(e.id);
    for (auto& c : copies) {
        if (index.count(c.id) || out.isDeleted(c.id)) continue;
        index.emplace(c.id, out.entries.size());
        out.entries.push_back(std::move(c));
        ++rep.conflictCopies;
    }
    noteConflicts(rep);

    // The rest: the side that changed it; both united when both did.
    out.profile = mergeProfiles(base.profile, mine.profile, theirs.profile);
    rep.profileChanged = !(out.profile == mine.profile);
    out.assessedAgainst =
        theirs.assessedAgainst == base.assessedAgainst ? mine.assessedAgainst : theirs.assessedAgainst;
    if (!(mine.assessedAgainst == base.assessedAgainst))
        for (const auto& [k, v] : mine.assessedAgainst) out.assessedAgainst[k] = v;
    out.extra = uniteExtra(base.extra, mine.extra, theirs.extra);
    const bool theirReviews = !(theirs.comments == base.comments && theirs.signOffs == base.signOffs);
    const bool myReviews = !(mine.comments == base.comments && mine.signOffs == base.signOffs);
    out.comments = mine.comments;
    out.signOffs = mine.signOffs;
    if (theirReviews && !myReviews) {
        MergeReport counted;
        Portfolio probe;
        probe.comments = base.comments;
        probe.signOffs = base.signOffs;
        uniteReviews(probe, theirs.comments, theirs.signOffs, counted);
        rep.commentsAdded = counted.commentsAdded;
        rep.signOffsAdded = counted.signOffsAdded;
        out.comments = theirs.comments;
        out.signOffs = theirs.signOffs;
    } else if (theirReviews) {
        uniteReviews(out, theirs.comments, theirs.signOffs, rep);
    }
    uniteRosters(out, mine);
    uniteRosters(out, theirs);
    out.revision = std::max(mine.revision, theirs.revision);
    return r;
}

std::optional<Portfolio> withdrawSignOff(const Portfolio& portfolio, size_t index,
                                         std::string_view reason, int64_t nowMs) {
    if (index >= portfolio.signOffs.size() || portfolio.signOffs[index].withdrawnMs ||
        trim(reason).empty())
        return std::nullopt;
    Portfolio p = portfolio;
    nowMs -= nowMs % 1000;
    p.signOffs[index].withdrawnMs = nowMs > 0 ? nowMs : 1000;
    p.signOffs[index].withdrawnReason = std::string(trim(reason));
    return p;
}

} // namespace pathway::core
