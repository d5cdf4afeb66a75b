#pragma once

#include "base/cancel.hpp"
#include "config/config.hpp"
#include "import/full_import.hpp"
#include "ledger/run_report.hpp"

namespace offimport {

// `offimport --full --dry-run`: reads and parses the dump as the import would, then applies
// every guard the import would: the reject ratio, the minimum of valid products and, when the
// database answers, the shrink guard and the application foreign keys against the current
// catalogue (inside a transaction it rolls back). Writes nothing. Returns a report whose
// dry_run_notes say what the import would remove and which guards could not be checked;
// throws std::runtime_error "the import would fail: …" when a guard refuses.
RunReport run_dry_run(const Config& config, const FullImportRequest& request,
                      const CancelFlag& cancel);

} // namespace offimport
