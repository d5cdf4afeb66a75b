// offimport-gendump: writes Open Food Facts-shaped JSONL dumps for tests and benchmarks.
#include "cli.hpp"
#include "output_sink.hpp"
#include "sample_copier.hpp"
#include "synthetic.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

namespace {

using gendump::Arguments;
using gendump::OutputFormat;

OutputFormat output_format(const Arguments& a) {
    if (!a.format.empty()) {
        return a.format == "gzip" ? OutputFormat::gzip : OutputFormat::plain;
    }
    return a.output.ends_with(".gz") ? OutputFormat::gzip : OutputFormat::plain;
}

std::string run_synthetic(const Arguments& a, gendump::OutputSink& sink) {
    const gendump::SyntheticOptions options{a.count,        a.seed,        a.duplicate_rate,
                                            a.invalid_rate, a.change_rate, a.drop_rate};
    const auto s = gendump::generate_synthetic(options, sink);
    return std::to_string(s.lines) + " lines (" + std::to_string(s.duplicates) + " duplicates, " +
           std::to_string(s.invalid) + " invalid, " + std::to_string(s.changed) + " changed, " +
           std::to_string(s.dropped) + " dropped)";
}

std::string run_copy(const Arguments& a, gendump::OutputSink& sink) {
    const gendump::CopyOptions options{a.from, a.target_bytes, a.seed, a.change_rate, a.drop_rate};
    const auto s = gendump::copy_sample(options, sink);
    return std::to_string(s.lines) + " lines in " + std::to_string(s.copies) + " copies (" +
           std::to_string(s.changed) + " changed, " + std::to_string(s.dropped) + " dropped, " +
           std::to_string(s.skipped) + " skipped for lack of a string code)";
}

void run(const Arguments& a) {
    const auto start = std::chrono::steady_clock::now();
    auto sink = gendump::OutputSink::open(a.output, output_format(a));
    const std::string summary = a.from.empty() ? run_synthetic(a, *sink) : run_copy(a, *sink);
    sink->finish();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (!a.quiet) {
        const double mb = static_cast<double>(sink->bytes()) / 1e6;
        std::fprintf(stderr, "offimport-gendump: %s; %.1f MB of JSON in %.2f s (%.0f MB/s)\n",
                     summary.c_str(), mb, elapsed.count(), mb / std::max(elapsed.count(), 1e-9));
    }
}

} // namespace

int main(int argc, char** argv) {
    int exit_code = 0;
    const auto args = gendump::parse_arguments(argc, argv, exit_code);
    if (!args) {
        return exit_code;
    }
    try {
        run(*args);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "offimport-gendump: %s\n", e.what());
        return 1;
    }
}
