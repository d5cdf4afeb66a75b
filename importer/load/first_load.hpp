#pragma once

#include "load/category_links.hpp"
#include "load/deferred_indexes.hpp"
#include "load/staging.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace offimport {

// The parts of a first import (an empty catalogue) that start before the products are staged:
// the catalogue's indexes are dropped, to be built once at the end, and product_categories is
// filled with COPY while staging goes on. The tables are locked until commit meanwhile:
// queries wait for the first catalogue instead of reading an empty one.
class FirstLoad {
public:
    FirstLoad(db::Connection& connection, const std::string& schema_name,
              const std::string& quoted_schema);

    // The category records of the block's first `rows` staged rows.
    void link(std::string_view records, std::uint64_t rows, Staging& staging);
    // After staging: the last links and the new categories.
    void finish_links();
    // After the products are in: every dropped index, built again.
    void rebuild_indexes(std::uint64_t products) {
        indexes_.rebuild(products, linker_.links_sent());
    }

private:
    DeferredIndexes indexes_;
    CategoryLinker linker_;
};

} // namespace offimport
