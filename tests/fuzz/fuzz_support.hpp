// What every import fuzz target checks of its result: an import either fails with a reason, or
// gives a portfolio that saves and loads again.
#pragma once

#include "pathway/core/import.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <cstdio>
#include <cstdlib>

namespace pathway::fuzz {

inline void checkImported(const core::ImportResult& r) {
    if (r.portfolio) {
        core::LoadResult back = core::parsePortfolio(core::serializePortfolio(*r.portfolio));
        if (!back.ok()) {
            std::fprintf(stderr, "imported portfolio does not load: %s\n", back.error.c_str());
            std::abort();
        }
    } else if (r.error.empty()) {
        std::abort();
    }
}

} // namespace pathway::fuzz
