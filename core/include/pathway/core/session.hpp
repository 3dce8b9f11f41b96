// An open portfolio: the Store plus where it is kept and the catalogue it is read against.
// Loads once, saves when the store changes, and never overwrites a file it could not read.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/files.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/store.hpp"

#include <functional>
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
    /// Held around a save's read-merge-write so that no other writer comes in between
    /// (natively an advisory file lock; on the web the page holds a Web Lock around the whole
    /// save, so this is a no-op there). Not held otherwise: other processes can work.
    virtual IoResult lock() { return {true, {}}; }
    virtual void unlock() {}
};

class FileStorage final : public Storage {
  public:
    explicit FileStorage(std::string path) : m_path(std::move(path)) {}
    IoResult read(std::string& bytes, bool& exists) override;
    IoResult write(std::string_view bytes) override;
    std::string describe() const override { return m_path; }
    IoResult lock() override;
    void unlock() override { m_lock.reset(); }
    const std::string& path() const { return m_path; }

  private:
    std::string m_path;
    std::unique_ptr<FileLock> m_lock;
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
/// Serialises and writes atomically; refuses, before writing, a portfolio whose file would be
/// larger than kMaxPortfolioBytes (Pathway could not open it again).
IoResult savePortfolioFile(const std::string& path, const Portfolio& portfolio);
/// The refusal savePortfolioFile and Session::save give for over-limit bytes; ok otherwise.
IoResult checkPortfolioSize(std::string_view bytes);

/// Read-modify-write of a portfolio file under its lock (the CLI's add, merge, import, redact):
/// loads it, lets `change` edit it (returning false when nothing changed), and saves it with
/// the revision counted up. Concurrent callers queue on the lock, so none loses another's change.
/// Returns the load, change or save error; the file is untouched on error.
IoResult updatePortfolioFile(const std::string& path,
                             const std::function<bool(Portfolio&, std::string& error)>& change);

class Session {
  public:
    enum class State {
        Empty,  ///< nothing stored yet: a new portfolio, not saved until it has a name
        Loaded, ///< read from storage
        Broken, ///< storage holds something unreadable; it is never overwritten
    };

    /// The catalogue starts as the built-ins (Catalog::builtin()); addCatalogFile adds to it.
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
    /// Compare-and-merge, never a blind overwrite: under the storage's lock it reads what is
    /// stored; if that is not what this session last read or wrote (another tab, window or
    /// pathway-cli saved meanwhile) the two are combined with mergeConcurrent first, and the
    /// store takes in the other side's changes (lastMerge() counts them). Refused, with nothing
    /// written: a stored copy that changed and no longer loads, a result over the size limit.
    IoResult save();
    /// Takes in what another place saved, without writing (a tab told by another, the desktop
    /// app seeing its file change): reads the storage and, when it changed, merges it in. The
    /// store stays dirty only when it holds changes of its own. Returns what came in.
    MergeReport refresh();
    /// What the last save() or refresh() took in from elsewhere.
    const MergeReport& lastMerge() const { return m_lastMerge; }
    /// The revision stored in the file when last read or written (schema 2's "revision").
    int64_t storedRevision() const { return m_base.revision; }
    /// The catalogue this portfolio is read against (status, exports, imports, the screens):
    /// the built-ins plus catalogFiles().
    const Catalog& catalog() const { return m_catalog; }
    /// The files added to the built-ins (an academy's framework), in the order added.
    const std::vector<CatalogFile>& catalogFiles() const { return m_catalogFiles; }
    /// Adds a catalogue file; one with the same name is replaced. "" on success, else the
    /// file's error ("ecf.json: items[3].id: missing") and nothing changes. Keeping the file
    /// is the caller's (the app keeps it through its Host, beside the user's data).
    std::string addCatalogFile(CatalogFile file);
    /// Takes an added file out again (the catalogue is built afresh without it); false when
    /// no file has that name.
    bool removeCatalogFile(std::string_view name);
    /// Counts changes to the catalogue: caches of what is computed from it key on this too.
    uint64_t catalogRevision() const { return m_catalogRevision; }

    /// Leaves a Broken state deliberately: starts from `doc` (e.g. an imported backup);
    /// the unreadable bytes are kept by the caller's storage under another name first.
    void replace(Portfolio doc);

  private:
    /// Fingerprint of stored bytes: size and hash (a collision would only skip a merge).
    struct Stamp {
        uint64_t size = 0;
        uint64_t hash = 0;
        bool exists = false;
        bool operator==(const Stamp&) const = default;
    };
    static Stamp stampOf(std::string_view bytes);

    /// The built-ins plus `files`, or the first file's error.
    static std::string buildCatalog(const std::vector<CatalogFile>& files, Catalog& out);

    Storage& m_storage;
    Store m_store;
    Catalog m_catalog;
    std::vector<CatalogFile> m_catalogFiles;
    uint64_t m_catalogRevision = 0;
    State m_state = State::Empty;
    std::string m_error;
    uint64_t m_savedRevision = 0;
    Portfolio m_base; ///< the stored portfolio as this session last read or wrote it
    Stamp m_baseStamp;
    MergeReport m_lastMerge;
};

} // namespace pathway::core
