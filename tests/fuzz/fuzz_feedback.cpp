// Fuzz target: a mentor's feedback file (parseFeedback), merged into a small portfolio.
// Merging twice must change nothing the second time.
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pathway::core;
    FeedbackResult f = parseFeedback(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!f.feedback) {
        if (f.error.empty()) std::abort();
        return 0;
    }
    Portfolio p;
    p.profile.name = "Fuzz";
    Entry e;
    e.id = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01";
    e.title = "Course";
    p.entries.push_back(e);
    MergeResult once = mergeFeedback(p, *f.feedback);
    MergeResult twice = mergeFeedback(once.portfolio, *f.feedback);
    if (twice.report.changed() || !(twice.portfolio == once.portfolio)) std::abort();
    return 0;
}
