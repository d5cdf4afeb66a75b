#include "run/delta_import.hpp"

#include "app/errors.hpp"

namespace offimport {

RunReport run_delta_import(const Config&, const CancelFlag&) {
    throw UsageError("--delta is not available yet in this version; run --full 0");
}

} // namespace offimport
