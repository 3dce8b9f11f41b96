// Seeded generators of realistic portfolios and cohorts for benchmarks and robustness tests.
// The same seed gives the same bytes on every platform (native and wasm): the generator uses
// its own PRNG and integer arithmetic, never <random>'s distributions (their output differs
// between libstdc++ and libc++).
#pragma once

#include "pathway/core/model.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::bench {

/// splitmix64: tiny, fast, identical everywhere.
class Rng {
  public:
    explicit Rng(uint64_t seed) : m_state(seed) {}
    uint64_t next() {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [lo, hi] (inclusive); the tiny modulo bias does not matter here.
    int64_t range(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return range(1, 100) <= percent; }
    template <class T, size_t N> const T& pick(const std::array<T, N>& a) {
        return a[static_cast<size_t>(range(0, static_cast<int64_t>(N) - 1))];
    }

  private:
    uint64_t m_state;
};

namespace detail {

// Words a practitioner writes, a few with non-ASCII characters (the loader checks UTF-8).
inline constexpr std::array<std::string_view, 64> kWords = {
    "the", "family", "child", "visit", "assessment", "risk", "plan", "support", "parent",
    "school", "health", "meeting", "safeguarding", "review", "I", "we", "discussed", "agreed",
    "observed", "reflected", "learnt", "practice", "theory", "attachment", "trauma",
    "strengths-based", "relationship", "voice", "of", "and", "to", "with", "about", "their",
    "manager", "supervision", "court", "report", "analysis", "evidence", "feedback", "carer",
    "placement", "team", "multi-agency", "confidence", "decision", "because", "after", "before",
    "was", "felt", "anxious", "calmer", "next", "time", "will", "Münro", "café", "naïve",
    "—", "it’s", "outcome", "wellbeing"};

inline std::string sentence(Rng& rng, int minWords, int maxWords) {
    std::string s;
    const int64_t n = rng.range(minWords, maxWords);
    for (int64_t i = 0; i < n; ++i) {
        if (i) s += ' ';
        std::string_view w = kWords[static_cast<size_t>(rng.range(0, kWords.size() - 1))];
        if (i == 0 && !w.empty() && w[0] >= 'a' && w[0] <= 'z') {
            s += static_cast<char>(w[0] - 'a' + 'A');
            s += w.substr(1);
        } else {
            s += w;
        }
    }
    return s;
}

/// Text of about `minChars`..`maxChars`, in sentences, sometimes with paragraph breaks.
inline std::string paragraph(Rng& rng, int minChars, int maxChars) {
    const int64_t target = rng.range(minChars, maxChars);
    std::string s;
    while (static_cast<int64_t>(s.size()) < target) {
        if (!s.empty()) s += rng.chance(15) ? "\n\n" : " ";
        s += sentence(rng, 6, 22);
        s += rng.chance(10) ? "?" : ".";
    }
    return s;
}

inline std::string uuid(Rng& rng) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s(36, '-');
    uint64_t a = rng.next(), b = rng.next();
    for (int i = 0, k = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        uint64_t& src = k < 16 ? a : b;
        s[static_cast<size_t>(i)] = kHex[src & 15];
        src >>= 4;
        ++k;
    }
    s[14] = '4';
    return s;
}

inline constexpr std::array<std::string_view, 9> kPcf = {"1", "2", "3", "4", "5",
                                                          "6", "7", "8", "9"};
inline constexpr std::array<std::string_view, 10> kCpdTypes = {
    "course",   "e-learning", "reading", "supervision", "shadowing",
    "conference", "peer-learning", "feedback", "project", "other"};
inline constexpr std::array<std::string_view, 4> kModels = {"gibbs", "kolb", "driscoll",
                                                            "schon"};

} // namespace detail

/// How much a portfolio holds; the defaults are a busy practitioner's mix.
struct GenOptions {
    uint64_t seed = 20261123;
    int entries = 100;
    core::Date firstDay{2024, 9, 2}; ///< entries spread from here, about one every 2 days
};

/// Days the entries of a portfolio spread over: a year at least, two entries a day at most.
inline int64_t spanDays(int entries) { return std::max<int64_t>(entries / 2, 365); }

/// A portfolio with `entries` entries: kinds mixed as in real use (CPD and reflections most),
/// long-text fields of 80 to 1,200 characters, 1 to 4 framework tags, some links and attachments.
inline core::Portfolio makePortfolio(const GenOptions& opt) {
    using namespace core;
    using detail::paragraph;
    Rng rng(opt.seed);
    Portfolio p;
    p.profile.name = "Alex Invented " + std::to_string(opt.seed % 10000);
    p.profile.registrationNumber = "SW" + std::to_string(100000 + opt.seed % 900000);
    p.profile.employer = "Example Borough Council";
    p.profile.team = "Assessment Team North";
    p.profile.setting = rng.chance(60) ? Setting::ChildrenAndFamilies : Setting::Adults;
    p.profile.stage = CareerStage::Asye;
    p.profile.asyeStart = opt.firstDay.addDays(5);
    p.profile.fte = rng.chance(80) ? 1.0 : 0.8;
    p.assessedAgainst = {{"pcf", "2018"}, {"swe-cpd", "2025"}};
    p.entries.reserve(static_cast<size_t>(opt.entries));
    const int64_t base = opt.firstDay.toDays();
    const int64_t span = spanDays(opt.entries);
    for (int i = 0; i < opt.entries; ++i) {
        Entry e;
        e.id = detail::uuid(rng);
        const int64_t roll = rng.range(1, 100);
        e.kind = roll <= 38   ? EntryKind::Cpd
                 : roll <= 58 ? EntryKind::Reflection
                 : roll <= 72 ? EntryKind::Supervision
                 : roll <= 78 ? EntryKind::Observation
                 : roll <= 86 ? EntryKind::Feedback
                 : roll <= 91 ? EntryKind::Written
                 : roll <= 93 ? EntryKind::Review
                 : roll <= 97 ? EntryKind::Goal
                              : EntryKind::Note;
        e.title = detail::sentence(rng, 3, 9);
        e.date = Date::fromDays(base + rng.range(0, span));
        e.createdMs = (e.date.toDays() * 86400 + rng.range(8 * 3600, 18 * 3600)) * 1000;
        e.updatedMs = rng.chance(40) ? e.createdMs + rng.range(60, 7 * 86400) * 1000 : 0;
        auto& f = e.fields;
        switch (e.kind) {
        case EntryKind::Cpd:
            f["type"] = rng.pick(detail::kCpdTypes);
            f["hours"] = std::to_string(rng.range(1, 14) / 2) + (rng.chance(50) ? ".5" : "");
            f["description"] = paragraph(rng, 80, 600);
            f["learned"] = paragraph(rng, 80, 900);
            f["impact"] = paragraph(rng, 80, 700);
            if (rng.chance(35)) {
                f["peer_role"] = rng.chance(50) ? "peer" : "supervisor";
                f["peer_learned"] = paragraph(rng, 80, 400);
            }
            if (rng.chance(30)) f["protected_time"] = "yes";
            break;
        case EntryKind::Reflection: {
            const std::string model(rng.pick(detail::kModels));
            f["model"] = model;
            for (const char* stage : {"description", "feelings", "evaluation", "analysis",
                                      "conclusion", "action_plan"})
                f[model + "." + stage] = paragraph(rng, 120, 1200);
            break;
        }
        case EntryKind::Supervision:
            f["minutes"] = std::to_string(rng.range(3, 12) * 10);
            f["supervisor_role"] = "Team manager";
            f["themes"] = paragraph(rng, 80, 500);
            f["actions"] = paragraph(rng, 80, 300);
            break;
        case EntryKind::Observation:
            f["observer_role"] = "ASYE assessor";
            f["context"] = paragraph(rng, 100, 500);
            f["went_well"] = paragraph(rng, 100, 700);
            f["to_develop"] = paragraph(rng, 100, 500);
            break;
        case EntryKind::Feedback:
            f["source"] = rng.chance(50) ? "person" : "professional";
            f["summary"] = paragraph(rng, 80, 500);
            f["response"] = paragraph(rng, 80, 400);
            break;
        case EntryKind::Written:
            f["work_type"] = "assessment";
            f["summary"] = paragraph(rng, 100, 600);
            break;
        case EntryKind::Review:
            f["stage"] = rng.chance(50) ? "3m" : "6m";
            f["outcome"] = "on-track";
            f["notes"] = paragraph(rng, 100, 800);
            break;
        case EntryKind::Goal:
            f["status"] = "in-progress";
            f["target_date"] = e.date.addDays(90).toString();
            f["description"] = paragraph(rng, 80, 300);
            f["plan"] = paragraph(rng, 80, 400);
            break;
        case EntryKind::Note:
            f["body"] = paragraph(rng, 80, 1000);
            break;
        }
        const int64_t tags = rng.range(1, 4);
        for (int64_t t = 0; t < tags; ++t) {
            switch (rng.range(0, 2)) {
            case 0: e.tags.push_back("pcf:" + std::string(rng.pick(detail::kPcf))); break;
            case 1:
                e.tags.push_back(rng.chance(60) ? "swe:4." + std::to_string(rng.range(1, 8))
                                                : "swe:" + std::to_string(rng.range(1, 6)));
                break;
            default:
                e.tags.push_back((p.profile.setting == Setting::Adults ? "kss-adults:"
                                                                        : "kss-cf:") +
                                 std::to_string(rng.range(1, 9)));
            }
        }
        if (i > 0 && rng.chance(20))
            e.links.push_back(p.entries[static_cast<size_t>(rng.range(0, i - 1))].id);
        if (rng.chance(10))
            e.attachments.push_back({"Certificate", "certificates/" + e.date.toString() + ".pdf"});
        p.entries.push_back(std::move(e));
    }
    return p;
}

/// `portfolios` files of `entriesEach` entries each, as an academy receives them (bytes).
inline std::vector<std::string> makeCohort(int portfolios, int entriesEach, uint64_t seed = 7) {
    std::vector<std::string> files;
    files.reserve(static_cast<size_t>(portfolios));
    for (int i = 0; i < portfolios; ++i)
        files.push_back(core::serializePortfolio(
            makePortfolio({seed * 1000003u + static_cast<uint64_t>(i), entriesEach})));
    return files;
}

} // namespace pathway::bench
