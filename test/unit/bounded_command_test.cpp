// A command run to its end or stopped (import.after_success runs through it).
#include "base/bounded_command.hpp"

#include <csignal>
#include <cstdlib>
#include <doctest/doctest.h>

using namespace offimport;

namespace {

CommandOutcome run(const std::string& command,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    BoundedCommand request;
    request.command = command;
    request.timeout = timeout;
    request.grace = std::chrono::milliseconds(500);
    request.environment = {{"OFFIMPORT_RUN_ID", "12"}};
    request.withheld = {"OFFIMPORT_TEST_SECRET"};
    const CancelFlag cancel;
    return run_bounded_command(request, cancel);
}

} // namespace

TEST_CASE("a bounded command succeeds, fails with its status, and sees only what it may") {
    CHECK(run("test \"$OFFIMPORT_RUN_ID\" = 12").succeeded);
    setenv("OFFIMPORT_TEST_SECRET", "s3cret", 1);
    CHECK(run("test -z \"$OFFIMPORT_TEST_SECRET\"").succeeded);
    unsetenv("OFFIMPORT_TEST_SECRET");
    const auto failed = run("exit 3");
    CHECK_FALSE(failed.succeeded);
    CHECK(failed.failure == "exited with status 3");
    CHECK(run("kill -TERM $$").failure == "was killed by signal 15 (SIGTERM)");
    const auto slow = run("sleep 30", std::chrono::milliseconds(200));
    CHECK(slow.failure == "did not finish within 0.2 s and was stopped");
    CHECK(slow.seconds < 10);
}

TEST_CASE("a command whose end cannot be waited for is not taken for a success") {
    // With SIGCHLD ignored, the kernel reaps the child itself and its status is lost.
    const auto previous = std::signal(SIGCHLD, SIG_IGN);
    const auto outcome = run("exit 0");
    std::signal(SIGCHLD, previous);
    CHECK_FALSE(outcome.succeeded);
    CHECK(outcome.failure == "could not be waited for: its exit status is unknown");
}
