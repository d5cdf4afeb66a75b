#include "sentry/sentry_dsn.hpp"

#include <stdexcept>

namespace offimport {

std::optional<SentryDsn> parse_sentry_dsn(const std::string& dsn) {
    if (dsn.empty()) {
        return std::nullopt;
    }
    const auto scheme_end = dsn.find("://");
    const std::string scheme = scheme_end == std::string::npos ? "" : dsn.substr(0, scheme_end);
    if (scheme != "https" && scheme != "http") {
        throw std::invalid_argument("a Sentry DSN starts with https:// (or http://)");
    }
    const std::string rest = dsn.substr(scheme_end + 3);
    const auto at = rest.find('@');
    const auto slash = rest.find('/');
    if (at == std::string::npos || at == 0 || (slash != std::string::npos && slash < at)) {
        throw std::invalid_argument("a Sentry DSN names its public key before '@'");
    }
    const std::string key = rest.substr(0, rest.find_first_of(":@")); // KEY or KEY:SECRET
    if (key.empty()) {
        throw std::invalid_argument("a Sentry DSN names its public key before '@'");
    }
    const auto project_slash = rest.rfind('/');
    if (slash == std::string::npos || project_slash + 1 >= rest.size()) {
        throw std::invalid_argument("a Sentry DSN ends with /PROJECT_ID");
    }
    const std::string project = rest.substr(project_slash + 1);
    if (project.find_first_not_of("0123456789") != std::string::npos) {
        throw std::invalid_argument("a Sentry DSN's project id is a number");
    }
    const std::string host_and_path = rest.substr(at + 1, project_slash - at - 1);
    // A host name or address, a port and a path: what a URL holds there unescaped, and no
    // second '@' (the key must not end up in the address).
    constexpr std::string_view url_characters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        "0123456789-._~:/[]%";
    if (host_and_path.empty() || host_and_path.front() == '/' ||
        host_and_path.find_first_not_of(url_characters) != std::string::npos) {
        throw std::invalid_argument("a Sentry DSN's host, port and path hold only letters, "
                                    "digits and -._~:/[]%");
    }
    return SentryDsn{key, scheme + "://" + host_and_path + "/api/" + project + "/envelope/"};
}

} // namespace offimport
