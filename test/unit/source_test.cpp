#include "source/gzip_inflater.hpp"
#include "source/http_transfer.hpp"
#include "source/line_blocks.hpp"
#include "source/line_numbering.hpp"
#include "source/location.hpp"
#include "support/dump_files.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>

using namespace offimport;
using offimport::test::gzip;

namespace {

// Collects text, lending `room` bytes at a time (the inflater must cope with any amount).
class StringText final : public TextSink {
public:
    explicit StringText(std::size_t room) : room_(room) {}
    std::span<char> space() override {
        text.resize(filled_ + room_);
        return {text.data() + filled_, room_};
    }
    void commit(std::size_t bytes) override {
        filled_ += bytes;
        text.resize(filled_);
    }
    std::string text;

private:
    std::size_t room_;
    std::size_t filled_ = 0;
};

// Feeds `bytes` in chunks of `chunk` to a decoder and returns what came out.
std::string decode(const std::string& bytes, std::size_t chunk, std::size_t room = 1 << 16) {
    StringText out(room);
    DecodingSink decoder("test.gz", out);
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        decoder(std::string_view(bytes).substr(at, chunk));
    }
    decoder.finish();
    return out.text;
}

// The splitter's blocks as the pipeline's parser threads see them: numbered, in order.
std::function<void(LineBlock&&)> numbered_into(std::vector<LineBlock>& blocks) {
    auto numbering = std::make_shared<LineNumbering>();
    return [numbering, &blocks](LineBlock&& block) {
        REQUIRE(numbering->number(block));
        blocks.push_back(std::move(block));
    };
}

std::string sample_text(std::size_t lines) {
    std::string text;
    for (std::size_t i = 0; i < lines; ++i) {
        text += "{\"code\":\"" + std::to_string(10000000 + i) +
                "\",\"n\":" + std::to_string(i * 7) + "}\n";
    }
    return text;
}

} // namespace

TEST_CASE("gzip is recognised by content and inflated in any chunking") {
    const std::string text = sample_text(20000);
    const std::string compressed = gzip(text);
    for (const std::size_t chunk : {1ul, 7ul, 4096ul, 1ul << 20}) {
        if (chunk == 1 && compressed.size() > 200000) {
            continue;
        }
        CHECK(decode(compressed, chunk) == text);
    }
    CHECK(decode(text, 999) == text); // plain text passes through
    for (const std::size_t room : {1ul, 100ul, 1ul << 20}) {
        CHECK(decode(compressed, 4096, room) == text);
    }
}

TEST_CASE("multi-member gzip streams are read whole") {
    const std::string a = sample_text(100), b = sample_text(50);
    CHECK(decode(gzip(a) + gzip(b), 333) == a + b);
}

TEST_CASE("a truncated gzip stream is an error") {
    const std::string compressed = gzip(sample_text(5000));
    for (const std::size_t cut :
         {compressed.size() - 1, compressed.size() - 8, compressed.size() / 2, std::size_t{5}}) {
        CHECK_THROWS_WITH_AS(decode(compressed.substr(0, cut), 4096),
                             doctest::Contains("truncated"), std::runtime_error);
    }
}

TEST_CASE("a corrupt gzip stream is an error: bad data, bad CRC, bad length, trailing junk") {
    std::string compressed = gzip(sample_text(5000));
    std::string bad_crc = compressed;
    bad_crc[bad_crc.size() - 6] ^= 0x55;
    CHECK_THROWS_WITH_AS(decode(bad_crc, 4096), doctest::Contains("CRC"), std::runtime_error);
    std::string bad_length = compressed;
    bad_length[bad_length.size() - 2] ^= 0x01;
    CHECK_THROWS_AS(decode(bad_length, 4096), std::runtime_error);
    std::string bad_body = compressed;
    for (std::size_t i = 20; i < 60; ++i) {
        bad_body[i] = static_cast<char>(0xff);
    }
    CHECK_THROWS_AS(decode(bad_body, 4096), std::runtime_error);
    CHECK_THROWS_WITH_AS(decode(compressed + "junk", 4096), doctest::Contains("not gzip"),
                         std::runtime_error);
}

TEST_CASE("LineSplitter cuts blocks at line ends and numbers lines") {
    std::vector<LineBlock> blocks;
    LineSplitter splitter(64, 1 << 20, numbered_into(blocks));
    const std::string text = sample_text(30);
    for (std::size_t at = 0; at < text.size(); at += 10) {
        splitter.feed(std::string_view(text).substr(at, 10));
    }
    splitter.feed("{\"last\":1}"); // no final newline
    splitter.finish();
    std::string joined;
    std::uint64_t expected_line = 1;
    for (const auto& block : blocks) {
        CHECK(block.first_line_no == expected_line);
        const std::string_view payload(block.text.data(), block.payload);
        CHECK(block.text.size() >= block.payload + 32); // parser padding
        expected_line +=
            static_cast<std::uint64_t>(std::count(payload.begin(), payload.end(), '\n'));
        joined.append(payload);
    }
    CHECK(joined == text + "{\"last\":1}");
    CHECK(blocks.size() > 10);
}

TEST_CASE("LineSplitter turns an oversized line into a record, not memory") {
    const std::string text =
        "{\"a\":1}\n{\"big\":\"" + std::string(100000, 'x') + "\"}\n{\"b\":2}\n";
    for (const std::size_t chunk : {7ul, 4096ul, 1ul << 20}) {
        std::vector<LineBlock> blocks;
        LineSplitter splitter(1024, 4096, numbered_into(blocks));
        for (std::size_t at = 0; at < text.size(); at += chunk) {
            splitter.feed(std::string_view(text).substr(at, chunk));
        }
        splitter.finish();
        std::size_t oversized = 0;
        std::string rest;
        for (const auto& block : blocks) {
            if (block.oversized) {
                ++oversized;
                CHECK(block.first_line_no == 2);
                CHECK(block.oversized_bytes == 100000 + 10);
                CHECK(block.text.substr(0, 8) == "{\"big\":\"");
            } else {
                rest.append(block.text.data(), block.payload);
            }
        }
        CHECK(oversized == 1);
        CHECK(rest == "{\"a\":1}\n{\"b\":2}\n");
    }
}

TEST_CASE("LineSplitter keeps lines longer than a block whole, whatever the chunking") {
    const std::string text = sample_text(5) + "{\"long\":\"" + std::string(50000, 'y') + "\"}\n" +
                             sample_text(40) + "{\"long\":\"" + std::string(9000, 'z') + "\"}\n" +
                             sample_text(3);
    for (const std::size_t chunk : {1ul, 13ul, 4096ul, 1ul << 20}) {
        std::vector<LineBlock> blocks;
        LineSplitter splitter(256, 1 << 20, numbered_into(blocks));
        for (std::size_t at = 0; at < text.size(); at += chunk) {
            splitter.feed(std::string_view(text).substr(at, chunk));
        }
        splitter.finish();
        std::string joined;
        std::uint64_t expected_line = 1;
        for (const auto& block : blocks) {
            CHECK_FALSE(block.oversized);
            CHECK(block.first_line_no == expected_line);
            CHECK(block.text.size() >= block.payload + 32);
            const std::string_view payload(block.text.data(), block.payload);
            CHECK(payload.back() == '\n'); // blocks end at line ends
            expected_line +=
                static_cast<std::uint64_t>(std::count(payload.begin(), payload.end(), '\n'));
            joined.append(payload);
        }
        CHECK(joined == text);
        CHECK(expected_line == 51);
    }
}

TEST_CASE("LineNumbering numbers blocks in sequence order, whichever thread comes first") {
    // Blocks of 1 to 5 lines, the third an oversized line's record (one line).
    std::vector<LineBlock> blocks(40);
    std::vector<std::uint64_t> expected;
    std::vector<std::vector<std::size_t>> expected_ends(blocks.size());
    std::uint64_t next = 1;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        auto& block = blocks[i];
        block.sequence = i;
        expected.push_back(next);
        if (i == 2) {
            block.oversized = true;
            block.text = "{\"big\":";
            next += 1;
        } else {
            for (std::size_t line = 0; line <= i % 5; ++line) {
                block.text += "{\"n\":" + std::to_string(line) + "}\n";
                expected_ends[i].push_back(block.text.size() - 1);
            }
            next += i % 5 + 1;
        }
        block.payload = block.text.size();
    }
    // Four threads take the blocks in order, as from the pipeline's queue, and reach the
    // numbering in any order: each pauses a random while first.
    LineNumbering numbering;
    std::atomic<std::size_t> next_block{0};
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937 random(t);
            for (std::size_t i = next_block++; i < blocks.size(); i = next_block++) {
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 200));
                CHECK(numbering.number(blocks[i]));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        CAPTURE(i);
        CHECK(blocks[i].first_line_no == expected[i]);
        CHECK(blocks[i].line_ends == expected_ends[i]);
    }
}

TEST_CASE("LineNumbering: the last line of a dump without a newline is a line with no end") {
    LineNumbering numbering;
    LineBlock block;
    block.text = "{\"a\":1}\n{\"b\":2}";
    block.payload = block.text.size();
    CHECK(numbering.number(block));
    CHECK(block.first_line_no == 1);
    CHECK(block.line_ends == std::vector<std::size_t>{7});
}

TEST_CASE("LineNumbering: abandoning wakes a block waiting for one that never comes") {
    LineNumbering numbering;
    LineBlock later;
    later.sequence = 1; // block 0 never arrives: its parser failed
    later.text = "{}\n";
    later.payload = later.text.size();
    bool numbered = true;
    std::thread waiter([&] { numbered = numbering.number(later); });
    numbering.abandon();
    waiter.join();
    CHECK_FALSE(numbered);
}

TEST_CASE("LineSplitter: a long line takes the large-block slot once, later blocks are standard") {
    const std::string text = sample_text(5) + "{\"long\":\"" + std::string(200000, 'y') + "\"}\n" +
                             sample_text(200) + "{\"over\":\"" + std::string(3 << 20, 'o') +
                             "\"}\n" + sample_text(200);
    std::vector<LineBlock> blocks;
    int slots_taken = 0;
    BufferPool pool(8, LineSplitter::standard_buffer_bytes(4096));
    LineSplitter splitter(4096, 1 << 20, numbered_into(blocks), &pool, [&] { ++slots_taken; });
    splitter.feed(text);
    splitter.finish();
    int large = 0;
    for (const auto& block : blocks) {
        large += block.large ? 1 : 0;
        if (!block.large) {
            CHECK(block.text.size() == LineSplitter::standard_buffer_bytes(4096));
        }
        // A grown buffer never exceeds what the longest allowed line needs.
        CHECK(block.text.size() < (1u << 20) + 3 * LineSplitter::standard_buffer_bytes(4096));
    }
    CHECK(slots_taken == 2); // the 200 kB line, and the 3 MiB one before it was found too long
    CHECK(large == 2);       // each handed back by exactly one block
    CHECK(std::count_if(blocks.begin(), blocks.end(),
                        [](const LineBlock& b) { return b.oversized; }) == 1);
}

TEST_CASE("source locations are shown without the password of their user information") {
    CHECK(public_location("https://user:pw@host/x") == "https://user@host/x");
    CHECK(public_location("http://user:p%40w@host:8080/x?a=b@c") ==
          "http://user@host:8080/x?a=b@c");
    CHECK(public_location("http://u:p@ss@host/x") == "http://u@host/x"); // a raw '@' in it
    CHECK(public_location("https://user@host/x") == "https://user@host/x");
    CHECK(public_location("https://host/a:b@c") == "https://host/a:b@c"); // in the path
    CHECK(public_location("/tmp/a:b@c.gz") == "/tmp/a:b@c.gz");
    CHECK(location_secrets("https://u:p%24%24w@host/") ==
          std::vector<std::string>{"p%24%24w", "p$$w"});
    CHECK(location_secrets("https://u:@host/").empty());
    CHECK(location_secrets("https://host/").empty());
}

TEST_CASE("percent-decoding refuses malformed escapes and NUL") {
    CHECK(percent_decode("a%20b%2Fc") == "a b/c");
    CHECK_FALSE(percent_decode("%zz"));
    CHECK_FALSE(percent_decode("abc%4"));
    CHECK_FALSE(percent_decode("a%00b"));
    CHECK_FALSE(percent_decode("%"));
}

TEST_CASE("Content-Range is read only when it is well formed") {
    HttpResponse response;
    parse_content_range("bytes 1000-1999/2000", response);
    CHECK(response.range_start == 1000u);
    CHECK(response.total_size == 2000u);
    // The last two, found by fuzz_http_headers: a range that ends past its file's end.
    for (const char* bad :
         {"bytes */2000", "bytes", "bytes -/", "items 1-2/3", "bytes 5-1/9",
          "bytes 99999999999999999999-1/2", "bytes x-y/z", "bytes 5-9/3", "bytes 1000-2000/2000"}) {
        HttpResponse untouched;
        parse_content_range(bad, untouched);
        CHECK_MESSAGE(!untouched.range_start, bad);
    }
    HttpResponse unknown_total;
    parse_content_range("bytes 10-19/*", unknown_total);
    CHECK(unknown_total.range_start == 10u);
    CHECK_FALSE(unknown_total.total_size);
}

// Found by fuzz_http_headers: "HTTP/1.1 -02 Found" was read as status -2.
TEST_CASE("a status line gives a status only when it holds three digits") {
    const auto status_of = [](std::string_view line) {
        HttpResponse response;
        read_response_header(line, response);
        return response.status;
    };
    CHECK(status_of("HTTP/1.1 206 Partial Content\r\n") == 206);
    CHECK(status_of("HTTP/2 200\r\n") == 200);
    CHECK(status_of("HTTP/1.1 304\r\n") == 304);
    for (const char* bad : {"HTTP/1.1 -02 Found\r\n", "HTTP/1.1 +20 OK\r\n", "HTTP/1.1 20 OK\r\n",
                            "HTTP/1.1 2000 OK\r\n", "HTTP/1.1\r\n", "HTTP/1.1 2x0 OK\r\n"}) {
        CAPTURE(bad);
        CHECK(status_of(bad) == 0);
    }
}

// Found by fuzz_http_headers: a 200 with a Content-Range, then a Content-Length, left a range
// that started past the file's end.
TEST_CASE("Content-Range counts only in a 206, Content-Length only in a 200") {
    const auto read = [](std::initializer_list<std::string_view> lines) {
        HttpResponse response;
        for (const auto line : lines) {
            read_response_header(line, response);
        }
        return response;
    };
    const auto whole = read({"HTTP/1.1 200 OK\r\n", "Content-Range: bytes 500-1999/2000\r\n",
                             "Content-Length: 99\r\n"});
    CHECK_FALSE(whole.range_start);
    CHECK(whole.total_size == 99u);
    const auto part = read({"HTTP/1.1 206 Partial Content\r\n", "Content-Length: 1500\r\n",
                            "Content-Range: bytes 500-1999/2000\r\n", "Content-Length: 99\r\n"});
    CHECK(part.range_start == 500u);
    CHECK(part.total_size == 2000u);
}
