#include "normalise/copy_row.hpp"

#include <charconv>
#include <chrono>

namespace offimport {

void CopyRowWriter::separate() {
    if (row_started_) {
        out_ += '\t';
    }
    row_started_ = true;
}

void CopyRowWriter::escaped(std::string_view value) {
    std::size_t plain_from = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const char* escape = nullptr;
        switch (c) {
        case '\\':
            escape = "\\\\";
            break;
        case '\t':
            escape = "\\t";
            break;
        case '\n':
            escape = "\\n";
            break;
        case '\r':
            escape = "\\r";
            break;
        default:
            continue;
        }
        out_.append(value.substr(plain_from, i - plain_from));
        out_ += escape;
        plain_from = i + 1;
    }
    out_.append(value.substr(plain_from));
}

void CopyRowWriter::null() {
    separate();
    out_ += "\\N";
}

void CopyRowWriter::text(std::string_view value) {
    separate();
    escaped(value);
}

void CopyRowWriter::text(const std::optional<std::string_view>& value) {
    value ? text(*value) : null();
}

void CopyRowWriter::integer(std::int64_t value) {
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out_.append(digits, end);
}

void CopyRowWriter::integer(const std::optional<std::int64_t>& value) {
    value ? integer(*value) : null();
}

namespace {

// `value` as exactly `width` decimal digits (it has no more).
char* put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

void CopyRowWriter::timestamp(const std::optional<std::int64_t>& unix_seconds) {
    if (!unix_seconds) {
        null();
        return;
    }
    using namespace std::chrono;
    const sys_seconds at{seconds(*unix_seconds)};
    const auto day = floor<days>(at);
    const year_month_day date{day};
    const hh_mm_ss time{at - day};
    // snprintf would do, at a few hundred nanoseconds a call: two calls a product.
    char text[] = "YYYY-MM-DD HH:MM:SS+00";
    put_digits(text, static_cast<unsigned>(int(date.year())), 4);
    put_digits(text + 5, unsigned(date.month()), 2);
    put_digits(text + 8, unsigned(date.day()), 2);
    put_digits(text + 11, static_cast<unsigned>(time.hours().count()), 2);
    put_digits(text + 14, static_cast<unsigned>(time.minutes().count()), 2);
    put_digits(text + 17, static_cast<unsigned>(time.seconds().count()), 2);
    separate();
    out_.append(text, sizeof text - 1);
}

void CopyRowWriter::real(const std::optional<double>& value) {
    if (!value) {
        null();
        return;
    }
    separate();
    char digits[32];
    // Shortest text that reads back as the same double.
    const auto end = std::to_chars(digits, digits + sizeof digits, *value).ptr;
    out_.append(digits, end);
}

void CopyRowWriter::text_array(std::span<const std::string_view> items) {
    if (items.empty()) {
        null();
        return;
    }
    separate();
    // Array literal: {"a","b"} with " and \ backslash-escaped inside elements; the literal
    // then goes through COPY escaping like any text.
    out_ += '{';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out_ += ',';
        }
        out_ += '"';
        for (const char c : items[i]) {
            if (c == '"') {
                out_ += "\\\\\"";
            } else if (c == '\\') {
                out_ += "\\\\\\\\";
            } else {
                escaped(std::string_view(&c, 1));
            }
        }
        out_ += '"';
    }
    out_ += '}';
}

void CopyRowWriter::end_row() {
    out_ += '\n';
    row_started_ = false;
}

} // namespace offimport
