// Deterministic pseudo-random numbers for the dump generator.
//
// The standard library's engines are portable but its distributions are not (their algorithms
// are implementation-defined), and the output must be byte-identical on every machine. So the
// generator is xoshiro256** seeded through splitmix64, and every derived value (bounded
// integers, probabilities) is computed here with integer or exactly representable arithmetic.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace gendump {

// splitmix64 finaliser: a bijective, well-mixing hash of a 64-bit value.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Independent random streams for one item. Giving each concern its own stream means that,
// for example, deciding whether a product is changed never shifts the numbers used to draw
// its content: a run with --change-rate 0 then equals a run without the flag.
enum class Stream : std::uint64_t {
    role = 1,     // normal, duplicate or invalid line
    content,      // mapped fields of a product
    padding,      // unmapped bulk fields
    change,       // --change-rate decision
    change_value, // the new values of a changed product
    drop,         // --drop-rate decision
    invalid,      // how an invalid line is broken
};

class Rng {
public:
    // One generator per (seed, item index, stream): item i is the same whatever the count.
    Rng(std::uint64_t seed, std::uint64_t index, Stream stream) {
        std::uint64_t x = mix64(seed) ^ mix64(index ^ 0x5bd1e9955bd1e995ULL) ^
                          mix64(static_cast<std::uint64_t>(stream) << 56);
        for (auto& word : state_) {
            x = mix64(x);
            word = x;
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, n); the modulo bias (< n / 2^64) is irrelevant for test data.
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

    // Uniform in [lo, hi].
    std::int64_t range(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    // Uniform in [0, 1) with 53 random bits: exact in IEEE double on every platform.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    bool chance(double p) { return unit() < p; }

    template <typename T>
    const T& pick(std::span<const T> items) {
        return items[below(items.size())];
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
        return (x << k) | (x >> (64 - k));
    }

    std::uint64_t state_[4];
};

} // namespace gendump
