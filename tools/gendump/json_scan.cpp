#include "json_scan.hpp"

#include <cstring>

namespace gendump {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void skip_space(std::string_view s, std::size_t& i) {
    while (i < s.size() && is_space(s[i])) {
        ++i;
    }
}

// s[i] is an opening quote; on success i is just past the closing quote.
bool skip_string(std::string_view s, std::size_t& i) {
    ++i;
    for (;;) {
        const void* hit = std::memchr(s.data() + i, '"', s.size() - i);
        if (hit == nullptr) {
            return false;
        }
        const auto quote = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
        // The quote is escaped if an odd number of backslashes precede it.
        std::size_t backslashes = 0;
        while (quote - backslashes > i && s[quote - backslashes - 1] == '\\') {
            ++backslashes;
        }
        i = quote + 1;
        if (backslashes % 2 == 0) {
            return true;
        }
    }
}

// Skips one value of any kind; containers are skipped by depth counting.
bool skip_value(std::string_view s, std::size_t& i) {
    if (i >= s.size()) {
        return false;
    }
    if (s[i] == '"') {
        return skip_string(s, i);
    }
    if (s[i] != '{' && s[i] != '[') {
        while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_space(s[i])) {
            ++i;
        }
        return true;
    }
    int depth = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            if (!skip_string(s, i)) {
                return false;
            }
            continue;
        }
        ++i;
        if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return true;
        }
    }
    return false;
}

bool scan_member(std::string_view s, std::size_t& i, std::vector<TopLevelMember>& members) {
    skip_space(s, i);
    if (i >= s.size() || s[i] != '"') {
        return false;
    }
    const std::size_t key_begin = i + 1;
    if (!skip_string(s, i)) {
        return false;
    }
    const std::string_view key = s.substr(key_begin, i - 1 - key_begin);
    skip_space(s, i);
    if (i >= s.size() || s[i] != ':') {
        return false;
    }
    ++i;
    skip_space(s, i);
    const std::size_t value_begin = i;
    if (!skip_value(s, i) || i == value_begin) {
        return false;
    }
    members.push_back({key, value_begin, i});
    skip_space(s, i);
    return true;
}

} // namespace

bool scan_top_level(std::string_view line, std::vector<TopLevelMember>& members) {
    members.clear();
    std::size_t i = 0;
    skip_space(line, i);
    if (i >= line.size() || line[i] != '{') {
        return false;
    }
    ++i;
    skip_space(line, i);
    if (i < line.size() && line[i] == '}') {
        ++i;
    } else {
        for (;;) {
            if (!scan_member(line, i, members)) {
                return false;
            }
            if (i < line.size() && line[i] == ',') {
                ++i;
                continue;
            }
            if (i < line.size() && line[i] == '}') {
                ++i;
                break;
            }
            return false;
        }
    }
    skip_space(line, i);
    return i == line.size(); // nothing may follow the object
}

} // namespace gendump
