// Review by file: a mentor or assessor without an account reads a shared portfolio and writes a
// feedback file ("pathway-feedback", schema 2) with comments, evidence requests, review outcomes
// and sign-offs, each signed with the reviewer's key when they have one (signing.hpp); the
// practitioner merges it. A signed file changed after signing is refused whole; schema 1 files
// (and schema 2 files written without a key) merge as unsigned. Merging is a pure function: it never loses either
// side's work, gives the same result whatever the order of two files, and twice = once.
#pragma once

#include "pathway/core/model.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

inline constexpr std::string_view kFeedbackFormat = "pathway-feedback";
inline constexpr int kFeedbackSchema = 2;

/// What one reviewer wrote about one portfolio. Comments carry the reviewer as author; an
/// evidence request is a comment with requestsEvidence; a review outcome a comment with outcome.
struct Feedback {
    std::string reviewer;
    std::string role;
    std::string practitioner; ///< the reviewed portfolio's profile name (a check, not a key)
    std::string organisation; ///< from the reviewer's card (signed files)
    std::string publicKey;    ///< the reviewer's key, hex; "" for an unsigned file
    int64_t createdMs = 0;
    std::vector<Comment> comments;
    std::vector<SignOff> signOffs; ///< hashes of the entries as the reviewer saw them
    bool operator==(const Feedback&) const = default;
};

/// One thing a reviewer does, as the CLI and the app's review screen express it.
struct ReviewAction {
    enum class Type : uint8_t { Comment, RequestEvidence, SignOff, Outcome };
    Type type = Type::Comment;
    std::string entry; ///< an entry id, or a unique prefix of one (at least 4 characters)
    std::string text;  ///< comment or request text; the outcome id for Outcome
};

/// Review outcomes a reviewer can record on an entry (usually a review meeting).
/// The same ids as the review entry's outcome choices (kinds.cpp).
inline constexpr std::string_view kReviewOutcomes[] = {"on-track", "concerns", "not-on-track",
                                                       "pass", "fail"};

struct FeedbackResult {
    std::optional<Feedback> feedback;
    std::string error; ///< one sentence when feedback is empty
};

/// Builds a feedback file from actions on `portfolio` (read-only). Sign-offs and comments hash
/// the entries as they are now. With a key, the reviewer is the key's card (name, role and
/// organisation; `reviewer` and `role` are then ignored) and every item is signed. Fails on an
/// unknown or ambiguous entry id or an empty reviewer name.
FeedbackResult buildFeedback(const Portfolio& portfolio, std::string_view reviewer,
                             std::string_view role, const std::vector<ReviewAction>& actions,
                             int64_t nowMs, IdSource& ids, const ReviewerKey* key = nullptr);

/// "" when every signed item of the feedback matches its signature and a signed file has no
/// unsigned item; else one sentence naming the first that does not.
std::string checkFeedbackSignatures(const Feedback& feedback);

/// The entry whose id is `idOrPrefix` or uniquely starts with it (4+ characters); else error.
const Entry* resolveEntry(const Portfolio& portfolio, std::string_view idOrPrefix,
                          std::string& error);

std::string serializeFeedback(const Feedback& feedback);
/// Never throws; errors name the field ("comments[2].entry: is missing").
FeedbackResult parseFeedback(std::string_view bytes);

struct MergeReport {
    int32_t entriesAdded = 0;
    int32_t entriesUpdated = 0;   ///< the incoming version was newer
    int32_t conflictCopies = 0;   ///< both sides changed an entry: the older kept as a copy
    int32_t entriesDeleted = 0;   ///< removed here because the other side deleted them
    int32_t commentsAdded = 0;
    int32_t commentsAlready = 0;
    int32_t signOffsAdded = 0;
    int32_t signOffsAlready = 0;
    int32_t signOffsNotCurrent = 0; ///< signed content differs from the entry now (edited since)
    int32_t unsignedItems = 0;      ///< comments and sign-offs that came without a signature
    int32_t commentsKeptApart = 0;  ///< reused another reviewer's comment id: both kept
    std::vector<std::string> notes; ///< sentences for the user
    bool changed() const {
        return changes() > 0;
    }
    /// How many things the other side brought: "Updated with N changes made elsewhere".
    int32_t changes() const {
        return entriesAdded + entriesUpdated + conflictCopies + entriesDeleted + commentsAdded +
               signOffsAdded + (profileChanged ? 1 : 0);
    }
    bool profileChanged = false; ///< the profile took something from the other side
};

struct MergeResult {
    Portfolio portfolio;
    MergeReport report;
    std::string error; ///< refused (the portfolio is then the input, unchanged)
    bool ok() const { return error.empty(); }
};

/// Merges a feedback file into a portfolio: comments are keyed by id and signer (the key, or
/// for unsigned ones author and role: a comment reusing another reviewer's id is kept beside
/// it, never replacing it), sign-offs by (entry, reviewer, role, hash, key); the union is kept
/// in a canonical order, so the result does not depend on the order files are merged in and
/// merging again changes nothing. Refused, changing nothing, when a signature does not match
/// (checkFeedbackSignatures) or a sign-off names an entry the portfolio does not have.
MergeResult mergeFeedback(const Portfolio& portfolio, const Feedback& feedback);

/// The practitioner withdraws a sign-off (by its index in portfolio.signOffs): it stays, marked
/// withdrawn with the time and reason. nullopt when the index is out of range, it is already
/// withdrawn or the reason is blank.
std::optional<Portfolio> withdrawSignOff(const Portfolio& portfolio, size_t index,
                                         std::string_view reason, int64_t nowMs);

/// Merges another copy of a portfolio (a JSON backup) into this one: entries are keyed by id;
/// when both hold different versions the newer (updated time, then content hash) wins and the
/// other is kept as a "conflicting copy" with an id derived from its content (so merging again
/// adds nothing). The profile stays, except that the other copy's ASYE record is added to
/// this one's (leave periods, hours changes and people it lacks; outcome steps it has not
/// recorded, a final pass moving the stage on); assessed_against and unknown fields are united.
/// Tombstones of either side are united and honoured: an entry deleted on either side is not in
/// the result (so an older copy or a backup never brings a deleted entry back).
MergeResult mergePortfolios(const Portfolio& base, const Portfolio& incoming);

/// A save's compare-and-merge (issue 12): combines a session's changes with what another writer
/// stored meanwhile (a second tab or window, pathway-cli add/merge/import). `base` is the stored
/// portfolio the session last read or wrote, `mine` the session's portfolio now, `theirs` what is
/// stored now. A change made on one side only is taken as it is (an add, an edit, a delete, the
/// undo of a delete); an entry changed differently on both sides keeps the newer version and the
/// other as a "conflicting copy" (mergePortfolios' rule); a delete wins over an edit. The
/// profile field by field: the side that changed a field, mine's when both did; the ASYE
/// record's leave, hours changes and people by their records (added on either side kept,
/// removed on either side gone), each outcome step like a field, and the stage with the final
/// outcome. Assessed_against, unknown fields, comments and sign-offs: the side that changed
/// them, both united when both did. The report counts what came from `theirs`.
MergeResult mergeConcurrent(const Portfolio& base, const Portfolio& mine, const Portfolio& theirs);

/// Puts comments and sign-offs in the canonical order merges use (by time, then keys).
void normaliseReviews(Portfolio& portfolio);

} // namespace pathway::core
