#include "cron/zone_loader.hpp"

#include "cron/tzif_parser.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace offimport::cron {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view zone_info_dir = "/usr/share/zoneinfo";
constexpr std::string_view local_time_file = "/etc/localtime";
constexpr std::string_view debian_timezone_file = "/etc/timezone";
// Compiled zones are a few kilobytes; a cap keeps a wrong path from reading a huge file.
constexpr std::uintmax_t max_zone_file_bytes = 1 << 20;

[[noreturn]] void unknown_zone(std::string_view name, std::string_view where = "") {
    throw std::invalid_argument("unknown time zone '" + std::string(name) + "' (" +
                                std::string(where) + "looked in " + std::string(zone_info_dir) +
                                ")");
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '+' ||
           c == '.';
}

// IANA names are words joined by '/'. Refusing anything else (absolute paths, "..") keeps a
// configured name from reaching files outside the zone directory.
bool is_plausible_zone_name(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t slash = std::min(name.find('/', start), name.size());
        const std::string_view part = name.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") {
            return false;
        }
        for (const char c : part) {
            if (!is_name_char(c)) {
                return false;
            }
        }
        start = slash + 1;
    }
    return true;
}

std::optional<std::string> read_small_file(const fs::path& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
        return std::nullopt;
    }
    const std::uintmax_t size = fs::file_size(path, error);
    if (error || size > max_zone_file_bytes) {
        return std::nullopt;
    }
    // Sized read: istreambuf_iterator trips g++ 12's -Wnull-dereference inside libstdc++.
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::ifstream in(path, std::ios::binary);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        return std::nullopt;
    }
    return bytes;
}

ZoneRules parse_zone_file(const std::string& bytes, const fs::path& path) {
    try {
        return parse_tzif(bytes);
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument("cannot use time zone file '" + path.string() +
                                    "': " + error.what());
    }
}

// nullopt when there is no compiled zone of that name (other files there, such as zone.tab,
// do not count); throws when there is one but it is malformed.
std::optional<LoadedZone> find_in_zoneinfo(std::string_view name) {
    if (!is_plausible_zone_name(name)) {
        return std::nullopt;
    }
    const fs::path path = fs::path(zone_info_dir) / name;
    const std::optional<std::string> bytes = read_small_file(path);
    if (!bytes || !looks_like_tzif(*bytes)) {
        return std::nullopt;
    }
    return LoadedZone{std::string(name), parse_zone_file(*bytes, path)};
}

bool is_utc_name(std::string_view name) {
    return name == "UTC" || name == "Etc/UTC";
}

// "/usr/share/zoneinfo/Europe/London" is known as "Europe/London".
std::string zone_name_from_path(std::string_view path) {
    constexpr std::string_view marker = "zoneinfo/";
    const std::size_t at = path.rfind(marker);
    return std::string(at == std::string_view::npos ? path : path.substr(at + marker.size()));
}

LoadedZone load_zone_file(std::string_view path) {
    const std::optional<std::string> bytes = read_small_file(fs::path(path));
    if (!bytes || !looks_like_tzif(*bytes)) {
        unknown_zone(path, "from the TZ environment variable; ");
    }
    return {zone_name_from_path(path), parse_zone_file(*bytes, fs::path(path))};
}

LoadedZone load_from_tz_variable(std::string_view value) {
    if (value.empty()) {
        return {"UTC", std::nullopt}; // as glibc reads an empty TZ
    }
    if (value.front() == ':') {
        value.remove_prefix(1);
    }
    if (!value.empty() && value.front() == '/') {
        return load_zone_file(value);
    }
    if (auto zone = find_in_zoneinfo(value)) {
        return std::move(*zone);
    }
    try {
        return {std::string(value), ZoneRules::from_posix(parse_posix_tz(value))};
    } catch (const std::invalid_argument&) {
        // Neither a zone name nor a POSIX rule: report it as an unknown zone below.
    }
    if (is_utc_name(value)) {
        return {std::string(value), std::nullopt};
    }
    unknown_zone(value, "from the TZ environment variable; ");
}

// /etc/localtime is usually a symbolic link into the zone directory, which names the zone;
// Debian also writes the name to /etc/timezone.
std::string machine_zone_name() {
    std::error_code error;
    const fs::path target = fs::read_symlink(fs::path(local_time_file), error);
    if (!error && target.string().find("zoneinfo/") != std::string::npos) {
        return zone_name_from_path(target.string());
    }
    if (std::ifstream in{fs::path(debian_timezone_file)}) {
        std::string line;
        std::getline(in, line);
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())) != 0) {
            line.pop_back();
        }
        if (!line.empty()) {
            return line;
        }
    }
    return "localtime";
}

LoadedZone load_from_etc_localtime() {
    const std::optional<std::string> bytes = read_small_file(fs::path(local_time_file));
    if (!bytes) {
        return {"UTC", std::nullopt}; // as glibc does without /etc/localtime
    }
    return {machine_zone_name(), parse_zone_file(*bytes, fs::path(local_time_file))};
}

} // namespace

LoadedZone load_named_zone(std::string_view name) {
    if (auto zone = find_in_zoneinfo(name)) {
        return std::move(*zone);
    }
    // UTC needs no data, so it works even where tzdata is not installed.
    if (is_utc_name(name)) {
        return {std::string(name), std::nullopt};
    }
    unknown_zone(name);
}

LoadedZone load_machine_zone() {
    // getenv is safe here as long as nothing modifies the environment concurrently; this runs
    // when the configuration is loaded, not on the scheduling thread's hot path.
    if (const char* tz = std::getenv("TZ")) {
        return load_from_tz_variable(tz);
    }
    return load_from_etc_localtime();
}

} // namespace offimport::cron
