#include "config/config.hpp"

#include "app/errors.hpp"
#include "config/config_keys.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace offimport {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError("cannot read configuration file " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The file named by --config, else the development defaults beside the working directory,
// else the packaged location; none at all is fine (the built-in defaults apply).
fs::path find_config_file(const ConfigRequest& request) {
    if (!request.config_file.empty()) {
        if (!fs::exists(request.config_file)) {
            throw UsageError("configuration file " + request.config_file.string() +
                             " does not exist (given with --config)");
        }
        return request.config_file;
    }
    for (const fs::path candidate : {"conf/offimport.toml", "/etc/offimport/offimport.toml"}) {
        if (fs::exists(candidate)) {
            return candidate;
        }
    }
    return {};
}

// secrets.toml may hold a token or a password: refuse it when anyone else may read it.
void check_secrets_permissions(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        throw UsageError("cannot stat " + path.string());
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        throw UsageError("refusing " + path.string() + ": other users can read it (mode " + mode +
                         "); run: chmod 600 " + path.string());
    }
}

void apply_file(Config& config, const fs::path& path, bool secrets_allowed) {
    apply_config_text(config, read_file(path), path.string(), secrets_allowed);
    config.loaded_files.push_back(path);
}

void apply_environment(Config& config) {
    if (const char* token = std::getenv("OFFIMPORT_REFRESH_TOKEN"); token && *token) {
        config.refresh_token = token;
    }
}

} // namespace

void apply_config_text(Config& config, std::string_view toml_text, const std::string& origin,
                       bool secrets_allowed) {
    toml::table document;
    try {
        document = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& error) {
        std::ostringstream message;
        message << origin << ":" << error.source().begin.line << ":" << error.source().begin.column
                << ": " << error.description();
        throw UsageError(message.str());
    }
    apply_config_table(config, document, origin, secrets_allowed);
}

Config load_config(const ConfigRequest& request) {
    Config config;
    const fs::path main_file = find_config_file(request);
    if (!main_file.empty()) {
        apply_file(config, main_file, false);
    }
    const fs::path directory = main_file.empty() ? fs::path("conf") : main_file.parent_path();

    std::string env = request.env;
    if (env.empty()) {
        if (const char* from_env = std::getenv("OFFIMPORT_ENV")) {
            env = from_env;
        }
    }
    if (!env.empty()) {
        const fs::path env_file = directory / (env + ".toml");
        if (!fs::exists(env_file)) {
            throw UsageError("environment '" + env + "': " + env_file.string() +
                             " does not exist (from --env or OFFIMPORT_ENV)");
        }
        apply_file(config, env_file, false);
    }

    const fs::path secrets = directory / "secrets.toml";
    if (fs::exists(secrets)) {
        check_secrets_permissions(secrets);
        apply_file(config, secrets, true);
    }
    apply_environment(config);
    return config;
}

} // namespace offimport
