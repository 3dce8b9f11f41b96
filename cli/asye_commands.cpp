// asye: the year as it is lived: leave, hours that change, the outcome, who supervises and
// assesses, the self-assessment against the standards and the development plan's goals. Each
// change is one command (SetProfile, or AddEntry/UpdateEntry for a goal), saved atomically
// under the file's lock (updatePortfolioFile: a concurrent add or a second asye is never
// overwritten; the file is untouched on error).
#include "cli.hpp"

#include "pathway/core/files.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/requirements.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/self_assessment.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/store.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
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

// Applies `command` to `doc` through a Store (validation); false with the error when refused.
bool applyTo(Portfolio& doc, Command command, const Clock& clock, std::string& error, std::string* id = nullptr) {
    RandomIds ids;
    Store store(clock, ids, std::move(doc));
    CommandResult r = store.apply(std::move(command));
    doc = store.portfolio();
    if (!r) {
        error = r.error;
        return false;
    }
    if (id) *id = r.id;
    return true;
}

// asye FILE self-assess --point start|mid|end --item ID --rating 1-4 [--comment T] [--on D] | --clear
int cmdSelfAssess(const Args& a, Context& ctx, const std::string& path) {
    const std::string pointText = textOption(a, "--point");
    if (pointText.empty()) throw UsageError{"--point is required (start, mid or end)"};
    const auto point = parseSelfAssessmentPoint(pointText);
    if (!point) throw UserError{"--point: \"" + pointText + "\" is not start, mid or end"};
    const std::string item = textOption(a, "--item");
    if (item.empty()) throw UsageError{"--item is required (an item of the standards, e.g. 3)"};
    const bool clear = a.has("--clear");
    int32_t rating = 0;
    if (!clear) {
        const std::string* n = a.get("--rating");
        if (!n) throw UsageError{"--rating is required (1 to " + std::to_string(kSelfRatingMax) + "), or --clear"};
        const std::string t(trim(*n));
        if (t.size() != 1 || t[0] < '1' || t[0] > '0' + kSelfRatingMax)
            throw UserError{"--rating: \"" + *n + "\" is not a whole number from 1 to " +
                            std::to_string(kSelfRatingMax)};
        rating = t[0] - '0';
    } else if (a.get("--rating") || a.get("--comment")) {
        throw UsageError{"--clear takes no --rating or --comment"};
    }
    const std::string comment = textOption(a, "--comment");
    const Date on = a.get("--on") ? dateOption(a, "--on", true) : ctx.clock.today();
    const Catalog& catalog = ctx.catalog; // with any --catalog files
    std::string said;
    auto saved = updatePortfolioFile(path, [&](Portfolio& doc, std::string& error) {
        std::string notice;
        const Framework* f = selfAssessmentFramework(doc, catalog, &notice);
        if (!f) {
            error = notice;
            return false;
        }
        // "3" or "kss-cf:3".
        std::string itemId = item;
        if (auto parts = splitTag(item)) {
            if (parts->first != f->id) {
                error = "--item: \"" + item + "\" is not an item of " + f->title +
                        ", which this portfolio self-assesses against";
                return false;
            }
            itemId = std::string(parts->second);
        }
        const FrameworkItem* fi = f->item(itemId);
        if (!fi) {
            std::string ids;
            for (const auto& i : f->items) ids += (ids.empty() ? "" : ", ") + i.id;
            error = "--item: \"" + item + "\" is not an item of " + f->title + " (" + ids + ")";
            return false;
        }
        const std::string tag = f->tag(*fi);
        Profile p = doc.profile;
        const std::string at = std::string(selfAssessmentPointLabel(*point));
        if (clear) {
            if (!clearSelfRating(p.asye, *point, tag)) {
                error = tag + " has no rating at the " + pointText + " point";
                return false;
            }
            said = "Cleared the rating of " + tag + " (" + fi->title + "), " + at;
        } else {
            setSelfRating(p.asye, SelfRating{*point, tag, rating, comment, on, ctx.clock.nowMs()});
            said = "Rated " + tag + " (" + fi->title + "), " + at + ": " + std::to_string(rating) +
                   " " + std::string(selfRatingLabel(rating));
        }
        return applyTo(doc, cmd::SetProfile{p}, ctx.clock, error);
    });
    if (!saved) throw UserError{saved.error};
    ctx.out << said << "\n";
    return kOk;
}

// asye FILE goal --title T --review ID [--target D] [--status S] [--description T] [--plan T]
//     [--evidence ID]... | asye FILE goal --id ID [the same, each optional] [--unlink ID]...
int cmdGoal(const Args& a, Context& ctx, const std::string& path) {
    const std::string* idOpt = a.get("--id");
    const bool adding = !idOpt;
    if (adding && textOption(a, "--title").empty()) throw UsageError{"--title is required for a new goal (or --id to change one)"};
    if (adding && !a.get("--review")) throw UsageError{"--review is required for a new goal (the review it is for, e.g. 3m)"};
    if (adding && !a.all("--unlink").empty()) throw UsageError{"--unlink is only for a goal's --id"};
    if (!adding) {
        bool any = false;
        for (const char* o : {"--title", "--review", "--target", "--status", "--description", "--plan",
                              "--evidence", "--unlink"})
            any = any || a.get(o);
        if (!any) throw UsageError{"nothing to change: give --status, --target, --evidence or another option"};
    }
    std::optional<Date> target;
    if (a.get("--target")) target = dateOption(a, "--target", true);
    const Date on = a.get("--on") ? dateOption(a, "--on", true) : ctx.clock.today();
    const Catalog& catalog = ctx.catalog; // with any --catalog files
    std::string said;
    auto saved = updatePortfolioFile(path, [&](Portfolio& doc, std::string& error) {
        Entry g;
        if (adding) {
            g.kind = EntryKind::Goal;
            g.date = on;
            if (!a.get("--status")) g.fields[std::string(field::kStatus)] = "not-started";
        } else {
            const Entry* found = resolveEntry(doc, *idOpt, error);
            if (!found) {
                error = "--id: " + error;
                return false;
            }
            if (found->kind != EntryKind::Goal) {
                error = "--id: \"" + found->title + "\" is a " + std::string(kindLabel(found->kind)) + ", not a goal";
                return false;
            }
            g = *found;
        }
        if (a.get("--title")) g.title = textOption(a, "--title");
        const auto setField = [&](const char* option, std::string_view key) {
            if (a.get(option)) g.fields[std::string(key)] = textOption(a, option);
        };
        setField("--status", field::kStatus);
        setField("--description", field::kDescription);
        setField("--plan", "plan");
        if (target) g.fields[std::string(field::kTargetDate)] = target->toString();
        if (a.get("--review")) {
            const std::string review = textOption(a, "--review");
            // The programme's own reviews when it has an ASYE schedule (programmes as data).
            const Status st = computeStatus(doc, catalog, ctx.clock.today());
            if (st.asye) {
                std::string ids;
                bool known = false;
                for (const auto& r : st.asye->reviews) {
                    ids += (ids.empty() ? "" : ", ") + r.id;
                    known = known || r.id == review;
                }
                if (!known) {
                    error = "--review: \"" + review + "\" is not a review of this programme (" + ids + ")";
                    return false;
                }
            }
            g.fields[std::string(field::kGoalReview)] = review;
        }
        for (const auto& ref : a.all("--evidence")) {
            const Entry* e = resolveEntry(doc, ref, error);
            if (!e) {
                error = "--evidence: " + error;
                return false;
            }
            if (e->id == g.id) {
                error = "--evidence: a goal cannot be its own evidence";
                return false;
            }
            if (std::find(g.links.begin(), g.links.end(), e->id) == g.links.end()) g.links.push_back(e->id);
        }
        for (const auto& ref : a.all("--unlink")) {
            const size_t before = g.links.size();
            std::erase_if(g.links, [&](const std::string& l) { return l == ref || (ref.size() >= 4 && l.rfind(ref, 0) == 0); });
            if (g.links.size() == before) {
                error = "--unlink: \"" + ref + "\" is not linked to this goal";
                return false;
            }
        }
        std::string id = g.id;
        const bool ok = adding ? applyTo(doc, cmd::AddEntry{g, {}}, ctx.clock, error, &id)
                               : applyTo(doc, cmd::UpdateEntry{g}, ctx.clock, error);
        if (!ok) return false;
        const std::string& review = g.field(field::kGoalReview);
        said = std::string(adding ? "Added" : "Updated") + " goal \"" + g.title + "\"" +
               (review.empty() ? std::string() : " for review " + review) + " (" + id + ")";
        return true;
    });
    if (!saved) throw UserError{saved.error};
    ctx.out << said << "\n";
    return kOk;
}

int cmdAsye(const Args& a, Context& ctx) {
    if (a.positional.size() < 2)
        throw UsageError{"missing FILE or WHAT (leave, hours, outcome, person, self-assess, goal)"};
    if (a.positional.size() > 2) throw UsageError{"unexpected argument \"" + a.positional[2] + "\""};
    const std::string& path = a.positional[0];
    const std::string& what = a.positional[1];
    // The options are read first; the change is made to the profile as stored when the lock
    // is held.
    std::function<void(Profile&)> change;
    std::string said;
    if (what == "self-assess") return cmdSelfAssess(a, ctx, path);
    if (what == "goal") return cmdGoal(a, ctx, path);
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
        throw UsageError{"\"" + what + "\" is not leave, hours, outcome, person, self-assess or goal"};
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
             "asye FILE person --role supervisor|assessor --name NAME --registered yes|no | "
             "asye FILE self-assess --point start|mid|end --item ID --rating 1-4 [--comment T] [--on D] "
             "(or --clear) | "
             "asye FILE goal --title T --review 3m [--target D] [--status not-started|in-progress|achieved|dropped] "
             "[--description T] [--plan T] [--evidence ID]... | "
             "asye FILE goal --id ID [those options] [--unlink ID]...  [--catalog FILE]...",
             "Record ASYE leave, a change of hours, a recommendation or outcome, a supervisor "
             "or assessor, a self-assessment rating, or a development goal for a review.",
             {"--from", "--to", "--kind", "--note", "--fte", "--step", "--decision", "--on", "--by",
              "--new-end", "--role", "--name", "--registered", "--point", "--item", "--rating",
              "--comment", "--id", "--title", "--review", "--target", "--status", "--description",
              "--plan", "--evidence", "--unlink"},
             {"--clear"},
             false,
             cmdAsye}};
}

} // namespace pathway::cli
