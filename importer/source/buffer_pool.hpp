#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace offimport {

// Recycles the multi-megabyte block buffers between the line splitter and the parser threads:
// a fresh buffer per block would make the kernel fault in new pages for every block, which
// cost about a tenth of the pipeline's time.
class BufferPool {
public:
    // Keeps at most `max_kept` buffers of at most `max_bytes` each: one grown for a long line
    // is freed, not kept for the rest of the run.
    BufferPool(std::size_t max_kept, std::size_t max_bytes)
        : max_kept_(max_kept), max_bytes_(max_bytes) {}

    std::string take() {
        std::lock_guard lock(mutex_);
        if (spare_.empty()) {
            return {};
        }
        std::string buffer = std::move(spare_.back());
        spare_.pop_back();
        return buffer;
    }

    void give(std::string&& buffer) {
        // Kept at its size (not cleared): making it big again would zero it byte by byte.
        std::lock_guard lock(mutex_);
        if (spare_.size() < max_kept_ && buffer.size() <= max_bytes_) {
            spare_.push_back(std::move(buffer));
        }
    }

private:
    std::size_t max_kept_;
    std::size_t max_bytes_;
    std::mutex mutex_;
    std::vector<std::string> spare_;
};

} // namespace offimport
