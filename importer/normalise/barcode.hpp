#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace offimport {

// Open Food Facts' own barcode rule: trim, digits only, strip leading zeros, then pad
// 1-7 digits to 8 and 9-12 digits to 13; 8 and 13+ digits stay. Empty, all-zero or
// non-digit codes have no normal form (nullopt).
std::optional<std::string> normalise_barcode(std::string_view raw);

// The image folder of a normalised code: padded to 13 digits, split 3/3/3/rest
// ("3017620422003" -> "301/762/042/2003").
std::string image_folder(std::string_view code);

} // namespace offimport
