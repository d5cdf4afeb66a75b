#include "import/cancel_watcher.hpp"

namespace offimport {

CancelWatcher::CancelWatcher(const CancelFlag& cancel, db::Connection& connection)
    : thread_([this, &cancel, &connection] {
          std::unique_lock lock(mutex_);
          // A signal handler cannot notify a condition variable: poll the flag.
          while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return done_; })) {
              if (cancel.requested()) {
                  connection.cancel_running_statement();
                  return;
              }
          }
      }) {}

CancelWatcher::~CancelWatcher() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

} // namespace offimport
