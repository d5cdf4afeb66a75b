// Minimal compact JSON emitter appending to a TextBuffer.
//
// The generator writes tens of thousands of members per second, so this is a thin layer over
// string appends: no DOM, no locale, no iostreams. Commas are inserted automatically; keys are
// trusted ASCII literals and are not escaped.
#pragma once

#include "text_buffer.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace gendump {

enum class Escape {
    minimal, // only what JSON requires: quote, backslash, control characters
    ascii,   // also every non-ASCII character as \uXXXX (some producers emit this)
};

class JsonWriter {
public:
    explicit JsonWriter(TextBuffer& out) : out_(out) { first_[0] = true; }

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void key(std::string_view name);

    void string(std::string_view text, Escape escape = Escape::minimal);
    void integer(std::int64_t value);
    // mantissa / 10^scale written in shortest form: (163, 3) -> 0.163, (2500, 2) -> 25.
    void decimal(std::int64_t mantissa, int scale);
    // The same number written as a JSON string ("0.163"), as some producers do.
    void decimal_string(std::int64_t mantissa, int scale);
    void boolean(bool value);
    void null();
    // An already serialised JSON value, written as is.
    void raw(std::string_view json);

    // Convenience: key followed by a value.
    void member(std::string_view name, std::string_view text) {
        key(name);
        string(text);
    }
    void member_int(std::string_view name, std::int64_t value) {
        key(name);
        integer(value);
    }
    void member_raw(std::string_view name, std::string_view json) {
        key(name);
        raw(json);
    }

private:
    void separate();
    void append_decimal(std::int64_t mantissa, int scale);

    TextBuffer& out_;
    std::array<bool, 64> first_{}; // per nesting level: no member written yet
    int depth_ = 0;
    bool after_key_ = false;
};

} // namespace gendump
