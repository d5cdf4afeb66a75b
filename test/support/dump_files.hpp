#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace offimport::test {

// A temporary directory removed at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string gzip(const std::string& plain);
void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);
// The repository's root (OFFIMPORT_SOURCE_DIR overrides the one compiled in).
std::filesystem::path project_dir();
// Lines joined with '\n' (and a final newline), optionally gzip-compressed.
std::string dump_text(const std::vector<std::string>& lines);
std::filesystem::path write_dump(const std::filesystem::path& path,
                                 const std::vector<std::string>& lines, bool compressed);

// The decompressed content of a gzip file (through gzip -dc).
std::string read_gzip_file(const std::filesystem::path& path);

// Where ../shared/data is, or empty when this checkout has no ../shared beside it.
std::filesystem::path shared_sample();

} // namespace offimport::test
