#pragma once

#include "db/connection.hpp"
#include "support/test_database.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace offimport::test {

// A session of its own that LISTENs on a channel of the test database.
class NotificationListener {
public:
    NotificationListener(const TestDatabase& database, const std::string& channel);

    // The payload of the next notification, waiting at most `timeout`.
    std::optional<std::string> next(std::chrono::milliseconds timeout);

private:
    db::Connection connection_;
};

} // namespace offimport::test
