// Configuration text as an operator may write it: applied over the defaults, it gives a Config
// or a UsageError that names where (the file, and a key or a line); nothing else escapes.
#include "base/errors.hpp"
#include "config/config.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace offimport;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const bool secrets_allowed = size % 2 == 0;
    Config config;
    try {
        apply_config_text(config, text, "fuzz.toml", secrets_allowed);
    } catch (const UsageError& error) {
        const std::string_view message = error.what();
        FUZZ_CHECK(message.find("fuzz.toml") != std::string_view::npos,
                   "a configuration error that does not name the file");
        return 0;
    }
    return 0;
}
