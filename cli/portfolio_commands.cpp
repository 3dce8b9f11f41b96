// init, add, list: creating and filling a portfolio file.
#include "cli.hpp"

#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/query.hpp"
#include "pathway/core/session.hpp"
#include "pathway/core/text.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace pathway::cli {

using namespace pathway::core;

namespace {

std::string optionName(std::string_view key) {
    std::string s = "--" + std::string(key);
    std::replace(s.begin(), s.end(), '_', '-');
    return s;
}

const std::string& requirePositional(const Args& a, size_t i, const char* what) {
    if (a.positional.size() <= i) throw UsageError{std::string("missing ") + what};
    return a.positional[i];
}

void expectPositionals(const Args& a, size_t n) {
    if (a.positional.size() > n) throw UsageError{"unexpected argument \"" + a.positional[n] + "\""};
}

Date parseDateOption(const std::string& value, const char* option) {
    auto d = Date::parse(value);
    if (!d) throw UserError{std::string(option) + ": \"" + value + "\" is not a date (YYYY-MM-DD)"};
    return *d;
}

// Loads FILE into a store, applies `command`, saves atomically, all under the file's lock (20
// concurrent adds make 20 entries). The file is untouched on error.
std::string applyToFile(const std::string& path, const Context& ctx, Command command) {
    std::string id;
    auto saved = updatePortfolioFile(path, [&](Portfolio& p, std::string& error) {
        RandomIds ids;
        Store store(ctx.clock, ids, std::move(p));
        CommandResult r = store.apply(std::move(command));
        if (!r) {
            error = r.error;
            return false;
        }
        id = r.id;
        p = store.portfolio();
        return true;
    });
    if (!saved) throw UserError{saved.error};
    return id;
}

int cmdInit(const Args& a, Context& ctx) {
    const std::string& path = requirePositional(a, 0, "FILE");
    expectPositionals(a, 1);
    const std::string* name = a.get("--name");
    if (!name) throw UsageError{"--name is required"};
    if (fileExists(path))
        throw UserError{path + " already exists; Pathway will not overwrite a portfolio"};
    Profile p;
    p.name = std::string(trim(*name));
    if (const auto* s = a.get("--setting")) {
        auto v = parseSetting(*s);
        if (!v) throw UserError{"--setting: \"" + *s + "\" is not children or adults"};
        p.setting = *v;
    }
    if (const auto* s = a.get("--stage")) {
        auto v = parseStage(*s);
        if (!v)
            throw UserError{"--stage: \"" + *s +
                            "\" is not one of asye, social-worker, experienced, advanced, strategic, "
                            "practice-educator, consultant"};
        p.stage = *v;
    }
    if (const auto* s = a.get("--asye-start")) p.asyeStart = parseDateOption(*s, "--asye-start");
    if (const auto* s = a.get("--fte")) {
        auto v = parseDecimal(*s);
        if (!v) throw UserError{"--fte: \"" + *s + "\" is not a number"};
        p.fte = *v;
    }
    if (const auto* s = a.get("--reg")) p.registrationNumber = *s;
    if (const auto* s = a.get("--employer")) p.employer = *s;
    if (const auto* s = a.get("--team")) p.team = *s;
    if (auto err = validateProfile(p); !err.empty()) throw UserError{err};
    Portfolio doc;
    doc.profile = p;
    if (auto saved = savePortfolioFile(path, doc); !saved) throw UserError{saved.error};
    ctx.out << "Created " << path << " for " << p.name << "\n";
    return kOk;
}

int cmdAdd(const Args& a, Context& ctx) {
    const std::string& path = requirePositional(a, 0, "FILE");
    const std::string& kindName = requirePositional(a, 1, "KIND");
    expectPositionals(a, 2);
    auto kind = parseKind(kindName);
    if (!kind) throw UserError{"unknown kind \"" + kindName + "\" (" + kindIdList() + ")"};
    Entry e;
    e.kind = *kind;
    e.title = a.get("--title") ? *a.get("--title") : "";
    e.date = a.get("--date") ? parseDateOption(*a.get("--date"), "--date") : ctx.clock.today();
    for (const auto& tag : a.all("--tag")) e.tags.push_back(tag);
    for (const auto& link : a.all("--link")) e.links.push_back(link);
    // --field KEY=VALUE for anything (reflection stages such as gibbs.feelings).
    for (const auto& kv : a.all("--field")) {
        auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError{"--field takes KEY=VALUE"};
        e.fields[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    // Every field of the kind as --its-name (e.g. --peer-learned, --supervisor-role).
    for (const auto& [opt, value] : a.options) {
        if (opt == "--title" || opt == "--date" || opt == "--tag" || opt == "--link" ||
            opt == "--field" || opt == kCatalogOption)
            continue;
        if (opt == "--peer-reflection") {
            e.fields[std::string(field::kPeerLearned)] = value;
            if (!a.get("--peer-role")) e.fields[std::string(field::kPeerRole)] = "peer";
            continue;
        }
        bool known = false;
        for (const auto& f : kindSpec(e.kind).fields) {
            if (optionName(f.key) == opt) {
                std::string v = value;
                if (f.type == FieldType::Flag && (v == "true" || v == "1")) v = "yes";
                e.fields[std::string(f.key)] = v;
                known = true;
            }
        }
        if (!known)
            throw UsageError{opt + " is not a field of " + std::string(kindId(e.kind)) +
                             " (see pathway-cli fields " + std::string(kindId(e.kind)) + ")"};
    }
    // A choice from the catalogue (a reflection's model) must be one of the catalogue's.
    for (const auto& f : kindSpec(e.kind).fields) {
        const std::string& v = e.field(f.key);
        if (!f.choicesFromModels || v.empty() || ctx.catalog.reflectiveModel(v)) continue;
        std::string ids;
        for (const auto& c : ctx.catalog.choicesOf(f)) ids += (ids.empty() ? "" : ", ") + c.id;
        throw UserError{std::string(f.label) + " must be one of: " + ids + "."};
    }
    for (auto it = e.fields.begin(); it != e.fields.end();)
        it = trim(it->second).empty() ? e.fields.erase(it) : std::next(it);
    ctx.out << applyToFile(path, ctx, cmd::AddEntry{e}) << "\n";
    // Kept as given (a framework may come later), but a typo should not go unnoticed.
    for (const auto& tag : e.tags)
        if (!ctx.catalog.findItem(tag))
            ctx.err << "note: " << tag << " names no item in the catalogue (an academy's "
                    << "framework is added with --catalog FILE)\n";
    return kOk;
}

int cmdList(const Args& a, Context& ctx) {
    const std::string& path = requirePositional(a, 0, "FILE");
    expectPositionals(a, 1);
    LoadResult loaded = loadPortfolioFile(path);
    if (!loaded.ok()) throw UserError{loaded.error};
    // The app's Log filters, as options (core/query.hpp answers both).
    EntryQuery query;
    if (const auto* k = a.get("--kind")) {
        query.kind = parseKind(*k);
        if (!query.kind) throw UserError{"unknown kind \"" + *k + "\""};
    }
    if (const auto* v = a.get("--search")) query.search = *v;
    if (const auto* v = a.get("--tag")) query.tag = *v;
    if (const auto* v = a.get("--from")) query.from = parseDateOption(*v, "--from").toString();
    if (const auto* v = a.get("--to")) query.to = parseDateOption(*v, "--to").toString();
    std::vector<const Entry*> rows;
    for (size_t i : queryEntries(*loaded.portfolio, query, ctx.catalog, EntryOrder::OldestFirst))
        rows.push_back(&loaded.portfolio->entries[i]);
    if (a.has("--json")) {
        nlohmann::json out = nlohmann::json::array();
        for (const Entry* e : rows) out.push_back(entryToJson(*e));
        ctx.out << out.dump(2) << "\n";
        return kOk;
    }
    if (rows.empty()) {
        ctx.out << "No entries.\n";
        return kOk;
    }
    for (const Entry* e : rows) {
        ctx.out << e->date.toString() << "  " << kindId(e->kind);
        for (size_t pad = kindId(e->kind).size(); pad < 12; ++pad) ctx.out << ' ';
        ctx.out << e->title;
        if (auto h = e->number(field::kHours)) ctx.out << "  (" << formatDecimal(*h) << " h)";
        ctx.out << "  " << e->id << "\n";
    }
    return kOk;
}

int cmdFields(const Args& a, Context& ctx) {
    const std::string& kindName = requirePositional(a, 0, "KIND");
    auto kind = parseKind(kindName);
    if (!kind) throw UserError{"unknown kind \"" + kindName + "\""};
    ctx.out << "Fields of " << kindLabel(*kind) << " (use as --name VALUE with pathway-cli add):\n";
    for (const auto& f : kindSpec(*kind).fields) {
        ctx.out << "  " << optionName(f.key) << "  " << f.label;
        if (const auto choices = ctx.catalog.choicesOf(f); !choices.empty()) {
            ctx.out << " [";
            for (size_t i = 0; i < choices.size(); ++i) ctx.out << (i ? "|" : "") << choices[i].id;
            ctx.out << "]";
        }
        ctx.out << "\n";
    }
    return kOk;
}

} // namespace

// The table of commands; other files append theirs through registerCommands-like functions.
std::vector<CommandInfo> portfolioCommands() {
    return {
        {"init",
         "init FILE --name NAME [--setting children|adults] [--stage asye|social-worker|experienced|advanced|strategic|practice-educator|consultant] [--asye-start YYYY-MM-DD] [--fte 0.6] [--reg SW123456] [--employer E] [--team T]",
         "Create a new portfolio file (never overwrites).",
         {"--name", "--setting", "--stage", "--asye-start", "--fte", "--reg", "--employer", "--team"},
         {},
         false,
         cmdInit},
        {"add",
         "add FILE KIND [--title T] [--date YYYY-MM-DD] [--hours H] [--type T] [--description D] [--learned L] [--impact I] [--peer-reflection P] [--tag FRAMEWORK:ITEM]... [--FIELD VALUE]... [--field KEY=VALUE]...",
         "Add an entry (" + kindIdList() + "); prints its id.",
         {},
         {},
         true,
         cmdAdd},
        {"list", "list FILE [--kind KIND] [--search WORDS] [--tag FRAMEWORK:ITEM] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]",
         "List entries, oldest first; the options filter as the app's Log does (a tag takes in the items under it).",
         {"--kind", "--search", "--tag", "--from", "--to"}, {"--json"}, false, cmdList},
        {"fields", "fields KIND", "Show the fields a kind of entry has.", {}, {}, false, cmdFields},
    };
}

} // namespace pathway::cli
