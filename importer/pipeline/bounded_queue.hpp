#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace offimport {

// A blocking FIFO of at most `capacity` items between pipeline stages: a full queue makes
// the producer wait, which is what bounds memory whatever the dump's size.
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

    // False when the queue was closed (the consumer gave up): drop the item and stop.
    bool push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) {
            return false;
        }
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    // Nothing when the queue is closed and drained.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) {
            return std::nullopt;
        }
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }

    // Whether a pop would wait now (a snapshot: another thread may change it at once).
    bool empty() {
        std::lock_guard lock(mutex_);
        return items_.empty();
    }
    // No more pushes; pops drain what is left, then get nothing.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

    // Closes and throws away what is queued: used when the run fails.
    void abandon() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        items_.clear();
        not_empty_.notify_all();
        not_full_.notify_all();
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_full_;
    std::condition_variable not_empty_;
    std::deque<T> items_;
    bool closed_ = false;
};

} // namespace offimport
