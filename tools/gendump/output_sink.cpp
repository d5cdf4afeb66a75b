#include "output_sink.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <stdexcept>
#include <unistd.h>

namespace gendump {

namespace {

constexpr std::size_t buffer_size = 8 << 20;

class PlainSink final : public OutputSink {
public:
    explicit PlainSink(int fd) : OutputSink(fd) {}

private:
    void consume(std::string_view data, bool) override { write_fd(data.data(), data.size()); }
};

// Streaming gzip through isal_deflate: one stream, header and trailer written by isa-l.
class GzipSink final : public OutputSink {
public:
    explicit GzipSink(int fd) : OutputSink(fd), level_buf_(ISAL_DEF_LVL1_DEFAULT), out_(1 << 20) {
        isal_deflate_init(&stream_);
        stream_.level = 1;
        stream_.level_buf = level_buf_.data();
        stream_.level_buf_size = static_cast<std::uint32_t>(level_buf_.size());
        stream_.gzip_flag = IGZIP_GZIP;
    }

private:
    void consume(std::string_view data, bool last) override {
        // isa-l takes non-const input pointers but does not modify the input.
        stream_.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(data.data()));
        stream_.avail_in = static_cast<std::uint32_t>(data.size());
        stream_.end_of_stream = last ? 1 : 0;
        stream_.flush = NO_FLUSH;
        do {
            stream_.next_out = out_.data();
            stream_.avail_out = static_cast<std::uint32_t>(out_.size());
            if (isal_deflate(&stream_) != COMP_OK) {
                throw std::runtime_error("gzip compression failed");
            }
            write_fd(reinterpret_cast<const char*>(out_.data()), out_.size() - stream_.avail_out);
        } while (stream_.avail_in > 0 || (last && stream_.internal_state.state != ZSTATE_END));
    }

    isal_zstream stream_{};
    std::vector<std::uint8_t> level_buf_;
    std::vector<std::uint8_t> out_;
};

} // namespace

std::unique_ptr<OutputSink> OutputSink::open(const std::string& path, OutputFormat format) {
    int fd = STDOUT_FILENO;
    if (path != "-") {
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
        }
    }
    if (format == OutputFormat::gzip) {
        return std::make_unique<GzipSink>(fd);
    }
    return std::make_unique<PlainSink>(fd);
}

OutputSink::OutputSink(int fd) : fd_(fd) {
    buffer_.reserve(buffer_size);
}

OutputSink::~OutputSink() {
    if (fd_ > STDOUT_FILENO) {
        ::close(fd_);
    }
}

void OutputSink::flush_buffer(bool last) {
    consume(std::string_view(buffer_.data(), buffer_.size()), last);
    buffer_.clear();
}

void OutputSink::finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    flush_buffer(true);
    if (fd_ > STDOUT_FILENO && ::close(fd_) != 0) {
        fd_ = -1;
        throw std::runtime_error(std::string("closing the output failed: ") + std::strerror(errno));
    }
    fd_ = -1;
}

void OutputSink::write_fd(const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd_, data, size);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error(std::string("write failed: ") + std::strerror(errno));
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
}

} // namespace gendump
