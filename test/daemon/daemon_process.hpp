#pragma once

#include "eventually.hpp"
#include "http_client.hpp"
#include "support/child_process.hpp"
#include "support/dump_files.hpp"

#include <memory>
#include <string>
#include <vector>

namespace offimport::test {

// February 30th: a schedule that never fires, so no run starts unless a test asks for one.
inline const std::string never = "0 0 30 2 *";

// What an offimportd under test is configured with.
struct DaemonSetup {
    std::string conninfo;              // --database
    std::string source;                // source.url (a local dump)
    std::string full_schedule = never; // also decides whether a missed run is caught up
    std::string token;                 // refresh token, in secrets.toml; "" = none
    std::string log_level = "info";
    std::string log_format = "text";
    std::vector<std::string> launcher =
        {}; // runs offimportd, e.g. {"/usr/bin/prlimit", "--nofile=N"}
    std::vector<std::string> environment = {}; // "NAME=value", added to the test's own
    std::string after_success = {};            // import.after_success; "" = none
};

// offimportd started on a free loopback port, with its configuration in a temporary directory
// (rewritable, for SIGHUP). Killed at the end of the test if still running.
class DaemonProcess {
public:
    explicit DaemonProcess(const DaemonSetup& setup);
    int port() const { return port_; }
    HttpReply get(const std::string& target) const { return http_get(port_, target); }
    HttpReply post(const std::string& target, const std::string& token) const {
        return http_post(port_, target, token);
    }
    // Rewrites the configuration files (the port stays); send SIGHUP to apply them.
    void write_config(const DaemonSetup& setup) const;
    void write_config_text(const std::string& toml) const;
    void signal(int number) { process_->kill(number); }
    int wait() { return process_->wait(); }
    int pid() const { return process_->pid(); }
    const std::string& log() const { return process_->stderr_text(); } // after wait()

private:
    TempDir dir_;
    int port_;
    std::unique_ptr<ChildProcess> process_;
};

std::string offimportd_binary();

} // namespace offimport::test
