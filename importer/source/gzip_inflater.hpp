#pragma once

#include "source/source.hpp"
#include "source/text_sink.hpp"

#include <memory>
#include <string>

struct inflate_state;

namespace offimport {

// Streams a gzip file (one or more members, as pigz and concatenation produce) through isa-l,
// into the space its output lends. Every member's CRC-32 and length trailer is checked; a
// stream that ends inside a member, or holds anything but gzip members, is an error naming
// the compressed byte offset.
class GzipInflater {
public:
    GzipInflater(std::string source_name, TextSink& output);
    ~GzipInflater();
    GzipInflater(const GzipInflater&) = delete;
    GzipInflater& operator=(const GzipInflater&) = delete;

    void feed(std::string_view compressed);
    void finish(); // the compressed stream ended: throws if it ended mid-member

private:
    void start_member();
    [[noreturn]] void corrupt(const std::string& what) const;

    std::string source_name_;
    TextSink& output_;
    std::unique_ptr<inflate_state> state_;
    std::uint64_t consumed_ = 0; // compressed bytes fully processed
    bool in_member_ = false;     // a member has started and not yet finished
};

// Detects gzip by its magic bytes (not by file name) and passes plain text through.
class DecodingSink {
public:
    DecodingSink(std::string source_name, TextSink& output);
    void operator()(std::string_view bytes);
    void finish();

private:
    std::string source_name_;
    TextSink& output_;
    std::string head_; // first bytes, until the format is known
    std::unique_ptr<GzipInflater> gzip_;
    bool decided_ = false;
};

} // namespace offimport
