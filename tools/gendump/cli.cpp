// GCC 12 reports a false -Wnull-dereference inside libstdc++'s std::string as inlined into
// CLI11's headers; it is not in our code, so it is silenced for this file only.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "cli.hpp"

#include "byte_size.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace gendump {

namespace {

constexpr const char* description =
    "Writes a deterministic Open Food Facts-shaped product dump (one JSON object per line)\n"
    "for testing and benchmarking offimport. The same arguments always give byte-identical\n"
    "output, on any machine.\n\n"
    "Two modes:\n"
    "  --count N          N synthetic products (~20 KB, ~170 keys each) with the traps of\n"
    "                     real data; optionally duplicate codes and invalid lines.\n"
    "  --from SAMPLE      copies of a real sample (.jsonl or .jsonl.gz) until --target-bytes\n"
    "                     of JSON are written; copy 0 is verbatim, later copies get fresh\n"
    "                     13-digit codes, unique in the whole output.\n";

constexpr const char* footer =
    "Examples:\n"
    "  offimport-gendump --count 10000 --output products.jsonl.gz\n"
    "  offimport-gendump --count 2000 --duplicate-rate 0.01 --invalid-rate 0.005 -o t.jsonl\n"
    "  offimport-gendump --from off-products-sample.jsonl.gz --target-bytes 1G -o big.jsonl.gz\n"
    "  # re-import benchmark: the same products, 5% changed, 1% deleted\n"
    "  offimport-gendump --count 100000 --change-rate 0.05 --drop-rate 0.01 -o next.jsonl.gz\n\n"
    "A summary goes to stderr unless --quiet. Exit status: 0 ok, 1 error, 2 usage error.";

struct Raw {
    Arguments args;
    std::string target_bytes;
};

void define_mode_options(CLI::App& app, Raw& raw) {
    auto* count =
        app.add_option("-n,--count", raw.args.count, "Synthetic mode: number of lines to write");
    auto* from = app.add_option("--from", raw.args.from,
                                "Copy mode: the sample to copy (.jsonl or .jsonl.gz)")
                     ->check(CLI::ExistingFile);
    auto* target = app.add_option("--target-bytes", raw.target_bytes,
                                  "Copy mode: uncompressed size to reach, e.g. 400M, 1G, 64K "
                                  "(K, M, G = powers of 1024)");
    auto* dup = app.add_option("--duplicate-rate", raw.args.duplicate_rate,
                               "Synthetic mode: fraction of lines that repeat an earlier code "
                               "with other content and an older or newer last_modified_t")
                    ->check(CLI::Range(0.0, 1.0));
    auto* invalid = app.add_option("--invalid-rate", raw.args.invalid_rate,
                                   "Synthetic mode: fraction of lines with an invalid code or "
                                   "that are not a JSON object")
                        ->check(CLI::Range(0.0, 1.0));
    count->excludes(from)->excludes(target);
    from->needs(target);
    target->needs(from);
    dup->excludes(from);
    invalid->excludes(from);
}

void define_common_options(CLI::App& app, Arguments& a) {
    app.add_option("--seed", a.seed, "Random seed (any 64-bit number)")->capture_default_str();
    app.add_option("-o,--output", a.output, "Output file, or - for stdout")->capture_default_str();
    app.add_option("--format", a.format,
                   "gzip or plain; default: gzip if the output name ends in .gz, else plain")
        ->check(CLI::IsMember({"gzip", "plain"}));
    app.add_option("--change-rate", a.change_rate,
                   "Fraction of products whose name and last_modified_t change; every other "
                   "line stays identical to the run without this option")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--drop-rate", a.drop_rate,
                   "Fraction of products left out (deleted products, for re-import tests)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_flag("-q,--quiet", a.quiet, "Print no summary on stderr");
}

// Checks CLI11 cannot express; returns an error message or "".
std::string validate(const CLI::App& app, Raw& raw) {
    Arguments& a = raw.args;
    if (a.from.empty() && app.count("--count") == 0) {
        return "give --count N, or --from SAMPLE --target-bytes SIZE (see --help)";
    }
    if (a.duplicate_rate + a.invalid_rate > 1.0) {
        return "--duplicate-rate plus --invalid-rate is more than 1";
    }
    if (!a.from.empty()) {
        const auto size = parse_byte_size(raw.target_bytes);
        if (!size) {
            return "--target-bytes: not a size: '" + raw.target_bytes + "' (try 400M or 1G)";
        }
        a.target_bytes = *size;
    }
    return {};
}

} // namespace

std::optional<Arguments> parse_arguments(int argc, char** argv, int& exit_code) {
    CLI::App app(description, "offimport-gendump");
    app.footer(footer);
    Raw raw;
    define_mode_options(app, raw);
    define_common_options(app, raw.args);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 has its own exit codes; the tool promises 0 for --help and 2 for usage errors.
        exit_code = app.exit(e) == 0 ? 0 : 2;
        return std::nullopt;
    }
    if (const std::string error = validate(app, raw); !error.empty()) {
        std::fprintf(stderr, "offimport-gendump: %s\n", error.c_str());
        exit_code = 2;
        return std::nullopt;
    }
    return raw.args;
}

} // namespace gendump
