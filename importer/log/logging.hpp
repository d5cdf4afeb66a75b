#pragma once

#include <string>
#include <string_view>

namespace offimport {

// Sends every log line to stderr through a sink that masks registered secrets, so a password
// or token cannot reach a log even when an error message from a library quotes it.
void setup_logging(std::string_view level);

// Changes the level of the running logger ("trace" ... "off"); unknown names throw.
void set_log_level(std::string_view level);

// From now on, any log line containing `secret` shows "***" in its place.
void register_secret(const std::string& secret);

// Returns `text` with every registered secret masked; for messages printed without the logger.
std::string mask_secrets(std::string text);

} // namespace offimport
