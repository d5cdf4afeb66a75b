// The response headers of a download and of its resumption, line by line as libcurl hands them
// over (status lines, ETag, Last-Modified, Content-Length, Content-Range, and anything else):
// a range is read only when it lies inside the file, and a resumption continues only the
// version the download began, from the byte it reached.
#include "fuzz_check.hpp"
#include "source/http_transfer.hpp"

#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>

namespace {

using offimport::HttpResponse;

HttpResponse read_headers(FuzzedDataProvider& input, std::size_t lines) {
    HttpResponse response;
    for (std::size_t i = 0; i < lines && input.remaining_bytes() > 0; ++i) {
        offimport::read_response_header(input.ConsumeRandomLengthString(200), response);
        FUZZ_CHECK(response.status >= 0 && response.status <= 999, "a status of four digits");
        if (response.range_start && response.total_size) {
            FUZZ_CHECK(*response.range_start < *response.total_size,
                       "a range that starts past the end of its file");
        }
    }
    return response;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const auto delivered = input.ConsumeIntegralInRange<std::uint64_t>(1, 1u << 20);
    const auto first_lines = input.ConsumeIntegralInRange<std::size_t>(1, 8);
    const HttpResponse first = read_headers(input, first_lines);
    const HttpResponse resumed = read_headers(input, 8);
    if (!offimport::continues_same_version(resumed, delivered, first)) {
        return 0;
    }
    FUZZ_CHECK(resumed.status == 206 && resumed.range_start == delivered,
               "a resumption that does not start at the byte reached");
    FUZZ_CHECK(first.etag.empty() || resumed.etag == first.etag, "a resumption of another ETag");
    FUZZ_CHECK(first.last_modified.empty() || resumed.last_modified == first.last_modified,
               "a resumption of another Last-Modified");
    FUZZ_CHECK(!first.total_size || !resumed.total_size || *first.total_size == *resumed.total_size,
               "a resumption of a file of another size");
    return 0;
}
