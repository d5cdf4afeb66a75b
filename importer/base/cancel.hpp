#pragma once

#include "base/errors.hpp"

#include <atomic>

namespace offimport {

// Set from a signal handler or another thread; long loops poll it and throw CancelledError.
class CancelFlag {
public:
    void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
    bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }
    void throw_if_requested() const {
        if (requested()) {
            throw CancelledError();
        }
    }

private:
    std::atomic<bool> requested_{false};
};

} // namespace offimport
