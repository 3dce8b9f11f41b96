// Helpers for core tests: fixtures, temporary folders, a fixed clock, example entries.
#pragma once

#include "pathway/core/date.hpp"
#include "pathway/core/files.hpp"
#include "pathway/core/model.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

namespace pathway::test {

inline std::string fixturePath(const std::string& name) {
    return std::string(PATHWAY_FIXTURES_DIR) + "/" + name;
}

inline std::string readFixture(const std::string& name) {
    std::string out;
    if (!core::readFile(fixturePath(name), out, 64u << 20)) return {};
    return out;
}

/// A fixture portfolio, read as the app reads it; a failure (and an empty portfolio) when it
/// does not load.
inline core::Portfolio fixturePortfolio(const std::string& name) {
    core::LoadResult r = core::parsePortfolio(readFixture(name));
    EXPECT_TRUE(r.ok()) << name << ": " << r.error;
    return r.ok() ? std::move(*r.portfolio) : core::Portfolio{};
}

inline core::Date d(const char* iso) { return *core::Date::parse(iso); }

/// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        m_path = (std::filesystem::temp_directory_path() /
                  ("pathway-test-" + std::to_string(rd()) + std::to_string(rd())))
                     .string();
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

inline core::Entry makeCpd(const std::string& title, const char* date, double hours = 1) {
    core::Entry e;
    e.kind = core::EntryKind::Cpd;
    e.title = title;
    e.date = d(date);
    e.fields["hours"] = std::to_string(static_cast<int>(hours));
    return e;
}

} // namespace pathway::test
