#pragma once

#include <string>

namespace offimport {

// This machine's name, as the run ledger records it beside the pid.
std::string host_name();

} // namespace offimport
