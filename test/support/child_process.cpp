#include "support/child_process.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace offimport::test {

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& arguments,
                           const std::vector<std::string>& environment) {
    int in[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        env_strings.emplace_back(*e);
    }
    env_strings.insert(env_strings.end(), environment.begin(), environment.end());
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const auto& argument : arguments) {
            argv.push_back(const_cast<char*>(argument.c_str()));
        }
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (auto& entry : env_strings) {
            envp.push_back(entry.data());
        }
        envp.push_back(nullptr);
        ::execve(program.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(err[1]);
    stdin_fd_ = in[1];
    stderr_fd_ = err[0];
    ::fcntl(stderr_fd_, F_SETFL, O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
    if (status_ < 0 && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait();
    }
    if (stdin_fd_ >= 0) {
        ::close(stdin_fd_);
    }
    if (stderr_fd_ >= 0) {
        ::close(stderr_fd_);
    }
}

void ChildProcess::drain_stderr() {
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(stderr_fd_, buffer, sizeof buffer);
        if (got <= 0) {
            return;
        }
        stderr_.append(buffer, static_cast<std::size_t>(got));
    }
}

void ChildProcess::write_stdin(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        drain_stderr();
        const ssize_t wrote = ::write(stdin_fd_, bytes.data() + done, bytes.size() - done);
        if (wrote < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error(std::string("writing to the child failed: ") +
                                     std::strerror(errno));
        }
        done += static_cast<std::size_t>(wrote);
    }
}

void ChildProcess::close_stdin() {
    if (stdin_fd_ >= 0) {
        ::close(stdin_fd_);
        stdin_fd_ = -1;
    }
}

void ChildProcess::kill(int signal) {
    ::kill(pid_, signal);
}

int ChildProcess::wait() {
    if (status_ >= 0) {
        return status_;
    }
    close_stdin();
    int raw = 0;
    for (;;) {
        drain_stderr();
        const pid_t done = ::waitpid(pid_, &raw, WNOHANG);
        if (done == pid_) {
            break;
        }
        pollfd wait_for{stderr_fd_, POLLIN, 0};
        ::poll(&wait_for, 1, 50);
    }
    ::fcntl(stderr_fd_, F_SETFL, 0);
    drain_stderr();
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return status_;
}

int run_program(const std::string& program, const std::vector<std::string>& arguments,
                std::string& stderr_text, const std::vector<std::string>& environment,
                const std::string& stdin_bytes) {
    ChildProcess child(program, arguments, environment);
    if (!stdin_bytes.empty()) {
        child.write_stdin(stdin_bytes);
    }
    const int code = child.wait();
    stderr_text = child.stderr_text();
    return code;
}

std::string offimport_binary() {
    const char* path = std::getenv("OFFIMPORT_BINARY");
    return path && *path ? path : OFFIMPORT_TEST_BINARY;
}

std::size_t Outcome::lines() const {
    return static_cast<std::size_t>(std::count(stderr_text.begin(), stderr_text.end(), '\n'));
}

Outcome run_offimport(const std::vector<std::string>& arguments,
                      const std::vector<std::string>& environment, const std::string& stdin_bytes) {
    Outcome outcome;
    outcome.code =
        run_program(offimport_binary(), arguments, outcome.stderr_text, environment, stdin_bytes);
    return outcome;
}

} // namespace offimport::test
