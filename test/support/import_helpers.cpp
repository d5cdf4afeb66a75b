#include "support/import_helpers.hpp"

#include "base/cancel.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <thread>

namespace offimport::test {

Config test_config(const TestDatabase& database) {
    Config config;
    config.conninfo = database.conninfo();
    config.languages = {"fr", "en"};
    config.parse_threads = 2;
    config.min_products = 1;
    return config;
}

std::string small_dump_config() {
    static const TempDir dir;
    static const std::string path = [] {
        write_file(dir / "offimport.toml", "[import]\nmin_products = 1\n");
        return (dir / "offimport.toml").string();
    }();
    return path;
}

RunReport import_lines(const Config& config, const std::vector<std::string>& lines,
                       std::uint64_t limit, bool allow_shrink, bool verify) {
    TempDir dir;
    const auto path = write_dump(dir / "dump.jsonl.gz", lines, true);
    FullImportRequest request;
    request.source = path.string();
    request.limit = limit;
    request.allow_shrink = allow_shrink;
    request.verify = verify;
    CancelFlag cancel;
    return run_full_import(config, request, cancel);
}

void wait_for(const TestDatabase& database, const std::string& sql, const std::string& what,
              int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string value = database.scalar(sql);
        if (value != "0" && value != "<null>" && value != "f") {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("timed out waiting for " << what);
}

std::vector<std::string> importer_arguments(const TestDatabase& database, const std::string& source,
                                            const std::string& config_file) {
    return {"--full",        "0",          "--source",
            source,          "--database", database.conninfo(),
            "--no-progress", "--config",   config_file.empty() ? small_dump_config() : config_file};
}

std::optional<Row> product(const TestDatabase& database, const std::string& code) {
    auto db = database.connect();
    const auto result = db.exec("SELECT * FROM off.products WHERE code = $1", db::Params{code});
    if (result.rows() == 0) {
        return std::nullopt;
    }
    Row row;
    for (int column = 0; column < result.columns(); ++column) {
        row[std::string(result.column_name(column))] = result.get_optional(0, column);
    }
    return row;
}

} // namespace offimport::test

namespace offimport::test {

std::string test_code(int index) {
    return std::to_string(3000000000000LL + index);
}

std::string test_product(int index, const std::string& variant) {
    const char grades[] = "abcde";
    return R"({"code":")" + test_code(index) + R"(","product_name":"Product )" +
           std::to_string(index) + variant + R"(","categories_tags":["en:cat-)" +
           std::to_string(index % 5) + R"(","en:sub-)" + std::to_string(index % 3) + variant +
           R"("],"nutriscore_grade":")" + grades[index % 5] + R"(","last_modified_t":)" +
           std::to_string(1700000000 + index) + "}";
}

std::vector<std::string> test_products(int first, int count, const std::string& variant) {
    std::vector<std::string> lines;
    for (int i = first; i < first + count; ++i) {
        lines.push_back(test_product(i, variant));
    }
    return lines;
}

} // namespace offimport::test
