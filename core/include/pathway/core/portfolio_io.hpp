// Portfolio <-> JSON text. The file carries a schema version; older versions are migrated on
// load (see migrations in portfolio_io.cpp), and fields this version does not know are kept.
#pragma once

#include "pathway/core/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pathway::core {

/// 2 (issue 12): "tombstones" (deleted entries: id, deleted) and "revision" (saves counted).
/// 3 (issue 17): comments and sign-offs may carry a reviewer's signature; sign-offs a withdrawal.
/// 4 (issue 14): the ASYE record's self-assessment; goals linked to a review ("review" field).
inline constexpr int kSchemaVersion = 4;
inline constexpr std::string_view kPortfolioFormat = "pathway-portfolio";
/// Larger files are refused before parsing (a year of evidence is a few MB).
inline constexpr size_t kMaxPortfolioBytes = 64u * 1024u * 1024u;

struct LoadResult {
    std::optional<Portfolio> portfolio;
    std::string error;   ///< one sentence for the user when portfolio is empty
    int fromSchema = 0;  ///< schema version found in the file
    bool ok() const { return portfolio.has_value(); }
};

/// Parses a portfolio file's bytes. Never throws; every failure is a readable message.
/// A current-schema file is read directly (portfolio_read.cpp); anything that reader does not
/// handle exactly (older schemas, errors, unusual values) is read as parsePortfolioViaTree does.
LoadResult parsePortfolio(std::string_view bytes);
/// The same result built the simple way (a nlohmann document, migrated, then read): the
/// reference parsePortfolio's direct reader is tested against, and what it falls back to.
LoadResult parsePortfolioViaTree(std::string_view bytes);
/// Serialises with a stable key order and 2-space indentation (diff-friendly).
std::string serializePortfolio(const Portfolio& portfolio);
/// The same bytes built the simple way (a nlohmann document, then dump(2)): the reference
/// serializePortfolio's direct writer is tested against.
std::string serializePortfolioViaTree(const Portfolio& portfolio);

/// The portfolio as the document serializePortfolioViaTree writes (sync splits it into
/// CouchDB documents, sync.hpp).
nlohmann::json portfolioToJson(const Portfolio& portfolio);
/// Reads a portfolio document (migrating older schemas) as parsePortfolioViaTree does after
/// parsing; never throws.
LoadResult portfolioFromJson(nlohmann::json doc);

nlohmann::json entryToJson(const Entry& entry);
/// One entry as serializePortfolio writes it (its direct writer, at the outermost indentation):
/// a fast fingerprint of an entry's whole content (sync compares them, sync.hpp).
std::string entryFileText(const Entry& entry);
/// Reads one entry; on failure returns nullopt and sets `error` ("entries[3].date: ...").
std::optional<Entry> entryFromJson(const nlohmann::json& j, const std::string& where,
                                   std::string& error);
nlohmann::json profileToJson(const Profile& profile);
nlohmann::json tombstonesToJson(const std::vector<Tombstone>& tombstones);
/// The profile's "asye" member; empty object members are left out.
nlohmann::json asyeRecordToJson(const AsyeRecord& record);
/// Reads the profile's "asye" member; on failure nullopt and `error` ("profile.asye.leave[0].to
/// is before from").
std::optional<AsyeRecord> asyeRecordFromJson(const nlohmann::json& j, std::string& error);
/// A comment or sign-off as the portfolio file stores it (with its signature, if any).
nlohmann::json commentToJson(const Comment& comment);
nlohmann::json signOffToJson(const SignOff& signOff);

} // namespace pathway::core
