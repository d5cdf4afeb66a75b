#include "log/log_line.hpp"

#include "base/json_writer.hpp"
#include "base/one_line.hpp"
#include "base/utf8.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/stat.h>

namespace offimport {
namespace {

// Level names as configured (log.level) and as the text format has always shown them.
std::string_view level_name(spdlog::level::level_enum level) {
    switch (level) {
    case spdlog::level::trace:
        return "trace";
    case spdlog::level::debug:
        return "debug";
    case spdlog::level::info:
        return "info";
    case spdlog::level::warn:
        return "warning";
    case spdlog::level::err:
        return "error";
    case spdlog::level::critical:
        return "critical";
    default:
        return "off";
    }
}

// "2026-12-02T06:40:21.486+00:00" in local time, or "…486Z" in UTC.
std::string timestamp(std::chrono::system_clock::time_point time, bool utc) {
    const auto since_epoch = time.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
    const std::time_t whole = static_cast<std::time_t>(seconds.count());
    std::tm parts{};
    utc ? gmtime_r(&whole, &parts) : localtime_r(&whole, &parts);
    char text[48];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
    std::string out(text, length);
    std::snprintf(text, sizeof text, ".%03d", static_cast<int>(millis));
    out += text;
    if (utc) {
        return out + "Z";
    }
    const long offset = parts.tm_gmtoff / 60;
    std::snprintf(text, sizeof text, "%c%02ld:%02ld", offset < 0 ? '-' : '+',
                  std::labs(offset) / 60, std::labs(offset) % 60);
    return out + text;
}

std::string json_line(std::chrono::system_clock::time_point time, spdlog::level::level_enum level,
                      std::string_view message, const LogRunContext& run) {
    std::string repaired;
    append_repaired_utf8(one_line(message), repaired);
    JsonObject object;
    object.raw("time", json_string(timestamp(time, true)))
        .text("level", level_name(level))
        .text("message", repaired);
    run.run_id > 0 ? object.integer("run_id", run.run_id) : object.null("run_id");
    run.mode.empty() ? object.null("mode") : object.text("mode", run.mode);
    return object.str();
}

} // namespace

int journal_priority(spdlog::level::level_enum level) {
    switch (level) {
    case spdlog::level::critical:
        return 2;
    case spdlog::level::err:
        return 3;
    case spdlog::level::warn:
        return 4;
    case spdlog::level::info:
        return 6;
    default:
        return 7;
    }
}

std::string format_log_line(const LogStyle& style, std::chrono::system_clock::time_point time,
                            spdlog::level::level_enum level, std::string_view message,
                            const LogRunContext& run) {
    std::string line;
    if (style.journal) {
        line = "<" + std::to_string(journal_priority(level)) + ">";
    }
    if (style.format == LogFormat::json) {
        line += json_line(time, level, message, run);
    } else {
        if (!style.journal) {
            line += timestamp(time, false) + " ";
        }
        // The last line of defence: whatever a library or the system said, one line.
        line.append(level_name(level)).append(" ").append(one_line(message));
    }
    return line + "\n";
}

bool stderr_is_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (stream == nullptr) {
        return false;
    }
    unsigned long long device = 0;
    unsigned long long inode = 0;
    struct stat status {};
    return std::sscanf(stream, "%llu:%llu", &device, &inode) == 2 && fstat(2, &status) == 0 &&
           static_cast<unsigned long long>(status.st_dev) == device &&
           static_cast<unsigned long long>(status.st_ino) == inode;
}

} // namespace offimport
