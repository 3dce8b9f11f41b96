// Fuzz target: a CSV of training records (importCsv). Whatever imports must save as a
// portfolio that loads.
#include "pathway/core/catalog.hpp"
#include "pathway/core/csv.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/portfolio_io.hpp"

#include "fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string error;
    (void)parseCsv(bytes, error);
    Portfolio into;
    into.profile.name = "Fuzz";
    ImportResult r = importCsv(into, bytes, {Catalog::builtin(), 1'700'000'000'000});
    pathway::fuzz::checkImported(r);
    return 0;
}
