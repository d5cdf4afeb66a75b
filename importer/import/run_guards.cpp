#include "import/run_guards.hpp"

#include "base/number_text.hpp"

#include <algorithm>
#include <stdexcept>

namespace offimport {

void check_reject_ratio(const RunCounts& counts, double max_ratio, const std::string& see) {
    if (counts.lines == 0) {
        return;
    }
    const double ratio = static_cast<double>(counts.rejected) / static_cast<double>(counts.lines);
    if (ratio > max_ratio) {
        throw std::runtime_error(grouped(counts.rejected) + " of " + grouped(counts.lines) +
                                 " lines rejected (" + percent(ratio) +
                                 ", more than import.max_reject_ratio " +
                                 setting_number(max_ratio) + "); nothing was changed. See: " + see);
    }
}

void check_min_products(const RunCounts& counts, std::uint64_t min_products,
                        std::uint64_t catalogue_present, bool limited) {
    if (min_products == 0) {
        return;
    }
    const std::uint64_t valid = counts.staged + counts.known + counts.known_repeats;
    if (valid == 0) {
        throw std::runtime_error("the dump has no valid product in " + grouped(counts.lines) +
                                 " line(s); nothing was changed. An empty or broken dump never "
                                 "replaces the catalogue, whatever the flags");
    }
    if (valid >= min_products || valid >= catalogue_present) {
        return;
    }
    throw std::runtime_error(
        "the dump has " + grouped(valid) + " valid product(s) in " + grouped(counts.lines) +
        " line(s), fewer than " +
        (limited ? grouped(min_products) + " (LIMIT, capped by import.min_products)"
                 : "import.min_products (" + grouped(min_products) + ")") +
        ", and the catalogue holds " + grouped(catalogue_present) +
        "; nothing was changed. A dump that small never replaces a larger catalogue, whatever "
        "the flags; if it is really the whole of what you want, set import.min_products lower");
}

std::uint64_t min_products_for(std::uint64_t configured, std::uint64_t limit) {
    return limit == 0 ? configured : std::min(limit, configured);
}

} // namespace offimport
