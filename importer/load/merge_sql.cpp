#include "load/merge_sql.hpp"

#include "load/change_feed.hpp"

namespace offimport {
namespace {

// Calls `piece` for each off.products column fed from staging but the code, in the order of
// the run's ProductColumnSet: one order for INSERT, UPDATE and comparison.
template <typename Piece>
std::string product_list(const ProductColumnSet& columns, Piece piece) {
    std::string out;
    for (const auto* column : columns.columns()) {
        if (column->name.empty() || column->name == "code") {
            continue;
        }
        out += out.empty() ? "" : ", ";
        out += piece(std::string(column->name), *column);
    }
    return out;
}

std::string joined(const ProductColumnSet& columns, const std::string& prefix) {
    return product_list(
        columns, [&](const std::string& name, const ProductColumn&) { return prefix + name; });
}

std::string assignments(const ProductColumnSet& columns, const std::string& from) {
    return product_list(columns, [&](const std::string& name, const ProductColumn&) {
        return name + " = " + from + name;
    });
}

// Each product column as its expression over the staging row.
std::string from_staging(const ProductColumnSet& columns) {
    return product_list(columns, [](const std::string& name, const ProductColumn& column) {
        return column.from_staging == name ? name
                                           : std::string(column.from_staging) + " AS " + name;
    });
}

// The staged products as off.products rows: the merge reads the staging table through this
// subquery (aliased "i") instead of copying it into another table.
constexpr const char* incoming_products = "(SELECT code, {from_staging} FROM {staging}) i";

} // namespace

MergeSql::MergeSql(const ProductColumnSet& set, std::string quoted_schema)
    : schema_(std::move(quoted_schema)), columns_(joined(set, "")), old_values_(joined(set, "o.")),
      new_values_(joined(set, "i.")), set_new_(assignments(set, "c.")),
      incoming_(db::fill_sql(incoming_products,
                             {{"staging", staging_table}, {"from_staging", from_staging(set)}})),
      recorded_(recorded_changes(schema_)) {}

std::string MergeSql::operator()(std::string_view statement,
                                 std::initializer_list<db::SqlName> extra) const {
    // Each statement uses some of them.
    const db::SqlName shared[] = {{"schema", schema_},          {"staging", staging_table},
                                  {"incoming", incoming_},      {"columns", columns_},
                                  {"old_values", old_values_},  {"new_values", new_values_},
                                  {"set_new_values", set_new_}, {"recorded_changes", recorded_}};
    return db::fill_sql_from(statement, shared, extra);
}

} // namespace offimport
