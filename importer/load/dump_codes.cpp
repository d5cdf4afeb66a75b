#include "load/dump_codes.hpp"

#include "db/sql_template.hpp"
#include "normalise/row_columns.hpp"

namespace offimport {
namespace {

constexpr const char* create_dump_codes =
    "CREATE TEMP TABLE offimport_dump_codes (code text COLLATE \"C\" NOT NULL) ON COMMIT DROP";

constexpr const char* list_absent_codes = R"(
CREATE TEMP TABLE offimport_absent ON COMMIT DROP AS
SELECT p.code FROM {schema}.products p
 WHERE ({list_removed} OR p.removed_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM offimport_dump_codes d WHERE d.code = p.code))";

constexpr std::size_t code_field = staged_field("code");

// The field `field` (0-based) of one COPY text row.
std::string_view field_of(std::string_view row, std::size_t field) {
    for (std::size_t skipped = 0; skipped < field; ++skipped) {
        const auto tab = row.find('\t');
        if (tab == std::string_view::npos) {
            return {};
        }
        row.remove_prefix(tab + 1);
    }
    return row.substr(0, row.find('\t'));
}

} // namespace

DumpCodes::DumpCodes(db::Connection& db, std::string quoted_schema)
    : db_(db), schema_(std::move(quoted_schema)) {
    db_.exec(create_dump_codes, "dry run: creating the table of the dump's codes");
    copy_.emplace(db_, "COPY offimport_dump_codes (code) FROM STDIN",
                  "offimport: the dry run stopped before the end of the data");
}

void DumpCodes::send(std::string_view staged_rows) {
    batch_.clear();
    while (!staged_rows.empty()) {
        const auto end = staged_rows.find('\n');
        const auto row = staged_rows.substr(0, end);
        // A code is digits (normalise_barcode): nothing in it needs COPY's escaping.
        batch_.append(field_of(row, code_field)).push_back('\n');
        staged_rows.remove_prefix(end == std::string_view::npos ? staged_rows.size() : end + 1);
    }
    if (!batch_.empty()) {
        copy_->send(batch_);
    }
}

std::uint64_t DumpCodes::list_absent(bool list_removed) {
    copy_->end();
    copy_.reset();
    db_.exec("ANALYZE offimport_dump_codes", "dry run: analysing the dump's codes");
    const std::string listing =
        db::fill_sql(list_absent_codes,
                     {{"schema", schema_}, {"list_removed", list_removed ? "true" : "false"}});
    return static_cast<std::uint64_t>(
        db_.exec(listing, "dry run: listing the products the dump does not have").affected_rows());
}

} // namespace offimport
