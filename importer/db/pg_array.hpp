#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace offimport::db {

// A PostgreSQL array literal ('{"a","b",NULL}') built element by element, to pass many values
// as one $n parameter (cast in the statement: $1::text[], $2::bigint[]).
class PgArray {
public:
    void add(const std::optional<std::string>& element); // nullopt is NULL
    void add(std::int64_t element);
    std::string text() const { return body_ + "}"; }
    bool empty() const { return body_.size() == 1; }

private:
    void separate();

    std::string body_ = "{";
};

} // namespace offimport::db
