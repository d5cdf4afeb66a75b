#include "barcode.hpp"

#include <array>

namespace gendump {

namespace {

using namespace std::string_view_literals;

// Two-digit GS1 prefixes, repeated to weight them roughly like the OFF database (France first).
constexpr std::array prefixes{"30"sv, "30"sv, "32"sv, "33"sv, "34"sv, "35"sv, "35"sv, "37"sv,
                              "37"sv, "40"sv, "42"sv, "50"sv, "54"sv, "57"sv, "76"sv, "80"sv,
                              "84"sv, "84"sv, "87"sv, "20"sv, "00"sv, "00"sv, "06"sv, "07"sv,
                              "03"sv, "77"sv, "75"sv, "49"sv, "69"sv, "89"sv, "56"sv, "64"sv};

constexpr std::uint64_t ten_pow(int n) {
    std::uint64_t value = 1;
    for (int k = 0; k < n; ++k) {
        value *= 10;
    }
    return value;
}

// A bijection on [0, modulus) for modulus = 10^n (n <= 10): multiplying by a number coprime to
// 10 and adding an offset. Consecutive indexes get unrelated-looking but never equal bodies.
std::uint64_t scramble(std::uint64_t index, std::uint64_t modulus) {
    const std::uint64_t a = index % modulus;
    const std::uint64_t b = 6364136223ULL % modulus; // ends in 3: coprime to 10
    // (a * b) mod m without 64-bit overflow (a, b < 10^10): split b at bit 20.
    const std::uint64_t high = (a * (b >> 20)) % modulus;
    const std::uint64_t product = ((high << 20) % modulus + a * (b & 0xFFFFF)) % modulus;
    return (product + 1234567) % modulus;
}

std::string zero_padded(std::uint64_t value, int width) {
    std::string digits(static_cast<std::size_t>(width), '0');
    for (int pos = width - 1; pos >= 0 && value > 0; --pos) {
        digits[static_cast<std::size_t>(pos)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return digits;
}

std::string with_check_digit(std::string digits) {
    digits += gtin_check_digit(digits);
    return digits;
}

std::string ean13_code(std::uint64_t index, Rng& rng) {
    std::string_view prefix = rng.pick(std::span<const std::string_view>(prefixes));
    const std::uint64_t body = scramble(index, ten_pow(10));
    // "00" followed by many zeros would normalise to an 8-digit code and could collide with
    // an EAN-8; such bodies take the "01" prefix instead.
    if (prefix == "00" && body < ten_pow(8)) {
        prefix = "01";
    }
    std::string code = with_check_digit(std::string(prefix) + zero_padded(body, 10));
    if (prefix == "00" && rng.chance(0.15)) {
        // Written as UPC-A (12 digits) or without any leading zero, as some sources do.
        code.erase(0, rng.chance(0.5) ? 1 : 2);
    }
    return code;
}

} // namespace

char gtin_check_digit(std::string_view digits) {
    int sum = 0;
    bool triple = true; // the rightmost data digit has weight 3
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        sum += (*it - '0') * (triple ? 3 : 1);
        triple = !triple;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string synthetic_code(std::uint64_t index, Rng& rng) {
    if (rng.chance(0.02)) {
        return with_check_digit(zero_padded(scramble(index, ten_pow(7)), 7));
    }
    return ean13_code(index, rng);
}

std::string normalise_code(std::string_view code) {
    while (!code.empty() && code.front() == ' ') {
        code.remove_prefix(1);
    }
    while (!code.empty() && code.back() == ' ') {
        code.remove_suffix(1);
    }
    for (char c : code) {
        if (c < '0' || c > '9') {
            return {};
        }
    }
    while (!code.empty() && code.front() == '0') {
        code.remove_prefix(1);
    }
    if (code.empty()) {
        return {};
    }
    if (code.size() <= 7) {
        return std::string(8 - code.size(), '0') + std::string(code);
    }
    if (code.size() >= 9 && code.size() <= 12) {
        return std::string(13 - code.size(), '0') + std::string(code);
    }
    return std::string(code);
}

std::string image_folder(std::string_view code) {
    std::string padded = code.size() < 13 ? std::string(13 - code.size(), '0') : std::string();
    padded += code;
    return padded.substr(0, 3) + '/' + padded.substr(3, 3) + '/' + padded.substr(6, 3) + '/' +
           padded.substr(9);
}

} // namespace gendump
