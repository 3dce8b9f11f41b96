// Imports into a portfolio: a JSON backup (merged, or replacing), a LEAP2A feed from another
// e-portfolio or Mahara's export zip holding one (leap2a.hpp), or a CSV of training records from a learning system. Every import
// is a pure function: it returns the new portfolio and a report, or an error and no portfolio,
// so a bad file never changes anything. Imported ids are derived from the source, so importing
// the same file twice adds nothing the second time.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::core {

enum class ImportFormat : uint8_t { Json, Leap2a, Csv };
std::optional<ImportFormat> parseImportFormat(std::string_view id); ///< "json", "leap2a", "csv"

struct ImportOptions {
    const Catalog& catalog;
    int64_t nowMs = 0;    ///< created/updated of entries that carry no times
    bool replace = false; ///< JSON/LEAP2A from Pathway: the file replaces the portfolio
    std::string sourceName; ///< the file's name: a zip's attachments refer to it
};

struct ImportReport {
    int32_t read = 0;    ///< entries found in the source
    int32_t added = 0;
    int32_t updated = 0;
    int32_t conflictCopies = 0;
    int32_t deleted = 0; ///< entries the source had deleted (its tombstones), removed here too
    int32_t unchanged = 0;
    std::vector<std::string> skipped; ///< one line each: what and why
    std::vector<std::string> notes;
    std::vector<std::string> attachments; ///< a zip's files and the entries they are attached to
};

struct ImportResult {
    std::optional<Portfolio> portfolio;
    ImportReport report;
    std::string error; ///< when portfolio is empty: one sentence, the portfolio is unchanged
};

ImportResult importInto(const Portfolio& into, ImportFormat format, std::string_view bytes,
                        const ImportOptions& options);

/// CSV of training records: header names matched case-insensitively (title: Title, Course,
/// Course title, Activity, Training, Name; date: Date, Completed, Date completed, Completion
/// date, Start date; hours: Hours, Duration, CPD hours, Length; description: Description,
/// Summary, Details, Notes; type: Type, Category; provider: Provider, Organisation).
/// Dates: YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, "3 March 2026". Durations: "3",
/// "1.5", "3h", "90 min", "1:30". Rows become CPD entries.
ImportResult importCsv(const Portfolio& into, std::string_view bytes, const ImportOptions& options);

} // namespace pathway::core
