#include "load/index_lookups.hpp"

namespace offimport {

bool few_staged(std::uint64_t staged_rows, std::uint64_t present_products) {
    return staged_rows <= present_products / 8;
}

} // namespace offimport
