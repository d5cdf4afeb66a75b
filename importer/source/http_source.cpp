#include "source/http_source.hpp"

#include "app/version.hpp"

#include <curl/curl.h>
#include <exception>
#include <memory>
#include <stdexcept>

namespace offimport {
namespace {

// State shared with libcurl's callbacks during one transfer.
struct Transfer {
    const ByteSink* sink;
    SourceProgress* progress;
    const CancelFlag* cancel;
    std::exception_ptr failure; // an exception from the sink, rethrown after the transfer
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    try {
        transfer.cancel->throw_if_requested();
        transfer.progress->bytes_read += bytes;
        (*transfer.sink)(std::string_view(data, bytes));
        return bytes;
    } catch (...) {
        transfer.failure = std::current_exception();
        return 0; // makes libcurl abort with CURLE_WRITE_ERROR
    }
}

int on_progress(void* user, curl_off_t total, curl_off_t, curl_off_t, curl_off_t) {
    auto& transfer = *static_cast<Transfer*>(user);
    if (total > 0) {
        transfer.progress->total_bytes = static_cast<std::uint64_t>(total);
    }
    return transfer.cancel->requested() ? 1 : 0;
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

Easy make_handle(const std::string& url, const HttpSettings& settings, Transfer& transfer) {
    Easy easy(curl_easy_init(), &curl_easy_cleanup);
    if (!easy) {
        throw std::runtime_error("cannot initialise libcurl");
    }
    CURL* h = easy.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    // A 4xx/5xx status ends the transfer before an error page could be taken for the dump.
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent().c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, settings.connect_timeout_seconds);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, settings.low_speed_time_seconds);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, settings.low_speed_limit_bytes);
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 512L * 1024L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    return easy;
}

} // namespace

void init_http() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

HttpSource::HttpSource(std::string url, HttpSettings settings)
    : url_(std::move(url)), settings_(settings) {}

void HttpSource::stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) {
    Transfer transfer{&sink, &progress, &cancel, nullptr};
    Easy easy = make_handle(url_, settings_, transfer);
    char error_text[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy.get(), CURLOPT_ERRORBUFFER, error_text);
    const CURLcode result = curl_easy_perform(easy.get());
    if (transfer.failure) {
        std::rethrow_exception(transfer.failure);
    }
    cancel.throw_if_requested();
    if (result != CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
        std::string message = "download of " + url_ + " failed: ";
        if (result == CURLE_HTTP_RETURNED_ERROR) {
            message += "HTTP status " + std::to_string(status);
        } else {
            message += error_text[0] ? error_text : curl_easy_strerror(result);
        }
        throw std::runtime_error(message);
    }
}

} // namespace offimport
