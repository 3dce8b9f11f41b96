// Fuzz target: a framework file (loadFramework), and through Catalog::addFile any catalogue
// file (frameworks, CPD and ASYE rules, reflective models), chosen by the file's "format".
#include "pathway/core/catalog.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Parsed<Framework> f = loadFramework(bytes, "fuzz.json");
    if (f.ok()) {
        // What loads is valid, and its items resolve through a catalogue.
        if (!validateFramework(*f.value).empty()) std::abort();
        for (const auto& item : f.value->items) (void)f.value->tag(item);
    } else if (f.error.empty()) {
        std::abort();
    }
    Catalog catalog;
    (void)catalog.addFile(bytes, "fuzz.json");
    return 0;
}
