#include "ledger/run_report.hpp"

#include "base/number_text.hpp"

#include <algorithm>

namespace offimport {

void RunCounts::add(const RunCounts& o) {
    lines += o.lines;
    source_bytes += o.source_bytes;
    json_bytes += o.json_bytes;
    inserted += o.inserted;
    updated += o.updated;
    unchanged += o.unchanged;
    deleted += o.deleted;
    rejected += o.rejected;
    duplicates += o.duplicates;
    staged += o.staged;
    known += o.known;
    known_repeats += o.known_repeats;
    max_last_modified = std::max(max_last_modified, o.max_last_modified);
}

std::string summary_line(const RunReport& r) {
    const auto& c = r.counts;
    const double seconds = r.seconds > 0 ? r.seconds : 1e-9;
    std::string line =
        r.dry_run ? std::string("the import would succeed")
                  : std::string(to_string(r.mode)) + " import " + std::string(to_string(r.status));
    if (r.run_id > 0) {
        line += ": run " + std::to_string(r.run_id);
    }
    line += (r.run_id > 0 ? ", " : ": ") + grouped(c.lines) + " lines";
    if (r.dry_run) {
        line += ", " + grouped(c.staged) + " valid products";
    } else {
        line += ", inserted " + grouped(c.inserted) + ", updated " + grouped(c.updated) +
                ", unchanged " + grouped(c.unchanged) + ", deleted " + grouped(c.deleted);
    }
    line += ", rejected " + grouped(c.rejected) + ", duplicates " + grouped(c.duplicates);
    if (!r.dry_run_notes.empty()) {
        line += "; " + r.dry_run_notes;
    }
    if (c.known > 0) {
        line += " (" + grouped(c.known + c.known_repeats) +
                " lines known by their fingerprint, "
                "not parsed)";
    }
    line += "; " + fixed(static_cast<double>(c.json_bytes) / 1e6, 1) + " MB of JSON (" +
            fixed(static_cast<double>(c.source_bytes) / 1e6, 1) + " MB read) in " +
            fixed(r.seconds, 2) + " s, " +
            fixed(static_cast<double>(c.json_bytes) / 1e6 / seconds, 1) + " MB/s, " +
            grouped(static_cast<std::uint64_t>(static_cast<double>(c.lines) / seconds)) +
            " products/s";
    if (!r.error.empty()) {
        line += "; error: " + r.error;
    }
    return line;
}

} // namespace offimport
