#pragma once

namespace offimport::daemon {

// The whole `offimportd` program: options, configuration, logging, then the daemon until a
// signal stops it. Exit codes: 0 stopped by a signal, 1 could not start, 2 usage/configuration.
int daemon_main(int argc, char** argv);

} // namespace offimport::daemon
