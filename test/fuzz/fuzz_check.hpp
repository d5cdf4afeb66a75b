#pragma once

#include <cstdio>
#include <cstdlib>

// An invariant of the layer under test. A failure prints which, and aborts: libFuzzer keeps
// the input that broke it (crash-*), and a replay of that input fails the same way.
#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "invariant broken at %s:%d: %s\n", __FILE__, __LINE__, what);     \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
