#pragma once

#include <string>
#include <string_view>

namespace offimport {

// A statement on the ledger's tables: {schema} and {time_format} as db::in_schema fills them,
// each run status as a SQL literal spelled by to_string(RunStatus) ({running}, {succeeded},
// {skipped}, {failed}, {abandoned}), and {last_success}, the condition of last_success.hpp. So
// the words of run_kind.cpp are the only spelling, in C++ and in SQL.
std::string ledger_sql(std::string_view sql_template, std::string_view quoted_schema);

} // namespace offimport
