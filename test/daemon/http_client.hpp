#pragma once

#include <string>
#include <vector>

namespace offimport::test {

struct HttpReply {
    int status = 0; // 0: no answer (connection refused or closed)
    std::string headers;
    std::string body;
};

// One HTTP/1.1 request to 127.0.0.1:port over a fresh connection ("Connection: close"), read
// to the end; plain sockets, so that tests can also send what no client library would.
HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::vector<std::string>& headers = {}, int timeout_seconds = 15);
HttpReply http_get(int port, const std::string& target);
// POST with "Authorization: Bearer <token>" unless `token` is empty.
HttpReply http_post(int port, const std::string& target, const std::string& token);
// Sends `raw` bytes as they are and reads the answer.
HttpReply http_raw(int port, const std::string& raw, int timeout_seconds = 15);

// The value of a sample in Prometheus text format, e.g.
// metric_value(text, "offimport_runs_total{mode=\"full\",result=\"failed\"}"); -1 if absent.
double metric_value(const std::string& metrics, const std::string& series);

} // namespace offimport::test
