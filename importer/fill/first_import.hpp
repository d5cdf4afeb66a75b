#pragma once

#include "db/connection.hpp"
#include "fill/catalogue_fill.hpp"
#include "load/category_links.hpp"
#include "load/deferred_indexes.hpp"
#include "normalise/row_columns.hpp"
#include "sightings/seen_codes.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace offimport {

// A first import (an empty catalogue) copies the products straight into off.products, their
// category links into product_categories and their line fingerprints into line_fingerprints,
// while the dump is read: no staging table, no INSERT of every product afterwards (at world
// size that INSERT took 6 to 15 s, and the whole import 118-121 s against 101-106 s now,
// alternated runs). The catalogue's indexes are dropped first and built
// once at the end. A row whose code was copied already is kept aside in offimport_repeats
// (with its fingerprint, and a sequence number for the line order), for the merge to resolve
// after the indexes are built. The tables are locked until commit meanwhile: queries wait
// for the first catalogue instead of reading an empty one.
class FirstImport final : public CatalogueFill {
public:
    // Drops the indexes and the fingerprints left by products deleted outside offimport, and
    // creates offimport_repeats. Must run inside the run's transaction. A COPY still open when
    // it goes (the run failed) is ended with an error. `fingerprints`: whether each row's line
    // fingerprint is stored (a delta's lines are not the dump's: 0 is stored instead).
    FirstImport(db::Connection& connection, const std::string& schema_name,
                const std::string& quoted_schema, const ProductColumnSet& columns,
                FingerprintUpdate fingerprints);

    RowRequest rows_wanted() const override;
    void send(const ParsedBlock& block) override;
    // Ends the products' COPY, sends what is pending, adds the new categories.
    void finish() override;
    // Builds the dropped indexes again, then resolves the codes set aside.
    MergeCounts merge(const MergeSettings& settings, const RunCounts& counts) override;
    NewWordsOf new_words() const override { return NewWordsOf::every_product; }

    static constexpr const char* repeats_table = "offimport_repeats";

private:
    // Rows of one block, and for each its code hash, category record and fingerprint row, in
    // the same order.
    struct Rows {
        std::string_view rows;
        std::span<const std::uint64_t> code_hashes;
        std::string_view category_records; // see append_category_record
        std::string_view fingerprint_rows; // "code\tfingerprint\n"
        std::uint64_t count = 0;
    };
    void copy_new_codes(const Rows& block);
    void set_aside_repeats(const Rows& block, std::uint64_t first_repeat);
    void end_products();
    // Sends the pending links, fingerprints and repeats, the products' COPY paused meanwhile.
    void flush_side_tables();
    void send_copy(const std::string& statement, std::string& rows);

    db::Connection& db_;
    ProductColumnSet columns_;
    FingerprintUpdate fingerprints_update_;
    DeferredIndexes indexes_;
    CategoryLinker linker_;
    SeenCodes seen_codes_;
    std::string copy_products_, copy_fingerprints_, copy_repeats_;
    std::string fingerprints_, repeat_rows_; // pending
    std::uint64_t rows_ = 0, repeats_ = 0;
    std::optional<db::CopyIn> products_copy_; // open while blocks of products are sent
};

} // namespace offimport
