#pragma once
// Runs independent replications in parallel with OpenMP. Each replication writes only its
// own slot of the result vector and draws only from its own streams, so the results are
// bitwise the same for any number of threads.
#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

namespace kapsim::sim {

// Calls `replicate(r)` for r = 0..count-1 on up to `threads` threads (0 = all cores) and
// returns the results in replication order. The first exception thrown is rethrown.
template <class Result>
std::vector<Result> run_replications(std::size_t count, int threads, const std::function<Result(std::size_t)>& replicate);

// Threads OpenMP would use for `requested` (0 = all cores).
int effective_threads(int requested);

// Implementation detail shared by all Result types: runs body(r) for each r in parallel.
void parallel_for_replications(std::size_t count, int threads, const std::function<void(std::size_t)>& body);

template <class Result>
std::vector<Result> run_replications(std::size_t count, int threads, const std::function<Result(std::size_t)>& replicate) {
    std::vector<Result> results(count);
    parallel_for_replications(count, threads, [&](std::size_t r) { results[r] = replicate(r); });
    return results;
}

}  // namespace kapsim::sim
