// SENTRY_DSN as an operator may set it: Sentry is off (empty), or the DSN gives a key and an
// https or http envelope address on the DSN's host, or std::invalid_argument that never
// repeats the DSN (it holds a key).
#include "fuzz_check.hpp"
#include "sentry/sentry_dsn.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    const std::string dsn(reinterpret_cast<const char*>(data), size);
    std::optional<SentryDsn> parsed;
    try {
        parsed = parse_sentry_dsn(dsn);
    } catch (const std::invalid_argument& refusal) {
        FUZZ_CHECK(dsn.size() < 8 ||
                       std::string_view(refusal.what()).find(dsn) == std::string_view::npos,
                   "a refusal that repeats the DSN");
        return 0;
    }
    if (!parsed) {
        return 0;
    }
    FUZZ_CHECK(!parsed->public_key.empty(), "a DSN without a key");
    const std::string& url = parsed->envelope_url;
    FUZZ_CHECK(url.starts_with("https://") || url.starts_with("http://"),
               "an envelope address that is not HTTP");
    FUZZ_CHECK(url.ends_with("/envelope/"), "an envelope address that is not the envelope's");
    FUZZ_CHECK(url.find(parsed->public_key + "@") == std::string::npos,
               "an envelope address that carries the key");
    FUZZ_CHECK(url.find_first_of(" \t\r\n") == std::string::npos, "a blank in the address");
    return 0;
}
