// When scheduled runs are due: retries, catch-up, runs that wait for another import.
#include "daemon/timetable/timetable.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::daemon;
using namespace std::chrono;
using cron::CronExpression;
using cron::TimeZone;

namespace {

TimePoint utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
    return sys_days(year{y} / month{m} / day{d}) + hours{h} + minutes{min};
}

// Tuesdays 02:00 UTC; 2024-05-07 is a Tuesday.
Timetable weekly(TimePoint now) {
    Timetable timetable(TimeZone::utc(), RetryPolicy{});
    timetable.set_schedule(RunMode::full, CronExpression::parse("0 2 * * 2"), now);
    return timetable;
}

} // namespace

TEST_CASE("the next run follows the cron expression in the configured zone") {
    const auto now = utc(2024, 5, 6, 12);
    CHECK(weekly(now).next_run() == utc(2024, 5, 7, 2));

    Timetable london(TimeZone::load("Europe/London"), RetryPolicy{});
    london.set_schedule(RunMode::full, CronExpression::parse("0 2 * * 2"), now);
    CHECK(london.next_run() == utc(2024, 5, 7, 1)); // 02:00 BST is 01:00 UTC
    london.set_time_zone(TimeZone::utc(), now);
    CHECK(london.next_run() == utc(2024, 5, 7, 2));
}

TEST_CASE("a failed scheduled run is retried after 1, 5 and 15 minutes, then waits a week") {
    auto now = utc(2024, 5, 7, 2);
    Timetable timetable = weekly(utc(2024, 5, 7, 1));
    REQUIRE(timetable.due_mode(now) == RunMode::full);
    timetable.started(RunMode::full);
    CHECK_FALSE(timetable.due_mode(now)); // running: not due twice
    for (const int delay : {1, 5, 15}) {
        timetable.finished(RunMode::full, false, true, now);
        CHECK(timetable.next_run() == now + minutes(delay));
        CHECK_FALSE(timetable.due_mode(now + minutes(delay) - seconds(1)));
        now += minutes(delay);
        REQUIRE(timetable.due_mode(now) == RunMode::full);
        timetable.started(RunMode::full);
    }
    timetable.finished(RunMode::full, false, true, now);
    CHECK(timetable.next_run() == utc(2024, 5, 14, 2));
    CHECK(timetable.entries().front().retries == 0);
}

TEST_CASE("a retried run that succeeds returns to the schedule, manual failures change nothing") {
    auto now = utc(2024, 5, 7, 2);
    Timetable timetable = weekly(utc(2024, 5, 7, 1));
    timetable.started(RunMode::full);
    timetable.finished(RunMode::full, false, true, now);
    CHECK(timetable.next_run() == now + minutes(1));
    timetable.finished(RunMode::full, false, false, now + seconds(10)); // a failed POST /refresh
    CHECK(timetable.next_run() == now + minutes(1));
    timetable.started(RunMode::full);
    timetable.finished(RunMode::full, true, true, now + minutes(2));
    CHECK(timetable.next_run() == utc(2024, 5, 14, 2));
    CHECK(timetable.entries().front().retries == 0);
}

TEST_CASE("a run due while another import runs waits for it, a manual success satisfies it") {
    const auto now = utc(2024, 5, 7, 2, 1);
    Timetable timetable = weekly(utc(2024, 5, 7, 1));
    REQUIRE(timetable.due_mode(now) == RunMode::full); // the worker is busy: it is not started
    CHECK(timetable.due_mode(now + minutes(30)) == RunMode::full);
    timetable.finished(RunMode::full, true, false, now + minutes(30)); // that import was a full one
    CHECK_FALSE(timetable.due_mode(now + minutes(31)));
    CHECK(timetable.next_run() == utc(2024, 5, 14, 2));
}

TEST_CASE("catch-up: a run missed while the daemon was down runs at start-up") {
    const auto now = utc(2024, 5, 9, 12); // Thursday; the last scheduled time was Tuesday 02:00
    SUBCASE("the last success is older than the last scheduled time") {
        Timetable timetable = weekly(now);
        CHECK(timetable.catch_up(RunMode::full, utc(2024, 5, 1, 2), now));
        CHECK(timetable.due_mode(now) == RunMode::full);
    }
    SUBCASE("there has never been a success") {
        Timetable timetable = weekly(now);
        CHECK(timetable.catch_up(RunMode::full, std::nullopt, now));
    }
    SUBCASE("the last success came after the last scheduled time") {
        Timetable timetable = weekly(now);
        CHECK_FALSE(timetable.catch_up(RunMode::full, utc(2024, 5, 7, 3), now));
        CHECK(timetable.next_run() == utc(2024, 5, 14, 2));
    }
    SUBCASE("a schedule that names no date never catches up") {
        Timetable timetable(TimeZone::utc(), RetryPolicy{});
        timetable.set_schedule(RunMode::full, CronExpression::parse("0 0 30 2 *"), now);
        CHECK_FALSE(timetable.catch_up(RunMode::full, std::nullopt, now));
        CHECK_FALSE(timetable.next_run());
    }
}

TEST_CASE("a changed schedule restarts from the new expression, an unchanged one keeps retries") {
    auto now = utc(2024, 5, 7, 2);
    Timetable timetable = weekly(utc(2024, 5, 7, 1));
    timetable.started(RunMode::full);
    timetable.finished(RunMode::full, false, true, now);
    timetable.set_schedule(RunMode::full, CronExpression::parse("0 2 * * 2"), now);
    CHECK(timetable.next_run() == now + minutes(1));
    timetable.set_schedule(RunMode::full, CronExpression::parse("30 3 * * *"), now);
    CHECK(timetable.next_run() == utc(2024, 5, 7, 3, 30));
    timetable.set_schedule(RunMode::delta, CronExpression::parse("0 * * * *"), now);
    CHECK(timetable.next_run() == utc(2024, 5, 7, 3));
    timetable.remove_schedule(RunMode::delta);
    CHECK(timetable.next_run() == utc(2024, 5, 7, 3, 30));
}
