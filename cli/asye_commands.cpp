// asye: the year as it is lived: leave, hours that change, the outcome and who supervises and
// assesses. Each change is one SetProfile command, saved atomically under the file's lock
// (updatePortfolioFile: a concurrent add or a second asye is never overwritten; the file is
// untouched on error).
#include "cli.hpp"

#include "pathway/core/session.hpp"
#include "pathway/core/store.hpp"
#include "pathway/core/text.hpp"

#include <functional>
#include <ostream>

namespace pathway::cli {

using namespace pathway::core;

namespace {

Date dateOption(const Args& a, const char* option, bool required) {
    const std::string* v = a.get(option);
    if (!v) {
        if (required) throw UsageError{std::string(option) + " is required"};
        return {};
    }
    auto d = Date::parse(*v);
    if (!d) throw UserError{std::string(option) + ": \"" + *v + "\" is not a date (YYYY-MM-DD)"};
    return *d;
}

std::string textOption(const Args& a, const char* option) {
    const std::string* v = a.get(option);
    return v ? std::string(trim(*v)) : std::string();
}

int cmdAsye(const Args& a, Context& ctx) {
    if (a.positional.size() < 2) throw UsageError{"missing FILE or WHAT (leave, hours, outcome, person)"};
    if (a.positional.size() > 2) throw UsageError{"unexpected argument \"" + a.positional[2] + "\""};
    const std::string& path = a.positional[0];
    const std::string& what = a.positional[1];
    // The options are read first; the change is made to the profile as stored when the lock
    // is held.
    std::function<void(Profile&)> change;
    std::string said;
    if (what == "leave") {
        LeavePeriod l;
        l.from = dateOption(a, "--from", true);
        l.to = dateOption(a, "--to", true);
        if (l.to < l.from) throw UserError{"--to comes before --from"};
        if (const auto* k = a.get("--kind")) {
            auto v = parseLeaveKind(*k);
            if (!v) throw UserError{"--kind: \"" + *k + "\" is not maternity, sickness or other"};
            l.kind = *v;
        }
        l.note = textOption(a, "--note");
        change = [l](Profile& p) { p.asye.leave.push_back(l); };
        said = "Recorded " + std::string(leaveKindId(l.kind)) + " leave " + l.from.toString() +
               " to " + l.to.toString();
    } else if (what == "hours") {
        FteChange c;
        c.from = dateOption(a, "--from", true);
        const std::string* f = a.get("--fte");
        if (!f) throw UsageError{"--fte is required"};
        auto v = parseDecimal(*f);
        if (!v || !(*v > 0 && *v <= 1)) throw UserError{"--fte: \"" + *f + "\" is not a fraction between 0 and 1"};
        c.fte = *v;
        change = [c](Profile& p) { p.asye.fteChanges.push_back(c); };
        said = "Recorded working time " + formatDecimal(c.fte) + " from " + c.from.toString();
    } else if (what == "outcome") {
        const std::string step = textOption(a, "--step");
        const std::string* dec = a.get("--decision");
        if (!dec) throw UsageError{"--decision is required"};
        auto decision = parseAsyeDecision(*dec);
        if (!decision) throw UserError{"--decision: \"" + *dec + "\" is not pass, fail or extend"};
        AsyeDecisionRecord r;
        r.decision = *decision;
        r.date = a.get("--on") ? dateOption(a, "--on", true) : ctx.clock.today();
        r.by = textOption(a, "--by");
        r.note = textOption(a, "--note");
        if (a.get("--new-end")) {
            if (r.decision != AsyeDecision::Extend) throw UserError{"--new-end is only for --decision extend"};
            r.newEnd = dateOption(a, "--new-end", true);
        }
        if (step == "recommendation")
            change = [r](Profile& p) { p.asye.outcome.recommendation = r; };
        else if (step == "moderation")
            change = [r](Profile& p) { p.asye.outcome.moderation = r; };
        else if (step == "final")
            change = [r, &said](Profile& p) {
                const CareerStage before = p.stage;
                p = withFinalOutcome(std::move(p), r);
                if (p.stage != before)
                    said += "; the portfolio moves on to " + std::string(stageLabel(p.stage));
            };
        else
            throw UserError{"--step: \"" + step + "\" is not recommendation, moderation or final"};
        said = "Recorded the " + step + ": " + *dec;
    } else if (what == "person") {
        AsyePerson person;
        const std::string role = textOption(a, "--role");
        auto v = parseAsyeRole(role);
        if (!v) throw UserError{"--role: \"" + role + "\" is not supervisor or assessor"};
        person.role = *v;
        person.name = textOption(a, "--name");
        if (person.name.empty()) throw UsageError{"--name is required"};
        const std::string reg = textOption(a, "--registered");
        if (reg != "yes" && reg != "no") throw UserError{"--registered: say yes or no"};
        person.registeredSocialWorker = reg == "yes";
        change = [person](Profile& p) { p.asye.people.push_back(person); };
        said = "Recorded " + person.name + " as " + role;
    } else {
        throw UsageError{"\"" + what + "\" is not leave, hours, outcome or person"};
    }
    auto saved = updatePortfolioFile(path, [&](Portfolio& doc, std::string& error) {
        Profile p = doc.profile;
        change(p);
        RandomIds ids;
        Store store(ctx.clock, ids, std::move(doc));
        CommandResult r = store.apply(cmd::SetProfile{p});
        if (!r) {
            error = r.error;
            return false;
        }
        doc = store.portfolio();
        return true;
    });
    if (!saved) throw UserError{saved.error};
    ctx.out << said << "\n";
    return kOk;
}

} // namespace

std::vector<CommandInfo> asyeCommands() {
    return {{"asye",
             "asye FILE leave --from D --to D [--kind maternity|sickness|other] [--note T] | "
             "asye FILE hours --from D --fte 0.6 | "
             "asye FILE outcome --step recommendation|moderation|final --decision pass|fail|extend "
             "[--on D] [--by NAME] [--new-end D] [--note T] | "
             "asye FILE person --role supervisor|assessor --name NAME --registered yes|no",
             "Record ASYE leave, a change of hours, a recommendation or outcome, or a supervisor "
             "or assessor.",
             {"--from", "--to", "--kind", "--note", "--fte", "--step", "--decision", "--on", "--by",
              "--new-end", "--role", "--name", "--registered"},
             {},
             false,
             cmdAsye}};
}

} // namespace pathway::cli
