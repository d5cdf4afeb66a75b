#pragma once

#include "source/source.hpp"

#include <chrono>
#include <cstdint>

namespace offimport {

// The progress line on a terminal: percentage of source bytes (when the size is known), rate,
// ETA and products so far, redrawn at most four times a second.
class ProgressLine {
public:
    ProgressLine(bool enabled, const SourceProgress& progress);
    void update(std::uint64_t products); // cheap when called often
    void step(const char* what);         // "merging", shown until the next update
    void clear();                        // erases the line before the summary

private:
    void draw(std::uint64_t products, const char* what);

    bool enabled_;
    const SourceProgress& progress_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_draw_{};
    bool drawn_ = false;
};

} // namespace offimport
