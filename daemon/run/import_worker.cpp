#include "daemon/run/import_worker.hpp"

#include <boost/asio/post.hpp>

namespace offimport::daemon {

ImportWorker::ImportWorker(asio::io_context& io, ImportRunner runner, Finished finished)
    : io_(io), runner_(std::move(runner)), finished_(std::move(finished)) {}

ImportWorker::~ImportWorker() {
    thread_.join();
}

std::optional<RunTicket> ImportWorker::start(const Config& config, const std::string& mode,
                                             RunOrigin origin) {
    if (running_) {
        return std::nullopt;
    }
    running_ = RunTicket{++last_ticket_, mode, origin, Clock::now()};
    progress_ = std::make_shared<SourceProgress>();
    cancel_ = std::make_shared<CancelFlag>();
    // The thread gets its own copy of the configuration: a reload must not change a run.
    asio::post(thread_, [this, config, run = *running_, progress = progress_, cancel = cancel_] {
        RunOutcome outcome = perform_run(runner_, config, run, *progress, *cancel);
        asio::post(
            io_, [this, outcome = std::move(outcome)]() mutable { complete(std::move(outcome)); });
    });
    return running_;
}

void ImportWorker::cancel() {
    if (running_ && cancel_) {
        cancel_->request();
    }
}

void ImportWorker::complete(RunOutcome outcome) {
    running_.reset();
    progress_ = std::make_shared<SourceProgress>();
    finished_(std::move(outcome));
}

} // namespace offimport::daemon
