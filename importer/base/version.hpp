#pragma once

#include <string>

namespace offimport {

const std::string& version();    // "0.1.0"
const std::string& user_agent(); // "offimport/0.1.0 (+https://...)"

} // namespace offimport
