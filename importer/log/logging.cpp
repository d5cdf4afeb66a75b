#include "log/logging.hpp"

#include "log/log_line.hpp"
#include "log/secret_mask.hpp"

#include <atomic>
#include <mutex>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <stdexcept>
#include <vector>

namespace offimport {
namespace {

std::mutex secrets_mutex;
std::vector<std::string> secrets;

std::atomic<bool> json_format{false};
bool journal = false; // decided once, by setup_logging
thread_local LogRunContext current_run;

// Masks secrets in the message (before any escaping could hide one), formats the record,
// masks again (a secret split by the format), then hands the line to stderr.
class MaskingSink final : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        const LogStyle style{json_format ? LogFormat::json : LogFormat::text, journal};
        const std::string masked = mask_secrets(format_log_line(
            style, message.time, message.level,
            mask_secrets(std::string(message.payload.data(), message.payload.size())),
            current_run));
        std::fwrite(masked.data(), 1, masked.size(), stderr);
    }
    void flush_() override { std::fflush(stderr); }
};

} // namespace

void register_secret(const std::string& secret) {
    if (secret.size() < min_secret_bytes) {
        return;
    }
    std::lock_guard lock(secrets_mutex);
    secrets.push_back(secret);
}

std::string mask_secrets(std::string text) {
    std::lock_guard lock(secrets_mutex);
    return mask_secrets_in(std::move(text), secrets);
}

void set_log_level(std::string_view level) {
    const auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off") {
        throw std::invalid_argument("unknown log level '" + std::string(level) + "'");
    }
    spdlog::set_level(parsed);
}

void set_log_format(LogFormat format) {
    json_format = format == LogFormat::json;
}

void set_log_run(std::string_view mode, std::int64_t run_id) {
    current_run = {run_id, std::string(mode)};
}

LogRunScope::LogRunScope(std::string_view mode, std::int64_t run_id)
    : saved_mode_(current_run.mode), saved_run_id_(current_run.run_id) {
    set_log_run(mode, run_id);
}

LogRunScope::~LogRunScope() {
    set_log_run(saved_mode_, saved_run_id_);
}

void setup_logging(std::string_view level) {
    journal = stderr_is_journal();
    auto logger = std::make_shared<spdlog::logger>("offimport", std::make_shared<MaskingSink>());
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    set_log_level(level);
}

} // namespace offimport
