// The run ledger: its words match the schema, and "last success" means one thing in SQL (used
// by --status, the metrics file and offimportd) and for a run's report.
#include "db/migration.hpp"
#include "ledger/last_success.hpp"
#include "ledger/ledger.hpp"
#include "ledger/ledger_reads.hpp"
#include "support/import_helpers.hpp"

#include <doctest/doctest.h>

using namespace offimport;
using namespace offimport::test;

namespace {

constexpr RunStatus all_statuses[] = {RunStatus::running, RunStatus::succeeded, RunStatus::skipped,
                                      RunStatus::failed, RunStatus::abandoned};

struct MigratedLedger {
    TestDatabase database;
    db::Connection connection = database.connect();
    std::string schema = "off";

    MigratedLedger() { db::migrate(connection, schema); }
};

} // namespace

TEST_CASE("every run status and mode is a word the schema accepts, and only those are") {
    MigratedLedger ledger;
    Ledger writer(ledger.connection, ledger.schema);
    for (const RunMode mode : all_run_modes) {
        CHECK(parse_run_mode(to_string(mode)) == mode);
        for (const RunStatus status : all_statuses) {
            CAPTURE(to_string(status));
            CHECK(parse_run_status(to_string(status)) == status);
            RunReport report;
            report.run_id = writer.start(mode, "dump.jsonl.gz", 0);
            report.mode = mode;
            report.status = status;
            CHECK_NOTHROW(writer.finish(report));
            CHECK(ledger.database.scalar("SELECT status || ' ' || mode FROM off.runs WHERE id = " +
                                         std::to_string(report.run_id)) ==
                  std::string(to_string(status)) + " " + std::string(to_string(mode)));
        }
    }
    CHECK_FALSE(parse_run_status("cancelled").has_value()); // a metrics result, not a status
    CHECK_THROWS_AS(ledger.connection.exec("INSERT INTO off.runs (mode, source, status) VALUES "
                                           "('full', 'x', 'cancelled')"),
                    db::DbError);
}

TEST_CASE("last success: the SQL condition and the report's test agree on every kind of run") {
    MigratedLedger ledger;
    Ledger writer(ledger.connection, ledger.schema);
    for (const RunStatus status : all_statuses) {
        for (const std::uint64_t limit : {std::uint64_t{0}, std::uint64_t{10}}) {
            CAPTURE(to_string(status));
            CAPTURE(limit);
            ledger.connection.exec("TRUNCATE off.runs CASCADE");
            RunReport report;
            report.mode = RunMode::full;
            report.status = status;
            report.product_limit = limit;
            report.run_id = writer.start(RunMode::full, "dump.jsonl.gz", limit);
            writer.finish(report);
            const auto histories = mode_histories(ledger.connection, ledger.schema);
            const bool finished = status != RunStatus::running;
            REQUIRE(histories.contains(RunMode::full) == finished);
            if (finished) {
                CHECK(histories.at(RunMode::full).last_run.has_value());
                CHECK(histories.at(RunMode::full).last_success.has_value() ==
                      counts_as_success(report));
            }
        }
    }
    RunReport whole;
    whole.status = RunStatus::skipped; // the source was unchanged: as fresh as a success
    CHECK(counts_as_success(whole));
    whole.status = RunStatus::succeeded;
    whole.product_limit = 5; // --full 5 is a trial, not a refresh
    CHECK_FALSE(counts_as_success(whole));
    whole.product_limit = 0;
    whole.dry_run = true; // wrote nothing
    CHECK_FALSE(counts_as_success(whole));
}

TEST_CASE("the watermark: a full import sets it, a delta only moves it forward") {
    MigratedLedger ledger;
    Ledger writer(ledger.connection, ledger.schema);
    CHECK_FALSE(writer.watermark().has_value());
    writer.set_watermark(ledger.connection, 1000);
    writer.advance_watermark(ledger.connection, 900);
    CHECK(writer.watermark() == 1000);
    writer.advance_watermark(ledger.connection, 1100);
    CHECK(writer.watermark() == 1100);
    writer.set_watermark(ledger.connection, 500);
    CHECK(writer.watermark() == 500);
}
