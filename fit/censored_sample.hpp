#pragma once
// Lengths of stay, some of them still going when the data end (right-censored: the stay is
// known to be at least this long). Each stay also keeps the longest it could have been seen,
// the time from its admission to the end of the data, so that a parametric bootstrap can
// censor simulated stays exactly as the real ones were.
#include <vector>

namespace kapsim::fit {

struct CensoredSample {
    std::vector<double> time;      // days; for a censored stay, its length so far
    std::vector<bool> censored;    // still staying at the end of the data
    std::vector<double> limit;     // days from admission to the end of the data

    void add(double t, bool still_staying, double until_end) {
        time.push_back(t);
        censored.push_back(still_staying);
        limit.push_back(until_end);
    }
    std::size_t size() const { return time.size(); }
    std::size_t ended() const {
        std::size_t n = 0;
        for (const bool c : censored) n += !c;
        return n;
    }
};

}  // namespace kapsim::fit
