#include "load/first_load.hpp"

namespace offimport {
namespace {
// Link rows are sent in batches of this size, each between two parts of the staging COPY
// (a switch costs two round trips: about 1,000 of them for the whole Open Food Facts dump).
constexpr std::size_t link_batch_bytes = 1u << 20;
} // namespace

FirstLoad::FirstLoad(db::Connection& connection, const std::string& schema_name,
                     const std::string& quoted_schema)
    : indexes_(connection, schema_name), linker_(connection, quoted_schema) {
    indexes_.drop();
}

void FirstLoad::link(std::string_view records, std::uint64_t rows, Staging& staging) {
    linker_.add(records, rows);
    if (linker_.pending_bytes() >= link_batch_bytes) {
        staging.pause();
        linker_.flush();
        staging.resume();
    }
}

void FirstLoad::finish_links() {
    linker_.finish();
}

} // namespace offimport
