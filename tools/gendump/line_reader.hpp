// Reads a .jsonl or .jsonl.gz file line by line with constant memory. gzip is recognised by
// its magic bytes (not the file name) and inflated with isa-l; concatenated gzip members (as
// written by pigz or `cat a.gz b.gz`) are read one after the other.
#pragma once

#include <isa-l/igzip_lib.h>
#include <string>
#include <string_view>
#include <vector>

namespace gendump {

class LineReader {
public:
    // Throws std::runtime_error if the file cannot be opened.
    explicit LineReader(const std::string& path);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // The next line without its '\n'; valid until the next call. False at the end of input.
    // Throws on read errors and on a truncated or corrupt gzip stream.
    bool next(std::string_view& line);

private:
    bool fill();
    bool fill_plain();
    bool fill_gzip();
    bool read_raw();
    void start_member();
    void make_room();

    std::string path_;
    int fd_ = -1;
    bool gzip_ = false;
    bool input_eof_ = false;
    bool member_done_ = false;

    std::vector<std::uint8_t> raw_; // compressed bytes read from the file
    inflate_state state_{};

    std::vector<char> data_;  // decompressed bytes; lines are views into it
    std::size_t begin_ = 0;   // start of the unread part
    std::size_t end_ = 0;     // end of valid data
    std::size_t scanned_ = 0; // [begin_, scanned_) holds no '\n'
};

} // namespace gendump
