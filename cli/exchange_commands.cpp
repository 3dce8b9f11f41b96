// review, merge, verify, lint, export, import, cohort: what mentors, assessors and academies do
// with portfolio files. Each is a thin shell over the core (review.hpp, integrity.hpp,
// confidentiality.hpp, export.hpp, import.hpp, cohort.hpp); a failure never changes a file.
#include "cli.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/cohort.hpp"
#include "pathway/core/confidentiality.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/export_plan.hpp"
#include "pathway/core/files.hpp"
#include "pathway/core/import.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/review.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/text.hpp"

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
        ctx.out.flush();
        ctx.data << bytes; // the export's own bytes, as a file would hold them
        ctx.data.flush();
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
    const std::string* keyPath = a.get("--key");
    if (!reviewer && !keyPath) throw UsageError{"--reviewer NAME or --key KEYFILE is required"};
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
    std::optional<ReviewerKey> key;
    if (keyPath) {
        key = loadKeyFile(a, *keyPath);
        if (reviewer && trim(*reviewer) != key->card.name)
            throw UserError{"--reviewer \"" + *reviewer + "\" is not the key's reviewer \"" +
                            key->card.name + "\" (leave --reviewer out when signing)"};
    }
    RandomIds ids;
    const std::string* role = a.get("--role");
    FeedbackResult f = buildFeedback(p, reviewer ? *reviewer : "", role ? *role : "", actions,
                                     ctx.clock.nowMs(), ids, key ? &*key : nullptr);
    if (!f.feedback) throw UserError{f.error};
    writeOutput(out, serializeFeedback(*f.feedback), ctx);
    if (out != "-")
        ctx.out << "Wrote " << out << ": " << f.feedback->comments.size() << " comment(s), "
                << f.feedback->signOffs.size() << " sign-off(s) by " << f.feedback->reviewer
                << (key ? ", signed with key " + keyFingerprint(key->card.publicKey)
                        : std::string(", unsigned (no --key)"))
                << "\n";
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
    std::string refused; // a feedback file mergeFeedback refused: nothing is written
    // Under the file's lock: a concurrent add or a second merge is never overwritten.
    auto saved = updatePortfolioFile(path, [&](Portfolio& p, std::string& error) {
        for (size_t i = 0; i < feedback.size(); ++i) {
            const std::string& fpath = a.positional[i + 1];
            MergeResult m = mergeFeedback(p, feedback[i]);
            if (!m.ok()) {
                refused = error = fpath + ": " + m.error + " " + path + " is unchanged.";
                return false;
            }
            p = std::move(m.portfolio);
            total.unsignedItems += m.report.unsignedItems;
            total.commentsKeptApart += m.report.commentsKeptApart;
            total.commentsAdded += m.report.commentsAdded;
            total.commentsAlready += m.report.commentsAlready;
            total.signOffsAdded += m.report.signOffsAdded;
            total.signOffsAlready += m.report.signOffsAlready;
            total.signOffsNotCurrent += m.report.signOffsNotCurrent;
            for (auto& n : m.report.notes) total.notes.push_back(fpath + ": " + n);
        }
        return total.changed();
    });
    if (!saved) throw UserError{refused.empty() ? path + ": " + saved.error : refused};
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
    const std::vector<Roster> rosters = loadRosters(a);
    const std::vector<Roster> kept = portfolioRosters(p);
    auto checks = checkReviews(p, rosters);
    size_t bad = 0;
    nlohmann::json list = nlohmann::json::array();
    const bool json = a.has("--json");
    if (!json)
        for (const auto* group : {&rosters, &kept})
            for (const auto& r : *group)
                ctx.out << "roster: " << r.academy << " (academy key "
                        << keyFingerprint(r.academyKey) << ", " << r.reviewers.size()
                        << " reviewer(s))\n";
    for (const auto& c : checks) {
        const bool ok = trustStateOk(c.state);
        bad += !ok;
        const std::string what = c.signOff                 ? "sign-off"
                                 : !c.comment->outcome.empty() ? "outcome"
                                 : c.comment->requestsEvidence ? "request"
                                                               : "comment";
        const std::string& entry = c.signOff ? c.signOff->entryId : c.comment->entryId;
        const std::string& who = c.signOff ? c.signOff->reviewer : c.comment->author;
        const int64_t at = c.signOff ? c.signOff->atMs : c.comment->atMs;
        nlohmann::json item = {{"what", what},
                               {"entry", entry},
                               {"title", c.entryTitle},
                               {"reviewer", who},
                               {"signed", at ? formatTimestamp(at) : ""},
                               {"state", trustStateId(c.state)},
                               {"fingerprint", c.fingerprint},
                               {"academy", c.academy},
                               {"detail", c.detail}};
        if (c.signOff) {
            item["signed_sha256"] = c.signOff->contentHash;
            const Entry* e = p.find(entry);
            item["current_sha256"] = e ? entryContentHash(*e) : "";
        } else {
            item["id"] = c.comment->id;
            if (!c.comment->outcome.empty()) item["outcome"] = c.comment->outcome;
        }
        list.push_back(std::move(item));
        if (json) continue;
        ctx.out << trustStateId(c.state) << "  " << what << "  " << entry << "  \"" << c.entryTitle
                << "\"  by " << who;
        if (!c.fingerprint.empty()) ctx.out << " [key " << c.fingerprint << "]";
        if (at) ctx.out << " on " << formatTimestamp(at).substr(0, 10);
        if (c.signOff == nullptr && !c.comment->outcome.empty())
            ctx.out << " (" << c.comment->outcome << ")";
        if (c.state == TrustState::Authentic)
            ctx.out << ": in " << c.academy << "'s roster";
        else if (!c.detail.empty())
            ctx.out << ": " << c.detail;
        ctx.out << "\n";
    }
    if (json) ctx.out << list.dump(2) << "\n";
    if (bad)
        throw UserError{std::to_string(bad) + " of " + std::to_string(checks.size()) +
                        " comment(s), outcome(s) and sign-off(s) are not authentic and current" +
                        (rosters.empty() && kept.empty()
                             ? " (no roster loaded: give --roster FILE or run roster load)"
                             : "")};
    if (!json)
        ctx.out << "All " << checks.size()
                << " comment(s), outcome(s) and sign-off(s) are authentic and current.\n";
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
    if (!format) throw UsageError{"--format: \"" + *fmt + "\" is not " + exportFormatIdList()};
    const std::string& out = requireOutput(a);
    if (out != "-" && (sameFile(out, path) || resolveWriteTarget(out) == resolveWriteTarget(path)))
        throw UserError{"the export must not be written over the portfolio itself (" + out +
                        "); choose another file name"};
    const Portfolio p = load(path);
    if (a.has("--check")) {
        // The app's export steps (core/export_plan.hpp); a command line cannot ask about each
        // finding, so any finding stops the export and nothing is written.
        const ExportPlan plan = planExport(p, *format, false, {});
        for (const auto& f : plan.findings)
            ctx.out << f.entryId << "  " << f.field << "  \"" << f.match << "\"\n";
        if (!plan.findings.empty())
            throw UserError{std::to_string(plan.findings.size()) +
                            " possible identifying detail(s) found; nothing was written. Redact "
                            "them (lint --redact) or export a moderation pack"};
    }
    ExportContext ec{ctx.catalog, todayOption(a, ctx), ctx.clock.nowMs()};
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
    ImportOptions opt{ctx.catalog, ctx.clock.nowMs(), a.has("--replace")};
    // A zip's attachments refer to the zip by its name.
    opt.sourceName = std::filesystem::path(src).filename().string();
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
    for (const auto& f : rep.attachments) ctx.out << "attachment: " << f << "\n";
    return kOk;
}

int cmdCohort(const Args& a, Context& ctx) {
    const std::string* server = a.get("--server");
    if (server && !a.positional.empty()) throw UsageError{"give DIR or --server, not both"};
    if (!server && (a.get("--db-prefix") || a.get("--user"))) throw UsageError{"--db-prefix and --user go with --server"};
    const std::string dir = server ? *server : positional(a, 0, "DIR");
    if (!server) noMorePositionals(a, 1);
    const std::string* fmt = a.get("--format");
    if (!fmt || (*fmt != "csv" && *fmt != "html")) throw UsageError{"--format csv|html is required"};
    const std::string& out = requireOutput(a);
    const Date today = todayOption(a, ctx);
    std::vector<std::string> bytes;
    std::vector<CohortFile> readable;
    std::vector<std::string> skipped;
    if (server) {
        readable = readServerCohort(a, bytes, skipped);
    } else {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) throw UserError{dir + " is not a folder"};
        std::vector<std::string> files;
        for (const auto& de : std::filesystem::directory_iterator(dir, ec))
            if (de.is_regular_file() && de.path().extension() == ".json") files.push_back(de.path().string());
        std::sort(files.begin(), files.end());
        // Read every file first, then parse and report on them in parallel (cohortRows).
        bytes.resize(files.size());
        for (size_t i = 0; i < files.size(); ++i) {
            const std::string name = std::filesystem::path(files[i]).filename().string();
            if (auto r = readFile(files[i], bytes[i], kMaxPortfolioBytes); !r) {
                skipped.push_back(name + ": " + r.error);
                continue;
            }
            readable.push_back({name, bytes[i]});
        }
    }
    const bool anonymise = a.has("--anonymise");
    CohortRows cohort = anonymise ? cohortRowsAnonymised(readable, ctx.catalog, today)
                                  : cohortRows(readable, ctx.catalog, today);
    std::vector<CohortRow>& rows = cohort.rows;
    if (anonymise) // a file's name may be a person's: say only how many were skipped
        skipped.assign(skipped.size(), "a file could not be read");
    skipped.insert(skipped.end(), cohort.skipped.begin(), cohort.skipped.end());
    if (rows.empty())
        throw UserError{server ? "no portfolio could be read from the databases on " + dir
                               : "no portfolio files (*.json) could be read in " + dir};
    CohortReportOptions options;
    options.anonymised = anonymise;
    writeOutput(out,
                *fmt == "csv" ? cohortCsv(rows, a.has("--labels")) : cohortHtml(rows, ctx.catalog, today, options),
                ctx);
    if (out != "-") ctx.out << "Wrote " << out << " (" << rows.size() << " practitioners)\n";
    for (const auto& s : skipped) ctx.out << "skipped: " << s << "\n";
    return kOk;
}

} // namespace

std::vector<CommandInfo> exchangeCommands() {
    return {
        {"review",
         "review FILE (--key KEYFILE | --reviewer NAME [--role ROLE]) (--comment ID TEXT | --request ID TEXT | --outcome ID OUTCOME | --sign ID)... -o FEEDBACK",
         "Write a mentor's feedback file on a portfolio (the portfolio is only read); with --key every item is signed. IDs may be unique prefixes.",
         {"--reviewer", "--role", "--sign", "--output", "--key", "--passphrase-file"}, {}, false, cmdReview,
         {"--comment", "--request", "--outcome"}},
        {"merge", "merge FILE FEEDBACK...",
         "Merge feedback files into a portfolio (never loses work; merging twice changes nothing).",
         {}, {}, false, cmdMerge},
        {"verify", "verify FILE [--roster ROSTER]... [--json]",
         "State of every comment, outcome and sign-off: authentic, unknown-key, unsigned, bad-signature, stale, altered, expired...; exit 1 unless all are authentic and current.",
         {"--roster"}, {"--json"}, false, cmdVerify},
        {"lint", "lint FILE [--json | --redact]",
         "Flag details that may identify people (names, dates of birth, NHS numbers, postcodes, phones, emails, case numbers); exit 1 when any. --redact replaces them all in FILE.",
         {}, {"--json", "--redact"}, false, cmdLint},
        {"export", "export FILE --format " + exportFormatIdList("|", "|") + " -o OUT [--check] [--today YYYY-MM-DD]",
         "Export a portfolio (OUT \"-\" = standard output). --check runs the app's confidentiality check first and writes nothing when it finds a detail (formats that need it).",
         {"--format", "--output", "--today"}, {"--check"}, false, cmdExport},
        {"import", "import FILE --from json|leap2a|csv SRC [--replace]",
         "Import a backup, a LEAP2A feed (or Mahara's export zip, its files listed as attachments) or a "
         "CSV of training records; a bad file changes nothing.",
         {"--from"}, {"--replace"}, false, cmdImport},
        {"cohort", "cohort (DIR | --server URL --db-prefix P [--user U]) --format csv|html -o OUT [--labels] [--anonymise] [--today YYYY-MM-DD]",
         "One row per portfolio in DIR, or per CouchDB database on the server whose name starts with P (password: PATHWAY_SYNC_PASSWORD or a prompt): who needs attention and why, stage, renewal readiness, ASYE evidence, next review, last activity. --labels adds a row of column names to the CSV; --anonymise replaces names as the moderation pack does.",
         {"--format", "--output", "--today", "--server", "--db-prefix", "--user"}, {"--labels", "--anonymise"}, false, cmdCohort},
    };
}

} // namespace pathway::cli
