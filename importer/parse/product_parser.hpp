#pragma once

#include "parse/product_fields.hpp"

#include <simdjson.h>
#include <string>
#include <string_view>

namespace offimport {

// How one line turned out.
struct LineVerdict {
    enum class Kind { product, rejected, blank } kind = Kind::blank;
    std::string reason;                  // why it was rejected
    std::optional<std::string> raw_code; // the code as found, when a rejected line had one
};

// Reads one product line with simdjson on-demand, visiting each top-level field once and
// collecting those the run's columns read (FieldLayout) into ProductFields. One parser per
// thread, reused.
class ProductParser {
public:
    // Collects the fields of the fixed columns and of the `wanted` optional ones.
    explicit ProductParser(ExtraColumns wanted = {});

    // `capacity` is how many bytes are readable from line.data() (at least
    // line.size() + SIMDJSON_PADDING); the bytes after the line are not interpreted.
    LineVerdict parse(std::string_view line, std::size_t capacity);

    const ProductFields& fields() const { return fields_; }

private:
    simdjson::error_code visit_product(simdjson::ondemand::object product);
    simdjson::error_code visit_field(std::string_view key, simdjson::ondemand::value& value);
    simdjson::error_code iterate_line(std::string_view line, std::size_t capacity);

    simdjson::ondemand::parser parser_;
    simdjson::ondemand::document document_;
    FieldLayout layout_;
    ProductFields fields_;
    std::string repaired_; // the line with ill-formed UTF-8 replaced, when needed
};

} // namespace offimport
