#pragma once

#include <string>
#include <vector>

namespace offimport::test {

// A program started by a test: its standard input is a pipe the test writes to, its stderr
// is collected. The program is killed if the test ends first.
class ChildProcess {
public:
    // `environment` entries ("NAME=value") are added to the test's own environment.
    ChildProcess(const std::string& program, const std::vector<std::string>& arguments,
                 const std::vector<std::string>& environment = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void write_stdin(const std::string& bytes);
    void close_stdin();
    void kill(int signal);
    int wait(); // the exit code; 128 + signal when killed
    const std::string& stderr_text() const { return stderr_; }
    int pid() const { return pid_; }

private:
    void drain_stderr();

    int pid_ = -1;
    int stdin_fd_ = -1;
    int stderr_fd_ = -1;
    std::string stderr_;
    int status_ = -1;
};

// Runs the program to completion; returns its exit code and fills `stderr_text`.
int run_program(const std::string& program, const std::vector<std::string>& arguments,
                std::string& stderr_text, const std::vector<std::string>& environment = {},
                const std::string& stdin_bytes = {});

// The offimport binary under test (set by CTest).
std::string offimport_binary();

// What a finished program left: its exit code and standard error.
struct Outcome {
    int code = -1;
    std::string stderr_text;
    std::size_t lines() const; // lines of standard error
};

// Runs the offimport binary to completion.
Outcome run_offimport(const std::vector<std::string>& arguments,
                      const std::vector<std::string>& environment = {},
                      const std::string& stdin_bytes = {});

} // namespace offimport::test
