#pragma once

#include <optional>
#include <string>

namespace offimport {

// A Sentry DSN, https://PUBLIC_KEY@HOST[:PORT][/PATH]/PROJECT_ID, as Sentry documents it.
struct SentryDsn {
    std::string public_key;
    std::string envelope_url; // SCHEME://HOST[:PORT][/PATH]/api/PROJECT_ID/envelope/
};

// nullopt for an empty DSN (Sentry is off); std::invalid_argument saying what is wrong (the
// message never repeats the DSN: it holds a key).
std::optional<SentryDsn> parse_sentry_dsn(const std::string& dsn);

} // namespace offimport
