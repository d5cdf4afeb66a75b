#pragma once

#include <stdexcept>
#include <string>

namespace offimport {

// Exit codes are part of the command-line contract (docs/command-line.md): cron wrappers act on
// them.
enum class ExitCode : int {
    success = 0,
    failed = 1,     // the import failed; the catalogue is unchanged
    usage = 2,      // bad command line or configuration
    try_later = 75, // another import holds the lock, or the database or source cannot be reached
};

// A mistake the user fixes in the command line or a configuration file.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Nothing is wrong with the request, but it cannot run now (the import lock is held).
class TryLaterError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A database or source that cannot be reached now (refused, no route, a DNS failure, a
// time-out, a 5xx after the retries): a temporary failure, the same at the start as mid-run.
class UnreachableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The run was cancelled (signal, daemon shutdown); its transaction was rolled back.
class CancelledError : public std::runtime_error {
public:
    CancelledError() : std::runtime_error("cancelled") {}
};

} // namespace offimport
