#pragma once

#include <string>

namespace offimport::test {

// For short assertions on program output and response bodies.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace offimport::test
