// A small scanner that finds the top-level members of one JSON object line without parsing
// the values: it tracks nesting depth and string boundaries only. Nested objects in OFF
// products have keys like "code" too, so a regex or a plain search would find the wrong one.
#pragma once

#include <string_view>
#include <vector>

namespace gendump {

struct TopLevelMember {
    std::string_view key;    // raw key text between the quotes (escapes not decoded)
    std::size_t value_begin; // offsets of the value within the line
    std::size_t value_end;
};

// Fills `members` and returns true if `line` is one well-formed-looking JSON object (only
// structure is checked, not every scalar). Returns false for anything else.
bool scan_top_level(std::string_view line, std::vector<TopLevelMember>& members);

} // namespace gendump
