#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace offimport {

// The known name a mistyped one most likely meant: the one name it begins (an abbreviation
// such as "--dry") or one a few keystrokes away ("--ful", "--sorce"); nothing when none is
// close, or when the abbreviation fits several.
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& known);

} // namespace offimport
