#include "support/skip.hpp"

#include <cstdio>
#include <cstdlib>
#include <doctest/doctest.h>
#include <stdexcept>
#include <string_view>

namespace offimport::test {
namespace {

bool set_to(const char* name, std::string_view value) {
    const char* text = std::getenv(name);
    return text && value == text;
}

} // namespace

bool skips_forbidden() {
    return set_to("CI", "true") || set_to("OFFIMPORT_NO_SKIP", "1");
}

void skip_test(const std::string& why) {
    if (skips_forbidden()) {
        FAIL("cannot skip under CI or OFFIMPORT_NO_SKIP=1: " << why);
        throw std::logic_error("unreachable: FAIL throws"); // for [[noreturn]]
    }
    std::fprintf(stderr, "SKIP: %s\n", why.c_str());
    std::fflush(stderr);
    std::_Exit(77); // one test case per process under CTest: nothing else is lost
}

} // namespace offimport::test
