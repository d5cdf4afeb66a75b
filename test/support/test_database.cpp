#include "support/test_database.hpp"

#include "support/skip.hpp"

#include <atomic>
#include <cstdlib>
#include <doctest/doctest.h>
#include <unistd.h>

namespace offimport::test {
namespace {

db::Connection maintenance_connection() {
    try {
        return db::Connection("", "offimport tests");
    } catch (const db::DbError& error) {
        skip_test("this test needs a PostgreSQL server and could not reach one: " +
                  std::string(error.what()) +
                  "\nRun it with tools/check, or inside a throwaway cluster: "
                  "pg_virtualenv ctest --test-dir build -L db");
    }
}

} // namespace

TestDatabase::TestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "offimport_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    auto admin = maintenance_connection();
    admin.exec("DROP DATABASE IF EXISTS " + admin.quote_identifier(name_));
    admin.exec("CREATE DATABASE " + admin.quote_identifier(name_));
}

TestDatabase::~TestDatabase() {
    if (const char* keep = std::getenv("OFFIMPORT_KEEP_TEST_DB"); keep && *keep == '1') {
        MESSAGE("kept test database " << name_);
        return;
    }
    try {
        auto admin = db::Connection("", "offimport tests");
        admin.exec("DROP DATABASE IF EXISTS " + admin.quote_identifier(name_) + " WITH (FORCE)");
    } catch (const std::exception& error) {
        MESSAGE("could not drop test database " << name_ << ": " << std::string(error.what()));
    }
}

db::Connection TestDatabase::connect() const {
    return db::Connection(conninfo(), "offimport tests");
}

std::string TestDatabase::scalar(const std::string& sql) const {
    auto db = connect();
    const auto result = db.exec(sql);
    if (result.rows() == 0 || result.is_null(0, 0)) {
        return "<null>";
    }
    return std::string(result.get(0, 0));
}

std::string TestDatabase::catalogue_checksum() const {
    return scalar("SELECT md5((SELECT coalesce(string_agg(p::text, '|' ORDER BY code), '') FROM "
                  "off.products p) || (SELECT coalesce(string_agg(c::text, '|' ORDER BY id), '') "
                  "FROM off.categories c) || (SELECT coalesce(string_agg(pc::text, '|' ORDER BY "
                  "product_code, category_id), '') FROM off.product_categories pc))");
}

} // namespace offimport::test
