#include "pathway/core/attention.hpp"

#include "pathway/core/builtin_assets.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <stdexcept>

namespace pathway::core {

namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, kAttentionKindCount> kKindIds = {
    "review-overdue",       "supervision-gap",  "evidence-behind", "no-activity",
    "sign-offs-to-recheck", "renewal-not-ready"};
static_assert(kKindIds.size() == static_cast<size_t>(AttentionKind::RenewalNotReady) + 1);

/// A field's problem: caught by loadAttentionRules and turned into "file: field: problem".
struct FieldError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
[[noreturn]] void fail(const std::string& field, const std::string& problem) {
    throw FieldError(field + ": " + problem);
}

const json* member(const json& o, const char* key) {
    auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}
std::string text(const json& o, const char* key, const std::string& path, bool required = true) {
    const json* v = member(o, key);
    const std::string field = path.empty() ? key : path + "." + key;
    if (!v) {
        if (required) fail(field, "missing");
        return {};
    }
    if (!v->is_string() || v->get_ref<const std::string&>().empty())
        fail(field, "should be a text that is not empty");
    return v->get<std::string>();
}
int32_t whole(const json& o, const char* key, const std::string& path, int32_t fallback,
              int32_t lo, int32_t hi) {
    const json* v = member(o, key);
    if (!v) return fallback;
    const std::string field = path + "." + key;
    if (!v->is_number_integer() || v->get<int64_t>() < lo || v->get<int64_t>() > hi)
        fail(field, "should be a whole number from " + std::to_string(lo) + " to " +
                        std::to_string(hi));
    return static_cast<int32_t>(v->get<int64_t>());
}
bool flag(const json& o, const char* key, const std::string& path, bool fallback) {
    const json* v = member(o, key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(path + "." + key, "should be true or false");
    return v->get<bool>();
}
Date date(const json& o, const char* key, bool required) {
    const json* v = member(o, key);
    if (!v || v->is_null()) {
        if (required) fail(key, "missing");
        return {};
    }
    std::optional<Date> d = v->is_string() ? Date::parse(v->get<std::string>()) : std::nullopt;
    if (!d) fail(key, "should be a date (YYYY-MM-DD)");
    return *d;
}

AttentionRule readRule(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "should be an object");
    AttentionRule r;
    const std::string id = text(j, "id", path);
    auto kind = parseAttentionKind(id);
    if (!kind) {
        std::string known;
        for (auto k : kKindIds) known += (known.empty() ? "" : ", ") + std::string(k);
        fail(path + ".id", "\"" + id + "\" is not a rule Pathway knows (" + known + ")");
    }
    r.kind = *kind;
    r.enabled = flag(j, "enabled", path, true);
    r.label = text(j, "label", path);
    r.one = text(j, "one", path);
    r.many = text(j, "many", path);
    r.weight = whole(j, "weight", path, 1, 0, 100);
    switch (r.kind) {
    case AttentionKind::ReviewOverdue: r.graceDays = whole(j, "grace_days", path, 0, 0, 365); break;
    case AttentionKind::SupervisionGap:
        r.graceDays = whole(j, "grace_days", path, 0, 0, 365);
        r.recentDays = whole(j, "recent_days", path, 28, 0, 3660);
        break;
    case AttentionKind::NoActivity: r.weeks = whole(j, "weeks", path, 6, 1, 520); break;
    case AttentionKind::SignOffsToRecheck: r.min = whole(j, "min", path, 1, 1, 100000); break;
    case AttentionKind::RenewalNotReady:
        r.onlyInRenewalWindow = flag(j, "only_in_renewal_window", path, true);
        break;
    case AttentionKind::EvidenceBehind: {
        const json* cps = member(j, "checkpoints");
        if (!cps || !cps->is_array() || cps->empty())
            fail(path + ".checkpoints", "should list at least one {\"review\", \"share\"}");
        for (size_t i = 0; i < cps->size(); ++i) {
            const std::string p = path + ".checkpoints[" + std::to_string(i) + "]";
            const json& c = (*cps)[i];
            if (!c.is_object()) fail(p, "should be an object");
            EvidenceCheckpoint cp;
            cp.review = text(c, "review", p);
            const json* s = member(c, "share");
            if (!s || !s->is_number() || !(s->get<double>() > 0) || s->get<double>() > 1)
                fail(p + ".share", "should be a number above 0 and at most 1");
            cp.share = s->get<double>();
            r.checkpoints.push_back(std::move(cp));
        }
        if (const json* due = member(j, "due_at_review")) {
            if (!due->is_object()) fail(path + ".due_at_review", "should map evidence ids to review ids");
            for (const auto& [k, v] : due->items()) {
                if (!v.is_string() || v.get_ref<const std::string&>().empty())
                    fail(path + ".due_at_review." + k, "should be a review id (\"6m\")");
                r.dueAtReview.emplace_back(k, v.get<std::string>());
            }
        }
        break;
    }
    }
    return r;
}

AttentionRules readRules(const json& root) {
    if (!root.is_object()) fail("(file)", "should be a JSON object");
    const json* f = member(root, "format");
    if (!f || !f->is_string()) fail("format", "missing (expected " + std::string(kAttentionRulesFormat) + ")");
    if (f->get<std::string>() != kAttentionRulesFormat)
        fail("format", "\"" + f->get<std::string>() + "\" is not " + std::string(kAttentionRulesFormat));
    AttentionRules r;
    r.id = text(root, "id", "");
    if (r.id != "cohort-attention") fail("id", "\"" + r.id + "\" should be \"cohort-attention\"");
    r.version = text(root, "version", "");
    r.title = text(root, "title", "");
    if (const json* s = member(root, "source"); s && s->is_object()) {
        r.source.publisher = text(*s, "publisher", "source", false);
        r.source.reference = text(*s, "reference", "source", false);
    }
    r.validFrom = date(root, "valid_from", true);
    if (const json* v = member(root, "valid_to"); v && !v->is_null()) r.validTo = date(root, "valid_to", true);
    if (r.validTo && *r.validTo < r.validFrom) fail("valid_to", "comes before valid_from");
    if (const json* n = member(root, "notes"); n && n->is_array())
        for (const auto& s : *n)
            if (s.is_string()) r.notes.push_back(s.get<std::string>());
    const json* rules = member(root, "rules");
    if (!rules || !rules->is_array()) fail("rules", "missing (a list of rules)");
    for (size_t i = 0; i < rules->size(); ++i) {
        AttentionRule rule = readRule((*rules)[i], "rules[" + std::to_string(i) + "]");
        if (r.rule(rule.kind))
            fail("rules[" + std::to_string(i) + "].id",
                 "\"" + std::string(attentionKindId(rule.kind)) + "\" is listed twice");
        r.rules.push_back(std::move(rule));
    }
    return r;
}

std::string plural(int64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace

std::string_view attentionKindId(AttentionKind k) { return kKindIds[static_cast<size_t>(k)]; }

std::optional<AttentionKind> parseAttentionKind(std::string_view id) {
    for (size_t i = 0; i < kKindIds.size(); ++i)
        if (kKindIds[i] == id) return static_cast<AttentionKind>(i);
    return std::nullopt;
}

const AttentionRule* AttentionRules::rule(AttentionKind k) const {
    for (const auto& r : rules)
        if (r.kind == k) return &r;
    return nullptr;
}

Parsed<AttentionRules> loadAttentionRules(std::string_view bytes, std::string_view fileName) {
    Parsed<AttentionRules> out;
    const std::string file(fileName);
    json root = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (root.is_discarded()) {
        out.error = file + ": not valid JSON";
        return out;
    }
    try {
        out.value = readRules(root);
    } catch (const FieldError& e) {
        out.error = file + ": " + e.what();
    } catch (const json::exception& e) { // a wrongly typed value nlohmann refused
        out.error = file + ": " + e.what();
    }
    return out;
}

const AttentionRules& builtinAttentionRules() {
    static const AttentionRules rules = [] {
        for (const auto& f : builtinAssets())
            if (f.path == "cohort/attention.json") {
                auto r = loadAttentionRules(f.content, f.path);
                if (r.ok()) return std::move(*r.value);
                // An embedded file that does not load is a build mistake; a test catches it.
                throw std::logic_error(r.error);
            }
        throw std::logic_error("cohort/attention.json is not embedded");
    }();
    return rules;
}

std::vector<AttentionFlag> attentionFlags(const Status& st, const AttentionFacts& facts,
                                          const AttentionRules& rules) {
    std::vector<AttentionFlag> out;
    const Date today = st.today;
    for (const AttentionRule& rule : rules.rules) {
        if (!rule.enabled) continue;
        std::string why;
        switch (rule.kind) {
        case AttentionKind::ReviewOverdue: {
            if (!st.asye) break;
            int overdue = 0;
            const ReviewStatus* first = nullptr;
            for (const auto& r : st.asye->reviews) {
                if (r.state == ReviewState::Done || r.doneOn || r.optional) continue;
                if (daysBetween(r.due, today) <= rule.graceDays) continue;
                if (!first) first = &r;
                ++overdue;
            }
            if (!first) break;
            why = first->name + " was due " + longDate(first->due) + " (" +
                  plural(daysBetween(first->due, today), "day", "days") + " ago)";
            if (overdue > 1) why += " and " + plural(overdue - 1, "later review", "later reviews") + " too";
            break;
        }
        case AttentionKind::SupervisionGap: {
            if (!st.asye) break;
            const SupervisionGap* worst = nullptr;
            for (const auto& g : st.asye->supervisionGaps) {
                if (g.days <= g.allowed + rule.graceDays) continue;
                if (daysBetween(g.to, today) > rule.recentDays) continue;
                if (!worst || g.days > worst->days) worst = &g;
            }
            if (!worst) break;
            if (worst->open)
                why = "No supervision logged for " + plural(worst->days, "day", "days") + " (since " +
                      longDate(worst->from) + ")";
            else
                why = plural(worst->days, "day", "days") + " between supervisions (" +
                      longDate(worst->from) + " to " + longDate(worst->to) + ")";
            why += "; the cadence then was every " + plural(worst->allowed, "day", "days");
            break;
        }
        case AttentionKind::EvidenceBehind: {
            if (!st.asye) break;
            // The latest checkpoint whose review has fallen due.
            const EvidenceCheckpoint* at = nullptr;
            const ReviewStatus* review = nullptr;
            for (const auto& r : st.asye->reviews) {
                if (r.due > today) continue;
                for (const auto& cp : rule.checkpoints)
                    if (cp.review == r.id && (!review || r.due >= review->due)) {
                        at = &cp;
                        review = &r;
                    }
            }
            if (!at) break;
            std::string behind, dueNow;
            for (const auto& e : st.asye->evidence) {
                double share = at->share;
                bool whole = false;
                for (const auto& [id, rev] : rule.dueAtReview)
                    if (id == e.id) { // all of it once that review has fallen due, none before
                        whole = true;
                        share = 0;
                        for (const auto& r : st.asye->reviews)
                            if (r.id == rev && r.due <= today) share = 1;
                    }
                if (e.need <= 0 || share <= 0 || e.have >= share * e.need) continue;
                std::string& list = whole ? dueNow : behind;
                list += list.empty() ? "" : ", ";
                list += e.label + " " + std::to_string(e.have) + " of " + std::to_string(e.need);
            }
            if (behind.empty() && dueNow.empty()) break;
            const int pct = static_cast<int>(std::lround(at->share * 100));
            why = "By the " + review->name + ": ";
            if (!behind.empty())
                why += behind + " (" + std::to_string(pct) + " % of each expected by then)";
            if (!dueNow.empty()) why += (behind.empty() ? "" : "; ") + dueNow + " (due by now)";
            break;
        }
        case AttentionKind::NoActivity: {
            if (!facts.lastActivity) {
                why = "No entries yet";
                break;
            }
            const int64_t days = daysBetween(*facts.lastActivity, today);
            if (days <= int64_t{rule.weeks} * 7) break;
            why = "No entries for " + plural(days / 7, "week", "weeks") + " (the last is dated " +
                  longDate(*facts.lastActivity) + ")";
            break;
        }
        case AttentionKind::SignOffsToRecheck:
            if (facts.signOffsToRecheck < rule.min) break;
            why = plural(facts.signOffsToRecheck, "sign-off", "sign-offs") +
                  " to recheck: the entry changed since it was signed, or is gone";
            break;
        case AttentionKind::RenewalNotReady: {
            if (!st.swe || st.swe->ready) break;
            if (rule.onlyInRenewalWindow && !st.swe->inRenewalWindow) break;
            why = "Registration renewal not ready, " +
                  plural(st.swe->daysToDeadline, "day", "days") + " to the deadline (" +
                  longDate(st.swe->year.deadline) + ")";
            if (!st.swe->missing.empty()) {
                why += ": ";
                for (size_t i = 0; i < st.swe->missing.size(); ++i)
                    why += (i ? "; " : "") + st.swe->missing[i];
            }
            break;
        }
        }
        if (!why.empty()) out.push_back({rule.kind, rule.label, std::move(why), rule.weight});
    }
    return out;
}

std::string longDate(Date d) {
    static constexpr std::array<const char*, 12> kMonths = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    if (d.month < 1 || d.month > 12) return d.toString();
    return std::to_string(d.day) + " " + kMonths[static_cast<size_t>(d.month - 1)] + " " +
           std::to_string(d.year);
}

} // namespace pathway::core
