// Local clients cannot starve offimportd of descriptors: every socket counts against the cap,
// idle ones make room for newcomers, and imports keep a reserve under RLIMIT_NOFILE.
#include "daemon_process.hpp"
#include "support/import_helpers.hpp"
#include "support/skip.hpp"
#include "support/text_checks.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace offimport;
using namespace offimport::test;

namespace {

const std::string token = "s3cret-refresh-token-for-the-daemon-tests";

// Idle TCP connections to 127.0.0.1:port, closed at the end of the test.
class IdleClients {
public:
    IdleClients(int port, int count) {
        for (int i = 0; i < count; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(static_cast<std::uint16_t>(port));
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (fd >= 0 &&
                ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
                fds_.push_back(fd);
            } else if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    ~IdleClients() {
        for (const int fd : fds_) {
            ::close(fd);
        }
    }
    std::size_t size() const { return fds_.size(); }

private:
    std::vector<int> fds_;
};

std::size_t open_descriptors(int pid) {
    const auto dir = "/proc/" + std::to_string(pid) + "/fd";
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                  std::filesystem::directory_iterator{}));
}

void raise_own_descriptor_limit(rlim_t wanted) {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = std::min(std::max(limit.rlim_cur, wanted), limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < wanted) {
        skip_test("this test opens 1,500 connections; RLIMIT_NOFILE allows " +
                  std::to_string(limit.rlim_cur));
    }
}

} // namespace

TEST_CASE("1,500 idle connections: /healthz answers, a refresh imports, descriptors stay bounded") {
    raise_own_descriptor_limit(2000);
    TestDatabase database;
    TempDir dir;
    const auto dump = write_dump(dir / "dump.jsonl.gz", test_products(0, 50), true);
    DaemonSetup setup{database.conninfo(), dump.string(), never, token};
    setup.launcher = {"/usr/bin/prlimit", "--nofile=300:300"}; // 300 - 128 reserved: 172 HTTP
    DaemonProcess daemon(setup);

    IdleClients idle(daemon.port(), 1500);
    CHECK(idle.size() > 1000);
    CHECK(daemon.get("/healthz").status == 200);
    CHECK(daemon.post("/refresh?mode=full", token).status == 202);
    CHECK(eventually([&] {
        return database.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'off' AND "
                               "tablename = 'runs'") == "1" &&
               database.scalar("SELECT count(*) FROM off.runs WHERE status <> 'running'") != "0";
    }));
    CHECK(database.scalar("SELECT status FROM off.runs") == "succeeded");
    CHECK(database.scalar("SELECT count(*) FROM off.products") == "50");
    MESSAGE("offimportd holds " << open_descriptors(daemon.pid()) << " descriptors");
    CHECK(open_descriptors(daemon.pid()) <= 300 - 64); // the reserve for imports is free
    CHECK(daemon.get("/healthz").status == 200);
    daemon.signal(SIGTERM);
    CHECK(daemon.wait() == 0);
    CHECK_FALSE(contains(daemon.log(), "Too many open files"));
}
