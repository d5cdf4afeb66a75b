#include "import/delta_files.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <stdexcept>

namespace offimport {
namespace {

bool parse_number(std::string_view text, std::int64_t& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool parse_name(std::string_view name, DeltaFile& file) {
    constexpr std::string_view prefix = "openfoodfacts_products_";
    constexpr std::string_view suffix = ".json.gz";
    if (name.size() <= prefix.size() + suffix.size() || name.substr(0, prefix.size()) != prefix ||
        name.substr(name.size() - suffix.size()) != suffix) {
        return false;
    }
    const auto middle = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    const auto underscore = middle.find('_');
    return underscore != std::string_view::npos &&
           parse_number(middle.substr(0, underscore), file.from) &&
           parse_number(middle.substr(underscore + 1), file.to) && file.from < file.to &&
           (file.name = std::string(name), true);
}

std::string utc_time(std::int64_t seconds) {
    char text[32];
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
    return text;
}

} // namespace

std::vector<DeltaFile> parse_delta_index(std::string_view index) {
    std::vector<DeltaFile> files;
    while (!index.empty()) {
        const auto end = std::min(index.find('\n'), index.size());
        std::string_view line = index.substr(0, end);
        index.remove_prefix(std::min(end + 1, index.size()));
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        DeltaFile file;
        if (parse_name(line, file)) {
            files.push_back(std::move(file));
        }
    }
    std::sort(files.begin(), files.end(),
              [](const DeltaFile& a, const DeltaFile& b) { return a.from < b.from; });
    return files;
}

std::vector<DeltaFile> deltas_after(const std::vector<DeltaFile>& listed, std::int64_t watermark) {
    std::vector<DeltaFile> pending;
    for (const auto& file : listed) {
        if (file.to > watermark) {
            pending.push_back(file);
        }
    }
    if (!pending.empty() && pending.front().from > watermark) {
        throw std::runtime_error(
            "the catalogue's watermark (" + utc_time(watermark) +
            ") is older than the oldest published delta file (from " +
            utc_time(pending.front().from) +
            "): the changes in between are no longer published; run offimport --full 0");
    }
    return pending;
}

} // namespace offimport
