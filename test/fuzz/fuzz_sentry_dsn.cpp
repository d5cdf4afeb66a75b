// SENTRY_DSN as an operator may set it, with a key the fuzzer places anywhere in it: Sentry is
// off (empty), or the DSN gives a key and an http(s) envelope address made of URL characters
// only, with no '@' (the key never in the address), or std::invalid_argument whose message
// never holds the key.
#include "fuzz_check.hpp"
#include "sentry/sentry_dsn.hpp"

#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    constexpr std::string_view key = "f00dfacade5ecret";
    FuzzedDataProvider input(data, size);
    const bool with_key = input.ConsumeBool();
    std::string dsn = input.ConsumeRemainingBytesAsString();
    if (with_key) {
        dsn.insert(dsn.empty() ? 0 : data[0] % (dsn.size() + 1), key);
    }
    std::optional<SentryDsn> parsed;
    try {
        parsed = parse_sentry_dsn(dsn);
    } catch (const std::invalid_argument& refusal) {
        FUZZ_CHECK(std::string_view(refusal.what()).find(key) == std::string_view::npos,
                   "a refusal that repeats the DSN's key");
        return 0;
    }
    if (!parsed) {
        FUZZ_CHECK(dsn.empty(), "a DSN taken for none");
        return 0;
    }
    FUZZ_CHECK(!parsed->public_key.empty(), "a DSN without a key");
    const std::string& url = parsed->envelope_url;
    FUZZ_CHECK(url.starts_with("https://") || url.starts_with("http://"),
               "an envelope address that is not HTTP");
    FUZZ_CHECK(url.ends_with("/envelope/"), "an envelope address that is not the envelope's");
    FUZZ_CHECK(url.find('@') == std::string::npos, "an envelope address with user information");
    FUZZ_CHECK(url.find_first_of(" \t\r\n\"<>\\") == std::string::npos,
               "an envelope address with a character URLs do not hold");
    return 0;
}
