#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace offimport {

// The longest normalised code a product may have. GS1 codes have at most 14 digits and Open
// Food Facts' internal codes a few more; anything past a few dozen digits is an edit gone wrong,
// and a code over ~2,700 bytes cannot even be indexed (PostgreSQL's btree row limit), which
// would fail the whole merge. Longer codes are rejected.
constexpr std::size_t max_code_digits = 48;

// Open Food Facts' own barcode rule: trim, digits only, strip leading zeros, then pad
// 1-7 digits to 8 and 9-12 digits to 13; 8 and 13+ digits stay. Empty, all-zero or
// non-digit codes have no normal form (nullopt).
std::optional<std::string> normalise_barcode(std::string_view raw);

// The image folder of a normalised code: padded to 13 digits, split 3/3/3/rest
// ("3017620422003" -> "301/762/042/2003").
std::string image_folder(std::string_view code);

} // namespace offimport
