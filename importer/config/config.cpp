#include "config/config.hpp"

#include "base/errors.hpp"
#include "config/config_keys.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

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
    for (fs::path candidate : {"conf/offimport.toml", "/etc/offimport/offimport.toml"}) {
        if (fs::exists(candidate)) {
            return candidate;
        }
    }
    return {};
}

// secrets.toml may hold a token or a password: a regular file of the running user that nobody
// else may read. What is checked is the descriptor that is then read (no check-then-open race);
// a symlink is not followed and a FIFO or device cannot block start-up (O_NONBLOCK).
void check_secrets_file(int fd, const fs::path& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        throw UsageError("cannot stat " + path.string() + ": " + std::strerror(errno));
    }
    if (!S_ISREG(info.st_mode)) {
        throw UsageError("refusing " + path.string() + ": it is not a regular file");
    }
    if (info.st_uid != ::geteuid()) {
        throw UsageError("refusing " + path.string() + ": it belongs to another user (uid " +
                         std::to_string(info.st_uid) + "); run: chown " +
                         std::to_string(::geteuid()) + " " + path.string());
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        throw UsageError("refusing " + path.string() + ": other users can read it (mode " + mode +
                         "); run: chmod 600 " + path.string());
    }
}

// The text of secrets.toml, or nothing when there is none.
std::optional<std::string> read_secrets_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        if (errno == ELOOP) {
            throw UsageError("refusing " + path.string() +
                             ": it is a symbolic link (secrets are read from the file itself)");
        }
        throw UsageError("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    std::string text;
    try {
        check_secrets_file(fd, path);
        char buffer[4096];
        for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) != 0;) {
            if (got < 0) {
                throw UsageError("cannot read " + path.string() + ": " + std::strerror(errno));
            }
            text.append(buffer, static_cast<std::size_t>(got));
        }
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    return text;
}

void apply_file(Config& config, const fs::path& path, bool secrets_allowed) {
    apply_config_text(config, read_file(path), path.string(), secrets_allowed);
    config.loaded_files.push_back(path);
}

void apply_environment(Config& config) {
    if (const char* token = std::getenv("OFFIMPORT_REFRESH_TOKEN"); token && *token) {
        config.refresh_token = token;
    }
    if (const char* dsn = std::getenv("OFFIMPORT_SENTRY_DSN"); dsn && *dsn) {
        config.sentry_dsn = dsn;
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
        config.environment = env;
    }

    const fs::path secrets = directory / "secrets.toml";
    if (const auto text = read_secrets_file(secrets)) {
        apply_config_text(config, *text, secrets.string(), true);
        config.loaded_files.push_back(secrets);
    }
    apply_environment(config);
    return config;
}

} // namespace offimport
