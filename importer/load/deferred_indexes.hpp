#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace offimport {

// The indexes of the catalogue tables, dropped while an empty catalogue is loaded and rebuilt
// afterwards in one sort each, instead of being maintained row by row. Whatever indexes exist
// (ours or a DBA's) are rebuilt exactly as they were defined; a key that a foreign key depends
// on stays.
class DeferredIndexes {
public:
    DeferredIndexes(db::Connection& connection, const std::string& schema_name);
    void drop();
    // How many products and category links were loaded: the sizes decide whether parallel
    // builds pay.
    void rebuild(std::uint64_t products, std::uint64_t links);

    static constexpr std::uint64_t parallel_build_rows = 500'000;

private:
    db::Connection& db_;
    std::vector<std::string> names_;       // the statements that drop them
    std::vector<std::string> definitions_; // the statements that build them again
    std::vector<std::string> tables_;      // each one's table
};

} // namespace offimport
