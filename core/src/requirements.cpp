#include "pathway/core/requirements.hpp"

#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace pathway::core {

namespace {

using json = nlohmann::json;

// The framework whose levels are the career ladder (its level ids are CareerStage ids).
constexpr std::string_view kProgressionFramework = "pcf";
constexpr std::string_view kSweCpdRuleId = "swe-cpd";
constexpr std::string_view kAsyeRuleId = "asye";

std::string_view settingPhrase(Setting s) {
    return s == Setting::Adults ? "adult services" : "children and families";
}

std::string plural(int32_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

json dateOrNull(const std::optional<Date>& d) {
    return d ? json(d->toString()) : json(nullptr);
}

std::string pinned(const Portfolio& p, std::string_view id) {
    auto it = p.assessedAgainst.find(std::string(id));
    return it == p.assessedAgainst.end() ? std::string() : it->second;
}

// ------------------------------------------------------------------------------------- SWE

bool piecePresent(const Entry& e, std::string_view key) {
    if (key == "title") return !trim(e.title).empty();
    if (key == "date") return true; // every entry has a date
    return e.has(key);
}

bool profileRegisteredInYear(const Profile& p, const RegistrationYear& y) {
    return p.registeredOn && y.start <= *p.registeredOn && *p.registeredOn <= y.end;
}

std::optional<SweStatus> computeSwe(const Portfolio& portfolio, const Catalog& catalog, Date today,
                                    Status& status) {
    bool exact = false;
    const SweCpdRule* rule = catalog.sweCpdRule(today, &exact);
    if (!rule) {
        status.notices.push_back("The catalogue has no CPD rule, so registration readiness "
                                 "cannot be checked.");
        return std::nullopt;
    }
    if (!exact)
        status.notices.push_back("No CPD rule version covers " + today.toString() +
                                 "; using version " + rule->version + " (from " +
                                 rule->validFrom.toString() + ").");
    status.assessedAgainst[std::string(kSweCpdRuleId)] = rule->version;

    SweStatus s;
    s.ruleVersion = rule->version;
    s.year = rule->yearContaining(today);
    s.deadlineTime = rule->deadlineTime;
    s.minPieces = rule->minPieces;
    s.minPeerReflections = rule->minPeerReflections;

    // Pieces dated in the year up to today; later ones are planned. Identical copies (same
    // title, date and text) are one piece: the regulator asks for 2 different pieces.
    std::vector<const Entry*> pieces;
    std::unordered_map<std::string, const Entry*> seen;
    for (const auto& e : portfolio.entries) {
        if (e.kind != rule->pieceKind || e.date < s.year.start || s.year.end < e.date) continue;
        if (today < e.date) {
            ++s.planned;
            continue;
        }
        pieces.push_back(&e);
    }
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const Entry* a, const Entry* b) { return a->date < b->date; });
    {
        std::vector<const Entry*> distinct;
        for (const Entry* e : pieces) {
            std::string key(trim(e->title));
            key += '\x1f';
            key += e->date.toString();
            for (const auto& [k, v] : e->fields) {
                key += '\x1e';
                key += k;
                key += '\x1d';
                key += v;
            }
            auto [it, fresh] = seen.emplace(std::move(key), e);
            if (fresh)
                distinct.push_back(e);
            else
                s.duplicates.push_back({e->id, it->second->id});
        }
        pieces.swap(distinct);
    }

    for (const Entry* e : pieces) {
        ++s.pieces;
        s.hours += e->number(field::kHours).value_or(0);
        PieceCheck check{e->id, e->title, e->date, false, {}};
        for (const auto& f : rule->requiredFields)
            if (!piecePresent(*e, f.key)) check.missing.push_back(f.label);
        const bool complete = check.missing.empty();
        for (const auto& m : rule->peerMarkers)
            check.peerIntended = check.peerIntended || e->has(m);
        std::vector<std::string> peerMissing;
        for (const auto& f : rule->peerFields)
            if (!piecePresent(*e, f.key)) peerMissing.push_back(f.label);
        const bool peerReflected =
            rule->peerFields.empty() ? check.peerIntended : peerMissing.empty();
        if (complete) ++s.completePieces;
        if (complete && peerReflected) ++s.peerReflections;
        if (check.peerIntended)
            check.missing.insert(check.missing.end(), peerMissing.begin(), peerMissing.end());
        if (!check.missing.empty()) s.incomplete.push_back(std::move(check));
    }

    s.ready = s.completePieces >= s.minPieces && s.peerReflections >= s.minPeerReflections;
    if (!s.ready) {
        if (s.pieces < s.minPieces)
            s.missing.push_back(
                plural(s.minPieces - s.pieces, "more piece of CPD", "more pieces of CPD"));
        const int32_t peerShort = s.minPeerReflections - s.peerReflections;
        int32_t peerInProgress = 0;
        for (const auto& c : s.incomplete)
            peerInProgress += c.peerIntended ? 1 : 0;
        if (peerShort > peerInProgress) {
            const int32_t n = peerShort - peerInProgress;
            s.missing.push_back(n == 1 ? std::string("a piece with peer reflection")
                                       : plural(n, "more piece with peer reflection",
                                                "more pieces with peer reflection"));
        }
        const bool needComplete = s.completePieces < s.minPieces;
        for (const auto& c : s.incomplete) {
            if (!(needComplete || (peerShort > 0 && c.peerIntended))) continue;
            std::string labels;
            for (const auto& m : c.missing) {
                if (!labels.empty()) labels += ", ";
                labels += m;
            }
            const std::string title = trim(c.title).empty() ? "Untitled piece" : c.title;
            s.missing.push_back("\"" + title + "\": ");
            s.missing.back() += labels;
        }
    }
    // Joining the register on or after the cut-off (1 September): no CPD for that renewal.
    if (rule->firstYearExemptFrom && profileRegisteredInYear(portfolio.profile, s.year)) {
        const Date cutOff = rule->firstYearExemptFrom->onOrAfter(s.year.start);
        const Date joined = *portfolio.profile.registeredOn;
        if (cutOff <= joined) {
            s.exempt = true;
            s.ready = true;
            s.missing.clear();
            s.exemptReason = "Joined the register on " + joined.toString() + " (on or after " +
                             cutOff.toString() + "): no CPD is needed for the renewal due by " +
                             s.year.deadline.toString() + ".";
        }
    }
    s.daysToDeadline = daysBetween(today, s.year.deadline);
    s.inRenewalWindow = s.year.renewalOpens <= today && today <= s.year.deadline;
    return s;
}

// ------------------------------------------------------------------------------------ ASYE

/// A period of leave: [from, to], both inclusive.
struct LeaveSpan {
    Date from;
    Date to;
};

// The ASYE clock: how far through the year a calendar day is. Part-time work slows it (pro
// rata, the rule's ceil(days / fte), with the fraction in force on each day); leave stops it.
// A point `M` months in is the day the clock has run for as many full-time days as the
// calendar span start..start+M.
class AsyeClock {
  public:
    AsyeClock(const AsyeRule& rule, Date start, double fte, std::vector<LeaveSpan> leave,
              std::vector<FteChange> changes = {})
        : m_rule(rule), m_start(start), m_fte(fte), m_leave(std::move(leave)),
          m_changes(std::move(changes)) {
        std::sort(m_leave.begin(), m_leave.end(),
                  [](const LeaveSpan& x, const LeaveSpan& y) { return x.from < y.from; });
        std::stable_sort(m_changes.begin(), m_changes.end(),
                         [](const FteChange& x, const FteChange& y) { return x.from < y.from; });
        for (const auto& l : m_leave) {
            m_breaks.push_back(l.from);
            m_breaks.push_back(l.to.addDays(1));
        }
        for (const auto& c : m_changes)
            m_breaks.push_back(c.from);
        std::sort(m_breaks.begin(), m_breaks.end());
        m_breaks.erase(std::unique(m_breaks.begin(), m_breaks.end()), m_breaks.end());
        m_breaks.erase(std::remove_if(m_breaks.begin(), m_breaks.end(),
                                      [&](Date b) { return b <= m_start; }),
                       m_breaks.end());
    }

    double fteOn(Date d) const {
        double f = m_fte;
        for (const auto& c : m_changes)
            if (c.from <= d) f = c.fte;
        return f > 0 && f <= 1 ? f : 1.0;
    }

    /// Full-time days worked in [m_start, to): what protected time is expected for.
    double worked(Date to) const {
        double sum = 0;
        Date cur = m_start;
        for (size_t i = 0; i <= m_breaks.size() && cur < to; ++i) {
            const Date segEnd = i < m_breaks.size() ? std::min(m_breaks[i], to) : to;
            if (segEnd <= cur) continue;
            sum += static_cast<double>(daysBetween(cur, segEnd)) * rate(cur, true);
            cur = segEnd;
        }
        return sum;
    }

    bool onLeave(Date d) const {
        for (const auto& l : m_leave)
            if (l.from <= d && d <= l.to) return true;
        return false;
    }

    /// The day `offset` into the year; `proRata` false runs the clock at full speed (leave
    /// still stops it).
    Date at(const Offset& offset, bool proRata) const {
        const double target =
            static_cast<double>(daysBetween(m_start, m_rule.calendar(m_start, offset)));
        if (target <= 0) return m_start;
        // Walk the spans between breaks (leave starts and ends, hours changes): each day of a
        // span adds its rate in full-time days.
        double done = 0;
        Date cur = m_start;
        for (size_t i = 0;; ++i) {
            const double r = rate(cur, proRata);
            const bool last = i >= m_breaks.size();
            if (r > 0) {
                const double span =
                    last ? 0 : static_cast<double>(daysBetween(cur, m_breaks[i])) * r;
                // The small tolerance keeps exact quotients exact (91 / 0.7 is 130.00000000000003).
                if (last || done + span >= target - 1e-9)
                    return cur.addDays(static_cast<int64_t>(std::ceil((target - done) / r - 1e-9)));
                done += span;
            }
            if (last) return cur; // unreachable: the last span has a rate
            cur = m_breaks[i];
        }
    }

  private:
    double rate(Date d, bool proRata) const {
        if (onLeave(d)) return 0;
        if (!proRata) return 1.0;
        return fteOn(d);
    }

    const AsyeRule& m_rule;
    Date m_start;
    double m_fte;
    std::vector<LeaveSpan> m_leave;
    std::vector<FteChange> m_changes;
    std::vector<Date> m_breaks; ///< sorted days after the start where the rate may change
};

std::optional<AsyeStatus> computeAsye(const Portfolio& portfolio, const Catalog& catalog,
                                      Date today, Status& status) {
    const Profile& profile = portfolio.profile;
    if (!profile.asyeStart) return std::nullopt;
    const Date start = *profile.asyeStart;
    const double fte = (profile.fte > 0 && profile.fte <= 1) ? profile.fte : 1.0;

    const AsyeRule* rule = nullptr;
    if (const std::string v = pinned(portfolio, kAsyeRuleId); !v.empty())
        rule = catalog.asyeRuleVersion(v);
    // The programme in force on the start date for this setting (the rule files name their
    // programmes); else the closest version, with a notice.
    if (!rule) rule = catalog.asyeRuleFor(profile.setting, start);
    if (!rule) {
        bool exact = false;
        rule = catalog.asyeRule(start, &exact);
        if (rule && !exact)
            status.notices.push_back("No ASYE rule version covers a start on " + start.toString() +
                                     "; using version " + rule->version + ".");
    }
    if (!rule) {
        status.notices.push_back("The catalogue has no ASYE rule, so the ASYE cannot be tracked.");
        return std::nullopt;
    }
    if (!rule->appliesToStart(profile.setting, start)) {
        status.notices.push_back(
            "The ASYE rule (version " + rule->version + ") does not cover a start in " +
            std::string(settingPhrase(profile.setting)) + " on " + start.toString() + ".");
        return std::nullopt;
    }
    status.assessedAgainst[std::string(kAsyeRuleId)] = rule->version;

    AsyeStatus a;
    a.ruleVersion = rule->version;
    a.programme = rule->programme.empty() ? rule->title : rule->programme;
    a.start = start;
    a.fte = fte;
    a.record = profile.asye;
    std::vector<LeaveSpan> leave;
    for (const auto& l : profile.asye.leave)
        if (start <= l.to) leave.push_back({std::max(l.from, start), l.to});
    const AsyeClock clock(*rule, start, fte, leave, profile.asye.fteChanges);
    const Offset yearLength{Offset::Unit::Months, rule->durationMonths, {}};
    a.end = clock.at(yearLength, rule->extendProRata);
    a.plainEnd = AsyeClock(*rule, start, fte, {}, profile.asye.fteChanges)
                     .at(yearLength, rule->extendProRata);
    for (const auto& l : leave)
        if (l.from <= a.end) a.leaveDays += daysBetween(l.from, std::min(l.to, a.end)) + 1;
    a.fteNow = clock.fteOn(std::clamp(today, start, a.end));
    // An extension (the latest word: final, then moderation, then the recommendation) moves
    // the end and the final review.
    const AsyeOutcome& outcome = profile.asye.outcome;
    for (const auto* d : {&outcome.final, &outcome.moderation, &outcome.recommendation}) {
        if (!*d) continue;
        if ((*d)->decision == AsyeDecision::Extend && (*d)->newEnd) {
            a.extendedTo = (*d)->newEnd;
            a.end = *(*d)->newEnd;
        }
        break;
    }
    if (outcome.final && outcome.final->decision != AsyeDecision::Extend) {
        a.closed = true;
        a.closedReason = "The ASYE has a final outcome: " +
                         std::string(asyeDecisionId(outcome.final->decision)) + " on " +
                         outcome.final->date.toString() +
                         (outcome.final->by.empty() ? std::string() : " (" + outcome.final->by + ")") +
                         ".";
    }
    for (const auto& person : profile.asye.people)
        if (person.role == AsyeRole::Supervisor && !person.registeredSocialWorker)
            status.notices.push_back("Supervision should be given by a registered social worker; " +
                                     (person.name.empty() ? std::string("the supervisor") : person.name) +
                                     " is not recorded as one.");

    if (!a.closed && profile.stage != CareerStage::Asye) {
        a.closed = true;
        a.closedReason = "The portfolio has moved on from the ASYE (stage: " +
                         std::string(stageLabel(profile.stage)) +
                         "); its reviews and supervision are history.";
    }

    // Review dates move off weekends and the rule's bank holidays; a date the calendar does
    // not cover moves off weekends only, and a notice says so.
    const BankHolidays* holidays = nullptr;
    if (!rule->bankHolidays.empty()) {
        holidays = catalog.bankHolidays(rule->bankHolidays);
        if (!holidays)
            status.notices.push_back("The bank-holiday calendar \"" + rule->bankHolidays +
                                     "\" is not loaded; review dates move off weekends only.");
    }
    std::set<int32_t> unknownYears;
    const auto dueDate = [&](Date calculated) {
        if (holidays && !holidays->covers(calculated)) unknownYears.insert(calculated.year);
        return rule->nextWorkingDay(calculated, holidays);
    };

    // One pass over the entries for what the reviews and the evidence need (issue 7: a
    // pass per review and per kind of evidence, each looking fields up, cost most of the
    // status of a large portfolio). Each entry's stage is looked up once. Nothing dated after
    // today counts: it is planned.
    std::vector<std::optional<Date>> reviewDone(rule->reviews.size());
    std::vector<std::optional<Date>> reviewPlanned(rule->reviews.size());
    std::vector<int32_t> evidenceHave(rule->evidence.size(), 0);
    std::vector<int32_t> evidencePlanned(rule->evidence.size(), 0);
    for (const auto& e : portfolio.entries) {
        const bool future = today < e.date;
        if (e.kind == EntryKind::Review) {
            const std::string& stage = e.field(field::kStage);
            for (size_t i = 0; i < rule->reviews.size(); ++i) {
                if (stage != rule->reviews[i].id) continue;
                auto& slot = future ? reviewPlanned[i] : reviewDone[i];
                if (!slot || e.date < *slot) slot = e.date;
            }
        }
        if (e.date < start) continue;
        // Evidence rules of one kind usually test the same field ("source", "review_point"):
        // the last lookup is reused for the next rule.
        const std::string* lastKey = nullptr;
        const std::string* lastValue = nullptr;
        for (size_t i = 0; i < rule->evidence.size(); ++i) {
            const AsyeEvidence& ev = rule->evidence[i];
            if (e.kind != ev.kind) continue;
            bool match = true;
            for (const auto& [key, value] : ev.where) {
                if (!lastKey || *lastKey != key) {
                    lastKey = &key;
                    lastValue = &e.field(key);
                }
                if (*lastValue != value) {
                    match = false;
                    break;
                }
            }
            if (match) ++(future ? evidencePlanned[i] : evidenceHave[i]);
        }
    }

    for (size_t ri = 0; ri < rule->reviews.size(); ++ri) {
        const auto& r = rule->reviews[ri];
        ReviewStatus rs;
        rs.id = r.id;
        rs.name = r.name;
        rs.months = r.months;
        rs.optional = r.optional;
        rs.calculated = clock.at(Offset{Offset::Unit::Months, r.months, {}}, rule->extendProRata);
        if (a.extendedTo && r.months >= rule->durationMonths) rs.calculated = *a.extendedTo;
        rs.due = dueDate(rs.calculated);
        rs.doneOn = reviewDone[ri];
        if (!rs.doneOn) rs.plannedOn = reviewPlanned[ri];
        if (rs.doneOn)
            rs.state = ReviewState::Done;
        else if (a.closed)
            rs.state = ReviewState::NotHeld;
        else if (rs.due < today)
            rs.state = ReviewState::Overdue;
        else if (daysBetween(today, rs.due) <= rule->dueSoonDays)
            rs.state = ReviewState::DueSoon;
        else
            rs.state = ReviewState::Upcoming;
        a.reviews.push_back(std::move(rs));
    }
    for (int32_t y : unknownYears)
        status.notices.push_back("Bank holidays for " + std::to_string(y) +
                                 " are not known; review dates that year move off weekends only.");

    for (size_t i = 0; i < rule->evidence.size(); ++i) {
        const auto& ev = rule->evidence[i];
        a.evidence.push_back(
            {ev.id, ev.label, evidenceHave[i], ev.need, evidencePlanned[i], ev.confirmed});
    }

    // Supervision, by period (Skills for Care's template): each period's cadence applies to
    // the days inside it. A gap is late when, on some day, the time since the last session
    // (leave days not counted) is longer than that day's cadence.
    std::vector<Date> periodEnds; // first day of the next period, for each period but the last
    for (const auto& per : rule->supervision) {
        if (!per.until) break;
        if (per.until->unit == Offset::Unit::Review) {
            const AsyeReview* r = rule->review(per.until->review);
            const Offset o{Offset::Unit::Months, r ? r->months : 0, {}};
            periodEnds.push_back(dueDate(clock.at(o, rule->extendProRata)));
        } else {
            periodEnds.push_back(clock.at(*per.until, rule->supervisionScalesWithFte));
        }
    }
    const auto periodAt = [&](Date t) -> const SupervisionPeriod& {
        for (size_t i = 0; i < periodEnds.size(); ++i)
            if (t < periodEnds[i]) return rule->supervision[i];
        return rule->supervision.back();
    };

    const Date horizon = std::min(today, a.end);
    std::vector<Date> sessions;
    for (const auto& e : portfolio.entries) {
        if (e.kind != rule->supervisionKind || e.date < start) continue;
        if (today < e.date) {
            if (e.date <= a.end) {
                ++a.supervision.planned;
                if (!a.supervision.nextPlanned || e.date < *a.supervision.nextPlanned)
                    a.supervision.nextPlanned = e.date;
            }
        } else if (e.date <= horizon) {
            sessions.push_back(e.date);
        }
    }
    std::sort(sessions.begin(), sessions.end());
    a.supervision.count = static_cast<int32_t>(sessions.size());
    if (!sessions.empty()) a.supervision.last = sessions.back();
    sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());

    Date previous = start;
    {
        int64_t elapsed = 0;
        std::optional<int32_t> lateAllowed;
        size_t next = 0;
        while (next < sessions.size() && sessions[next] <= start)
            ++next;
        for (Date t = start.addDays(1); t <= horizon; t = t.addDays(1)) {
            const bool away = clock.onLeave(t);
            if (!away) ++elapsed;
            if (!away && !lateAllowed) {
                const int32_t every = periodAt(t).everyDays;
                if (elapsed > every) lateAllowed = every;
            }
            if (next < sessions.size() && sessions[next] == t) {
                if (lateAllowed && !a.closed)
                    a.supervisionGaps.push_back(
                        {previous, t, daysBetween(previous, t), *lateAllowed, false});
                previous = t;
                elapsed = 0;
                lateAllowed.reset();
                ++next;
            }
        }
        if (lateAllowed && !a.closed && previous < horizon)
            a.supervisionGaps.push_back(
                {previous, horizon, daysBetween(previous, horizon), *lateAllowed, true});
    }
    {
        const SupervisionPeriod& now = periodAt(std::clamp(today, start, a.end));
        a.supervision.everyDays = now.everyDays;
        a.supervision.cadenceLabel = now.label;
        // The last day a session can come without being late, if it falls inside the year.
        if (!a.closed && today <= a.end) {
            int64_t elapsed = 0;
            for (Date t = previous.addDays(1); t <= a.end.addDays(1); t = t.addDays(1)) {
                if (clock.onLeave(t)) continue;
                if (++elapsed > periodAt(t).everyDays) {
                    if (t.addDays(-1) <= a.end) a.supervision.nextDue = t.addDays(-1);
                    break;
                }
            }
        }
    }

    // Protected development time, pro rata to contracted hours.
    for (const auto& e : portfolio.entries)
        if (e.kind == rule->protectedKind && start <= e.date && e.date <= horizon &&
            e.has(rule->protectedFlagField))
            a.protectedTime.hoursLogged += e.number(rule->protectedHoursField).value_or(0);
    // Expected pro rata to the hours worked each day: part-time days count their fraction and
    // leave counts nothing.
    const double worked = horizon > start ? clock.worked(horizon) : 0.0;
    a.protectedTime.hoursExpectedToDate =
        rule->protectedFraction * rule->fullTimeWeeklyHours * worked / 7.0;
    if (a.protectedTime.hoursExpectedToDate > 0)
        a.protectedTime.fraction =
            a.protectedTime.hoursLogged / a.protectedTime.hoursExpectedToDate;

    // The self-assessment (start, midway, end) and the development plan per review.
    a.selfAssessment = selfAssessmentView(portfolio, catalog);
    if (!a.selfAssessment.framework.empty()) {
        status.assessedAgainst[a.selfAssessment.framework] = a.selfAssessment.version;
        if (a.selfAssessment.frameworkEnds && *a.selfAssessment.frameworkEnds < a.end)
            a.selfAssessment.notices.push_back(
                a.selfAssessment.title + " ended on " + a.selfAssessment.frameworkEnds->toString() +
                ", before this ASYE ends (" + a.end.toString() +
                "); the self-assessment stays against it.");
    }
    std::vector<PlanReview> planReviews;
    for (const auto& r : a.reviews) planReviews.push_back({r.id, r.name, r.due});
    a.plan = developmentPlan(portfolio, planReviews, today);
    return a;
}

// -------------------------------------------------------------------------------- coverage

// The frameworks for the profile's setting today, with pinned versions where the catalogue
// has them.
std::vector<const Framework*> chooseFrameworks(const Portfolio& portfolio, const Catalog& catalog,
                                               Date today) {
    std::vector<const Framework*> out;
    for (const Framework* f : catalog.frameworksFor(portfolio.profile.setting, today)) {
        const std::string v = pinned(portfolio, f->id);
        const Framework* pin = v.empty() ? nullptr : catalog.frameworkVersion(f->id, v);
        out.push_back(pin ? pin : f);
    }
    return out;
}

struct CellRef {
    const Framework* framework;
    const FrameworkItem* item;
};

// Counts evidence per item; a sub-item's evidence also counts for its parents (once per entry).
class CoverageCounter {
  public:
    explicit CoverageCounter(const std::vector<const Framework*>& frameworks) {
        for (const Framework* f : frameworks)
            for (const auto& item : f->items) {
                m_index.emplace(f->tag(item), m_refs.size());
                m_refs.push_back({f, &item});
                m_cells.push_back({f->tag(item), 0, std::nullopt});
            }
        // Each item's parent cell, resolved once rather than per tag of every entry (issue 7).
        m_parent.assign(m_refs.size(), kNone);
        for (size_t i = 0; i < m_refs.size(); ++i) {
            const CellRef& ref = m_refs[i];
            if (ref.item->parent.empty()) continue;
            auto parent = m_index.find(ref.framework->id + ":" + ref.item->parent);
            if (parent != m_index.end()) m_parent[i] = parent->second;
        }
    }

    /// Adds the entry; returns the tags it carries that no counted framework knows.
    std::vector<std::string> add(const Entry& e) {
        std::vector<std::string> unmatched;
        std::vector<size_t>& hit = m_hit; // a handful of cells: a sorted vector beats a set
        hit.clear();
        for (const auto& tag : e.tags) {
            auto it = m_index.find(tag);
            if (it == m_index.end()) {
                unmatched.push_back(tag);
                continue;
            }
            size_t idx = it->second;
            for (size_t steps = 0; steps <= m_refs.size() && idx != kNone; ++steps) {
                hit.push_back(idx);
                idx = m_parent[idx];
            }
        }
        std::sort(hit.begin(), hit.end());
        hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
        for (size_t idx : hit) {
            ++m_cells[idx].count;
            if (!m_cells[idx].last || *m_cells[idx].last < e.date) m_cells[idx].last = e.date;
        }
        return unmatched;
    }

    const std::vector<CoverageCell>& cells() const { return m_cells; }
    const std::vector<CellRef>& refs() const { return m_refs; }

  private:
    static constexpr size_t kNone = static_cast<size_t>(-1);
    std::unordered_map<std::string, size_t> m_index;
    std::vector<size_t> m_parent; ///< parent cell of each cell, or kNone
    std::vector<size_t> m_hit;    ///< add()'s scratch, kept to spare an allocation per entry
    std::vector<CellRef> m_refs;
    std::vector<CoverageCell> m_cells;
};

// Goals are intentions, not evidence; nothing dated after today counts yet.
bool countsAsEvidence(const Entry& e, Date today) {
    return e.kind != EntryKind::Goal && e.date <= today;
}

std::string frameworkName(const Framework& f) {
    return f.shortTitle.empty() ? f.title : f.shortTitle;
}

// Why a known framework's tag is not counted today.
std::string outsideReason(const Catalog& catalog, std::string_view id, Setting setting,
                          Date today) {
    bool forSetting = false, started = false;
    for (const auto& f : catalog.frameworks()) {
        if (f.id != id) continue;
        forSetting = forSetting || appliesTo(f.appliesTo, setting);
        started = started || f.validFrom <= today;
    }
    if (!forSetting) return "other-setting";
    return started ? "ended" : "not-yet-in-force";
}

// Frameworks for the setting whose last version has ended with nothing of their kind loaded
// in their place (the child and family KSS after 31 March 2027).
void noticeEndedFrameworks(const Catalog& catalog, Setting setting, Date today,
                           std::vector<std::string>& notices) {
    std::set<std::string> done;
    for (const auto& f : catalog.frameworks()) {
        if (!appliesTo(f.appliesTo, setting) || !done.insert(f.id).second) continue;
        if (catalog.framework(f.id, today)) continue;
        const Framework* latest = catalog.framework(f.id);
        if (!latest || !latest->validTo || !(*latest->validTo < today)) continue;
        bool replaced = false;
        for (const Framework* g : catalog.frameworksFor(setting, today))
            replaced = replaced || (g->appliesTo == latest->appliesTo &&
                                    latest->appliesTo != Applicability::Any);
        if (replaced) continue;
        notices.push_back(frameworkName(*latest) + " ended on " + latest->validTo->toString() +
                          " and no later version is loaded; an academy can add the framework " +
                          "that follows it as a data file.");
    }
}

ProgressionStatus computeProgression(const Portfolio& portfolio, const Catalog& catalog,
                                     const std::vector<const Framework*>& chosen, Date today) {
    ProgressionStatus p;
    p.currentStage = portfolio.profile.stage;
    const Framework* pcf = nullptr;
    for (const Framework* f : chosen)
        if (f->id == kProgressionFramework) pcf = f;
    if (!pcf) {
        const std::string v = pinned(portfolio, kProgressionFramework);
        if (!v.empty()) pcf = catalog.frameworkVersion(kProgressionFramework, v);
    }
    if (!pcf) pcf = catalog.framework(kProgressionFramework, today);
    if (!pcf) pcf = catalog.framework(kProgressionFramework);
    if (!pcf) return p;

    if (auto idx = pcf->levelIndex(stageId(p.currentStage)); idx && *idx + 1 < pcf->levels.size()) {
        p.nextLevel = pcf->levels[*idx + 1].id;
        p.nextLevelName = pcf->levels[*idx + 1].name;
    }
    CoverageCounter recent({pcf});
    const Date from = today.addMonths(-12);
    for (const auto& e : portfolio.entries)
        if (countsAsEvidence(e, today) && from < e.date) recent.add(e);
    for (size_t i = 0; i < recent.cells().size(); ++i)
        if (recent.refs()[i].item->parent.empty() && recent.cells()[i].count == 0)
            p.itemsWithoutEvidence.push_back(recent.cells()[i].tag);
    return p;
}

} // namespace

std::string_view reviewStateId(ReviewState s) {
    switch (s) {
    case ReviewState::Done:
        return "done";
    case ReviewState::Overdue:
        return "overdue";
    case ReviewState::DueSoon:
        return "due-soon";
    case ReviewState::NotHeld:
        return "not-held";
    case ReviewState::Upcoming:
        break;
    }
    return "upcoming";
}

Status computeStatus(const Portfolio& portfolio, const Catalog& catalog, Date today) {
    Status st;
    st.today = today;
    st.swe = computeSwe(portfolio, catalog, today, st);
    st.asye = computeAsye(portfolio, catalog, today, st);

    const std::vector<const Framework*> chosen = chooseFrameworks(portfolio, catalog, today);
    for (const Framework* f : chosen)
        st.assessedAgainst[f->id] = f->version;
    CoverageCounter counter(chosen);
    std::set<std::string> unknown;
    std::map<std::string, OutsideFramework> outside; // tags of known frameworks not counted
    for (const auto& e : portfolio.entries) {
        if (e.kind != EntryKind::Goal && today < e.date)
            st.planned.push_back({e.id, e.kind, e.title, e.date});
        if (!countsAsEvidence(e, today)) continue;
        for (auto& tag : counter.add(e)) {
            if (auto it = outside.find(tag); it != outside.end()) {
                ++it->second.count;
                if (!it->second.last || *it->second.last < e.date) it->second.last = e.date;
                continue;
            }
            // Catalog::findItem sorts versions on each call: ask once per distinct tag.
            if (unknown.count(tag)) continue;
            if (catalog.findItem(tag)) {
                OutsideFramework o;
                o.framework = std::string(splitTag(tag)->first);
                o.reason = outsideReason(catalog, o.framework, portfolio.profile.setting, today);
                o.count = 1;
                o.last = e.date;
                o.tag = tag;
                outside.emplace(std::move(tag), std::move(o));
            } else {
                unknown.insert(std::move(tag));
            }
        }
    }
    std::stable_sort(st.planned.begin(), st.planned.end(),
                     [](const PlannedEntry& a, const PlannedEntry& b) { return a.date < b.date; });
    std::map<std::string, int32_t> endedCounts;
    for (auto& [tag, o] : outside) {
        if (o.reason == "ended") endedCounts[o.framework] += o.count;
        st.outsideFrameworks.push_back(std::move(o));
    }
    for (const auto& [id, n] : endedCounts) {
        const Framework* f = catalog.framework(id);
        std::string when = f && f->validTo ? " on " + f->validTo->toString() : std::string();
        st.notices.push_back(plural(n, "tag", "tags") + " on your evidence name " +
                             (f ? frameworkName(*f) : id) + ", which ended" + when +
                             ": the evidence stays in the portfolio and is listed, but no "
                             "longer counts toward coverage.");
    }
    noticeEndedFrameworks(catalog, portfolio.profile.setting, today, st.notices);
    st.coverage = counter.cells();
    st.unknownTags.assign(unknown.begin(), unknown.end());
    st.progression = computeProgression(portfolio, catalog, chosen, today);
    return st;
}

json statusToJson(const Status& st) {
    json j = json::object();
    j["today"] = st.today.toString();

    if (st.swe) {
        const SweStatus& s = *st.swe;
        json incomplete = json::array();
        for (const auto& c : s.incomplete)
            incomplete.push_back({{"id", c.entryId},
                                  {"title", c.title},
                                  {"date", c.date.toString()},
                                  {"peer", c.peerIntended},
                                  {"missing", c.missing}});
        json duplicates = json::array();
        for (const auto& dup : s.duplicates)
            duplicates.push_back({{"id", dup.entryId}, {"same_as", dup.sameAs}});
        j["swe"] = {
            {"rule_version", s.ruleVersion},
            {"registration_year", s.year.label()},
            {"year_start", s.year.start.toString()},
            {"year_end", s.year.end.toString()},
            {"renewal_opens", s.year.renewalOpens.toString()},
            {"deadline", s.year.deadline.toString()},
            {"deadline_time", s.deadlineTime},
            {"pieces", s.pieces},
            {"complete_pieces", s.completePieces},
            {"peer_reflections", s.peerReflections},
            {"min_pieces", s.minPieces},
            {"min_peer_reflections", s.minPeerReflections},
            {"hours", round2(s.hours)},
            {"ready", s.ready},
            {"missing", s.missing},
            {"incomplete", std::move(incomplete)},
            {"days_to_deadline", s.daysToDeadline},
            {"in_renewal_window", s.inRenewalWindow},
            {"planned", s.planned},
            {"duplicates", std::move(duplicates)},
            {"exempt", s.exempt},
            {"exempt_reason", s.exempt ? json(s.exemptReason) : json(nullptr)},
        };
    } else {
        j["swe"] = nullptr;
    }

    if (st.asye) {
        const AsyeStatus& a = *st.asye;
        json reviews = json::array();
        for (const auto& r : a.reviews)
            reviews.push_back({{"id", r.id},
                               {"name", r.name},
                               {"months", r.months},
                               {"optional", r.optional},
                               {"calculated", r.calculated.toString()},
                               {"due", r.due.toString()},
                               {"status", std::string(reviewStateId(r.state))},
                               {"done_on", dateOrNull(r.doneOn)},
                               {"planned_on", dateOrNull(r.plannedOn)}});
        json evidence = json::object();
        for (const auto& e : a.evidence)
            evidence[e.id] = {{"label", e.label},         {"have", e.have},
                              {"need", e.need},           {"met", e.have >= e.need},
                              {"planned", e.planned},     {"confirmed", e.confirmed}};
        json gaps = json::array();
        for (const auto& g : a.supervisionGaps)
            gaps.push_back({{"from", g.from.toString()},
                            {"to", g.to.toString()},
                            {"days", g.days},
                            {"allowed", g.allowed},
                            {"open", g.open}});
        const auto& pt = a.protectedTime;
        json leaveJ = json::array();
        for (const auto& l : a.record.leave)
            leaveJ.push_back({{"from", l.from.toString()},
                              {"to", l.to.toString()},
                              {"kind", std::string(leaveKindId(l.kind))},
                              {"days", daysBetween(l.from, l.to) + 1}});
        json fteJ = json::array();
        for (const auto& c : a.record.fteChanges)
            fteJ.push_back({{"from", c.from.toString()}, {"fte", c.fte}});
        const auto decisionJ = [](const std::optional<AsyeDecisionRecord>& d) {
            if (!d) return json(nullptr);
            return json{{"decision", std::string(asyeDecisionId(d->decision))},
                        {"date", d->date.toString()},
                        {"by", d->by},
                        {"new_end", dateOrNull(d->newEnd)}};
        };
        json outcomeJ = {{"recommendation", decisionJ(a.record.outcome.recommendation)},
                         {"moderation", decisionJ(a.record.outcome.moderation)},
                         {"final", decisionJ(a.record.outcome.final)}};
        json peopleJ = json::array();
        for (const auto& p : a.record.people)
            peopleJ.push_back({{"role", std::string(asyeRoleId(p.role))},
                               {"name", p.name},
                               {"registered_social_worker", p.registeredSocialWorker}});
        j["asye"] = {
            {"rule_version", a.ruleVersion},
            {"programme", a.programme},
            {"start", a.start.toString()},
            {"end", a.end.toString()},
            {"fte", a.fte},
            {"reviews", std::move(reviews)},
            {"evidence", std::move(evidence)},
            {"supervision_gaps", std::move(gaps)},
            {"supervision",
             {{"count", a.supervision.count},
              {"last", dateOrNull(a.supervision.last)},
              {"next_due", dateOrNull(a.supervision.nextDue)},
              {"every_days", a.supervision.everyDays},
              {"cadence", a.supervision.cadenceLabel},
              {"planned", a.supervision.planned},
              {"next_planned", dateOrNull(a.supervision.nextPlanned)}}},
            {"protected_time",
             {{"hours_logged", round2(pt.hoursLogged)},
              {"hours_expected_to_date", round2(pt.hoursExpectedToDate)},
              {"fraction", pt.fraction ? json(round2(*pt.fraction)) : json(nullptr)}}},
            {"closed", a.closed},
            {"closed_reason", a.closed ? json(a.closedReason) : json(nullptr)},
            {"fte_now", a.fteNow},
            {"plain_end", a.plainEnd.toString()},
            {"leave_days", a.leaveDays},
            {"extended_to", dateOrNull(a.extendedTo)},
            {"leave", std::move(leaveJ)},
            {"fte_changes", std::move(fteJ)},
            {"outcome", std::move(outcomeJ)},
            {"people", std::move(peopleJ)},
            {"self_assessment", selfAssessmentToJson(a.selfAssessment)},
            {"development_plan", developmentPlanToJson(a.plan)},
        };
    } else {
        j["asye"] = nullptr;
    }

    json coverage = json::object();
    for (const auto& c : st.coverage)
        coverage[c.tag] = {{"count", c.count}, {"last", dateOrNull(c.last)}};
    j["coverage"] = std::move(coverage);

    const auto& p = st.progression;
    j["progression"] = {
        {"current_stage", std::string(stageId(p.currentStage))},
        {"next_level", p.nextLevel ? json(*p.nextLevel) : json(nullptr)},
        {"next_level_name", p.nextLevelName ? json(*p.nextLevelName) : json(nullptr)},
        {"items_without_evidence", p.itemsWithoutEvidence},
    };
    j["assessed_against"] = st.assessedAgainst;
    j["unknown_tags"] = st.unknownTags;
    j["notices"] = st.notices;
    json planned = json::array();
    for (const auto& e : st.planned)
        planned.push_back({{"id", e.entryId},
                           {"kind", std::string(kindId(e.kind))},
                           {"title", e.title},
                           {"date", e.date.toString()}});
    j["planned"] = std::move(planned);
    json outsideJ = json::array();
    for (const auto& o : st.outsideFrameworks)
        outsideJ.push_back({{"tag", o.tag},
                            {"framework", o.framework},
                            {"reason", o.reason},
                            {"count", o.count},
                            {"last", dateOrNull(o.last)}});
    j["outside_frameworks"] = std::move(outsideJ);
    return j;
}

} // namespace pathway::core
