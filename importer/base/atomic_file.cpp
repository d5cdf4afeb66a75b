#include "base/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace offimport {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw std::runtime_error("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

// Closes a descriptor at the end of a scope.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

void write_all(int fd, std::string_view contents, const std::filesystem::path& path) {
    while (!contents.empty()) {
        const ssize_t wrote = ::write(fd, contents.data(), contents.size());
        if (wrote < 0 && errno == EINTR) {
            continue;
        }
        if (wrote <= 0) {
            fail("write", path);
        }
        contents.remove_prefix(static_cast<std::size_t>(wrote));
    }
}

void sync_directory(const std::filesystem::path& directory) {
    const Descriptor dir{::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd < 0 || ::fsync(dir.fd) != 0) {
        fail("sync the directory", directory);
    }
}

} // namespace

void replace_file_atomically(const std::filesystem::path& path, std::string_view contents,
                             mode_t mode) {
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string temporary = (directory / ("." + path.filename().string() + ".XXXXXX")).string();
    const Descriptor file{::mkostemp(temporary.data(), O_CLOEXEC)};
    if (file.fd < 0) {
        fail("create a temporary file beside", path);
    }
    try {
        if (::fchmod(file.fd, mode) != 0) {
            fail("set the mode of", temporary);
        }
        write_all(file.fd, contents, temporary);
        if (::fsync(file.fd) != 0) {
            fail("sync", temporary);
        }
        if (::rename(temporary.c_str(), path.c_str()) != 0) {
            fail("rename " + temporary + " to", path);
        }
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
    sync_directory(directory);
}

} // namespace offimport
