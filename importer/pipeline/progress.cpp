#include "pipeline/progress.hpp"

#include <cstdio>

namespace offimport {

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
    const double read = static_cast<double>(progress_.bytes_read.load());
    const double total = static_cast<double>(progress_.total_bytes.load());
    const double rate = elapsed > 0 ? read / elapsed : 0;
    char line[200];
    if (what) {
        std::snprintf(line, sizeof line, "\r\033[K%s (%.0f s)", what, elapsed);
    } else if (total > 0) {
        const double eta = rate > 0 ? (total - read) / rate : 0;
        std::snprintf(line, sizeof line,
                      "\r\033[K%5.1f%%  %.1f/%.1f MB  %.1f MB/s  ETA %d:%02d  %llu products",
                      100.0 * read / total, read / 1e6, total / 1e6, rate / 1e6,
                      static_cast<int>(eta) / 60, static_cast<int>(eta) % 60,
                      static_cast<unsigned long long>(products));
    } else {
        std::snprintf(line, sizeof line, "\r\033[K%.1f MB  %.1f MB/s  %llu products", read / 1e6,
                      rate / 1e6, static_cast<unsigned long long>(products));
    }
    std::fputs(line, stderr);
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
