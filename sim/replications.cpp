#include "replications.hpp"

#include <atomic>
#include <mutex>

#include <omp.h>

namespace kapsim::sim {

int effective_threads(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

void parallel_for_replications(std::size_t count, int threads, const std::function<void(std::size_t)>& body) {
    std::exception_ptr failure;
    std::mutex failure_mutex;
    // After a failure the remaining replications are skipped: their results would be thrown
    // away, and a replication stopped by a work limit should not be followed by more of them.
    std::atomic<bool> failed{false};
    const auto n = static_cast<long>(count);
#pragma omp parallel for schedule(dynamic, 1) num_threads(effective_threads(threads))
    for (long r = 0; r < n; ++r) {
        if (failed.load(std::memory_order_relaxed)) continue;
        try {
            body(static_cast<std::size_t>(r));
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            failed.store(true, std::memory_order_relaxed);
        }
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace kapsim::sim
