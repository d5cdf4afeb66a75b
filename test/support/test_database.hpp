#pragma once

#include "db/connection.hpp"

#include <string>

namespace offimport::test {

// A uniquely named database for one test, created on the server the PG* variables name
// (pg_virtualenv sets them) and dropped afterwards; OFFIMPORT_KEEP_TEST_DB=1 keeps it for
// debugging. Unreachable server: the test fails with a message saying how to run it.
class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& name() const { return name_; }
    std::string conninfo() const { return "dbname=" + name_; }
    db::Connection connect() const;

    // The first column of the first row, or "<null>"; for short assertions.
    std::string scalar(const std::string& sql) const;
    // md5 of the catalogue's contents (products, categories, product_categories), to show
    // that a failed run changed nothing.
    std::string catalogue_checksum() const;

private:
    std::string name_;
};

} // namespace offimport::test
