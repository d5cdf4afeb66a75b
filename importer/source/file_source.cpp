#include "source/file_source.hpp"

#include "base/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace offimport {

namespace {
constexpr std::size_t read_size = 1 << 20;
}

FileSource::FileSource(std::string path) : path_(std::move(path)) {
    if (path_ == "-") {
        fd_ = STDIN_FILENO;
        return;
    }
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        const int error = errno;
        const std::string message = "cannot open source " + path_ + ": " + std::strerror(error);
        // A path that is not there or not ours to read is the user's to fix (--source).
        if (error == ENOENT || error == ENOTDIR || error == EACCES || error == ELOOP) {
            throw UsageError(message);
        }
        throw std::runtime_error(message);
    }
    struct stat info {};
    if (::fstat(fd_, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd_);
        throw UsageError("source " + path_ + " is a directory, not a dump file");
    }
}

FileSource::~FileSource() {
    if (fd_ > STDIN_FILENO) {
        ::close(fd_);
    }
}

std::string FileSource::describe() const {
    return path_ == "-" ? "standard input" : path_;
}

void FileSource::stream(const ByteSink& sink, SourceProgress& progress, const CancelFlag& cancel) {
    struct stat info {};
    if (::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode)) {
        progress.total_bytes = static_cast<std::uint64_t>(info.st_size);
        ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    std::vector<char> buffer(read_size);
    for (;;) {
        cancel.throw_if_requested();
        const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error("cannot read source " + describe() + ": " +
                                     std::strerror(errno));
        }
        if (got == 0) {
            return;
        }
        progress.bytes_read += static_cast<std::uint64_t>(got);
        sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
}

} // namespace offimport
