// The man pages the package installs keep up with the programs: every option --help lists is
// in the page.
#include "daemon_process.hpp"
#include "support/child_process.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <set>

using namespace offimport;
using namespace offimport::test;

namespace {

std::string help_of(const std::string& program) {
    TempDir dir;
    const auto out = dir / "help.txt";
    ChildProcess shell("/bin/sh", {"-c", "\"$0\" --help > \"$1\"", program, out.string()});
    CHECK(shell.wait() == 0);
    return read_file(out);
}

// roff writes a dash as \-.
std::string man_text(const std::string& page) {
    return std::regex_replace(read_file(project_dir() / "man" / page), std::regex(R"(\\-)"), "-");
}

void check_options_documented(const std::string& program, const std::string& page) {
    const std::string help = help_of(program);
    const std::string man = man_text(page);
    const std::regex option(R"(--[a-z][a-z-]*)");
    std::set<std::string> options;
    for (std::sregex_iterator it(help.begin(), help.end(), option), end; it != end; ++it) {
        options.insert(it->str());
    }
    CHECK(options.size() >= 5);
    for (const auto& name : options) {
        CHECK_MESSAGE(contains(man, name), page << " lacks " << name);
    }
}

} // namespace

TEST_CASE("offimport(1) and offimportd(8) document every option of --help") {
    check_options_documented(offimport_binary(), "offimport.1");
    check_options_documented(offimportd_binary(), "offimportd.8");
}
