#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace offimport {

// A dry run's view of what a full import would remove: the codes of the dump's valid products,
// copied into a temporary table inside the caller's transaction (which the dry run rolls
// back), then compared with the catalogue. Only the codes travel: a few bytes a product.
class DumpCodes {
public:
    DumpCodes(db::Connection& db, std::string quoted_schema);

    // The codes of `row_count` rows in the staging format (ProductColumnSet::staging_row).
    void send(std::string_view staged_rows);

    // Ends the COPY and lists the catalogue's products the dump does not have into the
    // temporary table offimport_absent, as the merge would (already removed ones too when
    // `list_removed`, as in delete mode); returns how many.
    std::uint64_t list_absent(bool list_removed);

private:
    db::Connection& db_;
    std::string schema_;
    std::optional<db::CopyIn> copy_;
    std::string batch_;
};

} // namespace offimport
