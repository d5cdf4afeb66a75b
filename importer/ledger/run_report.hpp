#pragma once

#include "ledger/run_kind.hpp"

#include <cstdint>
#include <string>

namespace offimport {

// What a run did; printed as the summary line, stored in the ledger, exported as metrics.
struct RunCounts {
    std::uint64_t lines = 0;
    std::uint64_t source_bytes = 0; // bytes read from the source (compressed if gzip)
    std::uint64_t json_bytes = 0;   // decompressed bytes parsed
    std::uint64_t inserted = 0;
    std::uint64_t updated = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t deleted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t staged = 0; // valid product lines parsed and staged
    // Lines whose fingerprint the catalogue knew (sightings/known_lines.hpp): products unchanged,
    // neither parsed nor staged. Repeats are identical copies of such a line (duplicates).
    std::uint64_t known = 0;
    std::uint64_t known_repeats = 0;
    std::int64_t max_last_modified = 0;

    void add(const RunCounts& other);
};

// How import.after_success went after a committed run (import/after_success.hpp).
enum class AfterSuccess { not_run, succeeded, failed };

struct RunReport {
    std::int64_t run_id = 0; // 0 for --dry-run
    RunMode mode = RunMode::full;
    std::string source;
    RunStatus status = RunStatus::running;
    std::string error;
    RunCounts counts;
    std::uint64_t catalogue = 0; // products in the catalogue after the run
    double seconds = 0;
    bool dry_run = false;
    std::string dry_run_notes;       // what a dry run found, or could not check, in the catalogue
    std::uint64_t product_limit = 0; // --full LIMIT; 0 = the whole source
    AfterSuccess after_success = AfterSuccess::not_run;
};

// "full import succeeded: run 7, 7,659 products in 2.1 s (…)": the one line cron logs.
std::string summary_line(const RunReport& report);

} // namespace offimport
