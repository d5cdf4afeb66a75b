#pragma once

#include "config/config.hpp"
#include "import/full_import.hpp"
#include "support/dump_files.hpp"
#include "support/test_database.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace offimport::test {

// A configuration pointing at the test database, with settings tests usually want.
Config test_config(const TestDatabase& database);

// A configuration file for the offimport binary in tests: import.min_products = 1 (test dumps hold
// a few products), else the built-in defaults. Lives until the test program ends.
std::string small_dump_config();

// Writes `lines` as a gzip dump and runs a full import in this process.
RunReport import_lines(const Config& config, const std::vector<std::string>& lines,
                       std::uint64_t limit = 0, bool allow_shrink = false, bool verify = false);

// Polls `sql` (on the test's own connection) until it returns something other than "0", "f" or
// NULL; fails the test after `seconds`.
void wait_for(const TestDatabase& database, const std::string& sql, const std::string& what,
              int seconds = 30);

// The offimport binary's arguments for a full import of `source` into the test database, with
// `config_file` (small_dump_config() when empty).
std::vector<std::string> importer_arguments(const TestDatabase& database, const std::string& source,
                                            const std::string& config_file = {});

// One product row as text by column name (NULL as std::nullopt).
using Row = std::map<std::string, std::optional<std::string>>;
std::optional<Row> product(const TestDatabase& database, const std::string& code);

} // namespace offimport::test

namespace offimport::test {

// A small valid product line; `variant` changes its content (name and a category).
std::string test_product(int index, const std::string& variant = "");
std::vector<std::string> test_products(int first, int count, const std::string& variant = "");
// The code test_product(index) gets.
std::string test_code(int index);

} // namespace offimport::test
