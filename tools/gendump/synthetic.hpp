// --count mode: N synthetic products, with optional duplicates, invalid lines, changed and
// dropped products. Every line is a pure function of (seed, line index), so a run with
// --change-rate/--drop-rate differs from the plain run in exactly the chosen lines.
#pragma once

#include "output_sink.hpp"

#include <cstdint>

namespace gendump {

struct SyntheticOptions {
    std::uint64_t count = 0;
    std::uint64_t seed = 0;
    double duplicate_rate = 0;
    double invalid_rate = 0;
    double change_rate = 0;
    double drop_rate = 0;
};

struct SyntheticStats {
    std::uint64_t lines = 0; // lines written
    std::uint64_t duplicates = 0;
    std::uint64_t invalid = 0;
    std::uint64_t changed = 0;
    std::uint64_t dropped = 0;
};

SyntheticStats generate_synthetic(const SyntheticOptions& options, OutputSink& sink);

} // namespace gendump
