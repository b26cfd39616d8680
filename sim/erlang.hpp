#pragma once
// Erlang's formulas, for first approximations before any simulation: offered load a
// (arrival rate times mean stay) on c places.
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

}  // namespace kapsim::sim
