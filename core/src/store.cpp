#include "pathway/core/store.hpp"

#include <algorithm>

#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <unordered_set>

namespace pathway::core {

RandomIds::RandomIds() {
    std::random_device rd;
    const auto t = std::chrono::high_resolution_clock::now().time_since_epoch().count();
    std::seed_seq seq{rd(), rd(), rd(), rd(), static_cast<unsigned>(t),
                      static_cast<unsigned>(static_cast<uint64_t>(t) >> 32)};
    m_rng.seed(seq);
}

namespace {
std::string formatUuid(uint64_t hi, uint64_t lo) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xFFFF),
                  static_cast<unsigned>(hi & 0xFFFF), static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return buf;
}
} // namespace

std::string RandomIds::next() {
    uint64_t hi = m_rng();
    uint64_t lo = m_rng();
    hi = (hi & ~0xF000ULL) | 0x4000ULL;                 // version 4
    lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48); // RFC 4122 variant
    return formatUuid(hi, lo);
}

std::string SequentialIds::next() {
    return formatUuid(0x4000ULL, (0x8000ULL << 48) | m_next++);
}

std::string validateProfile(const Profile& p) {
    if (trim(p.name).empty()) return "Enter the practitioner's name.";
    if (!p.registrationNumber.empty() && !isValidRegistrationNumber(p.registrationNumber))
        return "A Social Work England registration number is SW followed by digits, e.g. "
               "SW123456.";
    if (!(p.fte > 0 && p.fte <= 1))
        return "Working time is a fraction between 0 and 1 (0.6 for three days a week).";
    if (p.stage == CareerStage::Asye && p.asyeStart && p.asyeStart->year < 2000)
        return "The ASYE start date looks wrong.";
    for (const SelfRating& r : p.asye.selfAssessment) {
        if (r.rating < 1 || r.rating > kSelfRatingMax)
            return "A self-assessment rating is a whole number from 1 to " +
                   std::to_string(kSelfRatingMax) + ".";
        if (!splitTag(r.item)) return "A self-assessment rating names no standard (framework:item).";
        if (findInvalidUtf8(r.comment))
            return "A self-assessment comment contains characters that are not text.";
        if (codePointCount(r.comment) > kSelfCommentMaxChars)
            return "Keep a self-assessment comment under " + std::to_string(kSelfCommentMaxChars) +
                   " characters.";
    }
    return {};
}

std::string validateEntry(const Entry& e) {
    if (trim(e.title).empty()) return "Give the entry a title.";
    if (e.title.size() > 300) return "Keep the title under 300 characters.";
    if (findInvalidUtf8(e.title)) return "The title contains characters that are not text.";
    for (const auto& [key, value] : e.fields) {
        if (value.empty()) continue;
        const FieldSpec* spec = findField(e.kind, key);
        if (!spec) return "\"" + key + "\" is not a field of a " + std::string(kindLabel(e.kind)) + ".";
        const std::string label = spec->label.empty() ? key : std::string(spec->label);
        if (findInvalidUtf8(value)) return label + " contains characters that are not text.";
        switch (spec->type) {
        case FieldType::Number: {
            auto n = parseDecimal(value);
            if (!n) return label + " must be a number (e.g. 1.5).";
            if (spec->max > spec->min && (*n < spec->min || *n > spec->max))
                return label + " must be between " + formatDecimal(spec->min) + " and " +
                       formatDecimal(spec->max) + ".";
            break;
        }
        case FieldType::Date:
            if (!Date::parse(value)) return label + " must be a date (YYYY-MM-DD).";
            break;
        case FieldType::Choice: {
            if (spec->choicesFromModels) {
                // The catalogue's models (an academy may add its own): an id is all the store
                // can check; the app and the CLI offer and check the catalogue's.
                const bool id = std::all_of(value.begin(), value.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                });
                if (!id) return label + " should be a model's id (lower-case letters, digits and -).";
                break;
            }
            bool found = false;
            for (const auto& c : spec->choices) found = found || c.id == value;
            if (!found) {
                std::string options;
                for (const auto& c : spec->choices)
                    options += (options.empty() ? "" : ", ") + std::string(c.id);
                return label + " must be one of: " + options + ".";
            }
            break;
        }
        case FieldType::Flag:
            if (value != "yes") return label + " is either ticked (yes) or empty.";
            break;
        case FieldType::Text:
        case FieldType::LongText:
            break;
        }
    }
    for (const auto& tag : e.tags) {
        const auto colon = tag.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == tag.size())
            return "The framework tag \"" + tag + "\" should look like framework:item (pcf:5).";
    }
    return {};
}

std::string describe(const Command& command) {
    struct Visitor {
        std::string operator()(const cmd::SetProfile&) const { return "Edit profile"; }
        std::string operator()(const cmd::AddEntry& c) const {
            return "Add " + std::string(kindLabel(c.entry.kind));
        }
        std::string operator()(const cmd::UpdateEntry& c) const {
            return "Edit \"" + c.entry.title + "\"";
        }
        std::string operator()(const cmd::DeleteEntry&) const { return "Delete entry"; }
        std::string operator()(const cmd::Batch& c) const { return c.label; }
        std::string operator()(const cmd::ReplacePortfolio& c) const {
            return c.label.empty() ? "Replace portfolio" : c.label;
        }
    };
    return std::visit(Visitor{}, command);
}

Store::Store(const Clock& clock, IdSource& ids) : m_clock(clock), m_ids(ids) {}
Store::Store(const Clock& clock, IdSource& ids, Portfolio initial)
    : m_clock(clock), m_ids(ids), m_doc(std::move(initial)) {}

void Store::reset(Portfolio doc) {
    m_doc = std::move(doc);
    m_undo.clear();
    m_redo.clear();
    ++m_revision;
}

void Store::absorb(Portfolio doc) {
    m_doc = std::move(doc);
    ++m_revision;
}

void Store::setFileRevision(int64_t revision) { m_doc.revision = revision; }

CommandResult Store::applyRaw(Command& command, Command& inverse) {
    CommandResult r;
    if (auto* c = std::get_if<cmd::SetProfile>(&command)) {
        if (auto err = validateProfile(c->profile); !err.empty()) return {false, err, {}};
        inverse = cmd::SetProfile{m_doc.profile};
        m_doc.profile = c->profile;
        return {true, {}, {}};
    }
    if (auto* c = std::get_if<cmd::AddEntry>(&command)) {
        Entry& e = c->entry;
        if (auto err = validateEntry(e); !err.empty()) return {false, err, {}};
        if (e.id.empty()) e.id = m_ids.next();
        if (m_doc.find(e.id)) return {false, "An entry with this id already exists.", e.id};
        if (!e.createdMs) e.createdMs = m_clock.nowMs();
        if (!e.updatedMs) e.updatedMs = e.createdMs;
        const size_t at = std::min(c->index.value_or(m_doc.entries.size()), m_doc.entries.size());
        m_doc.entries.insert(m_doc.entries.begin() + static_cast<std::ptrdiff_t>(at), e);
        removeTombstone(m_doc, e.id); // undo of a delete: the entry lives again everywhere
        inverse = cmd::DeleteEntry{e.id};
        return {true, {}, e.id};
    }
    if (auto* c = std::get_if<cmd::UpdateEntry>(&command)) {
        Entry* existing = m_doc.find(c->entry.id);
        if (!existing) return {false, "That entry no longer exists.", c->entry.id};
        if (auto err = validateEntry(c->entry); !err.empty()) return {false, err, c->entry.id};
        inverse = cmd::UpdateEntry{*existing, true};
        Entry updated = c->entry;
        if (!c->exact) {
            updated.createdMs = existing->createdMs;
            updated.updatedMs = m_clock.nowMs();
            c->entry = updated; // redo restores exactly this state
            c->exact = true;
        }
        *existing = std::move(updated);
        return {true, {}, c->entry.id};
    }
    if (auto* c = std::get_if<cmd::DeleteEntry>(&command)) {
        auto idx = m_doc.indexOf(c->id);
        if (!idx) return {false, "That entry no longer exists.", c->id};
        inverse = cmd::AddEntry{m_doc.entries[*idx], *idx};
        m_doc.entries.erase(m_doc.entries.begin() + static_cast<std::ptrdiff_t>(*idx));
        // The tombstone keeps a merge with an older copy from bringing the entry back.
        addTombstone(m_doc, c->id, m_clock.nowMs());
        return {true, {}, c->id};
    }
    if (auto* c = std::get_if<cmd::Batch>(&command)) {
        // All or nothing: apply in order, roll back what was applied if one fails.
        cmd::Batch undoBatch{c->label, {}};
        std::string lastId;
        for (size_t i = 0; i < c->commands.size(); ++i) {
            Command sub = std::visit([](auto& x) -> Command { return x; }, c->commands[i]);
            Command inv;
            CommandResult sr = applyRaw(sub, inv);
            if (!sr.ok) {
                for (auto it = undoBatch.commands.begin(); it != undoBatch.commands.end(); ++it) {
                    Command back = std::visit([](auto& x) -> Command { return x; }, *it);
                    Command ignored;
                    applyRaw(back, ignored);
                }
                sr.error = "Item " + std::to_string(i + 1) + ": " + sr.error;
                return sr;
            }
            std::visit(
                [&](auto& x) {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (!std::is_same_v<T, cmd::Batch> &&
                                  !std::is_same_v<T, cmd::ReplacePortfolio>)
                        c->commands[i] = x;
                },
                sub);
            std::visit(
                [&](auto& x) {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (!std::is_same_v<T, cmd::Batch> &&
                                  !std::is_same_v<T, cmd::ReplacePortfolio>)
                        undoBatch.commands.insert(undoBatch.commands.begin(), x);
                },
                inv);
            lastId = sr.id;
        }
        inverse = std::move(undoBatch);
        return {true, {}, lastId};
    }
    if (auto* c = std::get_if<cmd::ReplacePortfolio>(&command)) {
        // Ids must stay unique: the screens and the merge functions key everything by them.
        std::unordered_set<std::string_view> seen;
        seen.reserve(c->portfolio.entries.size());
        for (const Entry& e : c->portfolio.entries) {
            if (e.id.empty()) return {false, "An entry has no id.", {}};
            if (!seen.insert(e.id).second)
                return {false, "Two entries share the id " + e.id + ".", e.id};
        }
        inverse = cmd::ReplacePortfolio{m_doc, c->label};
        m_doc = c->portfolio;
        return {true, {}, {}};
    }
    return {false, "Unknown command.", {}};
}

CommandResult Store::apply(Command command) {
    Command inverse;
    CommandResult r = applyRaw(command, inverse);
    if (!r.ok) return r;
    m_undo.push_back({describe(command), std::move(command), std::move(inverse)});
    if (m_undo.size() > m_limit) m_undo.erase(m_undo.begin());
    m_redo.clear();
    ++m_revision;
    return r;
}

std::string Store::undoLabel() const { return m_undo.empty() ? "" : m_undo.back().label; }
std::string Store::redoLabel() const { return m_redo.empty() ? "" : m_redo.back().label; }

bool Store::undo() {
    if (m_undo.empty()) return false;
    Step step = std::move(m_undo.back());
    m_undo.pop_back();
    Command inverse = step.inverse;
    Command reinverse;
    if (!applyRaw(inverse, reinverse).ok) return false;
    m_redo.push_back(std::move(step));
    ++m_revision;
    return true;
}

bool Store::redo() {
    if (m_redo.empty()) return false;
    Step step = std::move(m_redo.back());
    m_redo.pop_back();
    Command forward = step.forward;
    Command inverse;
    if (!applyRaw(forward, inverse).ok) return false;
    step.inverse = std::move(inverse);
    m_undo.push_back(std::move(step));
    ++m_revision;
    return true;
}

} // namespace pathway::core
