#include "load/category_links.hpp"

#include "db/sql_template.hpp"
#include "normalise/copy_row.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace offimport {
namespace {

constexpr const char* copy_links =
    "COPY {schema}.product_categories (id, product_code, category_id, position) FROM STDIN";

// The first link id this linker gives: past the sequence and past any link left in the table
// (read while its key is still there). Ids given here instead of by the column's default save
// the server a sequence call a link: copying 10 million links took 8.6-10.4 s that way and
// 5.8-6.5 s with the ids in the rows.
constexpr const char* reserve_link_ids = R"(
SELECT greatest(nextval(pg_get_serial_sequence($1, 'id')),
                (SELECT coalesce(max(id), 0) + 1 FROM {schema}.product_categories)))";
constexpr const char* copy_categories = "COPY {schema}.categories (id, tag) FROM STDIN";
constexpr const char* link_abort_reason = "offimport: sending category links failed";

void append_u32(std::string& out, std::size_t value) {
    const auto v = static_cast<std::uint32_t>(value);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void append_piece(std::string& out, std::string_view piece) {
    append_u32(out, piece.size());
    out.append(piece);
}

// Reads what append_category_record wrote, in order.
class RecordReader {
public:
    explicit RecordReader(std::string_view records) : rest_(records) {}
    std::uint32_t u32() {
        std::uint32_t value = 0;
        need(sizeof value);
        std::memcpy(&value, rest_.data(), sizeof value);
        rest_.remove_prefix(sizeof value);
        return value;
    }
    std::string_view piece() {
        const std::uint32_t size = u32();
        need(size);
        const auto piece = rest_.substr(0, size);
        rest_.remove_prefix(size);
        return piece;
    }
    std::size_t rest_bytes() const { return rest_.size(); }

private:
    void need(std::size_t bytes) const {
        if (rest_.size() < bytes) {
            throw std::logic_error("category records are cut short");
        }
    }
    std::string_view rest_;
};

} // namespace

void append_category_record(std::string& out, std::string_view code,
                            std::span<const std::string_view> tags) {
    append_u32(out, tags.size());
    append_piece(out, code);
    for (const auto tag : tags) {
        append_piece(out, tag);
    }
}

std::size_t first_category_record_bytes(std::string_view records) {
    RecordReader reader(records);
    const std::uint32_t tags = reader.u32();
    for (std::uint32_t i = 0; i <= tags; ++i) { // the code, then each tag
        reader.piece();
    }
    return records.size() - reader.rest_bytes();
}

CategoryLinker::CategoryLinker(db::Connection& connection, std::string quoted_schema)
    : db_(connection), schema_(std::move(quoted_schema)) {
    const auto rows = db_.exec(db::in_schema("SELECT id, tag FROM {schema}.categories", schema_),
                               "reading the categories");
    ids_.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        const auto id = static_cast<std::int32_t>(rows.get_int(row, 0));
        ids_.emplace(std::string(rows.get(row, 1)), id);
        next_id_ = std::max(next_id_, id + 1);
    }
    next_link_id_ = db_.exec(db::in_schema(reserve_link_ids, schema_),
                             db::Params{schema_ + ".product_categories"}, "reserving link ids")
                        .get_int(0, 0);
}

std::int32_t CategoryLinker::id_of(std::string_view tag) {
    if (const auto known = ids_.find(tag); known != ids_.end()) {
        return known->second;
    }
    const std::int32_t id = next_id_++;
    ids_.emplace(std::string(tag), id);
    new_categories_.emplace_back(id, std::string(tag));
    return id;
}

void CategoryLinker::add(std::string_view records, std::uint64_t rows) {
    RecordReader reader(records);
    for (std::uint64_t row = 0; row < rows; ++row) {
        const std::uint32_t tags = reader.u32();
        const std::string_view code = reader.piece();
        seen_.clear();
        for (std::uint32_t position = 1; position <= tags; ++position) {
            const std::int32_t id = id_of(reader.piece());
            if (std::find(seen_.begin(), seen_.end(), id) != seen_.end()) {
                continue; // a repeated tag keeps its first position
            }
            seen_.push_back(id);
            CopyRowWriter link(links_);
            link.integer(next_link_id_++);
            link.text(code);
            link.integer(id);
            link.integer(position);
            link.end_row();
            ++links_pending_;
        }
    }
}

void CategoryLinker::flush() {
    if (links_.empty()) {
        return;
    }
    db::copy_in(db_, db::in_schema(copy_links, schema_), links_, link_abort_reason);
    links_.clear();
    links_sent_ += links_pending_;
    links_pending_ = 0;
}

void CategoryLinker::finish() {
    flush();
    if (links_sent_ > 0) {
        // Links added later by SQL (changed products) draw their ids from the sequence.
        db_.exec("SELECT setval(pg_get_serial_sequence($1, 'id'), $2)",
                 db::Params{schema_ + ".product_categories", std::to_string(next_link_id_ - 1)},
                 "moving the link id sequence past the first import's links");
    }
    if (new_categories_.empty()) {
        return;
    }
    std::string rows;
    for (const auto& [id, tag] : new_categories_) {
        CopyRowWriter category(rows);
        category.integer(id);
        category.text(std::string_view(tag));
        category.end_row();
    }
    db::copy_in(db_, db::in_schema(copy_categories, schema_), rows, link_abort_reason);
    // Categories added later by SQL (changed products) draw their ids from the sequence.
    db_.exec("SELECT setval(pg_get_serial_sequence($1, 'id'), $2)",
             db::Params{schema_ + ".categories", std::to_string(next_id_ - 1)},
             "moving the category id sequence past the new categories");
    new_categories_.clear();
}

} // namespace offimport
