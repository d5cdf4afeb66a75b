// main() of every test program. Besides running doctest, it fails a run whose filter selected
// no test case: CTest runs one case per process by name, and a name that CMake's list syntax
// splits (a ';' in it) or that doctest's filter cannot match would otherwise "pass" having
// run nothing.
#define DOCTEST_CONFIG_IMPLEMENT
#include "log/logging.hpp"

#include <csignal>
#include <cstdio>
#include <doctest/doctest.h>
#include <optional>

namespace {

std::optional<unsigned> cases_run; // set at the end of a run; listing tests sets nothing

struct SelectedCases : doctest::IReporter {
    explicit SelectedCases(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override {
        cases_run = stats.numTestCasesPassingFilters;
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("selected_cases", 1, SelectedCases);

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a child that exits early must not kill the test
    offimport::setup_logging("warn");
    doctest::Context context(argc, argv);
    const int status = context.run();
    if (status == 0 && cases_run && *cases_run == 0) {
        std::fprintf(stderr, "no test case matches the filter: nothing was tested (is there a "
                             "';' in a test name? CTest splits names there)\n");
        return 1;
    }
    return status;
}
