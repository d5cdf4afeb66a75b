#pragma once

#include "db/connection.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace offimport {

// The catalogue's side of line fingerprints ({schema}.line_fingerprints, fingerprint_state;
// schema/004): whether a full import may trust them, reading them, and keeping them in step
// with the products. Every function runs in the caller's (the run's) transaction.

// Why the fingerprints cannot be trusted for a full import under `mapping`, or "" when they
// can: never recorded, another mapping, the last full comparison older than
// `verify_every_days` (0: no limit), or not one fingerprint for each of the catalogue's
// `present_products`.
std::string fingerprint_distrust(db::Connection& db, const std::string& quoted_schema,
                                 const std::string& mapping, int verify_every_days,
                                 std::uint64_t present_products);

// Every known fingerprint (0s left out), read as a stream.
std::vector<std::uint64_t> read_fingerprints(db::Connection& db, const std::string& quoted_schema);

// After a full import that compared every product: the fingerprints now stand for `mapping`.
void record_full_comparison(db::Connection& db, const std::string& quoted_schema,
                            const std::string& mapping);
// After a run that wrote rows under another mapping than the one recorded: distrust them all.
void forget_if_other_mapping(db::Connection& db, const std::string& quoted_schema,
                             const std::string& mapping);

} // namespace offimport
