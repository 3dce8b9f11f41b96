// pathway-cli's commands. Exit codes: 0 success, 1 user error (one line on stderr), 2 usage.
#pragma once

#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/date.hpp"
#include "pathway/core/signing.hpp"

#include <functional>
#include <iosfwd>
#include <map>
#include <streambuf>
#include <string>
#include <vector>

namespace pathway::cli {

inline constexpr int kOk = 0;
inline constexpr int kUserError = 1;
inline constexpr int kUsage = 2;

/// Parsed arguments after the command name: positionals and --options (repeatable).
struct Args {
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> options; ///< "--title" -> "Court skills"
    std::vector<std::string> flags;                  ///< options without a value ("--json")
    /// Every option with its values, in command-line order (pair options keep both values).
    std::vector<std::pair<std::string, std::vector<std::string>>> sequence;

    bool has(const std::string& flag) const;
    const std::string* get(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
};

/// A failure the user can fix: printed as one line, exit 1.
struct UserError {
    std::string message;
};
/// Wrong usage: printed with the command's usage, exit 2.
struct UsageError {
    std::string message;
};

/// `out` and `err` strip terminal control characters (TerminalSafeBuf): user text the CLI
/// prints (titles, names, comments) cannot move the cursor, erase a line or recolour it.
/// `data` is the raw standard output, for an export written to "-". `catalog` is the built-in
/// catalogue plus the files given with --catalog (every command takes it, kCatalogOption).
struct Context {
    std::ostream& out;
    std::ostream& err;
    const core::Clock& clock;
    std::ostream& data;
    const core::Catalog& catalog;
};

/// "--catalog FILE", repeatable, taken by every command: a framework, rule or reflective
/// models file (an academy's own standards or programme) added to the built-in catalogue.
/// A file that does not load stops the command before it reads or writes anything.
inline constexpr const char* kCatalogOption = "--catalog";

/// A stream buffer that passes text on to `target` without terminal control characters:
/// C0 controls but newline and tab (so ESC, CR, BEL, backspace), DEL, and the C1 controls
/// U+0080-U+009F (UTF-8 C2 80-C2 9F, which some terminals take as CSI).
class TerminalSafeBuf final : public std::streambuf {
  public:
    explicit TerminalSafeBuf(std::streambuf* target) : m_target(target) {}

  protected:
    int overflow(int c) override;
    int sync() override { return m_target->pubsync(); }

  private:
    std::streambuf* m_target;
    bool m_pendingC2 = false; ///< a 0xC2 lead byte held back until the next byte shows a C1
};

using CommandFn = std::function<int(const Args&, Context&)>;

struct CommandInfo {
    const char* name;
    std::string usage;
    std::string summary;
    std::vector<std::string> valueOptions; ///< options that take a value
    std::vector<std::string> flagOptions;  ///< options without a value
    bool acceptsFieldOptions = false;      ///< any --field-name VALUE (entry fields)
    CommandFn run;
    std::vector<std::string> pairOptions = {}; ///< options that take two values (--comment ID TEXT)
};

const std::vector<CommandInfo>& commands();

/// Reads a reviewer's (or academy's) key file; a sealed one takes its passphrase from
/// --passphrase-file FILE (its first line) or the PATHWAY_PASSPHRASE environment variable.
core::ReviewerKey loadKeyFile(const Args& a, const std::string& path);
/// The rosters named by --roster (each must verify, else UserError).
std::vector<core::Roster> loadRosters(const Args& a);
/// Sync's password for `user`: PATHWAY_SYNC_PASSWORD or a prompt on the terminal, never a
/// flag (it would show in `ps`); "" without a user. UserError when neither is possible.
std::string syncPassword(const std::string& user);
/// cohort --server: every database on the server starting with --db-prefix, read as a
/// portfolio file's bytes (kept in `holder`); databases that hold no portfolio go to
/// `skipped`. UserError when the server cannot be reached or refuses the login.
std::vector<core::CohortFile> readServerCohort(const Args& a, std::vector<std::string>& holder,
                                               std::vector<std::string>& skipped);

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const core::Clock& clock);

} // namespace pathway::cli
