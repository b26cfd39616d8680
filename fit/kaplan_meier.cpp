#include "kaplan_meier.hpp"

#include <algorithm>
#include <numeric>

namespace kapsim::fit {

std::vector<SurvivalStep> kaplan_meier(const CensoredSample& s) {
    std::vector<std::size_t> order(s.size());
    std::iota(order.begin(), order.end(), 0);
    // Ties: ended stays before censored ones of the same length, the usual convention.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (s.time[a] != s.time[b]) return s.time[a] < s.time[b];
        return !s.censored[a] && s.censored[b];
    });
    std::vector<SurvivalStep> steps;
    double at_risk = static_cast<double>(s.size()), survival = 1;
    for (std::size_t i = 0; i < order.size();) {
        const double t = s.time[order[i]];
        double ended = 0, removed = 0;
        for (; i < order.size() && s.time[order[i]] == t; ++i) {
            ended += !s.censored[order[i]];
            removed += 1;
        }
        if (ended > 0) {
            survival *= 1 - ended / at_risk;
            steps.push_back({t, survival});
        }
        at_risk -= removed;
    }
    return steps;
}

std::vector<double> kaplan_meier_quantiles(const CensoredSample& s, std::size_t count) {
    const auto steps = kaplan_meier(s);
    const double longest = s.time.empty() ? 0 : *std::max_element(s.time.begin(), s.time.end());
    std::vector<double> values;
    std::size_t j = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(count);
        while (j < steps.size() && 1 - steps[j].survival < p) ++j;
        values.push_back(j < steps.size() ? steps[j].time : longest);
    }
    return values;
}

}  // namespace kapsim::fit
