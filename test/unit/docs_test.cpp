// What a newcomer reads first: README stays short and in the order a newcomer needs, and README
// and docs/ point only at files that are in the repository.
#include "support/dump_files.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <regex>

using namespace offimport;

namespace {

std::vector<std::filesystem::path> documents() {
    std::vector<std::filesystem::path> paths{test::project_dir() / "README.md"};
    for (const auto& entry : std::filesystem::directory_iterator(test::project_dir() / "docs")) {
        if (entry.path().extension() == ".md") {
            paths.push_back(entry.path());
        }
    }
    return paths;
}

} // namespace

TEST_CASE("README is at most 300 lines, its sections in a newcomer's order") {
    const std::string readme = test::read_file(test::project_dir() / "README.md");
    CHECK(std::count(readme.begin(), readme.end(), '\n') <= 300);
    std::size_t last = 0;
    for (const char* heading : {"## Quick start", "## I already have PostgreSQL", "## Usage",
                                "## Production", "## Troubleshooting", "## More documentation"}) {
        const auto at = readme.find(std::string("\n") + heading + "\n");
        CHECK_MESSAGE(at != std::string::npos, heading);
        CHECK_MESSAGE(at > last, heading << " is out of order");
        last = at;
    }
}

TEST_CASE("README and docs/ link only to files of the repository") {
    const std::regex link(R"(\]\(([^)#\s]+)(#[^)]*)?\))");
    int links = 0;
    for (const auto& document : documents()) {
        CAPTURE(document.string());
        const std::string text = test::read_file(document);
        CHECK(text.find("DESIGN.md") == std::string::npos);
        for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
            const std::string target = (*it)[1];
            if (target.starts_with("http://") || target.starts_with("https://")) {
                continue;
            }
            const auto resolved = (document.parent_path() / target).lexically_normal();
            CHECK_MESSAGE(std::filesystem::exists(resolved), target);
            const auto inside = std::filesystem::relative(resolved, test::project_dir());
            CHECK_MESSAGE(!inside.string().starts_with(".."), target << " leaves the repository");
            ++links;
        }
    }
    CHECK(links > 10);
}
