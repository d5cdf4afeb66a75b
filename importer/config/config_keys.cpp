#include "config/config_keys.hpp"

#include "base/errors.hpp"

#include <functional>
#include <sstream>

namespace offimport {
namespace {

// Stores a node's value into the configuration; false when the node has the wrong type or range.
using Setter = std::function<bool(Config&, const toml::node&)>;

struct KeySpec {
    std::string_view section;
    std::string_view name;
    std::string expected; // said in the error message
    bool secret;          // allowed only in secrets.toml
    Setter set;
};

Setter text(std::string Config::*member) {
    return [member](Config& config, const toml::node& node) {
        const auto value = node.value<std::string>();
        if (!value || !node.is_string()) {
            return false;
        }
        config.*member = *value;
        return true;
    };
}

template <typename Int>
Setter integer(Int Config::*member, std::int64_t low, std::int64_t high) {
    return [member, low, high](Config& config, const toml::node& node) {
        const auto value = node.as_integer();
        if (!value || value->get() < low || value->get() > high) {
            return false;
        }
        config.*member = static_cast<Int>(value->get());
        return true;
    };
}

Setter real(double Config::*member, double low, double high) {
    return [member, low, high](Config& config, const toml::node& node) {
        const auto value = node.value<double>(); // integers are accepted as numbers too
        if (!value || !(node.is_floating_point() || node.is_integer()) || *value < low ||
            *value > high) {
            return false;
        }
        config.*member = *value;
        return true;
    };
}

// PostgreSQL truncates longer identifiers, while the import lock is keyed on the full name:
// two names with one prefix would share a schema but not a lock.
constexpr std::size_t max_identifier_bytes = 63;

Setter schema_name() {
    return [](Config& config, const toml::node& node) {
        const auto value = node.value<std::string>();
        if (!value || !node.is_string() || value->empty() || value->size() > max_identifier_bytes ||
            value->find('\0') != std::string::npos) {
            return false;
        }
        config.schema = *value;
        return true;
    };
}

// A LISTEN channel: an unquoted PostgreSQL identifier (lower case, digits, _), or none.
Setter channel_name() {
    return [](Config& config, const toml::node& node) {
        const auto value = node.value<std::string>();
        if (!value || !node.is_string() || value->size() > max_identifier_bytes) {
            return false;
        }
        const bool identifier =
            value->empty() || ((value->front() < '0' || value->front() > '9') &&
                               value->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") ==
                                   std::string::npos);
        if (!identifier) {
            return false;
        }
        config.notify_channel = *value;
        return true;
    };
}

Setter languages() {
    return [](Config& config, const toml::node& node) {
        const auto* list = node.as_array();
        if (!list) {
            return false;
        }
        std::vector<std::string> codes;
        for (const auto& item : *list) {
            const auto code = item.value<std::string>();
            if (!item.is_string() || !code || code->empty()) {
                return false;
            }
            codes.push_back(*code);
        }
        config.languages = std::move(codes);
        return true;
    };
}

Setter log_level() {
    return [](Config& config, const toml::node& node) {
        const auto value = node.value<std::string>();
        static const std::vector<std::string> levels{"trace", "debug", "info",
                                                     "warn",  "error", "off"};
        if (!value || std::find(levels.begin(), levels.end(), *value) == levels.end()) {
            return false;
        }
        config.log_level = *value;
        return true;
    };
}

Setter log_format() {
    return [](Config& config, const toml::node& node) {
        const auto value = node.value<std::string>();
        if (value == "text") {
            config.log_format = LogFormat::text;
        } else if (value == "json") {
            config.log_format = LogFormat::json;
        } else {
            return false;
        }
        return true;
    };
}

Setter flag(bool Config::*member) {
    return [member](Config& config, const toml::node& node) {
        const auto value = node.value<bool>();
        if (!value || !node.is_boolean()) {
            return false;
        }
        config.*member = *value;
        return true;
    };
}

Setter removed_products() {
    return [](Config& config, const toml::node& node) {
        const auto value = node.value<std::string>();
        if (value == "delete") {
            config.removed_products = RemovedProducts::delete_rows;
        } else if (value == "mark") {
            config.removed_products = RemovedProducts::mark;
        } else {
            return false;
        }
        return true;
    };
}

// A value that is wrong in a way worth naming (which item of a list): thrown by a Setter,
// added to the message.
struct SettingDetail : std::runtime_error {
    using std::runtime_error::runtime_error;
};

Setter extra_columns() {
    return [](Config& config, const toml::node& node) {
        const auto* list = node.as_array();
        if (!list) {
            return false;
        }
        ExtraColumns chosen;
        for (const auto& item : *list) {
            const auto name = item.value<std::string>();
            if (!item.is_string() || !name) {
                return false;
            }
            const auto column = extra_column_named(*name);
            if (!column) {
                throw SettingDetail("\"" + *name + "\" is not one of them");
            }
            chosen.set(*column);
        }
        config.extra_columns = chosen;
        return true;
    };
}

const std::vector<KeySpec>& key_specs() {
    static const std::vector<KeySpec> specs{
        {"database", "conninfo", "a libpq conninfo string or URI", false, text(&Config::conninfo)},
        {"database", "schema", "a schema name of 1 to 63 bytes", false, schema_name()},
        {"source", "url", "a URL or path", false, text(&Config::source_url)},
        {"source", "delta_base_url", "a URL ending in /", false, text(&Config::delta_base_url)},
        {"source", "connect_timeout_seconds", "an integer from 1 to 3600", false,
         integer(&Config::connect_timeout_seconds, 1, 3600)},
        {"source", "low_speed_time_seconds", "an integer from 1 to 3600", false,
         integer(&Config::low_speed_time_seconds, 1, 3600)},
        {"source", "low_speed_limit_bytes", "an integer from 0 to 1e9", false,
         integer(&Config::low_speed_limit_bytes, 0, 1'000'000'000)},
        {"source", "retries", "an integer from 0 to 1000", false,
         integer(&Config::retries, 0, 1000)},
        {"source", "retry_backoff_seconds", "a number from 0 to 3600", false,
         real(&Config::retry_backoff_seconds, 0, 3600)},
        {"source", "max_transfer_seconds", "an integer from 1 to 604800 (a week)", false,
         integer(&Config::max_transfer_seconds, 1, 604800)},
        {"source", "max_transfer_bytes", "an integer from 1024 to 1e13", false,
         integer(&Config::max_transfer_bytes, 1024, 10'000'000'000'000)},
        {"source", "ca_file", "a path to PEM certificates, or \"\" for the system's", false,
         text(&Config::ca_file)},
        {"import", "languages", "a list of language codes, like [\"en\", \"fr\"]", false,
         languages()},
        {"import", "max_delete_ratio", "a number from 0 to 1", false,
         real(&Config::max_delete_ratio, 0, 1)},
        {"import", "max_reject_ratio", "a number from 0 to 1", false,
         real(&Config::max_reject_ratio, 0, 1)},
        {"import", "min_products", "an integer from 1 to 1000000000", false,
         integer(&Config::min_products, 1, 1'000'000'000)},
        {"import", "max_line_bytes", "an integer from 1024 to 1073741824", false,
         integer(&Config::max_line_bytes, 1024, 1ll << 30)},
        {"import", "parse_threads", "an integer from 0 (one per core) to 64", false,
         integer(&Config::parse_threads, 0, 64)},
        {"import", "verify_every_days", "an integer from 0 (never by age) to 3650", false,
         integer(&Config::verify_every_days, 0, 3650)},
        {"import", "removed_products", "\"delete\" or \"mark\"", false, removed_products()},
        {"import", "search", "true or false", false, flag(&Config::search)},
        {"import", "keep_changes_runs", "an integer from 0 (no change feed) to 10000", false,
         integer(&Config::keep_changes_runs, 0, 10000)},
        {"import", "notify_channel",
         "a lower-case identifier of up to 63 bytes (a-z, 0-9, _), or \"\" for none", false,
         channel_name()},
        {"import", "after_success", "a shell command, or \"\" for none", false,
         text(&Config::after_success)},
        {"import", "after_success_timeout_seconds", "an integer from 1 to 86400", false,
         integer(&Config::after_success_timeout_seconds, 1, 86400)},
        {"import", "extra_columns",
         "a list of optional column names (" + all_extra_column_names() + ")", false,
         extra_columns()},
        {"log", "level", "one of trace, debug, info, warn, error, off", false, log_level()},
        {"log", "format", "\"text\" or \"json\"", false, log_format()},
        {"daemon", "listen_address", "an IP address", false, text(&Config::listen_address)},
        {"daemon", "listen_port", "an integer from 1 to 65535", false,
         integer(&Config::listen_port, 1, 65535)},
        {"daemon", "full_schedule", "a cron expression", false, text(&Config::full_schedule)},
        {"daemon", "delta_schedule", "a cron expression, or \"\" for none", false,
         text(&Config::delta_schedule)},
        {"daemon", "time_zone", "an IANA time zone name, or \"\" for the machine's", false,
         text(&Config::time_zone)},
        {"daemon", "refresh_token", "a string", true, text(&Config::refresh_token)},
        {"sentry", "dsn", "a Sentry DSN (https://KEY@HOST/PROJECT)", true,
         text(&Config::sentry_dsn)},
    };
    return specs;
}

} // namespace

std::vector<std::string> setting_names(bool secrets) {
    std::vector<std::string> names;
    for (const auto& spec : key_specs()) {
        if (secrets || !spec.secret) {
            names.push_back(std::string(spec.section) + "." + std::string(spec.name));
        }
    }
    return names;
}

namespace {

std::string where(const std::string& origin, const toml::node& node) {
    std::ostringstream out;
    out << origin;
    if (node.source().begin.line > 0) {
        out << ":" << node.source().begin.line;
    }
    return out.str();
}

std::string known_keys(std::string_view section) {
    std::string names;
    for (const auto& spec : key_specs()) {
        if (spec.section == section) {
            names += names.empty() ? "" : ", ";
            names += spec.name;
        }
    }
    return names;
}

void apply_key(Config& config, std::string_view section, std::string_view name,
               const toml::node& node, const std::string& origin, bool secrets_allowed) {
    const std::string key = std::string(section) + "." + std::string(name);
    for (const auto& spec : key_specs()) {
        if (spec.section != section || spec.name != name) {
            continue;
        }
        if (spec.secret && !secrets_allowed) {
            throw UsageError(where(origin, node) + ": '" + key +
                             "' is a secret and is not allowed here; put it in conf/secrets.toml "
                             "(mode 600, git-ignored) or the environment");
        }
        bool valid = false;
        std::string detail;
        try {
            valid = spec.set(config, node);
        } catch (const SettingDetail& wrong) {
            detail = std::string(": ") + wrong.what();
        }
        if (!valid) {
            throw UsageError(where(origin, node) + ": '" + key + "' must be " + spec.expected +
                             detail);
        }
        return;
    }
    throw UsageError(where(origin, node) + ": unknown key '" + key + "' (known in [" +
                     std::string(section) + "]: " + known_keys(section) + ")");
}

// "[database], [source], ...": the sections of key_specs, in order.
std::string known_sections() {
    std::string names;
    for (const auto& spec : key_specs()) {
        const std::string section = "[" + std::string(spec.section) + "]";
        if (names.find(section) == std::string::npos) {
            names += names.empty() ? "" : ", ";
            names += section;
        }
    }
    return names;
}

bool is_known_section(std::string_view section) {
    for (const auto& spec : key_specs()) {
        if (spec.section == section) {
            return true;
        }
    }
    return false;
}

} // namespace

void apply_config_table(Config& config, const toml::table& document, const std::string& origin,
                        bool secrets_allowed) {
    for (const auto& [section_key, section_node] : document) {
        const std::string_view section = section_key.str();
        const auto* table = section_node.as_table();
        if (!table || !is_known_section(section)) {
            throw UsageError(where(origin, section_node) + ": unknown section or key '" +
                             std::string(section) + "' (sections: " + known_sections() + ")");
        }
        for (const auto& [name, node] : *table) {
            apply_key(config, section, name.str(), node, origin, secrets_allowed);
        }
    }
}

} // namespace offimport
