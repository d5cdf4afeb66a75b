#pragma once

#include <string>
#include <string_view>

namespace offimport {

// A message from elsewhere (libpq, libcurl, the system, a server) as one clean line: every
// control character (tab, newline, carriage return, escape, ...) and every run of blanks becomes
// one space, and leading and trailing blanks go. libpq's DETAIL and HINT lines, and its tabs,
// would otherwise break a log line in two or hide a terminal escape in it.
std::string one_line(std::string_view message);

} // namespace offimport
