#include "db/connection.hpp"

#include "base/cancel.hpp"
#include "base/one_line.hpp"

#include <charconv>
#include <chrono>
#include <spdlog/spdlog.h>

namespace offimport::db {
namespace {

std::string trimmed_error(const char* message) {
    return one_line(message ? message : "");
}

// The server answered and turned us away: the password, the role, the database or pg_hba.conf
// is wrong, which waiting does not fix. libpq gives no SQLSTATE before a connection exists, so
// its (server's) message tells; anything else (refused, no route, timeout, starting up, too many
// clients) is taken as a server that cannot be reached now.
bool turned_away(const std::string& message) {
    for (const char* sign :
         {"password authentication failed", "authentication failed for user",
          "no password supplied", "password is required", "no pg_hba.conf entry",
          "pg_hba.conf rejects connection", "is not permitted to log in", "does not exist"}) {
        if (message.find(sign) != std::string::npos) {
            return true;
        }
    }
    return false;
}

using Options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

Options parse_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    Options options(PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
    if (!options) {
        std::string message = trimmed_error(error);
        PQfreemem(error);
        throw DbError("invalid database conninfo: " + message);
    }
    return options;
}

} // namespace

std::optional<std::string> Result::get_optional(int row, int column) const {
    if (is_null(row, column)) {
        return std::nullopt;
    }
    return std::string(get(row, column));
}

long long Result::get_int(int row, int column) const {
    const auto text = get(row, column);
    long long value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

long long Result::affected_rows() const {
    const std::string text = affected();
    return text.empty() ? 0 : std::stoll(text);
}

Connection::Connection(const std::string& conninfo, const std::string& application_name)
    : conn_(nullptr, &PQfinish), cancel_(nullptr, &PQfreeCancel) {
    // expand_dbname lets `conninfo` be a full conninfo string or URI, while
    // fallback_application_name names us unless the user chose a name.
    const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
    const char* values[] = {conninfo.c_str(), application_name.c_str(), nullptr};
    conn_.reset(PQconnectdbParams(keywords, values, 1));
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
        const std::string target =
            conninfo.empty() ? "(from PG* environment variables)" : redact_conninfo(conninfo);
        const std::string reason = trimmed_error(PQerrorMessage(conn_.get()));
        const std::string message = "cannot connect to PostgreSQL " + target + ": " + reason;
        if (turned_away(reason)) {
            throw ConnectionRejectedError(message);
        }
        throw ConnectError(message);
    }
    cancel_.reset(PQgetCancel(conn_.get()));
    // Server notices ("table does not exist, skipping") are not errors: debug level only.
    PQsetNoticeProcessor(
        conn_.get(),
        [](void*, const char* message) { spdlog::debug("PostgreSQL: {}", trimmed_error(message)); },
        nullptr);
}

void Connection::fail(std::string_view step, PGresult* result) const {
    std::string sqlstate;
    std::string message = trimmed_error(PQerrorMessage(conn_.get()));
    if (result) {
        if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE)) {
            sqlstate = state;
        }
        message = trimmed_error(PQresultErrorMessage(result));
        PQclear(result);
    }
    if (sqlstate == "57014") {
        throw CancelledError(); // our own cancel request (query_canceled)
    }
    std::string text = std::string(step.empty() ? "SQL" : step) + " failed: " + message;
    // Class 08 (connection exception), 57P01-57P03 (server shutting down or starting), or no
    // connection left at all: the server went away, not the statement.
    const bool lost = PQstatus(conn_.get()) == CONNECTION_BAD || sqlstate.rfind("08", 0) == 0 ||
                      sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
    if (lost) {
        throw ConnectionLostError("lost the database connection: " + text, sqlstate);
    }
    throw DbError(text, sqlstate);
}

Result Connection::exec(std::string_view sql, std::string_view step) {
    return exec(sql, Params{}, step);
}

Result Connection::exec(std::string_view sql, const Params& params, std::string_view step) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) {
        values.push_back(param ? param->c_str() : nullptr);
    }
    const std::string query(sql);
    const auto started = std::chrono::steady_clock::now();
    PGresult* result =
        params.empty() ? PQexec(conn_.get(), query.c_str())
                       : PQexecParams(conn_.get(), query.c_str(), static_cast<int>(values.size()),
                                      nullptr, values.data(), nullptr, nullptr, 0);
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
        fail(step, result);
    }
    if (!step.empty()) {
        spdlog::debug(
            "{}: {:.3f} s", step,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    return Result(result);
}

void Connection::copy_start(std::string_view sql) {
    PGresult* result = PQexec(conn_.get(), std::string(sql).c_str());
    if (PQresultStatus(result) != PGRES_COPY_IN) {
        fail("COPY start", result);
    }
    PQclear(result);
}

void Connection::copy_send(std::string_view data) {
    if (PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) != 1) {
        fail("COPY data", nullptr);
    }
}

void Connection::copy_end() {
    if (PQputCopyEnd(conn_.get(), nullptr) != 1) {
        fail("COPY end", nullptr);
    }
    PGresult* result = PQgetResult(conn_.get());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
        fail("COPY", result);
    }
    PQclear(result);
    while ((result = PQgetResult(conn_.get())) != nullptr) {
        PQclear(result);
    }
}

void Connection::copy_out(std::string_view sql, std::string_view step,
                          const std::function<void(std::string_view)>& on_row) {
    PGresult* result = PQexec(conn_.get(), std::string(sql).c_str());
    if (PQresultStatus(result) != PGRES_COPY_OUT) {
        fail(step, result);
    }
    PQclear(result);
    for (;;) {
        char* row = nullptr;
        const int length = PQgetCopyData(conn_.get(), &row, 0);
        if (length < 0) {
            break; // -1: done; -2: an error, reported by the result below
        }
        std::unique_ptr<char, decltype(&PQfreemem)> owned(row, &PQfreemem);
        std::string_view text(row, static_cast<std::size_t>(length));
        if (!text.empty() && text.back() == '\n') {
            text.remove_suffix(1);
        }
        on_row(text);
    }
    result = PQgetResult(conn_.get());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
        fail(step, result);
    }
    PQclear(result);
    while ((result = PQgetResult(conn_.get())) != nullptr) {
        PQclear(result);
    }
}

void Connection::copy_abort(const char* reason) noexcept {
    if (PQputCopyEnd(conn_.get(), reason) == 1) {
        while (PGresult* result = PQgetResult(conn_.get())) {
            PQclear(result);
        }
    }
}

CopyIn::CopyIn(Connection& db, std::string_view sql, const char* abort_reason)
    : db_(db), abort_reason_(abort_reason) {
    db_.copy_start(sql);
}

CopyIn::~CopyIn() {
    if (open_) {
        db_.copy_abort(abort_reason_);
    }
}

void CopyIn::end() {
    open_ = false; // a failing end has already left the COPY
    db_.copy_end();
}

void copy_in(Connection& db, std::string_view sql, std::string_view rows,
             const char* abort_reason) {
    CopyIn copy(db, sql, abort_reason);
    copy.send(rows);
    copy.end();
}

std::string Connection::quote_identifier(std::string_view name) const {
    char* quoted = PQescapeIdentifier(conn_.get(), name.data(), name.size());
    if (!quoted) {
        throw DbError("cannot quote identifier '" + std::string(name) + "'");
    }
    std::string out(quoted);
    PQfreemem(quoted);
    return out;
}

std::string Connection::describe() const {
    const char* host = PQhost(conn_.get());
    return std::string("host=") + (host ? host : "") + " port=" + PQport(conn_.get()) +
           " dbname=" + PQdb(conn_.get()) + " user=" + PQuser(conn_.get());
}

void Connection::cancel_running_statement() {
    if (cancel_) {
        char error[256];
        PQcancel(cancel_.get(), error, sizeof error);
    }
}

bool table_exists(Connection& connection, const std::string& qualified_name) {
    return connection
               .exec("SELECT to_regclass($1) IS NOT NULL", {qualified_name},
                     "looking for table " + qualified_name)
               .get(0, 0) == "t";
}

std::string redact_conninfo(const std::string& conninfo) {
    Options options = [&] {
        try {
            return parse_conninfo(conninfo);
        } catch (const DbError&) {
            return Options(nullptr, &PQconninfoFree);
        }
    }();
    if (!options) {
        return "(unparsable conninfo)";
    }
    std::string out;
    for (auto* option = options.get(); option->keyword; ++option) {
        if (!option->val || std::string_view(option->keyword) == "password") {
            continue;
        }
        out += out.empty() ? "" : " ";
        out += std::string(option->keyword) + "=" + option->val;
    }
    return out;
}

std::optional<std::string> conninfo_password(const std::string& conninfo) {
    if (conninfo.empty()) {
        return std::nullopt;
    }
    const Options options = parse_conninfo(conninfo);
    for (auto* option = options.get(); option->keyword; ++option) {
        if (std::string_view(option->keyword) == "password" && option->val && *option->val) {
            return std::string(option->val);
        }
    }
    return std::nullopt;
}

} // namespace offimport::db
