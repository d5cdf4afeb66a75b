#pragma once

#include <cstdint>

namespace offimport::db {

// Advisory lock namespaces (first key of the two-key form); the second key is the schema's
// hash, so that two catalogues in one database do not block each other.
constexpr std::int32_t migration_lock_class = 0x4f464631; // "OFF1"
constexpr std::int32_t import_lock_class = 0x4f464632;    // "OFF2"

} // namespace offimport::db
