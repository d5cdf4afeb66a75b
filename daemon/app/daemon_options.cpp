#include "daemon/app/daemon_options.hpp"

#include "programs/startup.hpp"
#include "base/errors.hpp"

#include <CLI/CLI.hpp>

namespace offimport::daemon {
namespace {

constexpr const char* description =
    "offimportd: keeps the Open Food Facts catalogue in PostgreSQL up to date, on a schedule.\n\n"
    "Runs the full import on daemon.full_schedule (cron, default \"0 2 * * 2\", Tuesdays 02:00,\n"
    "in daemon.time_zone, default the machine's) and the delta import on daemon.delta_schedule\n"
    "if set, one import at a time (never alongside a cron or shell `offimport`). A run missed\n"
    "while the daemon was down runs at start-up; a failed scheduled run is retried after 1, 5\n"
    "and 15 minutes. It serves HTTP on daemon.listen_address:daemon.listen_port (default\n"
    "127.0.0.1:9464).";

constexpr const char* footer =
    "\nEndpoints:\n"
    "  GET  /metrics   Prometheus metrics (offimport_last_success_timestamp_seconds, ...)\n"
    "  GET  /healthz   200 while the daemon serves\n"
    "  GET  /readyz    200 when the database answers, else 503\n"
    "  GET  /status    JSON: schedules, next run, the running import's progress, last runs\n"
    "  POST /refresh?mode=full|delta[&verify=true]   start an import now (202; 409 if one\n"
    "       is running); verify=true compares every product, as offimport --verify\n"
    "       needs the header \"Authorization: Bearer TOKEN\"; 401 without it or with a wrong\n"
    "       token; 403 when no token is configured (refresh over HTTP is then off)\n"
    "\nToken: OFFIMPORT_REFRESH_TOKEN, or refresh_token in conf/secrets.toml (chmod 600); at\n"
    "least 32 characters, e.g. from: openssl rand -hex 32\n"
    "  curl -X POST -H \"Authorization: Bearer $OFFIMPORT_REFRESH_TOKEN\" \\\n"
    "       'http://127.0.0.1:9464/refresh?mode=full'\n"
    "\nSignals: SIGTERM or SIGINT stop it within 10 s (a running import is cancelled and rolls\n"
    "back); SIGHUP reloads the configuration (schedules, time zone, log level, token) and logs\n"
    "what changed, or why the new one was refused (the old one then stays).\n"
    "\nDatabase: --database, else OFFIMPORT_DATABASE_URL, else database.conninfo, else libpq's\n"
    "PGHOST, PGDATABASE, PGUSER, PGPASSWORD, PGSERVICE and ~/.pgpass.\n"
    "Configuration: as for offimport (--config FILE, --env NAME, conf/secrets.toml).\n"
    "Exit codes: 0 stopped by a signal; 1 could not start (e.g. port in use); 2 usage or\n"
    "configuration error.\n";

} // namespace

std::optional<DaemonOptions> parse_daemon_options(int argc, char** argv) {
    DaemonOptions options;
    CLI::App app(description, "offimportd");
    app.footer(footer);
    app.get_formatter()->column_width(30);
    app.add_option("--config", options.config_file, "Configuration file (TOML)")->type_name("FILE");
    app.add_option("--env", options.env,
                   "Load conf/NAME.toml over the defaults (e.g. production; or OFFIMPORT_ENV)")
        ->type_name("NAME");
    app.add_option("--database", options.database,
                   "libpq conninfo or URI (default: OFFIMPORT_DATABASE_URL, else PG* variables)")
        ->type_name("CONNINFO");
    app.add_flag("--check-config", options.check_config,
                 "Load and check the configuration as a start or a SIGHUP would, then whether "
                 "the database answers; exit 0, or 2 naming each problem");
    app.add_flag_callback(
        "-v,--verbose", [&] { ++options.verbosity; }, "More log output (-vv: trace)");
    app.add_flag_callback(
        "-q,--quiet", [&] { --options.verbosity; }, "Only warnings and errors");
    if (!parse_command_line(app, argc, argv, "offimportd")) {
        return std::nullopt;
    }
    return options;
}

} // namespace offimport::daemon
