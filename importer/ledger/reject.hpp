#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace offimport {

// A line the run could not import, as recorded in <schema>.rejects.
struct Reject {
    std::uint64_t line_no = 0;
    std::optional<std::string> code; // as found in the line, when it had one
    std::string reason;
    std::string excerpt; // the line's first 200 bytes, made safe for a text column
};

} // namespace offimport
