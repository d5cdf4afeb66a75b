// Peak memory of the real binary stays under the bound README states, whatever the line sizes
// and the number of parser threads (measured by /usr/bin/time, as an operator would).
#include "support/child_process.hpp"
#include "support/import_helpers.hpp"
#include "support/skip.hpp"
#include "support/text_checks.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace offimport;
using namespace offimport::test;

namespace {

// docs/operations.md: "Peak memory": at most 160 MiB + 24 MiB per parser thread with the default
// import.max_line_bytes (8 MiB), whatever the dump holds.
std::uint64_t stated_bound_kib(int threads) {
    return (160 + 24 * static_cast<std::uint64_t>(threads)) * 1024;
}

// One product line of about `bytes`: a long name, or (`many_values`) a long list of short tags,
// which gives the JSON parser one structural character every two bytes.
std::string big_product(int index, std::size_t bytes, bool many_values) {
    std::string line = R"({"code":")" + test_code(index) + R"(",)";
    if (many_values) {
        line += R"("labels_tags":[)";
        while (line.size() + 8 < bytes) {
            line += R"("a",)";
        }
        line += R"("a"]})";
    } else {
        line += R"("product_name":")" + std::string(bytes - line.size() - 20, 'n') + R"("})";
    }
    return line;
}

struct Measured {
    int code = -1;
    std::uint64_t peak_kib = 0;
    std::string stderr_text;
};

// Streams `lines` lines from `make_line` into `offimport --full 0 --source -` under
// /usr/bin/time, so the test never holds the dump in memory.
template <typename MakeLine>
Measured import_measured(const TestDatabase& database, int threads, int lines, MakeLine make_line) {
    if (!std::filesystem::exists("/usr/bin/time")) {
        skip_test("/usr/bin/time is missing (Debian package time)");
    }
    TempDir dir;
    write_file(dir / "offimport.toml", "[import]\nmin_products = 1\nmax_reject_ratio = 1\n"
                                       "parse_threads = " +
                                           std::to_string(threads) + "\n");
    ChildProcess importer("/usr/bin/time",
                          {"-f", "%M", "-o", (dir / "peak.txt").string(), offimport_binary(),
                           "--full", "0", "--source", "-", "--database", database.conninfo(),
                           "--config", (dir / "offimport.toml").string(), "--no-progress"});
    for (int i = 0; i < lines; ++i) {
        importer.write_stdin(make_line(i) + "\n");
    }
    importer.close_stdin();
    Measured measured;
    measured.code = importer.wait();
    measured.stderr_text = importer.stderr_text();
    measured.peak_kib = std::strtoull(read_file(dir / "peak.txt").c_str(), nullptr, 10);
    return measured;
}

} // namespace

TEST_CASE("lines over import.max_line_bytes cost no memory: 12 lines of 60 MiB, 4 threads") {
    TestDatabase database;
    const auto run = import_measured(database, 4, 14, [](int i) {
        return i < 2 ? test_product(i) : big_product(i, 60u << 20, i % 2 == 0);
    });
    CHECK_MESSAGE(run.code == 0, run.stderr_text);
    CHECK(contains(run.stderr_text, "rejected 12"));
    MESSAGE("peak RSS " << run.peak_kib / 1024 << " MiB");
    CHECK(run.peak_kib < stated_bound_kib(4));
}

TEST_CASE("lines just under import.max_line_bytes stay within the bound: 12 of 7.9 MiB") {
    TestDatabase database;
    for (const int threads : {1, 4}) {
        CAPTURE(threads);
        const auto run = import_measured(database, threads, 12, [](int i) {
            return big_product(i, (79u << 20) / 10, i % 2 == 0);
        });
        CHECK_MESSAGE(run.code == 0, run.stderr_text);
        CHECK_MESSAGE(contains(run.stderr_text, "rejected 0"), run.stderr_text);
        MESSAGE("peak RSS " << run.peak_kib / 1024 << " MiB");
        CHECK(run.peak_kib < stated_bound_kib(threads));
    }
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "12");
    CHECK(database.scalar("SELECT max(cardinality(labels_tags)) > 1000000 FROM off.products") ==
          "t");
}
