#pragma once

#include "db/connection.hpp"
#include "normalise/row_columns.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace offimport {

// The run's staging table: a temporary table (no WAL, invisible to other sessions, dropped at
// the end of the transaction) filled with COPY. Rows may repeat a code; the merge dedupes.
class Staging {
public:
    // Creates the table and starts COPY. Must run inside the run's transaction.
    // A COPY still open when it goes (the run failed) is ended with an error, so the server
    // aborts it cleanly instead of seeing the connection drop mid-protocol.
    Staging(db::Connection& connection, const ProductColumnSet& columns);

    void send(std::string_view rows, std::uint64_t row_count);
    void finish(); // ends COPY
    std::uint64_t rows() const { return rows_; }

private:
    db::Connection& connection_;
    std::uint64_t rows_ = 0;
    std::optional<db::CopyIn> copy_;
};

} // namespace offimport
