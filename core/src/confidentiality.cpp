#include "pathway/core/confidentiality.hpp"

#include "pathway/core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>

namespace pathway::core {

std::string_view findingKindId(FindingKind k) {
    switch (k) {
    case FindingKind::Name: return "name";
    case FindingKind::DateOfBirth: return "date-of-birth";
    case FindingKind::NhsNumber: return "nhs-number";
    case FindingKind::Postcode: return "postcode";
    case FindingKind::Phone: return "phone";
    case FindingKind::Email: return "email";
    case FindingKind::CaseNumber: return "case-number";
    }
    return "name";
}

std::string_view findingKindLabel(FindingKind k) {
    switch (k) {
    case FindingKind::Name: return "a name";
    case FindingKind::DateOfBirth: return "a date of birth";
    case FindingKind::NhsNumber: return "an NHS number";
    case FindingKind::Postcode: return "a postcode";
    case FindingKind::Phone: return "a phone number";
    case FindingKind::Email: return "an email address";
    case FindingKind::CaseNumber: return "a case number";
    }
    return "a name";
}

std::string_view redactionFor(FindingKind k) {
    switch (k) {
    case FindingKind::Name: return "[name]";
    case FindingKind::DateOfBirth: return "[date of birth]";
    case FindingKind::NhsNumber: return "[NHS number]";
    case FindingKind::Postcode: return "[postcode]";
    case FindingKind::Phone: return "[phone]";
    case FindingKind::Email: return "[email]";
    case FindingKind::CaseNumber: return "[case number]";
    }
    return "[redacted]";
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isAlpha(char c) { return isUpper(c) || isLower(c); }
bool isAlnum(char c) { return isAlpha(c) || isDigit(c); }
// Bytes of a multi-byte UTF-8 character count as letters (names such as "Zoë").
bool isWordByte(char c) { return isAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

using Findings = std::vector<TextFinding>;

void add(Findings& out, FindingKind k, size_t off, size_t len) {
    out.push_back({k, static_cast<uint32_t>(off), static_cast<uint32_t>(len)});
}

// --- names after cues ------------------------------------------------------------------------
constexpr std::array<std::string_view, 6> kTitles = {"mr", "mrs", "ms", "miss", "dr", "mx"};
constexpr std::array<std::string_view, 22> kRelations = {
    "child", "mother", "father", "mum", "dad", "son", "daughter", "baby", "brother", "sister",
    "sibling", "grandmother", "grandfather", "nan", "grandad", "parent", "carer", "stepfather",
    "stepmother", "aunt", "uncle", "partner"};
// Capitalised words that follow a cue without being a name ("Child Protection").
constexpr std::array<std::string_view, 24> kNotNames = {
    "I", "The", "A", "An", "He", "She", "They", "We", "It", "This", "That", "And", "But",
    "Protection", "In", "Need", "Looked", "After", "Services", "Care", "Plan", "Conference",
    "Development", "Social"};

struct Word {
    size_t start, end;
};

std::vector<Word> words(std::string_view t) {
    std::vector<Word> out;
    size_t i = 0;
    while (i < t.size()) {
        if (!isWordByte(t[i])) {
            ++i;
            continue;
        }
        size_t s = i;
        while (i < t.size() && (isWordByte(t[i]) || ((t[i] == '-' || t[i] == '\'') && i + 1 < t.size() &&
                                                     isAlpha(t[i + 1]) && i > s)))
            ++i;
        out.push_back({s, i});
    }
    return out;
}

bool looksLikeName(std::string_view w) {
    if (w.empty() || !isUpper(w[0])) return false;
    if (w.size() == 1) return false;
    if (std::find(kNotNames.begin(), kNotNames.end(), w) != kNotNames.end()) return false;
    for (char c : w.substr(1))
        if (isDigit(c)) return false;
    return true;
}

void scanNames(std::string_view t, Findings& out) {
    auto ws = words(t);
    for (size_t i = 0; i + 1 < ws.size(); ++i) {
        std::string cue = asciiLower(t.substr(ws[i].start, ws[i].end - ws[i].start));
        if (cue.size() > 2 && cue.compare(cue.size() - 2, 2, "'s") == 0) cue.resize(cue.size() - 2);
        const bool title = std::find(kTitles.begin(), kTitles.end(), cue) != kTitles.end();
        const bool relation = std::find(kRelations.begin(), kRelations.end(), cue) != kRelations.end();
        if (!title && !relation) continue;
        // Between the cue and the name: spaces, an optional "." after a title, an optional ",".
        size_t gap = ws[i].end;
        while (gap < ws[i + 1].start) {
            char c = t[gap];
            if (c != ' ' && c != '.' && c != ',' && c != '\t') break;
            ++gap;
        }
        if (gap != ws[i + 1].start) continue;
        // Titles are case-sensitive cues ("Mr"), so "mr" in a word such as "dr." (drive) is rare.
        if (title && !isUpper(t[ws[i].start])) continue;
        size_t j = i + 1;
        if (!looksLikeName(t.substr(ws[j].start, ws[j].end - ws[j].start))) continue;
        size_t end = ws[j].end;
        // A following capitalised word is likely the surname.
        if (j + 1 < ws.size() && ws[j + 1].start == end + 1 && t[end] == ' ' &&
            looksLikeName(t.substr(ws[j + 1].start, ws[j + 1].end - ws[j + 1].start)))
            end = ws[j + 1].end;
        add(out, FindingKind::Name, ws[j].start, end - ws[j].start);
        i = j;
    }
}

// --- digits ------------------------------------------------------------------------------------
// A run of digits with single spaces or hyphens between groups: [start, end), digit string.
struct DigitRun {
    size_t start, end;
    std::string digits;
    char firstSep = 0;
};

std::vector<DigitRun> digitRuns(std::string_view t) {
    std::vector<DigitRun> out;
    size_t i = 0;
    while (i < t.size()) {
        if (!isDigit(t[i]) || (i > 0 && (isAlpha(t[i - 1]) || isDigit(t[i - 1])))) {
            ++i;
            continue;
        }
        DigitRun r{i, i, {}, 0};
        size_t j = i;
        while (j < t.size()) {
            if (isDigit(t[j])) {
                r.digits.push_back(t[j]);
                ++j;
                r.end = j;
            } else if ((t[j] == ' ' || t[j] == '-') && j + 1 < t.size() && isDigit(t[j + 1]) &&
                       r.digits.size() < 12) {
                if (!r.firstSep) r.firstSep = t[j];
                ++j;
            } else {
                break;
            }
        }
        if (r.end < t.size() && isAlpha(t[r.end])) {
            i = r.end;
            continue;
        }
        out.push_back(r);
        i = std::max(r.end, i + 1);
    }
    return out;
}

bool validNhs(const std::string& d) {
    if (d.size() != 10) return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (d[static_cast<size_t>(i)] - '0') * (10 - i);
    int check = 11 - (sum % 11);
    if (check == 11) check = 0;
    if (check == 10) return false;
    return check == d[9] - '0';
}

void scanNumbers(std::string_view t, Findings& out) {
    for (const auto& r : digitRuns(t)) {
        if (validNhs(r.digits)) {
            add(out, FindingKind::NhsNumber, r.start, r.end - r.start);
            continue;
        }
        // UK phone numbers: 0 then 9-10 more digits, or +44 then 9-10 digits (optional "(0)").
        size_t s = r.start;
        bool plus44 = s >= 1 && t[s - 1] == '+' && r.digits.rfind("44", 0) == 0;
        if (plus44 && (r.digits.size() == 11 || r.digits.size() == 12)) {
            add(out, FindingKind::Phone, s - 1, r.end - s + 1);
        } else if (r.digits[0] == '0' && (r.digits.size() == 10 || r.digits.size() == 11)) {
            add(out, FindingKind::Phone, s, r.end - s);
        }
    }
    // "(01632) 960 001": a parenthesised area code before a run.
    for (size_t i = 0; i + 2 < t.size(); ++i) {
        if (t[i] != '(' || t[i + 1] != '0') continue;
        size_t j = i + 1;
        std::string digits;
        while (j < t.size() && isDigit(t[j])) digits.push_back(t[j++]);
        if (j >= t.size() || t[j] != ')' || digits.size() < 3 || digits.size() > 5) continue;
        ++j;
        while (j < t.size() && t[j] == ' ') ++j;
        size_t k = j;
        while (k < t.size() && (isDigit(t[k]) || ((t[k] == ' ' || t[k] == '-') && k + 1 < t.size() &&
                                                   isDigit(t[k + 1]))))
            if (isDigit(t[k++])) digits.push_back(t[k - 1]);
        if (digits.size() == 10 || digits.size() == 11) add(out, FindingKind::Phone, i, k - i);
    }
}

// --- postcodes: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA (space optional) ---------
void scanPostcodes(std::string_view t, Findings& out) {
    for (size_t i = 0; i < t.size(); ++i) {
        if (!isUpper(t[i]) || (i > 0 && isWordByte(t[i - 1]))) continue;
        size_t j = i;
        size_t letters = 0;
        while (j < t.size() && isUpper(t[j]) && letters < 2) ++j, ++letters;
        if (j >= t.size() || !isDigit(t[j])) continue;
        // Try outward codes of length (letters+1) and (letters+2).
        for (size_t outLen : {letters + 2, letters + 1}) {
            size_t k = i + outLen;
            if (k > t.size()) continue;
            bool okOut = true;
            for (size_t m = i + letters; m < k; ++m)
                if (!(isDigit(t[m]) || (m == k - 1 && m > i + letters && isUpper(t[m])))) okOut = false;
            if (!okOut) continue;
            size_t p = k;
            if (p < t.size() && t[p] == ' ') ++p;
            if (p + 3 > t.size()) continue;
            if (!isDigit(t[p]) || !isUpper(t[p + 1]) || !isUpper(t[p + 2])) continue;
            if (p + 3 < t.size() && isWordByte(t[p + 3])) continue;
            add(out, FindingKind::Postcode, i, p + 3 - i);
            i = p + 2;
            break;
        }
    }
}

// --- emails ------------------------------------------------------------------------------------
bool emailChar(char c) { return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

void scanEmails(std::string_view t, Findings& out) {
    for (size_t at = 0; at < t.size(); ++at) {
        if (t[at] != '@') continue;
        size_t s = at;
        while (s > 0 && emailChar(t[s - 1])) --s;
        size_t e = at + 1;
        while (e < t.size() && (isAlnum(t[e]) || t[e] == '.' || t[e] == '-')) ++e;
        while (e > at + 1 && t[e - 1] == '.') --e;
        std::string_view domain = t.substr(at + 1, e - at - 1);
        if (s == at || domain.find('.') == std::string_view::npos || domain.front() == '.') continue;
        add(out, FindingKind::Email, s, e - s);
        at = e;
    }
}

// --- dates of birth: a date within a few words after "DOB", "D.O.B.", "date of birth", "born" --
constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

// Length of a date starting at i (dd/mm/yyyy, dd-mm-yy, dd.mm.yyyy, yyyy-mm-dd, 3 March 2015,
// 3rd March 2015), or 0.
size_t dateAt(std::string_view t, size_t i) {
    auto digitsAt = [&](size_t p) {
        size_t n = 0;
        while (p + n < t.size() && isDigit(t[p + n])) ++n;
        return n;
    };
    size_t a = digitsAt(i);
    if (a == 0) return 0;
    size_t p = i + a;
    if (p < t.size() && (t[p] == '/' || t[p] == '-' || t[p] == '.')) {
        char sep = t[p];
        size_t b = digitsAt(p + 1);
        if (b == 0 || b > 2) return 0;
        size_t q = p + 1 + b;
        if (q >= t.size() || t[q] != sep) return 0;
        size_t c = digitsAt(q + 1);
        if (c != 2 && c != 4 && !(a == 4 && c <= 2 && c > 0)) return 0;
        return q + 1 + c - i;
    }
    if (a > 2) return 0;
    if (p + 2 <= t.size() && isLower(t[p]) && isLower(t[p + 1])) p += 2; // 3rd, 21st
    if (p >= t.size() || t[p] != ' ') return 0;
    ++p;
    size_t m = p;
    while (m < t.size() && isAlpha(t[m])) ++m;
    if (m - p < 3) return 0;
    std::string mon = asciiLower(t.substr(p, 3));
    if (std::find(kMonths.begin(), kMonths.end(), mon) == kMonths.end()) return 0;
    if (m < t.size() && t[m] == ' ' && digitsAt(m + 1) == 4) return m + 5 - i;
    return 0;
}

void scanDatesOfBirth(std::string_view t, Findings& out) {
    const std::string lower = asciiLower(t);
    for (std::string_view cue : {"dob", "d.o.b", "date of birth", "born"}) {
        size_t pos = 0;
        while ((pos = lower.find(cue, pos)) != std::string::npos) {
            const size_t after = pos + cue.size();
            const bool boundary = (pos == 0 || !isAlnum(lower[pos - 1])) &&
                                  (after >= lower.size() || !isAlpha(lower[after]));
            pos = after;
            if (!boundary) continue;
            // Look for a date within the next 24 bytes.
            for (size_t i = after; i < t.size() && i < after + 24; ++i) {
                if (!isDigit(t[i]) || (i > 0 && isDigit(t[i - 1]))) continue;
                if (size_t n = dateAt(t, i)) {
                    add(out, FindingKind::DateOfBirth, i, n);
                    break;
                }
            }
        }
    }
}

// --- case-number-like ids: 1-4 capitals then 5+ digits (CN123456, LA-2024-00123), or a token
//     with 4+ digits after "case", "ref", "reference", "file", "record" ------------------------
void scanCaseNumbers(std::string_view t, Findings& out) {
    for (size_t i = 0; i < t.size(); ++i) {
        if (!isUpper(t[i]) || (i > 0 && isWordByte(t[i - 1]))) continue;
        size_t j = i;
        while (j < t.size() && isUpper(t[j]) && j - i < 5) ++j;
        size_t letters = j - i;
        if (letters < 1 || letters > 4) continue;
        size_t k = j, digits = 0;
        while (k < t.size() && (isDigit(t[k]) || ((t[k] == '-' || t[k] == '/') && k + 1 < t.size() &&
                                                  isDigit(t[k + 1])))) {
            if (isDigit(t[k])) ++digits;
            ++k;
        }
        if (k < t.size() && isAlpha(t[k])) continue;
        if (digits >= 5) {
            add(out, FindingKind::CaseNumber, i, k - i);
            i = k;
        }
    }
    const std::string lower = asciiLower(t);
    for (std::string_view cue : {"case", "ref", "reference", "file", "record", "id"}) {
        size_t pos = 0;
        while ((pos = lower.find(cue, pos)) != std::string::npos) {
            size_t after = pos + cue.size();
            bool boundary = (pos == 0 || !isAlpha(lower[pos - 1])) &&
                            (after >= lower.size() || !isAlpha(lower[after]));
            pos = after;
            if (!boundary) continue;
            size_t p = after;
            // "case no. 1234", "ref: AB-1234", "case number 77/1234"
            for (std::string_view filler : {" number", " no.", " no", ":", "#", "."}) {
                if (lower.compare(p, filler.size(), filler) == 0) p += filler.size();
            }
            while (p < t.size() && (t[p] == ' ' || t[p] == ':' || t[p] == '#')) ++p;
            size_t e = p, digits = 0;
            while (e < t.size() && (isAlnum(t[e]) || t[e] == '-' || t[e] == '/')) {
                if (isDigit(t[e])) ++digits;
                ++e;
            }
            while (e > p && (t[e - 1] == '-' || t[e - 1] == '/')) --e;
            if (digits >= 4) add(out, FindingKind::CaseNumber, p, e - p);
        }
    }
}

} // namespace

std::vector<TextFinding> scanText(std::string_view text) {
    Findings all;
    scanEmails(text, all);
    scanDatesOfBirth(text, all);
    scanNumbers(text, all);
    scanPostcodes(text, all);
    scanCaseNumbers(text, all);
    scanNames(text, all);
    // Earlier scanners win on overlap (an NHS number is not also a phone number).
    Findings kept;
    for (const auto& f : all) {
        bool overlaps = false;
        for (const auto& k : kept)
            if (f.offset < k.offset + k.length && k.offset < f.offset + f.length) overlaps = true;
        if (!overlaps && f.length > 0) kept.push_back(f);
    }
    std::sort(kept.begin(), kept.end(),
              [](const TextFinding& a, const TextFinding& b) { return a.offset < b.offset; });
    return kept;
}

std::string redactText(std::string_view text) {
    std::string out;
    size_t pos = 0;
    for (const auto& f : scanText(text)) {
        out.append(text.substr(pos, f.offset - pos));
        out.append(redactionFor(f.kind));
        pos = f.offset + f.length;
    }
    out.append(text.substr(pos));
    return out;
}

std::vector<Finding> lintPortfolio(const Portfolio& p) {
    std::vector<Finding> out;
    auto scan = [&](const Entry* e, const std::string& entryId, const std::string& field,
                    std::string_view text) {
        for (const auto& f : scanText(text))
            out.push_back({entryId, e ? e->title : std::string(), field, f,
                           std::string(text.substr(f.offset, f.length))});
    };
    for (const auto& e : p.entries) {
        scan(&e, e.id, "title", e.title);
        for (const auto& [k, v] : e.fields) scan(&e, e.id, "fields." + k, v);
        for (size_t i = 0; i < e.attachments.size(); ++i) {
            scan(&e, e.id, "attachments[" + std::to_string(i) + "].name", e.attachments[i].name);
            scan(&e, e.id, "attachments[" + std::to_string(i) + "].ref", e.attachments[i].ref);
        }
    }
    for (size_t i = 0; i < p.comments.size(); ++i)
        scan(p.find(p.comments[i].entryId), p.comments[i].entryId,
             "comments[" + std::to_string(i) + "].text", p.comments[i].text);
    return out;
}

Portfolio redactPortfolio(const Portfolio& in, int64_t nowMs, int32_t* changed) {
    Portfolio p = in;
    int32_t n = 0;
    for (auto& e : p.entries) {
        const Entry before = e;
        e.title = redactText(e.title);
        for (auto& [k, v] : e.fields) v = redactText(v);
        for (auto& a : e.attachments) {
            a.name = redactText(a.name);
            a.ref = redactText(a.ref);
        }
        if (!(e == before)) {
            e.updatedMs = std::max(nowMs, e.updatedMs);
            ++n;
        }
    }
    for (auto& c : p.comments) {
        std::string t = redactText(c.text);
        if (t != c.text) {
            c.text = std::move(t);
            ++n;
        }
    }
    if (changed) *changed = n;
    return p;
}

Portfolio redactFindings(const Portfolio& in, const std::vector<Finding>& findings, int64_t nowMs,
                         int32_t* changed, int32_t* skipped) {
    Portfolio p = in;
    int32_t n = 0, missed = 0;
    // The text a finding's field path names, or null.
    auto textOf = [&](const Finding& f, Entry*& owner) -> std::string* {
        owner = nullptr;
        if (f.field.rfind("comments[", 0) == 0) {
            const size_t i = std::strtoul(f.field.c_str() + 9, nullptr, 10);
            if (i < p.comments.size() && p.comments[i].entryId == f.entryId)
                return &p.comments[i].text;
            return nullptr;
        }
        Entry* e = p.find(f.entryId);
        if (!e) return nullptr;
        owner = e;
        if (f.field == "title") return &e->title;
        if (f.field.rfind("fields.", 0) == 0) {
            auto it = e->fields.find(f.field.substr(7));
            return it == e->fields.end() ? nullptr : &it->second;
        }
        if (f.field.rfind("attachments[", 0) == 0) {
            const size_t i = std::strtoul(f.field.c_str() + 12, nullptr, 10);
            if (i >= e->attachments.size()) return nullptr;
            if (f.field.ends_with("].name")) return &e->attachments[i].name;
            if (f.field.ends_with("].ref")) return &e->attachments[i].ref;
        }
        return nullptr;
    };
    // Later offsets first, so earlier offsets in the same text stay valid.
    std::vector<const Finding*> order;
    order.reserve(findings.size());
    for (const Finding& f : findings) order.push_back(&f);
    std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
        if (a->entryId != b->entryId) return a->entryId < b->entryId;
        if (a->field != b->field) return a->field < b->field;
        return a->at.offset > b->at.offset;
    });
    std::set<std::string> touchedEntries, touchedComments;
    for (const Finding* f : order) {
        Entry* owner = nullptr;
        std::string* text = textOf(*f, owner);
        if (!text || size_t(f->at.offset) + f->at.length > text->size() ||
            std::string_view(*text).substr(f->at.offset, f->at.length) != f->match) {
            ++missed;
            continue;
        }
        text->replace(f->at.offset, f->at.length, redactionFor(f->at.kind));
        if (owner) {
            if (touchedEntries.insert(owner->id).second) {
                owner->updatedMs = std::max(nowMs, owner->updatedMs);
                ++n;
            }
        } else if (touchedComments.insert(f->field).second) {
            ++n;
        }
    }
    if (changed) *changed = n;
    if (skipped) *skipped = missed;
    return p;
}

Portfolio anonymisePortfolio(const Portfolio& in) {
    Portfolio p = in;
    p.profile.name = "Practitioner";
    p.profile.registrationNumber.clear();
    p.profile.employer.clear();
    p.profile.team.clear();
    p.profile.extra = nlohmann::json::object();
    p.extra = nlohmann::json::object();
    std::map<std::string, std::string> reviewers;
    auto pseudonym = [&](const std::string& name) {
        auto it = reviewers.find(name);
        if (it != reviewers.end()) return it->second;
        std::string alias = "Reviewer " + std::to_string(reviewers.size() + 1);
        reviewers.emplace(name, alias);
        return alias;
    };
    for (auto& e : p.entries) {
        e.title = redactText(e.title);
        for (auto& [k, v] : e.fields) v = redactText(v);
        for (auto& a : e.attachments) {
            a.name = redactText(a.name);
            a.ref.clear();
        }
        e.extra = nlohmann::json::object();
    }
    for (auto& c : p.comments) {
        c.author = pseudonym(c.author);
        c.text = redactText(c.text);
    }
    for (auto& s : p.signOffs) s.reviewer = pseudonym(s.reviewer);
    return p;
}

} // namespace pathway::core
