#include "ledger/run_kind.hpp"

#include <array>
#include <utility>

namespace offimport {
namespace {

// The schema's CHECK (status IN (...)) in schema/001_catalogue.sql lists the same words; a
// database test inserts each of them.
constexpr std::array<std::pair<RunMode, std::string_view>, 2> mode_words{{
    {RunMode::full, "full"},
    {RunMode::delta, "delta"},
}};
constexpr std::array<std::pair<RunStatus, std::string_view>, 5> status_words{{
    {RunStatus::running, "running"},
    {RunStatus::succeeded, "succeeded"},
    {RunStatus::skipped, "skipped"},
    {RunStatus::failed, "failed"},
    {RunStatus::abandoned, "abandoned"},
}};

template <typename Enum, std::size_t N>
std::string_view word_of(const std::array<std::pair<Enum, std::string_view>, N>& words,
                         Enum value) {
    for (const auto& [candidate, word] : words) {
        if (candidate == value) {
            return word;
        }
    }
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& words,
                             std::string_view text) {
    for (const auto& [value, word] : words) {
        if (word == text) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace

std::string_view to_string(RunMode mode) {
    return word_of(mode_words, mode);
}

std::string_view to_string(RunStatus status) {
    return word_of(status_words, status);
}

std::optional<RunMode> parse_run_mode(std::string_view text) {
    return value_of(mode_words, text);
}

std::optional<RunStatus> parse_run_status(std::string_view text) {
    return value_of(status_words, text);
}

} // namespace offimport
