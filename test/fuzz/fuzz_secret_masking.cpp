// What secrets a conninfo string or a source URL carries, and their masking: a password given
// in the input never appears in what a log line would show (the redacted conninfo, the
// location), whatever else the text holds.
#include "db/connection.hpp"
#include "fuzz_check.hpp"
#include "log/secret_mask.hpp"
#include "source/location.hpp"

#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>
#include <vector>

namespace {

void check_masked(const std::string& text, const std::vector<std::string>& secrets) {
    const std::string shown = offimport::mask_secrets_in(text, secrets);
    for (const auto& secret : secrets) {
        if (secret.size() >= offimport::min_secret_bytes) {
            FUZZ_CHECK(shown.find(secret) == std::string::npos, "a secret shown after masking");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    FuzzedDataProvider input(data, size);
    const std::string text = input.ConsumeRandomLengthString(300);
    const std::string around = input.ConsumeRemainingBytesAsString();
    // As a source location.
    const auto url_secrets = location_secrets(text);
    check_masked(text, url_secrets);
    check_masked(around + text + around, url_secrets);
    // As a conninfo string (key=value pairs or a postgresql:// URI).
    std::optional<std::string> password;
    try {
        password = db::conninfo_password(text);
    } catch (const db::DbError&) {
        return 0; // unparsable: libpq refuses it, and redact_conninfo shows none of it
    }
    if (password) {
        const std::vector<std::string> secrets{*password};
        check_masked(db::redact_conninfo(text), secrets);
        check_masked(text, secrets);
    }
    return 0;
}
