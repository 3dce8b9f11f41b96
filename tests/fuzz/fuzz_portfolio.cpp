// Fuzz target: a portfolio file's bytes (parsePortfolio). Beyond "no crash": the direct reader
// must agree with the nlohmann tree (parsePortfolioViaTree) on every input, and whatever loads
// must save and load back to the same portfolio, and saving must be stable.
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/portfolio_read.hpp"
#include "pathway/core/text.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    LoadResult r = parsePortfolio(bytes);
    const LoadResult ref = parsePortfolioViaTree(bytes);
    if (r.ok() != ref.ok() || r.error != ref.error || r.fromSchema != ref.fromSchema) {
        std::fprintf(stderr,
                     "direct reader and nlohmann tree disagree:\n  direct: %s\n  tree: %s\n",
                     r.ok() ? "ok" : r.error.c_str(), ref.ok() ? "ok" : ref.error.c_str());
        std::abort();
    }
    if (!findInvalidUtf8(bytes)) {
        LoadResult direct;
        if (parsePortfolioFast(bytes, direct) &&
            (!ref.ok() || !(*direct.portfolio == *ref.portfolio))) {
            std::fprintf(stderr, "direct reader took a file and read it differently\n");
            std::abort();
        }
    }
    if (!r.ok()) {
        if (r.error.empty()) std::abort(); // a failure always says why
        return 0;
    }
    const std::string once = serializePortfolio(*r.portfolio);
    if (once != serializePortfolio(*ref.portfolio) || !(*r.portfolio == *ref.portfolio)) {
        std::fprintf(stderr, "direct reader and nlohmann tree read different portfolios\n");
        std::abort();
    }
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
