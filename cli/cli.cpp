#include "cli.hpp"

#include "pathway/core/files.hpp"

#include <algorithm>
#include <optional>
#include <ostream>

namespace pathway::cli {

bool Args::has(const std::string& flag) const {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

const std::string* Args::get(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? nullptr : &it->second;
}

std::vector<std::string> Args::all(const std::string& name) const {
    std::vector<std::string> out;
    auto [a, b] = options.equal_range(name);
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
}

int TerminalSafeBuf::overflow(int c) {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    const auto b = static_cast<unsigned char>(c);
    if (m_pendingC2) {
        m_pendingC2 = false;
        if (b >= 0x80 && b <= 0x9f) return c; // a C1 control: both bytes dropped
        if (m_target->sputc(static_cast<char>(0xc2)) == traits_type::eof()) return traits_type::eof();
    }
    if (b == 0xc2) {
        m_pendingC2 = true;
        return c;
    }
    if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f) return c;
    return m_target->sputc(static_cast<char>(b)) == traits_type::eof() ? traits_type::eof() : c;
}

namespace {

void printHelp(std::ostream& out) {
    out << "pathway-cli: Pathway's headless tool (portfolios, reports, review files)\n\n"
           "usage: pathway-cli COMMAND [ARGS]\n\ncommands:\n";
    for (const auto& c : commands()) out << "  " << c.usage << "\n      " << c.summary << "\n";
    out << "\nEvery command also takes --catalog FILE (repeatable): a framework, rule or "
           "reflective models file (an academy's own standards) added to the built-in catalogue.\n"
           "\nExit codes: 0 success, 1 a problem with the input (one line on stderr), 2 wrong "
           "usage.\n";
}

Args parseArgs(const CommandInfo& info, int argc, const char* const* argv, int start) {
    Args args;
    for (int i = start; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-o") a = "--output"; // the usual short form for an output file
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string value;
            bool hasInlineValue = false;
            if (auto eq = a.find('='); eq != std::string::npos) {
                value = a.substr(eq + 1);
                a = a.substr(0, eq);
                hasInlineValue = true;
            }
            if (std::find(info.pairOptions.begin(), info.pairOptions.end(), a) !=
                info.pairOptions.end()) {
                if (hasInlineValue || i + 2 >= argc) throw UsageError{a + " needs two values"};
                std::string first = argv[++i];
                std::string second = argv[++i];
                args.sequence.push_back({a, {first, second}});
                continue;
            }
            const bool isFlag =
                std::find(info.flagOptions.begin(), info.flagOptions.end(), a) != info.flagOptions.end();
            const bool isValue = std::find(info.valueOptions.begin(), info.valueOptions.end(), a) !=
                                     info.valueOptions.end() ||
                                 a == kCatalogOption || info.acceptsFieldOptions;
            if (isFlag && !hasInlineValue) {
                args.flags.push_back(a);
                continue;
            }
            if (!isValue) throw UsageError{"unknown option " + a};
            if (!hasInlineValue) {
                if (i + 1 >= argc) throw UsageError{a + " needs a value"};
                value = argv[++i];
            }
            args.options.emplace(a, value);
            args.sequence.push_back({a, {value}});
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

/// The built-ins plus every --catalog file, in order; nullopt without any (the built-ins
/// are used as they are). UserError naming the file when one cannot be read or loaded.
std::optional<core::Catalog> catalogFrom(const Args& args) {
    std::vector<core::CatalogFile> files;
    for (const auto& path : args.all(kCatalogOption)) {
        core::CatalogFile& f = files.emplace_back();
        f.name = path;
        if (auto r = core::readFile(path, f.bytes, core::kMaxCatalogFileBytes); !r)
            throw UserError{"--catalog: " + r.error};
    }
    if (files.empty()) return std::nullopt;
    core::Catalog catalog = core::Catalog::builtin();
    if (std::string err = catalog.addFiles(files); !err.empty())
        throw UserError{"--catalog: " + err + " (nothing was changed)"};
    return catalog;
}

} // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const core::Clock& clock) {
    if (argc < 2) {
        printHelp(err);
        return kUsage;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printHelp(out);
        return kOk;
    }
    const auto& cmds = commands();
    auto it = std::find_if(cmds.begin(), cmds.end(), [&](const CommandInfo& c) { return name == c.name; });
    if (it == cmds.end()) {
        err << "pathway-cli: unknown command \"" << name << "\" (pathway-cli --help lists them)\n";
        return kUsage;
    }
    TerminalSafeBuf safeOut(out.rdbuf()), safeErr(err.rdbuf());
    std::ostream cleanOut(&safeOut), cleanErr(&safeErr);
    try {
        Args args = parseArgs(*it, argc, argv, 2);
        if (args.has("--help")) {
            out << "usage: pathway-cli " << it->usage << "\n" << it->summary << "\n";
            return kOk;
        }
        // Loaded before the command starts, so a bad file changes nothing.
        const std::optional<core::Catalog> added = catalogFrom(args);
        Context ctx{cleanOut, cleanErr, clock, out, added ? *added : core::Catalog::builtin()};
        return it->run(args, ctx);
    } catch (const UsageError& e) {
        err << "pathway-cli " << name << ": " << e.message << "\nusage: pathway-cli " << it->usage
            << "\n";
        return kUsage;
    } catch (const UserError& e) {
        err << "pathway-cli " << name << ": " << e.message << "\n";
        return kUserError;
    }
}

} // namespace pathway::cli
