// Barcodes: synthetic GTINs that are unique per product index, the OFF normalisation rule
// (used to avoid collisions with codes of a sample), and the image folder of a code.
#pragma once

#include "random.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace gendump {

// GS1 check digit for the given data digits (all characters must be digits).
char gtin_check_digit(std::string_view digits);

// The code of synthetic product `index`: mostly 13 digits, ~2% 8 digits (EAN-8), some with
// leading zeros (US/Canada UPC in EAN-13 form) and a few of those written without their leading
// zeros. Distinct indexes below 10^7 always give codes that differ after normalisation.
std::string synthetic_code(std::uint64_t index, Rng& rng);

// OFF's rule: trim spaces, digits only, strip leading zeros, pad 1-7 digits to 8 and 9-12
// digits to 13. Returns "" for a code that is empty, all zeros or not digits.
std::string normalise_code(std::string_view code);

// "3017620422003" -> "301/762/042/2003"; shorter codes are left-padded with zeros to 13 digits.
std::string image_folder(std::string_view code);

} // namespace gendump
