#include "base/one_line.hpp"

#include <doctest/doctest.h>

using namespace offimport;

TEST_CASE("one_line: libpq's multi-line message with tabs becomes one clean line") {
    const std::string libpq =
        "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
        "\tIs the server running on that host and accepting TCP/IP connections?\n";
    CHECK(one_line(libpq) ==
          "connection to server at \"127.0.0.1\", port 1 failed: Connection refused Is the server "
          "running on that host and accepting TCP/IP connections?");
}

TEST_CASE("one_line: every control character and run of blanks is one space, the ends trimmed") {
    CHECK(one_line("  a\r\n\x1b[31mb\x7f  c\t") == "a [31mb c");
    CHECK(one_line("") == "");
    CHECK(one_line("\n\t ") == "");
    CHECK(one_line("caf\xc3\xa9 ok") == "caf\xc3\xa9 ok"); // UTF-8 bytes stay
}
