#pragma once

#include <functional>
#include <libpq-fe.h>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace offimport::db {

// A failed SQL step or connection; the message says which step and what PostgreSQL said.
class DbError : public std::runtime_error {
public:
    DbError(const std::string& message, std::string sqlstate = {})
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }

private:
    std::string sqlstate_;
};

// The server could not be reached or refused the connection: nothing was done.
class ConnectError : public DbError {
public:
    using DbError::DbError;
};

// The server answered but turned the connection away: wrong password, no such role or
// database, no pg_hba.conf entry. A setting to fix, not a moment to wait.
class ConnectionRejectedError : public ConnectError {
public:
    using ConnectError::ConnectError;
};

// The connection broke during a statement (the server restarted, was shut down or terminated
// us): a temporary failure, worth another run once the server is back.
class ConnectionLostError : public DbError {
public:
    using DbError::DbError;
};

class Result {
public:
    explicit Result(PGresult* result) : result_(result, &PQclear) {}
    int rows() const { return PQntuples(result_.get()); }
    int columns() const { return PQnfields(result_.get()); }
    std::string_view column_name(int column) const { return PQfname(result_.get(), column); }
    bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column); }
    std::string_view get(int row, int column) const {
        return {PQgetvalue(result_.get(), row, column),
                static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
    }
    std::optional<std::string> get_optional(int row, int column) const;
    long long get_int(int row, int column) const;
    std::string affected() const { return PQcmdTuples(result_.get()); }
    long long affected_rows() const;

private:
    std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

using Params = std::vector<std::optional<std::string>>;

// One libpq connection; every failing call throws DbError naming the step.
class Connection {
public:
    // `conninfo` may be empty (libpq's PG* variables apply). application_name shows this
    // program in pg_stat_activity.
    Connection(const std::string& conninfo, const std::string& application_name);

    Result exec(std::string_view sql, std::string_view step = {});
    Result exec(std::string_view sql, const Params& params, std::string_view step = {});

    void copy_start(std::string_view sql);
    void copy_send(std::string_view data);
    void copy_end();
    void copy_abort(const char* reason) noexcept; // ends COPY with an error; never throws
    // Runs `COPY ... TO STDOUT` and hands each row (text format, without its newline) to
    // `on_row`, one at a time: a result of millions of rows is never held whole.
    void copy_out(std::string_view sql, std::string_view step,
                  const std::function<void(std::string_view)>& on_row);

    std::string quote_identifier(std::string_view name) const;
    std::string describe() const; // "host=... port=... dbname=... user=..." without secrets
    // Asks the server to stop the running statement; safe from another thread.
    void cancel_running_statement();
    PGconn* raw() const { return conn_.get(); }
    bool is_broken() const { return PQstatus(conn_.get()) == CONNECTION_BAD; }

private:
    [[noreturn]] void fail(std::string_view step, PGresult* result) const;

    std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
    std::unique_ptr<PGcancel, decltype(&PQfreeCancel)> cancel_;
};

// One COPY FROM STDIN, sent in one or more pieces. Leaving it without end() (an exception)
// ends the COPY with an error, so the connection is never left inside it.
class CopyIn {
public:
    CopyIn(Connection& db, std::string_view sql, const char* abort_reason);
    ~CopyIn();
    CopyIn(const CopyIn&) = delete;
    CopyIn& operator=(const CopyIn&) = delete;
    void send(std::string_view rows) { db_.copy_send(rows); }
    void end();

private:
    Connection& db_;
    const char* abort_reason_;
    bool open_ = true;
};

// One whole COPY of `rows`.
void copy_in(Connection& db, std::string_view sql, std::string_view rows, const char* abort_reason);

// Whether `qualified_name` ("schema"."table", quoted as needed) names an existing table: before
// the first migration the bookkeeping tables do not exist, which is no error.
bool table_exists(Connection& connection, const std::string& qualified_name);

// The conninfo with any password removed, for messages and logs.
std::string redact_conninfo(const std::string& conninfo);
// The password the conninfo carries, if any (to register it as a secret to mask).
std::optional<std::string> conninfo_password(const std::string& conninfo);

} // namespace offimport::db
