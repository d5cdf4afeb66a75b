#include "line_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace gendump {

namespace {

constexpr std::size_t raw_chunk = 4 << 20;
constexpr std::size_t initial_data = 16 << 20;

std::runtime_error error(const std::string& path, const std::string& what) {
    return std::runtime_error(path + ": " + what);
}

} // namespace

LineReader::LineReader(const std::string& path)
    : path_(path), raw_(raw_chunk), data_(initial_data) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        throw error(path, std::strerror(errno));
    }
    // Read the first chunk to look for the gzip magic bytes 1f 8b.
    read_raw();
    gzip_ = state_.avail_in >= 2 && raw_[0] == 0x1f && raw_[1] == 0x8b;
    if (gzip_) {
        start_member();
    }
}

LineReader::~LineReader() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

// Reads the next chunk of the file into raw_; next_in/avail_in describe it (also for plain
// files, which then copy from raw_).
bool LineReader::read_raw() {
    ssize_t got = 0;
    do {
        got = ::read(fd_, raw_.data(), raw_.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        throw error(path_, std::string("read failed: ") + std::strerror(errno));
    }
    state_.next_in = raw_.data();
    state_.avail_in = static_cast<std::uint32_t>(got);
    input_eof_ = got == 0;
    return got > 0;
}

void LineReader::start_member() {
    std::uint8_t* next_in = state_.next_in;
    const std::uint32_t avail_in = state_.avail_in;
    isal_inflate_init(&state_);
    state_.next_in = next_in;
    state_.avail_in = avail_in;
    state_.crc_flag = ISAL_GZIP; // parse the header, verify the CRC and length in the trailer
    member_done_ = false;
}

// Makes free space after end_: drops consumed bytes, or grows for a very long line.
void LineReader::make_room() {
    if (begin_ > 0) {
        std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        scanned_ -= begin_;
        begin_ = 0;
    }
    if (end_ == data_.size()) {
        data_.resize(data_.size() * 2);
    }
}

bool LineReader::fill_plain() {
    if (state_.avail_in == 0 && !read_raw()) {
        return false;
    }
    const std::size_t n = std::min<std::size_t>(state_.avail_in, data_.size() - end_);
    std::memcpy(data_.data() + end_, state_.next_in, n);
    state_.next_in += n;
    state_.avail_in -= static_cast<std::uint32_t>(n);
    end_ += n;
    return true;
}

bool LineReader::fill_gzip() {
    for (;;) {
        if (state_.avail_in == 0 && !input_eof_) {
            read_raw();
        }
        if (member_done_) {
            if (state_.avail_in == 0) {
                return false; // clean end after the last member
            }
            if (state_.avail_in >= 2 && (state_.next_in[0] != 0x1f || state_.next_in[1] != 0x8b)) {
                throw error(path_, "data after the end of the gzip stream");
            }
            start_member();
        }
        if (state_.avail_in == 0 && input_eof_) {
            throw error(path_, "truncated gzip stream");
        }
        state_.next_out = reinterpret_cast<std::uint8_t*>(data_.data() + end_);
        state_.avail_out = static_cast<std::uint32_t>(data_.size() - end_);
        const int rc = isal_inflate(&state_);
        if (rc < 0) {
            throw error(path_, "corrupt gzip stream (isa-l error " + std::to_string(rc) + ")");
        }
        const std::size_t produced = data_.size() - end_ - state_.avail_out;
        end_ += produced;
        member_done_ = state_.block_state == ISAL_BLOCK_FINISH;
        if (produced > 0) {
            return true;
        }
    }
}

bool LineReader::fill() {
    make_room();
    return gzip_ ? fill_gzip() : fill_plain();
}

bool LineReader::next(std::string_view& line) {
    for (;;) {
        const void* nl = std::memchr(data_.data() + scanned_, '\n', end_ - scanned_);
        if (nl != nullptr) {
            const auto pos = static_cast<std::size_t>(static_cast<const char*>(nl) - data_.data());
            line = std::string_view(data_.data() + begin_, pos - begin_);
            begin_ = scanned_ = pos + 1;
            return true;
        }
        scanned_ = end_;
        if (!fill()) {
            if (begin_ == end_) {
                return false;
            }
            line = std::string_view(data_.data() + begin_, end_ - begin_); // no final newline
            begin_ = scanned_ = end_;
            return true;
        }
    }
}

} // namespace gendump
