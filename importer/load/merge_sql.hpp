#pragma once

#include "db/sql_template.hpp"
#include "normalise/row_columns.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace offimport {

// Fills the merge's statements for one run: {schema}, the staging table ({staging}, and
// {incoming}: its rows as off.products rows, aliased "i"), and the product column lists of its
// ProductColumnSet ({columns}, {old_values} over "o", {new_values} over "i", {set_new_values}
// from "c"), the change feed's CTE ({recorded_changes}, load/change_feed.hpp), plus any `extra`
// placeholder one statement needs.
class MergeSql {
public:
    MergeSql(const ProductColumnSet& set, std::string quoted_schema);

    const std::string& schema() const { return schema_; }

    std::string operator()(std::string_view statement,
                           std::initializer_list<db::SqlName> extra = {}) const;

private:
    std::string schema_, columns_, old_values_, new_values_, set_new_, incoming_, recorded_;
};

} // namespace offimport
