#pragma once

#include "config/config.hpp"

#include <chrono>
#include <cstdint>
#include <spdlog/common.h>
#include <string>
#include <string_view>

namespace offimport {

// How log lines are written: log.format, and whether standard error is the journal.
struct LogStyle {
    LogFormat format = LogFormat::text;
    // journald reads the priority from a "<N>" prefix and stamps each line itself: a
    // timestamp of our own would be a second one.
    bool journal = false;
};

// The run a log line belongs to, for JSON logs (0 and "" when none).
struct LogRunContext {
    std::int64_t run_id = 0;
    std::string mode;
};

// One record as written to standard error, newline included; `message` is already masked.
// text: "2026-12-02T06:40:21.486+00:00 info message" (local time);
// journal: "<6>info message";
// json: {"time":"2026-12-02T06:40:21.486Z","level":"info","message":"…","run_id":7,
//        "mode":"full"} (UTC; run_id and mode null outside a run; ill-formed UTF-8 replaced),
//       after the "<N>" prefix under journald.
std::string format_log_line(const LogStyle& style, std::chrono::system_clock::time_point time,
                            spdlog::level::level_enum level, std::string_view message,
                            const LogRunContext& run);

// syslog's priority for a level: err 3, warning 4, info 6, debug 7.
int journal_priority(spdlog::level::level_enum level);

// True when standard error is the stream journald gave this process: JOURNAL_STREAM
// ("device:inode") names it. Not when a unit's output was redirected to a file or a pipe.
bool stderr_is_journal();

} // namespace offimport
