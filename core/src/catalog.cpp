#include "pathway/core/catalog.hpp"

#include "pathway/core/builtin_assets.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace pathway::core {

namespace {

using json = nlohmann::json;

// Thrown while reading a file; caught at the public functions and turned into a message.
struct FieldError {
    std::string path;
    std::string problem;
};

[[noreturn]] void fail(std::string path, std::string problem) {
    throw FieldError{std::move(path), std::move(problem)};
}

std::string join(const std::string& base, std::string_view key) {
    return base.empty() ? std::string(key) : base + "." + std::string(key);
}

std::string indexed(const std::string& base, size_t i) {
    return base + "[" + std::to_string(i) + "]";
}

std::string inQuotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::string withFile(std::string_view fileName, const std::string& message) {
    return std::string(fileName) + ": " + message;
}

std::string describeError(const FieldError& e) {
    return e.path.empty() ? e.problem : e.path + ": " + e.problem;
}

const json* member(const json& obj, std::string_view key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

// A present, non-null member, or nullptr.
const json* present(const json& obj, std::string_view key) {
    const json* m = member(obj, key);
    return (m && !m->is_null()) ? m : nullptr;
}

const json& requireMember(const json& obj, std::string_view key, const std::string& base) {
    const json* m = present(obj, key);
    if (!m) fail(join(base, key), "missing");
    return *m;
}

void requireObject(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path.empty() ? "(top level)" : path, "should be an object");
}

const json& requireArray(const json& obj, std::string_view key, const std::string& base) {
    const json& a = requireMember(obj, key, base);
    if (!a.is_array()) fail(join(base, key), "should be a list");
    return a;
}

// Optional list: empty when absent or null.
const json* optionalArray(const json& obj, std::string_view key, const std::string& base) {
    const json* a = present(obj, key);
    if (a && !a->is_array()) fail(join(base, key), "should be a list");
    return a;
}

std::string asString(const json& j, const std::string& path) {
    if (!j.is_string()) fail(path, "should be text");
    return j.get<std::string>();
}

std::string requireString(const json& obj, std::string_view key, const std::string& base) {
    std::string s = asString(requireMember(obj, key, base), join(base, key));
    if (trim(s).empty()) fail(join(base, key), "is empty");
    return s;
}

std::string optionalString(const json& obj, std::string_view key, const std::string& base) {
    const json* m = present(obj, key);
    return m ? asString(*m, join(base, key)) : std::string();
}

bool optionalBool(const json& obj, std::string_view key, const std::string& base, bool fallback) {
    const json* m = present(obj, key);
    if (!m) return fallback;
    if (!m->is_boolean()) fail(join(base, key), "should be true or false");
    return m->get<bool>();
}

int32_t asInt(const json& j, const std::string& path, int64_t lo, int64_t hi) {
    if (!j.is_number_integer()) fail(path, "should be a whole number");
    const int64_t v = j.is_number_unsigned()
                          ? static_cast<int64_t>(std::min<uint64_t>(j.get<uint64_t>(), INT64_MAX))
                          : j.get<int64_t>();
    if (v < lo || v > hi)
        fail(path, "should be between " + std::to_string(lo) + " and " + std::to_string(hi));
    return static_cast<int32_t>(v);
}

int32_t requireInt(const json& obj, std::string_view key, const std::string& base, int64_t lo,
                   int64_t hi) {
    return asInt(requireMember(obj, key, base), join(base, key), lo, hi);
}

double requireNumber(const json& obj, std::string_view key, const std::string& base, double lo,
                     double hi) {
    const json& j = requireMember(obj, key, base);
    if (!j.is_number()) fail(join(base, key), "should be a number");
    const double v = j.get<double>();
    if (!(v > lo && v <= hi))
        fail(join(base, key),
             "should be more than " + formatDecimal(lo) + " and at most " + formatDecimal(hi));
    return v;
}

Date asDate(const json& j, const std::string& path) {
    const std::string s = asString(j, path);
    auto d = Date::parse(s);
    if (!d) fail(path, inQuotes(s) + " is not a date (YYYY-MM-DD)");
    return *d;
}

Date requireDate(const json& obj, std::string_view key, const std::string& base) {
    return asDate(requireMember(obj, key, base), join(base, key));
}

std::optional<Date> optionalDate(const json& obj, std::string_view key, const std::string& base) {
    const json* m = present(obj, key);
    if (!m) return std::nullopt;
    return asDate(*m, join(base, key));
}

MonthDay asMonthDay(const json& j, const std::string& path) {
    const std::string s = asString(j, path);
    // Checked against a common year: a yearly date cannot be 29 February.
    auto d = s.size() == 5 ? Date::parse("2001-" + s) : std::nullopt;
    if (!d) fail(path, inQuotes(s) + " is not a day of every year (MM-DD)");
    return MonthDay{d->month, d->day};
}

std::vector<std::string> optionalStrings(const json& obj, std::string_view key,
                                         const std::string& base) {
    std::vector<std::string> out;
    if (const json* a = optionalArray(obj, key, base))
        for (size_t i = 0; i < a->size(); ++i)
            out.push_back(asString((*a)[i], indexed(join(base, key), i)));
    return out;
}

SourceRef readSource(const json& root) {
    SourceRef s;
    const json& j = requireMember(root, "source", "");
    requireObject(j, "source");
    s.publisher = requireString(j, "publisher", "source");
    s.reference = optionalString(j, "reference", "source");
    return s;
}

void checkValidity(Date from, const std::optional<Date>& to) {
    if (to && *to < from)
        fail("valid_to", to->toString() + " is before valid_from " + from.toString());
}

EntryKind readKind(const json& obj, std::string_view key, const std::string& base) {
    const std::string s = requireString(obj, key, base);
    auto k = parseKind(s);
    if (!k) fail(join(base, key), inQuotes(s) + " is not a kind of entry");
    return *k;
}

// A field key that entries of `kind` can hold; "title" and "date" when allowMembers.
void checkFieldKey(EntryKind kind, std::string_view key, const std::string& path,
                   bool allowMembers) {
    if (allowMembers && (key == "title" || key == "date")) return;
    if (!findField(kind, key))
        fail(path, inQuotes(key) + " is not a field of a " + std::string(kindLabel(kind)));
}

// Framework and model ids: a-z, 0-9 and '-'. Item, level, group and evidence ids
// (`itemStyle`) may also use A-Z, '.' and '_' ("4.6"). Never ':' (tags are "framework:item").
bool isStableId(std::string_view id, bool itemStyle) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        (itemStyle && (c == '.' || c == '_' || (c >= 'A' && c <= 'Z')));
        if (!ok) return false;
    }
    return true;
}

// "HH:MM", 00:00 to 23:59.
bool isClockTime(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') return false;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9') return false;
    return (t[0] - '0') * 10 + (t[1] - '0') < 24 && (t[3] - '0') * 10 + (t[4] - '0') < 60;
}

// The format member: the exact expected string, else a message that helps.
void checkFormat(const json& root, std::string_view expected) {
    const json* f = present(root, "format");
    if (!f) fail("format", "missing (expected " + std::string(expected) + ")");
    const std::string s = asString(*f, "format");
    if (s == expected) return;
    const auto slash = expected.find('/');
    const std::string family(expected.substr(0, slash + 1));
    if (s.rfind(family, 0) == 0) {
        auto theirs = parseDecimal(std::string_view(s).substr(family.size()));
        auto ours = parseDecimal(expected.substr(slash + 1));
        if (theirs && ours && *theirs > *ours)
            fail("format", inQuotes(s) + " comes from a newer version of Pathway (this one reads " +
                               std::string(expected) + ")");
    }
    fail("format", inQuotes(s) + " is not a format this file can have (expected " +
                       std::string(expected) + ")");
}

// Parses bytes into JSON; the message names the file.
std::optional<json> parseJson(std::string_view bytes, std::string_view fileName,
                              std::string& error) {
    if (bytes.size() > kMaxCatalogFileBytes) {
        error = withFile(fileName, "the file is too large for a catalogue file");
        return std::nullopt;
    }
    if (trim(bytes).empty()) {
        error = withFile(fileName, "the file is empty");
        return std::nullopt;
    }
    if (jsonNestingExceeds(bytes, kMaxJsonNesting)) {
        error = withFile(fileName, "it nests values more than " + std::to_string(kMaxJsonNesting) +
                                       " levels deep");
        return std::nullopt;
    }
    try {
        return json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error& e) {
        error = withFile(fileName, "not valid JSON (near byte " + std::to_string(e.byte) + ")");
    } catch (const std::exception&) {
        error = withFile(fileName, "not valid JSON");
    }
    return std::nullopt;
}

// ------------------------------------------------------------------------------- frameworks

Framework readFramework(const json& root) {
    requireObject(root, "");
    checkFormat(root, kFrameworkFormat);
    Framework f;
    f.id = requireString(root, "id", "");
    f.version = requireString(root, "version", "");
    f.title = requireString(root, "title", "");
    f.shortTitle = optionalString(root, "short_title", "");
    f.source = readSource(root);
    f.validFrom = requireDate(root, "valid_from", "");
    if (!member(root, "valid_to")) fail("valid_to", "missing (null when still in force)");
    f.validTo = optionalDate(root, "valid_to", "");
    if (const json* a = present(root, "applies_to")) {
        const std::string s = asString(*a, "applies_to");
        if (s == "any")
            f.appliesTo = Applicability::Any;
        else if (s == "children")
            f.appliesTo = Applicability::Children;
        else if (s == "adults")
            f.appliesTo = Applicability::Adults;
        else
            fail("applies_to", inQuotes(s) + " should be children, adults or any");
    }
    if (const json* o = present(root, "display_order"))
        f.displayOrder = asInt(*o, "display_order", 0, 10000);
    f.selfAssessment = optionalBool(root, "self_assessment", "", false);
    f.notes = optionalStrings(root, "notes", "");
    if (const json* levels = optionalArray(root, "levels", "")) {
        for (size_t i = 0; i < levels->size(); ++i) {
            const std::string at = indexed("levels", i);
            requireObject((*levels)[i], at);
            f.levels.push_back(
                {requireString((*levels)[i], "id", at), requireString((*levels)[i], "name", at)});
        }
    }
    if (const json* groups = optionalArray(root, "groups", "")) {
        for (size_t i = 0; i < groups->size(); ++i) {
            const std::string at = indexed("groups", i);
            requireObject((*groups)[i], at);
            f.groups.push_back(
                {requireString((*groups)[i], "id", at), requireString((*groups)[i], "title", at)});
        }
    }
    const json& items = requireArray(root, "items", "");
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string at = indexed("items", i);
        const json& j = items[i];
        requireObject(j, at);
        FrameworkItem item;
        item.id = requireString(j, "id", at);
        item.title = requireString(j, "title", at);
        item.group = optionalString(j, "group", at);
        item.parent = optionalString(j, "parent", at);
        item.description = optionalString(j, "description", at);
        item.confirmed = optionalBool(j, "confirmed", at, true);
        item.groupConfirmed = optionalBool(j, "group_confirmed", at, true);
        f.items.push_back(std::move(item));
    }
    return f;
}

// ------------------------------------------------------------------------------------ rules

std::vector<RequiredField> readRequiredFields(const json& obj, std::string_view key,
                                              const std::string& base, EntryKind kind,
                                              bool required) {
    std::vector<RequiredField> out;
    const json* a = required ? &requireArray(obj, key, base) : optionalArray(obj, key, base);
    if (!a) return out;
    for (size_t i = 0; i < a->size(); ++i) {
        const std::string at = indexed(join(base, key), i);
        requireObject((*a)[i], at);
        RequiredField f{requireString((*a)[i], "key", at), requireString((*a)[i], "label", at)};
        checkFieldKey(kind, f.key, join(at, "key"), true);
        out.push_back(std::move(f));
    }
    return out;
}

// The header every rule file shares: format, id, version, title, source, validity, notes.
template <typename Rule>
Rule readRuleHeader(const json& root, std::string_view format, const std::string& expectedId) {
    requireObject(root, "");
    checkFormat(root, format);
    Rule r;
    r.id = requireString(root, "id", "");
    if (expectedId.empty()) {
        if (!isStableId(r.id, false)) fail("id", inQuotes(r.id) + " should be a-z, 0-9 and -");
    } else if (r.id != expectedId) {
        fail("id", inQuotes(r.id) + " should be \"" + expectedId + "\"");
    }
    r.version = requireString(root, "version", "");
    r.title = requireString(root, "title", "");
    r.source = readSource(root);
    r.validFrom = requireDate(root, "valid_from", "");
    if (!member(root, "valid_to")) fail("valid_to", "missing (null when still in force)");
    r.validTo = optionalDate(root, "valid_to", "");
    checkValidity(r.validFrom, r.validTo);
    r.notes = optionalStrings(root, "notes", "");
    return r;
}

SweCpdRule readSweCpdRule(const json& root) {
    auto r = readRuleHeader<SweCpdRule>(root, kSweCpdRuleFormat, "swe-cpd");
    r.yearStart =
        asMonthDay(requireMember(root, "registration_year_start", ""), "registration_year_start");
    const json& window = requireMember(root, "renewal_window", "");
    requireObject(window, "renewal_window");
    r.renewalOpens =
        asMonthDay(requireMember(window, "opens", "renewal_window"), "renewal_window.opens");
    r.deadline =
        asMonthDay(requireMember(window, "deadline", "renewal_window"), "renewal_window.deadline");
    r.deadlineTime = requireString(window, "deadline_time", "renewal_window");
    if (!isClockTime(r.deadlineTime))
        fail("renewal_window.deadline_time", inQuotes(r.deadlineTime) + " is not a time (HH:MM)");
    // The window must open before the deadline within every registration year.
    for (int32_t year : {2023, 2024}) {
        const RegistrationYear y = r.yearContaining(r.yearStart.in(year));
        if (y.renewalOpens > y.deadline)
            fail("renewal_window.opens", r.renewalOpens.toString() + " comes after the deadline " +
                                             r.deadline.toString() + " in the registration year");
    }
    r.minPieces = requireInt(root, "min_pieces", "", 0, 100);
    r.minPeerReflections = requireInt(root, "min_peer_reflections", "", 0, 100);
    if (const json* ex = present(root, "first_year_exemption")) {
        requireObject(*ex, "first_year_exemption");
        r.firstYearExemptFrom =
            asMonthDay(requireMember(*ex, "registered_on_or_after", "first_year_exemption"),
                       "first_year_exemption.registered_on_or_after");
    }
    const json& piece = requireMember(root, "piece", "");
    requireObject(piece, "piece");
    r.pieceKind = readKind(piece, "kind", "piece");
    r.requiredFields = readRequiredFields(piece, "required_fields", "piece", r.pieceKind, true);
    r.peerFields = readRequiredFields(piece, "peer_fields", "piece", r.pieceKind, false);
    r.peerMarkers = optionalStrings(piece, "peer_markers", "piece");
    for (size_t i = 0; i < r.peerMarkers.size(); ++i)
        checkFieldKey(r.pieceKind, r.peerMarkers[i], indexed("piece.peer_markers", i), false);
    return r;
}

Offset readOffset(const json& j, const std::string& path) {
    requireObject(j, path);
    if (j.size() != 1) fail(path, "should have exactly one of days, weeks, months or review");
    Offset o;
    const std::string unit = j.begin().key();
    if (unit == "review") {
        o.unit = Offset::Unit::Review;
        o.review = asString(j.begin().value(), join(path, unit));
        return o;
    }
    if (unit == "days")
        o.unit = Offset::Unit::Days;
    else if (unit == "weeks")
        o.unit = Offset::Unit::Weeks;
    else if (unit == "months")
        o.unit = Offset::Unit::Months;
    else
        fail(join(path, unit), "should be days, weeks, months or review");
    o.amount = asInt(j.begin().value(), join(path, unit), 1, 1200);
    return o;
}

// Rough length in days, only to check that periods come in order.
double approxDays(const Offset& o, const std::vector<AsyeReview>& reviews) {
    switch (o.unit) {
    case Offset::Unit::Review:
        for (const auto& r : reviews)
            if (r.id == o.review) return r.months * 30.44;
        return 0;
    case Offset::Unit::Days:
        return o.amount;
    case Offset::Unit::Weeks:
        return o.amount * 7.0;
    case Offset::Unit::Months:
        return o.amount * 30.44;
    }
    return 0;
}

std::string choiceList(const FieldSpec& spec) {
    std::string out;
    for (const auto& c : spec.choices)
        out += (out.empty() ? "" : ", ") + std::string(c.id);
    return out;
}

AsyeRule readAsyeRule(const json& root) {
    auto r = readRuleHeader<AsyeRule>(root, kAsyeRuleFormat, "asye");

    const json& applies = requireArray(root, "applies_to", "");
    if (applies.empty()) fail("applies_to", "should name at least one setting");
    for (size_t i = 0; i < applies.size(); ++i) {
        const std::string at = indexed("applies_to", i);
        AsyeSettingRule s;
        std::string id;
        if (applies[i].is_string()) {
            id = applies[i].get<std::string>();
        } else {
            requireObject(applies[i], at);
            id = requireString(applies[i], "setting", at);
            s.startFrom = optionalDate(applies[i], "start_from", at);
            s.startBefore = optionalDate(applies[i], "start_before", at);
            if (s.startFrom && s.startBefore && !(*s.startFrom < *s.startBefore))
                fail(join(at, "start_before"), "should come after start_from");
        }
        auto setting = parseSetting(id);
        if (!setting) fail(at, inQuotes(id) + " should be children or adults");
        s.setting = *setting;
        r.appliesTo.push_back(s);
    }

    r.durationMonths = requireInt(root, "duration_months", "", 1, 60);
    r.programme = optionalString(root, "programme", "");
    r.extendProRata = optionalBool(root, "extend_pro_rata", "", true);
    bool workingDay = false;
    if (const json* w = present(root, "weekend")) {
        const std::string s = asString(*w, "weekend");
        if (s == "next-monday")
            r.weekendToMonday = true;
        else if (s == "next-working-day")
            r.weekendToMonday = workingDay = true;
        else if (s == "keep")
            r.weekendToMonday = false;
        else
            fail("weekend", inQuotes(s) + " should be next-monday, next-working-day or keep");
    }
    r.bankHolidays = optionalString(root, "bank_holidays", "");
    if (!r.bankHolidays.empty() && !workingDay)
        fail("bank_holidays", "needs \"weekend\": \"next-working-day\"");
    if (!r.bankHolidays.empty() && !isStableId(r.bankHolidays, false))
        fail("bank_holidays", inQuotes(r.bankHolidays) + " is not a calendar id");
    if (const json* d = present(root, "due_soon_days"))
        r.dueSoonDays = asInt(*d, "due_soon_days", 0, 366);

    const FieldSpec* stageSpec = findField(EntryKind::Review, field::kStage);
    const json& reviews = requireArray(root, "reviews", "");
    std::set<std::string> reviewIds;
    for (size_t i = 0; i < reviews.size(); ++i) {
        const std::string at = indexed("reviews", i);
        requireObject(reviews[i], at);
        AsyeReview rv;
        rv.id = requireString(reviews[i], "id", at);
        bool known = false;
        for (const auto& c : stageSpec->choices)
            known = known || c.id == rv.id;
        if (!known)
            fail(join(at, "id"),
                 inQuotes(rv.id) + " is not a review stage (" + choiceList(*stageSpec) + ")");
        if (!reviewIds.insert(rv.id).second)
            fail(join(at, "id"), inQuotes(rv.id) + " is used twice");
        rv.name = requireString(reviews[i], "name", at);
        rv.months = requireInt(reviews[i], "months", at, 1, r.durationMonths);
        rv.optional = optionalBool(reviews[i], "optional", at, false);
        r.reviews.push_back(std::move(rv));
    }

    const json& evidence = requireArray(root, "evidence", "");
    std::set<std::string> evidenceIds;
    for (size_t i = 0; i < evidence.size(); ++i) {
        const std::string at = indexed("evidence", i);
        const json& j = evidence[i];
        requireObject(j, at);
        AsyeEvidence ev;
        ev.id = requireString(j, "id", at);
        if (!isStableId(ev.id, true))
            fail(join(at, "id"), inQuotes(ev.id) + " should be letters, digits, - or _");
        if (!evidenceIds.insert(ev.id).second)
            fail(join(at, "id"), inQuotes(ev.id) + " is used twice");
        ev.label = requireString(j, "label", at);
        ev.kind = readKind(j, "kind", at);
        if (const json* where = present(j, "where")) {
            requireObject(*where, join(at, "where"));
            for (const auto& [key, value] : where->items()) {
                const std::string path = join(join(at, "where"), key);
                checkFieldKey(ev.kind, key, path, false);
                const std::string v = asString(value, path);
                const FieldSpec* spec = findField(ev.kind, key);
                if (spec->type == FieldType::Choice) {
                    bool known = false;
                    for (const auto& c : spec->choices)
                        known = known || c.id == v;
                    if (!known) fail(path, inQuotes(v) + " is not one of " + choiceList(*spec));
                }
                ev.where.emplace_back(key, v);
            }
        }
        ev.need = requireInt(j, "need", at, 0, 1000);
        ev.confirmed = optionalBool(j, "confirmed", at, true);
        r.evidence.push_back(std::move(ev));
    }

    const json& sup = requireMember(root, "supervision", "");
    requireObject(sup, "supervision");
    r.supervisionKind = readKind(sup, "kind", "supervision");
    r.supervisionScalesWithFte = optionalBool(sup, "scale_with_fte", "supervision", false);
    const json& cadence = requireArray(sup, "cadence", "supervision");
    if (cadence.empty()) fail("supervision.cadence", "should have at least one period");
    double previous = 0;
    for (size_t i = 0; i < cadence.size(); ++i) {
        const std::string at = indexed("supervision.cadence", i);
        requireObject(cadence[i], at);
        SupervisionPeriod p;
        const bool last = i + 1 == cadence.size();
        if (!member(cadence[i], "until"))
            fail(join(at, "until"), "missing (null for the last period)");
        if (const json* until = present(cadence[i], "until")) {
            if (last) fail(join(at, "until"), "should be null: the last period runs to the end");
            p.until = readOffset(*until, join(at, "until"));
            if (p.until->unit == Offset::Unit::Review && !r.review(p.until->review))
                fail(join(join(at, "until"), "review"),
                     inQuotes(p.until->review) + " is not one of this rule's reviews");
            if (approxDays(*p.until, r.reviews) <= previous)
                fail(join(at, "until"), "should come after the previous period's end");
            previous = approxDays(*p.until, r.reviews);
        } else if (!last) {
            fail(join(at, "until"), "only the last period can run to the end");
        }
        p.everyDays = requireInt(cadence[i], "every_days", at, 1, 366);
        p.label = optionalString(cadence[i], "label", at);
        r.supervision.push_back(std::move(p));
    }

    const json& pt = requireMember(root, "protected_time", "");
    requireObject(pt, "protected_time");
    r.protectedFraction = requireNumber(pt, "fraction", "protected_time", 0, 1);
    r.fullTimeWeeklyHours = requireNumber(pt, "full_time_weekly_hours", "protected_time", 0, 168);
    r.protectedKind = readKind(pt, "kind", "protected_time");
    r.protectedFlagField = requireString(pt, "flag_field", "protected_time");
    checkFieldKey(r.protectedKind, r.protectedFlagField, "protected_time.flag_field", false);
    r.protectedHoursField = requireString(pt, "hours_field", "protected_time");
    checkFieldKey(r.protectedKind, r.protectedHoursField, "protected_time.hours_field", false);
    return r;
}

// ---------------------------------------------------------------------------- bank holidays

BankHolidays readBankHolidays(const json& root) {
    auto c = readRuleHeader<BankHolidays>(root, kBankHolidaysFormat, "");
    if (!c.validTo) fail("valid_to", "should be the last day the list covers");
    const json& days = requireArray(root, "days", "");
    for (size_t i = 0; i < days.size(); ++i) {
        const std::string at = indexed("days", i);
        requireObject(days[i], at);
        BankHoliday h;
        h.date = requireDate(days[i], "date", at);
        h.name = requireString(days[i], "name", at);
        h.substitute = optionalBool(days[i], "substitute", at, false);
        if (!c.validOn(h.date))
            fail(join(at, "date"), h.date.toString() + " is outside valid_from..valid_to");
        if (!c.days.empty() && !(c.days.back().date < h.date))
            fail(join(at, "date"), h.date.toString() + " should come after the day before it");
        c.days.push_back(std::move(h));
    }
    return c;
}

// ----------------------------------------------------------------------------------- models

std::vector<ReflectiveModel> readReflectiveModels(const json& root) {
    requireObject(root, "");
    checkFormat(root, kReflectiveModelsFormat);
    requireString(root, "version", "");
    std::vector<ReflectiveModel> out;
    std::set<std::string> ids;
    const json& models = requireArray(root, "models", "");
    for (size_t i = 0; i < models.size(); ++i) {
        const std::string at = indexed("models", i);
        const json& j = models[i];
        requireObject(j, at);
        ReflectiveModel m;
        m.id = requireString(j, "id", at);
        if (!isStableId(m.id, false))
            fail(join(at, "id"), inQuotes(m.id) + " should be lower-case letters, digits and -");
        if (!ids.insert(m.id).second) fail(join(at, "id"), inQuotes(m.id) + " is used twice");
        m.name = requireString(j, "name", at);
        m.shortName = optionalString(j, "short", at);
        if (m.shortName.empty()) m.shortName = m.name;
        m.source = optionalString(j, "source", at);
        const json& stages = requireArray(j, "stages", at);
        if (stages.empty()) fail(join(at, "stages"), "should have at least one stage");
        std::set<std::string> keys;
        for (size_t s = 0; s < stages.size(); ++s) {
            const std::string sat = indexed(join(at, "stages"), s);
            requireObject(stages[s], sat);
            ReflectiveStage st;
            st.key = requireString(stages[s], "key", sat);
            const std::string prefix = m.id + ".";
            if (st.key.rfind(prefix, 0) != 0 || st.key.size() == prefix.size() ||
                !isStableId(st.key.substr(prefix.size()), true))
                fail(join(sat, "key"), inQuotes(st.key) + " should be " + prefix + "stage_name");
            if (!keys.insert(st.key).second)
                fail(join(sat, "key"), inQuotes(st.key) + " is used twice");
            st.name = requireString(stages[s], "name", sat);
            st.prompt = requireString(stages[s], "prompt", sat);
            m.stages.push_back(std::move(st));
        }
        out.push_back(std::move(m));
    }
    return out;
}

// Reads a parsed file with `reader`, turning field errors into "file: field: problem".
template <class T, class Reader>
Parsed<T> readWith(const json& root, std::string_view fileName, Reader reader) {
    Parsed<T> out;
    try {
        out.value = reader(root);
    } catch (const FieldError& e) {
        out.error = withFile(fileName, describeError(e));
    } catch (const std::exception& e) {
        out.error = withFile(fileName, std::string("could not be read (") + e.what() + ")");
    }
    return out;
}

Parsed<Framework> frameworkFromJson(const json& root, std::string_view fileName) {
    Parsed<Framework> out = readWith<Framework>(root, fileName, readFramework);
    if (out.ok()) {
        if (std::string err = validateFramework(*out.value); !err.empty()) {
            out.value.reset();
            out.error = withFile(fileName, err);
        }
    }
    return out;
}

// Newest first: the later validFrom, then the greater version label.
template <class T> bool isNewer(const T& a, const T& b) {
    if (a.validFrom != b.validFrom) return a.validFrom > b.validFrom;
    return a.version > b.version;
}

template <class R> const R* pickRule(const std::vector<R>& rules, Date date, bool* exact) {
    const R* inForce = nullptr;
    const R* startedBefore = nullptr;
    const R* earliest = nullptr;
    for (const auto& r : rules) {
        if (r.validOn(date) && (!inForce || isNewer(r, *inForce))) inForce = &r;
        if (r.validFrom <= date && (!startedBefore || isNewer(r, *startedBefore)))
            startedBefore = &r;
        if (!earliest || isNewer(*earliest, r)) earliest = &r;
    }
    if (exact) *exact = inForce != nullptr;
    if (inForce) return inForce;
    return startedBefore ? startedBefore : earliest;
}

template <class R> void replaceOrAdd(std::vector<R>& rules, R rule) {
    for (auto& r : rules)
        if (r.version == rule.version) {
            r = std::move(rule);
            return;
        }
    rules.push_back(std::move(rule));
}

} // namespace

// ---------------------------------------------------------------------------------- helpers

std::string_view applicabilityId(Applicability a) {
    switch (a) {
    case Applicability::Children:
        return "children";
    case Applicability::Adults:
        return "adults";
    case Applicability::Any:
        break;
    }
    return "any";
}

bool appliesTo(Applicability a, Setting s) {
    switch (a) {
    case Applicability::Any:
        return true;
    case Applicability::Children:
        return s == Setting::ChildrenAndFamilies;
    case Applicability::Adults:
        return s == Setting::Adults;
    }
    return false;
}

std::optional<std::pair<std::string_view, std::string_view>> splitTag(std::string_view tag) {
    const auto colon = tag.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == tag.size())
        return std::nullopt;
    return std::make_pair(tag.substr(0, colon), tag.substr(colon + 1));
}

const FrameworkItem* Framework::item(std::string_view itemId) const {
    for (const auto& i : items)
        if (i.id == itemId) return &i;
    return nullptr;
}

const FrameworkLevel* Framework::level(std::string_view levelId) const {
    auto idx = levelIndex(levelId);
    return idx ? &levels[*idx] : nullptr;
}

std::optional<size_t> Framework::levelIndex(std::string_view levelId) const {
    for (size_t i = 0; i < levels.size(); ++i)
        if (levels[i].id == levelId) return i;
    return std::nullopt;
}

std::string validateFramework(const Framework& f) {
    try {
        if (!isStableId(f.id, false))
            fail("id", inQuotes(f.id) + " should be lower-case letters, digits and -");
        if (trim(f.version).empty()) fail("version", "is empty");
        if (trim(f.title).empty()) fail("title", "is empty");
        checkValidity(f.validFrom, f.validTo);
        std::set<std::string> seen;
        for (size_t i = 0; i < f.levels.size(); ++i) {
            const std::string at = indexed("levels", i);
            if (!isStableId(f.levels[i].id, true))
                fail(join(at, "id"),
                     inQuotes(f.levels[i].id) + " should be letters, digits, -, _ or .");
            if (!seen.insert(f.levels[i].id).second)
                fail(join(at, "id"), inQuotes(f.levels[i].id) + " is used twice");
            if (trim(f.levels[i].name).empty()) fail(join(at, "name"), "is empty");
        }
        seen.clear();
        for (size_t i = 0; i < f.groups.size(); ++i) {
            const std::string at = indexed("groups", i);
            if (!isStableId(f.groups[i].id, true))
                fail(join(at, "id"),
                     inQuotes(f.groups[i].id) + " should be letters, digits, -, _ or .");
            if (!seen.insert(f.groups[i].id).second)
                fail(join(at, "id"), inQuotes(f.groups[i].id) + " is used twice");
            if (trim(f.groups[i].title).empty()) fail(join(at, "title"), "is empty");
        }
        if (f.items.empty()) fail("items", "should list at least one item");
        seen.clear();
        for (size_t i = 0; i < f.items.size(); ++i) {
            const std::string at = indexed("items", i);
            const FrameworkItem& item = f.items[i];
            if (!isStableId(item.id, true))
                fail(join(at, "id"), inQuotes(item.id) + " should be letters, digits, -, _ or .");
            if (!seen.insert(item.id).second)
                fail(join(at, "id"), inQuotes(item.id) + " is used twice");
            if (trim(item.title).empty()) fail(join(at, "title"), "is empty");
        }
        for (size_t i = 0; i < f.items.size(); ++i) {
            const std::string at = indexed("items", i);
            const FrameworkItem& item = f.items[i];
            if (!item.group.empty()) {
                bool found = false;
                for (const auto& g : f.groups)
                    found = found || g.id == item.group;
                if (!found)
                    fail(join(at, "group"),
                         inQuotes(item.group) + " is not a group of this framework");
            }
            if (item.parent.empty()) continue;
            if (item.parent == item.id)
                fail(join(at, "parent"), "an item cannot be its own parent");
            if (!f.item(item.parent))
                fail(join(at, "parent"),
                     inQuotes(item.parent) + " is not an item of this framework");
            // Follow the chain; more steps than items means a loop.
            const FrameworkItem* p = &item;
            for (size_t steps = 0; p && !p->parent.empty(); ++steps) {
                if (steps > f.items.size()) fail(join(at, "parent"), "parents form a loop");
                p = f.item(p->parent);
            }
        }
    } catch (const FieldError& e) {
        return describeError(e);
    }
    return {};
}

Parsed<Framework> loadFramework(std::string_view bytes, std::string_view fileName) {
    Parsed<Framework> out;
    auto root = parseJson(bytes, fileName, out.error);
    if (!root) return out;
    return frameworkFromJson(*root, fileName);
}

Parsed<SweCpdRule> loadSweCpdRule(std::string_view bytes, std::string_view fileName) {
    Parsed<SweCpdRule> out;
    auto root = parseJson(bytes, fileName, out.error);
    if (!root) return out;
    return readWith<SweCpdRule>(*root, fileName, readSweCpdRule);
}

Parsed<AsyeRule> loadAsyeRule(std::string_view bytes, std::string_view fileName) {
    Parsed<AsyeRule> out;
    auto root = parseJson(bytes, fileName, out.error);
    if (!root) return out;
    return readWith<AsyeRule>(*root, fileName, readAsyeRule);
}

Parsed<BankHolidays> loadBankHolidays(std::string_view bytes, std::string_view fileName) {
    Parsed<BankHolidays> out;
    auto root = parseJson(bytes, fileName, out.error);
    if (!root) return out;
    return readWith<BankHolidays>(*root, fileName, readBankHolidays);
}

Parsed<std::vector<ReflectiveModel>> loadReflectiveModels(std::string_view bytes,
                                                          std::string_view fileName) {
    Parsed<std::vector<ReflectiveModel>> out;
    auto root = parseJson(bytes, fileName, out.error);
    if (!root) return out;
    return readWith<std::vector<ReflectiveModel>>(*root, fileName, readReflectiveModels);
}

// ------------------------------------------------------------------------------------ rules

Date MonthDay::onOrAfter(Date from) const {
    const Date d = in(from.year);
    return d < from ? in(from.year + 1) : d;
}

std::string MonthDay::toString() const {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d-%02d", static_cast<int>(month), static_cast<int>(day));
    return buf;
}

std::string RegistrationYear::label() const {
    return start.toString() + "/" + end.toString();
}

RegistrationYear SweCpdRule::yearContaining(Date date) const {
    RegistrationYear y;
    y.start = yearStart.in(date.year);
    if (date < y.start) y.start = yearStart.in(date.year - 1);
    y.end = y.start.addMonths(12).addDays(-1);
    y.renewalOpens = renewalOpens.onOrAfter(y.start);
    y.deadline = deadline.onOrAfter(y.start);
    return y;
}

bool AsyeRule::appliesToStart(Setting setting, Date start) const {
    for (const auto& s : appliesTo)
        if (s.setting == setting && (!s.startFrom || *s.startFrom <= start) &&
            (!s.startBefore || start < *s.startBefore))
            return true;
    return false;
}

Date AsyeRule::calendar(Date start, const Offset& offset) const {
    switch (offset.unit) {
    case Offset::Unit::Days:
        return start.addDays(offset.amount);
    case Offset::Unit::Weeks:
        return start.addDays(int64_t{offset.amount} * 7);
    case Offset::Unit::Months:
        return start.addMonths(offset.amount);
    case Offset::Unit::Review:
        break;
    }
    const AsyeReview* r = review(offset.review);
    return start.addMonths(r ? r->months : 0);
}

Date AsyeRule::scaled(Date start, Offset offset, double fte) const {
    const Date plain = calendar(start, offset);
    if (!extendProRata || !(fte > 0 && fte < 1)) return plain;
    // The calendar span stretched by 1/fte, rounded up to whole days. The small tolerance
    // keeps exact quotients exact (91 / 0.7 is 130.00000000000003 in binary).
    const double days = static_cast<double>(daysBetween(start, plain)) / fte;
    return start.addDays(static_cast<int64_t>(std::ceil(days - 1e-9)));
}

Date AsyeRule::end(Date start, double fte) const {
    return scaled(start, Offset{Offset::Unit::Months, durationMonths}, fte);
}

Date AsyeRule::reviewCalculated(const AsyeReview& review, Date start, double fte) const {
    return scaled(start, Offset{Offset::Unit::Months, review.months}, fte);
}

Date AsyeRule::nextWorkingDay(Date d, const BankHolidays* holidays) const {
    if (!weekendToMonday) return d;
    // A run of weekends and holidays is at most a few days (Christmas): the bound is a guard.
    for (int i = 0; i < 14; ++i) {
        if (d.isWeekend())
            d = d.addDays(7 - d.weekday());
        else if (holidays && !bankHolidays.empty() && holidays->isHoliday(d))
            d = d.addDays(1);
        else
            break;
    }
    return d;
}

Date AsyeRule::reviewDue(const AsyeReview& review, Date start, double fte,
                         const BankHolidays* holidays) const {
    return nextWorkingDay(reviewCalculated(review, start, fte), holidays);
}

const AsyeReview* AsyeRule::review(std::string_view reviewId) const {
    for (const auto& r : reviews)
        if (r.id == reviewId) return &r;
    return nullptr;
}

const SupervisionPeriod& AsyeRule::supervisionAt(Date start, double fte, Date date) const {
    const double f = supervisionScalesWithFte ? fte : 1.0;
    for (const auto& p : supervision) {
        if (!p.until) return p;
        if (p.until->unit == Offset::Unit::Review) {
            const AsyeReview* r = review(p.until->review);
            if (r && date < reviewCalculated(*r, start, fte)) return p;
            continue;
        }
        if (date < scaled(start, *p.until, f)) return p;
    }
    return supervision.back();
}

const BankHoliday* BankHolidays::holiday(Date d) const {
    auto it = std::lower_bound(days.begin(), days.end(), d,
                               [](const BankHoliday& h, Date x) { return h.date < x; });
    return it != days.end() && it->date == d ? &*it : nullptr;
}

bool BankHolidays::isHoliday(Date d) const {
    return holiday(d) != nullptr;
}

const ReflectiveStage* ReflectiveModel::stage(std::string_view key) const {
    for (const auto& s : stages)
        if (s.key == key) return &s;
    return nullptr;
}

// --------------------------------------------------------------------------------- catalogue

const Catalog& Catalog::builtin() {
    static const Catalog catalog = loadBuiltin();
    return catalog;
}

Catalog Catalog::loadBuiltin() {
    Catalog c;
    for (const auto& file : builtinAssets()) {
        const std::string_view p = file.path;
        const bool ours = p.rfind("frameworks/", 0) == 0 || p.rfind("rules/", 0) == 0 ||
                          p.rfind("models/", 0) == 0 || p.rfind("calendars/", 0) == 0;
        if (!ours) continue;
        if (std::string err = c.addFile(file.content, file.path); !err.empty())
            c.m_loadErrors.push_back(std::move(err));
    }
    return c;
}

std::string Catalog::addFile(std::string_view bytes, std::string_view fileName) {
    std::string error;
    auto root = parseJson(bytes, fileName, error);
    if (!root) return error;
    const json* format = root->is_object() ? present(*root, "format") : nullptr;
    const std::string f = (format && format->is_string()) ? format->get<std::string>() : "";
    const auto family = [&](std::string_view expected) {
        return f.rfind(std::string(expected.substr(0, expected.find('/') + 1)), 0) == 0;
    };
    if (family(kFrameworkFormat)) {
        auto r = frameworkFromJson(*root, fileName);
        if (!r.ok()) return r.error;
        return addFramework(std::move(*r.value));
    }
    if (family(kSweCpdRuleFormat)) {
        auto r = readWith<SweCpdRule>(*root, fileName, readSweCpdRule);
        if (!r.ok()) return r.error;
        addSweCpdRule(std::move(*r.value));
        return {};
    }
    if (family(kAsyeRuleFormat)) {
        auto r = readWith<AsyeRule>(*root, fileName, readAsyeRule);
        if (!r.ok()) return r.error;
        addAsyeRule(std::move(*r.value));
        return {};
    }
    if (family(kBankHolidaysFormat)) {
        auto r = readWith<BankHolidays>(*root, fileName, readBankHolidays);
        if (!r.ok()) return r.error;
        addBankHolidays(std::move(*r.value));
        return {};
    }
    if (family(kReflectiveModelsFormat)) {
        auto r = readWith<std::vector<ReflectiveModel>>(*root, fileName, readReflectiveModels);
        if (!r.ok()) return r.error;
        for (auto& m : *r.value)
            addReflectiveModel(std::move(m));
        return {};
    }
    if (f.empty()) return withFile(fileName, "format: missing (not a Pathway catalogue file)");
    return withFile(fileName, "format: " + inQuotes(f) + " is not a catalogue format");
}

std::string Catalog::addFiles(const std::vector<CatalogFile>& files) {
    if (files.empty()) return {};
    Catalog with = *this;
    for (const auto& f : files)
        if (std::string err = with.addFile(f.bytes, f.name); !err.empty()) return err;
    *this = std::move(with);
    return {};
}

std::string Catalog::addFramework(Framework framework) {
    if (std::string err = validateFramework(framework); !err.empty()) return err;
    auto same = std::find_if(m_frameworks.begin(), m_frameworks.end(), [&](const Framework& f) {
        return f.id == framework.id && f.version == framework.version;
    });
    if (same != m_frameworks.end())
        *same = std::move(framework);
    else
        m_frameworks.push_back(std::move(framework));
    std::stable_sort(m_frameworks.begin(), m_frameworks.end(),
                     [](const Framework& a, const Framework& b) {
                         if (a.displayOrder != b.displayOrder)
                             return a.displayOrder < b.displayOrder;
                         if (a.id != b.id) return a.id < b.id;
                         return a.validFrom < b.validFrom;
                     });
    return {};
}

void Catalog::addSweCpdRule(SweCpdRule rule) {
    replaceOrAdd(m_sweCpd, std::move(rule));
}
void Catalog::addAsyeRule(AsyeRule rule) {
    replaceOrAdd(m_asye, std::move(rule));
}

void Catalog::addBankHolidays(BankHolidays calendar) {
    for (auto& c : m_holidays)
        if (c.id == calendar.id && c.version == calendar.version) {
            c = std::move(calendar);
            return;
        }
    m_holidays.push_back(std::move(calendar));
}

const BankHolidays* Catalog::bankHolidays(std::string_view id) const {
    const BankHolidays* best = nullptr;
    for (const auto& c : m_holidays)
        if (c.id == id && (!best || best->validFrom < c.validFrom)) best = &c;
    return best;
}

void Catalog::addReflectiveModel(ReflectiveModel model) {
    for (auto& m : m_models)
        if (m.id == model.id) {
            m = std::move(model);
            return;
        }
    m_models.push_back(std::move(model));
}

const Framework* Catalog::framework(std::string_view id) const {
    const Framework* best = nullptr;
    for (const auto& f : m_frameworks)
        if (f.id == id && (!best || isNewer(f, *best))) best = &f;
    return best;
}

const Framework* Catalog::framework(std::string_view id, Date date) const {
    const Framework* best = nullptr;
    for (const auto& f : m_frameworks)
        if (f.id == id && f.validOn(date) && (!best || isNewer(f, *best))) best = &f;
    return best;
}

const Framework* Catalog::frameworkVersion(std::string_view id, std::string_view version) const {
    for (const auto& f : m_frameworks)
        if (f.id == id && f.version == version) return &f;
    return nullptr;
}

std::vector<const Framework*> Catalog::frameworksFor(Setting setting, Date date) const {
    std::vector<const Framework*> out;
    for (const auto& f : m_frameworks) {
        if (!appliesTo(f.appliesTo, setting)) continue;
        const Framework* chosen = framework(f.id, date);
        if (chosen && chosen == &f) out.push_back(chosen);
    }
    return out;
}

const FrameworkItem* Catalog::findItem(std::string_view tag) const {
    auto parts = splitTag(tag);
    if (!parts) return nullptr;
    std::vector<const Framework*> versions;
    for (const auto& f : m_frameworks)
        if (f.id == parts->first) versions.push_back(&f);
    std::sort(versions.begin(), versions.end(),
              [](const Framework* a, const Framework* b) { return isNewer(*a, *b); });
    for (const Framework* f : versions)
        if (const FrameworkItem* item = f->item(parts->second)) return item;
    return nullptr;
}

const FrameworkItem* Catalog::findItem(std::string_view tag, Date date) const {
    auto parts = splitTag(tag);
    if (!parts) return nullptr;
    const Framework* f = framework(parts->first, date);
    return f ? f->item(parts->second) : nullptr;
}

const SweCpdRule* Catalog::sweCpdRule(Date date, bool* exact) const {
    return pickRule(m_sweCpd, date, exact);
}

const AsyeRule* Catalog::asyeRule(Date date, bool* exact) const {
    return pickRule(m_asye, date, exact);
}

const AsyeRule* Catalog::asyeRuleFor(Setting setting, Date start) const {
    const AsyeRule* best = nullptr;
    for (const auto& r : m_asye)
        if (r.validOn(start) && r.appliesToStart(setting, start) &&
            (!best || best->validFrom < r.validFrom))
            best = &r;
    return best;
}

const SweCpdRule* Catalog::sweCpdRuleVersion(std::string_view version) const {
    for (const auto& r : m_sweCpd)
        if (r.version == version) return &r;
    return nullptr;
}

const AsyeRule* Catalog::asyeRuleVersion(std::string_view version) const {
    for (const auto& r : m_asye)
        if (r.version == version) return &r;
    return nullptr;
}

const ReflectiveModel* Catalog::reflectiveModel(std::string_view id) const {
    for (const auto& m : m_models)
        if (m.id == id) return &m;
    return nullptr;
}

std::vector<FieldChoice> Catalog::choicesOf(const FieldSpec& field) const {
    std::vector<FieldChoice> out;
    if (field.choicesFromModels) {
        for (const auto& m : m_models) out.push_back({m.id, m.name, m.shortName});
    } else {
        for (const auto& c : field.choices)
            out.push_back({std::string(c.id), std::string(c.label), std::string(c.label)});
    }
    return out;
}

std::string Catalog::choiceLabel(EntryKind kind, std::string_view key, std::string_view value) const {
    if (const FieldSpec* f = findField(kind, key)) {
        if (f->choicesFromModels) {
            if (const ReflectiveModel* m = reflectiveModel(value)) return m->name;
        } else {
            for (const auto& c : f->choices)
                if (c.id == value) return std::string(c.label);
        }
    }
    return std::string(value);
}

} // namespace pathway::core
