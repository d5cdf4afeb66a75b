#include "db/pg_array.hpp"

#include <doctest/doctest.h>

using namespace offimport::db;

TEST_CASE("array literal: elements quoted so that commas, braces, quotes and NULL stay data") {
    PgArray words;
    CHECK(words.text() == "{}");
    words.add(std::optional<std::string>("a,b"));
    words.add(std::optional<std::string>("say \"hi\" \\ {x}"));
    words.add(std::optional<std::string>("NULL"));
    words.add(std::nullopt);
    CHECK(words.text() == R"({"a,b","say \"hi\" \\ {x}","NULL",NULL})");
    PgArray numbers;
    numbers.add(std::int64_t{-9});
    numbers.add(std::int64_t{42});
    CHECK(numbers.text() == "{-9,42}");
}
