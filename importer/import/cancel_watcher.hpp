#pragma once

#include "base/cancel.hpp"
#include "db/connection.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace offimport {

// While alive, turns a cancel request into a PostgreSQL cancel of the running statement, so a
// long merge stops promptly and its transaction rolls back.
class CancelWatcher {
public:
    CancelWatcher(const CancelFlag& cancel, db::Connection& connection);
    ~CancelWatcher();
    CancelWatcher(const CancelWatcher&) = delete;
    CancelWatcher& operator=(const CancelWatcher&) = delete;

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    std::thread thread_;
};

} // namespace offimport
