#include "app/main_entry.hpp"

#include "app/commands.hpp"
#include "app/options.hpp"
#include "programs/startup.hpp"
#include "base/cancel.hpp"
#include "base/errors.hpp"
#include "db/connection.hpp"
#include "log/logging.hpp"
#include "source/http_source.hpp"

#include <csignal>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace offimport {
namespace {

CancelFlag* signal_target = nullptr;
// Where the database setting came from, for the message when the server turns us away.
std::string database_origin = "--database, OFFIMPORT_DATABASE_URL, database.conninfo or PG*";

extern "C" void on_stop_signal(int) {
    if (signal_target) {
        signal_target->request();
    }
}

void install_signal_handlers(CancelFlag& cancel) {
    signal_target = &cancel;
    struct sigaction action {};
    action.sa_handler = &on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

int run(int argc, char** argv, CancelFlag& cancel) {
    setup_logging("info");
    const auto options = parse_options(argc, argv);
    if (!options) {
        return static_cast<int>(ExitCode::success);
    }
    Config config = load_config({options->config_file, options->env});
    database_origin = choose_database(config, options->database);
    register_secrets(config);
    set_log_level(effective_log_level(config.log_level, options->verbosity));
    set_log_format(config.log_format);
    init_http();
    install_signal_handlers(cancel);
    return run_command(config, *options, cancel);
}

} // namespace

int offimport_main(int argc, char** argv) {
    CancelFlag cancel;
    try {
        return run(argc, argv, cancel);
    } catch (const UsageError& error) {
        spdlog::error("{}", error.what());
        return static_cast<int>(ExitCode::usage);
    } catch (const TryLaterError& error) {
        spdlog::error("{}; try again later", error.what());
        return static_cast<int>(ExitCode::try_later);
    } catch (const CancelledError&) {
        spdlog::error("cancelled by a signal; the catalogue is unchanged");
        return static_cast<int>(ExitCode::failed);
    } catch (const db::ConnectionRejectedError& error) {
        spdlog::error("{}; fix the database setting ({}): waiting will not help", error.what(),
                      database_origin);
        return static_cast<int>(ExitCode::usage);
    } catch (const db::ConnectError& error) {
        spdlog::error("{}; the catalogue is unchanged; try again once the database is reachable",
                      error.what());
        return static_cast<int>(ExitCode::try_later);
    } catch (const UnreachableError& error) {
        spdlog::error("{}; the catalogue is unchanged; try again later", error.what());
        return static_cast<int>(ExitCode::try_later);
    } catch (const db::ConnectionLostError& error) {
        spdlog::error("{}; the catalogue is unchanged; try again once the database is back",
                      error.what());
        return static_cast<int>(ExitCode::try_later);
    } catch (const std::exception& error) {
        spdlog::error("{}", error.what());
        return static_cast<int>(ExitCode::failed);
    }
}

} // namespace offimport
