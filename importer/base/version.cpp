#include "base/version.hpp"

#include "base/version_number.hpp"

namespace offimport {

const std::string& version() {
    static const std::string text = OFFIMPORT_VERSION;
    return text;
}

const std::string& user_agent() {
    static const std::string text = "offimport/" + version() + " (Open Food Facts importer)";
    return text;
}

} // namespace offimport
