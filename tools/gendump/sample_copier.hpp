// --from mode: grows a real sample into a dump of a given size. Copy 0 of every line is
// verbatim; in copy k > 0 only the top-level "code" changes, to a fresh 13-digit code that is
// unique in the whole output, so the importer sees real product shapes at benchmark scale.
#pragma once

#include "output_sink.hpp"

#include <cstdint>
#include <string>

namespace gendump {

struct CopyOptions {
    std::string from;
    std::uint64_t target_bytes = 0;
    std::uint64_t seed = 0;
    double change_rate = 0;
    double drop_rate = 0;
};

struct CopyStats {
    std::uint64_t copies = 0; // passes over the sample (the last one may be partial)
    std::uint64_t lines = 0;  // lines written
    std::uint64_t changed = 0;
    std::uint64_t dropped = 0;
    std::uint64_t skipped = 0; // lines of copies > 0 left out: no string "code"
};

CopyStats copy_sample(const CopyOptions& options, OutputSink& sink);

} // namespace gendump
