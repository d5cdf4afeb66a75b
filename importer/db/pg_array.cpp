#include "db/pg_array.hpp"

namespace offimport::db {

void PgArray::separate() {
    if (!empty()) {
        body_ += ',';
    }
}

void PgArray::add(const std::optional<std::string>& element) {
    separate();
    if (!element) {
        body_ += "NULL";
        return;
    }
    // Quoted, so that commas, braces, spaces and the word NULL stay data.
    body_ += '"';
    for (const char c : *element) {
        if (c == '"' || c == '\\') {
            body_ += '\\';
        }
        body_ += c;
    }
    body_ += '"';
}

void PgArray::add(std::int64_t element) {
    separate();
    body_ += std::to_string(element);
}

} // namespace offimport::db
