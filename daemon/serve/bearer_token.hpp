#pragma once

#include <optional>
#include <string_view>

namespace offimport::daemon {

// The token of an "Authorization: Bearer <token>" header; nullopt for any other scheme.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// Whether `presented` equals `expected`, in a time that depends only on the presented length,
// so that response times tell an attacker nothing about the expected token.
bool tokens_match(std::string_view presented, std::string_view expected);

} // namespace offimport::daemon
