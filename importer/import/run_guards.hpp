#pragma once

#include "ledger/run_report.hpp"

#include <cstdint>
#include <string>

namespace offimport {

// The guards a full import applies to the dump it read, before it changes anything; its dry
// run applies the same ones. Each throws std::runtime_error saying what is wrong and what to do.

// More than `max_ratio` of the lines rejected: the dump is broken. `see` says where the
// rejected lines are listed.
void check_reject_ratio(const RunCounts& counts, double max_ratio, const std::string& see);

// A dump with no valid product is always refused. One with fewer than `min_products` valid
// products (import.min_products; capped by LIMIT for a limited run) is refused only when the
// catalogue holds more present products than it: a small dump imports into an empty or smaller
// catalogue without any setting, but never replaces a larger one. 0 = no minimum (deltas).
void check_min_products(const RunCounts& counts, std::uint64_t min_products,
                        std::uint64_t catalogue_present, bool limited);

// The minimum of valid products for a full import: import.min_products, capped by LIMIT.
std::uint64_t min_products_for(std::uint64_t configured, std::uint64_t limit);

} // namespace offimport
