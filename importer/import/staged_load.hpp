#pragma once

#include "base/cancel.hpp"
#include "config/config.hpp"
#include "db/connection.hpp"
#include "import/run_session.hpp"
#include "pipeline/pipeline.hpp"
#include "sightings/fingerprint_merge.hpp"
#include "source/source.hpp"

#include <functional>
#include <string>

namespace offimport {

// One source loaded into staging and merged into the catalogue, in one transaction.
struct LoadPlan {
    std::string location;
    SourceValidators unless_unchanged; // HTTP: skip when the server says so (SourceUnchanged)
    std::uint64_t limit = 0;
    bool delete_absent = false;
    bool allow_shrink = false;
    // A full import may skip the lines the catalogue knows (when it trusts their fingerprints);
    // a delta's lines are not the dump's: it clears the fingerprints of what it writes.
    bool skip_known_lines = false;
    FingerprintUpdate fingerprints = FingerprintUpdate::store;
    std::uint64_t min_products = 0; // fewer valid product lines fail the run (0: no minimum)
    bool show_progress = false;
    SourceProgress* observer = nullptr;
    // Runs inside the transaction just before COMMIT (the run's own bookkeeping).
    std::function<void(db::Connection&, const RunCounts&, const SourceValidators&)> before_commit;
};

// The pipeline's settings from the configuration (parser threads: one per core unless set).
PipelineSettings pipeline_settings(const Config& config);

// Streams the plan's source into staging, checks the reject ratio, merges, runs before_commit
// and commits. Adds its counts to the session's report. Throws, with nothing committed, on any
// failure.
void load_and_merge(const Config& config, const LoadPlan& plan, const CancelFlag& cancel,
                    RunSession& session);

} // namespace offimport
