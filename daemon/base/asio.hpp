#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>: include it first.
// clang-format off
#include <utility>
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

namespace offimport::daemon {

namespace asio = boost::asio;

// Runs a blocking call (a database query) on `pool` and resumes the awaiting coroutine with its
// result, or its exception, on the coroutine's own executor: the HTTP thread never waits for
// PostgreSQL. `call` is copied; pass a named object, never a lambda written inside the co_await
// expression: GCC 12 destroys such temporaries twice (seen as a double free under ASan).
template <typename Call>
auto offload(asio::thread_pool& pool, const Call& call) {
    using Result = decltype(call());
    return asio::async_initiate<const asio::use_awaitable_t<>, void(std::exception_ptr, Result)>(
        [&pool](auto handler, Call work) {
            asio::post(pool, [handler = std::move(handler), work = std::move(work)]() mutable {
                std::exception_ptr failure;
                Result result{};
                try {
                    result = work();
                } catch (...) {
                    failure = std::current_exception();
                }
                const auto home = asio::get_associated_executor(handler);
                asio::post(home, [handler = std::move(handler), failure,
                                  result = std::move(result)]() mutable {
                    std::move(handler)(failure, std::move(result));
                });
            });
        },
        asio::use_awaitable, call);
}

} // namespace offimport::daemon
