#pragma once

#include "support/child_process.hpp"
#include "support/dump_files.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace offimport::test {

// A free TCP port on 127.0.0.1 (bound, then released).
int free_port();
// Waits until something accepts connections on 127.0.0.1:port; false after `seconds`.
bool wait_until_listening(int port, int seconds = 10);

// nginx serving `root` on 127.0.0.1 (ETag, Range, If-Range and conditional requests are
// nginx's own), with an access log of status and body bytes per request.
class Nginx {
public:
    explicit Nginx(const std::filesystem::path& root);
    std::string url(const std::string& path) const;
    // "status body_bytes uri" lines, one per request so far.
    std::vector<std::string> requests() const;
    std::uint64_t body_bytes_sent() const;

private:
    TempDir dir_;
    int port_;
    std::unique_ptr<ChildProcess> process_;
};

// test/http/fault_server.py: one file, one injected fault (see the script's docstring).
class FaultServer {
public:
    // `options`: more of the script's options (--no-etag, --tls-cert FILE, ...).
    FaultServer(const std::filesystem::path& file, const std::string& fault, int faults = 1,
                const std::filesystem::path& changed_file = {},
                const std::vector<std::string>& options = {});
    std::string url() const;               // https:// when serving TLS
    std::uint64_t body_bytes_sent() const; // over all requests
    std::string log() const;

private:
    TempDir dir_;
    int port_;
    bool tls_ = false;
    std::unique_ptr<ChildProcess> process_;
};

// A stand-in for Sentry's ingestion endpoint (test/http/sentry_receiver.py): records every
// envelope it is sent.
class SentryReceiver {
public:
    SentryReceiver();
    // A DSN whose events come here: http://KEY@127.0.0.1:PORT/42.
    std::string dsn(const std::string& key = "0123456789abcdef0123456789abcdef") const;
    // One JSON line per request received: path, auth, content_type, body.
    std::vector<std::string> requests() const;

private:
    TempDir dir_;
    int port_;
    std::unique_ptr<ChildProcess> process_;
};

// A self-signed certificate for 127.0.0.1 (made with the openssl command), to serve HTTPS that
// offimport verifies with source.ca_file.
struct TestCertificate {
    TestCertificate();
    TempDir dir;
    std::filesystem::path certificate() const { return dir / "cert.pem"; }
    std::filesystem::path key() const { return dir / "key.pem"; }
};

} // namespace offimport::test
