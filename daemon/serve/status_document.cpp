#include "daemon/serve/status_document.hpp"

#include "base/json_writer.hpp"

namespace offimport::daemon {
namespace {

std::string optional_time(const std::optional<TimePoint>& t) {
    return t ? json_time(*t) : "null";
}

std::string schedules_json(const Timetable& timetable) {
    std::string out = "[";
    for (const auto& entry : timetable.entries()) {
        out += out.size() > 1 ? "," : "";
        out += JsonObject()
                   .text("mode", to_string(entry.mode))
                   .text("cron", entry.cron.text())
                   .raw("next_run", optional_time(entry.due))
                   .integer("retries", entry.retries)
                   .str();
    }
    return out + "]";
}

std::string running_json(const RunTicket& run, const SourceProgress& progress) {
    JsonObject object;
    object.integer("ticket", static_cast<std::int64_t>(run.ticket))
        .text("mode", to_string(run.mode))
        .text("origin", to_string(run.origin))
        .raw("started_at", json_time(run.started))
        .integer("bytes_read", static_cast<std::int64_t>(progress.bytes_read.load()));
    const auto total = progress.total_bytes.load();
    if (total > 0) {
        object.integer("total_bytes", static_cast<std::int64_t>(total));
    } else {
        object.null("total_bytes");
    }
    if (const auto ratio = progress_ratio(progress)) {
        object.number("progress_ratio", *ratio);
    } else {
        object.null("progress_ratio");
    }
    return object.str();
}

std::string outcome_json(const RunOutcome& outcome) {
    JsonObject object;
    object.integer("ticket", static_cast<std::int64_t>(outcome.run.ticket))
        .text("mode", to_string(outcome.run.mode))
        .text("origin", to_string(outcome.run.origin))
        .text("result", outcome.locked ? "locked" : to_string(outcome.result));
    if (outcome.report.run_id > 0) {
        object.integer("run_id", outcome.report.run_id);
    } else {
        object.null("run_id"); // a failed run's id is in last_runs (the ledger)
    }
    object.raw("started_at", json_time(outcome.run.started))
        .raw("finished_at", json_time(outcome.finished))
        .number("seconds", outcome.seconds);
    if (outcome.error.empty()) {
        object.null("error");
    } else {
        object.text("error", outcome.error);
    }
    return object.str();
}

std::string recent_json(const std::deque<RunOutcome>& recent) {
    std::string out = "[";
    for (const auto& outcome : recent) {
        out += out.size() > 1 ? "," : "";
        out += outcome_json(outcome);
    }
    return out + "]";
}

} // namespace

std::optional<double> progress_ratio(const SourceProgress& progress) {
    const auto total = progress.total_bytes.load();
    if (total == 0) {
        return std::nullopt;
    }
    return std::min(1.0,
                    static_cast<double>(progress.bytes_read.load()) / static_cast<double>(total));
}

std::string status_document(const StatusFacts& facts) {
    DaemonView daemon;
    daemon.time_zone = json_string(facts.timetable.time_zone().name());
    daemon.schedules = schedules_json(facts.timetable);
    daemon.next_run = optional_time(facts.timetable.next_run());
    daemon.running = facts.running ? running_json(*facts.running, facts.progress) : "null";
    daemon.recent = recent_json(facts.recent);
    daemon.refresh_over_http = facts.refresh_enabled ? "true" : "false";
    return status_document_json(facts.catalogue, daemon);
}

} // namespace offimport::daemon
