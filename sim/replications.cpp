#include "replications.hpp"

#include <mutex>

#include <omp.h>

namespace kapsim::sim {

int effective_threads(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

void parallel_for_replications(std::size_t count, int threads, const std::function<void(std::size_t)>& body) {
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto n = static_cast<long>(count);
#pragma omp parallel for schedule(dynamic, 1) num_threads(effective_threads(threads))
    for (long r = 0; r < n; ++r) {
        try {
            body(static_cast<std::size_t>(r));
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace kapsim::sim
