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

TEST_CASE("a migration's text: {schema} replaced, every other brace left as data") {
    CHECK(migration_in_schema("CREATE TABLE {schema}.t (l text[] DEFAULT '{en}'); SET x = 1;",
                              "\"My Off\"") ==
          "CREATE TABLE \"My Off\".t (l text[] DEFAULT '{en}'); SET x = 1;");
    CHECK(migration_in_schema("SELECT 1;", "off") == "SELECT 1;");
}

TEST_CASE("SQL template: of a shared set of names, only those a statement uses are filled in") {
    const SqlName shared[] = {{"schema", "off"}, {"staging", "offimport_staging"}};
    CHECK(fill_sql_from("DELETE FROM {schema}.t", shared) == "DELETE FROM off.t");
    CHECK(fill_sql_from("SELECT 1 FROM {staging} WHERE {flag}", shared, {{"flag", "true"}}) ==
          "SELECT 1 FROM offimport_staging WHERE true");
    // Its own names must still be used, and every placeholder still needs a name.
    CHECK_THROWS_AS(fill_sql_from("SELECT 1", shared, {{"flag", "true"}}), std::logic_error);
    CHECK_THROWS_AS(fill_sql_from("SELECT {other}", shared), std::logic_error);
}
