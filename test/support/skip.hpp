#pragma once

#include <string>

namespace offimport::test {

// Whether a missing prerequisite (a PostgreSQL server, ../shared/data, promtool, Prometheus)
// must fail the test instead of skipping it: under CI (CI=true) and wherever OFFIMPORT_NO_SKIP=1
// is set (tools/check sets it), so that a run cannot pass by skipping a whole area.
bool skips_forbidden();

// Ends the test as skipped (exit code 77, which CTest's SKIP_RETURN_CODE reports as "Not Run"),
// or fails it when skips are forbidden. `why` names what is missing and how to get it.
[[noreturn]] void skip_test(const std::string& why);

} // namespace offimport::test
