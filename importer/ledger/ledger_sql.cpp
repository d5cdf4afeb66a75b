#include "ledger/ledger_sql.hpp"

#include "db/sql_template.hpp"
#include "ledger/run_kind.hpp"

#include <array>

namespace offimport {
namespace {

std::string literal(RunStatus status) {
    return "'" + std::string(to_string(status)) + "'";
}

// The names every ledger statement may use, made once.
struct LedgerNames {
    std::string running = literal(RunStatus::running), succeeded = literal(RunStatus::succeeded),
                skipped = literal(RunStatus::skipped), failed = literal(RunStatus::failed),
                abandoned = literal(RunStatus::abandoned);
    // "Last success", as last_success.hpp defines it for a run's report.
    std::string last_success =
        "status IN (" + succeeded + ", " + skipped + ") AND product_limit = 0";
};

} // namespace

std::string ledger_sql(std::string_view sql_template, std::string_view quoted_schema) {
    static const LedgerNames words;
    const std::array<db::SqlName, 8> names{{{"schema", quoted_schema},
                                            {"time_format", db::time_format},
                                            {"running", words.running},
                                            {"succeeded", words.succeeded},
                                            {"skipped", words.skipped},
                                            {"failed", words.failed},
                                            {"abandoned", words.abandoned},
                                            {"last_success", words.last_success}}};
    return db::fill_sql_from(sql_template, names);
}

} // namespace offimport
