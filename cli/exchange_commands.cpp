// review, merge, verify, lint, export, import, cohort: what mentors, assessors and academies do
// with portfolio files. Each is a thin shell over the core (review.hpp, integrity.hpp,
// confidentiality.hpp, export.hpp, import.hpp, cohort.hpp); a failure never changes a file.
#include "cli.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/confidentiality.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/files.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/session.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace pathway::cli {

using namespace pathway::core;

namespace {

const std::string& positional(const Args& a, size_t i, const char* what) {
    if (a.positional.size() <= i) throw UsageError{std::string("missing ") + what};
    return a.positional[i];
}

void noMorePositionals(const Args& a, size_t n) {
    if (a.positional.size() > n) throw UsageError{"unexpected argument \"" + a.positional[n] + "\""};
}

Portfolio load(const std::string& path) {
    LoadResult loaded = loadPortfolioFile(path);
    if (!loaded.ok()) throw UserError{path + ": " + loaded.error};
    return std::move(*loaded.portfolio);
}

Date todayOption(const Args& a, const Context& ctx) {
    if (const auto* t = a.get("--today")) {
        auto d = Date::parse(*t);
        if (!d) throw UserError{"--today: \"" + *t + "\" is not a date (YYYY-MM-DD)"};
        return *d;
    }
    return ctx.clock.today();
}

// Writes `bytes` to OUT ("-" = standard output).
void writeOutput(const std::string& out, std::string_view bytes, Context& ctx) {
    if (out == "-") {
        ctx.out << bytes;
        return;
    }
    if (auto r = writeFileAtomic(out, bytes); !r) throw UserError{r.error};
}

const std::string& requireOutput(const Args& a) {
    const std::string* out = a.get("--output");
    if (!out) throw UsageError{"-o OUT is required"};
    return *out;
}

std::string readInput(const std::string& path) {
    std::string bytes;
    if (auto r = readFile(path, bytes, kMaxPortfolioBytes); !r) throw UserError{r.error};
    return bytes;
}

int cmdReview(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    noMorePositionals(a, 1);
    const std::string* reviewer = a.get("--reviewer");
    if (!reviewer) throw UsageError{"--reviewer NAME is required"};
    const std::string& out = requireOutput(a);
    std::vector<ReviewAction> actions;
    for (const auto& [opt, values] : a.sequence) {
        if (opt == "--comment") actions.push_back({ReviewAction::Type::Comment, values[0], values[1]});
        else if (opt == "--request")
            actions.push_back({ReviewAction::Type::RequestEvidence, values[0], values[1]});
        else if (opt == "--outcome")
            actions.push_back({ReviewAction::Type::Outcome, values[0], values[1]});
        else if (opt == "--sign") actions.push_back({ReviewAction::Type::SignOff, values[0], {}});
    }
    if (actions.empty()) throw UsageError{"nothing to record: give --comment, --request, --outcome or --sign"};
    const Portfolio p = load(path);
    if (std::filesystem::exists(out) && std::filesystem::equivalent(out, path))
        throw UserError{"the feedback file must not be the portfolio itself"};
    RandomIds ids;
    const std::string* role = a.get("--role");
    FeedbackResult f = buildFeedback(p, *reviewer, role ? *role : "", actions, ctx.clock.nowMs(), ids);
    if (!f.feedback) throw UserError{f.error};
    writeOutput(out, serializeFeedback(*f.feedback), ctx);
    if (out != "-")
        ctx.out << "Wrote " << out << ": " << f.feedback->comments.size() << " comment(s), "
                << f.feedback->signOffs.size() << " sign-off(s) by " << f.feedback->reviewer << "\n";
    return kOk;
}

int cmdMerge(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    positional(a, 1, "FEEDBACK");
    std::vector<Feedback> feedback;
    for (size_t i = 1; i < a.positional.size(); ++i) {
        const std::string& fpath = a.positional[i];
        FeedbackResult f = parseFeedback(readInput(fpath));
        if (!f.feedback) throw UserError{fpath + ": " + f.error};
        feedback.push_back(std::move(*f.feedback));
    }
    MergeReport total;
    // Under the file's lock: a concurrent add or a second merge is never overwritten.
    auto saved = updatePortfolioFile(path, [&](Portfolio& p, std::string&) {
        for (size_t i = 0; i < feedback.size(); ++i) {
            MergeResult m = mergeFeedback(p, feedback[i]);
            p = std::move(m.portfolio);
            total.commentsAdded += m.report.commentsAdded;
            total.commentsAlready += m.report.commentsAlready;
            total.signOffsAdded += m.report.signOffsAdded;
            total.signOffsAlready += m.report.signOffsAlready;
            total.signOffsNotCurrent += m.report.signOffsNotCurrent;
            for (auto& n : m.report.notes) total.notes.push_back(a.positional[i + 1] + ": " + n);
        }
        return total.changed();
    });
    if (!saved) throw UserError{path + ": " + saved.error};
    ctx.out << "Merged into " << path << ": " << total.commentsAdded << " new comment(s), "
            << total.signOffsAdded << " new sign-off(s)";
    if (total.commentsAlready + total.signOffsAlready)
        ctx.out << "; " << total.commentsAlready + total.signOffsAlready << " already there";
    ctx.out << "\n";
    if (total.signOffsNotCurrent)
        ctx.out << "Note: " << total.signOffsNotCurrent
                << " sign-off(s) were made on an earlier version of the entry (run verify)\n";
    for (const auto& n : total.notes) ctx.out << "Note: " << n << "\n";
    return kOk;
}

int cmdVerify(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    noMorePositionals(a, 1);
    const Portfolio p = load(path);
    auto checks = checkSignOffs(p);
    size_t bad = 0;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : checks) {
        const SignOff& s = *c.signOff;
        list.push_back({{"entry", s.entryId},
                        {"title", c.entryTitle},
                        {"reviewer", s.reviewer},
                        {"signed", s.atMs ? formatTimestamp(s.atMs) : ""},
                        {"state", signOffStateId(c.state)},
                        {"signed_sha256", s.contentHash},
                        {"current_sha256", c.currentHash}});
        if (c.state == SignOffState::Current) continue;
        ++bad;
        if (a.has("--json")) continue;
        ctx.out << std::string(signOffStateId(c.state)) << "  " << s.entryId << "  \""
                << c.entryTitle << "\"  signed by " << s.reviewer;
        if (s.atMs) ctx.out << " on " << formatTimestamp(s.atMs).substr(0, 10);
        switch (c.state) {
        case SignOffState::Stale: ctx.out << ": edited after it was signed"; break;
        case SignOffState::Altered: ctx.out << ": content changed with no recorded edit"; break;
        case SignOffState::Missing: ctx.out << ": the entry is no longer in the portfolio"; break;
        case SignOffState::Malformed: ctx.out << ": the recorded hash is not a SHA-256"; break;
        default: break;
        }
        ctx.out << "\n";
    }
    if (a.has("--json")) ctx.out << list.dump(2) << "\n";
    if (bad) throw UserError{std::to_string(bad) + " of " + std::to_string(checks.size()) +
                             " sign-off(s) no longer match their entries"};
    if (!a.has("--json"))
        ctx.out << "All " << checks.size() << " sign-off(s) match their entries.\n";
    return kOk;
}

int cmdLint(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    noMorePositionals(a, 1);
    if (a.has("--redact")) {
        int32_t changed = 0;
        size_t before = 0;
        auto saved = updatePortfolioFile(path, [&](Portfolio& p, std::string&) {
            before = lintPortfolio(p).size();
            p = redactPortfolio(p, ctx.clock.nowMs(), &changed);
            return changed > 0;
        });
        if (!saved) throw UserError{path + ": " + saved.error};
        ctx.out << "Redacted " << before << " detail(s) in " << changed
                << " entr(ies) and comment(s) of " << path << "\n";
        return kOk;
    }
    const Portfolio p = load(path);
    auto findings = lintPortfolio(p);
    if (a.has("--json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& f : findings)
            list.push_back({{"entry", f.entryId}, {"field", f.field}, {"offset", f.at.offset},
                            {"length", f.at.length}, {"kind", findingKindId(f.at.kind)},
                            {"text", f.match}, {"why", f.at.why}});
        ctx.out << list.dump(2) << "\n";
    } else {
        for (const auto& f : findings)
            ctx.out << f.entryId << "  " << f.field << "  @" << f.at.offset << "  "
                    << findingKindId(f.at.kind) << "  \"" << f.match << "\"\n";
    }
    if (!findings.empty())
        throw UserError{std::to_string(findings.size()) +
                        " possible identifying detail(s) found; redact them or export a "
                        "moderation pack"};
    if (!a.has("--json")) ctx.out << "No identifying details found.\n";
    return kOk;
}

int cmdExport(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    noMorePositionals(a, 1);
    const std::string* fmt = a.get("--format");
    if (!fmt) throw UsageError{"--format is required"};
    auto format = parseExportFormat(*fmt);
    if (!format) throw UsageError{"--format: \"" + *fmt + "\" is not html, csv, json, leap2a, ics, swe or moderation"};
    const std::string& out = requireOutput(a);
    if (out != "-" && (sameFile(out, path) || resolveWriteTarget(out) == resolveWriteTarget(path)))
        throw UserError{"the export must not be written over the portfolio itself (" + out +
                        "); choose another file name"};
    const Portfolio p = load(path);
    ExportContext ec{Catalog::builtin(), todayOption(a, ctx), ctx.clock.nowMs()};
    writeOutput(out, exportPortfolio(p, *format, ec), ctx);
    if (out != "-") ctx.out << "Wrote " << out << " (" << *fmt << ", " << p.entries.size() << " entries)\n";
    return kOk;
}

int cmdImport(const Args& a, Context& ctx) {
    const std::string& path = positional(a, 0, "FILE");
    const std::string& src = positional(a, 1, "SRC");
    noMorePositionals(a, 2);
    const std::string* from = a.get("--from");
    if (!from) throw UsageError{"--from json|leap2a|csv is required"};
    auto format = parseImportFormat(*from);
    if (!format) throw UsageError{"--from: \"" + *from + "\" is not json, leap2a or csv"};
    const std::string bytes = readInput(src);
    ImportOptions opt{Catalog::builtin(), ctx.clock.nowMs(), a.has("--replace")};
    ImportResult r;
    // Under the file's lock: read, import, write, with no other writer in between.
    auto saved = updatePortfolioFile(path, [&](Portfolio& p, std::string&) {
        r = importInto(p, *format, bytes, opt);
        if (!r.portfolio) return false;
        if (opt.replace) {
            // A replace keeps what this file deleted deleted, and counts its revision on.
            for (const auto& t : p.tombstones)
                if (!r.portfolio->find(t.id)) addTombstone(*r.portfolio, t.id, t.deletedMs);
            r.portfolio->revision = p.revision;
        }
        if (*r.portfolio == p) return false;
        p = *r.portfolio;
        return true;
    });
    if (!saved) throw UserError{path + ": " + saved.error};
    if (!r.portfolio) {
        for (const auto& s : r.report.skipped) ctx.out << "skipped: " << s << "\n";
        throw UserError{src + ": " + r.error + " " + path + " is unchanged."};
    }
    const auto& rep = r.report;
    ctx.out << "Imported " << src << " into " << path << (opt.replace ? " (replaced)" : "") << ": "
            << rep.read << " read, " << rep.added << " added, " << rep.updated << " updated, "
            << rep.unchanged << " unchanged, " << rep.skipped.size() << " skipped";
    if (rep.conflictCopies) ctx.out << ", " << rep.conflictCopies << " conflicting copies kept";
    if (rep.deleted) ctx.out << ", " << rep.deleted << " deleted (as in the imported file)";
    ctx.out << "\n";
    for (const auto& s : rep.skipped) ctx.out << "skipped: " << s << "\n";
    for (const auto& n : rep.notes) ctx.out << "note: " << n << "\n";
    return kOk;
}

int cmdCohort(const Args& a, Context& ctx) {
    const std::string& dir = positional(a, 0, "DIR");
    noMorePositionals(a, 1);
    const std::string* fmt = a.get("--format");
    if (!fmt || (*fmt != "csv" && *fmt != "html")) throw UsageError{"--format csv|html is required"};
    const std::string& out = requireOutput(a);
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw UserError{dir + " is not a folder"};
    std::vector<std::string> files;
    for (const auto& de : std::filesystem::directory_iterator(dir, ec))
        if (de.is_regular_file() && de.path().extension() == ".json") files.push_back(de.path().string());
    std::sort(files.begin(), files.end());
    const Date today = todayOption(a, ctx);
    // Read every file first, then parse and report on them in parallel (cohortRows).
    std::vector<std::string> bytes(files.size());
    std::vector<CohortFile> readable;
    std::vector<std::string> skipped;
    for (size_t i = 0; i < files.size(); ++i) {
        const std::string name = std::filesystem::path(files[i]).filename().string();
        if (auto r = readFile(files[i], bytes[i], kMaxPortfolioBytes); !r) {
            skipped.push_back(name + ": " + r.error);
            continue;
        }
        readable.push_back({name, bytes[i]});
    }
    const bool anonymise = a.has("--anonymise");
    CohortRows cohort = anonymise ? cohortRowsAnonymised(readable, Catalog::builtin(), today)
                                  : cohortRows(readable, Catalog::builtin(), today);
    std::vector<CohortRow>& rows = cohort.rows;
    if (anonymise) // a file's name may be a person's: say only how many were skipped
        skipped.assign(skipped.size(), "a file could not be read");
    skipped.insert(skipped.end(), cohort.skipped.begin(), cohort.skipped.end());
    if (rows.empty()) throw UserError{"no portfolio files (*.json) could be read in " + dir};
    CohortReportOptions options;
    options.anonymised = anonymise;
    writeOutput(out,
                *fmt == "csv" ? cohortCsv(rows, a.has("--labels")) : cohortHtml(rows, today, options),
                ctx);
    if (out != "-") ctx.out << "Wrote " << out << " (" << rows.size() << " practitioners)\n";
    for (const auto& s : skipped) ctx.out << "skipped: " << s << "\n";
    return kOk;
}

} // namespace

std::vector<CommandInfo> exchangeCommands() {
    return {
        {"review",
         "review FILE --reviewer NAME [--role ROLE] (--comment ID TEXT | --request ID TEXT | --outcome ID OUTCOME | --sign ID)... -o FEEDBACK",
         "Write a mentor's feedback file on a portfolio (the portfolio is only read). IDs may be unique prefixes.",
         {"--reviewer", "--role", "--sign", "--output"}, {}, false, cmdReview,
         {"--comment", "--request", "--outcome"}},
        {"merge", "merge FILE FEEDBACK...",
         "Merge feedback files into a portfolio (never loses work; merging twice changes nothing).",
         {}, {}, false, cmdMerge},
        {"verify", "verify FILE [--json]",
         "Check every sign-off against its entry; exit 1 listing stale or altered ones.",
         {}, {"--json"}, false, cmdVerify},
        {"lint", "lint FILE [--json | --redact]",
         "Flag details that may identify people (names, dates of birth, NHS numbers, postcodes, phones, emails, case numbers); exit 1 when any. --redact replaces them all in FILE.",
         {}, {"--json", "--redact"}, false, cmdLint},
        {"export", "export FILE --format html|csv|json|leap2a|ics|swe|moderation -o OUT [--today YYYY-MM-DD]",
         "Export a portfolio (OUT \"-\" = standard output).",
         {"--format", "--output", "--today"}, {}, false, cmdExport},
        {"import", "import FILE --from json|leap2a|csv SRC [--replace]",
         "Import a backup, a LEAP2A feed or a CSV of training records; a bad file changes nothing.",
         {"--from"}, {"--replace"}, false, cmdImport},
        {"cohort", "cohort DIR --format csv|html -o OUT [--labels] [--anonymise] [--today YYYY-MM-DD]",
         "One row per portfolio in DIR: who needs attention and why, stage, renewal readiness, ASYE evidence, next review, last activity. --labels adds a row of column names to the CSV; --anonymise replaces names as the moderation pack does.",
         {"--format", "--output", "--today"}, {"--labels", "--anonymise"}, false, cmdCohort},
    };
}

} // namespace pathway::cli
