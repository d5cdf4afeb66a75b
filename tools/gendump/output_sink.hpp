// Where generated lines go: a file or stdout, plain or gzip (isa-l, level 1), through a large
// buffer so that the per-line cost is a memcpy. Memory use is constant whatever the output size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gendump {

enum class OutputFormat { plain, gzip };

class OutputSink {
public:
    // path "-" means stdout. Throws std::runtime_error when the file cannot be opened.
    static std::unique_ptr<OutputSink> open(const std::string& path, OutputFormat format);

    virtual ~OutputSink();
    OutputSink(const OutputSink&) = delete;
    OutputSink& operator=(const OutputSink&) = delete;

    void append(std::string_view data) {
        if (data.size() > buffer_.capacity() - buffer_.size()) {
            flush_buffer(false);
        }
        if (data.size() > buffer_.capacity()) {
            consume(data, false); // larger than the whole buffer: pass it straight through
        } else {
            buffer_.insert(buffer_.end(), data.begin(), data.end());
        }
        bytes_ += data.size();
    }

    // Flushes everything, writes the gzip trailer, closes the file. Throws on write errors.
    void finish();

    // Uncompressed bytes appended so far.
    std::uint64_t bytes() const { return bytes_; }

protected:
    explicit OutputSink(int fd);

    // Compress (or not) and write `data`; `last` marks the end of the stream.
    virtual void consume(std::string_view data, bool last) = 0;
    void write_fd(const char* data, std::size_t size);

private:
    void flush_buffer(bool last);

    int fd_;
    std::vector<char> buffer_;
    std::uint64_t bytes_ = 0;
    bool finished_ = false;
};

} // namespace gendump
