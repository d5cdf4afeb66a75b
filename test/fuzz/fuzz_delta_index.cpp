// A delta index.txt as the server sends it: each file read from it is named as Open Food Facts
// names them (nothing that could leave the delta folder), covers a period forwards, and the
// list is oldest first; the files after a watermark continue from it or the run refuses.
#include "fuzz_check.hpp"
#include "import/delta_files.hpp"

#include <algorithm>
#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    FuzzedDataProvider input(data, size);
    const auto watermark = input.ConsumeIntegral<std::int64_t>();
    const std::string index = input.ConsumeRemainingBytesAsString();
    const auto files = parse_delta_index(index);
    for (const auto& file : files) {
        FUZZ_CHECK(file.from < file.to, "a delta file that covers no period");
        FUZZ_CHECK(file.name.starts_with("openfoodfacts_products_") &&
                       file.name.ends_with(".json.gz"),
                   "a delta file named otherwise");
        FUZZ_CHECK(std::all_of(file.name.begin(), file.name.end(),
                               [](char c) { return c > ' ' && c < 0x7f && c != '/'; }),
                   "a delta file name with a path, a blank or a control character");
    }
    FUZZ_CHECK(
        std::is_sorted(files.begin(), files.end(),
                       [](const DeltaFile& a, const DeltaFile& b) { return a.from < b.from; }),
        "delta files out of order");
    try {
        const auto pending = deltas_after(files, watermark);
        for (const auto& file : pending) {
            FUZZ_CHECK(file.to > watermark, "a delta file the catalogue has already");
        }
        FUZZ_CHECK(pending.empty() || pending.front().from <= watermark,
                   "a gap between the watermark and the first delta file");
    } catch (const std::runtime_error& refusal) {
        FUZZ_CHECK(std::string_view(refusal.what()).find("--full") != std::string_view::npos,
                   "a refusal that does not say what to run");
    }
    return 0;
}
