#include "support/dump_files.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <isa-l/igzip_lib.h>
#include <stdexcept>
#include <unistd.h>

namespace offimport::test {

TempDir::TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "offimport-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string gzip(const std::string& plain) {
    isal_zstream stream;
    isal_deflate_init(&stream);
    stream.gzip_flag = IGZIP_GZIP;
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(plain.data()));
    stream.avail_in = static_cast<std::uint32_t>(plain.size());
    std::string out(plain.size() + 1024, '\0');
    std::size_t used = 0;
    while (stream.internal_state.state != ZSTATE_END) {
        if (used == out.size()) {
            out.resize(out.size() * 2);
        }
        stream.next_out = reinterpret_cast<std::uint8_t*>(out.data() + used);
        stream.avail_out = static_cast<std::uint32_t>(out.size() - used);
        if (isal_deflate(&stream) != COMP_OK) {
            throw std::runtime_error("isal_deflate failed");
        }
        used = out.size() - stream.avail_out;
    }
    out.resize(used);
    return out;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::string read_file(const std::filesystem::path& path) {
    std::string text;
    if (FILE* file = std::fopen(path.c_str(), "rb")) {
        char buffer[65536];
        std::size_t got = 0;
        while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
            text.append(buffer, got);
        }
        std::fclose(file);
    }
    return text;
}

std::string dump_text(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line;
        text += '\n';
    }
    return text;
}

std::filesystem::path write_dump(const std::filesystem::path& path,
                                 const std::vector<std::string>& lines, bool compressed) {
    const std::string text = dump_text(lines);
    write_file(path, compressed ? gzip(text) : text);
    return path;
}

std::string read_gzip_file(const std::filesystem::path& path) {
    const std::string command = "gzip -dc '" + path.string() + "'";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        throw std::runtime_error("cannot run " + command);
    }
    std::string text;
    char buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        text.append(buffer, got);
    }
    if (pclose(pipe) != 0) {
        throw std::runtime_error(command + " failed");
    }
    return text;
}

std::filesystem::path shared_sample() {
    const char* from_env = std::getenv("OFFIMPORT_SHARED_DATA");
    const std::filesystem::path dir = from_env && *from_env ? from_env : OFFIMPORT_TEST_SHARED_DATA;
    const auto path = dir / "off-products-sample.jsonl.gz";
    return std::filesystem::exists(path) ? path : std::filesystem::path{};
}

std::filesystem::path project_dir() {
    const char* dir = std::getenv("OFFIMPORT_SOURCE_DIR");
    return dir && *dir ? dir : OFFIMPORT_TEST_SOURCE_DIR;
}

} // namespace offimport::test
