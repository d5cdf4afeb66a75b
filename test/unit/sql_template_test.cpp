#include "db/sql_template.hpp"

#include <doctest/doctest.h>
#include <stdexcept>

using namespace offimport::db;

TEST_CASE("SQL template: each placeholder becomes its quoted identifier, every time it occurs") {
    CHECK(fill_sql("SELECT a FROM {schema}.runs r JOIN {schema}.{table} t USING (id)",
                   {{"schema", "\"My Off\""}, {"table", "rejects"}}) ==
          "SELECT a FROM \"My Off\".runs r JOIN \"My Off\".rejects t USING (id)");
    CHECK(in_schema("UPDATE {schema}.runs SET x = $1", "off") == "UPDATE off.runs SET x = $1");
}

TEST_CASE("SQL template: braces that are no placeholder stay as they are") {
    CHECK(in_schema("SELECT '{}'::text[], '{a,b}', '{NULL}', '{' FROM {schema}.t", "off") ==
          "SELECT '{}'::text[], '{a,b}', '{NULL}', '{' FROM off.t");
}

TEST_CASE("SQL template: a missing or an unused name is a programming error") {
    CHECK_THROWS_AS(in_schema("SELECT 1 FROM {schema}.{table}", "off"), std::logic_error);
    CHECK_THROWS_AS(fill_sql("SELECT 1", {{"schema", "off"}}), std::logic_error);
}

#include "db/pg_array.hpp"

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
