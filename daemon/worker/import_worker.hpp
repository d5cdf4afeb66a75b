#pragma once

#include "daemon/base/asio.hpp"
#include "daemon/worker/run_outcome.hpp"

#include <functional>
#include <memory>
#include <optional>

namespace offimport::daemon {

// Runs imports on one thread of their own, one at a time, so that HTTP and the schedule never
// wait for one. Everything but the import itself happens on the io_context's thread: start(),
// running(), cancel() and the `finished` callback.
class ImportWorker {
public:
    using Finished = std::function<void(RunOutcome)>;

    ImportWorker(asio::io_context& io, ImportRunner runner, Finished finished);
    ~ImportWorker(); // waits for the thread
    ImportWorker(const ImportWorker&) = delete;
    ImportWorker& operator=(const ImportWorker&) = delete;

    // Starts an import of `mode` with this configuration, unless one is running (nullopt);
    // `verify`: a full import compares every product.
    std::optional<RunTicket> start(const Config& config, RunMode mode, RunOrigin origin,
                                   bool verify = false);
    const std::optional<RunTicket>& running() const { return running_; }
    // Bytes read by the running import so far (all zero when none runs).
    const SourceProgress& progress() const { return *progress_; }
    // Asks the running import to stop; its transaction rolls back and `finished` follows.
    void cancel();

private:
    void complete(RunOutcome outcome);

    asio::io_context& io_;
    ImportRunner runner_;
    Finished finished_;
    std::uint64_t last_ticket_ = 0;
    std::optional<RunTicket> running_;
    // Fresh for each run: a CancelFlag cannot be reset, and the thread may still hold the last.
    std::shared_ptr<SourceProgress> progress_ = std::make_shared<SourceProgress>();
    std::shared_ptr<CancelFlag> cancel_;
    asio::thread_pool thread_{1};
};

} // namespace offimport::daemon
