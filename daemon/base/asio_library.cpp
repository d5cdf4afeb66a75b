// Boost.Asio's and Beast's non-template code, compiled once here instead of in every file that
// includes them (BOOST_ASIO_SEPARATE_COMPILATION, BOOST_BEAST_SEPARATE_COMPILATION): faster
// builds, and GCC 12's false -Wnull-dereference in asio's scheduler stays out of our files.
// clang-format off
#include <utility>
#include <boost/asio/impl/src.hpp>
// clang-format on
#include <boost/beast/src.hpp>
