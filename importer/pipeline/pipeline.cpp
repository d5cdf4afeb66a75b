#include "pipeline/pipeline.hpp"

#include "pipeline/block_parser.hpp"
#include "pipeline/bounded_queue.hpp"
#include "source/gzip_inflater.hpp"
#include "source/line_blocks.hpp"
#include "source/line_numbering.hpp"

#include <condition_variable>
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
            failure_ = std::move(failure);
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

// One block at a time may hold a buffer grown for a line longer than a block, from the
// moment its buffer grows until its rows are consumed: with T parser threads, T such lines in
// flight at once would need T times the memory of the longest line.
class LargeBlockSlot {
public:
    // Waits until the slot is free and takes it; false when the run is being abandoned.
    bool take() {
        std::unique_lock lock(mutex_);
        freed_.wait(lock, [&] { return !taken_ || abandoned_; });
        taken_ = !abandoned_;
        return !abandoned_;
    }
    void give_back() {
        std::lock_guard lock(mutex_);
        taken_ = false;
        freed_.notify_all();
    }
    void abandon() {
        std::lock_guard lock(mutex_);
        abandoned_ = true;
        freed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    bool taken_ = false;
    bool abandoned_ = false;
};

// The source is read on a thread of its own, in chunks of about this size, a few of them ahead
// of the inflater: inflating is the critical path of a run (at world size, igzip's decoding is
// 85 % of the inflating thread's time and reading the file 5 %), so the read system calls, or
// a download's TLS, are better done beside it than by it.
constexpr std::size_t compressed_chunk_bytes = 1 << 20;
constexpr std::size_t compressed_chunks_ahead = 8;

// Every block buffer in flight: one being filled, the queue, one per parser; all of standard
// size except the one holding the large-block slot. And the compressed chunks read ahead.
// The memory bound of docs/operations.md counts these.
struct Stages {
    Stages(unsigned threads, std::size_t block_bytes, const CancelFlag& cancel)
        : fetch_stop(&cancel), compressed(compressed_chunks_ahead),
          chunk_buffers(compressed_chunks_ahead + 2, 2 * compressed_chunk_bytes),
          blocks(threads + 1), parsed(threads + 2),
          buffers(2 * threads + 3, LineSplitter::standard_buffer_bytes(block_bytes)) {}
    // Raised with the run's cancellation, and when the run is abandoned: the source may be
    // waiting on the network, not on the queue.
    CancelFlag fetch_stop;
    BoundedQueue<std::string> compressed;
    BufferPool chunk_buffers;
    BoundedQueue<LineBlock> blocks;
    LineNumbering numbering;
    BoundedQueue<ParsedBlock> parsed;
    BufferPool buffers;
    LargeBlockSlot large;
    FirstFailure failure;
    std::atomic<bool> stop{false};
    void abandon() {
        stop = true;
        fetch_stop.request();
        compressed.abandon();
        blocks.abandon();
        numbering.abandon();
        parsed.abandon();
        large.abandon();
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

void fetch_source(Source& source, SourceProgress& progress, const CancelFlag& cancel,
                  Stages& stages) {
    const auto stop_quietly = [&] { stages.compressed.close(); };
    try {
        std::string chunk;
        const auto hand_on = [&] {
            if (stages.stop || !stages.compressed.push(std::move(chunk))) {
                throw StopReading{};
            }
            chunk = stages.chunk_buffers.take();
            chunk.clear();
        };
        source.stream(
            [&](std::string_view bytes) {
                chunk.append(bytes);
                // Bytes go on at once when the inflater waits for them: a slow or stalled
                // download's last bytes (a corrupt gzip header, say) are not held back.
                if (chunk.size() >= compressed_chunk_bytes || stages.compressed.empty()) {
                    hand_on();
                }
            },
            progress, stages.fetch_stop);
        if (!chunk.empty()) {
            hand_on();
        }
        stages.compressed.close();
    } catch (const StopReading&) {
        stop_quietly();
    } catch (const CancelledError&) {
        if (!cancel.requested()) {
            stop_quietly(); // stopped by the pipeline, which has its reason already
            return;
        }
        stages.failure.record(std::current_exception());
        stages.abandon();
    } catch (...) {
        stages.failure.record(std::current_exception());
        stages.abandon();
    }
}

void inflate_source(const std::string& source_name, const PipelineSettings& settings,
                    SourceProgress& progress, Stages& stages) {
    try {
        LineSplitter splitter(
            settings.block_bytes, settings.max_line_bytes,
            [&](LineBlock&& block) {
                if (stages.stop || !stages.blocks.push(std::move(block))) {
                    throw StopReading{};
                }
            },
            &stages.buffers,
            [&] {
                if (!stages.large.take()) {
                    throw StopReading{};
                }
            });
        CountedText counted(splitter, progress.json_bytes);
        DecodingSink decoder(source_name, counted);
        while (auto chunk = stages.compressed.pop()) {
            decoder(*chunk);
            stages.chunk_buffers.give(std::move(*chunk));
        }
        if (stages.stop) {
            throw StopReading{}; // the fetch stopped early: the run failed or has enough
        }
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
            if (!stages.numbering.number(*block)) {
                return;
            }
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
            const bool more = consume(it->second);
            if (it->second.large) {
                stages.large.give_back();
            }
            if (!more) {
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
    Stages stages(threads, settings.block_bytes, cancel);
    std::thread fetcher(fetch_source, std::ref(source), std::ref(progress), std::cref(cancel),
                        std::ref(stages));
    std::thread inflater(inflate_source, source.describe(), std::cref(settings), std::ref(progress),
                         std::ref(stages));
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
    fetcher.join();
    inflater.join();
    closer.join();
    stages.failure.rethrow_if_any();
    cancel.throw_if_requested();
}

} // namespace offimport
