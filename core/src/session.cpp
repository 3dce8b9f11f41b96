#include "pathway/core/session.hpp"

#include "pathway/core/text.hpp"

namespace pathway::core {

IoResult FileStorage::read(std::string& bytes, bool& exists) {
    exists = fileExists(m_path);
    if (!exists) return {true, {}};
    return readFile(m_path, bytes, kMaxPortfolioBytes);
}

IoResult FileStorage::write(std::string_view bytes) { return writeFileAtomic(m_path, bytes); }

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

IoResult savePortfolioFile(const std::string& path, const Portfolio& portfolio) {
    return writeFileAtomic(path, serializePortfolio(portfolio));
}

Session::Session(Storage& storage, const Clock& clock, IdSource& ids)
    : m_storage(storage), m_store(clock, ids) {}

Session::State Session::open() {
    std::string bytes;
    bool exists = false;
    m_error.clear();
    if (auto r = m_storage.read(bytes, exists); !r) {
        m_state = State::Broken;
        m_error = r.error;
        return m_state;
    }
    if (!exists) {
        m_store.reset(Portfolio{});
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
    const uint64_t revision = m_store.revision();
    IoResult r = m_storage.write(serializePortfolio(m_store.portfolio()));
    if (!r) {
        m_error = r.error;
        return r;
    }
    m_error.clear();
    m_savedRevision = revision;
    m_state = State::Loaded;
    return r;
}

void Session::replace(Portfolio doc) {
    m_store.reset(std::move(doc));
    m_state = State::Loaded;
    m_error.clear();
    m_savedRevision = 0; // dirty: the next save writes it
    if (m_savedRevision == m_store.revision()) m_savedRevision = m_store.revision() - 1;
}

} // namespace pathway::core
