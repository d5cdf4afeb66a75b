// Serialises a synthetic product as one compact JSON object (no trailing newline): the mapped
// fields from Product plus realistic unmapped fields that give lines the size and key count of
// real dump lines (~20 KB, 150-200 top-level keys).
#pragma once

#include "product.hpp"
#include "text_buffer.hpp"

#include <cstdint>
#include <string>

namespace gendump {

void write_product(const Product& product, std::uint64_t seed, TextBuffer& out);

} // namespace gendump
