// Fuzz target: a zip given as a Mahara export (listZip, readZipMember, then the LEAP2A import
// of the leap2a.xml inside). The seed is tests/fixtures/exchange/mahara-export.zip. Whatever
// imports must save as a portfolio that loads; nothing may inflate past the limits asked for.
#include "pathway/core/catalog.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/zip.hpp"

#include "fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ZipListing list = listZip(bytes);
    if (!list.ok() && !list.members.empty()) std::abort();
    for (const ZipMember& m : list.members) {
        ZipBytes b = readZipMember(bytes, m.name, 1u << 20);
        if (b.bytes && b.bytes->size() > (1u << 20)) std::abort();
        if (!b.bytes && b.error.empty()) std::abort();
    }
    Portfolio into;
    into.profile.name = "Fuzz";
    ImportOptions opt{Catalog::builtin(), 1'700'000'000'000};
    opt.sourceName = "fuzz.zip";
    ImportResult r = importInto(into, ImportFormat::Leap2a, bytes, opt);
    pathway::fuzz::checkImported(r);
    return 0;
}
