// sync: the portfolio file and its CouchDB database (issue 16). The password comes from
// PATHWAY_SYNC_PASSWORD or a prompt, never from the command line (it would show in `ps`).
// A failed sync leaves the file as it was; local changes wait for the next one.
#include "cli.hpp"
#include "curl_transport.hpp" // net/

#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/sync.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <termios.h>
#include <unistd.h>

namespace pathway::cli {

using namespace pathway::core;

namespace {

/// Reads a line from the terminal without echoing it; nullopt without a terminal.
std::optional<std::string> promptPassword(const std::string& user) {
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty) return std::nullopt;
    const int fd = fileno(tty);
    termios old{};
    const bool haveTerm = tcgetattr(fd, &old) == 0;
    if (haveTerm) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::fprintf(tty, "Password for %s: ", user.c_str());
    std::fflush(tty);
    std::string line;
    for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty)) line += static_cast<char>(c);
    if (haveTerm) tcsetattr(fd, TCSAFLUSH, &old);
    std::fprintf(tty, "\n");
    std::fclose(tty);
    return line;
}

} // namespace

std::string syncPassword(const std::string& user) {
    if (user.empty()) return {};
    if (const char* env = std::getenv("PATHWAY_SYNC_PASSWORD")) return env;
    if (auto typed = promptPassword(user)) return *typed;
    throw UserError{"no password for " + user + ": set PATHWAY_SYNC_PASSWORD or run in a terminal"};
}

std::vector<core::CohortFile> readServerCohort(const Args& a, std::vector<std::string>& holder,
                                               std::vector<std::string>& skipped) {
    const std::string* server = a.get("--server");
    const std::string* prefix = a.get("--db-prefix");
    if (!prefix) throw UsageError{"--db-prefix is required with --server"};
    SyncOptions o;
    o.server = *server;
    if (const std::string* user = a.get("--user")) o.user = *user;
    o.password = syncPassword(o.user);
    net::CurlTransport http;
    DatabaseList dbs = listDatabases(o, *prefix, http);
    if (!dbs.ok) throw UserError{dbs.error};
    if (dbs.names.empty())
        throw UserError{"no database on " + *server + " starts with \"" + *prefix + "\""};
    // Each portfolio as the bytes of its file, so the report is made exactly as from a folder.
    holder.clear();
    holder.reserve(dbs.names.size());
    std::vector<std::string> sources;
    for (const auto& name : dbs.names) {
        o.database = name;
        PortfolioRead read = readDatabasePortfolio(o, http);
        if (!read.portfolio) {
            // Unreachable or refused: one sentence and no report (a partial cohort would mislead).
            if (read.serverRefused) throw UserError{read.error};
            skipped.push_back(name + ": " + read.error);
            continue;
        }
        holder.push_back(serializePortfolio(*read.portfolio));
        sources.push_back(name);
    }
    std::vector<core::CohortFile> files;
    for (size_t i = 0; i < holder.size(); ++i) files.push_back({sources[i], holder[i]});
    return files;
}

namespace {

int cmdSync(const Args& a, Context& ctx) {
    if (a.positional.empty()) throw UsageError{"missing FILE"};
    if (a.positional.size() > 1) throw UsageError{"unexpected argument \"" + a.positional[1] + "\""};
    const std::string* server = a.get("--server");
    const std::string* db = a.get("--db");
    if (!server) throw UsageError{"--server is required"};
    if (!db) throw UsageError{"--db is required"};
    SyncOptions o;
    o.server = *server;
    o.database = *db;
    if (const std::string* user = a.get("--user")) o.user = *user;
    o.nowMs = ctx.clock.nowMs();
    if (std::string e = checkSyncOptions(o); !e.empty()) throw UserError{e};
    const std::string& path = a.positional[0];
    if (!fileExists(path)) throw UserError{path + ": no such portfolio (pathway-cli init makes one)"};
    o.password = syncPassword(o.user);

    net::CurlTransport http;
    if (IoResult ready = prepareDatabase(o, a.all("--reader"), http); !ready)
        throw UserError{ready.error};
    SyncResult r = syncPortfolioFile(path, o, http);
    if (!r.ok) throw UserError{path + ": " + r.error};
    const SyncReport& rep = r.report;
    if (a.has("--json")) {
        nlohmann::json j = {{"pulled", rep.documentsPulled},
                            {"pushed", rep.documentsPushed},
                            {"entries_added", rep.pulled.entriesAdded},
                            {"entries_updated", rep.pulled.entriesUpdated},
                            {"entries_deleted", rep.pulled.entriesDeleted},
                            {"conflicting_copies", rep.pulled.conflictCopies},
                            {"comments_added", rep.pulled.commentsAdded},
                            {"sign_offs_added", rep.pulled.signOffsAdded},
                            {"server_conflicts_resolved", rep.conflictsResolved},
                            {"retries", rep.retries}};
        ctx.out << j.dump(2) << "\n";
        return kOk;
    }
    ctx.out << "Synced " << path << " with " << o.database << ": " << rep.documentsPulled
            << " document(s) received, " << rep.documentsPushed << " sent";
    if (rep.pulled.conflictCopies) ctx.out << ", " << rep.pulled.conflictCopies << " conflicting copy(ies) kept";
    if (rep.retries) ctx.out << " (" << rep.retries << " retry after a conflict)";
    ctx.out << ".\n";
    for (const auto& note : rep.pulled.notes) ctx.out << "  " << note << "\n";
    return kOk;
}

} // namespace

std::vector<CommandInfo> syncCommands() {
    return {{"sync",
             "sync FILE --server URL --db NAME [--user U] [--reader NAME...] [--json]",
             "Sync the portfolio with its CouchDB database (password: PATHWAY_SYNC_PASSWORD or a "
             "prompt). A new database gets Pathway's access rules; --reader names mentors.",
             {"--server", "--db", "--user", "--reader"},
             {"--json"},
             false,
             cmdSync}};
}

} // namespace pathway::cli
