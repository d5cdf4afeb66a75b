#pragma once

#include "daemon/app/daemon.hpp"
#include "http_client.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace offimport::test {

// An import that holds until the test releases it (or the daemon cancels it), reporting 40 of
// 100 bytes read meanwhile: lets tests look at a daemon while "an import is running".
class ImportGate {
public:
    daemon::ImportRunner runner();
    // True once `count` imports in all have entered the gate.
    bool wait_for_imports(int count, int seconds = 10);
    void release();
    std::string last_mode() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    int started_ = 0;
    bool released_ = false;
    std::string last_mode_;
};

// A Daemon with this configuration and import runner, serving on a free port from a thread
// of its own; stopped (as by SIGTERM) at the end of the test.
class InProcessDaemon {
public:
    InProcessDaemon(Config config, daemon::ImportRunner runner);
    ~InProcessDaemon();
    int port() const { return port_; }
    HttpReply get(const std::string& target) const { return http_get(port_, target); }
    HttpReply post(const std::string& target, const std::string& token) const {
        return http_post(port_, target, token);
    }
    // Runs `work` on the daemon's event loop.
    void post(std::function<void()> work) { daemon_.post(std::move(work)); }

private:
    int port_;
    daemon::Daemon daemon_;
    std::thread thread_;
};

// Defaults for in-process daemons: no schedule that could fire, UTC.
Config daemon_test_config(const std::string& conninfo, const std::string& token);

} // namespace offimport::test
