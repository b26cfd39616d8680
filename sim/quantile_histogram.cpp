#include "quantile_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapsim::sim {

namespace quantile_bins {
namespace {
constexpr double linear_bins_per_day = 0x1p24;
}  // namespace

double lower_edge(std::size_t bin) {
    if (bin < per_octave) return static_cast<double>(bin) / linear_bins_per_day;
    const std::size_t octave = bin / per_octave - 1, step = bin % per_octave;
    return std::ldexp(1.0 + static_cast<double>(step) / static_cast<double>(per_octave), lowest_octave + static_cast<int>(octave));
}

double width(std::size_t bin) {
    if (bin < per_octave) return 1.0 / linear_bins_per_day;
    return std::ldexp(1.0, lowest_octave + static_cast<int>(bin / per_octave - 1) - bits_per_octave);
}
}  // namespace quantile_bins

std::uint64_t QuantileSample::size() const {
    std::uint64_t n = zeros;
    for (const Bin& b : bins) n += b.count;
    return n;
}

void QuantileHistogram::add(const QuantileSample& sample) {
    zeros_ += sample.zeros;
    if (sample.bins.empty()) return;
    std::uint64_t added = 0;
    for (const auto& b : sample.bins) {
        count_of(b.index) += b.count;
        added += b.count;
    }
    if (nonzero_ == 0 || sample.smallest < smallest_) smallest_ = sample.smallest;
    if (nonzero_ == 0 || sample.largest > largest_) largest_ = sample.largest;
    nonzero_ += added;
}

void QuantileHistogram::add(const QuantileHistogram& other) {
    zeros_ += other.zeros_;
    if (other.nonzero_ == 0) return;
    for (std::size_t o = 0; o < octave_count; ++o) {
        const Octave& theirs = other.octaves_[o];
        if (theirs.empty()) continue;
        Octave& ours = octaves_[o];
        if (ours.empty()) ours.resize(quantile_bins::per_octave, 0);
        for (std::size_t i = 0; i < theirs.size(); ++i) ours[i] += theirs[i];
    }
    if (nonzero_ == 0 || other.smallest_ < smallest_) smallest_ = other.smallest_;
    if (nonzero_ == 0 || other.largest_ > largest_) largest_ = other.largest_;
    nonzero_ += other.nonzero_;
}

double QuantileHistogram::order_statistic(std::uint64_t k) const {
    if (k < zeros_) return 0.0;
    std::uint64_t rank = k - zeros_;
    if (rank == 0) return smallest_;  // the extremes are known exactly
    if (rank + 1 >= nonzero_) return largest_;
    for (std::size_t o = 0; o < octave_count; ++o)
        for (std::size_t i = 0; i < octaves_[o].size(); ++i) {
            const std::uint64_t c = octaves_[o][i];
            if (rank >= c) {
                rank -= c;
                continue;
            }
            const std::size_t b = o * quantile_bins::per_octave + i;
            const double at = quantile_bins::lower_edge(b) +
                              quantile_bins::width(b) * (static_cast<double>(rank) + 0.5) / static_cast<double>(c);
            return std::clamp(at, smallest_, largest_);
        }
    return largest_;  // not reached: k < size()
}

double QuantileHistogram::quantile(double p) const {
    const std::uint64_t n = size();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    const double h = static_cast<double>(n - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const double below = order_statistic(lo);
    const double above = lo + 1 < n ? order_statistic(lo + 1) : below;
    return below + (h - static_cast<double>(lo)) * (above - below);
}

QuantileSample QuantileHistogram::sample() const {
    QuantileSample s;
    s.zeros = zeros_;
    s.smallest = smallest_;
    s.largest = largest_;
    constexpr std::uint64_t most = std::numeric_limits<std::uint16_t>::max();
    std::size_t entries = 0;  // sized once, not grown by copying
    for (const Octave& o : octaves_)
        for (const std::uint64_t c : o) entries += static_cast<std::size_t>((c + most - 1) / most);
    s.bins.reserve(entries);
    for (std::size_t o = 0; o < octave_count; ++o)
        for (std::size_t i = 0; i < octaves_[o].size(); ++i)
            for (std::uint64_t left = octaves_[o][i]; left > 0;) {  // a count beyond 16 bits goes in parts
                const std::uint64_t part = std::min(left, most);
                s.bins.push_back({static_cast<std::uint16_t>(o * quantile_bins::per_octave + i),
                                  static_cast<std::uint16_t>(part)});
                left -= part;
            }
    return s;
}

}  // namespace kapsim::sim
