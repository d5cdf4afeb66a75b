#pragma once

#include "app/cancel.hpp"
#include "config/config.hpp"
#include "run/run_report.hpp"

namespace offimport {

// `offimport --delta`: applies the Open Food Facts delta files published since the catalogue's
// watermark, oldest first, each in its own transaction. Returns the report of the whole run.
RunReport run_delta_import(const Config& config, const CancelFlag& cancel);

} // namespace offimport
