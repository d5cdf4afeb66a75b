#include "in_process_daemon.hpp"

#include "daemon_process.hpp"
#include "support/http_servers.hpp"

#include <cstdio>
#include <stdexcept>

namespace offimport::test {

daemon::ImportRunner ImportGate::runner() {
    return [this](const Config&, const daemon::RunTicket& run, SourceProgress& progress,
                  const CancelFlag& cancel, const daemon::RunStarted& on_started) {
        const RunMode mode = run.mode;
        progress.total_bytes = 100;
        progress.bytes_read = 40;
        std::unique_lock lock(mutex_);
        ++started_;
        on_started(41 + started_); // the id the report below carries
        last_mode_ = std::string(to_string(mode)) + (run.verify ? " verify" : "");
        changed_.notify_all();
        while (!released_) {
            if (cancel.requested()) {
                throw CancelledError();
            }
            changed_.wait_for(lock, std::chrono::milliseconds(20));
        }
        released_ = false; // the next import waits again
        RunReport report;
        report.run_id = 41 + started_;
        report.mode = mode;
        report.status = RunStatus::succeeded;
        report.counts.inserted = 3;
        report.counts.source_bytes = 100;
        report.catalogue = 3;
        return report;
    };
}

bool ImportGate::wait_for_imports(int count, int seconds) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(seconds),
                             [&] { return started_ >= count; });
}

void ImportGate::release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
}

std::string ImportGate::last_mode() const {
    std::lock_guard lock(mutex_);
    return last_mode_;
}

Config daemon_test_config(const std::string& conninfo, const std::string& token) {
    Config config;
    config.conninfo = conninfo;
    config.full_schedule = never;
    config.time_zone = "UTC";
    config.refresh_token = token;
    config.listen_address = "127.0.0.1";
    return config;
}

namespace {

daemon::DaemonSettings listening_on(int port, Config config) {
    config.listen_port = port;
    return daemon::check_daemon_settings(std::move(config), 0);
}

} // namespace

InProcessDaemon::InProcessDaemon(Config config, daemon::ImportRunner runner)
    : port_(free_port()), daemon_({}, listening_on(port_, std::move(config)), std::move(runner)),
      thread_([this] {
          try {
              daemon_.run();
          } catch (const std::exception& error) {
              std::fprintf(stderr, "the daemon stopped: %s\n", error.what());
          }
      }) {
    if (!wait_until_listening(port_, 10)) {
        daemon_.stop();
        thread_.join();
        throw std::runtime_error("the daemon did not listen");
    }
}

InProcessDaemon::~InProcessDaemon() {
    daemon_.stop();
    thread_.join();
}

} // namespace offimport::test
