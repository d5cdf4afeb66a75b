#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace offimport {

// Appends rows in PostgreSQL's COPY text format to a buffer. It owns all escaping:
// \N for NULL, backslash escapes for backslash, tab, newline and carriage return, and the
// quoting of array elements. Text is written as given: callers clean it first.
class CopyRowWriter {
public:
    explicit CopyRowWriter(std::string& out) : out_(out) {}

    void null();
    void text(std::string_view value);
    void text(const std::optional<std::string_view>& value);
    void integer(std::int64_t value);
    void integer(const std::optional<std::int64_t>& value);
    void real(const std::optional<double>& value);
    // A timestamptz from Unix seconds, as "YYYY-MM-DD HH:MM:SS+00": the value PostgreSQL's
    // to_timestamp gives for the same seconds, whatever the session's time zone or DateStyle.
    // Years 1 to 9999 (what the parser accepts).
    void timestamp(const std::optional<std::int64_t>& unix_seconds);
    // A text[] value; an empty list is written as NULL.
    void text_array(std::span<const std::string_view> items);
    void end_row();

private:
    void separate();
    void escaped(std::string_view value);

    std::string& out_;
    bool row_started_ = false;
};

} // namespace offimport
