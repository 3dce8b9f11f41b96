// pathway-cli's commands. Exit codes: 0 success, 1 user error (one line on stderr), 2 usage.
#pragma once

#include "pathway/core/date.hpp"

#include <functional>
#include <iosfwd>
#include <map>
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

struct Context {
    std::ostream& out;
    std::ostream& err;
    const core::Clock& clock;
};

using CommandFn = std::function<int(const Args&, Context&)>;

struct CommandInfo {
    const char* name;
    const char* usage;
    const char* summary;
    std::vector<std::string> valueOptions; ///< options that take a value
    std::vector<std::string> flagOptions;  ///< options without a value
    bool acceptsFieldOptions = false;      ///< any --field-name VALUE (entry fields)
    CommandFn run;
    std::vector<std::string> pairOptions = {}; ///< options that take two values (--comment ID TEXT)
};

const std::vector<CommandInfo>& commands();
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const core::Clock& clock);

} // namespace pathway::cli
