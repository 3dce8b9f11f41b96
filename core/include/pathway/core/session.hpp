// An open portfolio: the Store plus where it is kept. Loads once, saves when the store changes,
// and never overwrites a file it could not read.
#pragma once

#include "pathway/core/files.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/store.hpp"

#include <memory>
#include <string>

namespace pathway::core {

/// Where a portfolio's bytes live: a file natively, a file in IDBFS on the web, memory in tests.
class Storage {
  public:
    virtual ~Storage() = default;
    /// Fills `bytes`; `exists` is false (and ok true) when nothing has been stored yet.
    virtual IoResult read(std::string& bytes, bool& exists) = 0;
    virtual IoResult write(std::string_view bytes) = 0;
    /// Where it is, for messages ("/home/x/.local/share/pathway/portfolio.json").
    virtual std::string describe() const = 0;
};

class FileStorage final : public Storage {
  public:
    explicit FileStorage(std::string path) : m_path(std::move(path)) {}
    IoResult read(std::string& bytes, bool& exists) override;
    IoResult write(std::string_view bytes) override;
    std::string describe() const override { return m_path; }
    const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

class MemoryStorage final : public Storage {
  public:
    IoResult read(std::string& bytes, bool& exists) override;
    IoResult write(std::string_view bytes) override;
    std::string describe() const override { return "memory"; }
    std::string bytes;
    bool exists = false;
    bool failWrites = false; ///< simulate a full disk
    int writes = 0;
};

/// Loads a portfolio file from disk (size-limited, validated).
LoadResult loadPortfolioFile(const std::string& path);
/// Serialises and writes atomically.
IoResult savePortfolioFile(const std::string& path, const Portfolio& portfolio);

class Session {
  public:
    enum class State {
        Empty,  ///< nothing stored yet: a new portfolio, not saved until it has a name
        Loaded, ///< read from storage
        Broken, ///< storage holds something unreadable; it is never overwritten
    };

    Session(Storage& storage, const Clock& clock, IdSource& ids);

    /// Reads the storage. On failure the state is Broken and error() says why.
    State open();
    State state() const { return m_state; }
    const std::string& error() const { return m_error; }

    Store& store() { return m_store; }
    const Store& store() const { return m_store; }

    /// True when the store holds changes not yet written.
    bool dirty() const { return m_store.revision() != m_savedRevision; }
    /// Writes if dirty and allowed; a failed write keeps dirty() true and sets error().
    IoResult save();
    /// Leaves a Broken state deliberately: starts from `doc` (e.g. an imported backup);
    /// the unreadable bytes are kept by the caller's storage under another name first.
    void replace(Portfolio doc);

  private:
    Storage& m_storage;
    Store m_store;
    State m_state = State::Empty;
    std::string m_error;
    uint64_t m_savedRevision = 0;
};

} // namespace pathway::core
