#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// One published delta file: the products with from < last_modified_t <= to.
struct DeltaFile {
    std::string name; // openfoodfacts_products_<from>_<to>.json.gz
    std::int64_t from = 0;
    std::int64_t to = 0;
};

// The delta files named in index.txt (one name per line; other lines ignored), oldest first.
std::vector<DeltaFile> parse_delta_index(std::string_view index);

// The files to apply after `watermark`, oldest first. Throws when the oldest listed file starts
// after the watermark (changes in between are lost: only a full import can catch up).
std::vector<DeltaFile> deltas_after(const std::vector<DeltaFile>& listed, std::int64_t watermark);

} // namespace offimport
