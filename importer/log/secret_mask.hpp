#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace offimport {

// Shorter secrets are not masked: they would mask ordinary words (weak secrets are refused
// where they are set).
constexpr std::size_t min_secret_bytes = 4;

// `text` with every occurrence of each secret (of min_secret_bytes or more) replaced by "***".
std::string mask_secrets_in(std::string text, const std::vector<std::string>& secrets);

} // namespace offimport
