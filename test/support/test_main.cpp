// main() of the test programs that link offimport_test_support.
#define DOCTEST_CONFIG_IMPLEMENT
#include "log/logging.hpp"

#include <csignal>
#include <doctest/doctest.h>

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a child that exits early must not kill the test
    offimport::setup_logging("warn");
    doctest::Context context(argc, argv);
    return context.run();
}
