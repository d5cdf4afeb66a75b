// KnownLines: the catalogue's line fingerprints in memory, and the sightings of one run.
#include "sightings/known_lines.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <thread>

using namespace offimport;

TEST_CASE("a line's fingerprint depends on every byte and is never 0") {
    CHECK(line_fingerprint(R"({"code":"1"})") == line_fingerprint(R"({"code":"1"})"));
    CHECK(line_fingerprint(R"({"code":"1"})") != line_fingerprint(R"({"code":"1"} )"));
    CHECK(line_fingerprint(R"({"code":"1"})") != line_fingerprint(R"({"code":"2"})"));
    CHECK(line_fingerprint("") != 0);
}

TEST_CASE("known fingerprints are found, sighted once, and the unseen ones listed") {
    std::vector<std::uint64_t> fingerprints;
    for (std::uint64_t i = 1; i <= 10000; ++i) {
        fingerprints.push_back(line_fingerprint(std::to_string(i)));
    }
    fingerprints.push_back(fingerprints.front()); // repeats and 0s are dropped
    fingerprints.push_back(0);
    KnownLines known(fingerprints);
    CHECK(known.size() == 10000);

    const auto first = line_fingerprint("1");
    CHECK_FALSE(known.seen_at(first).has_value());
    const auto sighting = known.sight(first, 7);
    CHECK(sighting.known);
    CHECK_FALSE(sighting.repeated);
    CHECK(known.seen_at(first) == 7);
    const auto again = known.sight(first, 9);
    CHECK(again.known);
    CHECK(again.repeated);
    CHECK(known.seen_at(first) == 9); // the later line, as ties of duplicates go
    CHECK(known.sight(first, 8).repeated);
    CHECK(known.seen_at(first) == 9);

    CHECK_FALSE(known.sight(line_fingerprint("not known"), 1).known);
    CHECK_FALSE(known.sight(0, 1).known);
    // Lines past 32 bits are not sighted: they are parsed instead.
    CHECK_FALSE(known.sight(line_fingerprint("2"), KnownLines::max_line_no + 1).known);

    const auto unseen = known.unseen();
    CHECK(unseen.size() == 9999);
    CHECK(std::find(unseen.begin(), unseen.end(), first) == unseen.end());
    CHECK(known.memory_bytes() < 10000 * 12 + 64 * 1024);
}

TEST_CASE("an empty set knows nothing") {
    KnownLines known({});
    CHECK(known.size() == 0);
    CHECK_FALSE(known.sight(line_fingerprint("x"), 1).known);
    CHECK(known.unseen().empty());
}

TEST_CASE("parser threads sighting the same lines at once: each is first exactly once") {
    std::vector<std::uint64_t> fingerprints;
    for (std::uint64_t i = 1; i <= 2000; ++i) {
        fingerprints.push_back(line_fingerprint(std::to_string(i)));
    }
    KnownLines known(fingerprints);
    std::vector<int> firsts(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (std::uint64_t i = 1; i <= 2000; ++i) {
                const auto sighting = known.sight(line_fingerprint(std::to_string(i)),
                                                  i * 4 + static_cast<unsigned>(t));
                firsts[static_cast<std::size_t>(t)] += sighting.known && !sighting.repeated;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(firsts[0] + firsts[1] + firsts[2] + firsts[3] == 2000);
    for (std::uint64_t i = 1; i <= 2000; ++i) {
        CHECK(known.seen_at(line_fingerprint(std::to_string(i))) == i * 4 + 3); // the latest
    }
    CHECK(known.unseen().empty());
}
