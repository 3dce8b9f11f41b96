// The direct portfolio reader behind parsePortfolio (issue 7): internal to the core, declared
// here so tests and the fuzzer can tell whether it took a file. Everyone else calls
// parsePortfolio (portfolio_io.hpp), which tries this reader first and reads anything it
// gives up on through the nlohmann tree (parsePortfolioViaTree), the reference.
#pragma once

#include "pathway/core/portfolio_io.hpp"

#include <string_view>

namespace pathway::core {

/// Reads a current-schema (kSchemaVersion) portfolio file straight into `out` in one pass.
/// Returns false, leaving `out` untouched, for anything it does not read exactly as
/// parsePortfolioViaTree would: any JSON error, an older schema, a value of an unexpected type,
/// a duplicate key, a required field missing or invalid, a lone surrogate escape, a number it
/// cannot convert exactly without nlohmann. When it returns true, `out` is what the reference
/// gives for the same bytes. `bytes` must already have passed parsePortfolio's checks (size,
/// not blank, valid UTF-8): the reader relies on the UTF-8 check and does not repeat it.
bool parsePortfolioFast(std::string_view bytes, LoadResult& out);

} // namespace pathway::core
