#pragma once

#include <chrono>
#include <thread>

namespace offimport::test {

// Polls `condition` every 50 ms until it holds; false after `seconds`. For effects that
// another process or thread brings about.
template <typename Condition>
bool eventually(Condition condition, int seconds = 20) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

} // namespace offimport::test
