#include "pipeline/progress.hpp"

#include "base/number_text.hpp"

#include <cstdio>

namespace offimport {

std::string progress_text(std::uint64_t products, double read_bytes, double total_bytes,
                          double elapsed_seconds) {
    const double rate = elapsed_seconds > 0 ? read_bytes / elapsed_seconds : 0;
    char line[160];
    if (total_bytes > 0) {
        const double eta = rate > 0 ? (total_bytes - read_bytes) / rate : 0;
        std::snprintf(line, sizeof line, "%5.1f%%  %.1f/%.1f MB  %.1f MB/s  ETA %d:%02d  ",
                      100.0 * read_bytes / total_bytes, read_bytes / 1e6, total_bytes / 1e6,
                      rate / 1e6, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    } else {
        std::snprintf(line, sizeof line, "%.1f MB  %.1f MB/s  ", read_bytes / 1e6, rate / 1e6);
    }
    return line + grouped(products) + " products";
}

ProgressLine::ProgressLine(bool enabled, const SourceProgress& progress)
    : enabled_(enabled), progress_(progress), started_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::uint64_t products) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(250)) {
        return;
    }
    last_draw_ = now;
    draw(products, nullptr);
}

void ProgressLine::step(const char* what) {
    if (enabled_) {
        draw(0, what);
    }
}

void ProgressLine::draw(std::uint64_t products, const char* what) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    std::string line = "\r\033[K";
    if (what) {
        line += std::string(what) + " (" + fixed(elapsed, 0) + " s)";
    } else {
        line += progress_text(products, static_cast<double>(progress_.bytes_read.load()),
                              static_cast<double>(progress_.total_bytes.load()), elapsed);
    }
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::clear() {
    if (drawn_) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        drawn_ = false;
    }
}

} // namespace offimport
