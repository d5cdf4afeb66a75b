#include "source/http_transfer.hpp"

#include "base/version.hpp"

#include <cctype>
#include <charconv>
#include <cstring>
#include <curl/curl.h>
#include <exception>
#include <memory>

namespace offimport {
namespace {

struct TransferState {
    const std::function<bool(const HttpResponse&)>* accept;
    const ByteSink* sink;
    SourceProgress* progress;
    const CancelFlag* cancel;
    HttpOutcome* outcome;
    bool decided = false;       // `accept` was asked
    std::exception_ptr failure; // from the sink, rethrown after the transfer
};

std::string header_value(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || strncasecmp(line.data(), name.data(), name.size()) != 0) {
        return {};
    }
    std::string_view value = line.substr(name.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
    }
    return std::string(value);
}

// The digits of `text`, whole, as a number; nothing for anything else (or an overflow).
std::optional<std::uint64_t> whole_number(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// The status of a status line ("HTTP/1.1 206 Partial Content"): its three digits, or 0 when
// there are not exactly three.
long status_code(std::string_view line) {
    const auto space = line.find(' ');
    if (space == std::string_view::npos) {
        return 0;
    }
    const auto code = line.substr(space + 1, 4);
    const bool three_digits =
        code.size() >= 3 && std::isdigit(static_cast<unsigned char>(code[0])) &&
        std::isdigit(static_cast<unsigned char>(code[1])) &&
        std::isdigit(static_cast<unsigned char>(code[2])) &&
        (code.size() == 3 || code[3] == ' ' || code[3] == '\r' || code[3] == '\n');
    return three_digits ? (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0') : 0;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<TransferState*>(user);
    read_response_header(std::string_view(data, size * count), state.outcome->response);
    return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<TransferState*>(user);
    const std::size_t bytes = size * count;
    try {
        state.cancel->throw_if_requested();
        if (!state.decided) {
            state.decided = true;
            if (!(*state.accept)(state.outcome->response)) {
                state.outcome->refused = true;
                return 0;
            }
        }
        state.outcome->body_bytes += bytes;
        state.progress->bytes_read += bytes;
        (*state.sink)(std::string_view(data, bytes));
        return bytes;
    } catch (...) {
        state.failure = std::current_exception();
        return 0; // libcurl aborts with CURLE_WRITE_ERROR
    }
}

int on_progress(void* user, curl_off_t total, curl_off_t, curl_off_t, curl_off_t) {
    auto& state = *static_cast<TransferState*>(user);
    if (total > 0 && state.outcome->response.status == 200) {
        state.progress->total_bytes = static_cast<std::uint64_t>(total);
    }
    return state.cancel->requested() ? 1 : 0;
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

bool is_https(const std::string& url) {
    return url.size() >= 8 && strncasecmp(url.c_str(), "https://", 8) == 0;
}

void set_common_options(CURL* h, const HttpSettings& settings, const std::string& url) {
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    // An https source never continues over plain http: that would hand the dump (and any
    // credentials) to whoever sits on the path.
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, is_https(url) ? "https" : "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings.ca_file.empty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, settings.ca_file.c_str());
    }
    // A 4xx/5xx status ends the transfer before an error page could be taken for the dump.
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent().c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, settings.connect_timeout_seconds);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, settings.low_speed_time_seconds);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, settings.low_speed_limit_bytes);
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 512L * 1024L);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

} // namespace

HttpOutcome perform_transfer(const HttpRequest& request, const HttpSettings& settings,
                             const std::function<bool(const HttpResponse&)>& accept,
                             const ByteSink& sink, SourceProgress& progress,
                             const CancelFlag& cancel) {
    HttpOutcome outcome;
    TransferState state{&accept, &sink, &progress, &cancel, &outcome, false, nullptr};
    Easy easy(curl_easy_init(), &curl_easy_cleanup);
    HeaderList headers(nullptr, &curl_slist_free_all);
    for (const auto& header : request.headers) {
        headers.reset(curl_slist_append(headers.release(), header.c_str()));
    }
    CURL* h = easy.get();
    set_common_options(h, settings, request.url);
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    if (request.timeout_ms > 0) {
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, request.timeout_ms);
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    const std::string range = std::to_string(request.range_from) + "-";
    if (request.range_from > 0) {
        curl_easy_setopt(h, CURLOPT_RANGE, range.c_str());
    }
    char error_text[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &state);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &state);
    const CURLcode code = curl_easy_perform(h);
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }
    cancel.throw_if_requested();
    if (code == CURLE_OK && !state.decided) {
        accept(outcome.response); // an empty body: still ask (304 and the like)
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &outcome.response.status);
    outcome.curl_code = static_cast<int>(code);
    outcome.refused_downgrade = code == CURLE_UNSUPPORTED_PROTOCOL && is_https(request.url);
    if (code != CURLE_OK) {
        outcome.error = error_text[0] ? error_text : curl_easy_strerror(code);
    }
    return outcome;
}

void read_response_header(std::string_view line, HttpResponse& response) {
    if (line.rfind("HTTP/", 0) == 0) {
        response = HttpResponse{}; // a new response (redirect, 100 Continue): start over
        response.status = status_code(line);
    } else if (auto etag = header_value(line, "ETag:"); !etag.empty()) {
        response.etag = etag;
    } else if (auto modified = header_value(line, "Last-Modified:"); !modified.empty()) {
        response.last_modified = modified;
    } else if (auto range = header_value(line, "Content-Range:"); !range.empty()) {
        // A range is part of a 206 only, and the size of a 200 is its Content-Length.
        if (response.status == 206) {
            parse_content_range(range, response);
        }
    } else if (auto length = header_value(line, "Content-Length:"); !length.empty()) {
        if (const auto value = whole_number(length); value && response.status == 200) {
            response.total_size = value;
        }
    }
}

// A resumed request continues the same version from the byte reached, or the version changed:
// a 206 from `delivered`, with each validator we had (ETag, Last-Modified) and the total size
// unchanged. Servers may ignore If-Range, so this is checked here too.
bool continues_same_version(const HttpResponse& response, std::uint64_t delivered,
                            const HttpResponse& first) {
    const bool same_version =
        (first.etag.empty() || response.etag == first.etag) &&
        (first.last_modified.empty() || response.last_modified == first.last_modified) &&
        (!first.total_size || !response.total_size || *response.total_size == *first.total_size);
    return response.status == 206 && response.range_start == delivered && same_version;
}

void parse_content_range(std::string_view value, HttpResponse& response) {
    constexpr std::string_view unit = "bytes ";
    if (value.substr(0, unit.size()) != unit) {
        return;
    }
    value.remove_prefix(unit.size());
    const auto dash = value.find('-');
    const auto slash = value.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || dash > slash) {
        return;
    }
    const auto start = whole_number(value.substr(0, dash));
    const auto end = whole_number(value.substr(dash + 1, slash - dash - 1));
    const auto total = whole_number(value.substr(slash + 1)); // "*": unknown
    // A range lies inside its file: one that ends past it is no part of the file offered.
    if (!start || !end || *end < *start || (total && *end >= *total)) {
        return;
    }
    response.range_start = start;
    response.total_size = total;
}

bool is_transient(const HttpOutcome& outcome) {
    switch (static_cast<CURLcode>(outcome.curl_code)) {
    case CURLE_HTTP_RETURNED_ERROR:
        return outcome.response.status >= 500 || outcome.response.status == 429 ||
               outcome.response.status == 408;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
        return true;
    default:
        return false;
    }
}

} // namespace offimport
