#pragma once

#include "normalise/product_row.hpp"

#include <string>

namespace offimport {

// The version of the mapping from a dump line to a product row (parse/ and normalise/). Bump
// it with any change that makes one line give other values in the existing columns: the
// fingerprints of the lines imported before then no longer stand for their rows, and the next
// full import compares every product. test/unit/mapping_version_test.cpp fails until it is
// bumped. A column added to the list needs no bump: the key below names every column.
constexpr int mapping_version = 1;

// Everything that decides the row a line gives: the mapping version, the name languages, the
// extra columns and the run's columns. Stored with the fingerprints (fingerprint_state.mapping).
std::string mapping_key(const NormaliseSettings& settings);

} // namespace offimport
