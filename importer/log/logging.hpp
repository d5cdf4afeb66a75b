#pragma once

#include "config/config.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace offimport {

// Sends every log line to stderr through a sink that masks registered secrets, so a password
// or token cannot reach a log even when an error message from a library quotes it. Under
// journald (stderr_is_journal), lines carry a "<N>" priority and no timestamp of their own.
void setup_logging(std::string_view level);

// log.format: text (the default) or one JSON object a line (log_line.hpp).
void set_log_format(LogFormat format);

// The run that the calling thread's later log lines belong to (JSON lines carry its id and
// mode): set when a run starts (run_id 0 until the ledger gives it one), kept afterwards so
// that its summary and error lines carry it too.
void set_log_run(std::string_view mode, std::int64_t run_id);

// The same for one scope, the earlier run restored after it.
class LogRunScope {
public:
    LogRunScope(std::string_view mode, std::int64_t run_id);
    ~LogRunScope();
    LogRunScope(const LogRunScope&) = delete;
    LogRunScope& operator=(const LogRunScope&) = delete;

private:
    std::string saved_mode_;
    std::int64_t saved_run_id_;
};

// Changes the level of the running logger ("trace" ... "off"); unknown names throw.
void set_log_level(std::string_view level);

// From now on, any log line containing `secret` shows "***" in its place.
void register_secret(const std::string& secret);

// Returns `text` with every registered secret masked; for messages printed without the logger.
std::string mask_secrets(std::string text);

} // namespace offimport
