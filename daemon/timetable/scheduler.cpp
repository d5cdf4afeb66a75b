#include "daemon/timetable/scheduler.hpp"

#include <algorithm>

namespace offimport::daemon {
namespace {

constexpr std::chrono::steady_clock::duration longest_sleep = std::chrono::minutes(1);

} // namespace

Scheduler::Scheduler(asio::io_context& io, NextDue next_due, Wake wake)
    : timer_(io), next_due_(std::move(next_due)), wake_(std::move(wake)) {}

void Scheduler::start() {
    asio::co_spawn(timer_.get_executor(), loop(), asio::detached);
}

void Scheduler::poke() {
    timer_.cancel();
}

void Scheduler::stop() {
    stopped_ = true;
    timer_.cancel();
}

std::chrono::steady_clock::duration Scheduler::sleep_time() const {
    const auto due = next_due_();
    if (!due) {
        return longest_sleep;
    }
    const auto until_due = *due - Clock::now();
    // The system clock's wall time decides when a run is due; a steady timer measures the wait,
    // and waking each minute keeps the two from drifting apart.
    return std::clamp<std::chrono::steady_clock::duration>(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(until_due),
        std::chrono::milliseconds(0), longest_sleep);
}

asio::awaitable<void> Scheduler::loop() {
    while (!stopped_) {
        wake_();
        if (stopped_) {
            break;
        }
        timer_.expires_after(sleep_time());
        boost::system::error_code cancelled; // poke() cancels the wait: wake up at once
        co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, cancelled));
    }
}

} // namespace offimport::daemon
