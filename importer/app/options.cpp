#include "app/options.hpp"

#include "programs/startup.hpp"
#include "base/errors.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <vector>

namespace offimport {
namespace {

// --help fits a terminal of this many columns; option names take the first column_width.
constexpr std::size_t help_width = 100;
constexpr std::size_t column_width = 30;

constexpr const char* description =
    "offimport: imports the Open Food Facts product dump into PostgreSQL.\n\n"
    "Streams openfoodfacts-products.jsonl.gz (a file, standard input or a URL) through a\n"
    "parser into the catalogue (schema \"off\") in one transaction: readers see the old\n"
    "catalogue until the new one is complete, and a failed run changes nothing.\n";

constexpr const char* footer =
    "\nExamples:\n"
    "  offimport --migrate                          create or upgrade the tables\n"
    "  offimport --full --source dump.jsonl.gz      import a dump file (any size)\n"
    "  offimport --full 0                           import the official dump (cron, weekly)\n"
    "  offimport --full 1000 --source dump.jsonl.gz the first 1,000 products only\n"
    "  offimport --full --dry-run --source dump.jsonl.gz\n"
    "                                               would the import succeed? writes nothing\n"
    "  offimport --status                           the last runs (--json: for programs)\n"
    "  offimport --check-config --env production    check a configuration before a reload\n"
    "\nDatabase: --database, else OFFIMPORT_DATABASE_URL, else libpq's PGHOST, PGDATABASE,\n"
    "PGUSER, PGPASSWORD, PGSERVICE and ~/.pgpass. Passwords never belong in config files.\n"
    "\nConfiguration: --config FILE (default conf/offimport.toml, else\n"
    "/etc/offimport/offimport.toml), then conf/<ENV>.toml for --env ENV or OFFIMPORT_ENV,\n"
    "then conf/secrets.toml (mode 600) and OFFIMPORT_REFRESH_TOKEN. No file is needed to\n"
    "import a small dump: the guard import.min_products (1,000,000) only keeps a dump that\n"
    "small from replacing a larger catalogue. A dump with no valid product is always refused.\n"
    "\nExit codes: 0 success (also: source unchanged, nothing to do); 1 the import failed and\n"
    "the catalogue is unchanged; 2 usage or configuration error (wrong password, missing\n"
    "database, malformed URL: fix the setting named); 75 try again later: another import is\n"
    "running, or the database or the source cannot be reached.\n";

// A description folded into lines that keep --help within help_width columns.
std::string folded(const std::string& text) {
    const std::size_t width = help_width - column_width;
    std::string out;
    std::size_t line_start = 0;
    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t end = text.find(' ', position);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string word = text.substr(position, end - position);
        if (out.size() > line_start && out.size() - line_start + 1 + word.size() > width) {
            out += '\n';
            line_start = out.size();
        } else if (out.size() > line_start) {
            out += ' ';
        }
        out += word;
        position = end + 1;
    }
    return out;
}

// Each command and the options that only make sense with some of them.
struct CommandFlags {
    CLI::Option* full = nullptr;
    std::vector<std::pair<CLI::Option*, Command>> flags;
};

CommandFlags add_commands(CLI::App& app, std::string& full_limit) {
    CommandFlags commands;
    // "--full" takes an optional LIMIT: without it, every product (0).
    commands.full = app.add_option("--full", full_limit,
                                   folded("Full import of the dump; LIMIT = at most LIMIT "
                                          "products, 0 or none = all. A limited import never "
                                          "deletes products."))
                        ->expected(0, 1)
                        ->type_name("[LIMIT]");
    commands.flags.emplace_back(commands.full, Command::full);
    const auto flag = [&](const char* name, Command command, const char* help) {
        commands.flags.emplace_back(app.add_flag(name)->description(folded(help)), command);
    };
    flag("--delta", Command::delta, "Apply the delta files published since the last import");
    flag("--migrate", Command::migrate, "Create or upgrade the tables (schema migrations)");
    flag("--status", Command::status, "Print the last runs and what is known of the source");
    flag("--check-config", Command::check_config,
         "Check the configuration as both programs read it (files, environment, secrets, "
         "schedules, time zone, token) and whether the database answers; exit 0 or 2");
    return commands;
}

// An option and the commands it goes with.
struct Restricted {
    CLI::Option* option;
    std::vector<Command> commands;
};

std::vector<Restricted> add_settings(CLI::App& app, Options& options) {
    app.add_option("--database", options.database,
                   folded("libpq conninfo or URI (default: OFFIMPORT_DATABASE_URL, else the "
                          "PG* variables)"))
        ->type_name("CONNINFO");
    app.add_option("--config", options.config_file, folded("Configuration file (TOML)"))
        ->type_name("FILE");
    app.add_option("--env", options.env,
                   folded("Load conf/NAME.toml over the defaults (e.g. production; or "
                          "OFFIMPORT_ENV)"))
        ->type_name("NAME");
    app.add_flag_callback(
        "-v,--verbose", [&] { ++options.verbosity; }, "More log output (-vv: even more)");
    app.add_flag_callback(
        "-q,--quiet", [&] { --options.verbosity; }, "Only warnings and errors");

    const std::vector<Command> full{Command::full};
    const std::vector<Command> imports{Command::full, Command::delta};
    std::vector<Restricted> restricted;
    restricted.push_back(
        {app.add_option("--source", options.source,
                        folded("The dump: URL, path (gzip or plain, detected from the content) "
                               "or - for standard input (default: source.url of the "
                               "configuration)"))
             ->type_name("URL|PATH|-"),
         full});
    restricted.push_back(
        {app.add_flag("--dry-run", options.dry_run,
                      folded("Read and check the dump, apply every guard of the import against "
                             "the current catalogue, write nothing; exit 0 if the import would "
                             "succeed, 1 if not")),
         full});
    restricted.push_back(
        {app.add_flag("--force", options.force, folded("Import even if the source is unchanged")),
         full});
    restricted.push_back({app.add_flag("--allow-shrink", options.allow_shrink,
                                       folded("Permit a full import that removes more than "
                                              "import.max_delete_ratio of the catalogue")),
                          full});
    restricted.push_back(
        {app.add_flag("--verify", options.verify,
                      folded("Parse every line and compare it with the catalogue, even lines "
                             "imported before byte for byte (a full import skips those)")),
         full});
    restricted.push_back(
        {app.add_flag("--json", options.json,
                      folded("The same JSON document as offimportd's GET /status")),
         {Command::status}});
    restricted.push_back(
        {app.add_option("--metrics-file", options.metrics_file,
                        folded("Write Prometheus text-format metrics there at the end "
                               "(atomically)"))
             ->type_name("PATH"),
         imports});
    // With any command: a wrapper script may pass them to every call.
    app.add_flag_callback(
        "--progress", [&] { options.progress = true; },
        folded("Show a progress line (default: when stderr is a terminal)"));
    app.add_flag_callback(
        "--no-progress", [&] { options.progress = false; }, "Never show the progress line");
    return restricted;
}

std::string name_of(const CLI::Option* option) {
    return "--" + option->get_lnames().front();
}

// The one command given; none or two are refused, naming what exists or what clashed.
Command chosen_command(const CommandFlags& commands) {
    const std::pair<CLI::Option*, Command>* chosen = nullptr;
    for (const auto& entry : commands.flags) {
        if (entry.first->count() == 0) {
            continue;
        }
        if (chosen) {
            throw UsageError(name_of(chosen->first) + " and " + name_of(entry.first) +
                             " are two commands: give one (see offimport --help)");
        }
        chosen = &entry;
    }
    if (!chosen) {
        throw UsageError("no command given: say what to do with --full [LIMIT], --delta, "
                         "--migrate, --status or --check-config (see offimport --help)");
    }
    return chosen->second;
}

// An option meant for another command is refused rather than silently ignored.
void check_combinations(const std::vector<Restricted>& restricted, Command command,
                        const CommandFlags& commands) {
    std::string command_name;
    for (const auto& [option, each] : commands.flags) {
        if (each == command) {
            command_name = name_of(option);
        }
    }
    for (const auto& [option, allowed] : restricted) {
        if (option->count() == 0) {
            continue;
        }
        if (std::find(allowed.begin(), allowed.end(), command) == allowed.end()) {
            std::string with;
            for (const auto& [other, each] : commands.flags) {
                if (std::find(allowed.begin(), allowed.end(), each) != allowed.end()) {
                    with += (with.empty() ? "" : " or ") + name_of(other);
                }
            }
            throw UsageError(name_of(option) + " does not go with " + command_name +
                             ": it is for " + with + " (see offimport --help)");
        }
    }
}

std::uint64_t parse_limit(const std::string& text) {
    if (text.empty()) {
        return 0;
    }
    try {
        std::size_t used = 0;
        const long long value = std::stoll(text, &used);
        if (used == text.size() && value >= 0) {
            return static_cast<std::uint64_t>(value);
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--full: LIMIT must be a whole number >= 0 (0 or none = all products), got '" +
                     text + "'");
}

} // namespace

std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    std::string full_limit;
    CLI::App app(description, "offimport");
    app.footer(footer);
    app.get_formatter()->column_width(column_width);
    const CommandFlags commands = add_commands(app, full_limit);
    const auto restricted = add_settings(app, options);
    if (!parse_command_line(app, argc, argv, "offimport")) {
        return std::nullopt;
    }
    options.command = chosen_command(commands);
    check_combinations(restricted, options.command, commands);
    if (app.count("--progress") > 0 && app.count("--no-progress") > 0) {
        throw UsageError("--progress and --no-progress contradict each other: give one (see "
                         "offimport --help)");
    }
    options.limit = parse_limit(full_limit);
    return options;
}

} // namespace offimport
