#include "run/pipeline.hpp"

#include "run/block_parser.hpp"
#include "run/bounded_queue.hpp"
#include "source/gzip_inflater.hpp"
#include "source/line_blocks.hpp"

#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace offimport {
namespace {

// Thrown inside the reader when the consumer stopped early; not a failure.
struct StopReading {};

// The first exception of any thread, kept for the caller.
class FirstFailure {
public:
    void record(std::exception_ptr failure) {
        std::lock_guard lock(mutex_);
        if (!failure_) {
            failure_ = failure;
        }
    }
    void rethrow_if_any() {
        if (failure_) {
            std::rethrow_exception(failure_);
        }
    }

private:
    std::mutex mutex_;
    std::exception_ptr failure_;
};

struct Stages {
    explicit Stages(unsigned threads)
        : blocks(2 * threads + 1), parsed(2 * threads + 2), buffers(3 * threads + 3) {}
    BoundedQueue<LineBlock> blocks;
    BoundedQueue<ParsedBlock> parsed;
    BufferPool buffers;
    FirstFailure failure;
    std::atomic<bool> stop{false};
    void abandon() {
        stop = true;
        blocks.abandon();
        parsed.abandon();
    }
};

// Counts the decoded bytes, for the progress line, on their way into the splitter.
class CountedText final : public TextSink {
public:
    CountedText(TextSink& inner, std::atomic<std::uint64_t>& bytes)
        : inner_(inner), bytes_(bytes) {}
    std::span<char> space() override { return inner_.space(); }
    void commit(std::size_t bytes) override {
        bytes_ += bytes;
        inner_.commit(bytes);
    }

private:
    TextSink& inner_;
    std::atomic<std::uint64_t>& bytes_;
};

void read_source(Source& source, const PipelineSettings& settings, SourceProgress& progress,
                 const CancelFlag& cancel, Stages& stages) {
    try {
        LineSplitter splitter(
            settings.block_bytes, settings.max_line_bytes,
            [&](LineBlock&& block) {
                if (stages.stop || !stages.blocks.push(std::move(block))) {
                    throw StopReading{};
                }
            },
            &stages.buffers);
        CountedText counted(splitter, progress.json_bytes);
        DecodingSink decoder(source.describe(), counted);
        source.stream([&](std::string_view bytes) { decoder(bytes); }, progress, cancel);
        decoder.finish();
        splitter.finish();
        stages.blocks.close();
    } catch (const StopReading&) {
        stages.blocks.close();
    } catch (...) {
        stages.failure.record(std::current_exception());
        stages.abandon();
    }
}

void parse_blocks(const PipelineSettings& settings, Stages& stages) {
    try {
        BlockParser parser(settings.normalise, settings.max_line_bytes, settings.extras);
        while (auto block = stages.blocks.pop()) {
            ParsedBlock parsed = parser.parse(*block);
            stages.buffers.give(std::move(block->text));
            if (!stages.parsed.push(std::move(parsed))) {
                return;
            }
        }
    } catch (...) {
        stages.failure.record(std::current_exception());
        stages.abandon();
    }
}

// Hands parsed blocks to `consume` in sequence order (parser threads finish out of order).
void deliver_in_order(Stages& stages, const std::function<bool(ParsedBlock&)>& consume) {
    std::map<std::uint64_t, ParsedBlock> waiting;
    std::uint64_t next = 0;
    while (auto block = stages.parsed.pop()) {
        waiting.emplace(block->sequence, std::move(*block));
        for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(next)) {
            if (!consume(it->second)) {
                stages.abandon();
                return;
            }
            waiting.erase(it);
            ++next;
        }
    }
}

} // namespace

void run_pipeline(Source& source, const PipelineSettings& settings, SourceProgress& progress,
                  const CancelFlag& cancel, const std::function<bool(ParsedBlock&)>& consume) {
    const unsigned threads = std::max(1u, settings.parse_threads);
    Stages stages(threads);
    std::thread reader(read_source, std::ref(source), std::cref(settings), std::ref(progress),
                       std::cref(cancel), std::ref(stages));
    std::vector<std::thread> parsers;
    for (unsigned i = 0; i < threads; ++i) {
        parsers.emplace_back(parse_blocks, std::cref(settings), std::ref(stages));
    }
    // When every parser is done, no more parsed blocks can come.
    std::thread closer([&] {
        for (auto& parser : parsers) {
            parser.join();
        }
        stages.parsed.close();
    });
    try {
        deliver_in_order(stages, consume);
    } catch (...) {
        stages.failure.record(std::current_exception());
        stages.abandon();
    }
    reader.join();
    closer.join();
    stages.failure.rethrow_if_any();
    cancel.throw_if_requested();
}

} // namespace offimport
