#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace offimport {

// The catalogue's products: every row, and those not marked removed (import.removed_products =
// "mark" keeps the others). Counted in the caller's transaction: a full scan of the table.
struct ProductCensus {
    std::uint64_t rows = 0;
    std::uint64_t present = 0;
};
ProductCensus count_products(db::Connection& db, const std::string& quoted_schema);

// The number of products in the catalogue, or nothing while a first import holds its tables
// locked (FirstImport keeps them locked until it commits, which can take minutes): status
// readers ask with a short lock timeout instead of waiting for it.
std::optional<std::uint64_t> catalogue_size(db::Connection& db, const std::string& quoted_schema);

} // namespace offimport
