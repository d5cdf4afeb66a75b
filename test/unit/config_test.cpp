#include "base/errors.hpp"
#include "config/config.hpp"
#include "config/config_keys.hpp"
#include "log/logging.hpp"
#include "support/dump_files.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace offimport;

TEST_CASE("configuration values override the defaults") {
    Config config;
    apply_config_text(config,
                      "[import]\nlanguages = [\"fr\", \"en\"]\nmax_delete_ratio = 0.1\n"
                      "[database]\nschema = \"catalogue\"\n[log]\nlevel = \"debug\"\n",
                      "test.toml", false);
    CHECK(config.languages == std::vector<std::string>{"fr", "en"});
    CHECK(config.max_delete_ratio == 0.1);
    CHECK(config.schema == "catalogue");
    CHECK(config.log_level == "debug");
    CHECK(config.max_reject_ratio == 0.01); // untouched default
}

TEST_CASE("configuration errors name the file, the line, the key and what was expected") {
    Config config;
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\nmax_delete_ratoi = 0.1\n", "a.toml", false),
        doctest::Contains("a.toml:2: unknown key 'import.max_delete_ratoi'"), UsageError);
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\n\nmax_delete_ratio = \"lots\"\n", "b.toml", false),
        doctest::Contains("b.toml:3: 'import.max_delete_ratio' must be a number from 0 to 1"),
        UsageError);
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\nmax_delete_ratio = 2\n", "c.toml", false),
        doctest::Contains("must be a number from 0 to 1"), UsageError);
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[imports]\nx = 1\n", "d.toml", false),
        doctest::Contains("unknown section or key 'imports' (sections: [database], [source], "
                          "[import], [log], [daemon], [sentry])"),
        UsageError);
    CHECK_THROWS_WITH_AS(apply_config_text(config, "[import\n", "e.toml", false),
                         doctest::Contains("e.toml:1:"), UsageError);
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[daemon]\nrefresh_token = \"abcdefgh\"\n", "f.toml", false),
        doctest::Contains("is a secret"), UsageError);
}

TEST_CASE("conf/secrets.toml is refused when other users can read it") {
    test::TempDir dir;
    test::write_file(dir / "offimport.toml", "[log]\nlevel = \"warn\"\n");
    test::write_file(dir / "production.toml", "[import]\nmax_delete_ratio = 0.2\n");
    test::write_file(dir / "secrets.toml", "[daemon]\nrefresh_token = \"s3cret-token\"\n");
    ::chmod((dir / "secrets.toml").c_str(), 0644);
    CHECK_THROWS_WITH_AS(load_config({dir / "offimport.toml", ""}),
                         doctest::Contains("other users can read it (mode 0644)"), UsageError);
    ::chmod((dir / "secrets.toml").c_str(), 0600);
    const Config config = load_config({dir / "offimport.toml", "production"});
    CHECK(config.log_level == "warn");
    CHECK(config.max_delete_ratio == 0.2);
    CHECK(config.refresh_token == "s3cret-token");
    CHECK_THROWS_WITH_AS(load_config({dir / "offimport.toml", "staging"}),
                         doctest::Contains("staging.toml does not exist"), UsageError);
    CHECK_THROWS_WITH_AS(load_config({dir / "missing.toml", ""}),
                         doctest::Contains("does not exist"), UsageError);
}

TEST_CASE("registered secrets never reach a log line") {
    register_secret("hunter2-password");
    CHECK(mask_secrets("connect failed: password=hunter2-password host=x") ==
          "connect failed: password=*** host=x");
}

TEST_CASE("conf/secrets.toml must be a regular file of the running user: no FIFO, no symlink") {
    test::TempDir dir;
    test::write_file(dir / "offimport.toml", "");
    const auto secrets = dir / "secrets.toml";
    // A FIFO with the right mode: opening it for reading used to block start-up for ever.
    REQUIRE(::mkfifo(secrets.c_str(), 0600) == 0);
    CHECK_THROWS_WITH_AS(load_config({dir / "offimport.toml", ""}),
                         doctest::Contains("is not a regular file"), UsageError);
    std::filesystem::remove(secrets);

    test::write_file(dir / "elsewhere.toml", "[daemon]\nrefresh_token = \"planted\"\n");
    ::chmod((dir / "elsewhere.toml").c_str(), 0600);
    std::filesystem::create_symlink(dir / "elsewhere.toml", secrets);
    CHECK_THROWS_WITH_AS(load_config({dir / "offimport.toml", ""}),
                         doctest::Contains("is a symbolic link"), UsageError);
    std::filesystem::remove(secrets);

    if (::geteuid() == 0) { // only root can give a file away
        test::write_file(secrets, "[daemon]\nrefresh_token = \"someone-else\"\n");
        ::chmod(secrets.c_str(), 0600);
        REQUIRE(::chown(secrets.c_str(), 65534, 65534) == 0);
        CHECK_THROWS_WITH_AS(load_config({dir / "offimport.toml", ""}),
                             doctest::Contains("belongs to another user"), UsageError);
    }
}

TEST_CASE("import.extra_columns names optional columns, and an unknown one is named back") {
    Config config;
    CHECK(config.extra_columns.none());
    apply_config_text(config, "[import]\nextra_columns = [\"serving_size\", \"allergens_tags\"]\n",
                      "a.toml", false);
    CHECK(config.extra_columns.count() == 2);
    CHECK(config.extra_columns.test(extra_column("serving_size")));
    CHECK(config.extra_columns.test(extra_column("allergens_tags")));
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\nextra_columns = [\"alergens_tags\"]\n", "b.toml",
                          false),
        doctest::Contains("b.toml:2: 'import.extra_columns' must be a list of optional column "
                          "names (compared_to_category, product_type,"),
        UsageError);
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\nextra_columns = [\"alergens_tags\"]\n", "b.toml",
                          false),
        doctest::Contains("last_updated_at): \"alergens_tags\" is not one of them"), UsageError);
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\nextra_columns = \"serving_size\"\n", "c.toml", false),
        doctest::Contains("'import.extra_columns' must be a list"), UsageError);
    CHECK(config.extra_columns.count() == 2); // a refused value changes nothing
    apply_config_text(config, "[import]\nextra_columns = []\n", "d.toml", false);
    CHECK(config.extra_columns.none());
}

TEST_CASE("log.format is text or json") {
    Config config;
    apply_config_text(config, "[log]\nformat = \"json\"\n", "f.toml", false);
    CHECK(config.log_format == LogFormat::json);
    CHECK_THROWS_WITH_AS(apply_config_text(config, "[log]\nformat = \"xml\"\n", "f.toml", false),
                         doctest::Contains("'log.format' must be \"text\" or \"json\""),
                         UsageError);
    CHECK(config.log_format == LogFormat::json);
}

TEST_CASE("conf/offimport.toml sets every setting but the secrets, each to its built-in default") {
    const auto path = test::project_dir() / "conf/offimport.toml";
    const std::string text = test::read_file(path);
    const toml::table document = toml::parse(text);
    std::set<std::string> stated;
    for (const auto& [section, keys] : document) {
        for (const auto& [key, value] : *keys.as_table()) {
            stated.insert(std::string(section.str()) + "." + std::string(key.str()));
        }
    }
    const auto names = setting_names(false);
    CHECK(stated == std::set<std::string>(names.begin(), names.end()));
    Config config;
    apply_config_text(config, text, path.string(), false);
    CHECK_MESSAGE(config == Config{}, "a value of conf/offimport.toml differs from the built-in "
                                      "default in importer/config/config.hpp");
    // The check can fail: a changed value is seen.
    apply_config_text(config, "[import]\nmin_products = 7\n", "changed.toml", false);
    CHECK_FALSE(config == Config{});
}

TEST_CASE("import.notify_channel is a plain lower-case identifier or empty, as LISTEN takes it") {
    Config config;
    apply_config_text(config, "[import]\nnotify_channel = \"catalogue_2\"\n", "a.toml", false);
    CHECK(config.notify_channel == "catalogue_2");
    apply_config_text(config, "[import]\nnotify_channel = \"\"\n", "b.toml", false);
    CHECK(config.notify_channel.empty());
    for (const char* bad :
         {"\"Offimport\"", "\"off-import\"", "\"2nd\"", "\"a b\"", "1",
          "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(apply_config_text(config,
                                               std::string("[import]\nnotify_channel = ") + bad,
                                               "c.toml", false),
                             doctest::Contains("c.toml:2: 'import.notify_channel' must be a "
                                               "lower-case identifier"),
                             UsageError);
    }
    CHECK_THROWS_WITH_AS(
        apply_config_text(config, "[import]\nkeep_changes_runs = -1\n", "d.toml", false),
        doctest::Contains("'import.keep_changes_runs' must be an integer from 0 (no change "
                          "feed) to 10000"),
        UsageError);
}
