#include "base/one_line.hpp"

namespace offimport {

std::string one_line(std::string_view message) {
    std::string line;
    line.reserve(message.size());
    bool blank_pending = false;
    for (const char c : message) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f || c == ' ') {
            blank_pending = true;
            continue;
        }
        if (blank_pending && !line.empty()) {
            line += ' ';
        }
        blank_pending = false;
        line += c;
    }
    return line;
}

} // namespace offimport
