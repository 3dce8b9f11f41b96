// status: "am I on track?" for registration renewal, the ASYE and framework coverage.
#include "cli.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/files.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/session.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace pathway::cli {

using namespace pathway::core;

namespace {

void printHuman(const nlohmann::json& s, std::ostream& out) {
    const auto& swe = s["swe"];
    out << "Registration year " << swe.value("registration_year", "") << "\n";
    out << "  CPD pieces: " << swe.value("complete_pieces", 0) << " complete of "
        << swe.value("pieces", 0) << " recorded (need " << swe.value("min_pieces", 0)
        << "), with peer reflection: " << swe.value("peer_reflections", 0) << "\n";
    out << "  " << (swe.value("ready", false) ? "Ready to renew" : "Not ready yet") << "; "
        << swe.value("days_to_deadline", 0) << " days to the deadline\n";
    for (const auto& m : swe["missing"]) out << "  - missing: " << m.get<std::string>() << "\n";
    const auto& asye = s["asye"];
    if (asye.is_object()) {
        out << "ASYE " << asye.value("start", "") << " to " << asye.value("end", "") << "\n";
        for (const auto& r : asye["reviews"])
            out << "  " << r.value("name", "") << ": due " << r.value("due", "") << " ("
                << r.value("status", "") << ")\n";
        for (auto it = asye["evidence"].begin(); it != asye["evidence"].end(); ++it)
            out << "  " << it.value().value("label", it.key()) << ": " << it.value().value("have", 0)
                << " of " << it.value().value("need", 0) << "\n";
        const auto& gaps = asye["supervision_gaps"];
        if (!gaps.empty())
            out << "  Supervision gaps: " << gaps.size() << " (longest allowed "
                << gaps[0].value("allowed", 0) << " days)\n";
    }
    for (const auto& n : s.value("notices", nlohmann::json::array()))
        out << "Note: " << n.get<std::string>() << "\n";
}

int cmdStatus(const Args& a, Context& ctx) {
    if (a.positional.size() != 1) throw UsageError{a.positional.empty() ? "missing FILE" : "unexpected argument \"" + a.positional[1] + "\""};
    LoadResult loaded = loadPortfolioFile(a.positional[0]);
    if (!loaded.ok()) throw UserError{loaded.error};
    Date on = ctx.clock.today();
    if (const auto* s = a.get("--on")) {
        auto d = Date::parse(*s);
        if (!d) throw UserError{"--on: \"" + *s + "\" is not a date (YYYY-MM-DD)"};
        on = *d;
    }
    // With any --catalog files (e.g. an academy's early career standards).
    const nlohmann::json status = statusToJson(computeStatus(*loaded.portfolio, ctx.catalog, on));
    if (a.has("--json"))
        ctx.out << status.dump(2) << "\n";
    else
        printHuman(status, ctx.out);
    return kOk;
}

} // namespace

std::vector<CommandInfo> statusCommands() {
    return {{"status", "status FILE [--on YYYY-MM-DD] [--json] [--catalog FRAMEWORK_OR_RULE.json]...",
             "Renewal readiness, ASYE reviews and evidence, supervision, coverage (as of today or --on).",
             {"--on"}, {"--json"}, false, cmdStatus}};
}

} // namespace pathway::cli
