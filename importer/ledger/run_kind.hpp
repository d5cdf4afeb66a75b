#pragma once

#include <optional>
#include <string_view>

namespace offimport {

// What a run does and how it ended, as <schema>.runs stores them (its mode column and the
// CHECK on its status column). The words are defined once, in run_kind.cpp.
enum class RunMode { full, delta };
enum class RunStatus {
    running,   // recorded at the start; a run never left in it once we hold the lock
    succeeded, // the catalogue now reflects the source
    skipped,   // the source was unchanged (or no delta newer than the watermark): nothing to do
    failed,    // rolled back: the catalogue is as it was
    abandoned, // the process ended without recording an outcome (found by the next run)
};

std::string_view to_string(RunMode mode);
std::string_view to_string(RunStatus status);
std::optional<RunMode> parse_run_mode(std::string_view text);
std::optional<RunStatus> parse_run_status(std::string_view text);

inline constexpr RunMode all_run_modes[] = {RunMode::full, RunMode::delta};

} // namespace offimport
