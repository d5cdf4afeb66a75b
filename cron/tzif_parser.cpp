#include "cron/tzif_parser.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace offimport::cron {

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr std::string_view tzif_magic = "TZif";
// Real zones stay within about a day of UTC; anything further is a corrupt file, and would
// make every wall-clock lookup search an absurdly wide window.
constexpr seconds max_abs_offset{26 * 3600};

[[noreturn]] void corrupt(const std::string& why) {
    throw std::invalid_argument("malformed TZif data: " + why);
}

// Bounds-checked big-endian reads over the file's bytes.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

    std::uint8_t u8() {
        need(1);
        return static_cast<std::uint8_t>(bytes_[pos_++]);
    }

    std::uint64_t big_endian(std::size_t width) {
        need(width);
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value = (value << 8) | static_cast<std::uint8_t>(bytes_[pos_++]);
        }
        return value;
    }

    // C++20 makes conversion to a signed type modular, so this is exact two's complement.
    std::int64_t signed_big_endian(std::size_t width) {
        const std::uint64_t raw = big_endian(width);
        if (width == 4) {
            return static_cast<std::int32_t>(static_cast<std::uint32_t>(raw));
        }
        return static_cast<std::int64_t>(raw);
    }

    std::string_view take(std::size_t count) {
        need(count);
        const std::string_view part = bytes_.substr(pos_, count);
        pos_ += count;
        return part;
    }

    void skip(std::size_t count) { take(count); }
    bool at_end() const { return pos_ >= bytes_.size(); }

    // Checked before sizing containers from counts that the file states.
    void need(std::size_t count) const {
        if (bytes_.size() - pos_ < count) {
            corrupt("file is truncated");
        }
    }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

struct Header {
    char version = 0;
    std::size_t isutcnt = 0;
    std::size_t isstdcnt = 0;
    std::size_t leapcnt = 0;
    std::size_t timecnt = 0;
    std::size_t typecnt = 0;
    std::size_t charcnt = 0;
};

Header read_header(ByteReader& in) {
    if (in.take(tzif_magic.size()) != tzif_magic) {
        corrupt("missing the TZif magic");
    }
    Header header;
    header.version = static_cast<char>(in.u8());
    in.skip(15); // reserved
    header.isutcnt = in.big_endian(4);
    header.isstdcnt = in.big_endian(4);
    header.leapcnt = in.big_endian(4);
    header.timecnt = in.big_endian(4);
    header.typecnt = in.big_endian(4);
    header.charcnt = in.big_endian(4);
    if (header.typecnt == 0) {
        corrupt("no local time types");
    }
    return header;
}

// The size of a data block; version 1 blocks, kept for old readers, are skipped with it.
std::size_t block_size(const Header& h, std::size_t time_width) {
    return h.timecnt * (time_width + 1) + h.typecnt * 6 + h.charcnt + h.leapcnt * (time_width + 4) +
           h.isstdcnt + h.isutcnt;
}

seconds read_utc_offset(ByteReader& in) {
    const seconds offset{in.signed_big_endian(4)};
    in.skip(2); // is-DST flag and abbreviation index: a schedule needs neither
    if (offset > max_abs_offset || offset < -max_abs_offset) {
        corrupt("UTC offset beyond 26 hours");
    }
    return offset;
}

struct DataBlock {
    seconds initial_offset{0};
    std::vector<ZoneTransition> transitions;
};

DataBlock read_data_block(ByteReader& in, const Header& h, std::size_t time_width) {
    if (h.leapcnt != 0) {
        corrupt("leap second records are not supported (use a zone outside right/)");
    }
    in.need(block_size(h, time_width));
    std::vector<sys_seconds> times;
    times.reserve(h.timecnt);
    for (std::size_t i = 0; i < h.timecnt; ++i) {
        times.emplace_back(seconds{in.signed_big_endian(time_width)});
        if (i > 0 && times[i] <= times[i - 1]) {
            corrupt("transition times are not ascending");
        }
    }
    std::vector<std::uint8_t> type_indices;
    type_indices.reserve(h.timecnt);
    for (std::size_t i = 0; i < h.timecnt; ++i) {
        type_indices.push_back(in.u8());
        if (type_indices.back() >= h.typecnt) {
            corrupt("transition refers to a missing local time type");
        }
    }
    std::vector<seconds> offsets;
    offsets.reserve(h.typecnt);
    for (std::size_t i = 0; i < h.typecnt; ++i) {
        offsets.push_back(read_utc_offset(in));
    }
    in.skip(h.charcnt + h.isstdcnt + h.isutcnt);

    // RFC 8536: local time type 0 applies before the first transition.
    DataBlock block{offsets.front(), {}};
    block.transitions.reserve(h.timecnt);
    for (std::size_t i = 0; i < h.timecnt; ++i) {
        block.transitions.push_back({times[i], offsets[type_indices[i]]});
    }
    return block;
}

// The footer is "\n<POSIX TZ string>\n"; an empty string means "no rule".
std::optional<PosixTimeZone> read_footer(ByteReader& in) {
    if (in.at_end()) {
        return std::nullopt;
    }
    if (in.u8() != '\n') {
        corrupt("footer does not start with a newline");
    }
    std::string rule;
    for (char c = static_cast<char>(in.u8()); c != '\n'; c = static_cast<char>(in.u8())) {
        rule.push_back(c);
    }
    if (rule.empty()) {
        return std::nullopt;
    }
    return parse_posix_tz(rule);
}

} // namespace

bool looks_like_tzif(std::string_view bytes) {
    return bytes.substr(0, tzif_magic.size()) == tzif_magic;
}

ZoneRules parse_tzif(std::string_view bytes) {
    ByteReader in(bytes);
    const Header first = read_header(in);
    if (first.version == '\0') {
        DataBlock block = read_data_block(in, first, 4);
        return ZoneRules(block.initial_offset, std::move(block.transitions), std::nullopt);
    }
    // Version 2 and later repeat everything with 64-bit times, then add the footer.
    in.skip(block_size(first, 4));
    const Header second = read_header(in);
    DataBlock block = read_data_block(in, second, 8);
    std::optional<PosixTimeZone> footer = read_footer(in);
    return ZoneRules(block.initial_offset, std::move(block.transitions), footer);
}

} // namespace offimport::cron
