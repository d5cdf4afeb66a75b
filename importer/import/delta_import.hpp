#pragma once

#include "base/cancel.hpp"
#include "config/config.hpp"
#include "ledger/run_report.hpp"

#include <cstdint>
#include <functional>

namespace offimport {

// `offimport --delta`: applies the Open Food Facts delta files published since the catalogue's
// watermark, oldest first, each in its own transaction. Returns the report of the whole run.
// `on_run_started`, if set, is called with the run's id once it is in the ledger.
RunReport run_delta_import(const Config& config, const CancelFlag& cancel,
                           const std::function<void(std::int64_t)>& on_run_started = {});

} // namespace offimport
