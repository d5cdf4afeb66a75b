#include "daemon/app/daemon_main.hpp"

#include "programs/config_check.hpp"
#include "programs/startup.hpp"
#include "base/errors.hpp"
#include "daemon/app/daemon.hpp"
#include "log/logging.hpp"
#include "source/http_source.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

namespace offimport::daemon {
namespace {

// Probes and imports must not hang on an unreachable server; a conninfo's own
// connect_timeout still wins.
void bound_connection_time() {
    ::setenv("PGCONNECT_TIMEOUT", "5", 0);
}

// The soft descriptor limit up to the hard one: HTTP clients and imports share it (the HTTP
// server keeps its own reserve for imports, see HttpLimits).
void raise_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// The same loading as a start (files, environment, secrets), then every check collected.
int check_config(const DaemonOptions& options) {
    Config config = load_config({options.config_file, options.env});
    choose_database(config, options.database);
    register_secrets(config);
    return print_config_report(config, check_configuration(config), std::cout);
}

int serve(const DaemonOptions& options) {
    DaemonSettings settings = load_daemon_settings(options);
    set_log_level(settings.log_level);
    set_log_format(settings.config.log_format);
    bound_connection_time();
    raise_descriptor_limit();
    init_http();
    std::signal(SIGPIPE, SIG_IGN);
    Daemon daemon(options, std::move(settings));
    try {
        daemon.run();
    } catch (const std::runtime_error& error) {
        spdlog::error("{}", error.what());
        return static_cast<int>(ExitCode::failed);
    }
    if (daemon.import_abandoned()) {
        // The import thread is stuck in a call that ignores the cancel: waiting for it would
        // break the 10 s promise. Exiting closes its connection, and PostgreSQL rolls back.
        spdlog::default_logger()->flush();
        std::_Exit(static_cast<int>(ExitCode::success));
    }
    return static_cast<int>(ExitCode::success);
}

} // namespace

int daemon_main(int argc, char** argv) {
    setup_logging("info");
    try {
        const auto options = parse_daemon_options(argc, argv);
        if (!options) {
            return static_cast<int>(ExitCode::success);
        }
        if (options->check_config) {
            return check_config(*options);
        }
        return serve(*options);
    } catch (const UsageError& error) {
        spdlog::error("{}", error.what());
        return static_cast<int>(ExitCode::usage);
    } catch (const std::exception& error) {
        spdlog::error("{}", error.what());
        return static_cast<int>(ExitCode::failed);
    }
}

} // namespace offimport::daemon
