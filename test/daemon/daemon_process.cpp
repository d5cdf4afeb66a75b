#include "daemon_process.hpp"

#include "support/http_servers.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace offimport::test {
namespace {

std::string toml_string(const std::string& text) {
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "\"";
}

} // namespace

std::string offimportd_binary() {
    const char* path = std::getenv("OFFIMPORTD_BINARY");
    if (!path) {
        throw std::runtime_error("OFFIMPORTD_BINARY is not set (run the tests through ctest)");
    }
    return path;
}

DaemonProcess::DaemonProcess(const DaemonSetup& setup) : port_(free_port()) {
    write_config(setup);
    // The launcher's words, then offimportd's.
    std::vector<std::string> command = setup.launcher;
    command.push_back(offimportd_binary());
    command.insert(command.end(),
                   {"--config", (dir_ / "offimport.toml").string(), "--database", setup.conninfo});
    const std::string program = command[0];
    command.erase(command.begin());
    process_ = std::make_unique<ChildProcess>(program, command, setup.environment);
    if (!wait_until_listening(port_, 10)) {
        throw std::runtime_error("offimportd did not listen on port " + std::to_string(port_));
    }
}

void DaemonProcess::write_config_text(const std::string& toml) const {
    write_file(dir_ / "offimport.toml", toml);
}

void DaemonProcess::write_config(const DaemonSetup& setup) const {
    write_config_text(
        "[source]\nurl = " + toml_string(setup.source) +
        "\n[import]\nmin_products = 1\nafter_success = " + toml_string(setup.after_success) +
        "\n[log]\nlevel = " + toml_string(setup.log_level) +
        "\nformat = " + toml_string(setup.log_format) +
        "\n[daemon]\nlisten_address = \"127.0.0.1\"\nlisten_port = " + std::to_string(port_) +
        "\nfull_schedule = " + toml_string(setup.full_schedule) + "\ntime_zone = \"UTC\"\n");
    const auto secrets = dir_ / "secrets.toml";
    if (setup.token.empty()) {
        std::filesystem::remove(secrets);
        return;
    }
    write_file(secrets, "[daemon]\nrefresh_token = " + toml_string(setup.token) + "\n");
    std::filesystem::permissions(secrets, std::filesystem::perms::owner_read |
                                              std::filesystem::perms::owner_write);
}

} // namespace offimport::test
