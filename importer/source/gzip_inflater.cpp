#include "source/gzip_inflater.hpp"

#include <algorithm>
#include <isa-l/igzip_lib.h>
#include <stdexcept>

namespace offimport {
namespace {

const char* inflate_error(int code) {
    switch (code) {
    case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
        return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
        return "invalid lookback distance";
    case ISAL_INVALID_WRAPPER:
        return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
        return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "CRC or length mismatch in the gzip trailer";
    default:
        return "inflate error";
    }
}

} // namespace

GzipInflater::GzipInflater(std::string source_name, TextSink& output)
    : source_name_(std::move(source_name)), output_(output),
      state_(std::make_unique<inflate_state>()) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
}

GzipInflater::~GzipInflater() = default;

void GzipInflater::corrupt(const std::string& what) const {
    throw std::runtime_error("corrupt gzip stream in " + source_name_ + ": " + what +
                             " (near compressed byte " + std::to_string(consumed_) + ")");
}

void GzipInflater::start_member() {
    isal_inflate_reset(state_.get());
    state_->crc_flag = ISAL_GZIP;
}

void GzipInflater::feed(std::string_view compressed) {
    auto* next = reinterpret_cast<const unsigned char*>(compressed.data());
    std::size_t left = compressed.size();
    while (left > 0) {
        if (!in_member_) {
            if (next[0] != 0x1f) {
                corrupt("data after the last gzip member is not gzip");
            }
            start_member();
            in_member_ = true;
        }
        state_->next_in = const_cast<unsigned char*>(next);
        state_->avail_in = static_cast<std::uint32_t>(std::min<std::size_t>(left, 1u << 30));
        const std::uint32_t offered = state_->avail_in;
        do {
            const std::span<char> room = output_.space();
            const auto room_bytes =
                static_cast<std::uint32_t>(std::min<std::size_t>(room.size(), 1u << 30));
            state_->next_out = reinterpret_cast<unsigned char*>(room.data());
            state_->avail_out = room_bytes;
            const int status = isal_inflate(state_.get());
            if (status < 0) {
                corrupt(inflate_error(status));
            }
            output_.commit(room_bytes - state_->avail_out);
        } while (state_->avail_out == 0 && state_->block_state != ISAL_BLOCK_FINISH);
        const std::size_t used = offered - state_->avail_in;
        next += used;
        left -= used;
        consumed_ += used;
        if (state_->block_state == ISAL_BLOCK_FINISH) {
            in_member_ = false; // trailer verified; another member may follow
        } else if (used == 0 && state_->avail_in > 0) {
            corrupt("inflate made no progress");
        }
    }
}

void GzipInflater::finish() {
    if (in_member_) {
        corrupt("the stream ends inside a gzip member: the file is truncated");
    }
    if (consumed_ == 0) {
        corrupt("empty gzip stream");
    }
}

DecodingSink::DecodingSink(std::string source_name, TextSink& output)
    : source_name_(std::move(source_name)), output_(output) {}

void DecodingSink::operator()(std::string_view bytes) {
    if (!decided_) {
        head_.append(bytes);
        if (head_.size() < 2) {
            return;
        }
        decided_ = true;
        if (static_cast<unsigned char>(head_[0]) == 0x1f &&
            static_cast<unsigned char>(head_[1]) == 0x8b) {
            gzip_ = std::make_unique<GzipInflater>(source_name_, output_);
        }
        std::string first = std::move(head_);
        head_.clear();
        gzip_ ? gzip_->feed(first) : output_.write(first);
        return;
    }
    gzip_ ? gzip_->feed(bytes) : output_.write(bytes);
}

void DecodingSink::finish() {
    if (!decided_ && !head_.empty()) {
        output_.write(head_); // a one-byte plain source
    }
    if (gzip_) {
        gzip_->finish();
    }
}

} // namespace offimport
