// State of the Share screen (exports, imports, feedback merges, the confidentiality check) and
// of the mentor's review screen. Private to pathway_ui.
#pragma once

#include "pathway/core/confidentiality.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/export_plan.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/store.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pathway::ui {

/// The reviewer's own key (Review screen, "Your reviewer key"): kept by the host, unlocked
/// for this session with the passphrase when it is sealed.
struct ReviewerKeyState {
    bool loaded = false;                  ///< the host was asked for the stored key
    std::string file;                     ///< the stored key file, "" when none
    std::optional<core::ReviewerKey> key; ///< unlocked: feedback is signed with it
    std::string organisation;
    std::string passphrase;
    std::string message;
    bool messageIsError = false;
};

struct ExchangeState {
    /// A file read and checked, waiting for the user's "Add" or "Replace".
    struct PendingImport {
        std::string fileName;
        core::ImportFormat format = core::ImportFormat::Json;
        core::ImportResult merged;                  ///< the file merged into the portfolio
        std::optional<core::ImportResult> replaced; ///< JSON only: the file instead of it
        bool confirmReplace = false;                ///< "Replace" pressed once: ask again
        uint64_t revision = 0;                      ///< portfolio revision it was computed on
    };
    /// A feedback file read and merged in memory, waiting for "Merge".
    struct PendingMerge {
        std::string fileName;
        core::Feedback feedback;
        core::MergeResult result;
        uint64_t revision = 0;
    };
    /// The export being checked (core's plan: what the confidentiality check found, each
    /// finding kept or redacted by the user before the file is made), and the portfolio
    /// revision it was made on.
    struct Check : core::ExportPlan {
        uint64_t revision = 0;
    };

    std::optional<PendingImport> import;
    std::optional<PendingMerge> merge;
    std::optional<Check> check;
    /// An export waiting for the check's word list (Host::requestWordList).
    struct WaitingForWords {
        int format = 0;
        bool forReview = false;
    };
    std::optional<WaitingForWords> waitingForWords;
    bool wordsUnavailable = false; ///< the word list could not be had: cues and shapes only
    std::string wordsNote;         ///< why, shown with the check's result
    /// Findings the user chose to keep ("entry|field|match"): not asked about again this session.
    std::set<std::string> kept;
    ReviewerKeyState reviewerKey; ///< the mentor's own key, for every review this session

    std::string awaiting;    ///< purpose of the file asked for, "" when none
    bool pathPrompt = false; ///< no file picker here: ask for a path
    std::string path;
    std::string message;
    bool messageIsError = false;
    /// Something new appeared at the top of the Share screen (a preview, the check, a
    /// message): scroll there, or a phone user who chose a file further down never sees it.
    bool scrollToTop = false;
};

/// Reviewing someone else's portfolio: read-only entries, the reviewer's actions, the feedback
/// file they become.
struct MentorState {
    std::string fileName;
    core::Portfolio doc;
    std::string reviewer;
    std::string role;
    std::vector<core::ReviewAction> actions;
    size_t savedActions = SIZE_MAX; ///< actions.size() when the file was last saved
    std::string search;
    std::string open;                          ///< the entry shown in full
    std::map<std::string, std::string> typing; ///< entry id -> comment being typed
    bool confirmClose = false;
    std::string message;
    bool messageIsError = false;
    core::RandomIds ids;

    bool unsaved() const { return !actions.empty() && savedActions != actions.size(); }
};

} // namespace pathway::ui
