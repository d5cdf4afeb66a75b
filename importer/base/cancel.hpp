#pragma once

#include "base/errors.hpp"

#include <atomic>

namespace offimport {

// Set from a signal handler or another thread; long loops poll it and throw CancelledError.
class CancelFlag {
public:
    CancelFlag() = default;
    // Raised by its own request() and by `parent`'s: one stage of a run stopped, by its
    // pipeline or with the whole run.
    explicit CancelFlag(const CancelFlag* parent) : parent_(parent) {}

    void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
    bool requested() const noexcept {
        return requested_.load(std::memory_order_relaxed) || (parent_ && parent_->requested());
    }
    void throw_if_requested() const {
        if (requested()) {
            throw CancelledError();
        }
    }

private:
    const CancelFlag* parent_ = nullptr;
    std::atomic<bool> requested_{false};
};

} // namespace offimport
