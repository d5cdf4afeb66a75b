#include "log/log_line.hpp"

#include <cstdlib>
#include <doctest/doctest.h>

using namespace offimport;

namespace {

// 2026-12-02T06:40:21.486Z
const auto instant =
    std::chrono::system_clock::time_point(std::chrono::milliseconds(1796193621486LL));

} // namespace

TEST_CASE("a text log line: local time with its offset, the level, the message") {
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    CHECK(format_log_line({}, instant, spdlog::level::warn, "disk almost full", {}) ==
          "2026-12-02T07:40:21.486+01:00 warning disk almost full\n");
    setenv("TZ", "UTC", 1);
    tzset();
    CHECK(format_log_line({}, instant, spdlog::level::info, "x", {7, "full"}) ==
          "2026-12-02T06:40:21.486+00:00 info x\n");
}

TEST_CASE("under journald: a priority prefix and no timestamp of our own") {
    const LogStyle journal{LogFormat::text, true};
    CHECK(format_log_line(journal, instant, spdlog::level::err, "run failed", {}) ==
          "<3>error run failed\n");
    CHECK(format_log_line(journal, instant, spdlog::level::warn, "w", {}) == "<4>warning w\n");
    CHECK(format_log_line(journal, instant, spdlog::level::info, "i", {}) == "<6>info i\n");
    CHECK(format_log_line(journal, instant, spdlog::level::debug, "d", {}) == "<7>debug d\n");
    CHECK(format_log_line(journal, instant, spdlog::level::trace, "t", {}) == "<7>trace t\n");
    CHECK(format_log_line(journal, instant, spdlog::level::critical, "c", {}) == "<2>critical c\n");
}

TEST_CASE("a JSON log line: one object, UTC time, the run's id and mode when there is one") {
    const LogStyle json{LogFormat::json, false};
    CHECK(format_log_line(json, instant, spdlog::level::info, "inserted 3", {42, "full"}) ==
          "{\"time\":\"2026-12-02T06:40:21.486Z\",\"level\":\"info\",\"message\":\"inserted "
          "3\",\"run_id\":42,\"mode\":\"full\"}\n");
    CHECK(format_log_line(json, instant, spdlog::level::err, "a \"quoted\"\nsecond line", {}) ==
          "{\"time\":\"2026-12-02T06:40:21.486Z\",\"level\":\"error\",\"message\":\"a "
          "\\\"quoted\\\" second line\",\"run_id\":null,\"mode\":null}\n");
    // A dump's bytes in a message must not make the line invalid JSON.
    CHECK(format_log_line(json, instant, spdlog::level::debug, "bad \xff\xfe byte", {}) ==
          "{\"time\":\"2026-12-02T06:40:21.486Z\",\"level\":\"debug\",\"message\":\"bad "
          "\xEF\xBF\xBD\xEF\xBF\xBD byte\",\"run_id\":null,\"mode\":null}\n");
    CHECK(format_log_line({LogFormat::json, true}, instant, spdlog::level::warn, "w", {})
              .rfind("<4>{\"time\":", 0) == 0);
}

TEST_CASE("JOURNAL_STREAM is trusted only when it names standard error") {
    unsetenv("JOURNAL_STREAM");
    CHECK_FALSE(stderr_is_journal());
    setenv("JOURNAL_STREAM", "1:1", 1);
    CHECK_FALSE(stderr_is_journal());
    setenv("JOURNAL_STREAM", "not numbers", 1);
    CHECK_FALSE(stderr_is_journal());
    unsetenv("JOURNAL_STREAM");
}

TEST_CASE("every log line is one line: a library's newlines, tabs and escapes are folded") {
    setenv("TZ", "UTC", 1);
    tzset();
    const char* libpq = "connection failed: Connection refused\n\tIs the server running?\n";
    CHECK(format_log_line({}, instant, spdlog::level::err, libpq, {}) ==
          "2026-12-02T06:40:21.486+00:00 error connection failed: Connection refused Is the "
          "server running?\n");
    const std::string json =
        format_log_line({LogFormat::json, false}, instant, spdlog::level::err, "a\nb\x1b[0m", {});
    CHECK(json.find("\"message\":\"a b [0m\"") != std::string::npos);
}
