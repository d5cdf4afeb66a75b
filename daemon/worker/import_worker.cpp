#include "daemon/worker/import_worker.hpp"

#include <boost/asio/post.hpp>

namespace offimport::daemon {

ImportWorker::ImportWorker(asio::io_context& io, ImportRunner runner, Finished finished)
    : io_(io), runner_(std::move(runner)), finished_(std::move(finished)) {}

ImportWorker::~ImportWorker() {
    thread_.join();
}

std::optional<RunTicket> ImportWorker::start(const Config& config, RunMode mode, RunOrigin origin,
                                             bool verify) {
    if (running_) {
        return std::nullopt;
    }
    running_ = RunTicket{++last_ticket_, mode, origin, verify, Clock::now(), std::nullopt};
    progress_ = std::make_shared<SourceProgress>();
    cancel_ = std::make_shared<CancelFlag>();
    // The thread gets its own copy of the configuration: a reload must not change a run.
    // The run id arrives on the import's thread; the ticket is updated on the io_context's.
    RunStarted on_started = [this, ticket = running_->ticket](std::int64_t run_id) {
        asio::post(io_, [this, ticket, run_id] {
            if (running_ && running_->ticket == ticket) {
                running_->run_id = run_id;
            }
        });
    };
    asio::post(thread_, [this, config, run = *running_, progress = progress_, cancel = cancel_,
                         on_started = std::move(on_started)] {
        RunOutcome outcome = perform_run(runner_, config, run, *progress, *cancel, on_started);
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
