// Fuzz target: a portfolio file's bytes (parsePortfolio). Beyond "no crash": whatever loads
// must save and load back to the same portfolio, and saving must be stable.
#include "pathway/core/portfolio_io.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    LoadResult r = parsePortfolio(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!r.ok()) {
        if (r.error.empty()) std::abort(); // a failure always says why
        return 0;
    }
    const std::string once = serializePortfolio(*r.portfolio);
    if (once != serializePortfolioViaTree(*r.portfolio)) {
        std::fprintf(stderr, "direct writer and nlohmann tree disagree\n");
        std::abort();
    }
    LoadResult again = parsePortfolio(once);
    if (!again.ok()) {
        std::fprintf(stderr, "saved portfolio does not load: %s\n", again.error.c_str());
        std::abort();
    }
    if (serializePortfolio(*again.portfolio) != once) {
        std::fprintf(stderr, "save -> load -> save changed the bytes\n");
        std::abort();
    }
    return 0;
}
