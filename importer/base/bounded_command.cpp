#include "base/bounded_command.hpp"

#include "base/number_text.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace offimport {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds poll_interval{20};

std::string name_of(const char* entry) {
    const char* equals = std::strchr(entry, '=');
    return equals ? std::string(entry, equals) : std::string(entry);
}

// The inherited environment, less the withheld names and those the request sets, then those.
std::vector<std::string> child_environment(const BoundedCommand& request) {
    std::vector<std::string> entries;
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string name = name_of(*entry);
        const bool withheld = std::find(request.withheld.begin(), request.withheld.end(), name) !=
                              request.withheld.end();
        const bool replaced = std::any_of(request.environment.begin(), request.environment.end(),
                                          [&](const auto& added) { return added.first == name; });
        if (!withheld && !replaced) {
            entries.emplace_back(*entry);
        }
    }
    for (const auto& [name, value] : request.environment) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

std::string describe_status(int status) {
    if (status == -1) {
        return "could not be waited for: its exit status is unknown";
    }
    if (WIFEXITED(status)) {
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        const char* name = sigabbrev_np(signal);
        return "was killed by signal " + std::to_string(signal) +
               (name ? " (SIG" + std::string(name) + ")" : std::string());
    }
    return "ended with wait status " + std::to_string(status);
}

// Polls for the child's end until `until`; true once it is reaped (its status in `status`).
bool reaped_by(pid_t pid, Clock::time_point until, const CancelFlag* cancel, int& status) {
    for (;;) {
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return true;
        }
        if (done < 0 && errno != EINTR) {
            status = -1; // not ours to wait for (SIGCHLD ignored): a failure, not a success
            return true;
        }
        if (Clock::now() >= until || (cancel && cancel->requested())) {
            return false;
        }
        std::this_thread::sleep_for(poll_interval);
    }
}

// Stops the command's whole process group: SIGTERM, then SIGKILL after the grace period.
void stop_group(pid_t pid, std::chrono::milliseconds grace) {
    int status = 0;
    kill(-pid, SIGTERM);
    if (!reaped_by(pid, Clock::now() + grace, nullptr, status)) {
        kill(-pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

// posix_spawn's attributes and file actions, destroyed with it.
class SpawnSetup {
public:
    SpawnSetup() {
        posix_spawnattr_init(&attributes_);
        posix_spawn_file_actions_init(&actions_);
        // A group of its own, so that a timeout stops what the shell started too; signals
        // unblocked and at their defaults, whatever the calling thread had.
        posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                   POSIX_SPAWN_SETSIGDEF);
        posix_spawnattr_setpgroup(&attributes_, 0);
        sigset_t signals;
        sigemptyset(&signals);
        posix_spawnattr_setsigmask(&attributes_, &signals);
        sigfillset(&signals);
        posix_spawnattr_setsigdefault(&attributes_, &signals);
        posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions_, STDERR_FILENO, STDOUT_FILENO);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions_);
        posix_spawnattr_destroy(&attributes_);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    const posix_spawnattr_t* attributes() const { return &attributes_; }
    const posix_spawn_file_actions_t* actions() const { return &actions_; }

private:
    posix_spawnattr_t attributes_{};
    posix_spawn_file_actions_t actions_{};
};

} // namespace

CommandOutcome run_bounded_command(const BoundedCommand& request, const CancelFlag& cancel) {
    const auto started = Clock::now();
    CommandOutcome outcome;
    const auto elapsed = [&] {
        return std::chrono::duration<double>(Clock::now() - started).count();
    };
    std::vector<std::string> environment = child_environment(request);
    std::vector<char*> envp;
    envp.reserve(environment.size() + 1);
    for (auto& entry : environment) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::string shell = "/bin/sh", flag = "-c", command = request.command;
    char* argv[] = {shell.data(), flag.data(), command.data(), nullptr};
    const SpawnSetup setup;
    pid_t pid = 0;
    const int error =
        posix_spawn(&pid, shell.c_str(), setup.actions(), setup.attributes(), argv, envp.data());
    if (error != 0) {
        outcome.failure = "could not start /bin/sh: " + std::string(std::strerror(error));
        return outcome;
    }
    int status = 0;
    if (reaped_by(pid, started + request.timeout, &cancel, status)) {
        outcome.succeeded = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!outcome.succeeded) {
            outcome.failure = describe_status(status);
        }
    } else {
        const bool cancelled = cancel.requested();
        stop_group(pid, request.grace);
        const double limit = std::chrono::duration<double>(request.timeout).count();
        outcome.failure = cancelled ? "was stopped: the run was cancelled"
                                    : "did not finish within " +
                                          fixed(limit, limit == static_cast<long>(limit) ? 0 : 1) +
                                          " s and was stopped";
    }
    outcome.seconds = elapsed();
    return outcome;
}

} // namespace offimport
