// The one way a portfolio changes: commands, applied by the Store, validated first and undoable.
// The UI, the CLI and the tests all go through here.
#pragma once

#include "pathway/core/date.hpp"
#include "pathway/core/model.hpp"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <variant>
#include <vector>

namespace pathway::core {

/// Where new entry ids come from; tests pass a sequential one.
class IdSource {
  public:
    virtual ~IdSource() = default;
    virtual std::string next() = 0;
};

/// Random (version 4) UUIDs.
class RandomIds final : public IdSource {
  public:
    RandomIds();
    explicit RandomIds(uint64_t seed) : m_rng(seed) {}
    std::string next() override;

  private:
    std::mt19937_64 m_rng;
};

/// "00000000-0000-4000-8000-000000000001", "...002", ...: predictable ids for tests.
class SequentialIds final : public IdSource {
  public:
    std::string next() override;

  private:
    uint64_t m_next = 1;
};

namespace cmd {
struct SetProfile {
    Profile profile;
};
/// Adds an entry. An empty id gets a fresh one; created/updated are set by the store.
struct AddEntry {
    Entry entry;
    std::optional<size_t> index; ///< position (used by undo); default: the end
};
/// Replaces the entry with the same id.
struct UpdateEntry {
    Entry entry;
    bool exact = false; ///< keep the entry's timestamps as given (undo/redo, merges)
};
struct DeleteEntry {
    std::string id;
};
/// Several commands as one undo step (e.g. an import); all or nothing.
struct Batch {
    std::string label;
    std::vector<std::variant<SetProfile, AddEntry, UpdateEntry, DeleteEntry>> commands;
};
/// Replaces the whole portfolio in one undoable step: imports, merges of feedback files and
/// backups, redactions. Undo puts back the portfolio exactly as it was.
struct ReplacePortfolio {
    Portfolio portfolio;
    std::string label; ///< "Import 12 entries from training.csv"
};
} // namespace cmd

using Command = std::variant<cmd::SetProfile, cmd::AddEntry, cmd::UpdateEntry, cmd::DeleteEntry,
                             cmd::Batch, cmd::ReplacePortfolio>;

/// A short human name for a command: "Add CPD activity", "Edit \"Title\"" (menus, undo tips).
std::string describe(const Command& command);

struct CommandResult {
    bool ok = false;
    std::string error; ///< a sentence for the user when !ok
    std::string id;    ///< the entry the command touched (its new id for AddEntry)
    explicit operator bool() const { return ok; }
};

/// Validation of entries and profiles, with messages a user understands; empty when fine.
std::string validateEntry(const Entry& entry);
std::string validateProfile(const Profile& profile);

class Store {
  public:
    Store(const Clock& clock, IdSource& ids);
    Store(const Clock& clock, IdSource& ids, Portfolio initial);

    const Portfolio& portfolio() const { return m_doc; }
    /// Replaces the whole document (after a load); clears history.
    void reset(Portfolio doc);
    /// Takes in changes made elsewhere (the stored copy merged with this one, see
    /// mergeConcurrent): replaces the document but keeps undo and redo, which work by entry id.
    void absorb(Portfolio doc);
    /// Records the file revision the document was last saved as (not a change: no new revision).
    void setFileRevision(int64_t revision);

    CommandResult apply(Command command);
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    std::string undoLabel() const; ///< "" when nothing to undo
    std::string redoLabel() const;
    bool undo();
    bool redo();

    /// Increases on every change (apply, undo, redo, reset): cheap "did anything change?".
    uint64_t revision() const { return m_revision; }
    const Clock& clock() const { return m_clock; }
    size_t historyLimit() const { return m_limit; }

  private:
    struct Step {
        std::string label;
        Command forward; ///< re-applied by redo
        Command inverse; ///< applied by undo
    };
    // Applies without touching history; returns the inverse on success.
    CommandResult applyRaw(Command& command, Command& inverse);

    const Clock& m_clock;
    IdSource& m_ids;
    Portfolio m_doc;
    std::vector<Step> m_undo;
    std::vector<Step> m_redo;
    uint64_t m_revision = 0;
    size_t m_limit = 200;
};

} // namespace pathway::core
