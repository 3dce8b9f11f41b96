// Fuzz target: a LEAP2A feed from another e-portfolio (readLeap2a, then the import that merges
// it into a portfolio). Whatever imports must save as a portfolio that loads.
#include "pathway/core/catalog.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/leap2a.hpp"
#include "pathway/core/portfolio_io.hpp"

#include "fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const Catalog& catalog = Catalog::builtin();
    Leap2aRead read = readLeap2a(bytes, catalog, 1'700'000'000'000);
    if (!read.portfolio && read.error.empty()) std::abort();
    Portfolio into;
    into.profile.name = "Fuzz";
    ImportResult r = importInto(into, ImportFormat::Leap2a, bytes, {catalog, 1'700'000'000'000});
    pathway::fuzz::checkImported(r);
    return 0;
}
