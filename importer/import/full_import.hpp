#pragma once

#include "base/cancel.hpp"
#include "config/config.hpp"
#include "ledger/run_report.hpp"
#include "source/source.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace offimport {

struct FullImportRequest {
    std::string source;      // path, "-", file://, http(s)://
    std::uint64_t limit = 0; // 0 = the whole dump (and delete absent products)
    bool allow_shrink = false;
    bool force = false; // import even if the source is unchanged since the last success
    bool dry_run = false;
    bool verify = false;   // compare every product: no skipping of lines known by fingerprint
    bool progress = false; // draw the progress line on stderr
    SourceProgress* observer = nullptr; // if set, the run reports its progress here too
    // Called once the run is in the ledger, with its id (the daemon answers POST /refresh).
    std::function<void(std::int64_t run_id)> on_run_started;
};

// `offimport --full`: streams the dump into staging and merges it into the catalogue in one
// transaction. Returns the report of a successful run; throws on failure after recording the
// failed run (TryLaterError when another import holds the lock, UsageError for bad requests).
RunReport run_full_import(const Config& config, const FullImportRequest& request,
                          const CancelFlag& cancel);

} // namespace offimport
