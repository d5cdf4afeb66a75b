#include "pipeline/progress.hpp"

#include <doctest/doctest.h>

using namespace offimport;

TEST_CASE("the progress line groups the product count by thousands") {
    CHECK(progress_text(1234567, 420e6, 1000e6, 42) ==
          " 42.0%  420.0/1000.0 MB  10.0 MB/s  ETA 0:58  1,234,567 products");
    CHECK(progress_text(999, 5e6, 0, 2) == "5.0 MB  2.5 MB/s  999 products");
    CHECK(progress_text(0, 0, 0, 0) == "0.0 MB  0.0 MB/s  0 products");
}
