#pragma once

#include "catalogue/product_columns.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace offimport {

// What a full import does with a product the dump no longer has (import.removed_products):
// delete its row, or mark it (removed_at), which keeps application foreign keys valid.
enum class RemovedProducts { delete_rows, mark };

// How log lines are written (log.format): for people, or one JSON object a line for shippers.
enum class LogFormat { text, json };

// Every setting, with its default written inline. The TOML files only override these.
struct Config {
    // [database]
    std::string conninfo;       // libpq conninfo or URI; empty = libpq's PG* variables
    std::string schema = "off"; // the namespace holding every table of ours

    // [source]
    std::string source_url =
        "https://static.openfoodfacts.org/data/openfoodfacts-products.jsonl.gz";
    std::string delta_base_url = "https://static.openfoodfacts.org/data/delta/";
    long connect_timeout_seconds = 30;
    long low_speed_time_seconds = 60;  // abort a transfer slower than
    long low_speed_limit_bytes = 1024; // this many bytes/s for that long
    int retries = 10;
    double retry_backoff_seconds = 2.0;
    // Bounds on one download, retries included: the real dump is ~7.3 GB of gzip, which these
    // allow at 170 kB/s; an endless or runaway body fails the run instead of holding the lock.
    long max_transfer_seconds = 12 * 3600;
    std::uint64_t max_transfer_bytes = 32ull << 30;
    std::string ca_file; // PEM certificates to verify HTTPS with; empty = the system's

    // [import]
    std::vector<std::string> languages = {"en"}; // product_name_<L> preference order
    double max_delete_ratio = 0.05;
    double max_reject_ratio = 0.01;
    // A full import with fewer valid products fails whatever the flags: an empty or broken dump
    // must never empty the catalogue. A quarter of the real dump's ~4 million products.
    std::uint64_t min_products = 1'000'000;
    // Longer lines are rejects. The largest real product is ~141 KB: 8 MiB is 58 times that,
    // and bounds what one line costs in memory (docs/operations.md, "Peak memory").
    std::uint64_t max_line_bytes = 8ull << 20;
    int parse_threads = 0; // 0 = one per core
    // A full import compares every product (no skipping of known lines) when the last one that
    // did is older than this: a catalogue edited outside offimport is put right within it.
    int verify_every_days = 30; // 0 = only when the mapping changes or --verify
    RemovedProducts removed_products = RemovedProducts::delete_rows;
    ExtraColumns extra_columns; // none: the fixed columns only
    // Product search (off.search_products): the catalogue keeps a text search document and
    // trigram words per product, written with each product the import writes.
    bool search = false;
    // The change feed (off.product_changes): the rows of the last this many successful runs
    // are kept, older ones pruned by the import. 0: no change rows are written.
    int keep_changes_runs = 8;
    // At each successful commit the import sends NOTIFY on this channel, with the run's id and
    // counts (docs/catalogue.md, "What changed"); empty: no NOTIFY.
    std::string notify_channel = "offimport";
    // A command run by /bin/sh after each successful import's commit, with the run in its
    // environment; empty: none. Stopped (process group) after the timeout.
    std::string after_success;
    int after_success_timeout_seconds = 600;

    // [log]
    std::string log_level = "info";
    LogFormat log_format = LogFormat::text;

    // [daemon]
    std::string listen_address = "127.0.0.1";
    int listen_port = 9464;
    std::string full_schedule = "0 2 * * 2";
    std::string delta_schedule; // empty = no delta schedule
    std::string time_zone;      // empty = the machine's
    std::string refresh_token;  // secret: environment or secrets.toml only

    // [sentry]
    std::string sentry_dsn; // secret: OFFIMPORT_SENTRY_DSN or secrets.toml; empty = no Sentry
    std::string environment = "default"; // --env / OFFIMPORT_ENV, for Sentry events

    std::vector<std::filesystem::path> loaded_files; // in load order, for messages

    bool operator==(const Config&) const = default;
};

struct ConfigRequest {
    std::filesystem::path config_file; // empty = conf/offimport.toml, else /etc/offimport/...
    std::string env;                   // empty = $OFFIMPORT_ENV
};

// Loads defaults, then the configuration file, then conf/<env>.toml, then secrets.
// Throws UsageError naming the file, the key and what was expected.
Config load_config(const ConfigRequest& request);

// Applies one TOML document's text over `config`; `origin` names it in error messages.
void apply_config_text(Config& config, std::string_view toml_text, const std::string& origin,
                       bool secrets_allowed);

} // namespace offimport
