#include "log/logging.hpp"

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

// Formats each record, masks secrets, then hands the text to stderr.
class MaskingSink final : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(message, formatted);
        const std::string masked = mask_secrets(fmt::to_string(formatted));
        std::fwrite(masked.data(), 1, masked.size(), stderr);
    }
    void flush_() override { std::fflush(stderr); }
};

} // namespace

void register_secret(const std::string& secret) {
    // Very short strings would mask ordinary words; such weak secrets are refused elsewhere.
    if (secret.size() < 4) {
        return;
    }
    std::lock_guard lock(secrets_mutex);
    secrets.push_back(secret);
}

std::string mask_secrets(std::string text) {
    std::lock_guard lock(secrets_mutex);
    for (const auto& secret : secrets) {
        for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
            text.replace(at, secret.size(), "***");
        }
    }
    return text;
}

void set_log_level(std::string_view level) {
    const auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off") {
        throw std::invalid_argument("unknown log level '" + std::string(level) + "'");
    }
    spdlog::set_level(parsed);
}

void setup_logging(std::string_view level) {
    auto logger = std::make_shared<spdlog::logger>("offimport", std::make_shared<MaskingSink>());
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
    set_log_level(level);
}

} // namespace offimport
