#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// A source location as it may be shown and stored: an http(s) URL loses the password of its
// user information ("https://user:pw@host/x" -> "https://user@host/x"); anything else is
// returned as given. Logs, the run ledger, the source state and /status only see this form.
std::string public_location(const std::string& location);

// "%41b%20c" -> "Ab c"; nullopt for a malformed escape ("%zz", "%4") or an escaped NUL ("%00"),
// which no path or password can hold.
std::optional<std::string> percent_decode(std::string_view text);

// The password of a URL's user information as written and percent-decoded (empty when none),
// to be registered as secrets so that no message can show it.
std::vector<std::string> location_secrets(const std::string& location);

} // namespace offimport
