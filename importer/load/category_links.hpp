#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace offimport {

// A staged row's code and normalised categories_tags, packed by the parser threads for the
// CategoryLinker: [u32 tag count][u32 length][code] then [u32 length][tag] per tag.
void append_category_record(std::string& out, std::string_view code,
                            std::span<const std::string_view> tags);
// The size in bytes of the first record of `records`.
std::size_t first_category_record_bytes(std::string_view records);

// Fills product_categories during a first import with COPY, while the products are staged,
// instead of deriving the links from the products afterwards in SQL (unnest, join, group, sort
// and a WAL record per row: 2.8 s of an 11 s import of 190,000 products, 0.4 s with COPY).
// Category ids are given here: a known tag keeps its id, a new one takes the next id in the
// order tags first appear. A tag repeated in one product is linked once, at its first
// position, as the SQL path does.
class CategoryLinker {
public:
    // Reads the existing categories. The table's tags are the linker's until finish().
    CategoryLinker(db::Connection& connection, std::string quoted_schema);

    // Makes link rows of the first `rows` records (the rows that were staged).
    void add(std::string_view records, std::uint64_t rows);
    std::size_t pending_bytes() const { return links_.size(); }
    std::uint64_t links_sent() const { return links_sent_; }
    // Sends the pending link rows; the connection must not be inside another COPY.
    void flush();
    // After the last flush: adds the new categories and moves the id sequence past them.
    void finish();

private:
    struct TagHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view tag) const noexcept {
            return std::hash<std::string_view>{}(tag);
        }
    };

    std::int32_t id_of(std::string_view tag);

    db::Connection& db_;
    std::string schema_;
    std::unordered_map<std::string, std::int32_t, TagHash, std::equal_to<>> ids_;
    std::vector<std::pair<std::int32_t, std::string>> new_categories_;
    std::int32_t next_id_ = 1;
    std::int64_t next_link_id_ = 1; // the links' ids are given here too
    std::string links_;             // COPY text for product_categories
    std::uint64_t links_pending_ = 0;
    std::uint64_t links_sent_ = 0;
    std::vector<std::int32_t> seen_; // the current product's category ids
};

} // namespace offimport
