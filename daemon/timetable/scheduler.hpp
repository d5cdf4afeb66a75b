#pragma once

#include "daemon/base/asio.hpp"
#include "daemon/timetable/timetable.hpp"

#include <functional>
#include <optional>

namespace offimport::daemon {

// Wakes the daemon when the next scheduled run is due, and at least once a minute, so that a
// clock set forward, a suspended machine or a database coming back is noticed in time.
class Scheduler {
public:
    using NextDue = std::function<std::optional<TimePoint>()>;
    using Wake = std::function<void()>;

    Scheduler(asio::io_context& io, NextDue next_due, Wake wake);
    void start();
    // Wake now: a run ended or the timetable changed.
    void poke();
    void stop();

private:
    asio::awaitable<void> loop();
    std::chrono::steady_clock::duration sleep_time() const;

    asio::steady_timer timer_;
    NextDue next_due_;
    Wake wake_;
    bool stopped_ = false;
};

} // namespace offimport::daemon
