#include "fill/first_import.hpp"

#include "db/sql_template.hpp"

namespace offimport {
namespace {

// Links, fingerprints and repeats are sent when together they reach this size, each between
// two parts of the products' COPY (a pause costs a few round trips: about 300 of them for the
// whole Open Food Facts dump).
constexpr std::size_t side_batch_bytes = 2u << 20;

// Left by products deleted outside offimport, they stand for nothing now.
constexpr const char* forget_all_fingerprints = "DELETE FROM {schema}.line_fingerprints";

constexpr const char* create_repeats = R"(
CREATE TEMP TABLE {repeats} ON COMMIT DROP AS
SELECT {columns} FROM {schema}.products WITH NO DATA)";

// seq follows the line order: the later line wins a tie.
constexpr const char* add_repeat_columns = R"(
ALTER TABLE {repeats} ADD line_fingerprint bigint,
                      ADD seq bigint GENERATED ALWAYS AS IDENTITY)";

constexpr const char* copy_into_products = "COPY {schema}.products ({columns}) FROM STDIN";
constexpr const char* copy_into_fingerprints =
    "COPY {schema}.line_fingerprints (code, fingerprint) FROM STDIN";
constexpr const char* copy_into_repeats = "COPY {repeats} ({columns}, line_fingerprint) FROM STDIN";

// The length of the first line of `text`, its newline included.
std::size_t first_line_bytes(std::string_view text) {
    const auto newline = text.find('\n');
    return newline == std::string_view::npos ? text.size() : newline + 1;
}

} // namespace

FirstImport::FirstImport(db::Connection& connection, const std::string& schema_name,
                         const std::string& quoted_schema, const ProductColumnSet& columns,
                         FingerprintUpdate fingerprints)
    : db_(connection), columns_(columns), fingerprints_update_(fingerprints),
      indexes_(connection, schema_name), linker_(connection, quoted_schema) {
    const std::string column_list = columns.catalogue_column_list();
    const db::SqlName names[] = {
        {"schema", quoted_schema}, {"repeats", repeats_table}, {"columns", column_list}};
    const auto fill = [&](const char* statement) { return db::fill_sql_from(statement, names); };
    copy_products_ = fill(copy_into_products);
    copy_fingerprints_ = fill(copy_into_fingerprints);
    copy_repeats_ = fill(copy_into_repeats);
    indexes_.drop();
    db_.exec(fill(forget_all_fingerprints), "forgetting stale fingerprints");
    db_.exec(fill(create_repeats), "creating the table of repeated codes");
    db_.exec(fill(add_repeat_columns));
}

RowRequest FirstImport::rows_wanted() const {
    RowRequest request;
    request.layout = columns_.catalogue_row();
    request.category_records = true;
    request.fingerprint_rows = true;
    request.store_fingerprints = fingerprints_update_ == FingerprintUpdate::store;
    return request;
}

void FirstImport::send(const ParsedBlock& block) {
    const Rows rows{block.rows, block.code_hashes, block.category_records, block.fingerprint_rows,
                    block.row_count};
    std::size_t first_repeat = 0;
    while (first_repeat < rows.count && seen_codes_.first(rows.code_hashes[first_repeat])) {
        ++first_repeat;
    }
    if (first_repeat == rows.count) {
        copy_new_codes(rows);
    } else {
        set_aside_repeats(rows, first_repeat);
    }
    if (linker_.pending_bytes() + fingerprints_.size() + repeat_rows_.size() >= side_batch_bytes) {
        flush_side_tables();
    }
}

void FirstImport::copy_new_codes(const Rows& block) {
    if (block.count == 0) {
        return;
    }
    if (!products_copy_) {
        products_copy_.emplace(db_, copy_products_,
                               "offimport: the run failed before the end of the data");
    }
    products_copy_->send(block.rows);
    rows_ += block.count;
    fingerprints_.append(block.fingerprint_rows);
    linker_.add(block.category_records, block.count);
}

// A block with a repeated code at row `first_repeat` (its hash is seen already, as are those of
// the rows before it): each row goes to the catalogue or aside, whole, with its category
// record and fingerprint.
void FirstImport::set_aside_repeats(const Rows& block, std::uint64_t first_repeat) {
    std::string_view rows = block.rows, records = block.category_records,
                     fingerprints = block.fingerprint_rows;
    std::string kept_rows, kept_records, kept_fingerprints;
    std::uint64_t kept = 0;
    for (std::uint64_t row = 0; row < block.count; ++row) {
        const std::string_view line = rows.substr(0, first_line_bytes(rows));
        const std::string_view record = records.substr(0, first_category_record_bytes(records));
        const std::string_view fingerprint = fingerprints.substr(0, first_line_bytes(fingerprints));
        rows.remove_prefix(line.size());
        records.remove_prefix(record.size());
        fingerprints.remove_prefix(fingerprint.size());
        if (row < first_repeat ||
            (row > first_repeat && seen_codes_.first(block.code_hashes[row]))) {
            kept_rows.append(line);
            kept_records.append(record);
            kept_fingerprints.append(fingerprint);
            ++kept;
            continue;
        }
        // The row, then its fingerprint (the fingerprint row's last field) as one more column.
        repeat_rows_.append(line.substr(0, line.size() - 1));
        repeat_rows_.append(fingerprint.substr(fingerprint.rfind('\t')));
        ++repeats_;
    }
    copy_new_codes({kept_rows, {}, kept_records, kept_fingerprints, kept});
}

void FirstImport::end_products() {
    if (products_copy_) {
        products_copy_->end();
        products_copy_.reset();
    }
}

void FirstImport::flush_side_tables() {
    end_products(); // the next block starts it again
    linker_.flush();
    send_copy(copy_fingerprints_, fingerprints_);
    send_copy(copy_repeats_, repeat_rows_);
}

// The side tables' COPYs are whole; the products COPY is paused meanwhile.
void FirstImport::send_copy(const std::string& statement, std::string& rows) {
    if (!rows.empty()) {
        db::copy_in(db_, statement, rows, "offimport: sending the rows of a first import failed");
        rows.clear();
    }
}

void FirstImport::finish() {
    flush_side_tables();
    linker_.finish();
}

} // namespace offimport
