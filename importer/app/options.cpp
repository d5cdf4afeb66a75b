#include "app/options.hpp"

#include "app/startup.hpp"
#include "base/errors.hpp"

#include <CLI/CLI.hpp>

namespace offimport {
namespace {

constexpr const char* description =
    "offimport: imports the Open Food Facts product dump into PostgreSQL.\n\n"
    "Streams openfoodfacts-products.jsonl.gz (a file, standard input or a URL) through a\n"
    "parser into staging tables, then merges it into the catalogue (schema \"off\") in one\n"
    "transaction: readers see the old catalogue until the new one is complete, and a failed\n"
    "run changes nothing.";

constexpr const char* footer =
    "\nExamples:\n"
    "  offimport --migrate                      create or upgrade the tables\n"
    "  offimport --full 0                       import the whole official dump (cron, weekly)\n"
    "  offimport --full 1000 --source dump.jsonl.gz   try the first 1,000 products of a file\n"
    "  offimport --full 0 --dry-run --source -  check a dump from standard input, write nothing\n"
    "  offimport --status                       the last runs (--json: for programs)\n"
    "  offimport --check-config --env production  check a configuration before a reload\n"
    "\nDatabase: --database, else OFFIMPORT_DATABASE_URL, else libpq's PGHOST, PGDATABASE,\n"
    "PGUSER, PGPASSWORD, PGSERVICE and ~/.pgpass. Passwords never belong in config files.\n"
    "\nConfiguration: --config FILE (default conf/offimport.toml, else\n"
    "/etc/offimport/offimport.toml), then conf/<ENV>.toml for --env ENV or OFFIMPORT_ENV,\n"
    "then conf/secrets.toml (mode 600) and OFFIMPORT_REFRESH_TOKEN.\n"
    "\nExit codes: 0 success (also: source unchanged, nothing to do); 1 the import failed and\n"
    "the catalogue is unchanged; 2 usage or configuration error; 75 another import is running\n"
    "or a temporary failure: try again later.\n";

// "--full" takes an optional LIMIT: CLI11 sees a flag that may carry a value.
void add_commands(CLI::App& app, Options& options, std::string& full_limit) {
    auto* full = app.add_option("--full", full_limit,
                                "Full import; LIMIT = import at most LIMIT products, 0 = all.\n"
                                "A limited import (LIMIT > 0) never deletes products.")
                     ->expected(0, 1)
                     ->type_name("[LIMIT]");
    auto* delta = app.add_flag_callback(
        "--delta", [&] { options.command = Command::delta; },
        "Apply the delta files published since the last import");
    auto* migrate = app.add_flag_callback(
        "--migrate", [&] { options.command = Command::migrate; },
        "Apply pending schema migrations, then exit");
    auto* status = app.add_flag_callback(
        "--status", [&] { options.command = Command::status; },
        "Print the last runs and what is known of the source");
    auto* check = app.add_flag_callback(
        "--check-config", [&] { options.command = Command::check_config; },
        "Load and check the configuration as both programs would (files, environment, secrets, "
        "schedules, time zone, token), then whether the database answers; exit 0 or 2");
    full->excludes(delta, migrate, status, check);
    delta->excludes(migrate, status, check);
    migrate->excludes(status, check);
    status->excludes(check);
    full->each([&](const std::string&) { options.command = Command::full; });
}

void add_settings(CLI::App& app, Options& options) {
    app.add_option("--source", options.source,
                   "The dump: URL, path (gzip or plain, detected from the content) or - for "
                   "standard input (default: source.url of the configuration)")
        ->type_name("URL|PATH|-");
    app.add_option("--database", options.database,
                   "libpq conninfo or URI (default: OFFIMPORT_DATABASE_URL, else PG* variables)")
        ->type_name("CONNINFO");
    app.add_option("--config", options.config_file, "Configuration file (TOML)")->type_name("FILE");
    app.add_option("--env", options.env,
                   "Load conf/NAME.toml over the defaults (e.g. production; or OFFIMPORT_ENV)")
        ->type_name("NAME");
    app.add_flag("--force", options.force, "Import even if the source is unchanged");
    app.add_flag("--allow-shrink", options.allow_shrink,
                 "Permit a full import that deletes more than import.max_delete_ratio of the "
                 "catalogue");
    app.add_flag("--verify", options.verify,
                 "Parse and compare every product of the dump with the catalogue, even lines "
                 "it has imported before byte for byte (a full import skips those)");
    app.add_flag("--json", options.json,
                 "With --status: the same JSON document as offimportd's GET /status");
    app.add_flag("--dry-run", options.dry_run,
                 "Read, parse and validate the dump; write nothing; print the counts");
    app.add_option("--metrics-file", options.metrics_file,
                   "Write Prometheus text-format metrics there at the end (atomically)")
        ->type_name("PATH");
    app.add_flag_callback(
        "--progress", [&] { options.progress = true; },
        "Show a progress line (default: when stderr is a terminal)");
    app.add_flag_callback(
        "--no-progress", [&] { options.progress = false; }, "Never show the progress line");
    app.add_flag_callback(
        "-v,--verbose", [&] { ++options.verbosity; }, "More log output");
    app.add_flag_callback(
        "-q,--quiet", [&] { --options.verbosity; }, "Only warnings and errors");
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
    throw UsageError("--full: LIMIT must be a whole number >= 0 (0 = all products), got '" + text +
                     "'");
}

} // namespace

std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    std::string full_limit;
    CLI::App app(description, "offimport");
    app.footer(footer);
    app.get_formatter()->column_width(34);
    add_commands(app, options, full_limit);
    add_settings(app, options);
    if (!parse_command_line(app, argc, argv, "offimport")) {
        return std::nullopt;
    }
    if (options.command == Command::none) {
        throw UsageError("say what to do: --full [LIMIT], --delta, --migrate, --status or "
                         "--check-config (see offimport --help)");
    }
    if (options.json && options.command != Command::status) {
        throw UsageError("--json goes with --status (see offimport --help)");
    }
    options.limit = parse_limit(full_limit);
    return options;
}

} // namespace offimport
