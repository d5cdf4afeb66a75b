// A growable byte buffer with cheap appends. std::string's append machinery costs more than
// the copying itself for the many tiny pieces of a JSON line; here each append is a capacity
// check plus a memcpy, and callers that know an upper bound reserve once and write directly.
#pragma once

#include <cstring>
#include <memory>
#include <string_view>

namespace gendump {

class TextBuffer {
public:
    TextBuffer() { grow(1 << 16); }

    void append(std::string_view s) {
        ensure(s.size());
        std::memcpy(end_, s.data(), s.size());
        end_ += s.size();
    }
    void put(char c) {
        ensure(1);
        *end_++ = c;
    }
    // Room for n bytes at the returned pointer; call commit() with how many were written.
    char* reserve(std::size_t n) {
        ensure(n);
        return end_;
    }
    void commit(char* new_end) { end_ = new_end; }

    std::size_t size() const { return static_cast<std::size_t>(end_ - data_.get()); }
    std::string_view view() const { return {data_.get(), size()}; }
    char operator[](std::size_t i) const { return data_[i]; }
    void clear() { end_ = data_.get(); }
    void truncate(std::size_t n) { end_ = data_.get() + n; }

private:
    void ensure(std::size_t n) {
        if (static_cast<std::size_t>(limit_ - end_) < n) {
            grow(n);
        }
    }
    void grow(std::size_t n) {
        const std::size_t used = data_ ? size() : 0;
        std::size_t capacity = static_cast<std::size_t>(limit_ - data_.get());
        while (capacity < used + n) {
            capacity = capacity * 2 + n;
        }
        auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
        if (used > 0) {
            std::memcpy(bigger.get(), data_.get(), used);
        }
        data_ = std::move(bigger);
        end_ = data_.get() + used;
        limit_ = data_.get() + capacity;
    }

    std::unique_ptr<char[]> data_;
    char* end_ = nullptr;
    char* limit_ = nullptr;
};

} // namespace gendump
