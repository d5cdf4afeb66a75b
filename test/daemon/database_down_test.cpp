// The database goes away under a running daemon: it stays up, says it is not ready, fails the
// run, counts it, and writes the failed run into the ledger once the database is back.
#include "daemon_process.hpp"
#include "support/import_helpers.hpp"
#include "support/text_checks.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <thread>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

// Makes the test database unreachable under its name by renaming it, and gives the name back
// at the end whatever happens (TestDatabase drops it by name).
class DatabaseAway {
public:
    explicit DatabaseAway(const TestDatabase& database)
        : name_(database.name()), away_(database.name() + "_away") {
        rename(name_, away_);
    }
    ~DatabaseAway() { back(); }
    void back() {
        if (!returned_) {
            rename(away_, name_);
            returned_ = true;
        }
    }

private:
    // A rename needs the database free of sessions; the daemon only holds short ones.
    static void rename(const std::string& from, const std::string& to) {
        db::Connection admin("", "offimport tests");
        for (int attempt = 0;; ++attempt) {
            try {
                admin.exec("ALTER DATABASE " + admin.quote_identifier(from) + " RENAME TO " +
                           admin.quote_identifier(to));
                return;
            } catch (const db::DbError&) {
                if (attempt == 100) {
                    throw;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    }

    std::string name_;
    std::string away_;
    bool returned_ = false;
};

} // namespace

TEST_CASE("database down: /readyz 503, the run fails and counts, and is recorded once it is back") {
    TestDatabase database;
    import_lines(test_config(database), test_products(0, 20));
    const std::string checksum = database.catalogue_checksum();
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 20, "-v2"), true);
    DaemonProcess daemon({database.conninfo(), dump.string(), never, token});
    REQUIRE(daemon.get("/readyz").status == 200);

    DatabaseAway away(database);
    CHECK(daemon.get("/readyz").status == 503);
    CHECK(daemon.get("/healthz").status == 200);
    REQUIRE(daemon.post("/refresh?mode=full", token).status == 202);
    const std::string failed = "offimport_runs_total{mode=\"full\",result=\"failed\"}";
    CHECK(eventually([&] { return metric_value(daemon.get("/metrics").body, failed) == 1; }));
    const auto status = daemon.get("/status").body;
    CHECK(contains(status, "\"result\":\"failed\""));
    CHECK(contains(status, "cannot connect to PostgreSQL"));

    away.back();
    CHECK(eventually([&] { return daemon.get("/readyz").status == 200; }));
    CHECK(eventually([&] {
        return database.scalar("SELECT count(*) FROM off.runs WHERE status = 'failed' AND error "
                               "LIKE 'cannot connect to PostgreSQL%'") == "1";
    }));
    CHECK(database.catalogue_checksum() == checksum);
    CHECK(daemon.post("/refresh?mode=full", token).status == 202);
    CHECK(eventually([&] {
        return database.scalar("SELECT count(*) FROM off.runs WHERE status = 'succeeded'") == "2";
    }));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
}
