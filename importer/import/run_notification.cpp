#include "import/run_notification.hpp"

#include "base/json_writer.hpp"

namespace offimport {

std::string run_notification(const RunReport& report, const RunCounts& committed,
                             bool in_change_feed) {
    const auto count = [](std::uint64_t value) { return static_cast<std::int64_t>(value); };
    return JsonObject()
        .integer("run_id", report.run_id)
        .text("mode", to_string(report.mode))
        .integer("inserted", count(committed.inserted))
        .integer("updated", count(committed.updated))
        .integer("deleted", count(committed.deleted))
        .integer("unchanged", count(committed.unchanged))
        .integer("rejected", count(committed.rejected))
        .integer("catalogue", count(report.catalogue))
        .boolean("change_feed", in_change_feed)
        .str();
}

void notify_listeners(db::Connection& transaction, const std::string& channel,
                      const std::string& payload) {
    if (channel.empty()) {
        return;
    }
    transaction.exec("SELECT pg_notify($1, $2)", db::Params{channel, payload},
                     "notifying listeners of the run");
}

} // namespace offimport
