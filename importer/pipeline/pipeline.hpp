#pragma once

#include "normalise/product_row.hpp"
#include "pipeline/block_parser.hpp"
#include "pipeline/parsed_block.hpp"
#include "source/source.hpp"

#include <functional>

namespace offimport {

struct PipelineSettings {
    unsigned parse_threads = 2;
    std::size_t block_bytes = 4u << 20;
    std::uint64_t max_line_bytes = 8ull << 20;
    NormaliseSettings normalise;
    ParseExtras extras;
};

// source -> inflate -> split lines -> parse and normalise, stages on their own threads with
// bounded queues between them. `consume` runs on the calling thread with each parsed block
// in dump order; it returns false to stop reading early (a --full LIMIT reached). The first
// failure of any stage is rethrown here after every thread has stopped.
void run_pipeline(Source& source, const PipelineSettings& settings, SourceProgress& progress,
                  const CancelFlag& cancel, const std::function<bool(ParsedBlock&)>& consume);

} // namespace offimport
