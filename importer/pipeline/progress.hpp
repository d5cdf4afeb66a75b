#pragma once

#include "source/source.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace offimport {

// The text of the line (without the terminal's control codes): "42.0%  420.0/1000.0 MB
// 10.0 MB/s  ETA 0:58  1,234,567 products", or without the share and ETA when `total_bytes`
// is unknown (0).
std::string progress_text(std::uint64_t products, double read_bytes, double total_bytes,
                          double elapsed_seconds);

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
