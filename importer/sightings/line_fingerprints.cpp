#include "sightings/line_fingerprints.hpp"

#include "db/sql_template.hpp"

#include <charconv>

namespace offimport {
namespace {

constexpr const char* read_state = R"(
SELECT mapping, $1::integer > 0 AND compared_at < now() - make_interval(days => $1::integer),
       to_char(compared_at AT TIME ZONE 'UTC', {time_format})
  FROM {schema}.fingerprint_state)";

constexpr const char* count_fingerprints = "SELECT count(*) FROM {schema}.line_fingerprints";

constexpr const char* copy_fingerprints =
    "COPY (SELECT fingerprint FROM {schema}.line_fingerprints WHERE fingerprint <> 0) TO STDOUT";

constexpr const char* write_state = R"(
INSERT INTO {schema}.fingerprint_state (mapping, compared_at) VALUES ($1, now())
    ON CONFLICT (only_row) DO UPDATE SET mapping = $1, compared_at = now())";

constexpr const char* forget_other_mapping =
    "DELETE FROM {schema}.fingerprint_state WHERE mapping <> $1";

} // namespace

std::string fingerprint_distrust(db::Connection& db, const std::string& quoted_schema,
                                 const std::string& mapping, int verify_every_days,
                                 std::uint64_t present_products) {
    const auto state =
        db.exec(db::in_schema(read_state, quoted_schema),
                db::Params{std::to_string(verify_every_days)}, "reading the fingerprints' state");
    if (state.rows() == 0) {
        return "no full comparison recorded yet";
    }
    if (state.get(0, 0) != mapping) {
        return "the mapping changed (was \"" + std::string(state.get(0, 0)) + "\", now \"" +
               mapping + "\")";
    }
    if (state.get(0, 1) == std::string_view("t")) {
        return "the last full comparison (" + std::string(state.get(0, 2)) +
               ") is older than import.verify_every_days (" + std::to_string(verify_every_days) +
               ")";
    }
    // Each present product has one fingerprint row (0 for a delta's): other counts mean
    // products were added or deleted outside offimport.
    const auto fingerprints = static_cast<std::uint64_t>(
        db.exec(db::in_schema(count_fingerprints, quoted_schema), "counting the line fingerprints")
            .get_int(0, 0));
    if (fingerprints != present_products) {
        return "the catalogue has " + std::to_string(present_products) + " products and " +
               std::to_string(fingerprints) + " line fingerprints (edited outside offimport?)";
    }
    return "";
}

std::vector<std::uint64_t> read_fingerprints(db::Connection& db, const std::string& quoted_schema) {
    std::vector<std::uint64_t> fingerprints;
    db.copy_out(db::in_schema(copy_fingerprints, quoted_schema), "reading the line fingerprints",
                [&](std::string_view row) {
                    std::int64_t value = 0; // bigint: the fingerprint's bits as signed
                    if (std::from_chars(row.data(), row.data() + row.size(), value).ec ==
                        std::errc{}) {
                        fingerprints.push_back(static_cast<std::uint64_t>(value));
                    }
                });
    return fingerprints;
}

void record_full_comparison(db::Connection& db, const std::string& quoted_schema,
                            const std::string& mapping) {
    db.exec(db::in_schema(write_state, quoted_schema), db::Params{mapping},
            "recording the fingerprints' mapping");
}

void forget_if_other_mapping(db::Connection& db, const std::string& quoted_schema,
                             const std::string& mapping) {
    db.exec(db::in_schema(forget_other_mapping, quoted_schema), db::Params{mapping},
            "forgetting fingerprints of another mapping");
}

} // namespace offimport
