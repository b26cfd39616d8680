#pragma once
// Erlang's formulas, for first approximations before any simulation: offered load a
// (arrival rate times mean stay) on c places.
#include <algorithm>

namespace kapsim::sim {

// Probability that an arrival finds all c places taken in a loss system (M/M/c/c; holds for
// any stay distribution). Stable recursion B(0) = 1, B(n) = a B(n-1) / (n + a B(n-1)).
inline double erlang_b(unsigned c, double a) {
    double b = 1.0;
    for (unsigned n = 1; n <= c; ++n) b = a * b / (n + a * b);
    return b;
}

// Probability that an arrival has to wait in a delay system (M/M/c); 1 when a >= c.
inline double erlang_c(unsigned c, double a) {
    if (a >= c) return 1.0;
    const double b = erlang_b(c, a);
    return c * b / (c - a * (1 - b));
}

// Erlang A (M/M/c+M): a delay system whose waiting people leave after an exponential patience
// of mean 1/theta. Solved as the birth-death chain it is: arrivals at lambda, departures at
// min(n, c) mu + max(n - c, 0) theta, summed until the terms are negligible (they fall
// geometrically once (c mu + k theta) exceeds lambda, so the sum is finite for any load).
struct ErlangA {
    double p_wait = 0;     // an arrival finds every place taken (arrivals see time averages)
    double p_abandon = 0;  // an arrival leaves unserved: theta x mean queue / lambda
    double mean_queue = 0;
};

inline ErlangA erlang_a(unsigned c, double lambda, double mu, double theta) {
    // Terms relative to state 0, rescaled whenever they grow large so nothing overflows.
    double term = 1, total = 0, waiting = 0, queue = 0;
    for (unsigned long n = 0;; ++n) {
        total += term;
        if (n >= c) {
            waiting += term;
            queue += static_cast<double>(n - c) * term;
        }
        const double down = std::min<double>(static_cast<double>(n + 1), c) * mu +
                            static_cast<double>(n + 1 > c ? n + 1 - c : 0) * theta;
        term *= lambda / down;
        if (n > c && term < 1e-17 * total) break;
        if (n > 100000000UL) break;  // theta and mu are positive, so this is never reached in practice
        if (total > 1e250) {
            term /= total;
            waiting /= total;
            queue /= total;
            total = 1;
        }
    }
    ErlangA a;
    a.p_wait = waiting / total;
    a.mean_queue = queue / total;
    a.p_abandon = lambda > 0 ? theta * a.mean_queue / lambda : 0;
    return a;
}

}  // namespace kapsim::sim
