// The App's sync state (sync_card.cpp): the settings as the Sync card holds them, the hash cache
// kept between syncs, and when the last attempt and change were (debounce and timer).
#pragma once

#include "pathway/core/sync.hpp"
#include "pathway/ui/host.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace pathway::ui {

struct SyncUiState {
    core::SyncSettings settings;
    core::SyncCache cache;      ///< entries as last hashed: an unchanged entry is not hashed again
    std::string error;          ///< the last attempt's failure, "" after a success
    bool offline = false;       ///< that failure was an unreachable server
    int64_t lastAttemptMs = -1; ///< -1: not yet (the timer fires at once)
    uint64_t attemptedRevision = UINT64_MAX; ///< the store's revision at the last attempt
    uint64_t seenRevision = UINT64_MAX;      ///< the revision tickSync last saw
    int64_t changedAtMs = 0;                 ///< when it last saw the revision change
    uint64_t statusRevision = UINT64_MAX;    ///< the revision pending/lastSyncMs are for
    int32_t pending = 0;
    int64_t lastSyncMs = 0;
};

/// The App's sync state, made (with the Host's kept settings) on first use.
SyncUiState& syncState(std::unique_ptr<SyncUiState>& state, Host& host);

} // namespace pathway::ui
