#pragma once

#include <algorithm>
#include <cstring>
#include <span>
#include <string_view>

namespace offimport {

// Where decoded dump text goes. The receiver lends the space to write into, so the inflater
// writes the text once, straight into the buffer a parser will read (copying a gigabyte of
// text from the inflater's buffer into blocks cost a tenth of the reader thread's time).
class TextSink {
public:
    virtual ~TextSink() = default;
    // Space for the next bytes of text: never empty, valid until commit().
    virtual std::span<char> space() = 0;
    // The first `bytes` of the last space() now hold text.
    virtual void commit(std::size_t bytes) = 0;

    // For text that already sits in memory (plain sources): copied into the lent space.
    void write(std::string_view text) {
        while (!text.empty()) {
            const auto room = space();
            const std::size_t take = std::min(room.size(), text.size());
            std::memcpy(room.data(), text.data(), take);
            commit(take);
            text.remove_prefix(take);
        }
    }
};

} // namespace offimport
