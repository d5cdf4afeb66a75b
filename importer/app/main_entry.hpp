#pragma once

namespace offimport {

// The whole `offimport` program: options, configuration, logging, signals, the command, and
// the exit code. Every error ends as one log line and an exit code of docs/command-line.md.
int offimport_main(int argc, char** argv);

} // namespace offimport
