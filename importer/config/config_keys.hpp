#pragma once

#include "config/config.hpp"

#include <string>
#include <toml++/toml.h>
#include <vector>

namespace offimport {

// Checks every key of `document` against the known settings and stores its value.
// Unknown keys, wrong types and out-of-range values throw UsageError naming origin:line and key.
void apply_config_table(Config& config, const toml::table& document, const std::string& origin,
                        bool secrets_allowed);

// "database.conninfo", ...: every setting's name, the secrets' only when `secrets`.
std::vector<std::string> setting_names(bool secrets);

} // namespace offimport
