#include "pathway/core/session.hpp"

#include "pathway/core/text.hpp"

#include <algorithm>
#include <functional>

namespace pathway::core {

IoResult FileStorage::read(std::string& bytes, bool& exists) {
    exists = fileExists(m_path);
    if (!exists) return {true, {}};
    return readFile(m_path, bytes, kMaxPortfolioBytes);
}

IoResult FileStorage::write(std::string_view bytes) { return writeFileAtomic(m_path, bytes); }

IoResult FileStorage::lock() {
    m_lock.reset();
    auto lock = std::make_unique<FileLock>(m_path);
    IoResult r = lock->status();
    if (r) m_lock = std::move(lock);
    return r;
}

IoResult MemoryStorage::read(std::string& out, bool& ex) {
    ex = exists;
    if (exists) out = bytes;
    return {true, {}};
}

IoResult MemoryStorage::write(std::string_view b) {
    if (failWrites) return {false, "The device has no space left."};
    bytes = std::string(b);
    exists = true;
    ++writes;
    return {true, {}};
}

LoadResult loadPortfolioFile(const std::string& path) {
    std::string bytes;
    if (auto r = readFile(path, bytes, kMaxPortfolioBytes); !r) {
        LoadResult out;
        out.error = r.error;
        return out;
    }
    return parsePortfolio(bytes);
}

IoResult checkPortfolioSize(std::string_view bytes) {
    if (bytes.size() <= kMaxPortfolioBytes) return {true, {}};
    return {false, "Not saved: the portfolio would be " +
                       std::to_string(bytes.size() / (1024 * 1024)) + " MB, over the " +
                       std::to_string(kMaxPortfolioBytes / (1024 * 1024)) +
                       " MB Pathway can open again. Nothing was changed; remove or shorten "
                       "entries, or keep large evidence as attachments (references)."};
}

IoResult savePortfolioFile(const std::string& path, const Portfolio& portfolio) {
    const std::string bytes = serializePortfolio(portfolio);
    if (auto r = checkPortfolioSize(bytes); !r) return r;
    return writeFileAtomic(path, bytes);
}

IoResult updatePortfolioFile(const std::string& path,
                             const std::function<bool(Portfolio&, std::string& error)>& change) {
    if (!fileExists(path)) return {false, loadPortfolioFile(path).error}; // no lock file for it
    FileLock lock(path);
    if (!lock.status()) return lock.status();
    LoadResult loaded = loadPortfolioFile(path);
    if (!loaded.ok()) return {false, loaded.error};
    Portfolio p = std::move(*loaded.portfolio);
    std::string error;
    const int64_t revision = p.revision;
    if (!change(p, error)) return {error.empty(), error};
    p.revision = revision + 1;
    return savePortfolioFile(path, p);
}

Session::Stamp Session::stampOf(std::string_view bytes) {
    return {bytes.size(), std::hash<std::string_view>{}(bytes), true};
}

Session::Session(Storage& storage, const Clock& clock, IdSource& ids)
    : m_storage(storage), m_store(clock, ids), m_catalog(Catalog::builtin()) {}

std::string Session::buildCatalog(const std::vector<CatalogFile>& files, Catalog& out) {
    Catalog built = Catalog::builtin();
    if (std::string err = built.addFiles(files); !err.empty()) return err;
    out = std::move(built);
    return {};
}

std::string Session::addCatalogFile(CatalogFile file) {
    auto same = std::find_if(m_catalogFiles.begin(), m_catalogFiles.end(),
                             [&](const CatalogFile& f) { return f.name == file.name; });
    if (same == m_catalogFiles.end()) {
        // Adding to the end needs no rebuild: the file goes on top of what is there.
        if (std::string err = m_catalog.addFile(file.bytes, file.name); !err.empty()) return err;
        m_catalogFiles.push_back(std::move(file));
    } else {
        // A replaced file may have added what the new one does not: build afresh.
        std::vector<CatalogFile> files = m_catalogFiles;
        files[static_cast<size_t>(same - m_catalogFiles.begin())] = std::move(file);
        if (std::string err = buildCatalog(files, m_catalog); !err.empty()) return err;
        m_catalogFiles = std::move(files);
    }
    ++m_catalogRevision;
    return {};
}

bool Session::removeCatalogFile(std::string_view name) {
    std::vector<CatalogFile> files;
    for (const auto& f : m_catalogFiles)
        if (f.name != name) files.push_back(f);
    if (files.size() == m_catalogFiles.size()) return false;
    // The rest loaded before; were one to fail now the catalogue would stay as it was.
    if (!buildCatalog(files, m_catalog).empty()) return false;
    m_catalogFiles = std::move(files);
    ++m_catalogRevision;
    return true;
}

Session::State Session::open() {
    std::string bytes;
    bool exists = false;
    m_error.clear();
    m_lastMerge = {};
    if (auto r = m_storage.read(bytes, exists); !r) {
        m_state = State::Broken;
        m_error = r.error;
        return m_state;
    }
    if (!exists) {
        m_store.reset(Portfolio{});
        m_base = Portfolio{};
        m_baseStamp = {};
        m_savedRevision = m_store.revision();
        m_state = State::Empty;
        return m_state;
    }
    LoadResult loaded = parsePortfolio(bytes);
    if (!loaded.ok()) {
        m_state = State::Broken;
        m_error = loaded.error;
        return m_state;
    }
    m_base = *loaded.portfolio;
    m_baseStamp = stampOf(bytes);
    m_store.reset(std::move(*loaded.portfolio));
    m_savedRevision = m_store.revision();
    m_state = State::Loaded;
    return m_state;
}

IoResult Session::save() {
    if (m_state == State::Broken)
        return {false, "Not saved: the stored portfolio could not be read, and Pathway will not "
                       "overwrite it. Export your work or restore a backup."};
    if (!dirty()) return {true, {}};
    // A brand-new portfolio is written once it has a name (nothing to lose before that).
    if (m_state == State::Empty && trim(m_store.portfolio().profile.name).empty() &&
        m_store.portfolio().entries.empty())
        return {true, {}};
    auto fail = [&](IoResult r) {
        m_storage.unlock();
        m_error = r.error;
        return r;
    };
    if (auto r = m_storage.lock(); !r) return fail(r);
    // Compare: is what is stored still what this session last read or wrote?
    std::string stored;
    bool exists = false;
    if (auto r = m_storage.read(stored, exists); !r) return fail(r);
    m_lastMerge = {};
    int64_t storedRevision = m_base.revision;
    const Stamp now = exists ? stampOf(stored) : Stamp{};
    if (exists && !(now == m_baseStamp)) {
        // Someone else saved meanwhile: merge, never overwrite.
        LoadResult theirs = parsePortfolio(stored);
        if (!theirs.ok())
            return fail({false, "Not saved: " + m_storage.describe() +
                                    " was changed elsewhere and can no longer be read (" +
                                    theirs.error + "). Pathway did not overwrite it."});
        storedRevision = std::max(storedRevision, theirs.portfolio->revision);
        MergeResult merged = mergeConcurrent(m_base, m_store.portfolio(), *theirs.portfolio);
        m_store.absorb(std::move(merged.portfolio));
        m_lastMerge = std::move(merged.report);
    }
    m_store.setFileRevision(storedRevision + 1);
    const std::string bytes = serializePortfolio(m_store.portfolio());
    if (auto r = checkPortfolioSize(bytes); !r) return fail(r);
    const uint64_t revision = m_store.revision();
    if (auto r = m_storage.write(bytes); !r) return fail(r);
    m_storage.unlock();
    m_base = m_store.portfolio();
    m_baseStamp = stampOf(bytes);
    m_error.clear();
    m_savedRevision = revision;
    m_state = State::Loaded;
    return {true, {}};
}

MergeReport Session::refresh() {
    m_lastMerge = {};
    if (m_state == State::Broken) return {};
    std::string stored;
    bool exists = false;
    if (!m_storage.read(stored, exists) || !exists) return {};
    const Stamp now = stampOf(stored);
    if (now == m_baseStamp) return {};
    LoadResult theirs = parsePortfolio(stored);
    if (!theirs.ok()) return {}; // the next save says so, and writes nothing
    const bool clean = !dirty();
    MergeResult merged = mergeConcurrent(m_base, m_store.portfolio(), *theirs.portfolio);
    m_base = std::move(*theirs.portfolio);
    m_baseStamp = now;
    if (!(merged.portfolio == m_store.portfolio())) m_store.absorb(std::move(merged.portfolio));
    m_store.setFileRevision(m_base.revision);
    if (clean) m_savedRevision = m_store.revision(); // nothing of ours left to write
    if (m_state == State::Empty) m_state = State::Loaded;
    m_lastMerge = std::move(merged.report);
    return m_lastMerge;
}

void Session::replace(Portfolio doc) {
    m_store.reset(std::move(doc));
    m_state = State::Loaded;
    m_error.clear();
    m_savedRevision = 0; // dirty: the next save writes it
    if (m_savedRevision == m_store.revision()) m_savedRevision = m_store.revision() - 1;
}

} // namespace pathway::core
